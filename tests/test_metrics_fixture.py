"""The metrics' hand-computed fixture: 20 workers, 28 coverage periods, 8 claims, two phases, a rate change in
July 2026, a renewal gap, overlapping periods, claims outside coverage, proposals and training, loaded
through the real import loader. `build_hand_store` is used by test_metrics_handcomputed.py, whose comments
do the arithmetic from the tables below; the tests here only check the fixture landed as written.

Kecamatan A = 32.75.01 Bekasi Timur (275.531 residents), B = 32.75.07 Bantargebang (117.386),
C = 32.75.02 Bekasi Barat (271.632). Reference date of the tests: AS_OF = 20 Aug 2026.
"""
from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd

from sigap_metrics.demo.generate import date_series
from sigap_metrics.importers.load import ImportSource, load_import, resolve_workers
from sigap_metrics.metrics import derived
from sigap_metrics.store import connect_memory

from .conftest import NIK_KEY

AS_OF = dt.date(2026, 8, 20)
A, B, C = "32.75.01", "32.75.07", "32.75.02"
KELURAHAN = {A: "32.75.01.1001", B: "32.75.07.1003", C: "32.75.02.1001"}
D = dt.date

# worker: (kecamatan, sector, sex, birth year, desil, proposing agency, [(start, end), ...])
WORKERS = {
    "W01": (A, "OJOL", "L", 1990, 1, "Platform ojol", [(D(2025, 11, 5), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 12, 31))]),
    "W02": (A, "OJOL", "L", 1985, 2, "Platform ojol", [(D(2025, 11, 10), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 12, 31))]),
    # renewal gap of 45 days (1 Jan – 14 Feb): a lapse in December 2025, back in February
    "W03": (B, "PEMULUNG", "P", 1970, 1, "Dinsos", [(D(2025, 11, 20), D(2025, 12, 31)), (D(2026, 2, 15), D(2026, 12, 31))]),
    # gap of 19 days: renewed within the 30-day grace, not a lapse
    "W04": (B, "PEMULUNG", "L", 1980, 3, "Dinsos", [(D(2025, 12, 1), D(2025, 12, 31)), (D(2026, 1, 20), D(2026, 12, 31))]),
    "W05": (C, "PKL", "P", 1975, 4, "Dinkop-UMKM", [(D(2025, 12, 5), D(2025, 12, 31))]),
    "W06": (C, "PKL", "P", 1968, 5, "Dinkop-UMKM", [(D(2025, 11, 5), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 4, 10))]),
    "W07": (A, "UMKM", "P", 1995, 2, "Dinkop-UMKM", [(D(2025, 12, 15), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 12, 31))]),
    "W08": (A, "KULI", "L", 1988, 6, "Disnaker", [(D(2025, 11, 25), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 12, 31))]),
    "W09": (A, "OJOL", "L", 2000, 1, "Platform ojol", [(D(2026, 1, 10), D(2026, 12, 31))]),
    "W10": (B, "KULI", "L", 1982, 2, "Disnaker", [(D(2026, 2, 1), D(2026, 12, 31))]),
    # W11 has a second period inside the first, recorded in kecamatan A (a correction): counted once, in C
    "W11": (C, "PRT", "P", 1978, 3, "Dinsos", [(D(2026, 3, 1), D(2026, 12, 31)), (D(2026, 5, 1), D(2026, 5, 31))]),
    "W12": (C, "PRT", "P", 1990, 4, "Dinsos", [(D(2026, 3, 15), D(2026, 6, 30))]),
    "W13": (A, "PKL", "P", 1960, 1, "Dinkop-UMKM", [(D(2026, 4, 1), D(2026, 12, 31))]),
    "W14": (B, "PEMULUNG", "L", 1998, 2, "Dinsos", [(D(2026, 5, 5), D(2026, 12, 31))]),
    "W15": (A, "OJOL", "L", 2004, None, "Platform ojol", [(D(2026, 6, 1), D(2026, 12, 31))]),
    "W16": (C, "UMKM", "P", 1986, 3, "Dinkop-UMKM", [(D(2026, 7, 1), D(2026, 12, 31))]),
    "W17": (A, "OJOL", "L", 1992, 5, "Platform ojol", [(D(2026, 7, 20), D(2026, 12, 31))]),
    "W18": (B, "KULI", "L", 1975, 1, "Disnaker", [(D(2026, 8, 3), D(2026, 12, 31))]),
    # died on 12 Aug 2026 (claim K3): coverage ends that day
    "W19": (A, "SOPIR", "L", 1958, 2, "Dishub", [(D(2026, 1, 5), D(2026, 8, 12))]),
    # registered with a start after AS_OF
    "W20": (B, "OJOL", "L", 1999, 3, "Platform ojol", [(D(2026, 8, 25), D(2026, 12, 31))]),
}
# Overrides of the period attributes: W11's second period is recorded in kecamatan A.
PERIOD_KECAMATAN = {("W11", D(2026, 5, 1)): A}

