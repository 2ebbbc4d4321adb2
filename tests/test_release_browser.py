"""In a real browser: the public page shows the published release and stays byte-identical (text and every
file it serves) after new records are imported, until the next release is published (issue 11, acceptance 1).
Also the screenshots of Transparansi and Rilis that a reviewer looks at."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from sigap_metrics import auth
from sigap_metrics.i18n import t
from sigap_metrics.importers.commands import import_command
from sigap_metrics.releases import prepare, publish_release
from sigap_metrics.store import connect

from .browser import chromium, errors_on, open_app, screenshot, serve, wait_for_run
from .release_helpers import tiny_store, write_peserta

ENV = {"SIGAP_GEO_DIR": "/nonexistent", "SIGAP_DEV_AUTH": "", "SIGAP_ROLE": ""}
SHOTS = Path(os.environ.get("SIGAP_SCREENSHOT_DIR", tempfile.gettempdir())) / "sigap_release_shots"
WORKERS = ([("L", "08", "OJOL", "2026-01-01", "2026-12-31")] * 14 + [("P", "02", "PKL", "2026-01-01", "2026-12-31")] * 12
           + [("P", "01", "PEMULUNG", "2026-01-10", "2026-12-31")] * 3)


def _visit(db: Path, shot: str | None = None) -> tuple[str, list[bytes]]:
    """The public page as a visitor's browser gets it: its text, and its figures (SVG images) and the addresses
    of the release's files on the static site (issue 14: the page links there instead of serving downloads)."""
    with serve(db, env=ENV) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        open_app(page, url)
        assert errors_on(page) == []
        _settle(page)
        text = page.locator('[data-testid="stMain"]').inner_text()
        main = page.locator('[data-testid="stMain"]')
        attribute = "els => els.map(e => e.getAttribute('{}') || '')"
        bodies = sorted([src.encode() for src in main.locator("img").evaluate_all(attribute.format("src"))]
                        + [href.encode() for href in main.locator("a").evaluate_all(attribute.format("href"))
                           if "/app/static/site/data/" in href])
        if shot:
            screenshot(page, SHOTS / shot)
    return text, bodies


def _settle(page, timeout_s: float = 30) -> None:
    """Until the release's block (figures, tables, links to its files) is on the page."""
    deadline = time.monotonic() + timeout_s
    links = page.locator('[data-testid="stMain"] a[href*="/app/static/site/data/"]')
    while time.monotonic() < deadline and links.count() < 6 + 1:
        time.sleep(0.2)
    time.sleep(1.0)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    db = tiny_store(tmp_path_factory.mktemp("browser") / "s.duckdb", WORKERS)
    con = connect(db)
    auth.add_user(con, "kepala", "pimpinan", "kata-sandi-kepala-2026")
    for month in ("2026-01", "2026-02"):
        prepare(con, month, by="rina")
        publish_release(con, month, by="kepala", note="Rilis bulanan" if month == "2026-02" else None)
    con.close()
    return db


def test_the_public_page_does_not_move_when_records_are_imported(store, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    before_text, before_files = _visit(store, "transparansi_release.png")
    assert "Februari 2026" in before_text and "29" in before_text
    assert len(before_files) >= 6 + 1                            # every table's CSV and the dictionary (+ figures)
    later = write_peserta(tmp_path / "later.csv", [("P", "04", "KULI", "2026-01-01", "2026-12-31")] * 7, 900)
    assert import_command(store, "peserta", later, "rina") == 0
    after_text, after_files = _visit(store)
    assert after_text == before_text
    assert after_files == before_files
    con = connect(store)
    prepare(con, "2026-03", by="rina")
    publish_release(con, "2026-03", by="kepala")
    con.close()
    newer_text, newer_files = _visit(store)
    assert "Maret 2026" in newer_text and newer_files != before_files


def test_the_rilis_page_for_a_pimpinan(store):
    con = connect(store)
    prepare(con, "2026-04", by="rina")
    con.close()
    with serve(store, env=ENV) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        open_app(page, url)
        bar = page.locator('[data-testid="stSidebar"]')
        bar.get_by_label(t("login_username", "id")).fill("kepala")
        bar.get_by_label(t("login_password", "id")).fill("kata-sandi-kepala-2026")
        bar.get_by_role("button", name=t("login", "id"), exact=True).click()
        time.sleep(0.5)
        wait_for_run(page)
        page.locator('[data-testid="stSidebarNav"] a', has_text=t("page_rilis", "id")).first.click()
        time.sleep(0.5)
        wait_for_run(page)
        assert errors_on(page) == []
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert t("rel_gate", "id") in text and t("rel_publish", "id") in text
        screenshot(page, SHOTS / "rilis_pimpinan.png")
