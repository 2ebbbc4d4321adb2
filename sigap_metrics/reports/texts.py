"""Words of the printed reports, Bahasa Indonesia first and English. Headline labels reuse the dashboard's
(`sigap_metrics.i18n`) so paper and screen name each number the same way."""
from __future__ import annotations

from ..i18n import TEXT as UI_TEXT

TEXT: dict[str, dict[str, str]] = {
    "brief_title": {"id": "Laporan Bulanan Program SIGAP", "en": "SIGAP Programme Monthly Brief"},
    "brief_subtitle": {"id": "Jaminan sosial ketenagakerjaan (JKK + JKM) bagi pekerja rentan · Pemerintah Kota Bekasi",
                       "en": "Employment social insurance (JKK + JKM) for vulnerable workers · City of Bekasi"},
    "author": {"id": "Dinas Tenaga Kerja Kota Bekasi", "en": "Kota Bekasi Manpower Agency (Disnaker)"},
    "header": {"id": "SIGAP · Laporan bulanan {month}", "en": "SIGAP · Monthly brief {month}"},
    "footer": {"id": "Sumber: SIGAP Monitor (data BPJS Ketenagakerjaan & Disnaker), data per {date}. Definisi: halaman terakhir.",
               "en": "Source: SIGAP Monitor (BPJS Ketenagakerjaan & Disnaker data), data as of {date}. Definitions: last page."},
    "page_words": {"id": "Halaman|dari", "en": "Page|of"},
    "watermark": {"id": "DATA DEMO", "en": "DATA DEMO"},
    "demo_note": {"id": "DATA DEMO: angka dalam laporan ini sintetis (buatan) untuk peragaan, bukan data program yang sebenarnya.",
                  "en": "DEMO DATA: the numbers in this brief are synthetic, for demonstration, not the programme's real data."},
    "period_line": {"id": "Bulan laporan: {month} · angka per {as_of} · {phase}",
                    "en": "Reporting month: {month} · figures as of {as_of} · {phase}"},
    "what_changed": {"id": "Apa yang berubah bulan ini", "en": "What changed this month"},
    "headline": {"id": "Angka utama", "en": "Headline figures"},
    "indicator": {"id": "Indikator", "en": "Indicator"},
    "change": {"id": "Perubahan", "en": "Change"},
    "target_or_pagu": {"id": "Target / pagu", "en": "Target / ceiling"},
    "cumulative_note": {"id": "Klaim, manfaat dan iuran: kumulatif sampai akhir bulan. Iuran: tahap berjalan.",
                        "en": "Claims, benefits and premiums: cumulative to month end. Premiums: current phase."},
    "coverage": {"id": "Cakupan dan perkiraan", "en": "Coverage and forecast"},
    "chart_coverage": {"id": "Pekerja terlindungi (aktif) terhadap target tahap", "en": "Covered workers (active) against the phase target"},
    "chart_workers": {"id": "pekerja", "en": "workers"},
    "actual": {"id": "Aktif", "en": "Active"},
    "forecast": {"id": "Perkiraan", "en": "Forecast"},
    "band": {"id": "Rentang perkiraan", "en": "Forecast interval"},
    "target_line": {"id": "Target tahap", "en": "Phase target"},
    "reached": {"id": "target tercapai", "en": "target reached"},
    "area_sector": {"id": "Wilayah dan sektor", "en": "Areas and sectors"},
    "chart_kecamatan": {"id": "Capaian alokasi target per kecamatan", "en": "Attainment of the target allocation by kecamatan"},
    "pct_of_allocation": {"id": "% dari alokasi target", "en": "% of target allocation"},
    "kecamatan_note": {"id": "Alokasi target: target tahap dibagi menurut jumlah penduduk kecamatan. Garis putus-putus: capaian"
                       " kota ({city}); oranye: di bawah capaian kota. Angka dalam kurung: pekerja aktif.",
                       "en": "Target allocation: the phase target shared out by kecamatan population. Orange: below allocation."
                       " In brackets: active workers."},
    "status_DIAJUKAN": {"id": "Diajukan", "en": "Filed"},
    "status_DIVERIFIKASI": {"id": "Diverifikasi", "en": "Verified"},
    "status_DIBAYAR": {"id": "Dibayar", "en": "Paid"},
    "status_DITOLAK": {"id": "Ditolak", "en": "Rejected"},
    "chart_sector": {"id": "Pekerja aktif per sektor", "en": "Active workers by sector"},
    "kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "sector": {"id": "Sektor", "en": "Sector"},
    "active": {"id": "Aktif", "en": "Active"},
    "new": {"id": "Baru", "en": "New"},
    "share": {"id": "Porsi", "en": "Share"},
    "claims": {"id": "Klaim dan manfaat", "en": "Claims and benefits"},
    "programme": {"id": "Program", "en": "Programme"},
    "status": {"id": "Status", "en": "Status"},
    "count": {"id": "Jumlah", "en": "Count"},
    "amount": {"id": "Nilai (Rp)", "en": "Amount (Rp)"},
    "budget": {"id": "Anggaran dan realisasi", "en": "Budget and realisation"},
    "chart_budget": {"id": "Iuran per bulan dan kumulatif terhadap pagu", "en": "Premiums per month and cumulative against the ceiling"},
    "monthly": {"id": "Iuran bulanan", "en": "Monthly premiums"},
    "cumulative": {"id": "Kumulatif", "en": "Cumulative"},
    "projection": {"id": "Proyeksi s.d. akhir tahun", "en": "Projection to year end"},
    "rupiah": {"id": "rupiah", "en": "rupiah"},
    "claims_month": {"id": "Bulan ini {filed} klaim diajukan dan {paid} klaim dibayar senilai {amount}.",
                     "en": "This month {filed} claims were filed and {paid} claims were paid, worth {amount}."},
    "payment_days": {"id": "Median waktu dari pengajuan sampai pembayaran: {days} hari ({n} klaim dibayar sejak awal program).",
                     "en": "Median time from filing to payment: {days} days ({n} claims paid since the programme began)."},
    "rejection": {"id": "Tingkat penolakan: {pct} dari {decided} klaim yang sudah diputus sejak awal program.",
                  "en": "Rejection rate: {pct} of {decided} claims decided since the programme began."},
    "ratio": {"id": "Rasio manfaat terhadap iuran ({phase}): {ratio}, yaitu {benefits} manfaat dibayar untuk {premiums} iuran.",
              "en": "Benefit-to-premium ratio ({phase}): {ratio}, i.e. {benefits} of benefits paid for {premiums} of premiums."},
    "outside": {"id": "{n} klaim dengan tanggal kejadian di luar masa kepesertaan ditandai untuk diperiksa bersama BPJS Ketenagakerjaan.",
                "en": "{n} claims with an incident date outside the worker's coverage are flagged for review with BPJS Ketenagakerjaan."},
    "claims_table_note": {"id": "Klaim menurut program dan status saat ini: sejak awal program dan yang diajukan bulan ini.",
                          "en": "Claims by programme and current status: since the programme began, and filed this month."},
    "since_start": {"id": "Sejak awal", "en": "Since start"},
    "this_month": {"id": "Bulan ini", "en": "This month"},
    "realisation_line": {"id": "Iuran {phase} s.d. akhir {month}: {premiums} dari pagu {pagu} (realisasi {pct}).",
                         "en": "Premiums of {phase} to the end of {month}: {premiums} of the {pagu} ceiling (realisation {pct})."},
    "paid_line": {"id": "Tagihan iuran bulan-bulan tersebut yang sudah dibayar ke BPJS Ketenagakerjaan: {paid}.",
                  "en": "Premium invoices for those months already paid to BPJS Ketenagakerjaan: {paid}."},
    "projection_line": {"id": "Proyeksi iuran s.d. 31 Desember {year} bila jumlah peserta tetap seperti bulan ini ({workers} pekerja):"
                        " {total}, {pct} dari pagu tahun {year} ({pagu}).",
                        "en": "Projected premiums to 31 December {year} if enrolment stays at this month's level ({workers} workers):"
                        " {total}, {pct} of the {year} ceiling ({pagu})."},
    "cost_line": {"id": "Biaya per pekerja per bulan (tarif JKK + JKM yang berlaku): {rate}.",
                  "en": "Cost per worker per month (JKK + JKM rate in force): {rate}."},
    "definitions": {"id": "Definisi dan sumber", "en": "Definitions and sources"},
    "no_data_title": {"id": "Tidak ada data untuk {month}", "en": "No data for {month}"},
    "no_data_body": {"id": "Store SIGAP tidak memuat kepesertaan, klaim atau pembayaran pada {month}, sehingga laporan"
                     " bulan ini tidak dapat disusun. {span}",
                     "en": "The SIGAP store holds no coverage, claims or payments in {month}, so this month's brief"
                     " cannot be produced. {span}"},
    "data_span": {"id": "Data tersedia untuk {first} sampai {last}.", "en": "Data is available from {first} to {last}."},
    "data_span_none": {"id": "Store ini belum berisi data program.", "en": "This store holds no programme data yet."},
}


def t(key: str, lang: str = "id") -> str:
    """Report text for `key`, falling back to the dashboard's text, in `lang` (Indonesian by default)."""
    entry = TEXT.get(key) or UI_TEXT[key]
    return entry.get(lang) or entry["id"]
