"""What every CLI command shares: exit codes, the refusal message, opening the store to read or to write.

A command's body (run through `run`) raises `Refusal`, or lets a store error through, and returns `EXIT_REFUSED` with one line on
stderr, `<command>: <reason>`; nothing is written then. Reading opens the live store read-only (so it works
beside the running app); writing goes through the store's writer swap (store/writer.py), so an import or
`user add` works beside the running app too.
"""
from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from .store import NikKeyMismatch, SchemaTooNew, StoreBusy, connect_reader, writing
from .metrics.derived import open_current

EXIT_OK, EXIT_UNHEALTHY, EXIT_REFUSED = 0, 1, 2


class Refusal(Exception):
    """A command refused as a whole: exit 2, the message on stderr, nothing written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def refuse(command: str, message: str) -> int:
    print(f"{command}: {message}", file=sys.stderr)
    return EXIT_REFUSED


def no_store(path: Path) -> str:
    return f"no store at {path} (run `python -m sigap_metrics init`, `demo` or import files)"


def store_unavailable(path: Path, error: BaseException) -> str:
    """A store that cannot be opened, in words an operator can act on."""
    if isinstance(error, (StoreBusy, SchemaTooNew, NikKeyMismatch)):
        return str(error)
    # the word "lock" (DuckDB's "Could not set lock on file"), not "block" as in an out-of-memory error
    if re.search(r"\block\b", str(error), re.IGNORECASE):
        return (f"store {path} sedang dibuka untuk ditulis oleh program lain di luar SIGAP Monitor (mis. shell DuckDB"
                f" atau versi lama aplikasi); tutup program itu lalu ulangi. ({error})")
    return f"store {path} tidak bisa dibuka: {error}"


def run(command: str, path: Path, body: Callable[[], int]) -> int:
    """Run a command's body; a Refusal, or a store that cannot be opened, becomes exit 2 with one line on
    stderr (`<command>: <reason>`)."""
    try:
        return body()
    except Refusal as refusal:
        return refuse(command, refusal.message)
    except (duckdb.Error, StoreBusy, SchemaTooNew, NikKeyMismatch, OSError) as error:
        return refuse(command, store_unavailable(path, error))


def open_reader(path: Path, *, upgrade: bool = True) -> duckdb.DuckDBPyConnection:
    """The live store, read-only; migrated first if an older program made it (unless upgrade=False: `check`
    reports an old schema instead of fixing it). Refusal when there is no store."""
    path = Path(path)
    if not path.is_file():
        raise Refusal(no_store(path))
    try:
        return open_current(path) if upgrade else connect_reader(path)
    except FileNotFoundError:
        raise Refusal(no_store(path)) from None


@contextlib.contextmanager
def open_writer(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A change to the store (created when absent) that lands whole when the block ends, or not at all."""
    with writing(path) as con:
        yield con
