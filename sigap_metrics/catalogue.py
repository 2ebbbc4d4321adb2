"""The indicator catalogue (DESIGN §5): every indicator declared once, as data.

Each entry names the function that computes it and the column holding its value, its unit, its name,
description and formula in Indonesian and English, the breakdowns and filters it accepts, the pages that
show it and whether the public page may publish it (aggregates only, after suppression). The catalogue
is validated when this module is imported; a mistake raises CatalogueError saying how to fix it.

Pages, the public page, the CLI and exports read labels and units from here; `Indicator.compute` calls any
entry the same way: compute(con, as_of=…, start=…, end=…, filters=…, by=…).
"""
from __future__ import annotations

import datetime as dt
import inspect
import re
from dataclasses import dataclass, field
from typing import Callable

import duckdb
import pandas as pd

from . import columns, fmt
from .metrics import SUMMARY_KEYS, brief, budget, claims, coverage, forecast, quality, scenario, selection, training
from .metrics import breakdown as breakdowns
from .metrics.filters import DIMENSIONS, NO_FILTERS, Filters, month_start

UNITS = ("count", "percent", "rupiah", "days", "ratio", "date", "per_1000", "per_week")
# How an indicator's function takes its time argument: a date (as_of), a period (start, end), both, or none
# (data quality describes imports, not a date).
PERIODS = ("date", "range", "range_as_of", "none")
# What a call returns: one value (a row, or a row per group with `by`), a time series, or a table of rows.
SHAPES = ("value", "series", "table")
PAGES = ("ringkasan", "peta", "sektor", "klaim", "anggaran", "pelatihan", "transparansi", "data", "definisi")
LANGS = ("id", "en")
ALL = tuple(DIMENSIONS)
AREA_ETC = ("kecamatan", "kelurahan", "sektor", "desil", "sumber_usulan")


class CatalogueError(ValueError):
    """The catalogue is inconsistent; the message lists each problem and how to fix it."""


@dataclass(frozen=True)
class Indicator:
    key: str
    name: dict[str, str]              # {"id": …, "en": …}
    description: dict[str, str]
    formula: dict[str, str]           # the definition in words
    unit: str                         # one of UNITS
    function: Callable[..., pd.DataFrame]
    column: str                       # the value's column in the function's result
    period: str = "date"              # one of PERIODS
    shape: str = "value"              # one of SHAPES
    breakdowns: tuple[str, ...] = ALL  # dimensions `by` may take
    filters: tuple[str, ...] = ALL    # dimensions it can be filtered by
    pages: tuple[str, ...] = ()
    public: bool = False              # may appear on the public page (after suppression)
    additive: bool = False            # its groups add up to the total (counts and money of one row per unit)
    summary_key: str | None = None    # key in metrics.summary() it corresponds to
    options: dict = field(default_factory=dict)  # fixed keyword arguments for the function

    def label(self, lang: str = "id") -> str:
        return self.name.get(lang) or self.name["id"]

    def compute(self, con: duckdb.DuckDBPyConnection, *, as_of: dt.date, start: dt.date | None = None,
                end: dt.date | None = None, filters: Filters = NO_FILTERS, by: str | None = None) -> pd.DataFrame:
        """Call the function. For a period indicator the period defaults to as_of's month up to as_of.
        Filters the indicator cannot apply raise ValueError (see `applicable_filters`)."""
        if by is not None and by not in self.breakdowns:
            raise ValueError(f"{self.key} cannot be broken down by {by}; allowed: {self.breakdowns or 'none'}")
        filters.require(self.filters, self.key)
        kwargs = dict(self.options, filters=filters) if self.filters else dict(self.options)
        if by is not None:
            kwargs["by"] = by
        if self.period == "date":
            kwargs["as_of"] = as_of
        elif self.period != "none":
            kwargs["start"] = start or month_start(as_of)
            kwargs["end"] = end or as_of
            if self.period == "range_as_of":
                kwargs["as_of"] = as_of
        return self.function(con, **kwargs)

    def applicable_filters(self, filters: Filters) -> tuple[Filters, tuple[str, ...]]:
        """(the filters this indicator can apply, the names of those it cannot): for pages to say so."""
        ignored = tuple(sorted(set(filters.active()) - set(self.filters)))
        return filters.only(self.filters), ignored

    def format(self, value, lang: str = "id") -> str:
        """A value of this indicator as text for `lang` (id_ID by default)."""
        return format_value(value, self.unit, lang)


# Each catalogue unit as a unit of the output-column registry and its decimals: one way to write a number.
AS_COLUMN_UNIT = {"count": ("count", 0), "percent": ("percent", 1), "rupiah": ("rupiah", 0), "days": ("ratio", 1),
                  "ratio": ("ratio", 2), "date": ("date", 0), "per_1000": ("ratio", 2),
                  "per_week": ("ratio", 1)}


