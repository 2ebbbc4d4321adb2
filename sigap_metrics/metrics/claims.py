"""Claims (klaim) and benefits: counts and amounts by programme and status, benefits paid, days from filing to
payment, rejection rate, and claims whose incident lies outside the worker's coverage.

A claim takes the attributes (kecamatan, sector, …) of the worker's coverage period on the incident date
(the filing date when the incident date is missing): the earliest-starting period covering it, else the
latest period started before it, else the worker's first period.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from . import derived
from .filters import NO_FILTERS, Filters, dimension
from .query import aggregate, dates, pct_column

PROGRAMS = ("JKK", "JKM")
_AMOUNT = "CAST(coalesce(sum(k.nominal_rp), 0) AS BIGINT)"
STATUSES = ("DIAJUKAN", "DIVERIFIKASI", "DIBAYAR", "DITOLAK")

def _claims(con, where: str, params: list, measures: str, *, filters: Filters, by: str | None, ref_date: dt.date,
            per_program: bool = False, per_status: bool = False) -> pd.DataFrame:
    """Aggregate claims matching `where` (over klaim_profil), grouped by `by`, and by programme and status."""
    extra = (["program"] if per_program else []) + (["status"] if per_status else [])
    if not extra:
        prefix, prefix_params = derived.with_clause(con)
        return aggregate(con, "SELECT * FROM klaim_profil WHERE " + where, params, measures, filters=filters, by=by,
                         ref_date=ref_date, prefix=prefix, prefix_params=prefix_params)
    prefix, prefix_params = derived.with_clause(con)
    dim = dimension(by) if by else None
    filter_sql, filter_params = filters.sql(ref_date)
    select = ([dim.sql + " AS grp"] if dim else []) + ["k." + column + " AS " + column for column in extra]
    group = ", ".join(str(i + 1) for i in range(len(select)))
    sql = (prefix + "SELECT " + ", ".join(select) + ", " + measures
           + " FROM (SELECT * FROM klaim_profil WHERE " + where + ") AS k WHERE TRUE" + filter_sql
           + " GROUP BY " + group + " ORDER BY " + group + " NULLS LAST")
    frame = con.execute(sql, prefix_params + (dim.params(ref_date) if dim else []) + params + filter_params).df()
    return frame.rename(columns={"grp": by}) if dim else frame


def claims_by_status(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                     by: str | None = None) -> pd.DataFrame:
    """Claims filed within [start, end] by programme (JKK/JKM) and current status: count (`klaim`) and the
    amount claimed or paid (`nominal_rp`)."""
    return _claims(con, "tgl_pengajuan BETWEEN ? AND ?", [start, end],
                   "count(*) AS klaim, " + _AMOUNT + " AS nominal_rp", filters=filters, by=by, ref_date=end,
                   per_program=True, per_status=True)


def claims_filed(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                 by: str | None = None) -> pd.DataFrame:
    """Claims filed within [start, end], any programme and status (`klaim_diajukan`)."""
    return _claims(con, "tgl_pengajuan BETWEEN ? AND ?", [start, end], "count(*) AS klaim_diajukan",
                   filters=filters, by=by, ref_date=end)


def benefits_paid(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                  by: str | None = None, per_program: bool = False) -> pd.DataFrame:
    """Claims with status DIBAYAR paid within [start, end] (`klaim_dibayar`) and their benefits (`manfaat_rp`)."""
    return _claims(con, "status = 'DIBAYAR' AND tgl_bayar BETWEEN ? AND ?", [start, end],
                   "count(*) AS klaim_dibayar, " + _AMOUNT + " AS manfaat_rp", filters=filters, by=by, ref_date=end,
                   per_program=per_program)


def benefits_paid_total(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                        filters: Filters = NO_FILTERS) -> int:
    return int(benefits_paid(con, start, end, filters)["manfaat_rp"].iloc[0])


def claims_paid(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> dict:
    """Claims with status DIBAYAR paid on or before `as_of` since the programme began, and their benefits."""
    row = benefits_paid(con, dt.date.min, as_of, filters).iloc[0]
    return {"claims_paid": int(row["klaim_dibayar"]), "benefits_paid_rp": int(row["manfaat_rp"])}


def payment_days(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                 by: str | None = None, per_program: bool = False) -> pd.DataFrame:
    """Claims paid within [start, end]: their number and the median and mean days from filing to payment
    (`median_hari`, `rata_rata_hari`; the median of an even count is the mean of the middle two)."""
    frame = _claims(con, "status = 'DIBAYAR' AND tgl_bayar BETWEEN ? AND ?", [start, end],
                    "count(*) AS klaim_dibayar, median(k.tgl_bayar - k.tgl_pengajuan) AS median_hari,"
                    " round(avg(k.tgl_bayar - k.tgl_pengajuan), 2) AS rata_rata_hari", filters=filters, by=by,
                    ref_date=end, per_program=per_program)
    for column in ("median_hari", "rata_rata_hari"):
        frame[column] = frame[column].astype("float64")
    return frame


def rejection_rate(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                   by: str | None = None, per_program: bool = False) -> pd.DataFrame:
    """Of the claims filed within [start, end] that have been decided (DIBAYAR or DITOLAK): how many
    (`diputus`), how many rejected (`ditolak`), and the rejection rate (`penolakan_pct`)."""
    frame = _claims(con, "tgl_pengajuan BETWEEN ? AND ? AND status IN ('DIBAYAR', 'DITOLAK')", [start, end],
                    "count(*) AS diputus, count(*) FILTER (WHERE k.status = 'DITOLAK') AS ditolak", filters=filters,
                    by=by, ref_date=end, per_program=per_program)
    frame["penolakan_pct"] = pct_column(frame["ditolak"], frame["diputus"])
    return frame


_OUTSIDE = "tgl_pengajuan <= ? AND dalam_cakupan = FALSE"


def claims_outside_coverage_count(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
                                  by: str | None = None) -> pd.DataFrame:
    """Claims filed on or before `as_of` whose incident date lies outside every coverage period of the worker
    (`klaim_di_luar_cakupan`), with their claimed amount."""
    return _claims(con, _OUTSIDE, [as_of], "count(*) AS klaim_di_luar_cakupan, " + _AMOUNT + " AS nominal_rp",
                   filters=filters, by=by, ref_date=as_of)


def claims_outside_coverage(con: duckdb.DuckDBPyConnection, as_of: dt.date,
                            filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """The flagged claims themselves, for follow-up with BPJS-TK: claim number, programme, status, dates,
    amount, kecamatan and sector, and how many days the incident lies before or after the nearest coverage
    period (`hari_di_luar`). No NIK, KPJ, name or birth date. Not for the public page."""
    where, params = filters.sql(as_of)
    prefix, prefix_params = derived.with_clause(con)
    sql = (prefix + ", flagged AS (SELECT k.* FROM (SELECT * FROM klaim_profil WHERE " + _OUTSIDE + ") AS k"
           " WHERE TRUE" + where + ")"
           " SELECT f.no_klaim, f.program, f.status, f.tgl_kejadian, f.tgl_pengajuan, f.tgl_bayar, f.nominal_rp,"
           " f.kecamatan_kode, f.sektor, min(CASE WHEN f.tgl_kejadian < r.tgl_mulai THEN r.tgl_mulai - f.tgl_kejadian"
           "  ELSE f.tgl_kejadian - r.tgl_akhir END) AS hari_di_luar"
           " FROM flagged AS f LEFT JOIN kepesertaan AS r ON r.pekerja_id = f.pekerja_id"
           " GROUP BY ALL ORDER BY f.tgl_pengajuan, f.no_klaim")
    frame = con.execute(sql, prefix_params + [as_of] + params).df()
    frame["hari_di_luar"] = frame["hari_di_luar"].astype("Int64")
    return dates(frame, "tgl_kejadian", "tgl_pengajuan", "tgl_bayar")
