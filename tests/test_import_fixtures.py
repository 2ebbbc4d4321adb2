"""Each fixture file (tests/fixtures/import, built by build_fixtures.py) imports with the counts worked out by
hand from the comments beside every row there; every header alias works."""
import datetime as dt

import pandas as pd
import pytest

from sigap_metrics.importers.pipeline import commit, preview
from sigap_metrics.importers.schemas import SCHEMAS
from sigap_metrics.privacy import hash_nik

from .conftest import NIK_KEY
from .test_import_support import FILES, ORDER, fixture_bytes, import_fixture, fixture_source

SRC = fixture_source()

# Hand-computed from the row comments in build_fixtures.py: file row number → reason code of the rejection.
REJECTED = {
    "anggaran": {4: "ANGKA_FORMAT"},
    "peserta": {12: "NIK_NOTASI_ILMIAH", 13: "NIK_FORMAT", 14: "NIK_WILAYAH", 15: "NIK_TANGGAL", 16: "NIK_NOMOR_URUT",
                17: "KECAMATAN_TIDAK_DIKENAL", 18: "KELURAHAN_BEDA_KECAMATAN", 19: "TANGGAL_URUTAN",
                20: "TANGGAL_TIDAK_ADA", 21: "DUPLIKAT_DALAM_FILE", 22: "KOSONG", 23: "BARIS_KOLOM_BERLEBIH",
                25: "ANGKA_FORMAT", 26: "NOMINAL_FORMAT", 30: "KELURAHAN_TIDAK_DIKENAL"},
    # The quoted ALASAN of the third record spans lines 4–5, so later records start one line lower.
    "usulan": {7: "NILAI_TIDAK_DIKENAL", 8: "KOSONG", 9: "DUPLIKAT_DALAM_FILE", 11: "KECAMATAN_TIDAK_DIKENAL",
               12: "NIK_NOTASI_ILMIAH"},
    "klaim": {4: "NIK_NOTASI_ILMIAH", 6: "PEKERJA_TIDAK_DITEMUKAN", 7: "IDENTITAS_KOSONG", 8: "NILAI_TIDAK_DIKENAL",
              9: "TANGGAL_URUTAN", 10: "DIBAYAR_TANPA_TANGGAL", 11: "DUPLIKAT_DALAM_FILE"},
    "pelatihan": {6: "TANGGAL_URUTAN", 7: "DUPLIKAT_DALAM_FILE", 8: "NILAI_TIDAK_DIKENAL"},
    "pembayaran": {5: "DUPLIKAT_DALAM_FILE", 6: "PERIODE_FORMAT", 7: "ANGKA_FORMAT"},
}
# rows read (blank lines not counted) and rows accepted, by hand:
# anggaran 3 rows, 1 rejected → 2; peserta lines 4–30 minus the blank line 24 = 26 rows, 15 rejected → 11;
# usulan 10 records, 5 rejected → 5; klaim sheet rows 2–12 = 11, 7 rejected → 4; pelatihan 7, 3 rejected → 4;
# pembayaran 6, 3 rejected → 3.
COUNTS = {"anggaran": (3, 2), "peserta": (26, 11), "usulan": (10, 5), "klaim": (11, 4), "pelatihan": (7, 4),
          "pembayaran": (6, 3)}
WARNINGS = {
    "anggaran": [], "pembayaran": [],
    # row 9: SUMBER_USULAN "Kesra" is none of the proposing agencies of DESIGN §4.4 (stored as LAINNYA)
    "peserta": [(7, "NIK_LUAR_KOTA"), (9, "SUMBER_USULAN_LAINNYA"), (10, "DESIL_DI_LUAR_SASARAN"),
                (10, "JENIS_KELAMIN_BEDA"), (10, "NIK_LUAR_KOTA"),
                (10, "TGL_LAHIR_BEDA"), (11, "SEKTOR_LAINNYA")],
    "usulan": [(4, "DESIL_DI_LUAR_SASARAN")],
    "klaim": [(12, "TGL_BAYAR_BELUM_DIBAYAR")],
    "pelatihan": [(5, "PESERTA_BELUM_TERDAFTAR")],
}


@pytest.fixture()
def loaded(memory_con):
    return memory_con, {kind: import_fixture(memory_con, kind) for kind in ORDER}


