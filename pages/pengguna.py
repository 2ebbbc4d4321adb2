"""Pengguna (admin): who may sign in, with which role; add, reset, unlock, remove; and the store's health."""
import streamlit as st

from sigap_metrics.ui import access, health_view, shell, widgets

view = shell.view()
access.require("admin")
st.title(widgets.t("page_pengguna", view.lang))
st.caption(widgets.t("users_intro", view.lang))
access.users_admin(view.lang)
health_view.show(view.lang)
