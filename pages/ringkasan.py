"""Ringkasan: headline cards, the month's brief, coverage against the target with the forecast, the funnel."""
import streamlit as st

from sigap_metrics import charts, fmt
from sigap_metrics.metrics import summary, views
from sigap_metrics.metrics.brief import brief, month_over_month
from sigap_metrics.metrics.coverage import ever_enrolled, retention
from sigap_metrics.metrics.forecast import forecast
from sigap_metrics.metrics.selection import FUNNEL_FILTERS, funnel
from sigap_metrics.reports import build_monthly_brief
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import cursor, metric
from sigap_metrics.ui.widgets import t

TRAJECTORY = {"tanggal": "col_date", "aktif": "active_workers", "target": "col_target", "perkiraan": "col_forecast",
              "bawah": "col_lower", "atas": "col_upper", "lintasan_dibutuhkan": "col_needed_path"}
TRAJECTORY_KINDS = {"tanggal": "date", "aktif": "number", "target": "number", "perkiraan": "number",
                    "bawah": "number", "atas": "number", "lintasan_dibutuhkan": "number"}
FUNNEL = {"tahap": "col_stage", "jumlah": "col_people", "persen_dari_usulan": "col_pct_of_proposed",
          "persen_dari_sebelumnya": "col_pct_of_previous"}
FUNNEL_KINDS = {"jumlah": "number", "persen_dari_usulan": "percent", "persen_dari_sebelumnya": "percent"}
COMPARE = {"indikator": "col_indicator", "nilai": "col_value", "pembanding": "col_previous", "selisih": "col_change",
           "perubahan_pct": "col_change_pct"}
RETENTION = {"kohort": "col_cohort", "peserta": "col_cohort_size", "bertahan_6": "col_retained_6",
             "retensi_6_pct": "col_retention_6", "bertahan_12": "col_retained_12", "retensi_12_pct": "col_retention_12"}
RETENTION_KINDS = {"kohort": "month", "peserta": "number", "bertahan_6": "number", "retensi_6_pct": "percent",
                   "bertahan_12": "number", "retensi_12_pct": "percent"}
COMPARE_KINDS = {"nilai": "number", "pembanding": "number", "selisih": "number", "perubahan_pct": "percent"}

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
    compared = charts.display_table(metric(month_over_month, as_of, filters), COMPARE, lang)
    compare_formats = charts.table_formats(COMPARE, COMPARE_KINDS, lang)
    widgets.table(compared, compare_formats, lang, key="tbl_bulan")
    widgets.downloads(compared, "ringkasan_bulan", lang)

outlook = metric(forecast, as_of, filters)
path = charts.display_table(metric(views.trajectory, as_of, filters), TRAJECTORY, lang)
label = {key: t(value, lang) for key, value in TRAJECTORY.items()}
figure = charts.trajectory_chart(path, date=label["tanggal"], actual=label["aktif"], target=label["target"],
                                 forecast=label["perkiraan"], lower=label["bawah"], upper=label["atas"],
                                 needed=label["lintasan_dibutuhkan"], lang=lang, y_title=t("col_workers", lang))
st.subheader(t("trajectory_title", lang))
widgets.forecast_summary(outlook, lang)
widgets.chart_block("ringkasan_cakupan", None, figure, path, charts.table_formats(TRAJECTORY, TRAJECTORY_KINDS, lang),
                    lang, caption=t("trajectory_caption", lang))

stages = charts.display_table(metric(funnel, as_of, filters.only(FUNNEL_FILTERS)), FUNNEL, lang)
figure = charts.funnel_chart(stages, t("col_stage", lang), t("col_people", lang), lang=lang)
widgets.chart_block("ringkasan_seleksi", t("funnel_title", lang), figure, stages,
                    charts.table_formats(FUNNEL, FUNNEL_KINDS, lang), lang, caption=t("funnel_caption", lang))
if set(filters.active()) - set(FUNNEL_FILTERS):
    st.caption(t("funnel_filters_ignored", lang))

cohorts = charts.display_table(metric(retention, as_of, filters), RETENTION, lang)
figure = charts.cohort_chart(cohorts, cohort=t("col_cohort", lang), shares=[t("col_retention_6", lang),
                             t("col_retention_12", lang)], lang=lang, y_title=t("col_retention", lang))
widgets.chart_block("ringkasan_retensi", t("retention_title", lang), figure, cohorts,
                    charts.table_formats(RETENTION, RETENTION_KINDS, lang), lang, caption=t("retention_caption", lang))

widgets.page_definitions("ringkasan", lang)
