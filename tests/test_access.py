"""Access control through AppTest: navigation per role, pages refused however they are reached, the login
form (wrong passwords refused and slowed), the developer override, and OIDC roles from claims.

Two ways a page can be asked for:
- through app.py: st.navigation registers only the role's pages; `AppTest.switch_page` accepts exactly the
  registered ones, so it tells what a URL can reach;
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

from sigap_metrics import auth
from sigap_metrics.auth import DEMO_USERS, FREE_ATTEMPTS
from sigap_metrics.i18n import t
from sigap_metrics.store import connect, writing
from sigap_metrics.ui.access import SESSION_USER
from sigap_metrics.ui.shell import PAGES, pages_for

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
        at.session_state[SESSION_USER] = ROLE_USER[role]
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
        # Either the page guard refused it, or navigation fell back to the role's own first page.
        assert refused(at) or _titles(at) == landing_titles[role], (role, page, _titles(at))
        assert _titles(at) != page_titles[page], (role, page)


def test_a_page_file_not_in_the_registry_never_renders(demo_db, monkeypatch, landing_titles):
    rogue = APP.parent / "pages" / "_test_rogue_page.py"
    rogue.write_text("from sigap_metrics.ui import shell\nimport streamlit as st\nshell.view()\nst.title('rogue')\n")
    try:
        at = _app(demo_db, monkeypatch, "admin", "pages/_test_rogue_page.py")
        assert "rogue" not in _titles(at)
        assert refused(at) or _titles(at) == landing_titles["admin"]
    finally:
        rogue.unlink()


def _guarded(page_file: str) -> None:
    import streamlit as st

    from sigap_metrics.ui import access
    from sigap_metrics.ui.shell import PAGES
    access.guard_page(page_file, PAGES, "id")
    st.title("rendered")


@pytest.mark.parametrize(("role", "page"), [(role, spec.file) for role in auth.ROLES for spec in PAGES])
def test_page_guard_stops_a_page_run_for_a_role_that_may_not_see_it(demo_db, monkeypatch, role, page):
    """The guard itself (defence in depth behind navigation), for a page run however it was reached."""
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_function(_guarded, args=(str(APP.parent / page),), default_timeout=60)
    if role != "publik":
        at.session_state[SESSION_USER] = ROLE_USER[role]
    at.run()
    assert not at.exception
    allowed = role in next(spec.roles for spec in PAGES if spec.file == page)
    assert (_titles(at) == ["rendered"]) is allowed
    assert refused(at) is not allowed


def test_page_guard_refuses_unregistered_page_files_and_ignores_app_py(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_function(_guarded, args=(str(APP.parent / "pages" / "unknown.py"),), default_timeout=60)
    at.session_state[SESSION_USER] = "admin"
    assert refused(at.run())
    at = AppTest.from_function(_guarded, args=(str(APP),), default_timeout=60).run()
    assert _titles(at) == ["rendered"]


@pytest.mark.parametrize(("role", "page"), [(role, spec.file) for role in auth.ROLES for spec in PAGES
                                          if role not in spec.roles])
def test_every_real_page_is_stopped_by_the_guard_when_run_directly(demo_db, monkeypatch, role, page):
    """Without shell.view()'s switch back to app.py, a page file run directly (Streamlit's pages-folder
    mode) must still render nothing for a role that may not see it: each page reaches the guard first,
    also when it calls view() through a helper module."""
    monkeypatch.setattr("sigap_metrics.ui.shell._leave_pages_folder_mode", lambda: None)
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
    at.session_state[SESSION_USER] = "sementara"
    at.run()
    assert registered(at) == {spec.file for spec in pages_for("pimpinan")}
    with writing(users_db) as con:
        con.execute("DELETE FROM pengguna WHERE username = 'sementara'")
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.session_state[SESSION_USER] = "sementara"
    at.run()
    assert registered(at) == {"pages/transparansi.py"}
    assert any(t("login_expired", "id") in w.value for w in at.sidebar.warning)


def test_forged_session_user_that_does_not_exist_is_publik(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.session_state[SESSION_USER] = "nobody' OR '1'='1"
    at.run()
    assert registered(at) == {"pages/transparansi.py"}


# The login form, run on its own (the box as the whole script): each click is a full rerun of the box.
# (Through app.py AppTest cannot submit a form: every AppTest run starts like a fresh server, in Streamlit's
# pages-folder mode, and the rerun that leaves it drops the click. tests/test_browser_access.py signs in
# through the whole app.)

def _login_box():
    from sigap_metrics.ui import access
    access.account_box("id")


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
        assert at.session_state[SESSION_USER] == name
        assert any(name in m.value for m in at.sidebar.markdown)
        assert at.button(key="w_logout")
        at.button(key="w_logout").click().run()
        assert SESSION_USER not in at.session_state


def test_wrong_passwords_are_refused_then_slowed(users_db, monkeypatch):
    with writing(users_db) as con:
        auth.add_user(con, "lambat", "operator", "kata-sandi-benar")
    at = _box(users_db, monkeypatch)
    for attempt in range(FREE_ATTEMPTS):
        at = _submit(at, "lambat", f"salah-{attempt}")
        assert SESSION_USER not in at.session_state
        assert [e.value for e in at.error] == [t("login_failed", "id")]
    assert any("2 detik" in w.value for w in at.warning)          # the fifth failure starts the wait
    at = _submit(at, "lambat", "kata-sandi-benar")                  # refused while the wait runs
    assert SESSION_USER not in at.session_state
    assert any(t("login_throttled", "id").split("{")[0] in e.value for e in at.error)
    con = connect(users_db, read_only=True)
    assert con.execute("SELECT failed_attempts FROM pengguna WHERE username = 'lambat'").fetchall()[0][0] == FREE_ATTEMPTS
    con.close()
    # Once the wait has passed (moved back in the store, instead of sleeping), the right password works.
    with writing(users_db) as con:
        con.execute("UPDATE pengguna SET last_failed_at = ? WHERE username = 'lambat'",
                    [dt.datetime.now() - dt.timedelta(seconds=auth.retry_delay_s(FREE_ATTEMPTS) + 1)])
    at = _submit(at, "lambat", "kata-sandi-benar")
    assert at.session_state[SESSION_USER] == "lambat"


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
    monkeypatch.setattr("sigap_metrics.ui.access.authlib_available", lambda: True)
    at = _oidc_app(demo_db, monkeypatch, {"is_logged_in": False})
    assert at.button(key="w_login_sso")
    monkeypatch.setattr("sigap_metrics.ui.access.authlib_available", lambda: False)   # st.login needs Authlib
    at = _oidc_app(demo_db, monkeypatch, {"is_logged_in": False})
    assert not any(b.key == "w_login_sso" for b in at.button)
    monkeypatch.setattr("sigap_metrics.ui.access.authlib_available", lambda: True)
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
