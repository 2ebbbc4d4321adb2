"""SIGAP Monitor: entry point. Navigation by role, language and the shared filter bar; nothing else."""
import streamlit as st

from sigap_metrics.ui import access, shell
from sigap_metrics.ui.store import one_version

st.set_page_config(page_title="SIGAP Monitor", page_icon=":material/health_and_safety:", layout="wide")

with one_version():   # the whole run reads one version of the store, even while an import lands
    current = shell.view()
    role = access.current_role()
    page = shell.navigation(role, current.lang)
    if role == "publik":
        access.public_sidebar(current.lang)
    else:
        shell.sidebar(current)
    access.account_box(current.lang)
    page.run()
