"""Pelatihan: sessions, participants, completion, and the share of active workers trained, by sector and
kecamatan."""
import streamlit as st

from sigap_metrics import charts, columns
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
shows = {name: columns.formatter(name, lang) for name in ("lulus", "aktif")}
cards = st.columns(5)
widgets.indicator_card(cards[0], "training_sessions", total["sesi"], lang)
widgets.indicator_card(cards[1], "training_participants", total["peserta"], lang)
widgets.indicator_card(cards[2], "training_people", total["orang"], lang)
widgets.indicator_card(cards[3], "training_completion_pct", total["kelulusan_pct"], lang,
                       f"{shows['lulus'](total['lulus'])} / {shows['lulus'](total['selesai'])}")
widgets.indicator_card(cards[4], "trained_share_pct", share["terlatih_pct"], lang,
                       f"{shows['aktif'](share['terlatih'])} / {shows['aktif'](share['aktif'])}")

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
