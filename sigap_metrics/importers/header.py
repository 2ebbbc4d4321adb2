"""Finding the data in a file: the sheet of a workbook, the header row (one row, or two when a merged title
cell sits above its sub-columns), and the kind of data; refusing files that lack columns."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .messages import FileRefused
from .read import MAX_HEADER_SEARCH, RawTable
from .schemas import SCHEMAS, Schema, expected_columns, header_key, header_score, match_headers

# Every header any kind knows (aliases included), to tell a header cell from a value.
_KNOWN = frozenset(header_key(name) for schema in SCHEMAS.values() for f in schema.fields for name in f.names)


def _by_ending() -> dict[str, str]:
    """A sub-column's own word → the one field header that ends with it ("MULAI" → TGL_MULAI: under a group
    "Masa Kepesertaan", MULAI | AKHIR are the coverage dates); words that end several fields are left out."""
    endings: dict[str, set[str]] = {}
    for schema in SCHEMAS.values():
        for f in schema.fields:
            if f.parser != "date":  # a group header stands over dates (Tanggal, Masa Kepesertaan): MULAI | AKHIR
                continue
            for name in f.names:
                words = name.split("_")
                for i in range(1, len(words)):
                    endings.setdefault(header_key("_".join(words[i:])), set()).add(f.header)
    return {word: next(iter(fields)) for word, fields in endings.items() if len(fields) == 1 and word not in _KNOWN}


_BY_ENDING = _by_ending()


@dataclass(frozen=True)
class Header:
    """Where a file's header is: its kind, the position of its first row in RawTable.rows, how many rows it
    spans (2 when a merged cell above names a group: TANGGAL over MULAI | AKHIR) and the column names."""
    kind: str
    position: int
    span: int
    names: tuple[str, ...]

    @property
    def body_start(self) -> int:
        return self.position + self.span


@dataclass(frozen=True)
class SheetChoice:
    """Which sheet of a workbook was read and why (shown in the import report and stored in import_log)."""
    sheet: str
    how: str                                   # "chosen" (asked for), "only" (one sheet) or "best" (best header)
    kind: str | None                           # kind whose header the sheet matched best
    found: int                                 # columns of that kind recognised in its header
    others: tuple[tuple[str, int], ...] = ()   # the other sheets and their recognised columns


def header_rows(rows: pd.DataFrame, position: int, span: int) -> list[str]:
    """Column names of a header of one row, or of two rows combined (see _combine)."""
    top = [str(v) for v in rows.iloc[position]]
    if span == 1:
        return top
    return _combine(top, [str(v) for v in rows.iloc[position + 1]])


def _combine(top: list[str], below: list[str]) -> list[str]:
    """Two header rows as one: a merged cell's text is in its first column only, so a blank above a named
    sub-column takes the group name from its left; each column then uses "group sub", "sub" or "group",
    whichever is a header we know (TANGGAL + MULAI → TANGGAL MULAI; WILAYAH + KECAMATAN → KECAMATAN)."""
    filled, group = [], ""
    for upper, lower in zip(top, below):
        if upper.strip():
            group = upper
        filled.append(upper if upper.strip() else (group if lower.strip() else ""))
    names = []
    for upper, lower in zip(filled, below):
        options = [f"{upper} {lower}".strip(), lower, upper]
        known = next((o for o in options if o.strip() and header_key(o) in _KNOWN), None)
        if known is None and upper.strip() and header_key(lower) in _BY_ENDING:
            known = _BY_ENDING[header_key(lower)]  # "Masa Kepesertaan" over "Mulai" → TGL_MULAI
        names.append(known or lower or upper)
    return names


def locate_header(table: RawTable, kind: str | None) -> Header:
    """The header among the first rows that names most columns of a kind (one row, or two rows combined).
    Refuses when the kind cannot be recognised or required columns are missing."""
    candidates = table.rows.head(MAX_HEADER_SEARCH)
    kinds = [kind] if kind else list(SCHEMAS)
    best = _best_header(candidates, kinds)
    if best is None:
        if kind:
            raise FileRefused("HEADER_TIDAK_DITEMUKAN", rows=MAX_HEADER_SEARCH, kind=kind,
                              expected=expected_columns(kind), other=_other_kind(candidates, kind))
        raise FileRefused("JENIS_TIDAK_DIKENAL", found=_header_preview(candidates), kinds=", ".join(SCHEMAS))
    (complete, _required, _total), _single, found_kind, position, span = best
    names = header_rows(candidates, position, span)
    if not complete:
        if not kind:
            raise FileRefused("JENIS_TIDAK_DIKENAL", found=_header_preview(pd.DataFrame([names])),
                              kinds=", ".join(SCHEMAS))
        _refuse_missing(kind, names)
    return Header(found_kind, position, span, tuple(names))


def _best_header(candidates: pd.DataFrame, kinds: list[str]) -> tuple | None:
    best: tuple | None = None
    for position in range(len(candidates)):
        for span in (1, 2):
            if position + span > len(candidates):
                continue
            headers = header_rows(candidates, position, span)
            for k in kinds:
                required, total = header_score(k, headers)
                score = (required == _required_count(SCHEMAS[k]), required, total)
                # Equal scores: the earlier row wins, and one row wins over two (a title above the header).
                key = (score, span == 1)
                if total and (best is None or key > (best[0], best[1])):
                    best = (score, span == 1, k, position, span)
    return best


def choose_sheet(book, kind: str | None = None, wanted: str | None = None) -> tuple[str, SheetChoice]:
    """The sheet of a workbook (read.Workbook) to read: `wanted` when given, else the one whose header matches
    the kind best (all kinds when None); visible sheets and earlier sheets win ties."""
    names = book.sheet_names
    if wanted is not None:
        if wanted not in names:
            raise FileRefused("LEMBAR_TIDAK_ADA", sheet=wanted, sheets=", ".join(f'"{n}"' for n in names))
        return wanted, SheetChoice(wanted, "chosen", kind, _sheet_score(book, wanted, kind)[2])
    kinds = [kind] if kind else list(SCHEMAS)
    scored = []
    for order, name in enumerate(names):
        best = _best_header(book.head(name).rows.head(MAX_HEADER_SEARCH), kinds)
        score = best[0] if best else (False, 0, 0)
        scored.append(((score, not book.hidden(name), -order), name, best[2] if best else kind))
    (score, _visible, _order), name, found_kind = max(scored)
    others = tuple((n, s[0][2]) for s, n, _k in scored if n != name)
    how = "only" if len(names) == 1 else "best"
    return name, SheetChoice(name, how, found_kind, score[2], others)


def _sheet_score(book, name: str, kind: str | None) -> tuple:
    best = _best_header(book.head(name).rows.head(MAX_HEADER_SEARCH), [kind] if kind else list(SCHEMAS))
    return best[0] if best else (False, 0, 0)


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
    return locate_header(table, None).kind
