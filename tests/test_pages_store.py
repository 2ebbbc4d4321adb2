"""The app's store glue: a store whose derived tables are stale gets them rebuilt when the app opens it."""
import shutil

from sigap_metrics import catalogue
from sigap_metrics.metrics import derived, summary
from sigap_metrics.store import connect

from .apptest_helpers import as_of, metric_value, release_stores, run_page

ACTIVE = catalogue.get("active_workers").label("id")   # the card's name


def test_stale_derived_tables_are_rebuilt_on_start(demo_db, tmp_path, monkeypatch):
    db = tmp_path / "stale.duckdb"
    shutil.copyfile(demo_db, db)
    con = connect(db)
    con.execute("DELETE FROM meta WHERE key = 'turunan_versi'")
    assert not derived.is_current(con)
    expected = summary(con, as_of(con))
    con.close()
    monkeypatch.setenv("SIGAP_DB", str(db))
    at = run_page("pages/ringkasan.py")
    assert not at.exception
    assert metric_value(at, ACTIVE) == f"{expected['active_workers']:,}".replace(",", ".")
    con = connect(db, read_only=True)   # the app rebuilt them through the writer's swap: the file on disk has them
    try:
        assert derived.is_current(con)
    finally:
        con.close()


def test_two_stores_with_the_same_import_history_do_not_share_cached_numbers(demo_db, tmp_path, monkeypatch):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    shutil.copyfile(demo_db, first)
    shutil.copyfile(demo_db, second)
    con = connect(second)   # same import log, different data: a store edited outside the loader
    con.execute("DELETE FROM kepesertaan WHERE kecamatan_kode = '32.75.07'")
    con.execute("BEGIN TRANSACTION")
    derived.refresh(con)
    con.execute("COMMIT")
    con.close()
    expected = {}
    for db in (first, second):
        con = connect(db)
        expected[db] = summary(con, as_of(con))["active_workers"]
        con.close()
    assert expected[first] != expected[second]
    for db in (first, second):
        monkeypatch.setenv("SIGAP_DB", str(db))
        at = run_page("pages/ringkasan.py")
        assert not at.exception
        assert metric_value(at, ACTIVE) == f"{expected[db]:,}".replace(",", ".")
