"""Scenario planner for budget documents: what would covering N workers for M months cost?

Month by month from the start month: workers(0) = N; workers(m) = workers(m−1) × (1 + growth% − drop-out%)
+ added per month, kept exact (fractions) and rounded half up to whole workers only for each month's figure;
cost(m) = workers(m) × the rate in force on the month's first day (the rate table, effective dated).
"""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import duckdb
import pandas as pd

from .budget import rate_on, rates
from .filters import add_months, month_start


# The planner's inputs may go this far beyond the largest number the store holds (a target, the workers ever
# enrolled, the candidates): room to plan "every informal worker" from where the programme is, never a fixed cap
# below the store's own size. Never lower than the minimums.
SCENARIO_HEADROOM = 10
MIN_WORKERS_LIMIT = 5_000_000
MIN_ADDED_LIMIT = 100_000


def scenario_limits(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Upper limits of the scenario planner's worker inputs, from the store's own size (see SCENARIO_HEADROOM)."""
    largest = con.execute("SELECT greatest((SELECT coalesce(max(target_peserta), 0) FROM tahap),"
                          " (SELECT count(*) FROM pekerja), (SELECT count(*) FROM usulan))").fetchall()[0][0]
    room = int(largest) * SCENARIO_HEADROOM
    return {"workers": max(MIN_WORKERS_LIMIT, room), "added": max(MIN_ADDED_LIMIT, room // 12)}


def _rate_frame(rate_table) -> pd.DataFrame:
    """A rate table as a frame (berlaku_mulai, tarif) from a frame or from (effective date, rupiah) pairs."""
    if isinstance(rate_table, pd.DataFrame):
        frame = rate_table[["berlaku_mulai", "tarif"]]
    else:
        frame = pd.DataFrame(list(rate_table), columns=["berlaku_mulai", "tarif"])
    if frame.empty:
        raise ValueError("the rate table is empty; give at least one (effective date, rupiah per month) row")
    return frame.sort_values("berlaku_mulai", ignore_index=True)


def _round_half_up(value: Fraction) -> int:
    return int((value * 2 + 1) // 2)


def scenario(*, workers: int, months: int, start_month: dt.date, rate_table, growth_pct: float | str = 0,
             dropout_pct: float | str = 0, added_per_month: int = 0) -> pd.DataFrame:
    """Month-by-month workers, rate, cost and running total (columns bulan, pekerja, tarif, biaya_rp,
    kumulatif_rp). Percentages are per month; workers never go below zero."""
    if workers < 0 or months < 1:
        raise ValueError("workers must be ≥ 0 and months ≥ 1")
    table = _rate_frame(rate_table)
    factor = 1 + Fraction(str(growth_pct)) / 100 - Fraction(str(dropout_pct)) / 100
    exact = Fraction(workers)
    rows, total = [], 0
    for index in range(months):
        month = add_months(month_start(start_month), index)
        if index:
            exact = max(Fraction(0), exact * factor + added_per_month)
        count = _round_half_up(exact)
        rate = rate_on(table, month)
        total += count * rate
        rows.append((month, count, rate, count * rate, total))
    frame = pd.DataFrame(rows, columns=["bulan", "pekerja", "tarif", "biaya_rp", "kumulatif_rp"])
    frame["bulan"] = frame["bulan"].astype("object")
    return frame


def plan(con: duckdb.DuckDBPyConnection, *, workers: int, months: int, start_month: dt.date,
         growth_pct: float | str = 0, dropout_pct: float | str = 0, added_per_month: int = 0,
         rate_table=None) -> pd.DataFrame:
    """`scenario` with the store's rate table (tarif_iuran) unless another is given."""
    return scenario(workers=workers, months=months, start_month=start_month,
                    rate_table=rates(con) if rate_table is None else rate_table, growth_pct=growth_pct,
                    dropout_pct=dropout_pct, added_per_month=added_per_month)


def scenario_total(frame: pd.DataFrame) -> int:
    """The budget needed: the sum of the monthly costs."""
    return int(frame["biaya_rp"].sum())
