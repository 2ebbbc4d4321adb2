"""Synthetic but realistic programme data, deterministic for a seed, loaded through the import loader.

Every number that shapes the data lives in `assumptions.py`. Generation is vectorised with numpy so a
million workers take seconds; the frames are the canonical import frames of `importers.load`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..importers.freetext import reason_codes
from ..reference import DEMO_PHASES, KECAMATAN, KELURAHAN, PREMIUM_RATES, match_agency
from . import assumptions as A

_AGENCY_CODE = {sector: match_agency(name) or "LAINNYA" for sector, name in A.AGENCY_BY_SECTOR.items()}

_DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class DemoFrames:
    """The canonical frames for each import kind."""
    peserta: pd.DataFrame
    usulan: pd.DataFrame
    klaim: pd.DataFrame      # with `nik` instead of `pekerja_id`, resolved at load time
    pelatihan: pd.DataFrame
    pembayaran: pd.DataFrame
    anggaran: pd.DataFrame


def _d64(day: dt.date) -> np.datetime64:
    return np.datetime64(day, "D")


def date_series(values: np.ndarray):
    """numpy datetime64[D] (NaT allowed) → a date32 array (assigned by position), which DuckDB reads as DATE."""
    return pd.Series(values.astype("datetime64[s]")).astype("date32[pyarrow]").array


def _choice(rng: np.random.Generator, options: dict, size: int) -> np.ndarray:
    keys = np.array(list(options.keys()))
    p = np.array(list(options.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=p / p.sum())]


def _month_end(days: np.ndarray) -> np.ndarray:
    months = days.astype("datetime64[M]")
    return (months + 1).astype("datetime64[D]") - _DAY


def generate(n_workers: int = A.DEFAULT_WORKERS, seed: int = A.DEFAULT_SEED,
             as_of: dt.date | None = None) -> DemoFrames:
    as_of = as_of or dt.date.today()
    rng = np.random.default_rng(seed)
    workers = _workers(rng, n_workers)
    periods, workers = _periods(rng, workers, _d64(as_of))
    claims, periods = _claims(rng, workers, periods, _d64(as_of))
    return DemoFrames(
        peserta=_peserta_frame(workers, periods),
        usulan=_usulan_frame(rng, workers, periods, _d64(as_of)),
        klaim=claims,
        pelatihan=_training_frame(rng, workers, periods, _d64(as_of)),
        pembayaran=_payments_frame(periods, _d64(as_of)),
        anggaran=_phases_frame(n_workers),
    )


def _phases_frame(n_workers: int) -> pd.DataFrame:
    """The programme's phases; for a demo larger or smaller than the default, targets and pagu scale with it."""
    scale = n_workers / A.DEFAULT_WORKERS
    return pd.DataFrame({
        "tahap": [p.kode for p in DEMO_PHASES], "nama": [p.nama for p in DEMO_PHASES],
        "tgl_mulai": date_series(np.array([p.tgl_mulai for p in DEMO_PHASES], dtype="datetime64[D]")),
        "tgl_akhir": date_series(np.array([p.tgl_akhir for p in DEMO_PHASES], dtype="datetime64[D]")),
        "target_peserta": [round(p.target_peserta * scale) for p in DEMO_PHASES],
        "pagu_rp": [round(p.pagu_rp * scale, -6) for p in DEMO_PHASES]})


