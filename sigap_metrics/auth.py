"""Users, passwords, throttling and the stored-role check (DESIGN §6). No Streamlit here: the UI glue and the
CLI both call this.

Passwords are kept only as argon2id hashes in the store (table `pengguna`). Failed attempts are counted per
account and per client address in the sign-in state file beside the store (`sigap_metrics.throttle`); the
attempt is checked and counted in one transaction before the password is verified, so parallel guesses cannot
slip through. `require_stored_role` is the one check every privileged action makes at the moment it acts.
The clock is a parameter so tests need not sleep.
"""
from __future__ import annotations

import datetime as dt
import getpass
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import duckdb
import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from . import sessions, throttle
from .store.sql import scalar

ROLES = ("publik", "pimpinan", "anggaran", "operator", "admin")
LOGIN_ROLES = ROLES[1:]                 # publik is "not logged in", never a stored user
FREE_ATTEMPTS = throttle.FREE_ATTEMPTS  # wrong passwords (per account and client) before attempts are slowed
BASE_DELAY_S = throttle.BASE_DELAY_S
MAX_DELAY_S = throttle.MAX_DELAY_S
MIN_PASSWORD_LENGTH = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")

# Demo logins: one per role, created only by `demo` (sigap_metrics.demo.build_demo). Documented in docs/logins.md.
DEMO_USERS: dict[str, tuple[str, str]] = {
    "pimpinan": ("pimpinan", "demo-pimpinan-2025"),
    "anggaran": ("anggaran", "demo-anggaran-2025"),
    "operator": ("operator", "demo-operator-2025"),
    "admin": ("admin", "demo-admin-2025"),
}

_HASHER = PasswordHasher()              # argon2id with the library's current recommended parameters
# Verified against when the user does not exist, so an unknown name costs as much time as a wrong password.
_DUMMY_HASH = _HASHER.hash("sigap-no-such-user")

Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now()


class UserError(ValueError):
    """A user cannot be created or changed as asked (bad name, role or password); message says why."""


class NotAllowed(PermissionError):
    """The person acting does not (or no longer) hold a role allowed to do this; nothing was done."""

    def __init__(self, username: str | None, role: str, allowed: tuple[str, ...]):
        self.username, self.role, self.allowed = username, role, allowed
        super().__init__(f"{username or 'anonymous'} has role {role}; this needs one of: {', '.join(allowed)}")


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    role: str = "publik"                 # the role granted; publik unless ok
    reason: str = "invalid"              # ok | invalid | throttled | error
    retry_after_s: int = 0               # when throttled: seconds until the next attempt is accepted


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_username(name: str) -> str:
    if not isinstance(name, str) or not USERNAME.match(name):
        raise UserError("username: 3–32 characters, lower-case letters, digits, dot, dash or underscore,"
                        " starting with a letter or digit")
    return name


def check_role(role: str) -> str:
    if role not in LOGIN_ROLES:
        raise UserError(f"role must be one of {', '.join(LOGIN_ROLES)}")
    return role


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"password: at least {MIN_PASSWORD_LENGTH} characters")
    return password


def retry_delay_s(failed_attempts: int) -> int:
    """Seconds to wait after the latest failure, given the number of consecutive failures (per account+client)."""
    return throttle.retry_delay_s(failed_attempts)


def add_user(con: duckdb.DuckDBPyConnection, name: str, role: str, password: str, *,
             now: Clock = _now, state: Path | None = None) -> bool:
    """Create the user, or reset its role and password if it exists (then its failure counters and sessions
    end too, when the sign-in `state` file is given). Returns True when the user was new."""
    check_username(name)
    check_role(role)
    check_password(password)
    digest = hash_password(password)
    exists = bool(scalar(con, "SELECT count(*) FROM pengguna WHERE username = ?", [name]))
    if exists:
        con.execute("UPDATE pengguna SET role = ?, password_hash = ?, failed_attempts = 0, last_failed_at = NULL"
                    " WHERE username = ?", [role, digest, name])
    else:
        con.execute("INSERT INTO pengguna (username, role, password_hash, created_at, failed_attempts,"
                    " last_failed_at) VALUES (?, ?, ?, ?, 0, NULL)", [name, role, digest, now()])
    if state is not None:
        throttle.forget_account(state, name)
        if exists:
            sessions.end_user(state, name)
    return not exists


def set_role(con: duckdb.DuckDBPyConnection, name: str, role: str, *, state: Path | None = None) -> None:
    """Change a user's role; every open session of that user ends (at once when `state` is given, else at its
    next check, which compares the session's role with the stored one)."""
    check_role(role)
    if role != "admin" and _is_last_admin(con, name):
        raise UserError("the last admin cannot lose the admin role")
    con.execute("UPDATE pengguna SET role = ? WHERE username = ?", [role, name])
    if state is not None:
        sessions.end_user(state, name)


def delete_user(con: duckdb.DuckDBPyConnection, name: str, *, state: Path | None = None) -> None:
    if _is_last_admin(con, name):
        raise UserError("the last admin cannot be removed")
    con.execute("DELETE FROM pengguna WHERE username = ?", [name])
    if state is not None:
        sessions.end_user(state, name)


def unlock_user(con: duckdb.DuckDBPyConnection, name: str, *, state: Path | None = None) -> None:
    """Forget a user's failed attempts (an admin vouches for them)."""
    con.execute("UPDATE pengguna SET failed_attempts = 0, last_failed_at = NULL WHERE username = ?", [name])
    if state is not None:
        throttle.forget_account(state, name)


