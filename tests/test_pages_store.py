"""The app's store glue: a store whose derived tables are stale gets them rebuilt when the app opens it."""
import shutil

from sigap_metrics.metrics import derived, summary
from sigap_metrics.store import connect

from .apptest_helpers import as_of, metric_value, run_page


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
    assert metric_value(at, "Pekerja terlindungi (aktif)") == f"{expected['active_workers']:,}".replace(",", ".")
    con = connect(db)   # a connection of our own: it sees what the app's connection committed
    try:
        assert derived.is_current(con)
    finally:
        con.close()
