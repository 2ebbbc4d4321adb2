"""Downloads: CSV/XLSX bytes of exactly the frame given, with spreadsheet formulas made inert."""
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from sigap_metrics.exports import neutralise_formulas, sheet_name, to_csv_bytes, to_xlsx_bytes

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "Kecamatan": ["Bekasi Timur", *DANGEROUS],
        "Pekerja": [1234567, 1, 2, 3, 4, 5, 6],
        "Selisih": [-5, 0, 0, 0, 0, 0, 0],
        "Tanggal": [dt.date(2025, 11, 5)] * 7,
    })


def test_neutralise_prefixes_each_dangerous_text_cell_only():
    out = neutralise_formulas(_frame())
    assert out["Kecamatan"].tolist() == ["Bekasi Timur", *("'" + v for v in DANGEROUS)]
    assert out["Pekerja"].tolist() == [1234567, 1, 2, 3, 4, 5, 6]
    assert out["Selisih"].tolist()[0] == -5  # a negative number is a number, not a formula


def test_neutralise_handles_arrow_strings_missing_values_and_headers():
    frame = pd.DataFrame({"=bad header": pd.array(["=1", None, "ok"], dtype="string")})
    out = neutralise_formulas(frame)
    assert list(out.columns) == ["'=bad header"]
    assert out.iloc[0, 0] == "'=1" and pd.isna(out.iloc[1, 0]) and out.iloc[2, 0] == "ok"
    assert frame.iloc[0, 0] == "=1"  # the input is not modified


def test_csv_bytes_round_trip_with_bom_and_inert_cells():
    data = to_csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back["Kecamatan"].iloc[6] == "'\r=1"
    assert back.shape == (7, 4)
    assert back["Pekerja"].tolist() == [1234567, 1, 2, 3, 4, 5, 6]
    assert all(not v.startswith(("=", "+", "-", "@")) for v in back["Kecamatan"])
    assert back["Kecamatan"].iloc[1] == "'" + DANGEROUS[0]


def test_xlsx_bytes_hold_values_not_formulas():
    data = to_xlsx_bytes(_frame(), "Peserta per kecamatan: 2026/11")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.title == "Peserta per kecamatan  2026 11"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Kecamatan", "Pekerja", "Selisih", "Tanggal")
    assert rows[1][:3] == ("Bekasi Timur", 1234567, -5)
    assert rows[1][3].date() == dt.date(2025, 11, 5)
    for row in sheet.iter_rows(min_row=2):
        assert row[0].data_type == "s"  # every text cell stayed a string, none became a formula
    shown = [r[0] for r in rows[2:]]
    assert shown[:5] == ["'" + v for v in DANGEROUS[:5]]
    assert shown[5] in ("'\r=1", "'_x000D_=1")  # a bare CR is stored in XLSX's escaped form


@pytest.mark.parametrize("name, expected", [("", "data"), ("a" * 40, "a" * 31), ("x/y?", "x y")])
def test_sheet_names_are_valid(name, expected):
    assert sheet_name(name) == expected


def test_whole_numbers_with_gaps_stay_whole():
    # A mixed object column (counts, a suppressed gap) must not come out as 238.0 after neutralising.
    import pandas as pd
    from sigap_metrics.exports import to_csv_bytes
    frame = pd.DataFrame({"pekerja": pd.Series([238, None], dtype=object)})
    assert to_csv_bytes(frame).decode("utf-8-sig").split("\r\n")[1] == "238"
