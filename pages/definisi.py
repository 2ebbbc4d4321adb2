"""Definisi indikator: the metric catalogue rendered, in the chosen language with the other one beside it,
and downloadable as a data dictionary."""
import streamlit as st

from sigap_metrics import catalogue, columns
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.widgets import t

COLUMNS = ("kode_indikator", "nama", "nama_lain", "deskripsi", "rumus", "satuan", "rincian", "halaman", "publik")
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
    table = columns.table(widgets.definitions_table(shown, lang), COLUMNS, lang)
    widgets.table(table, columns.formats(COLUMNS, lang), lang, key="tbl_definisi")
    widgets.downloads(table, "definisi_indikator", lang)
