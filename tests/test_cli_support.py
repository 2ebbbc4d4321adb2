"""The CLI's shared glue (cli_support) and the one date rule (dates.data_as_of), issue 10 points (a) and (b)."""
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sigap_metrics.cli import main
from sigap_metrics.store import connect, writing

from .conftest import AS_OF

ROOT = Path(__file__).resolve().parents[1]


def test_summary_runs_read_only_beside_a_reader_and_defaults_to_the_apps_date(demo_db):
    reader = connect(demo_db, read_only=True)   # as the running app holds the store
    try:
        done = subprocess.run([sys.executable, "-m", "sigap_metrics", "summary", "--json", "--db", str(demo_db)],
                              cwd=ROOT, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    finally:
        reader.close()
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["as_of"] == AS_OF.isoformat()   # the demo's own today, as the app opens on


def test_the_date_rule_is_one_function_for_app_releases_and_reports(demo_db, tmp_path):
    from sigap_metrics.dates import data_as_of
    from sigap_metrics.releases.store import data_date as release_date_rule
    from sigap_metrics.reports.context import data_date
    from sigap_metrics.ui.store import default_as_of

    plain = tmp_path / "plain.duckdb"
    with writing(plain):
        pass
    for db, expected in ((demo_db, AS_OF), (plain, dt.date.today())):
        con = connect(db, read_only=True)
        try:
            assert {data_as_of(con), release_date_rule(con), data_date(con), default_as_of(con)} == {expected}
        finally:
            con.close()


@pytest.mark.parametrize("argv, prefix", [
    (["summary"], "summary: no store at "),
    (["report", "monthly", "--month", "2026-10", "--out", "x.pdf"], "report: no store at "),
    (["export-open-data", "out"], "export-open-data: no store at "),
    (["backup", "b"], "backup: no store at "),
])
def test_every_command_refuses_a_missing_store_the_same_way(argv, prefix, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "none.duckdb"
    assert main([*argv, "--db", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(prefix) and err.count("\n") == 1 and not missing.exists()


def test_user_add_refusal_is_exit_2_and_writes_nothing(tmp_path, capsys):
    import io

    from sigap_metrics.auth import user_add_command

    db = tmp_path / "s.duckdb"
    assert user_add_command(db, "X bad name", "pimpinan", stdin=io.StringIO("sandi-yang-panjang\n")) == 2
    assert capsys.readouterr().err.startswith("user add: ") and not db.exists()
    assert user_add_command(db, "rina.operator", "operator", stdin=io.StringIO("sandi-yang-panjang\n")) == 0
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT username, role FROM pengguna").fetchall() == [("rina.operator", "operator")]
    finally:
        con.close()


def test_an_out_of_memory_error_is_not_reported_as_a_lock():
    """DuckDB's out-of-memory message says "failed to pin block": not another program holding the store."""
    import duckdb

    from sigap_metrics.cli_support import store_unavailable

    oom = duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block of size 256.0 KiB (3.7 GiB/3.7 GiB used)")
    held = duckdb.IOException('IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in python')
    assert "program lain" not in store_unavailable(Path("x.duckdb"), oom)
    assert "program lain" in store_unavailable(Path("x.duckdb"), held)
