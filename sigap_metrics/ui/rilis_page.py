"""Rilis (DESIGN §3 page 10): prepare a month's draft, see its quality gate and its change against the
previous release, publish it by name (pimpinan/admin), and the archive. Operators may prepare drafts (a
draft is never public) and see everything; only a pimpinan or admin sees the publish form, and publishing
re-reads the signed-in person's stored role at that moment (releases.check_publisher)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import auth, fmt, publish, site
from ..releases import (DRAFT, ReleaseRefused, complete_months, list_releases, load_draft, load_release, prepare,
                        publish_release, quality_gate)
from ..releases.store import PUBLISHER_ROLES
from .identity import current_role, require_role
from .public_page import archive_frame, month_label
from .store import cursor, writing
from .widgets import t

_NOTICE = "_rilis_notice"
PREPARER_ROLES = ("operator", *PUBLISHER_ROLES)


def _prepare(month: str, lang: str) -> None:
    try:
        person = require_role(*PREPARER_ROLES).person      # session and stored role checked again, now
        with writing() as con:                             # lands for every reader at the end, or not at all
            prepare(con, month, by=person)
        st.session_state[_NOTICE] = ("ok", t("rel_prepared", lang).format(month=month_label(month, lang)))
    except auth.NotAllowed:
        st.session_state[_NOTICE] = ("error", t("action_refused_role", lang))
    except ReleaseRefused as error:
        st.session_state[_NOTICE] = ("error", t("rel_refused", lang).format(reason=error))


def _publish(month: str, lang: str) -> None:
    try:
        person = require_role(*PUBLISHER_ROLES).person
        with writing() as con:                             # publish_release re-reads the stored role too
            info = publish_release(con, month, by=person, note=st.session_state.get("w_rilis_note"))
        site.refresh_app_site_in_background(cursor())       # the static site follows every release (issue 14)
        st.session_state[_NOTICE] = ("ok", t("rel_published", lang).format(month=month_label(month, lang),
                                                                          revision=info.revision))
        st.session_state["w_rilis_note"] = ""
    except auth.NotAllowed:
        st.session_state[_NOTICE] = ("error", t("action_refused_role", lang))
    except ReleaseRefused as error:
        st.session_state[_NOTICE] = ("error", t("rel_refused", lang).format(reason=error))


def show(lang: str) -> None:
    st.title(t("page_rilis", lang))
    st.caption(t("rel_intro", lang))
    role = current_role()
    if role not in PUBLISHER_ROLES:
        st.info(t("rel_read_only", lang), icon=":material/visibility:")
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        (st.success if notice[0] == "ok" else st.error)(notice[1])
    con = cursor()
    months = list(reversed(complete_months(con)))
    if not months:
        st.info(t("rel_no_draft", lang))
    else:
        drafts = [info.month for info in list_releases(con) if info.status == DRAFT and info.month in months]
        start = months.index(drafts[0]) if drafts else 0           # the newest draft waiting, else the newest month
        month = st.selectbox(t("rel_month", lang), months, index=start, format_func=lambda m: month_label(m, lang),
                             key="w_rilis_month")
        st.button(t("rel_prepare", lang), icon=":material/draft:", on_click=_prepare, args=(month, lang),
                  disabled=role not in PREPARER_ROLES)
        _draft(con, month, role, lang)
    st.subheader(t("rel_archive", lang))
    st.dataframe(archive_frame(list_releases(con), lang), hide_index=True, width="stretch")


def _draft(con, month: str, role: str, lang: str) -> None:
    draft = load_draft(con, month)
    if draft is None:
        st.caption(t("rel_no_draft", lang))
        return
    info = draft.info
    st.subheader(t("rel_draft_title", lang).format(month=month_label(month, lang), revision=info.revision,
                                                   prepared=fmt.date(info.prepared_at.date(), lang),
                                                   by=info.prepared_by or "-"))
    gate = quality_gate(con, month, info.revision)
    _gate(gate, lang)
    _change(gate, draft, load_release(con, gate["previous_month"]) if gate.get("previous_month") else None, lang)
    if role in PUBLISHER_ROLES:
        with st.form("rilis_publish"):
            st.text_area(t("rel_publish_note", lang), key="w_rilis_note", max_chars=500)
            st.form_submit_button(t("rel_publish", lang), icon=":material/publish:", type="primary",
                                  on_click=_publish, args=(month, lang))


def _gate(gate: dict, lang: str) -> None:
    st.markdown(f"**{t('rel_gate', lang)}**")
    first, second, third, fourth = st.columns(4)
    first.metric(t("rel_gate_imports", lang), fmt.number(gate["imports"], lang))
    second.metric(t("rel_gate_rejected", lang), f"{fmt.number(gate['rows_rejected'], lang)} "
                  f"({fmt.percent(gate['rejected_share'] * 100, lang)})")
    third.metric(t("rel_gate_completeness", lang),
                 "-" if gate["completeness"] is None else fmt.percent(gate["completeness"] * 100, lang))
    fourth.metric(t("rel_gate_outside", lang), fmt.number(gate["claims_outside_coverage"], lang))
    st.caption(f"{t('rel_gate_hidden', lang)}: {fmt.number(gate['hidden_cells'], lang)}")


def _change(gate: dict, draft, previous, lang: str) -> None:
    if previous is None:
        st.caption(t("rel_change_first", lang))
        return
    st.markdown(f"**{t('rel_change', lang).format(month=month_label(previous.info.month, lang))}**")
    moves = pd.DataFrame(gate["largest_changes"])
    if moves.empty:
        st.caption(t("rel_no_change", lang))
    else:
        st.dataframe(pd.DataFrame({
            t("rel_col_table", lang): moves["table"], t("rel_col_group", lang): moves["name"],
            t("rel_col_previous", lang): moves["previous"].map(lambda v: fmt.number(v, lang)),
            t("rel_col_current", lang): moves["current"].map(lambda v: fmt.number(v, lang)),
            t("rel_col_change", lang): moves["change"].map(lambda v: ("+" if v > 0 else "") + fmt.number(v, lang))}),
            hide_index=True, width="stretch")
    st.markdown(f"**{t('rel_compare', lang)}**")
    keys = draft.tables["ringkasan"].frame["indikator"]
    rows = [(publish.headline(draft.tables["ringkasan"], key, lang),
             publish.headline(previous.tables["ringkasan"], key, lang)[1]
             if key in set(previous.tables["ringkasan"].frame["indikator"]) else "-") for key in keys]
    st.dataframe(pd.DataFrame({t("rel_col_group", lang): [now[0] for now, _ in rows],
                               t("rel_col_previous", lang): [before for _, before in rows],
                               t("rel_col_current", lang): [now[1] for now, _ in rows]}),
                 hide_index=True, width="stretch", height=35 * (len(rows) + 1) + 3)
