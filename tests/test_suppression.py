"""Disclosure control: small counts hidden, and no hidden cell can be worked out exactly from what is published.

The attack is an independent solver written here: a table with totals is a flow network (source → rows →
columns → sink, sink → source carrying the grand total), what is published fixes flows, what a reader
knows about a hidden cell bounds it ("<10": 1..9; "x": ≥ 10 for counts, ≥ 0 for money). For each hidden
cell the solver asks whether a feasible flow exists with that cell at any value other than the true one
(max-flow with lower bounds). If none exists, the cell was recovered and the test fails.
"""
from __future__ import annotations

from collections import deque

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigap_metrics.metrics.suppression import HIDDEN_MARK, SMALL_MARK, TOTAL_LABEL, suppress

BIG = 10 ** 7


# ---------------------------------------------------------------- the attacker's solver

def _max_flow(capacity: dict, source, sink) -> int:
    """Edmonds–Karp on a dict-of-dicts capacity graph (modified in place)."""
    flow = 0
    while True:
        parent, queue = {source: None}, deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for nxt, cap in capacity.get(node, {}).items():
                if cap > 0 and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if sink not in parent:
            return flow
        push, node = BIG * 10, sink
        while parent[node] is not None:
            push = min(push, capacity[parent[node]][node])
            node = parent[node]
        node = sink
        while parent[node] is not None:
            prev = parent[node]
            capacity[prev][node] -= push
            capacity.setdefault(node, {}).setdefault(prev, 0)
            capacity[node][prev] += push
            node = prev
        flow += push


def feasible(arcs: list[tuple]) -> bool:
    """Is there a circulation with low ≤ flow ≤ high on every arc (u, v, low, high)?"""
    capacity, excess = {}, {}
    for u, v, low, high in arcs:
        if low > high:
            return False
        capacity.setdefault(u, {}).setdefault(v, 0)
        capacity[u][v] += high - low
        excess[v] = excess.get(v, 0) + low
        excess[u] = excess.get(u, 0) - low
    demand = 0
    for node, value in excess.items():
        if value > 0:
            capacity.setdefault("S*", {})[node] = value
            demand += value
        elif value < 0:
            capacity.setdefault(node, {})["T*"] = -value
    return _max_flow(capacity, "S*", "T*") == demand


def _bounds(value_shown, mark, money: bool) -> tuple[int, int]:
    if mark == "":
        return int(value_shown), int(value_shown)
    if mark == SMALL_MARK:
        return 1, 9
    return (0, BIG) if money else (10, BIG)


def network(published: pd.DataFrame, rows: str, cols: str | None, value: str, money: bool,
            pin: tuple | None = None) -> list[tuple]:
    """Arcs of the table as a circulation, with bounds from what is published. `pin` = (key, low, high)
    replaces one cell's bounds."""
    arcs = []
    for r in published.itertuples(index=False):
        record = r._asdict()
        key = (record[rows], record[cols]) if cols else (record[rows],)
        low, high = _bounds(record[value], record[value + "_tanda"], money)
        if pin is not None and pin[0] == key:
            low, high = pin[1], pin[2]
        if cols is None:
            if key[0] == TOTAL_LABEL:
                arcs.append(("s", "row", low, high))
            else:
                arcs.append(("row", ("col", key[0]), low, high))
                arcs.append((("col", key[0]), "t", 0, BIG))     # one-way: no column constraints
        else:
            r_key, c_key = key
            if r_key == TOTAL_LABEL and c_key == TOTAL_LABEL:
                arcs.append(("t", "s", low, high))
            elif c_key == TOTAL_LABEL:
                arcs.append(("s", ("row", r_key), low, high))
            elif r_key == TOTAL_LABEL:
                arcs.append((("col", c_key), "t", low, high))
            else:
                arcs.append((("row", r_key), ("col", c_key), low, high))
    if cols is None:
        arcs.append(("t", "s", 0, BIG))
    return arcs


def recoverable(published: pd.DataFrame, truth: pd.DataFrame, rows: str, cols: str | None, value: str,
                money: bool) -> list:
    """Hidden cells whose true value is the only one consistent with what is published."""
    keys = [rows] + ([cols] if cols else [])
    pinned = []
    for pub, true in zip(published.itertuples(index=False), truth.itertuples(index=False)):
        pub, true = pub._asdict(), true._asdict()
        if pub[value + "_tanda"] == "":
            continue
        key = tuple(pub[k] for k in keys)
        low, high = _bounds(None, pub[value + "_tanda"], money)
        actual = int(true[value])
        other_below = actual - 1 >= low and feasible(network(published, rows, cols, value, money,
                                                             pin=(key, low, actual - 1)))
        other_above = actual + 1 <= high and feasible(network(published, rows, cols, value, money,
                                                              pin=(key, actual + 1, high)))
        if not (other_below or other_above):
            pinned.append(key)
    return pinned


def _truth(out: pd.DataFrame, frame: pd.DataFrame, rows: str, cols: str | None, names: tuple) -> pd.DataFrame:
    """The true values of `out`'s rows (groups and totals), summed from the unsuppressed input."""
    truth = out[[rows] + ([cols] if cols else [])].copy()
    for name in names:
        values = []
        for record in truth.itertuples(index=False):
            part = frame
            if record[0] != TOTAL_LABEL:
                part = part[part[rows] == record[0]]
            if cols and record[1] != TOTAL_LABEL:
                part = part[part[cols] == record[1]]
            values.append(int(part[name].sum()))
        truth[name] = values
    return truth


