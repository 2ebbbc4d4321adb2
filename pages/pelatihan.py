"""Pelatihan: sessions, participants, completion, and the share of active workers trained, by sector and
kecamatan."""
import streamlit as st

from sigap_metrics import charts, columns, fmt
from sigap_metrics.metrics.training import trained_share, training
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import t

SECTORS = ("sektor", "aktif", "terlatih", "terlatih_pct")
AREAS = ("kecamatan", "sesi", "peserta", "orang", "lulus", "tidak_lulus", "kelulusan_pct")

view = shell.view()
lang, as_of, filters = view.lang, view.as_of, view.filters
widgets.page_header("page_pelatihan", lang, as_of, "pelatihan_caption")
start, end = widgets.period_picker(lang, as_of)

total = metric(training, start, end, filters).iloc[0]
share = metric(trained_share, as_of, filters).iloc[0]
cards = st.columns(5)
cards[0].metric(t("training_sessions", lang), fmt.number(total["sesi"], lang))
cards[1].metric(t("training_participants", lang), fmt.number(total["peserta"], lang))
cards[2].metric(t("training_people", lang), fmt.number(total["orang"], lang))
cards[3].metric(t("training_completion", lang), fmt.percent(total["kelulusan_pct"], lang),
                help=f"{fmt.number(total['lulus'], lang)} / {fmt.number(total['selesai'], lang)}")
cards[4].metric(t("training_share", lang), fmt.percent(share["terlatih_pct"], lang),
                help=f"{fmt.number(share['terlatih'], lang)} / {fmt.number(share['aktif'], lang)}")

label = columns.labels({*SECTORS, *AREAS}, lang)
sectors = columns.table(metric(trained_share, as_of, filters, "sektor"), SECTORS, lang)
figure = charts.bar_chart(sectors, label["sektor"], label["terlatih_pct"], lang=lang,
                          unit=columns.unit("terlatih_pct"))
widgets.chart_block("pelatihan_sektor", t("training_sector_title", lang), figure, sectors,
                    columns.formats(SECTORS, lang), lang)

areas = columns.table(metric(training, start, end, filters, "kecamatan"), AREAS, lang)
figure = charts.bar_chart(areas, label["kecamatan"], label["peserta"], lang=lang, unit=columns.unit("peserta"))
widgets.chart_block("pelatihan_kecamatan", t("training_area_title", lang), figure, areas,
                    columns.formats(AREAS, lang), lang)

widgets.page_definitions("pelatihan", lang)
