"""Output columns declared once: name → label (a text-store key), unit and precision.

Every table the dashboard shows or offers for download, the charts drawn from those tables, the budget
workbook, the monthly brief and open data take their headers and number formats from here, so a column
looks the same wherever it appears (Rp on every page, shares as percent 0–100 everywhere). Pages name the
columns they show (`table(frame, names, lang)`, `formats(names, lang)`); nothing else.

A column whose label differs by context (the `nama` of an area, of a phase, of an indicator) has an entry of
its own that names the frame column it shows (`source`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from . import fmt
from .i18n import t
from .reference import AGENCIES, SECTORS, area_name, funding_name

UNITS = ("count", "rupiah", "percent", "ratio", "date", "month", "text")   # percent: 0–100, never 0–1
DEFAULT_PRECISION = {"percent": 1, "ratio": 1}


@dataclass(frozen=True)
class Column:
    name: str
    label: str                 # text-store key of its header
    unit: str = "text"         # one of UNITS
    precision: int | None = None   # decimals shown (default: 1 for percent and ratio, else 0)
    source: str | None = None  # the frame column it shows, when not `name`

    @property
    def of(self) -> str:
        return self.source or self.name

    @property
    def decimals(self) -> int:
        return DEFAULT_PRECISION.get(self.unit, 0) if self.precision is None else self.precision

    def title(self, lang: str) -> str:
        return t(self.label, lang)

    def show(self, value, lang: str) -> str:
        return format_value(value, self.unit, lang, self.decimals)


def _declare(*entries: tuple) -> dict[str, Column]:
    declared = {}
    for entry in entries:
        column = Column(*entry)
        if column.name in declared:
            raise ValueError(f"column {column.name!r} declared twice")
        if column.unit not in UNITS:
            raise ValueError(f"column {column.name!r}: unit {column.unit!r} unknown; use one of {UNITS}")
        declared[column.name] = column
    return declared


COLUMNS: dict[str, Column] = _declare(
    # groups and codes (shown as names, see `code_label`)
    ("kecamatan", "filter_kecamatan"), ("kecamatan_kode", "filter_kecamatan"),
    ("wilayah_kode", "col_area", "text", None, "kecamatan_kode"),
    ("sektor", "filter_sektor"), ("jenis_kelamin", "filter_jenis_kelamin"), ("kelompok_umur", "filter_kelompok_umur"),
    ("desil", "filter_desil"), ("sumber_iuran", "filter_sumber_iuran"), ("sumber_usulan", "filter_sumber_usulan"),
    ("program", "col_program"), ("status", "col_status"), ("tahap", "col_stage"), ("indikator", "col_indicator"),
    ("nama_wilayah", "col_area", "text", None, "nama"), ("kode", "col_code"),
    ("nama_tahap", "col_phase", "text", None, "nama"),
    # workers and coverage
    ("aktif", "active_workers", "count"), ("persen", "col_share", "percent"),
    ("baru_bulan_ini", "new_this_month", "count"), ("berhenti_bulan_ini", "lapsed_this_month", "count"),
    ("penduduk", "col_residents", "count"), ("per_1000", "col_per_1000", "ratio", 2),
    ("capaian_alokasi_pct", "col_allocation_pct", "percent"), ("alokasi_target", "col_target_allocation", "count"),
    ("tanggal", "col_date", "date"), ("target", "col_target", "count"), ("perkiraan", "col_forecast", "count"),
    ("bawah", "col_lower", "count"), ("atas", "col_upper", "count"),
    ("lintasan_dibutuhkan", "col_needed_path", "count"),
    ("jumlah", "col_people", "count"), ("persen_dari_usulan", "col_pct_of_proposed", "percent"),
    ("persen_dari_sebelumnya", "col_pct_of_previous", "percent"),
    ("nilai", "col_value", "count"), ("pembanding", "col_previous", "count"), ("selisih", "col_change", "count"),
    ("perubahan_pct", "col_change_pct", "percent"),
    ("kohort", "col_cohort", "month"), ("kohort_peserta", "col_cohort_size", "count", None, "peserta"),
    ("bertahan_6", "col_retained_6", "count"), ("retensi_6_pct", "col_retention_6", "percent"),
    ("bertahan_12", "col_retained_12", "count"), ("retensi_12_pct", "col_retention_12", "percent"),
    ("desil_1_3", "col_desil_1_3", "count"), ("desil_4_5", "col_desil_4_5", "count"),
    ("di_luar_desil_1_5", "col_outside_1_5", "count"), ("desil_kosong", "col_desil_missing", "count"),
    ("desil_1_3_pct", "col_desil_1_3_pct", "percent"), ("di_luar_desil_1_5_pct", "col_outside_1_5_pct", "percent"),
    # claims
    ("klaim", "col_claims", "count"), ("nominal_rp", "col_amount_rp", "rupiah"),
    ("klaim_dibayar", "col_claims_paid", "count"), ("manfaat_rp", "col_benefits_rp", "rupiah"),
    ("median_hari", "col_median_days", "ratio"), ("rata_rata_hari", "col_mean_days", "ratio"),
    ("no_klaim", "col_claim_no"), ("tgl_kejadian", "col_incident_date", "date"),
    ("tgl_pengajuan", "col_filed_date", "date"), ("tgl_bayar", "col_paid_date", "date"),
    ("hari_di_luar", "col_days_outside", "count"),
    # training
    ("terlatih", "col_trained", "count"), ("terlatih_pct", "col_trained_pct", "percent"),
    ("sesi", "col_sessions", "count"), ("peserta", "col_participants", "count"), ("orang", "training_people", "count"),
    ("lulus", "col_passed", "count"), ("tidak_lulus", "col_failed", "count"),
    ("kelulusan_pct", "col_completion_pct", "percent"),
    # budget
    ("bulan", "col_month", "month"), ("pekerja_bulan", "col_worker_months", "count"), ("tarif", "col_rate", "rupiah"),
    ("iuran_rp", "col_premiums_rp", "rupiah"), ("kumulatif_rp", "col_cumulative_rp", "rupiah"),
    ("proyeksi_kumulatif_rp", "col_projected_rp", "rupiah"), ("pagu_rp", "col_pagu_rp", "rupiah"),
    ("tgl_mulai", "col_start", "date"), ("tgl_akhir", "col_end", "date"),
    ("target_peserta", "col_target_workers", "count"), ("realisasi_pct", "col_realisation_pct", "percent"),
    ("dibayar_rp", "col_paid_rp", "rupiah"), ("pekerja", "col_workers", "count"), ("biaya_rp", "col_cost_rp", "rupiah"),
    # open data (release tables) whose names differ from the dashboard's
    ("pekerja_aktif", "active_workers", "count"), ("per_1000_penduduk", "col_per_1000", "ratio", 2),
    ("capaian_pct", "attainment_pct", "percent"), ("per_tanggal", "as_of", "date"),
    # the budget workbook's wording where it says more than the dashboard's
    ("tahap_bulan", "col_phase", "text", None, "tahap"), ("jenis", "col_kind"),
    ("kumulatif_tahun_rp", "col_cumulative", "rupiah", None, "kumulatif_rp"),
    ("kumulatif_skenario_rp", "col_running", "rupiah", None, "kumulatif_rp"),
    ("iuran_sd_bulan_rp", "col_premium_to_date", "rupiah", None, "iuran_rp"),
    ("realisasi_pagu_pct", "col_realisation", "percent", None, "realisasi_pct"),
    ("sisa_rp", "col_remaining", "rupiah"), ("tagihan_dibayar_rp", "col_invoices_paid", "rupiah", None, "dibayar_rp"),
    ("diajukan_jkk", "col_filed_jkk", "count"), ("diajukan_jkm", "col_filed_jkm", "count"),
    ("dibayar", "col_claims_paid", "count"),
    ("rasio", "col_ratio", "ratio", 2), ("nilai_klaim_rp", "col_amount", "rupiah", None, "nominal_rp"),
    ("istilah", "col_term", "text", None, "nama"), ("definisi", "col_definition"),
    # the catalogue as a table
    ("kode_indikator", "col_key", "text", None, "kode"), ("nama", "col_name"), ("nama_lain", "col_name_other"),
    ("deskripsi", "col_description"), ("rumus", "col_formula"), ("satuan", "col_unit"),
    ("rincian", "col_breakdowns"), ("halaman", "def_pages"), ("publik", "col_public"),
    # imports and data quality
    ("row_number", "col_row", "count"), ("reason_code", "col_reason_code"), ("reason", "col_reason"),
    ("import_id", "col_import_id"), ("kind", "col_kind"), ("file_name", "col_file"), ("imported_by", "col_by"),
    ("started_at", "col_when"), ("rows_read", "col_rows_read", "count"), ("accepted", "col_accepted", "count"),
    ("rejected", "col_rejected", "count"), ("updated", "col_updated", "count"), ("warned", "col_warned", "count"),
    ("rejected_share", "col_rejected_share", "percent"), ("duplicate_rate", "col_duplicate_rate", "percent"),
    ("completeness", "col_completeness", "percent"), ("duplicates", "col_duplicates", "count"),
    ("records", "col_records", "count"), ("kolom", "col_field"), ("terisi", "col_filled", "count"),
    ("total", "col_rows_read", "count"), ("share", "col_completeness", "percent"),
)


def column(name: str) -> Column:
    try:
        return COLUMNS[name]
    except KeyError:
        raise KeyError(f"output column {name!r} is not declared in sigap_metrics.columns.COLUMNS") from None


def label(name: str, lang: str) -> str:
    return column(name).title(lang)


def unit(name: str) -> str:
    return column(name).unit


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_value(value, unit: str, lang: str, decimals: int = 0) -> str:
    """A value as text in `lang` for a unit of UNITS; '–' for no value."""
    if _missing(value):
        return "–"
    if unit in ("count", "ratio"):
        return fmt.number(value, lang, decimals)
    if unit == "percent":
        return fmt.percent(value, lang, decimals)
    if unit == "rupiah":
        return fmt.rupiah(value, lang)
    if unit == "date":
        return fmt.date(value, lang)
    if unit == "month":
        return fmt.date(value, lang, "short_month")
    return str(value)


def formatter(name: str, lang: str) -> Callable[[object], str]:
    """Value → text for the column `name`."""
    declared = column(name)
    return lambda value: declared.show(value, lang)


def code_label(source: str, lang: str) -> Callable[[object], str] | None:
    """How to show the codes of a frame column (kecamatan code → name, L → Laki-laki…), or None."""
    sectors = {s.kode: (s.nama_id if lang == "id" else s.nama_en) for s in SECTORS}
    agencies = {a.kode: (a.nama_id if lang == "id" else a.nama_en) for a in AGENCIES}
    unknown = t("unknown", lang)

    def known(show):
        return lambda code: unknown if _missing(code) else show(code)

    area = known(lambda code: _safe(area_name, code))
    labels = {
        "kecamatan": area, "kelurahan": area, "kecamatan_kode": area, "kelurahan_kode": area,
        "sektor": known(lambda c: sectors.get(c, str(c))),
        "jenis_kelamin": known(lambda c: t("sex_" + c, lang) if c in ("L", "P") else str(c)),
        "program": known(str), "kelompok_umur": known(str), "desil": known(lambda c: str(int(c))),
        "sumber_iuran": known(lambda c: funding_name(c, lang)),
        "sumber_usulan": known(lambda c: agencies.get(c, str(c))),
        "tahap": known(lambda c: t("stage_" + c, lang)),
        "indikator": known(lambda c: t("mom_" + c, lang)),
        "status": known(lambda c: t("claim_status_" + c, lang)),
    }
    return labels.get(source)


def _safe(lookup, code):
    try:
        return lookup(code)
    except KeyError:
        return str(code)


def table(frame: pd.DataFrame, names: Iterable[str], lang: str) -> pd.DataFrame:
    """The output columns `names` of `frame`, in that order, headed with their labels in `lang`; code columns
    (kecamatan, sektor, jenis_kelamin…) shown as names. Values stay raw (numbers sort and download as numbers)."""
    out = pd.DataFrame(index=frame.index)
    for name in names:
        declared = column(name)
        values = frame[declared.of]
        codes = code_label(declared.of, lang)
        if codes is not None:
            values = values.astype(object).map(codes)
        out[declared.title(lang)] = values
    return out.reset_index(drop=True)


def formats(names: Iterable[str], lang: str) -> dict[str, Callable[[object], str]]:
    """{label in `lang`: value → text} for the columns `names` that have a unit other than text."""
    return {column(name).title(lang): formatter(name, lang) for name in names if column(name).unit != "text"}


def labels(names: Iterable[str], lang: str) -> dict[str, str]:
    """{name: label in `lang`}: the headers a chart builder is given for the columns of a `table`."""
    return {name: label(name, lang) for name in names}

