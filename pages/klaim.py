"""Klaim & manfaat: claims by programme and status, benefits paid, processing time, rejection, claims flagged
outside coverage, and benefits per rupiah of premium."""
import streamlit as st

from sigap_metrics import charts, fmt
from sigap_metrics.metrics import views
from sigap_metrics.metrics.claims import benefits_paid, claims_by_status, claims_outside_coverage, payment_days
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import t

STATUS = {"program": "col_program", "status": "col_status", "klaim": "col_claims", "nominal_rp": "col_amount_rp"}
AREAS = {"kecamatan": "filter_kecamatan", "klaim_dibayar": "col_claims_paid", "manfaat_rp": "col_benefits_rp"}
DAYS = {"program": "col_program", "klaim_dibayar": "col_claims_paid", "median_hari": "col_median_days",
        "rata_rata_hari": "col_mean_days"}
FLAGGED = {"no_klaim": "col_claim_no", "program": "col_program", "status": "col_status",
           "tgl_kejadian": "col_incident_date", "tgl_pengajuan": "col_filed_date", "tgl_bayar": "col_paid_date",
           "nominal_rp": "col_amount_rp", "kecamatan_kode": "filter_kecamatan", "sektor": "filter_sektor",
           "hari_di_luar": "col_days_outside"}
KINDS = {"klaim": "number", "nominal_rp": "rupiah", "klaim_dibayar": "number", "manfaat_rp": "rupiah",
         "median_hari": "decimal", "rata_rata_hari": "decimal", "tgl_kejadian": "date", "tgl_pengajuan": "date",
         "tgl_bayar": "date", "hari_di_luar": "number"}

view = shell.view()
lang, as_of, filters = view.lang, view.as_of, view.filters
widgets.page_header("page_klaim", lang, as_of, "klaim_caption")
start, end = widgets.period_picker(lang, as_of)

totals = metric(views.claims_overview, start, end, filters)
row1 = st.columns(4)
row1[0].metric(t("claims_filed", lang), fmt.number(totals["diajukan"], lang))
row1[1].metric(t("claims_paid", lang), fmt.number(totals["dibayar"], lang))
row1[2].metric(t("benefits_paid_rp", lang), fmt.rupiah_short(totals["manfaat_rp"], lang),
               help=fmt.rupiah(totals["manfaat_rp"], lang))
row1[3].metric(t("benefit_ratio", lang), fmt.number(totals["rasio"], lang, 2),
               help=t("benefit_ratio_help", lang).format(benefits=fmt.rupiah(totals["manfaat_rp"], lang),
                                                         premiums=fmt.rupiah(totals["iuran_rp"], lang)))
row2 = st.columns(4)
row2[0].metric(t("median_days", lang), fmt.number(totals["median_hari"], lang, 1))
row2[1].metric(t("rejection_pct", lang), fmt.percent(totals["penolakan_pct"], lang))
row2[2].metric(t("outside_coverage", lang), fmt.number(totals["di_luar_cakupan"], lang))

statuses = charts.display_table(metric(claims_by_status, start, end, filters), STATUS, lang)
figure = charts.bar_chart(statuses, t("col_program", lang), t("col_claims", lang), colour=t("col_status", lang),
                          horizontal=False, lang=lang)
widgets.chart_block("klaim_status", t("claims_status_title", lang), figure, statuses,
                    charts.table_formats(STATUS, KINDS, lang), lang)

areas = charts.display_table(metric(benefits_paid, start, end, filters, "kecamatan"), AREAS, lang)
figure = charts.bar_chart(areas, t("filter_kecamatan", lang), t("col_benefits_rp", lang), lang=lang, kind="rupiah")
widgets.chart_block("klaim_kecamatan", t("benefits_area_title", lang), figure, areas,
                    charts.table_formats(AREAS, KINDS, lang), lang)

days = charts.display_table(metric(payment_days, start, end, filters, None, True), DAYS, lang)
figure = charts.bar_chart(days, t("col_program", lang), t("col_median_days", lang), lang=lang, kind="decimal",
                          horizontal=False, sort=False)
widgets.chart_block("klaim_hari", t("payment_days_title", lang), figure, days, charts.table_formats(DAYS, KINDS, lang),
                    lang)

st.subheader(t("outside_title", lang))
st.caption(t("outside_caption", lang))
flagged = charts.display_table(metric(claims_outside_coverage, as_of, filters), FLAGGED, lang)
if len(flagged):
    widgets.table(flagged, charts.table_formats(FLAGGED, KINDS, lang), lang, key="tbl_klaim_luar")
    widgets.downloads(flagged, "klaim_di_luar_cakupan", lang)
else:
    st.success(t("outside_none", lang), icon=":material/check_circle:")

widgets.page_definitions("klaim", lang)
