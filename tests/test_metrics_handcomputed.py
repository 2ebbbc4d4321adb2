"""Every indicator on the hand-computed fixture (tests/test_metrics_fixture.py), expected values worked out by
hand in the comments. Each test runs twice: with the derived tables materialised and derived inline."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sigap_metrics.metrics import Filters, brief, budget, claims, coverage, selection, summary, training
from sigap_metrics.metrics.breakdown import breakdown, crosstab

from .test_metrics_fixture import AS_OF, build_hand_store

A, B, C = "32.75.01", "32.75.07", "32.75.02"
D = dt.date


@pytest.fixture(scope="module", params=["materialised", "inline"])
def con(request):
    store = build_hand_store(materialise=request.param == "materialised")
    yield store
    store.close()


def as_dict(frame: pd.DataFrame, key: str, value: str) -> dict:
    return {k: int(v) for k, v in zip(frame[key], frame[value])}


# ---------------------------------------------------------------- coverage

def test_active_workers(con):
    # Covering 20 Aug 2026: W01 W02 W03 W04 W07 W08 W09 W10 W11 W13 W14 W15 W16 W17 W18 = 15
    # (not W05 ended 31 Dec, W06 ended 10 Apr, W12 ended 30 Jun, W19 ended 12 Aug, W20 starts 25 Aug)
    assert coverage.active_count(con, AS_OF) == 15
    # A: W01 W02 W07 W08 W09 W13 W15 W17 = 8; B: W03 W04 W10 W14 W18 = 5; C: W11 W16 = 2
    assert as_dict(coverage.active_workers(con, AS_OF, by="kecamatan"), "kecamatan", "aktif") == {A: 8, B: 5, C: 2}
    # OJOL W01 W02 W09 W15 W17; PEMULUNG W03 W04 W14; KULI W08 W10 W18; UMKM W07 W16; PRT W11; PKL W13
    assert as_dict(coverage.active_workers(con, AS_OF, by="sektor"), "sektor", "aktif") == {
        "OJOL": 5, "PEMULUNG": 3, "KULI": 3, "UMKM": 2, "PRT": 1, "PKL": 1}
    # L: W01 W02 W04 W08 W09 W10 W14 W15 W17 W18 = 10; P: W03 W07 W11 W13 W16 = 5
    assert as_dict(coverage.active_workers(con, AS_OF, by="jenis_kelamin"), "jenis_kelamin", "aktif") == {"L": 10, "P": 5}
    # ages in 2026: W15 22 | W07 31, W09 26, W14 28, W17 34 | W01 36, W02 41, W08 38, W10 44, W16 40 |
    # W04 46, W11 48, W18 51 | W03 56, W13 66
    assert as_dict(coverage.active_workers(con, AS_OF, by="kelompok_umur"), "kelompok_umur", "aktif") == {
        "18-24": 1, "25-34": 4, "35-44": 5, "45-54": 3, "55+": 2}
    # funding: all APBD; agencies: Platform ojol W01 W02 W09 W15 W17, Dinsos W03 W04 W11 W14, Dinkop-UMKM W07
    # W13 W16, Disnaker W08 W10 W18
    assert as_dict(coverage.active_workers(con, AS_OF, by="sumber_iuran"), "sumber_iuran", "aktif") == {"APBD": 15}
    assert as_dict(coverage.active_workers(con, AS_OF, by="sumber_usulan"), "sumber_usulan", "aktif") == {
        "Platform ojol": 5, "Dinsos": 4, "Dinkop-UMKM": 3, "Disnaker": 3}


def test_overlapping_periods_count_once_in_the_first(con):
    # 15 May 2026: W01 W02 W03 W04 W07 W08 W09 W10 W11 W12 W13 W14 W19 = 13; W11 is covered twice (1 Mar–31 Dec
    # in C and 1–31 May in A) and counts once, in C (its earliest-starting covering period).
    day = D(2026, 5, 15)
    assert coverage.active_count(con, day) == 13
    # A: W01 W02 W07 W08 W09 W13 W19 = 7; B: W03 W04 W10 W14 = 4; C: W11 W12 = 2
    assert as_dict(coverage.active_workers(con, day, by="kecamatan"), "kecamatan", "aktif") == {A: 7, B: 4, C: 2}
    assert coverage.active_count(con, day, Filters(kecamatan=(A,))) == 7


def test_ever_enrolled(con):
    # every worker but W20 (starts 25 Aug) has a period started by 20 Aug
    assert int(coverage.ever_enrolled(con, AS_OF)["pernah_terdaftar"].iloc[0]) == 19
    # kecamatan A: W01 W02 W07 W08 W09 W13 W15 W17 W19 (9) + W11 through its May period = 10
    assert int(coverage.ever_enrolled(con, AS_OF, Filters(kecamatan=(A,)))["pernah_terdaftar"].iloc[0]) == 10


def test_phases_and_attainment(con):
    assert coverage.phase_at(con, AS_OF)["kode"] == "TAHAP2"
    assert coverage.phase_at(con, D(2025, 11, 4)) is None
    table = coverage.attainment(con, AS_OF)
    # Tahap 1 measured on its last day, 31 Dec 2025: W01–W08 = 8 of 10 → 80%; Tahap 2 on 20 Aug: 15 of 20 → 75%
    assert table["kode"].tolist() == ["TAHAP1", "TAHAP2"]
    assert table["aktif"].tolist() == [8, 15]
    assert table["capaian_pct"].tolist() == [80.0, 75.0]


def test_new_workers(con):
    # first starts within 1–20 Aug: W18 (3 Aug); W20 starts 25 Aug
    assert int(coverage.new_workers(con, D(2026, 8, 1), AS_OF)["baru"].iloc[0]) == 1
    # Nov 2025: W01 W02 W03 W06 W08; Dec 2025: W04 W05 W07; Jul 2026: W16 W17 (W01's 2026 period is a renewal)
    assert int(coverage.new_workers(con, D(2025, 11, 1), D(2025, 11, 30))["baru"].iloc[0]) == 5
    assert int(coverage.new_workers(con, D(2025, 12, 1), D(2025, 12, 31))["baru"].iloc[0]) == 3
    assert int(coverage.new_workers(con, D(2026, 1, 1), D(2026, 1, 31))["baru"].iloc[0]) == 2  # W09, W19
    assert int(coverage.new_workers(con, D(2026, 7, 1), D(2026, 7, 31))["baru"].iloc[0]) == 2
    # all months together: each of the 20 workers once
    assert int(coverage.new_workers(con, D(2025, 1, 1), D(2026, 12, 31))["baru"].iloc[0]) == 20


def test_lapsed_workers(con):
    # August: W19 ended 12 Aug (before 20 Aug) and nothing follows
    assert int(coverage.lapsed_workers(con, D(2026, 8, 1), D(2026, 8, 31), AS_OF)["berhenti"].iloc[0]) == 1
    # December 2025: W03 (next start 15 Feb = 46 days later) and W05 (none); not W04 (back 20 Jan, 19 days),
    # not W01 W02 W06 W07 W08 (renewed 1 Jan)
    dec = coverage.lapsed_workers(con, D(2025, 12, 1), D(2025, 12, 31), AS_OF, by="kecamatan")
    assert as_dict(dec, "kecamatan", "berhenti") == {B: 1, C: 1}
    # May 2026: W11's May period ends 31 May but its other period covers June: no lapse
    assert int(coverage.lapsed_workers(con, D(2026, 5, 1), D(2026, 5, 31), AS_OF)["berhenti"].iloc[0]) == 0
    # April: W06 (10 Apr); June: W12 (30 Jun)
    assert int(coverage.lapsed_workers(con, D(2026, 4, 1), D(2026, 4, 30), AS_OF)["berhenti"].iloc[0]) == 1
    assert int(coverage.lapsed_workers(con, D(2026, 6, 1), D(2026, 6, 30), AS_OF)["berhenti"].iloc[0]) == 1
    # seen on 31 Dec 2025 itself, nothing has ended before that day yet
    assert int(coverage.lapsed_workers(con, D(2025, 12, 1), D(2025, 12, 31), D(2025, 12, 31))["berhenti"].iloc[0]) == 0


def test_active_series_with_targets(con):
    series = coverage.active_series(con, D(2025, 11, 5), AS_OF, "month")
    assert series["tanggal"].tolist() == [D(2025, 11, 30), D(2025, 12, 31), D(2026, 1, 31), D(2026, 2, 28),
                                          D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31), D(2026, 6, 30),
                                          D(2026, 7, 31), AS_OF]
    # 30 Nov: W01 W02 W03 W06 W08 = 5 | 31 Dec: W01–W08 = 8 | 31 Jan: W01 W02 W04 W06 W07 W08 W09 W19 = 8 (W03 in
    # its gap, W05 gone) | 28 Feb: + W03 W10 = 10 | 31 Mar: + W11 W12 = 12 | 30 Apr: − W06 + W13 = 12 |
    # 31 May: + W14 = 13 (W11 once) | 30 Jun: + W15 = 14 | 31 Jul: − W12 + W16 W17 = 15 | 20 Aug: + W18 − W19 = 15
    assert series["aktif"].tolist() == [5, 8, 8, 10, 12, 12, 13, 14, 15, 15]
    assert series["target"].tolist() == [10, 10] + [20] * 8
    assert series["tahap"].tolist() == ["TAHAP1", "TAHAP1"] + ["TAHAP2"] * 8
    weekly = coverage.active_series(con, D(2026, 7, 1), AS_OF, "week")
    # every 7 days back from 20 Aug: 2, 9, 16, 23, 30 Jul, 6, 13, 20 Aug
    assert weekly["tanggal"].tolist()[0] == D(2026, 7, 2) and weekly["tanggal"].tolist()[-1] == AS_OF
    # 16 Jul: W17 not yet (20 Jul) → 14; 23 Jul: 15; 13 Aug: + W18 (3 Aug) − W19 (12 Aug) → 15
    assert weekly.set_index("tanggal").loc[D(2026, 7, 16), "aktif"] == 14
    assert weekly.set_index("tanggal").loc[D(2026, 7, 23), "aktif"] == 15


def test_retention(con):
    table = coverage.retention(con, AS_OF).set_index("kohort")
    # cohorts (month of first start): Nov 2025 5, Dec 3, Jan 2, Feb 1, Mar 2, Apr 1, May 1, Jun 1, Jul 2, Aug 1 = 19
    assert table["peserta"].tolist() == [5, 3, 2, 1, 2, 1, 1, 1, 2, 1]
    # Nov 2025: 6 months after each start: W01 5 May ✓, W02 10 May ✓, W03 20 May ✓, W06 5 May ✗ (ended 10 Apr),
    # W08 25 May ✓ → 4/5 = 80%; ready because 30 Nov 2025 + 6 months = 30 May 2026 ≤ 20 Aug
    assert table.loc[D(2025, 11, 1), "bertahan_6"] == 4 and table.loc[D(2025, 11, 1), "retensi_6_pct"] == 80.0
    # Dec 2025: W04 1 Jun ✓, W05 5 Jun ✗, W07 15 Jun ✓ → 2/3 = 66.67%
    assert table.loc[D(2025, 12, 1), "retensi_6_pct"] == 66.67
    # Jan 2026: W09 10 Jul ✓, W19 5 Jul ✓ → 100%; Feb 2026: 28 Feb + 6 months = 28 Aug > 20 Aug → not yet
    assert table.loc[D(2026, 1, 1), "retensi_6_pct"] == 100.0
    assert pd.isna(table.loc[D(2026, 2, 1), "retensi_6_pct"]) and pd.isna(table.loc[D(2026, 2, 1), "bertahan_6"])
    # 12 months: Nov 2025 + 12 = 30 Nov 2026 > 20 Aug → no cohort yet
    assert table["retensi_12_pct"].isna().all()
    # seen from 31 Dec 2026, Nov 2025 is ready at 12 months: W01 W02 W03 W08 covered 5–25 Nov 2026 → 4/5
    later = coverage.retention(con, D(2026, 12, 31)).set_index("kohort")
    assert later.loc[D(2025, 11, 1), "retensi_12_pct"] == 80.0


def test_area_coverage_and_density(con):
    table = coverage.area_coverage(con, AS_OF).set_index("kode")
    assert len(table) == 12
    assert table["aktif"].to_dict() == {**{k: 0 for k in table.index}, A: 8, B: 5, C: 2}
    # per 1.000 residents: A 8 / 275.531 × 1000 = 0,02903 → 0.029; B 5 / 117.386 × 1000 = 0,04259 → 0.043;
    # C 2 / 271.632 × 1000 = 0,00736 → 0.007
    assert table.loc[A, "per_1000"] == 0.029 and table.loc[B, "per_1000"] == 0.043 and table.loc[C, "per_1000"] == 0.007
    # allocation of the 20-worker target by residents (city 2.572.209): A 20 × 275.531 / 2.572.209 = 2,1424 → 2.1;
    # attainment 8 / (20 × 275.531 / 2.572.209) = 20.577.672 / 5.510.620 = 3,734181 → 373,42%
    assert table.loc[A, "alokasi_target"] == 2.1
    assert table.loc[A, "capaian_alokasi_pct"] == 373.42
    kel = coverage.density(con, AS_OF, "kelurahan").set_index("kode")
    assert len(kel) == 56 and kel.loc["32.75.07.1003", "aktif"] == 5


# ---------------------------------------------------------------- selection

def test_funnel(con):
    table = selection.funnel(con, AS_OF)
    # proposed by 20 Aug: W01–W20 (W09 twice, once) + X1 X2 X3 X4 = 24 (X5 proposed 1 Sep);
    # verified (a LOLOS proposal): W01–W20 + X4 = 21; registered: verified with a start by 20 Aug: W01–W19 = 19;
    # active: 15
    assert table["tahap"].tolist() == ["diusulkan", "terverifikasi", "terdaftar", "aktif"]
    assert table["jumlah"].tolist() == [24, 21, 19, 15]
    # 21/24 = 87,5%; 19/24 = 79,17%; 15/24 = 62,5%; 19/21 = 90,48%; 15/19 = 78,95%
    assert table["persen_dari_usulan"].tolist() == [100.0, 87.5, 79.17, 62.5]
    assert table["persen_dari_sebelumnya"].tolist() == [100.0, 87.5, 90.48, 78.95]
    # kecamatan A (latest proposal): W01 W02 W07 W08 W09 W13 W15 W17 W19 + X1 X4 = 11 proposed, 10 verified,
    # 9 registered, 8 active (W19 died)
    assert selection.funnel(con, AS_OF, Filters(kecamatan=(A,)))["jumlah"].tolist() == [11, 10, 9, 8]
    with pytest.raises(ValueError, match="jenis_kelamin"):
        selection.funnel(con, AS_OF, Filters(jenis_kelamin=("L",)))


def test_targeting(con):
    row = selection.targeting(con, AS_OF).iloc[0]
    # active by desil: 1 W01 W03 W09 W13 W18; 2 W02 W07 W10 W14; 3 W04 W11 W16; 5 W17; 6 W08; none W15
    # desil 1–3 = 12 of 14 known = 85,71%; outside 1–5 = 1 (W08) = 7,14%
    assert (row["aktif"], row["desil_1_3"], row["desil_4_5"], row["di_luar_desil_1_5"], row["desil_kosong"]) == (
        15, 12, 1, 1, 1)
    assert row["desil_1_3_pct"] == 85.71 and row["di_luar_desil_1_5_pct"] == 7.14


# ---------------------------------------------------------------- claims

def test_claims_by_status(con):
    table = claims.claims_by_status(con, D(2025, 11, 1), AS_OF)
    got = {(r.program, r.status): (r.klaim, r.nominal_rp) for r in table.itertuples()}
    # JKK DIBAYAR K1 K2 K5 = 5 + 2 + 3 jt; DITOLAK K4 K8 = 1,5 jt + 0,8 jt; DIVERIFIKASI K6; DIAJUKAN K7; JKM K3
    assert got == {("JKK", "DIBAYAR"): (3, 10_000_000), ("JKK", "DITOLAK"): (2, 2_300_000),
                   ("JKK", "DIVERIFIKASI"): (1, 4_000_000), ("JKK", "DIAJUKAN"): (1, 1_000_000),
                   ("JKM", "DIBAYAR"): (1, 42_000_000)}
    by_kec = claims.claims_by_status(con, D(2025, 11, 1), AS_OF, by="kecamatan").groupby("kecamatan")["klaim"].sum()
    # A: K1 K2 K3 K6; B: K5 K7 K8; C: K4
    assert by_kec.to_dict() == {A: 4, B: 3, C: 1}


def test_claims_paid_and_benefits(con):
    # paid by 20 Aug: K1 5 jt + K2 2 jt + K3 42 jt + K5 3 jt = 52 jt
    assert claims.claims_paid(con, AS_OF) == {"claims_paid": 4, "benefits_paid_rp": 52_000_000}
    # paid within August: K3
    row = claims.benefits_paid(con, D(2026, 8, 1), AS_OF).iloc[0]
    assert (row["klaim_dibayar"], row["manfaat_rp"]) == (1, 42_000_000)
    per_program = claims.benefits_paid(con, D(2025, 1, 1), AS_OF, per_program=True).set_index("program")
    assert per_program["manfaat_rp"].to_dict() == {"JKK": 10_000_000, "JKM": 42_000_000}


def test_payment_days(con):
    # filing → payment of paid claims: K1 14, K2 20, K3 4, K5 26 → median (14 + 20) / 2 = 17, mean 64 / 4 = 16
    row = claims.payment_days(con, D(2025, 1, 1), AS_OF).iloc[0]
    assert (row["klaim_dibayar"], row["median_hari"], row["rata_rata_hari"]) == (4, 17.0, 16.0)
    per_program = claims.payment_days(con, D(2025, 1, 1), AS_OF, per_program=True).set_index("program")
    # JKK: 14, 20, 26 → 20; JKM: 4
    assert per_program["median_hari"].to_dict() == {"JKK": 20.0, "JKM": 4.0}


def test_rejection_rate(con):
    # decided claims filed since 2025: DIBAYAR 4 + DITOLAK 2 = 6; rejected 2 → 33,33%
    row = claims.rejection_rate(con, D(2025, 1, 1), AS_OF).iloc[0]
    assert (row["diputus"], row["ditolak"], row["penolakan_pct"]) == (6, 2, 33.33)


def test_claims_outside_coverage(con):
    # K4: W05 covered 5–31 Dec 2025, incident 1 Feb 2026 = 32 days after; K5: W03 incident 20 Jan 2026 in the gap
    # 1 Jan–14 Feb: 20 days after 31 Dec, 26 days before 15 Feb → 20
    count = claims.claims_outside_coverage_count(con, AS_OF).iloc[0]
    assert (count["klaim_di_luar_cakupan"], count["nominal_rp"]) == (2, 4_500_000)
    flagged = claims.claims_outside_coverage(con, AS_OF)
    assert flagged["no_klaim"].tolist() == ["K5", "K4"]   # ordered by filing date
    assert flagged["hari_di_luar"].tolist() == [20, 32]
    assert flagged["kecamatan_kode"].tolist() == [B, C]
    assert not {"nik", "nik_hash", "kpj", "pekerja_id", "nama", "tahun_lahir"} & set(flagged.columns)


# ---------------------------------------------------------------- budget

def test_worker_months_and_premiums(con):
    months = budget.premiums_by_month(con, D(2026, 1, 1), D(2026, 8, 31))
    # Jan: W01 W02 W04 W06 W07 W08 W09 W19 = 8 (W03 in its gap) | Feb: + W03 W10 = 10 | Mar: + W11 W12 = 12 |
    # Apr: + W13 = 13 (W06 until 10 Apr) | May: − W06 + W14 = 13 (W11 once) | Jun: + W15 = 14 |
    # Jul: − W12 + W16 W17 = 15 | Aug: + W18 W20 = 17 (W19 until 12 Aug, W20 from 25 Aug)
    assert months["pekerja_bulan"].tolist() == [8, 10, 12, 13, 13, 14, 15, 17]
    # rate Rp16.800 to June, Rp20.000 from July
    assert months["tarif"].tolist() == [16_800] * 6 + [20_000] * 2
    # (8+10+12+13+13+14) × 16.800 = 70 × 16.800 = 1.176.000; (15+17) × 20.000 = 640.000; total 1.816.000
    assert int(months["iuran_rp"].sum()) == 1_816_000
    # Phase 1 from 5 Nov 2025: Nov W01 W02 W03 W06 W08 = 5, Dec W01–W08 = 8 → 13 × 16.800 = 218.400
    phase1 = budget.premiums_by_month(con, D(2025, 11, 5), D(2025, 12, 31))
    assert phase1["pekerja_bulan"].tolist() == [5, 8] and int(phase1["iuran_rp"].sum()) == 218_400
    # August by kecamatan: A W01 W02 W07 W08 W09 W13 W15 W17 W19 = 9; B W03 W04 W10 W14 W18 W20 = 6; C W11 W16 = 2
    aug = budget.premiums_by_month(con, D(2026, 8, 1), D(2026, 8, 31), by="kecamatan")
    assert as_dict(aug, "kecamatan", "pekerja_bulan") == {A: 9, B: 6, C: 2}
    # May by kecamatan: A W01 W02 W07 W08 W09 W13 W19 = 7; B W03 W04 W10 W14 = 4; C W11 W12 = 2 (W11 once, in C:
    # its earliest period touching May, not its May period recorded in A)
    may = budget.worker_months(con, D(2026, 5, 1), D(2026, 5, 31), by="kecamatan")
    assert as_dict(may, "kecamatan", "pekerja_bulan") == {A: 7, B: 4, C: 2}


def test_window_starting_mid_month(con):
    # 10 Aug – 20 Aug: W01 W02 W03 W04 W07 W08 W09 W10 W11 W13 W14 W15 W16 W17 W18 + W19 (to 12 Aug) = 16;
    # W20 (from 25 Aug) is outside the window
    frame = budget.worker_months(con, D(2026, 8, 10), AS_OF)
    assert frame["pekerja_bulan"].tolist() == [16]
    # 13 Aug – 31 Aug: W19 ended 12 Aug, W20 from 25 Aug → 15 + 1 = 16
    assert budget.worker_months(con, D(2026, 8, 13), D(2026, 8, 31))["pekerja_bulan"].tolist() == [16]


def test_realisation(con):
    table = budget.realisation(con, AS_OF).set_index("kode")
    # Tahap 1: 218.400 of 1.000.000 = 21,84%; invoices Nov 84.000 + Dec 134.400 = 218.400
    assert table.loc["TAHAP1", "iuran_rp"] == 218_400 and table.loc["TAHAP1", "realisasi_pct"] == 21.84
    assert table.loc["TAHAP1", "dibayar_rp"] == 218_400
    # Tahap 2 through the end of August: 1.816.000 of 5.000.000 = 36,32%; invoice Jan 134.400
    assert table.loc["TAHAP2", "iuran_rp"] == 1_816_000 and table.loc["TAHAP2", "realisasi_pct"] == 36.32
    assert table.loc["TAHAP2", "dibayar_rp"] == 134_400


def test_cost_per_worker_month(con):
    row = budget.cost_per_worker_month(con, D(2026, 1, 1), D(2026, 8, 31)).iloc[0]
    # 1.816.000 ÷ 102 worker-months = 17.803,92
    assert row["pekerja_bulan"] == 102 and row["iuran_rp"] == 1_816_000
    assert round(row["biaya_per_pekerja_bulan_rp"], 2) == 17_803.92
    # invoices for Jan–Aug: 134.400 → 134.400 ÷ 102 = 1.317,65
    assert row["dibayar_rp"] == 134_400 and round(row["dibayar_per_pekerja_bulan_rp"], 2) == 1_317.65


def test_year_end_projection(con):
    row = budget.year_end_projection(con, AS_OF).iloc[0]
    # Jan–Aug 1.816.000; August's 17 workers × Rp20.000 × 4 months (Sep–Dec) = 1.360.000; total 3.176.000;
    # pagu of phases starting in 2026: 5.000.000 → 63,52%
    assert (row["iuran_sd_bulan_ini"], row["pekerja_bulan_ini"], row["bulan_tersisa"]) == (1_816_000, 17, 4)
    assert (row["proyeksi_sisa_rp"], row["proyeksi_total_rp"], row["pagu_tahun_rp"]) == (1_360_000, 3_176_000, 5_000_000)
    assert row["proyeksi_pct"] == 63.52


def test_benefit_premium_ratio(con):
    row = budget.benefit_premium_ratio(con, D(2026, 1, 1), AS_OF).iloc[0]
    # benefits paid 1 Jan – 20 Aug: K5 3 jt (20 Feb) + K2 2 jt (30 Mar) + K3 42 jt (18 Aug) = 47 jt
    # premiums 1 Jan – 20 Aug: 70 × 16.800 + (15 + 16) × 20.000 = 1.176.000 + 620.000 = 1.796.000
    assert row["manfaat_rp"] == 47_000_000 and row["iuran_rp"] == 1_796_000
    assert round(row["rasio"], 4) == round(47_000_000 / 1_796_000, 4) == 26.1693


# ---------------------------------------------------------------- training

def test_training(con):
    row = training.training(con, D(2026, 1, 1), AS_OF).iloc[0]
    # PLT-1 (1–5 Mar): W01 W02 W06 X4 LULUS, W09 TIDAK LULUS; PLT-2 (15–25 Aug): W10 W14 W03 TERDAFTAR
    # sessions 2, participations 8, people 8, lulus 4, tidak lulus 1, finished 5 → 4/5 = 80%
    assert (row["sesi"], row["peserta"], row["orang"], row["terdaftar"], row["lulus"], row["tidak_lulus"],
            row["selesai"], row["kelulusan_pct"]) == (2, 8, 8, 3, 4, 1, 5, 80.0)
    by_sector = training.training(con, D(2026, 1, 1), AS_OF, by="sektor")
    # OJOL W01 W02 W09 = 3 (2 passed of 3 finished = 66,67%); PKL W06; KULI W10; PEMULUNG W14 W03; X4 no group
    got = {(None if pd.isna(r.sektor) else r.sektor): (r.peserta, r.kelulusan_pct) for r in by_sector.itertuples()}
    assert got["OJOL"] == (3, 66.67) and got["PKL"] == (1, 100.0) and got["PEMULUNG"][0] == 2
    assert got[None] == (1, 100.0) and sum(v[0] for v in got.values()) == 8
    # filter kecamatan A (the trainees' own area): W01 W02 W09
    assert training.training(con, D(2026, 1, 1), AS_OF, Filters(kecamatan=(A,)))["peserta"].iloc[0] == 3


def test_trained_share(con):
    row = training.trained_share(con, AS_OF).iloc[0]
    # active 15; passed a session finished by 20 Aug: W01 W02 (W06 no longer active, X4 not a worker) → 13,33%
    assert (row["aktif"], row["terlatih"], row["terlatih_pct"]) == (15, 2, 13.33)


# ---------------------------------------------------------------- breakdowns, comparison, summary

def test_breakdown_and_crosstab(con):
    table = breakdown(con, AS_OF, "kecamatan").set_index("kecamatan")
    assert len(table) == 12
    # A 8/15 = 53,33%; new in August: W18 (B); lapsed in August: W19 (A)
    assert table.loc[A, "aktif"] == 8 and table.loc[A, "persen"] == 53.33
    assert table["baru_bulan_ini"].sum() == 1 and table.loc[B, "baru_bulan_ini"] == 1
    assert table["berhenti_bulan_ini"].sum() == 1 and table.loc[A, "berhenti_bulan_ini"] == 1
    cross = crosstab(con, AS_OF)
    assert len(cross) == 14 * 12
    cells = {(r.sektor, r.kecamatan): r.aktif for r in cross.itertuples() if r.aktif}
    # A: OJOL 5, UMKM 1, KULI 1, PKL 1; B: PEMULUNG 3, KULI 2; C: PRT 1, UMKM 1
    assert cells == {("OJOL", A): 5, ("UMKM", A): 1, ("KULI", A): 1, ("PKL", A): 1, ("PEMULUNG", B): 3,
                     ("KULI", B): 2, ("PRT", C): 1, ("UMKM", C): 1}


def test_month_over_month_and_brief(con):
    table = brief.month_over_month(con, AS_OF).set_index("indikator")
    assert table["tanggal_pembanding"].iloc[0] == D(2026, 7, 20)
    # active 20 Aug 15 vs 20 Jul 15 (W17 from 20 Jul, W19 still covered) | new 1–20 Aug W18 vs 1–20 Jul W16 W17 |
    # lapsed W19 vs none | paid K3 42 jt vs none | premiums 16 × 20.000 = 320.000 vs 15 × 20.000 = 300.000
    assert table["nilai"].to_dict() == {"active_workers": 15, "new_workers": 1, "lapsed_workers": 1, "claims_paid": 1,
                                        "benefits_paid_rp": 42_000_000, "premiums_rp": 320_000}
    assert table["pembanding"].to_dict() == {"active_workers": 15, "new_workers": 2, "lapsed_workers": 0,
                                             "claims_paid": 0, "benefits_paid_rp": 0, "premiums_rp": 300_000}
    assert table.loc["new_workers", "perubahan_pct"] == -50.0 and pd.isna(table.loc["claims_paid", "perubahan_pct"])
    assert brief.brief(con, AS_OF) == (
        "Per 20 Agu 2026, 15 pekerja rentan terlindungi, 75,0% dari target Tahap 2 (20 pekerja)."
        " Cakupan tidak berubah dibanding 20 Jul 2026."
        " Bulan ini 1 peserta baru dan 1 berhenti (periode yang sama bulan lalu: 2 baru, 0 berhenti)."
        " 1 klaim dibayar bulan ini senilai Rp42 juta. Realisasi anggaran 36,3% dari pagu Rp5 juta.")
    # 31 Jul vs 30 Jun (a month end compares with last month's end): 15 vs 14 → +1 = 7,1% (1/14)
    english = brief.brief(con, D(2026, 7, 31), "en")
    assert "Coverage rose 7.1% (+1 workers) since 30 Jun 2026." in english


def test_summary(con):
    got = summary(con, AS_OF)
    assert got == {"as_of": "2026-08-20", "phase": "Tahap 2", "target": 20, "active_workers": 15,
                   "attainment_pct": 75.0, "new_this_month": 1, "lapsed_this_month": 1, "claims_paid": 4,
                   "benefits_paid_rp": 52_000_000, "premiums_rp": 1_816_000, "pagu_rp": 5_000_000,
                   "realisation_pct": 36.32, "demo": False}
    # 31 Dec 2025: Tahap 1, 8 of 10; new in December W04 W05 W07; no period ended before 31 Dec; K1 paid;
    # premiums 218.400 of 1.000.000
    end_2025 = summary(con, D(2025, 12, 31))
    assert (end_2025["phase"], end_2025["active_workers"], end_2025["attainment_pct"], end_2025["new_this_month"],
            end_2025["lapsed_this_month"], end_2025["claims_paid"], end_2025["benefits_paid_rp"],
            end_2025["premiums_rp"], end_2025["realisation_pct"]) == ("Tahap 1", 8, 80.0, 3, 0, 1, 5_000_000,
                                                                     218_400, 21.84)
