"""When is the phase target reached at the recent pace, and what weekly pace would reach it by the phase end?

The recent pace is a straight line fitted (least squares) to the active workers counted every 7 days over
the last `weeks` weeks. The date the target is reached is where that line meets the target; the interval
is where the 90% prediction band around the line meets it (the upper edge gives the earliest plausible
date, the lower edge the latest; no latest date when the lower edge never gets there within ten years).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from .coverage import active_series, phase_at
from .filters import NO_FILTERS, Filters

DEFAULT_WEEKS = 8
LEVEL = 0.90
HORIZON_DAYS = 3653  # ten years: beyond that a date is not a forecast
# Student t quantiles for a two-sided 90% interval (0.95 quantile), by degrees of freedom 1..30.
_T95 = (6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
        1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697)

STATUSES = ("reached", "on_track", "late", "not_reached", "no_target", "insufficient_data")


def t_quantile(df: int) -> float:
    """0.95 quantile of Student's t with `df` degrees of freedom (table to 30, then within 0.001 of exact)."""
    if df < 1:
        raise ValueError("degrees of freedom must be at least 1")
    return _T95[df - 1] if df <= len(_T95) else 1.645 + 1.56 / df


@dataclass(frozen=True)
class Forecast:
    status: str                      # one of STATUSES
    as_of: dt.date
    active: int | None               # active workers on as_of
    target: int | None
    phase_end: dt.date | None
    pace_per_week: float | None      # fitted recent pace, workers per week
    needed_per_week: float | None    # pace needed from as_of to reach the target on the phase's last day
    reach_date: dt.date | None       # where the fitted line meets the target
    reach_earliest: dt.date | None   # interval of the date (90%)
    reach_latest: dt.date | None
    points: int = 0                  # dates the line was fitted to
    band: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False)  # tanggal, perkiraan, bawah, atas

    def as_dict(self) -> dict:
        """The numbers without the band, JSON-friendly (dates as ISO text)."""
        out = {}
        for key in ("status", "as_of", "active", "target", "phase_end", "pace_per_week", "needed_per_week",
                    "reach_date", "reach_earliest", "reach_latest", "points"):
            value = getattr(self, key)
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
        return out


def needed_per_week(active: int, target: int, as_of: dt.date, phase_end: dt.date) -> float | None:
    """(target − active) ÷ weeks left until the phase's last day; 0 when reached, None when no time is left."""
    if active >= target:
        return 0.0
    days_left = (phase_end - as_of).days
    if days_left <= 0:
        return None
    return (target - active) / (days_left / 7)


