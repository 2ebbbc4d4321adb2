"""Backup and restore of a store: a consistent copy while the app runs and imports land, with a manifest.

A backup folder holds the store file (`store.duckdb`), the sign-in state file (`auth.sqlite`, when the store
has one beside it: `X.auth.sqlite`) and `manifest.json`: when and from where, the schema version, the rows
and a content checksum per table, the NIK key's fingerprint (never the key) and a sha256 per file.

Consistent while the app runs: writers never change the live store file in place, they swap in a new one
(store/writer.py), so copying from a file descriptor opened once copies exactly one whole version of the
store, the one before an import or the one after it. The SQLite file is copied with sqlite3's backup API.

Restore refuses (exit 2) a folder whose files do not match their checksums, a schema newer than this
program, or a NIK key other than the one the backup was made with; an older schema is migrated after the
copy. It installs the store through the same swap, so a running app simply shows the restored data.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import duckdb

from ..privacy import key_fingerprint
from .auth_state import auth_state_path
from .connection import connect, connect_reader, get_meta, schema_version
from .schema import SCHEMA_VERSION
from .sql import ident
from .writer import _fsync, _probe_not_held, writer_lock

MANIFEST = "manifest.json"
STORE_FILE = "store.duckdb"
AUTH_FILE = "auth.sqlite"
FORMAT = 1
_CHUNK = 1 << 20


class BackupRefused(ValueError):
    """A backup or restore that cannot be done as asked (exit 2, nothing changed)."""


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """Rows and an order-independent hash of the rows of every table of the store (DuckDB's row hash: about
    70× faster than hashing each row as text; it may change between DuckDB versions, see `restore`)."""
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
        " AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    allowed = frozenset(names)
    sums = {}
    for name in names:
        rows, digest = con.execute(
            "SELECT count(*), coalesce(sum(hash(t)), 0) FROM " + ident(name, allowed) + " AS t"
        ).fetchall()[0]
        sums[name] = {"rows": int(rows), "checksum": str(digest)}
    return sums


def backup(store_path: Path, folder: Path, *, key: bytes | None, key_copy: tuple[Path, Path] | None = None) -> dict:
    """Write a backup of the store at `store_path` into the new folder `folder`; returns the manifest.
    `key` (the NIK key in use, if any) gives the fingerprint; `key_copy` = (key file, destination) also copies the
    key, to a path outside the folder."""
    store_path, folder = Path(store_path), Path(folder)
    if not store_path.exists():
        raise BackupRefused(f"no store at {store_path}")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupRefused(f"{folder} is not an empty folder; a backup goes into a new folder")
    if key_copy is not None and _inside(key_copy[1], folder):
        raise BackupRefused("the key copy must not go into the backup folder: keep the key apart from the data")
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    target = folder / STORE_FILE
    _probe_not_held(store_path)
    source_fd = os.open(store_path, os.O_RDONLY)   # this one version of the store, even if a writer swaps now
    try:
        _copy_fd(source_fd, target)
    finally:
        os.close(source_fd)
    files = {STORE_FILE: _file_facts(target)}
    auth_state = auth_state_path(store_path)
    if auth_state.exists():
        _sqlite_backup(auth_state, folder / AUTH_FILE)
        files[AUTH_FILE] = _file_facts(folder / AUTH_FILE)
    con = connect_reader(target)
    try:
        manifest = {
            "format": FORMAT, "created_at": dt.datetime.now().isoformat(timespec="seconds"),
            "source": str(store_path.resolve()), "schema_version": schema_version(con),
            "key_fingerprint": get_meta(con, "nik_key_fingerprint"),
            "key_in_use_fingerprint": key_fingerprint(key) if key is not None else None,
            "duckdb_version": duckdb.__version__,
            "demo": get_meta(con, "demo") == "true", "tables": table_checksums(con), "files": files,
        }
    finally:
        con.close()
    if key_copy is not None:
        key_file, destination = key_copy
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        shutil.copyfile(key_file, destination)
        manifest["key_copied_to"] = str(destination)
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupRefused(f"{folder} holds no readable {MANIFEST}: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or STORE_FILE not in manifest.get("files", {}):
        raise BackupRefused(f"{folder}/{MANIFEST} is not a SIGAP Monitor backup manifest (format {FORMAT})")
    return manifest


def verify(folder: Path) -> dict:
    """The manifest, once every file it lists is present and matches its sha256 (BackupRefused otherwise)."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    for name, facts in manifest["files"].items():
        if name not in (STORE_FILE, AUTH_FILE):
            raise BackupRefused(f"unexpected file in the manifest: {name!r}")
        path = folder / name
        if not path.is_file():
            raise BackupRefused(f"{path} is missing")
        if _sha256(path) != facts.get("sha256"):
            raise BackupRefused(f"{path} does not match its checksum in the manifest: the backup is damaged")
    return manifest


