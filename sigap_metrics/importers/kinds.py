"""Per kind: the checks across columns, and the canonical frame the loader takes (load.CANONICAL_COLUMNS).
Each function receives the validation run (validate._Run) with the parsed values of every column."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .parsers import as_date32

DEFAULT_SUMBER_IURAN = "APBD"


def _check_peserta(run) -> None:
    run.order("TGL_MULAI", "TGL_AKHIR")
    run.area_pair()
    run.stated_identity()


def _check_usulan(run) -> None:
    run.area_pair()


def _check_klaim(run) -> None:
    run.extra["pekerja_id"] = run.workers()
    run.order("TGL_KEJADIAN", "TGL_PENGAJUAN")
    run.order("TGL_PENGAJUAN", "TGL_BAYAR")
    status, paid_on, amount = run.values["STATUS"], run.values["TGL_BAYAR"], run.values["NOMINAL"]
    run.issues.reject(status.eq("DIBAYAR") & paid_on.isna(), "DIBAYAR_TANPA_TANGGAL")
    run.issues.reject(status.eq("DIBAYAR") & amount.isna(), "DIBAYAR_TANPA_NOMINAL")
    run.issues.warn(status.notna() & status.ne("DIBAYAR") & paid_on.notna(), "TGL_BAYAR_BELUM_DIBAYAR", value=status)


def _check_pelatihan(run) -> None:
    run.order("TGL_MULAI", "TGL_SELESAI")
    run.issues.warn(run.values["NIK"].notna() & ~run.enrolled(), "PESERTA_BELUM_TERDAFTAR")


def _check_anggaran(run) -> None:
    run.order("TGL_MULAI", "TGL_AKHIR")


CHECKS = {"peserta": _check_peserta, "usulan": _check_usulan, "klaim": _check_klaim, "pelatihan": _check_pelatihan,
           "pembayaran": lambda run: None, "anggaran": _check_anggaran}


def _peserta_frame(run) -> pd.DataFrame:
    v = run.values
    birth = run.extra["birth_date"]
    return pd.DataFrame({
        "nik": v["NIK"], "kpj": v.get("KPJ", pd.Series(pd.NA, index=run.index, dtype="string")),
        "jenis_kelamin": pd.Series(np.where(run.extra["female"], "P", "L"), index=run.index, dtype="string"),
        "tahun_lahir": birth.dt.year.astype("Int16"),
        "tgl_mulai": as_date32(v["TGL_MULAI"]), "tgl_akhir": as_date32(v["TGL_AKHIR"]),
        "kecamatan_kode": v["KECAMATAN"], "kelurahan_kode": v["KELURAHAN"], "sektor": v["PEKERJAAN"],
        "desil": _optional(run, "DESIL", "Int8"), "sumber_usulan": _optional(run, "SUMBER_USULAN", "string"),
        "sumber_iuran": _optional(run, "SUMBER_IURAN", "string").str.upper().fillna(DEFAULT_SUMBER_IURAN),
        "iuran_rp": _optional(run, "IURAN", "Int64"),
    })


def _optional(run, header: str, dtype: str) -> pd.Series:
    if header in run.values:
        return run.values[header].astype(dtype)
    return pd.Series(pd.NA, index=run.index, dtype=dtype)


def _usulan_frame(run) -> pd.DataFrame:
    v = run.values
    return pd.DataFrame({
        "nik": v["NIK"], "sumber_usulan": v["SUMBER_USULAN"], "tgl_usulan": as_date32(v["TGL_USULAN"]),
        "desil": v["DESIL"].astype("Int8"), "status_verifikasi": v["STATUS_VERIFIKASI"],
        "alasan": _optional(run, "ALASAN", "string"), "kecamatan_kode": v["KECAMATAN"],
        "kelurahan_kode": v["KELURAHAN"], "sektor": v["PEKERJAAN"]})


def _klaim_frame(run) -> pd.DataFrame:
    v = run.values
    return pd.DataFrame({
        "no_klaim": v["NO_KLAIM"], "pekerja_id": run.extra["pekerja_id"], "program": v["PROGRAM"],
        "tgl_kejadian": as_date32(v["TGL_KEJADIAN"]), "tgl_pengajuan": as_date32(v["TGL_PENGAJUAN"]),
        "tgl_bayar": as_date32(v["TGL_BAYAR"]), "status": v["STATUS"], "nominal_rp": v["NOMINAL"].astype("Int64")})


def _pelatihan_frame(run) -> pd.DataFrame:
    v = run.values
    return pd.DataFrame({
        "kode_pelatihan": v["KODE_PELATIHAN"], "nama_pelatihan": v["NAMA_PELATIHAN"],
        "tgl_mulai": as_date32(v["TGL_MULAI"]), "tgl_selesai": as_date32(v["TGL_SELESAI"]),
        "kecamatan_kode": v["KECAMATAN"], "nik": v["NIK"], "status": v["STATUS"]})


def _pembayaran_frame(run) -> pd.DataFrame:
    v = run.values
    return pd.DataFrame({"periode": as_date32(v["PERIODE"]), "jumlah_peserta": v["JUMLAH_PESERTA"].astype("Int32"),
                         "nominal_rp": v["NOMINAL"].astype("Int64"), "tgl_bayar": as_date32(v["TGL_BAYAR"])})


def _anggaran_frame(run) -> pd.DataFrame:
    v = run.values
    name = _optional(run, "NAMA_TAHAP", "string")
    return pd.DataFrame({
        "tahap": v["TAHAP"], "nama": name.fillna(v["TAHAP"]), "tgl_mulai": as_date32(v["TGL_MULAI"]),
        "tgl_akhir": as_date32(v["TGL_AKHIR"]), "target_peserta": v["TARGET_PESERTA"].astype("Int64"),
        "pagu_rp": v["PAGU"].astype("Int64")})


CANONICAL = {"peserta": _peserta_frame, "usulan": _usulan_frame, "klaim": _klaim_frame, "pelatihan": _pelatihan_frame,
              "pembayaran": _pembayaran_frame, "anggaran": _anggaran_frame}
