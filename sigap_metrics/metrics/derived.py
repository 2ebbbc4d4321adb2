"""Derived relations every metric reads, defined once here.

`cakupan` is table kepesertaan with, per coverage period, what the metrics need to count each worker once:

- `pertama`: the worker's first period (earliest start).
- `milik_mulai`: the first day this period "owns". When periods of one worker overlap, each day belongs to
  the earliest-starting period covering it, so a worker is counted once a day and always with one set of
  attributes. NULL when earlier periods cover all of this one.
- `bulan_milik_mulai` / `bulan_akhir`: the same for calendar months (a worker-month belongs to the
  earliest-starting period covering any day of the month): the period owns months
  [bulan_milik_mulai, bulan_akhir].
- `berhenti`: coverage ended with no period of the worker covering any day of the next RENEWAL_GRACE_DAYS days.
- `tetap_6` / `tetap_12` (first periods only): covered 6 / 12 months after the first start.

`calon` has one row per proposed person (nik_hash): first proposal date, first proposal that passed
verification (LOLOS), attributes of the latest proposal, the worker (if registered) and the first start.
`klaim_profil` and `peserta_profil` give each claim and each training participant the attributes of the
worker's coverage period on the event's date. All carry the worker's sex and birth year (from pekerja), so
breakdowns by sex or age need no join.

At a million workers these take a few seconds to derive, too slow for every page view, so `refresh`
materialises them as tables after each import (inside the import's transaction). It also builds
`turunan_harian` (see daily.py): per day, the events the overview counts (active-worker changes, new workers,
lapses, worker-month starts, funnel stages), in total and per value of each single filter dimension, so the
overview reads a few thousand rows instead of every coverage period. A metric reads the
tables only when they were built from exactly the current data (see `signature`); otherwise it derives
the relation inline, slower but never wrong.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from ..reference import RENEWAL_GRACE_DAYS
from ..store.connection import connect_reader, schema_version
from ..store.schema import SCHEMA_VERSION
from ..store.sql import scalar
from ..store.writer import SchemaTooNew, writing
from .daily_build import DAILY_SQL
from .query import profile_order

CAKUPAN_TABLE = "turunan_cakupan"
CALON_TABLE = "turunan_calon"
KLAIM_TABLE = "turunan_klaim"
PELATIHAN_TABLE = "turunan_pelatihan"
DAILY_TABLE = "turunan_harian"
_META_KEY = "turunan_versi"

_CAKUPAN_SQL = (
    "SELECT k.pekerja_id, k.tgl_mulai, k.tgl_akhir, k.kecamatan_kode, k.kelurahan_kode, k.sektor, k.desil,"
    " k.sumber_usulan, k.sumber_iuran, w.jenis_kelamin, w.tahun_lahir, k.urutan = 1 AS pertama,"
    " CASE WHEN k.prev_akhir IS NULL OR k.prev_akhir < k.tgl_mulai THEN k.tgl_mulai"
    "  WHEN k.prev_akhir < k.tgl_akhir THEN CAST(k.prev_akhir + 1 AS DATE) END AS milik_mulai,"
    " CASE WHEN k.prev_bulan IS NULL OR k.prev_bulan < k.bulan_mulai THEN k.bulan_mulai"
    "  WHEN k.prev_bulan < k.bulan_akhir THEN CAST(k.prev_bulan + INTERVAL 1 MONTH AS DATE) END AS bulan_milik_mulai,"
    " k.bulan_akhir, f.berhenti, CASE WHEN k.urutan = 1 THEN f.tetap_6 END AS tetap_6,"
    " CASE WHEN k.urutan = 1 THEN f.tetap_12 END AS tetap_12"
    " FROM (SELECT *, row_number() OVER w AS urutan, max(tgl_akhir) OVER wp AS prev_akhir,"
    "  CAST(max(date_trunc('month', tgl_akhir)) OVER wp AS DATE) AS prev_bulan,"
    "  CAST(date_trunc('month', tgl_mulai) AS DATE) AS bulan_mulai,"
    "  CAST(date_trunc('month', tgl_akhir) AS DATE) AS bulan_akhir"
    "  FROM kepesertaan WINDOW w AS (PARTITION BY pekerja_id ORDER BY tgl_mulai, tgl_akhir),"
    "  wp AS (PARTITION BY pekerja_id ORDER BY tgl_mulai, tgl_akhir ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
    " ) AS k"
    # Each period against every period of the same worker (itself included), once: lapse and retention flags.
    " JOIN (SELECT a.pekerja_id, a.tgl_mulai,"
    "  NOT coalesce(bool_or(b.tgl_mulai <> a.tgl_mulai AND b.tgl_mulai <= a.tgl_akhir + CAST(? AS INTEGER)"
    "   AND b.tgl_akhir > a.tgl_akhir), FALSE) AS berhenti,"
    "  bool_or(b.tgl_mulai <= CAST(a.tgl_mulai + INTERVAL 6 MONTH AS DATE)"
    "   AND b.tgl_akhir >= CAST(a.tgl_mulai + INTERVAL 6 MONTH AS DATE)) AS tetap_6,"
    "  bool_or(b.tgl_mulai <= CAST(a.tgl_mulai + INTERVAL 12 MONTH AS DATE)"
    "   AND b.tgl_akhir >= CAST(a.tgl_mulai + INTERVAL 12 MONTH AS DATE)) AS tetap_12"
    "  FROM kepesertaan AS a JOIN kepesertaan AS b ON b.pekerja_id = a.pekerja_id GROUP BY a.pekerja_id, a.tgl_mulai"
    " ) AS f ON f.pekerja_id = k.pekerja_id AND f.tgl_mulai = k.tgl_mulai"
    " LEFT JOIN pekerja AS w ON w.pekerja_id = k.pekerja_id")

_CALON_SQL = (
    "SELECT g.nik_hash, p.pekerja_id, g.tgl_usulan_pertama, g.tgl_lolos_pertama, u.kecamatan_kode,"
    " u.kelurahan_kode, u.sektor, u.desil, u.sumber_usulan, f.tgl_terdaftar"
    " FROM (SELECT nik_hash, min(tgl_usulan) AS tgl_usulan_pertama,"
    "  min(tgl_usulan) FILTER (WHERE status_verifikasi = 'LOLOS') AS tgl_lolos_pertama,"
    # the latest proposal: (date, agency) is unique per person, the loader's key
    "  arg_max(rowid, (tgl_usulan, sumber_usulan)) AS terakhir FROM usulan GROUP BY nik_hash) AS g"
    " JOIN usulan AS u ON u.rowid = g.terakhir"
    " LEFT JOIN pekerja AS p ON p.nik_hash = g.nik_hash"
    " LEFT JOIN (SELECT pekerja_id, min(tgl_mulai) AS tgl_terdaftar FROM kepesertaan GROUP BY pekerja_id) AS f"
    "  ON f.pekerja_id = p.pekerja_id")

# One row per claim with the attributes of the worker's period on the incident date (the filing date when it is
# missing): the earliest-starting period covering it, else the latest started before it, else the first one;
# and whether any coverage period of the worker contains the incident date (NULL when it is unknown).
_KLAIM_SQL = (
    "SELECT c.*, k.kecamatan_kode, k.kelurahan_kode, k.sektor, k.desil, k.sumber_usulan, k.sumber_iuran,"
    " w.jenis_kelamin, w.tahun_lahir, CASE WHEN c.tgl_kejadian IS NULL THEN NULL"
    "  ELSE coalesce(k.tgl_mulai <= c.tgl_kejadian AND k.tgl_akhir >= c.tgl_kejadian, FALSE) END AS dalam_cakupan"
    " FROM klaim AS c LEFT JOIN kepesertaan AS k ON k.pekerja_id = c.pekerja_id"
    " LEFT JOIN pekerja AS w ON w.pekerja_id = c.pekerja_id"
    " QUALIFY row_number() OVER (PARTITION BY c.no_klaim ORDER BY "
    + profile_order("coalesce(c.tgl_kejadian, c.tgl_pengajuan)") + ") = 1")
# One row per training participant, matched to a worker by the NIK hash, with the attributes of the worker's
# period on the session's first day (same rule as claims); no worker → attributes NULL.
_PELATIHAN_SQL = (
    "SELECT pp.kode_pelatihan, pp.nik_hash, pp.status, s.tgl_mulai AS sesi_mulai, s.tgl_selesai AS sesi_selesai,"
    " w.pekerja_id, k.kecamatan_kode, k.kelurahan_kode, k.sektor, k.desil, k.sumber_usulan, k.sumber_iuran,"
    " w.jenis_kelamin, w.tahun_lahir"
    " FROM pelatihan_peserta AS pp JOIN pelatihan AS s ON s.kode = pp.kode_pelatihan"
    " LEFT JOIN pekerja AS w ON w.nik_hash = pp.nik_hash LEFT JOIN kepesertaan AS k ON k.pekerja_id = w.pekerja_id"
    " QUALIFY row_number() OVER (PARTITION BY pp.kode_pelatihan, pp.nik_hash ORDER BY "
    + profile_order("s.tgl_mulai") + ") = 1")

# Programme data changes only through imports (each one a new import_log row); the period count also
# notices rows written around the loader. Anything writing programme data outside the loader must call refresh.
# Boundary loads are logged in import_log too but change nothing the derived tables read, so they do not count.
# The leading tag names the layout of the derived tables: a store whose tables were built by an older program
# (another tag, or none) is not current, so opening it rebuilds them (ui/store.py) and metrics derive inline.
_SIGNATURE = ("'h1:' || (SELECT concat_ws(':', coalesce(max(import_id), 0), count(*)) FROM import_log"
              " WHERE kind <> 'batas_wilayah') || ':' || (SELECT count(*) FROM kepesertaan)")


def signature(con: duckdb.DuckDBPyConnection) -> str:
    """What the derived tables must have been built from: the last import and the sizes of their sources."""
    return scalar(con, "SELECT " + _SIGNATURE)


# name in queries → (table holding it, SQL deriving it, whether that SQL binds the grace days)
RELATIONS = {"cakupan": (CAKUPAN_TABLE, _CAKUPAN_SQL, True), "calon": (CALON_TABLE, _CALON_SQL, False),
             "klaim_profil": (KLAIM_TABLE, _KLAIM_SQL, False),
             "peserta_profil": (PELATIHAN_TABLE, _PELATIHAN_SQL, False)}


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables from the current data. Call it inside the transaction that changed the data
    and after its import_log row is written (the import loader does), so no reader sees data and derived
    tables that disagree."""
    for table, sql, grace in RELATIONS.values():
        con.execute("CREATE OR REPLACE TABLE " + table + " AS " + sql, [RENEWAL_GRACE_DAYS + 1] if grace else [])
    con.execute("CREATE OR REPLACE TABLE " + DAILY_TABLE + " AS " + DAILY_SQL)
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [_META_KEY, signature(con)])


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """`refresh` in a transaction of its own, for a store whose data changed outside an import (the demo's
    last step, or a store whose tables are stale): readers see the old tables or the new ones, never half."""
    con.execute("BEGIN TRANSACTION")
    try:
        refresh(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the derived tables exist and were built from the data as it is now (one small query). The
    tables are checked too: a store copied table by table may carry the signature without them."""
    tables = [table for table, _, _ in RELATIONS.values()] + [DAILY_TABLE]
    return bool(scalar(con, "SELECT coalesce((SELECT value FROM meta WHERE key = ?) = " + _SIGNATURE + ", FALSE)"
                       " AND (SELECT count(*) FROM information_schema.tables WHERE table_catalog = current_database()"
                       " AND table_name IN (SELECT unnest(?::VARCHAR[]))) = ?", [_META_KEY, tables, len(tables)]))


def with_clause(con: duckdb.DuckDBPyConnection) -> tuple[str, list]:
    """'WITH cakupan AS (…), calon AS (…), klaim_profil AS (…), peserta_profil AS (…) ' and its parameters:
    the tables when current, else derived inline (a query computes only the ones it uses)."""
    current = is_current(con)
    parts, params = [], []
    for name, (table, sql, grace) in RELATIONS.items():
        if current:
            parts.append(name + " AS (SELECT * FROM " + table + ")")
        else:
            parts.append(name + " AS (" + sql + ")")
            params += [RENEWAL_GRACE_DAYS + 1] if grace else []
    return "WITH " + ", ".join(parts) + " ", params


def open_current(path: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store at `path`, migrated first (through a writer's swap) when an older
    version of the program made it: its schema, and its derived tables when they were not built from the data
    as it is by this program's definitions (the app does the same on opening, ui/store.py; without them every
    metric derives them inline, correct but far slower). Raises FileNotFoundError (no store), SchemaTooNew."""
    path = Path(path)
    con = connect_reader(path)
    version = schema_version(con)
    if version == SCHEMA_VERSION and is_current(con):
        return con
    con.close()
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(f"store {path} has schema v{version}, newer than this program (v{SCHEMA_VERSION});"
                           " upgrade SIGAP Monitor")
    with writing(path) as writer:   # opening the copy read-write applies the missing migrations
        if not is_current(writer):
            rebuild(writer)
    return connect_reader(path)
