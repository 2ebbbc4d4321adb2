"""The monthly brief (PDF) and the budget workbook (XLSX), generated from the metrics' hand-computed fixture
(tests/test_metrics_fixture.py, data date 20 Aug 2026) and read back: PDF text with pypdf, the workbook with
openpyxl. Expected figures are worked out by hand from the fixture's tables in the comments."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pypdf
import pytest

from sigap_metrics.cli import main
from sigap_metrics.reports import build_monthly_brief, build_workbook
from sigap_metrics.store import connect

from .test_metrics_fixture import AS_OF, build_hand_store


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace made single spaces (table cells come out in reading order)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture(scope="module")
def hand():
    con = build_hand_store()
    yield con
    con.close()


@pytest.fixture(scope="module")
def august(hand) -> list[str]:
    return pages_text(build_monthly_brief(hand, "2026-08", data_date=AS_OF))


@pytest.fixture(scope="module")
def workbook(hand):
    return openpyxl.load_workbook(io.BytesIO(build_workbook(hand, 2026, data_date=AS_OF)))


def rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True)]


def table(sheet) -> list[tuple]:
    """The data rows under the frozen header (the header is the row just above the freeze line)."""
    first = sheet.freeze_panes and openpyxl.utils.cell.coordinate_to_tuple(sheet.freeze_panes)[0]
    return [row for row in sheet.iter_rows(min_row=first, values_only=True)]


# ---------------------------------------------------------------------------------------------- the brief

def test_brief_is_two_to_four_numbered_pages_with_data_date(august):
    assert 2 <= len(august) <= 4
    for number, text in enumerate(august, start=1):
        assert f"Halaman {number} dari {len(august)}" in text
        assert "data per 20 Agustus 2026" in text
        assert "SIGAP · Laporan bulanan Agustus 2026" in text
    # the fixture is not a demo store: no watermark, no demo note
    assert not any("DATA DEMO" in text for text in august)


def test_brief_headline_against_target_and_last_month(august):
    page = august[0]
    assert "Laporan Bulanan Program SIGAP · Agustus 2026" in page
    assert "angka per 20 Agustus 2026 · Tahap: Tahap 2" in page
    # 20 Aug: 15 active (W01 W02 W03 W04 W07 W08 W09 W10 W11 W13 W14 W15 W16 W17 W18) of the Tahap 2 target 20;
    # 31 Jul: 15 (W19 still covered, W18 not yet) → ±0
    assert "Pekerja terlindungi (aktif) 15 15 ±0 20" in page
    # 15/20 = 75,0% both months
    assert "Capaian target 75,0% 75,0% ±0,0 poin" in page
    # new: August W18 | July W16 W17; lapsed: August W19 (ended 12 Aug) | July none
    assert "Peserta baru bulan ini 1 2 −1" in page
    assert "Berhenti bulan ini 1 0 +1" in page
    # paid by 20 Aug K1 K2 K3 K5 = 4, 5 + 2 + 42 + 3 = Rp52 jt | by 31 Jul K1 K2 K5 = 3, Rp10 jt
    assert "Klaim dibayar 4 3 +1" in page
    assert "Manfaat dibayarkan Rp52.000.000 Rp10.000.000 +Rp42 juta" in page
    # Tahap 2 worker-months Jan–Jun 8+10+12+13+13+14 = 70 × 16.800 = 1.176.000; Jul 15 × 20.000 = 300.000 →
    # 1.476.000; Aug 17 × 20.000 = 340.000 → 1.816.000; pagu 5.000.000
    assert "Iuran tahap ini Rp1.816.000 Rp1.476.000 +Rp340.000 Rp5.000.000" in page
    # 1.816.000 / 5.000.000 = 36,32% → 36,3%; 1.476.000 / 5.000.000 = 29,52% → 29,5%
    assert "Realisasi anggaran 36,3% 29,5% +6,8 poin" in page


def test_brief_carries_the_generated_narrative(august):
    assert ("Per 20 Agu 2026, 15 pekerja rentan terlindungi, 75,0% dari target Tahap 2 (20 pekerja)."
            " Cakupan tidak berubah dibanding 20 Jul 2026."
            " Bulan ini 1 peserta baru dan 1 berhenti (periode yang sama bulan lalu: 2 baru, 0 berhenti)."
            " 1 klaim dibayar bulan ini senilai Rp42 juta. Realisasi anggaran 36,3% dari pagu Rp5 juta.") in august[0]


def test_brief_forecast_in_words(august):
    page = august[0]
    # active every 7 days back from 20 Aug over 8 weeks (25 Jun … 20 Aug): 14 14 14 14 15 15 16 15 15;
    # least squares over weeks −8…0: Σ(x−x̄)(y−ȳ) = 12, Σ(x−x̄)² = 60 → 0,2 workers a week
    assert "Laju 8 minggu terakhir: 0,2 pekerja per minggu." in page
    # fitted value on 20 Aug = 132/9 + 0,2 × 4 = 15,467; (20 − 15,467) ÷ (0,2/7) = 158,7 days → day 159 =
    # 26 Jan 2027, after the phase ends on 31 Dec 2026
    assert "target 20 pekerja baru tercapai sekitar 26 Jan 2027" in page
    assert "setelah akhir tahap (31 Des 2026)" in page
    # needed: (20 − 15) ÷ (133 days / 7) = 5 ÷ 19 = 0,26 → 0,3 a week
    assert "Laju yang dibutuhkan untuk mencapai target pada akhir tahap (31 Des 2026): 0,3 pekerja per minggu." in page


def test_brief_areas_and_sectors(august):
    text = " ".join(august)
    # kecamatan: active, allocation of the 20 target by residents (city 2.572.209), attainment, per 1.000:
    # Bantargebang 5, 20 × 117.386 / 2.572.209 = 0,913 → 0,9, 5 / 0,9127 = 547,8%, 5 / 117.386 × 1000 = 0,04
    assert "Bantargebang 5 0,9 547,8% 0,04" in text
    # Bekasi Timur 8, 2,142 → 2,1, 373,4%, 0,029 → 0,03; Bekasi Barat 2, 2,112 → 2,1, 94,7%, 0,007 → 0,01
    assert "Bekasi Timur 8 2,1 373,4% 0,03" in text
    assert "Bekasi Barat 2 2,1 94,7% 0,01" in text
    # ranked: the highest attainment first
    assert text.index("Bantargebang 5") < text.index("Bekasi Timur 8") < text.index("Bekasi Barat 2")
    # every kecamatan is listed, those without workers at 0
    assert "Pondokmelati 0 1,0 0,0% 0,00" in text
    # sectors on 20 Aug: OJOL 5 (33,3%), KULI 3 (new W18), PEMULUNG 3, UMKM 2, PRT 1, PKL 1; SOPIR lapsed W19
    assert "Ojek online 5 33,3% 0 0" in text
    assert "Kuli bangunan 3 20,0% 1 0" in text
    assert "Pemulung 3 20,0% 0 0" in text
    assert "Sopir angkutan umum 0 0,0% 0 1" in text


def test_brief_claims_and_benefits(august):
    text = " ".join(august)
    # program, status, filed this month (1–20 Aug), since the start, amount since the start:
    # JKK DIAJUKAN K7 (filed 10 Aug) | JKK DIBAYAR K1 K2 K5 | JKK DITOLAK K4 K8 | JKK DIVERIFIKASI K6 | JKM K3
    assert "JKK Diajukan 1 1 Rp1.000.000" in text
    assert "JKK Dibayar 0 3 Rp10.000.000" in text
    assert "JKK Ditolak 0 2 Rp2.300.000" in text
    assert "JKK Diverifikasi 0 1 Rp4.000.000" in text
    assert "JKM Dibayar 1 1 Rp42.000.000" in text
    assert "Bulan ini 2 klaim diajukan dan 1 klaim dibayar senilai Rp42.000.000." in text
    # filing → payment: K1 14, K2 20, K3 4, K5 26 days → median 17
    assert "17 hari (4 klaim dibayar sejak awal program)" in text
    # decided: 4 paid + 2 rejected → 2/6 = 33,3%
    assert "Tingkat penolakan: 33,3% dari 6 klaim" in text
    # Tahap 2 (1 Jan – 20 Aug): benefits K5 3 + K2 2 + K3 42 = Rp47 jt; premiums 70 × 16.800 + (15 + 16) × 20.000
    # = 1.796.000 (W20 starts 25 Aug) → 26,17
    assert "Rasio manfaat terhadap iuran (Tahap 2): 26,17, yaitu Rp47.000.000 manfaat dibayar untuk Rp1.796.000" in text
    # K4 (after W05's coverage) and K5 (in W03's gap)
    assert "2 klaim dengan tanggal kejadian di luar masa kepesertaan" in text


def test_brief_budget_realisation_and_projection(august):
    text = " ".join(august)
    assert "Iuran Tahap 2 s.d. akhir Agustus 2026: Rp1.816.000 dari pagu Rp5.000.000 (realisasi 36,3%)." in text
    # invoices paid for Jan–Aug 2026: January's Rp134.400 only
    assert "sudah dibayar ke BPJS Ketenagakerjaan: Rp134.400." in text
    # the rate from July: JKK 12.000 + JKM 8.000
    assert "(tarif JKK + JKM yang berlaku): Rp20.000." in text
    # 1.816.000 + August's 17 workers × 20.000 × 4 months (Sep–Dec) = 3.176.000; / 5.000.000 = 63,52%
    assert "(17 pekerja): Rp3.176.000, 63,5% dari pagu tahun 2026 (Rp5.000.000)." in text


def test_brief_definitions_from_the_catalogue(august):
    last = august[-1]
    assert "Definisi dan sumber" in last
    assert ("Pekerja terlindungi (aktif): Jumlah pekerja berbeda yang memiliki masa kepesertaan mencakup tanggal"
            " tersebut.") in last
    assert "Realisasi anggaran:" in last and "Data per 20 Agustus 2026." in last


def test_brief_in_english(hand):
    text = " ".join(pages_text(build_monthly_brief(hand, "2026-08", lang="en", data_date=AS_OF)))
    assert "SIGAP Programme Monthly Brief · August 2026" in text
    assert "Page 1 of" in text and "Covered workers (active) 15 15 ±0 20" in text
    assert "Budget realisation 36.3% 29.5% +6.8 pts" in text


@pytest.mark.parametrize("month, data_date, said", [
    # before the programme
    ("2025-06", AS_OF, "Data tersedia untuk 5 November 2025 sampai 20 Agustus 2026."),
    # after the data date: coverage is recorded into October, but no data has come in for it yet
    ("2026-10", AS_OF, "Data tersedia untuk 5 November 2025 sampai 20 Agustus 2026."),
])
def test_brief_for_a_month_without_data_says_so(hand, month, data_date, said):
    pages = pages_text(build_monthly_brief(hand, month, data_date=data_date))
    name = {"2025-06": "Juni 2025", "2026-10": "Oktober 2026"}[month]
    assert len(pages) == 1
    assert f"Tidak ada data untuk {name}" in pages[0] and said in pages[0]
    assert "Halaman 1 dari 1" in pages[0]


def test_brief_on_an_empty_store_says_so(memory_con):
    pages = pages_text(build_monthly_brief(memory_con, "2026-08"))
    assert "Tidak ada data untuk Agustus 2026" in pages[0]
    assert "Basis data ini belum berisi data program." in pages[0]


def test_brief_rejects_a_malformed_month(hand):
    with pytest.raises(ValueError, match="YYYY-MM"):
        build_monthly_brief(hand, "Agustus")


# ---------------------------------------------------------------------------------------------- the workbook

SHEETS = ["Ringkasan", "Iuran per bulan", "Realisasi pagu", "Proyeksi akhir tahun", "Skenario", "Klaim per bulan",
          "Klaim per status", "Definisi"]
RP = '"Rp"#,##0'


def test_workbook_sheets_frozen_headers_and_formats(workbook):
    assert workbook.sheetnames == SHEETS
    for name in SHEETS[1:]:
        assert workbook[name].freeze_panes is not None, name
    premiums = workbook["Iuran per bulan"]
    header_row = openpyxl.utils.cell.coordinate_to_tuple(premiums.freeze_panes)[0] - 1
    assert [c.value for c in premiums[header_row]] == ["Bulan", "Tahap", "Pekerja-bulan",
                                                       "Tarif per pekerja per bulan (Rp)", "Iuran (Rp)",
                                                       "Kumulatif tahun (Rp)"]
    first = premiums[header_row + 1]
    assert first[0].is_date and first[0].number_format == "mmm yyyy"
    assert first[2].number_format == "#,##0"
    assert first[3].number_format == RP and first[4].number_format == RP
    assert workbook["Realisasi pagu"].cell(header_row + 1, 7).number_format == '0.0"%"'   # 0–100


def test_workbook_premiums_by_month(workbook):
    data = table(workbook["Iuran per bulan"])
    months = [r for r in data if isinstance(r[0], dt.datetime)]
    # worker-months Jan–Aug 2026 (see test_metrics_handcomputed): 8 10 12 13 13 14 15 17; rate 16.800 then 20.000
    assert [r[2] for r in months] == [8, 10, 12, 13, 13, 14, 15, 17]
    assert [r[3] for r in months] == [16_800] * 6 + [20_000] * 2
    assert [r[4] for r in months] == [134_400, 168_000, 201_600, 218_400, 218_400, 235_200, 300_000, 340_000]
    assert months[-1][5] == 1_816_000 and all(r[1] == "Tahap 2" for r in months)
    total = data[-1]
    assert total[0] == "Jumlah" and total[2] == 102 and total[4] == 1_816_000


def test_workbook_realisation_against_pagu(workbook):
    (row,) = [r for r in table(workbook["Realisasi pagu"]) if r[0]]
    # Tahap 2: pagu 5.000.000, premiums 1.816.000 = 36,32%, remaining 3.184.000, invoices paid 134.400
    assert row[0] == "Tahap 2" and row[3] == 20
    # the share as percent 0–100, as on every page (it was a 0–1 fraction here before)
    assert (row[4], row[5], row[7], row[8]) == (5_000_000, 1_816_000, 3_184_000, 134_400)
    assert row[6] == pytest.approx(36.32)


def test_workbook_projection_to_year_end(workbook):
    sheet = workbook["Proyeksi akhir tahun"]
    data = [r for r in table(sheet) if isinstance(r[0], dt.datetime)]
    assert [r[1] for r in data] == ["realisasi"] * 8 + ["proyeksi"] * 4
    # September–December: August's 17 workers × Rp20.000 = 340.000 each; running total 3.176.000
    assert [r[4] for r in data[8:]] == [340_000] * 4 and data[-1][5] == 3_176_000
    side = {r[7]: r[8] for r in rows(sheet) if r[7]}
    assert side["Proyeksi iuran setahun (Rp)"] == 3_176_000 and side["Proyeksi (% pagu)"] == pytest.approx(63.52)
    assert side["Bulan tersisa"] == 4 and side["Pekerja pada bulan data (laju berjalan)"] == 17


def test_workbook_default_scenario(workbook):
    sheet = workbook["Skenario"]
    notes = [r[0] for r in rows(sheet)[:4] if r[0]]
    assert any("Skenario bawaan" in n and "2027" in n for n in notes)
    data = table(sheet)
    months = [r for r in data if isinstance(r[0], dt.datetime)]
    # the 15 workers active on the data date, twelve months of 2027 at Rp20.000 = 300.000 a month
    assert len(months) == 12 and months[0][0] == dt.datetime(2027, 1, 1)
    assert {r[1] for r in months} == {15} and {r[3] for r in months} == {300_000}
    assert data[-1][0] == "Anggaran yang dibutuhkan (Rp)" and data[-1][3] == 3_600_000


def test_workbook_given_scenario(hand):
    book = openpyxl.load_workbook(io.BytesIO(build_workbook(
        hand, 2026, data_date=AS_OF,
        scenario={"workers": 100, "months": 3, "start_month": dt.date(2026, 6, 1), "growth_pct": 10})))
    months = [r for r in table(book["Skenario"]) if isinstance(r[0], dt.datetime)]
    # June 100 × 16.800; July 110 × 20.000 (new rate); August 121 × 20.000
    assert [(r[1], r[2], r[3]) for r in months] == [(100, 16_800, 1_680_000), (110, 20_000, 2_200_000),
                                                    (121, 20_000, 2_420_000)]
    assert table(book["Skenario"])[-1][3] == 6_300_000
    with pytest.raises(ValueError, match="unknown scenario inputs"):
        build_workbook(hand, 2026, data_date=AS_OF, scenario={"workers": 1, "months": 1,
                                                              "start_month": dt.date(2026, 1, 1), "bogus": 1})


def test_workbook_claims_and_benefits(workbook):
    months = {r[0].month: r for r in table(workbook["Klaim per bulan"]) if isinstance(r[0], dt.datetime)}
    # filed: Jan K5, Feb K4, Mar K2, Jun K8, Jul K6 (JKK); Aug K7 (JKK) and K3 (JKM)
    assert {m: (r[1], r[2]) for m, r in months.items() if r[1] or r[2]} == {
        1: (1, 0), 2: (1, 0), 3: (1, 0), 6: (1, 0), 7: (1, 0), 8: (1, 1)}
    # paid: Feb K5 3 jt, Mar K2 2 jt, Aug K3 42 jt; August's premiums 340.000 → 42.000.000 / 340.000 = 123,53
    assert {m: r[4] for m, r in months.items() if r[3]} == {2: 3_000_000, 3: 2_000_000, 8: 42_000_000}
    assert round(months[8][6], 2) == 123.53 and months[8][5] == 340_000
    status = {(r[0], r[1]): (r[2], r[3]) for r in table(workbook["Klaim per status"]) if r[1]}
    # filed in 2026 (K1 was filed in December 2025)
    assert status == {("JKK", "Diajukan"): (1, 1_000_000), ("JKK", "Dibayar"): (2, 5_000_000),
                      ("JKK", "Ditolak"): (2, 2_300_000), ("JKK", "Diverifikasi"): (1, 4_000_000),
                      ("JKM", "Dibayar"): (1, 42_000_000)}


def test_workbook_cover_and_definitions(workbook):
    cover = {r[0]: r[1] for r in rows(workbook["Ringkasan"]) if r[0]}
    assert cover["Pagu tahun (Rp)"] == 5_000_000 and cover["Proyeksi iuran setahun (Rp)"] == 3_176_000
    assert cover["Manfaat dibayar tahun 2026 (Rp)"] == 47_000_000 and cover["Klaim dibayar tahun 2026"] == 3
    assert "Data per 20 Agustus 2026. Angka tahun 2026 sampai 20 Agustus 2026." in cover
    terms = {r[0]: r[1] for r in table(workbook["Definisi"]) if r[0]}
    assert terms["Realisasi anggaran"].startswith("Iuran pekerja-bulan tahap") and "Skenario" in terms


def test_workbook_neutralises_formulas_in_text():
    con = build_hand_store()
    try:
        # a phase name typed into the budget file as a formula
        con.execute("UPDATE tahap SET nama = '=HYPERLINK(\"http://x\",\"klik\")' WHERE kode = 'TAHAP2'")
        book = openpyxl.load_workbook(io.BytesIO(build_workbook(con, 2026, data_date=AS_OF)))
    finally:
        con.close()
    seen = False
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), (sheet.title, cell.coordinate)
                    seen |= cell.value.startswith("'=HYPERLINK")
    assert seen


def test_workbook_for_a_year_without_data_keeps_the_scenario(hand):
    book = openpyxl.load_workbook(io.BytesIO(build_workbook(hand, 2027, data_date=AS_OF)))
    assert book.sheetnames == ["Ringkasan", "Skenario", "Definisi"]
    assert any(r[0] and "Tidak ada data program untuk tahun 2027" in r[0] for r in rows(book["Ringkasan"]))


# ---------------------------------------------------------------------------------------------- CLI, demo store

def test_cli_monthly_brief_on_the_demo_store(demo_db, tmp_path):
    out = tmp_path / "brief.pdf"
    assert main(["report", "monthly", "--db", str(demo_db), "--month", "2026-10", "--out", str(out)]) == 0
    pages = pages_text(out.read_bytes())
    assert 2 <= len(pages) <= 4
    # the watermark and page numbers on every page
    for number, text in enumerate(pages, start=1):
        assert "DATA DEMO" in text and f"Halaman {number} dari {len(pages)}" in text
    from sigap_metrics import fmt
    from sigap_metrics.metrics import summary
    con = connect(demo_db, read_only=True)
    try:
        s = summary(con, dt.date(2026, 10, 31))
    finally:
        con.close()
    assert f"Pekerja terlindungi (aktif) {fmt.number(s['active_workers'])}" in pages[0]
    assert f"Realisasi anggaran {fmt.percent(s['realisation_pct'])}" in pages[0]


def test_cli_workbook_on_the_demo_store(demo_db, tmp_path):
    out = tmp_path / "anggaran.xlsx"
    assert main(["report", "workbook", "--db", str(demo_db), "--year", "2026", "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == SHEETS
    assert "DATA DEMO" in book["Iuran per bulan"]["A2"].value


def test_cli_refuses_bad_arguments(demo_db, tmp_path, capsys):
    assert main(["report", "monthly", "--db", str(demo_db), "--month", "10-2026",
                 "--out", str(tmp_path / "x.pdf")]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["report", "workbook", "--db", str(tmp_path / "none.duckdb"), "--year", "2026",
                 "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "no store" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.xlsx").exists()


def test_cli_refuses_a_store_held_by_a_writer(demo_db, tmp_path, capsys):
    import shutil
    import subprocess
    import sys
    store = tmp_path / "held.duckdb"
    shutil.copy(demo_db, store)
    # a program outside the writer swap (a DuckDB shell, an old version of the app) holds the file for writing
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                               " print('open', flush=True); time.sleep(60)", str(store)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        out = tmp_path / "brief.pdf"
        assert main(["report", "monthly", "--db", str(store), "--month", "2026-10", "--out", str(out)]) == 2
        assert "sedang dibuka untuk ditulis oleh program lain" in capsys.readouterr().err and not out.exists()
    finally:
        holder.kill()
        holder.wait()