def restore(folder: Path, store_path: Path, *, key: bytes | None, replace: bool = False) -> dict:
    """Install the backup in `folder` as the store at `store_path` (and its sign-in state); returns the manifest.
    Refuses a damaged backup, a newer schema, a key that is not the backup's, or an existing store unless
    `replace`."""
    folder, store_path = Path(folder), Path(store_path)
    manifest = verify(folder)
    if int(manifest.get("schema_version") or 0) > SCHEMA_VERSION:
        raise BackupRefused(f"the backup has schema v{manifest['schema_version']}, newer than this program"
                            f" (v{SCHEMA_VERSION}); restore it with that version of SIGAP Monitor")
    recorded = manifest.get("key_fingerprint")
    if recorded is not None:
        if key is None:
            raise BackupRefused("no NIK key found (SIGAP_NIK_KEY_FILE / SIGAP_NIK_KEY): restore the key that belongs"
                                " to this backup first")
        if key_fingerprint(key) != recorded:
            raise BackupRefused("the NIK key in use is not the key this backup was made with (fingerprint differs);"
                                " use the original key, or new imports would not match existing workers")
    if store_path.exists() and not replace:
        raise BackupRefused(f"{store_path} exists; add --replace to overwrite it with the backup")
    with writer_lock(store_path):
        next_path = store_path.with_name(f"{store_path.name}.next-{os.getpid()}")
        try:
            os.close(os.open(next_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            shutil.copyfile(folder / STORE_FILE, next_path)
            con = connect_reader(next_path)
            try:
                found = table_checksums(con)
            finally:
                con.close()
            expected = manifest["tables"]
            if manifest.get("duckdb_version") != duckdb.__version__:   # another row hash: compare rows only
                found = {name: facts["rows"] for name, facts in found.items()}
                expected = {name: facts["rows"] for name, facts in expected.items()}
            if found != expected:
                raise BackupRefused("the restored store's contents do not match the manifest's table checksums")
            connect(next_path).close()   # applies migrations when the backup is older than this program
            _fsync(next_path)
            if AUTH_FILE in manifest["files"]:
                _sqlite_backup(folder / AUTH_FILE, auth_state_path(store_path))
            os.replace(next_path, store_path)
            _fsync(store_path.parent)
        finally:
            for leftover in (next_path, Path(f"{next_path}.wal")):
                leftover.unlink(missing_ok=True)
    return manifest


def _inside(path: Path, folder: Path) -> bool:
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def _copy_fd(source_fd: int, target: Path) -> None:
    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        while True:
            block = os.read(source_fd, _CHUNK * 8)
            if not block:
                break
            os.write(out, block)
        os.fsync(out)
    finally:
        os.close(out)


def _sqlite_backup(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file that others may be writing (sqlite3's online backup API)."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    os.chmod(target, 0o600)


def _file_facts(path: Path) -> dict:
    return {"sha256": _sha256(path), "bytes": path.stat().st_size}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()
