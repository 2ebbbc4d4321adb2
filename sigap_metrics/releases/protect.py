"""Disclosure control over all tables of a release at once (DESIGN §6, §6.1).

The tables (publish.public_tables, true values) are read as one set of variables:
- active workers on the reference date: the total of the kecamatan, sector and sex tables, the headline, the
  series' point on that date and the running phase's row are ONE variable, so a cell hidden in one place is
  hidden everywhere, and every partition's parts sum to it;
- active workers on another date (series points, ended phases): one variable per date;
- claims paid per programme and their total (also the headline's claims paid and families helped);
- benefits per programme and their total (money), premiums per phase (money);
- single counts of the headline (ever enrolled, training sessions and participants).

Counts 1..9 are hidden (primary); metrics.disclosure adds complementary suppressions until no hidden count
can be worked out exactly from everything shown. Money of a group whose count is hidden is hidden, and
again protected jointly; ratios (per 1.000 residents, attainment, realisation, benefit-to-premium) are
hidden when a number they are computed from is hidden. Every hidden cell gets the same mark.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd

from ..metrics.disclosure import DisclosureError, Equality, protect as choose_hidden
from ..metrics.suppression import HIDDEN_MARK, THRESHOLD

TOTAL = "JUMLAH"
PARTITIONS = ("kecamatan", "sektor", "jenis_kelamin")
# headline indicator → the variable it repeats
HEADLINE_COUNTS = {"claims_paid": ("klaim", TOTAL), "families_helped": ("klaim", "JKM")}
SINGLE_COUNTS = ("ever_enrolled", "training_sessions", "training_participants")


def active_on(day: dt.date) -> tuple:
    return ("aktif", day)


class _Cells:
    """Where each variable is printed: (table, row label, value column, mark column)."""

    def __init__(self):
        self.values: dict = {}
        self.places: dict = {}

    def add(self, var, value, table: str, row, column: str, mark: str) -> None:
        value = int(value)
        if var in self.values and self.values[var] != value:
            raise RuntimeError(f"{var!r} printed with two values ({self.values[var]} and {value}) in {table}")
        self.values[var] = value
        self.places.setdefault(var, []).append((table, row, column, mark))


def _variables(frames: dict[str, pd.DataFrame], ref: dt.date):
    counts, money = _Cells(), _Cells()
    count_eqs, money_eqs = [], []
    total = active_on(ref)
    for name in PARTITIONS:
        frame = frames[name]
        parts = []
        for row, kode in zip(frame.index, frame["kode"]):
            var = total if kode == TOTAL else (name, kode)
            counts.add(var, frame.at[row, "pekerja_aktif"], name, row, "pekerja_aktif", "pekerja_aktif_tanda")
            if kode != TOTAL:
                parts.append(var)
        count_eqs.append(Equality(total, tuple(parts)))
    series = frames["perkembangan"]
    for row, day in zip(series.index, series["tanggal"]):
        counts.add(active_on(day), series.at[row, "pekerja_aktif"], "perkembangan", row, "pekerja_aktif",
                   "pekerja_aktif_tanda")
    phases = frames["tahap"]
    phase_var = {}
    for row in phases.index:
        var = active_on(phases.at[row, "tanggal"])
        phase_var[phases.at[row, "kode"]] = var
        counts.add(var, phases.at[row, "pekerja_aktif"], "tahap", row, "pekerja_aktif", "pekerja_aktif_tanda")
        money.add(("iuran", phases.at[row, "kode"]), phases.at[row, "iuran_rp"], "tahap", row, "iuran_rp",
                  "iuran_rp_tanda")
    paid = frames["klaim"]
    parts_count, parts_money = [], []
    for row, program in zip(paid.index, paid["program"]):
        counts.add(("klaim", program), paid.at[row, "klaim_dibayar"], "klaim", row, "klaim_dibayar",
                   "klaim_dibayar_tanda")
        money.add(("manfaat", program), paid.at[row, "manfaat_rp"], "klaim", row, "manfaat_rp", "manfaat_rp_tanda")
        if program != TOTAL:
            parts_count.append(("klaim", program))
            parts_money.append(("manfaat", program))
    count_eqs.append(Equality(("klaim", TOTAL), tuple(parts_count)))
    money_eqs.append(Equality(("manfaat", TOTAL), tuple(parts_money)))
    head = frames["ringkasan"]
    for row, key in zip(head.index, head["indikator"]):
        value = head.at[row, "nilai"]
        if value is None or pd.isna(value):
            continue
        if key == "active_workers":
            counts.add(total, value, "ringkasan", row, "nilai", "tanda")
        elif key in HEADLINE_COUNTS:
            counts.add(HEADLINE_COUNTS[key], value, "ringkasan", row, "nilai", "tanda")
        elif key in SINGLE_COUNTS:
            counts.add((key,), value, "ringkasan", row, "nilai", "tanda")
        elif key == "benefits_paid_rp":
            money.add(("manfaat", TOTAL), value, "ringkasan", row, "nilai", "tanda")
        elif key == "premiums_rp":
            current = phases.loc[phases["tanggal"] == ref, "kode"]
            money.add(("iuran", current.iloc[0]), value, "ringkasan", row, "nilai", "tanda")
    owner = {("manfaat", program): ("klaim", program) for program in paid["program"]}
    owner |= {("iuran", kode): var for kode, var in phase_var.items()}
    return counts, money, count_eqs, money_eqs, owner


def hidden_sets(tables: dict, ref: dt.date) -> tuple[set, set, dict, dict]:
    """(hidden count variables, hidden money variables, count cells, money cells) of the release's tables."""
    frames = {name: table.frame for name, table in tables.items()}
    counts, money, count_eqs, money_eqs, owner = _variables(frames, ref)
    primary = {var for var, value in counts.values.items() if 0 < value < THRESHOLD}
    zeros = {var for var, value in counts.values.items() if value == 0}
    # Active workers on a date reappear in every later release (series, phase rows) on their own, where only
    # primary suppression applies; hiding one here as a complement would be undone there. So they are kept
    # shown unless no other pattern exists (parts of a partition always suffice in practice).
    dated = {var for var in counts.values if var[0] == "aktif" and var not in primary}
    low = {var: 1 for var in counts.values}
    try:
        hidden_counts = choose_hidden(counts.values, primary, count_eqs, low, never_hide=zeros | dated)
    except DisclosureError:
        hidden_counts = choose_hidden(counts.values, primary, count_eqs, low, never_hide=zeros)
    money_primary = {var for var, count_var in owner.items() if count_var in hidden_counts and var in money.values}
    hidden_money = choose_hidden(money.values, money_primary, money_eqs, {var: 0 for var in money.values},
                                 integer=True)
    return hidden_counts, hidden_money, counts, money


