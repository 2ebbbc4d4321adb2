"""Matching names as people type them ("Pd. Gede", "PONDOKGEDE") onto reference codes."""
from __future__ import annotations

import difflib
import re

from .agencies import AGENCIES
from .funding import FUNDING_SOURCES
from .sectors import SECTORS
from .wilayah import KECAMATAN, KELURAHAN

_PREFIXES = re.compile(r"^(KECAMATAN|KEC|KELURAHAN|KEL|DESA|DS)(?=[ .]|$)[ .]*")
_ABBREVIATIONS = ((re.compile(r"\bPD\b\.?"), "PONDOK"), (re.compile(r"\bJT\b\.?"), "JATI"),
                  (re.compile(r"\bBKS\b\.?"), "BEKASI"), (re.compile(r"\bKP\b\.?"), "KAMPUNG"))
_NON_ALNUM = re.compile(r"[^A-Z0-9]")


def normalise_text(value: str) -> str:
    """Upper-case, expand common abbreviations and drop everything that is not a letter or digit."""
    text = str(value).upper().strip()
    text = _PREFIXES.sub("", text)
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    return _NON_ALNUM.sub("", text)


def _code_variants(kode: str) -> list[str]:
    # "32.75.08" may arrive as "3275080", "327508", "08", "8"; kelurahan "32.75.08.1001" as "3275081001".
    digits = kode.replace(".", "")
    variants = [digits]
    if len(digits) == 6:  # kecamatan
        variants += [kode[-2:], str(int(kode[-2:])), "3275" + kode[-2:] + "0"]
    return variants


def _area_aliases() -> dict[str, dict[str, str]]:
    kecamatan = {normalise_text(a.nama): a.kode for a in KECAMATAN}
    for area in KECAMATAN:
        for variant in _code_variants(area.kode):
            kecamatan[variant] = area.kode
    kelurahan = {}
    for area in KELURAHAN:
        kelurahan[normalise_text(area.nama)] = area.kode
        for variant in _code_variants(area.kode):
            kelurahan[variant] = area.kode
    return {"kecamatan": kecamatan, "kelurahan": kelurahan}


AREA_ALIASES: dict[str, dict[str, str]] = _area_aliases()
SECTOR_ALIASES: dict[str, str] = {
    normalise_text(word): s.kode for s in SECTORS for word in (s.kode, s.nama_id, *s.synonyms)
}
_NAME_OF = {a.kode: a.nama for a in (*KECAMATAN, *KELURAHAN)}


def match_area(level: str, value: str) -> str | None:
    """Reference code for a kecamatan or kelurahan written by code or by name in any common spelling."""
    key = normalise_text(value)
    if not key:
        return None
    return AREA_ALIASES[level].get(key) or AREA_ALIASES[level].get(key.lstrip("0"))


def suggest_areas(level: str, value: str, n: int = 3, *, within: str | None = None,
                  with_kecamatan: bool = False) -> list:
    """Closest official names for an unknown area name, best first. `within`: only the kelurahan of that
    kecamatan code; `with_kecamatan`: (name, kecamatan code) pairs for kelurahan."""
    areas = KECAMATAN if level == "kecamatan" else KELURAHAN
    if within is not None:
        areas = [a for a in areas if getattr(a, "kecamatan_kode", None) == within]
    official = {normalise_text(a.nama): a for a in areas}
    close = difflib.get_close_matches(normalise_text(value), list(official), n=n, cutoff=0.5)
    if with_kecamatan:
        return [(official[c].nama, getattr(official[c], "kecamatan_kode", official[c].kode)) for c in close]
    return [official[c].nama for c in close]


def area_name(kode: str) -> str:
    return _NAME_OF[kode]


def match_sector(value: str) -> str | None:
    """Sector code for a free-text occupation ("Driver Gojek" → OJOL); None when nothing fits."""
    key = normalise_text(value)
    if not key:
        return None
    if key in SECTOR_ALIASES:
        return SECTOR_ALIASES[key]
    # Longest synonym contained in the text wins ("SOPIR ANGKOT 05" → SOPIR, "DRIVER GRAB BIKE" → OJOL).
    hits = [(len(word), code) for word, code in SECTOR_ALIASES.items() if len(word) >= 3 and word in key]
    return max(hits)[1] if hits else None


AGENCY_ALIASES: dict[str, str] = {word: a.kode for a in AGENCIES for word in (a.kode, *a.synonyms)}
_AREA_PREFIX = re.compile(r"^(KELURAHAN|KEL|KECAMATAN|KEC|DESA|DS|KANTOR KELURAHAN|KANTOR KECAMATAN)(?=[ .]|$)")


def match_agency(value: str) -> str | None:
    """Proposing-agency code for the text a file writes ("Dinsos Kota Bekasi" → DINSOS, "Kel. Margahayu" →
    KELURAHAN, "GOJEK" → PLATFORM); None when nothing fits (the caller records LAINNYA)."""
    upper = str(value).upper().strip()
    if _AREA_PREFIX.match(upper):
        return "KELURAHAN"
    key = normalise_text(value)
    if not key:
        return None
    if key in AGENCY_ALIASES:
        return AGENCY_ALIASES[key]
    if match_area("kelurahan", value) or match_area("kecamatan", value):  # "Margahayu" alone: a kelurahan office
        return "KELURAHAN"
    return _longest_word(key, AGENCY_ALIASES)


def _longest_word(key: str, aliases: dict[str, str]) -> str | None:
    """The code of the longest known word contained in `key` ("DINSOS KOTA BEKASI" → DINSOS); three-letter
    words (DKM, LSM, CSR) only at the start, shorter ones only whole (matched before this)."""
    hits = [(len(word), code) for word, code in aliases.items()
            if (len(word) >= 4 and word in key) or (len(word) == 3 and key.startswith(word))]
    return max(hits)[1] if hits else None


FUNDING_ALIASES: dict[str, str] = {word: f.kode for f in FUNDING_SOURCES
                                   for word in (f.kode.replace("_", ""), *f.synonyms)}


def match_funding(value: str) -> str | None:
    """The funding-source code for the text a file writes ("APBD Kota Bekasi" → APBD, "APBD Prov. Jabar" →
    APBD_PROV, "CSR PT …" → CSR); None when nothing fits (the caller records LAINNYA)."""
    key = normalise_text(value)
    if not key:
        return None
    return FUNDING_ALIASES.get(key) or _longest_word(key, FUNDING_ALIASES)
