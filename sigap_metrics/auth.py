"""Users, passwords and throttling (DESIGN §6). No Streamlit here: the UI glue and the CLI both call this.

Passwords are kept only as argon2id hashes. After FREE_ATTEMPTS wrong passwords for a user, every further
attempt has to wait: the wait doubles with each failure (capped), is computed from the store
(`failed_attempts`, `last_failed_at`), and an attempt made while it runs is refused without even checking the
password. A correct password resets the count. The clock is a parameter so tests need not sleep.
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

from .store.sql import scalar

ROLES = ("publik", "pimpinan", "anggaran", "operator", "admin")
LOGIN_ROLES = ROLES[1:]                 # publik is "not logged in", never a stored user
FREE_ATTEMPTS = 5                       # wrong passwords allowed before attempts are slowed
BASE_DELAY_S = 2                        # wait after the first failure beyond FREE_ATTEMPTS
MAX_DELAY_S = 15 * 60                   # the wait never grows beyond this
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
    """Seconds to wait after the latest failure, given the number of consecutive failures."""
    beyond = failed_attempts - FREE_ATTEMPTS
    if beyond < 0:
        return 0
    return min(BASE_DELAY_S * 2 ** min(beyond, 30), MAX_DELAY_S)


def _wait_left(failed: int, last_failed: dt.datetime | None, now: dt.datetime) -> int:
    if last_failed is None:
        return 0
    ready = last_failed + dt.timedelta(seconds=retry_delay_s(failed))
    left = (ready - now).total_seconds()
    return max(0, int(-(-left // 1)))  # rounded up to whole seconds


def add_user(con: duckdb.DuckDBPyConnection, name: str, role: str, password: str, *,
             now: Clock = _now) -> bool:
    """Create the user, or reset its role and password (and its failure count) if it exists.
    Returns True when the user was new."""
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
    return not exists


def set_role(con: duckdb.DuckDBPyConnection, name: str, role: str) -> None:
    check_role(role)
    if role != "admin" and _is_last_admin(con, name):
        raise UserError("the last admin cannot lose the admin role")
    con.execute("UPDATE pengguna SET role = ? WHERE username = ?", [role, name])


def delete_user(con: duckdb.DuckDBPyConnection, name: str) -> None:
    if _is_last_admin(con, name):
        raise UserError("the last admin cannot be removed")
    con.execute("DELETE FROM pengguna WHERE username = ?", [name])


def unlock_user(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Forget a user's failed attempts (an admin vouches for them)."""
    con.execute("UPDATE pengguna SET failed_attempts = 0, last_failed_at = NULL WHERE username = ?", [name])


def _is_last_admin(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute("SELECT role, (SELECT count(*) FROM pengguna WHERE role = 'admin') FROM pengguna"
                       " WHERE username = ?", [name]).fetchall()
    return bool(rows) and rows[0][0] == "admin" and rows[0][1] <= 1


def list_users(con: duckdb.DuckDBPyConnection, *, now: Clock = _now) -> pd.DataFrame:
    """Users without their hashes: name, role, created, consecutive failures, seconds until the next attempt."""
    frame = con.execute("SELECT username, role, created_at, coalesce(failed_attempts, 0) AS failed_attempts,"
                        " last_failed_at FROM pengguna ORDER BY username").df()
    moment = now()
    frame["retry_after_s"] = [
        _wait_left(int(f), None if pd.isna(t) else pd.Timestamp(t).to_pydatetime(), moment)
        for f, t in zip(frame["failed_attempts"], frame["last_failed_at"])]
    return frame.drop(columns="last_failed_at")


def role_of(con: duckdb.DuckDBPyConnection, name: str | None) -> str:
    """The stored role of an existing user; publik for anyone else or anything unexpected."""
    if not name:
        return "publik"
    role = scalar(con, "SELECT role FROM pengguna WHERE username = ?", [name])
    return role if role in LOGIN_ROLES else "publik"


def authenticate(con: duckdb.DuckDBPyConnection, name: str, password: str, *, now: Clock = _now) -> LoginResult:
    """Check a login attempt. Fails closed: any unexpected error is a refusal."""
    try:
        return _authenticate(con, name, password, now())
    except Exception:  # noqa: BLE001 - a login that cannot be checked is refused
        return LoginResult(False, reason="error")


def _authenticate(con: duckdb.DuckDBPyConnection, name: str, password: str, moment: dt.datetime) -> LoginResult:
    if not isinstance(name, str) or not isinstance(password, str) or not password:
        return LoginResult(False)
    name = name.strip().lower()
    rows = con.execute("SELECT role, password_hash, coalesce(failed_attempts, 0), last_failed_at FROM pengguna"
                       " WHERE username = ?", [name]).fetchall()
    if not rows:
        _verify(_DUMMY_HASH, password)
        return LoginResult(False)
    role, digest, failed, last_failed = rows[0]
    wait = _wait_left(failed, last_failed, moment)
    if wait > 0:
        return LoginResult(False, reason="throttled", retry_after_s=wait)
    if not _verify(digest, password) or role not in LOGIN_ROLES:
        failed += 1
        con.execute("UPDATE pengguna SET failed_attempts = ?, last_failed_at = ? WHERE username = ?",
                    [failed, moment, name])
        return LoginResult(False, retry_after_s=retry_delay_s(failed))
    if failed or _HASHER.check_needs_rehash(digest):
        new_digest = hash_password(password) if _HASHER.check_needs_rehash(digest) else digest
        con.execute("UPDATE pengguna SET failed_attempts = 0, last_failed_at = NULL, password_hash = ?"
                    " WHERE username = ?", [new_digest, name])
    return LoginResult(True, role=role, reason="ok")


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

    def body() -> int:
        try:
            check_username(name)
            check_role(role)
            password = _read_password(stdin, prompt)
            with open_writer(db_path) as con:
                created = add_user(con, name, role, password)
        except UserError as error:
            raise Refusal(str(error)) from None
        print(f"user {name} ({role}) {'created' if created else 'updated'} in {db_path}")
        return EXIT_OK
    return run("user add", Path(db_path), body)