def forecast_series(series: pd.DataFrame, *, target: int | None, phase_end: dt.date | None,
                    as_of: dt.date | None = None) -> Forecast:
    """Forecast from a series (columns tanggal, aktif; dates ascending, the last one is `as_of` unless given).

    A pure function: tested on series with known answers (a straight ramp gives the exact date)."""
    series = series.sort_values("tanggal")
    as_of = as_of or series["tanggal"].iloc[-1]
    active = int(series["aktif"].iloc[-1]) if len(series) else None
    if not target or phase_end is None:
        return Forecast("no_target", as_of, active, target, phase_end, None, None, None, None, None, len(series))
    needed = needed_per_week(active or 0, target, as_of, phase_end)
    if active is not None and active >= target:
        return Forecast("reached", as_of, active, target, phase_end, None, needed, None, None, None, len(series))
    if len(series) < 3:
        return Forecast("insufficient_data", as_of, active, target, phase_end, None, needed, None, None, None,
                        len(series))
    t = np.array([(day - as_of).days for day in series["tanggal"]], dtype=float)
    y = series["aktif"].to_numpy(dtype=float)
    n = len(t)
    t_mean, y_mean = t.mean(), y.mean()
    sxx = float(((t - t_mean) ** 2).sum())
    slope = float(((t - t_mean) * (y - y_mean)).sum() / sxx)
    intercept = y_mean - slope * t_mean          # fitted value on as_of (t = 0)
    residual = y - (intercept + slope * t)
    s = math.sqrt(float((residual ** 2).sum()) / (n - 2))
    quantile = t_quantile(n - 2)

    def band_at(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        fit = intercept + slope * days
        half = quantile * s * np.sqrt(1 + 1 / n + (days - t_mean) ** 2 / sxx)
        return fit, fit - half, fit + half

    pace = slope * 7
    if slope <= 0:
        return Forecast("not_reached", as_of, active, target, phase_end, pace, needed, None, None, None, n,
                        _band(as_of, phase_end, band_at))
    exact = (target - intercept) / slope
    if exact > HORIZON_DAYS:
        return Forecast("not_reached", as_of, active, target, phase_end, pace, needed, None, None, None, n,
                        _band(as_of, phase_end, band_at))
    reach = as_of + dt.timedelta(days=max(1, math.ceil(exact - 1e-9)))
    days = np.arange(1, HORIZON_DAYS + 1, dtype=float)
    _, low, high = band_at(days)
    # a hair of tolerance so a line meeting the target exactly on a day is read as reaching it that day
    earliest = _first_day(as_of, days, high >= target - 1e-6)
    latest = _first_day(as_of, days, low >= target - 1e-6)
    status = "on_track" if reach <= phase_end else "late"
    return Forecast(status, as_of, active, target, phase_end, pace, needed, reach, earliest, latest, n,
                    _band(as_of, max(phase_end, reach), band_at))


def _first_day(as_of: dt.date, days: np.ndarray, hit: np.ndarray) -> dt.date | None:
    index = np.flatnonzero(hit)
    return as_of + dt.timedelta(days=int(days[index[0]])) if len(index) else None


def _band(as_of: dt.date, until: dt.date, band_at) -> pd.DataFrame:
    """Weekly points of the fitted line and its 90% band from as_of to `until` (at most a year ahead)."""
    weeks = max(1, min(52, math.ceil((until - as_of).days / 7)))
    days = np.arange(0, weeks + 1, dtype=float) * 7
    fit, low, high = band_at(days)
    return pd.DataFrame({"tanggal": pd.Series([as_of + dt.timedelta(days=int(d)) for d in days], dtype="object"),
                         "perkiraan": fit.round(1), "bawah": low.round(1), "atas": high.round(1)})


def forecast(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
             weeks: int = DEFAULT_WEEKS) -> Forecast:
    """Forecast for the phase containing `as_of`, from the active workers every 7 days over the last `weeks`
    weeks (dates before the programme's first coverage are left out)."""
    phase = phase_at(con, as_of)
    first = con.execute("SELECT min(tgl_mulai) FROM kepesertaan").fetchall()[0][0]
    start = as_of - dt.timedelta(days=7 * weeks)
    if first is not None:
        start = max(start, first)
    series = active_series(con, start, as_of, "week", filters)
    return forecast_series(series[["tanggal", "aktif"]], target=phase["target_peserta"] if phase else None,
                           phase_end=phase["tgl_akhir"] if phase else None, as_of=as_of)


def forecast_frame(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
                   weeks: int = DEFAULT_WEEKS) -> pd.DataFrame:
    """`forecast` as one row (the Forecast fields without the band), for tables and the catalogue."""
    result = forecast(con, as_of, filters, weeks)
    row = {key: getattr(result, key) for key in ("status", "as_of", "active", "target", "phase_end", "pace_per_week",
                                                 "needed_per_week", "reach_date", "reach_earliest", "reach_latest",
                                                 "points")}
    frame = pd.DataFrame([row])
    for key in ("as_of", "phase_end", "reach_date", "reach_earliest", "reach_latest"):
        frame[key] = frame[key].astype("object")
    for key in ("pace_per_week", "needed_per_week"):
        frame[key] = frame[key].astype("Float64")
    return frame
