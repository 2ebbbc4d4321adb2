"""The public tables' vocabulary: Field and PublicTable, the constants every table shares, field builders."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import columns
from ..metrics.suppression import HIDDEN_MARK


TOTAL_KEY = "JUMLAH"            # the key of a table's total row
RATIO_DECIMALS = 4               # a published ratio is rounded (a float's last digits say nothing)
CITY_CODE = "32.75"
PACKAGE_NAME = "sigap-kota-bekasi"
SEX_UNKNOWN = "TIDAK_DIKETAHUI"
SOURCE = {"id": "Dinas Tenaga Kerja Kota Bekasi: data kepesertaan dan klaim BPJS Ketenagakerjaan, usulan instansi,"
                " pelatihan, pembayaran iuran dan anggaran program SIGAP.",
          "en": "Kota Bekasi Manpower Office (Disnaker): BPJS Ketenagakerjaan enrolment and claims data, agency"
                " proposals, training, premium payments and the SIGAP programme budget."}


def _i(id_text: str, en_text: str) -> dict[str, str]:
    return {"id": id_text, "en": en_text}


def _titled(name: str) -> dict[str, str]:
    """The title of an output column declared in the registry (sigap_metrics.columns), in both languages."""
    return _i(columns.label(name, "id"), columns.label(name, "en"))


@dataclass(frozen=True)
class Field:
    name: str
    type: str                    # Frictionless type: string, integer, number, date, boolean
    title: dict[str, str]
    description: dict[str, str]

    def schema(self) -> dict:
        return {"name": self.name, "type": self.type, "title": self.title["id"],
                "description": f"{self.description['id']} / {self.description['en']}"}


@dataclass(frozen=True)
class PublicTable:
    name: str                    # resource name and file stem
    title: dict[str, str]
    description: dict[str, str]
    fields: tuple[Field, ...]
    frame: pd.DataFrame

    def schema(self) -> dict:
        return {"fields": [f.schema() for f in self.fields], "missingValues": [""]}


def _mark_field(of: str) -> Field:
    return Field(of + "_tanda", "string", _i(f"Tanda {of}", f"Mark of {of}"),
                 _i(f"Kosong bila {of} ditampilkan; '{HIDDEN_MARK}' bila disembunyikan (jumlah 1 sampai 9, atau"
                    " angka yang disembunyikan agar jumlah kecil tidak dapat dihitung dari tabel lain).",
                    f"Empty when {of} is shown; '{HIDDEN_MARK}' when hidden (a count of 1 to 9, or a number hidden"
                    " so that a small count cannot be worked out from the other tables)."))


ACTIVE = Field("pekerja_aktif", "integer", _titled("pekerja_aktif"),
               _i("Pekerja berbeda dengan masa kepesertaan JKK+JKM yang mencakup tanggal data; kosong bila"
                  " disembunyikan (lihat kolom tanda).",
                  "Distinct workers with a JKK+JKM coverage period containing the data date; empty when hidden"
                  " (see the mark column)."))
AS_OF = Field("per_tanggal", "date", _i("Per tanggal", "As of"), _i("Tanggal data.", "Date of the data."))


def _key_field(name: str, id_title: str, en_title: str) -> Field:
    return Field(name, "string", _i(id_title, en_title),
                 _i(f"{id_title}; baris '{TOTAL_KEY}' adalah jumlah seluruh baris lain.",
                    f"{en_title}; the row '{TOTAL_KEY}' is the total of all other rows."))
