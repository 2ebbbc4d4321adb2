"""Data quality of the imports (DESIGN §5 "Data quality"): rejected share, completeness per field, duplicate
rate, per import and per kecamatan. Every function takes a connection and returns a tidy DataFrame.

Definitions
- rejected share of an import = rows rejected ÷ rows read (blank lines are not rows).
- duplicate rate = rows rejected because their key repeats an earlier row of the same file ÷ rows read.
- completeness of a field in an import = rows where the column held a value ÷ rows read; a column missing from
  the file counts as empty. An import's completeness is the mean over the fields of its kind that are stored
  (personal fields such as names are read but not stored, so not counted).
- per kecamatan: the same counts summed over the imports asked for (default: every import of the kind), by the
  kecamatan written on each row (rows whose kecamatan was empty or unknown are grouped as "tidak diketahui");
  completeness per kecamatan is measured on the records now in the store.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from ..reference import KECAMATAN
from ..store.sql import ident

# The kinds of data import (importers.load.KINDS; repeated so metrics do not depend on the importers).
KINDS = ("peserta", "usulan", "klaim", "pelatihan", "pembayaran", "anggaran")
SHARES = ("rejected_share", "duplicate_rate", "completeness", "share")
UNKNOWN_KECAMATAN = "tidak diketahui"
KINDS_WITH_KECAMATAN = ("peserta", "usulan", "pelatihan")
# Optional fields of the stored records whose filling is measured per kecamatan (table → columns).
STORED_OPTIONAL: dict[str, tuple[str, ...]] = {
    "peserta": ("kelurahan_kode", "desil", "sumber_usulan", "iuran_rp", "kpj"),
    "usulan": ("kelurahan_kode", "sektor", "desil"),
}
_STORED_SQL = {  # the kind's current records with their kecamatan (constant SQL, no user input)
    "peserta": "SELECT k.*, p.kpj FROM kepesertaan AS k JOIN pekerja AS p USING (pekerja_id)",
    "usulan": "SELECT * FROM usulan",
}
_ALLOWED = frozenset(c for columns in STORED_OPTIONAL.values() for c in columns)


def import_scores(con: duckdb.DuckDBPyConnection, kind: str | None = None) -> pd.DataFrame:
    """One row per data import (newest first): counts, rejected share, duplicate rate, warned rows and mean
    completeness. Boundary loads are not data imports and are left out."""
    kinds = [kind] if kind else list(KINDS)
    frame = con.execute(
        "SELECT l.import_id, l.kind, l.file_name, l.imported_by, l.started_at, l.rows_read, l.accepted, l.rejected,"
        " l.updated,"
        " (SELECT count(*) FROM karantina AS q WHERE q.import_id = l.import_id"
        "   AND q.reason_code = 'DUPLIKAT_DALAM_FILE') AS duplicates,"
        " (SELECT count(DISTINCT c.row_number) FROM import_catatan AS c WHERE c.import_id = l.import_id) AS warned,"
        " (SELECT avg(f.terisi / f.total) FROM import_kelengkapan AS f WHERE f.import_id = l.import_id"
        "   AND f.total > 0) AS completeness"
        " FROM import_log AS l WHERE l.status = 'ok' AND list_contains(?, l.kind) ORDER BY l.import_id DESC",
        [kinds]).df()
    read = frame["rows_read"].where(frame["rows_read"] > 0)
    frame.insert(frame.columns.get_loc("updated") + 1, "rejected_share", (frame["rejected"] / read).fillna(0.0))
    frame.insert(frame.columns.get_loc("duplicates") + 1, "duplicate_rate", (frame["duplicates"] / read).fillna(0.0))
    return frame


def field_completeness(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    """Per stored field of one import: rows with a value, rows read, and the share."""
    frame = con.execute("SELECT kolom, terisi, total FROM import_kelengkapan WHERE import_id = ? ORDER BY rowid",
                        [import_id]).df()
    frame["share"] = (frame["terisi"] / frame["total"].where(frame["total"] > 0)).fillna(0.0)
    return frame


def kecamatan_scores(con: duckdb.DuckDBPyConnection, kind: str = "peserta",
                     import_ids: list[int] | None = None) -> pd.DataFrame:
    """Per kecamatan (all 12, then "tidak diketahui" if any row had no known kecamatan): rows read, accepted,
    rejected and duplicated over the imports, rejected share, duplicate rate, and the completeness of the
    optional fields of the kind's records now stored there. Kinds: those whose rows carry a kecamatan."""
    if kind not in KINDS_WITH_KECAMATAN:
        raise ValueError(f"{kind!r} rows carry no kecamatan; kinds: {', '.join(KINDS_WITH_KECAMATAN)}")
    if import_ids is None:
        rows = con.execute("SELECT import_id FROM import_log WHERE kind = ? AND status = 'ok'", [kind]).fetchall()
        import_ids = [r[0] for r in rows]
    ids = import_ids
    counts = con.execute(
        "SELECT kecamatan_kode, sum(rows_read) AS rows_read, sum(accepted) AS accepted, sum(rejected) AS rejected,"
        " sum(duplicates) AS duplicates FROM import_wilayah WHERE list_contains(?, import_id) GROUP BY kecamatan_kode",
        [ids]).df()
    areas = pd.DataFrame({"kecamatan_kode": [a.kode for a in KECAMATAN], "kecamatan": [a.nama for a in KECAMATAN]})
    frame = areas.merge(counts, on="kecamatan_kode", how="left")
    unknown = counts[counts["kecamatan_kode"].isna()]
    if len(unknown):
        frame = pd.concat([frame, unknown.assign(kecamatan=UNKNOWN_KECAMATAN)], ignore_index=True)
    for column in ("rows_read", "accepted", "rejected", "duplicates"):
        frame[column] = frame[column].fillna(0).astype("int64")
    read = frame["rows_read"].where(frame["rows_read"] > 0)
    frame["rejected_share"] = (frame["rejected"] / read).fillna(0.0)
    frame["duplicate_rate"] = (frame["duplicates"] / read).fillna(0.0)
    if kind in STORED_OPTIONAL:
        stored = stored_completeness(con, kind)
        mean = stored.groupby("kecamatan_kode")["share"].mean().rename("completeness")
        records = stored.groupby("kecamatan_kode")["records"].first().rename("records")
        frame = frame.merge(pd.concat([records, mean], axis=1).reset_index(), on="kecamatan_kode", how="left")
        frame["records"] = frame["records"].fillna(0).astype("int64")
    return frame


