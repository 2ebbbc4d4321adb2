"""SIGAP Monitor: entry point. Navigation by role, language and the shared filter bar; nothing else."""
import streamlit as st

from sigap_metrics.ui import shell

st.set_page_config(page_title="SIGAP Monitor", page_icon=":material/health_and_safety:", layout="wide")

current = shell.view()
page = shell.navigation(shell.current_role(), current.lang)
shell.sidebar(current)
shell.account_box(current.lang)
page.run()
