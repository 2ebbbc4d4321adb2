"""Sektor & demografi: active workers by a chosen group, the sector × kecamatan heat map, targeting by desil."""
import streamlit as st

from sigap_metrics import charts, columns
from sigap_metrics.metrics.breakdown import breakdown, crosstab
from sigap_metrics.metrics.selection import targeting
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import t

GROUPS = ("sektor", "jenis_kelamin", "kelompok_umur", "desil", "sumber_iuran", "sumber_usulan")
ORDERED = ("kelompok_umur", "desil")   # shown in their own order, not by size
HEAT = ("sektor", "kecamatan", "aktif")
TARGETING = ("kecamatan", "aktif", "desil_1_3", "desil_4_5", "di_luar_desil_1_5", "desil_kosong", "desil_1_3_pct",
             "di_luar_desil_1_5_pct")

view = shell.view()
lang, as_of, filters = view.lang, view.as_of, view.filters
widgets.page_header("page_sektor", lang, as_of, "sektor_caption")

by = widgets.choice(t("breakdown_by", lang), "rincian", GROUPS, lambda key: t("filter_" + key, lang), horizontal=True)
shown = (by, "aktif", "persen", "baru_bulan_ini", "berhenti_bulan_ini")
label = columns.labels({*shown, *HEAT, *TARGETING}, lang)
groups = columns.table(metric(breakdown, as_of, by, filters), shown, lang)
figure = charts.bar_chart(groups, label[by], label["aktif"], lang=lang, sort=by not in ORDERED)
widgets.chart_block("sektor_rincian", t("breakdown_title", lang).format(by=label[by].lower()), figure,
                    groups, columns.formats(shown, lang), lang)

cells = columns.table(metric(crosstab, as_of, "sektor", "kecamatan", filters), HEAT, lang)
figure = charts.heatmap_chart(cells, label["kecamatan"], label["sektor"], label["aktif"], lang=lang)
widgets.chart_block("sektor_kecamatan", t("heatmap_title", lang), figure, cells, columns.formats(HEAT, lang), lang,
                    caption=t("heatmap_caption", lang))

st.subheader(t("targeting_title", lang))
st.caption(t("targeting_caption", lang))
overall = metric(targeting, as_of, filters).iloc[0]
cards = st.columns(3)
shows = {name: columns.formatter(name, lang) for name in TARGETING}
widgets.indicator_card(cards[0], "desil_1_3_pct", overall["desil_1_3_pct"], lang,
                       f"{shows['desil_1_3'](overall['desil_1_3'])} / "
                       f"{shows['aktif'](overall['aktif'] - overall['desil_kosong'])}")
widgets.indicator_card(cards[1], "outside_desil_1_5", overall["di_luar_desil_1_5"], lang,
                       shows["di_luar_desil_1_5_pct"](overall["di_luar_desil_1_5_pct"]))
widgets.indicator_card(cards[2], "desil_missing", overall["desil_kosong"], lang)
areas = columns.table(metric(targeting, as_of, filters, "kecamatan"), TARGETING, lang)
figure = charts.bar_chart(areas, label["kecamatan"], label["desil_1_3_pct"], lang=lang,
                          unit=columns.unit("desil_1_3_pct"))
widgets.chart_block("sektor_sasaran", None, figure, areas, columns.formats(TARGETING, lang), lang)

widgets.page_definitions("sektor", lang)
