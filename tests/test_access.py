"""Access control through AppTest: navigation per role, pages refused however they are reached, the login
form (wrong passwords refused and slowed), sessions, the developer override, and OIDC roles from claims.

Two ways a page can be asked for:
- through app.py: st.navigation registers the role's page *files*; every other page URL is a locked stand-in
  (a function, not the file). `AppTest.switch_page` with a file path accepts exactly the registered files, so
  it tells which page files a URL can run;
- directly: Streamlit still runs a file of `pages/` without app.py while no st.navigation call has happened in
  the process (a fresh server whose first request is /ringkasan). AppTest reproduces that when switch_page is
  called before the first run, so every page is checked on that path too.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import auth, sessions, throttle
from sigap_metrics.auth import DEMO_USERS, FREE_ATTEMPTS
from sigap_metrics.i18n import t
from sigap_metrics.store import auth_state_path, writing
from sigap_metrics.ui.identity import SESSION_TOKEN, SESSION_USER
from sigap_metrics.ui.shell import PAGES, pages_for

from .apptest_helpers import sign_in
from .conftest import APP

ROLE_USER = {role: name for name, (role, _) in DEMO_USERS.items()}
CONTENT = {"title", "metric", "dataframe", "table", "plotly_chart", "deck_gl_json_chart", "download_button",
           "arrow_data_frame", "vega_lite_chart", "selectbox", "multiselect", "text_input", "form"}


@pytest.fixture(scope="module")
def users_db(tmp_path_factory, demo_db) -> Path:
    """A copy of the demo store that tests may change (failed attempts, users)."""
    path = tmp_path_factory.mktemp("access") / "sigap.duckdb"
    shutil.copy(demo_db, path)
    key = demo_db.with_suffix(".nik.key")
    if key.exists():
        shutil.copy(key, path.with_suffix(".nik.key"))
    return path


def _app(db: Path, monkeypatch, role: str | None = None, page: str | None = None) -> AppTest:
    monkeypatch.setenv("SIGAP_DB", str(db))
    monkeypatch.delenv("SIGAP_ROLE", raising=False)
    monkeypatch.delenv("SIGAP_DEV_AUTH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=90)
    if role and role != "publik":
        sign_in(at, ROLE_USER[role], db)
    if page:
        at.switch_page(page)        # before the first run: the page is run directly, without app.py
    return at.run()


def _titles(at: AppTest) -> list[str]:
    return [x.value for x in at.title]


def registered(at: AppTest) -> set[str]:
    """The page files the last run's st.navigation offered (the only ones switch_page accepts)."""
    found = set()
    for spec in PAGES:
        try:
            at.switch_page(spec.file)
        except ValueError:
            continue
        found.add(spec.file)
    return found


def content_elements(at: AppTest) -> list[str]:
    return [e.type for e in at.main if e.type in CONTENT]


def refused(at: AppTest) -> bool:
    return any(t("page_refused", "id") in w.value for w in at.warning) and not content_elements(at)


DATA = {"metric", "dataframe", "table", "plotly_chart", "deck_gl_json_chart", "download_button", "arrow_data_frame",
        "vega_lite_chart"}


def locked(at: AppTest) -> bool:
    """The page URL showed its locked stand-in: a sign-in request (visitors) or "not available for your role",
    and no data at all."""
    asked = any(t("signin_to_open", "id") in i.value for i in at.info)
    not_for_role = any(t("page_not_for_role", "id").split("(")[0] in w.value for w in at.warning)
    return (asked or not_for_role) and not [e for e in at.main if e.type in DATA]


@pytest.mark.parametrize("role", auth.ROLES)
def test_navigation_offers_exactly_the_roles_pages(demo_db, monkeypatch, role):
    at = _app(demo_db, monkeypatch, role)
    assert not at.exception
    assert registered(at) == {spec.file for spec in pages_for(role)}
    assert not any(t("page_refused", "id") in w.value for w in at.warning)


def test_visitor_sees_only_the_public_page_and_the_login_form(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch)
    assert not at.exception
    assert registered(at) == {"pages/transparansi.py"}
    assert [x.value for x in at.title] == [t("page_transparansi", "id")]
    assert {w.key for w in at.sidebar.text_input} == {"w_login_name", "w_login_password"}
    assert not at.sidebar.date_input and not at.sidebar.multiselect    # no filters to combine on the public page
    assert not any("SSO" in b.label for b in at.button)               # no OIDC without secrets


@pytest.fixture(scope="module")
def landing_titles(demo_db) -> dict[str, list[str]]:
    """The titles of the page each role lands on (its navigation's default page)."""
    with pytest.MonkeyPatch.context() as patch:
        return {role: _titles(_app(demo_db, patch, role)) for role in auth.ROLES}