def test_counts_reasons_and_warnings(loaded):
    con, results = loaded
    for kind in ORDER:
        result = results[kind]
        rows_read, accepted = COUNTS[kind]
        assert (result.rows_read, result.accepted, result.rejected) == (rows_read, accepted, rows_read - accepted), kind
        assert not result.duplicate_file
        stored = dict(con.execute("SELECT row_number, reason_code FROM karantina WHERE import_id = ?",
                                  [result.import_id]).fetchall())
        assert stored == REJECTED[kind], kind
        notes = con.execute("SELECT row_number, code FROM import_catatan WHERE import_id = ? ORDER BY 1, 2",
                            [result.import_id]).fetchall()
        assert notes == WARNINGS[kind], kind
        log = con.execute("SELECT kind, file_name, rows_read, accepted, rejected, imported_by, status FROM import_log"
                          " WHERE import_id = ?", [result.import_id]).fetchall()
        assert log == [(kind, FILES[kind], rows_read, accepted, rows_read - accepted, "test", "ok")]


def test_stored_rows_hold_the_parsed_values(loaded):
    con, _ = loaded
    ids = {nik: con.execute("SELECT pekerja_id FROM pekerja WHERE nik_hash = ?", [hash_nik(NIK_KEY, nik)]).fetchall()
           for nik in (SRC.P1, SRC.P4, SRC.P5, SRC.P6, SRC.P7, SRC.P8, SRC.P18, SRC.P19)}
    assert all(len(v) == 1 for v in ids.values())
    pid = {nik: v[0][0] for nik, v in ids.items()}
    # 10 distinct workers accepted (P1 twice: 2025 and 2026 periods) → 11 coverage periods.
    assert con.execute("SELECT count(*) FROM pekerja").fetchall()[0][0] == 10
    assert con.execute("SELECT count(*) FROM kepesertaan").fetchall()[0][0] == 11

    def period(nik, start):
        return con.execute("SELECT tgl_akhir, kecamatan_kode, kelurahan_kode, sektor, desil, sumber_iuran, iuran_rp"
                           " FROM kepesertaan WHERE pekerja_id = ? AND tgl_mulai = ?", [pid[nik], start]).fetchall()[0]

    nov5 = dt.date(2025, 11, 5)
    assert period(SRC.P1, nov5) == (dt.date(2025, 12, 31), "32.75.08", "32.75.08.1001", "OJOL", 3, "APBD", 16_800)
    assert period(SRC.P1, dt.date(2026, 1, 1)) == (dt.date(2026, 12, 31), "32.75.08", "32.75.08.1001", "OJOL", 3,
                                                   "APBD", 16_800)
    assert period(SRC.P4, nov5)[0] == dt.date(2025, 12, 31)                 # Excel serial 46022
    assert period(SRC.P5, nov5)[1:4] == ("32.75.06", "32.75.06.1001", "OPANG")  # "Medan Satria", "Tukang ojek"
    assert period(SRC.P6, nov5)[6] is None                                   # IURAN left empty
    assert period(SRC.P8, nov5)[3] == "LAINNYA"                              # "astronot"
    assert period(SRC.P18, nov5)[1:3] == ("32.75.08", "32.75.08.1003")      # "08" + "1003"
    assert period(SRC.P19, nov5)[1:4] == ("32.75.01", "32.75.01.1004", "BECAK")
    # Sex and birth year come from the NIK even where the file says otherwise (P7 is written as P).
    assert con.execute("SELECT jenis_kelamin, tahun_lahir, nik_wilayah, kpj FROM pekerja WHERE pekerja_id = ?",
                       [pid[SRC.P7]]).fetchall() == [("L", 1970, "3172", "25000000007")]
    # Claims: KLM-002 found by KPJ (P2), amounts and dates parsed from cells of every type.
    claims = con.execute("SELECT no_klaim, program, tgl_kejadian, tgl_bayar, status, nominal_rp FROM klaim"
                         " ORDER BY no_klaim").fetchall()
    assert claims == [("KLM-001", "JKK", dt.date(2025, 11, 20), dt.date(2025, 12, 5), "DIBAYAR", 3_500_000),
                      ("KLM-002", "JKM", dt.date(2025, 12, 1), dt.date(2025, 12, 15), "DIBAYAR", 42_000_000),
                      ("KLM-004", "JKK", dt.date(2025, 12, 1), None, "DIAJUKAN", None),
                      ("KLM-010", "JKK", dt.date(2025, 12, 1), dt.date(2025, 12, 20), "DIVERIFIKASI", 1_250_000)]
    assert con.execute("SELECT pekerja_id FROM klaim WHERE no_klaim = 'KLM-004'").fetchall()[0][0] == pid[SRC.P5]
    assert con.execute("SELECT periode, jumlah_peserta, nominal_rp, tgl_bayar FROM pembayaran ORDER BY 1").fetchall() \
        == [(dt.date(2025, 11, 1), 676, 11_356_800, dt.date(2025, 12, 10)),
            (dt.date(2025, 12, 1), 2_694, 45_259_200, dt.date(2026, 1, 10)),
            (dt.date(2026, 1, 1), 2_700, 45_360_000, None)]
    assert con.execute("SELECT kode, nama, target_peserta, pagu_rp FROM tahap ORDER BY 1").fetchall() == [
        ("TAHAP1", "Tahap 1 (Nov–Des 2025)", 11_666, 580_000_000), ("TAHAP2026", "Tahun 2026", 10_000, 2_000_000_000)]
    assert con.execute("SELECT kode, nama, kecamatan_kode FROM pelatihan").fetchall() == [
        ("PLT-001", "Safety riding", "32.75.08")]
    assert sorted(r[0] for r in con.execute("SELECT status FROM pelatihan_peserta").fetchall()) == \
        ["LULUS", "LULUS", "TERDAFTAR", "TIDAK LULUS"]
    assert con.execute("SELECT status_verifikasi, alasan FROM usulan WHERE tgl_usulan = '2025-10-03'"
                       " ORDER BY status_verifikasi").fetchall() == [
        ("PROSES", None), ("TIDAK LOLOS", "DESIL_DI_ATAS_5")]  # ALASAN mapped to its reason code


