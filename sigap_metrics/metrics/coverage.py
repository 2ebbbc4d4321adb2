"""Coverage: active workers, phases and targets, new and lapsed workers, retention, density per area.

Counting rules (see derived.py): a worker covered by overlapping periods counts once, with the attributes of
the earliest-starting period covering the day; filters and breakdowns apply to those attributes.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from . import daily, derived
from .filters import NO_FILTERS, Filters, add_months, month_end, month_start
from .query import aggregate, dates, filtered, pct, pct_column

FREQUENCIES = ("day", "week", "month")

# The period owning `as_of` of each worker covered that day (params: as_of, as_of).
_ACTIVE = "SELECT * FROM cakupan WHERE milik_mulai <= ? AND tgl_akhir >= ?"
# First periods starting within [start, end].
_FIRST = "SELECT * FROM cakupan WHERE pertama AND tgl_mulai BETWEEN ? AND ?"
# Lapses: periods ending within [start, end], before as_of, not renewed within the grace days; one per worker
# (its last in the window; of two ending that day, the earlier-starting, as the daily table counts it).
_LAPSED = ("SELECT * FROM cakupan WHERE berhenti AND tgl_akhir BETWEEN ? AND ? AND tgl_akhir < ?"
           " QUALIFY row_number() OVER (PARTITION BY pekerja_id ORDER BY tgl_akhir DESC, tgl_mulai) = 1")
# Periods started on or before a date (a worker may appear more than once).
_STARTED = "SELECT * FROM cakupan WHERE tgl_mulai <= ?"


def _run(con, relation: str, params: list, measures: str, *, filters: Filters, by: str | None,
         ref_date: dt.date) -> pd.DataFrame:
    prefix, prefix_params = derived.with_clause(con)
    return aggregate(con, relation, params, measures, filters=filters, by=by, ref_date=ref_date,
                     prefix=prefix, prefix_params=prefix_params)


def active_workers(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
                   by: str | None = None) -> pd.DataFrame:
    """Distinct workers with a coverage period containing `as_of` (column `aktif`), optionally by a dimension."""
    where = daily.selection(con, filters) if by is None else None
    if where is not None:
        return _one("aktif", daily.totals_through(con, as_of, ("aktif",), where)["aktif"])
    return _run(con, _ACTIVE, [as_of, as_of], "count(*) AS aktif", filters=filters, by=by, ref_date=as_of)


def _one(column: str, value: int) -> pd.DataFrame:
    """The one-row frame an unbroken-down count returns, from the daily table's answer."""
    return pd.DataFrame({column: pd.Series([value], dtype="int64")})