@pytest.fixture(scope="module")
def page_titles(demo_db) -> dict[str, list[str]]:
    """The titles each page shows to a role that may see it."""
    with pytest.MonkeyPatch.context() as patch:
        return {spec.file: _titles(_app(demo_db, patch, spec.roles[-1], spec.file)) for spec in PAGES}


@pytest.mark.parametrize(("role", "page"), [(role, spec.file) for role in auth.ROLES for spec in PAGES])
def test_each_page_opens_for_its_roles_and_is_refused_for_the_others(demo_db, monkeypatch, landing_titles,
                                                                      page_titles, role, page):
    """The page is asked for by its URL in the first request of a session (switch_page before the first run)."""
    at = _app(demo_db, monkeypatch, role, page)
    assert not at.exception, at.exception
    allowed = role in next(spec.roles for spec in PAGES if spec.file == page)
    if allowed:
        assert not refused(at) and _titles(at) == page_titles[page] != [], (role, page)
    else:
        # The URL shows the page's locked stand-in (sign in / not for your role), never the page itself.
        assert locked(at) or refused(at), (role, page, _titles(at))
        assert not [e for e in at.main if e.type in DATA], (role, page)


def test_a_page_file_not_in_the_registry_never_renders(demo_db, monkeypatch, landing_titles):
    rogue = APP.parent / "pages" / "_test_rogue_page.py"
    rogue.write_text("from sigap_metrics.ui import shell\nimport streamlit as st\nshell.view()\nst.title('rogue')\n")
    try:
        at = _app(demo_db, monkeypatch, "admin", "pages/_test_rogue_page.py")
        assert "rogue" not in _titles(at)
        assert refused(at) or _titles(at) == landing_titles["admin"]
    finally:
        rogue.unlink()


def _view_outside_navigation() -> None:
    import streamlit as st

    from sigap_metrics.ui import shell
    shell.view()
    st.title("rendered")


@pytest.mark.parametrize("role", auth.ROLES)
def test_view_refuses_a_page_not_started_by_apps_navigation(demo_db, monkeypatch, role):
    """shell.view() (called first by every page) renders nothing unless routing.run started the page."""
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_function(_view_outside_navigation, default_timeout=60)
    if role != "publik":
        sign_in(at, ROLE_USER[role], demo_db)
    at.run()
    assert not at.exception
    assert refused(at) and _titles(at) == []


@pytest.mark.parametrize(("role", "page"), [(role, spec.file) for role in auth.ROLES for spec in PAGES
                                          if role not in spec.roles])
def test_every_real_page_is_stopped_by_the_guard_when_run_directly(demo_db, monkeypatch, role, page):
    """Without shell.view()'s switch back to app.py, a page file run directly (Streamlit's pages-folder
    mode) must still render nothing for a role that may not see it: each page reaches the guard first,
    also when it calls view() through a helper module."""
    monkeypatch.setattr("sigap_metrics.ui.pages_folder.leave", lambda: None)
    at = _app(demo_db, monkeypatch, role, page)
    assert not at.exception, at.exception
    assert refused(at), (role, page, content_elements(at))


