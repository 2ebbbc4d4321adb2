"""The output-column registry: labels from the text store, codes shown as names, one format per unit."""
import ast
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from sigap_metrics import columns
from sigap_metrics.i18n import TEXT

ROOT = Path(__file__).resolve().parents[1]


def test_table_labels_columns_and_codes_in_each_language():
    frame = pd.DataFrame({"kecamatan": ["32.75.07", "32.75.01", None], "sektor": ["PEMULUNG", "OJOL", "X"],
                          "jenis_kelamin": ["P", "L", None], "aktif": [5, 7, 0]})
    names = ("kecamatan", "sektor", "jenis_kelamin", "aktif")
    shown = columns.table(frame, names, "id")
    assert list(shown.columns) == ["Kecamatan", "Sektor pekerjaan", "Jenis kelamin", "Pekerja terlindungi (aktif)"]
    assert shown.iloc[:, 0].tolist() == ["Bantargebang", "Bekasi Timur", "Tidak diketahui"]
    assert shown.iloc[:, 1].tolist() == ["Pemulung", "Ojek online", "X"]
    assert shown.iloc[:, 2].tolist() == ["Perempuan", "Laki-laki", "Tidak diketahui"]
    assert shown.iloc[:, 3].tolist() == [5, 7, 0]
    english = columns.table(frame, names, "en")
    assert list(english.columns)[1:] == ["Occupation sector", "Sex", "Covered workers (active)"]
    assert english.iloc[:, 1].tolist()[:2] == ["Waste picker", "Online motorcycle-taxi driver"]
    assert english.iloc[:, 2].tolist()[:2] == ["Female", "Male"]
    assert list(columns.formats(names, "en")) == ["Covered workers (active)"]   # text columns keep their values


def test_an_entry_with_a_source_shows_that_frame_column_under_its_own_label():
    frame = pd.DataFrame({"nama": ["Tahap 1"], "kode": ["T1"]})
    assert columns.table(frame, ("nama_tahap",), "id").columns.tolist() == ["Tahap"]
    assert columns.table(frame, ("nama_tahap",), "id").iloc[0, 0] == "Tahap 1"


@pytest.mark.parametrize("name, value, lang, text", [
    ("aktif", 1234567, "id", "1.234.567"), ("aktif", 1234567, "en", "1,234,567"),
    ("persen", 95.12, "id", "95,1%"), ("manfaat_rp", 16800, "id", "Rp16.800"), ("per_1000", 2.5, "en", "2.50"), ("median_hari", 2.25, "en", "2.2"),
    ("tgl_mulai", dt.date(2025, 11, 5), "id", "5 Nov 2025"), ("bulan", dt.date(2026, 8, 1), "id", "Agu 2026"),
    ("aktif", None, "id", "–"), ("tgl_mulai", None, "en", "–"), ("manfaat_rp", pd.NA, "id", "–")])
def test_formatter_by_unit(name, value, lang, text):
    assert columns.formatter(name, lang)(value) == text


def test_every_entry_has_a_known_unit_and_a_label_in_both_languages():
    for entry in columns.COLUMNS.values():
        assert entry.unit in columns.UNITS, entry
        assert {"id", "en"} <= set(TEXT[entry.label]), entry


def test_an_undeclared_column_is_refused_with_its_name():
    with pytest.raises(KeyError, match="nope"):
        columns.column("nope")


def test_pages_hold_no_column_mapping_or_format_kinds():
    """Pages name columns only: no dict from a column to a text key or a format kind."""
    kinds = {"number", "decimal", "decimal2", "percent", "rupiah", "rupiah_short", "date", "month", "text"}
    for path in [*sorted((ROOT / "pages").glob("*.py")), ROOT / "sigap_metrics" / "ui" / "data_page.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Dict) and node.keys and all(
                    isinstance(k, ast.Constant) and k.value in columns.COLUMNS for k in node.keys):
                values = [v.value for v in node.values if isinstance(v, ast.Constant)]
                assert not values or not all(isinstance(v, str) and (v in TEXT or v in kinds) for v in values), \
                    f"{path.name}:{node.lineno} maps columns to labels or kinds; declare them in sigap_metrics/columns.py"
