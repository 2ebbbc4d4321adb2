"""Every assumption of the demo generator, in one place. All figures are labelled estimates for a
synthetic store, chosen to look like SIGAP's first year; none is an official statistic.

Sources of the shapes (not the numbers): DESIGN §1 (programme facts), BPJS-TK benefit rules for JKK/JKM,
Dukcapil residents per kecamatan (reference data) for where workers live.
"""
from __future__ import annotations

import datetime as dt

DEFAULT_WORKERS = 12_300          # distinct workers ever enrolled by the as-of date (est.)
DEFAULT_SEED = 2025

# Enrolment ramp. Share of all workers whose first coverage starts in phase 1 (5 Nov–31 Dec 2025); the rest
# join through 2026 at a steady pace. Phase 1 reaches about 94% of its 11,666 target at the default size.
PHASE1_SHARE = 0.894
PHASE1_START = dt.date(2025, 11, 5)
PHASE1_END = dt.date(2025, 12, 31)
YEAR2026_START = dt.date(2026, 1, 1)
YEAR2026_END = dt.date(2026, 12, 31)
# Renewal into 2026 of phase-1 workers: most on 1 Jan, some late (a gap inside or beyond the 30-day grace),
# the rest not renewed (lapsed at 31 Dec 2025).
RENEW_ON_TIME = 0.80
RENEW_LATE = 0.06                  # renewed 10–75 days after 1 Jan
# Monthly drop-out during 2026 (moved to formal work, left the city, stopped qualifying).
MONTHLY_DROPOUT_2026 = 0.010

# Occupation mix (share of workers), women's share and age (mean, sd) by sector. Estimates.
SECTOR_MIX = {
    "OJOL": 0.20, "OPANG": 0.07, "SOPIR": 0.06, "PKL": 0.17, "UMKM": 0.12, "KULI": 0.08, "BECAK": 0.01,
    "PAUD": 0.04, "PRT": 0.06, "PEMULUNG": 0.05, "PARKIR": 0.04, "BHL": 0.06, "KEAGAMAAN": 0.03, "LAINNYA": 0.01,
}
FEMALE_SHARE = {
    "OJOL": 0.08, "OPANG": 0.02, "SOPIR": 0.03, "PKL": 0.55, "UMKM": 0.65, "KULI": 0.02, "BECAK": 0.01,
    "PAUD": 0.95, "PRT": 0.92, "PEMULUNG": 0.40, "PARKIR": 0.05, "BHL": 0.25, "KEAGAMAAN": 0.30, "LAINNYA": 0.45,
}
AGE_MEAN_SD = {
    "OJOL": (33, 8), "OPANG": (45, 9), "SOPIR": (46, 8), "PKL": (44, 10), "UMKM": (41, 9), "KULI": (39, 10),
    "BECAK": (56, 7), "PAUD": (37, 8), "PRT": (42, 10), "PEMULUNG": (44, 11), "PARKIR": (40, 11), "BHL": (37, 10),
    "KEAGAMAAN": (50, 10), "LAINNYA": (42, 11),
}
AGE_MIN, AGE_MAX = 18, 64
# Where workers live: kecamatan by residents, times a sector-specific multiplier (Bantargebang holds the city's
# landfill, so waste pickers concentrate there).
KECAMATAN_SECTOR_WEIGHT = {("PEMULUNG", "32.75.07"): 14.0, ("BECAK", "32.75.07"): 3.0,
                           ("BECAK", "32.75.11"): 2.0, ("KULI", "32.75.11"): 1.5}
# Who proposed them, by sector (agency name as it appears in files).
AGENCY_BY_SECTOR = {
    "OJOL": "Platform ojol", "OPANG": "Dishub", "SOPIR": "Dishub (Organda)", "PKL": "Dinkop-UMKM",
    "UMKM": "Dinkop-UMKM", "KULI": "Disnaker", "BECAK": "Kelurahan", "PAUD": "Disdik", "PRT": "Dinsos",
    "PEMULUNG": "Dinsos", "PARKIR": "Dishub", "BHL": "Disnaker", "KEAGAMAAN": "Kesra", "LAINNYA": "Kelurahan",
}
# Welfare decile (DTSEN) of enrolled workers: mostly 1–5, a few targeting errors above 5.
DESIL_SHARE = {1: 0.17, 2: 0.20, 3: 0.22, 4: 0.20, 5: 0.18, 6: 0.02, 7: 0.01}
# Where NIKs were issued: most in Kota Bekasi (3275), some elsewhere (a warning, not an error).
NIK_REGION_SHARE = {"3275": 0.90, "3216": 0.04, "3201": 0.02, "3172": 0.02, "3301": 0.01, "3578": 0.01}

# Candidates (usulan): every enrolled worker was proposed 7–40 days before coverage; on top of them,
# candidates who failed verification or are still being checked, as a share of enrolled workers.
EXTRA_REJECTED_CANDIDATES = 0.18
EXTRA_PENDING_CANDIDATES = 0.06
VERIFIED_NOT_YET_REGISTERED = 0.03
REJECTION_REASONS = ("Desil di atas 5", "NIK tidak padan Dukcapil", "Sudah terdaftar sebagai peserta PPU",
                     "Domisili di luar Kota Bekasi")

# Claims. JKK: work-accident incidents per worker-year, by sector (riders highest). JKM: annual death
# probability rising with age, q(age) = JKM_Q30 × exp(JKM_SLOPE × (age − 30)).
JKK_RATE_PER_YEAR = {
    "OJOL": 0.035, "OPANG": 0.030, "SOPIR": 0.025, "PKL": 0.010, "UMKM": 0.008, "KULI": 0.040, "BECAK": 0.020,
    "PAUD": 0.004, "PRT": 0.010, "PEMULUNG": 0.030, "PARKIR": 0.015, "BHL": 0.025, "KEAGAMAAN": 0.006,
    "LAINNYA": 0.012,
}
JKM_Q30 = 0.0008
JKM_SLOPE = 0.085
JKK_DEATH_SHARE = 0.01             # of JKK incidents, fatal (benefit 48 × income + funeral)
OUTSIDE_COVERAGE_SHARE = 0.02      # claims filed for incidents before coverage started (flagged by the metrics)
CLAIM_REJECTED_SHARE = 0.06
DAYS_INCIDENT_TO_FILING = {"JKK": (6, 0.6), "JKM": (14, 0.5)}   # lognormal (median days, sigma)
DAYS_FILING_TO_PAYMENT = {"JKK": (12, 0.5), "JKM": (9, 0.4)}
JKK_MEDICAL_MEDIAN_RP, JKK_MEDICAL_SIGMA = 3_500_000, 0.9
JKM_BENEFIT_RP = 42_000_000
JKK_DEATH_BENEFIT_RP = 48 * 1_000_000 + 10_000_000

# Training (from Feb 2026): sessions per month per 10,000 workers, size and outcome.
TRAINING_START = dt.date(2026, 2, 1)
SESSIONS_PER_MONTH_PER_10K = 3
SESSION_SIZE = (20, 40)
TRAINING_PASS_SHARE = 0.80
TRAINING_COURSES = ("Keselamatan berkendara (safety riding)", "Pemasaran digital UMKM", "Menjahit dasar",
                    "Tata boga & pengemasan", "Servis sepeda motor", "K3 konstruksi", "Pengelolaan sampah & daur ulang",
                    "Barista dasar", "Literasi keuangan")

# Premium invoices: paid on this day of the month after the covered month.
PREMIUM_PAYMENT_DAY = 10
