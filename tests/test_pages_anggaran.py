"""Anggaran & skenario through AppTest: budget cards and tables equal the budget metrics; the scenario
planner's result equals `scenario.plan` for the inputs given; only roles from `anggaran` up may export it."""
import datetime as dt

import pytest

from sigap_metrics import catalogue, fmt
from sigap_metrics.i18n import t
from sigap_metrics.metrics import Filters, summary, views
from sigap_metrics.metrics.budget import realisation
from sigap_metrics.metrics.filters import add_months, month_start
from sigap_metrics.metrics.scenario import plan, scenario_total

from .apptest_helpers import (ANALYSTS, LANGS, as_of, frame_with, frames, metric_value, open_as, page_apps,
                              release_stores, run_page)

PAGE = "pages/anggaran.py"
EXPORTERS = ("anggaran", "operator", "admin")


def _check(at, con, day, lang, filters=Filters()):
    assert not at.exception, at.exception
    money = views.budget_overview(con, day, filters)
    card = {key: catalogue.get(key).label(lang) for key in (
        "realisation_pct", "premiums_rp", "cost_per_worker_month", "year_end_projection_rp")}
    assert metric_value(at, card["realisation_pct"]) == fmt.percent(money["realisasi_pct"], lang)
    assert metric_value(at, card["premiums_rp"]) == fmt.rupiah(money["iuran_rp"], lang)
    assert metric_value(at, card["cost_per_worker_month"]) == fmt.rupiah(money["biaya_per_pekerja_bulan_rp"], lang)
    assert metric_value(at, card["year_end_projection_rp"]) == fmt.rupiah(money["proyeksi_total_rp"], lang)
    months = frame_with(at, t("col_projected_rp", lang))
    expected = views.budget_months(con, day, filters)
    assert months[t("col_premiums_rp", lang)].astype("Int64").tolist() == expected["iuran_rp"].tolist()
    phases = frame_with(at, t("col_realisation_pct", lang))
    assert phases[t("col_premiums_rp", lang)].tolist() == realisation(con, day, filters)["iuran_rp"].tolist()


def _default_plan(con, day, filters=Filters()):
    start = add_months(month_start(day), 1)
    return plan(con, workers=summary(con, day, filters)["target"], months=12, start_month=start)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ANALYSTS)
def test_budget_and_default_scenario_for_each_role_and_language(role, lang, page_apps, demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = open_as(page_apps, PAGE, role=role, lang=lang)
    day = as_of(demo_con)
    _check(at, demo_con, day, lang)
    expected = _default_plan(demo_con, day)
    needed = catalogue.get("scenario_budget_rp").label(lang)
    assert metric_value(at, needed) == fmt.rupiah(scenario_total(expected), lang)
    table = frame_with(at, t("col_cost_rp", lang))
    assert table[t("col_cost_rp", lang)].tolist() == expected["biaya_rp"].tolist()
    exports = [b for b in at.download_button if b.key and "skenario" in b.key]
    assert len(exports) == (2 if role in EXPORTERS else 0)
    if role not in EXPORTERS:
        assert t("scenario_export_role", lang) in [c.value for c in at.caption]


def test_scenario_inputs_give_the_planned_budget(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, role="anggaran", lang="en")
    day = as_of(demo_con)
    start = add_months(month_start(day), 3)
    at.number_input(key="w_sk_pekerja").set_value(50_000)
    at.number_input(key="w_sk_bulan").set_value(18)
    at.selectbox(key="w_sk_mulai").set_value(start)
    at.number_input(key="w_sk_tumbuh").set_value(2.5)
    at.number_input(key="w_sk_berhenti").set_value(1.0)
    at.number_input(key="w_sk_tambah").set_value(300)
    next(b for b in at.button if b.label == t("scenario_run", "en")).click().run()
    assert not at.exception
    expected = plan(demo_con, workers=50_000, months=18, start_month=start, growth_pct="2.5", dropout_pct="1.0",
                    added_per_month=300)
    needed = catalogue.get("scenario_budget_rp").label("en")
    assert metric_value(at, needed) == fmt.rupiah(scenario_total(expected), "en")
    table = frame_with(at, "Cost (Rp)")
    assert len(table) == 18 and table["Workers"].tolist() == expected["pekerja"].tolist()
    assert table["Month"].tolist()[0] == start


def test_filters_from_the_url(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, params={"tgl": "2025-12-20", "sumber_iuran": ["APBD"], "kecamatan": ["32.75.01"]})
    _check(at, demo_con, dt.date(2025, 12, 20), "id", Filters(sumber_iuran=("APBD",), kecamatan=("32.75.01",)))
    assert len(frames(at)) == 3
