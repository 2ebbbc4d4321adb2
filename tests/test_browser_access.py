"""Access control in a real browser against `streamlit run`: the sidebar login for each demo role, the pages
its navigation offers, forbidden pages asked for by URL (a fresh load, and an in-app URL change in the same
signed-in session) showing their locked stand-in, wrong passwords refused and slowed, and a fresh server whose
first request is a page that needs a sign-in. Sessions and deep links: tests/test_browser_sessions.py."""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from sigap_metrics import auth
from sigap_metrics.auth import DEMO_USERS, FREE_ATTEMPTS
from sigap_metrics.i18n import t
from sigap_metrics.store import connect
from sigap_metrics.ui.shell import PAGES, pages_for

from .browser import chromium, errors_on, open_app, serve, wait_for_run

ENV = {"SIGAP_GEO_DIR": "/nonexistent", "SIGAP_DEV_AUTH": "", "SIGAP_ROLE": ""}
PUBLIC_TITLE = t("page_transparansi", "id")
SLOW_USER, SLOW_PASSWORD = "lambat", "kata-sandi-benar"


def _copy_demo(demo_db: Path, folder: Path) -> Path:
    path = folder / "sigap.duckdb"
    shutil.copy(demo_db, path)
    key = demo_db.with_suffix(".nik.key")
    if key.exists():
        shutil.copy(key, path.with_suffix(".nik.key"))
    return path


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    db = _copy_demo(demo_db, tmp_path_factory.mktemp("browser_access"))
    con = connect(db)
    auth.add_user(con, SLOW_USER, "operator", SLOW_PASSWORD)
    con.close()
    with serve(db, env=ENV) as url:
        with chromium() as browser:
            yield url, browser


def _nav(page) -> list[str]:
    return [a.inner_text().split("\n")[-1].strip() for a in page.locator('[data-testid="stSidebarNav"] a').all()]


def _headings(page) -> list[str]:
    return [h.inner_text().strip() for h in page.locator("h1").all()]


def _settle(page) -> None:
    time.sleep(0.4)
    wait_for_run(page)


def _login(page, name: str, password: str) -> None:
    bar = page.locator('[data-testid="stSidebar"]')
    bar.get_by_label(t("login_username", "id")).fill(name)
    bar.get_by_label(t("login_password", "id")).fill(password)
    bar.get_by_role("button", name=t("login", "id"), exact=True).click()
    _settle(page)
    deadline = time.monotonic() + 15          # a signed-in run may still be drawing on a loaded machine
    while time.monotonic() < deadline and not bar.get_by_role("button", name=t("logout", "id")).count() \
            and not bar.locator('[data-testid="stAlert"]').count():
        time.sleep(0.25)
    _settle(page)


def _go_in_app(page, path: str) -> None:
    """Change the URL inside the running app (same session, as the browser's back/forward would)."""
    page.evaluate("p => { window.history.pushState({}, '', p); window.dispatchEvent(new PopStateEvent('popstate')); }",
                  "/" + path)
    _settle(page)


SIGN_IN_FIRST = t("signin_to_open", "id")[:30]
NOT_FOR_ROLE = t("page_not_for_role", "id").split("(")[0].strip()


def test_fresh_server_refuses_a_forbidden_first_request(demo_db, tmp_path):
    """Before any st.navigation call Streamlit runs pages/ files directly: the page must still not render
    (shell.view() sends the run through app.py, whose navigation shows the sign-in request at that URL)."""
    db = _copy_demo(demo_db, tmp_path)
    with serve(db, env=ENV) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        open_app(page, url + "/ringkasan")
        assert t("ringkasan_title", "id") not in _headings(page)
        assert page.get_by_text(SIGN_IN_FIRST).count() == 1
        assert page.get_by_text("Page not found").count() == 0


def test_visitor_gets_the_public_page_for_every_url(site):
    url, browser = site
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    open_app(page, url)
    page.wait_for_selector("h1", timeout=30_000)       # "/" sends the visitor on to /transparansi (one more run)
    _settle(page)
    assert _headings(page)[0] == PUBLIC_TITLE
    assert _nav(page) in ([], [PUBLIC_TITLE])
    assert errors_on(page) == []
    for spec in PAGES:                       # in-app URL changes, then a fresh load per URL (new session)
        if "publik" not in spec.roles:
            _go_in_app(page, spec.key)
            assert _headings(page) == [t("page_" + spec.key, "id")], spec.key      # its locked stand-in
            assert page.get_by_text(SIGN_IN_FIRST).count() == 1, spec.key
            assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() == 0, spec.key
    for key in ("pengguna", "ringkasan"):
        open_app(page, f"{url}/{key}")
        assert page.get_by_text(SIGN_IN_FIRST).count() == 1, key
        assert page.get_by_text("Page not found").count() == 0, key
    page.close()


