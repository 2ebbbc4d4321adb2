"""What the dashboard pages need beyond the catalogue's indicators: the same numbers, cut to what a page
shows (the map's areas, the stored boundary polygons). Thin, tested wrappers over the metric functions."""
from __future__ import annotations

import datetime as dt
import json

import duckdb
import pandas as pd

from .coverage import LEVELS, area_coverage
from .filters import NO_FILTERS, Filters


def boundary_features(con: duckdb.DuckDBPyConnection, level: str, codes: tuple[str, ...] | None = None) -> list[dict]:
    """The stored boundary polygons of a level (GeoJSON features with property `kode`) in code order, only
    those of `codes` when given; [] when no boundary file was loaded for that level."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose one of {LEVELS}")
    rows = con.execute("SELECT kode, geojson FROM batas_wilayah WHERE level = ? ORDER BY kode", [level]).fetchall()
    wanted = None if codes is None else set(codes)
    return [json.loads(text) for kode, text in rows if wanted is None or kode in wanted]


def map_areas(con: duckdb.DuckDBPyConnection, as_of: dt.date, level: str = "kecamatan",
              filters: Filters = NO_FILTERS, within: str | None = None) -> pd.DataFrame:
    """The map's rows: `area_coverage` of every area of `level`, restricted to the kelurahan of kecamatan
    `within` (a drill-down) or, when the view is filtered by kecamatan, to those kecamatan and their kelurahan.
    Adds `kecamatan_kode` for kecamatan rows too, so both levels have it."""
    table = area_coverage(con, as_of, level, filters)
    if "kecamatan_kode" not in table.columns:
        table.insert(2, "kecamatan_kode", table["kode"])
    keep = (within,) if within else filters.kecamatan
    if keep:
        table = table[table["kecamatan_kode"].isin(keep)]
    return table.reset_index(drop=True)
