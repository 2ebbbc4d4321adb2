"""Reading a file the operator uploads into a table of text, exactly as written.

Everything is read as text (a NIK must never become a number). CSV: comma, semicolon, tab or pipe,
sniffed from the header; UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252. XLSX through
openpyxl: date cells become ISO dates, numbers become their plain digits, and numbers of 16 digits or
more (a NIK Excel already turned into a number) are shown as Excel shows them, `3.27508E+15`, so the
validator rejects them with the reason. Row numbers are those of the original file (header = row 1 when
the header is on the first line). A whole-file problem raises `FileRefused`.
"""
from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .messages import FileRefused

MAX_HEADER_SEARCH = 20  # a header may sit below a few title lines
_DELIMITERS = (";", ",", "\t", "|")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
_BIG_NUMBER = 1e15  # from here on Excel keeps only 15 significant digits
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default "str" dtype


@dataclass(frozen=True)
class RawTable:
    """All cells of a sheet as text ("" when empty), with the file's row number of each row."""
    rows: pd.DataFrame       # columns 0..n-1, dtype str
    row_numbers: np.ndarray  # 1-based row number in the original file
    file_format: str         # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None


def read_table(data: bytes, file_name: str = "") -> RawTable:
    """Read CSV or XLSX bytes into text cells; refuse what is neither."""
    if not data or not data.strip():
        raise FileRefused("FILE_KOSONG")
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data)
    if data.startswith(_XLS_MAGIC):
        raise FileRefused("FILE_XLS_LAMA")
    return _read_csv(data)


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
    if "\x00" in text:
        raise FileRefused("FILE_TIDAK_TERBACA")
    delimiter = sniff_delimiter(text)
    fast = _read_regular_csv(text, delimiter)
    if fast is not None:
        return RawTable(fast, np.arange(1, len(fast) + 1), "csv", encoding, delimiter)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise FileRefused("FILE_TIDAK_TERBACA") from None
    # csv.reader yields one record per logical line; a quoted value spanning lines shifts later physical line
    # numbers, so count lines consumed per record to keep the operator's row numbers (the editor's line numbers).
    row_numbers = _csv_line_numbers(text, delimiter, len(records))
    return RawTable(_frame(records), row_numbers, "csv", encoding, delimiter)


def _read_regular_csv(text: str, delimiter: str) -> pd.DataFrame | None:
    """The common case, read by Arrow's CSV reader (C++): every line one record with as many fields as the
    first line, no value spanning lines, no blank lines. None otherwise, and the csv module reads the file
    (slower, but it keeps ragged rows, blank lines and line numbers as they are)."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    width = len(next(csv.reader([first], delimiter=delimiter), []))
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    lines = breaks + (0 if text.endswith(("\n", "\r")) else 1)
    if width == 0:
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


def _csv_line_numbers(text: str, delimiter: str, count: int) -> np.ndarray:
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines == count:  # no value spans lines: record i is line i + 1 (the usual case, no loop needed)
        return np.arange(1, count + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ends = np.fromiter((reader.line_num for _ in reader), dtype=np.int64, count=count)
    # line_num is the line a record ends on; a record starts one line after the previous one ended.
    return np.concatenate([[1], ends[:-1] + 1]) if count else ends


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first non-empty lines most consistently (semicolon wins ties)."""
    lines = [line for line in re.split(r"\r\n|\r|\n", text, maxsplit=MAX_HEADER_SEARCH)[:MAX_HEADER_SEARCH]
             if line.strip()]
    best, best_score = ",", -1
    for delimiter in _DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter), [])) - 1 for line in lines]
        score = max(counts) if counts else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _frame(records: list[list]) -> pd.DataFrame:
    if not records:
        raise FileRefused("FILE_KOSONG")
    # Transposed by zip_longest (C code, no per-row Python): short rows are padded with "".
    columns = list(itertools.zip_longest(*records, fillvalue=""))
    if not columns:
        raise FileRefused("FILE_KOSONG")
    return pd.DataFrame({i: _text_series(column) for i, column in enumerate(columns)})


def _read_xlsx(data: bytes) -> RawTable:
    import openpyxl  # imported here: reading CSV should not pay for it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileRefused("FILE_TIDAK_TERBACA", detail=str(error)[:200]) from None
    try:
        sheets = [s for s in book.worksheets if s.__class__.__name__ != "ReadOnlyChartsheet"]
        for sheet in sheets:
            rows = list(sheet.iter_rows(values_only=True))
            if any(any(v is not None and str(v).strip() for v in row) for row in rows[:MAX_HEADER_SEARCH]):
                break
        else:
            raise FileRefused("FILE_KOSONG")
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        raise FileRefused("FILE_KOSONG")
    objects = pd.DataFrame(rows, columns=range(width), dtype=object)  # no type inference: cells stay as they are
    frame = pd.DataFrame({c: excel_cells_as_text(objects[c]) for c in objects.columns})
    return RawTable(frame, np.arange(1, len(frame) + 1), "xlsx")


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
