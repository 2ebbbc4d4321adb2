"""Typed filters and breakdown dimensions, turned into SQL fragments with bound parameters.

Every metric query reads its rows through alias `k`: a relation with the attribute columns of a coverage
period (kecamatan_kode, kelurahan_kode, sektor, desil, sumber_usulan, sumber_iuran) and of the worker
(jenis_kelamin, tahun_lahir), as the derived relations in derived.py provide. Dimensions and filters refer
to that alias only, through the allow-listed expressions below.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

# Age bands at the reference date, from the birth year (the store keeps no full birth date): the age a
# worker reaches during the reference date's year.
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("18-24", 0, 24), ("25-34", 25, 34), ("35-44", 35, 44), ("45-54", 45, 54), ("55+", 55, 200))

_AGE_SQL = ("CASE WHEN year(CAST(? AS DATE)) - k.tahun_lahir <= 24 THEN '18-24'"
            " WHEN year(CAST(? AS DATE)) - k.tahun_lahir <= 34 THEN '25-34'"
            " WHEN year(CAST(? AS DATE)) - k.tahun_lahir <= 44 THEN '35-44'"
            " WHEN year(CAST(? AS DATE)) - k.tahun_lahir <= 54 THEN '45-54'"
            " WHEN k.tahun_lahir IS NULL THEN NULL ELSE '55+' END")


@dataclass(frozen=True)
class Dimension:
    key: str
    sql: str            # expression over alias k
    dated: bool = False  # the expression binds the reference date (4 times) before its own use
    on_worker: bool = False  # an attribute of the worker (pekerja), not of a coverage period

    def params(self, ref_date: dt.date) -> list:
        return [ref_date] * 4 if self.dated else []


DIMENSIONS: dict[str, Dimension] = {d.key: d for d in (
    Dimension("kecamatan", "k.kecamatan_kode"),
    Dimension("kelurahan", "k.kelurahan_kode"),
    Dimension("sektor", "k.sektor"),
    Dimension("jenis_kelamin", "k.jenis_kelamin", on_worker=True),
    Dimension("kelompok_umur", _AGE_SQL, dated=True, on_worker=True),
    Dimension("desil", "k.desil"),
    Dimension("sumber_iuran", "k.sumber_iuran"),
    Dimension("sumber_usulan", "k.sumber_usulan"),
)}


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the view to. Empty tuple = no restriction on that dimension."""
    kecamatan: tuple[str, ...] = ()
    kelurahan: tuple[str, ...] = ()
    sektor: tuple[str, ...] = ()
    jenis_kelamin: tuple[str, ...] = ()
    kelompok_umur: tuple[str, ...] = ()
    desil: tuple[int, ...] = ()
    sumber_iuran: tuple[str, ...] = ()
    sumber_usulan: tuple[str, ...] = ()

    def active(self) -> dict[str, tuple]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    def without(self, key: str) -> "Filters":
        return replace(self, **{key: ()})

    def only(self, keys) -> "Filters":
        """These filters restricted to `keys` (the others cleared)."""
        return Filters(**{k: v for k, v in self.active().items() if k in keys})

    def require(self, allowed, what: str) -> None:
        """Raise ValueError when a filter is set that `what` cannot apply (its data lacks that attribute)."""
        unsupported = sorted(set(self.active()) - set(allowed))
        if unsupported:
            raise ValueError(f"{what} cannot be filtered by {', '.join(unsupported)} (its data has no such field);"
                             f" filters it accepts: {', '.join(sorted(allowed))}")

    def sql(self, ref_date: dt.date) -> tuple[str, list]:
        """' AND …' fragment restricting k rows, and its parameters (age is taken at ref_date)."""
        clauses, params = [], []
        for key, values in self.active().items():
            dim = DIMENSIONS[key]
            marks = ", ".join("?" for _ in values)
            clauses.append(f"({dim.sql}) IN ({marks})")
            params += dim.params(ref_date)
            # values may come from a result frame (numpy scalars): bind them as plain Python values
            params += [v.item() if hasattr(v, "item") else v for v in values]
        return "".join(" AND " + c for c in clauses), params


NO_FILTERS = Filters()


def dimension(key: str) -> Dimension:
    if key not in DIMENSIONS:
        raise ValueError(f"unknown breakdown {key!r}; choose one of {sorted(DIMENSIONS)}")
    return DIMENSIONS[key]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the month's last day (31 Aug + 6 → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    first = dt.date(index // 12, index % 12 + 1, 1)
    return first.replace(day=min(day.day, month_end(first).day))
