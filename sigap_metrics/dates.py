"""The date the store's data describe, by one rule for the app, the CLI, reports and the public page."""
from __future__ import annotations

import datetime as dt

import duckdb

from .store import get_meta


def data_as_of(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> dt.date:
    """Today, or on a demo store the demo's own 'today' (so its numbers stay meaningful)."""
    demo_as_of = get_meta(con, "demo_as_of")
    return dt.date.fromisoformat(demo_as_of) if demo_as_of else (today or dt.date.today())