def format_value(value, unit: str, lang: str = "id") -> str:
    """A value of a catalogue unit as text, written as the output-column registry writes its unit."""
    column_unit, decimals = AS_COLUMN_UNIT[unit]
    return columns.format_value(value, column_unit, lang, decimals)


def _i(id_text: str, en_text: str) -> dict[str, str]:
    return {"id": id_text, "en": en_text}


INDICATORS: tuple[Indicator, ...] = (
    # Coverage
    Indicator(
        "active_workers", _i("Pekerja terlindungi (aktif)", "Covered workers (active)"),
        _i("Pekerja rentan yang dilindungi JKK dan JKM pada tanggal yang dipilih.",
           "Vulnerable workers covered by JKK and JKM on the chosen date."),
        _i("Jumlah pekerja berbeda yang memiliki masa kepesertaan mencakup tanggal tersebut.",
           "Number of distinct workers with a coverage period containing the date."),
        "count", coverage.active_workers, "aktif", pages=("ringkasan", "peta", "sektor", "transparansi"),
        public=True, additive=True, summary_key="active_workers"),
    Indicator(
        "target", _i("Target tahap", "Phase target"),
        _i("Jumlah pekerja yang ditargetkan pada tahap yang berjalan (target berubah antar tahap).",
           "Workers targeted in each phase (targets change from phase to phase)."),
        _i("Target peserta dari tabel tahap (anggaran) untuk tahap yang memuat tanggal.",
           "Target workers from the phase table (budget file) for the phase containing the date."),
        "count", coverage.attainment, "target_peserta", shape="table", breakdowns=(), pages=("ringkasan",),
        public=True, summary_key="target"),
    Indicator(
        "attainment_pct", _i("Capaian target", "Target attainment"),
        _i("Pekerja aktif dibandingkan target tahap, per tahap.",
           "Active workers against the phase target, per phase."),
        _i("Pekerja aktif pada akhir tahap (atau tanggal yang dipilih bila tahap masih berjalan) ÷ target tahap"
           " × 100.",
           "Active workers on the phase's last day (or the chosen date while it runs) ÷ phase target × 100."),
        "percent", coverage.attainment, "capaian_pct", shape="table", breakdowns=(),
        pages=("ringkasan", "transparansi"), public=True, summary_key="attainment_pct"),
    Indicator(
        "active_series", _i("Perkembangan pekerja aktif", "Active workers over time"),
        _i("Pekerja aktif dari waktu ke waktu beserta target tahap yang berlaku (grafik lintasan).",
           "Active workers over time with the target of the phase in force (trajectory chart)."),
        _i("Pekerja aktif pada setiap tanggal (harian, mingguan atau akhir bulan) dalam periode.",
           "Active workers on each date (daily, weekly or month ends) of the period."),
        "count", coverage.active_series, "aktif", period="range", shape="series", breakdowns=(),
        pages=("ringkasan", "transparansi"), public=True),
    Indicator(
        "new_workers", _i("Peserta baru", "New workers"),
        _i("Pekerja yang pertama kali terdaftar dalam periode.", "Workers enrolled for the first time in the period."),
        _i("Pekerja yang masa kepesertaan pertamanya dimulai dalam periode.",
           "Workers whose first coverage period starts within the period."),
        "count", coverage.new_workers, "baru", period="range", pages=("ringkasan", "sektor"), public=True,
        additive=True, summary_key="new_this_month"),
    Indicator(
        "lapsed_workers", _i("Berhenti", "Lapsed workers"),
        _i("Pekerja yang perlindungannya berakhir dalam periode dan tidak diperpanjang.",
           "Workers whose coverage ended in the period and was not renewed."),
        _i("Masa kepesertaan berakhir dalam periode (sebelum tanggal acuan) tanpa masa baru dalam 30 hari;"
           " berakhir < 30 hari lalu = sementara.",
           "Coverage ended in the period (before the reference date) with no new period within 30 days;"
           " ended < 30 days ago = provisional."),
        "count", coverage.lapsed_workers, "berhenti", period="range_as_of", pages=("ringkasan", "sektor"),
        public=True, additive=True, summary_key="lapsed_this_month"),
    Indicator(
        "ever_enrolled", _i("Pernah terdaftar", "Ever enrolled"),
        _i("Pekerja yang pernah memiliki masa kepesertaan sampai tanggal tersebut.",
           "Workers who have had a coverage period up to the date."),
        _i("Jumlah pekerja berbeda dengan masa kepesertaan yang dimulai paling lambat tanggal tersebut.",
           "Distinct workers with a coverage period starting on or before the date."),
        "count", coverage.ever_enrolled, "pernah_terdaftar", breakdowns=(), pages=("ringkasan", "transparansi"),
        public=True),
    Indicator(
        "retention_6_pct", _i("Retensi 6 bulan", "6-month retention"),
        _i("Bagian kohort pendaftaran bulanan yang masih terlindungi 6 bulan setelah mulai.",
           "Share of each monthly enrolment cohort still covered 6 months after starting."),
        _i("Pekerja kohort yang aktif tepat 6 bulan setelah tanggal mulai pertamanya ÷ jumlah kohort × 100;"
           " dilaporkan setelah 6 bulan berlalu bagi seluruh kohort.",
           "Cohort workers active exactly 6 months after their first start ÷ cohort size × 100; reported once"
           " 6 months have passed for the whole cohort."),
        "percent", coverage.retention, "retensi_6_pct", shape="table", breakdowns=(), pages=("ringkasan",)),
    Indicator(
        "retention_12_pct", _i("Retensi 12 bulan", "12-month retention"),
        _i("Bagian kohort pendaftaran bulanan yang masih terlindungi 12 bulan setelah mulai.",
           "Share of each monthly enrolment cohort still covered 12 months after starting."),
        _i("Pekerja kohort yang aktif tepat 12 bulan setelah tanggal mulai pertamanya ÷ jumlah kohort × 100;"
           " dilaporkan setelah 12 bulan berlalu bagi seluruh kohort.",
           "Cohort workers active exactly 12 months after their first start ÷ cohort size × 100; reported once"
           " 12 months have passed for the whole cohort."),
        "percent", coverage.retention, "retensi_12_pct", shape="table", breakdowns=(), pages=("ringkasan",)),
    Indicator(
        "density_per_1000", _i("Pekerja aktif per 1.000 penduduk", "Active workers per 1,000 residents"),
        _i("Kepadatan cakupan per wilayah.", "Coverage density by area."),
        _i("Pekerja aktif di wilayah ÷ penduduk wilayah (Dukcapil, Des 2024) × 1.000.",
           "Active workers in the area ÷ the area's residents (Dukcapil, Dec 2024) × 1,000."),
        "per_1000", coverage.area_coverage, "per_1000", shape="table", breakdowns=(), pages=("peta", "transparansi"),
        public=True),
    Indicator(
        "allocation_attainment_pct", _i("Capaian alokasi target wilayah", "Attainment of the area's target share"),
        _i("Pekerja aktif wilayah dibandingkan bagian target tahap menurut jumlah penduduk.",
           "Active workers of an area against its share of the phase target by residents."),
        _i("Pekerja aktif ÷ (target tahap × penduduk wilayah ÷ penduduk kota) × 100.",
           "Active workers ÷ (phase target × area residents ÷ city residents) × 100."),
        "percent", coverage.area_coverage, "capaian_alokasi_pct", shape="table", breakdowns=(), pages=("peta",),
        public=True),
    # Selection
    Indicator(
        "selection_funnel", _i("Alur seleksi", "Selection funnel"),
        _i("Calon yang diusulkan instansi → lolos verifikasi → terdaftar BPJS-TK → aktif.",
           "Candidates proposed by agencies → verified → registered with BPJS-TK → active."),
        _i("Orang berbeda (NIK) pada tiap tahap per tanggal: diusulkan; usulan berstatus LOLOS; lolos dan"
           " kepesertaan sudah dimulai; lolos dan aktif pada tanggal itu.",
           "Distinct people (NIK) at each stage on the date: proposed; a proposal with status LOLOS; verified"
           " and coverage started; verified and active on the date."),
        "count", selection.funnel, "jumlah", shape="table", breakdowns=(), filters=AREA_ETC,
        pages=("ringkasan", "transparansi"), public=True),
    Indicator(
        "desil_1_3_pct", _i("Tepat sasaran (desil 1–3)", "Well targeted (decile 1–3)"),
        _i("Bagian pekerja aktif dari desil kesejahteraan 1–3 (prioritas).",
           "Share of active workers in welfare deciles 1–3 (the priority)."),
        _i("Pekerja aktif desil 1–3 ÷ pekerja aktif dengan desil tercatat × 100.",
           "Active workers in decile 1–3 ÷ active workers with a recorded decile × 100."),
        "percent", selection.targeting, "desil_1_3_pct", pages=("sektor", "transparansi"), public=True),
    Indicator(
        "outside_desil_1_5", _i("Di luar desil 1–5", "Outside decile 1–5"),
        _i("Pekerja aktif yang tercatat di luar desil 1–5 (tidak memenuhi syarat).",
           "Active workers recorded outside deciles 1–5 (not eligible)."),
        _i("Jumlah pekerja aktif dengan desil tercatat selain 1–5.",
           "Number of active workers with a recorded decile other than 1–5."),
        "count", selection.targeting, "di_luar_desil_1_5", pages=("sektor",), additive=True),
    Indicator(
        "desil_missing", _i("Desil tidak tercatat", "Decile not recorded"),
        _i("Pekerja aktif tanpa desil kesejahteraan tercatat (tidak ikut dalam persentase tepat sasaran).",
           "Active workers with no welfare decile recorded (left out of the targeting shares)."),
        _i("Jumlah pekerja aktif tanpa desil tercatat.", "Number of active workers with no decile recorded."),
        "count", selection.targeting, "desil_kosong", pages=("sektor",), additive=True),
    Indicator(
        "sector_kecamatan", _i("Sektor × kecamatan", "Sector × kecamatan"),
        _i("Pekerja aktif menurut sektor pekerjaan dan kecamatan (peta panas).",
           "Active workers by occupation sector and kecamatan (heat map)."),
        _i("Pekerja aktif pada tanggal tersebut untuk setiap pasangan sektor dan kecamatan.",
           "Active workers on the date for every pair of sector and kecamatan."),
        "count", breakdowns.crosstab, "aktif", shape="table", breakdowns=(), pages=("sektor",), public=True),
    # Claims
    Indicator(
        "claims_by_status", _i("Klaim menurut program dan status", "Claims by programme and status"),
        _i("Klaim JKK dan JKM yang diajukan dalam periode menurut status terakhir.",
           "JKK and JKM claims filed in the period by current status."),
        _i("Jumlah klaim dengan tanggal pengajuan dalam periode, per program dan status.",
           "Number of claims with a filing date in the period, per programme and status."),
        "count", claims.claims_by_status, "klaim", period="range", shape="table", pages=("klaim", "transparansi"),
        public=True, additive=True),
    Indicator(
        "claims_filed", _i("Klaim diajukan", "Claims filed"),
        _i("Klaim JKK dan JKM yang diajukan dalam periode, apa pun statusnya.",
           "JKK and JKM claims filed in the period, whatever their status."),
        _i("Jumlah klaim dengan tanggal pengajuan dalam periode.",
           "Number of claims with a filing date in the period."),
        "count", claims.claims_filed, "klaim_diajukan", period="range", pages=("klaim",), additive=True),
    Indicator(
        "claims_paid", _i("Klaim dibayar", "Claims paid"),
        _i("Klaim berstatus DIBAYAR yang dibayar dalam periode.", "Claims with status DIBAYAR paid in the period."),
        _i("Jumlah klaim DIBAYAR dengan tanggal bayar dalam periode (ringkasan: sejak program dimulai).",
           "Number of DIBAYAR claims with a payment date in the period (summary: since the programme began)."),
        "count", claims.benefits_paid, "klaim_dibayar", period="range", pages=("ringkasan", "klaim", "transparansi"),
        public=True, additive=True, summary_key="claims_paid"),
    Indicator(
        "benefits_paid_rp", _i("Manfaat dibayarkan", "Benefits paid"),
        _i("Nilai manfaat klaim yang dibayarkan kepada pekerja dan keluarganya.",
           "Value of claim benefits paid to workers and their families."),
        _i("Jumlah nominal klaim DIBAYAR dengan tanggal bayar dalam periode.",
           "Sum of the amounts of DIBAYAR claims with a payment date in the period."),
        "rupiah", claims.benefits_paid, "manfaat_rp", period="range", pages=("ringkasan", "klaim", "transparansi"),
        public=True, additive=True, summary_key="benefits_paid_rp"),
    Indicator(
        "payment_days_median", _i("Median hari pengajuan→pembayaran", "Median days filing→payment"),
        _i("Kecepatan pembayaran klaim.", "How fast claims are paid."),
        _i("Median (tanggal bayar − tanggal pengajuan) klaim yang dibayar dalam periode.",
           "Median of (payment date − filing date) of claims paid in the period."),
        "days", claims.payment_days, "median_hari", period="range", pages=("klaim",), public=True),
    Indicator(
        "rejection_pct", _i("Tingkat penolakan klaim", "Claim rejection rate"),
        _i("Bagian klaim yang ditolak dari klaim yang sudah diputus.", "Share of decided claims that were rejected."),
        _i("Klaim DITOLAK ÷ klaim DIBAYAR atau DITOLAK, di antara klaim yang diajukan dalam periode × 100.",
           "DITOLAK claims ÷ DIBAYAR or DITOLAK claims, among claims filed in the period × 100."),
        "percent", claims.rejection_rate, "penolakan_pct", period="range", pages=("klaim",), public=True),
    Indicator(
        "claims_outside_coverage", _i("Klaim di luar masa kepesertaan", "Claims outside coverage"),
        _i("Klaim yang tanggal kejadiannya di luar semua masa kepesertaan pekerja (perlu diperiksa).",
           "Claims whose incident date lies outside all of the worker's coverage periods (to be checked)."),
        _i("Jumlah klaim yang diajukan sampai tanggal tersebut dengan tanggal kejadian tidak tercakup masa"
           " kepesertaan mana pun.",
           "Number of claims filed up to the date whose incident date no coverage period contains."),
        "count", claims.claims_outside_coverage_count, "klaim_di_luar_cakupan", pages=("klaim",), additive=True),
    Indicator(
        "claims_outside_coverage_days", _i("Daftar klaim di luar masa kepesertaan", "Claims outside coverage (list)"),
        _i("Klaim yang ditandai, tanpa data pribadi, beserta jarak hari ke masa kepesertaan terdekat.",
           "The flagged claims, without personal data, with the days to the nearest coverage period."),
        _i("Per klaim: selisih hari antara tanggal kejadian dan masa kepesertaan terdekat.",
           "Per claim: days between the incident date and the nearest coverage period."),
        "days", claims.claims_outside_coverage, "hari_di_luar", shape="table", breakdowns=(), pages=("klaim",)),
    # Budget
    Indicator(
        "worker_months", _i("Pekerja-bulan", "Worker-months"),
        _i("Bulan kalender yang ditanggung per pekerja: dasar perhitungan iuran.",
           "Calendar months covered per worker: the basis of the premium."),
        _i("Per bulan: pekerja yang terlindungi pada sedikitnya satu hari bulan itu (dihitung sekali).",
           "Per month: workers covered on at least one day of that month (counted once)."),
        "count", budget.worker_months, "pekerja_bulan", period="range", shape="series", pages=("anggaran",),
        public=True, additive=True),
    Indicator(
        "premiums_rp", _i("Iuran", "Premiums"),
        _i("Iuran JKK+JKM yang dibayar kota untuk pekerja yang ditanggung.",
           "JKK+JKM premiums the city pays for the covered workers."),
        _i("Σ per bulan: pekerja-bulan × tarif yang berlaku pada tanggal 1 bulan itu (tabel tarif)."
           " Ringkasan: bulan-bulan tahap berjalan sampai akhir bulan tanggal acuan.",
           "Σ per month: worker-months × the rate in force on the month's 1st (rate table). Summary: the"
           " current phase's months through the end of the reference date's month."),
        "rupiah", budget.premiums_by_month, "iuran_rp", period="range", shape="series",
        pages=("ringkasan", "anggaran", "transparansi"), public=True, additive=True, summary_key="premiums_rp"),
    Indicator(
        "pagu_rp", _i("Pagu", "Budget ceiling"),
        _i("Pagu anggaran tahap.", "The phase's budget ceiling."),
        _i("Pagu dari tabel tahap (anggaran).", "Ceiling from the phase table (budget file)."),
        "rupiah", budget.realisation, "pagu_rp", shape="table", breakdowns=(), pages=("ringkasan", "anggaran"),
        public=True, summary_key="pagu_rp"),
    Indicator(
        "realisation_pct", _i("Realisasi anggaran", "Budget realisation"),
        _i("Iuran tahap dibandingkan pagunya.", "The phase's premiums against its ceiling."),
        _i("Iuran pekerja-bulan tahap sampai akhir bulan tanggal acuan ÷ pagu tahap × 100.",
           "Premiums of the phase's worker-months through the end of the reference month ÷ phase ceiling × 100."),
        "percent", budget.realisation, "realisasi_pct", shape="table", breakdowns=(),
        pages=("ringkasan", "anggaran", "transparansi"), public=True, summary_key="realisation_pct"),
    Indicator(
        "cost_per_worker_month", _i("Biaya per pekerja-bulan", "Cost per covered worker-month"),
        _i("Iuran dibagi pekerja-bulan yang ditanggung (rata-rata tarif yang berlaku).",
           "Premiums divided by covered worker-months (the average rate in force)."),
        _i("Iuran periode ÷ pekerja-bulan periode.", "Premiums of the period ÷ worker-months of the period."),
        "rupiah", budget.cost_per_worker_month, "biaya_per_pekerja_bulan_rp", period="range", breakdowns=(),
        pages=("anggaran",), public=True),
    Indicator(
        "year_end_projection_rp", _i("Proyeksi iuran sampai akhir tahun", "Premiums projected to year end"),
        _i("Iuran tahun berjalan ditambah sisa bulan dengan jumlah pekerja bulan ini.",
           "Premiums of the year so far plus the remaining months at this month's workers."),
        _i("Iuran 1 Jan s.d. akhir bulan ini + Σ bulan tersisa: pekerja-bulan bulan ini × tarif bulan itu.",
           "Premiums 1 Jan to the end of this month + Σ remaining months: this month's worker-months × that"
           " month's rate."),
        "rupiah", budget.year_end_projection, "proyeksi_total_rp", breakdowns=(), pages=("anggaran",)),
    Indicator(
        "benefit_premium_ratio", _i("Rasio manfaat terhadap iuran", "Benefit-to-premium ratio"),
        _i("Rupiah manfaat yang kembali ke warga untuk setiap rupiah iuran.",
           "Rupiah of benefits returned to residents per rupiah of premium."),
        _i("Manfaat dibayar dalam periode ÷ iuran bulan-bulan periode yang sama.",
           "Benefits paid in the period ÷ premiums of the same period's months."),
        "ratio", budget.benefit_premium_ratio, "rasio", period="range", breakdowns=(),
        pages=("klaim", "anggaran", "transparansi"), public=True),
    Indicator(
        "scenario_budget_rp", _i("Anggaran yang dibutuhkan", "Budget needed"),
        _i("Iuran yang dibutuhkan untuk skenario yang diisi di perencana (jumlah pekerja, lama, mulai, pertumbuhan,"
           " berhenti, tambahan).",
           "Premiums needed for the scenario entered in the planner (workers, duration, start, growth, dropout,"
           " additions)."),
        _i("Σ bulan skenario: pekerja bulan itu × tarif yang berlaku pada tanggal 1 bulan itu.",
           "Σ scenario months: that month's workers × the rate in force on the month's 1st."),
        # the planner's inputs come from the page; `compute` costs a fixed example scenario
        "rupiah", scenario.plan, "biaya_rp", period="none", shape="series", breakdowns=(), filters=(),
        pages=("anggaran",), options={"workers": 10_000, "months": 12, "start_month": dt.date(2026, 1, 1)}),
    # Forecast
    Indicator(
        "reach_date", _i("Perkiraan tanggal target tercapai", "Forecast date the target is reached"),
        _i("Tanggal target tahap tercapai bila laju beberapa minggu terakhir berlanjut, dengan rentang 90%.",
           "Date the phase target is reached if the pace of recent weeks continues, with a 90% range."),
        _i("Garis lurus (kuadrat terkecil) pada pekerja aktif tiap 7 hari selama 8 minggu terakhir; tanggal"
           " garis mencapai target; rentang dari pita prediksi 90%.",
           "Straight line (least squares) through active workers every 7 days over the last 8 weeks; the date"
           " the line meets the target; range from the 90% prediction band."),
        "date", forecast.forecast_frame, "reach_date", breakdowns=(), pages=("ringkasan",)),
    Indicator(
        "pace_needed_per_week", _i("Laju yang dibutuhkan per minggu", "Weekly pace needed"),
        _i("Tambahan pekerja per minggu agar target tercapai pada akhir tahap.",
           "Workers to add per week to reach the target by the phase end."),
        _i("(target − pekerja aktif) ÷ minggu tersisa sampai akhir tahap.",
           "(target − active workers) ÷ weeks left until the phase end."),
        "per_week", forecast.forecast_frame, "needed_per_week", breakdowns=(), pages=("ringkasan",)),
    Indicator(
        "pace_per_week", _i("Laju saat ini per minggu", "Current weekly pace"),
        _i("Pertambahan pekerja aktif per minggu pada beberapa minggu terakhir.",
           "Weekly change in active workers over recent weeks."),
        _i("Kemiringan garis kuadrat terkecil pada pekerja aktif tiap 7 hari selama 8 minggu terakhir × 7.",
           "Slope of the least-squares line through active workers every 7 days over the last 8 weeks × 7."),
        "per_week", forecast.forecast_frame, "pace_per_week", breakdowns=(), pages=("ringkasan",)),
    Indicator(
        "month_over_month", _i("Perbandingan dengan bulan lalu", "Compared with last month"),
        _i("Angka utama bulan ini dibanding hari yang sama bulan lalu (dasar ringkasan naratif).",
           "Headline numbers this month against the same days last month (basis of the written brief)."),
        _i("Nilai s.d. tanggal acuan − nilai s.d. tanggal yang sama bulan lalu, dan perubahannya dalam persen.",
           "Value to the reference date − value to the same day last month, and the change in percent."),
        "count", brief.month_over_month, "selisih", shape="table", breakdowns=(), pages=("ringkasan",)),
    # Training
    Indicator(
        "training_sessions", _i("Sesi pelatihan", "Training sessions"),
        _i("Sesi pelatihan keterampilan yang dimulai dalam periode.",
           "Skills-training sessions starting in the period."),
        _i("Jumlah sesi berbeda dengan sedikitnya satu peserta, tanggal mulai dalam periode.",
           "Number of distinct sessions with at least one participant, starting in the period."),
        "count", training.training, "sesi", period="range", pages=("pelatihan", "transparansi"), public=True),
    Indicator(
        "training_participants", _i("Peserta pelatihan", "Training participants"),
        _i("Keikutsertaan pekerja dalam sesi pelatihan.", "Workers' participations in training sessions."),
        _i("Jumlah pasangan (sesi, peserta) untuk sesi yang dimulai dalam periode.",
           "Number of (session, participant) pairs for sessions starting in the period."),
        "count", training.training, "peserta", period="range", pages=("pelatihan", "transparansi"), public=True,
        additive=True),
    Indicator(
        "training_people", _i("Orang berbeda", "Distinct people"),
        _i("Orang berbeda yang ikut pelatihan.", "Distinct people who took part in training."),
        _i("Jumlah NIK berbeda di antara peserta sesi yang dimulai dalam periode.",
           "Number of distinct NIKs among the participants of sessions starting in the period."),
        "count", training.training, "orang", period="range", pages=("pelatihan",)),
    Indicator(
        "training_completion_pct", _i("Tingkat kelulusan pelatihan", "Training completion rate"),
        _i("Bagian peserta yang lulus dari peserta yang sudah selesai.", "Share of finished participants who passed."),
        _i("LULUS ÷ (LULUS + TIDAK LULUS) × 100, sesi yang dimulai dalam periode.",
           "LULUS ÷ (LULUS + TIDAK LULUS) × 100, sessions starting in the period."),
        "percent", training.training, "kelulusan_pct", period="range", pages=("pelatihan", "transparansi"),
        public=True),
    Indicator(
        "trained_share_pct", _i("Pekerja aktif yang terlatih", "Active workers trained"),
        _i("Bagian pekerja aktif yang pernah lulus pelatihan.", "Share of active workers who have passed a training."),
        _i("Pekerja aktif dengan hasil LULUS pada sesi yang selesai sampai tanggal itu ÷ pekerja aktif × 100.",
           "Active workers with a LULUS result in a session finished by the date ÷ active workers × 100."),
        "percent", training.trained_share, "terlatih_pct", pages=("pelatihan",), public=True),
    # Data quality (metrics/quality.py): shares as fractions 0–1
    Indicator(
        "import_rejected_share", _i("Bagian baris ditolak per impor", "Rejected share per import"),
        _i("Bagian baris berkas yang ditolak dan dikarantina, per impor.",
           "Share of a file's rows rejected and quarantined, per import."),
        _i("Baris ditolak ÷ baris dibaca (0–1).", "Rows rejected ÷ rows read (0–1)."),
        "ratio", quality.import_scores, "rejected_share", period="none", shape="table", breakdowns=(), filters=(),
        pages=("data",)),
    Indicator(
        "import_duplicate_rate", _i("Tingkat duplikat per impor", "Duplicate rate per import"),
        _i("Bagian baris yang kuncinya mengulang baris sebelumnya di berkas yang sama.",
           "Share of rows whose key repeats an earlier row of the same file."),
        _i("Baris duplikat dalam berkas ÷ baris dibaca (0–1).",
           "Rows duplicated within the file ÷ rows read (0–1)."),
        "ratio", quality.import_scores, "duplicate_rate", period="none", shape="table", breakdowns=(), filters=(),
        pages=("data",)),
    Indicator(
        "import_completeness", _i("Kelengkapan isian per impor", "Completeness per import"),
        _i("Rata-rata bagian sel terisi pada kolom yang disimpan, per impor.",
           "Mean share of filled cells over the stored columns, per import."),
        _i("Rata-rata kolom: baris berisi nilai ÷ baris dibaca (0–1).",
           "Mean over columns: rows with a value ÷ rows read (0–1)."),
        "ratio", quality.import_scores, "completeness", period="none", shape="table", breakdowns=(), filters=(),
        pages=("data",)),
    Indicator(
        "field_completeness", _i("Kelengkapan per kolom dan kecamatan", "Completeness per field and kecamatan"),
        _i("Bagian data kepesertaan tersimpan yang mengisi tiap kolom opsional, per kecamatan.",
           "Share of stored coverage records with each optional field filled, per kecamatan."),
        _i("Per kecamatan dan kolom: rekaman berisi nilai ÷ rekaman (0–1).",
           "Per kecamatan and field: records with a value ÷ records (0–1)."),
        "ratio", quality.stored_completeness, "share", period="none", shape="table", breakdowns=(), filters=(),
        pages=("data",)),
    Indicator(
        "kecamatan_rejected_share", _i("Bagian baris ditolak per kecamatan", "Rejected share per kecamatan"),
        _i("Bagian baris impor kepesertaan yang ditolak, menurut kecamatan yang tertulis di baris.",
           "Share of coverage-import rows rejected, by the kecamatan written on the row."),
        _i("Baris ditolak ÷ baris dibaca, dijumlah atas semua impor peserta (0–1).",
           "Rows rejected ÷ rows read, summed over all peserta imports (0–1)."),
        "ratio", quality.kecamatan_scores, "rejected_share", period="none", shape="table", breakdowns=(),
        filters=(), pages=("data",)),
)


