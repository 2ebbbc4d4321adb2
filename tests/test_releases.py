"""Releases (DESIGN §6.1, issue 11): prepare → publish → revise; frozen once published; the public side reads
only releases; publishing re-checks the stored role; refused CLI calls exit 2 and write nothing."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import auth, exports
from sigap_metrics.cli import main
from sigap_metrics.importers.commands import import_command
from sigap_metrics.releases import (DRAFT, PUBLISHED, SUPERSEDED, ReleaseRefused, list_releases, load_draft,
                                    load_release, prepare, publish_release)
from sigap_metrics.releases.open_data import open_data_files, open_data_zip
from sigap_metrics.store import connect
from sigap_metrics.ui.access import SESSION_USER

from .conftest import APP
from .release_helpers import tiny_store, write_peserta
from .test_public import page_text

WORKERS = ([("L", "08", "OJOL", "2026-01-01", "2026-12-31")] * 14 + [("P", "02", "PKL", "2026-01-01", "2026-12-31")] * 12
           + [("P", "01", "PEMULUNG", "2026-02-10", "2026-12-31")] * 3)
LATER = [("P", "04", "KULI", "2026-01-01", "2026-12-31")] * 2      # imported after the release


def _users(db):
    con = connect(db)
    auth.add_user(con, "kepala", "pimpinan", "kata-sandi-kepala-2026")
    auth.add_user(con, "rina", "operator", "kata-sandi-rina-2026")
    con.close()


@pytest.fixture()
def store(tmp_path):
    db = tiny_store(tmp_path / "s.duckdb", WORKERS)
    _users(db)
    return db


def _snapshot(db) -> tuple:
    """Everything the release commands may write."""
    con = connect(db, read_only=True)
    try:
        return (con.execute("SELECT * FROM rilis ORDER BY ALL").fetchall(),
                con.execute("SELECT bulan, revisi, tabel, md5(isi) FROM rilis_tabel ORDER BY ALL").fetchall(),
                con.execute("SELECT count(*) FROM kepesertaan").fetchall())
    finally:
        con.close()


# --- the workflow -------------------------------------------------------------------------------------------

def test_prepare_publish_list_and_load(store):
    con = connect(store)
    draft = prepare(con, "2026-01", by="rina", now=dt.datetime(2026, 2, 3, 10))
    assert (draft.status, draft.revision, draft.reference_date) == (DRAFT, 1, dt.date(2026, 1, 31))
    assert load_release(con) is None and load_release(con, "2026-01") is None      # a draft is not public
    info = publish_release(con, "2026-01", by="kepala", note="Rilis pertama", now=dt.datetime(2026, 2, 14, 9))
    assert (info.status, info.published_by, info.note) == (PUBLISHED, "kepala", "Rilis pertama")
    assert info.next_release_date == dt.date(2026, 3, 15)           # February's release, due 15 March
    release = load_release(con)
    head = release.tables["ringkasan"].frame.set_index("indikator")
    assert head.at["active_workers", "nilai"] == 26                 # 14 + 12 on 31 Jan (the 3 start 10 Feb)
    sex = release.tables["jenis_kelamin"].frame.set_index("kode")
    assert sex.at["L", "pekerja_aktif"] == 14 and sex.at["P", "pekerja_aktif"] == 12
    assert [(i.month, i.status, i.revision) for i in list_releases(con)] == [("2026-01", PUBLISHED, 1)]
    con.close()


def test_a_published_release_is_frozen_while_the_store_changes(store, tmp_path):
    """Acceptance 1: after new imports the public page text, its downloads and export-open-data are
    byte-identical until the next release is published."""
    con = connect(store)
    prepare(con, "2026-02", by="rina")
    publish_release(con, "2026-02", by="kepala")
    con.close()
    before = _public(store, tmp_path / "before")
    later = write_peserta(tmp_path / "later.csv", LATER, first_serial=500)
    assert import_command(store, "peserta", later, "rina") == 0
    con = connect(store)
    assert con.execute("SELECT count(*) FROM kepesertaan").fetchall()[0][0] == len(WORKERS) + len(LATER)
    con.close()
    after = _public(store, tmp_path / "after")
    assert after == before
    con = connect(store)                                            # the next release does show the import
    prepare(con, "2026-03", by="rina")
    publish_release(con, "2026-03", by="kepala")
    con.close()
    newer = _public(store, tmp_path / "newer")
    assert newer["export"] != before["export"] and newer["page"] != before["page"]
    con = connect(store, read_only=True)
    head = load_release(con).tables["ringkasan"].frame.set_index("indikator")
    con.close()
    assert head.at["active_workers", "nilai"] == 31                 # 14 + 12 + 3 + the 2 imported later


def _public(db, out) -> dict:
    """What the public gets: the page as text, every download on it (bytes) and export-open-data's files."""
    assert main(["export-open-data", str(out), "--db", str(db)]) == 0
    exported = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGAP_DB", str(db))
        patch.delenv("SIGAP_DEV_AUTH", raising=False)
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.run()
        assert not at.exception, at.exception
        text = page_text(at)
    import streamlit as st
    st.cache_resource.clear()
    st.cache_data.clear()
    con = connect(db, read_only=True)
    release = load_release(con)
    con.close()
    downloads = {name: (exports.to_csv_bytes(table.frame),
                        exports.to_xlsx_bytes(table.frame, name, created=release.info.published_at))
                 for name, table in release.tables.items()}
    return {"page": text, "export": exported, "zip": open_data_zip(release), "downloads": downloads}


