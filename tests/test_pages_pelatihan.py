"""Pelatihan through AppTest: cards and tables equal the training metrics."""
import pytest

from sigap_metrics import catalogue, fmt
from sigap_metrics.i18n import t
from sigap_metrics.metrics import Filters, views
from sigap_metrics.metrics.training import trained_share, training

from .apptest_helpers import (ANALYSTS, LANGS, as_of, frame_with, metric_value, open_as, page_apps, release_stores,
                              run_page)

PAGE = "pages/pelatihan.py"


def _check(at, con, day, lang, period="program", filters=Filters()):
    assert not at.exception, at.exception
    start, end = views.period_window(con, period, day)
    total = training(con, start, end, filters).iloc[0]
    card = {key: catalogue.get(key).label(lang) for key in ("training_sessions", "training_participants",
                                                             "training_completion_pct", "trained_share_pct")}
    assert metric_value(at, card["training_sessions"]) == fmt.number(total["sesi"], lang)
    assert metric_value(at, card["training_participants"]) == fmt.number(total["peserta"], lang)
    assert metric_value(at, card["training_completion_pct"]) == fmt.percent(total["kelulusan_pct"], lang)
    share = trained_share(con, day, filters).iloc[0]
    assert metric_value(at, card["trained_share_pct"]) == fmt.percent(share["terlatih_pct"], lang)
    sectors = frame_with(at, t("col_trained_pct", lang))
    assert sectors[t("col_trained", lang)].tolist() == trained_share(con, day, filters, "sektor")["terlatih"].tolist()
    areas = frame_with(at, t("col_sessions", lang))
    assert areas[t("col_participants", lang)].tolist() == \
        training(con, start, end, filters, "kecamatan")["peserta"].tolist()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ANALYSTS)
def test_training_for_each_role_and_language(role, lang, page_apps, demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    _check(open_as(page_apps, PAGE, role=role, lang=lang), demo_con, as_of(demo_con), lang)


def test_period_and_filters_from_the_url(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, lang="en", params={"periode": "tahun", "sektor": ["OJOL", "PKL"]})
    assert at.radio(key="w_periode").value == "tahun"
    _check(at, demo_con, as_of(demo_con), "en", "tahun", Filters(sektor=("OJOL", "PKL")))
