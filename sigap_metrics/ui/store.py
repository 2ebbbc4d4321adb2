"""The app's store: a read-only connection per store file version (reopened when a writer swaps in a new file),
a cursor per run, cached metric calls that refresh when an import changes the data, and `writing()` for the
app's own changes (imports, boundaries, users), which go through the same swap as the CLI's (store/writer.py).

The app holds no write lock between runs, so `python -m sigap_metrics import …` from cron runs beside it, and
the next page run shows the new data without a restart."""
from __future__ import annotations

import contextlib
import datetime as dt
import threading
from pathlib import Path
from typing import Iterator

import duckdb
import streamlit as st

from .. import config, site
from ..dates import data_as_of
from ..i18n import in_every_language
from ..store import (SCHEMA_VERSION, auth_state_path, connect_reader, file_identity, get_meta, private_file_warnings,
                     reader_cursor, schema_version, writing as store_writing)


class _Reader:
    """The process-wide read-only connection to one store path, replaced when the file changes. Runs that still
    hold a cursor on the previous file finish reading that consistent version; it is freed when they end."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity = None
        self._runs = threading.local()   # the version a script run (one thread) reads, while it runs
        self._memo: dict[str, object] = {}   # facts of the current version (cleared when the file changes)

    def current(self) -> duckdb.DuckDBPyConnection:
        identity = file_identity(self.path)
        with self._lock:
            if self._con is None or identity != self._identity:
                self._con = _open_current(self.path)
                self._identity = identity
                self._memo = {}
            return self._con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return reader_cursor(getattr(self._runs, "con", None) or self.current())

    def memo(self, name: str, fn):
        """`fn(cursor)` computed once per version of the store file (the facts every run asks for: the default
        date, the published releases), so a visitor's run queries nothing when they are known."""
        con = getattr(self._runs, "con", None) or self.current()
        with self._lock:
            if con is self._con and name in self._memo:
                return self._memo[name]
            memo = self._memo if con is self._con else {}   # a run still on the previous file: not kept
        value = fn(reader_cursor(con))
        with self._lock:
            memo[name] = value
        return value

    @contextlib.contextmanager
    def pinned(self) -> Iterator[None]:
        self._runs.con = self.current()
        try:
            yield
        finally:
            self._runs.con = None


@st.cache_resource(show_spinner=False)
def _reader(path: str) -> _Reader:
    db = Path(path)
    if not db.exists():
        from ..demo import create_demo_store
        with st.spinner(in_every_language("loading_demo")):
            try:
                create_demo_store(db, boundaries_dir=config.geo_dir())
            except ValueError:
                pass   # another process created it meanwhile
    private_file_warnings(db, config.nik_key_file(db), auth_state_path(db))   # logged at start
    reader = _Reader(db)
    site.refresh_app_site_in_background(reader.current(), only_if_missing=True)   # the public static site
    return reader


def _needs_demo_releases(con: duckdb.DuckDBPyConnection) -> bool:
    """A demo store made before releases existed: it gets its archive (one release per complete month) once."""
    from ..releases import list_releases
    from ..store import is_demo

    return is_demo(con) and not list_releases(con)


def _demo_releases(con: duckdb.DuckDBPyConnection) -> None:
    from ..demo import DEMO_PREPARER, DEMO_PUBLISHER
    from ..releases import ReleaseRefused
    from ..releases.store import publish_history

    try:
        publish_history(con, by=DEMO_PUBLISHER, prepared_by=DEMO_PREPARER)
    except ReleaseRefused:          # the demo's pimpinan login was removed: publish by hand instead
        pass


def _open_current(path: Path) -> duckdb.DuckDBPyConnection:
    """A reader on a store whose schema and derived tables are current, upgrading it first (through the
    writer's swap) when an older version of the program or an outside change left them behind."""
    from ..metrics import derived

    con = connect_reader(path)
    if schema_version(con) >= SCHEMA_VERSION and derived.is_current(con) and not _needs_demo_releases(con):
        return con
    con.close()
    with st.spinner(in_every_language("loading_derived")), store_writing(path) as writer:
        # Metrics read the materialised derived relations only when they were built from the data as it is;
        # otherwise every query derives them inline, about 50× slower at a million workers.
        if not derived.is_current(writer):
            derived.rebuild(writer)
        if _needs_demo_releases(writer):
            _demo_releases(writer)
    return connect_reader(path)


def db_path() -> Path:
    return config.db_path()


def cursor() -> duckdb.DuckDBPyConnection:
    """A read-only cursor on the store as it is at the start of this call (DuckDB cursors are safe across
    threads). Take one per run and keep it: every query of the run then reads the same version."""
    return _reader(str(db_path())).cursor()


@contextlib.contextmanager
def one_version() -> Iterator[None]:
    """Every cursor taken inside (app.py wraps the whole run in it) reads the same version of the store, even
    if an import lands meanwhile: a page shows the numbers before the import or after it, never a mix."""
    with _reader(str(db_path())).pinned():
        yield


@contextlib.contextmanager
def writing() -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection for one change made by the app; it lands for every reader when the block ends
    (and not at all if it raises). Waits while a CLI import is writing."""
    with store_writing(db_path()) as con:
        yield con


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever an import or boundary load lands, and differs between stores: part of every cache key."""
    rows = con.execute("SELECT coalesce(max(import_id), 0), count(*) FROM import_log").fetchall()
    return f"{db_path()}:{rows[0][0]}:{rows[0][1]}:{get_meta(con, 'demo_as_of')}"


@st.cache_data(show_spinner=False, max_entries=1024, ttl=3600)
def _cached(_fn, _con, name: str, version: str, args: tuple, kwargs: tuple):
    return _fn(_con, *args, **dict(kwargs))


def metric(fn, *args, **kwargs):
    """Call metric function `fn(con, *args, **kwargs)`, cached per arguments and data version (computed on the
    same cursor as the version, so a cached value always belongs to the version in its key)."""
    con = cursor()
    return _cached(fn, con, f"{fn.__module__}.{fn.__qualname__}", data_version(con), args,
                   tuple(sorted(kwargs.items())))


def per_version(name: str, fn):
    """`fn(cursor)` on this run's version of the store, computed once per version (see _Reader.memo); `fn`
    must depend on the store's content only."""
    return _reader(str(db_path())).memo(name, fn)


def default_as_of(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The date the app opens on: see sigap_metrics.dates.data_as_of (the CLI, reports and the public page use
    the same rule)."""
    return data_as_of(con)
