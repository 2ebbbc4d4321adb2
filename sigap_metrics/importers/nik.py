"""The NIK (Nomor Induk Kependudukan): structure checks and what it encodes, on whole columns.

A NIK is PPKKCC DDMMYY SSSS: province PP, regency/city KK (kabupaten 01–, kota 71–), district CC,
birth day DD (+40 for women), month MM, year YY, serial SSSS (not 0000). The region code is where the
NIK was issued, not where the person lives.
"""
from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import numpy as np
import pandas as pd

from .parsers import SPACES, numbers

KOTA_BEKASI = "3275"

# Province code → (highest kabupaten number, highest kota number; 70 = none). From the Kemendagri code list
# (Kepmendagri 300.2.2-2138/2025). A NIK keeps the code of the regency that issued it even after a region
# was split or moved (Tarakan 6473, Bulungan 6404 in East Kalimantan before North Kalimantan; Papua's 91xx),
# so the limits are the highest number ever used in the province, with a margin where splits are recent.
REGION_LIMITS: dict[str, tuple[int, int]] = {
    "11": (18, 75), "12": (25, 78), "13": (12, 77), "14": (10, 73), "15": (9, 72), "16": (13, 74), "17": (9, 71),
    "18": (13, 72), "19": (6, 71), "21": (5, 72), "31": (1, 75), "32": (18, 79), "33": (29, 76), "34": (4, 71),
    "35": (29, 79), "36": (4, 74), "51": (8, 71), "52": (8, 72), "53": (21, 71), "61": (12, 72), "62": (13, 71),
    "63": (11, 72), "64": (11, 74), "65": (4, 71), "71": (11, 74), "72": (13, 71), "73": (26, 73), "74": (17, 72),
    "75": (5, 71), "76": (6, 70), "81": (11, 72), "82": (8, 72),
    # Papua: provinces split in 2022 (93–96); older NIKs keep 91xx/92xx codes. Generous limits.
    "91": (36, 71), "92": (15, 71), "93": (6, 71), "94": (10, 71), "95": (10, 71), "96": (8, 71),
}
PROVINCES: frozenset[str] = frozenset(REGION_LIMITS)
_MAX_KABUPATEN = {p: limits[0] for p, limits in REGION_LIMITS.items()}
_MAX_KOTA = {p: limits[1] for p, limits in REGION_LIMITS.items()}


class NikCheck(NamedTuple):
    """Per row: which check failed first (None when valid) and what the NIK encodes."""
    code: pd.Series            # reason code or <NA>
    region: pd.Series          # first 4 digits
    female: pd.Series          # boolean
    birth_date: pd.Series      # datetime64 (NaT when invalid)
    non_digit: pd.Series       # the NIK contains other characters than digits


def clean_nik(raw: pd.Series) -> pd.Series:
    """Strip the decorations people add around a NIK: spaces, dots, dashes, a leading apostrophe, quotes."""
    return raw.astype("str").str.replace("[" + SPACES + r".\-'\"`]", "", regex=True)


def scientific(raw: pd.Series) -> pd.Series:
    """True where the value is a number Excel showed in scientific notation (3.27501E+15, 3,27501E+15)."""
    shown = raw.astype("str").str.strip()
    return shown.str.fullmatch(r"[0-9]+(?:[.,][0-9]+)?[eE][+]?[0-9]+").fillna(False).astype(bool)


def check_niks(nik: pd.Series, today: dt.date | None = None) -> NikCheck:
    """Validate cleaned NIK strings (16 digits expected) column-wise."""
    today = today or dt.date.today()
    nik = nik.astype("str")
    digits = nik.str.fullmatch(r"[0-9]{16}").fillna(False).astype(bool)
    region = nik.str[:4].where(digits)
    province, city = nik.str[:2], numbers(nik.str[2:4].where(digits))
    max_kab = province.map(_MAX_KABUPATEN).astype("float64")
    max_kota = province.map(_MAX_KOTA).astype("float64")
    region_ok = province.isin(PROVINCES) & (((city >= 1) & (city <= max_kab)) | ((city >= 71) & (city <= max_kota)))
    day = numbers(nik.str[6:8].where(digits))
    month = numbers(nik.str[8:10].where(digits))
    yy = numbers(nik.str[10:12].where(digits))
    female = day > 40
    real_day = day - np.where(female, 40, 0)
    # The century is not in the NIK: a year after this one must be in the 1900s.
    year = yy + np.where(yy + 2000 > today.year, 1900, 2000)
    day_ok = ((day >= 1) & (day <= 31)) | ((day >= 41) & (day <= 71))
    birth = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": real_day}).where(
        day_ok & (month >= 1) & (month <= 12)), errors="coerce")
    serial_ok = nik.str[12:16] != "0000"
    code = pd.Series(pd.NA, index=nik.index, dtype="object")
    code = code.mask(code.isna() & digits & ~serial_ok, "NIK_NOMOR_URUT")
    code = code.mask(digits & birth.isna(), "NIK_TANGGAL")
    code = code.mask(digits & ~region_ok, "NIK_WILAYAH")
    code = code.mask(~digits, "NIK_FORMAT")
    return NikCheck(code.astype("string"), region, female.fillna(False).astype(bool), birth,
                    nik.str.contains(r"[^0-9]", regex=True).fillna(False).astype(bool))
