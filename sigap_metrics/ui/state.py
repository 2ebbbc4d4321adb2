"""The view a user is looking at (language, as-of date, filters), kept in the URL query string so a view
can be shared and survives a refresh. Every value read from the URL is checked against an allow-list."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from ..i18n import LANGUAGES
from ..metrics.filters import AGE_BANDS, Filters
from ..reference import FUNDING_CODES, KECAMATAN, KELURAHAN, PROGRAMME_START, SECTOR_CODES

ALLOWED: dict[str, tuple] = {
    "kecamatan": tuple(a.kode for a in KECAMATAN),
    "kelurahan": tuple(a.kode for a in KELURAHAN),
    "sektor": SECTOR_CODES,
    "jenis_kelamin": ("L", "P"),
    "kelompok_umur": tuple(band for band, _, _ in AGE_BANDS),
    "desil": tuple(str(d) for d in range(1, 11)),
    "sumber_iuran": FUNDING_CODES,   # what imports store (importers map SUMBER_IURAN onto these)
}
FILTER_KEYS = tuple(ALLOWED)
SHARED_KEYS = ("lang", "tgl", *FILTER_KEYS)   # the view every page shares (page choices are the page's own)
_SAVED = "_sigap_shared_params"               # the shared view of this session, to survive page switches
_CLAMPED = "_sigap_date_clamped"              # the URL's out-of-range date, until the page has said so
FUTURE_YEARS = 5                              # how far past today an as-of date may go (scenarios, forecasts)


@dataclass(frozen=True)
class View:
    lang: str
    as_of: dt.date
    filters: Filters
    asked_as_of: dt.date | None = None          # the URL's date when it was out of range and replaced by as_of


def date_range(default_as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The as-of dates a view may use: from the programme's start to the end of the year FUTURE_YEARS ahead."""
    return PROGRAMME_START, dt.date(max(default_as_of.year, dt.date.today().year) + FUTURE_YEARS, 12, 31)


def clamp_date(asked: dt.date, default_as_of: dt.date) -> dt.date:
    low, high = date_range(default_as_of)
    return min(max(asked, low), high)


def _clean(key: str, values: list[str]) -> tuple:
    kept = tuple(v for v in values if v in ALLOWED[key])
    return tuple(int(v) for v in kept) if key == "desil" else kept


def read_view(default_as_of: dt.date) -> View:
    """The current view from the query string; unknown or malformed values are ignored.

    Streamlit clears the query string when the user switches page; the shared part of the view is then
    put back from this session's last view, so filters and language follow the user across pages."""
    params = st.query_params
    saved = st.session_state.get(_SAVED)
    if saved and not any(key in params for key in SHARED_KEYS):
        for key, values in saved.items():
            params[key] = values if len(values) > 1 else values[0]
    lang = params.get("lang", "id")
    lang = lang if lang in LANGUAGES else "id"
    try:
        as_of = dt.date.fromisoformat(params.get("tgl", ""))
    except ValueError:
        as_of = default_as_of
    asked = st.session_state.pop(_CLAMPED, None)         # replaced earlier in this run (app.py reads first)
    if clamp_date(as_of, default_as_of) != as_of:        # 0001-01-01, 9999-12-31: the nearest allowed date
        asked, as_of = as_of, clamp_date(as_of, default_as_of)
        params["tgl"] = as_of.isoformat()
        st.session_state[_CLAMPED] = asked
    filters = Filters(**{key: _clean(key, params.get_all(key)) for key in FILTER_KEYS})
    _remember()
    return View(lang, as_of, filters, asked)


def _remember() -> None:
    st.session_state[_SAVED] = {key: st.query_params.get_all(key) for key in SHARED_KEYS if key in st.query_params}


def shared_params() -> dict[str, list[str]]:
    """The shared part of the current URL's query string (carried along when a page is switched for the user)."""
    return {key: st.query_params.get_all(key) for key in SHARED_KEYS if key in st.query_params}


def write_param(key: str, value) -> None:
    """Set (or clear) one query parameter from a widget's value."""
    if value in (None, "", [], ()):
        if key in st.query_params:
            del st.query_params[key]
    else:
        if isinstance(value, dt.date):
            value = value.isoformat()
        if isinstance(value, (list, tuple)):
            value = [str(v) for v in value]
        st.query_params[key] = value
    _remember()


def read_choice(param: str, allowed: tuple[str, ...], default: str) -> str:
    """A page's own single-valued choice (indicator, level…) from the URL, when it is on the allow-list."""
    value = st.query_params.get(param, default)
    return value if value in allowed else default