def test_developer_override_needs_both_variables(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    monkeypatch.setenv("SIGAP_ROLE", "admin")
    monkeypatch.delenv("SIGAP_DEV_AUTH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    assert registered(at) == {"pages/transparansi.py"}
    monkeypatch.setenv("SIGAP_DEV_AUTH", "1")
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    assert registered(at) == {spec.file for spec in pages_for("admin")}
    monkeypatch.setenv("SIGAP_ROLE", "root")
    at = AppTest.from_file(str(APP), default_timeout=90).run()
    assert registered(at) == {"pages/transparansi.py"}


def test_a_removed_user_is_signed_out_on_the_next_run(users_db, monkeypatch):
    with writing(users_db) as con:   # the store changes the way the app's and the CLI's writers change it
        auth.add_user(con, "sementara", "pimpinan", "kata-sandi-sementara")
    monkeypatch.setenv("SIGAP_DB", str(users_db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    sign_in(at, "sementara", users_db)
    at.run()
    assert registered(at) == {spec.file for spec in pages_for("pimpinan")}
    with writing(users_db) as con:
        con.execute("DELETE FROM pengguna WHERE username = 'sementara'")
    at.run()
    assert registered(at) == {"pages/transparansi.py"}
    assert any(t("login_expired", "id") in w.value for w in at.sidebar.warning)
    assert SESSION_TOKEN not in at.session_state
    assert sessions.count(auth_state_path(users_db), "sementara") == 0


@pytest.mark.parametrize(("key", "value"), [(SESSION_USER, "admin"), (SESSION_USER, "nobody' OR '1'='1"),
                                            (SESSION_TOKEN, "a" * 43), (SESSION_TOKEN, "x" * 5000)])
def test_forged_session_values_are_publik(demo_db, monkeypatch, key, value):
    """Only a token of a live session signs in: a user name or an invented token in session state does not."""
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.session_state[key] = value
    at.run()
    assert registered(at) == {"pages/transparansi.py"}


def test_signing_out_ends_the_session_in_every_tab(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    first, second = (AppTest.from_file(str(APP), default_timeout=90) for _ in range(2))
    token = sign_in(first, "pimpinan", demo_db)
    second.session_state[SESSION_TOKEN] = token            # the same session in another tab (cookie)
    first.run(), second.run()
    assert registered(second) == {spec.file for spec in pages_for("pimpinan")}
    sessions.end(auth_state_path(demo_db), token)          # what the first tab's sign-out button does (below)
    first.run(), second.run()
    assert registered(first) == {"pages/transparansi.py"}
    assert registered(second) == {"pages/transparansi.py"}


def test_a_session_expires_when_idle(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    token = sign_in(at, "pimpinan", demo_db)
    at.run()
    assert registered(at) == {spec.file for spec in pages_for("pimpinan")}
    state = auth_state_path(demo_db)
    with __import__("sigap_metrics.store.auth_state", fromlist=["transaction"]).transaction(state) as con:
        con.execute("UPDATE sesi SET last_seen = last_seen - ? WHERE token_hash = ?",
                    [sessions.DEFAULT_IDLE_HOURS * 3600 + 1, sessions.token_hash(token)])
    at.run()
    assert registered(at) == {"pages/transparansi.py"}


def test_a_shared_link_asks_visitors_to_sign_in_then_opens_with_its_filters(demo_db, monkeypatch):
    """/sektor?kecamatan=32.75.07 without a session: the sign-in form on that URL; a session then shows the page
    with the filter (the sign-in itself is driven in the browser, tests/test_browser_sessions.py)."""
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["kecamatan"] = "32.75.07"
    at.switch_page("pages/sektor.py")
    at.run()
    assert locked(at) and _titles(at) == [t("page_sektor", "id")]
    assert {w.key for w in at.main.text_input} == {"w_login_main_name", "w_login_main_password"}
    sign_in(at, "pimpinan", demo_db)
    at.run()
    assert not locked(at) and t("page_sektor", "id") in " ".join(_titles(at))
    assert at.query_params["kecamatan"] in ("32.75.07", ["32.75.07"])
    assert at.sidebar.multiselect(key="w_kecamatan").value == ["32.75.07"]


def test_a_page_not_for_the_role_says_so(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, "pimpinan", "pages/pengguna.py")      # the URL /pengguna
    assert any(t("page_not_for_role", "id").format(role=t("role_pimpinan", "id")) in w.value for w in at.warning)
    assert not [e for e in at.main if e.type in DATA]


# The login form, run on its own (the box as the whole script): each click is a full rerun of the box.
# (Through app.py AppTest cannot submit a form: every AppTest run starts like a fresh server, in Streamlit's
# pages-folder mode, and the rerun that leaves it drops the click. tests/test_browser_access.py signs in
# through the whole app.)

def _login_box():
    from types import SimpleNamespace

    from sigap_metrics.ui import routing, signin
    signin.account_box("id", routing.Navigation(SimpleNamespace(url_path="beranda"), {}))


def _box(db: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("SIGAP_DB", str(db))
    monkeypatch.delenv("SIGAP_DEV_AUTH", raising=False)
    return AppTest.from_function(_login_box, default_timeout=60).run()


def _submit(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="w_login_name").input(name)
    at.text_input(key="w_login_password").input(password)
    return at.button(key="FormSubmitter:login-" + t("login", "id")).click().run()


def test_login_form_signs_in_each_demo_role(demo_db, monkeypatch):
    for name, (role, password) in DEMO_USERS.items():
        at = _submit(_box(demo_db, monkeypatch), name, password)
        assert not at.exception
        assert at.session_state[SESSION_USER] == name and at.session_state[SESSION_TOKEN]
        assert any(name in m.value for m in at.sidebar.markdown)
        assert at.button(key="w_logout")
        token = at.session_state[SESSION_TOKEN]
        assert sessions.count(auth_state_path(demo_db), name) >= 1
        at.button(key="w_logout").click().run()
        assert SESSION_USER not in at.session_state and SESSION_TOKEN not in at.session_state
        assert sessions.resolve(auth_state_path(demo_db), token, lambda _: role, dt.datetime.now()) is None


def test_wrong_passwords_are_refused_then_slowed(users_db, monkeypatch):
    with writing(users_db) as con:
        auth.add_user(con, "lambat", "operator", "kata-sandi-benar")
    state = auth_state_path(users_db)
    at = _box(users_db, monkeypatch)
    for attempt in range(FREE_ATTEMPTS):
        at = _submit(at, "lambat", f"salah-{attempt}")
        assert SESSION_USER not in at.session_state
        assert [e.value for e in at.error] == [t("login_failed", "id")]
    assert any("2 detik" in w.value for w in at.warning)          # the fifth failure starts the wait
    at = _submit(at, "lambat", "kata-sandi-benar")                  # refused while the wait runs (and counted)
    assert SESSION_USER not in at.session_state
    assert any(t("login_throttled", "id").split("{")[0] in e.value for e in at.error)
    assert throttle.counter(state, "pair", "lambat", None) == FREE_ATTEMPTS + 1
    assert throttle.counter(state, "account", "lambat") == FREE_ATTEMPTS   # refused attempts spare the account
    # Once the wait has passed (moved back in the state file, instead of sleeping), the right password works.
    from sigap_metrics.store.auth_state import transaction
    with transaction(state) as sql:
        sql.execute("UPDATE gagal SET last_failed = last_failed - ?", [auth.retry_delay_s(FREE_ATTEMPTS + 1) + 1])
    at = _submit(at, "lambat", "kata-sandi-benar")
    assert at.session_state[SESSION_USER] == "lambat"
    assert throttle.counter(state, "pair", "lambat", None) == 0


def test_unknown_user_and_empty_password_are_refused(demo_db, monkeypatch):
    at = _submit(_box(demo_db, monkeypatch), "tidakada", "apa-saja-123")
    assert [e.value for e in at.error] == [t("login_failed", "id")]
    at = _submit(at, "admin", "")
    assert SESSION_USER not in at.session_state


# OIDC: offered only with [auth] and [sigap_oidc] in secrets; the role comes from a mapped claim.

OIDC_SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
             "client_id": "sigap", "client_secret": "s",
             "server_metadata_url": "https://login.example/.well-known/openid-configuration"},
    "sigap_oidc": {"role_claim": "groups", "roles": {"sigap-pimpinan": "pimpinan", "sigap-admin": "admin"}},
}


def _oidc_app(db: Path, monkeypatch, user: dict, secrets: dict = OIDC_SECRETS) -> AppTest:
    monkeypatch.setenv("SIGAP_DB", str(db))
    monkeypatch.delenv("SIGAP_DEV_AUTH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.secrets = {k: dict(v) for k, v in secrets.items()}
    at.user = user
    return at.run()


def test_oidc_is_offered_only_when_configured(demo_db, monkeypatch):
    monkeypatch.setattr("sigap_metrics.ui.signin.authlib_available", lambda: True)
    at = _oidc_app(demo_db, monkeypatch, {"is_logged_in": False})
    assert at.button(key="w_login_sso")
    monkeypatch.setattr("sigap_metrics.ui.signin.authlib_available", lambda: False)   # st.login needs Authlib
    at = _oidc_app(demo_db, monkeypatch, {"is_logged_in": False})
    assert not any(b.key == "w_login_sso" for b in at.button)
    monkeypatch.setattr("sigap_metrics.ui.signin.authlib_available", lambda: True)
    incomplete = {"auth": OIDC_SECRETS["auth"]}                      # no role mapping: not offered
    at = _oidc_app(demo_db, monkeypatch, {"is_logged_in": False}, incomplete)
    assert not any(b.key == "w_login_sso" for b in at.button)


@pytest.mark.parametrize(("groups", "role"), [(["sigap-pimpinan"], "pimpinan"), (["x", "sigap-admin"], "admin"),
                                              (["lain"], "publik")])
def test_oidc_role_comes_from_the_mapped_claim(demo_db, monkeypatch, groups, role):
    at = _oidc_app(demo_db, monkeypatch, {"is_logged_in": True, "name": "Pejabat", "email": "p@example.go.id",
                                          "groups": groups})
    assert not at.exception
    assert registered(at) == {spec.file for spec in pages_for(role)}
    if role == "publik":
        assert any(t("login_no_role", "id") in i.value for i in at.sidebar.info)


def test_oidc_identity_is_ignored_without_configuration(demo_db, monkeypatch):
    at = _oidc_app(demo_db, monkeypatch, {"is_logged_in": True, "groups": ["sigap-admin"]},
                   {"other": {"x": "y"}})
    assert registered(at) == {"pages/transparansi.py"}
