"""Premium cost from worker-months × the rate in force, realisation against the phase's pagu, cost per
worker-month, projection to year end and the benefit-to-premium ratio.

A worker-month is a calendar month in which the worker is covered on at least one day of the window; it is
counted once per worker, with the attributes of the earliest-starting period covering a day of that month.
The rate of a month is the one in force (tarif_iuran) on the month's first day.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from . import daily, derived
from .claims import benefits_paid_total
from .filters import NO_FILTERS, Filters, add_months, month_end, month_start
from .query import dates, filtered, pct

# Periods owning months of the window [start, end]: a period owns months [bulan_milik_mulai, bulan_akhir];
# it counts only if it covers a day of the window (params: last month, first month, end, start).
_OWNED = ("SELECT *, bulan_milik_mulai AS ms, bulan_akhir AS me FROM cakupan"
          " WHERE bulan_milik_mulai <= ? AND bulan_akhir >= ? AND tgl_mulai <= ? AND tgl_akhir >= ?")
# When the window starts after the 1st, a worker whose period owning the first month ended before the window
# started may still be covered later that month by another period: counted once, with the attributes of the
# earliest such period (params: first month × 3, start, last day of the first month within the window, start).
_FIRST_MONTH_RESCUE = (
    "SELECT *, CAST(? AS DATE) AS ms, CAST(? AS DATE) AS me FROM cakupan WHERE pekerja_id IN"
    " (SELECT pekerja_id FROM cakupan WHERE bulan_milik_mulai <= ? AND bulan_akhir >= ? AND tgl_akhir < ?)"
    " AND tgl_mulai <= ? AND tgl_akhir >= ?"
    " QUALIFY row_number() OVER (PARTITION BY pekerja_id ORDER BY tgl_mulai) = 1")
# Rows grouped once by (first month, last month, group); +1 in the first month counted, −1 after the last,
# clipped to the window's months; each month's count is the sum of the events up to it (params: first month,
# last month × 2, first month, last month).
_COUNT_BY_MONTH = (
    ", spans AS (SELECT ms, me, grp, count(*) AS n FROM f GROUP BY ALL),"
    " ev AS (SELECT greatest(ms, CAST(? AS DATE)) AS bulan, grp, sum(n) AS d FROM spans GROUP BY ALL"
    "  UNION ALL SELECT CAST(me + INTERVAL 1 MONTH AS DATE), grp, -sum(n) FROM spans WHERE me < ? GROUP BY ALL),"
    " grid AS (SELECT CAST(unnest(generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH)) AS DATE)"
    "  AS bulan)"
    " SELECT grid.bulan, g.grp, sum(ev.d) AS pekerja_bulan FROM grid CROSS JOIN (SELECT DISTINCT grp FROM ev) AS g"
    " JOIN ev ON ev.grp IS NOT DISTINCT FROM g.grp AND ev.bulan <= grid.bulan GROUP BY ALL")


def worker_months(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
                  by: str | None = None) -> pd.DataFrame:
    """Covered worker-months per calendar month of [start, end] (columns bulan, [by], pekerja_bulan); every
    month of the window appears (0 when none), and with `by` every group seen in the window."""
    if end < start:
        raise ValueError(f"window ends ({end}) before it starts ({start})")
    where = daily.selection(con, filters) if by is None and start.day == 1 else None
    if where is not None:   # a window from a 1st: each month's owners that started by the window's end
        months = _months(start, end)
        counts = daily.worker_months(con, months, [min(month_end(m), end) for m in months], where)
        return pd.DataFrame({"bulan": pd.Series(months, dtype="object"),
                             "pekerja_bulan": pd.Series(counts, dtype="int64")})
    prefix, prefix_params = derived.with_clause(con)
    lo, hi = month_start(start), month_start(end)
    sql, params = filtered(_OWNED, [hi, lo, end, start], "k.ms, k.me", filters=filters, by=by, ref_date=end)
    if start.day != 1:
        first_days = min(end, month_end(start))
        rescue, rescue_params = filtered(_FIRST_MONTH_RESCUE, [lo, lo, lo, lo, start, first_days, start], "k.ms, k.me",
                                         filters=filters, by=by, ref_date=end)
        sql, params = sql + " UNION ALL " + rescue, params + rescue_params
    frame = con.execute(prefix + ", f AS (" + sql + ")" + _COUNT_BY_MONTH,
                        prefix_params + params + [lo, hi, lo, hi]).df()
    frame = dates(frame, "bulan")
    months = _months(start, end)
    if by is None:
        counts = dict(zip(frame["bulan"], frame["pekerja_bulan"]))
        return pd.DataFrame({"bulan": pd.Series(months, dtype="object"),
                             "pekerja_bulan": pd.Series([int(counts.get(m, 0)) for m in months], dtype="int64")})
    frame = frame.rename(columns={"grp": by})
    frame["pekerja_bulan"] = frame["pekerja_bulan"].astype("int64")
    return frame[["bulan", by, "pekerja_bulan"]].sort_values(["bulan", by], na_position="last",
                                                             ignore_index=True)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    out, month = [], month_start(start)
    while month <= end:
        out.append(month)
        month = add_months(month, 1)
    return out


def rates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The premium rate table: effective date, JKK, JKM and total rupiah per worker per month, legal basis."""
    frame = con.execute("SELECT berlaku_mulai, jkk_rp, jkm_rp, jkk_rp + jkm_rp AS tarif, dasar_hukum FROM tarif_iuran"
                        " ORDER BY berlaku_mulai").df()
    return dates(frame, "berlaku_mulai")


