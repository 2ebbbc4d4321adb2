"""The one place that opens DuckDB connections, applies migrations and seeds reference data."""
from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from pathlib import Path

import duckdb

from .. import reference
from ..privacy import key_fingerprint, load_or_create_key
from ..reference.names import AREA_ALIASES, SECTOR_ALIASES
from .schema import MIGRATIONS, SCHEMA_VERSION


# The catalog name under which a reader attaches the store file (see connect_reader).
READER_CATALOG = "sigap"


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the store at `path`: read-only through `connect_reader`, else read-write, creating and migrating
    it. Writing the live store of a running app goes through `store.writing`, not through here."""
    path = Path(path)
    if read_only:
        return connect_reader(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    created = not path.exists()
    con = duckdb.connect(str(path))
    if created:
        # DuckDB creates files with the process umask (usually 0644); the store holds password hashes and KPJ
        # numbers, so it is made private before anything is written into it. Run the service with umask 077
        # so the WAL file DuckDB writes beside it is private too (docs/deploy.md).
        os.chmod(path, 0o600)
    _quiet(con)
    init(con)
    return con


def readable_by_others(path: str | os.PathLike) -> bool:
    """True when the file exists and its group or other users may read it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRGRP | stat.S_IROTH))


def private_file_warnings(*paths: str | os.PathLike) -> list[str]:
    """One warning per file (store, NIK key, sign-in state) that others may read; logged by the app at start."""
    found = [f"{path} is readable by other users of this machine; make it private: chmod 600 {path}"
             for path in paths if readable_by_others(path)]
    for text in found:
        logging.getLogger("sigap_metrics").warning(text)
    return found


def connect_reader(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store file as it is now.

    The file is attached to a fresh in-memory database rather than opened with duckdb.connect(path): the
    latter reuses a database this process already opened for the same path, which after a writer swapped in
    a new file (store/writer.py) would still be the old one. Cursors need `reader_cursor` (USE the catalog).
    Raises FileNotFoundError when there is no store."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no store at {path}")
    con = _quiet(duckdb.connect(":memory:"))
    con.execute("ATTACH ? AS sigap (READ_ONLY)", [str(path)])
    con.execute("USE sigap")
    return con


def reader_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor (own connection to the same database) that reads the attached store like its parent.

    Only the new cursor is queried: many script threads take cursors of one reader at once, and a DuckDB
    connection object must not run statements from two threads at the same time (that hangs). A connection
    without the reader's catalog (a plain store connection) refuses the USE, and its cursor is fine as it is."""
    cursor = con.cursor()
    try:
        cursor.execute("USE " + READER_CATALOG)
    except duckdb.CatalogException:
        pass
    return cursor


def _quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """No progress bar on stdout: the CLI prints exactly one JSON object, and logs stay readable."""
    con.execute("SET enable_progress_bar = false")
    return con


def connect_memory() -> duckdb.DuckDBPyConnection:
    """An in-memory store with the full schema (tests, scratch work)."""
    con = duckdb.connect(":memory:")
    init(con)
    return con


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'").fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]


def init(con: duckdb.DuckDBPyConnection) -> int:
    """Apply missing migrations and refresh reference data. Idempotent; returns the schema version."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " description VARCHAR, applied_at TIMESTAMP)")
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise RuntimeError(f"store schema v{current} is newer than this program (v{SCHEMA_VERSION}); upgrade SIGAP Monitor")
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        [migration.version, migration.description, dt.datetime.now()])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    if current < SCHEMA_VERSION or not _reference_current(con):
        seed_reference(con)
    return SCHEMA_VERSION


def _reference_current(con: duckdb.DuckDBPyConnection) -> bool:
    counts = con.execute("SELECT (SELECT count(*) FROM kecamatan), (SELECT count(*) FROM kelurahan),"
                         " (SELECT count(*) FROM sektor), (SELECT count(*) FROM sektor_alias)").fetchall()[0]
    return counts == (len(reference.KECAMATAN), len(reference.KELURAHAN), len(reference.SECTORS), len(SECTOR_ALIASES))


_CLEAR_REFERENCE = ("DELETE FROM kecamatan", "DELETE FROM kelurahan", "DELETE FROM wilayah_alias",
                    "DELETE FROM sektor", "DELETE FROM sektor_alias")


def seed_reference(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)write the reference tables from sigap_metrics.reference; seed the rate table if it is empty."""
    con.execute("BEGIN TRANSACTION")
    try:
        for statement in _CLEAR_REFERENCE:
            con.execute(statement)
        con.executemany("INSERT INTO kecamatan VALUES (?, ?, ?, ?, ?)",
                        [(a.kode, a.nama, a.lat, a.lon, a.penduduk) for a in reference.KECAMATAN])
        con.executemany("INSERT INTO kelurahan VALUES (?, ?, ?, ?, ?, ?)",
                        [(a.kode, a.nama, a.kecamatan_kode, a.lat, a.lon, a.penduduk) for a in reference.KELURAHAN])
        con.executemany("INSERT INTO wilayah_alias VALUES (?, ?, ?)",
                        [(level, alias, kode) for level, aliases in AREA_ALIASES.items()
                         for alias, kode in aliases.items()])
        con.executemany("INSERT INTO sektor VALUES (?, ?, ?)",
                        [(s.kode, s.nama_id, s.nama_en) for s in reference.SECTORS])
        con.executemany("INSERT INTO sektor_alias VALUES (?, ?)", list(SECTOR_ALIASES.items()))
        if con.execute("SELECT count(*) FROM tarif_iuran").fetchall()[0][0] == 0:
            con.executemany("INSERT INTO tarif_iuran VALUES (?, ?, ?, ?)",
                            [(r.berlaku_mulai, r.jkk_rp, r.jkm_rp, r.dasar_hukum) for r in reference.PREMIUM_RATES])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
    return rows[0][0] if rows else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    return get_meta(con, "demo") == "true"


class NikKeyMismatch(RuntimeError):
    """The NIK key in use is not the one this store's workers were hashed with."""


def nik_key(con: duckdb.DuckDBPyConnection, key_file: Path, *, record: bool = True) -> bytes:
    """The store's NIK HMAC key; the first use records its fingerprint (unless record=False: a reader's
    preview), later uses must match it."""
    key = load_or_create_key(key_file)
    fingerprint = key_fingerprint(key)
    recorded = get_meta(con, "nik_key_fingerprint")
    if recorded is None:
        if record:
            set_meta(con, "nik_key_fingerprint", fingerprint)
    elif recorded != fingerprint:
        raise NikKeyMismatch(
            f"the NIK key ({key_file} or SIGAP_NIK_KEY) is not the key this store was built with;"
            " re-imports would not match existing workers. Restore the original key.")
    return key
