"""The admin's *Pengguna* page body: the user list and the forms that add, change, unlock and remove users.
The forms act in their submit callbacks (before the page runs again), each re-checking that the person
submitting is still an admin in the store (identity.require_role); a role change, removal or password reset
ends every session of that user."""
from __future__ import annotations

import streamlit as st

from .. import auth
from ..i18n import t
from . import identity
from .identity import SESSION_USER
from .store import cursor, writing

_USER_COLUMNS = ("username", "role", "created_at", "failed_attempts", "retry_after_s")
_USERS_NOTICE = "_sigap_users_notice"
_ROLE_KEYS = {"role_" + r for r in auth.ROLES}


def users_admin(lang: str) -> None:
    for kind, text in st.session_state.pop(_USERS_NOTICE, []):
        (st.success if kind == "ok" else st.error)(text)
    users = auth.list_users(cursor(), state=identity.state_path())
    table = users.assign(role=[t("role_" + r, lang) if ("role_" + r) in _ROLE_KEYS else r for r in users["role"]])
    st.dataframe(table.rename(columns={key: t("users_col_" + key, lang) for key in _USER_COLUMNS}),
                 hide_index=True, width="stretch")
    add, change = st.columns(2)
    with add.form("user_add", clear_on_submit=True):
        st.markdown(f"**{t('users_add', lang)}**")
        st.text_input(t("login_username", lang), key="w_user_name")
        st.selectbox(t("users_role", lang), auth.LOGIN_ROLES, format_func=lambda r: t("role_" + r, lang),
                     key="w_user_role")
        st.text_input(t("login_password", lang), type="password", key="w_user_password", autocomplete="new-password",
                      help=t("users_password_help", lang).format(n=auth.MIN_PASSWORD_LENGTH))
        st.form_submit_button(t("users_save", lang), icon=":material/person_add:", on_click=_add_user, args=(lang,))
    with change.form("user_change"):
        st.markdown(f"**{t('users_change', lang)}**")
        st.selectbox(t("login_username", lang), users["username"].tolist(), key="w_user_target")
        st.radio(t("users_action", lang), ("role", "unlock", "delete"), key="w_user_action",
                 format_func=lambda a: t("users_action_" + a, lang))
        st.selectbox(t("users_role", lang), auth.LOGIN_ROLES, key="w_user_new_role",
                     format_func=lambda r: t("role_" + r, lang))
        st.form_submit_button(t("users_apply", lang), icon=":material/check:", on_click=_change_user, args=(lang,))


def _add_user(lang: str) -> None:
    state_ = st.session_state
    name = str(state_.get("w_user_name") or "").strip().lower()
    _apply(lambda con, path: auth.add_user(con, name, state_.get("w_user_role"), state_.get("w_user_password") or "",
                                           state=path), lang)


def _change_user(lang: str) -> None:
    state_ = st.session_state
    target, action = state_.get("w_user_target"), state_.get("w_user_action")
    if not target:
        return
    if target == state_.get(SESSION_USER) and action in ("role", "delete"):
        _notice("error", t("users_not_self", lang))
        return
    steps = {"role": lambda con, path: auth.set_role(con, target, state_.get("w_user_new_role"), state=path),
             "unlock": lambda con, path: auth.unlock_user(con, target, state=path),
             "delete": lambda con, path: auth.delete_user(con, target, state=path)}
    _apply(steps[action], lang)


def _notice(kind: str, text: str) -> None:
    st.session_state.setdefault(_USERS_NOTICE, []).append((kind, text))


def _apply(step, lang: str) -> None:
    try:
        identity.require_role("admin")
        with writing() as con:   # lands for every reader when the block ends; a refusal leaves the store as it was
            step(con, identity.state_path())
    except auth.NotAllowed:
        _notice("error", t("action_refused_role", lang))
        return
    except auth.UserError as error:
        _notice("error", f"{t('users_refused', lang)}: {error}")
        return
    _notice("ok", t("users_done", lang))