def test_quarantine_keeps_the_row_findable_but_not_personal(loaded):
    con, results = loaded
    values, reason, kecamatan = con.execute(
        "SELECT row_values, reason, kecamatan_kode FROM karantina WHERE import_id = ? AND row_number = 17",
        [results["peserta"].import_id]).fetchall()[0]
    import json
    row = json.loads(values)
    assert row["NIK"] == "327503******0011"
    assert row["Kecamatan"] == "Pondok Gedhe" and row["TMT"] == "2025-11-05"
    assert not {"Nama Lengkap", "Tanggal Lahir", "JK", "No HP", "Alamat"} & set(row)
    assert "Pondokgede" in reason  # the closest official name is suggested
    assert kecamatan is None
    assert con.execute("SELECT kecamatan_kode FROM karantina WHERE import_id = ? AND row_number = 18",
                       [results["peserta"].import_id]).fetchall() == [("32.75.04",)]


def test_reasons_are_available_in_english(memory_con):
    report = preview(memory_con, "peserta", fixture_bytes("peserta"), "peserta.csv", nik_key=NIK_KEY, lang="en")
    reasons = dict(zip(report.validation.rejected["row_number"], report.validation.rejected["reason"]))
    assert reasons[22] == "KECAMATAN is empty; it is required."
    assert reasons[21].startswith("This row repeats row 4")


def test_completeness_is_recorded_per_imported_column(loaded):
    con, results = loaded
    filled = dict(con.execute("SELECT kolom, terisi FROM import_kelengkapan WHERE import_id = ?",
                              [results["peserta"].import_id]).fetchall())
    # 26 rows read: IURAN empty on line 9 only → 25; KECAMATAN empty on line 22 → 25; KELURAHAN empty on line 22 → 25;
    # SUMBER_IURAN empty on line 6 → 25; every row has a NIK → 26.
    assert filled["NIK"] == 26 and filled["IURAN"] == 25 and filled["KECAMATAN"] == 25
    assert filled["KELURAHAN"] == 25 and filled["SUMBER_IURAN"] == 25
    assert "NAMA" not in filled and "TGL_LAHIR" not in filled


def test_kind_is_recognised_from_the_header(memory_con):
    for kind in ORDER:
        report = preview(memory_con, None, fixture_bytes(kind), FILES[kind], nik_key=NIK_KEY)
        assert report.kind == kind


