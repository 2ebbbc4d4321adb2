"""Server-side sessions (sigap_metrics.sessions) on a real sign-in state file; who the audit log names."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics import auth, sessions
from sigap_metrics.store import auth_state_path, connect

T0 = dt.datetime(2026, 3, 2, 8, 0, 0)
LIMITS = sessions.Lifetime(idle_s=8 * 3600, max_s=24 * 3600)


@pytest.fixture()
def state(tmp_path):
    return tmp_path / "sigap.auth.sqlite"


def _role(mapping):
    return lambda name: mapping.get(name, "publik")


def test_only_the_tokens_hash_is_stored(state):
    token = sessions.create(state, "rina", "operator", "10.0.0.5", T0)
    assert len(token) >= 40
    rows = sqlite3.connect(state).execute("SELECT * FROM sesi").fetchall()
    assert len(rows) == 1 and token not in str(rows) and sessions.token_hash(token) in str(rows)
    assert rows[0][1:] == ("rina", "operator", T0.timestamp(), T0.timestamp(), "10.0.0.5", "password")


def test_idle_and_absolute_expiry(state):
    token = sessions.create(state, "rina", "operator", None, T0)
    roles = _role({"rina": "operator"})
    seen = T0
    for _ in range(3):                                   # used every 7 h: never idle for 8 h ...
        seen += dt.timedelta(hours=7)
        assert sessions.resolve(state, token, roles, seen, LIMITS) is not None
    seen += dt.timedelta(hours=4)                        # ... but 24 h after sign-in it ends anyway
    assert seen - T0 > dt.timedelta(hours=24)
    assert sessions.resolve(state, token, roles, seen, LIMITS) is None
    idle = sessions.create(state, "rina", "operator", None, T0)
    assert sessions.resolve(state, idle, roles, T0 + dt.timedelta(hours=8, seconds=1), LIMITS) is None
    assert sessions.count(state, "rina") == 0            # expired sessions are deleted when met


def test_role_change_or_removal_ends_every_session_of_the_user(state):
    first = sessions.create(state, "rina", "operator", None, T0)
    second = sessions.create(state, "rina", "operator", None, T0)
    other = sessions.create(state, "budi", "pimpinan", None, T0)
    demoted = _role({"rina": "pimpinan", "budi": "pimpinan"})
    assert sessions.resolve(state, first, demoted, T0, LIMITS) is None
    assert sessions.resolve(state, second, _role({"rina": "operator"}), T0, LIMITS) is None   # ended with it
    assert sessions.resolve(state, other, demoted, T0, LIMITS).username == "budi"
    assert sessions.resolve(state, other, _role({}), T0, LIMITS) is None                      # removed


def test_sign_out_ends_the_session_and_junk_tokens_resolve_to_nothing(state):
    token = sessions.create(state, "rina", "operator", None, T0)
    sessions.end(state, token)
    assert sessions.resolve(state, token, _role({"rina": "operator"}), T0, LIMITS) is None
    for junk in (None, "", 5, "x" * 10_000, "' OR 1=1 --"):
        assert sessions.resolve(state, junk, _role({"rina": "operator"}), T0, LIMITS) is None


@pytest.mark.parametrize(("idle", "most", "expected"), [("2", "10", (7200, 36000)), ("-1", "abc", (8 * 3600, 24 * 3600)),
                                                        ("0", "1e9", (8 * 3600, 24 * 3600))])
def test_lifetime_from_the_environment(monkeypatch, idle, most, expected):
    monkeypatch.setenv("SIGAP_SESSION_IDLE_HOURS", idle)
    monkeypatch.setenv("SIGAP_SESSION_MAX_HOURS", most)
    limits = sessions.lifetime()
    assert (limits.idle_s, limits.max_s) == expected


def test_password_reset_and_user_add_end_sessions(tmp_path):
    db = tmp_path / "s.duckdb"
    con = connect(db)
    state = auth_state_path(db)
    auth.add_user(con, "rina", "operator", "sandi-rina-lama", state=state)
    sessions.create(state, "rina", "operator", None, T0)
    auth.add_user(con, "rina", "operator", "sandi-rina-baru", state=state)       # reset by `user add`
    assert sessions.count(state, "rina") == 0
    con.close()


def _who() -> None:
    import streamlit as st

    from sigap_metrics.ui import identity
    st.text(identity.current().person or "-")
    st.text(identity.current().role)


def test_the_audit_log_names_the_person_for_sso_and_the_developer_override(demo_db, monkeypatch):
    """Imports record identity.current().person: the SSO e-mail, or who used the developer override."""
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    monkeypatch.delenv("SIGAP_DEV_AUTH", raising=False)
    at = AppTest.from_function(_who, default_timeout=60)
    at.secrets = {"auth": {"redirect_uri": "http://x/oauth2callback", "cookie_secret": "x" * 32, "client_id": "c",
                           "client_secret": "s", "server_metadata_url": "https://x/.well-known/openid-configuration"},
                  "sigap_oidc": {"role_claim": "groups", "roles": {"sigap-operator": "operator"}}}
    at.user = {"is_logged_in": True, "email": "rina@bekasikota.go.id", "groups": ["sigap-operator"]}
    at.run()
    assert [x.value for x in at.text] == ["sso:rina@bekasikota.go.id", "operator"]
    monkeypatch.setenv("SIGAP_DEV_AUTH", "1")
    monkeypatch.setenv("SIGAP_ROLE", "operator")
    at = AppTest.from_function(_who, default_timeout=60).run()
    assert at.text[0].value.startswith("dev-override:") and at.text[1].value == "operator"
