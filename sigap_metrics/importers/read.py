"""Reading a file the operator uploads into a table of text, exactly as written.

Everything is read as text (a NIK must never become a number). CSV: comma, semicolon, tab or pipe,
sniffed from the header; UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. XLSX through
openpyxl (its XML parsed by defusedxml: entity bombs and external entities are refused): date cells become
ISO dates, numbers become their plain digits, and numbers of 16 digits or more (a NIK Excel already turned
into a number) are shown as Excel shows them, `3.27508E+15`, so the validator rejects them with the reason.

A workbook's stored dimension (`<dimension ref=…>`) is never trusted: many writers leave it stale, too small
(rows would be lost) or as the whole sheet (a million empty rows). Cells are read as they come in the sheet's
XML, so every row that holds data is read and the cost follows the cells really present. Only rows holding
something are kept, each with its row number in the original file (header = row 1 when the header is on the
first line). A workbook's sheets are looked at first (`Workbook.heads`) so the caller can choose the one
whose header fits (header.choose_sheet). Whole-file problems and the limits of limits.py raise `FileRefused`.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

import defusedxml  # noqa: F401  (openpyxl parses through defusedxml when it is installed: required)
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from defusedxml import DefusedXmlException

from .limits import (MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_SHEETS, MAX_UPLOAD_MB,
                     MAX_XLSX_INFLATED_BYTES, MAX_XLSX_RATIO)
from .messages import FileRefused

MAX_HEADER_SEARCH = 20  # a header may sit below a few title lines
_DELIMITERS = (";", ",", "\t", "|")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
_BIG_NUMBER = 1e15  # from here on Excel keeps only 15 significant digits
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str" dtype
_CHUNK_RECORDS = 50_000  # irregular CSV: records converted to Arrow per chunk (bounded Python objects)
_XML_REFUSALS = (DefusedXmlException, ParseError)
_SNIFF_CHARS = 1 << 16  # of each line looked at for the separator


@dataclass(frozen=True)
class RawTable:
    """The cells of a sheet as text ("" when empty), with the file's row number of each row."""
    rows: pd.DataFrame       # columns 0..n-1, dtype str
    row_numbers: np.ndarray  # 1-based row number in the original file
    file_format: str         # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None          # XLSX: the sheet read
    sheet_note: tuple = ()            # XLSX: why that sheet (header.SheetChoice), for the import report
    sheets: tuple[str, ...] = field(default_factory=tuple)  # XLSX: every sheet of the workbook
    skipped: dict = field(default_factory=dict)  # set by pipeline.read: rows under the header that are not data


SheetChooser = Callable[["Workbook"], tuple[str, tuple]]


def read_table(data: bytes, file_name: str = "", *, choose: SheetChooser | None = None) -> RawTable:
    """Read CSV or XLSX bytes into text cells; refuse what is neither or what exceeds the limits.
    `choose` picks the sheet of a workbook (default: header.choose_sheet for any kind)."""
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused("FILE_TERLALU_BESAR", size=_megabytes(len(data)), limit=MAX_UPLOAD_MB)
    if not data or not data.strip():
        raise FileRefused("FILE_KOSONG")
    if data.startswith(_XLSX_MAGIC):
        book = Workbook(data)
        try:
            if choose is None:      # the importer passes header.choose_sheet; a bare read takes the first sheet
                choose = _first_sheet
            name, note = choose(book)
            return book.read(name, note)
        finally:
            book.close()
    if data.startswith(_XLS_MAGIC):
        raise FileRefused("FILE_XLS_LAMA")
    return _read_csv(data)


def _first_sheet(book) -> tuple[str, None]:
    names = book.sheet_names
    return (names() if callable(names) else names)[0], None


def _megabytes(size: int) -> str:
    megabytes = size / 1024 / 1024
    return (f"{megabytes:.1f}" if megabytes >= 1 else f"{megabytes:.3f}").replace(".", ",")


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: UTF-16 (BOM), UTF-8 (BOM optional), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise FileRefused("ENCODING") from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        raise FileRefused("ENCODING") from None


