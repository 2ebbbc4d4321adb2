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

At a million workers these take a few seconds to derive, too slow for every page view, so `refresh`
materialises them as tables after each import (inside the import's transaction). A metric reads the
tables only when they were built from exactly the current data (see `signature`); otherwise it derives
the relation inline, slower but never wrong.
"""
from __future__ import annotations

import duckdb

from ..reference import RENEWAL_GRACE_DAYS
from ..store.sql import scalar

CAKUPAN_TABLE = "turunan_cakupan"
CALON_TABLE = "turunan_calon"
_META_KEY = "turunan_versi"

_CAKUPAN_SQL = (
    "SELECT k.pekerja_id, k.tgl_mulai, k.tgl_akhir, k.kecamatan_kode, k.kelurahan_kode, k.sektor, k.desil,"
    " k.sumber_usulan, k.sumber_iuran, k.urutan = 1 AS pertama,"
    " CASE WHEN k.prev_akhir IS NULL OR k.prev_akhir < k.tgl_mulai THEN k.tgl_mulai"
    "  WHEN k.prev_akhir < k.tgl_akhir THEN CAST(k.prev_akhir + 1 AS DATE) END AS milik_mulai,"
    " CASE WHEN k.prev_bulan IS NULL OR k.prev_bulan < k.bulan_mulai THEN k.bulan_mulai"
    "  WHEN k.prev_bulan < k.bulan_akhir THEN CAST(k.prev_bulan + INTERVAL 1 MONTH AS DATE) END AS bulan_milik_mulai,"
    " k.bulan_akhir,"
    " NOT EXISTS (SELECT 1 FROM kepesertaan AS r WHERE r.pekerja_id = k.pekerja_id AND r.tgl_mulai <> k.tgl_mulai"
    "  AND r.tgl_mulai <= k.tgl_akhir + CAST(? AS INTEGER) AND r.tgl_akhir > k.tgl_akhir) AS berhenti,"
    " CASE WHEN k.urutan = 1 THEN EXISTS (SELECT 1 FROM kepesertaan AS r WHERE r.pekerja_id = k.pekerja_id"
    "  AND r.tgl_mulai <= CAST(k.tgl_mulai + INTERVAL 6 MONTH AS DATE)"
    "  AND r.tgl_akhir >= CAST(k.tgl_mulai + INTERVAL 6 MONTH AS DATE)) END AS tetap_6,"
    " CASE WHEN k.urutan = 1 THEN EXISTS (SELECT 1 FROM kepesertaan AS r WHERE r.pekerja_id = k.pekerja_id"
    "  AND r.tgl_mulai <= CAST(k.tgl_mulai + INTERVAL 12 MONTH AS DATE)"
    "  AND r.tgl_akhir >= CAST(k.tgl_mulai + INTERVAL 12 MONTH AS DATE)) END AS tetap_12"
    " FROM (SELECT *, row_number() OVER w AS urutan, max(tgl_akhir) OVER wp AS prev_akhir,"
    "  CAST(max(date_trunc('month', tgl_akhir)) OVER wp AS DATE) AS prev_bulan,"
    "  CAST(date_trunc('month', tgl_mulai) AS DATE) AS bulan_mulai,"
    "  CAST(date_trunc('month', tgl_akhir) AS DATE) AS bulan_akhir"
    "  FROM kepesertaan WINDOW w AS (PARTITION BY pekerja_id ORDER BY tgl_mulai, tgl_akhir),"
    "  wp AS (PARTITION BY pekerja_id ORDER BY tgl_mulai, tgl_akhir ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
    " ) AS k")

_CALON_SQL = (
    "SELECT u.nik_hash, p.pekerja_id, u.tgl_usulan_pertama, u.tgl_lolos_pertama, u.kecamatan_kode,"
    " u.kelurahan_kode, u.sektor, u.desil, u.sumber_usulan, f.tgl_terdaftar"
    " FROM (SELECT nik_hash, kecamatan_kode, kelurahan_kode, sektor, desil, sumber_usulan,"
    "  min(tgl_usulan) OVER n AS tgl_usulan_pertama,"
    "  min(CASE WHEN status_verifikasi = 'LOLOS' THEN tgl_usulan END) OVER n AS tgl_lolos_pertama"
    "  FROM usulan WINDOW n AS (PARTITION BY nik_hash)"
    "  QUALIFY row_number() OVER (PARTITION BY nik_hash ORDER BY tgl_usulan DESC, sumber_usulan DESC) = 1) AS u"
    " LEFT JOIN pekerja AS p USING (nik_hash)"
    " LEFT JOIN (SELECT pekerja_id, min(tgl_mulai) AS tgl_terdaftar FROM kepesertaan GROUP BY pekerja_id) AS f"
    "  USING (pekerja_id)")

_SIGNATURE_SQL = ("SELECT concat_ws(':', (SELECT coalesce(max(import_id), 0) FROM import_log),"
                  " (SELECT count(*) FROM kepesertaan), (SELECT count(*) FROM usulan),"
                  " (SELECT count(*) FROM pekerja))")


def signature(con: duckdb.DuckDBPyConnection) -> str:
    """What the derived tables must have been built from: the last import and the sizes of their sources."""
    return scalar(con, _SIGNATURE_SQL)


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the derived tables from the current data. Call it inside the transaction that changed the data
    (the import loader does), so no reader sees data and derived tables that disagree."""
    con.execute("CREATE OR REPLACE TABLE " + CAKUPAN_TABLE + " AS " + _CAKUPAN_SQL, [RENEWAL_GRACE_DAYS + 1])
    con.execute("CREATE OR REPLACE TABLE " + CALON_TABLE + " AS " + _CALON_SQL)
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [_META_KEY, signature(con)])


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the derived tables exist and were built from the data as it is now."""
    built = con.execute("SELECT value FROM meta WHERE key = ?", [_META_KEY]).fetchall()
    return bool(built) and built[0][0] == signature(con)


def with_clause(con: duckdb.DuckDBPyConnection) -> tuple[str, list]:
    """'WITH cakupan AS (…), calon AS (…) ' and its parameters: the tables when current, else derived inline."""
    if is_current(con):
        return ("WITH cakupan AS (SELECT * FROM " + CAKUPAN_TABLE + "), calon AS (SELECT * FROM " + CALON_TABLE
                + ") ", [])
    return "WITH cakupan AS (" + _CAKUPAN_SQL + "), calon AS (" + _CALON_SQL + ") ", [RENEWAL_GRACE_DAYS + 1]
