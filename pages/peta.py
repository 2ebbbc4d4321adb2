"""Peta wilayah: kecamatan (or the kelurahan of one) coloured by a chosen indicator, with the table beside it."""
import streamlit as st

from sigap_metrics import charts, columns
from sigap_metrics.metrics import views
from sigap_metrics.reference import KECAMATAN, area_name
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import t

INDICATORS = ("capaian_alokasi_pct", "per_1000", "aktif", "klaim_dibayar")
AREAS = ("kecamatan", "kelurahan", *(a.kode for a in KECAMATAN))
COLUMNS = ("nama_wilayah", "aktif", "per_1000", "capaian_alokasi_pct", "alokasi_target", "klaim_dibayar", "manfaat_rp",
           "penduduk", "kode")
LABELLED_AREAS = 16   # names on the map up to this many areas; beyond, hover shows them

view = shell.view()
lang = view.lang
widgets.page_header("page_peta", lang, view.as_of, "peta_caption")

left, right = st.columns(2)
with left:
    indicator = widgets.choice(t("map_indicator", lang), "indikator", list(INDICATORS),
                               lambda key: columns.label(key, lang))
with right:
    area = widgets.choice(t("map_area", lang), "wilayah", list(AREAS),
                          lambda key: t("map_all_" + key, lang) if key in AREAS[:2]
                          else t("map_kelurahan_in", lang).format(name=area_name(key)))

level = "kecamatan" if area == "kecamatan" else "kelurahan"
within = area if area not in ("kecamatan", "kelurahan") else None
areas = metric(views.map_areas, view.as_of, level, view.filters, within)
features = metric(views.boundary_features, level, tuple(areas["kode"]))

table = columns.table(areas, COLUMNS, lang)
formats = columns.formats(COLUMNS, lang)
value, name, code = (columns.label(key, lang) for key in (indicator, "nama_wilayah", "kode"))

map_col, table_col = st.columns([3, 2])
with map_col:
    if features:
        deck = charts.choropleth_deck(features, table, key=code, value=value, formats=formats, lang=lang,
                                      label=name if len(table) <= LABELLED_AREAS else None)
    else:
        st.info(t("map_no_boundaries", lang), icon=":material/info:")
        deck = charts.centroid_deck(table, key=code, value=value, formats=formats, lang=lang,
                                    label=name if len(table) <= LABELLED_AREAS else None)
    widgets.deck_block("peta", deck)
    widgets.map_legend(charts.legend(table[value], columns.formatter(indicator, lang)), value)
with table_col:
    widgets.table(table, formats, lang, key="tbl_peta")
    widgets.downloads(table, f"peta_{level}", lang)

widgets.page_definitions("peta", lang)
