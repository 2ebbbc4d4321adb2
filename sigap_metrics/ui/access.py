"""Who is using the app. Until login lands (issue 6), the role comes from SIGAP_ROLE (default pimpinan)."""
from __future__ import annotations

import os

import streamlit as st

ROLES = ("publik", "pimpinan", "anggaran", "operator", "admin")


def current_role() -> str:
    role = st.session_state.get("role") or os.environ.get("SIGAP_ROLE", "pimpinan")
    return role if role in ROLES else "publik"


def account_box(lang: str) -> None:
    """Sign-in / sign-out area of the sidebar (placeholder until login exists)."""
    st.sidebar.caption(f"Peran / role: {current_role()}")
