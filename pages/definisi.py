"""Definisi indikator: the metric catalogue rendered, in the chosen language with the other one beside it,
and downloadable as a data dictionary."""
import streamlit as st

from sigap_metrics import catalogue, charts
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.widgets import t

COLUMNS = {"kode": "col_key", "nama": "col_name", "nama_lain": "col_name_other", "deskripsi": "col_description",
           "rumus": "col_formula", "satuan": "col_unit", "rincian": "col_breakdowns", "halaman": "def_pages",
           "publik": "col_public"}
PAGES = ("semua", *catalogue.PAGES)

view = shell.view()
lang = view.lang
widgets.page_header("page_definisi", lang, caption_key="definisi_caption")
page = widgets.choice(t("def_page_filter", lang), "halaman", PAGES,
                      lambda key: t("def_all_pages", lang) if key == "semua" else widgets.page_name(key, lang))
shown = catalogue.INDICATORS if page == "semua" else catalogue.for_page(page)
for indicator in shown:
    widgets.definition(indicator, lang)

with st.expander(t("def_table", lang)):
    table = charts.display_table(widgets.definitions_table(shown, lang), COLUMNS, lang)
    widgets.table(table, {}, lang, key="tbl_definisi")
    widgets.downloads(table, "definisi_indikator", lang)
