"""Which rows under a header are data (DESIGN §4.2, workbooks as people save them).

Not data, so not counted, not quarantined, never stored:
- blank rows (`;;;` lines included);
- a row of column numbers right under the header (1 2 3 … or (1) (2) (3) …, as printed government tables have);
- the header repeated (a printed report repeats it on every page);
- total rows: the first filled cell says JUMLAH, TOTAL, SUB TOTAL, GRAND TOTAL or REKAP(ITULASI);
- a signature block: a sparse row (few cells filled) whose first filled cell is a place-and-date line
  ("Bekasi, 28 Februari 2026"), an office title ("Kepala Dinas Sosial", "Mengetahui,", "Lurah …", "a.n."), a
  NIP line, or a note ("Catatan:", "Keterangan:", "Sumber:"), together with the sparse rows after it (the
  official's name) until the next row that looks like data;
- another table further down: from a row that is the header of another table (its cells name columns we know,
  but not the same as this header), or a sparse title row starting with REKAP, to the end of the sheet.
Everything is decided on whole columns (string operations and cumulative sums), so a million-row file costs
no Python loop per row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .header import _KNOWN
from .schemas import header_key

SPARSE_CELLS = 3  # a row with at most this many filled cells may belong to a signature block
_TOTAL = r"^(?:SUB[ .-]*TOTAL|GRAND[ .-]*TOTAL|TOTAL|JUMLAH|REKAP|REKAPITULASI)\b"
_PLACE_AND_DATE = (r"^[A-Z][A-Z .'()-]{1,40},[ \u00a0]*(?:TANGGAL|TGL\.?)?[ \u00a0]*[0-9]{1,2}[ \u00a0./-]*"
                   r"[A-Z0-9]{1,10}[ \u00a0./-]*[0-9]{4}\b")
_OFFICE = (r"^(?:MENGETAHUI|DISETUJUI|DIBUAT|DISUSUN|DIPERIKSA|DITETAPKAN|YANG MEMBUAT|YANG MENYERAHKAN|YANG MENERIMA|"
           r"KEPALA|SEKRETARIS|CAMAT|LURAH|KASI|KABID|KASUBAG|KASUBBAG|PLT|PLH|A[ .]?N[ .]|U[ .]?B[ .]|PETUGAS|"
           r"OPERATOR|PENGELOLA|VERIFIKATOR|PEMBINA|PENATA|NIP\b|NIP\.|TTD|TERTANDA|PADA TANGGAL|CATATAN|"
           r"KETERANGAN *:|SUMBER *:|KET *:)")
_COLUMN_NUMBER = r"^\(?[0-9]{1,2}\)?$"


@dataclass(frozen=True)
class Body:
    """The data rows under a header and what was set aside (counted per reason, for the import report)."""
    rows: pd.DataFrame
    row_numbers: np.ndarray
    skipped: dict[str, int] = field(default_factory=dict)  # reason → rows: total, signature, header, other_table…


def data_rows(body: pd.DataFrame, row_numbers: np.ndarray, header: tuple[str, ...]) -> Body:
    """The rows of `body` (the cells under the header, as text) that hold data, with their row numbers."""
    if body.empty:
        return Body(body, row_numbers, {})
    cells = pd.DataFrame({c: _strip(body[c]) for c in body.columns}, index=body.index)
    filled = cells.ne("")
    count = filled.sum(axis=1).to_numpy()
    blank = count == 0
    first = _first_filled(cells, filled).str.upper().str.replace("\u00a0", " ", regex=False)
    sparse = count <= SPARSE_CELLS
    # Labels are looked at only where the first filled cell is a word (not a number): cheap on big files.
    worded = first.str.match(r"[^0-9]").fillna(False).to_numpy(dtype=bool) & ~blank
    total = np.zeros(len(cells), dtype=bool)
    marker = np.zeros(len(cells), dtype=bool)
    if worded.any():
        labels = first[worded]
        total[worded] = labels.str.contains(_TOTAL, regex=True).fillna(False).to_numpy(dtype=bool)
        signs = worded & sparse
        labels = first[signs]
        marker[signs] = (labels.str.contains(_PLACE_AND_DATE, regex=True).fillna(False).to_numpy(dtype=bool)
                         | labels.str.contains(_OFFICE, regex=True).fillna(False).to_numpy(dtype=bool))
    # A signature block: from a marker, the sparse (or blank) rows that follow, until a row that looks like data.
    dense = ~(sparse | blank)
    segment = np.cumsum(dense)
    signature = pd.Series(marker).groupby(segment).cummax().to_numpy() & ~dense
    keys = cells.apply(_keys)
    names = [header_key(h) for h in header][:cells.shape[1]]
    same = np.zeros(len(cells), dtype=bool)
    named = [i for i, h in enumerate(names) if h]
    if named:
        matches = sum(keys.iloc[:, i].eq(names[i]).to_numpy() for i in named)
        same = matches >= max(2, (len(named) + 1) // 2)
    known = keys.isin(_KNOWN).sum(axis=1).to_numpy()
    # A title row "REKAP …" (few cells) announces a summary table below: from there on, nothing is data.
    summary_title = sparse & first.str.match(r"(?i)REKAP").fillna(False).to_numpy(dtype=bool)
    other_header = ((known >= 2) & ~same) | summary_title
    other_table = np.cumsum(other_header) > 0
    numbering = np.zeros(len(cells), dtype=bool)
    numbering[0] = _column_numbers(cells.iloc[0], filled.iloc[0])
    skipped_as = {"other_table": other_table & ~blank, "header": same & ~other_table,
                  "total": total & ~other_table & ~same, "signature": signature & ~other_table & ~same & ~total,
                  "numbering": numbering}
    drop = blank.copy()
    skipped = {}
    for reason, mask in skipped_as.items():
        mask = mask & ~drop
        if mask.any():
            skipped[reason] = int(mask.sum())
        drop |= mask
    keep = ~drop
    return Body(body[keep].reset_index(drop=True), np.asarray(row_numbers)[keep], skipped)


def _first_filled(cells: pd.DataFrame, filled: pd.DataFrame) -> pd.Series:
    """The leftmost filled cell of each row ("" for a blank row), column by column from the right."""
    first = pd.Series("", index=cells.index, dtype="str")
    for column in reversed(cells.columns):
        first = cells[column].where(filled[column], first)
    return first.reset_index(drop=True)


def _strip(column: pd.Series) -> pd.Series:
    array = pa.array(column.astype("str"), type=pa.large_string(), from_pandas=True)
    return pd.Series(pc.utf8_trim_whitespace(pc.fill_null(array, "")), index=column.index, dtype="str")


def _keys(column: pd.Series) -> pd.Series:
    """schemas.header_key on a whole column, computed on its distinct values in Arrow; "" for cells that cannot
    be a header (no header we know holds a digit or is long), which keeps columns of NIKs and dates cheap."""
    text = column.astype("str")
    candidate = text.str.fullmatch(r"[^0-9]{1,60}").fillna(False).to_numpy(dtype=bool)
    if not candidate.any():
        return pd.Series("", index=column.index, dtype="str")
    distinct = pd.unique(text[candidate])
    cleaned = pc.replace_substring_regex(pa.array(distinct, type=pa.large_string()), "\ufeff", "")
    keys = pc.utf8_upper(pc.replace_substring_regex(cleaned, r"[\s_./\\-]+", "")).to_numpy(zero_copy_only=False)
    codes = pd.Categorical(text.where(candidate), categories=distinct).codes  # -1: not a candidate
    return pd.Series(np.append(keys.astype(object), "")[codes], index=column.index, dtype="str")


def _column_numbers(row: pd.Series, filled: pd.Series) -> bool:
    """A row of column numbers: 1 2 3 … (or (1) (2) …) in the filled cells, at least three of them."""
    values = [v for v, f in zip(row, filled) if f]
    if len(values) < 3 or not all(re.fullmatch(_COLUMN_NUMBER, v) for v in values):
        return False
    numbers = [int(v.strip("()")) for v in values]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
