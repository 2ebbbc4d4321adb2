"""Load step of the import pipeline: validated canonical frames into the store, in one transaction.

The demo generator and file imports both come through `load_import`, so the 1M-row demo and a 20-row
correction take the same path. Work is done on whole columns: the frame is registered as a staging
relation and merged with set-based SQL (update changed rows on the key, insert new ones).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from ..metrics import derived
from ..privacy import hash_niks
from ..store.sql import ident, scalar, upsert_statements

KINDS = ("peserta", "usulan", "klaim", "pelatihan", "pembayaran", "anggaran")

# Canonical columns of each kind after validation (what `load_import` expects).
CANONICAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "peserta": ("nik", "kpj", "jenis_kelamin", "tahun_lahir", "tgl_mulai", "tgl_akhir", "kecamatan_kode",
                "kelurahan_kode", "sektor", "desil", "sumber_usulan", "sumber_iuran", "iuran_rp"),
    "usulan": ("nik", "sumber_usulan", "tgl_usulan", "desil", "status_verifikasi", "alasan", "kecamatan_kode",
               "kelurahan_kode", "sektor"),
    "klaim": ("no_klaim", "pekerja_id", "program", "tgl_kejadian", "tgl_pengajuan", "tgl_bayar", "status",
              "nominal_rp"),
    "pelatihan": ("kode_pelatihan", "nama_pelatihan", "tgl_mulai", "tgl_selesai", "kecamatan_kode", "nik", "status"),
    "pembayaran": ("periode", "jumlah_peserta", "nominal_rp", "tgl_bayar"),
    "anggaran": ("tahap", "nama", "tgl_mulai", "tgl_akhir", "target_peserta", "pagu_rp"),
}

_STAGING = "staging_rows"
_ALLOWED = frozenset({
    _STAGING, "staging_periods", "staging_sessions", "staging_participants", "staging_phases",
    "pekerja", "kepesertaan", "usulan", "klaim", "pelatihan", "pelatihan_peserta", "pembayaran", "tahap",
    "pekerja_id", "nik_hash", "kpj", "jenis_kelamin", "tahun_lahir", "nik_wilayah", "tgl_mulai", "tgl_akhir",
    "kecamatan_kode", "kelurahan_kode", "sektor", "desil", "sumber_usulan", "sumber_iuran", "iuran_rp",
    "tgl_usulan", "status_verifikasi", "alasan", "no_klaim", "program", "tgl_kejadian", "tgl_pengajuan",
    "tgl_bayar", "status", "nominal_rp", "kode", "nama", "tgl_selesai", "kode_pelatihan", "periode",
    "jumlah_peserta", "target_peserta", "pagu_rp",
})


@dataclass(frozen=True)
class ImportResult:
    rows_read: int
    accepted: int
    rejected: int
    updated: int
    duplicate_file: bool
    import_id: int | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ImportSource:
    kind: str
    file_name: str
    sha256: str
    user: str
    rows_read: int
    sheet: str | None = None   # XLSX: the sheet read
    rows_skipped: int = 0      # rows under the header that were not data (totals, signature block…)


def previous_import(con: duckdb.DuckDBPyConnection, kind: str, sha256: str) -> int | None:
    """import_id of an earlier successful import of the same file content, if any."""
    return scalar(con, "SELECT min(import_id) FROM import_log WHERE kind = ? AND sha256 = ? AND status = 'ok'",
                  [kind, sha256])


def load_import(con: duckdb.DuckDBPyConnection, source: ImportSource, accepted: pd.DataFrame,
                rejected: pd.DataFrame, warnings: pd.DataFrame, *, nik_key: bytes,
                completeness: pd.DataFrame | None = None, refresh_derived: bool = True) -> ImportResult:
    """Write one import (accepted rows, quarantine, warnings, audit log) atomically.

    `rejected` has columns row_number, reason_code, reason, row_values (masked JSON) and optionally
    kecamatan_kode; `warnings` has row_number, code, message; `completeness` (optional) has kolom, terisi,
    total. Rows read, accepted, rejected and duplicated per kecamatan are recorded for kinds that carry one.
    Either all of it lands or none of it does. The metrics' derived tables are rebuilt in the same
    transaction (`refresh_derived=False` leaves that to the caller, e.g. the demo after its last import).
    """
    if source.kind not in KINDS:
        raise ValueError(f"unknown kind {source.kind!r}")
    missing = set(CANONICAL_COLUMNS[source.kind]) - set(accepted.columns)
    if missing:
        raise ValueError(f"{source.kind}: canonical columns missing: {sorted(missing)}")
    if previous_import(con, source.kind, source.sha256) is not None:
        return ImportResult(source.rows_read, 0, 0, 0, True, previous_import(con, source.kind, source.sha256))
    staged = _prepare(source.kind, accepted, nik_key)
    started = dt.datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        import_id = scalar(con, "SELECT coalesce(max(import_id), 0) + 1 FROM import_log")
        con.register(_STAGING, staged)
        try:
            updated = _LOADERS[source.kind](con, import_id)
        finally:
            con.unregister(_STAGING)
        if len(rejected):
            quarantine = rejected.assign(import_id=import_id)
            if "kecamatan_kode" not in quarantine:
                quarantine["kecamatan_kode"] = None
            quarantine = quarantine[["import_id", "row_number", "reason_code", "reason", "row_values",
                                     "kecamatan_kode"]]
            con.execute("INSERT INTO karantina (import_id, row_number, reason_code, reason, row_values, kecamatan_kode)"
                        " SELECT * FROM quarantine")
        if len(warnings):
            notes = warnings.assign(import_id=import_id)[["import_id", "row_number", "code", "message"]]
            con.execute("INSERT INTO import_catatan SELECT * FROM notes")
        if completeness is not None and len(completeness):
            filled = completeness.assign(import_id=import_id)[["import_id", "kolom", "terisi", "total"]]
            con.execute("INSERT INTO import_kelengkapan SELECT * FROM filled")
        areas = _by_kecamatan(accepted, rejected)
        if areas is not None and len(areas):
            areas = areas.assign(import_id=import_id)[["import_id", "kecamatan_kode", "rows_read", "accepted",
                                                       "rejected", "duplicates"]]
            con.execute("INSERT INTO import_wilayah SELECT * FROM areas")
        con.execute("INSERT INTO import_log (import_id, kind, file_name, sha256, imported_by, started_at, finished_at,"
                    " rows_read, accepted, rejected, updated, status, message, sheet, rows_skipped)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', NULL, ?, ?)",
                    [import_id, source.kind, source.file_name, source.sha256, source.user, started,
                     dt.datetime.now(), source.rows_read, len(accepted), len(rejected), updated, source.sheet,
                     source.rows_skipped])
        if refresh_derived:
            derived.refresh(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return ImportResult(source.rows_read, len(accepted), len(rejected), updated, False, import_id)


def _by_kecamatan(accepted: pd.DataFrame, rejected: pd.DataFrame) -> pd.DataFrame | None:
    """Rows read, accepted, rejected and duplicated per kecamatan (NULL: empty or unknown), for kinds whose rows
    carry one; None otherwise."""
    if "kecamatan_kode" not in accepted.columns:
        return None
    kept = pd.DataFrame({"kecamatan_kode": accepted["kecamatan_kode"].astype(object), "accepted": 1, "rejected": 0,
                         "duplicates": 0})
    codes = (rejected["kecamatan_kode"] if "kecamatan_kode" in rejected.columns
             else pd.Series(None, index=rejected.index))
    dropped = pd.DataFrame({"kecamatan_kode": codes.astype(object), "accepted": 0, "rejected": 1,
                            "duplicates": rejected["reason_code"].eq("DUPLIKAT_DALAM_FILE").astype("int64")
                            if len(rejected) else 0})
    rows = pd.concat([kept, dropped], ignore_index=True)
    if rows.empty:
        return None
    rows["rows_read"] = 1
    return rows.groupby("kecamatan_kode", dropna=False, sort=True)[
        ["rows_read", "accepted", "rejected", "duplicates"]].sum().reset_index()


def _prepare(kind: str, frame: pd.DataFrame, nik_key: bytes) -> pd.DataFrame:
    staged = frame[list(CANONICAL_COLUMNS[kind])].copy()
    if "nik" in staged:
        staged.insert(0, "nik_hash", hash_niks(nik_key, staged["nik"].astype("string")))
        if kind == "peserta":
            staged["nik_wilayah"] = staged["nik"].str[:4]
        staged = staged.drop(columns="nik")
    staged["source_order"] = range(len(staged))
    return staged


def _run_upsert(con, table: str, keys: tuple[str, ...], values: tuple[str, ...], import_id: int,
                staging: str = _STAGING) -> int:
    update, insert = upsert_statements(table, keys, values, staging, _ALLOWED)
    updated = scalar(con, update, [import_id])
    con.execute(insert, [import_id])
    return updated


def _load_peserta(con, import_id: int) -> int:
    # New workers get ids in order of first appearance, so a store's content does not depend on the NIK key.
    con.execute(
        "INSERT INTO pekerja SELECT (SELECT coalesce(max(pekerja_id), 0) FROM pekerja)"
        " + row_number() OVER (ORDER BY first_row), nik_hash, kpj, jenis_kelamin, tahun_lahir, nik_wilayah, ?"
        " FROM (SELECT nik_hash, min(source_order) AS first_row, arg_max(kpj, tgl_mulai) AS kpj,"
        "  any_value(jenis_kelamin) AS jenis_kelamin, any_value(tahun_lahir) AS tahun_lahir,"
        "  any_value(nik_wilayah) AS nik_wilayah FROM staging_rows GROUP BY nik_hash) AS s"
        " WHERE NOT EXISTS (SELECT 1 FROM pekerja AS p WHERE p.nik_hash = s.nik_hash)", [import_id])
    con.execute(
        "UPDATE pekerja AS p SET kpj = s.kpj FROM (SELECT nik_hash, arg_max(kpj, tgl_mulai) AS kpj FROM staging_rows"
        " WHERE kpj IS NOT NULL GROUP BY nik_hash) AS s WHERE p.nik_hash = s.nik_hash AND p.kpj IS DISTINCT FROM s.kpj")
    con.execute("CREATE OR REPLACE TEMP TABLE staging_periods AS SELECT p.pekerja_id, s.* EXCLUDE (nik_hash)"
                " FROM staging_rows AS s JOIN pekerja AS p USING (nik_hash)")
    try:
        return _run_upsert(con, "kepesertaan", ("pekerja_id", "tgl_mulai"),
                           ("tgl_akhir", "kecamatan_kode", "kelurahan_kode", "sektor", "desil", "sumber_usulan",
                            "sumber_iuran", "iuran_rp"), import_id, staging="staging_periods")
    finally:
        con.execute("DROP TABLE IF EXISTS staging_periods")


def _load_usulan(con, import_id: int) -> int:
    return _run_upsert(con, "usulan", ("nik_hash", "sumber_usulan", "tgl_usulan"),
                       ("desil", "status_verifikasi", "alasan", "kecamatan_kode", "kelurahan_kode", "sektor"),
                       import_id)


def _load_klaim(con, import_id: int) -> int:
    return _run_upsert(con, "klaim", ("no_klaim",),
                       ("pekerja_id", "program", "tgl_kejadian", "tgl_pengajuan", "tgl_bayar", "status",
                        "nominal_rp"), import_id)


def _load_pelatihan(con, import_id: int) -> int:
    con.execute("CREATE OR REPLACE TEMP TABLE staging_sessions AS SELECT kode_pelatihan AS kode,"
                " arg_max(nama_pelatihan, source_order) AS nama, arg_max(tgl_mulai, source_order) AS tgl_mulai,"
                " arg_max(tgl_selesai, source_order) AS tgl_selesai,"
                " arg_max(kecamatan_kode, source_order) AS kecamatan_kode FROM staging_rows GROUP BY kode_pelatihan")
    con.execute("CREATE OR REPLACE TEMP TABLE staging_participants AS"
                " SELECT kode_pelatihan, nik_hash, status FROM staging_rows WHERE nik_hash IS NOT NULL")
    try:
        sessions = _run_upsert(con, "pelatihan", ("kode",), ("nama", "tgl_mulai", "tgl_selesai", "kecamatan_kode"),
                               import_id, staging="staging_sessions")
        people = _run_upsert(con, "pelatihan_peserta", ("kode_pelatihan", "nik_hash"), ("status",), import_id,
                             staging="staging_participants")
        return max(sessions, people)
    finally:
        con.execute("DROP TABLE IF EXISTS staging_sessions")
        con.execute("DROP TABLE IF EXISTS staging_participants")


def _load_pembayaran(con, import_id: int) -> int:
    return _run_upsert(con, "pembayaran", ("periode",), ("jumlah_peserta", "nominal_rp", "tgl_bayar"), import_id)


def _load_anggaran(con, import_id: int) -> int:
    con.execute("CREATE OR REPLACE TEMP TABLE staging_phases AS SELECT tahap AS kode, nama, tgl_mulai, tgl_akhir,"
                " target_peserta, pagu_rp FROM staging_rows")
    try:
        return _run_upsert(con, "tahap", ("kode",), ("nama", "tgl_mulai", "tgl_akhir", "target_peserta", "pagu_rp"),
                           import_id, staging="staging_phases")
    finally:
        con.execute("DROP TABLE IF EXISTS staging_phases")


_LOADERS = {"peserta": _load_peserta, "usulan": _load_usulan, "klaim": _load_klaim, "pelatihan": _load_pelatihan,
            "pembayaran": _load_pembayaran, "anggaran": _load_anggaran}


def resolve_workers(con: duckdb.DuckDBPyConnection, nik_key: bytes, nik: pd.Series, kpj: pd.Series) -> pd.Series:
    """pekerja_id for each row, by NIK hash when a NIK is given, else by KPJ; <NA> when unknown."""
    lookup = pd.DataFrame({"row": range(len(nik)),
                           "nik_hash": hash_niks(nik_key, nik.fillna("").astype("string")).where(nik.notna()),
                           "kpj": kpj.astype("string")})
    found = con.execute(
        "SELECT l.row, coalesce(pn.pekerja_id, pk.pekerja_id) AS pekerja_id FROM lookup AS l"
        " LEFT JOIN pekerja AS pn ON pn.nik_hash = l.nik_hash"
        " LEFT JOIN (SELECT kpj, min(pekerja_id) AS pekerja_id FROM pekerja GROUP BY kpj) AS pk"
        "  ON l.nik_hash IS NULL AND pk.kpj = l.kpj ORDER BY l.row").df()
    return pd.Series(found["pekerja_id"].to_numpy(), index=nik.index).astype("Int64")


def masked_json(values: dict) -> str:
    return json.dumps(values, ensure_ascii=False, default=str)
