"""An outsider's exact-recovery attack on a whole release at once (issue 11, acceptance 2).

Written apart from the suppression code (sigap_metrics.metrics.disclosure / releases.protect): it reads only
the release's open-data CSV files, as anyone downloading them would, and knows what any careful reader knows:
- the same number printed in several tables is one number: the active workers of the headline are the total
  row of the kecamatan, sector and sex tables, the series point on the reference date and the running
  phase's row; a series point and a phase row on the same date are one number; the headline's claims paid,
  families helped (JKM claims) and benefits are the claims table's total, JKM row and benefits total; the
  headline's premiums are the running phase's premiums;
- the parts of each table sum to its total;
- one mark for every hidden cell and zeros are printed, so a hidden count is at least 1; hidden money ≥ 0.
For every hidden number it solves two integer linear programs (scipy.optimize.milp): the smallest and the
largest value consistent with all of that. Equal means recovered. It also checks that no money or ratio of
a hidden group is printed and that a hidden number is nowhere printed under another name.
"""
from __future__ import annotations

import datetime as dt
import shutil

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from sigap_metrics import auth
from sigap_metrics.demo import create_demo_store
from sigap_metrics.releases import list_releases, load_release, prepare, publish_release
from sigap_metrics.releases.open_data import open_data_files
from sigap_metrics.store import connect

from .release_helpers import AREAS, SECTOR_TEXT, outsider_tables, tiny_store

TOTAL = "JUMLAH"
MONTH = "2026-03"                     # tiny stores: covered all 2026, released for March
DEMO_AS_OF = dt.date(2026, 3, 10)     # small demos: four complete months, across the change of phase


class Reading:
    """Everything the outsider can write down about a release."""

    def __init__(self):
        self.shown: dict[str, int] = {}
        self.hidden: set[str] = set()
        self.equalities: list[tuple[str, list[str]]] = []     # (total, parts)
        self.leaks: list[str] = []

    def cell(self, var: str, value: str, mark: str) -> None:
        if mark not in ("", "x"):
            self.leaks.append(f"{var}: mark {mark!r} (one mark for every hidden cell)")
        if mark:
            if value != "":
                self.leaks.append(f"{var}: hidden but printed ({value})")
            self.hidden.add(var)
        elif value != "":
            number = int(float(value))
            if self.shown.setdefault(var, number) != number:
                self.leaks.append(f"{var}: printed as {self.shown[var]} and {number}")

    def settle(self) -> "Reading":
        """A number hidden in one place but printed in another is simply known."""
        both = self.hidden & set(self.shown)
        self.leaks += [f"{var}: hidden in one place, printed in another" for var in sorted(both)]
        self.hidden -= both
        return self

    def merge(self, other: "Reading") -> "Reading":
        """What a reader of both releases knows: all of it at once."""
        for var, value in other.shown.items():
            self.cell(var, str(value), "")
        self.hidden |= other.hidden
        self.equalities += other.equalities
        self.leaks += other.leaks
        return self.settle()

    def ratio(self, name: str, value: str, hidden_source: bool) -> None:
        if hidden_source and value != "":
            self.leaks.append(f"{name}: ratio printed ({value}) for a hidden number")


