"""Forecast on series with known answers, and on a store."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sigap_metrics.metrics import forecast as fc

AS_OF = dt.date(2026, 3, 1)


def ramp(per_week: float, start_value: float, weeks: int = 8, as_of: dt.date = AS_OF, noise=None) -> pd.DataFrame:
    days = [as_of - dt.timedelta(days=7 * k) for k in range(weeks, -1, -1)]
    values = [start_value + per_week * i + (noise[i] if noise else 0) for i in range(weeks + 1)]
    return pd.DataFrame({"tanggal": days, "aktif": values})


def test_straight_ramp_gives_the_exact_date():
    # 100 a week from 1.000: on as_of 1.800; target 2.500 → 700 more at 100/7 a day = 49 days → 19 Apr 2026
    result = fc.forecast_series(ramp(100, 1_000), target=2_500, phase_end=dt.date(2026, 12, 31))
    assert result.status == "on_track"
    assert result.reach_date == dt.date(2026, 4, 19)
    # a perfect line has no scatter: the interval is the date itself
    assert result.reach_earliest == result.reach_latest == dt.date(2026, 4, 19)
    assert result.pace_per_week == pytest.approx(100)
    # needed: 700 more in 305 days (to 31 Dec) = 43,57 weeks → 16,07 a week
    assert result.needed_per_week == pytest.approx(700 / (305 / 7))


def test_reaching_after_the_phase_end_is_late():
    # 10 a week from 1.000, target 2.000: 920 more → 644 days → 6 Dec 2027, after the phase end
    result = fc.forecast_series(ramp(10, 1_000), target=2_000, phase_end=dt.date(2026, 12, 31))
    assert result.status == "late" and result.reach_date == AS_OF + dt.timedelta(days=644)


def test_no_growth_is_not_reached():
    flat = fc.forecast_series(ramp(0, 1_000), target=2_000, phase_end=dt.date(2026, 12, 31))
    assert flat.status == "not_reached" and flat.reach_date is None and flat.reach_latest is None
    falling = fc.forecast_series(ramp(-20, 1_500), target=2_000, phase_end=dt.date(2026, 12, 31))
    assert falling.status == "not_reached" and falling.pace_per_week == pytest.approx(-20)
    # pace needed is still given: from 1.500 − 8 × 20 = 1.340 on as_of to 2.000 = 660 more in 305 days
    assert falling.needed_per_week == pytest.approx(660 / (305 / 7))


def test_already_reached():
    result = fc.forecast_series(ramp(50, 2_000), target=2_100, phase_end=dt.date(2026, 12, 31))
    assert result.status == "reached" and result.needed_per_week == 0.0 and result.reach_date is None


def test_interval_widens_with_scatter_and_contains_the_estimate():
    noise = [30, -40, 25, -10, 35, -30, 10, -20, 0]
    result = fc.forecast_series(ramp(100, 1_000, noise=noise), target=2_500, phase_end=dt.date(2026, 12, 31))
    assert result.reach_earliest < result.reach_date < result.reach_latest
    band = result.band
    assert list(band.columns) == ["tanggal", "perkiraan", "bawah", "atas"]
    assert (band["bawah"] <= band["perkiraan"]).all() and (band["perkiraan"] <= band["atas"]).all()


def test_too_few_points_and_no_target():
    short = ramp(100, 1_000, weeks=1)
    assert fc.forecast_series(short, target=2_000, phase_end=dt.date(2026, 12, 31)).status == "insufficient_data"
    assert fc.forecast_series(ramp(100, 1_000), target=None, phase_end=None).status == "no_target"


def test_t_quantiles():
    # table values and the approximation beyond it (exact t(0.95; 40) = 1,684, t(0.95; 120) = 1,658)
    assert fc.t_quantile(7) == 1.895 and fc.t_quantile(30) == 1.697
    assert fc.t_quantile(40) == pytest.approx(1.684, abs=1e-3) and fc.t_quantile(120) == pytest.approx(1.658, abs=1e-3)


def test_needed_per_week():
    assert fc.needed_per_week(900, 1_000, dt.date(2026, 12, 3), dt.date(2026, 12, 31)) == pytest.approx(25.0)
    assert fc.needed_per_week(900, 1_000, dt.date(2026, 12, 31), dt.date(2026, 12, 31)) is None


def test_forecast_on_the_hand_fixture():
    from .test_metrics_fixture import AS_OF as FIXTURE_DAY, build_hand_store
    con = build_hand_store()
    try:
        result = fc.forecast(con, FIXTURE_DAY)
        # weekly counts 25 Jun → 20 Aug (9 points): 14 14 14 14 15 15 16 15 15 (W17 from 20 Jul, W18 from
        # 3 Aug, W19 to 12 Aug), target 20;
        # the line rises (about 0,17 a week), so the target is reached, but after the phase end
        assert result.points == 9 and result.active == 15 and result.target == 20
        assert result.status == "late" and result.pace_per_week > 0
        # 5 more by 31 Dec: 133 days = 19 weeks → 5 / 19 = 0,263 a week
        assert result.needed_per_week == pytest.approx(5 / 19)
        row = fc.forecast_frame(con, FIXTURE_DAY).iloc[0]
        assert row["status"] == "late" and row["reach_date"] == result.reach_date
    finally:
        con.close()
