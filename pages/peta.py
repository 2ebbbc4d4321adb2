"""Peta wilayah: kecamatan (or the kelurahan of one) coloured by a chosen indicator, with the table beside it."""
import streamlit as st

from sigap_metrics import charts
from sigap_metrics.metrics import views
from sigap_metrics.reference import KECAMATAN, area_name
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import t

INDICATORS = {"capaian_alokasi_pct": "percent", "per_1000": "decimal", "aktif": "number", "klaim_dibayar": "number"}
AREAS = ("kecamatan", "kelurahan", *(a.kode for a in KECAMATAN))
COLUMNS = {"nama": "col_area", "aktif": "active_workers", "per_1000": "col_per_1000",
           "capaian_alokasi_pct": "col_allocation_pct", "alokasi_target": "col_target_allocation",
           "klaim_dibayar": "col_claims_paid", "manfaat_rp": "col_benefits_rp", "penduduk": "col_residents",
           "kode": "col_code"}
LABELLED_AREAS = 16   # names on the map up to this many areas; beyond, hover shows them
KINDS = {"penduduk": "number", "aktif": "number", "per_1000": "decimal", "alokasi_target": "number",
         "capaian_alokasi_pct": "percent", "klaim_dibayar": "number", "manfaat_rp": "number"}

view = shell.view()
lang = view.lang
widgets.page_header("page_peta", lang, view.as_of, "peta_caption")

left, right = st.columns(2)
with left:
    indicator = widgets.choice(t("map_indicator", lang), "indikator", list(INDICATORS),
                               lambda key: t(COLUMNS[key], lang))
with right:
    area = widgets.choice(t("map_area", lang), "wilayah", list(AREAS),
                          lambda key: t("map_all_" + key, lang) if key in AREAS[:2]
                          else t("map_kelurahan_in", lang).format(name=area_name(key)))

level = "kecamatan" if area == "kecamatan" else "kelurahan"
within = area if area not in ("kecamatan", "kelurahan") else None
areas = metric(views.map_areas, view.as_of, level, view.filters, within)
features = metric(views.boundary_features, level, tuple(areas["kode"]))

table = charts.display_table(areas, COLUMNS, lang)
formats = charts.table_formats(COLUMNS, KINDS, lang)
value = t(COLUMNS[indicator], lang)
name, code = t("col_area", lang), t("col_code", lang)

map_col, table_col = st.columns([3, 2])
with map_col:
    if features:
        deck = charts.choropleth_deck(features, table, key=code, value=value, kinds=formats, lang=lang,
                                      label=name if len(table) <= LABELLED_AREAS else None)
    else:
        st.info(t("map_no_boundaries", lang), icon=":material/info:")
        deck = charts.centroid_deck(table, key=code, value=value, kinds=formats, lang=lang,
                                    label=name if len(table) <= LABELLED_AREAS else None)
    widgets.deck_block("peta", deck)
    widgets.map_legend(charts.legend(table[value], INDICATORS[indicator], lang), value)
with table_col:
    widgets.table(table, formats, lang, key="tbl_peta")
    widgets.downloads(table, f"peta_{level}", lang)

widgets.page_definitions("peta", lang)
