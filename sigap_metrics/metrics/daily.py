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
from . import derived
from .daily_build import COLUMNS, COVERAGE_KEYS, FUNNEL_KEYS  # noqa: F401  (FUNNEL_KEYS: selection.py reads it here)
from .filters import Filters



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
