"""Finding the header row of a file and the kind of data it holds; refusing files that lack columns."""
from __future__ import annotations

import pandas as pd

from .messages import FileRefused
from .read import MAX_HEADER_SEARCH, RawTable
from .schemas import SCHEMAS, Schema, expected_columns, header_score, match_headers


def locate_header(table: RawTable, kind: str | None) -> tuple[str, int]:
    """(kind, position of the header row): the row among the first ones that names most columns of a kind.
    Refuses when the kind cannot be recognised or required columns are missing."""
    candidates = table.rows.head(MAX_HEADER_SEARCH)
    kinds = [kind] if kind else list(SCHEMAS)
    best: tuple | None = None
    for position in range(len(candidates)):
        headers = list(candidates.iloc[position])
        for k in kinds:
            required, total = header_score(k, headers)
            complete = required == _required_count(SCHEMAS[k])
            score = (complete, required, total)
            if total and (best is None or score > best[0]):
                best = (score, k, position)
    if best is None:
        if kind:
            raise FileRefused("HEADER_TIDAK_DITEMUKAN", rows=MAX_HEADER_SEARCH, kind=kind,
                              expected=expected_columns(kind), other=_other_kind(candidates, kind))
        raise FileRefused("JENIS_TIDAK_DIKENAL", found=_header_preview(candidates), kinds=", ".join(SCHEMAS))
    (complete, _required, _total), found_kind, position = best
    if not complete:
        headers = list(candidates.iloc[position])
        if not kind:
            raise FileRefused("JENIS_TIDAK_DIKENAL", found=_header_preview(candidates.iloc[[position]]),
                              kinds=", ".join(SCHEMAS))
        _refuse_missing(kind, headers)
    return found_kind, position


def _required_count(schema: Schema) -> int:
    return len(schema.required_headers) + (1 if schema.any_of else 0)


def _header_preview(rows: pd.DataFrame) -> str:
    cells = [str(v) for v in rows.iloc[0] if str(v).strip()] if len(rows) else []
    return ", ".join(cells[:12]) or "-"


def _refuse_missing(kind: str, headers: list[str]) -> None:
    schema = SCHEMAS[kind]
    found, _unknown, _dups = match_headers(kind, headers)
    missing = [h for h in schema.required_headers if h not in found]
    if schema.any_of and not any(h in found for h in schema.any_of):
        missing.append(" atau ".join(schema.any_of))
    raise FileRefused("KOLOM_WAJIB_HILANG", missing=", ".join(missing), kind=kind, expected=expected_columns(kind),
                      other=_other_kind(pd.DataFrame([headers]), kind))


def _other_kind(candidates: pd.DataFrame, kind: str) -> str:
    """Another kind whose complete header is in one of these rows ("" when none): the file was probably
    imported as the wrong kind."""
    for position in range(len(candidates)):
        headers = list(candidates.iloc[position])
        for other in SCHEMAS:
            if other != kind and header_score(other, headers)[0] == _required_count(SCHEMAS[other]):
                return other
    return ""


def detect_kind(table: RawTable) -> str:
    """The kind whose required columns a file's header holds (refuses when none fits)."""
    return locate_header(table, None)[0]
