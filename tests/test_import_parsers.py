"""Value parsers, NIK checks and header matching, on the formats of DESIGN §4.1–4.2."""
import datetime as dt

import pandas as pd
import pytest

from sigap_metrics.importers.nik import check_niks, clean_nik, scientific
from sigap_metrics.importers.parsers import parse_dates, parse_integers, parse_money, parse_periods
from sigap_metrics.importers.schemas import SCHEMAS, header_key
from sigap_metrics.importers.validate import mask_niks, scrub_niks
from sigap_metrics.privacy import mask_nik

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("text, expected", [
    ("2025-11-05", dt.date(2025, 11, 5)), ("05/11/2025", dt.date(2025, 11, 5)), ("05-11-2025", dt.date(2025, 11, 5)),
    ("5.11.2025", dt.date(2025, 11, 5)), ("5 Nov 2025", dt.date(2025, 11, 5)),
    ("5 November 2025", dt.date(2025, 11, 5)),
    ("05 Agustus 2025", dt.date(2025, 8, 5)), ("1 Nopember 2025", dt.date(2025, 11, 1)),
    ("17 Okt 2025", dt.date(2025, 10, 17)), ("3 Mei 2026", dt.date(2026, 5, 3)), ("9 Des 2025", dt.date(2025, 12, 9)),
    ("5-Nov-2025", dt.date(2025, 11, 5)), ("5 sept. 2025", dt.date(2025, 9, 5)), ("2025/11/05", dt.date(2025, 11, 5)),
    ("2025-11-05 00:00:00", dt.date(2025, 11, 5)), ("05/11/2025 13:45", dt.date(2025, 11, 5)),
    # Excel serials: day 45658 is 1 Jan 2025 (45292 = 1 Jan 2024, + 366 days of 2024); 45966 = 45658 + 308.
    ("45658", dt.date(2025, 1, 1)), ("45966", dt.date(2025, 11, 5)), ("45966.5", dt.date(2025, 11, 5)),
    ("29/02/2024", dt.date(2024, 2, 29)),
])
def test_every_date_format(text, expected):
    assert parse_dates(pd.Series([text]))[0].date() == expected


@pytest.mark.parametrize("text", ["30/02/2025", "29/02/2025", "13/13/2025", "31-04-2026", "5 Novembre 2025",
                                  "2025-11", "", "kemarin", "05/11/25", "1234", "05/11/1850"])
def test_impossible_or_unknown_dates_are_not_parsed(text):
    assert pd.isna(parse_dates(pd.Series([text]))[0])


@pytest.mark.parametrize("text, expected", [
    ("Rp16.800", 16_800), ("Rp 16.800,00", 16_800), ("16.800", 16_800), ("16800", 16_800), ("16800.0", 16_800),
    ("Rp16.800,-", 16_800), ("IDR 16,800", 16_800), ("Rp. 42.000.000", 42_000_000), ("1.234.567", 1_234_567),
    ("0", 0), ("Rp 580.000.000", 580_000_000),
])
def test_every_money_format(text, expected):
    assert parse_money(pd.Series([text]))[0] == expected


@pytest.mark.parametrize("text", ["-16800", "enam belas ribu", "16.800.5", "Rp", "16 800 800x"])
def test_unknown_money_is_not_parsed(text):
    assert pd.isna(parse_money(pd.Series([text]))[0])


@pytest.mark.parametrize("text, expected", [("3", 3), ("3.0", 3), ("10.000", 10_000), ("10,000", 10_000),
                                            ("11.666", 11_666)])
def test_integers(text, expected):
    assert parse_integers(pd.Series([text]))[0] == expected


@pytest.mark.parametrize("text", ["3.5", "x", "Rp3", "-1"])
def test_integers_refuse_fractions_and_text(text):
    assert pd.isna(parse_integers(pd.Series([text]))[0])


@pytest.mark.parametrize("text", ["2025-11", "2025/11", "11/2025", "11-2025", "November 2025", "Nov 2025",
                                  "Nopember 2025", "NOVEMBER-2025", "2025-11-01", "2025-11-20", "45962"])
def test_every_period_format(text):
    assert parse_periods(pd.Series([text]))[0].date() == dt.date(2025, 11, 1)


def test_nik_checks_and_what_a_nik_encodes():
    niks = pd.Series([
        "3275081205850001",  # valid: male, 12 May 1985
        "3275084512900002",  # valid: female (45 = 5 + 40), 5 Dec 1990
        "3275080101100003",  # valid: 1 Jan 2010 (10 is not after this year, so 2010)
        "3275083002900001",  # 30 Feb
        "3275083212900001",  # day 32
        "3275087212900001",  # day 72 (women go up to 71)
        "3275081213900001",  # month 13
        "3275081205850000",  # serial 0000
        "3299081205850001",  # kota 99 does not exist
        "3219081205850001",  # Jawa Barat has 18 kabupaten
        "1001081205850001",  # province 10 does not exist
        "327508120585001",   # 15 digits
        "32750812058500O1",  # a letter O
    ])
    check = check_niks(niks, TODAY)
    assert list(check.code.fillna("ok")) == ["ok", "ok", "ok", "NIK_TANGGAL", "NIK_TANGGAL", "NIK_TANGGAL",
                                             "NIK_TANGGAL", "NIK_NOMOR_URUT", "NIK_WILAYAH", "NIK_WILAYAH",
                                             "NIK_WILAYAH", "NIK_FORMAT", "NIK_FORMAT"]
    assert list(check.female[:3]) == [False, True, False]
    assert [d.date() for d in check.birth_date[:3]] == [dt.date(1985, 5, 12), dt.date(1990, 12, 5), dt.date(2010, 1, 1)]
    assert list(check.region[:2]) == ["3275", "3275"]


