"""Joint disclosure control over every table of a publication (DESIGN §6, §6.1).

A publication is a set of numbers (variables) tied by linear equalities a reader knows: the parts of a
table sum to its total, and a number printed in several tables is one variable (the active workers of the
headline are the total of every partition, of the phase table and of the series' last point). This module
knows nothing about tables: it takes the variables, their true values and the equalities, and chooses which
variables to hide.

What a reader knows about a hidden variable (one mark for every hidden cell, zeros always shown): a hidden
count is at least 1 (not 0, which would be shown) and nothing more; hidden money is at least 0. A hidden
variable is safe when the smallest and the largest value it can take over all integer solutions consistent
with every shown value, every equality and those bounds differ. Both are found with an integer linear
program (scipy.optimize.milp, HiGHS); releases hold tens of variables, so each solve takes milliseconds.

Secondary (complementary) suppression is greedy: while a hidden variable is unsafe, hide one more shown
variable of an equality it is in (parts before totals, smallest first; one that makes it safe if any).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

UNBOUNDED = 10 ** 12          # "no upper bound" for the solver; a maximum at this value means unbounded


class DisclosureError(RuntimeError):
    """No safe pattern exists (nothing more can be hidden and a hidden value is still exact)."""


@dataclass(frozen=True)
class Equality:
    """`sum(parts) == total`, every name a variable."""
    total: Hashable
    parts: tuple[Hashable, ...]


def ranges(values: dict, hidden: Iterable, equalities: Sequence[Equality], low: dict, *,
           integer: bool = True) -> dict:
    """(min, max) of every hidden variable over all solutions consistent with the shown values, the
    equalities and `low[var] <= var <= UNBOUNDED` for hidden variables. max is None when unbounded."""
    hidden = sorted(set(hidden), key=repr)
    if not hidden:
        return {}
    index = {var: i for i, var in enumerate(hidden)}
    rows, rhs = [], []
    for eq in equalities:
        coefficients = np.zeros(len(hidden))
        known = 0
        for var, sign in [(p, 1) for p in eq.parts] + [(eq.total, -1)]:
            if var in index:
                coefficients[index[var]] += sign
            else:
                known += sign * values[var]
        if coefficients.any():
            rows.append(coefficients)
            rhs.append(-known)
    constraints = [LinearConstraint(np.array(rows), rhs, rhs)] if rows else []
    bounds = Bounds([low[var] for var in hidden], [UNBOUNDED] * len(hidden))
    integrality = np.ones(len(hidden)) if integer else np.zeros(len(hidden))
    out = {}
    for var, i in index.items():
        objective = np.zeros(len(hidden))
        objective[i] = 1
        lo = milp(objective, constraints=constraints, bounds=bounds, integrality=integrality)
        hi = milp(-objective, constraints=constraints, bounds=bounds, integrality=integrality)
        if lo.status != 0 or hi.status != 0:
            raise DisclosureError(f"the published values are inconsistent around {var!r} ({lo.message})")
        top = -hi.fun
        out[var] = (round(lo.fun), None if top >= UNBOUNDED - 0.5 else round(top))
    return out


def unsafe(values: dict, hidden: set, equalities: Sequence[Equality], low: dict, *, integer: bool = True) -> list:
    """Hidden variables whose value is exact given everything shown."""
    found = ranges(values, hidden, equalities, low, integer=integer)
    return [var for var, (lo, hi) in sorted(found.items(), key=lambda kv: repr(kv[0])) if lo == hi]


def protect(values: dict, primary: Iterable, equalities: Sequence[Equality], low: dict, *,
            integer: bool = True, never_hide: Iterable = ()) -> set:
    """The hidden set: `primary` plus complementary suppressions until no hidden variable is exact.
    `never_hide`: variables that must stay shown (zeros of counts: a reader knows hidden counts are ≥ 1)."""
    hidden = set(primary)
    keep = set(never_hide)
    totals = {eq.total for eq in equalities}
    while True:
        exact = unsafe(values, hidden, equalities, low, integer=integer)
        if not exact:
            return hidden
        cell = exact[0]
        near = {var for eq in equalities if cell == eq.total or cell in eq.parts for var in (eq.total, *eq.parts)}
        pool = sorted((var for var in near if var not in hidden and var not in keep),
                      key=lambda var: (var in totals, values[var], repr(var)))
        if not pool:
            raise DisclosureError(f"no safe suppression pattern: {cell!r} stays exact")
        choice = next((var for var in pool
                       if cell not in unsafe(values, hidden | {var}, equalities, low, integer=integer)), pool[0])
        hidden.add(choice)
