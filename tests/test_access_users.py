"""The admin's Pengguna page: add a user (argon2 hash), reset, change a role, unlock, remove; an admin
cannot demote or remove themself (the last admin is kept by auth, tests/test_auth.py); the list never shows a
hash."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import auth, sessions, throttle
from sigap_metrics.auth import FREE_ATTEMPTS
from sigap_metrics.i18n import t
from sigap_metrics.store import auth_state_path, connect, writing

from .apptest_helpers import sign_in
from .conftest import APP

PAGE = "pages/pengguna.py"


@pytest.fixture()
def users_db(tmp_path, demo_db):
    path = tmp_path / "sigap.duckdb"
    shutil.copy(demo_db, path)
    return path


def _open(db, monkeypatch, user: str = "admin") -> AppTest:
    monkeypatch.setenv("SIGAP_DB", str(db))
    monkeypatch.delenv("SIGAP_DEV_AUTH", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=90)
    sign_in(at, user, db)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def _submit(at: AppTest, form: str, label_key: str) -> AppTest:
    at.button(key=f"FormSubmitter:{form}-{t(label_key, 'id')}").click().run()
    assert not at.exception, at.exception
    return at


def _row(db, name: str):
    """(role, password hash, wrong passwords counted for the account) of a user, or None."""
    con = connect(db, read_only=True)
    try:
        rows = con.execute("SELECT role, password_hash FROM pengguna WHERE username = ?", [name]).fetchall()
    finally:
        con.close()
    return (*rows[0], throttle.counter(auth_state_path(db), "account", name)) if rows else None


def test_admin_sees_users_without_hashes(users_db, monkeypatch):
    at = _open(users_db, monkeypatch)
    assert [x.value for x in at.title] == [t("page_pengguna", "id")]
    shown = at.dataframe[0].value
    assert set(shown[t("users_col_username", "id")]) == {"pimpinan", "anggaran", "operator", "admin"}
    assert not shown.astype(str).apply(lambda col: col.str.contains(r"\$argon2")).any().any()


def test_admin_adds_a_user_with_an_argon2_hash_and_can_reset_it(users_db, monkeypatch):
    at = _open(users_db, monkeypatch)
    at.text_input(key="w_user_name").input("Kadis.Disnaker")
    at.selectbox(key="w_user_role").select("pimpinan")
    at.text_input(key="w_user_password").input("sandi-kepala-dinas")
    at = _submit(at, "user_add", "users_save")
    assert [s.value for s in at.success] == [t("users_done", "id")]
    role, digest, _ = _row(users_db, "kadis.disnaker")
    assert role == "pimpinan" and digest.startswith("$argon2id$") and "sandi-kepala-dinas" not in digest
    assert "kadis.disnaker" in set(at.dataframe[0].value[t("users_col_username", "id")])
    with writing(users_db) as con:
        assert auth.authenticate(con, "kadis.disnaker", "sandi-kepala-dinas", state=auth_state_path(users_db)).role == "pimpinan"
    at.text_input(key="w_user_name").input("kadis.disnaker")
    at.selectbox(key="w_user_role").select("anggaran")
    at.text_input(key="w_user_password").input("sandi-baru-kadis")
    at = _submit(at, "user_add", "users_save")
    with writing(users_db) as con:
        assert auth.authenticate(con, "kadis.disnaker", "sandi-baru-kadis", state=auth_state_path(users_db)).role == "anggaran"
        assert not auth.authenticate(con, "kadis.disnaker", "sandi-kepala-dinas", state=auth_state_path(users_db)).ok


def test_a_short_password_or_bad_name_is_refused_with_a_reason(users_db, monkeypatch):
    at = _open(users_db, monkeypatch)
    at.text_input(key="w_user_name").input("budi")
    at.text_input(key="w_user_password").input("pendek")
    at = _submit(at, "user_add", "users_save")
    assert any(t("users_refused", "id") in e.value and "10" in e.value for e in at.error)
    assert _row(users_db, "budi") is None
    at.text_input(key="w_user_name").input("x'; DROP TABLE pengguna; --")
    at.text_input(key="w_user_password").input("panjang-sekali-123")
    at = _submit(at, "user_add", "users_save")
    assert any(t("users_refused", "id") in e.value for e in at.error)
    assert _row(users_db, "admin") is not None


def test_admin_changes_a_role_unlocks_and_removes(users_db, monkeypatch):
    moment = dt.datetime.now()
    con = connect(users_db, read_only=True)   # a sign-in only reads the store; failures go to the state file
    for _ in range(FREE_ATTEMPTS):
        auth.authenticate(con, "operator", "salah-salah", state=auth_state_path(users_db), now=lambda: moment)
    con.close()
    assert _row(users_db, "operator")[2] == FREE_ATTEMPTS
    at = _open(users_db, monkeypatch)
    at.selectbox(key="w_user_target").select("operator")
    at.radio(key="w_user_action").set_value("unlock")
    at = _submit(at, "user_change", "users_apply")
    assert _row(users_db, "operator")[2] == 0
    at.selectbox(key="w_user_target").select("pimpinan")
    at.radio(key="w_user_action").set_value("role")
    at.selectbox(key="w_user_new_role").select("operator")
    at = _submit(at, "user_change", "users_apply")
    assert _row(users_db, "pimpinan")[0] == "operator"
    at.selectbox(key="w_user_target").select("anggaran")
    at.radio(key="w_user_action").set_value("delete")
    at = _submit(at, "user_change", "users_apply")
    assert _row(users_db, "anggaran") is None
    assert "anggaran" not in set(at.dataframe[0].value[t("users_col_username", "id")])


def test_admin_cannot_demote_or_remove_themself(users_db, monkeypatch):
    at = _open(users_db, monkeypatch)
    for action in ("role", "delete"):
        at.selectbox(key="w_user_target").select("admin")
        at.radio(key="w_user_action").set_value(action)
        at.selectbox(key="w_user_new_role").select("pimpinan")
        at = _submit(at, "user_change", "users_apply")
        assert [e.value for e in at.error if e.value != t("health_some_fail", "id")] == [t("users_not_self", "id")]
    assert _row(users_db, "admin")[0] == "admin"
    with writing(users_db) as con:
        auth.add_user(con, "admin.kedua", "admin", "sandi-admin-kedua")
    at = _open(users_db, monkeypatch, user="admin.kedua")
    at.selectbox(key="w_user_target").select("admin")
    at.radio(key="w_user_action").set_value("role")
    at.selectbox(key="w_user_new_role").select("pimpinan")
    at = _submit(at, "user_change", "users_apply")
    assert _row(users_db, "admin")[0] == "pimpinan"           # another admin may demote them


def test_a_demoted_admin_loses_the_page_on_the_next_run(users_db, monkeypatch):
    with writing(users_db) as con:
        auth.add_user(con, "admin.kedua", "admin", "sandi-admin-kedua")
    at = _open(users_db, monkeypatch, user="admin")
    assert [x.value for x in at.title] == [t("page_pengguna", "id")]
    with writing(users_db) as con:
        auth.set_role(con, "admin", "operator")                  # e.g. by the other admin, from the CLI or another tab
    at.run()
    assert not at.dataframe and not [w for w in at.text_input if w.key == "w_user_name"]
    assert any(t("login_expired", "id") in w.value for w in at.sidebar.warning)   # the session ended
    assert sessions.count(auth_state_path(users_db), "admin") == 0


def test_role_change_in_pengguna_ends_the_users_sessions_at_once(users_db, monkeypatch):
    state = auth_state_path(users_db)
    sessions.create(state, "pimpinan", "pimpinan", "10.0.0.7", dt.datetime.now())
    sessions.create(state, "pimpinan", "pimpinan", "10.0.0.8", dt.datetime.now())
    at = _open(users_db, monkeypatch)
    at.selectbox(key="w_user_target").select("pimpinan")
    at.radio(key="w_user_action").set_value("role")
    at.selectbox(key="w_user_new_role").select("anggaran")
    _submit(at, "user_change", "users_apply")
    assert sessions.count(state, "pimpinan") == 0


def test_user_admin_click_from_a_demoted_admin_is_refused(users_db, monkeypatch):
    """The page was open while the admin was demoted elsewhere: the click does nothing."""
    with writing(users_db) as con:
        auth.add_user(con, "admin.kedua", "admin", "sandi-admin-kedua")
    at = _open(users_db, monkeypatch, user="admin.kedua")
    at.selectbox(key="w_user_target").select("anggaran")
    at.radio(key="w_user_action").set_value("delete")
    with writing(users_db) as con:
        auth.set_role(con, "admin.kedua", "pimpinan")
    at.button(key=f"FormSubmitter:user_change-{t('users_apply', 'id')}").click().run()
    assert _row(users_db, "anggaran") is not None


def test_admin_page_shows_the_health_facts_that_check_reports(users_db, monkeypatch):
    from sigap_metrics.store import SCHEMA_VERSION

    monkeypatch.setenv("SIGAP_NIK_KEY", "ab" * 32)
    at = _open(users_db, monkeypatch)
    health = next(f.value for f in at.dataframe if t("health_col_fact", "id") in f.value.columns)
    rows = dict(zip(health[t("health_col_fact", "id")], health[t("health_col_value", "id")]))
    assert rows[t("health_fact_schema", "id")] == f"v{SCHEMA_VERSION}"
    # The users store is a demo as of 25 Nov 2026: one release per complete month, the latest October's.
    assert rows[t("health_fact_latest_release", "id")].startswith("2026-10 rev 1, ")
    statuses = dict(zip(health[t("health_col_fact", "id")], health[t("health_col_status", "id")]))
    assert statuses[t("health_fact_store_opens", "id")] == t("health_ok", "id")
