"""Metrics on the default demo store against independent SQL and pandas written here (not the library's
queries): the overview's summary, breakdowns, worker-months, the funnel, claims and retention; and every
catalogue indicator the same whether the derived tables are materialised or derived inline."""
from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from sigap_metrics import catalogue
from sigap_metrics.metrics import budget, claims, coverage, derived, selection, summary
from sigap_metrics.store import connect

from .conftest import AS_OF

DATES = [AS_OF, dt.date(2025, 12, 31), dt.date(2026, 1, 20), dt.date(2026, 6, 30)]


def _one(con, sql: str, params: list):
    return con.execute(sql, params).fetchall()[0][0]


def _oracle_summary(con, day: dt.date) -> dict:
    first = day.replace(day=1)
    phase = con.execute("SELECT nama, tgl_mulai, tgl_akhir, target_peserta, pagu_rp FROM tahap"
                        " WHERE ? BETWEEN tgl_mulai AND tgl_akhir", [day]).fetchall()[0]
    active = _one(con, "SELECT count(DISTINCT pekerja_id) FROM kepesertaan WHERE ? BETWEEN tgl_mulai AND tgl_akhir",
                  [day])
    new = _one(con, "SELECT count(*) FROM (SELECT pekerja_id, min(tgl_mulai) AS s FROM kepesertaan GROUP BY 1)"
                    " WHERE s BETWEEN ? AND ?", [first, day])
    # lapsed: last covered day in [first, day), and the worker's latest end among periods starting up to
    # 31 days after it is that day itself (nothing carries coverage past it within the grace)
    lapsed = _one(con, "SELECT count(DISTINCT a.pekerja_id) FROM kepesertaan AS a WHERE a.tgl_akhir >= ?"
                       " AND a.tgl_akhir < ? AND (SELECT max(b.tgl_akhir) FROM kepesertaan AS b"
                       "  WHERE b.pekerja_id = a.pekerja_id AND b.tgl_mulai <= a.tgl_akhir + 31) = a.tgl_akhir",
                  [first, day])
    through = min(phase[2], (pd.Timestamp(day) + pd.offsets.MonthEnd(0)).date())
    premiums = _one(con, "SELECT sum(n * 16800) FROM (SELECT m, count(DISTINCT k.pekerja_id) AS n FROM"
                         " (SELECT unnest(generate_series(date_trunc('month', CAST(? AS DATE)),"
                         "  CAST(? AS DATE), INTERVAL 1 MONTH)) AS m) AS months JOIN kepesertaan AS k"
                         " ON k.tgl_mulai <= least(m + INTERVAL 1 MONTH - INTERVAL 1 DAY, CAST(? AS DATE))"
                         " AND k.tgl_akhir >= greatest(m, CAST(? AS DATE)) GROUP BY m)",
                    [phase[1], through, through, phase[1]])
    paid = con.execute("SELECT count(*), sum(nominal_rp) FROM klaim WHERE status = 'DIBAYAR' AND tgl_bayar <= ?",
                       [day]).fetchall()[0]
    return {"phase": phase[0], "target": phase[3], "active_workers": active, "new_this_month": new,
            "lapsed_this_month": lapsed, "claims_paid": paid[0], "benefits_paid_rp": paid[1],
            "premiums_rp": premiums, "pagu_rp": phase[4]}


@pytest.mark.parametrize("day", DATES)
def test_summary_equals_independent_sql(demo_con, day):
    got, want = summary(demo_con, day), _oracle_summary(demo_con, day)
    for key, value in want.items():
        assert got[key] == value, key
    assert got["attainment_pct"] == round(want["active_workers"] / want["target"] * 100, 2)
    assert got["realisation_pct"] == round(want["premiums_rp"] / want["pagu_rp"] * 100, 2)


@pytest.mark.parametrize("by,column", [("sektor", "sektor"), ("kecamatan", "kecamatan_kode"), ("desil", "desil")])
def test_active_breakdown_equals_independent_sql(demo_con, by, column):
    # a worker covered twice counts once, with the attributes of the earliest-starting covering period
    want = demo_con.execute(
        "SELECT g, count(*) FROM (SELECT arg_min(" + column + ", tgl_mulai) AS g FROM kepesertaan"
        " WHERE ? BETWEEN tgl_mulai AND tgl_akhir GROUP BY pekerja_id) GROUP BY g", [AS_OF]).fetchall()
    got = coverage.active_workers(demo_con, AS_OF, by=by)
    assert {(None if pd.isna(k) else k): int(v) for k, v in zip(got[by], got["aktif"])} == dict(want)


def test_worker_months_by_sector_equal_independent_sql(demo_con):
    start, end = dt.date(2026, 1, 1), dt.date(2026, 11, 30)
    want = demo_con.execute(
        "SELECT CAST(m AS DATE), g, count(*) FROM (SELECT m, k.pekerja_id, arg_min(k.sektor, k.tgl_mulai) AS g"
        " FROM (SELECT unnest(generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH)) AS m) AS months"
        " JOIN kepesertaan AS k ON k.tgl_mulai <= m + INTERVAL 1 MONTH - INTERVAL 1 DAY AND k.tgl_akhir >= m"
        " GROUP BY ALL) GROUP BY ALL", [start, end]).fetchall()
    got = budget.worker_months(demo_con, start, end, by="sektor")
    assert {(m, g): n for m, g, n in want} == {(r.bulan, r.sektor): r.pekerja_bulan for r in got.itertuples()}