# A valid row per kind, under the canonical headers; the alias test swaps one header at a time.
P1 = "3275081205850001"
VALID_ROW = {
    "peserta": {"NIK": P1, "KPJ": "25000000001", "NAMA": "Budi", "TGL_LAHIR": "12/05/1985", "JENIS_KELAMIN": "L",
                "KECAMATAN": "Pondokgede", "KELURAHAN": "Jatiwaringin", "PEKERJAAN": "ojol", "DESIL": "3",
                "SUMBER_USULAN": "Dishub", "TGL_MULAI": "2025-11-05", "TGL_AKHIR": "2025-12-31", "SUMBER_IURAN": "APBD",
                "IURAN": "16800"},
    "usulan": {"NIK": P1, "NAMA": "Budi", "SUMBER_USULAN": "Dishub", "TGL_USULAN": "2025-10-01", "DESIL": "3",
               "STATUS_VERIFIKASI": "LOLOS", "ALASAN": "-", "KECAMATAN": "Pondokgede", "KELURAHAN": "Jatiwaringin",
               "PEKERJAAN": "ojol"},
    "klaim": {"NO_KLAIM": "K-1", "NIK": P1, "KPJ": "25000000001", "NAMA": "Budi", "PROGRAM": "JKK",
              "TGL_KEJADIAN": "2025-12-01", "TGL_PENGAJUAN": "2025-12-02", "TGL_BAYAR": "2025-12-09",
              "STATUS": "DIBAYAR", "NOMINAL": "100000"},
    "pelatihan": {"KODE_PELATIHAN": "PLT-9", "NAMA_PELATIHAN": "Barista", "TGL_MULAI": "2026-02-01",
                  "TGL_SELESAI": "2026-02-03", "KECAMATAN": "Jatiasih", "NIK": P1, "NAMA": "Budi", "STATUS": "LULUS"},
    "pembayaran": {"PERIODE": "2025-11", "JUMLAH_PESERTA": "10", "NOMINAL": "168000", "TGL_BAYAR": "2025-12-10"},
    "anggaran": {"TAHAP": "T1", "NAMA_TAHAP": "Tahap 1", "TGL_MULAI": "2025-11-05", "TGL_AKHIR": "2025-12-31",
                 "TARGET_PESERTA": "100", "PAGU": "1000000"},
}
ALIASES = [(kind, f.header, name) for kind, schema in SCHEMAS.items() for f in schema.fields for name in f.names]


@pytest.fixture(scope="module")
def store_with_worker():
    from sigap_metrics.store import connect_memory
    con = connect_memory()
    header = ",".join(VALID_ROW["peserta"])
    commit(con, "peserta", (header + "\n" + ",".join(VALID_ROW["peserta"].values())).encode(), "p.csv", user="t",
           nik_key=NIK_KEY)
    yield con
    con.close()


@pytest.mark.parametrize("kind, field, alias", ALIASES, ids=[f"{k}-{f}-{a}" for k, f, a in ALIASES])
def test_every_alias_is_recognised(store_with_worker, kind, field, alias):
    row = VALID_ROW[kind]
    headers = [alias.lower().replace("_", " ") if h == field else h for h in row]
    data = (";".join(headers) + "\n" + ";".join(row.values()) + "\n").encode("utf-8")
    report = preview(store_with_worker, kind, data, "alias.csv", nik_key=NIK_KEY)
    assert report.validation.columns[field] == alias.lower().replace("_", " ")
    assert (report.rows_read, report.accepted) == (1, 1), report.validation.rejected.to_dict("records")


def test_preview_writes_nothing(memory_con):
    from .test_import_support import checksums
    before = checksums(memory_con)
    for kind in ORDER:
        preview(memory_con, kind, fixture_bytes(kind), FILES[kind], nik_key=NIK_KEY)
    assert checksums(memory_con) == before


def test_reason_counts_summarise_the_report(memory_con):
    report = preview(memory_con, "peserta", fixture_bytes("peserta"), "peserta.csv", nik_key=NIK_KEY)
    counts = report.validation.reason_counts()
    assert counts["baris"].sum() == 15 + 7  # 15 rejected rows, 7 warnings
    assert set(counts["jenis"]) == {"ditolak", "peringatan"}
    assert isinstance(counts, pd.DataFrame)
