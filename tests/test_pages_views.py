"""metrics.views: the page-shaped wrappers, checked against the metric functions and independent SQL."""
import datetime as dt

import pandas as pd
import pytest

from sigap_metrics.metrics import Filters, summary, views
from sigap_metrics.metrics.budget import premiums_by_month, year_end_projection
from sigap_metrics.metrics.coverage import active_series, phase_at
from sigap_metrics.metrics.forecast import forecast

from .conftest import AS_OF

PEMULUNG = Filters(sektor=("PEMULUNG",))


@pytest.mark.parametrize("filters", [Filters(), PEMULUNG])
def test_trajectory_joins_history_forecast_and_the_path_needed(demo_con, filters):
    table = views.trajectory(demo_con, AS_OF, filters)
    past = table[table["tanggal"] <= AS_OF]
    series = active_series(demo_con, dt.date(2025, 11, 5), AS_OF, "week", filters)
    assert past["tanggal"].tolist() == series["tanggal"].tolist()
    assert past["aktif"].tolist() == series["aktif"].tolist()
    assert table["tanggal"].is_monotonic_increasing and table["tanggal"].is_unique
    assert (pd.Series(table["tanggal"]).diff().dropna() == dt.timedelta(days=7)).all()
    outlook = forecast(demo_con, AS_OF, filters)
    phase = phase_at(demo_con, AS_OF)
    future = table[table["tanggal"] > AS_OF]
    horizon = max(phase["tgl_akhir"], AS_OF + dt.timedelta(weeks=views.FORECAST_AHEAD_WEEKS))
    assert future["aktif"].isna().all() and len(future) >= 1
    assert future["tanggal"].max() == max(d for d in outlook.band["tanggal"] if d <= horizon)
    band = outlook.band.set_index("tanggal")
    for _, row in table[table["tanggal"] >= AS_OF].iterrows():
        assert row["perkiraan"] == pytest.approx(band.loc[row["tanggal"], "perkiraan"])
        assert row["bawah"] <= row["perkiraan"] <= row["atas"]
    # the path needed: today's count, rising by the needed weekly pace, only up to the phase's last day
    path = table.dropna(subset=["lintasan_dibutuhkan"])
    assert path["tanggal"].iloc[0] == AS_OF and path["lintasan_dibutuhkan"].iloc[0] == outlook.active
    assert path["tanggal"].max() <= phase["tgl_akhir"]
    week = path.iloc[1]
    assert week["lintasan_dibutuhkan"] == pytest.approx(outlook.active + outlook.needed_per_week, abs=0.05)
    days_left = (phase["tgl_akhir"] - AS_OF).days
    assert outlook.active + outlook.needed_per_week * days_left / 7 == pytest.approx(phase["target_peserta"])
    assert table.loc[table["tanggal"] <= phase["tgl_akhir"], "target"].iloc[-1] == phase["target_peserta"]


def test_trajectory_targets_follow_the_phases(demo_con):
    table = views.trajectory(demo_con, AS_OF)
    first = table[table["tanggal"] <= dt.date(2025, 12, 31)]
    later = table[(table["tanggal"] >= dt.date(2026, 1, 1)) & (table["tanggal"] <= dt.date(2026, 12, 31))]
    assert set(first["target"]) == {11666} and set(later["target"]) == {10000}
    assert table[table["tanggal"] > dt.date(2026, 12, 31)]["target"].isna().all()   # no phase after 2026 in the demo


