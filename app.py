"""SIGAP Monitor: entry point. Who is signing in, navigation by role, language and the shared filter bar."""
import streamlit as st

from sigap_metrics.ui import identity, routing, shell, signin

st.set_page_config(page_title="SIGAP Monitor", page_icon=":material/health_and_safety:", layout="wide")

current = shell.read_view()
role = identity.current_role()
nav = routing.navigation(role, current.lang, locked=signin.locked)
if role == "publik":
    signin.public_sidebar(current.lang)
else:
    shell.sidebar(current)
signin.account_box(current.lang, nav)
routing.run(nav)
