"""`python -m sigap_metrics import`: JSON out, exit codes, nothing written on refusal, progress on stderr;
and the demo round trip: the demo's operator files, imported in order, rebuild the demo store."""
import json
import subprocess
import sys

import pytest

from sigap_metrics import cli
from sigap_metrics.demo import LOAD_ORDER, create_demo_store
from sigap_metrics.importers import commands
from sigap_metrics.metrics import summary
from sigap_metrics.store import connect

from .conftest import AS_OF
from .test_import_support import FIXTURES, FILES, checksums


@pytest.fixture()
def key_env(monkeypatch, tmp_path):
    monkeypatch.setenv("SIGAP_NIK_KEY_FILE", str(tmp_path / "nik.key"))
    monkeypatch.delenv("SIGAP_NIK_KEY", raising=False)


def _run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_prints_one_json_object_and_exits_0(tmp_path, capsys, key_env):
    db = str(tmp_path / "s.duckdb")
    code, out, err = _run(["import", "anggaran", str(FIXTURES / FILES["anggaran"]), "--db", db], capsys)
    assert code == 0
    assert json.loads(out) == {"rows_read": 3, "accepted": 2, "rejected": 1, "updated": 0, "duplicate_file": False,
                               "import_id": 1}
    code, out, _ = _run(["import", "peserta", str(FIXTURES / FILES["peserta"]), "--db", db, "--user", "ani"], capsys)
    assert code == 0 and json.loads(out)["accepted"] == 11
    code, out, _ = _run(["import", "peserta", str(FIXTURES / FILES["peserta"]), "--db", db], capsys)
    assert code == 0 and json.loads(out) == {"rows_read": 26, "accepted": 0, "rejected": 0, "updated": 0,
                                             "duplicate_file": True, "import_id": 2}
    con = connect(db)
    assert con.execute("SELECT imported_by FROM import_log WHERE import_id = 2").fetchall() == [("ani",)]
    con.close()


def test_refused_file_exits_2_names_the_columns_and_writes_nothing(tmp_path, capsys, key_env):
    db = tmp_path / "s.duckdb"
    code, out, err = _run(["import", "klaim", str(FIXTURES / FILES["peserta"]), "--db", str(db)], capsys)
    assert code == 2 and out == ""
    assert "Kolom wajib tidak ada: NO_KLAIM, PROGRAM" in err
    assert "Kolom yang diharapkan untuk klaim: NO_KLAIM, PROGRAM, TGL_KEJADIAN" in err
    assert "pilih jenis peserta" in err
    assert not db.exists()  # refused before the store was even opened
    assert not (tmp_path / "nik.key").exists()
    # With an existing store: every table exactly as before.
    _run(["import", "anggaran", str(FIXTURES / FILES["anggaran"]), "--db", str(db)], capsys)
    con = connect(db)
    before = checksums(con)
    con.close()
    broken = tmp_path / "kosong.csv"
    broken.write_bytes(b"")
    for path in (broken, tmp_path / "missing.csv"):
        code, out, err = _run(["import", "peserta", str(path), "--db", str(db)], capsys)
        assert code == 2 and out == "" and err.startswith("impor ditolak: ")
        assert "Kolom yang diharapkan untuk peserta" in err or "tidak bisa dibuka" in err
    con = connect(db)
    assert checksums(con) == before
    con.close()


def test_progress_lines_for_big_files(tmp_path, capsys, key_env, monkeypatch):
    monkeypatch.setattr(commands, "PROGRESS_MIN_ROWS", 5)  # the fixture's 26 rows count as a big file here
    code, out, err = _run(["import", "peserta", str(FIXTURES / FILES["peserta"]), "--db", str(tmp_path / "s.duckdb")],
                          capsys)
    assert code == 0 and json.loads(out)["rows_read"] == 26
    lines = err.strip().splitlines()
    assert len(lines) >= 3 and all(line.startswith("impor peserta peserta.csv:") for line in lines)
    assert "100%" in lines[-1]
    monkeypatch.setattr(commands, "PROGRESS_MIN_ROWS", 10_000)
    code, out, err = _run(["import", "anggaran", str(FIXTURES / FILES["anggaran"]), "--db", str(tmp_path / "s.duckdb")],
                          capsys)
    assert err == ""


