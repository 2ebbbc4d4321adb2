"""SIGAP Monitor: entry point. Navigation by role, language and the shared filter bar; nothing else."""
import streamlit as st

from sigap_metrics.ui import access, shell

st.set_page_config(page_title="SIGAP Monitor", page_icon=":material/health_and_safety:", layout="wide")

current = shell.view()
role = access.current_role()
page = shell.navigation(role, current.lang)
if role == "publik":
    access.public_sidebar(current.lang)
else:
    shell.sidebar(current)
access.account_box(current.lang)
page.run()