def _read_csv(data: bytes) -> RawTable:
    text, encoding = decode_text(data)
    del data
    if "\x00" in text:
        raise FileRefused("FILE_TIDAK_TERBACA")
    lines = text.count("\n") + text.count("\r") - text.count("\r\n")
    if lines > MAX_ROWS + MAX_HEADER_SEARCH:  # counted before parsing: junk of millions of lines stops here
        raise FileRefused("BARIS_TERLALU_BANYAK", count=lines, limit=MAX_ROWS)
    delimiter = sniff_delimiter(text)
    _check_header_width(text, delimiter)
    fast = _read_regular_csv(text, delimiter)
    if fast is not None:
        _check_cells(fast)
        return RawTable(fast, np.arange(1, len(fast) + 1), "csv", encoding, delimiter)
    frame, row_numbers = _read_irregular_csv(text, delimiter)
    _check_cells(frame)
    return RawTable(frame, row_numbers, "csv", encoding, delimiter)


def _check_header_width(text: str, delimiter: str) -> None:
    """Refuse a file whose first lines are wider than MAX_COLUMNS before reading all of it."""
    for line in re.split(r"\r\n|\r|\n", text[:1 << 20], maxsplit=MAX_HEADER_SEARCH)[:MAX_HEADER_SEARCH]:
        if line.count(delimiter) >= MAX_COLUMNS:
            width = _field_count(line, delimiter)
            if width > MAX_COLUMNS:
                raise FileRefused("KOLOM_TERLALU_BANYAK", count=width, limit=MAX_COLUMNS)


def _check_cells(frame: pd.DataFrame) -> None:
    """Refuse more than MAX_COLUMNS filled columns and cells longer than MAX_CELL_CHARS (column-wise)."""
    filled = [c for c in frame.columns if frame[c].str.len().max() > 0] if frame.shape[1] > MAX_COLUMNS else []
    if len(filled) > MAX_COLUMNS or (filled and max(filled) >= MAX_COLUMNS):
        raise FileRefused("KOLOM_TERLALU_BANYAK", count=frame.shape[1], limit=MAX_COLUMNS)
    for column in frame.columns:
        longest = frame[column].str.len().max()
        if pd.notna(longest) and longest > MAX_CELL_CHARS:
            raise FileRefused("SEL_TERLALU_PANJANG", length=int(longest), limit=MAX_CELL_CHARS)


def _read_regular_csv(text: str, delimiter: str) -> pd.DataFrame | None:
    """The common case, read by Arrow's CSV reader (C++): every line one record with as many fields as the
    first line, no value spanning lines, no blank lines. None otherwise, and the csv module reads the file
    (slower, but it keeps ragged rows, blank lines and line numbers as they are)."""
    first = re.split(r"\r\n|\r|\n", text[:1 << 20], maxsplit=1)[0]
    width = _field_count(first, delimiter)
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    lines = breaks + (0 if text.endswith(("\n", "\r")) else 1)
    if width == 0 or width > MAX_COLUMNS:
        return None
    names = [str(i) for i in range(width)]
    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                             escape_char=False, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.large_string() for n in names},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if table.num_rows != lines:
        return None
    return pd.DataFrame({i: _text_series(table.column(i)) for i in range(width)})


def _text_series(values) -> pd.Series:
    return pd.Series(pa.array(values, type=pa.large_string()) if not isinstance(values, pa.ChunkedArray)
                     else values, dtype=_TEXT)


