"""Sektor & demografi through AppTest: the breakdown, heat map and targeting tables equal the metric results."""
import pytest

from sigap_metrics import catalogue, fmt
from sigap_metrics.i18n import t
from sigap_metrics.metrics import Filters
from sigap_metrics.metrics.breakdown import breakdown, crosstab
from sigap_metrics.metrics.selection import targeting

from .apptest_helpers import (ANALYSTS, LANGS, as_of, frame_with, metric_value, open_as, page_apps, release_stores,
                              run_page)

PAGE = "pages/sektor.py"


def _check(at, con, day, lang, by="sektor", filters=Filters()):
    assert not at.exception, at.exception
    expected = breakdown(con, day, by, filters)
    groups = frame_with(at, t("filter_" + by, lang))
    assert groups[t("active_workers", lang)].tolist() == expected["aktif"].tolist()
    assert groups[t("new_this_month", lang)].tolist() == expected["baru_bulan_ini"].tolist()
    assert len(groups) == len(expected)
    cells = frame_with(at, t("filter_kecamatan", lang))
    expected_cells = crosstab(con, day, "sektor", "kecamatan", filters)
    assert cells[t("active_workers", lang)].tolist() == expected_cells["aktif"].tolist()
    overall = targeting(con, day, filters).iloc[0]
    card = {key: catalogue.get(key).label(lang) for key in ("desil_1_3_pct", "outside_desil_1_5", "desil_missing")}
    assert metric_value(at, card["desil_1_3_pct"]) == fmt.percent(overall["desil_1_3_pct"], lang)
    assert metric_value(at, card["outside_desil_1_5"]) == fmt.number(overall["di_luar_desil_1_5"], lang)
    assert metric_value(at, card["desil_missing"]) == fmt.number(overall["desil_kosong"], lang)
    areas = frame_with(at, t("col_desil_1_3_pct", lang))
    assert areas[t("col_desil_1_3_pct", lang)].tolist() == pytest.approx(
        targeting(con, day, filters, "kecamatan")["desil_1_3_pct"].tolist())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ANALYSTS)
def test_breakdowns_for_each_role_and_language(role, lang, page_apps, demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = open_as(page_apps, PAGE, role=role, lang=lang)
    _check(at, demo_con, as_of(demo_con), lang)
    sectors = frame_with(at, t("filter_sektor", lang))[t("filter_sektor", lang)].tolist()
    assert ("Pemulung" if lang == "id" else "Waste picker") in sectors   # names, not codes
    assert len(at.get("plotly_chart")) == 3


@pytest.mark.parametrize("by", ["jenis_kelamin", "kelompok_umur", "desil", "sumber_iuran", "sumber_usulan"])
def test_breakdown_chosen_in_the_url(by, demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, lang="en", params={"rincian": by, "kecamatan": ["32.75.03"]})
    assert at.radio(key="w_rincian").value == by
    _check(at, demo_con, as_of(demo_con), "en", by, Filters(kecamatan=("32.75.03",)))
    if by in ("sumber_iuran", "sumber_usulan"):   # funding sources and agencies by name, not code
        shown = frame_with(at, t("filter_" + by, "en"))[t("filter_" + by, "en")].tolist()
        assert ("City budget (APBD)" if by == "sumber_iuran" else "Social Affairs Office") in shown
