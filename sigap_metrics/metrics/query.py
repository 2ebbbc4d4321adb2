"""The one way metric modules turn a relation of rows into a filtered, optionally broken-down count.

A relation is SQL text (a constant written beside the metric, reading the derived relations) whose rows
carry the attribute columns the dimensions read (see filters.py); it is aliased `k`. Identifiers come from
DIMENSIONS (an allow-list); every value is a bound parameter.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from ..store.sql import ident
from .filters import DIMENSIONS, Filters, dimension

def aggregate(con: duckdb.DuckDBPyConnection, relation: str, relation_params: list, measures: str, *,
              filters: Filters, by: str | tuple[str, ...] | None, ref_date: dt.date,
              measure_params: list | None = None, prefix: str = "", prefix_params: list | None = None) -> pd.DataFrame:
    """[prefix] SELECT [<by> ,] measures FROM (relation) AS k WHERE <filters> [GROUP BY <by>]. `prefix` is
    a WITH clause the relation may refer to; `by` is one dimension or several.

    Ages (kelompok_umur) are taken at `ref_date`. Without `by` the result has exactly one row.
    """
    keys = (by,) if isinstance(by, str) else tuple(by or ())
    dims = [dimension(key) for key in keys]
    where, filter_params = filters.sql(ref_date)
    select = "".join(d.sql + " AS " + ident(key, DIMENSIONS) + ", " for key, d in zip(keys, dims))
    positions = ", ".join(str(i + 1) for i in range(len(keys)))
    sql = (prefix + "SELECT " + select + measures + " FROM (" + relation + ") AS k WHERE TRUE" + where
           + (" GROUP BY " + positions + " ORDER BY " + positions + " NULLS LAST" if keys else ""))
    dim_params = [value for d in dims for value in d.params(ref_date)]
    params = (prefix_params or []) + dim_params + (measure_params or []) + relation_params + filter_params
    return con.execute(sql, params).df()


def profile_order(ref: str) -> str:
    """ORDER BY items ranking a worker's coverage periods (alias k) for an event on date expression `ref`:
    the earliest-starting period covering it, else the latest started before it, else the first one."""
    covers = "(k.tgl_mulai <= " + ref + " AND k.tgl_akhir >= " + ref + ")"
    return (covers + " DESC NULLS LAST, CASE WHEN " + covers + " THEN k.tgl_mulai END ASC NULLS LAST,"
            " (k.tgl_mulai <= " + ref + ") DESC NULLS LAST, CASE WHEN k.tgl_mulai <= " + ref
            + " THEN k.tgl_mulai END DESC NULLS LAST, k.tgl_mulai ASC NULLS LAST")


def filtered(relation: str, relation_params: list, columns: str, *, filters: Filters, by: str | None,
             ref_date: dt.date) -> tuple[str, list]:
    """(SQL, params) of the relation's rows after filters, with columns `columns` and the breakdown as `grp`
    (NULL without one): to be nested inside a larger query."""
    dim = dimension(by) if by is not None else None
    where, filter_params = filters.sql(ref_date)
    sql = ("SELECT " + columns + ", " + (dim.sql if dim else "NULL") + " AS grp FROM (" + relation + ") AS k"
           " WHERE TRUE" + where)
    return sql, (dim.params(ref_date) if dim else []) + relation_params + filter_params


def dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Date columns as datetime.date objects (None when missing), the form every metric returns."""
    for column in columns:
        values = pd.to_datetime(frame[column])
        frame[column] = pd.Series([None if pd.isna(v) else v.date() for v in values], index=frame.index,
                                  dtype="object")
    return frame


def pct(numerator, denominator, decimals: int = 2):
    """numerator ÷ denominator × 100, rounded; None when the denominator is 0 or missing."""
    if denominator is None or pd.isna(denominator) or denominator == 0 or numerator is None or pd.isna(numerator):
        return None
    return round(float(numerator) / float(denominator) * 100, decimals)


def pct_column(numerator: pd.Series, denominator: pd.Series, decimals: int = 2) -> pd.Series:
    """Column-wise pct(); NaN where the denominator is 0."""
    num = numerator.astype("float64")
    den = denominator.astype("float64")
    return (num / den.where(den != 0) * 100).round(decimals)