# Candidates never registered: (nik label, date, status, desil, kecamatan, sector, agency)
EXTRA_PROPOSALS = [
    ("X1", D(2026, 3, 1), "TIDAK LOLOS", 7, A, "OJOL", "Platform ojol"),
    ("X2", D(2026, 4, 1), "TIDAK LOLOS", 4, B, "PEMULUNG", "Dinsos"),
    ("X3", D(2026, 8, 15), "PROSES", 2, C, "PKL", "Dinkop-UMKM"),
    ("X4", D(2026, 8, 1), "LOLOS", 1, A, "UMKM", "Dinkop-UMKM"),
    ("X5", D(2026, 9, 1), "PROSES", 2, A, "OJOL", "Platform ojol"),  # after AS_OF
    # W09 was first proposed by the kelurahan and failed, then passed when the platform proposed him
    ("W09", D(2025, 12, 1), "TIDAK LOLOS", 1, A, "OJOL", "Kelurahan"),
]
# (claim, worker, programme, incident, filed, paid, status, amount)
CLAIMS = [
    ("K1", "W01", "JKK", D(2025, 12, 10), D(2025, 12, 12), D(2025, 12, 26), "DIBAYAR", 5_000_000),
    ("K2", "W02", "JKK", D(2026, 3, 5), D(2026, 3, 10), D(2026, 3, 30), "DIBAYAR", 2_000_000),
    ("K3", "W19", "JKM", D(2026, 8, 12), D(2026, 8, 14), D(2026, 8, 18), "DIBAYAR", 42_000_000),
    ("K4", "W05", "JKK", D(2026, 2, 1), D(2026, 2, 5), None, "DITOLAK", 1_500_000),      # after coverage ended
    ("K5", "W03", "JKK", D(2026, 1, 20), D(2026, 1, 25), D(2026, 2, 20), "DIBAYAR", 3_000_000),  # in the gap
    ("K6", "W09", "JKK", D(2026, 7, 1), D(2026, 7, 5), None, "DIVERIFIKASI", 4_000_000),
    ("K7", "W10", "JKK", D(2026, 8, 1), D(2026, 8, 10), None, "DIAJUKAN", 1_000_000),
    ("K8", "W14", "JKK", D(2026, 6, 10), D(2026, 6, 12), None, "DITOLAK", 800_000),
]
# (code, name, start, end, kecamatan, [(person, status)])
TRAINING = [
    ("PLT-1", "K3 dasar", D(2026, 3, 1), D(2026, 3, 5), A,
     [("W01", "LULUS"), ("W02", "LULUS"), ("W09", "TIDAK LULUS"), ("W06", "LULUS"), ("X4", "LULUS")]),
    ("PLT-2", "Pengelolaan sampah", D(2026, 8, 15), D(2026, 8, 25), B,
     [("W10", "TERDAFTAR"), ("W14", "TERDAFTAR"), ("W03", "TERDAFTAR")]),
]
# (month, workers invoiced, amount, paid on)
INVOICES = [(D(2025, 11, 1), 5, 84_000, D(2025, 12, 10)), (D(2025, 12, 1), 8, 134_400, D(2026, 1, 10)),
            (D(2026, 1, 1), 8, 134_400, D(2026, 2, 10))]
