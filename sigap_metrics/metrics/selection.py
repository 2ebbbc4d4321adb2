"""Selection: the funnel from proposal to active coverage, and targeting accuracy by welfare decile (desil).

Funnel stages, per person proposed (usulan, matched to workers by the NIK hash), counted at `as_of`:
diusulkan (a proposal dated on or before as_of) → terverifikasi (a proposal with status LOLOS) →
terdaftar (verified and registered with BPJS-TK: a coverage period started) → aktif (verified and covered
on as_of). Each stage is a subset of the one before. A person proposed twice counts once, with the
attributes (area, sector, desil, agency) of their latest proposal.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from . import daily, derived
from .filters import NO_FILTERS, Filters
from .query import aggregate, pct_column

FUNNEL_STAGES = ("diusulkan", "terverifikasi", "terdaftar", "aktif")
# Proposals carry area, sector, desil and agency, not sex, age or funding source.
FUNNEL_FILTERS = ("kecamatan", "kelurahan", "sektor", "desil", "sumber_usulan")

_PROPOSED = "SELECT * FROM calon WHERE tgl_usulan_pertama <= ?"
_STAGE_COUNTS = ("count(*) AS diusulkan, count(*) FILTER (WHERE k.tgl_lolos_pertama <= ?) AS terverifikasi,"
                 " count(*) FILTER (WHERE k.tgl_lolos_pertama <= ? AND k.tgl_terdaftar <= ?) AS terdaftar")
# Verified candidates whose worker is covered on the date (an inner join: far cheaper than marking all).
_VERIFIED_ACTIVE = ("SELECT c.* FROM calon AS c JOIN (SELECT pekerja_id FROM cakupan WHERE milik_mulai <= ?"
                    " AND tgl_akhir >= ?) AS a USING (pekerja_id) WHERE c.tgl_lolos_pertama <= ?")


def funnel_counts(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
                  by: str | None = None) -> pd.DataFrame:
    """The four stage counts as columns (diusulkan, terverifikasi, terdaftar, aktif), optionally by a
    dimension of the proposal (kecamatan, kelurahan, sektor, desil, sumber_usulan)."""
    filters.require(FUNNEL_FILTERS, "the selection funnel")
    if by is not None and by not in FUNNEL_FILTERS:
        raise ValueError(f"the selection funnel cannot be broken down by {by}; choose one of {FUNNEL_FILTERS}")
    where = daily.selection(con, filters, daily.FUNNEL_KEYS) if by is None else None
    if where is not None:
        got = daily.totals_through(con, as_of, ("diusulkan", "terverifikasi", "terdaftar", "calon_aktif"), where)
        return pd.DataFrame({stage: pd.Series([got["calon_aktif" if stage == "aktif" else stage]], dtype="int64")
                             for stage in FUNNEL_STAGES})
    prefix, prefix_params = derived.with_clause(con)
    common = dict(filters=filters, by=by, ref_date=as_of, prefix=prefix, prefix_params=prefix_params)
    stages = aggregate(con, _PROPOSED, [as_of], _STAGE_COUNTS, measure_params=[as_of] * 3, **common)
    active = aggregate(con, _VERIFIED_ACTIVE, [as_of] * 3, "count(*) AS aktif", **common)
    if by is None:
        stages["aktif"] = active["aktif"].to_numpy()
        return stages
    table = stages.merge(active, on=by, how="left")
    table["aktif"] = table["aktif"].fillna(0).astype("int64")
    return table


def funnel(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> pd.DataFrame:
    """The selection funnel as rows (`tahap` in FUNNEL_STAGES order, `jumlah`), with each stage as a share of
    those proposed (`persen_dari_usulan`) and of the stage before (`persen_dari_sebelumnya`)."""
    row = funnel_counts(con, as_of, filters).iloc[0]
    counts = pd.Series([int(row[stage]) for stage in FUNNEL_STAGES], dtype="int64")
    previous = pd.Series([counts.iloc[0]] + counts.iloc[:-1].tolist(), dtype="int64")
    return pd.DataFrame({"tahap": pd.Series(FUNNEL_STAGES, dtype="string"), "jumlah": counts,
                         "persen_dari_usulan": pct_column(counts, pd.Series([counts.iloc[0]] * len(counts))),
                         "persen_dari_sebelumnya": pct_column(counts, previous)})


_ACTIVE = "SELECT * FROM cakupan WHERE milik_mulai <= ? AND tgl_akhir >= ?"
_DECILES = ("count(*) AS aktif, count(*) FILTER (WHERE k.desil BETWEEN 1 AND 3) AS desil_1_3,"
            " count(*) FILTER (WHERE k.desil BETWEEN 4 AND 5) AS desil_4_5,"
            " count(*) FILTER (WHERE k.desil NOT BETWEEN 1 AND 5) AS di_luar_desil_1_5,"
            " count(*) FILTER (WHERE k.desil IS NULL) AS desil_kosong")


def targeting(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
              by: str | None = None) -> pd.DataFrame:
    """Targeting accuracy of the workers active on `as_of`: how many are in desil 1–3 (the priority), 4–5,
    outside 1–5 (not eligible) or have no desil recorded, and the shares of those with a known desil
    (`desil_1_3_pct`, `di_luar_desil_1_5_pct`)."""
    prefix, prefix_params = derived.with_clause(con)
    frame = aggregate(con, _ACTIVE, [as_of, as_of], _DECILES, filters=filters, by=by, ref_date=as_of, prefix=prefix,
                      prefix_params=prefix_params)
    known = frame["aktif"] - frame["desil_kosong"]
    frame["desil_1_3_pct"] = pct_column(frame["desil_1_3"], known)
    frame["di_luar_desil_1_5_pct"] = pct_column(frame["di_luar_desil_1_5"], known)
    return frame
