"""Downloads: a DataFrame as CSV or XLSX bytes, with spreadsheet formulas made inert.

A text cell that starts with = + - @ (or a tab / carriage return, which some spreadsheets skip before
reading a formula) would run as a formula when the file is opened; a leading apostrophe keeps it text.
Numbers stay numbers. No Streamlit here: pages, the public page and the CLI all use these functions.
"""
from __future__ import annotations

import io
import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31  # Excel's limit


def _inert(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_text_column(series: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series) \
        or isinstance(series.dtype, pd.CategoricalDtype)


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` in which every text cell (and text column name) that could start a formula is
    prefixed with an apostrophe."""
    out = df.copy()
    for column in out.columns:
        if _is_text_column(out[column]):
            # Built as an object column on purpose: Series.map would re-infer the dtype and turn a column of
            # whole numbers with gaps into floats (238 → 238.0 in the file).
            out[column] = pd.Series([_inert(v) for v in out[column].astype(object)], index=out.index, dtype=object)
    out.columns = [_inert(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads the Indonesian text right), formulas neutralised.
    Lines end in CRLF (RFC 4180), which also makes the writer quote any cell holding a bare CR."""
    return neutralise_formulas(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def sheet_name(name: str) -> str:
    """A valid Excel sheet name: forbidden characters removed, at most 31 characters, never empty."""
    cleaned = _SHEET_FORBIDDEN.sub(" ", name).strip().strip("'")[:SHEET_NAME_MAX]
    return cleaned or "data"


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data", *, created=None) -> bytes:
    """One-sheet XLSX with a bold header and fitted column widths, formulas neutralised; xlsxwriter is also
    told never to turn strings into formulas or links. `created` (a datetime) fixes the workbook's creation
    time, so the same table gives the same bytes (a release's downloads); by default it is now."""
    safe = neutralise_formulas(df)
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        if created is not None:
            writer.book.set_properties({"created": created})
        name = sheet_name(sheet)
        safe.to_excel(writer, sheet_name=name, index=False)
        worksheet = writer.sheets[name]
        worksheet.freeze_panes(1, 0)
        for i, column in enumerate(safe.columns):
            values = safe[column].astype(str)
            longest = max([len(str(column)), *values.str.len().fillna(0).astype(int).tolist()[:1000]])
            worksheet.set_column(i, i, min(max(longest + 2, 8), 60))
    return buffer.getvalue()