def read_release(files: dict[str, bytes]) -> Reading:
    tables = outsider_tables(files)
    r = Reading()
    head = tables["ringkasan"].set_index("indikator")
    ref = head["per_tanggal"].iloc[0]
    phases = tables["tahap"]
    running = phases.loc[phases["tanggal"] == ref, "kode"]
    at = f"@{ref}"        # numbers of one reference date; active workers on a date are the same in every release
    for key, var in {"active_workers": f"active@{ref}", "claims_paid": "claims:JUMLAH" + at,
                     "families_helped": "claims:JKM" + at, "benefits_paid_rp": "rp:JUMLAH" + at, "ever_enrolled": "ever" + at,
                     "training_sessions": "sessions" + at, "training_participants": "trainees" + at,
                     "premiums_rp": f"premium:{running.iloc[0]}{at}" if len(running) else "premium:none"}.items():
        if key in head.index and (head.at[key, "nilai"] != "" or head.at[key, "tanda"] != ""):
            r.cell(var, head.at[key, "nilai"], head.at[key, "tanda"])
    for name in ("kecamatan", "sektor", "jenis_kelamin"):
        frame = tables[name]
        parts = []
        for _, row in frame.iterrows():
            var = f"active@{ref}" if row["kode"] == TOTAL else f"{name}:{row['kode']}{at}"
            r.cell(var, row["pekerja_aktif"], row["pekerja_aktif_tanda"])
            if row["kode"] != TOTAL:
                parts.append(var)
            if name == "kecamatan":
                r.ratio(f"per_1000:{row['kode']}", row["per_1000_penduduk"], row["pekerja_aktif_tanda"] != "")
        r.equalities.append((f"active@{ref}", parts))
    for _, row in tables["perkembangan"].iterrows():
        r.cell(f"active@{row['tanggal']}", row["pekerja_aktif"], row["pekerja_aktif_tanda"])
    for _, row in phases.iterrows():
        r.cell(f"active@{row['tanggal']}", row["pekerja_aktif"], row["pekerja_aktif_tanda"])
        r.cell(f"premium:{row['kode']}{at}", row["iuran_rp"], row["iuran_rp_tanda"])
        r.ratio(f"attainment:{row['kode']}", row["capaian_pct"], row["pekerja_aktif_tanda"] != "")
        r.ratio(f"realisation:{row['kode']}", row["realisasi_pct"], row["iuran_rp_tanda"] != "")
        if row["pekerja_aktif_tanda"] and not row["iuran_rp_tanda"]:
            r.leaks.append(f"premium:{row['kode']}: printed for a hidden worker count")
    claims, benefits = [], []
    for _, row in tables["klaim"].iterrows():
        r.cell(f"claims:{row['program']}{at}", row["klaim_dibayar"], row["klaim_dibayar_tanda"])
        r.cell(f"rp:{row['program']}{at}", row["manfaat_rp"], row["manfaat_rp_tanda"])
        if row["klaim_dibayar_tanda"] and not row["manfaat_rp_tanda"]:
            r.leaks.append(f"rp:{row['program']}: benefits printed for a hidden claim count")
        if row["program"] != TOTAL:
            claims.append(f"claims:{row['program']}{at}")
            benefits.append(f"rp:{row['program']}{at}")
    r.equalities += [("claims:JUMLAH" + at, claims), ("rp:JUMLAH" + at, benefits)]
    for key, source in (("attainment_pct", f"active@{ref}"), ("benefit_premium_ratio", "rp:JUMLAH" + at),
                        ("realisation_pct", f"premium:{running.iloc[0]}{at}" if len(running) else "")):
        if key in head.index:
            r.ratio(key, head.at[key, "nilai"], source in r.hidden)
    return r.settle()


def recovered(r: Reading) -> dict[str, int]:
    """Hidden numbers whose smallest and largest consistent values are equal."""
    unknown = sorted(r.hidden)
    if not unknown:
        return {}
    at = {var: i for i, var in enumerate(unknown)}
    rows, rhs = [], []
    for total, parts in r.equalities:
        row, constant = np.zeros(len(unknown)), 0.0
        for var, sign in [(total, -1.0)] + [(p, 1.0) for p in parts]:
            if var in at:
                row[at[var]] += sign
            else:
                constant += sign * r.shown[var]
        if row.any():
            rows.append(row)
            rhs.append(-constant)
    constraints = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    low = [0 if var.startswith(("rp:", "premium:")) else 1 for var in unknown]
    bounds = Bounds(low, [np.inf] * len(unknown))
    found = {}
    for var, i in at.items():
        c = np.zeros(len(unknown))
        c[i] = 1
        smallest = milp(c, constraints=constraints, bounds=bounds, integrality=np.ones(len(unknown)))
        assert smallest.status == 0, (var, smallest.message)       # the true values are a solution
        largest = milp(-c, constraints=constraints, bounds=bounds, integrality=np.ones(len(unknown)))
        if largest.status == 0 and round(-largest.fun) == round(smallest.fun):
            found[var] = round(smallest.fun)
    return found


def assert_safe(files: dict[str, bytes]) -> Reading:
    reading = read_release(files)
    assert reading.leaks == []
    assert recovered(reading) == {}
    return reading


def release_files(db, month: str = MONTH) -> dict[str, bytes]:
    con = connect(db)
    try:
        prepare(con, month, by="test")
        if auth.role_of(con, "kepala") != "pimpinan":
            auth.add_user(con, "kepala", "pimpinan", "kata-sandi-kepala-2026")
        publish_release(con, month, by="kepala")
        return open_data_files(load_release(con, month))
    finally:
        con.close()


