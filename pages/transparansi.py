"""Transparansi publik: the only page without login. Aggregates only, small numbers suppressed."""
import streamlit as st

from sigap_metrics.ui import shell, widgets

view = shell.view()
st.title(widgets.t("page_transparansi", view.lang))