def protect(tables: dict, ref: dt.date) -> dict:
    """The tables with every hidden cell emptied and marked HIDDEN_MARK, and the ratios of hidden numbers
    emptied. `tables`: name → publish.PublicTable with true values."""
    hidden_counts, hidden_money, counts, money = hidden_sets(tables, ref)
    frames = {name: table.frame.copy() for name, table in tables.items()}
    for cells, hidden in ((counts, hidden_counts), (money, hidden_money)):
        for var in hidden:
            for table, row, column, mark in cells.places[var]:
                frames[table].at[row, column] = None
                frames[table].at[row, mark] = HIDDEN_MARK
    area = frames["kecamatan"]
    area.loc[area["pekerja_aktif_tanda"] != "", "per_1000_penduduk"] = pd.NA
    phases = frames["tahap"]
    phases.loc[phases["pekerja_aktif_tanda"] != "", "capaian_pct"] = pd.NA
    phases.loc[phases["iuran_rp_tanda"] != "", "realisasi_pct"] = pd.NA
    head = frames["ringkasan"].set_index("indikator")
    derived = {"attainment_pct": head.at["active_workers", "tanda"],
               "realisation_pct": head.at["premiums_rp", "tanda"],
               "benefit_premium_ratio": head.at["benefits_paid_rp", "tanda"] or
               (HIDDEN_MARK if (phases["iuran_rp_tanda"] != "").any() else "")}
    for key, mark in derived.items():
        if mark:
            head.at[key, "nilai"] = None
            head.at[key, "tanda"] = HIDDEN_MARK
    frames["ringkasan"] = head.reset_index()[list(tables["ringkasan"].frame.columns)]
    return {name: dataclasses.replace(table, frame=frames[name]) for name, table in tables.items()}
