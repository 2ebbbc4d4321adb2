"""Acceptance 1 of issue 10: one change to an output column in the registry reaches every output that shows the
column. `manfaat_rp` (benefits paid, rupiah) is given another label and the percent unit; then the claims and
map pages' tables, their CSV downloads, the budget workbook, the monthly brief and open data must all show the
new label and/or unit. Expected numbers come from the hand-computed fixture (tests/test_metrics_fixture.py):
benefits paid in Bekasi Timur (kecamatan A) = K1 5.000.000 + K2 2.000.000 + K3 42.000.000 = 49.000.000; paid
by the end of August 2026 = those + K5 3.000.000 = 52.000.000; paid in August = K3 = 42.000.000."""
from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest

from sigap_metrics import columns, publish
from sigap_metrics.i18n import t
from sigap_metrics.reports import build_monthly_brief, build_workbook

from .golden_outputs import GOLDEN, MONTH, YEAR, build_store, page_outputs, pdf_text
from .test_metrics_fixture import AS_OF

NEW_LABEL = "col_formula"          # any text-store key the column does not use: "Rumus" / "Formula"


@pytest.fixture(scope="module")
def flipped(tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setitem(columns.COLUMNS, "manfaat_rp",
                  dataclasses.replace(columns.COLUMNS["manfaat_rp"], label=NEW_LABEL, unit="percent"))
    db = tmp_path_factory.mktemp("flip") / "store.duckdb"
    con = build_store(db)
    try:
        out = {"brief": pdf_text(build_monthly_brief(con, MONTH, "id", data_date=AS_OF)),
               "workbook": openpyxl.load_workbook(io.BytesIO(build_workbook(con, YEAR, lang="id", data_date=AS_OF))),
               "open_data": publish.public_tables(con, AS_OF)}
        con.close()
        out |= page_outputs(db, {"klaim": "pimpinan", "peta": "pimpinan"})
        yield out
    finally:
        patch.undo()


def _section(text: str, title: str) -> str:
    """The part of a captured page from the line '# {title}' to the next '# ' line."""
    start = text.index(f"# {title}\n") + len(title) + 3
    end = text.find("\n# ", start)
    return text[start:] if end < 0 else text[start:end]


@pytest.mark.parametrize("page, download", [("klaim", "klaim_kecamatan"), ("peta", "peta_kecamatan")])
def test_page_table_and_download_follow_the_registry(page, download, flipped):
    before = (GOLDEN / f"page_{page}.txt").read_text(encoding="utf-8")
    after = flipped[f"page_{page}"]
    old, new = t("col_benefits_rp", "id"), t(NEW_LABEL, "id")
    assert "Rp49.000.000" in before and old in before        # the column as the registry declares it
    assert old not in after
    tables = [part for part in after.split("# table ")[1:] if new in part.splitlines()[1]]
    assert tables, f"no table headed {new!r} on {page}"
    assert any("Bekasi Timur" in row and "49.000.000,0%" in row for row in tables[0].splitlines())
    assert "Rp49.000.000" not in after
    header = _section(after, f"download {download}.csv").splitlines()[0]
    assert new in header.split(",") and old not in header


def test_workbook_follows_the_registry(flipped):
    sheet = flipped["workbook"][t("sheet_claims_month", "id")]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == t(NEW_LABEL, "id")]
    assert len(cells) == 1, "the benefits column is headed with the new label"
    august = [row for row in sheet.iter_rows(min_row=cells[0].row + 1)
              if getattr(row[0].value, "month", None) == 8][0]
    benefits = august[cells[0].column - 1]
    assert benefits.value == 42_000_000 and benefits.number_format == '0.0"%"'
    assert not [c for ws in flipped["workbook"].worksheets for row in ws.iter_rows() for c in row
                if c.value == t("col_benefits_rp", "id")]


def test_brief_follows_the_registry(flipped):
    before = (GOLDEN / "brief_id.txt").read_text(encoding="utf-8")
    assert "Rp52.000.000" in before
    assert "52.000.000,0%" in flipped["brief"] and "Rp52.000.000" not in flipped["brief"]


def test_open_data_follows_the_registry(flipped):
    table = flipped["open_data"]["klaim"]
    assert t(NEW_LABEL, "id") in publish.display_frame(table, "id").columns
    assert t(NEW_LABEL, "en") in publish.display_frame(table, "en").columns
    (field,) = [f for f in table.fields if f.name == "manfaat_rp"]
    assert field.schema()["title"] == t(NEW_LABEL, "id")
