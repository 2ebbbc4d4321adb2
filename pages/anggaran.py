"""Anggaran & skenario: premiums by month against the pagu, realisation per phase, projection to year end,
and the scenario planner whose month-by-month table goes into budget documents."""
import streamlit as st

from sigap_metrics import catalogue, charts, columns, fmt
from sigap_metrics.metrics import views
from sigap_metrics.metrics.budget import rates, realisation
from sigap_metrics.metrics.filters import add_months, month_start
from sigap_metrics.metrics.scenario import plan, scenario_limits, scenario_total
from sigap_metrics.metrics.summary import summary
from sigap_metrics.reports import build_workbook
from sigap_metrics.ui import access, shell, widgets
from sigap_metrics.ui.store import cursor, metric
from sigap_metrics.ui.widgets import t

SCENARIO_EXPORT_ROLES = ("anggaran", "operator", "admin")   # DESIGN §6: from `anggaran` up
MONTHS = ("bulan", "pekerja_bulan", "tarif", "iuran_rp", "kumulatif_rp", "proyeksi_kumulatif_rp", "pagu_rp")
PHASES = ("nama_tahap", "tgl_mulai", "tgl_akhir", "target_peserta", "pagu_rp", "iuran_rp", "realisasi_pct",
          "dibayar_rp")
SCENARIO = ("bulan", "pekerja", "tarif", "biaya_rp", "kumulatif_rp")
START_CHOICES = 24   # start months offered: this month and the next 23

view = shell.view()
lang, as_of, filters = view.lang, view.as_of, view.filters
widgets.page_header("page_anggaran", lang, as_of, "anggaran_caption")

money = metric(views.budget_overview, as_of, filters)
cards = st.columns(4)
widgets.indicator_card(cards[0], "realisation_pct", money["realisasi_pct"], lang,
                       f"{money['tahap'] or t('no_phase', lang)}: {fmt.rupiah(money['iuran_rp'], lang)} / "
                       f"{fmt.rupiah(money['pagu_rp'], lang)}")
widgets.indicator_card(cards[1], "premiums_rp", money["iuran_rp"], lang,
                       f"{catalogue.get('pagu_rp').label(lang)}: {fmt.rupiah(money['pagu_rp'], lang)}")
widgets.indicator_card(cards[2], "cost_per_worker_month", money["biaya_per_pekerja_bulan_rp"], lang)
widgets.indicator_card(cards[3], "year_end_projection_rp", money["proyeksi_total_rp"], lang,
                       t("projection_help", lang).format(pct=fmt.percent(money["proyeksi_pct"], lang),
                                                         pagu=fmt.rupiah(money["pagu_tahun_rp"], lang)))
st.caption(f"{t('invoices_paid', lang)}: {fmt.rupiah(money['dibayar_rp'], lang)} · {t('benefit_ratio', lang)}: "
           f"**{fmt.number(money['rasio_manfaat'], lang, 2)}**")

months = columns.table(metric(views.budget_months, as_of, filters), MONTHS, lang)
label = columns.labels({*MONTHS, *SCENARIO}, lang)
figure = charts.budget_chart(months, month=label["bulan"], monthly=label["iuran_rp"], cumulative=label["kumulatif_rp"],
                             projected=label["proyeksi_kumulatif_rp"], ceiling=label["pagu_rp"], lang=lang)
widgets.chart_block("anggaran_bulanan", t("premiums_month_title", lang), figure, months, columns.formats(MONTHS, lang),
                    lang)

st.subheader(t("realisation_title", lang))
phases = columns.table(metric(realisation, as_of, filters), PHASES, lang)
widgets.table(phases, columns.formats(PHASES, lang), lang, key="tbl_tahap")
widgets.downloads(phases, "anggaran_tahap", lang)

st.subheader(t("scenario_title", lang))
st.caption(t("scenario_caption", lang))
starts = [add_months(month_start(as_of), i) for i in range(START_CHOICES)]
limits = metric(scenario_limits)   # from the store's size: no fixed cap below what it holds
with st.form("skenario", border=True):
    left, middle, right = st.columns(3)
    workers = left.number_input(t("scenario_workers", lang), min_value=0, max_value=limits["workers"], step=500,
                                value=int(metric(summary, as_of, filters)["target"] or 10_000), key="w_sk_pekerja")
    duration = middle.number_input(t("scenario_months", lang), min_value=1, max_value=60, value=12, key="w_sk_bulan")
    start = right.selectbox(t("scenario_start", lang), starts, index=1,
                            format_func=lambda m: fmt.date(m, lang, "month"), key="w_sk_mulai")
    left, middle, right = st.columns(3)   # a second row, so a phone stacks the inputs in reading order
    growth = left.number_input(t("scenario_growth", lang), min_value=-50.0, max_value=50.0, value=0.0, step=0.5,
                               format="%.1f", key="w_sk_tumbuh")
    dropout = middle.number_input(t("scenario_dropout", lang), min_value=0.0, max_value=50.0, value=0.0, step=0.5,
                                  format="%.1f", key="w_sk_berhenti")
    added = right.number_input(t("scenario_added", lang), min_value=0, max_value=limits["added"], value=0, step=100,
                               key="w_sk_tambah")
    st.form_submit_button(t("scenario_run", lang), icon=":material/calculate:")
result = metric(plan, workers=int(workers), months=int(duration), start_month=start, growth_pct=str(growth),
                dropout_pct=str(dropout), added_per_month=int(added))
widgets.indicator_card(st, "scenario_budget_rp", scenario_total(result), lang)
in_force = metric(rates)
st.caption(t("scenario_rates", lang).format(rates="; ".join(
    f"{fmt.rupiah(rate, lang)} ({t('col_start', lang).lower()} {fmt.date(day, lang)})"
    for day, rate in zip(in_force["berlaku_mulai"], in_force["tarif"]))))
planned = columns.table(result, SCENARIO, lang)
figure = charts.budget_chart(planned, month=label["bulan"], monthly=label["biaya_rp"], cumulative=label["kumulatif_rp"],
                             lang=lang)
chart_tab, table_tab = st.tabs([t("tab_chart", lang), t("tab_table", lang)])
with chart_tab:
    st.plotly_chart(figure, key="fig_anggaran_skenario", config={"displaylogo": False})
with table_tab:
    widgets.table(planned, columns.formats(SCENARIO, lang), lang, key="tbl_skenario")
if access.current_role() in SCENARIO_EXPORT_ROLES:
    widgets.downloads(planned, "anggaran_skenario", lang)
    inputs = {"workers": int(workers), "months": int(duration), "start_month": start, "growth_pct": str(growth),
              "dropout_pct": str(dropout), "added_per_month": int(added)}
    st.download_button(t("download_workbook", lang), file_name=f"sigap_anggaran_{as_of.year}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       data=lambda: build_workbook(cursor(), as_of.year, inputs, lang, data_date=as_of),
                       help=t("download_workbook_help", lang).format(year=as_of.year), on_click="ignore",
                       icon=":material/table_view:", key="dl_buku_kerja")
else:
    st.caption(t("scenario_export_role", lang))

widgets.page_definitions("anggaran", lang)
