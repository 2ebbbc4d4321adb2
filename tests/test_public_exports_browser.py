"""End to end: a name, occupation, agency and training name imported as =HYPERLINK("http://x","y") (and
other formula starts) come out inert in every CSV and XLSX the app lets anyone download. A real browser
signs in, opens every page, clicks every download button and reads what it gets."""
from __future__ import annotations

import csv
import io
import shutil
import time
import zipfile

import openpyxl
import pytest

from sigap_metrics.auth import DEMO_USERS
from sigap_metrics.exports import FORMULA_STARTS
from sigap_metrics.i18n import t
from sigap_metrics.ui.shell import PAGES, pages_for

from .browser import chromium, errors_on, open_app, serve, wait_for_run

ENV = {"SIGAP_GEO_DIR": "/nonexistent", "SIGAP_DEV_AUTH": "", "SIGAP_ROLE": ""}


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _dangerous_cells(name: str, content: bytes) -> list[str]:
    """Cells of a downloaded file that a spreadsheet would run as a formula."""
    if name.endswith(".csv"):
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS) and not _is_number(cell)]
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(content))
        found = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)):
                        found.append(f"{sheet.title}!{cell.coordinate}={cell.value!r}")
        return found
    if name.endswith(".zip"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        return [f"{name}/{cell}" for member in archive.namelist() for cell in _dangerous_cells(member, archive.read(member))]
    return []


def _text_of(name: str, content: bytes) -> str:
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(content))
        return "\n".join(str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value is not None)
    if name.endswith(".zip"):
        archive = zipfile.ZipFile(io.BytesIO(content))
        return "\n".join(archive.read(m).decode("utf-8", "replace") for m in archive.namelist())
    return content.decode("utf-8-sig", "replace")


def _login(page, name: str, password: str) -> None:
    bar = page.locator('[data-testid="stSidebar"]')
    bar.get_by_label(t("login_username", "id")).fill(name)
    bar.get_by_label(t("login_password", "id")).fill(password)
    bar.get_by_role("button", name=t("login", "id"), exact=True).click()
    time.sleep(0.4)
    wait_for_run(page)


DOWNLOADABLE = (".csv", ".xlsx", ".zip", ".json", ".pdf")


class Served:
    """Every downloadable file the app serves to a browser page (Streamlit's frontend fetches the file of
    each download button from /media/ as the button renders, and hands it over on click)."""

    def __init__(self, page, prefix: str):
        self.responses = []
        self.prefix = prefix
        page.on("response", lambda response: self.responses.append(response))

    def files(self) -> dict[str, bytes]:
        """Read while the page is still open."""
        found = {}
        for response in self.responses:
            path = response.url.split("?", 1)[0]
            if "/media/" in path and path.endswith(DOWNLOADABLE) and response.status == 200:
                found[f"{self.prefix}_{path.rsplit('/', 1)[-1]}"] = response.body()
        return found


def _buttons(page) -> int:
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    return sum(1 for i in range(buttons.count()) if buttons.nth(i).is_visible())


@pytest.fixture(scope="module")
def downloads(privacy_db, tmp_path_factory) -> dict[str, bytes]:
    """Every file every page offers, to the visitor and to the roles that see the most pages."""
    db = tmp_path_factory.mktemp("downloads") / "store.duckdb"
    shutil.copy(privacy_db, db)
    files: dict[str, bytes] = {}
    covered: set[str] = set()
    with serve(db, env=ENV) as url, chromium() as browser:
        visitor = browser.new_page(viewport={"width": 1400, "height": 1000})
        served = Served(visitor, "publik")
        open_app(visitor, url)
        buttons = _buttons(visitor)
        covered.add("transparansi")
        for name in ("admin", "operator", "anggaran", "pimpinan"):
            role, password = DEMO_USERS[name]
            todo = [spec for spec in pages_for(role) if spec.key not in covered]
            if not todo:
                continue
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            mine = Served(page, name)
            open_app(page, url)
            _login(page, name, password)
            for spec in todo:
                page.locator('[data-testid="stSidebarNav"] a', has_text=t("page_" + spec.key, "id")).first.click()
                time.sleep(0.4)
                wait_for_run(page)
                assert errors_on(page) == [], spec.key
                buttons += _buttons(page)
                covered.add(spec.key)
                if spec.key == "sektor":     # the breakdown by proposing agency: free text from the files
                    page.locator('[data-testid="stMain"] label', has_text=t("filter_sumber_usulan", "id")).first.click()
                    time.sleep(0.4)
                    wait_for_run(page)
                    buttons += _buttons(page)
            time.sleep(1)
            files |= mine.files()
            page.close()
        files |= served.files()
    assert len(files) >= buttons > 20, (len(files), buttons)
    assert covered == {spec.key for spec in PAGES}
    return files


def test_every_download_is_inert(downloads):
    assert any(name.endswith(".csv") for name in downloads) and any(name.endswith(".xlsx") for name in downloads)
    dangerous = {name: cells[:3] for name, content in downloads.items() if (cells := _dangerous_cells(name, content))}
    assert dangerous == {}


def test_the_formula_did_reach_some_downloads(downloads):
    """Not vacuous: the imported formula text is in some exported file, and only in its inert form."""
    carrying = [name for name, content in downloads.items() if "HYPERLINK" in _text_of(name, content)]
    assert carrying, sorted(downloads)
    for name in carrying:
        text = _text_of(name, downloads[name])
        for line in text.splitlines():
            for cell in next(csv.reader([line])) if name.endswith(".csv") else [line]:
                if "HYPERLINK" in cell and cell.lstrip('"').startswith("="):
                    pytest.fail(f"{name}: live formula {cell!r}")


def test_the_check_catches_a_live_formula():
    """The checks above can fail: a raw formula in a CSV cell or an XLSX formula cell is caught."""
    assert _dangerous_cells("x.csv", b'nama\n"=HYPERLINK(""http://x"",""y"")"\n')
    assert not _dangerous_cells("x.csv", b"nama\n'=HYPERLINK(1)\n-5\n")
    book = openpyxl.Workbook()
    book.active["A1"] = '=HYPERLINK("http://x","y")'
    buffer = io.BytesIO()
    book.save(buffer)
    assert _dangerous_cells("x.xlsx", buffer.getvalue())