def test_a_revision_keeps_the_superseded_release_readable_with_the_reason_on_both(store):
    con = connect(store)
    prepare(con, "2026-02", by="rina")
    first = publish_release(con, "2026-02", by="kepala", now=dt.datetime(2026, 3, 14, 9))
    original = load_release(con, "2026-02")
    more = write_peserta(store.parent / "late.csv", [("L", "03", "OJOL", "2026-02-01", "2026-12-31")] * 10,
                         first_serial=700)
    con.close()
    assert import_command(store, "peserta", more, "rina") == 0
    con = connect(store)
    prepare(con, "2026-02", by="rina")
    with pytest.raises(ReleaseRefused, match="reason"):
        publish_release(con, "2026-02", by="kepala")                # a revision needs its public reason
    reason = "Berkas peserta Februari dari BPJS-TK terlambat: 10 pekerja Bekasi Utara ditambahkan."
    second = publish_release(con, "2026-02", by="kepala", note=reason, now=dt.datetime(2026, 3, 20, 9))
    assert (first.revision, second.revision) == (1, 2)
    old = load_release(con, "2026-02", revision=1)
    assert old.info.status == SUPERSEDED and old.info.superseded_reason == reason
    assert old.info.superseded_at == dt.datetime(2026, 3, 20, 9)
    for name, table in original.tables.items():                     # still exactly what was published
        pd.testing.assert_frame_equal(old.tables[name].frame, table.frame)
    current = load_release(con, "2026-02")
    assert current.info.revision == 2 and current.info.note == reason
    assert current.tables["ringkasan"].frame.set_index("indikator").at["active_workers", "nilai"] == 39
    assert [(i.revision, i.status) for i in list_releases(con)] == [(2, PUBLISHED), (1, SUPERSEDED)]
    con.close()
    with pytest.MonkeyPatch.context() as patch:                     # both show the reason on the public page
        patch.setenv("SIGAP_DB", str(store))
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.run()
        assert reason in page_text(at)
        at.selectbox(key="w_rilis").select_index(1).run()
        assert not at.exception
        text = page_text(at)
        metrics = {m.label: m.value for m in at.metric}
    import streamlit as st
    st.cache_resource.clear()
    st.cache_data.clear()
    assert reason in text and "sudah diganti" in text
    assert metrics["Pekerja terlindungi (aktif)"] == "29"           # the superseded numbers, 14 + 12 + 3


