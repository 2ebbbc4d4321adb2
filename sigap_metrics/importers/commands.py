"""CLI handlers: `import KIND FILE` and `boundaries FILE` (wired in cli.py).

Exit 0 when the file was processed (rejected rows included), 2 when it was refused as a whole; the
reason goes to stderr in plain Indonesian, with the columns expected.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import config
from ..cli_support import EXIT_OK, Refusal, open_writer, run
from ..privacy import NikKeyInvalid
from ..store import nik_key
from .limits import MAX_FILE_BYTES, MAX_UPLOAD_MB
from .messages import FileRefused, sheet_note, skipped_note
from .pipeline import PROGRESS_MIN_ROWS, commit, read
from .schemas import expected_columns


def import_command(db_path: Path, kind: str, file: Path, user: str, sheet: str | None = None) -> int:
    """Import one file; prints one JSON object (rows_read, accepted, rejected, updated, duplicate_file, import_id).
    The sheet read (XLSX) and the rows set aside as not data are reported on stderr. Runs beside the app: the
    import is written to a copy of the store that replaces it when complete."""
    def body() -> int:
        data = _read_bytes(file)
        try:
            # Whole-file checks first: a refused file never opens (or creates) the store.
            table, checked_kind = read(data, Path(file).name, kind, sheet)
        except FileRefused as refusal:
            raise Refusal(_with_expected(refusal, kind)) from None
        data_rows = max(len(table.rows) - 1, 0)
        progress = _stderr_progress(checked_kind, Path(file).name) if data_rows > PROGRESS_MIN_ROWS else None
        try:
            with open_writer(db_path) as con:
                result = commit(con, checked_kind, data, Path(file).name, user=user, progress=progress, table=table,
                                nik_key=lambda: nik_key(con, config.nik_key_file(Path(db_path))))
        except FileRefused as refusal:
            raise Refusal(_with_expected(refusal, checked_kind)) from None
        except NikKeyInvalid as error:
            raise Refusal(str(error)) from None
        for note in (sheet_note(table.sheet_note), skipped_note(table.skipped)):
            if note:
                print(f"impor {checked_kind}: {note}", file=sys.stderr)
        print(json.dumps(result.as_dict()))
        return EXIT_OK
    return run("impor ditolak", Path(db_path), body)


def boundaries_command(db_path: Path, file: Path) -> int:
    """Load a kecamatan or kelurahan boundary GeoJSON; prints one JSON object (level, features, import_id)."""
    from .boundaries import load_boundaries, parse_boundaries

    def body() -> int:
        try:
            parsed = parse_boundaries(_read_bytes(file))
        except FileRefused as refusal:
            raise Refusal(refusal.message("id")) from None
        with open_writer(db_path) as con:
            result = load_boundaries(con, parsed, Path(file).name, "cli")
        print(json.dumps(result))
        return EXIT_OK
    return run("batas wilayah ditolak", Path(db_path), body)


def _read_bytes(file: Path) -> bytes:
    """The file's bytes; a file over the upload limit is refused before it is read into memory."""
    try:
        size = Path(file).stat().st_size
        if size > MAX_FILE_BYTES:
            raise Refusal(FileRefused("FILE_TERLALU_BESAR", size=f"{size / 1024 / 1024:.1f}".replace(".", ","),
                                      limit=MAX_UPLOAD_MB).message("id"))
        return Path(file).read_bytes()
    except OSError as error:
        raise Refusal(f"file tidak bisa dibuka: {file} ({error.strerror or error})") from None


def _with_expected(refusal: FileRefused, kind: str | None) -> str:
    message = refusal.message("id")
    if kind and "diharapkan" not in message:
        message += f" Kolom yang diharapkan untuk {kind}: {expected_columns(kind)}."
    return message


def _stderr_progress(kind: str, name: str):
    shown = {"step": -1}

    def report(fraction: float, label: str) -> None:
        step = int(fraction * 10)
        if step > shown["step"]:
            shown["step"] = step
            print(f"impor {kind} {name}: {fraction:4.0%} ({label})", file=sys.stderr, flush=True)
    return report
