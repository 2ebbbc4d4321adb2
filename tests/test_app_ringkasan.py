"""The app through Streamlit's AppTest: first start creates a demo store; Ringkasan shows its numbers."""
import datetime as dt

from streamlit.testing.v1 import AppTest

from sigap_metrics import catalogue, fmt
from sigap_metrics.metrics import summary
from sigap_metrics.store import connect

from .apptest_helpers import sign_in
from .conftest import APP


def _metrics(at, lang: str = "id") -> dict[str, str]:
    """The cards shown, by catalogue key (their labels are the catalogue's names)."""
    key_of = {ind.label(lang): ind.key for ind in catalogue.for_page("ringkasan")}
    return {key_of.get(m.label, m.label): m.value for m in at.metric}


def test_first_start_creates_demo_store_and_shows_cards(tmp_path, monkeypatch):
    db = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("SIGAP_DB", str(db))
    monkeypatch.setenv("SIGAP_GEO_DIR", str(tmp_path / "no-geo"))
    at = AppTest.from_file(str(APP), default_timeout=120)
    sign_in(at, "pimpinan", role="pimpinan")  # the demo store's pimpinan login
    at.run()
    assert not at.exception
    assert db.exists()
    con = connect(db, read_only=True)
    as_of = dt.date.fromisoformat(con.execute("SELECT value FROM meta WHERE key = 'demo_as_of'").fetchall()[0][0])
    expected = summary(con, as_of)
    shown = _metrics(at)
    assert shown["active_workers"] == fmt.number(expected["active_workers"])
    assert shown["attainment_pct"] == fmt.percent(expected["attainment_pct"])
    assert shown["claims_paid"] == fmt.number(expected["claims_paid"])
    assert any("DATA DEMO" in w.value for w in at.warning)


def test_query_params_set_language_date_and_filter(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    sign_in(at, "pimpinan")
    at.query_params["lang"] = "en"
    at.query_params["tgl"] = "2026-06-30"
    at.query_params["kecamatan"] = ["32.75.07"]
    at.run()
    assert not at.exception
    from sigap_metrics.metrics import Filters
    expected = summary(demo_con, dt.date(2026, 6, 30), Filters(kecamatan=("32.75.07",)))
    shown = _metrics(at, "en")
    assert shown["active_workers"] == fmt.number(expected["active_workers"], "en")
    assert any("DEMO DATA" in w.value for w in at.warning)


def test_malicious_query_params_are_ignored(demo_db, demo_con, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    sign_in(at, "pimpinan")
    at.query_params["tgl"] = "2026-11-25'; DROP TABLE pekerja; --"
    at.query_params["kecamatan"] = ["32.75.01' OR '1'='1", "32.75.02"]
    at.query_params["lang"] = "xx"
    at.run()
    assert not at.exception
    assert demo_con.execute("SELECT count(*) FROM pekerja").fetchall()[0][0] > 0
    from sigap_metrics.metrics import Filters
    from sigap_metrics.ui.store import default_as_of
    expected = summary(demo_con, default_as_of(demo_con), Filters(kecamatan=("32.75.02",)))
    assert _metrics(at)["active_workers"] == fmt.number(expected["active_workers"])
