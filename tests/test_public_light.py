"""The app's visitor page (Transparansi publik) is light (issue 14): a visitor after the first one gets the
release from a cache keyed by the release's identity, with no metric query, no release load and no chart or
table building; the page links to the static site, whose figures and tables it shows."""
from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sigap_metrics import config

from .conftest import APP


def _visit(lang: str = "id") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def _boom(*_args, **_kwargs):
    raise AssertionError("computed for a visitor: the page should use its cached view of the release")


@pytest.fixture()
def visitors(privacy_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(privacy_db))
    monkeypatch.delenv("SIGAP_DEV_AUTH", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_later_visitors_run_no_metric_query_and_build_nothing(visitors, monkeypatch):
    first = _visit()
    from sigap_metrics import publish, site
    from sigap_metrics.metrics import budget, claims, coverage

    for module, name in ((coverage, "active_workers"), (coverage, "active_series"), (claims, "benefits_paid"),
                         (budget, "realisation"), (publish, "public_tables"), (publish, "display_frame"),
                         (site, "app_fragment")):
        monkeypatch.setattr(module, name, _boom)
    monkeypatch.setattr("sigap_metrics.ui.public_page.load_release", _boom)
    monkeypatch.setattr("sigap_metrics.releases.store._load", _boom)
    second = _visit()
    assert [(m.label, m.value) for m in second.metric] == [(m.label, m.value) for m in first.metric]
    assert [b.proto.body for b in second.get("html")] == [b.proto.body for b in first.get("html")]


def test_the_page_is_few_elements_with_the_site_link_figures_and_tables(visitors):
    at = _visit()
    assert not at.dataframe and not at.get("plotly_chart") and not at.get("download_button")
    assert len(at.get("html")) == 1 and len(at.metric) == 6
    body = at.get("html")[0].proto.body
    assert body.count("<table") == 6 and body.count('src="data:image/svg+xml;base64,') == 3
    links = [m.value for m in at.markdown if "/app/static/site/" in m.value]
    assert links and re.search(r"\]\(" + re.escape(config.SITE_URL_PATH) + r"\)", links[0])
    english = _visit("en")
    assert "/app/static/site/en/index.html" in " ".join(m.value for m in english.markdown)
    assert english.get("html")[0].proto.body != body and 'lang="en"' in english.get("html")[0].proto.body


def test_the_app_writes_the_static_site_on_first_start_when_it_is_missing(privacy_db, tmp_path, monkeypatch):
    import shutil
    import time

    from sigap_metrics.store import connect

    from .test_site import keep_releases_from

    db = tmp_path / "store.duckdb"
    shutil.copy(privacy_db, db)
    con = connect(db)
    keep_releases_from(con, "2026-09")                  # two months: a quick build
    con.close()
    site_dir = tmp_path / "static" / "site"
    monkeypatch.setenv("SIGAP_DB", str(db))
    monkeypatch.setenv("SIGAP_SITE_DIR", str(site_dir))
    st.cache_resource.clear()
    try:
        _visit()
        deadline = time.monotonic() + 300
        while not (site_dir / "index.html").exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert (site_dir / "index.html").exists(), "the app did not write its static site"
        assert "Rilis Oktober 2026" in (site_dir / "arsip" / "2026-10.html").read_text()
        assert sorted(p.name for p in (site_dir / "arsip").iterdir()) == ["2026-09.html", "2026-10.html", "index.html"]
    finally:
        st.cache_resource.clear()