PHASES = [("TAHAP1", "Tahap 1", D(2025, 11, 5), D(2025, 12, 31), 10, 1_000_000),
          ("TAHAP2", "Tahap 2", D(2026, 1, 1), D(2026, 12, 31), 20, 5_000_000)]
# A rate change: from July 2026 JKK Rp12.000 + JKM Rp8.000 = Rp20.000 (the seeded rate is Rp16.800).
NEW_RATE = (D(2026, 7, 1), 12_000, 8_000, "Perubahan tarif (fiktif, untuk pengujian)")


def nik(label: str) -> str:
    """A 16-digit NIK per person label (the loader stores only its keyed hash)."""
    number = int(label[1:]) + (0 if label[0] == "W" else 50)
    return f"32750101019{number:05d}"


_NO_ROWS = pd.DataFrame(columns=["row_number", "reason_code", "reason", "row_values"])
_NO_NOTES = pd.DataFrame(columns=["row_number", "code", "message"])


def _dates(values) -> object:
    return date_series(pd.Series(values, dtype="object").map(
        lambda d: pd.NaT if d is None else pd.Timestamp(d)).to_numpy().astype("datetime64[D]"))


def _load(con, kind: str, frame: pd.DataFrame) -> None:
    digest = hashlib.sha256(f"fixture:{kind}".encode()).hexdigest()
    load_import(con, ImportSource(kind, f"fixture_{kind}.csv", digest, "test", len(frame)), frame, _NO_ROWS,
                _NO_NOTES, nik_key=NIK_KEY)


def frames() -> dict[str, pd.DataFrame]:
    periods = [(w, start, end, PERIOD_KECAMATAN.get((w, start), attrs[0]), attrs)
               for w, attrs in WORKERS.items() for start, end in attrs[6]]
    peserta = pd.DataFrame({
        "nik": [nik(w) for w, *_ in periods], "kpj": [f"26{int(w[1:]):09d}" for w, *_ in periods],
        "jenis_kelamin": [a[2] for *_, a in periods], "tahun_lahir": [a[3] for *_, a in periods],
        "tgl_mulai": _dates([s for _, s, *_ in periods]), "tgl_akhir": _dates([e for _, _, e, *_ in periods]),
        "kecamatan_kode": [k for _, _, _, k, _ in periods], "kelurahan_kode": [KELURAHAN[k] for _, _, _, k, _ in periods],
        "sektor": [a[1] for *_, a in periods], "desil": pd.array([a[4] for *_, a in periods], dtype="Int8"),
        "sumber_usulan": [a[5] for *_, a in periods], "sumber_iuran": "APBD", "iuran_rp": 16_800})
    proposals = [(w, attrs[6][0][0] - dt.timedelta(days=20), "LOLOS", attrs[4], attrs[0], attrs[1], attrs[5])
                 for w, attrs in WORKERS.items()] + EXTRA_PROPOSALS
    usulan = pd.DataFrame({
        "nik": [nik(p[0]) for p in proposals], "sumber_usulan": [p[6] for p in proposals],
        "tgl_usulan": _dates([p[1] for p in proposals]), "desil": pd.array([p[3] for p in proposals], dtype="Int8"),
        "status_verifikasi": [p[2] for p in proposals], "alasan": None, "kecamatan_kode": [p[4] for p in proposals],
        "kelurahan_kode": [KELURAHAN[p[4]] for p in proposals], "sektor": [p[5] for p in proposals]})
    klaim = pd.DataFrame({
        "no_klaim": [c[0] for c in CLAIMS], "nik": [nik(c[1]) for c in CLAIMS], "program": [c[2] for c in CLAIMS],
        "tgl_kejadian": _dates([c[3] for c in CLAIMS]), "tgl_pengajuan": _dates([c[4] for c in CLAIMS]),
        "tgl_bayar": _dates([c[5] for c in CLAIMS]), "status": [c[6] for c in CLAIMS],
        "nominal_rp": [c[7] for c in CLAIMS]})
    rows = [(code, name, s, e, kec, who, status) for code, name, s, e, kec, people in TRAINING for who, status in people]
    pelatihan = pd.DataFrame({
        "kode_pelatihan": [r[0] for r in rows], "nama_pelatihan": [r[1] for r in rows],
        "tgl_mulai": _dates([r[2] for r in rows]), "tgl_selesai": _dates([r[3] for r in rows]),
        "kecamatan_kode": [r[4] for r in rows], "nik": [nik(r[5]) for r in rows], "status": [r[6] for r in rows]})
    pembayaran = pd.DataFrame({"periode": _dates([i[0] for i in INVOICES]), "jumlah_peserta": [i[1] for i in INVOICES],
                               "nominal_rp": [i[2] for i in INVOICES], "tgl_bayar": _dates([i[3] for i in INVOICES])})
    anggaran = pd.DataFrame({"tahap": [p[0] for p in PHASES], "nama": [p[1] for p in PHASES],
                             "tgl_mulai": _dates([p[2] for p in PHASES]), "tgl_akhir": _dates([p[3] for p in PHASES]),
                             "target_peserta": [p[4] for p in PHASES], "pagu_rp": [p[5] for p in PHASES]})
    return {"anggaran": anggaran, "peserta": peserta, "usulan": usulan, "klaim": klaim, "pelatihan": pelatihan,
            "pembayaran": pembayaran}


