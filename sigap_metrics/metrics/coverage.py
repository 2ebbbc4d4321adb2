"""Coverage: active workers, phases and targets, new and lapsed workers."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from ..reference import RENEWAL_GRACE_DAYS
from .filters import NO_FILTERS, Filters, dimension, month_end, month_start

_BASE = " FROM kepesertaan AS k JOIN pekerja AS p USING (pekerja_id) WHERE TRUE"


def _group(by: str | None, ref_date: dt.date) -> tuple[str, str, list]:
    """(select expression, group-by clause, params) for an optional breakdown."""
    if by is None:
        return "", "", []
    dim = dimension(by)
    params = [ref_date] * 4 if dim.dated else []
    return f"{dim.sql} AS {by}, ", " GROUP BY ALL ORDER BY 1", params


def active_workers(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
                   by: str | None = None) -> pd.DataFrame:
    """Distinct workers with a coverage period containing `as_of` (column `aktif`), optionally by a dimension."""
    select, group, gparams = _group(by, as_of)
    where, params = filters.sql(as_of)
    sql = ("SELECT " + select + "count(DISTINCT k.pekerja_id) AS aktif" + _BASE
           + " AND k.tgl_mulai <= ? AND k.tgl_akhir >= ?" + where + group)
    return con.execute(sql, gparams + [as_of, as_of] + params).df()


def active_count(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> int:
    return int(active_workers(con, as_of, filters)["aktif"].iloc[0])


def phases(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("SELECT kode, nama, tgl_mulai, tgl_akhir, target_peserta, pagu_rp FROM tahap"
                       " ORDER BY tgl_mulai").df()


def phase_at(con: duckdb.DuckDBPyConnection, day: dt.date) -> dict | None:
    """The phase whose period contains `day` (the latest-starting one if they overlap), or None."""
    row = con.execute("SELECT kode, nama, tgl_mulai, tgl_akhir, target_peserta, pagu_rp FROM tahap"
                      " WHERE tgl_mulai <= ? AND tgl_akhir >= ? ORDER BY tgl_mulai DESC LIMIT 1", [day, day]).fetchall()
    if not row:
        return None
    return dict(zip(("kode", "nama", "tgl_mulai", "tgl_akhir", "target_peserta", "pagu_rp"), row[0]))


def new_workers(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                by: str | None = None) -> pd.DataFrame:
    """Workers whose first coverage starts within [start, end] (column `baru`); attributes of that first period."""
    select, group, gparams = _group(by, end)
    where, params = filters.sql(end)
    sql = ("WITH first AS (SELECT pekerja_id, min(tgl_mulai) AS first_start FROM kepesertaan GROUP BY pekerja_id)"
           " SELECT " + select + "count(DISTINCT k.pekerja_id) AS baru" + _BASE
           + " AND (k.pekerja_id, k.tgl_mulai) IN (SELECT pekerja_id, first_start FROM first"
             " WHERE first_start BETWEEN ? AND ?)" + where + group)
    return con.execute(sql, gparams + [start, end] + params).df()


def lapsed_workers(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, as_of: dt.date | None = None,
                   filters: Filters = NO_FILTERS, by: str | None = None) -> pd.DataFrame:
    """Workers whose coverage ended within [start, end] (last covered day before `as_of`) with no period of
    theirs starting within RENEWAL_GRACE_DAYS after it (column `berhenti`)."""
    as_of = as_of or end
    select, group, gparams = _group(by, end)
    where, params = filters.sql(end)
    sql = ("SELECT " + select + "count(DISTINCT k.pekerja_id) AS berhenti" + _BASE
           + " AND k.tgl_akhir BETWEEN ? AND ? AND k.tgl_akhir < ?"
             " AND NOT EXISTS (SELECT 1 FROM kepesertaan AS r WHERE r.pekerja_id = k.pekerja_id"
             " AND r.tgl_mulai > k.tgl_mulai AND r.tgl_mulai <= k.tgl_akhir + ?)" + where + group)
    return con.execute(sql, gparams + [start, end, as_of, RENEWAL_GRACE_DAYS + 1] + params).df()


def month_window(day: dt.date) -> tuple[dt.date, dt.date]:
    return month_start(day), month_end(day)