def rate_on(rate_table: pd.DataFrame, day: dt.date) -> int:
    """Total monthly rate in force on `day`; ValueError when the table has none that early."""
    in_force = rate_table[rate_table["berlaku_mulai"] <= day]
    if in_force.empty:
        raise ValueError(f"no premium rate in force on {day}; add a row to tarif_iuran effective on or before it")
    return int(in_force["tarif"].iloc[-1])


def premiums_by_month(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                      filters: Filters = NO_FILTERS, by: str | None = None) -> pd.DataFrame:
    """Worker-months, rate in force (`tarif`, rupiah per worker-month) and premium (`iuran_rp`) per month of
    [start, end]; optionally split by a dimension."""
    frame = worker_months(con, start, end, filters, by)
    table = rates(con)
    frame["tarif"] = pd.Series([rate_on(table, m) for m in frame["bulan"]], index=frame.index, dtype="int64")
    frame["iuran_rp"] = frame["pekerja_bulan"] * frame["tarif"]
    columns = ["bulan"] + ([by] if by else []) + ["tarif", "pekerja_bulan", "iuran_rp"]
    return frame[columns]


def premiums_total(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                   filters: Filters = NO_FILTERS) -> int:
    """Σ worker-months × rate over [start, end]."""
    frame = premiums_by_month(con, start, end, filters)
    return int(frame["iuran_rp"].sum())


def phase_premiums(con: duckdb.DuckDBPyConnection, phase: dict, as_of: dt.date,
                   filters: Filters = NO_FILTERS) -> int:
    """Premiums of the phase's worker-months from its start through the end of as_of's month."""
    through = min(phase["tgl_akhir"], month_end(as_of))
    if through < phase["tgl_mulai"]:
        return 0
    return premiums_total(con, phase["tgl_mulai"], through, filters)


def _invoices(con, first_month: dt.date, last_month: dt.date, paid_by: dt.date) -> int:
    """Premium invoices (pembayaran) for months [first_month, last_month] paid on or before `paid_by`."""
    return int(con.execute("SELECT coalesce(sum(nominal_rp), 0) FROM pembayaran WHERE periode BETWEEN ? AND ?"
                           " AND (tgl_bayar IS NULL OR tgl_bayar <= ?)",
                           [month_start(first_month), month_start(last_month), paid_by]).fetchall()[0][0])


