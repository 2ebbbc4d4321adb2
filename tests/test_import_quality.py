"""metrics.quality on the hand-counted fixtures, and invariants on a demo round trip."""
import pytest

from sigap_metrics.metrics.quality import (UNKNOWN_KECAMATAN, field_completeness, import_scores, kecamatan_scores,
                                           stored_completeness)

from .test_import_support import import_all


@pytest.fixture(scope="module")
def store():
    from sigap_metrics.store import connect_memory
    con = connect_memory()
    results = import_all(con)
    yield con, results
    con.close()


def test_scores_per_import(store):
    con, results = store
    scores = import_scores(con).set_index("kind")
    assert list(scores["import_id"]) == [6, 5, 4, 3, 2, 1]  # newest first
    peserta = scores.loc["peserta"]
    # 26 rows read, 15 rejected, 1 of them a duplicate of line 4; warnings on lines 7, 9, 10 and 11.
    assert peserta["rejected_share"] == pytest.approx(15 / 26)
    assert peserta["duplicate_rate"] == pytest.approx(1 / 26)
    assert peserta["warned"] == 4
    # Stored fields: NIK, KPJ, PEKERJAAN, DESIL, SUMBER_USULAN, TGL_MULAI, TGL_AKHIR filled on all 26 rows;
    # KECAMATAN and KELURAHAN empty on line 22, SUMBER_IURAN on line 6, IURAN on line 9 → 25 each.
    assert peserta["completeness"] == pytest.approx((7 * 26 + 4 * 25) / (11 * 26))
    pembayaran = scores.loc["pembayaran"]
    # TGL_BAYAR empty on 3 of 6 rows, the other 3 fields always filled.
    assert pembayaran["completeness"] == pytest.approx((3 * 6 + 3) / 24)
    assert pembayaran["rejected_share"] == pytest.approx(3 / 6) and pembayaran["duplicate_rate"] == pytest.approx(1 / 6)
    assert import_scores(con, "klaim")["import_id"].tolist() == [results["klaim"].import_id]


def test_kinds_are_the_importers_kinds():
    from sigap_metrics.importers.load import KINDS
    from sigap_metrics.metrics import quality
    assert quality.KINDS == KINDS


def test_percentages_for_display(store):
    from sigap_metrics.metrics.quality import as_percent
    con, _ = store
    scores = import_scores(con)
    shown = as_percent(scores)
    assert shown["rejected_share"].tolist() == pytest.approx((scores["rejected_share"] * 100).tolist())
    assert shown["rows_read"].tolist() == scores["rows_read"].tolist()


def test_boundary_loads_are_not_data_imports(memory_con, shared_geo):
    from sigap_metrics.importers.boundaries import load_boundary_dir
    load_boundary_dir(memory_con, shared_geo)
    assert import_scores(memory_con).empty


def test_completeness_per_field_of_an_import(store):
    con, results = store
    fields = field_completeness(con, results["peserta"].import_id).set_index("kolom")
    assert fields.loc["KECAMATAN", "share"] == pytest.approx(25 / 26)
    assert fields.loc["NIK", "share"] == 1.0
    assert "NAMA" not in fields.index


def test_scores_per_kecamatan(store):
    con, _ = store
    scores = kecamatan_scores(con, "peserta").set_index("kecamatan")
    assert len(scores) == 13 and scores.index[-1] == UNKNOWN_KECAMATAN
    # Pondokgede rows: lines 4, 5, 27, 28 accepted; 12–16 and 21 (the duplicate) rejected.
    pondokgede = scores.loc["Pondokgede"]
    assert (pondokgede["rows_read"], pondokgede["accepted"], pondokgede["rejected"], pondokgede["duplicates"]) == \
        (10, 4, 6, 1)
    assert pondokgede["rejected_share"] == pytest.approx(0.6)
    # Lines 17 (misspelt kecamatan) and 22 (empty kecamatan).
    assert scores.loc[UNKNOWN_KECAMATAN, "rows_read"] == 2
    assert scores.loc["Jatisampurna", "rows_read"] == 0 and scores.loc["Jatisampurna", "rejected_share"] == 0
    # Stored records: Jatiasih holds P6's period, IURAN empty → 4 of 5 optional fields filled.
    assert scores.loc["Jatiasih", "records"] == 1 and scores.loc["Jatiasih", "completeness"] == pytest.approx(0.8)
    assert scores["rows_read"].sum() == 26
    with pytest.raises(ValueError):
        kecamatan_scores(con, "klaim")


def test_stored_completeness_is_tidy(store):
    con, _ = store
    stored = stored_completeness(con, "peserta")
    assert set(stored.columns) == {"kecamatan_kode", "records", "kolom", "terisi", "share"}
    row = stored[(stored["kecamatan_kode"] == "32.75.09") & (stored["kolom"] == "iuran_rp")]
    assert row[["records", "terisi"]].values.tolist() == [[1, 0]]


def test_invariants_on_demo_files(tmp_path):
    """On a clean demo import: parts sum to the whole, shares lie in [0, 1]."""
    import datetime as dt

    from sigap_metrics.demo import LOAD_ORDER, generate, write_files
    from sigap_metrics.importers.pipeline import commit
    from sigap_metrics.store import connect_memory

    from .conftest import NIK_KEY
    files = write_files(generate(800, 11, dt.date(2026, 11, 25)), tmp_path)
    con = connect_memory()
    for kind, path in zip(LOAD_ORDER, files):
        commit(con, kind, path.read_bytes(), path.name, user="t", nik_key=NIK_KEY)
    scores = import_scores(con)
    assert scores["rejected_share"].between(0, 1).all() and scores["completeness"].between(0, 1).all()
    for kind in ("peserta", "usulan", "pelatihan"):
        by_area = kecamatan_scores(con, kind)
        assert by_area["rows_read"].sum() == scores.loc[scores["kind"] == kind, "rows_read"].sum()
        assert (by_area["accepted"] + by_area["rejected"] == by_area["rows_read"]).all()
        assert by_area["rejected_share"].between(0, 1).all()
    stored = stored_completeness(con, "peserta")
    assert stored["share"].between(0, 1).all()
    assert stored.groupby("kolom")["records"].sum().eq(
        con.execute("SELECT count(*) FROM kepesertaan").fetchall()[0][0]).all()
    con.close()
