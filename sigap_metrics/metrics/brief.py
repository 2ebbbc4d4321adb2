"""Month-over-month comparison and the plain-language brief generated from it (Indonesian and English).

The comparison is fair in length: this month from its 1st to `as_of` against last month from its 1st to the
same day (or the whole of last month when `as_of` is a month's last day). Stock figures (active workers) are
taken on `as_of` and on that comparison date.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from .. import fmt
from . import daily, derived
from .budget import premiums_total, rate_on, rates
from .claims import benefits_paid
from .coverage import active_count, lapsed_workers, new_workers
from .filters import NO_FILTERS, Filters, add_months, month_end, month_start
from .query import aggregate, pct
from .summary import summary

COMPARED = ("active_workers", "new_workers", "lapsed_workers", "claims_paid", "benefits_paid_rp", "premiums_rp")


def comparison_date(as_of: dt.date) -> dt.date:
    """The same day last month (clipped to its length), or last month's last day when as_of is a month end."""
    if as_of == month_end(as_of):
        return month_start(as_of) - dt.timedelta(days=1)
    return add_months(as_of, -1)


def _month_figures(con, day: dt.date, filters: Filters) -> dict:
    first = month_start(day)
    paid = benefits_paid(con, first, day, filters).iloc[0]
    return {
        "active_workers": active_count(con, day, filters),
        "new_workers": int(new_workers(con, first, day, filters)["baru"].iloc[0]),
        "lapsed_workers": int(lapsed_workers(con, first, day, day, filters)["berhenti"].iloc[0]),
        "claims_paid": int(paid["klaim_dibayar"]),
        "benefits_paid_rp": int(paid["manfaat_rp"]),
        "premiums_rp": premiums_total(con, first, day, filters),
    }


# The stock and flows of both compared days in one pass over the coverage periods, by the same rules as
# active_workers, new_workers and worker_months (each window starts on a month's 1st, so a month's owner
# decides): for day d with month start m, in that order for as_of then the comparison date.
_ONE_DAY = ("count(*) FILTER (WHERE k.milik_mulai <= ? AND k.tgl_akhir >= ?),"
            " count(*) FILTER (WHERE k.pertama AND k.tgl_mulai BETWEEN ? AND ?),"
            " count(*) FILTER (WHERE k.bulan_milik_mulai <= ? AND k.bulan_akhir >= ? AND k.tgl_mulai <= ?"
            "  AND k.tgl_akhir >= ?)")


def _both_months(con, days: tuple[dt.date, dt.date], filters: Filters) -> list[dict]:
    """_month_figures for two days, the coverage counts of both from one query (or from the daily table)."""
    where = daily.selection(con, filters)
    if where is not None:
        table = rates(con)
        out = []
        for day, (active, new, lapsed, months) in zip(days, daily.month_counts(con, days, where)):
            paid = benefits_paid(con, month_start(day), day, filters).iloc[0]
            out.append({"active_workers": active, "new_workers": new, "lapsed_workers": lapsed,
                        "claims_paid": int(paid["klaim_dibayar"]), "benefits_paid_rp": int(paid["manfaat_rp"]),
                        "premiums_rp": months * rate_on(table, month_start(day))})
        return out
    prefix, prefix_params = derived.with_clause(con)
    params = []
    for day in days:
        first = month_start(day)
        params += [day, day, first, day, first, first, day, first]
    row = aggregate(con, "SELECT * FROM cakupan", [], _ONE_DAY + ", " + _ONE_DAY, filters=filters, by=None,
                    ref_date=days[0], measure_params=params, prefix=prefix, prefix_params=prefix_params).iloc[0]
    table = rates(con)
    out = []
    for index, day in enumerate(days):
        first = month_start(day)
        paid = benefits_paid(con, first, day, filters).iloc[0]
        active, new, months = (int(v) for v in row.iloc[3 * index:3 * index + 3])
        out.append({"active_workers": active, "new_workers": new,
                    "lapsed_workers": int(lapsed_workers(con, first, day, day, filters)["berhenti"].iloc[0]),
                    "claims_paid": int(paid["klaim_dibayar"]), "benefits_paid_rp": int(paid["manfaat_rp"]),
                    "premiums_rp": months * rate_on(table, first)})
    return out


