"""CLI handlers: `import KIND FILE` and `boundaries FILE` (wired in cli.py).

Exit 0 when the file was processed (rejected rows included), 2 when it was refused as a whole; the
reason goes to stderr in plain Indonesian, with the columns expected.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

from .. import config
from ..privacy import NikKeyInvalid
from ..store import NikKeyMismatch, connect, nik_key
from .limits import MAX_FILE_BYTES, MAX_UPLOAD_MB
from .messages import FileRefused, sheet_note, skipped_note
from .pipeline import PROGRESS_MIN_ROWS, commit, read
from .schemas import expected_columns

EXIT_OK, EXIT_REFUSED = 0, 2


def import_command(db_path: Path, kind: str, file: Path, user: str, sheet: str | None = None) -> int:
    """Import one file; prints one JSON object (rows_read, accepted, rejected, updated, duplicate_file, import_id).
    The sheet read (XLSX) and the rows set aside as not data are reported on stderr."""
    try:
        size = Path(file).stat().st_size
        if size > MAX_FILE_BYTES:  # checked before reading: a huge file is never loaded into memory
            raise FileRefused("FILE_TERLALU_BESAR", size=f"{size / 1024 / 1024:.1f}".replace(".", ","),
                              limit=MAX_UPLOAD_MB)
        data = Path(file).read_bytes()
    except OSError as error:
        return _refuse(f"file tidak bisa dibuka: {file} ({error.strerror or error})")
    except FileRefused as refusal:
        return _refuse(refusal.message("id"))
    try:
        # Whole-file checks first: a refused file never opens (or creates) the store.
        table, kind = read(data, Path(file).name, kind, sheet)
        con = connect(db_path)
    except FileRefused as refusal:
        return _refuse(_with_expected(refusal, kind))
    except duckdb.Error as error:
        return _refuse(_store_unavailable(db_path, error))
    body_rows = max(len(table.rows) - 1, 0)
    progress = _stderr_progress(kind, Path(file).name) if body_rows > PROGRESS_MIN_ROWS else None
    try:
        result = commit(con, kind, data, Path(file).name, user=user, progress=progress, table=table,
                        nik_key=lambda: nik_key(con, config.nik_key_file(Path(db_path))))
    except FileRefused as refusal:
        return _refuse(_with_expected(refusal, kind))
    except (NikKeyMismatch, NikKeyInvalid) as error:
        return _refuse(str(error))
    finally:
        con.close()
    for note in (sheet_note(table.sheet_note), skipped_note(table.skipped)):
        if note:
            print(f"impor {kind}: {note}", file=sys.stderr)
    print(json.dumps(result.as_dict()))
    return EXIT_OK


def boundaries_command(db_path: Path, file: Path) -> int:
    """Load a kecamatan or kelurahan boundary GeoJSON; prints one JSON object (level, features, import_id)."""
    from .boundaries import load_boundaries, parse_boundaries

    try:
        data = Path(file).read_bytes()
    except OSError as error:
        return _refuse(f"file tidak bisa dibuka: {file} ({error.strerror or error})", "batas wilayah ditolak")
    try:
        parsed = parse_boundaries(data)
        con = connect(db_path)
    except FileRefused as refusal:
        return _refuse(refusal.message("id"), "batas wilayah ditolak")
    except duckdb.Error as error:
        return _refuse(_store_unavailable(db_path, error), "batas wilayah ditolak")
    try:
        result = load_boundaries(con, parsed, Path(file).name, "cli")
    finally:
        con.close()
    print(json.dumps(result))
    return EXIT_OK


def _store_unavailable(db_path: Path, error: Exception) -> str:
    if "lock" in str(error).lower():
        return (f"store {db_path} sedang dipakai proses lain (mis. aplikasi SIGAP Monitor yang berjalan). Impor lewat"
                f" halaman Data & kualitas, atau hentikan aplikasinya dulu. ({error})")
    return f"store {db_path} tidak bisa dibuka: {error}"


def _with_expected(refusal: FileRefused, kind: str | None) -> str:
    message = refusal.message("id")
    if kind and "diharapkan" not in message:
        message += f" Kolom yang diharapkan untuk {kind}: {expected_columns(kind)}."
    return message


def _refuse(message: str, what: str = "impor ditolak") -> int:
    print(f"{what}: {message}", file=sys.stderr)
    return EXIT_REFUSED


def _stderr_progress(kind: str, name: str):
    shown = {"step": -1}

    def report(fraction: float, label: str) -> None:
        step = int(fraction * 10)
        if step > shown["step"]:
            shown["step"] = step
            print(f"impor {kind} {name}: {fraction:4.0%} ({label})", file=sys.stderr, flush=True)
    return report
