"""The sign-in state beside the store: sessions and failed-attempt counters, in a small SQLite file.

For store `X.duckdb` it is `X.auth.sqlite` (same folder, mode 0600). It changes on every sign-in attempt and
session check, which the DuckDB store must not (a CLI import may hold the store while the app runs), and SQLite's
`BEGIN IMMEDIATE` makes a read-check-write atomic across threads and processes. Each caller opens its own short
connection (`transaction`), so no connection is shared between threads.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30          # a writer waits this long for the lock before giving up (then the attempt fails closed)
_SCHEMA = (
    # A session: only the SHA-256 of its random token is kept; `role` is the role it was opened with, so a role
    # change (or removal) in the store ends it at its next check.
    "CREATE TABLE IF NOT EXISTS sesi (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, role TEXT NOT NULL,"
    " created_at REAL NOT NULL, last_seen REAL NOT NULL, client TEXT NOT NULL, via TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS sesi_user ON sesi (username)",
    # Consecutive failed sign-ins per scope: 'pair' (account, client), 'client' ('', client), 'account' (account, '').
    "CREATE TABLE IF NOT EXISTS gagal (scope TEXT NOT NULL, account TEXT NOT NULL, client TEXT NOT NULL,"
    " failed INTEGER NOT NULL, last_failed REAL NOT NULL, PRIMARY KEY (scope, account, client))",
)
_SET_VERSION = "PRAGMA user_version = 1"      # = SCHEMA_VERSION (a PRAGMA takes no bound parameter)


def auth_state_path(store_path: str | os.PathLike) -> Path:
    """`X.auth.sqlite` beside store `X.duckdb`."""
    store = Path(store_path)
    return store.with_name(store.stem + ".auth.sqlite")


def _create_private(path: Path) -> None:
    """Create the file with mode 0600 before SQLite opens it (SQLite would use 0644 under the usual umask)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


@contextlib.contextmanager
def transaction(path: str | os.PathLike) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE: no other writer until it ends) on the sign-in state file."""
    path = Path(path)
    _create_private(path)
    con = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            if con.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                for statement in _SCHEMA:
                    con.execute(statement)
                con.execute(_SET_VERSION)
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()
