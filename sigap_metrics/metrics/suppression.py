"""Disclosure control for published tables (DESIGN §6).

Primary suppression: a count from 1 to 9 is shown as "<10" and the money of that group is hidden.
Complementary suppression: more cells are hidden (shown as "x") until no hidden cell can be worked out
exactly from what is shown, for one-way tables (groups + total) and two-way tables (cells + row, column
and grand totals).

What a reader knows: every shown number; that a "<10" count lies in 1..9; that an "x" count is not 0 and not
1..9 (zeros are shown, small counts would read "<10"), so at least 10; that hidden money is ≥ 0. A hidden
cell is safe when another table consistent with all of that gives it a different value.

How it is checked: write the table with its totals as an (R+1) × (C+1) grid whose totals enter negated,
so every row and column of the grid sums to zero. Tables consistent with what is shown differ from the
true one by moves along cycles of hidden cells (+1, −1 alternately around rows and columns). A hidden
cell is safe exactly when some such cycle through it can move by one step while every cell on it stays
within what the reader knows, which is a path search in a small directed graph (rows and columns as
nodes, a hidden cell as an edge pointing the way it may move). A one-way table is the same with a single
row and no column constraints (all columns one node).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import pandas as pd

THRESHOLD = 10                 # counts below this (and above 0) are small
SMALL_MARK = "<10"             # a small count
HIDDEN_MARK = "x"              # hidden to protect another cell (or money of a small group)
TOTAL_LABEL = "Jumlah"
_UNBOUNDED = None


@dataclass
class _Grid:
    """Values of an augmented grid: cells[(r, c)] = value; row/column node of each cell; which cells are
    totals (entering negated)."""
    values: dict
    nodes: dict          # cell -> (row node, column node)
    negated: set         # cells whose grid value is minus the table value (row and column totals)

    def can_step(self, cell, direction: int, low: dict, high: dict) -> bool:
        """Can the grid value of `cell` move by `direction` (+1/−1) within the reader's bounds?"""
        value = self.values[cell]
        table_value = -value - direction if cell in self.negated else value + direction
        return table_value >= low[cell] and (high[cell] is _UNBOUNDED or table_value <= high[cell])


def _safe(grid: _Grid, hidden: set, cell, low: dict, high: dict) -> bool:
    """True when a cycle of hidden cells through `cell` can move one step within bounds."""
    row, col = grid.nodes[cell]
    arcs: dict = {}
    for other in hidden:
        if other == cell:
            continue
        r, c = grid.nodes[other]
        if grid.can_step(other, +1, low, high):
            arcs.setdefault(r, []).append(c)
        if grid.can_step(other, -1, low, high):
            arcs.setdefault(c, []).append(r)
    # Up on `cell` is the arc row → col; the cycle closes with a path col ⇝ row (and the reverse for down).
    if grid.can_step(cell, +1, low, high) and _reachable(arcs, col, row):
        return True
    return grid.can_step(cell, -1, low, high) and _reachable(arcs, row, col)


def _reachable(arcs: dict, source, target) -> bool:
    seen, queue = {source}, deque([source])
    while queue:
        node = queue.popleft()
        if node == target:
            return True
        for nxt in arcs.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _protect(grid: _Grid, hidden: set, low: dict, high: dict, candidates_first: list) -> tuple[set, bool]:
    """Add cells to `hidden` until every hidden cell is safe. `low`/`high` are the bounds a reader knows for
    every cell once hidden. Candidates (in the given order, smallest first) in the same row or column as an
    unsafe cell are tried first; one that makes it safe is taken, else the first. Returns (hidden, withheld):
    withheld when nothing more can be hidden and a cell is still unsafe."""
    hidden = set(hidden)
    while True:
        unsafe = [cell for cell in sorted(hidden, key=str) if not _safe(grid, hidden, cell, low, high)]
        if not unsafe:
            return hidden, False
        cell = unsafe[0]
        row, col = grid.nodes[cell]
        near = [c for c in candidates_first if c not in hidden and (grid.nodes[c][0] == row or grid.nodes[c][1] == col)]
        pool = near or [c for c in candidates_first if c not in hidden]
        if not pool:
            return hidden, True
        hidden.add(next((c for c in pool if _safe(grid, hidden | {c}, cell, low, high)), pool[0]))


class _Table:
    """An augmented grid built from a one-way or two-way table of counts (and money columns)."""

    def __init__(self, counts: pd.DataFrame, one_way: bool):
        # counts: index = row keys, columns = column keys (one column for a one-way table)
        self.row_keys = list(counts.index)
        self.col_keys = list(counts.columns)
        self.one_way = one_way
        self.matrix = counts

    def grid(self, values: pd.DataFrame) -> _Grid:
        cells, nodes, negated = {}, {}, set()
        rows, cols = self.row_keys, self.col_keys
        if self.one_way:
            for r in rows:
                cell = ("cell", r, cols[0])
                cells[cell] = int(values.loc[r, cols[0]])
                # a one-way table has no column constraints: all cells share one free column node
                nodes[cell] = ("row", "free")
            total = ("total", None, None)
            cells[total] = -int(values[cols[0]].sum())
            nodes[total] = ("row", "free")
            negated.add(total)
            return _Grid(cells, nodes, negated)
        for r in rows:
            for c in cols:
                cells[("cell", r, c)] = int(values.loc[r, c])
                nodes[("cell", r, c)] = (("row", r), ("col", c))
            cells[("rowtotal", r, None)] = -int(values.loc[r].sum())
            nodes[("rowtotal", r, None)] = (("row", r), ("col", None))
            negated.add(("rowtotal", r, None))
        for c in cols:
            cells[("coltotal", None, c)] = -int(values[c].sum())
            nodes[("coltotal", None, c)] = (("row", None), ("col", c))
            negated.add(("coltotal", None, c))
        cells[("total", None, None)] = int(values.to_numpy().sum())
        nodes[("total", None, None)] = (("row", None), ("col", None))
        return _Grid(cells, nodes, negated)


