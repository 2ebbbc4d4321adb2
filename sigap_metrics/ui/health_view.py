"""The admin's view of the store's health: the facts `python -m sigap_metrics check` reports (sigap_metrics.health)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import config, health
from ..i18n import t
from ..privacy import load_key
from .store import cursor, db_path


def show(lang: str) -> None:
    path = db_path()
    found = health.facts(cursor(), store_path=path, key=load_key(config.nik_key_file(path)))
    st.subheader(t("health_title", lang))
    st.caption(t("health_caption", lang))
    if health.healthy(found):
        st.success(t("health_all_ok", lang), icon=":material/check_circle:")
    else:
        st.warning(t("health_some_fail", lang), icon=":material/error:")   # a notice on a working page
    table = pd.DataFrame({t("health_col_fact", lang): [t("health_fact_" + f.key, lang) for f in found],
                          t("health_col_status", lang): [t("health_" + f.status, lang) for f in found],
                          t("health_col_value", lang): [f.value for f in found]})
    st.dataframe(table, hide_index=True, width="stretch")
