"""Reusable page parts: headline cards and formatted values."""
from __future__ import annotations

import streamlit as st

from .. import fmt
from ..i18n import t

__all__ = ["t", "headline_cards"]


def headline_cards(s: dict, lang: str) -> None:
    """The overview's six headline cards from a `metrics.summary` result."""
    phase = s["phase"] or t("no_phase", lang)
    st.caption(f"{t('as_of', lang)} {fmt.date(s['as_of'], lang, 'long')} · {t('phase', lang)}: {phase}")
    row1 = st.columns(3)
    row1[0].metric(t("active_workers", lang), fmt.number(s["active_workers"], lang),
                   help=f"{t('target', lang)}: {fmt.number(s['target'], lang)}")
    row1[1].metric(t("attainment_pct", lang), fmt.percent(s["attainment_pct"], lang),
                   help=f"{fmt.number(s['active_workers'], lang)} / {fmt.number(s['target'], lang)}")
    row1[2].metric(t("realisation_pct", lang), fmt.percent(s["realisation_pct"], lang),
                   help=f"{fmt.rupiah(s['premiums_rp'], lang)} / {fmt.rupiah(s['pagu_rp'], lang)}")
    row2 = st.columns(3)
    row2[0].metric(t("new_this_month", lang), fmt.number(s["new_this_month"], lang))
    row2[1].metric(t("lapsed_this_month", lang), fmt.number(s["lapsed_this_month"], lang))
    row2[2].metric(t("claims_paid", lang), fmt.number(s["claims_paid"], lang),
                   help=f"{t('benefits_paid_rp', lang)}: {fmt.rupiah(s['benefits_paid_rp'], lang)}")
    st.caption(f"{t('benefits_paid_rp', lang)}: **{fmt.rupiah(s['benefits_paid_rp'], lang)}** · "
               f"{t('premiums_rp', lang)}: **{fmt.rupiah(s['premiums_rp'], lang)}** "
               f"{t('of_pagu', lang)} {fmt.rupiah(s['pagu_rp'], lang)}")
