"""Shared fixtures: a demo store built once per session, and fresh in-memory stores."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sigap_metrics.demo import create_demo_store
from sigap_metrics.store import connect, connect_memory

AS_OF = dt.date(2026, 11, 25)
NIK_KEY = bytes.fromhex("5e" * 32)
SHARED_GEO = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A default-size demo store file (seed 2025, as of 25 Nov 2026), built once; treat it as read-only."""
    path = tmp_path_factory.mktemp("demo") / "sigap.duckdb"
    create_demo_store(path, as_of=AS_OF)
    return path


@pytest.fixture(scope="session")
def demo_geo_db(tmp_path_factory) -> Path:
    """The default demo store with the reference boundary polygons of ../shared/data/geo loaded (as
    `demo --boundaries` does), built once; treat it as read-only."""
    if not SHARED_GEO.is_dir():
        pytest.fail(f"reference boundaries expected at {SHARED_GEO} (../shared/data/geo beside the repository)")
    path = tmp_path_factory.mktemp("demo_geo") / "sigap.duckdb"
    create_demo_store(path, as_of=AS_OF, boundaries_dir=SHARED_GEO)
    return path


@pytest.fixture()
def demo_con(demo_db):
    con = connect(demo_db)
    yield con
    con.close()


@pytest.fixture()
def memory_con():
    con = connect_memory()
    yield con
    con.close()


@pytest.fixture()
def shared_geo() -> Path:
    if not SHARED_GEO.is_dir():
        pytest.fail(f"reference boundaries expected at {SHARED_GEO} (../shared/data/geo beside the repository)")
    return SHARED_GEO

APP = Path(__file__).resolve().parents[1] / "app.py"
