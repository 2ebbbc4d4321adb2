"""How a store is changed while others read it: writers build the next store file and swap it in.

DuckDB lets one process open a file for writing, or many open it read-only, never both at once. The app reads
the store on every page run; a nightly `import` must not stop it, and the app must not stop the import. So no
one writes the live file in place:

1. a writer takes the store's writer lock (`X.duckdb.lock`, an flock: writers, CLI or app, queue one behind
   the other; readers never take it);
2. copies the live file to `X.duckdb.next-PID` (mode 0600), opens the copy read-write (migrating it if needed)
   and makes its change there, as one or more transactions;
3. checkpoints and closes the copy, flushes it to disk and renames it over `X.duckdb` (atomic on one
   filesystem), then releases the lock. On any error the copy is deleted: the live store is untouched.

Readers (the app, `summary`, reports, `backup`) open the live file read-only. A reader that opened the file
before a swap keeps reading that whole, consistent version (the old inode lives on while it is open) and the
app opens the new file on its next run (`file_identity` changed). Readers therefore see either the store
before an import or after it, never a part of one, and never wait for a writer.

The cost: each write copies the store once (about 1.7 s per GB on this machine) and needs that much free disk
beside it; a one-row change costs as much as a large import. Writes are rare (imports, boundary loads, user
admin), so this is cheap next to an import's own work; the measured size at 10 million workers is in
bench/results/scale.md.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from pathlib import Path
from typing import Iterator

import duckdb

from .connection import connect

WRITER_WAIT_S = 3600          # a nightly import may wait this long behind another writer before giving up
_POLL_S = 0.2


class StoreBusy(RuntimeError):
    """Another writer held the store for longer than the wait allowed, or a process outside this scheme holds it."""


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def file_identity(path: Path) -> tuple[int, int, int, int] | None:
    """Changes whenever a writer swaps in a new store file (a new inode), or the file is changed in place."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size)


@contextlib.contextmanager
def writer_lock(path: Path, *, wait_s: float = WRITER_WAIT_S) -> Iterator[None]:
    """Hold the store's writer lock (waiting up to wait_s for another writer to finish)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"another writer (an import, a boundary load, user admin) has held {path}"
                                    f" for more than {wait_s:.0f} s") from None
                time.sleep(_POLL_S)
        yield
    finally:
        os.close(fd)   # closing releases the flock


@contextlib.contextmanager
def writing(path: str | os.PathLike, *, wait_s: float = WRITER_WAIT_S) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to the next version of the store at `path`; on a clean exit it becomes the
    store, on an exception it is thrown away. Creates (and migrates) the store when needed."""
    path = Path(path).resolve()   # a symlinked store is written where it really lives, not over the link
    with writer_lock(path, wait_s=wait_s):
        _remove_leftovers(path)
        next_path = path.with_name(f"{path.name}.next-{os.getpid()}")
        if path.exists():
            _probe_not_held(path)
            try:
                _copy(path, next_path)
            except BaseException:   # e.g. the disk is full: nothing half-copied stays behind
                _discard(next_path)
                raise
        con = connect(next_path)
        try:
            yield con
            con.execute("CHECKPOINT")
        except BaseException:
            con.close()
            _discard(next_path)
            raise
        con.close()
        os.chmod(next_path, 0o600)
        _fsync(next_path)
        os.replace(next_path, path)
        _fsync(path.parent)


def _copy(source: Path, target: Path) -> None:
    """A private copy (mode 0600) of the live store, and of a write-ahead log left by a crash, if any."""
    for src, dst in ((source, target), (Path(f"{source}.wal"), Path(f"{target}.wal"))):
        if not src.exists():
            continue
        os.close(os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        shutil.copyfile(src, dst)


def _probe_not_held(path: Path) -> None:
    """Refuse when a process outside this scheme has the live file open for writing (an older SIGAP Monitor,
    or a DuckDB shell): copying it then could miss its latest changes."""
    try:
        duckdb.connect(":memory:").execute("ATTACH ? AS probe (READ_ONLY)", [str(path)]).close()
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise StoreBusy(f"{path} is open for writing by another program ({error}); stop it and try again") \
                from error
        raise


def _discard(next_path: Path) -> None:
    for leftover in (next_path, Path(f"{next_path}.wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(Path(f"{next_path}.tmp"), ignore_errors=True)


def _remove_leftovers(path: Path) -> None:
    """Copies left by a writer that crashed (we hold the lock, so no writer is using them)."""
    for leftover in path.parent.glob(f"{path.name}.next-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SchemaTooNew(RuntimeError):
    """The store was written by a newer SIGAP Monitor than this one."""
