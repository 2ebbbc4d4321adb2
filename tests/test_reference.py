import csv

import pytest

from sigap_metrics.reference import (KECAMATAN, KELURAHAN, SECTORS, area_name, match_area, match_sector,
                                     suggest_areas)


def test_counts_and_city_total():
    assert len(KECAMATAN) == 12 and len(KELURAHAN) == 56
    # DESIGN §1: 2,572,209 registered residents (Dukcapil, Dec 2024).
    assert sum(a.penduduk for a in KECAMATAN) == 2_572_209
    assert sum(a.penduduk for a in KELURAHAN) == 2_572_209


def test_kecamatan_facts_from_design():
    # DESIGN §4.4, written out by hand.
    expected = {"01": ("Bekasi Timur", 275531), "02": ("Bekasi Barat", 271632), "03": ("Bekasi Utara", 344840),
                "04": ("Bekasi Selatan", 218070), "05": ("Rawalumbu", 225582), "06": ("Medansatria", 161366),
                "07": ("Bantargebang", 117386), "08": ("Pondokgede", 233074), "09": ("Jatiasih", 247643),
                "10": ("Jatisampurna", 120049), "11": ("Mustikajaya", 224491), "12": ("Pondokmelati", 132545)}
    got = {a.kode[-2:]: (a.nama, a.penduduk) for a in KECAMATAN}
    assert got == expected


def test_matches_shared_area_table(shared_geo):
    rows = list(csv.DictReader(open(shared_geo / "kota_bekasi_wilayah.csv", encoding="utf-8")))
    kel = {r["kode"]: (r["nama"], r["kecamatan_kode"], int(r["population"])) for r in rows if r["level"] == "kelurahan"}
    assert {a.kode: (a.nama, a.kecamatan_kode, a.penduduk) for a in KELURAHAN} == kel
    for area in KELURAHAN:
        assert {r["kode"] for r in rows} >= {area.kode, area.kecamatan_kode}


@pytest.mark.parametrize("text,code", [
    ("Pondok Gede", "32.75.08"), ("PONDOKGEDE", "32.75.08"), ("Pd. Gede", "32.75.08"),
    ("Bantar Gebang", "32.75.07"), ("Mustika Jaya", "32.75.11"), ("Medan Satria", "32.75.06"),
    ("Jati Asih", "32.75.09"), ("kec. bekasi timur", "32.75.01"), ("32.75.12", "32.75.12"), ("08", "32.75.08"),
])
def test_kecamatan_spellings(text, code):
    assert match_area("kecamatan", text) == code


def test_kelurahan_by_name_and_code():
    assert match_area("kelurahan", "Jati Bening Baru") == "32.75.08.1006"
    assert match_area("kelurahan", "3275081006") == "32.75.08.1006"
    assert match_area("kelurahan", "Kota Baru") == "32.75.02.1003"


def test_unknown_area_gets_suggestions():
    assert match_area("kecamatan", "Bekasi Tengah") is None
    assert "Pondokgede" in suggest_areas("kecamatan", "Pondok Gedhe")
    assert area_name("32.75.07") == "Bantargebang"


@pytest.mark.parametrize("text,code", [
    ("Driver Gojek", "OJOL"), ("ojol", "OJOL"), ("Grab", "OJOL"), ("Sopir Angkot", "SOPIR"),
    ("juru parkir", "PARKIR"), ("Marbot masjid", "KEAGAMAAN"), ("Pemulung", "PEMULUNG"),
    ("Guru PAUD", "PAUD"), ("buruh harian lepas", "BHL"), ("tukang becak", "BECAK"),
])
def test_occupations_map_to_sectors(text, code):
    assert match_sector(text) == code


def test_fourteen_sectors_with_both_languages():
    assert len(SECTORS) == 14
    assert all(s.nama_id and s.nama_en for s in SECTORS)
    assert match_sector("astronot") is None