def _read_irregular_csv(text: str, delimiter: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Ragged rows, blank lines, values spanning lines: the csv module reads the records, which are turned into
    Arrow columns chunk by chunk (Python objects for one chunk at a time, so memory follows the file's size).
    Rows keep the line their record starts on (a quoted value spanning lines shifts the following ones)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    chunks: list[list[pa.Array]] = []
    sizes: list[int] = []
    ends = array("q")
    try:
        while True:
            block = []
            for record in itertools.islice(reader, _CHUNK_RECORDS):
                block.append(record)
                ends.append(reader.line_num)
                if len(record) > MAX_COLUMNS and any(v.strip() for v in record[MAX_COLUMNS:]):
                    raise FileRefused("KOLOM_TERLALU_BANYAK", count=len(record), limit=MAX_COLUMNS)
            if not block:
                break
            # Transposed by zip_longest (C code, no per-row Python): short rows are padded with "".
            chunks.append([pa.array(column, type=pa.large_string())
                           for column in itertools.zip_longest(*block, fillvalue="")])
            sizes.append(len(block))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise FileRefused("SEL_TERLALU_PANJANG", length=f"> {csv.field_size_limit()}",
                              limit=MAX_CELL_CHARS) from None
        raise FileRefused("FILE_TIDAK_TERBACA") from None
    if not chunks:
        raise FileRefused("FILE_KOSONG")
    width = max(len(c) for c in chunks)
    if width == 0:
        raise FileRefused("FILE_KOSONG")
    columns = {}
    for i in range(width):
        parts = [chunk[i] if i < len(chunk) else pa.array([""] * size, type=pa.large_string())
                 for chunk, size in zip(chunks, sizes)]
        columns[i] = _text_series(pa.chunked_array(parts, type=pa.large_string()))
    ends_np = np.frombuffer(ends, dtype=np.int64) if len(ends) else np.zeros(0, dtype=np.int64)
    # line_num is the line a record ends on; a record starts one line after the previous one ended.
    starts = np.concatenate([[1], ends_np[:-1] + 1]) if len(ends_np) else ends_np
    return pd.DataFrame(columns), starts.astype(np.int64)


def _field_count(line: str, delimiter: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:  # an unclosed quote in a cut line: count the separators
        return line.count(delimiter) + 1


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first non-empty lines most consistently (semicolon wins ties)."""
    lines = [line[:_SNIFF_CHARS] for line in re.split(r"\r\n|\r|\n", text[:1 << 20], maxsplit=MAX_HEADER_SEARCH)
             [:MAX_HEADER_SEARCH] if line.strip()]
    best, best_score = ",", -1
    for delimiter in _DELIMITERS:
        counts = [_field_count(line, delimiter) - 1 for line in lines]
        score = max(counts) if counts else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


# ------------------------------------------------------------------------------------------------ XLSX


def check_zip(data: bytes) -> None:
    """Refuse a workbook whose members would inflate beyond the limits (zip bomb), before inflating any."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise FileRefused("FILE_TIDAK_TERBACA", detail=str(error)[:200]) from None
    inflated = sum(m.file_size for m in members)
    bomb = [m for m in members if m.file_size > 10 * 1024 * 1024
            and m.file_size > MAX_XLSX_RATIO * max(m.compress_size, 1)]
    if inflated > MAX_XLSX_INFLATED_BYTES or bomb:
        raise FileRefused("XLSX_BOM", size=_megabytes(inflated), packed=_megabytes(len(data)))


class Workbook:
    """An XLSX file opened read-only: its sheet names, the first rows of each, and any sheet read whole."""

    def __init__(self, data: bytes):
        import openpyxl  # imported here: reading CSV should not pay for it

        check_zip(data)
        try:
            self._book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001  openpyxl wraps what its parsers raise in its own errors
            raise _refusal(error) from None
        self._sheets = {s.title: s for s in self._book.worksheets
                        if s.__class__.__name__ != "ReadOnlyChartsheet"}
        if not self._sheets:
            raise FileRefused("FILE_KOSONG")
        if len(self._sheets) > MAX_SHEETS:
            raise FileRefused("LEMBAR_TERLALU_BANYAK", count=len(self._sheets), limit=MAX_SHEETS)

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(self._sheets)

    def hidden(self, name: str) -> bool:
        return getattr(self._sheets[name], "sheet_state", "visible") != "visible"

    def head(self, name: str, rows: int = MAX_HEADER_SEARCH) -> RawTable:
        """The first `rows` rows that hold something (a cheap look for choosing the sheet)."""
        return self._table(name, rows)

    def read(self, name: str, note: tuple = ()) -> RawTable:
        table = self._table(name, None)
        return RawTable(table.rows, table.row_numbers, "xlsx", sheet=name, sheet_note=note, sheets=self.sheet_names)

    def close(self) -> None:
        self._book.close()

    def _table(self, name: str, limit: int | None) -> RawTable:
        numbers, records = [], []
        try:
            for number, values in _filled_rows(self._sheets[name]):
                numbers.append(number)
                records.append(values)
                if limit is not None and len(records) >= limit:
                    break
                if len(records) > MAX_ROWS + MAX_HEADER_SEARCH:
                    raise FileRefused("BARIS_TERLALU_BANYAK", count=f"> {MAX_ROWS}", limit=MAX_ROWS)
        except FileRefused:
            raise
        except Exception as error:  # noqa: BLE001  a broken sheet is a refusal, never a traceback
            raise _refusal(error) from None
        width = max((len(r) for r in records), default=0)
        if width == 0:
            return RawTable(pd.DataFrame({0: pd.Series([], dtype="str")}), np.zeros(0, dtype=np.int64), "xlsx",
                            sheet=name)
        # Transposed by zip_longest (short rows padded); object columns: no inference, cells stay as they are.
        columns = itertools.zip_longest(*records, fillvalue=None)
        frame = pd.DataFrame({c: excel_cells_as_text(pd.Series(column, dtype=object))
                              for c, column in enumerate(columns)})
        _check_cells(frame)
        return RawTable(frame, np.asarray(numbers, dtype=np.int64), "xlsx", sheet=name)


def _refusal(error: BaseException) -> FileRefused:
    """XML_BERBAHAYA when defusedxml refused an entity or DTD anywhere in the chain of causes, else
    FILE_TIDAK_TERBACA with the error's text."""
    seen = error
    while seen is not None:
        if isinstance(seen, _XML_REFUSALS):
            return FileRefused("XML_BERBAHAYA", detail=type(seen).__name__)
        seen = seen.__cause__ or seen.__context__
    if isinstance(error, MemoryError):
        return FileRefused("FILE_TIDAK_TERBACA", detail="terlalu besar untuk dibaca")
    return FileRefused("FILE_TIDAK_TERBACA", detail=str(error)[:200])


def _filled_rows(sheet):
    """(row number, values) of each row holding a value, in sheet order, ignoring the stored dimension:
    reset_dimensions() makes openpyxl read rows and cells as the XML has them (no padding to a stale size)."""
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if not row:
            continue
        last = len(row)
        while last and (row[last - 1] is None or (isinstance(row[last - 1], str) and not row[last - 1].strip())):
            last -= 1
        if not last:
            continue
        if last > MAX_COLUMNS:
            raise FileRefused("KOLOM_TERLALU_BANYAK", count=last, limit=MAX_COLUMNS)
        yield number, row[:last]


def excel_cells_as_text(cells: pd.Series) -> pd.Series:
    """openpyxl cell values (str, int, float, bool, datetime, date, time, None) as the text they stand for."""
    cells = cells.astype(object)
    out = pd.Series("", index=cells.index, dtype="str")
    kinds = cells.map(lambda v: type(v).__name__).where(cells.notna(), "NoneType")
    text = kinds == "str"
    out[text] = cells[text].astype("str")
    stamps = kinds.isin(["datetime", "date", "Timestamp"])
    if stamps.any():
        out[stamps] = pd.to_datetime(cells[stamps].astype(object), errors="coerce").dt.strftime("%Y-%m-%d").fillna("")
    numbers = kinds.isin(["int", "float", "Decimal"])
    if numbers.any():
        out[numbers] = _numbers_as_text(pd.to_numeric(cells[numbers].astype(object), errors="coerce"))
    booleans = kinds == "bool"
    out[booleans] = cells[booleans].map({True: "TRUE", False: "FALSE"}).astype("str")
    times = kinds == "time"
    out[times] = cells[times].astype("str")
    return out


def _numbers_as_text(values: pd.Series) -> pd.Series:
    values = values.astype("float64")
    integral = np.isfinite(values) & (np.floor(values) == values)
    big = values.abs() >= _BIG_NUMBER
    text = values.astype("str")
    small_int = integral & ~big
    text[small_int] = values[small_int].astype("int64").astype("str")
    # As Excel displays it in a General cell: the digits are already lost, and the validator says so.
    if big.any():
        text[big] = values[big].map(lambda v: f"{v:.5E}").astype("str").str.replace(r"E\+0*", "E+", regex=True)
    return text.astype("str")
