"""Free text in files is a privacy risk (DESIGN §4.2): people type phone numbers, NIKs, names and addresses
into any column that lets them. What the importer does with it:

- ALASAN (why a candidate failed verification) is mapped onto a reason code (REASONS); text that fits no code
  is stored only after NIK-, NIP-, phone- and e-mail-shaped text, long digit runs, honorific + name and street
  addresses are removed (`scrub_reason`).
- Quarantined values, rejection reasons and warnings pass through `scrub_personal`: 16-digit runs masked as a
  NIK (327508******0101), 18-digit NIPs, phone numbers and e-mail addresses replaced by a marker.
Both work on the distinct values of a column (a file repeats few reasons), through Python's re.
"""
from __future__ import annotations

import re

import pandas as pd

from ..reference import normalise_text

# Reason codes (stored in usulan.alasan), each with the words that identify it in normalised text.
_REASON_WORDS: dict[str, tuple[str, ...]] = {
    "DESIL_DI_ATAS_5": ("DESIL", "DTSEN", "TIDAKMISKIN", "MAMPU", "BUKANSASARAN"),
    "NIK_TIDAK_PADAN": ("NIKTIDAKPADAN", "TIDAKPADAN", "NIKTIDAKVALID", "NIKSALAH", "NIKTIDAKDITEMUKAN",
                        "NIKTIDAKTERDAFTAR", "DUKCAPIL", "NIKGANDA"),
    "SUDAH_TERDAFTAR": ("SUDAHTERDAFTAR", "TERDAFTAR", "SUDAHMENJADIPESERTA", "SUDAHPUNYABPJS", "SUDAHADABPJS",
                        "PESERTAAKTIF", "PPU", "GANDA", "DUPLIKAT"),
    "BUKAN_PEKERJA_RENTAN": ("BUKANPEKERJAINFORMAL", "PEKERJAFORMAL", "BUKANPEKERJARENTAN", "PNS", "ASN", "TNI",
                             "POLRI", "KARYAWANTETAP", "PEGAWAI"),
    "DOMISILI_LUAR_KOTA": ("DOMISILI", "LUARKOTA", "LUARBEKASI", "PINDAH", "BUKANWARGA"),
    "USIA": ("USIA", "UMUR", "LANSIA", "DIBAWAHUMUR"),
    "MENINGGAL": ("MENINGGAL", "WAFAT", "ALMARHUM", "ALM"),
    "DATA_TIDAK_LENGKAP": ("TIDAKLENGKAP", "BELUMLENGKAP", "DATAKURANG", "BERKASKURANG", "KURANGLENGKAP",
                           "DOKUMENKURANG"),
    "TIDAK_DAPAT_DIHUBUNGI": ("TIDAKDAPATDIHUBUNGI", "TIDAKBISADIHUBUNGI", "TIDAKDITEMUKAN", "TIDAKADADITEMPAT",
                              "TIDAKADADIRUMAH"),
    "MENOLAK": ("MENOLAK", "MENGUNDURKANDIRI", "TIDAKBERSEDIA", "MUNDUR"),
}
# A code maps onto itself too (files written from the store, e.g. the demo's).
REASONS: dict[str, tuple[str, ...]] = {code: (normalise_text(code), *words) for code, words in _REASON_WORDS.items()}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NIK = re.compile(r"(?<!\d)(\d{6})\d{6}(\d{4})(?!\d)")
_NIP = re.compile(r"(?<!\d)\d{8}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[ .-]?\(?8\d{1,2}\)?(?:[ .-]?\d){6,10}(?!\d)"
                    r"|(?<![\w+])\+62(?:[ .-]?\d){7,12}(?!\d)"
                    r"|(?<!\w)\(0\d{1,3}\)[ .-]?\d{3,4}[ .-]?\d{3,5}(?!\d)"
                    r"|(?<![\w+])021[ .-]?\d{3,4}[ .-]?\d{4}(?!\d)")
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\d(?:[ .-]?\d){8,}(?!\d)")  # 9 digits or more, however grouped
# An honorific and the name after it: the first word in any case, up to two more when capitalised.
_HONORIFIC = re.compile(r"\b(?i:Bapak|Bpk|Pak|Ibu|Bu|Sdr|Sdri|Saudara|Saudari|Mbak|Mas|Bang|Kak|Hj?|Alm|Almh|A\.n)"
                        r"\.?\s+[A-Za-z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}")
_ADDRESS = re.compile(r"\b(?:Jl|Jln|Jalan|Gg|Gang|Kp|Kampung|Perum|Perumahan|Komplek|Kompleks|Blok|RT|RW|No)\b\.?"
                      r"[^,;]*", re.IGNORECASE)
REMOVED = "[dihapus]"


def reason_codes(text: pd.Series) -> pd.Series:
    """The reason code of each ALASAN (<NA> where none fits), from its distinct values."""
    return _each_distinct(text, _reason_code)


def _reason_code(value: str) -> str | None:
    key = normalise_text(value)
    if not key:
        return None
    hits = [(len(word), code) for code, words in REASONS.items() for word in words if word in key
            and (len(word) > 3 or re.search(r"\b" + word + r"\b", str(value).upper()))]
    return max(hits)[1] if hits else None


def scrub_reason(text: pd.Series) -> pd.Series:
    """Free-text reasons without anything that could identify a person (see the module's docstring)."""
    return _each_distinct(text, _scrub_reason)


def _scrub_reason(value: str) -> str:
    out = _EMAIL.sub(REMOVED, value)
    out = _NIP.sub(REMOVED, out)
    out = _DIGIT_RUN.sub(REMOVED, out)  # NIK, KPJ, phone and account numbers alike
    out = _HONORIFIC.sub(REMOVED, out)
    out = _ADDRESS.sub(REMOVED, out)
    out = re.sub(r"(?:\s*\[dihapus\][\s,;:]*)+", " " + REMOVED + " ", out)
    return re.sub(r"\s+", " ", out).strip(" ,;:")


def scrub_personal(text: pd.Series) -> pd.Series:
    """Quarantined values and messages: NIK masked, NIP, phones and e-mails replaced (names are dropped by
    column elsewhere; a KPJ of 11 digits stays, it is kept for reconciling with BPJS-TK)."""
    return _each_distinct(text.astype("str"), _scrub_personal).astype("str")


def _scrub_personal(value: str) -> str:
    out = _EMAIL.sub(REMOVED, value)
    out = _NIP.sub(REMOVED, out)
    out = _NIK.sub(r"\1******\2", out)
    return _PHONE.sub(REMOVED, out)


def _each_distinct(text: pd.Series, function) -> pd.Series:
    distinct = pd.Series(text.dropna().unique(), dtype="object")
    table = dict(zip(distinct, distinct.map(function)))
    return text.map(table).astype("string") if len(text) else text.astype("string")
