"""Server-side sign-in sessions (DESIGN §6). No Streamlit here.

A session is a random token (32 bytes, URL-safe); the browser keeps it in a cookie and the store keeps only its
SHA-256, with the user, the role it was opened with, when it was created and last seen, and the client address.
A token is good while it is not idle for longer than `idle_s` (8 h by default, SIGAP_SESSION_IDLE_HOURS) and not
older than `max_s` (24 h, SIGAP_SESSION_MAX_HOURS), and while the user's role in the store is still the role the
session was opened with: a role change, a removal or a password reset ends every session of that user at its
next check. Signing out ends the session (`end`), in every tab that holds it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .store.auth_state import transaction

TOKEN_BYTES = 32
DEFAULT_IDLE_HOURS = 8.0
DEFAULT_MAX_HOURS = 24.0
SEEN_EVERY_S = 60                  # last_seen is written at most once a minute per session (not on every run)
_MAX_TOKEN_CHARS = 100


@dataclass(frozen=True)
class Session:
    username: str
    role: str
    via: str                        # 'password' or 'sso'


@dataclass(frozen=True)
class Lifetime:
    idle_s: float
    max_s: float


def lifetime() -> Lifetime:
    """Idle and absolute expiry from SIGAP_SESSION_IDLE_HOURS / SIGAP_SESSION_MAX_HOURS (hours, > 0)."""
    def hours(name: str, default: float) -> float:
        try:
            value = float(os.environ.get(name, default))
        except ValueError:
            return default
        return value if 0 < value <= 24 * 366 else default
    return Lifetime(hours("SIGAP_SESSION_IDLE_HOURS", DEFAULT_IDLE_HOURS) * 3600,
                    hours("SIGAP_SESSION_MAX_HOURS", DEFAULT_MAX_HOURS) * 3600)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(state: Path, username: str, role: str, client: str | None, moment: dt.datetime, *,
           via: str = "password") -> str:
    """Open a session; returns the token (shown to nobody but the browser's cookie)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = moment.timestamp()
    with transaction(state) as con:
        con.execute("INSERT INTO sesi (token_hash, username, role, created_at, last_seen, client, via)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", [token_hash(token), username, role, now, now, client or "-", via])
    return token


def resolve(state: Path, token: object, stored_role: Callable[[str], str], moment: dt.datetime,
            limits: Lifetime | None = None) -> Session | None:
    """The session of `token`, or None when it is unknown, expired or its user's role changed (then every
    session of that user ends). `stored_role(username)` reads the role from the store at this moment."""
    if not isinstance(token, str) or not token or len(token) > _MAX_TOKEN_CHARS:
        return None
    limits = limits or lifetime()
    now = moment.timestamp()
    digest = token_hash(token)
    with transaction(state) as con:
        row = con.execute("SELECT username, role, created_at, last_seen, via FROM sesi WHERE token_hash = ?",
                          [digest]).fetchone()
        if row is None:
            return None
        username, role, created, seen, via = row
        if now - seen > limits.idle_s or now - created > limits.max_s:
            con.execute("DELETE FROM sesi WHERE token_hash = ?", [digest])
            return None
    current = stored_role(username) if via == "password" else role
    if current != role:
        end_user(state, username)
        return None
    if now - seen >= SEEN_EVERY_S:
        with transaction(state) as con:
            con.execute("UPDATE sesi SET last_seen = ? WHERE token_hash = ?", [now, digest])
    return Session(username, role, via)


def end(state: Path, token: object) -> None:
    """Sign out: the session ends for every tab that holds its token."""
    if isinstance(token, str) and token:
        with transaction(state) as con:
            con.execute("DELETE FROM sesi WHERE token_hash = ?", [token_hash(token)])


def end_user(state: Path, username: str) -> int:
    """End every session of a user (role changed, removed, password reset). Returns how many ended."""
    with transaction(state) as con:
        return con.execute("DELETE FROM sesi WHERE username = ?", [username]).rowcount


def forget_expired(state: Path, moment: dt.datetime, limits: Lifetime | None = None) -> int:
    limits = limits or lifetime()
    now = moment.timestamp()
    with transaction(state) as con:
        return con.execute("DELETE FROM sesi WHERE last_seen < ? OR created_at < ?",
                           [now - limits.idle_s, now - limits.max_s]).rowcount


def count(state: Path, username: str) -> int:
    with transaction(state) as con:
        return con.execute("SELECT count(*) FROM sesi WHERE username = ?", [username]).fetchone()[0]
