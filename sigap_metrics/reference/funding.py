"""Who pays a worker's premium (SUMBER_IURAN, DESIGN §4.2: APBD by default) and the words files use for it
("APBD Kota Bekasi", "CSR PT …", "DBH CHT"). Imports store the code; text that fits none is stored as LAINNYA,
so every value in the store is one the dashboard's funding-source filter offers."""
from __future__ import annotations

from .coded import Coded as FundingSource


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


def funding_name(kode: str, lang: str) -> str:
    """The funding source's name in `lang` (the code itself for a value this list does not know)."""
    found = next((f for f in FUNDING_SOURCES if f.kode == kode), None)
    return kode if found is None else found.name(lang)
