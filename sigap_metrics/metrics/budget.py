"""Premium cost from worker-months × the rate in force, and realisation against the phase's pagu."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from .filters import NO_FILTERS, Filters, dimension, month_start

# A worker-month: a calendar month in which the worker is covered on at least one day inside [start, end].
# The rate of a month is the one in force on the month's first day.
_WORKER_MONTHS = (
    "WITH periods AS (SELECT k.pekerja_id, {dim} AS grp,"
    "   greatest(k.tgl_mulai, CAST(? AS DATE)) AS s, least(k.tgl_akhir, CAST(? AS DATE)) AS e"
    "   FROM kepesertaan AS k JOIN pekerja AS p USING (pekerja_id)"
    "   WHERE k.tgl_mulai <= ? AND k.tgl_akhir >= ?{where}),"
    " months AS (SELECT DISTINCT pekerja_id, grp, unnest(generate_series(date_trunc('month', s),"
    "   date_trunc('month', e), INTERVAL 1 MONTH))::DATE AS bulan FROM periods WHERE s <= e),"
    " rated AS (SELECT m.bulan, m.grp, (SELECT r.jkk_rp + r.jkm_rp FROM tarif_iuran AS r"
    "   WHERE r.berlaku_mulai <= m.bulan ORDER BY r.berlaku_mulai DESC LIMIT 1) AS tarif, count(*) AS pekerja_bulan"
    "   FROM months AS m GROUP BY ALL)"
    " SELECT bulan, grp, tarif, pekerja_bulan, pekerja_bulan * tarif AS iuran_rp FROM rated ORDER BY bulan, grp")


def premiums_by_month(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                      filters: Filters = NO_FILTERS, by: str | None = None) -> pd.DataFrame:
    """Worker-months, rate and premium (rupiah) per month of [start, end]; optionally split by a dimension."""
    where, params = filters.sql(end)
    if by is None:
        dim_sql, dim_params = "NULL", []
    else:
        dim = dimension(by)
        dim_sql, dim_params = dim.sql, ([end] * 4 if dim.dated else [])
    sql = _WORKER_MONTHS.format(dim=dim_sql, where=where)
    frame = con.execute(sql, dim_params + [start, end, end, start] + params).df()
    frame["bulan"] = pd.to_datetime(frame["bulan"]).dt.date
    if by is None:
        return frame.drop(columns="grp")
    return frame.rename(columns={"grp": by})


def premiums_total(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                   filters: Filters = NO_FILTERS) -> int:
    frame = premiums_by_month(con, start, end, filters)
    return int(frame["iuran_rp"].sum()) if len(frame) else 0


def phase_premiums(con: duckdb.DuckDBPyConnection, phase: dict, as_of: dt.date,
                   filters: Filters = NO_FILTERS) -> int:
    """Premiums of the phase's worker-months from its start through the end of as_of's month."""
    through = min(phase["tgl_akhir"], _month_last_day(as_of))
    return premiums_total(con, phase["tgl_mulai"], through, filters)


def _month_last_day(day: dt.date) -> dt.date:
    nxt = month_start(day.replace(day=28) + dt.timedelta(days=4))
    return nxt - dt.timedelta(days=1)
