"""Benchmark of the metrics library (DESIGN §8): for every indicator, on demo stores of 10k, 100k and 1M
workers, the median time of the library (DuckDB) beside a plain-pandas implementation of the same number on
the same data (tables loaded into pandas once, not timed), whether the two agree, and the peak memory of
each. Writes bench/results/metrics.md. Targets at 1M workers: each indicator < 250 ms, the overview's set
< 1 s.

    python -m bench metrics [--sizes 10000,100000,1000000] [--runs 7] [--pandas-runs 3]

Demo stores are cached in $SIGAP_BENCH_DIR (default /tmp/sigap_bench), built on first use with
`create_demo_store` (as of 25 Nov 2026). Peak memory is the largest rise of the process's resident set
(sampled every millisecond) above what it was when the call started, so it counts DuckDB's native memory
and pandas' alike; memory already held (DuckDB's cached blocks, the loaded frames) is not counted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import duckdb
import numpy as np
import pandas as pd

from sigap_metrics import catalogue
from sigap_metrics.demo import create_demo_store
from sigap_metrics.metrics import (brief, budget, claims, coverage, derived, forecast, quality, selection, summary,
                                   training)
from sigap_metrics.metrics.breakdown import crosstab
from sigap_metrics.metrics.filters import add_months, month_end
from sigap_metrics.store import connect

AS_OF = dt.date(2026, 11, 25)
SIZES = (10_000, 100_000, 1_000_000)
TARGET_MS, OVERVIEW_TARGET_MS = 250.0, 1000.0
RESULTS = Path(__file__).resolve().parent / "results" / "metrics.md"
YEAR = (dt.date(2026, 1, 1), AS_OF)


def cache_dir() -> Path:
    return Path(os.environ.get("SIGAP_BENCH_DIR", "/tmp/sigap_bench"))


# ---------------------------------------------------------------- measuring

class PeakRSS:
    """Largest rise of this process's resident memory during the `with` block, in bytes."""
    _PAGE = os.sysconf("SC_PAGE_SIZE")

    @classmethod
    def rss(cls) -> int:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * cls._PAGE

    def __enter__(self):
        self.start = self.peak = self.rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(0.001)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())
        self.rise = max(0, self.peak - self.start)


def measure(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """(median ms, peak memory rise in MB over the runs, last result), after one untimed warm-up run."""
    result = fn()
    times, peaks = [], []
    for _ in range(runs):
        with PeakRSS() as peak:
            started = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - started) * 1000)
        peaks.append(peak.rise / 2**20)
    return statistics.median(times), max(peaks), result


def same(a, b, rel: float = 1e-9) -> bool:
    """Equal, recursively; floats to a relative tolerance; NaN/None/NA equal each other."""
    missing = [x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) for x in (a, b)]
    if any(missing):
        return all(missing)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k], rel) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y, rel) for x, y in zip(a, b))
    if isinstance(a, (int, float, np.integer, np.floating)) and isinstance(b, (int, float, np.integer, np.floating)):
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=1e-9)
    return a == b


# ---------------------------------------------------------------- the data in pandas

@dataclass
class Frames:
    k: pd.DataFrame      # kepesertaan
    p: pd.DataFrame      # pekerja
    u: pd.DataFrame      # usulan
    c: pd.DataFrame      # klaim
    s: pd.DataFrame      # pelatihan
    pp: pd.DataFrame     # pelatihan_peserta
    pay: pd.DataFrame    # pembayaran
    phases: pd.DataFrame
    rates: pd.DataFrame
    kec: pd.DataFrame
    log: pd.DataFrame    # import_log
    areas: pd.DataFrame  # import_wilayah (rows per import and kecamatan)

    @classmethod
    def load(cls, con) -> "Frames":
        def table(name: str, *dates: str) -> pd.DataFrame:
            frame = con.execute("SELECT * FROM " + name).df()
            for column in dates:
                frame[column] = pd.to_datetime(frame[column])
            return frame
        return cls(table("kepesertaan", "tgl_mulai", "tgl_akhir"), table("pekerja"), table("usulan", "tgl_usulan"),
                   table("klaim", "tgl_kejadian", "tgl_pengajuan", "tgl_bayar"), table("pelatihan", "tgl_mulai", "tgl_selesai"),
                   table("pelatihan_peserta"), table("pembayaran", "periode", "tgl_bayar"),
                   table("tahap", "tgl_mulai", "tgl_akhir"), table("tarif_iuran", "berlaku_mulai"), table("kecamatan"),
                   table("import_log"), table("import_wilayah"))


