"""The public tables as people read them: cells as text, localised frames for pages, charts and the site."""
from __future__ import annotations

import pandas as pd

from .. import catalogue, columns
from .fields import TOTAL_KEY, PublicTable



# --- for display ---------------------------------------------------------------------------------------

def cell_text(value, mark: str, unit: str, lang: str = "id") -> str:
    """A published value as text: its mark when hidden, else formatted for `lang`."""
    if mark:
        return mark
    return catalogue.format_value(None if value is None or pd.isna(value) else value, unit, lang)


def headline(table: PublicTable, key: str, lang: str = "id") -> tuple[str, str]:
    """(label, text) of one headline indicator of the `ringkasan` table."""
    row = table.frame.set_index("indikator").loc[key]
    label = row["nama"] if lang == "id" else row["name_en"]
    return label, cell_text(row["nilai"], row["tanda"], row["satuan"], lang)


# Columns shown formatted by their unit in the output-column registry (sigap_metrics.columns); others as text.
FORMATTED = ("penduduk", "pekerja_aktif", "klaim_dibayar", "manfaat_rp", "target_peserta", "capaian_pct", "pagu_rp",
             "iuran_rp", "realisasi_pct", "per_1000_penduduk", "tgl_mulai", "tgl_akhir", "tanggal", "per_tanggal")


EN_TWIN = {"nama": "name_en", "deskripsi": "description_en", "rumus": "formula_en"}


def display_frame(table: PublicTable, lang: str = "id") -> pd.DataFrame:
    """The table as text for the screen: hidden cells show their mark, numbers and dates formatted for
    `lang`, mark columns folded into their values, text in `lang`, headers in `lang`."""
    frame = table.frame
    titles = {f.name: f.title.get(lang) or f.title["id"] for f in table.fields}
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        twin = EN_TWIN.get(column)
        if column == "per_tanggal" or column.endswith("_tanda") or column in EN_TWIN.values() \
                or (column == "kode" and "nama" in frame.columns):
            continue
        source = twin if lang == "en" and twin in frame.columns else column
        if column not in FORMATTED:
            out[titles[column]] = frame[source].astype(str)
            continue
        marks = frame[column + "_tanda"] if column + "_tanda" in frame.columns else [""] * len(frame)
        show = columns.formatter(column, lang)
        out[titles[column]] = [m or show(v) for v, m in zip(frame[column], marks)]
    return out.reset_index(drop=True)


def chart_frame(table: PublicTable, lang: str = "id") -> pd.DataFrame:
    """Rows of a one-way table that can be drawn (no total row, no hidden value): two columns, the group's
    name and the active workers, headed with their titles in `lang`."""
    frame = table.frame[(table.frame["kode"] != TOTAL_KEY) & (table.frame["pekerja_aktif_tanda"] == "")]
    names = frame["name_en"] if lang == "en" and "name_en" in frame.columns else frame["nama"]
    titles = {f.name: f.title.get(lang) or f.title["id"] for f in table.fields}
    return pd.DataFrame({titles["nama"]: names.to_numpy(),
                         titles["pekerja_aktif"]: frame["pekerja_aktif"].astype("int64").to_numpy()})


def trend_frame(table: PublicTable, lang: str = "id") -> pd.DataFrame:
    """The month-end series with display headers (hidden points left out)."""
    frame = table.frame[table.frame["pekerja_aktif_tanda"] == ""]
    titles = {f.name: f.title.get(lang) or f.title["id"] for f in table.fields}
    return pd.DataFrame({titles["tanggal"]: frame["tanggal"].to_numpy(),
                         titles["pekerja_aktif"]: frame["pekerja_aktif"].astype("int64").to_numpy(),
                         titles["target_peserta"]: frame["target_peserta"].astype("Float64").to_numpy()})
