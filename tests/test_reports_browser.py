"""The dashboard's report buttons in a real browser: `streamlit run` with a demo store, Debian's Chromium clicks
"Unduh laporan bulanan (PDF)" on Ringkasan and "Unduh buku kerja anggaran (XLSX)" on Anggaran & skenario; the
files are generated on click (on a thread of the server, through the app's shared connection) and must be the
brief of the page's month and the workbook with the planner's scenario."""
from __future__ import annotations

import io

import openpyxl
import pypdf
import pytest

from sigap_metrics.demo import create_demo_store
from sigap_metrics.i18n import t
from sigap_metrics.ui.shell import pages_for

from .browser import chromium, chromium_path, errors_on, open_app, serve
from .conftest import AS_OF

ROLE = "anggaran"   # sees Ringkasan and may export from Anggaran & skenario


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if chromium_path() is None:
        pytest.fail("Debian's chromium is required for the browser tests (apt-get install chromium; .ci/run does)")
    path = tmp_path_factory.mktemp("reports_browser") / "sigap.duckdb"   # the server must hold it alone
    create_demo_store(path, as_of=AS_OF)
    with serve(path, {"SIGAP_DEV_AUTH": "1", "SIGAP_ROLE": ROLE, "SIGAP_GEO_DIR": "/nonexistent"}) as url:
        with chromium() as browser:
            yield url, browser


def _download(site, path: str, label: str) -> tuple[str, bytes]:
    url, browser = site
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    try:
        open_app(page, url + path)
        assert errors_on(page) == []
        button = page.get_by_role("button", name=label)
        button.first.wait_for(timeout=90_000)   # a long page may still be drawing its last blocks
        assert button.count() == 1
        with page.expect_download(timeout=120_000) as info:
            button.click()
        download = info.value
        return download.suggested_filename, open(download.path(), "rb").read()
    finally:
        page.close()


def test_ringkasan_downloads_the_monthly_brief(site):
    first = pages_for(ROLE)[0].key
    name, data = _download(site, "/" if first == "ringkasan" else "/ringkasan", t("download_brief", "id"))
    assert name == "sigap_laporan_2026-11.pdf" and data.startswith(b"%PDF")
    pages = [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]
    assert 2 <= len(pages) <= 4
    assert "Laporan Bulanan Program SIGAP · November 2026" in pages[0]
    assert "angka per 25 November 2026" in pages[0] and f"Halaman 1 dari {len(pages)}" in pages[0]


def test_anggaran_downloads_the_workbook_with_the_planner_scenario(site):
    name, data = _download(site, "/anggaran", t("download_workbook", "id"))
    assert name == "sigap_anggaran_2026.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert "Skenario" in book.sheetnames and "Iuran per bulan" in book.sheetnames
    notes = [row[0] for row in book["Skenario"].iter_rows(max_row=4, values_only=True) if row[0]]
    # the page's default plan: the phase target (10.000 on the default demo store) for 12 months from next month
    assert any("Skenario: 10.000 pekerja mulai Desember 2026 selama 12 bulan" in note for note in notes), notes