def T(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def owners(F: Frames, day: dt.date) -> pd.DataFrame:
    """Each worker covered on `day` once, with their earliest-starting covering period."""
    k = F.k
    covering = k[(k["tgl_mulai"] <= T(day)) & (k["tgl_akhir"] >= T(day))]
    return covering.loc[covering.groupby("pekerja_id")["tgl_mulai"].idxmin()]


def rate_on(F: Frames, day) -> int:
    rates = F.rates[F.rates["berlaku_mulai"] <= T(day)]
    return int(rates["jkk_rp"].iloc[-1] + rates["jkm_rp"].iloc[-1]) if len(rates) else 0


def worker_months(F: Frames, start: dt.date, end: dt.date) -> dict:
    """Month → distinct workers covered on a day of [start, end] in that month."""
    out, month = {}, start.replace(day=1)
    k = F.k
    while month <= end:
        lo, hi = T(max(month, start)), T(min(month_end(month), end))
        out[month] = int(k.loc[(k["tgl_mulai"] <= hi) & (k["tgl_akhir"] >= lo), "pekerja_id"].nunique())
        month = add_months(month, 1)
    return out


def premiums(F: Frames, start: dt.date, end: dt.date) -> int:
    return sum(n * rate_on(F, m) for m, n in worker_months(F, start, end).items())


def first_starts(F: Frames) -> pd.Series:
    return F.k.groupby("pekerja_id")["tgl_mulai"].min()


def lapsed(F: Frames, start: dt.date, end: dt.date, as_of: dt.date) -> int:
    k = F.k
    ended = k[(k["tgl_akhir"] >= T(start)) & (k["tgl_akhir"] <= T(end)) & (k["tgl_akhir"] < T(as_of))]
    pairs = ended[["pekerja_id", "tgl_mulai", "tgl_akhir"]].merge(k[["pekerja_id", "tgl_mulai", "tgl_akhir"]],
                                                                  on="pekerja_id", suffixes=("", "_r"))
    carried = pairs[(pairs["tgl_mulai_r"] != pairs["tgl_mulai"])
                    & (pairs["tgl_mulai_r"] <= pairs["tgl_akhir"] + pd.Timedelta(days=31))
                    & (pairs["tgl_akhir_r"] > pairs["tgl_akhir"])]
    keep = ended.merge(carried[["pekerja_id", "tgl_mulai"]].drop_duplicates(), how="left", indicator=True)
    return int(keep.loc[keep["_merge"] == "left_only", "pekerja_id"].nunique())


def paid_claims(F: Frames, start, end) -> pd.DataFrame:
    c = F.c
    return c[(c["status"] == "DIBAYAR") & (c["tgl_bayar"] >= T(start)) & (c["tgl_bayar"] <= T(end))]


def outside_claims(F: Frames, day: dt.date) -> set:
    c = F.c[(F.c["tgl_pengajuan"] <= T(day)) & F.c["tgl_kejadian"].notna()]
    merged = c[["no_klaim", "pekerja_id", "tgl_kejadian"]].merge(F.k[["pekerja_id", "tgl_mulai", "tgl_akhir"]],
                                                                 on="pekerja_id", how="left")
    inside = (merged["tgl_kejadian"] >= merged["tgl_mulai"]) & (merged["tgl_kejadian"] <= merged["tgl_akhir"])
    covered = inside.groupby(merged["no_klaim"]).any()
    return set(covered[~covered].index)


def series(F: Frames, start: dt.date, end: dt.date) -> list[int]:
    k = F.k
    days = coverage.sample_dates(start, end, "week")
    return [int(k.loc[(k["tgl_mulai"] <= T(d)) & (k["tgl_akhir"] >= T(d)), "pekerja_id"].nunique()) for d in days]


def phase_at(F: Frames, day: dt.date):
    match = F.phases[(F.phases["tgl_mulai"] <= T(day)) & (F.phases["tgl_akhir"] >= T(day))]
    return match.sort_values("tgl_mulai").iloc[-1] if len(match) else None


def funnel(F: Frames, day: dt.date) -> tuple:
    u = F.u[F.u["tgl_usulan"] <= T(day)]
    people = u.assign(lolos=u["status_verifikasi"] == "LOLOS").groupby("nik_hash")["lolos"].any()
    started = F.k.loc[F.k["tgl_mulai"] <= T(day), "pekerja_id"]
    registered = F.p.loc[F.p["pekerja_id"].isin(started), "nik_hash"]
    active = F.p.loc[F.p["pekerja_id"].isin(owners(F, day)["pekerja_id"]), "nik_hash"]
    verified = people[people]
    return (len(people), len(verified), int(verified.index.isin(registered).sum()),
            int(verified.index.isin(active).sum()))


def summary_pandas(F: Frames, day: dt.date) -> dict:
    phase = phase_at(F, day)
    first = first_starts(F)
    active = len(owners(F, day))
    paid = paid_claims(F, dt.date(1900, 1, 1), day)
    through = min(phase["tgl_akhir"].date(), month_end(day))
    prem = premiums(F, phase["tgl_mulai"].date(), through)
    return {"active_workers": active, "target": int(phase["target_peserta"]),
            "new_this_month": int(((first >= T(day.replace(day=1))) & (first <= T(day))).sum()),
            "lapsed_this_month": lapsed(F, day.replace(day=1), month_end(day), day),
            "claims_paid": len(paid), "benefits_paid_rp": int(paid["nominal_rp"].sum()), "premiums_rp": prem,
            "pagu_rp": int(phase["pagu_rp"])}


def forecast_pandas(F: Frames, day: dt.date) -> dict:
    start = max(day - dt.timedelta(days=56), F.k["tgl_mulai"].min().date())
    days = coverage.sample_dates(start, day, "week")
    values = series(F, start, day)
    t = np.array([(d - day).days for d in days], dtype=float)
    slope, intercept = np.polyfit(t, np.array(values, dtype=float), 1)
    phase = phase_at(F, day)
    target = int(phase["target_peserta"])
    reach = None
    if values[-1] < target and slope > 0:
        reach = day + dt.timedelta(days=max(1, math.ceil((target - intercept) / slope - 1e-9)))
    left = (phase["tgl_akhir"].date() - day).days
    return {"reach_date": reach, "pace_per_week": slope * 7,
            "needed_per_week": max(0, target - values[-1]) / (left / 7)}


def _lib_summary(con) -> dict:
    result = summary(con, AS_OF)
    return {k: result[k] for k in ("active_workers", "target", "new_this_month", "lapsed_this_month", "claims_paid",
                                   "benefits_paid_rp", "premiums_rp", "pagu_rp")}


def _lib_forecast(con) -> dict:
    result = forecast.forecast(con, AS_OF)
    return {"reach_date": result.reach_date, "pace_per_week": result.pace_per_week,
            "needed_per_week": result.needed_per_week}


def _mom_pandas(F: Frames) -> dict:
    before = brief.comparison_date(AS_OF)
    out = {}
    for label, day in (("nilai", AS_OF), ("pembanding", before)):
        first = day.replace(day=1)
        starts = first_starts(F)
        paid = paid_claims(F, first, day)
        out[label] = [len(owners(F, day)), int(((starts >= T(first)) & (starts <= T(day))).sum()),
                      lapsed(F, first, day, day), len(paid), int(paid["nominal_rp"].sum()), premiums(F, first, day)]
    return out


def _training_pandas(F: Frames, start: dt.date, end: dt.date) -> tuple:
    sessions = F.s[(F.s["tgl_mulai"] >= T(start)) & (F.s["tgl_mulai"] <= T(end))]
    rows = F.pp[F.pp["kode_pelatihan"].isin(sessions["kode"])]
    passed, failed = int((rows["status"] == "LULUS").sum()), int((rows["status"] == "TIDAK LULUS").sum())
    return (int(rows["kode_pelatihan"].nunique()), len(rows), passed, round(passed / (passed + failed) * 100, 2))


def _trained_pandas(F: Frames, day: dt.date) -> tuple:
    active = owners(F, day)
    done = F.s.loc[F.s["tgl_selesai"] <= T(day), "kode"]
    passed = F.pp[(F.pp["status"] == "LULUS") & F.pp["kode_pelatihan"].isin(done)]
    ids = F.p.loc[F.p["nik_hash"].isin(passed["nik_hash"]), "pekerja_id"]
    return len(active), int(active["pekerja_id"].isin(ids).sum())


def _retention_pandas(F: Frames, day: dt.date) -> dict:
    first = first_starts(F).rename("first").reset_index()
    first = first[first["first"] <= T(day)]
    first["check"] = first["first"] + pd.DateOffset(months=6)
    joined = first.merge(F.k[["pekerja_id", "tgl_mulai", "tgl_akhir"]], on="pekerja_id")
    kept = joined.loc[(joined["tgl_mulai"] <= joined["check"]) & (joined["tgl_akhir"] >= joined["check"]),
                      "pekerja_id"]
    first["kohort"] = first["first"].dt.to_period("M").dt.start_time.dt.date
    first["kept"] = first["pekerja_id"].isin(kept)
    out = {}
    for cohort, group in first.groupby("kohort"):
        ready = add_months(month_end(cohort), 6) <= day
        out[cohort] = (len(group), int(group["kept"].sum()) if ready else None)
    return out


def _quality_imports_pandas(F: Frames) -> dict:
    log = F.log[F.log["status"] == "ok"]
    return {i: (r / n if n else 0.0) for i, r, n in zip(log["import_id"], log["rejected"], log["rows_read"])}


def _quality_fields_pandas(F: Frames) -> dict:
    records = F.k.merge(F.p[["pekerja_id", "kpj"]], on="pekerja_id")
    records = records[records["kecamatan_kode"].notna()]
    filled = records.groupby("kecamatan_kode")[["kelurahan_kode", "desil", "sumber_usulan", "iuran_rp", "kpj"]].count()
    size = records.groupby("kecamatan_kode").size()
    return {(kec, col): filled.loc[kec, col] / size[kec] for kec in filled.index for col in filled.columns}


def _quality_areas_pandas(F: Frames) -> dict:
    peserta = F.log.loc[(F.log["status"] == "ok") & (F.log["kind"] == "peserta"), "import_id"]
    areas = F.areas[F.areas["import_id"].isin(peserta)].groupby("kecamatan_kode", dropna=False)[
        ["rows_read", "rejected"]].sum()
    return {(None if pd.isna(k) else k): r / n for k, (n, r) in areas.iterrows() if n}


def _age_band(age: pd.Series) -> pd.Series:
    return pd.cut(age, [-1000, 24, 34, 44, 54, 1000], labels=["18-24", "25-34", "35-44", "45-54", "55+"]).astype(str)


@dataclass
class Case:
    name: str
    keys: tuple[str, ...]                    # catalogue indicators it measures
    lib: Callable[[duckdb.DuckDBPyConnection], Any]
    pandas: Callable[[Frames], Any]


def _rows(frame: pd.DataFrame, key: str, value: str) -> dict:
    return {(None if pd.isna(k) else k): (None if pd.isna(v) else float(v)) for k, v in zip(frame[key], frame[value])}


def cases() -> list[Case]:
    d, m1, me = AS_OF, AS_OF.replace(day=1), month_end(AS_OF)
    phase_2026 = (dt.date(2026, 1, 1), dt.date(2026, 11, 30))
    return [
        Case("active workers", ("active_workers",), lambda con: coverage.active_count(con, d),
             lambda F: len(owners(F, d))),
        Case("active by kecamatan", ("active_workers",),
             lambda con: _rows(coverage.active_workers(con, d, by="kecamatan"), "kecamatan", "aktif"),
             lambda F: {k: float(v) for k, v in owners(F, d).groupby("kecamatan_kode").size().items()}),
        Case("active by age band", ("active_workers",),
             lambda con: _rows(coverage.active_workers(con, d, by="kelompok_umur"), "kelompok_umur", "aktif"),
             lambda F: {k: float(v) for k, v in _age_band(2026 - owners(F, d).merge(F.p, on="pekerja_id")[
                 "tahun_lahir"].astype(int)).value_counts().items()}),
        Case("attainment per phase", ("target", "attainment_pct"),
             lambda con: coverage.attainment(con, d)[["aktif", "target_peserta"]].values.tolist(),
             lambda F: [[len(owners(F, min(r.tgl_akhir.date(), d))), r.target_peserta]
                        for r in F.phases.sort_values("tgl_mulai").itertuples() if r.tgl_mulai <= T(d)]),
        Case("trajectory (weekly, from start)", ("active_series",),
             lambda con: coverage.active_series(con, dt.date(2025, 11, 5), d, "week")["aktif"].tolist(),
             lambda F: series(F, dt.date(2025, 11, 5), d)),
        Case("new this month", ("new_workers",), lambda con: int(coverage.new_workers(con, m1, d)["baru"].iloc[0]),
             lambda F: int(((first_starts(F) >= T(m1)) & (first_starts(F) <= T(d))).sum())),
        Case("lapsed this month", ("lapsed_workers",),
             lambda con: int(coverage.lapsed_workers(con, m1, me, d)["berhenti"].iloc[0]), lambda F: lapsed(F, m1, me, d)),
        Case("lapsed Dec 2025 (phase-1 end)", ("lapsed_workers",),
             lambda con: int(coverage.lapsed_workers(con, dt.date(2025, 12, 1), dt.date(2025, 12, 31), d)[
                 "berhenti"].iloc[0]), lambda F: lapsed(F, dt.date(2025, 12, 1), dt.date(2025, 12, 31), d)),
        Case("ever enrolled", ("ever_enrolled",),
             lambda con: int(coverage.ever_enrolled(con, d)["pernah_terdaftar"].iloc[0]),
             lambda F: int(F.k.loc[F.k["tgl_mulai"] <= T(d), "pekerja_id"].nunique())),
        Case("retention by cohort", ("retention_6_pct", "retention_12_pct"),
             lambda con: {r.kohort: (r.peserta, None if pd.isna(r.bertahan_6) else int(r.bertahan_6))
                          for r in coverage.retention(con, d).itertuples()},
             lambda F: _retention_pandas(F, d)),
        Case("per 1.000 residents (kecamatan)", ("density_per_1000", "allocation_attainment_pct"),
             lambda con: _rows(coverage.area_coverage(con, d), "kode", "aktif"),
             lambda F: (lambda counts: {k: float(counts.get(k, 0)) for k in F.kec["kode"]})(
                 owners(F, d).groupby("kecamatan_kode").size())),
        Case("selection funnel", ("selection_funnel",), lambda con: tuple(selection.funnel(con, d)["jumlah"]),
             lambda F: funnel(F, d)),
        Case("targeting by desil", ("desil_1_3_pct", "outside_desil_1_5"),
             lambda con: tuple(selection.targeting(con, d).iloc[0][["desil_1_3", "desil_4_5", "di_luar_desil_1_5",
                                                                    "desil_kosong"]].astype(int)),
             lambda F: (lambda o: (int(o["desil"].between(1, 3).sum()), int(o["desil"].between(4, 5).sum()),
                                   int((o["desil"].notna() & ~o["desil"].between(1, 5)).sum()),
                                   int(o["desil"].isna().sum())))(owners(F, d))),
        Case("sector × kecamatan", ("sector_kecamatan",),
             lambda con: {(r.sektor, r.kecamatan): r.aktif for r in crosstab(con, d).itertuples() if r.aktif},
             lambda F: {k: int(v) for k, v in owners(F, d).groupby(["sektor", "kecamatan_kode"]).size().items()}),
        Case("claims by programme × status", ("claims_by_status",),
             lambda con: {(r.program, r.status): (r.klaim, r.nominal_rp)
                          for r in claims.claims_by_status(con, dt.date(2000, 1, 1), d).itertuples()},
             lambda F: {k: (int(v["no_klaim"]), int(v["nominal_rp"])) for k, v in F.c[F.c["tgl_pengajuan"] <= T(d)]
                        .groupby(["program", "status"]).agg({"no_klaim": "size", "nominal_rp": "sum"}).iterrows()}),
        Case("claims paid, benefits", ("claims_paid", "benefits_paid_rp"),
             lambda con: tuple(claims.benefits_paid(con, dt.date(2000, 1, 1), d).iloc[0]),
             lambda F: (lambda p: (len(p), int(p["nominal_rp"].sum())))(paid_claims(F, dt.date(2000, 1, 1), d))),
        Case("median days filing→payment", ("payment_days_median",),
             lambda con: float(claims.payment_days(con, dt.date(2000, 1, 1), d)["median_hari"].iloc[0]),
             lambda F: float((lambda p: (p["tgl_bayar"] - p["tgl_pengajuan"]).dt.days.median())(
                 paid_claims(F, dt.date(2000, 1, 1), d)))),
        Case("rejection rate", ("rejection_pct",),
             lambda con: tuple(claims.rejection_rate(con, dt.date(2000, 1, 1), d).iloc[0][["diputus", "ditolak"]]),
             lambda F: (lambda c: (int(c["status"].isin(["DIBAYAR", "DITOLAK"]).sum()),
                                   int((c["status"] == "DITOLAK").sum())))(F.c[F.c["tgl_pengajuan"] <= T(d)])),
        Case("claims outside coverage", ("claims_outside_coverage", "claims_outside_coverage_days"),
             lambda con: set(claims.claims_outside_coverage(con, d)["no_klaim"]), lambda F: outside_claims(F, d)),
        Case("worker-months × rate by month (2026)", ("worker_months", "premiums_rp"),
             lambda con: {r.bulan: r.iuran_rp for r in budget.premiums_by_month(con, *phase_2026).itertuples()},
             lambda F: {m: n * rate_on(F, m) for m, n in worker_months(F, *phase_2026).items()}),
        Case("premiums by sector (2026)", ("premiums_rp",),
             lambda con: budget.premiums_by_month(con, *phase_2026, by="sektor").groupby("sektor")["iuran_rp"].sum()
             .to_dict(), lambda F: _premiums_by_sector(F, *phase_2026)),
        Case("realisation per phase", ("pagu_rp", "realisation_pct"),
             lambda con: budget.realisation(con, d)["iuran_rp"].tolist(),
             lambda F: [premiums(F, r.tgl_mulai.date(), min(r.tgl_akhir.date(), me))
                        for r in F.phases.sort_values("tgl_mulai").itertuples() if r.tgl_mulai <= T(d)]),
        Case("cost per worker-month (2026)", ("cost_per_worker_month",),
             lambda con: float(budget.cost_per_worker_month(con, *YEAR)["biaya_per_pekerja_bulan_rp"].iloc[0]),
             lambda F: premiums(F, *YEAR) / sum(worker_months(F, *YEAR).values())),
        Case("projection to year end", ("year_end_projection_rp",),
             lambda con: int(budget.year_end_projection(con, d)["proyeksi_total_rp"].iloc[0]),
             lambda F: premiums(F, dt.date(2026, 1, 1), me) + worker_months(F, m1, me)[m1] * rate_on(F, dt.date(2026, 12, 1))),
        Case("benefit-to-premium ratio (2026)", ("benefit_premium_ratio",),
             lambda con: float(budget.benefit_premium_ratio(con, *YEAR)["rasio"].iloc[0]),
             lambda F: int(paid_claims(F, *YEAR)["nominal_rp"].sum()) / premiums(F, *YEAR)),
        Case("forecast", ("reach_date", "pace_needed_per_week", "pace_per_week"), _lib_forecast,
             lambda F: forecast_pandas(F, d)),
        Case("month over month", ("month_over_month",),
             lambda con: {c: brief.month_over_month(con, d)[c].tolist() for c in ("nilai", "pembanding")}, _mom_pandas),
        Case("training (2026)", ("training_sessions", "training_participants", "training_completion_pct"),
             lambda con: tuple(training.training(con, *YEAR).iloc[0][["sesi", "peserta", "lulus", "kelulusan_pct"]]),
             lambda F: _training_pandas(F, *YEAR)),
        Case("active workers trained", ("trained_share_pct",),
             lambda con: tuple(training.trained_share(con, d).iloc[0][["aktif", "terlatih"]].astype(int)),
             lambda F: _trained_pandas(F, d)),
        Case("data quality per import", ("import_rejected_share", "import_duplicate_rate", "import_completeness"),
             lambda con: dict(zip(*(lambda q: (q["import_id"], q["rejected_share"]))(quality.import_scores(con)))),
             _quality_imports_pandas),
        Case("completeness per field × kecamatan", ("field_completeness",),
             lambda con: {(r.kecamatan_kode, r.kolom): r.share for r in quality.stored_completeness(con).itertuples()},
             _quality_fields_pandas),
        Case("rejected share per kecamatan", ("kecamatan_rejected_share",),
             lambda con: {r.kecamatan_kode: r.rejected_share for r in quality.kecamatan_scores(con).itertuples()
                          if r.rows_read}, _quality_areas_pandas),
        Case("summary (headline cards)", (), _lib_summary, lambda F: summary_pandas(F, d)),
    ]


def _premiums_by_sector(F: Frames, start: dt.date, end: dt.date) -> dict:
    out: dict = {}
    month = start.replace(day=1)
    k = F.k
    while month <= end:
        lo, hi = T(max(month, start)), T(min(month_end(month), end))
        touching = k[(k["tgl_mulai"] <= hi) & (k["tgl_akhir"] >= lo)]
        first = touching.loc[touching.groupby("pekerja_id")["tgl_mulai"].idxmin()]
        for sector, n in first.groupby("sektor").size().items():
            out[sector] = out.get(sector, 0) + int(n) * rate_on(F, month)
        month = add_months(month, 1)
    return out


def overview(con) -> tuple:
    """What the overview page computes: headline cards, trajectory, forecast, funnel, the month-over-month
    comparison and the brief written from the cards and the comparison."""
    head, comparison = summary(con, AS_OF), brief.month_over_month(con, AS_OF)
    return (head, coverage.active_series(con, dt.date(2025, 11, 5), AS_OF, "week"), forecast.forecast(con, AS_OF),
            selection.funnel(con, AS_OF), brief.brief(con, AS_OF, head=head, comparison=comparison))


def overview_pandas(F: Frames) -> tuple:
    return (summary_pandas(F, AS_OF), series(F, dt.date(2025, 11, 5), AS_OF), forecast_pandas(F, AS_OF),
            funnel(F, AS_OF), _mom_pandas(F))


# ---------------------------------------------------------------- running

def demo_store(n: int) -> tuple[Path, float | None]:
    """The cached demo store of n workers (built if missing) with current derived tables; returns the path and
    the seconds spent building the derived tables here (None when the loader had already built them)."""
    path = cache_dir() / f"demo_{n}.duckdb"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"  building demo store of {n:,} workers at {path} …", flush=True)
        create_demo_store(path, n_workers=n, as_of=AS_OF)
    con = _connect_when_free(path)
    try:
        if derived.is_current(con):
            return path, None
        started = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        derived.refresh(con)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return path, time.perf_counter() - started
    finally:
        con.close()


