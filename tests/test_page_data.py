"""Data & kualitas through AppTest: upload → validation report (nothing saved) → import → history and
quarantine; a refused file; boundaries; the quality tables equal metrics.quality."""
import re

import pytest

from sigap_metrics.i18n import t
from sigap_metrics.metrics import quality
from sigap_metrics.store import connect
from sigap_metrics.ui import shell

from .apptest_helpers import open_beside_app, frame_with, metric_value, run_page
from .conftest import AS_OF
from .test_import_support import FIXTURES, FILES, checksums

PAGE = "pages/data_kualitas.py"
SPEC = shell.PageSpec("data_kualitas", PAGE, ":material/upload_file:", ("operator", "admin"))


@pytest.fixture()
def store_path(tmp_path, monkeypatch):
    """A small demo store of its own (the page writes to it), registered page, SIGAP_DB pointing at it."""
    from sigap_metrics.demo import create_demo_store
    path = tmp_path / "sigap.duckdb"
    create_demo_store(path, n_workers=300, as_of=AS_OF)
    monkeypatch.setenv("SIGAP_DB", str(path))
    if not any(spec.file == PAGE for spec in shell.PAGES):  # until the shell registers the page itself
        monkeypatch.setattr(shell, "PAGES", (*shell.PAGES, SPEC))
    yield path
    # This store's cached metrics and connection must not outlive the test: the cache key (data version) of
    # another store can be the same.
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()


def _store_state(path):
    con = connect(path, read_only=True)
    try:
        return checksums(con)
    finally:
        con.close()


def _upload(at, key, name, data, mime="text/csv"):
    at.file_uploader(key=key).upload(name, data, mime)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["id", "en"])
def test_upload_report_commit_history(store_path, lang):
    at = run_page(PAGE, role="operator", lang=lang)
    assert not at.exception, at.exception
    assert at.title[0].value == t("page_data_kualitas", lang)
    before = _store_state(store_path)
    _upload(at, "w_upload", "peserta.csv", (FIXTURES / FILES["peserta"]).read_bytes())
    # The report, worked out by hand in tests/test_import_fixtures.py: 26 rows, 11 accepted, 15 rejected,
    # warnings on 4 rows.
    assert metric_value(at, t("data_rows_read", lang)) == "26"
    assert metric_value(at, t("data_accepted", lang)) == "11"
    assert metric_value(at, t("data_rejected", lang)) == "15"
    assert metric_value(at, t("data_warned", lang)) == "4"
    rejected = frame_with(at, t("col_reason", lang))
    assert rejected[t("col_row", lang)].tolist() == [12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 25, 26, 30]
    assert "Nama Lengkap" not in rejected.columns and "No HP" not in rejected.columns
    assert _store_state(store_path) == before  # the report saved nothing
    at.button(key="w_commit").click()
    at.run()
    assert not at.exception, at.exception
    done = [s.value for s in at.success if s.value.startswith(t("data_done", lang).split("#")[0])]
    assert len(done) == 1 and "11" in done[0] and "15" in done[0]
    con = connect(store_path, read_only=True)
    log = con.execute("SELECT import_id, kind, file_name, imported_by, rows_read, accepted, rejected FROM import_log"
                      " WHERE kind = 'peserta' ORDER BY import_id DESC LIMIT 1").fetchall()[0]
    con.close()
    assert log[1:] == ("peserta", "peserta.csv", "operator", 26, 11, 15)
    # History: the new import on top, its quarantine below with the file's row numbers.
    at.run()
    history = frame_with(at, t("col_file", lang))
    assert history[t("col_import_id", lang)].iloc[0] == log[0]
    assert at.selectbox(key="w_import").value == log[0]
    quarantine = [f for f in (d.value for d in at.dataframe) if t("col_reason", lang) in f.columns]
    assert any(len(f) == 15 and f[t("col_row", lang)].tolist()[0] == 12 for f in quarantine)
    # The same file again: reported as already imported, the import button is off.
    assert [i for i in at.info if str(log[0]) in i.value]
    assert at.button(key="w_commit").disabled


