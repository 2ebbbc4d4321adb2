"""Numbers, rupiah and dates for id_ID (default) or en, through Babel. Pure functions, no Streamlit."""
from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal
import pandas as pd

LOCALES = {"id": "id_ID", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "id_ID")


def _missing(value) -> bool:
    """None, NaN, pandas' NA and NaT: every 'no value' a DataFrame cell can hold."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def number(value, lang: str = "id", decimals: int = 0) -> str:
    """1.234.567 (id) / 1,234,567 (en); '–' for no value."""
    if _missing(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(lang))


def rupiah(value, lang: str = "id") -> str:
    """Rp16.800 — whole rupiah, no space, as Indonesian documents write it."""
    if _missing(value):
        return "–"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{number(abs(round(value)), lang)}"


def rupiah_short(value, lang: str = "id") -> str:
    """Rp1,9 miliar / Rp580 juta (id); Rp1.9 billion (en)."""
    if _missing(value):
        return "–"
    scales = ((1e12, "triliun", "trillion"), (1e9, "miliar", "billion"), (1e6, "juta", "million"))
    for size, word_id, word_en in scales:
        if abs(value) >= size:
            amount = value / size
            digits = 0 if amount >= 100 or amount == round(amount) else 1
            return f"Rp{number(amount, lang, digits)} {word_id if lang == 'id' else word_en}"
    return rupiah(value, lang)


def percent(value, lang: str = "id", decimals: int = 1) -> str:
    """95,1% (id) / 95.1% (en); value is already in percent."""
    if _missing(value):
        return "–"
    return number(value, lang, decimals) + "%"


def date(value: dt.date | str | None, lang: str = "id", style: str = "medium") -> str:
    """5 Nov 2025 (id medium), 5 November 2025 (long)."""
    if value is None:
        return "–"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    pattern = {"medium": "d MMM y", "long": "d MMMM y", "month": "MMMM y", "short_month": "MMM y"}[style]
    return _format_date(value, format=pattern, locale=_locale(lang)).replace(".", "")
