"""Reading files as operators produce them; whole-file refusals name the problem and the expected columns."""
import io

import openpyxl
import pytest

from sigap_metrics.importers.messages import FileRefused
from sigap_metrics.importers.pipeline import preview, read
from sigap_metrics.importers.read import read_table, sniff_delimiter

from .conftest import NIK_KEY

HEADER = "NIK,KPJ,KECAMATAN,KELURAHAN,PEKERJAAN,TGL_MULAI,TGL_AKHIR"
ROW = "3275081205850001,25000000001,Pondok Gede,Jatiwaringin,ojol,05/11/2025,31/12/2025"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_separators(memory_con, encoding, delimiter):
    text = f"{HEADER}\n{ROW}\n".replace(",", delimiter).replace("Pondok Gede", "Pondok Gedé")
    report = preview(memory_con, "peserta", text.encode(encoding), "p.csv", nik_key=NIK_KEY)
    # "Pondok Gedé" has an é, so the encoding must have been read right for the name to be suggested back intact.
    assert report.rows_read == 1
    reason = report.validation.rejected["reason"].iloc[0]
    assert '"Pondok Gedé"' in reason and "Pondokgede" in reason


def test_semicolon_wins_when_commas_are_inside_values():
    assert sniff_delimiter("NIK;IURAN;KECAMATAN\n1;Rp 16.800,00;Pondokgede\n") == ";"
    assert sniff_delimiter("NIK,IURAN\n1,16800\n") == ","


def test_multi_line_values_keep_file_line_numbers():
    table = read_table(b'A,B\n1,"two\nlines"\n3,4\n')
    assert list(table.row_numbers) == [1, 2, 4]
    assert table.rows.iloc[1, 1] == "two\nlines"


def test_xlsx_cells_become_the_text_they_show():
    import datetime as dt
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["NIK", "KPJ", "TGL", "IURAN", "X"])
    sheet.append([3275081205850001, 25000000001, dt.datetime(2025, 11, 5, 8, 30), 16800.0, True])
    sheet.append(["3275081205850001", "025", dt.date(2025, 11, 5), 16800.5, None])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue())
    assert table.file_format == "xlsx"
    assert list(table.rows.iloc[1]) == ["3.27508E+15", "25000000001", "2025-11-05", "16800", "TRUE"]
    assert list(table.rows.iloc[2]) == ["3275081205850001", "025", "2025-11-05", "16800.5", ""]


def test_xlsx_empty_cells_in_a_text_column_are_empty():
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["NIK", "KPJ"], ["3275081205850001", None], ["3275084512900002", "25000000002"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    assert list(read_table(buffer.getvalue()).rows[1]) == ["KPJ", "", "25000000002"]


def _refused(data: bytes, kind: str | None = "peserta") -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read(data, "f", kind)
    return caught.value


def test_whole_file_refusals_say_why():
    assert _refused(b"").code == "FILE_KOSONG"
    assert _refused(b"  \n\n").code == "FILE_KOSONG"
    assert _refused(b"\xd0\xcf\x11\xe0rest of an old xls").code == "FILE_XLS_LAMA"
    assert _refused(b"PK\x03\x04not really a zip").code == "FILE_TIDAK_TERBACA"
    assert _refused(b"a\x00b\x00c").code == "FILE_TIDAK_TERBACA"
    assert _refused(b"\x81\x8d\x8f\x90\x9d").code == "ENCODING"  # undefined in Windows-1252, invalid UTF-8
    assert _refused(HEADER.encode(), "peserta").code == "TIDAK_ADA_DATA"
    assert _refused(f"{HEADER}\n,,\n , ,\n".encode(), "peserta").code == "TIDAK_ADA_DATA"


def test_header_without_rows_is_refused(memory_con):
    with pytest.raises(FileRefused) as caught:
        preview(memory_con, "peserta", (HEADER + "\n").encode(), "p.csv", nik_key=NIK_KEY)
    assert caught.value.code == "TIDAK_ADA_DATA"


def test_missing_columns_are_named_with_the_expected_ones():
    refusal = _refused(b"NIK,KECAMATAN,PEKERJAAN\n3275081205850001,08,ojol\n")
    assert refusal.code == "KOLOM_WAJIB_HILANG"
    message = refusal.message()
    assert "Kolom wajib tidak ada: KELURAHAN, TGL_MULAI, TGL_AKHIR" in message
    assert "Kolom yang diharapkan untuk peserta: NIK, KECAMATAN, KELURAHAN, PEKERJAAN, TGL_MULAI, TGL_AKHIR" in message
    assert "opsional: KPJ, NAMA" in message
    assert "Required columns missing" in refusal.message("en")


def test_a_file_of_another_kind_gets_a_hint():
    refusal = _refused(b"PERIODE,JUMLAH_PESERTA,NOMINAL,TGL_BAYAR\n2025-11,1,16800,\n", "peserta")
    assert refusal.code == "HEADER_TIDAK_DITEMUKAN"  # not one peserta column in it
    assert "tampaknya berisi data pembayaran: pilih jenis pembayaran" in refusal.message()
    assert "looks like pembayaran data" in refusal.message("en")
    # A klaim file imported as pelatihan shares NIK with it: some columns found, the rest missing.
    refusal = _refused(b"NO_KLAIM,NIK,PROGRAM,TGL_KEJADIAN,TGL_PENGAJUAN,TGL_BAYAR,STATUS,NOMINAL\nK,1,JKK,,,,,\n",
                       "pelatihan")
    assert refusal.code == "KOLOM_WAJIB_HILANG" and "pilih jenis klaim" in refusal.message()


def test_unrecognisable_files_are_refused_when_auto_detecting():
    assert _refused(b"foo,bar\n1,2\n", None).code == "JENIS_TIDAK_DIKENAL"
    assert _refused(b"foo,bar\n1,2\n", "peserta").code == "HEADER_TIDAK_DITEMUKAN"
    assert _refused(b"x\n", "hewan").code == "JENIS_SALAH"


def test_two_columns_for_one_field_are_refused(memory_con):
    data = f"{HEADER},NO_KPJ\n{ROW},25000000009\n".encode()
    with pytest.raises(FileRefused) as caught:
        preview(memory_con, "peserta", data, "p.csv", nik_key=NIK_KEY)
    assert caught.value.code == "KOLOM_GANDA" and "KPJ, NO_KPJ" in caught.value.message()


def test_header_below_title_lines_is_found(memory_con):
    data = f"REKAP PESERTA\nNovember 2025\n\n{HEADER}\n{ROW}\n".encode()
    report = preview(memory_con, "peserta", data, "p.csv", nik_key=NIK_KEY)
    assert report.validation.header_row == 4
    assert list(report.validation.accepted["row_number"]) == [5]