def _pages_to_open(role: str) -> list:
    """The pages only this role (and roles above it) may see: every page is opened by the first demo role
    (in DEMO_USERS order) allowed to; the analytic pages all render in the browser in tests/test_browser.py."""
    roles = [r for r, _ in DEMO_USERS.values()]
    earlier = roles[: roles.index(role)]
    return [spec for spec in pages_for(role) if not any(r in spec.roles for r in earlier)]


@pytest.mark.parametrize("name", list(DEMO_USERS))
def test_each_role_signs_in_opens_its_pages_and_cannot_reach_the_others(site, name):
    url, browser = site
    role, password = DEMO_USERS[name]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_app(page, url)
    _login(page, name, password)
    allowed = pages_for(role)
    assert _nav(page) == [t("page_" + spec.key, "id") for spec in allowed]
    landing = _headings(page)
    assert landing and landing[0] != PUBLIC_TITLE                     # landed on the role's first page
    assert errors_on(page) == []
    for spec in _pages_to_open(role):                                 # offered pages open without error
        page.locator('[data-testid="stSidebarNav"] a', has_text=t("page_" + spec.key, "id")).first.click()
        _settle(page)
        assert page.url.endswith("/" + spec.key) or spec is allowed[0], (spec.key, page.url)
        assert errors_on(page) == [], spec.key
        assert page.get_by_text(t("page_refused", "id")).count() == 0
    # An allowed page reached by changing the URL in the session opens (the mechanism works) ...
    _go_in_app(page, "transparansi")
    assert _headings(page)[0] == PUBLIC_TITLE
    # ... a forbidden one does not: "not available for your role", nothing of the page.
    for spec in PAGES:
        if role in spec.roles:
            continue
        _go_in_app(page, spec.key)
        assert page.get_by_text(NOT_FOR_ROLE).count() == 1, spec.key
        assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() == 0, spec.key
    # A fresh load of a forbidden URL: still signed in (the session cookie), still not available.
    forbidden = [spec for spec in PAGES if role not in spec.roles]
    if forbidden:
        open_app(page, f"{url}/{forbidden[0].key}")
        assert page.get_by_text(NOT_FOR_ROLE).count() == 1
    page.close()


def test_every_page_is_opened_by_some_role():
    assert {spec.key for role, _ in DEMO_USERS.values() for spec in _pages_to_open(role)} \
        == {spec.key for spec in PAGES if set(spec.roles) - {"publik"}}


def test_sign_out_returns_to_the_public_page(site):
    url, browser = site
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    open_app(page, url)
    _login(page, "admin", DEMO_USERS["admin"][1])
    assert t("page_pengguna", "id") in _nav(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("logout", "id")).click()
    _settle(page)
    assert _nav(page) in ([], [PUBLIC_TITLE])
    assert _headings(page)[0] == PUBLIC_TITLE
    page.close()


def _wait_shown(page) -> int | None:
    """The seconds in the "try again in N seconds" message, if one is shown."""
    texts = page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').all_inner_texts()
    found = [int(m.group(1)) for text in texts if (m := re.search(r"dalam (\d+) detik", text))]
    return max(found) if found else None


def test_wrong_passwords_are_refused_and_slowed(site):
    url, browser = site
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    open_app(page, url)
    failed = t("login_failed", "id")
    for attempt in range(FREE_ATTEMPTS - 1):
        _login(page, SLOW_USER, f"salah-{attempt}")
        assert page.get_by_text(failed).count() == 1, attempt
        assert _wait_shown(page) is None, attempt                   # the first failures are not slowed
    _login(page, SLOW_USER, "salah-terakhir")
    assert _wait_shown(page) == 2                                   # the fifth starts the wait
    # Each further failure doubles it; attempts made while it runs are refused, do not count, and show
    # the seconds left.
    waits = [2]
    while waits[-1] < 8:
        _login(page, SLOW_USER, "masih-salah")
        waits.append(_wait_shown(page) or 0)
        assert len(waits) < 20, waits
    assert {4, 8} <= set(waits) and max(waits) == 8, waits          # counted failures: 2, 4, 8 s
    _login(page, SLOW_USER, SLOW_PASSWORD)                          # right password, but the wait is running
    assert page.get_by_text(t("login_throttled", "id").split("{")[0].strip()).count() >= 1
    assert _nav(page) in ([], [PUBLIC_TITLE])
    assert _headings(page)[0] == PUBLIC_TITLE
    page.close()
