"""Ringkasan: headline cards, the month's brief, coverage against the target with the forecast, the funnel."""
import streamlit as st

from sigap_metrics import charts, columns, fmt
from sigap_metrics.metrics import summary, views
from sigap_metrics.metrics.brief import brief, month_over_month
from sigap_metrics.metrics.coverage import ever_enrolled, retention
from sigap_metrics.metrics.forecast import forecast
from sigap_metrics.metrics.selection import FUNNEL_FILTERS, funnel
from sigap_metrics.reports import build_monthly_brief
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import cursor, metric
from sigap_metrics.ui.widgets import t

TRAJECTORY = ("tanggal", "aktif", "target", "perkiraan", "bawah", "atas", "lintasan_dibutuhkan")
FUNNEL = ("tahap", "jumlah", "persen_dari_usulan", "persen_dari_sebelumnya")
COMPARE = ("indikator", "nilai", "pembanding", "selisih", "perubahan_pct")
RETENTION = ("kohort", "kohort_peserta", "bertahan_6", "retensi_6_pct", "bertahan_12", "retensi_12_pct")

view = shell.view()
lang, as_of, filters = view.lang, view.as_of, view.filters
widgets.page_header("ringkasan_title", lang)
widgets.headline_cards(metric(summary, as_of, filters), lang)
enrolled = metric(ever_enrolled, as_of, filters)["pernah_terdaftar"].iloc[0]
st.caption(f"{t('ever_enrolled_caption', lang)}: **{fmt.number(enrolled, lang)}**")

st.subheader(t("brief_title", lang))
st.info(metric(brief, as_of, lang, filters), icon=":material/campaign:")
month_name = fmt.date(as_of, lang, "month")
st.download_button(t("download_brief", lang), file_name=f"sigap_laporan_{as_of:%Y-%m}.pdf", mime="application/pdf",
                   data=lambda: build_monthly_brief(cursor(), f"{as_of:%Y-%m}", lang, data_date=as_of),
                   help=t("download_brief_help", lang).format(month=month_name, date=fmt.date(as_of, lang)),
                   on_click="ignore", icon=":material/picture_as_pdf:", key="dl_laporan_bulanan")
with st.expander(t("brief_compare", lang)):
    compared = columns.table(metric(month_over_month, as_of, filters), COMPARE, lang)
    widgets.table(compared, columns.formats(COMPARE, lang), lang, key="tbl_bulan")
    widgets.downloads(compared, "ringkasan_bulan", lang)

outlook = metric(forecast, as_of, filters)
path = columns.table(metric(views.trajectory, as_of, filters), TRAJECTORY, lang)
label = columns.labels({*TRAJECTORY, *FUNNEL, *RETENTION}, lang)
figure = charts.trajectory_chart(path, date=label["tanggal"], actual=label["aktif"], target=label["target"],
                                 forecast=label["perkiraan"], lower=label["bawah"], upper=label["atas"],
                                 needed=label["lintasan_dibutuhkan"], lang=lang, y_title=t("col_workers", lang))
st.subheader(t("trajectory_title", lang))
widgets.forecast_summary(outlook, lang)
widgets.chart_block("ringkasan_cakupan", None, figure, path, columns.formats(TRAJECTORY, lang), lang,
                    caption=t("trajectory_caption", lang))

stages = columns.table(metric(funnel, as_of, filters.only(FUNNEL_FILTERS)), FUNNEL, lang)
figure = charts.funnel_chart(stages, label["tahap"], label["jumlah"], lang=lang)
widgets.chart_block("ringkasan_seleksi", t("funnel_title", lang), figure, stages, columns.formats(FUNNEL, lang), lang,
                    caption=t("funnel_caption", lang))
if set(filters.active()) - set(FUNNEL_FILTERS):
    st.caption(t("funnel_filters_ignored", lang))

cohorts = columns.table(metric(retention, as_of, filters), RETENTION, lang)
figure = charts.cohort_chart(cohorts, cohort=label["kohort"], shares=[label["retensi_6_pct"], label["retensi_12_pct"]],
                             lang=lang, y_title=t("col_retention", lang))
widgets.chart_block("ringkasan_retensi", t("retention_title", lang), figure, cohorts, columns.formats(RETENTION, lang),
                    lang, caption=t("retention_caption", lang))

widgets.page_definitions("ringkasan", lang)
