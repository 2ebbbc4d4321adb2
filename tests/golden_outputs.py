"""What every output shows on the hand-computed fixture (tests/test_metrics_fixture.py), as text: each page's
cards and displayed tables (AppTest), the CSV of each page download, the monthly brief's PDF text, the budget
workbook's cells, and the open-data CSVs with the public display of each release table.

`capture(folder)` builds one store file and returns {golden name: text}; tests/test_golden.py compares that to
tests/golden/*.txt. Regenerate the goldens (only when a change of output is intended, and say which in the
commit) from the repository root with:

    python -m tests.golden_outputs
"""
from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
import pypdf

GOLDEN = Path(__file__).resolve().parent / "golden"
# page file → role that sees it; one AppTest session per page, in Indonesian
PAGES = {"ringkasan": "pimpinan", "sektor": "pimpinan", "peta": "pimpinan", "klaim": "pimpinan",
         "pelatihan": "pimpinan", "anggaran": "anggaran", "data_kualitas": "operator"}
MONTH = "2026-08"
YEAR = 2026
IMPORTED_AT = dt.datetime(2026, 8, 20, 9, 0)


def build_store(path: Path):
    """The hand-computed fixture in a store file the app can open: demo logins, and the app's date pinned to
    the fixture's reference date (through the demo's `demo_as_of`, without marking the store a demo)."""
    from sigap_metrics.auth import create_demo_users
    from sigap_metrics.store import connect, set_meta

    from .test_metrics_fixture import AS_OF, build_hand_store

    con = build_hand_store(con=connect(path))
    create_demo_users(con)
    set_meta(con, "demo_as_of", AS_OF.isoformat())
    # import times are the clock's; pinned so the Data page's history is the same on every run
    con.execute("UPDATE import_log SET started_at = ?, finished_at = ?", [IMPORTED_AT, IMPORTED_AT])
    con.execute("CHECKPOINT")
    return con


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _shown(element) -> pd.DataFrame:
    """A st.dataframe as the reader sees it: the styler's display text where it has one, else the values."""
    from streamlit import dataframe_util

    styled = element.proto.arrow_data.styler.display_values
    if styled:
        shown = dataframe_util.convert_arrow_bytes_to_pandas_df(styled)
        shown.columns = element.value.columns
        return shown
    return element.value


def page_text(at, downloads: list[tuple[str, bytes]]) -> str:
    out = ["# cards"]
    out += [f"{m.label} = {m.value}" + (f"  [{m.help}]" if m.help else "") for m in at.metric]
    for i, element in enumerate(at.dataframe):
        out += [f"# table {i} ({element.key or '-'})", _csv(_shown(element))]
    for name, data in downloads:
        out += [f"# download {name}.csv", data.decode("utf-8-sig").replace("\r\n", "\n")]
    return "\n".join(out)


def page_outputs(db: Path, pages: dict[str, str] = PAGES) -> dict[str, str]:
    """Each page ({page: role}) once through AppTest, recording the CSV bytes of every download it offers."""
    import os

    from sigap_metrics import exports
    from sigap_metrics.ui import widgets

    from streamlit.testing.v1 import AppTest

    from .apptest_helpers import sign_in
    from .conftest import APP

    recorded: list[tuple[str, bytes]] = []
    original = widgets.downloads

    def recording(frame, name, lang, **kwargs):
        recorded.append((name, exports.to_csv_bytes(frame)))
        return original(frame, name, lang, **kwargs)

    out = {}
    previous = os.environ.get("SIGAP_DB")
    os.environ["SIGAP_DB"] = str(db)
    widgets.downloads = recording
    try:
        for page, role in pages.items():
            at = AppTest.from_file(str(APP), default_timeout=60)
            sign_in(at, role)
            at.query_params["lang"] = "id"
            at.run()
            at.switch_page(f"pages/{page}.py")
            recorded.clear()     # the home page's downloads of the first run
            at.run()
            assert not at.exception, at.exception
            out[f"page_{page}"] = page_text(at, recorded)
    finally:
        widgets.downloads = original
        if previous is None:
            os.environ.pop("SIGAP_DB", None)
        else:
            os.environ["SIGAP_DB"] = previous
    return out


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n# page\n".join(page.extract_text() for page in reader.pages)


def workbook_text(xlsx: bytes) -> str:
    """Every non-empty cell: sheet, address, value and number format."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    out = []
    for sheet in book.worksheets:
        out.append(f"# sheet {sheet.title}")
        for row in sheet.iter_rows():
            out += [f"{c.coordinate}\t{c.value!r}\t{c.number_format}" for c in row if c.value is not None]
    return "\n".join(out)


def report_outputs(con) -> dict[str, str]:
    from sigap_metrics.reports import build_monthly_brief, build_workbook

    from .test_metrics_fixture import AS_OF

    out = {}
    for lang in ("id", "en"):
        out[f"brief_{lang}"] = pdf_text(build_monthly_brief(con, MONTH, lang, data_date=AS_OF))
        out[f"workbook_{lang}"] = workbook_text(build_workbook(con, YEAR, lang=lang, data_date=AS_OF))
    return out


def open_data_outputs(con) -> dict[str, str]:
    """The release tables for the fixture's reference date: the open-data CSVs and what the public page and
    site show of each table in both languages."""
    from sigap_metrics import publish

    from .test_metrics_fixture import AS_OF

    tables = publish.public_tables(con, AS_OF)
    out = {}
    for name, table in tables.items():
        parts = [publish.csv_bytes(table).decode("utf-8")]
        for lang in ("id", "en"):
            parts += [f"# shown ({lang})", _csv(publish.display_frame(table, lang))]
        out[f"open_data_{name}"] = "\n".join(parts)
    return out


def capture(folder: Path) -> dict[str, str]:
    db = folder / "golden.duckdb"
    con = build_store(db)
    try:
        out = report_outputs(con) | open_data_outputs(con)
    finally:
        con.close()
    return page_outputs(db) | out


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for old in GOLDEN.glob("*.txt"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        outputs = capture(Path(folder))
    for name, text in outputs.items():
        (GOLDEN / f"{name}.txt").write_text(text, encoding="utf-8")
    print(f"wrote {len(outputs)} goldens to {GOLDEN} ({dt.datetime.now():%H:%M:%S})")


if __name__ == "__main__":
    main()