def _workers(rng: np.random.Generator, n: int) -> pd.DataFrame:
    sector = _choice(rng, A.SECTOR_MIX, n)
    female = rng.random(n) < np.vectorize(A.FEMALE_SHARE.get)(sector)
    mean = np.vectorize(lambda s: A.AGE_MEAN_SD[s][0])(sector)
    sd = np.vectorize(lambda s: A.AGE_MEAN_SD[s][1])(sector)
    age = np.clip(np.round(rng.normal(mean, sd)), A.AGE_MIN, A.AGE_MAX).astype(int)
    # Kecamatan: residents × sector multiplier, drawn per sector.
    kec_codes = np.array([k.kode for k in KECAMATAN])
    kec_pop = np.array([k.penduduk for k in KECAMATAN], dtype=float)
    kecamatan = np.empty(n, dtype=object)
    for code in A.SECTOR_MIX:
        mask = sector == code
        weights = kec_pop * np.array([A.KECAMATAN_SECTOR_WEIGHT.get((code, k), 1.0) for k in kec_codes])
        kecamatan[mask] = kec_codes[rng.choice(len(kec_codes), size=mask.sum(), p=weights / weights.sum())]
    kelurahan = np.empty(n, dtype=object)
    for kec in kec_codes:
        mask = kecamatan == kec
        kel = [k for k in KELURAHAN if k.kecamatan_kode == kec]
        w = np.array([k.penduduk for k in kel], dtype=float)
        kelurahan[mask] = np.array([k.kode for k in kel])[rng.choice(len(kel), size=mask.sum(), p=w / w.sum())]
    # Birth date from age at 1 Jan 2026; the NIK encodes it (day + 40 for women).
    birth = (_d64(dt.date(2026, 1, 1)) - (age * 365.25).astype("timedelta64[D]")
             - rng.integers(0, 365, n).astype("timedelta64[D]"))
    region = _choice(rng, A.NIK_REGION_SHARE, n)
    local = region == "3275"
    district = np.where(local, np.array([k[-2:] for k in kecamatan]),
                        np.char.zfill(rng.integers(1, 30, n).astype(str), 2))
    return pd.DataFrame({
        "sector": sector, "female": female, "age": age, "birth": birth, "kecamatan": kecamatan,
        "kelurahan": kelurahan, "region": region, "district": district,
        "desil": _choice(rng, A.DESIL_SHARE, n).astype(int),
        # Stored as the proposing agency's code (DESIGN §4.4), as an import of the agency's name stores it.
        "agency": np.vectorize(_AGENCY_CODE.get)(sector),
    }).pipe(_with_identifiers, rng)


