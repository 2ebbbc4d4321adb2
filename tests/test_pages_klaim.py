"""Klaim & manfaat through AppTest: cards and tables equal the claims metrics for the chosen period."""
import datetime as dt

import pytest

from sigap_metrics import catalogue, fmt
from sigap_metrics.i18n import t
from sigap_metrics.metrics import Filters, views
from sigap_metrics.metrics.claims import benefits_paid, claims_by_status, claims_outside_coverage, payment_days

from .apptest_helpers import (ANALYSTS, LANGS, as_of, frame_with, metric_value, open_as, page_apps, release_stores,
                              run_page)

PAGE = "pages/klaim.py"


def _check(at, con, day, lang, period="program", filters=Filters()):
    assert not at.exception, at.exception
    start, end = views.period_window(con, period, day)
    totals = views.claims_overview(con, start, end, filters)
    card = {key: catalogue.get(key).label(lang) for key in (
        "claims_filed", "claims_paid", "benefits_paid_rp", "payment_days_median", "rejection_pct",
        "benefit_premium_ratio", "claims_outside_coverage")}
    assert metric_value(at, card["claims_filed"]) == fmt.number(totals["diajukan"], lang)
    assert metric_value(at, card["claims_paid"]) == fmt.number(totals["dibayar"], lang)
    assert metric_value(at, card["benefits_paid_rp"]) == fmt.rupiah(totals["manfaat_rp"], lang)
    assert metric_value(at, card["payment_days_median"]) == fmt.number(totals["median_hari"], lang, 1)
    assert metric_value(at, card["rejection_pct"]) == fmt.percent(totals["penolakan_pct"], lang)
    assert metric_value(at, card["benefit_premium_ratio"]) == fmt.number(totals["rasio"], lang, 2)
    statuses = frame_with(at, t("col_status", lang))
    assert statuses[t("col_claims", lang)].tolist() == claims_by_status(con, start, end, filters)["klaim"].tolist()
    assert statuses[t("col_claims", lang)].sum() == totals["diajukan"]
    areas = frame_with(at, t("col_benefits_rp", lang))
    assert areas[t("col_benefits_rp", lang)].tolist() == \
        benefits_paid(con, start, end, filters, "kecamatan")["manfaat_rp"].tolist()
    days = frame_with(at, t("col_median_days", lang))
    assert days[t("col_median_days", lang)].tolist() == pytest.approx(
        payment_days(con, start, end, filters, None, True)["median_hari"].tolist())
    flagged = claims_outside_coverage(con, day, filters)
    if len(flagged):
        shown = frame_with(at, t("col_claim_no", lang))
        assert shown[t("col_claim_no", lang)].tolist() == flagged["no_klaim"].tolist()
        assert metric_value(at, card["claims_outside_coverage"]) == fmt.number(len(flagged), lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ANALYSTS)
def test_claims_for_each_role_and_language(role, lang, page_apps, demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = open_as(page_apps, PAGE, role=role, lang=lang)
    _check(at, demo_con, as_of(demo_con), lang)
    statuses = frame_with(at, t("col_status", lang))[t("col_status", lang)].tolist()
    assert t("claim_status_DIBAYAR", lang) in statuses


@pytest.mark.parametrize("period", ["tahun", "bulan"])
def test_period_and_filters_from_the_url(period, demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, params={"periode": period, "tgl": "2026-09-30", "jenis_kelamin": ["L"]})
    assert at.radio(key="w_periode").value == period
    _check(at, demo_con, dt.date(2026, 9, 30), "id", period, Filters(jenis_kelamin=("L",)))
