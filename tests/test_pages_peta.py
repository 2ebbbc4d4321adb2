"""Peta wilayah through AppTest: every analyst role in both languages; the table equals the metric's rows;
the view (indicator, drill-down, filters) opens from the URL; circles and a note without boundaries."""
import pytest

from sigap_metrics.i18n import t
from sigap_metrics.metrics import Filters, views

from .apptest_helpers import ANALYSTS, LANGS, as_of, frames, open_as, page_apps, release_stores, run_page

PAGE = "pages/peta.py"


@pytest.fixture()
def geo_con(demo_geo_db):
    from sigap_metrics.store import connect
    con = connect(demo_geo_db, read_only=True)
    yield con
    con.close()


def _decks(at):
    return at.get("deck_gl_json_chart")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ANALYSTS)
def test_map_page_shows_each_kecamatan_with_its_numbers(role, lang, page_apps, demo_geo_db, geo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_geo_db))
    at = open_as(page_apps, PAGE, role=role, lang=lang)
    assert not at.exception
    assert at.title[0].value == t("page_peta", lang)
    expected = views.map_areas(geo_con, as_of(geo_con))
    table = frames(at)[0]
    assert list(table.columns[:4]) == [t("col_area", lang), t("active_workers", lang), t("col_per_1000", lang),
                                       t("col_allocation_pct", lang)]
    assert table[t("col_area", lang)].tolist() == expected["nama"].tolist()
    assert len(table) == 12
    assert table[t("active_workers", lang)].tolist() == expected["aktif"].tolist()
    assert table[t("col_allocation_pct", lang)].tolist() == pytest.approx(expected["capaian_alokasi_pct"].tolist())
    assert len(_decks(at)) == 1
    assert not [i for i in at.info if i.value == t("map_no_boundaries", lang)]   # real polygons are loaded
    assert len(at.get("download_button")) == 2


def test_view_from_query_params_drills_into_a_kecamatan(demo_geo_db, geo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_geo_db))
    at = run_page(PAGE, lang="en", params={"wilayah": "32.75.07", "indikator": "per_1000", "sektor": ["PEMULUNG"]})
    assert not at.exception
    assert at.selectbox(key="w_indikator").value == "per_1000"
    assert at.selectbox(key="w_wilayah").value == "32.75.07"
    expected = views.map_areas(geo_con, as_of(geo_con), "kelurahan", Filters(sektor=("PEMULUNG",)), "32.75.07")
    table = frames(at)[0]
    assert table["Area"].tolist() == expected["nama"].tolist() == ["Bantargebang", "Cikiwul", "Ciketingudik",
                                                                     "Sumurbatu"]
    assert table["Active workers per 1,000 residents"].tolist() == pytest.approx(expected["per_1000"].tolist())
    assert table["Covered workers (active)"].sum() > 0


def test_unknown_query_values_fall_back_to_the_default_view(demo_geo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_geo_db))
    at = run_page(PAGE, params={"wilayah": "32.75.07' OR 1=1 --", "indikator": "<script>"})
    assert not at.exception
    assert at.selectbox(key="w_indikator").value == "capaian_alokasi_pct"
    assert at.selectbox(key="w_wilayah").value == "kecamatan"
    assert len(frames(at)[0]) == 12


def test_choosing_the_kelurahan_level_updates_the_url(demo_geo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_geo_db))
    at = run_page(PAGE)
    at.selectbox(key="w_wilayah").set_value("kelurahan").run()
    assert not at.exception
    assert at.query_params["wilayah"] in ("kelurahan", ["kelurahan"])
    assert len(frames(at)[0]) == 56


def test_without_boundaries_the_map_says_so_and_draws_centroids(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    for lang in LANGS:
        at = run_page(PAGE, lang=lang)
        assert not at.exception
        assert [i for i in at.info if i.value == t("map_no_boundaries", lang)]
        assert len(_decks(at)) == 1 and len(frames(at)[0]) == 12


def test_boundary_features_and_map_areas(geo_con, demo_con):
    kecamatan = views.boundary_features(geo_con, "kecamatan")
    assert [f["properties"]["kode"] for f in kecamatan] == [f"32.75.{i:02d}" for i in range(1, 13)]
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in kecamatan)
    some = views.boundary_features(geo_con, "kelurahan", ("32.75.07.1003", "32.75.07.1004"))
    assert [f["properties"]["kode"] for f in some] == ["32.75.07.1003", "32.75.07.1004"]
    day = as_of(geo_con)
    areas = views.map_areas(geo_con, day, "kelurahan")
    assert len(areas) == 56 and (areas["kode"].str[:8] == areas["kecamatan_kode"]).all()
    only = views.map_areas(geo_con, day, "kelurahan", Filters(kecamatan=("32.75.01", "32.75.02")))
    assert set(only["kecamatan_kode"]) == {"32.75.01", "32.75.02"}
    assert views.map_areas(geo_con, day)["aktif"].sum() == views.area_coverage(geo_con, day)["aktif"].sum()
    assert views.boundary_features(demo_con, "kecamatan") == []   # the plain demo store has no polygons
    with pytest.raises(ValueError):
        views.boundary_features(demo_con, "provinsi")
