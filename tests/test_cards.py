"""The catalogue drives the indicator cards (issue 10, acceptance 2, for the pages converted so far): every card
on the page is a catalogue entry declared for that page, named as the catalogue names it, its value written in
the entry's unit and its formula in the help. Values are worked out by hand from the fixture
(tests/test_metrics_fixture.py, reference date 20 Aug 2026, the default period 'program' = since the start):
- PLT-1 (K3 dasar): W01 LULUS, W02 LULUS, W09 TIDAK LULUS, W06 LULUS, X4 LULUS; PLT-2: W10, W14, W03 TERDAFTAR
  → 2 sessions, 8 participations, 8 distinct people, 4 passed of 5 finished = 80,0%;
- trained and active on 20 Aug: W01 and W02 (W06 ended 10 Apr, X4 is no worker) of 15 active = 13,3%."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import catalogue

from .apptest_helpers import sign_in
from .conftest import APP
from .golden_outputs import build_store

# page → {catalogue key: (value shown in Indonesian, detail in the help)}
EXPECTED = {"pelatihan": {"training_sessions": ("2", None), "training_participants": ("8", None),
                          "training_people": ("8", None), "training_completion_pct": ("80,0%", "4 / 5"),
                          "trained_share_pct": ("13,3%", "2 / 15")}}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("cards") / "store.duckdb"
    build_store(db).close()
    return db


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_cards_are_the_catalogue_entries_of_the_page(page, store, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(store))
    at = AppTest.from_file(str(APP), default_timeout=60)
    sign_in(at, "pimpinan")
    at.query_params["lang"] = "id"
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    declared = {ind.label("id"): ind for ind in catalogue.for_page(page)}
    shown = {card.label: card for card in at.metric}
    assert set(shown) <= set(declared), f"cards not declared for {page}: {set(shown) - set(declared)}"
    assert {declared[label].key for label in shown} == set(EXPECTED[page])
    for label, card in shown.items():
        indicator = declared[label]
        value, detail = EXPECTED[page][indicator.key]
        assert card.value == value, indicator.key
        assert indicator.formula["id"] in card.help, indicator.key
        if detail:
            assert card.help.startswith(detail), indicator.key