@pytest.mark.parametrize("nik", ["3216064703920004", "3172031010700007", "3301011010700007", "3578011010700007",
                                 "1101011010700007", "9471011010700007", "6473011010700007"])
def test_niks_from_elsewhere_are_valid(nik):
    # Kab. Bekasi, Jakarta Utara, Cilacap, Surabaya, Simeulue, Kota Jayapura (Papua, 94 after the split:
    # limits are generous there), Tarakan under its old East Kalimantan code.
    assert check_niks(pd.Series([nik]), TODAY).code.isna().all()


def test_nik_decorations_and_scientific_notation():
    assert list(clean_nik(pd.Series(["'3275081205850001", "3275 0812 0585 0001", "3275.0812.0585.0001"]))) == \
        ["3275081205850001"] * 3
    assert list(scientific(pd.Series(["3.27501E+15", "3,27501E+15", "3.27501e15", "3275081205850001", "E+15"]))) == \
        [True, True, True, False, False]


def test_column_masking_matches_privacy_mask_nik():
    values = ["3275081205850001", "327508120585001", "3.27508E+15", ""]
    assert list(mask_niks(pd.Series(values))) == [mask_nik(clean_nik(pd.Series([v]))[0]) for v in values]
    assert mask_niks(pd.Series(["3275081205850001"]))[0] == "327508******0001"


def test_scrub_masks_any_sixteen_digit_run_only():
    text = pd.Series(["nik 3275081205850001 di kolom lain", "kpj 25000000001", "17 digit 32750812058500011"])
    assert list(scrub_niks(text)) == ["nik 327508******0001 di kolom lain", "kpj 25000000001",
                                      "17 digit 32750812058500011"]


@pytest.mark.parametrize("written", ["NO_KPJ", "no kpj", "No. KPJ", "No/KPJ", "nO_kPj", "No.-KPJ", "\ufeffNO_KPJ"])
def test_header_matching_ignores_case_spaces_underscores_dots_slashes(written):
    assert header_key(written) == header_key("NO_KPJ") == "NOKPJ"


# DESIGN §4.1, transcribed: the first name is canonical, the rest are aliases that must work.
DESIGN_ALIASES = {
    "peserta": {"NIK": [], "KPJ": ["NO_KPJ", "NOMOR_KPJ", "NO_PESERTA"], "NAMA": ["NAMA_PESERTA", "NAMA_LENGKAP"],
                "TGL_LAHIR": ["TANGGAL_LAHIR"], "JENIS_KELAMIN": ["JK"], "KECAMATAN": [], "KELURAHAN": [],
                "PEKERJAAN": ["JENIS_PEKERJAAN", "SEKTOR"], "DESIL": [], "SUMBER_USULAN": ["INSTANSI_PENGUSUL"],
                "TGL_MULAI": ["TGL_KEPESERTAAN", "TMT"], "TGL_AKHIR": ["TGL_BERAKHIR", "MASA_BERLAKU"],
                "SUMBER_IURAN": ["SUMBER_DANA"], "IURAN": []},
    "usulan": {"NIK": [], "SUMBER_USULAN": [], "TGL_USULAN": [], "DESIL": [], "STATUS_VERIFIKASI": [], "ALASAN": [],
               "KECAMATAN": [], "KELURAHAN": [], "PEKERJAAN": []},
    "klaim": {"NO_KLAIM": ["NOMOR_KLAIM", "ID_KLAIM"], "NIK": [], "KPJ": [], "PROGRAM": ["JENIS_KLAIM"],
              "TGL_KEJADIAN": [], "TGL_PENGAJUAN": [], "TGL_BAYAR": ["TGL_PEMBAYARAN"], "STATUS": [],
              "NOMINAL": ["JUMLAH_MANFAAT", "NILAI_KLAIM"]},
    "pelatihan": {"KODE_PELATIHAN": [], "NAMA_PELATIHAN": [], "TGL_MULAI": [], "TGL_SELESAI": [], "KECAMATAN": [],
                  "NIK": [], "STATUS": []},
    "pembayaran": {"PERIODE": [], "JUMLAH_PESERTA": [], "NOMINAL": [], "TGL_BAYAR": []},
    "anggaran": {"TAHAP": [], "TGL_MULAI": [], "TGL_AKHIR": [], "TARGET_PESERTA": [], "PAGU": []},
}


@pytest.mark.parametrize("kind", list(DESIGN_ALIASES))
def test_schemas_declare_every_design_column_and_alias(kind):
    schema = SCHEMAS[kind]
    declared = {f.header: set(f.aliases) for f in schema.fields}
    for header, aliases in DESIGN_ALIASES[kind].items():
        assert header in declared, header
        assert set(aliases) <= declared[header], (header, set(aliases) - declared[header])


@pytest.mark.parametrize("kind", list(SCHEMAS))
def test_no_header_means_two_fields(kind):
    keys = [header_key(name) for f in SCHEMAS[kind].fields for name in f.names]
    assert len(keys) == len(set(keys))
