"""Words of the printed reports (PDF brief, XLSX workbook), Bahasa Indonesia first and English. Column and
headline labels are the dashboard's own keys (`dashboard.py`), so paper and screen name each number the same way;
a key is declared in one module only."""
from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # Monthly brief
    "report_title": {"id": "Laporan Bulanan Program SIGAP", "en": "SIGAP Programme Monthly Brief"},
    "brief_subtitle": {"id": "Jaminan sosial ketenagakerjaan (JKK + JKM) bagi pekerja rentan · Pemerintah Kota Bekasi",
                       "en": "Employment social insurance (JKK + JKM) for vulnerable workers · City of Bekasi"},
    "author": {"id": "Dinas Tenaga Kerja Kota Bekasi", "en": "Kota Bekasi Manpower Agency (Disnaker)"},
    "header": {"id": "SIGAP · Laporan bulanan {month}", "en": "SIGAP · Monthly brief {month}"},
    "footer": {"id": "Sumber: SIGAP Monitor (data BPJS Ketenagakerjaan & Disnaker), data per {date}. Definisi: "
                     "halaman terakhir.",
               "en": "Source: SIGAP Monitor (BPJS Ketenagakerjaan & Disnaker data), data as of {date}. Definitions: "
                     "last page."},
    "footer_no_data": {"id": "Sumber: SIGAP Monitor (data BPJS Ketenagakerjaan & Disnaker), data per {date}.",
                       "en": "Source: SIGAP Monitor (BPJS Ketenagakerjaan & Disnaker data), data as of {date}."},
    "page_words": {"id": "Halaman|dari", "en": "Page|of"},
    "watermark": {"id": "DATA DEMO", "en": "DATA DEMO"},
    "demo_note": {"id": "DATA DEMO: angka dalam laporan ini sintetis (buatan) untuk peragaan, bukan data program "
                        "yang sebenarnya.",
                  "en": "DEMO DATA: the numbers in this brief are synthetic, for demonstration, not the programme's "
                        "real data."},
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
    "chart_coverage": {"id": "Pekerja terlindungi (aktif) terhadap target tahap",
                       "en": "Covered workers (active) against the phase target"},
    "chart_workers": {"id": "pekerja", "en": "workers"},
    "actual": {"id": "Aktif", "en": "Active"},
    "forecast": {"id": "Perkiraan", "en": "Forecast"},
    "band": {"id": "Rentang perkiraan", "en": "Forecast interval"},
    "target_line": {"id": "Target tahap", "en": "Phase target"},
    "reached": {"id": "target tercapai", "en": "target reached"},
    "fc_reached": {"id": "Target tahap ({target} pekerja) sudah tercapai: {active} pekerja aktif.",
                   "en": "The phase target ({target} workers) is reached: {active} active workers."},
    "fc_pace": {"id": "Laju {weeks} minggu terakhir: {pace} pekerja per minggu.",
                "en": "Pace over the last {weeks} weeks: {pace} workers per week."},
    "fc_on_track": {"id": "Pada laju ini target {target} pekerja tercapai sekitar {date} (rentang {earliest} – "
                          "{latest}), sebelum akhir tahap ({phase_end}).",
                    "en": "At this pace the target of {target} workers is reached around {date} (interval {earliest} "
                          "– {latest}), before the phase ends ({phase_end})."},
    "fc_late": {"id": "Pada laju ini target {target} pekerja baru tercapai sekitar {date} (rentang {earliest} – "
                      "{latest}), setelah akhir tahap ({phase_end}).",
                "en": "At this pace the target of {target} workers is only reached around {date} (interval "
                      "{earliest} – {latest}), after the phase ends ({phase_end})."},
    "fc_not_reached": {"id": "Pada laju ini target {target} pekerja tidak tercapai.",
                       "en": "At this pace the target of {target} workers is not reached."},
    "fc_needed": {"id": "Laju yang dibutuhkan untuk mencapai target pada akhir tahap ({phase_end}): {needed} pekerja "
                        "per minggu.",
                  "en": "Pace needed to reach the target by the phase end ({phase_end}): {needed} workers per week."},
    "fc_no_time": {"id": "Tahap berakhir hari ini; tidak ada waktu tersisa untuk mengejar target.",
                   "en": "The phase ends today; no time is left to reach the target."},
    "fc_no_target": {"id": "Tidak ada target tahap yang berlaku pada tanggal ini.",
                     "en": "No phase target applies on this date."},
    "fc_insufficient": {"id": "Data belum cukup untuk membuat perkiraan.", "en": "Not enough data for a forecast yet."},
    "open_end": {"id": "lebih dari 10 tahun", "en": "more than 10 years"},
    "area_sector": {"id": "Wilayah dan sektor", "en": "Areas and sectors"},
    "chart_kecamatan": {"id": "Capaian alokasi target per kecamatan",
                        "en": "Attainment of the target allocation by kecamatan"},
    "pct_of_allocation": {"id": "% dari alokasi target", "en": "% of target allocation"},
    "kecamatan_note": {"id": "Alokasi target: target tahap dibagi menurut jumlah penduduk kecamatan. Garis "
                             "putus-putus: capaian kota ({city}); oranye: di bawah capaian kota. Angka dalam kurung: "
                             "pekerja aktif.",
                       "en": "Target allocation: the phase target shared out by kecamatan population. Dashed line: the "
                             "city's attainment ({city}); orange: below the city's attainment. In brackets: active "
                             "workers."},
    "allocation": {"id": "Alokasi", "en": "Allocation"},
    "attainment_short": {"id": "Capaian", "en": "Attained"},
    "per_1000_short": {"id": "Per 1.000", "en": "Per 1,000"},
    "lapsed": {"id": "Berhenti", "en": "Lapsed"},
    "sector_note": {"id": "Baru dan berhenti: dalam bulan laporan sampai tanggal angka. Porsi: dari semua pekerja "
                          "aktif.",
                    "en": "New and lapsed: in the reporting month up to the figures' date. Share: of all active "
                          "workers."},
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
    "chart_budget": {"id": "Iuran per bulan dan kumulatif terhadap pagu",
                     "en": "Premiums per month and cumulative against the ceiling"},
    "monthly": {"id": "Iuran bulanan", "en": "Monthly premiums"},
    "cumulative": {"id": "Kumulatif", "en": "Cumulative"},
    "projection": {"id": "Proyeksi s.d. akhir tahun", "en": "Projection to year end"},
    "rupiah": {"id": "rupiah", "en": "rupiah"},
    "claims_month": {"id": "Bulan ini {filed} klaim diajukan dan {paid} klaim dibayar senilai {amount}.",
                     "en": "This month {filed} claims were filed and {paid} claims were paid, worth {amount}."},
    "payment_days": {"id": "Median waktu dari pengajuan sampai pembayaran: {days} hari ({n} klaim dibayar sejak awal "
                           "program).",
                     "en": "Median time from filing to payment: {days} days ({n} claims paid since the programme "
                           "began)."},
    "rejection": {"id": "Tingkat penolakan: {pct} dari {decided} klaim yang sudah diputus sejak awal program.",
                  "en": "Rejection rate: {pct} of {decided} claims decided since the programme began."},
    "ratio": {"id": "Rasio manfaat terhadap iuran ({phase}): {ratio}, yaitu {benefits} manfaat dibayar untuk "
                    "{premiums} iuran.",
              "en": "Benefit-to-premium ratio ({phase}): {ratio}, i.e. {benefits} of benefits paid for {premiums} of "
                    "premiums."},
    "outside": {"id": "{n} klaim dengan tanggal kejadian di luar masa kepesertaan ditandai untuk diperiksa bersama "
                      "BPJS Ketenagakerjaan.",
                "en": "{n} claims with an incident date outside the worker's coverage are flagged for review with "
                      "BPJS Ketenagakerjaan."},
    "claims_table_note": {"id": "Klaim menurut program dan status saat ini: sejak awal program dan yang diajukan "
                                "bulan ini.",
                          "en": "Claims by programme and current status: since the programme began, and filed this "
                                "month."},
    "since_start": {"id": "Sejak awal", "en": "Since start"},
    "this_month": {"id": "Bulan ini", "en": "This month"},
    "realisation_line": {"id": "Iuran {phase} s.d. akhir {month}: {premiums} dari pagu {pagu} (realisasi {pct}).",
                         "en": "Premiums of {phase} to the end of {month}: {premiums} of the {pagu} ceiling "
                               "(realisation {pct})."},
    "paid_line": {"id": "Tagihan iuran bulan-bulan tersebut yang sudah dibayar ke BPJS Ketenagakerjaan: {paid}.",
                  "en": "Premium invoices for those months already paid to BPJS Ketenagakerjaan: {paid}."},
    "projection_line": {"id": "Proyeksi iuran s.d. 31 Desember {year} bila jumlah peserta tetap seperti bulan ini "
                              "({workers} pekerja): {total}, {pct} dari pagu tahun {year} ({pagu}).",
                        "en": "Projected premiums to 31 December {year} if enrolment stays at this month's level "
                              "({workers} workers): {total}, {pct} of the {year} ceiling ({pagu})."},
    "cost_line": {"id": "Biaya per pekerja per bulan (tarif JKK + JKM yang berlaku): {rate}.",
                  "en": "Cost per worker per month (JKK + JKM rate in force): {rate}."},
    # Download buttons on the dashboard
    "download_brief": {"id": "Unduh laporan bulanan (PDF)", "en": "Download the monthly brief (PDF)"},
    "download_brief_help": {"id": "Laporan {month} untuk dibawa ke rapat: angka per {date}, grafik, narasi dan "
                                  "definisi.",
                            "en": "The {month} brief to take into meetings: figures as of {date}, charts, narrative "
                                  "and definitions."},
    "download_workbook": {"id": "Unduh buku kerja anggaran (XLSX)", "en": "Download the budget workbook (XLSX)"},
    "download_workbook_help": {"id": "Iuran per bulan, realisasi pagu, proyeksi akhir tahun {year}, skenario di "
                                     "atas, klaim dan manfaat, definisi.",
                               "en": "Premiums by month, realisation against the ceiling, projection to the end of "
                                     "{year}, the scenario above, claims and benefits, definitions."},
    # Workbook
    "wb_title": {"id": "Buku kerja anggaran program SIGAP {year}", "en": "SIGAP programme budget workbook {year}"},
    "wb_data_line": {"id": "Data per {date}. Angka tahun {year} sampai {as_of}.",
                     "en": "Data as of {date}. Figures for {year} up to {as_of}."},
    "wb_no_data": {"id": "Tidak ada data program untuk tahun {year} (data per {date}); lembar skenario tetap "
                         "tersedia untuk perencanaan.",
                   "en": "No programme data for {year} (data as of {date}); the scenario sheet is still available "
                         "for planning."},
    "wb_sheets": {"id": "Isi buku kerja", "en": "Contents"},
    "wb_key": {"id": "Angka kunci", "en": "Key figures"},
    "wb_value": {"id": "Nilai", "en": "Value"},
    "sheet_cover": {"id": "Ringkasan", "en": "Summary"},
    "sheet_premiums": {"id": "Iuran per bulan", "en": "Premiums by month"},
    "sheet_realisation": {"id": "Realisasi pagu", "en": "Realisation vs ceiling"},
    "sheet_projection": {"id": "Proyeksi akhir tahun", "en": "Year-end projection"},
    "sheet_scenario": {"id": "Skenario", "en": "Scenario"},
    "sheet_claims_month": {"id": "Klaim per bulan", "en": "Claims by month"},
    "sheet_claims_status": {"id": "Klaim per status", "en": "Claims by status"},
    "scenario_note": {"id": "Skenario: {workers} pekerja mulai {start} selama {months} bulan; pertumbuhan {growth}% "
                            "dan putus {dropout}% per bulan, tambahan {added} pekerja per bulan; tarif sesuai tabel "
                            "tarif yang berlaku.",
                      "en": "Scenario: {workers} workers from {start} for {months} months; growth {growth}% and "
                            "drop-out {dropout}% per month, {added} workers added per month; rates from the rate "
                            "table in force."},
    "scenario_default": {"id": "Skenario bawaan: pekerja aktif per {date} dipertahankan selama 12 bulan tahun {year}.",
                         "en": "Default scenario: the workers active on {date} kept covered for the 12 months of "
                               "{year}."},
    "scenario_definition": {"id": "Perencana skenario: pekerja bulan pertama = N; tiap bulan berikutnya = bulan "
                                  "sebelumnya × (1 + pertumbuhan% − putus%) + tambahan, dibulatkan ke pekerja utuh; "
                                  "biaya = pekerja × tarif yang berlaku pada tanggal 1 bulan itu.",
                            "en": "Scenario planner: workers in the first month = N; each later month = the "
                                  "previous × (1 + growth% − drop-out%) + additions, rounded to whole workers; "
                                  "cost = workers × the rate in force on the month's first day."},
    "col_running": {"id": "Kumulatif (Rp)", "en": "Running total (Rp)"},
    "scenario_total_rp": {"id": "Anggaran yang dibutuhkan (Rp)", "en": "Budget needed (Rp)"},
    "sheet_definitions": {"id": "Definisi", "en": "Definitions"},
    "col_cumulative": {"id": "Kumulatif tahun (Rp)", "en": "Year to date (Rp)"},
    "col_target_workers": {"id": "Target peserta", "en": "Target workers"},
    "col_premium_to_date": {"id": "Iuran s.d. bulan data (Rp)", "en": "Premiums to the data month (Rp)"},
    "col_realisation": {"id": "Realisasi (% pagu)", "en": "Realisation (% of ceiling)"},
    "col_invoices_paid": {"id": "Tagihan dibayar ke BPJS-TK (Rp)", "en": "Invoices paid to BPJS-TK (Rp)"},
    "col_remaining": {"id": "Sisa pagu (Rp)", "en": "Ceiling remaining (Rp)"},
    "kind_realisasi": {"id": "realisasi", "en": "actual"},
    "kind_proyeksi": {"id": "proyeksi", "en": "projected"},
    "col_filed_jkk": {"id": "Klaim JKK diajukan", "en": "JKK claims filed"},
    "col_filed_jkm": {"id": "Klaim JKM diajukan", "en": "JKM claims filed"},
    "col_ratio": {"id": "Rasio manfaat / iuran", "en": "Benefit / premium ratio"},
    "cover_benefits": {"id": "Manfaat dibayar tahun {year} (Rp)", "en": "Benefits paid in {year} (Rp)"},
    "cover_paid": {"id": "Klaim dibayar tahun {year}", "en": "Claims paid in {year}"},
    "col_amount": {"id": "Nilai klaim (Rp)", "en": "Amount (Rp)"},
    "col_term": {"id": "Istilah", "en": "Term"},
    "col_definition": {"id": "Definisi", "en": "Definition"},
    "total": {"id": "Jumlah", "en": "Total"},
    "proj_so_far": {"id": "Iuran 1 Januari s.d. akhir bulan data (Rp)",
                    "en": "Premiums 1 January to end of data month (Rp)"},
    "proj_workers": {"id": "Pekerja pada bulan data (laju berjalan)", "en": "Workers in the data month (run rate)"},
    "proj_months_left": {"id": "Bulan tersisa", "en": "Months remaining"},
    "proj_rest": {"id": "Proyeksi iuran bulan tersisa (Rp)", "en": "Projected premiums, remaining months (Rp)"},
    "proj_total": {"id": "Proyeksi iuran setahun (Rp)", "en": "Projected premiums, full year (Rp)"},
    "proj_pagu": {"id": "Pagu tahun (Rp)", "en": "Year ceiling (Rp)"},
    "proj_pct": {"id": "Proyeksi (% pagu)", "en": "Projection (% of ceiling)"},
    "proj_note": {"id": "Bulan tersisa dihitung dengan jumlah pekerja bulan data × tarif yang berlaku tiap bulan.",
                  "en": "Remaining months are costed at the data month's workers × the rate in force each month."},
    "premiums_note": {"id": "Pekerja-bulan: bulan kalender di mana pekerja terlindungi minimal satu hari; iuran = "
                            "pekerja-bulan × tarif.",
                      "en": "Worker-month: a calendar month in which the worker is covered on at least one day; "
                            "premium = worker-months × rate."},
    "realisation_note": {"id": "Realisasi = iuran pekerja-bulan tahap s.d. akhir bulan data ÷ pagu tahap.",
                         "en": "Realisation = premiums of the phase's worker-months to the end of the data month ÷ "
                               "the phase ceiling."},
    "claims_month_note": {"id": "Diajukan: menurut tanggal pengajuan; dibayar dan manfaat: menurut tanggal bayar; "
                                "rasio = manfaat ÷ iuran bulan yang sama.",
                          "en": "Filed: by filing date; paid and benefits: by payment date; ratio = benefits ÷ "
                                "premiums of the same month."},
    "claims_status_note": {"id": "Klaim yang diajukan dalam tahun ini menurut program dan status saat ini.",
                           "en": "Claims filed this year by programme and current status."},
    "demo_sheet_note": {"id": "DATA DEMO: angka sintetis, bukan data program yang sebenarnya.",
                        "en": "DEMO DATA: synthetic numbers, not the programme's real data."},
    "sources": {"id": "Sumber data: kepesertaan, klaim dan tagihan iuran dari BPJS Ketenagakerjaan; usulan calon "
                      "peserta dari Dinsos, Dinkop-UMKM, Dishub, platform ojol dan kelurahan; target dan pagu per "
                      "tahap dari APBD Kota Bekasi (Disnaker). Data per {date}. Laporan ini disusun otomatis oleh "
                      "SIGAP Monitor dari angka yang sama dengan dasbor; tidak memuat data pribadi.",
                "en": "Data sources: coverage, claims and premium invoices from BPJS Ketenagakerjaan; candidate "
                      "proposals from Dinsos, Dinkop-UMKM, Dishub, ride-hailing platforms and kelurahan; targets and "
                      "ceilings per phase from the Kota Bekasi budget (Disnaker). Data as of {date}. This brief is "
                      "generated by SIGAP Monitor from the same numbers as the dashboard; it holds no personal data."},
    "definitions": {"id": "Definisi dan sumber", "en": "Definitions and sources"},
    "no_data_title": {"id": "Tidak ada data untuk {month}", "en": "No data for {month}"},
    "no_data_body": {"id": "Basis data SIGAP tidak memuat kepesertaan atau klaim untuk {month}, sehingga laporan "
                           "bulan ini tidak dapat disusun. {span}",
                     "en": "The SIGAP database holds no coverage or claims for {month}, so this month's brief cannot "
                           "be produced. {span}"},
    "data_span": {"id": "Data tersedia untuk {first} sampai {last}.",
                  "en": "Data is available from {first} to {last}."},
    "data_span_none": {"id": "Basis data ini belum berisi data program.",
                       "en": "This database holds no programme data yet."},
}

