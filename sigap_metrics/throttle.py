"""Failed sign-ins slow down, per account and per client address, atomically (DESIGN §6). No Streamlit here.

Three counters of consecutive failures, kept in the sign-in state file (store/auth_state.py):
- `pair`: this account name from this client address. FREE_ATTEMPTS free failures, then each attempt waits.
  This is what an owner mistyping their password meets, and what a stranger guessing one account meets.
- `client`: every account name tried from this client address (unknown names included). CLIENT_FREE_ATTEMPTS
  free, then it waits: one address cannot walk through many names.
- `account`: wrong passwords for this account name from all addresses together. Its threshold is much higher
  (ACCOUNT_FREE_ATTEMPTS): a guesser spread over many addresses is slowed in the end, while a stranger's failures
  from one address delay that stranger (pair and client), not the owner signing in from elsewhere.

An attempt is checked and counted in ONE write transaction (`begin_attempt`): the waits are read and the attempt
is counted as a failure before the password is checked, so parallel guesses cannot all pass the check and count
once. An attempt refused because a wait runs is counted too (pair and client, not account: refused attempts by a
stranger must not add to the owner's account counter), so hammering only lengthens the hammerer's own wait.
A correct password then clears the pair counter and takes back its own count from the client and account ones
(`succeeded`). Counters whose last failure is older than FORGET_AFTER_S (the per-address one:
CLIENT_FORGET_AFTER_S) start again from zero.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .store.auth_state import transaction

FREE_ATTEMPTS = 5                 # per account and client address
CLIENT_FREE_ATTEMPTS = 20         # per client address, all account names together
ACCOUNT_FREE_ATTEMPTS = 50        # per account name, all addresses together (wrong passwords only)
BASE_DELAY_S = 2                  # wait after the first failure beyond the free ones; doubles with each failure
MAX_DELAY_S = 15 * 60             # the wait never grows beyond this
FORGET_AFTER_S = 24 * 3600        # a counter untouched this long starts again ...
CLIENT_FORGET_AFTER_S = 3600      # ... the per-address one after an hour: an office behind one NAT shares it, and
                                  # its users' occasional typos must not add up over weeks
NAME_CHARS = 64                   # typed names are cut to this length before they become a counter key
FREE = {"pair": FREE_ATTEMPTS, "client": CLIENT_FREE_ATTEMPTS, "account": ACCOUNT_FREE_ATTEMPTS}
FORGET = {"pair": FORGET_AFTER_S, "client": CLIENT_FORGET_AFTER_S, "account": FORGET_AFTER_S}


@dataclass(frozen=True)
class Attempt:
    """The outcome of `begin_attempt`: 0 means go on and check the password; else seconds still to wait."""
    wait_s: int
    account: str
    client: str


def retry_delay_s(failed: int, free: int = FREE_ATTEMPTS) -> int:
    """Seconds to wait after the latest failure, given the number of consecutive failures."""
    beyond = failed - free
    if beyond < 0:
        return 0
    return min(BASE_DELAY_S * 2 ** min(beyond, 30), MAX_DELAY_S)


def wait_left(failed: int, last_failed: float | None, now: float, free: int = FREE_ATTEMPTS,
              forget_s: float = FORGET_AFTER_S) -> int:
    """Whole seconds (rounded up) until the next attempt is accepted."""
    if last_failed is None or now - last_failed > forget_s:
        return 0
    left = last_failed + retry_delay_s(failed, free) - now
    return max(0, int(-(-left // 1)))


def account_key(name: object) -> str:
    return str(name).strip().lower()[:NAME_CHARS] if isinstance(name, str) else ""


def client_key(client: str | None) -> str:
    """The client address as a counter key; '-' when unknown (Streamlit gives no address for localhost)."""
    return str(client)[:NAME_CHARS] if client else "-"


def _keys(account: str, client: str) -> dict[str, tuple[str, str]]:
    return {"pair": (account, client), "client": ("", client), "account": (account, "")}


_READ = "SELECT failed, last_failed FROM gagal WHERE scope = ? AND account = ? AND client = ?"
_COUNT = ("INSERT INTO gagal (scope, account, client, failed, last_failed) VALUES (?, ?, ?, 1, ?)"
          " ON CONFLICT (scope, account, client) DO UPDATE SET last_failed = excluded.last_failed,"
          " failed = CASE WHEN excluded.last_failed - gagal.last_failed > ? THEN 1 ELSE gagal.failed + 1 END")
_FORGET = "DELETE FROM gagal WHERE last_failed < ?"


def _stamp(moment: dt.datetime) -> float:
    return moment.timestamp()


def begin_attempt(state: Path, name: object, client: str | None, moment: dt.datetime) -> Attempt:
    """Check the waits of this attempt and count it as a failure, in one transaction (see the module doc)."""
    account, address, now = account_key(name), client_key(client), _stamp(moment)
    keys = _keys(account, address)
    with transaction(state) as con:
        con.execute(_FORGET, [now - FORGET_AFTER_S])
        wait = _longest_wait(con, keys, now)
        for scope in (("pair", "client") if wait else tuple(keys)):
            con.execute(_COUNT, [scope, *keys[scope], now, FORGET[scope]])
        if wait:                                  # the refused attempt counted: report the wait it now faces
            wait = max(wait, _longest_wait(con, keys, now))
    return Attempt(wait, account, address)


def _longest_wait(con, keys: dict[str, tuple[str, str]], now: float) -> int:
    wait = 0
    for scope, (acc, cli) in keys.items():
        row = con.execute(_READ, [scope, acc, cli]).fetchone()
        if row:
            wait = max(wait, wait_left(row[0], row[1], now, FREE[scope], FORGET[scope]))
    return wait


def succeeded(state: Path, attempt: Attempt) -> None:
    """The password was right: clear the pair counter; take this attempt's count back from the other two."""
    keys = _keys(attempt.account, attempt.client)
    with transaction(state) as con:
        con.execute("DELETE FROM gagal WHERE scope = 'pair' AND account = ? AND client = ?", list(keys["pair"]))
        for scope in ("client", "account"):
            con.execute("UPDATE gagal SET failed = max(failed - 1, 0) WHERE scope = ? AND account = ? AND client = ?",
                        [scope, *keys[scope]])


def forget_account(state: Path, name: str) -> None:
    """An admin vouches for the account (unlock, password reset): its account and pair counters go."""
    with transaction(state) as con:
        con.execute("DELETE FROM gagal WHERE scope IN ('pair', 'account') AND account = ?", [account_key(name)])


def failures(state: Path, moment: dt.datetime) -> dict[str, tuple[int, int]]:
    """Per account name: (wrong passwords counted for it from all addresses, seconds until it may try again
    from an address with no failures of its own)."""
    now = _stamp(moment)
    with transaction(state) as con:
        rows = con.execute("SELECT account, failed, last_failed FROM gagal WHERE scope = 'account'").fetchall()
    return {account: (failed, wait_left(failed, last, now, ACCOUNT_FREE_ATTEMPTS))
            for account, failed, last in rows if now - last <= FORGET_AFTER_S}


def counter(state: Path, scope: str, name: object = "", client: str | None = None) -> int:
    """The current count of one counter (for tests and the admin's view)."""
    account, address = account_key(name), client_key(client)
    acc, cli = _keys(account, address)[scope]
    with transaction(state) as con:
        row = con.execute(_READ, [scope, acc, cli]).fetchone()
    return int(row[0]) if row else 0