def workers(spec: list[tuple[str, str, str]]) -> list[tuple]:
    return [(sex, area, sector, "2026-01-01", "2026-12-31") for sex, area, sector in spec]


# --- the attacker works -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ten_men_one_woman(tmp_path_factory):
    db = tiny_store(tmp_path_factory.mktemp("m10w1") / "s.duckdb",
                    workers([("L", "08", "OJOL")] * 6 + [("L", "02", "PKL")] * 4 + [("P", "02", "PKL")]))
    return release_files(db)


def test_the_attack_recovers_a_cell_that_per_table_suppression_leaves_open(ten_men_one_woman):
    """Not vacuous: print the men (10, per-table suppression would: 10 is not small) beside the hidden
    woman and the shared total 11 of the other tables, and the attack gives the woman away."""
    tables = outsider_tables(ten_men_one_woman)
    sex = tables["jenis_kelamin"].set_index("kode")
    assert sex.at["P", "pekerja_aktif_tanda"] == "x"
    naive = sex.copy()
    naive.loc["L", ["pekerja_aktif", "pekerja_aktif_tanda"]] = ["10", ""]
    files = dict(ten_men_one_woman)
    files["jenis_kelamin.csv"] = naive.reset_index().to_csv(index=False).encode()
    reading = read_release(files)
    assert reading.shown["active@2026-03-31"] == 11
    assert recovered(reading)["jenis_kelamin:P@2026-03-31"] == 1


def test_the_attack_sees_money_of_a_hidden_group():
    r = Reading()
    r.cell("claims:JKM", "", "x")  # one release's claims table, names without a date
    r.cell("rp:JKM", "", "x")
    r.cell("rp:JKK", "84000", "")
    r.cell("rp:JUMLAH", "126084000", "")
    r.equalities.append(("rp:JUMLAH", ["rp:JKK", "rp:JKM"]))
    assert recovered(r) == {"rp:JKM": 126000000}


# --- the releases resist it -------------------------------------------------------------------------------

def test_ten_men_and_one_woman(ten_men_one_woman):
    reading = assert_safe(ten_men_one_woman)
    assert reading.shown["active@2026-03-31"] == 11            # the total is printed: the protection is real
    assert {"jenis_kelamin:P@2026-03-31", "jenis_kelamin:L@2026-03-31"} <= reading.hidden


def test_a_five_worker_store(tmp_path):
    db = tiny_store(tmp_path / "s.duckdb", workers([("L", "01", "OJOL"), ("P", "01", "OJOL"), ("P", "03", "PKL"),
                                                   ("L", "04", "KULI"), ("L", "04", "KULI")]))
    reading = assert_safe(release_files(db))
    assert "active@2026-03-31" in reading.hidden and not any(v for k, v in reading.shown.items()
                                                                if k.startswith("active@") and 0 < v < 10)


@pytest.fixture(scope="module", params=[(n, seed) for n in (60, 90, 120) for seed in (1, 2, 3)],
                ids=lambda p: f"{p[0]}w-seed{p[1]}")
def small_demo(request, tmp_path_factory):
    n, seed = request.param
    db = tmp_path_factory.mktemp(f"demo{n}_{seed}") / "s.duckdb"
    create_demo_store(db, n_workers=n, seed=seed, as_of=DEMO_AS_OF)
    return db


def test_every_release_of_a_small_demo(small_demo):
    con = connect(small_demo, read_only=True)
    try:
        infos = list_releases(con)
        assert [i.month for i in infos] == ["2026-02", "2026-01", "2025-12", "2025-11"]
        everything = Reading()
        for info in infos:
            reading = assert_safe(open_data_files(load_release(con, info.month)))
            everything.merge(reading)
        assert everything.hidden, "a small demo has small groups: the check is not vacuous"
        assert everything.leaks == []                 # every release read together: no number both hidden and shown
        assert recovered(everything) == {}            # and nothing recovered from all of them at once
    finally:
        con.close()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from("LP"), st.sampled_from(sorted(AREAS)), st.sampled_from(sorted(SECTOR_TEXT))),
                min_size=1, max_size=30))
def test_property_small_stores(tmp_path_factory, spec):
    folder = tmp_path_factory.mktemp("h")
    db = tiny_store(folder / "s.duckdb", workers(spec))
    reading = assert_safe(release_files(db))
    assert reading.shown.get("active@2026-03-31", len(spec)) == len(spec)
    shutil.rmtree(folder, ignore_errors=True)