def test_publishing_checks_the_stored_role_at_that_moment(store):
    con = connect(store)
    prepare(con, "2026-01", by="rina")
    for name in ("rina", "nobody", "", None):
        with pytest.raises(ReleaseRefused, match="pimpinan or admin"):
            publish_release(con, "2026-01", by=name)
    con.execute("UPDATE pengguna SET role = 'operator' WHERE username = 'kepala'")
    with pytest.raises(ReleaseRefused, match="stored role: operator"):
        publish_release(con, "2026-01", by="kepala")
    assert load_release(con, "2026-01") is None and load_draft(con, "2026-01") is not None
    con.execute("UPDATE pengguna SET role = 'admin' WHERE username = 'kepala'")
    assert publish_release(con, "2026-01", by="kepala").status == PUBLISHED
    con.close()


def test_the_rilis_page_refuses_a_publisher_demoted_after_the_page_opened(store):
    """The form is shown to a pimpinan; the role is read again when the button is pressed."""
    con = connect(store)
    prepare(con, "2026-01", by="rina")
    con.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGAP_DB", str(store))
        patch.delenv("SIGAP_DEV_AUTH", raising=False)
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.session_state[SESSION_USER] = "kepala"
        at.run()
        at.switch_page("pages/rilis.py")
        at.run()
        assert not at.exception, at.exception
        at.selectbox(key="w_rilis_month").set_value("2026-01").run()
        publish = [b for b in at.button if b.label == "Terbitkan"]
        assert publish, [b.label for b in at.button]
        from sigap_metrics.ui.store import cursor
        cursor().execute("UPDATE pengguna SET role = 'operator' WHERE username = 'kepala'")
        at.text_area(key="w_rilis_note").input("Rilis Januari")
        publish[0].click().run()
        errors = [e.value for e in at.error]
        published = load_release(cursor(), "2026-01")
        cursor().execute("UPDATE pengguna SET role = 'pimpinan' WHERE username = 'kepala'")
        at.run()
        at.selectbox(key="w_rilis_month").set_value("2026-01").run()
        at.text_area(key="w_rilis_note").input("Rilis Januari")
        [b for b in at.button if b.label == "Terbitkan"][0].click().run()
        ok = [s.value for s in at.success]
        info = load_release(cursor(), "2026-01").info
    import streamlit as st
    st.cache_resource.clear()
    assert errors and "pimpinan or admin" in errors[0] and published is None
    assert ok and (info.published_by, info.note) == ("kepala", "Rilis Januari")


def test_operators_see_the_rilis_page_without_the_publish_form(store):
    con = connect(store)
    prepare(con, "2026-01", by="rina")
    con.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGAP_DB", str(store))
        patch.delenv("SIGAP_DEV_AUTH", raising=False)
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.session_state[SESSION_USER] = "rina"
        at.run()
        at.switch_page("pages/rilis.py")
        at.run()
        assert not at.exception
        at.selectbox(key="w_rilis_month").set_value("2026-01").run()
        labels = [b.label for b in at.button]
        metrics = {m.label: m.value for m in at.metric}
    import streamlit as st
    st.cache_resource.clear()
    assert "Terbitkan" not in labels and "Siapkan draf" in labels
    assert metrics["Klaim di luar masa kepesertaan"] == "0" and "Baris ditolak" in metrics


# --- the command line ----------------------------------------------------------------------------------------

