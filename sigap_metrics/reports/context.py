"""What every report states about its data: the date the store's data describe, and the span they cover."""
from __future__ import annotations

import datetime as dt

import duckdb

from ..metrics import coverage
from ..reference import PROGRAMME_START
from ..dates import data_as_of


def data_date(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The date the store's data describe (sigap_metrics.dates.data_as_of: one rule everywhere)."""
    return data_as_of(con)


def data_span(con: duckdb.DuckDBPyConnection, through: dt.date) -> tuple[dt.date, dt.date] | None:
    """From the first phase's start (or the programme's launch, if earlier) to `through`; None when the
    store holds no phase yet (an empty store)."""
    phases = coverage.phases(con)
    if phases.empty:
        return None
    start = min([PROGRAMME_START, *phases["tgl_mulai"]])
    return (start, through) if start <= through else None