# ---------------------------------------------------------------- examples

def test_small_counts_show_as_less_than_ten_and_hide_their_money():
    frame = pd.DataFrame({"kec": ["A", "B", "C", "D"], "n": [5, 20, 0, 31], "rp": [100, 400, 0, 900]})
    out = suppress(frame, "kec", "n", money=("rp",)).set_index("kec")
    assert out.loc["A", "n_tanda"] == SMALL_MARK and pd.isna(out.loc["A", "n"]) and pd.isna(out.loc["A", "rp"])
    # zeros are shown; the total is shown
    assert out.loc["C", "n"] == 0 and out.loc[TOTAL_LABEL, "n"] == 56
    # with only A hidden, 56 − 20 − 0 − 31 would give it away: a second cell (the smallest, B) is hidden too
    assert out.loc["B", "n_tanda"] == HIDDEN_MARK and out.loc["D", "n"] == 31


def test_one_small_group_against_ten_hides_the_total():
    # [1, 10], total 11: hiding 10 as well would not help (a reader knows "x" ≥ 10, so 1 + 10 = 11 is the only
    # split); hiding the total does: A ∈ 1..9 and total = A + 10
    frame = pd.DataFrame({"kec": ["A", "B"], "n": [1, 10]})
    out = suppress(frame, "kec", "n").set_index("kec")
    assert out.loc["A", "n_tanda"] == SMALL_MARK and out.loc["B", "n"] == 10
    assert out.loc[TOTAL_LABEL, "n_tanda"] == HIDDEN_MARK


def test_nothing_small_nothing_hidden():
    frame = pd.DataFrame({"r": ["a", "a", "b", "b"], "c": ["x", "y", "x", "y"], "n": [10, 0, 25, 40]})
    out = suppress(frame, "r", "n", cols="c")
    assert (out["n_tanda"] == "").all() and not out["ditahan"].any()
    assert len(out) == 9   # 4 cells + 2 row totals + 2 column totals + the grand total


def test_refuses_bad_tables():
    with pytest.raises(ValueError, match="aggregate first"):
        suppress(pd.DataFrame({"k": ["a", "a"], "n": [1, 2]}), "k", "n")
    with pytest.raises(ValueError, match="negative"):
        suppress(pd.DataFrame({"k": ["a"], "n": [-1]}), "k", "n")
    with pytest.raises(ValueError, match="missing"):
        suppress(pd.DataFrame({"k": ["a"], "n": [None]}), "k", "n")


def test_solver_catches_an_unprotected_cell():
    # the solver itself must be able to fail: publish A as "<10" with everything else shown → pinned to 5
    published = pd.DataFrame({"kec": ["A", "B", TOTAL_LABEL], "n": [pd.NA, 20, 25], "n_tanda": [SMALL_MARK, "", ""]})
    truth = pd.DataFrame({"kec": ["A", "B", TOTAL_LABEL], "n": [5, 20, 25]})
    assert recoverable(published, truth, "kec", None, "n", money=False) == [("A",)]


# ---------------------------------------------------------------- properties

small_counts = st.one_of(st.just(0), st.integers(1, 9), st.integers(10, 40))


@st.composite
def one_way(draw):
    n = draw(st.integers(1, 6))
    counts = draw(st.lists(small_counts, min_size=n, max_size=n))
    money = [c * draw(st.integers(0, 3)) * 1000 for c in counts]
    return pd.DataFrame({"kec": [f"K{i}" for i in range(n)], "n": counts, "rp": money})


@st.composite
def two_way(draw):
    r, c = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    counts = draw(st.lists(small_counts, min_size=r * c, max_size=r * c))
    money = [x * draw(st.integers(0, 2)) * 1000 for x in counts]
    return pd.DataFrame({"sektor": [f"S{i // c}" for i in range(r * c)], "kec": [f"K{i % c}" for i in range(r * c)],
                         "n": counts, "rp": money})


@settings(max_examples=150, deadline=None)
@given(one_way())
def test_one_way_tables_cannot_be_undone(frame):
    out = suppress(frame, "kec", "n", money=("rp",))
    truth = _truth(out, frame, "kec", None, ("n", "rp"))
    _check(out, truth, "kec", None)


@settings(max_examples=150, deadline=None)
@given(two_way())
def test_two_way_tables_cannot_be_undone(frame):
    out = suppress(frame, "sektor", "n", cols="kec", money=("rp",))
    truth = _truth(out, frame, "sektor", "kec", ("n", "rp"))
    _check(out, truth, "sektor", "kec")


def _check(out: pd.DataFrame, truth: pd.DataFrame, rows: str, cols: str | None) -> None:
    # every count from 1 to 9 is hidden and marked "<10"; shown values are the true ones
    small = (truth["n"] > 0) & (truth["n"] < 10)
    assert (out.loc[small, "n_tanda"] == SMALL_MARK).all() or out["ditahan"].all()
    shown = out["n_tanda"] == ""
    assert (out.loc[shown, "n"].astype("int64") == truth.loc[shown, "n"]).all()
    # money of a hidden count is hidden
    assert (out.loc[~shown, "rp_tanda"] != "").all()
    if out["ditahan"].all():
        assert (out["n_tanda"] != "").all() and (out["rp_tanda"] != "").all()
        return
    assert recoverable(out, truth, rows, cols, "n", money=False) == []
    assert recoverable(out, truth, rows, cols, "rp", money=True) == []