def _problems(indicators: tuple[Indicator, ...]) -> list[str]:
    problems, seen = [], set()
    for ind in indicators:
        where = f"indicator {ind.key!r}"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", ind.key):
            problems.append(f"{where}: key must be snake_case ascii; rename it")
        if ind.key in seen:
            problems.append(f"{where}: declared twice; keep one entry per indicator")
        seen.add(ind.key)
        for part in ("name", "description", "formula"):
            texts = getattr(ind, part)
            for lang in LANGS:
                if not str(texts.get(lang, "")).strip():
                    problems.append(f"{where}: {part} has no {lang!r} text; add _i(<id>, <en>)")
        if ind.unit not in UNITS:
            problems.append(f"{where}: unit {ind.unit!r} unknown; use one of {UNITS}")
        if ind.period not in PERIODS:
            problems.append(f"{where}: period {ind.period!r} unknown; use one of {PERIODS}")
        if ind.shape not in SHAPES:
            problems.append(f"{where}: shape {ind.shape!r} unknown; use one of {SHAPES}")
        for name, allowed in (("breakdowns", DIMENSIONS), ("filters", DIMENSIONS), ("pages", PAGES)):
            unknown = sorted(set(getattr(ind, name)) - set(allowed))
            if unknown:
                problems.append(f"{where}: {name} {unknown} unknown; use values from {sorted(allowed)}")
        if not callable(ind.function):
            problems.append(f"{where}: function is not callable; point it at a metrics function")
            continue
        params = inspect.signature(ind.function).parameters
        needed = (["filters"] if ind.filters else []) + (["by"] if ind.breakdowns else []) + list(ind.options)
        needed += ["as_of"] if ind.period in ("date", "range_as_of") else []
        needed += ["start", "end"] if ind.period in ("range", "range_as_of") else []
        missing = [p for p in needed if p not in params]
        if missing:
            problems.append(f"{where}: {ind.function.__qualname__} has no parameter(s) {missing}; fix the period,"
                            " breakdowns or options, or the function's signature")
        if ind.summary_key is not None and ind.summary_key not in SUMMARY_KEYS:
            problems.append(f"{where}: summary_key {ind.summary_key!r} is not a summary key {SUMMARY_KEYS}")
        if not ind.pages:
            problems.append(f"{where}: shown on no page; list where it appears in `pages`")
    labelled = [ind.summary_key for ind in indicators if ind.summary_key]
    numeric = [k for k in SUMMARY_KEYS if k not in ("as_of", "phase", "demo")]
    for key in numeric:
        if labelled.count(key) != 1:
            problems.append(f"summary key {key!r} must be the summary_key of exactly one indicator"
                            f" (found {labelled.count(key)})")
    return problems