def _connect_when_free(path: Path, wait_s: float = 900):
    """Open the store for writing, waiting while another process (another benchmark section) holds it."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return connect(path)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(5)


def run_size(n: int, runs: int, pandas_runs: int) -> dict:
    path, refresh_s = demo_store(n)
    load_before = os.getloadavg()[0]
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET enable_progress_bar = false")
    loaded = time.perf_counter()
    frames = Frames.load(con)
    load_s = time.perf_counter() - loaded
    workers = int(con.execute("SELECT count(*) FROM pekerja").fetchall()[0][0])
    periods = len(frames.k)
    rows = []
    for case in cases():
        lib_ms, lib_mb, lib_value = measure(lambda: case.lib(con), runs)
        pd_ms, pd_mb, pd_value = measure(lambda: case.pandas(frames), pandas_runs)
        rows.append({"case": case.name, "keys": case.keys, "lib_ms": lib_ms, "pandas_ms": pd_ms,
                     "agree": same(lib_value, pd_value), "lib_mb": lib_mb, "pandas_mb": pd_mb})
        print(f"  {case.name:36s} {lib_ms:8.1f} ms  pandas {pd_ms:9.1f} ms  agree={rows[-1]['agree']}", flush=True)
    lib_ms, lib_mb, lib_value = measure(lambda: overview(con), runs)
    pd_ms, pd_mb, pd_value = measure(lambda: overview_pandas(frames), pandas_runs)
    overview_agree = (same(_lib_summary(con), pd_value[0])
                      and same(lib_value[1]["aktif"].tolist(), pd_value[1])
                      and same(tuple(lib_value[3]["jumlah"]), pd_value[3]))
    rows.append({"case": "OVERVIEW SET (cards, trajectory, forecast, funnel, brief)", "keys": (), "lib_ms": lib_ms,
                 "pandas_ms": pd_ms, "agree": overview_agree, "lib_mb": lib_mb, "pandas_mb": pd_mb})
    print(f"  {'overview set':36s} {lib_ms:8.1f} ms  pandas {pd_ms:9.1f} ms  agree={overview_agree}", flush=True)
    con.close()
    return {"n": n, "workers": workers, "periods": periods, "refresh_s": refresh_s, "load_s": load_s, "rows": rows,
            "load_avg": (load_before, os.getloadavg()[0])}


def report(results: list[dict], runs: int, pandas_runs: int) -> str:
    lines = ["# Metrics benchmark", "",
             f"Generated by `python -m bench metrics` on {dt.date.today().isoformat()}; machine: {platform.machine()},"
             f" {os.cpu_count()} CPU ({_cpu_model()}), Python {platform.python_version()}, DuckDB {duckdb.__version__},"
             f" pandas {pd.__version__}. Demo stores as of {AS_OF.isoformat()} (seed 2025).", "",
             f"Each cell: median of {runs} runs (library) / {pandas_runs} runs (pandas) after one warm-up. *pandas* is a"
             " plain-pandas implementation of the same number written in `bench/metrics.py`, on tables loaded into"
             " pandas once (loading not timed); *agree* compares the two results exactly (floats to 1e-9)."
             " Peak MB: largest rise of the process's resident memory during a call (DuckDB's native memory and"
             " pandas' alike; memory already held, such as cached blocks and the loaded frames, not counted).",
             "",
             f"Targets at 1M workers: each indicator < {TARGET_MS:.0f} ms; the overview's set < {OVERVIEW_TARGET_MS:.0f} ms.",
             ""]
    for result in results:
        refresh = ("already current when the run started" if result["refresh_s"] is None
                   else f"built here in {result['refresh_s']:.1f} s (`derived.refresh`; they were not current)")
        lines += [f"## {result['n']:,} workers", "",
                  f"{result['workers']:,} workers with coverage, {result['periods']:,} coverage periods; derived tables"
                  f" {refresh}; pandas tables loaded in {result['load_s']:.1f} s. Machine load average (1 min) at"
                  f" start / end of this size: {result['load_avg'][0]:.1f} / {result['load_avg'][1]:.1f} on"
                  f" {os.cpu_count()} CPUs (other work running raises every time).", "",
                  "| indicator | catalogue keys | library ms | pandas ms | agree | library peak MB | pandas peak MB |",
                  "|---|---|---:|---:|:---:|---:|---:|"]
        for row in result["rows"]:
            lines.append(f"| {row['case']} | {', '.join(row['keys'])} | {row['lib_ms']:.1f} | {row['pandas_ms']:.1f} |"
                         f" {'yes' if row['agree'] else '**NO**'} | {row['lib_mb']:.1f} | {row['pandas_mb']:.1f} |")
        lines.append("")
    big = [r for r in results if r["n"] == max(SIZES)]
    if big:
        rows = big[0]["rows"]
        slow = [r["case"] for r in rows[:-1] if r["lib_ms"] >= TARGET_MS]
        lines += ["## Targets at 1M", "",
                  f"- slowest indicator: {max(r['lib_ms'] for r in rows[:-1]):.1f} ms"
                  f" ({'all under' if not slow else 'over: ' + ', '.join(slow)} {TARGET_MS:.0f} ms)",
                  f"- overview set: {rows[-1]['lib_ms']:.1f} ms (target {OVERVIEW_TARGET_MS:.0f} ms:"
                  f" {'met' if rows[-1]['lib_ms'] < OVERVIEW_TARGET_MS else 'NOT met'})",
                  f"- all results agree with pandas: {'yes' if all(r['agree'] for r in rows) else 'NO'}", ""]
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def covered_keys() -> set[str]:
    return {key for case in cases() for key in case.keys}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench metrics", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pandas-runs", type=int, default=3)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    missing = set(catalogue.CATALOGUE) - covered_keys()
    if missing:
        print(f"catalogue indicators with no benchmark case: {sorted(missing)}")
        return 1
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        print(f"{n:,} workers", flush=True)
        results.append(run_size(n, args.runs, args.pandas_runs))
    text = report(results, args.runs, args.pandas_runs)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".md.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out}")
    agree = all(row["agree"] for result in results for row in result["rows"])
    return 0 if agree else 1
