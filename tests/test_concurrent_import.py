"""A scheduled import beside the running app (issue 13, acceptance 1).

A real second process (`python -m sigap_metrics import peserta …`) imports a large file into a real DuckDB store
while this process serves Ringkasan through Streamlit's AppTest in a loop. Every run must succeed and show the
headline cards of the store either before the import or after it, never a mix; the import must succeed; and the
app shows the new numbers on its next run, without a restart.
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sigap_metrics.demo import create_demo_store, generate, write_files
from sigap_metrics.metrics import summary
from sigap_metrics.store import connect

from .apptest_helpers import run_page
from .conftest import AS_OF

ROOT = Path(__file__).resolve().parents[1]
KEY = "cd" * 32


@pytest.fixture(scope="module")
def store_and_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("concurrent")
    db = folder / "sigap.duckdb"
    os.environ["SIGAP_NIK_KEY"] = KEY
    try:
        create_demo_store(db, n_workers=3_000, seed=5, as_of=AS_OF)
        # Another seed: other workers, so the import adds tens of thousands of coverage periods (several seconds).
        files = write_files(generate(40_000, 77, AS_OF), folder / "files")
    finally:
        del os.environ["SIGAP_NIK_KEY"]
    return db, next(f for f in files if f.name == "peserta.csv")


def _cards(at) -> tuple:
    assert not at.exception, at.exception
    return tuple((m.label, m.value) for m in at.metric)


def _active(db: Path) -> int:
    con = connect(db, read_only=True)
    try:
        return summary(con, AS_OF)["active_workers"]
    finally:
        con.close()


def test_a_cli_import_lands_while_the_app_serves_runs(store_and_file, monkeypatch):
    db, peserta = store_and_file
    monkeypatch.setenv("SIGAP_DB", str(db))
    monkeypatch.setenv("SIGAP_NIK_KEY", KEY)
    before_active = _active(db)
    at = run_page("pages/ringkasan.py")
    old = _cards(at)
    assert f"{before_active:,}".replace(",", ".") in dict(old).values()

    env = {**os.environ, "SIGAP_DB": str(db), "SIGAP_NIK_KEY": KEY}
    importer = subprocess.Popen([sys.executable, "-m", "sigap_metrics", "import", "peserta", str(peserta),
                                 "--user", "cron"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
    seen, during = [], 0
    try:
        while importer.poll() is None:
            started_running = importer.poll() is None
            at.run()
            seen.append(_cards(at))
            during += started_running and importer.poll() is None   # this run began and ended mid-import
    finally:
        out, err = importer.communicate(timeout=600)
    assert importer.returncode == 0, err
    result = json.loads(out)
    assert result["accepted"] > 40_000 and result["rejected"] == 0
    print(f"runs during the import: {len(seen)}, wholly inside it: {during}")
    assert during >= 1, "the import finished before any page run overlapped it; make the file larger"

    at.run()   # the next run, same app process: the new data, no restart
    new = _cards(at)
    after_active = _active(db)
    assert after_active > before_active
    assert f"{after_active:,}".replace(",", ".") in dict(new).values()
    assert new != old
    mixed = [cards for cards in seen if cards not in (old, new)]
    assert not mixed, f"{len(mixed)} of {len(seen)} runs showed neither the old nor the new numbers: {mixed[0]}"


def test_two_scheduled_imports_at_once_both_land(store_and_file, tmp_path):
    """Writers queue on the store's writer lock: neither fails, neither is lost."""
    db, _ = store_and_file
    target = tmp_path / "two.duckdb"
    target.write_bytes(db.read_bytes())
    fixtures = ROOT / "tests" / "fixtures" / "import"
    env = {**os.environ, "SIGAP_DB": str(target), "SIGAP_NIK_KEY": KEY}
    commands = [["import", "pembayaran", str(fixtures / "pembayaran.csv")],
                ["import", "usulan", str(fixtures / "usulan.csv")]]
    procs = [subprocess.Popen([sys.executable, "-m", "sigap_metrics", *c], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [r[1] for r in results]
    ids = sorted(json.loads(out)["import_id"] for out, _ in results)
    con = connect(target, read_only=True)
    try:
        logged = [r[0] for r in con.execute("SELECT import_id FROM import_log WHERE imported_by = 'cli'"
                                            " ORDER BY 1").fetchall()]
    finally:
        con.close()
    assert logged == ids and ids[1] == ids[0] + 1
    assert not list(tmp_path.glob("two.duckdb.next-*"))
