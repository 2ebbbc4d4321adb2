"""Keys and files, inert imported text, out-of-range dates (DESIGN §6, issue 15)."""
from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import charts
from sigap_metrics.privacy import MIN_KEY_BYTES, NikKeyInvalid, load_or_create_key
from sigap_metrics.reference import PROGRAMME_START
from sigap_metrics.store import auth_state_path, connect, private_file_warnings, readable_by_others
from sigap_metrics.store.auth_state import transaction
from sigap_metrics.textsafe import for_markdown, for_plotly

from .apptest_helpers import sign_in
from .conftest import APP

ROOT = APP.parent


# --- the NIK key -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["00", "ab" * 31, "kunci-pendek", "x" * 31])
def test_a_short_key_from_the_environment_is_refused_with_how_to_make_one(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SIGAP_NIK_KEY", value)
    with pytest.raises(NikKeyInvalid, match="secrets.token_hex\\(32\\)"):
        load_or_create_key(tmp_path / "k.key")


@pytest.mark.parametrize("content", ["", "\n", "00", "ab" * 31, "zz" * 32])
def test_a_short_or_broken_key_file_is_refused(tmp_path, monkeypatch, content):
    monkeypatch.delenv("SIGAP_NIK_KEY", raising=False)
    key_file = tmp_path / "k.key"
    key_file.write_text(content)
    with pytest.raises(NikKeyInvalid, match="token_hex"):
        load_or_create_key(key_file)


def test_keys_of_32_bytes_are_accepted_and_a_new_key_file_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("SIGAP_NIK_KEY", "ab" * MIN_KEY_BYTES)
    assert load_or_create_key(tmp_path / "unused.key") == bytes.fromhex("ab" * 32)
    monkeypatch.delenv("SIGAP_NIK_KEY")
    created = tmp_path / "new" / "k.key"
    key = load_or_create_key(created)
    assert len(key) == 32 and stat.S_IMODE(created.stat().st_mode) == 0o600
    assert load_or_create_key(created) == key


def test_cli_import_with_a_short_key_is_refused_and_writes_nothing(tmp_path):
    db = tmp_path / "s.duckdb"
    connect(db).close()
    before = db.read_bytes()
    csv = tmp_path / "peserta.csv"
    csv.write_text("NIK,KPJ,NAMA,KECAMATAN,KELURAHAN,PEKERJAAN,TGL_MULAI,TGL_AKHIR\n"
                   "3275081201900001,12345678901,Budi,Pondokgede,Jatiwaringin,Ojol,2025-11-05,2026-11-04\n")
    env = {**os.environ, "SIGAP_NIK_KEY": "", "SIGAP_NIK_KEY_FILE": str(tmp_path / "empty.key")}
    (tmp_path / "empty.key").write_text("")
    done = subprocess.run([sys.executable, "-m", "sigap_metrics", "import", "peserta", str(csv), "--db", str(db)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "token_hex" in done.stderr
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM pekerja").fetchall()[0][0] == 0
    assert con.execute("SELECT count(*) FROM import_log").fetchall()[0][0] == 0
    con.close()


# --- file modes --------------------------------------------------------------------------------------------

def test_store_and_sign_in_state_are_created_private_and_loose_files_are_reported(tmp_path):
    old = os.umask(0o022)                          # the usual umask, under which files come out 0644
    try:
        db = tmp_path / "s.duckdb"
        connect(db).close()
        with transaction(auth_state_path(db)):
            pass
    finally:
        os.umask(old)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(auth_state_path(db).stat().st_mode) == 0o600
    assert private_file_warnings(db, auth_state_path(db)) == []
    loose = tmp_path / "loose.key"
    loose.write_text("ab" * 32)
    loose.chmod(0o644)
    assert readable_by_others(loose) and not readable_by_others(db)
    warnings = private_file_warnings(db, loose)
    assert len(warnings) == 1 and "chmod 600" in warnings[0] and str(loose) in warnings[0]


# --- imported text is inert ------------------------------------------------------------------------------

HOSTILE = '<a href="https://evil.example">klik</a> & <b>x</b>'


def _texts(fig) -> list[str]:
    """Every string plotly will render from the figure's traces: categories, names, hover templates, titles."""
    found = []
    for trace in fig.data:
        for field in ("x", "y", "name", "hovertemplate"):
            value = getattr(trace, field, None)
            values = [value] if isinstance(value, str) else list(value) if value is not None else []
            found += [v for v in values if isinstance(v, str)]
    found += [fig.layout.xaxis.title.text or "", fig.layout.yaxis.title.text or ""]
    return found


def test_labels_reach_plotly_as_text_not_html():
    table = pd.DataFrame({"Sektor": [HOSTILE, "PKL"], "Pekerja": [5, 7]})
    texts = _texts(charts.bar_chart(table, "Sektor", "Pekerja", lang="id"))
    assert '&lt;a href="https://evil.example"&gt;klik&lt;/a&gt; &amp; &lt;b&gt;x&lt;/b&gt;' in texts
    assert not any("<a" in text or "<b>" in text for text in texts)
    heat = charts.heatmap_chart(pd.DataFrame({"x": [HOSTILE], "y": ["<i>y</i>"], "z": [3]}), "x", "y", "z", lang="id")
    assert list(heat.data[0].x) == [for_plotly(HOSTILE)] and list(heat.data[0].y) == ["&lt;i&gt;y&lt;/i&gt;"]
    line = charts.line_chart(pd.DataFrame({"t": [1, 2], "v": [1, 2], "g": [HOSTILE] * 2}), "t", "v", colour="g",
                             lang="id")
    assert [trace.name for trace in line.data] == [for_plotly(HOSTILE)]
    titled = charts.bar_chart(pd.DataFrame({"<b>k</b>": ["a"], "v": [1]}), "<b>k</b>", "v", lang="id")
    assert titled.layout.yaxis.title.text == "&lt;b&gt;k&lt;/b&gt;"


def test_inert_text_helpers():
    assert for_plotly("<a href='x'>y</a>") == "&lt;a href='x'&gt;y&lt;/a&gt;"
    assert for_plotly(5) == 5
    shown = for_markdown("[klik](https://evil.example) <img src=x> **tebal**")
    assert "[" not in shown.replace("\\[", "") and "](" not in shown and "<img" not in shown
    assert "https\\://evil\\.example" in shown


# --- out-of-range dates in the URL ---------------------------------------------------------------------------

@pytest.mark.parametrize(("asked", "expected"), [("9999-12-31", None), ("0001-01-01", PROGRAMME_START)])
def test_an_out_of_range_date_falls_back_to_the_nearest_allowed_one_with_a_notice(demo_db, monkeypatch, asked,
                                                                                   expected):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    sign_in(at, "pimpinan", demo_db)
    at.query_params["tgl"] = asked
    at.switch_page("pages/sektor.py")
    at.run()
    assert not at.exception, at.exception
    if expected is None:                  # the end of the year five years after the demo's today (or today)
        expected = dt.date(max(2026, dt.date.today().year) + 5, 12, 31)
    assert any(asked in i.value and expected.isoformat() in i.value for i in at.info), [i.value for i in at.info]
    assert at.sidebar.date_input(key="w_tgl").value == expected
    assert at.query_params["tgl"] in (expected.isoformat(), [expected.isoformat()])
