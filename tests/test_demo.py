"""The demo store: deterministic, realistic as documented in demo/assumptions.py, and free of personal data."""
import datetime as dt
import math
import re

import pandas as pd
import pytest

from sigap_metrics.demo import assumptions as A
from sigap_metrics.demo import create_demo_store, generate
from sigap_metrics.store import DATA_TABLES, connect

from .conftest import AS_OF


def _checksums(path) -> dict[str, str]:
    con = connect(path)
    sums = {}
    for table in DATA_TABLES + ("kepesertaan", "import_catatan", "karantina"):
        # Table names come from the schema's own constant; each row rendered as text, sorted, hashed.
        sums[table] = con.execute(
            "SELECT md5(coalesce(string_agg(r, chr(10) ORDER BY r), '')) FROM"
            " (SELECT CAST(t AS VARCHAR) AS r FROM " + table + " AS t)").fetchall()[0][0]
    con.close()
    return sums


def test_same_seed_same_store_different_seed_differs(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGAP_NIK_KEY", "ab" * 32)
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        create_demo_store(tmp_path / f"{name}.duckdb", n_workers=2_000, seed=seed, as_of=AS_OF)
    a, b, c = (_checksums(tmp_path / f"{n}.duckdb") for n in "abc")
    assert a == b
    assert a["pekerja"] != c["pekerja"] and a["kepesertaan"] != c["kepesertaan"] and a["klaim"] != c["klaim"]


def test_demo_refuses_existing_store(demo_db):
    with pytest.raises(ValueError, match="already exists"):
        create_demo_store(demo_db)


def _active(con) -> pd.DataFrame:
    return con.execute(
        "SELECT k.*, p.jenis_kelamin, p.tahun_lahir FROM kepesertaan k JOIN pekerja p USING (pekerja_id)"
        " WHERE k.tgl_mulai <= ? AND k.tgl_akhir >= ?", [AS_OF, AS_OF]).df()


def test_every_kecamatan_kelurahan_and_sector_present(demo_con):
    active = _active(demo_con)
    assert active["kecamatan_kode"].nunique() == 12
    assert active["kelurahan_kode"].nunique() == 56
    assert set(active["sektor"]) == set(A.SECTOR_MIX)


def test_sex_mix_differs_by_sector_as_documented(demo_con):
    active = _active(demo_con)
    shares = active.assign(f=active["jenis_kelamin"] == "P").groupby("sektor")["f"].agg(["mean", "size"])
    for sector, row in shares.iterrows():
        p = A.FEMALE_SHARE[sector]
        if row["size"] >= 200:  # within 4 standard errors of the documented share
            assert abs(row["mean"] - p) < 4 * math.sqrt(p * (1 - p) / row["size"]) + 0.01, sector
    assert shares.loc["PAUD", "mean"] > 0.85 and shares.loc["OJOL", "mean"] < 0.15


def test_age_mix_differs_by_sector_as_documented(demo_con):
    active = _active(demo_con)
    age = AS_OF.year - active["tahun_lahir"]
    mean_age = age.groupby(active["sektor"]).mean()
    # Documented means (at 1 Jan 2026): BECAK 56, OJOL 33; a year later the gap stays ~23 years.
    assert mean_age["BECAK"] - mean_age["OJOL"] > 15
    assert abs(mean_age["OJOL"] - (A.AGE_MEAN_SD["OJOL"][0] + 1)) < 2.5
    assert age.between(A.AGE_MIN, A.AGE_MAX + 2).all()


def test_waste_pickers_concentrate_in_bantargebang(demo_con):
    active = _active(demo_con)
    pemulung = active[active["sektor"] == "PEMULUNG"]
    share_pemulung = (pemulung["kecamatan_kode"] == "32.75.07").mean()
    share_all = (active["kecamatan_kode"] == "32.75.07").mean()
    assert share_pemulung > 3 * share_all


def test_desil_mostly_one_to_five_with_a_few_errors(demo_con):
    desil = _active(demo_con)["desil"]
    outside = (desil > 5).mean()
    assert 0 < outside < 0.06   # documented 3% (6: 2%, 7: 1%)


def test_claims_belong_to_enrolled_workers(demo_con):
    orphans = demo_con.execute(
        "SELECT count(*) FROM klaim c WHERE NOT EXISTS (SELECT 1 FROM kepesertaan k WHERE k.pekerja_id = c.pekerja_id)"
    ).fetchall()[0][0]
    assert orphans == 0
    assert demo_con.execute("SELECT count(DISTINCT no_klaim) = count(*) FROM klaim").fetchall()[0][0]


def test_small_documented_share_of_claims_outside_coverage(demo_con):
    claims = demo_con.execute("SELECT no_klaim, pekerja_id, tgl_kejadian FROM klaim").df()
    periods = demo_con.execute("SELECT pekerja_id, tgl_mulai, tgl_akhir FROM kepesertaan").df()
    merged = claims.merge(periods, on="pekerja_id")
    inside = merged[(merged["tgl_mulai"] <= merged["tgl_kejadian"]) & (merged["tgl_akhir"] >= merged["tgl_kejadian"])]
    outside = set(claims["no_klaim"]) - set(inside["no_klaim"])
    share = len(outside) / len(claims)
    assert len(outside) >= 1
    assert share < 4 * A.OUTSIDE_COVERAGE_SHARE


def test_jkm_deaths_end_coverage(demo_con):
    # After a JKM death no coverage period of that worker starts, and none runs past the death date.
    late = demo_con.execute(
        "SELECT count(*) FROM klaim c JOIN kepesertaan k USING (pekerja_id)"
        " WHERE c.program = 'JKM' AND c.tgl_kejadian >= (SELECT min(tgl_mulai) FROM kepesertaan x"
        "  WHERE x.pekerja_id = c.pekerja_id) AND k.tgl_akhir > c.tgl_kejadian").fetchall()[0][0]
    assert late == 0


def test_no_personal_data_anywhere(demo_con):
    from sigap_metrics.demo import generate
    frames = generate(A.DEFAULT_WORKERS, A.DEFAULT_SEED, AS_OF)   # the same data the fixture loaded, with raw NIKs
    niks = set(frames.peserta["nik"]) | set(frames.usulan["nik"])
    sixteen_digits = re.compile(r"(?<!\d)\d{16}(?!\d)")
    tables = [r[0] for r in demo_con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
    for table in tables:
        frame = demo_con.execute("SELECT * FROM " + table).df()  # names from the catalog itself
        for column in frame.columns:
            text = frame[column].astype(str)
            assert not text.isin(niks).any(), f"{table}.{column} holds a raw NIK"
            if column == "nik_hash":   # 64 hex characters: an HMAC, never the NIK itself
                assert text.str.fullmatch(r"[0-9a-f]{64}").all()
            else:
                assert not text.str.contains(sixteen_digits).any(), f"{table}.{column} holds a 16-digit number"


def test_phases_scale_with_demo_size(tmp_path):
    path = tmp_path / "big.duckdb"
    create_demo_store(path, n_workers=A.DEFAULT_WORKERS * 2, seed=1, as_of=dt.date(2026, 1, 15))
    con = connect(path)
    targets = dict(con.execute("SELECT kode, target_peserta FROM tahap").fetchall())
    assert targets == {"TAHAP1": 2 * 11_666, "TAHAP2026": 2 * 10_000}


@pytest.mark.parametrize("workers,seed,as_of", [(300, 2025, dt.date(2026, 3, 1)), (50, 1, dt.date(2025, 11, 20))])
def test_small_and_early_demos_build(tmp_path, workers, seed, as_of):
    # Regression: with no JKM death yet the generator crashed on an empty death-date lookup.
    from sigap_metrics.metrics import summary
    path = tmp_path / "small.duckdb"
    create_demo_store(path, n_workers=workers, seed=seed, as_of=as_of)
    result = summary(connect(path), as_of)
    assert 0 < result["active_workers"] <= workers


def test_demo_store_has_current_derived_tables(demo_con):
    # Built once after the last demo import (and boundary loads do not make them stale), so the app's
    # metrics read the materialised tables instead of deriving them on every call.
    from sigap_metrics.metrics import derived
    assert derived.is_current(demo_con)


def test_a_demo_built_in_parts_keeps_workers_claims_and_invoices_whole(tmp_path, monkeypatch):
    """Large demos are generated and loaded part by part (bounded memory); parts must not collide or double count."""
    import sys

    parts = sys.modules["sigap_metrics.demo.generate"]
    monkeypatch.setattr(parts, "PART_WORKERS", 1_000)
    monkeypatch.setenv("SIGAP_NIK_KEY", "ab" * 32)
    frames = generate(2_500, 3, AS_OF)
    assert parts.part_sizes(2_500) == [834, 833, 833]
    db = tmp_path / "parts.duckdb"
    loaded = create_demo_store(db, n_workers=2_500, seed=3, as_of=AS_OF)
    assert loaded["peserta"] == len(frames.peserta) and loaded["klaim"] == len(frames.klaim)
    con = connect(db, read_only=True)
    try:
        counts = con.execute("SELECT (SELECT count(*) FROM pekerja), (SELECT count(*) FROM klaim),"
                             " (SELECT count(DISTINCT no_klaim) FROM klaim), (SELECT count(DISTINCT kpj) FROM pekerja),"
                             " (SELECT count(*) FROM import_log WHERE kind = 'peserta')").fetchall()[0]
        assert counts == (frames.peserta["nik"].nunique(), len(frames.klaim), len(frames.klaim),
                          frames.peserta["nik"].nunique(), 3)
        # Each month's invoice counts the workers covered on any day of it, across all parts (plain SQL here).
        covered = dict(con.execute(
            "SELECT p.periode, count(DISTINCT k.pekerja_id) FROM pembayaran AS p JOIN kepesertaan AS k"
            " ON k.tgl_mulai <= last_day(p.periode) AND least(k.tgl_akhir, ?) >= p.periode GROUP BY 1",
            [AS_OF]).fetchall())
        invoices = dict(con.execute("SELECT periode, jumlah_peserta FROM pembayaran").fetchall())
    finally:
        con.close()
    assert invoices and invoices == covered
