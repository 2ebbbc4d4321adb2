"""The catalogue drives the indicator cards (issue 10, acceptance 2, for the pages converted so far): every card
on the page is a catalogue entry declared for that page, named as the catalogue names it, its value written in
the entry's unit and its formula in the help. Values are worked out by hand from the fixture
(tests/test_metrics_fixture.py, reference date 20 Aug 2026, the default period 'program' = since the start):
- PLT-1 (K3 dasar): W01 LULUS, W02 LULUS, W09 TIDAK LULUS, W06 LULUS, X4 LULUS; PLT-2: W10, W14, W03 TERDAFTAR
  → 2 sessions, 8 participations, 8 distinct people, 4 passed of 5 finished = 80,0%;
- trained and active on 20 Aug: W01 and W02 (W06 ended 10 Apr, X4 is no worker) of 15 active = 13,3%.
Sektor (targeting of the 15 active on 20 Aug: W01-W04, W07-W11, W13-W18; W05, W06, W12, W19 ended, W20 starts
25 Aug): desil 1 W01 W03 W09 W13 W18, 2 W02 W07 W10 W14, 3 W04 W11 W16 → 12 in desil 1–3; W17 desil 5; W08 desil 6
= 1 outside 1–5; W15 no desil = 1 not recorded → 14 with a desil; 12 / 14 = 85,7%; 1 / 14 = 7,1%.
Klaim (period 5 Nov 2025 – 20 Aug 2026):
- filed K1–K8 = 8; paid in the period K1 (26 Dec), K2, K3, K5 = 4, Rp5 + 2 + 42 + 3 juta = Rp52.000.000;
- days filing→payment: K3 4, K1 14, K2 20, K5 26 (25 Jan → 20 Feb) → median (14 + 20) / 2 = 17,0;
- decided: 4 DIBAYAR + 2 DITOLAK (K4, K8) → 2 / 6 = 33,3%;
- incident outside coverage: K4 (W05, ended 31 Dec 2025) and K5 (W03 in the Jan–14 Feb gap) = 2;
- worker-months (covered ≥1 day of the month, started by 20 Aug): Nov 5 (W01 W02 W03 W06 W08), Dec 8 (W01-W08),
  Jan 8 (W01 W02 W04 W06 W07 W08 W09 W19), Feb 10 (+W03 W10), Mar 12 (+W11 W12), Apr 13 (+W13), May 13 (−W06
  +W14), Jun 14 (+W15), Jul 15 (−W12 +W16 W17), Aug 16 (+W18); Nov–Jun 83 × Rp16.800 = Rp1.394.400, Jul–Aug
  31 × Rp20.000 = Rp620.000 → premiums Rp2.014.400; benefits ÷ premiums = 52.000.000 / 2.014.400 = 25,81.
Anggaran (Tahap 2, 1 Jan – 31 Dec 2026, target 20, pagu Rp5.000.000; months through the end of August, so W20,
starting 25 Aug, counts in August):
- worker-months Jan 8, Feb 10, Mar 12, Apr 13, May 13, Jun 14 = 70 × Rp16.800 = Rp1.176.000; Jul 15 and Aug 17 = 32
  × Rp20.000 = Rp640.000 → premiums Rp1.816.000; realisation 1.816.000 / 5.000.000 = 36,3%;
- cost per worker-month 1.816.000 / (70 + 32 = 102) = 17.803,9 → Rp17.804;
- year end: Rp1.816.000 + Sep–Dec 4 × 17 × Rp20.000 = Rp1.360.000 → Rp3.176.000, 63,5% of the year's pagu;
- scenario planner at its defaults (the phase target 20 workers, 12 months from Sep 2026, no growth, dropout or
  additions): 12 × 20 × Rp20.000 = Rp4.800.000.
Ringkasan (the six headline cards, then the forecast):
- 15 active (as for sektor), Tahap 2 target 20 → attainment 15 / 20 = 75,0%; realisation as for anggaran, 36,3%;
- new in August (1–20 Aug): only W18 (3 Aug) has a first period starting then (W20 starts 25 Aug) = 1; lapsed in
  August: W19 (ended 12 Aug, no new period; provisional) = 1; claims paid since the programme began: K1, K2, K3,
  K5 = 4, benefits Rp52.000.000 (the klaim period above starts on the first day of the programme);
- forecast: active every 7 days back from 20 Aug over 8 weeks: 25 Jun 14 (W01-W04, W07-W15, W19), 2 Jul 14 (+W16
  −W12), 9 Jul 14, 16 Jul 14, 23 Jul 15 (+W17), 30 Jul 15, 6 Aug 16 (+W18), 13 Aug 15 (−W19), 20 Aug 15; with
  x = weeks −8…0: x̄ = −4, ȳ = 132 / 9, Σ(x − x̄)² = 60, Σ(x − x̄)·y = −4·14 − 3·14 − 2·14 − 14 + 15 + 2·16 + 3·15
  + 4·15 = 12 → pace 12 / 60 = 0,2 per week; line on 20 Aug ȳ + 4 × 0,2 = 15,47; target 20 reached after
  (20 − 15,47) / 0,2 = 22,67 weeks = 158,7 days → day 159 = 26 Jan 2027; needed (20 − 15) ÷ (133 days to 31 Dec
  ÷ 7 = 19 weeks) = 0,26 → 0,3 per week. `test_forecast_cards_by_hand` derives the same three values with plain
  pandas and numpy.polyfit from the fixture's rows (not through metrics.forecast)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import catalogue

from .apptest_helpers import sign_in
from .conftest import APP
from .golden_outputs import build_store
from .test_metrics_fixture import AS_OF, PHASES, frames

# page → {catalogue key: (value shown in Indonesian, detail in the help)}
EXPECTED = {"pelatihan": {"training_sessions": ("2", None), "training_participants": ("8", None),
                          "training_people": ("8", None), "training_completion_pct": ("80,0%", "4 / 5"),
                          "trained_share_pct": ("13,3%", "2 / 15")},
            "sektor": {"desil_1_3_pct": ("85,7%", "12 / 14"), "outside_desil_1_5": ("1", "7,1%"),
                       "desil_missing": ("1", None)},
            "klaim": {"claims_filed": ("8", None), "claims_paid": ("4", None),
                      "benefits_paid_rp": ("Rp52.000.000", None),
                      "benefit_premium_ratio": ("25,81", "Rp52.000.000 / Rp2.014.400"),
                      "payment_days_median": ("17,0", None), "rejection_pct": ("33,3%", None),
                      "claims_outside_coverage": ("2", None)},
            "anggaran": {"realisation_pct": ("36,3%", "Tahap 2: Rp1.816.000 / Rp5.000.000"),
                         "premiums_rp": ("Rp1.816.000", "Pagu: Rp5.000.000"),
                         "cost_per_worker_month": ("Rp17.804", None),
                         "year_end_projection_rp": ("Rp3.176.000", "63,5% dari pagu tahun Rp5.000.000"),
                         "scenario_budget_rp": ("Rp4.800.000", None)},
            "ringkasan": {"active_workers": ("15", "Target tahap: 20"), "attainment_pct": ("75,0%", "15 / 20"),
                          "realisation_pct": ("36,3%", "Rp1.816.000 / Rp5.000.000"),
                          "new_workers": ("1", "Agustus 2026"), "lapsed_workers": ("1", "Agustus 2026"),
                          "claims_paid": ("4", "Manfaat dibayarkan: Rp52.000.000"),
                          "pace_per_week": ("0,2", None), "pace_needed_per_week": ("0,3", "Akhir tahap: 31 Des 2026"),
                          "reach_date": ("26 Jan 2027", None)}}


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


def test_forecast_cards_by_hand():
    """The ringkasan's pace, pace needed and reach date, from the fixture's coverage rows with pandas and
    numpy.polyfit (independent of metrics.forecast), agree with the values in EXPECTED."""
    rows = frames()["peserta"]
    rows = rows.assign(tgl_mulai=pd.to_datetime(rows["tgl_mulai"]), tgl_akhir=pd.to_datetime(rows["tgl_akhir"]))
    weeks = np.arange(-8, 1)
    days = [pd.Timestamp(AS_OF + dt.timedelta(weeks=int(w))) for w in weeks]
    active = [rows.loc[(rows["tgl_mulai"] <= d) & (rows["tgl_akhir"] >= d), "nik"].nunique() for d in days]
    assert active == [14, 14, 14, 14, 15, 15, 16, 15, 15]
    slope, today = np.polyfit(weeks, active, 1)      # workers per week; the line's value on AS_OF
    _, _, start, end, target, _ = next(p for p in PHASES if p[2] <= AS_OF <= p[3])
    reach = AS_OF + dt.timedelta(days=int(np.ceil((target - today) / slope * 7 - 1e-9)))
    needed = (target - active[-1]) / ((end - AS_OF).days / 7)
    cards = EXPECTED["ringkasan"]
    assert f"{slope:.1f}".replace(".", ",") == cards["pace_per_week"][0]
    assert f"{needed:.1f}".replace(".", ",") == cards["pace_needed_per_week"][0]
    assert reach == dt.date(2027, 1, 26) and cards["reach_date"][0] == "26 Jan 2027"
    assert end == dt.date(2026, 12, 31)
