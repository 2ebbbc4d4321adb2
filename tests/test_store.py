import os
import re
import stat

from sigap_metrics.privacy import hash_nik, load_or_create_key, mask_nik
from sigap_metrics.store import SCHEMA_VERSION, connect, nik_key, schema_version
from sigap_metrics.store.connection import NikKeyMismatch
from sigap_metrics.store.schema import MIGRATIONS

PERSONAL = re.compile(r"(^|_)(nama|name|telepon|telp|phone|hp|alamat|address|nik)($|_)")


def test_init_is_idempotent(tmp_path):
    path = tmp_path / "s.duckdb"
    con = connect(path)
    con.close()
    con = connect(path)  # second start: nothing re-applied, nothing duplicated
    assert schema_version(con) == SCHEMA_VERSION
    # one row per migration (versions may have gaps: each parallel branch owns its number)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchall()[0][0] == len(MIGRATIONS)
    assert con.execute("SELECT count(*) FROM kecamatan").fetchall()[0][0] == 12
    assert con.execute("SELECT count(*) FROM kelurahan").fetchall()[0][0] == 56
    assert con.execute("SELECT count(*) FROM tarif_iuran").fetchall()[0][0] == 1
    assert con.execute("SELECT jkk_rp + jkm_rp FROM tarif_iuran").fetchall()[0][0] == 16_800


def test_no_personal_columns_in_schema(memory_con):
    columns = memory_con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    # Names of places, sectors, phases, courses and files are not personal; nothing else may look personal.
    not_personal = {("kecamatan", "nama"), ("kelurahan", "nama"), ("sektor", "nama_id"), ("sektor", "nama_en"),
                    ("tahap", "nama"), ("pelatihan", "nama"), ("import_log", "file_name"),
                    ("pekerja", "nik_hash"), ("usulan", "nik_hash"), ("pelatihan_peserta", "nik_hash"),
                    ("pekerja", "nik_wilayah")}
    offending = [(t, c) for t, c in columns if PERSONAL.search(c) and (t, c) not in not_personal]
    assert offending == []
    worker_columns = {c for t, c in columns if t == "pekerja"}
    assert worker_columns == {"pekerja_id", "nik_hash", "kpj", "jenis_kelamin", "tahun_lahir", "nik_wilayah",
                              "import_id"}


def test_key_file_created_private_and_stable(tmp_path, monkeypatch):
    monkeypatch.delenv("SIGAP_NIK_KEY", raising=False)
    key_file = tmp_path / "k.key"
    key = load_or_create_key(key_file)
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert load_or_create_key(key_file) == key and len(key) == 32


def test_nik_hash_is_keyed_hmac():
    import hashlib
    import hmac
    nik = "3275084101900001"
    assert hash_nik(b"a" * 32, nik) == hmac.new(b"a" * 32, nik.encode(), hashlib.sha256).hexdigest()
    assert hash_nik(b"a" * 32, nik) != hash_nik(b"b" * 32, nik)
    assert mask_nik(nik) == "327508******0001"


def test_store_refuses_a_different_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SIGAP_NIK_KEY", raising=False)
    con = connect(tmp_path / "s.duckdb")
    nik_key(con, tmp_path / "one.key")
    try:
        nik_key(con, tmp_path / "two.key")
    except NikKeyMismatch as error:
        assert "not the key" in str(error)
    else:
        raise AssertionError("a second, different key was accepted")