def test_budget_months_running_total_and_projection(demo_con):
    table = views.budget_months(demo_con, AS_OF)
    assert table["bulan"].tolist() == [dt.date(2026, m, 1) for m in range(1, 13)]
    done = premiums_by_month(demo_con, dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    actual = table.dropna(subset=["iuran_rp"])
    assert actual["iuran_rp"].tolist() == done["iuran_rp"].tolist()
    running = 0
    for premium, total in zip(actual["iuran_rp"], actual["kumulatif_rp"]):
        running += premium
        assert total == running
    assert running == summary(demo_con, AS_OF)["premiums_rp"]
    projection = year_end_projection(demo_con, AS_OF).iloc[0]
    assert table["proyeksi_kumulatif_rp"].iloc[-1] == projection["proyeksi_total_rp"]   # the 2026 phase is the year
    assert table["proyeksi_kumulatif_rp"].iloc[10] == running   # the projection starts where the actuals stop
    assert set(table["pagu_rp"]) == {2_000_000_000}
    assert views.budget_months(demo_con, dt.date(2027, 6, 1)).empty   # outside any phase


def test_period_windows(demo_con):
    assert views.period_window(demo_con, "program", AS_OF) == (dt.date(2025, 11, 5), AS_OF)
    assert views.period_window(demo_con, "tahun", AS_OF) == (dt.date(2026, 1, 1), AS_OF)
    assert views.period_window(demo_con, "bulan", AS_OF) == (dt.date(2026, 11, 1), AS_OF)
    assert views.period_window(demo_con, "program", dt.date(2025, 10, 1)) == (dt.date(2025, 10, 1),) * 2
    with pytest.raises(ValueError):
        views.period_window(demo_con, "minggu", AS_OF)


@pytest.mark.parametrize("start", [dt.date(2025, 11, 5), dt.date(2026, 11, 1)])
def test_claims_overview_against_plain_sql(demo_con, start):
    got = views.claims_overview(demo_con, start, AS_OF)
    rows = demo_con.execute(
        "SELECT count(*) FILTER (WHERE tgl_pengajuan BETWEEN ? AND ?),"
        " count(*) FILTER (WHERE status = 'DIBAYAR' AND tgl_bayar BETWEEN ? AND ?),"
        " coalesce(sum(nominal_rp) FILTER (WHERE status = 'DIBAYAR' AND tgl_bayar BETWEEN ? AND ?), 0),"
        " median(tgl_bayar - tgl_pengajuan) FILTER (WHERE status = 'DIBAYAR' AND tgl_bayar BETWEEN ? AND ?),"
        " count(*) FILTER (WHERE status = 'DITOLAK' AND tgl_pengajuan BETWEEN ? AND ?),"
        " count(*) FILTER (WHERE status IN ('DIBAYAR', 'DITOLAK') AND tgl_pengajuan BETWEEN ? AND ?)"
        " FROM klaim", [start, AS_OF] * 6).fetchall()[0]
    assert got["diajukan"] == rows[0] and got["dibayar"] == rows[1] and got["manfaat_rp"] == rows[2]
    assert got["median_hari"] == pytest.approx(float(rows[3]))
    assert got["penolakan_pct"] == pytest.approx(round(rows[4] / rows[5] * 100, 2))
    premiums = int(premiums_by_month(demo_con, start, AS_OF)["iuran_rp"].sum())
    assert got["iuran_rp"] == premiums and got["rasio"] == pytest.approx(rows[2] / premiums)


def test_budget_overview_matches_the_summary_and_projection(demo_con):
    got = views.budget_overview(demo_con, AS_OF)
    head = summary(demo_con, AS_OF)
    assert got["tahap"] == head["phase"] and got["pagu_rp"] == head["pagu_rp"]
    assert got["iuran_rp"] == head["premiums_rp"] and got["realisasi_pct"] == head["realisation_pct"]
    assert got["biaya_per_pekerja_bulan_rp"] == 16_800   # one rate in force all year: Rp10.000 JKK + Rp6.800 JKM
    assert got["proyeksi_total_rp"] == year_end_projection(demo_con, AS_OF)["proyeksi_total_rp"].iloc[0]
    paid = demo_con.execute("SELECT sum(nominal_rp) FROM pembayaran WHERE periode BETWEEN '2026-01-01' AND"
                            " '2026-11-01' AND (tgl_bayar IS NULL OR tgl_bayar <= ?)", [AS_OF]).fetchall()[0][0]
    assert got["dibayar_rp"] == paid
    assert 0 < got["rasio_manfaat"] < 5
    none = views.budget_overview(demo_con, dt.date(2027, 6, 1))
    assert none["tahap"] is None and none["realisasi_pct"] is None


def test_map_areas_claims_add_up_to_the_city(demo_con):
    # Every paid claim belongs to exactly one area; the per-area counts and rupiah add up to plain SQL over klaim.
    from sigap_metrics.reference import PROGRAMME_START
    day = dt.date(2026, 11, 25)
    count, amount = demo_con.execute(
        "SELECT count(*), sum(nominal_rp) FROM klaim WHERE status = 'DIBAYAR' AND tgl_bayar BETWEEN ? AND ?",
        [PROGRAMME_START, day]).fetchall()[0]
    for level in ("kecamatan", "kelurahan"):
        areas = views.map_areas(demo_con, day, level)
        assert areas["klaim_dibayar"].sum() == count and areas["manfaat_rp"].sum() == amount
