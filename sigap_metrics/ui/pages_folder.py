"""The one place that touches a Streamlit internal (tests/test_routing.py fails loudly if an upgrade breaks it).

Streamlit still knows its first multipage convention: while no run of a server process has called
`st.navigation`, a `pages/` folder beside the entry script makes Streamlit run a requested page file directly,
without app.py (no navigation by role, no sign-in check, no filter bar): a fresh server whose first request is
/ringkasan would run pages/ringkasan.py on its own. No public API turns that mode off except a call to
`st.navigation`, which happens only inside app.py. Every page calls `shell.view()` first, which calls `leave()`:
in that mode it switches the process to st.navigation mode (the flag `st.navigation` itself sets) and reruns, so
the request goes through app.py. Even if this stopped working, the page would still not render: shell.view()
refuses any page not started by app.py's navigation (routing.run).
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

FLAG = "uses_pages_directory"      # PagesManager's class attribute; st.navigation sets it to False


def in_pages_folder_mode() -> bool:
    return bool(getattr(PagesManager, FLAG))


def leave() -> None:
    """Leave the pages-folder mode (once per process) and run again through app.py."""
    if in_pages_folder_mode():
        setattr(PagesManager, FLAG, False)
        st.rerun()
