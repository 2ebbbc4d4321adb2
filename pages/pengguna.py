"""Pengguna (admin): who may sign in, with which role; add, reset, unlock, remove."""
import streamlit as st

from sigap_metrics.ui import access, shell, widgets

view = shell.view()
access.require("admin")
st.title(widgets.t("page_pengguna", view.lang))
st.caption(widgets.t("users_intro", view.lang))
access.users_admin(view.lang)
