"""The app's store: one process-wide connection (created, with demo data, on first start), a cursor per run,
and cached metric calls that refresh when an import changes the data."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import streamlit as st

from .. import config, site
from ..store import connect, get_meta


@st.cache_resource(show_spinner=False)
def _shared_connection(path: str) -> duckdb.DuckDBPyConnection:
    db = Path(path)
    if not db.exists():
        from ..demo import create_demo_store
        with st.spinner("Menyiapkan data demo untuk pertama kali… / Preparing demo data for the first start…"):
            create_demo_store(db, boundaries_dir=config.geo_dir())
    con = connect(db)
    _keep_derived_current(con)
    _demo_releases(con)
    site.refresh_app_site_in_background(con, only_if_missing=True)   # issue 14: the public static site
    return con


def _demo_releases(con: duckdb.DuckDBPyConnection) -> None:
    """A demo store made before releases existed gets its archive (one release per complete month) once."""
    from ..demo import DEMO_PREPARER, DEMO_PUBLISHER
    from ..releases import ReleaseRefused, list_releases
    from ..releases.store import publish_history
    from ..store import is_demo

    if is_demo(con) and not list_releases(con):
        with st.spinner("Menyiapkan rilis demo… / Preparing demo releases…"):
            try:
                publish_history(con, by=DEMO_PUBLISHER, prepared_by=DEMO_PREPARER)
            except ReleaseRefused:          # the demo's pimpinan login was removed: publish by hand instead
                pass


def _keep_derived_current(con: duckdb.DuckDBPyConnection) -> None:
    """Metrics read the materialised derived relations only when they were built from the data as it is;
    otherwise every query derives them inline, about 50× slower at a million workers. The loader rebuilds
    them with each import; a store whose tables are stale (made by an older version, or changed outside the
    loader) gets them rebuilt once, here, in one transaction."""
    from ..metrics import derived

    if derived.is_current(con):
        return
    with st.spinner("Menyiapkan tabel turunan… / Preparing derived tables…"):
        derived.rebuild(con)


def db_path() -> Path:
    return config.db_path()


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the shared connection for this script run (DuckDB cursors are safe across threads)."""
    return _shared_connection(str(db_path())).cursor()


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever an import or boundary load lands, and differs between stores: part of every cache key."""
    rows = con.execute("SELECT coalesce(max(import_id), 0), count(*) FROM import_log").fetchall()
    return f"{db_path()}:{rows[0][0]}:{rows[0][1]}:{get_meta(con, 'demo_as_of')}"


@st.cache_data(show_spinner=False, max_entries=1024, ttl=3600)
def _cached(_fn, name: str, version: str, args: tuple, kwargs: tuple):
    return _fn(cursor(), *args, **dict(kwargs))


def metric(fn, *args, **kwargs):
    """Call metric function `fn(con, *args, **kwargs)`, cached per arguments and data version."""
    con = cursor()
    return _cached(fn, f"{fn.__module__}.{fn.__qualname__}", data_version(con), args, tuple(sorted(kwargs.items())))


def default_as_of(con: duckdb.DuckDBPyConnection) -> dt.date:
    """Today, or on a demo store the demo's own 'today' so its numbers stay meaningful."""
    demo_as_of = get_meta(con, "demo_as_of")
    return dt.date.fromisoformat(demo_as_of) if demo_as_of else dt.date.today()
