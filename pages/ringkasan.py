"""Ringkasan: headline cards of the programme at the chosen date."""
import streamlit as st

from sigap_metrics.metrics import summary
from sigap_metrics.ui import shell, widgets
from sigap_metrics.ui.store import metric

view = shell.view()
st.title(widgets.t("ringkasan_title", view.lang))
shell.demo_banner(view.lang)
widgets.headline_cards(metric(summary, view.as_of, view.filters), view.lang)
