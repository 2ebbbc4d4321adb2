"""Throttling holds under parallel attempts (DESIGN §6): real threads and real processes, a real store file and
its real sign-in state file. The clock is fixed per burst (a parameter of `authenticate`), so "before the wait
has passed" never depends on how fast this machine is."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sigap_metrics import auth, throttle
from sigap_metrics.store import auth_state_path, connect, reader_cursor

T0 = dt.datetime(2026, 3, 2, 8, 0, 0)
PASSWORD = "kata-sandi-rahasia"
BURST = 20


@pytest.fixture()
def store(tmp_path) -> Path:
    db = tmp_path / "sigap.duckdb"
    con = connect(db)
    auth.add_user(con, "admin", "admin", PASSWORD)
    auth.add_user(con, "rina", "operator", PASSWORD)
    con.close()
    return db


def _threads(db: Path, attempts: list[tuple[str, str, str]], moment: dt.datetime) -> list[auth.LoginResult]:
    """Run the attempts (name, password, client) at once, one thread each, all released by one barrier."""
    con = connect(db, read_only=True)
    start = threading.Barrier(len(attempts))

    def attempt(args):
        name, password, client = args
        cursor = reader_cursor(con)   # a reader attaches the store file: its cursors must USE it too
        start.wait()
        return auth.authenticate(cursor, name, password, state=auth_state_path(db), client=client,
                                 now=lambda: moment)

    try:
        with ThreadPoolExecutor(len(attempts)) as pool:
            return list(pool.map(attempt, attempts))
    finally:
        con.close()


def _process_attempts(db: str, name: str, password: str, client: str, stamp: float, count: int, start, out) -> None:
    con = connect(db, read_only=True)
    start.wait()
    moment = dt.datetime.fromtimestamp(stamp)
    results = [auth.authenticate(con, name, password, state=auth_state_path(db), client=client, now=lambda: moment)
               for _ in range(count)]
    out.put([(r.ok, r.reason) for r in results])
    con.close()


def test_twenty_parallel_wrong_guesses_count_twenty_failures(store):
    state = auth_state_path(store)
    results = _threads(store, [("rina", f"salah-{n}", "10.0.0.66") for n in range(BURST)], T0)
    assert not any(r.ok for r in results)
    assert throttle.counter(state, "pair", "rina", "10.0.0.66") == BURST
    assert throttle.counter(state, "client", client="10.0.0.66") == BURST
    # Exactly the free attempts reached the password check; the others were refused by the wait.
    assert sum(r.reason == "invalid" for r in results) == auth.FREE_ATTEMPTS
    assert sum(r.reason == "throttled" for r in results) == BURST - auth.FREE_ATTEMPTS
    assert throttle.counter(state, "account", "rina") == auth.FREE_ATTEMPTS


def test_parallel_guesses_from_several_processes_count_every_one(store, monkeypatch):
    """Four processes, five attempts each, released together: 20 failures counted, none lost."""
    import __main__

    # A spawned child re-runs __main__'s file; after an AppTest in this process that is app.py. The children
    # need only this module's function, so they are started without a main file to re-run.
    monkeypatch.delattr(__main__, "__file__", raising=False)
    monkeypatch.setattr(__main__, "__spec__", None, raising=False)
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(4), context.Queue()
    workers = [context.Process(target=_process_attempts,
                               args=(str(store), "rina", "salah-sekali", "10.0.0.66", T0.timestamp(), 5, start, out))
               for _ in range(4)]
    for worker in workers:
        worker.start()
    outcomes = [item for _ in workers for item in out.get(timeout=600)]
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    assert len(outcomes) == BURST and not any(ok for ok, _ in outcomes)
    assert throttle.counter(auth_state_path(store), "pair", "rina", "10.0.0.66") == BURST
    assert sum(reason == "invalid" for _, reason in outcomes) == auth.FREE_ATTEMPTS


def test_right_password_in_a_parallel_burst_after_five_failures_waits(store):
    state = auth_state_path(store)
    _threads(store, [("rina", f"salah-{n}", "10.0.0.66") for n in range(auth.FREE_ATTEMPTS)], T0)
    burst_at = T0 + dt.timedelta(seconds=1)                 # inside the 2 s wait that the fifth failure started
    results = _threads(store, [("rina", PASSWORD, "10.0.0.66")] * BURST, burst_at)
    assert not any(r.ok for r in results)
    assert {r.reason for r in results} == {"throttled"}
    # The refused burst lengthened the wait for this client: still refused a minute later ...
    assert not auth.authenticate(connect(store, read_only=True), "rina", PASSWORD, state=state, client="10.0.0.66",
                                 now=lambda: burst_at + dt.timedelta(seconds=60)).ok
    # ... and accepted once the (capped) wait has passed: exactly one sign-in from a second burst.
    later = burst_at + dt.timedelta(seconds=60 + auth.MAX_DELAY_S + 1)
    results = _threads(store, [("rina", PASSWORD, "10.0.0.66")] * 4, later)
    assert sum(r.ok for r in results) == 1


def test_a_strangers_failures_do_not_delay_the_owner_from_another_address(store):
    state = auth_state_path(store)
    results = _threads(store, [("admin", f"tebak-{n}", "10.0.0.66") for n in range(30)], T0)
    assert not any(r.ok for r in results)
    assert throttle.counter(state, "pair", "admin", "10.0.0.66") == 30
    owner = auth.authenticate(connect(store, read_only=True), "admin", PASSWORD, state=state, client="10.0.0.1",
                              now=lambda: T0)
    assert owner.ok and owner.role == "admin"
    stranger = auth.authenticate(connect(store, read_only=True), "admin", PASSWORD, state=state, client="10.0.0.66",
                                 now=lambda: T0)
    assert stranger.reason == "throttled"


def test_guesses_spread_over_many_addresses_meet_the_account_limit(store):
    """The account-wide limit (much higher) stops a guesser who changes address for every few guesses; it is the
    one counter that can also delay the owner, which is why its threshold is ACCOUNT_FREE_ATTEMPTS."""
    state = auth_state_path(store)
    con = connect(store, read_only=True)
    for n in range(throttle.ACCOUNT_FREE_ATTEMPTS):
        auth.authenticate(con, "admin", "tebak", state=state, client=f"10.1.{n}.1", now=lambda: T0)
    assert throttle.counter(state, "account", "admin") == throttle.ACCOUNT_FREE_ATTEMPTS
    assert auth.authenticate(con, "admin", PASSWORD, state=state, client="10.0.0.1", now=lambda: T0).reason \
        == "throttled"
    con.close()
