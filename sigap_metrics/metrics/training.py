"""Skills training (pelatihan): sessions, participants, completion, and the share of active workers trained.

A participant is matched to a worker by the NIK hash and takes the attributes of that worker's coverage
period on the session's first day (the earliest-starting period covering it, else the latest started
before it, else the first one). Participants matched to no worker count in totals, in no group.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from . import derived
from .filters import NO_FILTERS, Filters
from .query import aggregate, pct_column

_TRAINING = ("count(DISTINCT k.kode_pelatihan) AS sesi, count(*) AS peserta, count(DISTINCT k.nik_hash) AS orang,"
             " count(*) FILTER (WHERE k.status = 'TERDAFTAR') AS terdaftar,"
             " count(*) FILTER (WHERE k.status = 'LULUS') AS lulus,"
             " count(*) FILTER (WHERE k.status = 'TIDAK LULUS') AS tidak_lulus")


def training(con: duckdb.DuckDBPyConnection, start: dt.date, end: dt.date, filters: Filters = NO_FILTERS,
             by: str | None = None) -> pd.DataFrame:
    """Training sessions starting within [start, end]: sessions with at least one participant (`sesi`; a
    session with participants from several groups counts in each, so sessions do not add up across groups),
    participations (`peserta`), distinct people (`orang`), results (terdaftar = enrolled, result pending;
    lulus; tidak_lulus), finished (`selesai` = lulus + tidak_lulus) and the completion rate
    (`kelulusan_pct` = lulus ÷ selesai × 100)."""
    prefix, prefix_params = derived.with_clause(con)
    frame = aggregate(con, "SELECT * FROM peserta_profil WHERE sesi_mulai BETWEEN ? AND ?", [start, end], _TRAINING,
                      filters=filters, by=by, ref_date=end, prefix=prefix, prefix_params=prefix_params)
    frame["selesai"] = frame["lulus"] + frame["tidak_lulus"]
    frame["kelulusan_pct"] = pct_column(frame["lulus"], frame["selesai"])
    return frame


_TRAINED = ("SELECT a.*, t.pekerja_id IS NOT NULL AS terlatih FROM"
            " (SELECT * FROM cakupan WHERE milik_mulai <= ? AND tgl_akhir >= ?) AS a LEFT JOIN"
            " (SELECT DISTINCT pekerja_id FROM peserta_profil WHERE status = 'LULUS' AND sesi_selesai <= ?"
            "  AND pekerja_id IS NOT NULL) AS t USING (pekerja_id)")


def trained_share(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS,
                  by: str | None = None) -> pd.DataFrame:
    """Workers active on `as_of` (`aktif`), those among them who passed (LULUS) a training session that ended
    on or before `as_of` (`terlatih`), and the share (`terlatih_pct`)."""
    prefix, prefix_params = derived.with_clause(con)
    frame = aggregate(con, _TRAINED, [as_of, as_of, as_of],
                      "count(*) AS aktif, count(*) FILTER (WHERE k.terlatih) AS terlatih", filters=filters, by=by,
                      ref_date=as_of, prefix=prefix, prefix_params=prefix_params)
    frame["terlatih_pct"] = pct_column(frame["terlatih"], frame["aktif"])
    return frame
