"""Tiny stores for release tests, filled the way an operator would (CSV files through the real importer),
and an outsider's reading of a release (its open-data CSV files)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from sigap_metrics.importers.commands import import_command
from sigap_metrics.store import connect

AREAS = {"01": ("Bekasi Timur", "Margahayu"), "02": ("Bekasi Barat", "Kranji"), "03": ("Bekasi Utara", "Perwira"),
         "04": ("Bekasi Selatan", "Margajaya"), "08": ("Pondok Gede", "Jatiwaringin")}
SECTOR_TEXT = {"OJOL": "ojol", "PKL": "pedagang kaki lima", "PEMULUNG": "pemulung", "KULI": "kuli bangunan"}
PHASE = ("TAHAP2026", "Tahun 2026", "2026-01-01", "2026-12-31", "100", "20000000")


def nik(sex: str, serial: int) -> str:
    """A valid Kota Bekasi NIK: born 12 May 1985 (day + 40 for a woman), serial 0001.."""
    day = 12 + (40 if sex == "P" else 0)
    return f"327508{day:02d}0585{serial:04d}"


def write_peserta(path: Path, workers: list[tuple], first_serial: int = 1) -> Path:
    """workers: (sex L/P, kecamatan code NN, sector code, start YYYY-MM-DD, end YYYY-MM-DD)."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["NIK", "KPJ", "JENIS_KELAMIN", "KECAMATAN", "KELURAHAN", "PEKERJAAN", "TGL_MULAI", "TGL_AKHIR"])
        for i, (sex, area, sector, start, end) in enumerate(workers, start=first_serial):
            kecamatan, kelurahan = AREAS[area]
            out.writerow([nik(sex, i), f"{25000000000 + i}", sex, kecamatan, kelurahan, SECTOR_TEXT[sector], start, end])
    return path


def tiny_store(path: Path, workers: list[tuple]) -> Path:
    """A real store file with one 2026 phase and `workers` imported through the importer."""
    connect(path).close()
    folder = path.parent
    budget = folder / "anggaran.csv"
    budget.write_text("TAHAP,NAMA_TAHAP,TGL_MULAI,TGL_AKHIR,TARGET_PESERTA,PAGU\n" + ",".join(PHASE) + "\n",
                      encoding="utf-8")
    assert import_command(path, "anggaran", budget, "test") == 0
    assert import_command(path, "peserta", write_peserta(folder / "peserta.csv", workers), "test") == 0
    return path


def outsider_tables(files: dict[str, bytes]) -> dict[str, pd.DataFrame]:
    """What anyone downloading the open data reads: every CSV as text cells ('' for an empty cell)."""
    return {name[:-4]: pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
            for name, content in files.items() if name.endswith(".csv")}


def descriptor(files: dict[str, bytes]) -> dict:
    return json.loads(files["datapackage.json"])