def _is_last_admin(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute("SELECT role, (SELECT count(*) FROM pengguna WHERE role = 'admin') FROM pengguna"
                       " WHERE username = ?", [name]).fetchall()
    return bool(rows) and rows[0][0] == "admin" and rows[0][1] <= 1


def list_users(con: duckdb.DuckDBPyConnection, *, now: Clock = _now, state: Path | None = None) -> pd.DataFrame:
    """Users without their hashes: name, role, created, wrong passwords counted for the account (all addresses)
    and seconds until the account may try again."""
    frame = con.execute("SELECT username, role, created_at FROM pengguna ORDER BY username").df()
    counts = throttle.failures(state, now()) if state is not None else {}
    frame["failed_attempts"] = [counts.get(name, (0, 0))[0] for name in frame["username"]]
    frame["retry_after_s"] = [counts.get(name, (0, 0))[1] for name in frame["username"]]
    return frame


def role_of(con: duckdb.DuckDBPyConnection, name: str | None) -> str:
    """The stored role of an existing user; publik for anyone else or anything unexpected."""
    if not name:
        return "publik"
    role = scalar(con, "SELECT role FROM pengguna WHERE username = ?", [name])
    return role if role in LOGIN_ROLES else "publik"


def require_stored_role(con: duckdb.DuckDBPyConnection, username: str | None, allowed) -> str:
    """The stored role of `username`, read now; raises NotAllowed unless it is one of `allowed`.
    Every privileged action (import commit, boundary load, user admin, release publish) calls this at the
    moment it acts, so a role changed or removed since the page was opened no longer acts."""
    allowed = tuple(allowed)
    role = role_of(con, username)
    if role not in allowed:
        raise NotAllowed(username, role, allowed)
    return role


def authenticate(con: duckdb.DuckDBPyConnection, name: str, password: str, *, state: Path,
                 client: str | None = None, now: Clock = _now) -> LoginResult:
    """Check a sign-in attempt from `client` (its address, None when unknown). Fails closed: any unexpected
    error is a refusal. `state` is the sign-in state file (store.auth_state_path of the store)."""
    try:
        return _authenticate(con, name, password, state, client, now())
    except Exception:  # noqa: BLE001 - a login that cannot be checked is refused
        return LoginResult(False, reason="error")


def _authenticate(con: duckdb.DuckDBPyConnection, name: str, password: str, state: Path, client: str | None,
                  moment: dt.datetime) -> LoginResult:
    if not isinstance(name, str) or not isinstance(password, str) or not password:
        return LoginResult(False)
    attempt = throttle.begin_attempt(state, name, client, moment)   # checked and counted, atomically
    if attempt.wait_s > 0:
        return LoginResult(False, reason="throttled", retry_after_s=attempt.wait_s)
    name = attempt.account
    rows = con.execute("SELECT role, password_hash FROM pengguna WHERE username = ?", [name]).fetchall()
    if not rows:
        _verify(_DUMMY_HASH, password)                       # an unknown name costs as much time as a wrong password
        return LoginResult(False, retry_after_s=_next_wait(state, name, client))
    role, digest = rows[0]
    if not _verify(digest, password) or role not in LOGIN_ROLES:
        return LoginResult(False, retry_after_s=_next_wait(state, name, client))
    throttle.succeeded(state, attempt)
    if _HASHER.check_needs_rehash(digest):
        con.execute("UPDATE pengguna SET password_hash = ? WHERE username = ?", [hash_password(password), name])
    return LoginResult(True, role=role, reason="ok")


def _next_wait(state: Path, name: str, client: str | None) -> int:
    """After a failure: the wait the next attempt from this client for this name will meet (0 while free)."""
    return retry_delay_s(throttle.counter(state, "pair", name, client))


def _verify(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def create_demo_users(con: duckdb.DuckDBPyConnection) -> None:
    """The demo logins (DEMO_USERS). Called only while building a demo store."""
    for name, (role, password) in DEMO_USERS.items():
        add_user(con, name, role, password)


def role_from_claims(claims: Mapping, claim: str, mapping: Mapping[str, str]) -> str:
    """The role an OIDC identity gets: the value(s) of `claim` looked up in `mapping` (claim value → role).
    When several values map, the most privileged role wins; nothing mapped (or anything odd) gives publik."""
    try:
        value = claims.get(claim)
        values = value if isinstance(value, (list, tuple)) else [value]
        granted = [mapping.get(str(v)) for v in values if v is not None]
        granted = [r for r in granted if r in LOGIN_ROLES]
        return max(granted, key=ROLES.index) if granted else "publik"
    except Exception:  # noqa: BLE001 - fail closed
        return "publik"


def _read_password(stdin=None, prompt: Callable[[str], str] = getpass.getpass) -> str:
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = prompt("Password: ")
        if prompt("Repeat password: ") != first:
            raise UserError("the passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")


def user_add_command(db_path: Path, name: str, role: str, *, stdin=None,
                     prompt: Callable[[str], str] = getpass.getpass) -> int:
    """`python -m sigap_metrics user add NAME --role ROLE`: password from a prompt, or the first line of stdin."""
    from .cli_support import EXIT_OK, Refusal, open_writer, run
    from .store import auth_state_path

    def body() -> int:
        try:
            check_username(name)
            check_role(role)
            password = _read_password(stdin, prompt)
            with open_writer(db_path) as con:
                created = add_user(con, name, role, password, state=auth_state_path(db_path))
        except UserError as error:
            raise Refusal(str(error)) from None
        print(f"user {name} ({role}) {'created' if created else 'updated'} in {db_path}")
        return EXIT_OK
    return run("user add", Path(db_path), body)
