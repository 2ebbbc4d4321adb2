"""The overview page's headline indicators (and `python -m sigap_metrics summary`)."""
from __future__ import annotations

import datetime as dt

import duckdb

from ..store import is_demo
from .budget import phase_premiums
from .claims import claims_paid
from .coverage import active_count, lapsed_workers, month_window, new_workers, phase_at
from .filters import NO_FILTERS, Filters


# The keys of `summary`, in display order (DESIGN §7). The catalogue labels each numeric one.
SUMMARY_KEYS = ("as_of", "phase", "target", "active_workers", "attainment_pct", "new_this_month", "lapsed_this_month",
                "claims_paid", "benefits_paid_rp", "premiums_rp", "pagu_rp", "realisation_pct", "demo")


def summary(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> dict:
    """Headline indicators at `as_of` (keys SUMMARY_KEYS, as in DESIGN §7): the phase containing as_of and
    its target, active workers and attainment, new and lapsed workers in as_of's month (new: up to as_of),
    claims paid and benefits since the programme began, premiums of the phase's worker-months through the
    end of as_of's month, the phase's pagu and realisation; `demo` is True on a demo store."""
    phase = phase_at(con, as_of)
    active = active_count(con, as_of, filters)
    first, last = month_window(as_of)
    target = phase["target_peserta"] if phase else None
    premiums = phase_premiums(con, phase, as_of, filters) if phase else 0
    pagu = phase["pagu_rp"] if phase else None
    return {
        "as_of": as_of.isoformat(),
        "phase": phase["nama"] if phase else None,
        "target": target,
        "active_workers": active,
        "attainment_pct": round(active / target * 100, 2) if target else None,
        "new_this_month": int(new_workers(con, first, min(last, as_of), filters)["baru"].iloc[0]),
        "lapsed_this_month": int(lapsed_workers(con, first, last, as_of, filters)["berhenti"].iloc[0]),
        **claims_paid(con, as_of, filters),
        "premiums_rp": premiums,
        "pagu_rp": pagu,
        "realisation_pct": round(premiums / pagu * 100, 2) if pagu else None,
        "demo": is_demo(con),
    }