def month_over_month(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """One row per indicator of COMPARED: value this month (`nilai`, to as_of), last month (`pembanding`, to
    the comparison date), difference (`selisih`) and change in percent (`perubahan_pct`, empty when last
    month's value is 0); columns `tanggal` and `tanggal_pembanding` say which days were compared."""
    before = comparison_date(as_of)
    if "kelompok_umur" in filters.active() and before.year != as_of.year:
        # ages are taken in each day's own year
        now, then = _month_figures(con, as_of, filters), _month_figures(con, before, filters)
    else:
        now, then = _both_months(con, (as_of, before), filters)
    frame = pd.DataFrame({"indikator": pd.Series(COMPARED, dtype="string"),
                          "nilai": pd.Series([now[k] for k in COMPARED], dtype="int64"),
                          "pembanding": pd.Series([then[k] for k in COMPARED], dtype="int64")})
    frame["selisih"] = frame["nilai"] - frame["pembanding"]
    frame["perubahan_pct"] = pd.Series([pct(d, p) for d, p in zip(frame["selisih"], frame["pembanding"])],
                                       dtype="Float64")
    frame["tanggal"] = pd.Series([as_of] * len(frame), dtype="object")
    frame["tanggal_pembanding"] = pd.Series([before] * len(frame), dtype="object")
    return frame


_WORDS = {
    "id": {"up": "naik", "down": "turun", "workers": "pekerja"},
    "en": {"up": "rose", "down": "fell", "workers": "workers"},
}


def _coverage_sentence(row, lang: str) -> str:
    since = fmt.date(row["tanggal_pembanding"], lang)
    change, before = int(row["selisih"]), int(row["pembanding"])
    if change == 0:
        return (f"Cakupan tidak berubah dibanding {since}." if lang == "id"
                else f"Coverage is unchanged since {since}.")
    words = _WORDS[lang]
    direction = words["up"] if change > 0 else words["down"]
    amount = f"{'+' if change > 0 else '−'}{fmt.number(abs(change), lang)} {words['workers']}"
    if before == 0:
        return (f"Cakupan {direction} dari 0 menjadi {fmt.number(int(row['nilai']), lang)} pekerja dibanding {since}."
                if lang == "id" else
                f"Coverage {direction} from 0 to {fmt.number(int(row['nilai']), lang)} workers since {since}.")
    share = fmt.percent(abs(float(row["perubahan_pct"])), lang)
    return (f"Cakupan {direction} {share} ({amount}) dibanding {since}." if lang == "id"
            else f"Coverage {direction} {share} ({amount}) since {since}.")


def brief(con: duckdb.DuckDBPyConnection, as_of: dt.date, lang: str = "id", filters: Filters = NO_FILTERS,
          head: dict | None = None, comparison: pd.DataFrame | None = None) -> str:
    """A short paragraph for the mayor's office, from `summary` and `month_over_month`, formatted for `lang`
    ('id' or 'en'), e.g. "Cakupan naik 4,1% (+370 pekerja) dibanding 25 Okt 2026." A page that already has
    those two results for the same date and filters passes them as `head` and `comparison`."""
    if lang not in _WORDS:
        raise ValueError(f"unknown language {lang!r}; use 'id' or 'en'")
    head = head if head is not None else summary(con, as_of, filters)
    if head["as_of"] != as_of.isoformat():
        raise ValueError(f"the summary given is for {head['as_of']}, not {as_of}")
    comparison = comparison if comparison is not None else month_over_month(con, as_of, filters)
    rows = comparison.set_index("indikator")
    day, n = fmt.date(as_of, lang), lambda v: fmt.number(v, lang)
    active = head["active_workers"]
    if head["target"]:
        first = (f"Per {day}, {n(active)} pekerja rentan terlindungi, {fmt.percent(head['attainment_pct'], lang)}"
                 f" dari target {head['phase']} ({n(head['target'])} pekerja)." if lang == "id" else
                 f"As of {day}, {n(active)} vulnerable workers are covered, {fmt.percent(head['attainment_pct'], lang)}"
                 f" of the {head['phase']} target ({n(head['target'])} workers).")
    else:
        first = (f"Per {day}, {n(active)} pekerja rentan terlindungi." if lang == "id"
                 else f"As of {day}, {n(active)} vulnerable workers are covered.")
    new, lapsed = rows.loc["new_workers"], rows.loc["lapsed_workers"]
    flows = (f"Bulan ini {n(int(new['nilai']))} peserta baru dan {n(int(lapsed['nilai']))} berhenti (periode yang"
             f" sama bulan lalu: {n(int(new['pembanding']))} baru, {n(int(lapsed['pembanding']))} berhenti)."
             if lang == "id" else
             f"This month {n(int(new['nilai']))} workers joined and {n(int(lapsed['nilai']))} lapsed (same days last"
             f" month: {n(int(new['pembanding']))} joined, {n(int(lapsed['pembanding']))} lapsed).")
    paid, amount = int(rows.loc["claims_paid", "nilai"]), int(rows.loc["benefits_paid_rp", "nilai"])
    if paid == 0:
        claims = ("Belum ada klaim yang dibayar bulan ini." if lang == "id" else "No claims have been paid this month.")
    elif lang == "id":
        claims = f"{n(paid)} klaim dibayar bulan ini senilai {fmt.rupiah_short(amount, lang)}."
    else:
        claims = (f"{n(paid)} claim{'s were' if paid != 1 else ' was'} paid this month, worth"
                  f" {fmt.rupiah_short(amount, lang)}.")
    parts = [first, _coverage_sentence(rows.loc["active_workers"].to_dict(), lang), flows, claims]
    if head["pagu_rp"]:
        parts.append(f"Realisasi anggaran {fmt.percent(head['realisation_pct'], lang)} dari pagu"
                     f" {fmt.rupiah_short(head['pagu_rp'], lang)}." if lang == "id" else
                     f"Budget realisation is {fmt.percent(head['realisation_pct'], lang)} of the"
                     f" {fmt.rupiah_short(head['pagu_rp'], lang)} ceiling.")
    return " ".join(parts)
