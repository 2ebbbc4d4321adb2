"""The real thing: `streamlit run app.py` on a free port with a demo store (boundaries from ../shared/data/geo),
every page opened in headless Debian Chromium, no exception or error box, a screenshot per page.

Screenshots go to $SIGAP_SCREENSHOTS when set (kept for people to look at), else to a temporary folder.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sigap_metrics.demo import create_demo_store
from sigap_metrics.i18n import t
from sigap_metrics.ui.shell import pages_for

from .browser import chromium, chromium_path, errors_on, open_app, screenshot, serve
from .conftest import AS_OF, SHARED_GEO

DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
ROLE = "anggaran"   # sees every analytic page, and the scenario exports


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    configured = os.environ.get("SIGAP_SCREENSHOTS")
    folder = Path(configured) if configured else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser_db(tmp_path_factory) -> Path:
    """A store of its own: the server process must be the only one holding the file."""
    if not SHARED_GEO.is_dir():
        pytest.fail(f"reference boundaries expected at {SHARED_GEO}")
    path = tmp_path_factory.mktemp("browser") / "sigap.duckdb"
    create_demo_store(path, as_of=AS_OF, boundaries_dir=SHARED_GEO)
    return path


@pytest.fixture(scope="module")
def app_url(browser_db):
    if chromium_path() is None:
        pytest.fail("Debian's chromium is required for the browser tests (apt-get install chromium; .ci/run does)")
    env = {"SIGAP_DEV_AUTH": "1", "SIGAP_ROLE": ROLE, "SIGAP_GEO_DIR": str(SHARED_GEO)}
    with serve(browser_db, env) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def _url(base: str, key: str, first: str, query: str = "") -> str:
    # st.navigation serves the first page at the root; its own path would be "page not found"
    return base + ("/" if key == first else "/" + key) + (("?" + query) if query else "")


def _visit(browser, url: str, viewport: dict, path: Path) -> tuple[object, list[str]]:
    page = browser.new_page(viewport=viewport)
    crashes: list[str] = []
    page.on("pageerror", lambda error: crashes.append(str(error)))
    open_app(page, url)
    screenshot(page, path)
    return page, crashes


def _check(page, crashes, title: str) -> None:
    assert errors_on(page) == []
    assert page.locator('[data-testid="stDialog"]').count() == 0          # e.g. "page not found"
    assert crashes == []
    assert page.locator("h1").first.inner_text().strip() == title


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_renders_in_the_browser(app_url, browser, shots, lang):
    """Every page in Indonesian; in English the overview and the map (AppTest covers English on every page)."""
    specs = pages_for(ROLE)
    first = specs[0].key
    for spec in specs:
        if lang == "en" and spec.key not in ("ringkasan", "peta"):
            continue
        page, crashes = _visit(browser, _url(app_url, spec.key, first, f"lang={lang}"), DESKTOP,
                               shots / f"{spec.key}_{lang}_desktop.png")
        try:
            title_key = "ringkasan_title" if spec.key == "ringkasan" else "page_" + spec.key
            if spec.key in ("ringkasan", "peta", "sektor", "klaim", "anggaran", "pelatihan", "definisi"):
                _check(page, crashes, t(title_key, lang))
            else:   # pages of the other issues: no error is what this test can promise
                assert errors_on(page) == [] and crashes == []
            if spec.key in ("ringkasan", "sektor", "klaim", "anggaran", "pelatihan"):
                assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 2
                assert page.get_by_text(t("download_csv", lang)).count() >= 2
        finally:
            page.close()


def test_map_draws_the_kecamatan_polygons(app_url, browser, shots):
    page, crashes = _visit(browser, app_url + "/peta", DESKTOP, shots / "peta_kecamatan_desktop.png")
    try:
        _check(page, crashes, t("page_peta", "id"))
        assert page.locator('[data-testid="stDeckGlJsonChart"] canvas').count() >= 1
        assert page.get_by_text(t("map_no_boundaries", "id")).count() == 0   # real polygons, not circles
        legend = page.get_by_text(t("col_allocation_pct", "id"))
        assert legend.count() >= 1
    finally:
        page.close()
    page, crashes = _visit(browser, app_url + "/peta?wilayah=kelurahan&indikator=per_1000", DESKTOP,
                           shots / "peta_kelurahan_desktop.png")
    try:
        _check(page, crashes, t("page_peta", "id"))
    finally:
        page.close()


@pytest.mark.parametrize("key", ["ringkasan", "peta", "sektor", "klaim", "anggaran", "pelatihan", "transparansi",
                                 "definisi"])
def test_phone_width(app_url, browser, shots, key):
    """390 px wide (a phone): the page renders without error and nothing is wider than the screen."""
    first = pages_for(ROLE)[0].key
    page, crashes = _visit(browser, _url(app_url, key, first), PHONE, shots / f"{key}_390.png")
    try:
        assert errors_on(page) == [] and crashes == []
        overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
        assert overflow <= PHONE["width"] + 1
    finally:
        page.close()


def test_a_shared_view_opens_with_its_filters(app_url, browser, shots):
    url = app_url + "/sektor?lang=en&kecamatan=32.75.07&rincian=jenis_kelamin"
    page, crashes = _visit(browser, url, DESKTOP, shots / "sektor_shared_view_desktop.png")
    try:
        _check(page, crashes, t("page_sektor", "en"))
        assert "kecamatan=32.75.07" in page.url and "rincian=jenis_kelamin" in page.url
        assert page.get_by_text("Active workers by sex").count() == 1
        page.get_by_test_id("stSidebarNavLink").filter(has_text=t("page_klaim", "en")).click()
        page.wait_for_url("**/klaim**")
        open_app(page, page.url)
        assert "kecamatan=32.75.07" in page.url and "lang=en" in page.url   # the filters followed the user
        assert page.locator("h1").first.inner_text().strip() == t("page_klaim", "en")
    finally:
        page.close()