def test_funnel_equals_independent_sql(demo_con):
    want = demo_con.execute(
        "WITH people AS (SELECT nik_hash, bool_or(status_verifikasi = 'LOLOS') AS lolos FROM usulan"
        "  WHERE tgl_usulan <= $1 GROUP BY nik_hash),"
        " registered AS (SELECT p.nik_hash, bool_or($1 BETWEEN k.tgl_mulai AND k.tgl_akhir) AS aktif"
        "  FROM pekerja AS p JOIN kepesertaan AS k USING (pekerja_id) WHERE k.tgl_mulai <= $1 GROUP BY 1)"
        " SELECT count(*), count(*) FILTER (WHERE lolos), count(r.nik_hash) FILTER (WHERE lolos),"
        " count(*) FILTER (WHERE lolos AND r.aktif) FROM people LEFT JOIN registered AS r USING (nik_hash)",
        [AS_OF]).fetchall()[0]
    assert tuple(selection.funnel(demo_con, AS_OF)["jumlah"]) == want


def test_claim_statistics_equal_pandas(demo_con):
    frame = demo_con.execute("SELECT * FROM klaim").df()
    paid = frame[(frame["status"] == "DIBAYAR") & (pd.to_datetime(frame["tgl_bayar"]) <= pd.Timestamp(AS_OF))]
    days = (pd.to_datetime(paid["tgl_bayar"]) - pd.to_datetime(paid["tgl_pengajuan"])).dt.days
    row = claims.payment_days(demo_con, dt.date(2000, 1, 1), AS_OF).iloc[0]
    assert row["klaim_dibayar"] == len(paid) and row["median_hari"] == days.median()
    decided = frame[frame["status"].isin(["DIBAYAR", "DITOLAK"]) & (pd.to_datetime(frame["tgl_pengajuan"])
                                                                     <= pd.Timestamp(AS_OF))]
    rate = claims.rejection_rate(demo_con, dt.date(2000, 1, 1), AS_OF).iloc[0]
    assert rate["diputus"] == len(decided) and rate["ditolak"] == (decided["status"] == "DITOLAK").sum()
    periods = demo_con.execute("SELECT pekerja_id, tgl_mulai, tgl_akhir FROM kepesertaan").df()
    merged = frame.merge(periods, on="pekerja_id", how="left")
    inside = (merged["tgl_kejadian"] >= merged["tgl_mulai"]) & (merged["tgl_kejadian"] <= merged["tgl_akhir"])
    covered = inside.groupby(merged["no_klaim"]).any()
    outside = set(covered[~covered].index) & set(frame.loc[pd.to_datetime(frame["tgl_pengajuan"])
                                                           <= pd.Timestamp(AS_OF), "no_klaim"])
    assert set(claims.claims_outside_coverage(demo_con, AS_OF)["no_klaim"]) == outside and outside


def test_retention_equals_pandas(demo_con):
    periods = demo_con.execute("SELECT pekerja_id, tgl_mulai, tgl_akhir FROM kepesertaan").df()
    for col in ("tgl_mulai", "tgl_akhir"):
        periods[col] = pd.to_datetime(periods[col])
    first = periods.groupby("pekerja_id")["tgl_mulai"].min().rename("first").reset_index()
    first = first[first["first"] <= pd.Timestamp(AS_OF)]
    first["check"] = first["first"] + pd.DateOffset(months=6)
    joined = first.merge(periods, on="pekerja_id")
    kept = joined[(joined["tgl_mulai"] <= joined["check"]) & (joined["tgl_akhir"] >= joined["check"])]
    first["kept"] = first["pekerja_id"].isin(kept["pekerja_id"])
    first["kohort"] = first["first"].dt.to_period("M").dt.start_time.dt.date
    want = first.groupby("kohort").agg(peserta=("kept", "size"), kept=("kept", "sum"))
    got = coverage.retention(demo_con, AS_OF).set_index("kohort")
    assert got["peserta"].to_dict() == want["peserta"].to_dict()
    ready = got["bertahan_6"].notna()
    assert ready.sum() >= 6
    assert got.loc[ready, "bertahan_6"].astype(int).to_dict() == want.loc[got.index[ready], "kept"].to_dict()


def test_materialised_and_inline_agree_on_every_indicator(demo_db, tmp_path):
    copy = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, copy)
    con = connect(copy)
    try:
        if derived.is_current(con):   # built by a loader that refreshes: drop them to compare
            con.execute("DELETE FROM meta WHERE key = 'turunan_versi'")
        inline = {ind.key: ind.compute(con, as_of=AS_OF) for ind in catalogue.INDICATORS}
        derived.refresh(con)
        assert derived.is_current(con)
        for ind in catalogue.INDICATORS:
            pd.testing.assert_frame_equal(ind.compute(con, as_of=AS_OF), inline[ind.key], obj=ind.key)
    finally:
        con.close()