def active_count(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> int:
    """active_workers as a number."""
    return int(active_workers(con, as_of, filters)["aktif"].iloc[0])


def ever_enrolled(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Distinct workers with any coverage period starting on or before `as_of` (`pernah_terdaftar`). With
    filters, workers with any such period matching them: a worker who moved counts in each area they were
    enrolled in, so this is not split into groups that add up."""
    if not filters.active():   # each worker has one first period
        return _run(con, _STARTED + " AND pertama", [as_of], "count(*) AS pernah_terdaftar", filters=filters, by=None,
                    ref_date=as_of)
    return _run(con, _STARTED, [as_of], "count(DISTINCT k.pekerja_id) AS pernah_terdaftar", filters=filters,
                by=None, ref_date=as_of)


def phases(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All programme phases (tahap): code, name, period, target workers and budget ceiling (pagu)."""
    frame = con.execute("SELECT kode, nama, tgl_mulai, tgl_akhir, target_peserta, pagu_rp FROM tahap"
                        " ORDER BY tgl_mulai").df()
    return dates(frame, "tgl_mulai", "tgl_akhir")


def phase_at(con: duckdb.DuckDBPyConnection, day: dt.date) -> dict | None:
    """The phase whose period contains `day` (the latest-starting one if they overlap), or None."""
    row = con.execute("SELECT kode, nama, tgl_mulai, tgl_akhir, target_peserta, pagu_rp FROM tahap"
                      " WHERE tgl_mulai <= ? AND tgl_akhir >= ? ORDER BY tgl_mulai DESC LIMIT 1", [day, day]).fetchall()
    if not row:
        return None
    return dict(zip(("kode", "nama", "tgl_mulai", "tgl_akhir", "target_peserta", "pagu_rp"), row[0]))


def attainment(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Per phase started by `as_of`: active workers on the phase's last day (or `as_of` while it runs), its
    target and attainment (capaian_pct = aktif ÷ target × 100). Targets change from phase to phase."""
    table = phases(con)
    table = table[table["tgl_mulai"] <= as_of].reset_index(drop=True)
    table["tanggal"] = [min(end, as_of) for end in table["tgl_akhir"]]
    table["aktif"] = pd.Series([active_count(con, day, filters) for day in table["tanggal"]], index=table.index,
                               dtype="int64")
    table["capaian_pct"] = pct_column(table["aktif"], table["target_peserta"])
    return table


def new_workers(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                by: str | None = None) -> pd.DataFrame:
    """Workers whose first coverage starts within [start, end] (column `baru`); attributes of that first period."""
    where = daily.selection(con, filters) if by is None else None
    if where is not None:
        return _one("baru", daily.window_sum(con, "baru", start, end, where) if start <= end else 0)
    return _run(con, _FIRST, [start, end], "count(*) AS baru", filters=filters, by=by, ref_date=end)


def lapsed_workers(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, as_of: dt.date | None = None,
                   filters: Filters = NO_FILTERS, by: str | None = None) -> pd.DataFrame:
    """Workers whose coverage ended within [start, end] (last covered day before `as_of`) with no period of
    theirs covering any of the next RENEWAL_GRACE_DAYS days (column `berhenti`). A lapse in the last 30
    days before `as_of` is provisional: a late renewal still to be imported would undo it."""
    as_of = as_of or end
    last = min(end, as_of - dt.timedelta(days=1))
    where = daily.selection(con, filters) if by is None and daily.lapse_window_fits(start, last) else None
    if where is not None:
        return _one("berhenti", daily.window_sum(con, "berhenti", start, last, where) if start <= last else 0)
    return _run(con, _LAPSED, [start, end, as_of], "count(*) AS berhenti", filters=filters, by=by, ref_date=end)


def month_window(day: dt.date) -> tuple[dt.date, dt.date]:
    return month_start(day), month_end(day)


def sample_dates(start: dt.date, end: dt.date, freq: str = "week") -> list[dt.date]:
    """The dates of a series: every day; every 7th day counting back from `end`; or each month's last day
    (and `end` itself when it is not one). Always ends with `end`."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; choose one of {FREQUENCIES}")
    if end < start:
        return []
    if freq == "day":
        return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    if freq == "week":
        out = [end - dt.timedelta(days=7 * i) for i in range((end - start).days // 7 + 1)]
        return sorted(out)
    out, day = [], month_end(start)
    while day < end:
        out.append(day)
        day = month_end(day + dt.timedelta(days=1))
    return out + [end]


# Each period adds +1 on the first day it owns and -1 the day after it ends; the running sum is the number
# of workers covered. Sample dates take the running sum of the last event day on or before them.
_SERIES = ("SELECT t.tanggal, coalesce(c.aktif, 0) AS aktif FROM (SELECT unnest(CAST(? AS DATE[])) AS tanggal) AS t"
           " ASOF LEFT JOIN (SELECT hari, sum(sum(d)) OVER (ORDER BY hari) AS aktif FROM"
           "  (SELECT a AS hari, count(*) AS d FROM f GROUP BY a UNION ALL SELECT CAST(b + 1 AS DATE), -count(*)"
           "   FROM f GROUP BY b) GROUP BY hari) AS c ON t.tanggal >= c.hari ORDER BY t.tanggal")


def active_series(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, freq: str = "week",
                  filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Active workers at each date of `sample_dates(start, end, freq)`, with the target of the phase in force
    that day (`target`, <NA> outside any phase) and the phase's code (`tahap`): the trajectory chart's data."""
    days = sample_dates(start, end, freq)
    where = daily.selection(con, filters)
    if where is not None:
        return _with_targets(con, daily.series(con, days, where))
    prefix, prefix_params = derived.with_clause(con)
    # Each period contributes the days it owns; ages are taken at `end`.
    inner, inner_params = filtered("SELECT *, milik_mulai AS a, tgl_akhir AS b FROM cakupan"
                                   " WHERE milik_mulai IS NOT NULL AND milik_mulai <= ? AND tgl_akhir >= ?",
                                   [end, start], "k.a, k.b", filters=filters, by=None, ref_date=end)
    sql = prefix + ", f AS (" + inner + ") " + _SERIES
    return _with_targets(con, con.execute(sql, prefix_params + inner_params + [days]).df())


def _with_targets(con, frame: pd.DataFrame) -> pd.DataFrame:
    frame = dates(frame, "tanggal")
    frame["aktif"] = frame["aktif"].astype("int64")
    table = phases(con)
    targets, codes = [], []
    for day in frame["tanggal"]:
        match = table[(table["tgl_mulai"] <= day) & (table["tgl_akhir"] >= day)]
        targets.append(match["target_peserta"].iloc[-1] if len(match) else None)
        codes.append(match["kode"].iloc[-1] if len(match) else None)
    frame["target"] = pd.array(targets, dtype="Int64")
    frame["tahap"] = pd.array(codes, dtype="string")
    return frame


_RETENTION = ("SELECT CAST(date_trunc('month', k.tgl_mulai) AS DATE) AS kohort, count(*) AS peserta,"
              " count(*) FILTER (WHERE k.tetap_6) AS bertahan_6, count(*) FILTER (WHERE k.tetap_12) AS bertahan_12"
              " FROM (SELECT * FROM cakupan WHERE pertama AND tgl_mulai <= ?) AS k")


def retention(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Per monthly enrolment cohort (month of the first coverage start): cohort size (`peserta`) and workers
    still covered 6 and 12 months after their own first start (`bertahan_6`, `bertahan_12`) with the share in
    percent. A horizon is reported only once it has passed for the whole cohort (the cohort month's last day
    + 6 or 12 months on or before `as_of`); before that the columns are empty."""
    prefix, prefix_params = derived.with_clause(con)
    where, params = filters.sql(as_of)
    sql = prefix + _RETENTION + " WHERE TRUE" + where + " GROUP BY 1 ORDER BY 1"
    frame = dates(con.execute(sql, prefix_params + [as_of] + params).df(), "kohort")
    for months in (6, 12):
        ready = pd.Series([add_months(month_end(c), months) <= as_of for c in frame["kohort"]], index=frame.index,
                          dtype="bool")
        kept = frame[f"bertahan_{months}"].astype("Int64").where(ready)
        frame[f"bertahan_{months}"] = kept
        frame[f"retensi_{months}_pct"] = pct_column(kept, frame["peserta"])
    frame["peserta"] = frame["peserta"].astype("int64")
    return frame[["kohort", "peserta", "bertahan_6", "retensi_6_pct", "bertahan_12", "retensi_12_pct"]]


LEVELS = ("kecamatan", "kelurahan")


def area_coverage(con: duckdb.DuckDBPyConnection, as_of: dt.date, level: str = "kecamatan",
                  filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Every kecamatan (or kelurahan) with its residents, active workers, active workers per 1.000 residents
    (`per_1000`), its share of the phase target in proportion to residents (`alokasi_target`) and
    attainment of that allocation (`capaian_alokasi_pct`). Areas with no worker show 0."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {LEVELS}")
    counts = active_workers(con, as_of, filters, by=level).rename(columns={level: "kode"})
    if level == "kecamatan":
        areas = con.execute("SELECT kode, nama, penduduk FROM kecamatan ORDER BY kode").df()
    else:
        areas = con.execute("SELECT kode, nama, kecamatan_kode, penduduk FROM kelurahan ORDER BY kode").df()
    table = areas.merge(counts, on="kode", how="left")
    table["aktif"] = table["aktif"].fillna(0).astype("int64")
    table["per_1000"] = (table["aktif"] / table["penduduk"] * 1000).round(3)
    phase = phase_at(con, as_of)
    # The allocation of the whole city's target, so kelurahan shares are of all 56 kelurahan's residents.
    residents = con.execute("SELECT sum(penduduk) FROM " + ("kecamatan" if level == "kecamatan" else "kelurahan")
                            ).fetchall()[0][0]
    if phase is None:
        allocation = pd.Series([float("nan")] * len(table), index=table.index)
    else:
        allocation = table["penduduk"] / residents * phase["target_peserta"]
    table["capaian_alokasi_pct"] = pct_column(table["aktif"], allocation)
    table["alokasi_target"] = allocation.round(1)
    return table[[c for c in table.columns if c != "capaian_alokasi_pct"] + ["capaian_alokasi_pct"]]


def density(con: duckdb.DuckDBPyConnection, as_of: dt.date, level: str = "kecamatan",
            filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Active workers per 1.000 residents by kecamatan or kelurahan (columns kode, nama, penduduk, aktif,
    per_1000)."""
    return area_coverage(con, as_of, level, filters)[["kode", "nama", "penduduk", "aktif", "per_1000"]]


def city_density(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> float | None:
    """Active workers per 1.000 residents of the whole city."""
    residents = con.execute("SELECT sum(penduduk) FROM kecamatan").fetchall()[0][0]
    share = pct(active_count(con, as_of, filters), residents, decimals=6)
    return None if share is None else round(share * 10, 3)
