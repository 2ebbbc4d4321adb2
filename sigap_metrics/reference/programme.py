"""Programme facts: the premium rate table (effective dated) and the demo phases (DESIGN §1)."""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class PremiumRate(NamedTuple):
    berlaku_mulai: dt.date  # effective from (inclusive)
    jkk_rp: int  # 1% of the minimum declared income Rp1.000.000
    jkm_rp: int
    dasar_hukum: str

    @property
    def total_rp(self) -> int:
        return self.jkk_rp + self.jkm_rp


class Phase(NamedTuple):
    kode: str
    nama: str
    tgl_mulai: dt.date
    tgl_akhir: dt.date
    target_peserta: int
    pagu_rp: int


PREMIUM_RATES: tuple[PremiumRate, ...] = (
    PremiumRate(dt.date(2025, 1, 1), 10_000, 6_800, "PP 44/2015 jo. PP 82/2019 (BPU, penghasilan Rp1.000.000)"),
)

# Phase 1 as launched; 2026 as approved in the APBD. Demo phases: a real store loads its own via `import anggaran`.
DEMO_PHASES: tuple[Phase, ...] = (
    Phase("TAHAP1", "Tahap 1 (Nov–Des 2025)", dt.date(2025, 11, 5), dt.date(2025, 12, 31), 11_666, 580_000_000),
    Phase("TAHAP2026", "Tahun 2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), 10_000, 2_000_000_000),
)

PROGRAMME_START = dt.date(2025, 11, 5)
RENEWAL_GRACE_DAYS = 30  # a period ending without a new one starting within this many days is a lapse
JKM_DEATH_BENEFIT_RP = 42_000_000