def validate(indicators: tuple[Indicator, ...] = INDICATORS) -> None:
    """Raise CatalogueError listing every problem (and how to fix it); silent when the catalogue is sound."""
    problems = _problems(indicators)
    if problems:
        raise CatalogueError("indicator catalogue invalid:\n- " + "\n- ".join(problems))


validate()
CATALOGUE: dict[str, Indicator] = {ind.key: ind for ind in INDICATORS}


def get(key: str) -> Indicator:
    if key not in CATALOGUE:
        raise KeyError(f"no indicator {key!r} in the catalogue; known: {sorted(CATALOGUE)}")
    return CATALOGUE[key]


def for_page(page: str) -> list[Indicator]:
    """The indicators a page shows, in catalogue order."""
    return [ind for ind in INDICATORS if page in ind.pages]


def public() -> list[Indicator]:
    """Indicators the public page may publish (aggregates, after suppression)."""
    return [ind for ind in INDICATORS if ind.public]


_SUMMARY_TEXT = {"as_of": _i("Per tanggal", "As of"), "phase": _i("Tahap", "Phase"),
                 "demo": _i("Data demo", "Demo data")}
_SUMMARY_INDICATOR = {ind.summary_key: ind for ind in INDICATORS if ind.summary_key}


def summary_fields(lang: str = "id") -> list[dict]:
    """For each summary key (DESIGN §7 order): key, label in `lang`, unit ('text', 'date', 'flag' for the
    non-numeric ones) and the catalogue indicator key behind it."""
    out = []
    for key in SUMMARY_KEYS:
        ind = _SUMMARY_INDICATOR.get(key)
        if ind is not None:
            out.append({"key": key, "label": ind.label(lang), "unit": ind.unit, "indicator": ind.key})
        else:
            unit = {"as_of": "date", "phase": "text", "demo": "flag"}[key]
            text = _SUMMARY_TEXT[key]
            out.append({"key": key, "label": text.get(lang) or text["id"], "unit": unit, "indicator": None})
    return out


def summary_view(result: dict, lang: str = "id") -> list[dict]:
    """A `metrics.summary` result as rows for display or JSON: key, label, unit, value and formatted text."""
    rows = []
    for entry in summary_fields(lang):
        value = result.get(entry["key"])
        if entry["unit"] in UNITS:
            text = format_value(value, entry["unit"], lang)
        elif entry["unit"] == "date":
            text = fmt.date(value, lang)
        elif entry["unit"] == "flag":
            text = ("ya" if value else "tidak") if lang == "id" else ("yes" if value else "no")
        else:
            text = "–" if value is None else str(value)
        rows.append({**entry, "value": value, "text": text})
    return rows


def definitions(lang: str = "id") -> pd.DataFrame:
    """The catalogue as a table for the definitions page and the open-data dictionary."""
    return pd.DataFrame([{
        "kode": ind.key, "nama": ind.label(lang), "deskripsi": ind.description.get(lang) or ind.description["id"],
        "rumus": ind.formula.get(lang) or ind.formula["id"], "satuan": ind.unit,
        "rincian": ", ".join(ind.breakdowns), "publik": ind.public} for ind in INDICATORS])