def test_the_module_runs_as_a_program_beside_a_reader_and_refuses_an_outside_writer(tmp_path):
    db = tmp_path / "s.duckdb"
    command = [sys.executable, "-m", "sigap_metrics", "import", "pembayaran", str(FIXTURES / FILES["pembayaran"]),
               "--db", str(db)]
    env = {"SIGAP_NIK_KEY": "ab" * 32, "PATH": "/usr/bin:/bin"}
    holder = connect(db)  # a program outside the writer swap (a DuckDB shell) has the live file open for writing
    busy = subprocess.run(command, capture_output=True, text=True, env=env, cwd=FIXTURES.parents[2])
    holder.close()
    assert busy.returncode == 2 and busy.stdout == ""
    assert busy.stderr.startswith("impor ditolak: ") and "open for writing by another program" in busy.stderr
    reader = connect(db, read_only=True)  # the app reads the store: an import runs beside it
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=FIXTURES.parents[2])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["accepted"] == 3
    assert reader.execute("SELECT count(*) FROM pembayaran").fetchall() == [(0,)]   # its version: before the import
    reader.close()
    assert connect(db, read_only=True).execute("SELECT count(*) FROM pembayaran").fetchall() == [(3,)]


def test_demo_files_imported_in_order_rebuild_the_demo(tmp_path, capsys, key_env):
    demo_db, files = tmp_path / "demo.duckdb", tmp_path / "files"
    create_demo_store(demo_db, n_workers=1500, as_of=AS_OF, files_dir=files)
    fresh = tmp_path / "fresh.duckdb"
    for kind in LOAD_ORDER:
        code, out, err = _run(["import", kind, str(files / f"{kind}.csv"), "--db", str(fresh)], capsys)
        result = json.loads(out)
        assert code == 0 and result["rejected"] == 0 and result["accepted"] == result["rows_read"] > 0, (kind, err)
    demo, rebuilt = connect(demo_db, read_only=True), connect(fresh)
    expected = summary(demo, AS_OF)
    assert expected.pop("demo") is True
    got = summary(rebuilt, AS_OF)
    assert got.pop("demo") is False
    assert got == expected
    # Beyond the headline numbers: every programme table holds the same rows (hashes differ: another NIK key).
    for table, columns in {
        "pekerja": "pekerja_id, kpj, jenis_kelamin, tahun_lahir, nik_wilayah",
        "kepesertaan": "pekerja_id, tgl_mulai, tgl_akhir, kecamatan_kode, kelurahan_kode, sektor, desil, sumber_usulan,"
                       " sumber_iuran, iuran_rp",
        "usulan": "sumber_usulan, tgl_usulan, desil, status_verifikasi, alasan, kecamatan_kode, kelurahan_kode, sektor",
        "klaim": "no_klaim, pekerja_id, program, tgl_kejadian, tgl_pengajuan, tgl_bayar, status, nominal_rp",
        "pelatihan": "kode, nama, tgl_mulai, tgl_selesai, kecamatan_kode",
        "pelatihan_peserta": "kode_pelatihan, status",
        "pembayaran": "periode, jumlah_peserta, nominal_rp, tgl_bayar",
        "tahap": "kode, nama, tgl_mulai, tgl_akhir, target_peserta, pagu_rp",
    }.items():
        query = f"SELECT {columns} FROM {table} ORDER BY ALL"  # constant table and column names from this test
        assert demo.execute(query).fetchall() == rebuilt.execute(query).fetchall(), table
    demo.close()
    rebuilt.close()
