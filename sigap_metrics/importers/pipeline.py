"""The import pipeline as a Python API: read → validate → (preview | load). Used by the CLI and the Data page.

`preview` never writes. `commit` writes one import in one transaction (load.load_import), or nothing when
the same file content was imported before (`duplicate_file`). Whole-file problems raise `FileRefused`
before anything is written; the NIK key is asked for only once the file has passed those checks, so a
refused file does not even record the key's fingerprint in a new store.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..store.sql import scalar
from .load import KINDS, ImportResult, ImportSource, load_import, previous_import
from .messages import FileRefused
from .header import Header, choose_sheet, locate_header
from .messages import sheet_details
from .nik import clean_nik, scientific
from .parsers import parse_dates, parse_periods
from .schemas import match_headers
from .read import RawTable, Workbook, read_table
from .structure import data_rows
from .validate import Progress, Validation, validate_table

NikKey = bytes | Callable[[], bytes]
PROGRESS_MIN_ROWS = 10_000  # the CLI reports progress for files with more data rows than this


@dataclass
class Preview:
    """What an import would do, without doing it."""
    kind: str
    file_name: str
    sha256: str
    validation: Validation
    duplicate_of: int | None  # import_id of an earlier import of the same content

    @property
    def rows_read(self) -> int:
        return self.validation.rows_read

    @property
    def accepted(self) -> int:
        return len(self.validation.accepted)

    @property
    def rejected(self) -> int:
        return len(self.validation.rejected)

    @property
    def warned(self) -> int:
        return int(self.validation.warnings["row_number"].nunique())


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(data: bytes, file_name: str, kind: str | None, sheet: str | None = None) -> tuple[RawTable, str]:
    """Read the bytes (of a workbook: the sheet whose header fits the kind, or `sheet`) and recognise (or check)
    the kind from the header; refuses unusable files, naming the sheet read."""
    if kind is not None and kind not in KINDS:
        raise FileRefused("JENIS_SALAH", kind=kind, kinds=", ".join(KINDS))
    table = read_table(data, file_name, choose=lambda book: choose_sheet(book, kind, sheet))
    try:
        header = locate_header(table, kind)
        body = data_rows(table.rows.iloc[header.body_start:], table.row_numbers[header.body_start:], header.names)
        if body.rows.empty:
            raise FileRefused("TIDAK_ADA_DATA")
        _refuse_junk(body.rows, header)
    except FileRefused as refusal:
        refusal.details.update(sheet_details(table))
        raise
    return dataclasses.replace(table, skipped=body.skipped), header.kind


def preview(con: duckdb.DuckDBPyConnection, kind: str | None, data: bytes, file_name: str, *, nik_key: NikKey,
            lang: str = "id", today: dt.date | None = None, progress: Progress | None = None,
            table: RawTable | None = None, sheet: str | None = None) -> Preview:
    """The validation report of a file: accepted, rejected (with reasons) and warned rows. Writes nothing.
    `table`: the file already read by `read` (saves reading it twice); `sheet`: the workbook sheet to read
    (default: the one whose header fits)."""
    table, kind = _read_once(data, file_name, kind, table, sheet)
    sha = file_sha256(data)
    validation = validate_table(table, kind, con=con, nik_key=_key(nik_key), today=today, lang=lang,
                                progress=progress)
    return Preview(kind, file_name, sha, validation, previous_import(con, kind, sha))


def commit(con: duckdb.DuckDBPyConnection, kind: str | None, data: bytes, file_name: str, *, user: str,
           nik_key: NikKey, today: dt.date | None = None, progress: Progress | None = None,
           table: RawTable | None = None, sheet: str | None = None) -> ImportResult:
    """Import a file: validate it and write accepted rows, quarantine, warnings and the log in one transaction.
    The same content imported before is a no-op reported as duplicate_file."""
    progress = progress or (lambda fraction, label: None)
    table, kind = _read_once(data, file_name, kind, table, sheet)
    sha = file_sha256(data)
    earlier = previous_import(con, kind, sha)
    if earlier is not None:
        rows = scalar(con, "SELECT rows_read FROM import_log WHERE import_id = ?", [earlier])
        return ImportResult(int(rows or 0), 0, 0, 0, True, earlier)
    key = _key(nik_key)
    validation = validate_table(table, kind, con=con, nik_key=key, today=today,
                                progress=lambda f, label: progress(f * 0.8, label))
    progress(0.8, "menyimpan")
    source = ImportSource(kind, file_name, sha, user, validation.rows_read, validation.sheet,
                          sum(validation.skipped.values()))
    result = load_import(con, source, validation.accepted, validation.rejected, validation.warnings, nik_key=key,
                         completeness=validation.completeness)
    progress(1.0, "selesai")
    return result


# Junk under a real header (a log pasted below the column names): refused before validation, whose per-row
# messages would cost memory for millions of hopeless rows. Checked on one telling column per kind.
JUNK_MIN_ROWS = 1_000
JUNK_MAX_PLAUSIBLE = 0.10
_TELLING = {"peserta": ("NIK", "nik"), "usulan": ("NIK", "nik"), "pelatihan": ("NIK", "nik"),
            "klaim": ("TGL_KEJADIAN", "date"), "pembayaran": ("PERIODE", "period"), "anggaran": ("TGL_MULAI", "date")}


def _refuse_junk(rows, header: Header) -> None:
    """FILE_BUKAN_DATA when a file of at least JUNK_MIN_ROWS rows has a plausible value (a NIK's 16 digits or
    Excel's 3.27508E+15, a date, a period) in its telling column in fewer than JUNK_MAX_PLAUSIBLE of them."""
    if len(rows) < JUNK_MIN_ROWS:
        return
    column, shape = _TELLING[header.kind]
    position = match_headers(header.kind, list(header.names))[0].get(column)
    if position is None or position >= rows.shape[1]:
        return
    cells = rows[position].astype("str").str.strip()
    if shape == "nik":
        plausible = clean_nik(cells).str.fullmatch("[0-9]{16}").fillna(False) | scientific(cells)
    elif shape == "date":
        plausible = parse_dates(cells).notna()
    else:
        plausible = parse_periods(cells).notna()
    share = float(plausible.mean())
    if share < JUNK_MAX_PLAUSIBLE:
        raise FileRefused("FILE_BUKAN_DATA", rows=len(rows), share=f"{share:.0%}", column=column, kind=header.kind)


def sheet_names(data: bytes) -> tuple[str, ...]:
    """The sheets of a workbook (empty for a CSV), for the Data page's sheet choice; refuses unusable files."""
    if not data.startswith(b"PK\x03\x04"):
        return ()
    book = Workbook(data)
    try:
        return book.sheet_names
    finally:
        book.close()


def _read_once(data: bytes, file_name: str, kind: str | None, table: RawTable | None,
               sheet: str | None = None) -> tuple[RawTable, str]:
    if table is None:
        return read(data, file_name, kind, sheet)
    return table, locate_header(table, kind).kind


def _key(nik_key: NikKey) -> bytes:
    return nik_key() if callable(nik_key) else nik_key
