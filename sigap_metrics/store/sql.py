"""Building SQL from identifiers: only names on an allow-list, always quoted; values are always bound."""
from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def ident(name: str, allowed: frozenset[str] | set[str] | tuple[str, ...]) -> str:
    """Quote `name` as an SQL identifier after checking it is one of `allowed`."""
    if name not in allowed or not _IDENTIFIER.match(name):
        raise ValueError(f"identifier not allowed: {name!r}")
    return '"' + name + '"'


def upsert_statements(table: str, keys: tuple[str, ...], values: tuple[str, ...], staging: str,
                      allowed: frozenset[str]) -> tuple[str, str]:
    """UPDATE of changed rows matched on `keys`, then INSERT of new ones, from relation `staging`."""
    t, s = ident(table, allowed), ident(staging, allowed)
    match = " AND ".join(f"t.{ident(k, allowed)} = s.{ident(k, allowed)}" for k in keys)
    changed = " OR ".join(f"t.{ident(v, allowed)} IS DISTINCT FROM s.{ident(v, allowed)}" for v in values)
    assign = ", ".join(f"{ident(v, allowed)} = s.{ident(v, allowed)}" for v in values)
    update = f"UPDATE {t} AS t SET {assign}, import_id = ? FROM {s} AS s WHERE {match} AND ({changed})"
    columns = ", ".join(ident(c, allowed) for c in (*keys, *values))
    insert = (f"INSERT INTO {t} ({columns}, import_id) SELECT {columns}, ? FROM {s} AS s"
              f" WHERE NOT EXISTS (SELECT 1 FROM {t} AS t WHERE {match})")
    return update, insert


def scalar(con, sql: str, params: list | None = None):
    """First column of the first row. Fetches the whole result so the connection is left with none
    open (DuckDB 2 refuses register() while a result is unfinished)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None
