"""The indicator catalogue: every entry documented in both languages, shown on a page, and computable."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from sigap_metrics import catalogue
from sigap_metrics.catalogue import INDICATORS, CatalogueError, Indicator
from sigap_metrics.metrics import SUMMARY_KEYS, Filters, summary

from .test_metrics_fixture import AS_OF, build_hand_store


@pytest.fixture(scope="module")
def con():
    store = build_hand_store()
    yield store
    store.close()


def test_every_entry_has_both_languages_a_unit_and_a_page():
    assert len(INDICATORS) >= 30
    for ind in INDICATORS:
        for part in (ind.name, ind.description, ind.formula):
            assert part["id"].strip() and part["en"].strip() and part["id"] != part["en"], ind.key
        assert ind.unit in catalogue.UNITS and ind.pages, ind.key


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda ind: ind.key)
def test_every_entry_computes_on_the_fixture(con, ind):
    frame = ind.compute(con, as_of=AS_OF)
    assert isinstance(frame, pd.DataFrame) and ind.column in frame.columns and len(frame) >= 1
    if ind.shape == "value":
        assert len(frame) == 1
    assert ind.format(frame[ind.column].iloc[0]) != ""
    for by in ind.breakdowns[:2]:
        split = ind.compute(con, as_of=AS_OF, by=by)
        assert by in split.columns
        if ind.additive and ind.shape == "value":
            assert split[ind.column].sum() == frame[ind.column].sum(), (ind.key, by)


def test_refusals_say_what_is_allowed(con):
    funnel = catalogue.get("selection_funnel")
    with pytest.raises(ValueError, match="filters it accepts"):
        funnel.compute(con, as_of=AS_OF, filters=Filters(jenis_kelamin=("P",)))
    applied, ignored = funnel.applicable_filters(Filters(jenis_kelamin=("P",), kecamatan=("32.75.01",)))
    assert applied == Filters(kecamatan=("32.75.01",)) and ignored == ("jenis_kelamin",)
    with pytest.raises(ValueError, match="cannot be broken down"):
        catalogue.get("target").compute(con, as_of=AS_OF, by="sektor")
    with pytest.raises(KeyError, match="known"):
        catalogue.get("no_such_indicator")


def test_validation_reports_each_mistake_with_a_fix():
    good = catalogue.get("active_workers")
    bad = (dataclasses.replace(good, key="Bad Key", unit="pct", name={"id": "x", "en": ""}, breakdowns=("warna",),
                               pages=()),
           dataclasses.replace(good, key="no_by", function=summary))
    with pytest.raises(CatalogueError) as error:
        catalogue.validate(INDICATORS + bad)
    text = str(error.value)
    for expected in ("snake_case", "unit 'pct' unknown; use one of", "name has no 'en' text",
                     "breakdowns ['warna'] unknown", "shown on no page", "summary has no parameter(s) ['by']",
                     "summary key 'active_workers' must be the summary_key of exactly one indicator"):
        assert expected in text, expected
    catalogue.validate()   # the shipped catalogue is sound


def test_summary_labels_and_units_come_from_the_catalogue(con):
    fields = catalogue.summary_fields("en")
    assert [f["key"] for f in fields] == list(SUMMARY_KEYS)
    by_key = {f["key"]: f for f in fields}
    assert by_key["premiums_rp"]["unit"] == "rupiah" and by_key["attainment_pct"]["unit"] == "percent"
    assert by_key["active_workers"]["label"] == catalogue.get("active_workers").label("en")
    rows = {r["key"]: r for r in catalogue.summary_view(summary(con, AS_OF), "id")}
    # 1.816.000 premiums, 36,32% realisation (see test_metrics_handcomputed), formatted for id_ID
    assert rows["premiums_rp"]["text"] == "Rp1.816.000" and rows["realisation_pct"]["text"] == "36,3%"
    assert rows["as_of"]["text"] == "20 Agu 2026" and rows["demo"]["text"] == "tidak"


def test_definitions_table_and_page_lists():
    table = catalogue.definitions("en")
    assert len(table) == len(INDICATORS) and table["nama"].str.len().min() > 0
    assert {ind.key for ind in catalogue.for_page("klaim")} >= {"claims_by_status", "rejection_pct"}
    assert all(ind.public for ind in catalogue.public())
    assert not catalogue.get("claims_outside_coverage_days").public   # a list of single claims is never public


def test_indicator_is_a_plain_dataclass():
    assert dataclasses.is_dataclass(Indicator)
