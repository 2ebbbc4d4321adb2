"""A coded value of the programme's lists (sector, proposing agency, funding source): its code, its names in
both languages and the words files use for it (normalised by names.normalise_text)."""
from __future__ import annotations

from typing import NamedTuple


class Coded(NamedTuple):
    kode: str
    nama_id: str
    nama_en: str
    synonyms: tuple[str, ...]  # normalised words (letters and digits only, upper case)

    def name(self, lang: str) -> str:
        return self.nama_id if lang == "id" else self.nama_en
