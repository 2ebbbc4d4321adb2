"""Who is using the app, and the sidebar's sign-in / sign-out box.

The role is worked out again on every run and fails closed: anything unexpected means `publik`.
- A password login keeps only the user name in session state (server-side; no widget uses that key, so a
  browser cannot set it); its role is read from the store on every run, so a removed user or a changed role
  takes effect at once.
- OIDC through `st.login` is offered only when secrets hold an `[auth]` section *and* a `[sigap_oidc]` section
  mapping a claim's values to roles; an identity whose claim maps to no role stays publik.
- SIGAP_ROLE is a developer override, honoured only when SIGAP_DEV_AUTH=1 is set too, so no deployment is
  opened by a stray environment variable.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

import streamlit as st

from .. import auth
from ..i18n import LANGUAGES, t
from . import state
from .store import cursor

ROLES = auth.ROLES
SESSION_USER = "_sigap_user"          # the logged-in user's name; never used as a widget key
_LANDING = "_sigap_landing"           # set at login: open the role's first page on the next run
PUBLIC_PAGE = "pages/transparansi.py"


@dataclass(frozen=True)
class OidcSettings:
    provider: str | None
    claim: str
    roles: dict[str, str] = field(default_factory=dict)


def oidc_settings() -> OidcSettings | None:
    """The OIDC configuration from secrets, or None when it is absent or incomplete."""
    try:
        if not st.secrets.get("auth"):
            return None
        section = st.secrets.get("sigap_oidc")
        if not section or not section.get("role_claim") or not section.get("roles"):
            return None
        roles = {str(k): str(v) for k, v in dict(section["roles"]).items() if v in auth.LOGIN_ROLES}
        return OidcSettings(section.get("provider") or None, str(section["role_claim"]), roles) if roles else None
    except Exception:  # noqa: BLE001 - no or unreadable secrets: OIDC is simply not offered
        return None


def _dev_role() -> str | None:
    if os.environ.get("SIGAP_DEV_AUTH") != "1":
        return None
    role = os.environ.get("SIGAP_ROLE", "")
    return role if role in ROLES else None


def _oidc_logged_in(settings: OidcSettings | None) -> bool:
    return bool(settings) and bool(st.user.get("is_logged_in"))


def current_role() -> str:
    """The role of this session: publik unless a login (or the developer override) says otherwise."""
    try:
        dev = _dev_role()
        if dev:
            return dev
        user = st.session_state.get(SESSION_USER)
        if user:
            return auth.role_of(cursor(), user)
        settings = oidc_settings()
        if _oidc_logged_in(settings):
            return auth.role_from_claims(st.user.to_dict(), settings.claim, settings.roles)
        return "publik"
    except Exception:  # noqa: BLE001 - fail closed
        return "publik"


def _first_page(role: str) -> str | None:
    from .shell import pages_for  # shell imports this module; the page list is only needed here

    pages = pages_for(role)
    return pages[0].file if pages else None


def account_box(lang: str) -> None:
    """Sign-in form for visitors; who is signed in and a sign-out button for everyone else."""
    role = current_role()
    if st.session_state.pop(_LANDING, False) and role != "publik":
        landing = _first_page(role)
        if landing:
            st.switch_page(landing)
    box = st.sidebar.container(border=True)
    if _dev_role():
        box.caption(t("login_dev_override", lang).format(role=role))
        return
    user = st.session_state.get(SESSION_USER)
    if user:
        if role == "publik":            # the user was removed or lost its role since logging in
            st.session_state.pop(SESSION_USER, None)
            box.warning(t("login_expired", lang))
        else:
            _signed_in(box, user, role, lang, oidc=False)
            return
    settings = oidc_settings()
    if _oidc_logged_in(settings):
        name = st.user.get("name") or st.user.get("email") or "SSO"
        _signed_in(box, str(name), role, lang, oidc=True)
        if role == "publik":
            box.info(t("login_no_role", lang))
        return
    _login_form(box, lang, settings)


def _signed_in(box, name: str, role: str, lang: str, *, oidc: bool) -> None:
    box.markdown(t("login_signed_in", lang).format(name=name, role=t("role_" + role, lang)))
    if box.button(t("logout", lang), key="w_logout", icon=":material/logout:", width="stretch"):
        st.session_state.pop(SESSION_USER, None)
        if oidc:
            st.logout()
        st.switch_page(PUBLIC_PAGE)


def _login_form(box, lang: str, settings: OidcSettings | None) -> None:
    with box.form("login", clear_on_submit=True, border=False):
        st.markdown(f"**{t('login_title', lang)}**")
        name = st.text_input(t("login_username", lang), key="w_login_name", autocomplete="username")
        password = st.text_input(t("login_password", lang), type="password", key="w_login_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("login", lang), icon=":material/login:", width="stretch")
    if submitted:
        result = auth.authenticate(cursor(), name, password)
        if result.ok:
            st.session_state[SESSION_USER] = name.strip().lower()
            st.session_state[_LANDING] = True
            st.rerun()
        elif result.reason == "throttled":
            box.error(t("login_throttled", lang).format(seconds=result.retry_after_s))
        else:
            box.error(t("login_failed", lang))
            if result.retry_after_s:
                box.warning(t("login_throttled", lang).format(seconds=result.retry_after_s))
    if settings and box.button(t("login_sso", lang), key="w_login_sso", icon=":material/key:", width="stretch"):
        if settings.provider:
            st.login(settings.provider)
        else:
            st.login()


def public_sidebar(lang: str) -> None:
    """What a visitor gets instead of the officials' filter bar: the language switch only. The public page
    always shows the latest data for the whole city, so no date or filter can be combined into a view that
    reveals a small group."""
    st.sidebar.selectbox(f"{t('language', 'id')} / {t('language', 'en')}", LANGUAGES,
                         index=LANGUAGES.index(lang),
                         format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code], key="w_lang",
                         on_change=lambda: state.write_param("lang", st.session_state["w_lang"]))