def test_refused_file_says_why_and_saves_nothing(store_path):
    at = run_page(PAGE, role="operator")
    before = _store_state(store_path)
    at.selectbox(key="w_kind").set_value("klaim")
    at.run()
    _upload(at, "w_upload", "peserta.csv", (FIXTURES / FILES["peserta"]).read_bytes())
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]    # as shown: markdown escapes undone
    assert len(errors) == 1
    assert errors[0].startswith(t("data_refused", "id"))
    assert "Kolom wajib tidak ada: NO_KLAIM" in errors[0] and "pilih jenis peserta" in errors[0]
    assert all(b.key != "w_commit" for b in at.button)
    assert _store_state(store_path) == before


def test_workbook_sheet_is_chosen_said_and_can_be_overridden(store_path):
    """Issue 12: the Dinsos workbook (summary sheet first, data on the second) is read from its data sheet, the
    report says which sheet and what was set aside; choosing "Rekap" instead is refused naming that sheet."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("workbooks", FIXTURES / "workbooks.py")
    workbooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(workbooks)
    at = run_page(PAGE, role="operator")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    _upload(at, "w_upload", "dinsos.xlsx", workbooks.dinsos_workbook(), xlsx)
    captions = " ".join(c.value for c in at.caption)
    assert 'Lembar "Data Peserta" dibaca' in captions and "1 baris jumlah/total" in captions
    assert metric_value(at, t("data_rows_read", "id")) == "9"
    assert at.selectbox(key="w_sheet").options == [t("data_sheet_auto", "id"), "Rekap", "Data Peserta"]
    at.selectbox(key="w_sheet").set_value("Rekap")
    at.run()
    assert any('lembar "Rekap"' in e.value for e in at.error)
    at.selectbox(key="w_sheet").set_value("Data Peserta")
    at.run()
    at.button(key="w_commit").click()
    at.run()
    assert not at.exception, at.exception
    con = open_beside_app(store_path)
    log = con.execute("SELECT file_name, sheet, rows_read, rows_skipped FROM import_log WHERE kind = 'peserta'"
                      " ORDER BY import_id DESC LIMIT 1").fetchall()
    con.close()
    assert log == [("dinsos.xlsx", "Data Peserta", 9, 7)]


def test_kind_is_recognised_automatically(store_path):
    at = run_page(PAGE, role="operator")
    _upload(at, "w_upload", "anggaran.csv", (FIXTURES / FILES["anggaran"]).read_bytes())
    assert any(t("data_kind_anggaran", "id") in c.value for c in at.caption)
    assert metric_value(at, t("data_accepted", "id")) == "2"


def test_quality_per_kecamatan_table_equals_the_metric(store_path):
    at = run_page(PAGE, role="operator", params={"kualitas": "usulan"})
    con = connect(store_path, read_only=True)
    expected = quality.kecamatan_scores(con, "usulan")
    con.close()
    table = frame_with(at, t("col_area", "id"))
    assert len(table) == 12 and table[t("col_rows_read", "id")].sum() > 0  # the demo's usulan imports
    assert table[t("col_rows_read", "id")].tolist() == expected["rows_read"].tolist()
    assert table[t("col_rejected_share", "id")].tolist() == pytest.approx((expected["rejected_share"] * 100).tolist())


def test_boundary_upload_and_load(store_path, shared_geo):
    at = run_page(PAGE, role="operator")
    _upload(at, "w_boundary", "kecamatan.geojson", (shared_geo / "kota_bekasi_kecamatan.geojson").read_bytes(),
            "application/geo+json")
    assert any("12 kecamatan" in s.value for s in at.success)
    at.button(key="w_boundary_load").click()
    at.run()
    assert not at.exception, at.exception
    con = connect(store_path, read_only=True)
    assert con.execute("SELECT level, count(*) FROM batas_wilayah GROUP BY 1").fetchall() == [("kecamatan", 12)]
    con.close()
    broken = _upload(run_page(PAGE, role="operator"), "w_boundary", "rusak.geojson", b'{"type": "Feature',
                     "application/geo+json")
    assert any("GeoJSON" in e.value for e in broken.error)


@pytest.mark.parametrize("role", ["pimpinan", "anggaran"])
def test_other_roles_do_not_get_the_page(store_path, role):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_page(PAGE, role=role)   # not in their navigation, so not reachable
