"""The overview's counts, materialised per day (table `turunan_harian`, built by derived.refresh).

The overview (cards, trajectory, forecast, funnel, month-over-month) otherwise scans every coverage period
several times per view: 17.6 million rows at 10 million workers. Everything it counts is a sum of per-day
events, so `refresh` stores those events summed per day, in total (dimensi '') and per value of each single
filter dimension (dimensi = the filter's key, nilai = its value as text). A few thousand rows answer then:

- `aktif`: +1 on the first day a period owns (derived.py), −1 the day after it ends; the running sum up to a
  day is active_workers on that day.
- `baru`: first periods starting that day (new_workers over a window is the sum over its days).
- `berhenti`: workers with a lapsing period ending that day, once per worker and day (the earliest-starting
  such period gives the attributes). Two lapses of one worker lie more than RENEWAL_GRACE_DAYS + 1 days
  apart, so over a window at most that long the sum is lapsed_workers; longer windows are computed directly.
- `bulan_lanjut`: +1 on the 1st of the first month a period owns that starts after the period's own start,
  −1 on the 1st of the month after its last; `mulai_milik`: periods starting that day that own their
  starting month. Worker-months of month m within [m, d] = running `bulan_lanjut` on m + `mulai_milik` over
  [m, d] (budget.worker_months for windows starting on a 1st).
- `diusulkan`, `terverifikasi`, `terdaftar`: people proposed, verified, verified and registered that day (by
  the attributes of their latest proposal); `calon_aktif`: like `aktif` for verified candidates' coverage
  from the day they were verified (the funnel's last stage).

A request is answered here only when the derived tables are current and it has no filter or filters on one
dimension of those listed (age bands, which depend on the reference date, are not); otherwise, or with
`by`, the metric computes directly. Both give the same numbers (tests/test_metrics_daily.py).
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from ..reference import RENEWAL_GRACE_DAYS
from .filters import Filters

COLUMNS = ("aktif", "baru", "berhenti", "bulan_lanjut", "mulai_milik", "diusulkan", "terverifikasi", "terdaftar",
           "calon_aktif")
# filter key → column of the derived relations
_DIMENSION_COLUMNS = {"kecamatan": "kecamatan_kode", "kelurahan": "kelurahan_kode", "sektor": "sektor",
                      "jenis_kelamin": "jenis_kelamin", "desil": "desil", "sumber_iuran": "sumber_iuran",
                      "sumber_usulan": "sumber_usulan"}
COVERAGE_KEYS = tuple(_DIMENSION_COLUMNS)
FUNNEL_KEYS = ("kecamatan", "kelurahan", "sektor", "desil", "sumber_usulan")

_COVERAGE_ATTRS = ("{a}kecamatan_kode, {a}kelurahan_kode, {a}sektor, {a}jenis_kelamin,"
                   " CAST({a}desil AS VARCHAR) AS desil, {a}sumber_iuran, {a}sumber_usulan")
_CALON_ATTRS = ("{a}kecamatan_kode, {a}kelurahan_kode, {a}sektor, CAST(NULL AS VARCHAR) AS jenis_kelamin,"
                " CAST({a}desil AS VARCHAR) AS desil, CAST(NULL AS VARCHAR) AS sumber_iuran, {a}sumber_usulan")


def _branch(column: str, value: int, day: str, source: str, attrs: str, where: str) -> str:
    values = ", ".join(("CAST(" + str(value) + " AS INTEGER)" if c == column else "0") + " AS " + c for c in COLUMNS)
    return "SELECT CAST(" + day + " AS DATE) AS hari, " + attrs + ", " + values + " FROM " + source + " WHERE " + where


_CAKUPAN = "turunan_cakupan"
_C = _COVERAGE_ATTRS.format(a="")
_U = _CALON_ATTRS.format(a="")
# a period's first owned month that starts after the period itself (NULL: it owns no such month)
_LANJUT = ("(SELECT *, CASE WHEN bulan_milik_mulai > CAST(date_trunc('month', tgl_mulai) AS DATE)"
           " THEN bulan_milik_mulai ELSE CAST(bulan_milik_mulai + INTERVAL 1 MONTH AS DATE) END AS lanjut FROM " + _CAKUPAN + ") AS l")
_LAPSES = ("(SELECT * FROM " + _CAKUPAN + " WHERE berhenti"
           " QUALIFY row_number() OVER (PARTITION BY pekerja_id, tgl_akhir ORDER BY tgl_mulai) = 1) AS b")
_VERIFIED = ("turunan_calon AS u JOIN " + _CAKUPAN + " AS c ON c.pekerja_id = u.pekerja_id")
_COVERAGE_EVENTS = (
    _branch("aktif", 1, "milik_mulai", _CAKUPAN, _C, "milik_mulai IS NOT NULL"),
    _branch("aktif", -1, "tgl_akhir + 1", _CAKUPAN, _C, "milik_mulai IS NOT NULL"),
    _branch("baru", 1, "tgl_mulai", _CAKUPAN, _C, "pertama"),
    _branch("berhenti", 1, "tgl_akhir", _LAPSES, _C, "TRUE"),
    _branch("bulan_lanjut", 1, "lanjut", _LANJUT, _C, "lanjut <= bulan_akhir"),
    _branch("bulan_lanjut", -1, "bulan_akhir + INTERVAL 1 MONTH", _LANJUT, _C, "lanjut <= bulan_akhir"),
    _branch("mulai_milik", 1, "tgl_mulai", _CAKUPAN, _C,
            "bulan_milik_mulai = CAST(date_trunc('month', tgl_mulai) AS DATE)"),
)
_CALON_EVENTS = (
    _branch("diusulkan", 1, "tgl_usulan_pertama", "turunan_calon", _U, "tgl_usulan_pertama IS NOT NULL"),
    _branch("terverifikasi", 1, "tgl_lolos_pertama", "turunan_calon", _U, "tgl_lolos_pertama IS NOT NULL"),
    _branch("terdaftar", 1, "greatest(tgl_lolos_pertama, tgl_terdaftar)", "turunan_calon", _U,
            "tgl_lolos_pertama IS NOT NULL AND tgl_terdaftar IS NOT NULL"),
    _branch("calon_aktif", 1, "greatest(c.milik_mulai, u.tgl_lolos_pertama)", _VERIFIED, _CALON_ATTRS.format(a="u."),
            "u.tgl_lolos_pertama IS NOT NULL AND c.milik_mulai IS NOT NULL AND c.tgl_akhir >= u.tgl_lolos_pertama"),
    _branch("calon_aktif", -1, "c.tgl_akhir + 1", _VERIFIED, _CALON_ATTRS.format(a="u."),
            "u.tgl_lolos_pertama IS NOT NULL AND c.milik_mulai IS NOT NULL AND c.tgl_akhir >= u.tgl_lolos_pertama"),
)


def _per_day(branches: tuple[str, ...], columns: tuple[str, ...], keys: tuple[str, ...]) -> str:
    """The branches' events summed per day, in total and per value of each dimension of `keys` (one pass,
    one grouping set per dimension); only `columns` are summed (the others are 0 in these branches)."""
    dims = [_DIMENSION_COLUMNS[key] for key in keys]
    key_case = "CASE " + " ".join("WHEN grouping(" + col + ") = 0 THEN '" + key + "'"
                                  for key, col in zip(keys, dims)) + " ELSE '' END"
    value_case = "CASE " + " ".join("WHEN grouping(" + col + ") = 0 THEN CAST(" + col + " AS VARCHAR)"
                                    for col in dims) + " END"
    return ("SELECT " + key_case + " AS dimensi, " + value_case + " AS nilai, hari, "
            + ", ".join("sum(" + c + ") AS " + c for c in columns) + " FROM (" + " UNION ALL ".join(branches)
            + ") GROUP BY GROUPING SETS ((hari), " + ", ".join("(hari, " + col + ")" for col in dims) + ")")


# Read from the derived tables just built (derived.refresh). Coverage and funnel events are summed apart (each
# with only its own columns and dimensions: a third faster than one pass over both), then joined per day.
DAILY_SQL = ("SELECT dimensi, nilai, hari, "
             + ", ".join("CAST(coalesce(sum(" + c + "), 0) AS BIGINT) AS " + c for c in COLUMNS)
             + " FROM (" + _per_day(_COVERAGE_EVENTS, COLUMNS[:5], COVERAGE_KEYS) + " UNION ALL BY NAME "
             + _per_day(_CALON_EVENTS, COLUMNS[5:], FUNNEL_KEYS) + ") GROUP BY dimensi, nilai, hari"
             " ORDER BY dimensi, nilai, hari")


def _text(key: str, value) -> str | None:
    value = value.item() if hasattr(value, "item") else value
    if value is None:
        return None
    if key == "desil" and isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    return str(value)


def selection(con: duckdb.DuckDBPyConnection, filters: Filters, keys: tuple[str, ...] = COVERAGE_KEYS
              ) -> tuple[str, list] | None:
    """(' WHERE …' picking the table's rows for `filters`, params), or None when the table cannot answer
    (filters on more than one dimension or on one not in `keys`, or derived tables not current)."""
    from . import derived

    chosen = filters.active()
    if len(chosen) > 1 or any(key not in keys for key in chosen):
        return None
    if not derived.is_current(con):
        return None
    if not chosen:
        return " WHERE dimensi = ''", []
    (key, values), = chosen.items()
    texts = [_text(key, v) for v in values]
    return " WHERE dimensi = ? AND nilai IN (" + ", ".join("?" for _ in texts) + ")", [key] + texts


def _rows(where: str) -> str:
    return "(SELECT * FROM turunan_harian" + where + ")"


def totals_through(con: duckdb.DuckDBPyConnection, day: dt.date, columns: tuple[str, ...], where: tuple[str, list]
                   ) -> dict[str, int]:
    """Running sums of `columns` on `day` (events on or before it)."""
    assert all(c in COLUMNS for c in columns)
    sql = ("SELECT " + ", ".join("coalesce(sum(" + c + "), 0)" for c in columns) + " FROM " + _rows(where[0])
           + " WHERE hari <= ?")
    row = con.execute(sql, where[1] + [day]).fetchall()[0]
    return {c: int(v) for c, v in zip(columns, row)}


def window_sum(con: duckdb.DuckDBPyConnection, column: str, start: dt.date, end: dt.date,
               where: tuple[str, list]) -> int:
    """Sum of `column` over the days of [start, end]."""
    assert column in COLUMNS
    sql = "SELECT coalesce(sum(" + column + "), 0) FROM " + _rows(where[0]) + " WHERE hari BETWEEN ? AND ?"
    return int(con.execute(sql, where[1] + [start, end]).fetchall()[0][0])


def series(con: duckdb.DuckDBPyConnection, days: list[dt.date], where: tuple[str, list]) -> pd.DataFrame:
    """Active workers on each of `days` (columns tanggal, aktif), as coverage.active_series' query gives."""
    sql = ("SELECT t.tanggal, coalesce(c.aktif, 0) AS aktif FROM (SELECT unnest(CAST(? AS DATE[])) AS tanggal) AS t"
           " ASOF LEFT JOIN (SELECT hari, sum(sum(aktif)) OVER (ORDER BY hari) AS aktif FROM " + _rows(where[0])
           + " GROUP BY hari) AS c ON t.tanggal >= c.hari ORDER BY t.tanggal")
    return con.execute(sql, [days] + where[1]).df()


def worker_months(con: duckdb.DuckDBPyConnection, months: list[dt.date], last_days: list[dt.date],
                  where: tuple[str, list]) -> list[int]:
    """Worker-months of each month m (a 1st) within [m, its last day in `last_days`]."""
    if not months:
        return []
    sql = ("SELECT g.m, coalesce(sum(t.bulan_lanjut) FILTER (WHERE t.hari <= g.m), 0)"
           " + coalesce(sum(t.mulai_milik) FILTER (WHERE t.hari >= g.m), 0)"
           " FROM (SELECT unnest(CAST(? AS DATE[])) AS m, unnest(CAST(? AS DATE[])) AS d) AS g"
           " LEFT JOIN " + _rows(where[0]) + " AS t ON t.hari <= g.d GROUP BY g.m ORDER BY g.m")
    rows = con.execute(sql, [months, last_days] + where[1]).fetchall()
    return [int(v) for _, v in rows]


def month_counts(con: duckdb.DuckDBPyConnection, days: tuple[dt.date, ...], where: tuple[str, list]
                 ) -> list[tuple[int, int, int, int]]:
    """For each day d with month start m, from one query: active workers on d, new workers in [m, d], workers
    lapsed in [m, d) and worker-months of m within [m, d] (brief.month_over_month's coverage figures)."""
    measures, params = [], []
    for day in days:
        first = day.replace(day=1)
        measures += ["sum(aktif) FILTER (WHERE hari <= ?)", "sum(baru) FILTER (WHERE hari BETWEEN ? AND ?)",
                     "sum(berhenti) FILTER (WHERE hari BETWEEN ? AND ?)",
                     "coalesce(sum(bulan_lanjut) FILTER (WHERE hari <= ?), 0)"
                     " + coalesce(sum(mulai_milik) FILTER (WHERE hari BETWEEN ? AND ?), 0)"]
        params += [day, first, day, first, day - dt.timedelta(days=1), first, first, day]
    sql = "SELECT " + ", ".join("coalesce(" + m + ", 0)" for m in measures) + " FROM " + _rows(where[0])
    row = [int(v) for v in con.execute(sql, params + where[1]).fetchall()[0]]
    return [tuple(row[4 * i:4 * i + 4]) for i in range(len(days))]


def lapse_window_fits(start: dt.date, last: dt.date) -> bool:
    """True when at most one lapse per worker can end within [start, last] (see the module's note)."""
    return (last - start).days <= RENEWAL_GRACE_DAYS + 1
