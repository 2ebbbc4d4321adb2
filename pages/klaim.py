"""Klaim & manfaat: claims by programme and status, benefits paid, processing time, rejection, claims flagged
outside coverage, and benefits per rupiah of premium."""
import streamlit as st

from sigap_metrics import charts, columns, fmt
from sigap_metrics.metrics import views
from sigap_metrics.metrics.claims import benefits_paid, claims_by_status, claims_outside_coverage, payment_days
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import t

STATUS = ("program", "status", "klaim", "nominal_rp")
AREAS = ("kecamatan", "klaim_dibayar", "manfaat_rp")
DAYS = ("program", "klaim_dibayar", "median_hari", "rata_rata_hari")
FLAGGED = ("no_klaim", "program", "status", "tgl_kejadian", "tgl_pengajuan", "tgl_bayar", "nominal_rp",
           "kecamatan_kode", "sektor", "hari_di_luar")

view = shell.view()
lang, as_of, filters = view.lang, view.as_of, view.filters
widgets.page_header("page_klaim", lang, as_of, "klaim_caption")
start, end = widgets.period_picker(lang, as_of)

totals = metric(views.claims_overview, start, end, filters)
row1 = st.columns(4)
widgets.indicator_card(row1[0], "claims_filed", totals["diajukan"], lang)
widgets.indicator_card(row1[1], "claims_paid", totals["dibayar"], lang)
widgets.indicator_card(row1[2], "benefits_paid_rp", totals["manfaat_rp"], lang)
widgets.indicator_card(row1[3], "benefit_premium_ratio", totals["rasio"], lang,
                       f"{fmt.rupiah(totals['manfaat_rp'], lang)} / {fmt.rupiah(totals['iuran_rp'], lang)}")
row2 = st.columns(4)
widgets.indicator_card(row2[0], "payment_days_median", totals["median_hari"], lang)
widgets.indicator_card(row2[1], "rejection_pct", totals["penolakan_pct"], lang)
widgets.indicator_card(row2[2], "claims_outside_coverage", totals["di_luar_cakupan"], lang)

label = columns.labels({*STATUS, *AREAS, *DAYS}, lang)
statuses = columns.table(metric(claims_by_status, start, end, filters), STATUS, lang)
figure = charts.bar_chart(statuses, label["program"], label["klaim"], colour=label["status"], horizontal=False,
                          lang=lang)
widgets.chart_block("klaim_status", t("claims_status_title", lang), figure, statuses, columns.formats(STATUS, lang),
                    lang)

areas = columns.table(metric(benefits_paid, start, end, filters, "kecamatan"), AREAS, lang)
figure = charts.bar_chart(areas, label["kecamatan"], label["manfaat_rp"], lang=lang, unit=columns.unit("manfaat_rp"))
widgets.chart_block("klaim_kecamatan", t("benefits_area_title", lang), figure, areas, columns.formats(AREAS, lang),
                    lang)

days = columns.table(metric(payment_days, start, end, filters, None, True), DAYS, lang)
figure = charts.bar_chart(days, label["program"], label["median_hari"], lang=lang, unit=columns.unit("median_hari"),
                          horizontal=False, sort=False)
widgets.chart_block("klaim_hari", t("payment_days_title", lang), figure, days, columns.formats(DAYS, lang), lang)

st.subheader(t("outside_title", lang))
st.caption(t("outside_caption", lang))
flagged = columns.table(metric(claims_outside_coverage, as_of, filters), FLAGGED, lang)
if len(flagged):
    widgets.table(flagged, columns.formats(FLAGGED, lang), lang, key="tbl_klaim_luar")
    widgets.downloads(flagged, "klaim_di_luar_cakupan", lang)
else:
    st.success(t("outside_none", lang), icon=":material/check_circle:")

widgets.page_definitions("klaim", lang)