def test_cli_prepare_publish_list(store, capsys):
    assert main(["release", "prepare", "--month", "2026-01", "--db", str(store), "--by", "rina"]) == 0
    prepared = json.loads(capsys.readouterr().out)
    assert prepared["status"] == "draft" and prepared["quality"]["hidden_cells"] == 0   # no group of 1..9 in Jan
    assert prepared["quality"]["rows_read"] == len(WORKERS) + 1     # the peserta rows and the phase row
    assert main(["release", "publish", "--month", "2026-01", "--by", "kepala", "--note", "Januari",
                 "--db", str(store)]) == 0
    published = json.loads(capsys.readouterr().out)
    assert (published["status"], published["published_by"], published["revision"]) == ("published", "kepala", 1)
    assert main(["release", "list", "--json", "--db", str(store)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [{k: r[k] for k in ("month", "reference_date", "status", "published_by", "revision")} for r in listed] == [
        {"month": "2026-01", "reference_date": "2026-01-31", "status": "published", "published_by": "kepala",
         "revision": 1}]
    assert listed[0]["published_at"] == published["published_at"]
    assert main(["release", "list", "--db", str(store)]) == 0
    assert "2026-01" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["release", "prepare", "--month", "2024-01"], "no data for 2024-01"),
    (["release", "prepare", "--month", "2099-01"], "not complete"),
    (["release", "prepare", "--month", "2026-1"], "YYYY-MM"),
    (["release", "publish", "--month", "2026-02", "--by", "kepala"], "no draft"),
    (["release", "publish", "--month", "2026-01", "--by", "rina"], "pimpinan or admin"),
    (["release", "publish", "--month", "2026-01", "--by", "siapa"], "pimpinan or admin"),
    (["release", "publish", "--month", "2026-01", "--by", "PIMPINAN"], "pimpinan or admin"),
    (["export-open-data", "OUT"], "no release is published"),
    (["export-open-data", "OUT", "--month", "2026-01"], "no release is published"),
    (["export-open-data", "OUT", "--month", "Jan 2026"], "YYYY-MM"),
])
def test_refused_cli_calls_exit_2_and_write_nothing(store, tmp_path, capsys, argv, message):
    con = connect(store)
    prepare(con, "2026-01", by="rina")                  # a draft exists for January, nothing is published
    con.close()
    before = _snapshot(store)
    out = tmp_path / "out"
    argv = [str(out) if a == "OUT" else a for a in argv]
    assert main([*argv, "--db", str(store)]) == 2
    assert message in capsys.readouterr().err
    assert _snapshot(store) == before and not out.exists()


def test_a_revision_without_a_reason_is_refused_by_the_cli(store, capsys):
    for argv in (["release", "prepare", "--month", "2026-01"], ["release", "publish", "--month", "2026-01",
                                                                 "--by", "kepala"],
                 ["release", "prepare", "--month", "2026-01"]):
        assert main([*argv, "--db", str(store)]) == 0
    before = _snapshot(store)
    assert main(["release", "publish", "--month", "2026-01", "--by", "kepala", "--db", str(store)]) == 2
    assert "reason (--note)" in capsys.readouterr().err and _snapshot(store) == before


def test_commands_refuse_a_missing_store(tmp_path, capsys):
    for argv in (["release", "list"], ["release", "prepare", "--month", "2026-01"],
                 ["export-open-data", str(tmp_path / "out")]):
        assert main([*argv, "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no store" in capsys.readouterr().err
    assert not (tmp_path / "none.duckdb").exists() and not (tmp_path / "out").exists()


# --- the demo store ---------------------------------------------------------------------------------------

def test_the_demo_publishes_one_release_per_complete_month(demo_db):
    con = connect(demo_db, read_only=True)
    infos = list_releases(con)
    con.close()
    months = ["2025-11", "2025-12"] + [f"2026-{m:02d}" for m in range(1, 11)]      # demo as of 25 Nov 2026
    assert [i.month for i in reversed(infos)] == months
    assert {(i.status, i.revision, i.published_by, i.demo) for i in infos} == {(PUBLISHED, 1, "pimpinan", True)}
    october = infos[0]
    assert october.published_at == dt.datetime(2026, 11, 15, 9) and october.next_release_date == dt.date(2026, 12, 15)


def test_export_open_data_of_a_month_is_that_release(demo_db, tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    shutil.copy(demo_db, db)
    assert main(["export-open-data", str(tmp_path / "o"), "--month", "2026-03", "--db", str(db)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["month"], report["as_of"]) == ("2026-03", "2026-03-31")
    con = connect(db, read_only=True)
    expected = open_data_files(load_release(con, "2026-03"))
    con.close()
    assert {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir()} == expected
    series = pd.read_csv(tmp_path / "o" / "perkembangan.csv")
    assert series["tanggal"].iloc[-1] == "2026-03-31"


def test_a_note_is_shown_as_text_never_as_markdown():
    from sigap_metrics.ui.public_page import as_text

    hostile = "Lihat ![x](http://pelacak.example/p.png) dan [klik](javascript:alert(1)) **tebal** <b>"
    escaped = as_text(hostile)
    assert "![" not in escaped and "](" not in escaped and "**" not in escaped and "<b>" not in escaped
    assert escaped.replace("\\", "") == hostile
