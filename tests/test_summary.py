"""summary() on the demo store against independent SQL and pandas written here."""
import datetime as dt

import pandas as pd
import pytest

from sigap_metrics.cli import main
from sigap_metrics.metrics import summary

from .conftest import AS_OF


def _oracle(con, as_of: dt.date) -> dict:
    periods = con.execute("SELECT pekerja_id, tgl_mulai, tgl_akhir FROM kepesertaan").df()
    for col in ("tgl_mulai", "tgl_akhir"):
        periods[col] = pd.to_datetime(periods[col])
    day = pd.Timestamp(as_of)
    month_start = day.replace(day=1)
    next_month = month_start + pd.offsets.MonthBegin(1)
    active = periods[(periods.tgl_mulai <= day) & (periods.tgl_akhir >= day)].pekerja_id.nunique()
    first = periods.groupby("pekerja_id").tgl_mulai.min()
    new = int(((first >= month_start) & (first <= day)).sum())
    # Lapsed: a period ending this month before today, with no later period starting within 30 days.
    ended = periods[(periods.tgl_akhir >= month_start) & (periods.tgl_akhir < day)]
    later = ended.merge(periods, on="pekerja_id", suffixes=("", "_r"))
    renewed = later[(later.tgl_mulai_r > later.tgl_mulai) & (later.tgl_mulai_r <= later.tgl_akhir + pd.Timedelta(days=31))]
    lapsed = len(set(ended.pekerja_id) - set(renewed.pekerja_id))
    phase = con.execute("SELECT nama, tgl_mulai, tgl_akhir, target_peserta, pagu_rp FROM tahap"
                        " WHERE tgl_mulai <= ? AND tgl_akhir >= ?", [as_of, as_of]).df().iloc[0]
    # Worker-months of the phase through as_of's month, counted month by month.
    months = pd.date_range(pd.Timestamp(phase.tgl_mulai).replace(day=1), month_start, freq="MS")
    worker_months = 0
    for m in months:
        lo = max(m, pd.Timestamp(phase.tgl_mulai))
        hi = min(m + pd.offsets.MonthEnd(0), pd.Timestamp(phase.tgl_akhir))
        worker_months += periods[(periods.tgl_mulai <= hi) & (periods.tgl_akhir >= lo)].pekerja_id.nunique()
    paid = con.execute("SELECT count(*), sum(nominal_rp) FROM klaim WHERE status = 'DIBAYAR' AND tgl_bayar <= ?",
                       [as_of]).fetchall()[0]
    return {"active_workers": active, "new_this_month": new, "lapsed_this_month": lapsed, "target": phase.target_peserta,
            "pagu_rp": phase.pagu_rp, "premiums_rp": worker_months * 16_800, "claims_paid": paid[0],
            "benefits_paid_rp": paid[1], "phase": phase.nama}


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2025, 12, 31), dt.date(2026, 1, 20), dt.date(2026, 6, 30)])
def test_summary_matches_independent_computation(demo_con, as_of):
    got = summary(demo_con, as_of)
    want = _oracle(demo_con, as_of)
    for key, value in want.items():
        assert got[key] == value, key
    assert got["attainment_pct"] == round(want["active_workers"] / want["target"] * 100, 2)
    assert got["realisation_pct"] == round(want["premiums_rp"] / want["pagu_rp"] * 100, 2)
    assert got["demo"] is True


def test_summary_outside_any_phase(demo_con):
    got = summary(demo_con, dt.date(2025, 10, 1))
    assert got["phase"] is None and got["target"] is None and got["attainment_pct"] is None
    assert got["active_workers"] == 0


def test_cli_summary_json(demo_db, capsys):
    import json
    assert main(["summary", "--db", str(demo_db), "--as-of", "2026-11-25", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"as_of", "phase", "target", "active_workers", "attainment_pct", "new_this_month",
                            "lapsed_this_month", "claims_paid", "benefits_paid_rp", "premiums_rp", "pagu_rp",
                            "realisation_pct", "demo"}
    assert printed["as_of"] == "2026-11-25" and printed["demo"] is True


def test_cli_summary_text_is_id_formatted(demo_db, capsys):
    assert main(["summary", "--db", str(demo_db), "--as-of", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert "Per tanggal 25 Nov 2026" in out and "Rp2.000.000.000" in out


def test_cli_summary_without_store(tmp_path, capsys):
    assert main(["summary", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no store" in capsys.readouterr().err
