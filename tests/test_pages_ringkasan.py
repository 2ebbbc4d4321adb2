"""Ringkasan through AppTest: cards, brief, pace and forecast, trajectory and funnel tables equal the metric
functions' results, for every analyst role in both languages and for a view opened from the URL."""
import datetime as dt

import pytest

from sigap_metrics import catalogue, exports, fmt
from sigap_metrics.i18n import t
from sigap_metrics.metrics import Filters, summary, views
from sigap_metrics.metrics.brief import brief
from sigap_metrics.metrics.forecast import forecast
from sigap_metrics.metrics.selection import funnel

from .apptest_helpers import (ANALYSTS, LANGS, as_of, frame_with, frames, metric_value, open_as, page_apps,
                              release_stores, run_page)

PAGE = "pages/ringkasan.py"


def _check(at, con, day, lang, filters=Filters()):
    assert not at.exception, at.exception
    head = summary(con, day, filters)
    card = {key: catalogue.get(key).label(lang) for key in (
        "active_workers", "attainment_pct", "realisation_pct", "new_workers", "lapsed_workers", "claims_paid",
        "pace_per_week", "pace_needed_per_week")}
    assert metric_value(at, card["active_workers"]) == fmt.number(head["active_workers"], lang)
    assert metric_value(at, card["attainment_pct"]) == fmt.percent(head["attainment_pct"], lang)
    assert metric_value(at, card["realisation_pct"]) == fmt.percent(head["realisation_pct"], lang)
    assert metric_value(at, card["new_workers"]) == fmt.number(head["new_this_month"], lang)
    assert metric_value(at, card["lapsed_workers"]) == fmt.number(head["lapsed_this_month"], lang)
    assert metric_value(at, card["claims_paid"]) == fmt.number(head["claims_paid"], lang)
    assert brief(con, day, lang, filters) in [box.value for box in at.info]
    outlook = forecast(con, day, filters)
    assert metric_value(at, card["pace_per_week"]) == fmt.number(outlook.pace_per_week, lang, 1)
    assert metric_value(at, card["pace_needed_per_week"]) == fmt.number(outlook.needed_per_week, lang, 1)
    path = frame_with(at, t("col_forecast", lang))
    expected = views.trajectory(con, day, filters)
    assert path[t("col_date", lang)].tolist() == expected["tanggal"].tolist()
    assert path[t("active_workers", lang)].astype("Int64").tolist() == expected["aktif"].tolist()
    assert path[t("active_workers", lang)].dropna().iloc[-1] == head["active_workers"]
    stages = frame_with(at, t("col_stage", lang))
    assert stages[t("col_stage", lang)].tolist() == [t("stage_" + s, lang) for s in
                                                     ("diusulkan", "terverifikasi", "terdaftar", "aktif")]
    assert stages[t("col_people", lang)].tolist() == funnel(con, day, filters.only(
        ("kecamatan", "kelurahan", "sektor", "desil", "sumber_usulan")))["jumlah"].tolist()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ANALYSTS)
def test_overview_numbers_for_each_role_and_language(role, lang, page_apps, demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = open_as(page_apps, PAGE, role=role, lang=lang)
    _check(at, demo_con, as_of(demo_con), lang)
    assert at.title[0].value == t("ringkasan_title", lang)
    assert any(t("demo_banner", lang) == w.value for w in at.warning)
    assert any(t("role_" + role, lang) in m.value for m in at.sidebar.markdown)   # the run was this role's


def test_view_from_the_url_applies_date_language_and_filters(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, lang="en", params={"tgl": "2026-06-30", "kecamatan": ["32.75.07", "32.75.11"],
                                           "sektor": ["PEMULUNG"]})
    _check(at, demo_con, dt.date(2026, 6, 30), "en", Filters(kecamatan=("32.75.07", "32.75.11"), sektor=("PEMULUNG",)))


def test_funnel_ignores_filters_proposals_do_not_carry(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, params={"jenis_kelamin": ["P"]})
    _check(at, demo_con, as_of(demo_con), "id", Filters(jenis_kelamin=("P",)))
    assert t("funnel_filters_ignored", "id") in [c.value for c in at.caption]


def test_every_download_is_exactly_a_table_on_the_page(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    offered = []
    real = exports.to_csv_bytes
    monkeypatch.setattr(exports, "to_csv_bytes", lambda frame: offered.append(frame.copy()) or real(frame))
    at = run_page(PAGE, lang="en")
    offered.clear()
    at.run()   # one run: what it offers against what it shows
    assert not at.exception
    shown = frames(at)
    ours = [b for b in at.download_button if b.label in (t("download_csv", "en"), t("download_xlsx", "en"))]
    assert len(offered) == len(shown) == 4 and len(ours) == 8
    for frame in offered:
        assert any(frame.equals(table) for table in shown)
        assert not any(str(c).startswith(("kode", "aktif", "tanggal")) for c in frame.columns)  # labelled, not raw


def test_filters_survive_a_page_switch(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page("pages/peta.py", lang="en", params={"kecamatan": ["32.75.07"]})
    assert not at.exception
    at.query_params.clear()   # what Streamlit does to the URL when the user picks another page
    at.switch_page(PAGE).run()
    assert not at.exception
    head = summary(demo_con, as_of(demo_con), Filters(kecamatan=("32.75.07",)))
    assert metric_value(at, catalogue.get("active_workers").label("en")) == fmt.number(head["active_workers"], "en")
    assert at.query_params["lang"] in ("en", ["en"])
