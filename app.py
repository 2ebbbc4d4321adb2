"""SIGAP Monitor: entry point. Who is signing in, navigation by role, language and the shared filter bar."""
import streamlit as st

from sigap_metrics.ui import identity, routing, shell, signin
from sigap_metrics.ui.store import one_version

st.set_page_config(page_title="SIGAP Monitor", page_icon=":material/health_and_safety:", layout="wide")

with one_version():   # the whole run reads one version of the store, even while an import lands
    current = shell.read_view()
    role = identity.current_role()
    nav = routing.navigation(role, current.lang, locked=signin.locked)
    if role == "publik":
        signin.public_sidebar(current.lang)
    else:
        shell.sidebar(current)
    signin.account_box(current.lang, nav)
    routing.run(nav)
