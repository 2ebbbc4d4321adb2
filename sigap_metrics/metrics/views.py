"""What the dashboard pages need beyond the catalogue's indicators: the same numbers, cut to what a page
shows (the map's areas, the stored boundary polygons). Thin, tested wrappers over the metric functions."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pandas as pd

from ..reference import PROGRAMME_START
from .budget import (benefit_premium_ratio, cost_per_worker_month, premiums_by_month, projected_months,
                     realisation, year_end_projection)
from .claims import benefits_paid, claims_filed, claims_outside_coverage_count, payment_days, rejection_rate
from .coverage import LEVELS, active_series, area_coverage, phase_at, phases
from .filters import NO_FILTERS, Filters, month_end, month_start
from .forecast import forecast


def boundary_features(con: duckdb.DuckDBPyConnection, level: str, codes: tuple[str, ...] | None = None) -> list[dict]:
    """The stored boundary polygons of a level (GeoJSON features with property `kode`) in code order, only
    those of `codes` when given; [] when no boundary file was loaded for that level."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {LEVELS}")
    rows = con.execute("SELECT kode, geojson FROM batas_wilayah WHERE level = ? ORDER BY kode", [level]).fetchall()
    wanted = None if codes is None else set(codes)
    return [json.loads(text) for kode, text in rows if wanted is None or kode in wanted]


def map_areas(con: duckdb.DuckDBPyConnection, as_of: dt.date, level: str = "kecamatan",
              filters: Filters = NO_FILTERS, within: str | None = None) -> pd.DataFrame:
    """The map's rows: `area_coverage` of every area of `level`, restricted to the kelurahan of kecamatan
    `within` (a drill-down) or, when the view is filtered by kecamatan, to those kecamatan and their kelurahan.
    Adds claims paid since the programme began (`klaim_dibayar`, `manfaat_rp`).
    Adds `kecamatan_kode` for kecamatan rows too, so both levels have it."""
    table = area_coverage(con, as_of, level, filters)
    # Claims paid since the programme began, by the area of the worker's coverage on the incident date.
    paid = benefits_paid(con, PROGRAMME_START, as_of, filters, by=level).rename(columns={level: "kode"})
    table = table.merge(paid, on="kode", how="left")
    table["klaim_dibayar"] = table["klaim_dibayar"].fillna(0).astype("int64")
    table["manfaat_rp"] = table["manfaat_rp"].fillna(0).astype("int64")
    if "kecamatan_kode" not in table.columns:
        table.insert(2, "kecamatan_kode", table["kode"])
    keep = (within,) if within else filters.kecamatan
    if keep:
        table = table[table["kecamatan_kode"].isin(keep)]
    return table.reset_index(drop=True)


FORECAST_AHEAD_WEEKS = 8   # the chart shows the forecast at least this far ahead, and up to the phase end