def stored_completeness(con: duckdb.DuckDBPyConnection, kind: str = "peserta") -> pd.DataFrame:
    """Per kecamatan and optional field of the kind's current records: records, records with a value, share.
    Only kecamatan with records appear."""
    if kind not in STORED_OPTIONAL:
        raise ValueError(f"no stored completeness for {kind!r}; kinds: {', '.join(STORED_OPTIONAL)}")
    columns = STORED_OPTIONAL[kind]
    filled = ", ".join(f"count({ident(c, _ALLOWED)}) AS {ident(c, _ALLOWED)}" for c in columns)
    # Column names from the allow-list through ident(); the inner query is a constant of this module.
    sql = ("SELECT kecamatan_kode, count(*) AS records, " + filled + " FROM (" + _STORED_SQL[kind] + ")"
           " WHERE kecamatan_kode IS NOT NULL GROUP BY kecamatan_kode ORDER BY kecamatan_kode")
    wide = con.execute(sql).df()
    long = wide.melt(id_vars=["kecamatan_kode", "records"], value_vars=list(columns), var_name="kolom",
                     value_name="terisi")
    long["share"] = long["terisi"] / long["records"]
    return long.sort_values(["kecamatan_kode", "kolom"], ignore_index=True)


def as_percent(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with the share columns (0–1) as percentages (0–100), for display."""
    out = frame.copy()
    for column in SHARES:
        if column in out:
            out[column] = out[column] * 100
    return out
