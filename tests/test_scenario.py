"""Scenario planner against hand calculations."""
from __future__ import annotations

import datetime as dt

import pytest

from sigap_metrics.metrics.scenario import plan, scenario, scenario_total

RATES = [(dt.date(2025, 1, 1), 16_800), (dt.date(2027, 3, 1), 20_000)]


def test_constant_workers_across_a_rate_change():
    frame = scenario(workers=10_000, months=4, start_month=dt.date(2027, 1, 15), rate_table=RATES)
    # Jan, Feb at Rp16.800: 10.000 × 16.800 = 168.000.000 each; Mar, Apr at Rp20.000: 200.000.000 each
    assert frame["bulan"].tolist() == [dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1),
                                       dt.date(2027, 4, 1)]
    assert frame["biaya_rp"].tolist() == [168_000_000, 168_000_000, 200_000_000, 200_000_000]
    assert frame["kumulatif_rp"].tolist() == [168_000_000, 336_000_000, 536_000_000, 736_000_000]
    assert scenario_total(frame) == 736_000_000


def test_growth_and_drop_out_compound_and_round_half_up():
    frame = scenario(workers=1_000, months=4, start_month=dt.date(2027, 1, 1), rate_table=RATES, growth_pct=3,
                     dropout_pct=0.5)
    # factor 1 + 3% − 0,5% = 1,025: 1.000; 1.025; 1.050,625 → 1.051; 1.076,890625 → 1.077
    assert frame["pekerja"].tolist() == [1_000, 1_025, 1_051, 1_077]
    # Jan 1.000 × 16.800 = 16.800.000; Feb 1.025 × 16.800 = 17.220.000; Mar 1.051 × 20.000 = 21.020.000;
    # Apr 1.077 × 20.000 = 21.540.000; total 76.580.000
    assert frame["biaya_rp"].tolist() == [16_800_000, 17_220_000, 21_020_000, 21_540_000]
    assert scenario_total(frame) == 76_580_000


def test_added_workers_and_drop_out_never_below_zero():
    frame = scenario(workers=100, months=3, start_month=dt.date(2027, 1, 1), rate_table=RATES, dropout_pct=10,
                     added_per_month=50)
    # 100; 100 × 0,9 + 50 = 140; 140 × 0,9 + 50 = 176
    assert frame["pekerja"].tolist() == [100, 140, 176]
    gone = scenario(workers=10, months=3, start_month=dt.date(2027, 1, 1), rate_table=RATES, dropout_pct=100,
                    added_per_month=-5)
    assert gone["pekerja"].tolist() == [10, 0, 0]


def test_plan_uses_the_store_rates(memory_con):
    # the seeded rate: JKK Rp10.000 + JKM Rp6.800 = Rp16.800; 11.666 workers × 12 months × 16.800 = 2.351.865.600
    frame = plan(memory_con, workers=11_666, months=12, start_month=dt.date(2027, 1, 1))
    assert scenario_total(frame) == 2_351_865_600


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="rate"):
        scenario(workers=1, months=1, start_month=dt.date(2027, 1, 1), rate_table=[])
    with pytest.raises(ValueError, match="no premium rate in force"):
        scenario(workers=1, months=1, start_month=dt.date(2024, 1, 1), rate_table=RATES)
    with pytest.raises(ValueError):
        scenario(workers=-1, months=1, start_month=dt.date(2027, 1, 1), rate_table=RATES)


def test_planner_limits_come_from_the_store_never_below_what_it_holds(memory_con):
    from sigap_metrics.metrics.scenario import MIN_ADDED_LIMIT, MIN_WORKERS_LIMIT, scenario_limits

    assert scenario_limits(memory_con) == {"workers": MIN_WORKERS_LIMIT, "added": MIN_ADDED_LIMIT}   # empty store
    # The 10-million-worker demo's phase target (8,130,081) raised the Anggaran page's fixed 5,000,000 limit.
    memory_con.execute("INSERT INTO tahap VALUES ('T1', 'Tahap besar', DATE '2026-01-01', DATE '2026-12-31',"
                       " 8130081, 1000000, NULL)")
    limits = scenario_limits(memory_con)
    assert limits == {"workers": 81_300_810, "added": 81_300_810 // 12}
    assert limits["workers"] >= 8_130_081
