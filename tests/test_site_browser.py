"""The public static site in a real browser, served by Streamlit's own static serving with the project's
.streamlit/config.toml (DESIGN §6.2): content types, the landing page's budgets on a throttled first visit
(≤ 150 KB transferred, headline painted within 2.5 s at 150 ms RTT and 1.6 Mbps, no other host), and
axe-core over every page of the site at phone and desktop widths: no serious or critical violation.

The budget figures come from Chromium's emulated network (CDP), so they measure the page's weight and
request chain rather than this machine's speed."""
from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

import pytest

from sigap_metrics import site
from sigap_metrics.store import connect

from .browser import chromium, serve
from .test_site import MONTHS, _publish, keep_releases_from

ROOT = Path(__file__).resolve().parents[1]
BUDGET_BYTES = 150_000
HEADLINE_MS = 2500
THROTTLE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
WIDTHS = (390, 1400)
BLOCKING = ("serious", "critical")
SITE_PATH = "/app/static/site/"


@pytest.fixture(scope="module")
def served(demo_geo_db, tmp_path_factory):
    """A default-size demo store with boundaries and three published months; its site written into static/site
    beside a one-line app that runs with the project's Streamlit configuration."""
    folder = tmp_path_factory.mktemp("site_served")
    db = folder / "sigap.duckdb"
    shutil.copy(demo_geo_db, db)
    con = connect(db)
    keep_releases_from(con, MONTHS[0])
    _publish(con, "2026-10", 20, note="Koreksi data klaim")
    files = site.site_files(con)
    con.close()
    app_dir = folder / "app"
    (app_dir / ".streamlit").mkdir(parents=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", app_dir / ".streamlit" / "config.toml")
    (app_dir / "app.py").write_text("import streamlit as st\nst.write('ok')\n")
    site.write_site(files, app_dir / "static" / "site")
    with serve(db, app=app_dir / "app.py") as url:
        yield url + SITE_PATH, files


def _get(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get_content_type(), response.read()


def test_streamlit_serves_the_site_with_the_right_content_types(served):
    base, files = served
    for path, expected in (("index.html", "text/html"), ("en/index.html", "text/html"),
                           ("data/terbaru/kecamatan.csv", "text/csv"),
                           ("data/terbaru/datapackage.json", "application/json")):
        status, kind, body = _get(base + path)
        assert (status, kind, body) == (200, expected, files[path]), path
    status, kind, body = _get(base + "feed.xml")
    assert status == 200 and kind in ("application/xml", "text/xml") and body == files["feed.xml"]


def test_landing_page_budgets_on_a_throttled_first_visit(served):
    base, _ = served
    host = base.split("/app/")[0]
    with chromium() as browser:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", THROTTLE)
            requested, transferred = [], {}
            cdp.on("Network.requestWillBeSent", lambda event: requested.append(event["request"]["url"]))
            cdp.on("Network.loadingFinished",
                   lambda event: transferred.__setitem__(event["requestId"], event["encodedDataLength"]))
            page.goto(base + "index.html", wait_until="load")
            painted = page.evaluate("""() => new Promise(resolve => new PerformanceObserver(list => {
                const entry = list.getEntries().find(e => e.identifier === 'headline');
                if (entry) resolve(entry.renderTime || entry.loadTime);
            }).observe({type: 'element', buffered: true}))""")
            page.wait_for_timeout(300)                          # let late loadingFinished events arrive
            box = page.locator("#angka-utama").bounding_box()
            assert box and box["y"] + box["height"] <= page.viewport_size["height"], "headline below the fold"
            assert page.locator("#angka-utama").inner_text().strip()
            assert requested and all(u.startswith(host + "/") or u.startswith("data:") for u in requested), requested
            total = sum(transferred.values())
            print(f"landing page at {width} px: {len(requested)} requests, {total} bytes, headline {painted:.0f} ms")
            assert 0 < total <= BUDGET_BYTES, f"{total} bytes transferred at {width} px"
            assert 0 < painted <= HEADLINE_MS, f"headline painted after {painted:.0f} ms at {width} px"
            context.close()


def _pages(files) -> list[str]:
    return sorted(p for p in files if p.endswith(".html"))


def test_no_serious_or_critical_axe_violation_on_any_page(served):
    from axe_playwright_python.sync_playwright import Axe

    base, files = served
    axe = Axe()
    found = []
    with chromium() as browser:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in _pages(files):
                page.goto(base + path, wait_until="load")
                assert page.evaluate("document.documentElement.lang") == ("en" if path.startswith("en/") else "id")
                violations = axe.run(page).response["violations"]
                print(width, path, sorted((v["id"], v["impact"]) for v in violations))
                found += [(width, path, v["id"], v["impact"], v["nodes"][0]["target"]) for v in violations
                          if v["impact"] in BLOCKING]
            page.close()
    assert len(_pages(files)) >= 16
    assert found == []


def test_the_skip_link_moves_focus_to_the_content(served):
    base, _ = served
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "index.html")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        assert page.locator(".skip").is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "isi"