def build_hand_store(materialise: bool = True, con=None):
    """A store holding the fixture (in memory unless `con`, an opened empty store), loaded kind by kind
    through `load_import`; with `materialise` the derived tables are built as the loader leaves them (else
    metrics derive them inline)."""
    con = con or connect_memory()
    con.execute("INSERT INTO tarif_iuran VALUES (?, ?, ?, ?)", list(NEW_RATE))
    data = frames()
    for kind in ("anggaran", "peserta", "usulan"):
        _load(con, kind, data[kind])
    claims = data["klaim"]
    ids = resolve_workers(con, NIK_KEY, claims["nik"], pd.Series([None] * len(claims), dtype="string"))
    _load(con, "klaim", claims.assign(pekerja_id=ids.to_numpy()).drop(columns="nik"))
    for kind in ("pelatihan", "pembayaran"):
        _load(con, kind, data[kind])
    if materialise and not derived.is_current(con):
        derived.refresh(con)
    if not materialise:
        con.execute("DROP TABLE IF EXISTS " + derived.CAKUPAN_TABLE)
        con.execute("DROP TABLE IF EXISTS " + derived.CALON_TABLE)
        con.execute("DELETE FROM meta WHERE key = 'turunan_versi'")
    return con


def test_fixture_lands_as_written():
    con = build_hand_store()
    counts = con.execute("SELECT (SELECT count(*) FROM pekerja), (SELECT count(*) FROM kepesertaan),"
                         " (SELECT count(*) FROM klaim), (SELECT count(*) FROM usulan), (SELECT count(*) FROM tahap),"
                         " (SELECT count(*) FROM tarif_iuran), (SELECT count(*) FROM pelatihan_peserta),"
                         " (SELECT count(*) FROM pembayaran)").fetchall()[0]
    # 20 workers; 8 with two periods + 11 with one + W11's two = 28 periods; 20 + 6 proposals; 5 + 3 trainees
    assert counts == (20, 28, 8, 26, 2, 2, 8, 3)
    assert derived.is_current(con)
    con.close()


def test_fixture_without_derived_tables_is_not_current():
    con = build_hand_store(materialise=False)
    assert not derived.is_current(con)
    con.close()
