"""Pengguna (admin): the users who may sign in, their roles and failed attempts."""
import streamlit as st

from sigap_metrics.ui import shell, widgets

view = shell.view()
st.title(widgets.t("page_pengguna", view.lang))
