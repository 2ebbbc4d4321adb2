"""Breakdowns of active coverage by any dimension, the sector × kecamatan table, and labels for codes."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from . import derived
from .coverage import lapsed_workers, new_workers
from .filters import AGE_BANDS, DIMENSIONS, NO_FILTERS, Filters, dimension, month_end, month_start
from .query import aggregate, pct_column

_ACTIVE = "SELECT * FROM cakupan WHERE milik_mulai <= ? AND tgl_akhir >= ?"
SEXES = ("L", "P")
DESIL_RANGE = tuple(range(1, 11))


def domain(con: duckdb.DuckDBPyConnection, by: str) -> list:
    """The values a dimension can take (codes), in display order; for agency and funding source, the values
    present in the data."""
    dimension(by)
    if by in ("kecamatan", "kelurahan"):
        return [row[0] for row in con.execute("SELECT kode FROM " + ("kecamatan" if by == "kecamatan" else "kelurahan")
                                              + " ORDER BY kode").fetchall()]
    if by == "sektor":
        return [row[0] for row in con.execute("SELECT kode FROM sektor").fetchall()]
    if by == "jenis_kelamin":
        return list(SEXES)
    if by == "kelompok_umur":
        return [band for band, _, _ in AGE_BANDS]
    if by == "desil":
        return list(DESIL_RANGE)
    column = "sumber_iuran" if by == "sumber_iuran" else "sumber_usulan"
    return [row[0] for row in con.execute("SELECT DISTINCT " + column + " FROM kepesertaan WHERE " + column
                                          + " IS NOT NULL ORDER BY 1").fetchall()]


def labels(con: duckdb.DuckDBPyConnection, by: str, lang: str = "id") -> dict:
    """Readable names for a dimension's codes (kecamatan and kelurahan names, sector names in `lang`)."""
    dimension(by)
    if by in ("kecamatan", "kelurahan"):
        table = "kecamatan" if by == "kecamatan" else "kelurahan"
        return dict(con.execute("SELECT kode, nama FROM " + table).fetchall())
    if by == "sektor":
        name = "nama_en" if lang == "en" else "nama_id"
        return dict(con.execute("SELECT kode, " + name + " FROM sektor").fetchall())
    if by == "jenis_kelamin":
        return {"L": "Laki-laki", "P": "Perempuan"} if lang != "en" else {"L": "Male", "P": "Female"}
    if by == "desil":
        return {d: f"Desil {d}" if lang != "en" else f"Decile {d}" for d in DESIL_RANGE}
    return {value: value for value in domain(con, by)}


def _complete(frame: pd.DataFrame, keys: list[str], values: list[list], counts: list[str]) -> pd.DataFrame:
    """Every combination of the keys' values (plus any others present, e.g. missing values), zeros filled."""
    grid = pd.MultiIndex.from_product(values, names=keys).to_frame(index=False)
    for key in keys:
        if frame[key].dtype != grid[key].dtype:
            grid[key] = grid[key].astype(frame[key].dtype) if len(frame) else grid[key]
    merged = grid.merge(frame, on=keys, how="outer")
    for column in counts:
        merged[column] = merged[column].fillna(0).astype("int64")
    return merged


def breakdown(con: duckdb.DuckDBPyConnection, as_of: dt.date, by: str, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row per value of dimension `by` (all of them, zeros included; missing values as an empty key):
    active workers on `as_of` (`aktif`), share of all active (`persen`), new and lapsed in as_of's month
    up to as_of (`baru_bulan_ini`, `berhenti_bulan_ini`)."""
    prefix, prefix_params = derived.with_clause(con)
    active = aggregate(con, _ACTIVE, [as_of, as_of], "count(*) AS aktif", filters=filters, by=by, ref_date=as_of,
                       prefix=prefix, prefix_params=prefix_params)
    first = month_start(as_of)
    new = new_workers(con, first, as_of, filters, by)
    lapsed = lapsed_workers(con, first, month_end(as_of), as_of, filters, by)
    table = active.merge(new, on=by, how="outer").merge(lapsed, on=by, how="outer")
    table = _complete(table, [by], [domain(con, by)], ["aktif", "baru", "berhenti"])
    table = table.rename(columns={"baru": "baru_bulan_ini", "berhenti": "berhenti_bulan_ini"})
    table["persen"] = pct_column(table["aktif"], pd.Series([table["aktif"].sum()] * len(table), index=table.index))
    return table[[by, "aktif", "persen", "baru_bulan_ini", "berhenti_bulan_ini"]]


def crosstab(con: duckdb.DuckDBPyConnection, as_of: dt.date, rows: str = "sektor", cols: str = "kecamatan",
             filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """Active workers on `as_of` for every combination of two dimensions, tidy (`rows`, `cols`, `aktif`),
    zeros included: the sector × kecamatan heat map by default."""
    if rows == cols:
        raise ValueError("a cross table needs two different dimensions")
    for key in (rows, cols):
        if key not in DIMENSIONS:
            dimension(key)
    prefix, prefix_params = derived.with_clause(con)
    frame = aggregate(con, _ACTIVE, [as_of, as_of], "count(*) AS aktif", filters=filters, by=(rows, cols),
                      ref_date=as_of, prefix=prefix, prefix_params=prefix_params)
    return _complete(frame, [rows, cols], [domain(con, rows), domain(con, cols)], ["aktif"]).sort_values(
        [rows, cols], na_position="last", ignore_index=True)