def _table_value(grid: _Grid, cell) -> int:
    return -grid.values[cell] if cell in grid.negated else grid.values[cell]


def _count_pattern(grid: _Grid) -> tuple[set, set, dict, dict, bool]:
    """(hidden cells, small cells, low bounds, high bounds, withheld) for a grid of counts."""
    low, high, small = {}, {}, set()
    for cell in grid.values:
        value = _table_value(grid, cell)
        if value < 0:
            raise ValueError("counts must not be negative")
        if 0 < value < THRESHOLD:
            small.add(cell)
            low[cell], high[cell] = 1, THRESHOLD - 1
        elif value == 0:
            low[cell], high[cell] = 0, 0
        else:
            low[cell], high[cell] = THRESHOLD, _UNBOUNDED
    candidates = sorted((c for c in grid.values if c not in small and _table_value(grid, c) > 0),
                        key=lambda c: (c[0] != "cell", _table_value(grid, c), str(c)))
    hidden, withheld = _protect(grid, small, low, high, candidates)
    return hidden, small, low, high, withheld


def _money_pattern(grid: _Grid, hidden_counts: set) -> tuple[set, bool]:
    """Hidden money cells: those whose count is hidden, plus whatever keeps them from being worked out."""
    low = {cell: 0 for cell in grid.values}
    high = {cell: _UNBOUNDED for cell in grid.values}
    candidates = sorted((c for c in grid.values if c not in hidden_counts),
                        key=lambda c: (c[0] != "cell", _table_value(grid, c) == 0, _table_value(grid, c), str(c)))
    if not hidden_counts:
        return set(), False
    return _protect(grid, hidden_counts, low, high, candidates)


def _key_of(cell, label: str):
    kind, r, c = cell
    return (label if r is None else r), (label if c is None else c)


def suppress(frame: pd.DataFrame, rows: str, count: str, cols: str | None = None, money: tuple[str, ...] = (),
             total_label: str = TOTAL_LABEL) -> pd.DataFrame:
    """A table ready to publish. `frame` is tidy: one row per group (`rows`, or `rows` × `cols` for a
    two-way table, missing combinations counting 0) with a count column and optional money columns.

    Returns the groups plus totals (the key `total_label` marks a total: a one-way table gets one total
    row; a two-way table row totals, column totals and the grand total), with the count and money as
    nullable integers (<NA> when hidden) and a column `<name>_tanda` per value column: '' when shown,
    '<10' for a small count, 'x' when hidden. When no safe pattern exists every value is hidden and the
    column `ditahan` is True.
    """
    one_way = cols is None
    keys = [rows] if one_way else [rows, cols]
    for column in keys + [count, *money]:
        if column not in frame.columns:
            raise ValueError(f"column {column!r} not in the table; it has {list(frame.columns)}")
    if frame.duplicated(keys).any():
        raise ValueError(f"more than one row per {' × '.join(keys)}; aggregate first")
    pivot_col = "_semua" if one_way else cols
    data = frame.assign(_semua="_semua") if one_way else frame
    table = _Table(_pivot(data, rows, pivot_col, count), one_way)
    grid = table.grid(table.matrix)
    hidden, small, _, _, withheld = _count_pattern(grid)
    out = _frame(grid, table, rows, None if one_way else cols, total_label)
    out[count] = pd.array([_table_value(grid, c) for c in out["_sel"]], dtype="Int64")
    marks = ["<10" if c in small else HIDDEN_MARK if c in hidden else "" for c in out["_sel"]]
    for name in money:
        money_grid = table.grid(_pivot(data, rows, pivot_col, name))
        money_hidden, money_withheld = _money_pattern(money_grid, hidden)
        withheld = withheld or money_withheld
        out[name] = pd.array([_table_value(money_grid, c) for c in out["_sel"]], dtype="Int64")
        out[name + "_tanda"] = [HIDDEN_MARK if c in money_hidden else "" for c in out["_sel"]]
        out.loc[out[name + "_tanda"] != "", name] = pd.NA
    out[count + "_tanda"] = marks
    out.loc[out[count + "_tanda"] != "", count] = pd.NA
    if withheld:
        for name in (count, *money):
            out[name] = pd.array([pd.NA] * len(out), dtype="Int64")
            out[name + "_tanda"] = HIDDEN_MARK
    out["ditahan"] = withheld
    columns = keys + [count, count + "_tanda"] + [c for name in money for c in (name, name + "_tanda")] + ["ditahan"]
    return out[columns].reset_index(drop=True)


def _pivot(frame: pd.DataFrame, rows: str, cols: str, value: str) -> pd.DataFrame:
    values = frame[value]
    if values.isna().any():
        raise ValueError(f"column {value!r} has missing values; fill them (0 when none) before publishing")
    if (values < 0).any():
        raise ValueError(f"column {value!r} has negative values")
    return frame.pivot_table(index=rows, columns=cols, values=value, aggfunc="sum", fill_value=0,
                             observed=True, sort=True).astype("int64")


def _frame(grid: _Grid, table: _Table, rows: str, cols: str | None, label: str) -> pd.DataFrame:
    records = []
    for cell in grid.values:
        kind, r, c = cell
        if table.one_way:
            records.append({rows: label if kind == "total" else r, "_sel": cell})
        else:
            row_key, col_key = _key_of(cell, label)
            records.append({rows: row_key, cols: col_key, "_sel": cell})
    return pd.DataFrame.from_records(records)
