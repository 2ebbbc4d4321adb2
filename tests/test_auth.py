"""Users, argon2 hashes, throttling after failed attempts, the stored-role check, OIDC claim mapping and
`user add`. Parallel attempts (threads and processes on a real state file): tests/test_auth_parallel.py."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from sigap_metrics import auth, throttle
from sigap_metrics.auth import (DEMO_USERS, FREE_ATTEMPTS, NotAllowed, UserError, add_user, authenticate, delete_user,
                                list_users, require_stored_role, retry_delay_s, role_from_claims, role_of, set_role,
                                unlock_user, user_add_command)
from sigap_metrics.cli import main
from sigap_metrics.store import connect

T0 = dt.datetime(2026, 1, 5, 9, 0, 0)
PASSWORD = "kata-sandi-rahasia"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime = T0):
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += dt.timedelta(seconds=seconds)


@pytest.fixture()
def state(tmp_path):
    """A fresh sign-in state file (sessions, failure counters)."""
    return tmp_path / "sigap.auth.sqlite"


@pytest.fixture()
def login(state):
    def attempt(con, name, password, **kwargs):
        return authenticate(con, name, password, state=state, **kwargs)
    return attempt


def test_password_is_stored_only_as_an_argon2_hash(memory_con):
    add_user(memory_con, "budi", "pimpinan", PASSWORD)
    stored = memory_con.execute("SELECT password_hash FROM pengguna WHERE username = 'budi'").fetchall()[0][0]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    everything = str(memory_con.execute("SELECT * FROM pengguna").fetchall())
    assert PASSWORD not in everything


def test_right_password_grants_the_stored_role_and_wrong_one_nothing(memory_con, login):
    add_user(memory_con, "sari", "anggaran", PASSWORD)
    ok = login(memory_con, "sari", PASSWORD)
    assert (ok.ok, ok.role, ok.reason) == (True, "anggaran", "ok")
    wrong = login(memory_con, "sari", PASSWORD + "x")
    assert (wrong.ok, wrong.role) == (False, "publik")
    assert login(memory_con, "nobody", PASSWORD).role == "publik"
    assert login(memory_con, "sari", "").ok is False
    assert login(memory_con, "SARI ", PASSWORD).ok  # names are case- and space-insensitive at login


def test_failures_beyond_five_are_slowed_exponentially_and_refused_while_waiting(memory_con, login, state):
    add_user(memory_con, "opr", "operator", PASSWORD)
    clock = Clock()
    for attempt in range(1, FREE_ATTEMPTS):
        result = login(memory_con, "opr", "wrong-password", now=clock)
        assert result.reason == "invalid" and result.retry_after_s == 0, attempt
    fifth = login(memory_con, "opr", "wrong-password", now=clock)
    assert fifth.reason == "invalid" and fifth.retry_after_s == retry_delay_s(FREE_ATTEMPTS) == 2
    # While the wait runs, even the right password is refused without being checked, and the refused attempt
    # counts: the wait now runs 4 s from this attempt.
    clock.advance(1)
    blocked = login(memory_con, "opr", PASSWORD, now=clock)
    assert (blocked.ok, blocked.reason, blocked.retry_after_s) == (False, "throttled", 4)
    clock.advance(3.5)
    assert login(memory_con, "opr", PASSWORD, now=clock).retry_after_s == 8        # again too early: 8 s
    clock.advance(8)
    seventh = login(memory_con, "opr", "wrong-password", now=clock)                 # checked, wrong: 16 s
    assert (seventh.reason, seventh.retry_after_s) == ("invalid", 16)
    assert throttle.counter(state, "pair", "opr") == FREE_ATTEMPTS + 3
    assert throttle.counter(state, "account", "opr") == FREE_ATTEMPTS + 1          # only checked passwords
    # The right password after the wait succeeds and clears this client's count for the account.
    clock.advance(16)
    assert login(memory_con, "opr", PASSWORD, now=clock).ok
    assert throttle.counter(state, "pair", "opr") == 0
    assert login(memory_con, "opr", "wrong-password", now=clock).retry_after_s == 0


def test_refused_attempts_lengthen_only_the_guessers_wait(memory_con, login, state):
    add_user(memory_con, "opr", "operator", PASSWORD)
    clock = Clock()
    for _ in range(FREE_ATTEMPTS):
        login(memory_con, "opr", "wrong-password", now=clock, client="10.9.9.9")
    for _ in range(20):
        assert login(memory_con, "opr", PASSWORD, now=clock, client="10.9.9.9").reason == "throttled"
    assert throttle.counter(state, "pair", "opr", "10.9.9.9") == FREE_ATTEMPTS + 20
    assert throttle.counter(state, "account", "opr") == FREE_ATTEMPTS
    assert login(memory_con, "opr", PASSWORD, now=clock, client="10.1.1.1").ok       # the owner, elsewhere


def test_unknown_names_are_counted_and_slowed_too(memory_con, login, state):
    clock = Clock()
    for _ in range(FREE_ATTEMPTS):
        assert login(memory_con, "tidak.ada", "apa-saja", now=clock, client="10.9.9.9").reason == "invalid"
    assert login(memory_con, "tidak.ada", "apa-saja", now=clock, client="10.9.9.9").reason == "throttled"
    # One address walking through many names meets the per-client limit.
    for n in range(throttle.CLIENT_FREE_ATTEMPTS):
        login(memory_con, f"nama{n:03d}", "apa-saja", now=clock, client="10.8.8.8")
    assert login(memory_con, "nama-baru", "apa-saja", now=clock, client="10.8.8.8").reason == "throttled"
    assert login(memory_con, "nama-baru", "apa-saja", now=clock, client="10.7.7.7").reason == "invalid"
    # The per-address counter forgets after an hour without failures (colleagues behind one office address);
    # the per-account-and-address one does not (its 7th failure now asks for 8 s).
    clock.advance(throttle.CLIENT_FORGET_AFTER_S + 1)
    assert login(memory_con, "nama-lain", "apa-saja", now=clock, client="10.8.8.8").reason == "invalid"
    assert login(memory_con, "tidak.ada", "apa-saja", now=clock, client="10.9.9.9").retry_after_s == 8


def test_delay_is_capped():
    assert [retry_delay_s(n) for n in range(0, 9)] == [0, 0, 0, 0, 0, 2, 4, 8, 16]
    assert retry_delay_s(1000) == auth.MAX_DELAY_S


def test_list_users_shows_account_failures_but_never_hashes(memory_con, login, state):
    add_user(memory_con, "opr", "operator", PASSWORD)
    add_user(memory_con, "adm", "admin", PASSWORD)
    clock = Clock()
    for _ in range(FREE_ATTEMPTS):
        login(memory_con, "opr", "wrong-password", now=clock)
    frame = list_users(memory_con, now=clock, state=state).set_index("username")
    assert "password_hash" not in frame.columns
    assert frame.loc["opr", "failed_attempts"] == FREE_ATTEMPTS and frame.loc["adm", "failed_attempts"] == 0
    assert login(memory_con, "opr", PASSWORD, now=clock).reason == "throttled"
    unlock_user(memory_con, "opr", state=state)
    assert login(memory_con, "opr", PASSWORD, now=clock).ok


def test_require_stored_role_reads_the_store_at_the_moment(memory_con):
    add_user(memory_con, "rina", "operator", PASSWORD)
    assert require_stored_role(memory_con, "rina", ("operator", "admin")) == "operator"
    set_role(memory_con, "rina", "pimpinan")
    with pytest.raises(NotAllowed, match="pimpinan"):
        require_stored_role(memory_con, "rina", ("operator", "admin"))
    delete_user(memory_con, "rina")
    with pytest.raises(NotAllowed):
        require_stored_role(memory_con, "rina", ("operator", "admin"))
    with pytest.raises(NotAllowed):
        require_stored_role(memory_con, None, ("operator",))


def test_add_user_validates_and_resets(memory_con, login):
    with pytest.raises(UserError):
        add_user(memory_con, "x", "pimpinan", PASSWORD)                 # name too short
    with pytest.raises(UserError):
        add_user(memory_con, "Robert'); DROP TABLE pengguna;--", "admin", PASSWORD)
    with pytest.raises(UserError):
        add_user(memory_con, "budi", "publik", PASSWORD)                # publik is not a login
    with pytest.raises(UserError):
        add_user(memory_con, "budi", "superuser", PASSWORD)
    with pytest.raises(UserError):
        add_user(memory_con, "budi", "pimpinan", "short")
    assert add_user(memory_con, "budi", "pimpinan", PASSWORD) is True
    assert add_user(memory_con, "budi", "operator", PASSWORD + "2") is False
    assert role_of(memory_con, "budi") == "operator"
    assert not login(memory_con, "budi", PASSWORD).ok
    assert login(memory_con, "budi", PASSWORD + "2").ok


def test_role_changes_and_removal_take_effect_and_last_admin_is_kept(memory_con):
    add_user(memory_con, "adm", "admin", PASSWORD)
    add_user(memory_con, "budi", "pimpinan", PASSWORD)
    with pytest.raises(UserError):
        set_role(memory_con, "adm", "pimpinan")
    with pytest.raises(UserError):
        delete_user(memory_con, "adm")
    set_role(memory_con, "budi", "admin")
    set_role(memory_con, "adm", "operator")
    assert role_of(memory_con, "adm") == "operator"
    delete_user(memory_con, "adm")
    assert role_of(memory_con, "adm") == "publik"
    assert role_of(memory_con, None) == "publik"


def test_a_stored_role_outside_the_list_grants_nothing(memory_con, login):
    add_user(memory_con, "budi", "pimpinan", PASSWORD)
    memory_con.execute("UPDATE pengguna SET role = 'root' WHERE username = 'budi'")
    assert role_of(memory_con, "budi") == "publik"
    result = login(memory_con, "budi", PASSWORD)
    assert (result.ok, result.role) == (False, "publik")


def test_login_fails_closed_on_a_broken_store(memory_con, login):
    add_user(memory_con, "budi", "pimpinan", PASSWORD)
    memory_con.execute("DROP TABLE pengguna")
    result = login(memory_con, "budi", PASSWORD)
    assert (result.ok, result.role, result.reason) == (False, "publik", "error")


def test_demo_store_has_one_login_per_role_and_a_new_store_has_none(demo_con, tmp_path, login):
    for name, (role, password) in DEMO_USERS.items():
        assert login(demo_con, name, password).role == role
    assert sorted(role for role, _ in DEMO_USERS.values()) == sorted(auth.LOGIN_ROLES)
    fresh = connect(tmp_path / "empty.duckdb")
    assert fresh.execute("SELECT count(*) FROM pengguna").fetchall()[0][0] == 0
    assert not login(fresh, "admin", DEMO_USERS["admin"][1]).ok


@pytest.mark.parametrize(("claims", "expected"), [
    ({"groups": ["sigap-pimpinan"]}, "pimpinan"),
    ({"groups": ["other", "sigap-pimpinan", "sigap-admin"]}, "admin"),
    ({"groups": "sigap-operator"}, "operator"),
    ({"groups": ["unknown"]}, "publik"),
    ({"email": "x@example.com"}, "publik"),
    ({"groups": ["sigap-evil"]}, "publik"),     # mapped to a role that does not exist
    ({"groups": None}, "publik"),
])
def test_role_from_oidc_claims(claims, expected):
    mapping = {"sigap-pimpinan": "pimpinan", "sigap-admin": "admin", "sigap-operator": "operator",
               "sigap-evil": "root"}
    assert role_from_claims(claims, "groups", mapping) == expected


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_user_add_command_reads_password_from_stdin(tmp_path, capsys, login):
    db = tmp_path / "s.duckdb"
    assert user_add_command(db, "rina", "operator", stdin=_Pipe(PASSWORD + "\n")) == 0
    assert "created" in capsys.readouterr().out
    con = connect(db)
    assert login(con, "rina", PASSWORD).role == "operator"
    con.close()
    assert user_add_command(db, "rina", "admin", stdin=_Pipe("short\n")) == 2
    assert "at least" in capsys.readouterr().err


def test_user_add_command_prompts_twice_on_a_terminal(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    answers = iter([PASSWORD, PASSWORD])
    assert user_add_command(db, "rina", "pimpinan", stdin=_Tty(), prompt=lambda _: next(answers)) == 0
    answers = iter([PASSWORD, PASSWORD + "typo"])
    assert user_add_command(db, "rina", "pimpinan", stdin=_Tty(), prompt=lambda _: next(answers)) == 2
    assert "differ" in capsys.readouterr().err


def test_cli_user_add_through_main(tmp_path, monkeypatch, capsys, login):
    db = tmp_path / "s.duckdb"
    monkeypatch.setattr("sys.stdin", _Pipe(PASSWORD + "\n"))
    assert main(["user", "add", "kepala.dinas", "--role", "pimpinan", "--db", str(db)]) == 0
    con = connect(db)
    assert role_of(con, "kepala.dinas") == "pimpinan"
    assert login(con, "kepala.dinas", PASSWORD).ok