def _with_identifiers(workers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(workers)
    birth = workers["birth"].to_numpy().astype("datetime64[D]")
    years = birth.astype("datetime64[Y]").astype(int) + 1970
    months = birth.astype("datetime64[M]").astype(int) % 12 + 1
    days = (birth - birth.astype("datetime64[M]").astype("datetime64[D]")).astype(int) + 1
    days = days + np.where(workers["female"].to_numpy(), 40, 0)
    stem = (workers["region"].to_numpy().astype(str).astype(object) + workers["district"].to_numpy().astype(str)
            + np.char.zfill(days.astype(str), 2) + np.char.zfill(months.astype(str), 2)
            + np.char.zfill((years % 100).astype(str), 2))
    serial = rng.integers(1, 10_000, n)
    nik = pd.Series(stem + np.char.zfill(serial.astype(str), 4))
    # Serial numbers are unique per region+birth date: redraw the rare collisions.
    while (dup := nik.duplicated()).any():
        serial[dup.to_numpy()] = rng.integers(1, 10_000, int(dup.sum()))
        nik = pd.Series(stem + np.char.zfill(serial.astype(str), 4))
    kpj = 25_000_000_000 + rng.permutation(n) * 7 + rng.integers(0, 7, n)
    return workers.assign(nik=nik.to_numpy(), kpj=kpj.astype(str), birth_year=years)


def _periods(rng: np.random.Generator, workers: pd.DataFrame, as_of: np.datetime64):
    """Coverage periods: phase-1 enrolment, renewal or lapse into 2026, 2026 joiners and drop-outs."""
    n = len(workers)
    p1_start, p1_end = _d64(A.PHASE1_START), _d64(A.PHASE1_END)
    y_start, y_end = _d64(A.YEAR2026_START), _d64(A.YEAR2026_END)
    in_phase1 = rng.random(n) < A.PHASE1_SHARE
    # Phase 1: a ramp (slow start, busy December) → triangular weight over the 57 days.
    p1_days = (p1_end - p1_start).astype(int) + 1
    start1 = p1_start + np.floor(rng.triangular(0, p1_days * 0.8, p1_days, n)).astype("timedelta64[D]")
    # 2026 joiners: evenly through the year.
    start_new = y_start + rng.integers(0, 365, n).astype("timedelta64[D]")
    first_start = np.where(in_phase1, start1, start_new)
    rows = []
    # Phase-1 period.
    idx1 = np.flatnonzero(in_phase1)
    rows.append(pd.DataFrame({"w": idx1, "start": first_start[idx1], "end": np.full(len(idx1), p1_end)}))
    # Renewal of phase-1 workers.
    u = rng.random(len(idx1))
    on_time, late = idx1[u < A.RENEW_ON_TIME], idx1[(u >= A.RENEW_ON_TIME) & (u < A.RENEW_ON_TIME + A.RENEW_LATE)]
    renew_start = np.concatenate([np.full(len(on_time), y_start),
                                  y_start + rng.integers(10, 76, len(late)).astype("timedelta64[D]")])
    renewed = np.concatenate([on_time, late])
    rows.append(pd.DataFrame({"w": renewed, "start": renew_start, "end": np.full(len(renewed), y_end)}))
    # 2026 joiners.
    idx2 = np.flatnonzero(~in_phase1)
    rows.append(pd.DataFrame({"w": idx2, "start": first_start[idx2], "end": np.full(len(idx2), y_end)}))
    periods = pd.concat(rows, ignore_index=True)
    # Drop-out during 2026: geometric months until leaving, coverage ends at that month's end.
    in_2026 = periods["end"].to_numpy().astype("datetime64[D]") == y_end
    months_to_leave = rng.geometric(A.MONTHLY_DROPOUT_2026, len(periods))
    leave_month = (periods["start"].to_numpy().astype("datetime64[D]").astype("datetime64[M]") + months_to_leave - 1)
    # Coverage ends on a day within the leaving month (paid through the day the worker left).
    month_len = (_month_end(leave_month.astype("datetime64[D]")) - leave_month.astype("datetime64[D]")).astype(int) + 1
    leave = leave_month.astype("datetime64[D]") + np.floor(rng.random(len(periods)) * month_len).astype("timedelta64[D]")
    leave = np.maximum(leave, periods["start"].to_numpy().astype("datetime64[D]"))
    ends = periods["end"].to_numpy().astype("datetime64[D]")
    periods["end"] = np.where(in_2026 & (leave < ends), leave, ends)
    # Only what exists by the as-of date: periods that started; drop-outs not yet happened stay open.
    periods = periods[periods["start"].to_numpy().astype("datetime64[D]") <= as_of].reset_index(drop=True)
    dropped_later = (periods["end"].to_numpy().astype("datetime64[D]") > as_of) & (periods["end"].to_numpy().astype("datetime64[D]") < y_end)
    periods.loc[dropped_later, "end"] = y_end
    return periods, workers


def _claims(rng, workers: pd.DataFrame, periods: pd.DataFrame, as_of: np.datetime64):
    """JKK incidents and JKM deaths within coverage; deaths end coverage; a few deliberately outside it."""
    w = periods["w"].to_numpy()
    start = periods["start"].to_numpy().astype("datetime64[D]")
    end = np.minimum(periods["end"].to_numpy().astype("datetime64[D]"), as_of)
    covered_days = np.maximum((end - start).astype(int) + 1, 0)
    years = covered_days / 365.25
    sector = workers["sector"].to_numpy()[w]
    age = workers["age"].to_numpy()[w]
    jkk_rate = np.vectorize(A.JKK_RATE_PER_YEAR.get)(sector)
    jkm_q = A.JKM_Q30 * np.exp(A.JKM_SLOPE * (age - 30))
    jkk_hit = rng.random(len(w)) < 1 - np.exp(-jkk_rate * years)
    jkm_hit = rng.random(len(w)) < 1 - (1 - jkm_q) ** years
    frames = []
    for program, hit in (("JKK", jkk_hit), ("JKM", jkm_hit)):
        idx = np.flatnonzero(hit & (covered_days > 0))
        incident = start[idx] + np.floor(rng.random(len(idx)) * covered_days[idx]).astype("timedelta64[D]")
        frames.append(pd.DataFrame({"period": idx, "program": program, "incident": incident}))
    claims = pd.concat(frames, ignore_index=True)
    # A worker dies once: keep the earliest JKM per worker, and the JKK claims before it.
    claims["w"] = w[claims["period"].to_numpy()]
    deaths = claims[claims["program"] == "JKM"].sort_values("incident").drop_duplicates("w")
    claims = pd.concat([claims[claims["program"] == "JKK"], deaths], ignore_index=True)
    # Typed explicitly: with no death yet (a small or early demo) an empty Series would default to float.
    death_day = pd.Series(deaths["incident"].to_numpy().astype("datetime64[s]"), index=deaths["w"].to_numpy(),
                          dtype="datetime64[s]")
    died = pd.Series(death_day.reindex(claims["w"].to_numpy()).to_numpy(), index=claims.index)
    claims = claims[died.isna() | (claims["incident"] <= died)].reset_index(drop=True)
    # Coverage stops at death: later periods go, the period containing it ends that day.
    period_death = pd.Series(death_day.reindex(periods["w"].to_numpy()).to_numpy(), index=periods.index)
    periods = periods[period_death.isna() | (periods["start"] <= period_death)].copy()
    cut = period_death.reindex(periods.index)
    periods["end"] = np.where(cut.notna() & (cut < periods["end"]), cut, periods["end"]).astype("datetime64[D]")
    periods = periods.reset_index(drop=True)
    # Deliberate errors: a small share dated before the worker's first coverage.
    n = len(claims)
    outside = rng.random(n) < A.OUTSIDE_COVERAGE_SHARE
    first_start = periods.groupby("w")["start"].min()
    claims.loc[outside, "incident"] = (claims.loc[outside, "w"].map(first_start).to_numpy().astype("datetime64[D]")
                                       - rng.integers(5, 60, int(outside.sum())).astype("timedelta64[D]"))
    program = claims["program"].to_numpy()
    med_f = np.where(program == "JKK", A.DAYS_INCIDENT_TO_FILING["JKK"][0], A.DAYS_INCIDENT_TO_FILING["JKM"][0])
    sig_f = np.where(program == "JKK", A.DAYS_INCIDENT_TO_FILING["JKK"][1], A.DAYS_INCIDENT_TO_FILING["JKM"][1])
    med_p = np.where(program == "JKK", A.DAYS_FILING_TO_PAYMENT["JKK"][0], A.DAYS_FILING_TO_PAYMENT["JKM"][0])
    sig_p = np.where(program == "JKK", A.DAYS_FILING_TO_PAYMENT["JKK"][1], A.DAYS_FILING_TO_PAYMENT["JKM"][1])
    incident = claims["incident"].to_numpy().astype("datetime64[D]")
    filed = incident + np.ceil(med_f * np.exp(sig_f * rng.standard_normal(n))).astype("timedelta64[D]")
    paid = filed + np.ceil(med_p * np.exp(sig_p * rng.standard_normal(n))).astype("timedelta64[D]")
    keep = filed <= as_of
    rejected = (rng.random(n) < A.CLAIM_REJECTED_SHARE) | outside
    status = np.where(rejected & (paid <= as_of), "DITOLAK",
                      np.where(paid <= as_of, "DIBAYAR",
                               np.where((as_of - filed).astype(int) > 3, "DIVERIFIKASI", "DIAJUKAN")))
    medical = np.round(A.JKK_MEDICAL_MEDIAN_RP * np.exp(A.JKK_MEDICAL_SIGMA * rng.standard_normal(n)), -3)
    jkk_fatal = rng.random(n) < A.JKK_DEATH_SHARE
    nominal = np.where(program == "JKM", A.JKM_BENEFIT_RP, np.where(jkk_fatal, A.JKK_DEATH_BENEFIT_RP, medical))
    frame = pd.DataFrame({
        "nik": workers["nik"].to_numpy()[claims["w"].to_numpy()], "program": program,
        "tgl_kejadian": incident, "tgl_pengajuan": filed,
        "tgl_bayar": np.where(status == "DIBAYAR", paid, np.datetime64("NaT")), "status": status,
        "nominal_rp": nominal.astype(np.int64),
    })[keep].sort_values(["tgl_pengajuan", "nik"], kind="stable").reset_index(drop=True)
    frame.insert(0, "no_klaim", [f"KLM-{d.astype(object).year}-{i + 1:07d}"
                                 for i, d in enumerate(frame["tgl_pengajuan"].to_numpy().astype("datetime64[D]"))])
    for col in ("tgl_kejadian", "tgl_pengajuan", "tgl_bayar"):
        frame[col] = date_series(frame[col].to_numpy().astype("datetime64[D]"))
    return frame, periods


def _peserta_frame(workers: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    w = periods["w"].to_numpy()
    rate = PREMIUM_RATES[-1].total_rp
    return pd.DataFrame({
        "nik": workers["nik"].to_numpy()[w], "kpj": workers["kpj"].to_numpy()[w],
        "jenis_kelamin": np.where(workers["female"].to_numpy()[w], "P", "L"),
        "tahun_lahir": workers["birth_year"].to_numpy()[w].astype(np.int16),
        "tgl_mulai": date_series(periods["start"].to_numpy().astype("datetime64[D]")),
        "tgl_akhir": date_series(periods["end"].to_numpy().astype("datetime64[D]")),
        "kecamatan_kode": workers["kecamatan"].to_numpy()[w], "kelurahan_kode": workers["kelurahan"].to_numpy()[w],
        "sektor": workers["sector"].to_numpy()[w], "desil": workers["desil"].to_numpy()[w].astype(np.int8),
        "sumber_usulan": workers["agency"].to_numpy()[w], "sumber_iuran": "APBD",
        "iuran_rp": np.full(len(w), rate, dtype=np.int64),
    }).sort_values(["tgl_mulai", "kpj"], kind="stable").reset_index(drop=True)


def _usulan_frame(rng, workers: pd.DataFrame, periods: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    enrolled = periods.groupby("w")["start"].min()
    idx = enrolled.index.to_numpy()
    proposed = enrolled.to_numpy().astype("datetime64[D]") - rng.integers(7, 41, len(idx)).astype("timedelta64[D]")
    # Candidates never enrolled: synthetic people drawn like workers, with their own NIKs.
    n_extra = int(len(idx) * (A.EXTRA_REJECTED_CANDIDATES + A.EXTRA_PENDING_CANDIDATES
                              + A.VERIFIED_NOT_YET_REGISTERED))
    extra = _workers(rng, n_extra) if n_extra else workers.iloc[:0]
    # A verification failure above desil 5 is the commonest reason, so raise those candidates' desil.
    kind = rng.choice(3, size=n_extra, p=np.array([A.EXTRA_REJECTED_CANDIDATES, A.EXTRA_PENDING_CANDIDATES,
                                                    A.VERIFIED_NOT_YET_REGISTERED]) /
                      (A.EXTRA_REJECTED_CANDIDATES + A.EXTRA_PENDING_CANDIDATES + A.VERIFIED_NOT_YET_REGISTERED))
    reasons = np.array(A.REJECTION_REASONS)[rng.integers(0, len(A.REJECTION_REASONS), n_extra)]
    codes = dict(zip(A.REJECTION_REASONS, reason_codes(pd.Series(A.REJECTION_REASONS))))  # stored as reason codes
    extra_desil = extra["desil"].to_numpy().copy()
    extra_desil[(kind == 0) & (reasons == A.REJECTION_REASONS[0])] = rng.integers(6, 11, int(
        ((kind == 0) & (reasons == A.REJECTION_REASONS[0])).sum()))
    span = max(int((as_of - _d64(A.PHASE1_START)).astype(int)) - 20, 1)
    extra_tgl = _d64(A.PHASE1_START) - 30 + rng.integers(0, span, n_extra).astype("timedelta64[D]")
    pending_tgl = as_of - rng.integers(1, 30, n_extra).astype("timedelta64[D]")
    frame_w = pd.DataFrame({
        "nik": np.concatenate([workers["nik"].to_numpy()[idx], extra["nik"].to_numpy()]),
        "sumber_usulan": np.concatenate([workers["agency"].to_numpy()[idx], extra["agency"].to_numpy()]),
        "tgl_usulan": np.concatenate([proposed, np.where(kind == 1, pending_tgl, extra_tgl)]),
        "desil": np.concatenate([workers["desil"].to_numpy()[idx], extra_desil]).astype(np.int8),
        "status_verifikasi": np.concatenate([np.full(len(idx), "LOLOS", dtype=object),
                                             np.array(["TIDAK LOLOS", "PROSES", "LOLOS"], dtype=object)[kind]]),
        "alasan": np.concatenate([np.full(len(idx), None, dtype=object),
                                  np.where(kind == 0, np.vectorize(codes.get)(reasons), None).astype(object)]),
        "kecamatan_kode": np.concatenate([workers["kecamatan"].to_numpy()[idx], extra["kecamatan"].to_numpy()]),
        "kelurahan_kode": np.concatenate([workers["kelurahan"].to_numpy()[idx], extra["kelurahan"].to_numpy()]),
        "sektor": np.concatenate([workers["sector"].to_numpy()[idx], extra["sector"].to_numpy()]),
    })
    # Extra candidates whose NIK happens to equal a worker's are dropped (one person, one record).
    frame_w = frame_w.drop_duplicates("nik", keep="first")
    frame_w["tgl_usulan"] = date_series(frame_w["tgl_usulan"].to_numpy().astype("datetime64[D]"))
    return frame_w.sort_values(["tgl_usulan", "nik"], kind="stable").reset_index(drop=True)


def _training_frame(rng, workers: pd.DataFrame, periods: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    start = _d64(A.TRAINING_START)
    if as_of < start:
        return pd.DataFrame(columns=["kode_pelatihan", "nama_pelatihan", "tgl_mulai", "tgl_selesai",
                                     "kecamatan_kode", "nik", "status"])
    months = int((as_of.astype("datetime64[M]") - start.astype("datetime64[M]")).astype(int)) + 1
    n_workers = periods["w"].nunique()
    n_sessions = max(1, round(months * A.SESSIONS_PER_MONTH_PER_10K * n_workers / 10_000))
    session_start = start + rng.integers(0, max(int((as_of - start).astype(int)), 1), n_sessions).astype(
        "timedelta64[D]")
    session_start.sort()
    session_end = session_start + rng.integers(2, 10, n_sessions).astype("timedelta64[D]")
    kec_codes = np.array([k.kode for k in KECAMATAN])
    session_kec = kec_codes[rng.integers(0, len(kec_codes), n_sessions)]
    sizes = rng.integers(A.SESSION_SIZE[0], A.SESSION_SIZE[1] + 1, n_sessions)
    course = np.array(A.TRAINING_COURSES)[rng.integers(0, len(A.TRAINING_COURSES), n_sessions)]
    # Participants: workers covered on the session's first day, living in its kecamatan. Drawn by sampling
    # that kecamatan's coverage periods and keeping those that cover the day (cost per session ~ its size).
    pw = periods["w"].to_numpy()
    pstart = periods["start"].to_numpy().astype("datetime64[D]")
    pend = periods["end"].to_numpy().astype("datetime64[D]")
    kecamatan = workers["kecamatan"].to_numpy().astype(str)
    nik = workers["nik"].to_numpy().astype(str)
    session_ids, chosen_workers = [], []
    for kec in np.unique(session_kec):
        in_kec = np.flatnonzero(kecamatan[pw] == kec)
        for i in np.flatnonzero(session_kec == kec):
            draw = in_kec[rng.integers(0, len(in_kec), sizes[i] * 4)]
            covering = draw[(pstart[draw] <= session_start[i]) & (pend[draw] >= session_start[i])]
            people = pd.unique(pw[covering])[:sizes[i]]
            session_ids.append(np.full(len(people), i))
            chosen_workers.append(people)
    sid = np.concatenate(session_ids)
    who = np.concatenate(chosen_workers)
    finished = session_end[sid] <= as_of
    passed = rng.random(len(sid)) < A.TRAINING_PASS_SHARE
    frame = pd.DataFrame({
        "kode_pelatihan": np.char.add("PLT-", np.char.zfill((sid + 1).astype(str), 4)),
        "nama_pelatihan": course[sid], "tgl_mulai": date_series(session_start[sid]),
        "tgl_selesai": date_series(session_end[sid]), "kecamatan_kode": session_kec[sid], "nik": nik[who],
        "status": np.where(finished, np.where(passed, "LULUS", "TIDAK LULUS"), "TERDAFTAR"),
    })
    return frame.sort_values(["kode_pelatihan", "nik"], kind="stable").reset_index(drop=True)


def _payments_frame(periods: pd.DataFrame, as_of: np.datetime64) -> pd.DataFrame:
    """Monthly invoices: workers covered on any day of the month × the rate, paid the next month."""
    first = periods["start"].to_numpy().astype("datetime64[D]").astype("datetime64[M]")
    last = np.minimum(periods["end"].to_numpy().astype("datetime64[D]"), as_of).astype("datetime64[M]")
    month_list = np.arange(first.min(), as_of.astype("datetime64[M]") + 1)
    pw = periods["w"].to_numpy()
    counts = []
    for month in month_list:
        covered = np.zeros(pw.max() + 1, dtype=bool)
        covered[pw[(first <= month) & (last >= month)]] = True
        counts.append(int(covered.sum()))
    rate = PREMIUM_RATES[-1].total_rp
    paid = (month_list + 1).astype("datetime64[D]") + (A.PREMIUM_PAYMENT_DAY - 1)
    frame = pd.DataFrame({"periode": month_list.astype("datetime64[D]"), "jumlah_peserta": counts,
                          "nominal_rp": np.array(counts, dtype=np.int64) * rate, "tgl_bayar": paid})
    frame = frame[frame["tgl_bayar"].to_numpy() <= as_of].reset_index(drop=True)
    for col in ("periode", "tgl_bayar"):
        frame[col] = date_series(frame[col].to_numpy().astype("datetime64[D]"))
    return frame