def trajectory(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """The overview's coverage chart as one table, a row every 7 days (counting back from `as_of`) since the
    programme began and on into the forecast:

    - `aktif`: active workers (up to as_of), `target`: target of the phase in force that day;
    - `perkiraan`, `bawah`, `atas`: the forecast's fitted line and 90% band from as_of on, as far as the
      forecast draws it, cut at the phase end or FORECAST_AHEAD_WEEKS ahead, whichever is later;
    - `lintasan_dibutuhkan`: from today's active workers to the target on the phase's last day at the
      weekly pace needed (`forecast.needed_per_week`)."""
    first = phases(con)["tgl_mulai"].min()
    start = first if isinstance(first, dt.date) and first <= as_of else PROGRAMME_START
    past = active_series(con, min(start, as_of), as_of, "week", filters)[["tanggal", "aktif", "target"]]
    past["aktif"] = past["aktif"].astype("Int64")
    outlook = forecast(con, as_of, filters)
    phase = phase_at(con, as_of)
    horizon = as_of + dt.timedelta(weeks=FORECAST_AHEAD_WEEKS)
    if phase is not None:
        horizon = max(horizon, phase["tgl_akhir"])
    band = outlook.band
    band = band[band["tanggal"] <= horizon] if len(band) else band
    future = pd.DataFrame({"tanggal": pd.Series([d for d in band["tanggal"] if d > as_of], dtype="object")}) \
        if len(band) else pd.DataFrame({"tanggal": pd.Series([], dtype="object")})
    table = pd.concat([past, future], ignore_index=True)
    table["aktif"] = table["aktif"].astype("Int64")
    targets = []
    for day, known in zip(table["tanggal"], table["target"]):
        if not pd.isna(known):
            targets.append(int(known))
        else:
            in_force = phase_at(con, day)
            targets.append(in_force["target_peserta"] if in_force else None)
    table["target"] = pd.array(targets, dtype="Int64")
    for column in ("perkiraan", "bawah", "atas"):
        values = dict(zip(band["tanggal"], band[column])) if len(band) else {}
        table[column] = pd.array([values.get(d) for d in table["tanggal"]], dtype="Float64")
    needed = outlook.needed_per_week
    path = []
    for day in table["tanggal"]:
        inside = phase is not None and needed is not None and as_of <= day <= phase["tgl_akhir"]
        path.append(round(outlook.active + needed * (day - as_of).days / 7, 1) if inside else None)
    table["lintasan_dibutuhkan"] = pd.array(path, dtype="Float64")
    return table


def budget_months(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """The budget chart for the phase containing `as_of`, a row per month of the phase: worker-months, rate and
    premiums (`iuran_rp`) through as_of's month, their running total (`kumulatif_rp`), then for the months
    after it a projection at this month's workers × the rate in force (`proyeksi_kumulatif_rp`, continuing
    the running total, as `budget.year_end_projection` does), and the phase's pagu (`pagu_rp`). Empty
    outside any phase."""
    phase = phase_at(con, as_of)
    columns = ["bulan", "pekerja_bulan", "tarif", "iuran_rp", "kumulatif_rp", "proyeksi_kumulatif_rp", "pagu_rp"]
    if phase is None:
        return pd.DataFrame({c: [] for c in columns})
    through = min(phase["tgl_akhir"], month_end(as_of))
    done = premiums_by_month(con, phase["tgl_mulai"], through, filters)
    table = done[["bulan", "pekerja_bulan", "tarif", "iuran_rp"]].copy()
    table["kumulatif_rp"] = table["iuran_rp"].cumsum()
    run_rate = int(table["pekerja_bulan"].iloc[-1]) if len(table) else 0
    total = int(table["kumulatif_rp"].iloc[-1]) if len(table) else 0
    rest = projected_months(con, run_rate, through, phase["tgl_akhir"])
    later = rest["bulan"].tolist()
    projected = (total + rest["iuran_rp"].cumsum()).tolist()
    table["proyeksi_kumulatif_rp"] = pd.array([None] * len(table), dtype="Int64")
    if later:
        # the projection starts from the last actual month so the two lines meet
        table.loc[table.index[-1], "proyeksi_kumulatif_rp"] = int(table["kumulatif_rp"].iloc[-1])
        extra = pd.DataFrame({"bulan": pd.Series(later, dtype="object"),
                              "proyeksi_kumulatif_rp": pd.array(projected, dtype="Int64")})
        table = pd.concat([table, extra], ignore_index=True)
    for column in ("pekerja_bulan", "tarif", "iuran_rp", "kumulatif_rp"):
        table[column] = table[column].astype("Int64")
    table["pagu_rp"] = pd.array([phase["pagu_rp"]] * len(table), dtype="Int64")
    return table[columns]


PERIODS = ("program", "tahun", "bulan")   # since the programme began, this calendar year, this month


def period_window(con: duckdb.DuckDBPyConnection, period: str, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """(first day, as_of) of a reporting period ending on `as_of`: since the first phase began (or the
    programme's launch), since 1 January, or since the 1st of the month."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose one of {PERIODS}")
    if period == "bulan":
        return month_start(as_of), as_of
    if period == "tahun":
        return dt.date(as_of.year, 1, 1), as_of
    first = phases(con)["tgl_mulai"].min()
    start = first if isinstance(first, dt.date) else PROGRAMME_START
    return min(start, as_of), as_of


def claims_overview(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date,
                    filters: Filters = NO_FILTERS) -> dict:
    """The claims page's cards for [start, end]: claims filed (`diajukan`), paid (`dibayar`) and their benefits
    (`manfaat_rp`), median days filing→payment, rejection rate (%), claims filed by `end` whose incident lies
    outside coverage (`di_luar_cakupan`, any date), premiums of the same months and the benefit-to-premium
    ratio (`rasio`)."""
    paid = benefits_paid(con, start, end, filters).iloc[0]
    days = payment_days(con, start, end, filters).iloc[0]
    rejected = rejection_rate(con, start, end, filters).iloc[0]
    outside = claims_outside_coverage_count(con, end, filters).iloc[0]
    ratio = benefit_premium_ratio(con, start, end, filters).iloc[0]
    return {
        "diajukan": int(claims_filed(con, start, end, filters)["klaim_diajukan"].iloc[0]),
        "dibayar": int(paid["klaim_dibayar"]),
        "manfaat_rp": int(paid["manfaat_rp"]),
        "median_hari": None if pd.isna(days["median_hari"]) else float(days["median_hari"]),
        "penolakan_pct": None if pd.isna(rejected["penolakan_pct"]) else float(rejected["penolakan_pct"]),
        "di_luar_cakupan": int(outside["klaim_di_luar_cakupan"]),
        "iuran_rp": int(ratio["iuran_rp"]),
        "rasio": None if pd.isna(ratio["rasio"]) else float(ratio["rasio"]),
    }


def budget_overview(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> dict:
    """The budget page's cards: the phase containing `as_of` (name, pagu, premiums through as_of's month,
    realisation %, invoices paid), premium per covered worker-month and benefits paid per rupiah of premium
    (`rasio_manfaat`) in the phase so far, and the projection
    to the year end (total and % of the year's pagu). Values are None outside any phase."""
    phase = phase_at(con, as_of)
    out = {"tahap": None, "pagu_rp": None, "iuran_rp": None, "realisasi_pct": None, "dibayar_rp": None,
           "biaya_per_pekerja_bulan_rp": None, "rasio_manfaat": None}
    if phase is not None:
        row = realisation(con, as_of, filters).set_index("kode").loc[phase["kode"]]
        cost = cost_per_worker_month(con, phase["tgl_mulai"], min(phase["tgl_akhir"], month_end(as_of)), filters)
        out.update(tahap=phase["nama"], pagu_rp=int(row["pagu_rp"]), iuran_rp=int(row["iuran_rp"]),
                   realisasi_pct=None if pd.isna(row["realisasi_pct"]) else float(row["realisasi_pct"]),
                   dibayar_rp=None if pd.isna(row["dibayar_rp"]) else int(row["dibayar_rp"]),
                   biaya_per_pekerja_bulan_rp=_number(cost["biaya_per_pekerja_bulan_rp"].iloc[0]),
                   rasio_manfaat=_number(benefit_premium_ratio(con, phase["tgl_mulai"], min(phase["tgl_akhir"], as_of),
                                                               filters)["rasio"].iloc[0]))
    projection = year_end_projection(con, as_of, filters).iloc[0]
    out.update(proyeksi_total_rp=int(projection["proyeksi_total_rp"]),
               pagu_tahun_rp=None if pd.isna(projection["pagu_tahun_rp"]) else int(projection["pagu_tahun_rp"]),
               proyeksi_pct=_number(projection["proyeksi_pct"]))
    return out


def _number(value) -> float | None:
    return None if pd.isna(value) else float(value)