def realisation(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Per phase started by `as_of`: pagu, premiums of its worker-months through the end of as_of's month
    (`iuran_rp`), realisation (`realisasi_pct` = iuran_rp ÷ pagu × 100), and premium invoices actually paid
    for those months by `as_of` (`dibayar_rp`, from pembayaran; empty when filters are set, since invoices
    are city-wide)."""
    from .coverage import phases

    table = phases(con)
    table = table[table["tgl_mulai"] <= as_of].reset_index(drop=True)
    premiums, paid = [], []
    for phase in table.to_dict("records"):
        premiums.append(phase_premiums(con, phase, as_of, filters))
        through = min(phase["tgl_akhir"], month_end(as_of))
        paid.append(None if filters.active() else _invoices(con, phase["tgl_mulai"], through, as_of))
    table["iuran_rp"] = pd.Series(premiums, index=table.index, dtype="int64")
    table["realisasi_pct"] = [pct(i, p) for i, p in zip(table["iuran_rp"], table["pagu_rp"])]
    table["realisasi_pct"] = table["realisasi_pct"].astype("float64")
    table["dibayar_rp"] = pd.array(paid, dtype="Int64")
    return table


def cost_per_worker_month(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                          filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row: worker-months of [start, end], their premiums, premium per covered worker-month, and (without
    filters) invoices paid for those months and the amount paid per covered worker-month."""
    frame = premiums_by_month(con, start, end, filters)
    months, premiums = int(frame["pekerja_bulan"].sum()), int(frame["iuran_rp"].sum())
    paid = None if filters.active() else _invoices(con, start, end, dt.date.max)
    return pd.DataFrame({
        "pekerja_bulan": [months], "iuran_rp": [premiums],
        "biaya_per_pekerja_bulan_rp": pd.array([premiums / months if months else None], dtype="Float64"),
        "dibayar_rp": pd.array([paid], dtype="Int64"),
        "dibayar_per_pekerja_bulan_rp": pd.array([paid / months if months and paid is not None else None],
                                                 dtype="Float64")})


def projected_months(con: duckdb.DuckDBPyConnection, workers: int, after: dt.date, through: dt.date) -> pd.DataFrame:
    """The projection's months: each month after `after`'s month through `through`, costed at `workers` × the
    rate in force that month (`bulan`, `pekerja_bulan`, `tarif`, `iuran_rp`). The one place the run-rate
    projection is computed (year_end_projection, views.budget_months and the budget workbook read it)."""
    table = rates(con)
    months = _months(add_months(month_start(after), 1), through)
    tariffs = [rate_on(table, m) for m in months]
    return pd.DataFrame({"bulan": pd.Series(months, dtype="object"), "pekerja_bulan": [workers] * len(months),
                         "tarif": tariffs, "iuran_rp": [workers * r for r in tariffs]})


def year_end_projection(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row: premiums from 1 January through the end of as_of's month (`iuran_sd_bulan_ini`), workers of
    the current month (the run rate), the remaining months of the year each costed at that many workers ×
    the rate in force that month (`proyeksi_sisa_rp`), the projected total, the year's pagu (phases starting
    in that year) and the projected share of it."""
    year_start = dt.date(as_of.year, 1, 1)
    this_month = month_start(as_of)
    frame = premiums_by_month(con, year_start, month_end(as_of), filters)
    current = int(frame.loc[frame["bulan"] == this_month, "pekerja_bulan"].iloc[0])
    rest = projected_months(con, current, this_month, dt.date(as_of.year, 12, 31))
    projected_rest = int(rest["iuran_rp"].sum())
    so_far = int(frame["iuran_rp"].sum())
    pagu = con.execute("SELECT sum(pagu_rp) FROM tahap WHERE year(tgl_mulai) = ?", [as_of.year]).fetchall()[0][0]
    total = so_far + projected_rest
    return pd.DataFrame({
        "tahun": [as_of.year], "iuran_sd_bulan_ini": [so_far], "pekerja_bulan_ini": [current],
        "bulan_tersisa": [len(rest)], "proyeksi_sisa_rp": [projected_rest], "proyeksi_total_rp": [total],
        "pagu_tahun_rp": pd.array([pagu], dtype="Int64"),
        "proyeksi_pct": pd.array([pct(total, pagu)], dtype="Float64")})


def benefit_premium_ratio(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                          filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row: benefits paid within [start, end] (claims DIBAYAR by payment date), premiums of the
    worker-months of the same months, and their ratio (`rasio` = manfaat_rp ÷ iuran_rp)."""
    benefits = benefits_paid_total(con, start, end, filters)
    premiums = premiums_total(con, start, end, filters)
    return pd.DataFrame({"manfaat_rp": [benefits], "iuran_rp": [premiums],
                         "rasio": pd.array([benefits / premiums if premiums else None], dtype="Float64")})

