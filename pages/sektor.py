"""Sektor & demografi: active workers by a chosen group, the sector × kecamatan heat map, targeting by desil."""
import streamlit as st

from sigap_metrics import charts, fmt
from sigap_metrics.metrics.breakdown import breakdown, crosstab
from sigap_metrics.metrics.selection import targeting
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import t

GROUPS = ("sektor", "jenis_kelamin", "kelompok_umur", "desil", "sumber_iuran", "sumber_usulan")
ORDERED = ("kelompok_umur", "desil")   # shown in their own order, not by size
KINDS = {"aktif": "number", "persen": "percent", "baru_bulan_ini": "number", "berhenti_bulan_ini": "number",
         "desil_1_3": "number", "desil_4_5": "number", "di_luar_desil_1_5": "number", "desil_kosong": "number",
         "desil_1_3_pct": "percent", "di_luar_desil_1_5_pct": "percent"}
HEAT = {"sektor": "filter_sektor", "kecamatan": "filter_kecamatan", "aktif": "active_workers"}
TARGETING = {"kecamatan": "filter_kecamatan", "aktif": "active_workers", "desil_1_3": "col_desil_1_3",
             "desil_4_5": "col_desil_4_5", "di_luar_desil_1_5": "col_outside_1_5", "desil_kosong": "col_desil_missing",
             "desil_1_3_pct": "col_desil_1_3_pct", "di_luar_desil_1_5_pct": "col_outside_1_5_pct"}

view = shell.view()
lang, as_of, filters = view.lang, view.as_of, view.filters
widgets.page_header("page_sektor", lang, as_of, "sektor_caption")

by = widgets.choice(t("breakdown_by", lang), "rincian", GROUPS, lambda key: t("filter_" + key, lang), horizontal=True)
columns = {by: "filter_" + by, "aktif": "active_workers", "persen": "col_share", "baru_bulan_ini": "new_this_month",
           "berhenti_bulan_ini": "lapsed_this_month"}
groups = charts.display_table(metric(breakdown, as_of, by, filters), columns, lang)
figure = charts.bar_chart(groups, t("filter_" + by, lang), t("active_workers", lang), lang=lang,
                          sort=by not in ORDERED)
widgets.chart_block("sektor_rincian", t("breakdown_title", lang).format(by=t("filter_" + by, lang).lower()), figure,
                    groups, charts.table_formats(columns, KINDS, lang), lang)

cells = charts.display_table(metric(crosstab, as_of, "sektor", "kecamatan", filters), HEAT, lang)
figure = charts.heatmap_chart(cells, t("filter_kecamatan", lang), t("filter_sektor", lang), t("active_workers", lang),
                              lang=lang)
widgets.chart_block("sektor_kecamatan", t("heatmap_title", lang), figure, cells,
                    charts.table_formats(HEAT, KINDS, lang), lang, caption=t("heatmap_caption", lang))

st.subheader(t("targeting_title", lang))
st.caption(t("targeting_caption", lang))
overall = metric(targeting, as_of, filters).iloc[0]
cards = st.columns(3)
cards[0].metric(t("col_desil_1_3_pct", lang), fmt.percent(overall["desil_1_3_pct"], lang),
                help=f"{fmt.number(overall['desil_1_3'], lang)} / {fmt.number(overall['aktif'], lang)}")
cards[1].metric(t("col_outside_1_5", lang), fmt.number(overall["di_luar_desil_1_5"], lang),
                help=fmt.percent(overall["di_luar_desil_1_5_pct"], lang))
cards[2].metric(t("col_desil_missing", lang), fmt.number(overall["desil_kosong"], lang))
areas = charts.display_table(metric(targeting, as_of, filters, "kecamatan"), TARGETING, lang)
figure = charts.bar_chart(areas, t("filter_kecamatan", lang), t("col_desil_1_3_pct", lang), lang=lang, kind="percent")
widgets.chart_block("sektor_sasaran", None, figure, areas, charts.table_formats(TARGETING, KINDS, lang), lang)

widgets.page_definitions("sektor", lang)
