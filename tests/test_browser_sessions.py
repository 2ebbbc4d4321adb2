"""Sessions and deep links in a real browser (Debian's Chromium) against `streamlit run`: signed in across a
reload and a new tab, signed out everywhere by one tab, a shared filtered link through the sign-in form to that
page with its filters, the public page's own URL with no "Page not found", and a demoted operator whose open
page cannot import. Screenshots go to SIGAP_SCREENSHOTS (default: the test's tmp folder)."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from sigap_metrics import auth
from sigap_metrics.auth import DEMO_USERS
from sigap_metrics.i18n import t
from sigap_metrics.store import connect
from sigap_metrics.ui.identity import COOKIE

from .browser import chromium, open_app, screenshot, serve, wait_for_run

ENV = {"SIGAP_GEO_DIR": "/nonexistent", "SIGAP_DEV_AUTH": "", "SIGAP_ROLE": ""}
PUBLIC_TITLE = t("page_transparansi", "id")
NOT_FOUND = "Page not found"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "import" / "peserta.csv"


def _copy_demo(demo_db: Path, folder: Path) -> Path:
    path = folder / "sigap.duckdb"
    shutil.copy(demo_db, path)
    key = demo_db.with_suffix(".nik.key")
    if key.exists():
        shutil.copy(key, path.with_suffix(".nik.key"))
    return path


def _shots(tmp_path_factory) -> Path:
    folder = os.environ.get("SIGAP_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("shots")


@pytest.fixture(scope="module")
def site(demo_db, tmp_path_factory):
    db = _copy_demo(demo_db, tmp_path_factory.mktemp("browser_sessions"))
    with serve(db, env=ENV) as url:
        with chromium() as browser:
            yield url, browser, _shots(tmp_path_factory)


def _settle(page) -> None:
    time.sleep(0.4)
    wait_for_run(page)


def _nav(page) -> list[str]:
    return [a.inner_text().split("\n")[-1].strip() for a in page.locator('[data-testid="stSidebarNav"] a').all()]


def _headings(page) -> list[str]:
    return [h.inner_text().strip() for h in page.locator("h1").all()]


def _login(page, name: str, password: str, where: str = "stSidebar") -> None:
    area = page.locator(f'[data-testid="{where}"]')
    area.get_by_label(t("login_username", "id")).fill(name)
    area.get_by_label(t("login_password", "id")).fill(password)
    area.get_by_role("button", name=t("login", "id"), exact=True).click()
    _settle(page)
    page.wait_for_timeout(500)         # the cookie is written by the component once the run has rendered


def _signed_in_as(page, name: str, wait_s: float = 10) -> bool:
    """Whether the sidebar says `name` is signed in (waiting up to `wait_s` for a run still drawing)."""
    bar = page.locator('[data-testid="stSidebar"]')
    deadline = time.monotonic() + wait_s
    while True:
        if bar.get_by_text(t("login_signed_in", "id").split("**")[0].strip()).count() > 0 \
                and bar.get_by_text(name, exact=False).count() > 0 \
                and bar.get_by_role("button", name=t("logout", "id")).count() == 1:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)


def _not_found_shown(page) -> bool:
    page.wait_for_timeout(400)
    return page.get_by_text(NOT_FOUND).count() > 0


def test_signed_in_across_reload_and_new_tab_and_signed_out_everywhere(site):
    url, browser, shots = site
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    first = context.new_page()
    open_app(first, url)
    _login(first, "pimpinan", DEMO_USERS["pimpinan"][1])
    assert _signed_in_as(first, "pimpinan")
    cookie = next(c for c in context.cookies() if c["name"] == COOKIE)
    assert cookie["sameSite"] == "Strict" and len(cookie["value"]) >= 40
    assert cookie["value"] not in first.url
    first.reload(wait_until="domcontentloaded")
    wait_for_run(first)
    assert _signed_in_as(first, "pimpinan")
    assert t("page_ringkasan", "id") in _nav(first)
    second = context.new_page()
    open_app(second, url + "/peta")
    assert _signed_in_as(second, "pimpinan")
    assert t("peta_caption", "id")[:20] in second.inner_text("body")
    # Signing out in the first tab ends the session: the second tab's next run is signed out.
    first.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("logout", "id")).click()
    _settle(first)
    assert _headings(first)[0] == PUBLIC_TITLE and not _signed_in_as(first, "pimpinan", 0)
    second.locator('[data-testid="stSidebarNav"] a', has_text=t("page_sektor", "id")).first.click()
    _settle(second)
    assert not _signed_in_as(second, "pimpinan", 0)
    assert second.get_by_text(t("signin_to_open", "id")[:30]).count() == 1
    assert not [c for c in context.cookies() if c["name"] == COOKIE and c["value"]]
    # A reload after signing out stays signed out.
    second.reload(wait_until="domcontentloaded")
    wait_for_run(second)
    assert not _signed_in_as(second, "pimpinan", 0)
    context.close()


def test_a_shared_filtered_link_asks_to_sign_in_then_opens_with_its_filters(site):
    url, browser, shots = site
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    open_app(page, url + "/sektor?kecamatan=32.75.07&tgl=2026-06-30")
    assert not _not_found_shown(page)
    assert page.get_by_text(t("signin_to_open", "id")[:30]).count() == 1
    assert _headings(page)[0] == t("page_sektor", "id")
    screenshot(page, shots / "deep_link_sign_in.png")
    _login(page, "anggaran", DEMO_USERS["anggaran"][1], where="stMain")
    assert "/sektor" in page.url and "kecamatan=32.75.07" in page.url and "tgl=2026-06-30" in page.url
    assert page.get_by_text(t("signin_to_open", "id")[:30]).count() == 0
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
    assert "Bantargebang" in chips
    assert page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input').input_value() in ("30/06/2026", "2026-06-30")
    screenshot(page, shots / "deep_link_after_sign_in.png")
    # A page this role may not open says so, at its own URL.
    open_app(page, url + "/pengguna")
    assert not _not_found_shown(page)
    assert page.get_by_text(t("page_not_for_role", "id").split("(")[0].strip()).count() == 1
    context.close()


def test_the_public_pages_own_url_opens_for_everyone_without_page_not_found(site):
    url, browser, shots = site
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    fresh = context.new_page()
    open_app(fresh, url + "/transparansi")
    assert _headings(fresh)[0] == PUBLIC_TITLE and not _not_found_shown(fresh)
    on_app = context.new_page()
    open_app(on_app, url)                                  # a tab already showing the app ...
    open_app(on_app, url + "/transparansi")                # ... opens the copied address
    assert _headings(on_app)[0] == PUBLIC_TITLE and not _not_found_shown(on_app)
    on_app.evaluate("() => { window.history.pushState({}, '', '/transparansi');"
                    " window.dispatchEvent(new PopStateEvent('popstate')); }")
    _settle(on_app)
    assert _headings(on_app)[0] == PUBLIC_TITLE and not _not_found_shown(on_app)
    _login(on_app, "admin", DEMO_USERS["admin"][1])
    open_app(on_app, url + "/transparansi")                # signed in (cookie), the same address
    assert _headings(on_app)[0] == PUBLIC_TITLE and not _not_found_shown(on_app)
    assert _signed_in_as(on_app, "admin")
    context.close()


def _pick(page, label: str, option: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text=label).last.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_a_demoted_operators_open_page_cannot_import(site, demo_db, tmp_path):
    """Its own server (the store is read afterwards, when no server holds it), the module's browser."""
    browser = site[1]
    db = _copy_demo(demo_db, tmp_path)
    con = connect(db)
    auth.add_user(con, "rina.operator", "operator", "sandi-operator-rina")
    imports_before = con.execute("SELECT count(*) FROM import_log").fetchall()[0][0]
    workers_before = con.execute("SELECT count(*) FROM pekerja").fetchall()[0][0]
    con.close()
    with serve(db, env=ENV) as url:
        operator = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
        open_app(operator, url)
        _login(operator, "rina.operator", "sandi-operator-rina")
        open_app(operator, url + "/data_kualitas")
        operator.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(FIXTURE))
        _settle(operator)
        commit = operator.get_by_role("button", name=t("data_commit", "id"))
        assert commit.count() == 1
        # Meanwhile an admin demotes the operator on Pengguna.
        admin = browser.new_context(viewport={"width": 1300, "height": 1000}).new_page()
        open_app(admin, url)
        _login(admin, "admin", DEMO_USERS["admin"][1])
        open_app(admin, url + "/pengguna")
        form = admin.locator('[data-testid="stForm"]').filter(has_text=t("users_change", "id"))
        form.locator('[data-testid="stSelectbox"]').first.click()
        admin.get_by_role("option", name="rina.operator", exact=True).click()
        form.locator('[data-testid="stSelectbox"]').last.click()
        admin.get_by_role("option", name=t("role_pimpinan", "id"), exact=True).click()
        form.get_by_role("button", name=t("users_apply", "id")).click()
        _settle(admin)
        assert admin.get_by_text(t("users_done", "id")).count() == 1
        # The operator's page is still open with its button: the click is refused.
        commit.click()
        _settle(operator)
        assert operator.get_by_text(t("data_done", "id").split("{")[0].strip()[:15]).count() == 0
        assert operator.get_by_text(t("login_expired", "id")[:25]).count() == 1
        assert operator.get_by_role("button", name=t("data_commit", "id")).count() == 0
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM import_log").fetchall()[0][0] == imports_before
    assert con.execute("SELECT count(*) FROM pekerja").fetchall()[0][0] == workers_before
    assert auth.role_of(con, "rina.operator") == "pimpinan"
    con.close()
