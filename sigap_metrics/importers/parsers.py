"""Value parsers on whole columns of text. Each returns the parsed values with <NA>/NaT where the text
could not be parsed; empty cells are the caller's business (they arrive as <NA> and stay <NA>).

Dates: 2025-11-05, 05/11/2025, 05-11-2025, 5.11.2025, 2025/11/05, 5 Nov 2025, 5 November 2025,
05 Agustus 2025 (Indonesian and English month names and abbreviations), Excel serial numbers
(45966 = 5 Nov 2025) and ISO dates with a time (from Excel date cells). Day first, always: Indonesian
files never write month/day/year.
Money: Rp16.800, Rp 16.800,00, 16.800, 16800, 16800.0, IDR 16,800. Dots and commas followed by exactly
three digits are thousands separators; a comma or dot followed by one or two digits is the decimal part.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..reference import normalise_text

MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
        ("JANUARI", "JANUARY", "JAN"), ("FEBRUARI", "FEBRUARY", "FEB", "PEB", "PEBRUARI"),
        ("MARET", "MARCH", "MAR"), ("APRIL", "APR"), ("MEI", "MAY"), ("JUNI", "JUNE", "JUN"),
        ("JULI", "JULY", "JUL"), ("AGUSTUS", "AUGUST", "AGU", "AGS", "AGT", "AUG", "AGUST"),
        ("SEPTEMBER", "SEP", "SEPT"), ("OKTOBER", "OCTOBER", "OKT", "OCT"),
        ("NOVEMBER", "NOPEMBER", "NOV", "NOP"), ("DESEMBER", "DECEMBER", "DES", "DEC")), start=1):
    for _name in _names:
        MONTHS[_name] = _number

# Regular expressions here avoid \s, \d and look-arounds so pandas runs them in Arrow (RE2) on whole columns
# instead of falling back to Python's re row by row; SPACES lists the whitespace met in files (incl. the
# no-break space Excel pastes) as literal characters.
SPACES = " \t\r\n\u00a0"
_SPACE = "[" + SPACES + "]"
MIN_YEAR, MAX_YEAR = 1900, 2100
EXCEL_SERIAL_RANGE = (10_000, 80_000)  # 1927-05-18 … 2119-01-11: a 5-digit number in a date column
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")

_NUMERIC_DATE = (
    (r"(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})[-/.](?P<day>[0-9]{1,2})"
     r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"),
    (r"(?P<day>[0-9]{1,2})[-/.](?P<month>[0-9]{1,2})[-/.](?P<year>[0-9]{4})(?: [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"),
)
_NAMED_DATE = (r"(?P<day>[0-9]{1,2})[" + SPACES + r"\-/.]*(?P<name>[A-Z]{3,9})\.?[" + SPACES
               + r"\-/.,]*(?P<year>[0-9]{4})")
_SERIAL = r"(?P<serial>[0-9]{5})(?:\.[0-9]+)?"  # a fraction is the time of day


def extract(text: pd.Series, pattern: str) -> pd.DataFrame:
    """The named groups of `pattern` for each value (<NA> where it does not match), computed in Arrow:
    pandas' str.extract runs Python's re row by row."""
    array = pa.array(text.astype("str").fillna(""), type=pa.large_string())
    found = pc.extract_regex(array, pattern)
    names = [found.type.field(i).name for i in range(found.type.num_fields)]
    return pd.DataFrame({name: pd.Series(pc.struct_field(found, name).to_pandas(types_mapper=pd.ArrowDtype),
                                         index=text.index).astype("str") for name in names}, index=text.index)


def numbers(text: pd.Series) -> pd.Series:
    """float64 of strings that are plain decimal numbers ("12", "16800.5"), NaN for anything else, in Arrow
    (pd.to_numeric converts Arrow strings through Python objects)."""
    array = pa.array(text.astype("str"), type=pa.large_string(), from_pandas=True)
    plain = pc.match_substring_regex(array, r"^[0-9]{1,15}(\.[0-9]+)?$")
    values = pc.cast(pc.if_else(plain, array, pa.scalar(None, pa.large_string())), pa.float64())
    return pd.Series(values.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def _upper(raw: pd.Series) -> pd.Series:
    return raw.astype("str").str.strip().str.upper().str.replace(_SPACE + "+", " ", regex=True)


def _from_parts(year, month, day) -> pd.Series:
    parts = pd.DataFrame({"year": year, "month": month, "day": day}).astype("float64")
    in_range = (parts["year"] >= MIN_YEAR) & (parts["year"] <= MAX_YEAR)
    return pd.to_datetime(parts.where(in_range), errors="coerce")


def parse_dates(raw: pd.Series) -> pd.Series:
    """datetime64 for each recognised date, NaT otherwise (including impossible dates like 30 Feb)."""
    text = _upper(raw)
    result = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    for pattern in _NUMERIC_DATE:
        parts = extract(text, "^" + pattern + "$")
        found = parts["year"].notna() & result.isna()
        if found.any():
            result[found] = _from_parts(numbers(parts["year"][found]), numbers(parts["month"][found]),
                                        numbers(parts["day"][found]))
    named = extract(text, "^" + _NAMED_DATE + "$")
    found = named["year"].notna() & result.isna()
    if found.any():
        month = named["name"][found].map(MONTHS)
        result[found] = _from_parts(numbers(named["year"][found]), month.astype("float64"),
                                    numbers(named["day"][found]))
    serial = numbers(extract(text, "^" + _SERIAL + "$")["serial"])
    found = serial.between(*EXCEL_SERIAL_RANGE) & result.isna()
    if found.any():
        days = serial[found].to_numpy(dtype="int64").astype("timedelta64[D]")
        result[found] = pd.Series(_EXCEL_EPOCH + days, index=serial[found].index).astype("datetime64[us]")
    return result


def impossible_dates(raw: pd.Series) -> pd.Series:
    """True where the text is written as a date (day, month and year in range: 31/04/2026, 29 Februari 2025)
    but that day does not exist in the calendar: the format was right, the date is not."""
    text = _upper(raw)
    shaped = pd.Series(False, index=raw.index)
    for pattern in _NUMERIC_DATE:
        parts = extract(text, "^" + pattern + "$")
        shaped |= _in_range(numbers(parts["year"]), numbers(parts["month"]), numbers(parts["day"]))
    named = extract(text, "^" + _NAMED_DATE + "$")
    shaped |= _in_range(numbers(named["year"]), named["name"].map(MONTHS).astype("float64"), numbers(named["day"]))
    return shaped & parse_dates(raw).isna()


def _in_range(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    return (year.between(MIN_YEAR, MAX_YEAR) & month.between(1, 12) & day.between(1, 31)).fillna(False).astype(bool)


def parse_periods(raw: pd.Series) -> pd.Series:
    """First day of the month for 2025-11, 2025/11, 11/2025, 11-2025, November 2025, Nov 2025, Nopember 2025,
    or any full date (its month)."""
    text = _upper(raw)
    result = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    ym = extract(text, r"^(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})$")
    found = ym["year"].notna()
    if found.any():
        result[found] = _from_parts(numbers(ym["year"][found]), numbers(ym["month"][found]), 1)
    my = extract(text, r"^(?P<month>[0-9]{1,2})[-/.](?P<year>[0-9]{4})$")
    found = my["year"].notna() & result.isna()
    if found.any():
        result[found] = _from_parts(numbers(my["year"][found]), numbers(my["month"][found]), 1)
    named = extract(text, r"^(?P<name>[A-Z]{3,9})\.?[" + SPACES + r"\-/.,]*(?P<year>[0-9]{4})$")
    found = named["year"].notna() & result.isna()
    if found.any():
        result[found] = _from_parts(numbers(named["year"][found]),
                                    named["name"][found].map(MONTHS).astype("float64"), 1)
    rest = result.isna() & text.ne("")
    if rest.any():
        dates = parse_dates(raw[rest])
        result[rest] = dates.dt.to_period("M").dt.to_timestamp().astype("datetime64[us]")
    return result


def parse_money(raw: pd.Series) -> pd.Series:
    """Whole rupiah (Int64) for each recognised amount, <NA> otherwise; negative amounts are not recognised."""
    text = (_upper(raw).str.replace(r"^(RP|IDR)\.? ?", "", regex=True).str.replace(r"[.,]-$", "", regex=True)
            .str.replace(" ", "", regex=False))
    normal = pd.Series(pd.NA, index=raw.index, dtype="str")
    # 16.800 / 16.800,00 / 1.234.567 (Indonesian thousands) → 16800 / 16800.00 / 1234567
    dots = text.str.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{1,2})?").fillna(False).astype(bool)
    normal[dots] = text[dots].str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    # 16,800 / 16,800.00 / 1,234,567 (English thousands)
    commas = text.str.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?").fillna(False).astype(bool) & normal.isna()
    normal[commas] = text[commas].str.replace(",", "", regex=False)
    # 16800 / 16800.0 / 16800,5
    plain = text.str.fullmatch(r"[0-9]+(?:[.,][0-9]{1,2})?").fillna(False).astype(bool) & normal.isna()
    normal[plain] = text[plain].str.replace(",", ".", regex=False)
    # 16800.000000 from a spreadsheet export: digits after the point all zero
    zeros = text.str.fullmatch(r"[0-9]+\.0+").fillna(False).astype(bool) & normal.isna()
    normal[zeros] = text[zeros].str.replace(r"\.0+$", "", regex=True)
    values = numbers(normal)
    return values.round().astype("Int64")


def parse_integers(raw: pd.Series) -> pd.Series:
    """Whole numbers (Int64) written with or without thousands separators; <NA> for fractions and text."""
    text = _upper(raw)
    values = parse_money(text.where(~text.str.contains(r"RP|IDR", regex=True).fillna(False)))
    fraction = text.str.fullmatch(r"[0-9]+[.,][0-9]{1,2}").fillna(False).astype(bool) & ~text.str.fullmatch(
        r"[0-9]+[.,]0{1,2}").fillna(False).astype(bool)
    return values.mask(fraction)


def parse_choice(raw: pd.Series, options: dict[str, str]) -> pd.Series:
    """The option a text stands for, matched after normalise_text ("tidak lolos" → "TIDAK LOLOS")."""
    keys = {normalise_text(k): v for k, v in options.items()}
    unique = pd.Series(raw.dropna().unique())
    lookup = dict(zip(unique, unique.map(lambda v: keys.get(normalise_text(v)))))
    return raw.map(lookup).astype("string")


def clean_text(raw: pd.Series, max_length: int = 200) -> pd.Series:
    """Free text: trimmed, inner whitespace collapsed, cut to a sane length."""
    return raw.astype("str").str.strip().str.replace(_SPACE + "+", " ", regex=True).str.slice(0, max_length)


def as_date32(values: pd.Series):
    """datetime64 → Arrow date32 values (DuckDB reads them as DATE)."""
    return values.astype("datetime64[s]").astype("date32[pyarrow]")
