"""Who pays a worker's premium (SUMBER_IURAN, DESIGN §4.2: APBD by default) and the words files use for it
("APBD Kota Bekasi", "CSR PT …", "DBH CHT"). Imports store the code; text that fits none is stored as LAINNYA,
so every value in the store is one the dashboard's funding-source filter offers."""
from __future__ import annotations

from typing import NamedTuple

from .names import normalise_text


class FundingSource(NamedTuple):
    kode: str
    nama_id: str
    nama_en: str
    synonyms: tuple[str, ...]  # normalised words (letters and digits only, upper case)


FUNDING_SOURCES: tuple[FundingSource, ...] = (
    FundingSource("APBD", "APBD Kota Bekasi", "City budget (APBD)",
                  ("APBD", "APBDKOTA", "APBDKOTABEKASI", "PEMKOT", "PEMKOTBEKASI", "PEMERINTAHKOTA")),
    FundingSource("APBD_PROV", "APBD Provinsi Jawa Barat", "West Java provincial budget",
                  ("APBDPROV", "APBDPROVINSI", "APBDJABAR", "APBDPROVJABAR", "PEMPROV", "PEMPROVJABAR", "BANPROV")),
    FundingSource("DBHCHT", "DBH Cukai Hasil Tembakau", "Tobacco excise revenue share (DBH CHT)",
                  ("DBHCHT", "DBHCT", "CUKAI", "CUKAIHASILTEMBAKAU", "DANABAGIHASILCUKAI")),
    FundingSource("CSR", "CSR / TJSL perusahaan", "Company CSR",
                  ("CSR", "TJSL", "TANGGUNGJAWABSOSIAL", "CORPORATESOCIALRESPONSIBILITY")),
    FundingSource("BAZNAS", "BAZNAS / lembaga zakat", "BAZNAS or zakat agency",
                  ("BAZNAS", "ZAKAT", "LAZ", "LAZIS", "LAZISNU", "LAZISMU")),
    FundingSource("LAINNYA", "Lainnya", "Other", ("LAINNYA", "LAIN", "LAINLAIN")),
)
FUNDING_CODES: tuple[str, ...] = tuple(f.kode for f in FUNDING_SOURCES)
_ALIASES = {word: f.kode for f in FUNDING_SOURCES for word in (f.kode.replace("_", ""), *f.synonyms)}


def funding_name(kode: str, lang: str) -> str:
    """The funding source's name in `lang` (the code itself for a value this list does not know)."""
    found = next((f for f in FUNDING_SOURCES if f.kode == kode), None)
    return kode if found is None else (found.nama_id if lang == "id" else found.nama_en)


def match_funding(value: str) -> str | None:
    """The funding-source code for the text a file writes; None when nothing fits (the caller records LAINNYA).
    Exact words first, then the longest known word inside the text ("APBD PROV JABAR" → APBD_PROV, not APBD);
    three-letter words (CSR, LAZ) only at the start."""
    key = normalise_text(value)
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    hits = [(len(word), code) for word, code in _ALIASES.items()
            if (len(word) >= 4 and word in key) or (len(word) == 3 and key.startswith(word))]
    return max(hits)[1] if hits else None
