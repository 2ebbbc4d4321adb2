"""Backup, restore and health check (issue 13, acceptance 2 and `check`), through the real CLI in subprocesses."""
import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sigap_metrics.demo import create_demo_store, generate, write_files
from sigap_metrics.store import SCHEMA_VERSION, connect
from sigap_metrics.store.backup import table_checksums

from .conftest import AS_OF

ROOT = Path(__file__).resolve().parents[1]
KEY, OTHER_KEY = "cd" * 32, "ef" * 32


def cli(*args, key: str | None = KEY, **env) -> subprocess.CompletedProcess:
    environment = {"PATH": "/usr/bin:/bin", **env}
    if key is not None:
        environment["SIGAP_NIK_KEY"] = key
    return subprocess.run([sys.executable, "-m", "sigap_metrics", *map(str, args)], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=600)


def sums(db: Path) -> dict:
    con = connect(db, read_only=True)
    try:
        return table_checksums(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("backup")
    db = folder / "sigap.duckdb"
    os.environ["SIGAP_NIK_KEY"] = KEY
    try:
        create_demo_store(db, n_workers=3_000, seed=9, as_of=AS_OF)
        files = write_files(generate(40_000, 78, AS_OF), folder / "files")
    finally:
        del os.environ["SIGAP_NIK_KEY"]
    # the sign-in state beside the store (issue 15 keeps sessions and counters there)
    auth = sqlite3.connect(folder / "sigap.auth.sqlite")
    auth.execute("CREATE TABLE sesi (token TEXT, pengguna TEXT)")
    auth.execute("INSERT INTO sesi VALUES ('t1', 'admin')")
    auth.commit()
    auth.close()
    return db, next(f for f in files if f.name == "peserta.csv")


def test_a_backup_taken_during_an_import_restores_one_consistent_state(store, tmp_path):
    db, peserta = store
    before = sums(db)
    importer = subprocess.Popen([sys.executable, "-m", "sigap_metrics", "import", "peserta", str(peserta),
                                 "--db", str(db)], cwd=ROOT, env={"PATH": "/usr/bin:/bin", "SIGAP_NIK_KEY": KEY},
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(db.parent.glob("sigap.duckdb.next-*")) and importer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert importer.poll() is None, "the import ended before the backup could start"
    taken = cli("backup", tmp_path / "b1", "--db", db)
    still_importing = importer.poll() is None
    out, err = importer.communicate(timeout=600)
    assert importer.returncode == 0, err
    assert taken.returncode == 0, taken.stderr
    assert still_importing   # the backup ran from start to end while the import was being written
    after = sums(db)
    assert after != before

    manifest = json.loads((tmp_path / "b1" / "manifest.json").read_text())
    assert manifest["tables"] in (before, after)
    assert manifest["schema_version"] == SCHEMA_VERSION and manifest["key_fingerprint"]
    assert sorted(manifest["files"]) == ["auth.sqlite", "store.duckdb"]
    restored = tmp_path / "restored" / "sigap.duckdb"
    done = cli("restore", tmp_path / "b1", "--db", restored)
    assert done.returncode == 0, done.stderr
    assert sums(restored) in (before, after) and sums(restored) == manifest["tables"]
    copied = sqlite3.connect(restored.with_suffix(".auth.sqlite"))
    assert copied.execute("SELECT * FROM sesi").fetchall() == [("t1", "admin")]
    copied.close()
    assert stat.S_IMODE(restored.stat().st_mode) == 0o600


def test_restore_refuses_another_key_a_newer_schema_damage_and_an_existing_store(store, tmp_path):
    db, _ = store
    assert cli("backup", tmp_path / "b", "--db", db).returncode == 0
    target = tmp_path / "t" / "sigap.duckdb"

    other = cli("restore", tmp_path / "b", "--db", target, key=OTHER_KEY)
    assert other.returncode == 2 and "not the key this backup was made with" in other.stderr
    assert not target.exists()
    keyless = cli("restore", tmp_path / "b", "--db", target, key=None)
    assert keyless.returncode == 2 and "no NIK key" in keyless.stderr and not target.exists()

    manifest_path = tmp_path / "b" / "manifest.json"
    original = manifest_path.read_text()
    manifest = json.loads(original)
    manifest["schema_version"] = SCHEMA_VERSION + 1
    manifest_path.write_text(json.dumps(manifest))
    newer = cli("restore", tmp_path / "b", "--db", target)
    assert newer.returncode == 2 and "newer than this program" in newer.stderr and not target.exists()
    manifest_path.write_text(original)

    damaged = tmp_path / "b" / "store.duckdb"
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    broken = cli("restore", tmp_path / "b", "--db", target)
    assert broken.returncode == 2 and "does not match its checksum" in broken.stderr and not target.exists()

    assert cli("backup", tmp_path / "c", "--db", db).returncode == 0
    existing = cli("restore", tmp_path / "c", "--db", db)
    assert existing.returncode == 2 and "--replace" in existing.stderr
    replaced = cli("restore", tmp_path / "c", "--db", db, "--replace")
    assert replaced.returncode == 0, replaced.stderr


def test_the_key_stays_out_of_the_backup_unless_asked_to_a_separate_path(store, tmp_path):
    db, _ = store
    key_file = tmp_path / "secrets" / "nik.key"
    key_file.parent.mkdir()
    key_file.write_text(KEY)
    env = {"SIGAP_NIK_KEY_FILE": str(key_file)}
    plain = cli("backup", tmp_path / "b", "--db", db, key=None, **env)
    assert plain.returncode == 0, plain.stderr
    for path in (tmp_path / "b").iterdir():
        assert KEY.encode() not in path.read_bytes() and bytes.fromhex(KEY) not in path.read_bytes()
    inside = cli("backup", tmp_path / "b2", "--db", db, "--with-key", tmp_path / "b2" / "nik.key", key=None, **env)
    assert inside.returncode == 2 and "must not go into the backup folder" in inside.stderr
    apart = cli("backup", tmp_path / "b3", "--db", db, "--with-key", tmp_path / "keys" / "nik.key", key=None, **env)
    assert apart.returncode == 0, apart.stderr
    assert (tmp_path / "keys" / "nik.key").read_text() == KEY
    assert stat.S_IMODE((tmp_path / "keys" / "nik.key").stat().st_mode) == 0o600
    assert not (tmp_path / "b3" / "nik.key").exists()
    not_empty = cli("backup", tmp_path / "b3", "--db", db)
    assert not_empty.returncode == 2 and "not an empty folder" in not_empty.stderr


def test_check_reports_health_with_exit_0_or_1(store, tmp_path):
    db, _ = store
    good = cli("check", "--db", db, "--json")
    assert good.returncode == 0, good.stdout
    facts = {f["key"]: f for f in json.loads(good.stdout)["facts"]}
    assert set(facts) == {"store_opens", "schema", "nik_key", "boundaries", "latest_release", "last_import",
                          "disk_space"}
    assert facts["schema"]["value"] == f"v{SCHEMA_VERSION}" and facts["nik_key"]["status"] == "ok"
    # The demo (as of 25 Nov 2026) publishes one release per complete month: the latest is October's.
    assert facts["latest_release"]["value"].startswith("2026-10 rev 1, ")
    assert facts["boundaries"]["status"] == "warn"
    wrong_key = cli("check", "--db", db, key=OTHER_KEY)
    assert wrong_key.returncode == 1 and "FAIL  nik_key" in wrong_key.stdout
    missing = cli("check", "--db", tmp_path / "none.duckdb")
    assert missing.returncode == 1 and "FAIL  store_opens" in missing.stdout and not (tmp_path / "none.duckdb").exists()
