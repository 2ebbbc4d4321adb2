"""Workbooks as people save them (issue 12, DESIGN §4.2): the data sheet is chosen by its header, title rows,
a `NO` column, total rows and signature blocks are not data, a stale stored dimension loses nothing, free text
(KPJ, SUMBER_USULAN, ALASAN) is checked or mapped, and messages say what is wrong. The files are built in code
(tests/fixtures/import/workbooks.py); the expectations below are worked out by hand from its row comments."""
import importlib.util
import io
import json

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigap_metrics import cli
from sigap_metrics.importers.freetext import reason_codes, scrub_personal, scrub_reason
from sigap_metrics.importers.messages import FileRefused
from sigap_metrics.importers.pipeline import commit, preview, read
from sigap_metrics.importers.read import read_table
from sigap_metrics.store import connect

from .conftest import NIK_KEY
from .test_import_support import FIXTURES


def _module():
    spec = importlib.util.spec_from_file_location("workbooks", FIXTURES / "workbooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


W = _module()


def _outcome(con, kind, data, name, **kwargs):
    result = commit(con, kind, data, name, user="test", nik_key=NIK_KEY, **kwargs)
    rejected = dict(con.execute("SELECT row_number, reason_code FROM karantina WHERE import_id = ?",
                                [result.import_id]).fetchall())
    notes = con.execute("SELECT row_number, code FROM import_catatan WHERE import_id = ? ORDER BY 1, 2",
                        [result.import_id]).fetchall()
    return result, rejected, notes


@pytest.mark.parametrize("dimension", [None, "A1:B2", "A1:A1", "A1:N5", "A1:XFD1048576"])
def test_dinsos_workbook_summary_sheet_first_title_rows_total_and_signature(memory_con, dimension):
    data = W.dinsos_workbook() if dimension is None else W.with_dimension(W.dinsos_workbook(), dimension)
    expected = W.DINSOS_EXPECTED
    report = preview(memory_con, "peserta", data, "dinsos.xlsx", nik_key=NIK_KEY)
    assert report.validation.sheet == expected["sheet"]
    assert report.validation.header_row == expected["header_row"]
    assert report.validation.skipped == expected["skipped"]
    result, rejected, notes = _outcome(memory_con, "peserta", data, "dinsos.xlsx")
    assert (result.rows_read, result.accepted, result.rejected) == (9, 3, 6)
    assert rejected == expected["rejected"]
    assert notes == [(13, "JENIS_KELAMIN_BEDA")]  # free-text SUMBER_USULAN rows 10, 12 are rejected anyway
    assert memory_con.execute("SELECT sheet, rows_skipped, rows_read FROM import_log WHERE import_id = ?",
                              [result.import_id]).fetchall() == [("Data Peserta", 7, 9)]
    stored = memory_con.execute("SELECT w.kpj, k.sumber_usulan, k.tgl_mulai::VARCHAR, k.tgl_akhir::VARCHAR"
                                " FROM kepesertaan AS k JOIN pekerja AS w USING (pekerja_id) ORDER BY w.kpj").fetchall()
    assert stored == [("25000001001", "DINSOS", "2025-11-05", "2025-12-31"),   # 05 Nopember 2025
                      ("25000001002", "PLATFORM", "2025-11-05", "2026-02-28"),  # KPJ 250-0000-1002, 28 Pebruari
                      ("25000001009", "DISHUB", "2025-12-01", "2026-02-28")]


def test_the_summary_sheet_is_read_only_when_asked_and_the_refusal_names_it(memory_con):
    data = W.dinsos_workbook()
    with pytest.raises(FileRefused) as caught:
        read(data, "dinsos.xlsx", "peserta", sheet="Rekap")
    message = caught.value.message()
    assert caught.value.code == "HEADER_TIDAK_DITEMUKAN" or caught.value.code == "KOLOM_WAJIB_HILANG"
    assert 'Dibaca: lembar "Rekap"; lembar lain: "Data Peserta"' in message
    with pytest.raises(FileRefused) as caught:
        read(data, "dinsos.xlsx", "peserta", sheet="Lembar1")
    assert caught.value.code == "LEMBAR_TIDAK_ADA" and '"Rekap", "Data Peserta"' in caught.value.message()
    table, kind = read(data, "dinsos.xlsx", None)  # kind recognised from the chosen sheet's header
    assert (kind, table.sheet) == ("peserta", "Data Peserta")


def test_cli_sheet_option_and_stderr_report(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SIGAP_NIK_KEY_FILE", str(tmp_path / "nik.key"))
    path = tmp_path / "dinsos.xlsx"
    path.write_bytes(W.dinsos_workbook())
    db = tmp_path / "s.duckdb"
    assert cli.main(["import", "peserta", str(path), "--db", str(db), "--sheet", "Rekap"]) == 2
    err = capsys.readouterr().err
    assert 'lembar "Rekap"' in err and "Traceback" not in err and not db.exists()
    assert cli.main(["import", "peserta", str(path), "--db", str(db), "--sheet", "Data Peserta"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["rows_read"] == 9
    assert 'Lembar "Data Peserta" dibaca (dipilih)' in captured.err
    assert "1 baris jumlah/total, 6 baris tanda tangan/catatan di bawah tabel" in captured.err


def test_semicolon_csv_with_bom_crlf_blank_lines_duplicate_total_and_signature(memory_con):
    result, rejected, notes = _outcome(memory_con, "usulan", W.usulan_csv(), "usulan_jatibening.csv")
    assert (result.rows_read, result.accepted, result.rejected) == (5, 3, 2)
    assert rejected == W.USULAN_EXPECTED["rejected"]
    assert notes == [(4, "DESIL_DI_LUAR_SASARAN")]
    assert memory_con.execute("SELECT sumber_usulan, alasan FROM usulan ORDER BY tgl_usulan, status_verifikasi"
                              ).fetchall() == [
        ("KELURAHAN", "tunggu konfirmasi [dihapus]"),            # line 5: "Bu Yayah 0812-…" removed
        ("KELURAHAN", "DESIL_DI_ATAS_5"),                        # line 4: mapped to a reason code
        ("DINSOS", "kirim ke [dihapus] NIK [dihapus] beda KK"),  # line 7: e-mail and NIK removed
    ]
    values = dict(memory_con.execute("SELECT row_number, row_values FROM karantina").fetchall())
    assert json.loads(values[10])["Keterangan"] == "cek NIP [dihapus]"
    assert json.loads(values[9])["NIK"] == "327501******0003"


def test_the_stale_dimension_of_the_issue_five_rows_not_one(memory_con):
    book = openpyxl.Workbook()
    book.active.append(["NIK", "KECAMATAN", "KELURAHAN", "PEKERJAAN", "TGL_MULAI", "TGL_AKHIR"])
    niks = ["3275081205860001", "3275084512900002", "3275010101800003", "3275072208750007", "3275096002950008"]
    for nik in niks:
        book.active.append([nik, "Pondokgede", "Jatiwaringin", "ojol", "2025-11-05", "2025-12-31"])
    buffer = io.BytesIO()
    book.save(buffer)
    stale = W.with_dimension(buffer.getvalue(), "A1:F2")
    assert b'<dimension ref="A1:F2"/>' in __import__("zipfile").ZipFile(io.BytesIO(stale)).read(
        "xl/worksheets/sheet1.xml")
    result = commit(memory_con, "peserta", stale, "p.xlsx", user="t", nik_key=NIK_KEY)
    assert (result.rows_read, result.accepted) == (5, 5)


def _oracle_rows(xlsx: bytes) -> list[tuple[int, list[str]]]:
    """Every row holding a value, read by openpyxl's full (not read-only) mode, which builds the sheet from its
    cells and never looks at the stored dimension."""
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    rows = []
    for cells in sheet.iter_rows():
        values = {c.column: c.value for c in cells if c.value is not None}
        if values:
            width = max(values)
            rows.append((cells[0].row, [str(values.get(i, "")) for i in range(1, width + 1)]))
    return rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.dictionaries(st.tuples(st.integers(1, 40), st.integers(1, 6)),
                             st.text(alphabet="ABCXYZ019 ", min_size=1, max_size=6).filter(str.strip),
                             min_size=1, max_size=60),
       last_row=st.integers(1, 1_048_576), last_col=st.integers(1, 16_384))
def test_property_any_stale_dimension_reads_exactly_the_rows_a_full_read_finds(cells, last_row, last_col):
    book = openpyxl.Workbook()
    for (row, column), value in cells.items():
        book.active.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    column_letters = openpyxl.utils.get_column_letter(last_col)
    stale = W.with_dimension(buffer.getvalue(), f"A1:{column_letters}{last_row}")
    table = read_table(stale, choose=lambda book: (book.sheet_names[0], ()))
    got = [(int(n), [v for v in row]) for n, row in zip(table.row_numbers, table.rows.itertuples(index=False))]
    expected = _oracle_rows(buffer.getvalue())
    width = table.rows.shape[1]
    assert [n for n, _ in got] == [n for n, _ in expected]
    for (_, row), (_, oracle) in zip(got, expected):
        assert list(row) == oracle + [""] * (width - len(oracle))


@pytest.mark.parametrize("raw, stored, code", [
    ("25000000001", "25000000001", None), ("250 0000 0001", "25000000001", None),
    ("250-0000-0001", "25000000001", None), ("3275081205860001", None, "KPJ_BERISI_NIK"),
    ("3275 0812 0586 0001", None, "KPJ_BERISI_NIK"), ("2500000001", None, "KPJ_FORMAT"),
    ("250000000012", None, "KPJ_FORMAT"), ("KPJ-25000000001", None, "KPJ_FORMAT")])
def test_kpj_is_checked(memory_con, raw, stored, code):
    data = ("NIK,KPJ,KECAMATAN,KELURAHAN,PEKERJAAN,TGL_MULAI,TGL_AKHIR\n"
            f"3275081205860001,{raw},Pondokgede,Jatiwaringin,ojol,2025-11-05,2025-12-31\n").encode()
    v = preview(memory_con, "peserta", data, "p.csv", nik_key=NIK_KEY).validation
    if code is None:
        assert list(v.accepted["kpj"]) == [stored] and v.rejected.empty
    else:
        assert list(v.rejected["reason_code"]) == [code]
        values = json.loads(v.rejected["row_values"].iloc[0])
        if code == "KPJ_BERISI_NIK":
            assert values["KPJ"] == "327508******0001"


@pytest.mark.parametrize("text, stored", [
    ("NIK 3275081205860001 salah", "NIK [dihapus] salah"),
    ("hubungi 0812-1111-2222", "hubungi [dihapus]"),
    ("hubungi +62 857 3333 4444 sore", "hubungi [dihapus] sore"),
    ("kirim ke yayah.r@example.com", "kirim ke [dihapus]"),
    ("NIP 19700101 199503 1 001", "NIP [dihapus]"),
    ("rumah Pak Budi Hartono, Jl. Melati 5", "rumah [dihapus]"),
    ("Desil 7 (di atas 5)", "DESIL_DI_ATAS_5"), ("sudah terdaftar PPU", "SUDAH_TERDAFTAR"),
    ("menunggu berkas", "menunggu berkas")])
def test_alasan_is_a_code_or_text_without_personal_shapes(text, stored):
    code = reason_codes(pd.Series([text])).iloc[0]
    assert (code if pd.notna(code) else scrub_reason(pd.Series([text])).iloc[0]) == stored


def test_quarantine_scrubber_masks_nik_and_removes_nip_phone_email_but_keeps_kpj():
    out = scrub_personal(pd.Series(['{"KPJ":"25000000001","X":"3275081205860001 0812-1111-2222 a@b.co"}']))
    assert out.iloc[0] == '{"KPJ":"25000000001","X":"327508******0001 [dihapus] [dihapus]"}'


def test_an_impossible_date_says_the_day_does_not_exist(memory_con):
    data = ("NIK,KECAMATAN,KELURAHAN,PEKERJAAN,TGL_MULAI,TGL_AKHIR\n"
            "3275081205860001,Pondokgede,Jatiwaringin,ojol,2025-11-05,31/04/2026\n"
            "3275084512900002,Pondokgede,Jatiwaringin,ojol,2025-11-05,31/13/2026\n").encode()
    v = preview(memory_con, "peserta", data, "p.csv", nik_key=NIK_KEY).validation
    assert list(v.rejected["reason_code"]) == ["TANGGAL_TIDAK_ADA", "TANGGAL_FORMAT"]
    assert "tanggal itu tidak ada di kalender" in v.rejected["reason"].iloc[0]
    assert "05/11/2025" not in v.rejected["reason"].iloc[0]


def test_unknown_kelurahan_suggests_the_stated_kecamatan_first(memory_con):
    data = ("NIK,KECAMATAN,KELURAHAN,PEKERJAAN,TGL_MULAI,TGL_AKHIR\n"
            "3275081205860001,Pondok Gede,Jatiwarung,ojol,2025-11-05,2025-12-31\n"
            "3275084512900002,Pondok Melati,Jatiwarung,ojol,2025-11-05,2025-12-31\n").encode()
    reasons = list(preview(memory_con, "peserta", data, "p.csv", nik_key=NIK_KEY).validation.rejected["reason"])
    assert reasons[0].startswith('Kelurahan "Jatiwarung" tidak ada di Kota Bekasi. Mungkin maksudnya di Kecamatan'
                                 " Pondokgede: Jatiwaringin")
    assert reasons[0].index("Pondokgede:") < reasons[0].index("Jatiwarna (Kec. Pondokmelati)")
    assert reasons[1].startswith('Kelurahan "Jatiwarung" tidak ada di Kota Bekasi. Mungkin maksudnya di Kecamatan'
                                 " Pondokmelati: Jatiwarna")


def test_upload_limit_in_streamlit_config_is_the_importers(tmp_path):
    import tomllib

    from sigap_metrics.importers.limits import MAX_UPLOAD_MB
    config = tomllib.loads((FIXTURES.parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB


def test_hostile_files_exit_2_with_a_named_reason_and_leave_the_store_unchanged(tmp_path, capsys, monkeypatch):
    from .test_import_support import checksums
    monkeypatch.setenv("SIGAP_NIK_KEY_FILE", str(tmp_path / "nik.key"))
    db = tmp_path / "s.duckdb"
    good = tmp_path / "dinsos.xlsx"
    good.write_bytes(W.dinsos_workbook())
    assert cli.main(["import", "peserta", str(good), "--db", str(db)]) == 0
    capsys.readouterr()
    con = connect(db)
    before = checksums(con)
    con.close()
    from sigap_metrics.importers.messages import FILE_MESSAGES
    for name, (path, code) in W.hostile_files(tmp_path).items():
        assert cli.main(["import", "peserta", str(path), "--db", str(db)]) == 2, name
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.startswith("impor ditolak: "), (name, err)
        first_words = FILE_MESSAGES[code]["id"].split("{")[0][:25]
        assert first_words in err, (name, code, err)
    con = connect(db)
    assert checksums(con) == before
    con.close()


@pytest.mark.parametrize("name", list(W.CLERK_FILES))
def test_files_a_clerk_saved(memory_con, name):
    """Files shaped without looking at the importer (two-row headers under merged groups, a column-number row,
    a header repeated after a page break, a summary table under the data, sub-totals): rows and what was set
    aside, by hand from each builder's docstring."""
    build, kind, rows_read, accepted, skipped = W.CLERK_FILES[name]
    v = preview(memory_con, kind, build(), name, nik_key=NIK_KEY).validation
    assert (v.rows_read, list(v.accepted["row_number"]), v.skipped) == (rows_read, accepted, skipped)
    assert v.rejected.empty
