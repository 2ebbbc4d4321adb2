"""Running one page of the app through AppTest, signed in with a role of the demo store."""
from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import auth, config, sessions
from sigap_metrics.store import auth_state_path, connect
from sigap_metrics.ui.identity import SESSION_TOKEN

from .conftest import APP

ANALYSTS = ("pimpinan", "anggaran", "operator", "admin")   # every demo login that sees the analytic pages
LANGS = ("id", "en")


def sign_in(at: AppTest, name: str, db=None, *, role: str | None = None) -> str:
    """Sign `at` in as user `name` of the store (SIGAP_DB unless `db`), as the sign-in form does: a real
    server-side session whose token the tab holds. Returns the token. `role`: the user's role when the store
    does not exist yet (the app creates it); otherwise it is read from the store."""
    db = db or config.db_path()
    if role is None:
        con = open_beside_app(db)
        try:
            role = auth.role_of(con, name)
        finally:
            con.close()
    token = sessions.create(auth_state_path(db), name, role, None, dt.datetime.now())
    at.session_state[SESSION_TOKEN] = token
    return token


def run_page(page: str, *, role: str = "pimpinan", lang: str = "id", params: dict | None = None,
             timeout: float = 60) -> AppTest:
    """Open the app as `role` (the demo store's login of that name), then switch to `page` (a file under
    pages/) with the query string `lang` + `params`. SIGAP_DB must point at the store."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    sign_in(at, role)
    at.query_params["lang"] = lang
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    at.switch_page(page)
    at.run()
    return at


def release_app_store() -> None:
    """Drop the app's cached reader of the store (AppTests in this process hold one until then): DuckDB attaches
    a file once per process, so a test that opens the same store itself must release the app's first. The
    app opens it again on its next run; its other caches (metrics, the public page's views) stay."""
    import gc

    from sigap_metrics.ui import store as app_store

    app_store._reader.clear()
    gc.collect()


def open_beside_app(db):
    """A read-only connection to `db` in a process whose AppTests may hold the app's reader of it."""
    import duckdb

    try:
        return connect(db, read_only=True)
    except duckdb.Error as error:
        if "already attached" not in str(error):
            raise
    release_app_store()
    return connect(db, read_only=True)


@pytest.fixture(scope="module", autouse=True)
def release_stores():
    """After a module's AppTests, drop the app's cached connections (st.cache_resource lives as long as the
    test process), so a later test may open those store files in another mode (read-only, another process)."""
    yield
    import gc

    import streamlit as st

    st.cache_resource.clear()
    gc.collect()


@pytest.fixture(scope="module")
def page_apps() -> dict:
    """AppTests kept open across a module's tests, one per page (see `open_as`)."""
    return {}


def open_as(apps: dict, page: str, *, role: str, lang: str) -> AppTest:
    """`page` as `role` in `lang`, reusing the module's AppTest of that page: the role and language change and
    the page runs again, as when another user opens it in the same server. Only role and language vary here;
    views with filters get a fresh AppTest (run_page)."""
    at = apps.get(page)
    if at is None:
        apps[page] = at = run_page(page, role=role, lang=lang)
        return at
    sign_in(at, role)
    at.query_params["lang"] = lang
    at.run()
    return at


def shown_metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def frames(at: AppTest) -> list:
    """The data of every st.dataframe on the page, in order."""
    return [d.value for d in at.dataframe]


def as_of(con) -> dt.date:
    from sigap_metrics.ui.store import default_as_of
    return default_as_of(con)


def frame_with(at: AppTest, column: str):
    """The first st.dataframe on the page that has a column labelled `column`."""
    for frame in frames(at):
        if column in frame.columns:
            return frame
    raise AssertionError(f"no table with column {column!r}; tables: {[list(f.columns) for f in frames(at)]}")


def metric_value(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert values, f"no card {label!r}; cards: {[m.label for m in at.metric]}"
    return values[0]
