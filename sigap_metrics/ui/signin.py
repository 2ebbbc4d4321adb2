"""The sign-in form, the sidebar's account box, sign-out, and what a locked page shows.

A password sign-in opens a server-side session (sigap_metrics.sessions) whose token this tab keeps in session
state and the browser in a cookie (session_cookie), so reloads and new tabs stay signed in. Signing in on the
public page opens the role's first page; signing in on a locked page (a shared link) stays on that URL, which
now runs the real page with the link's filters.
"""
from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.errors import StreamlitAPIException

from .. import auth, sessions
from ..i18n import LANGUAGES, t
from ..textsafe import for_markdown
from . import identity, routing, session_cookie, state
from .identity import SESSION_TOKEN, SESSION_USER
from .shell import brand
from .store import cursor

_LANDING = "_sigap_landing"           # set at a sign-in on the public page: open the role's first page next run
PUBLIC_PAGE = "pages/transparansi.py"


def authlib_available() -> bool:
    """st.login needs the Authlib package (an optional install); without it SSO is not offered."""
    try:
        import authlib  # noqa: F401
    except ImportError:
        return False
    return True


def _lang() -> str:
    lang = st.query_params.get("lang", "id")
    return lang if lang in LANGUAGES else "id"


def locked(spec: routing.PageSpec) -> None:
    """What a page URL shows to someone who may not open it: visitors are asked to sign in (the form is here,
    and signing in opens this very page); signed-in people are told it is not available for their role."""
    lang = _lang()
    st.title(t("page_" + spec.key, lang))
    who = identity.current()
    if who.role == "publik":
        st.info(t("signin_to_open", lang), icon=":material/lock:")
        settings = identity.oidc_settings()
        with st.container(border=True, width=420):
            _form(lang, settings, key="login_main", land=False)
        st.page_link(PUBLIC_PAGE, label=t("page_transparansi", lang), icon=":material/public:")
        return
    st.warning(t("page_not_for_role", lang).format(role=t("role_" + who.role, lang)), icon=":material/block:")
    own = routing.pages_for(who.role)
    if own:
        st.page_link(own[0].file, label=t("page_" + own[0].key, lang), icon=own[0].icon)


def account_box(lang: str, nav: routing.Navigation) -> None:
    """Sign-in form for visitors; who is signed in and a sign-out button for everyone else. Also keeps the
    browser's session cookie in step with this tab's session."""
    who = identity.current()
    token = st.session_state.get(SESSION_TOKEN) if who.via == "password" else None
    session_cookie.keep(token, int(sessions.lifetime().max_s))
    if st.session_state.pop(_LANDING, False) and who.role != "publik":
        _land(who.role)
    box = st.sidebar.container(border=True)
    if who.via == "dev":
        box.caption(t("login_dev_override", lang).format(role=who.role))
        return
    if who.via == "password":
        _signed_in(box, who.person, who.role, lang, oidc=False)
        return
    if identity.session_ended_notice():
        box.warning(t("login_expired", lang))
    settings = identity.oidc_settings()
    if identity.oidc_logged_in(settings):
        name = st.user.get("name") or st.user.get("email") or "SSO"
        _signed_in(box, str(name), who.role, lang, oidc=True)
        if who.role == "publik":
            box.info(t("login_no_role", lang))
        return
    if _on_stand_in(nav):
        box.caption(t("signin_in_main", lang))          # the form is in the page itself
        return
    with box:
        _form(lang, settings, key="login", land=True)


def _on_stand_in(nav: routing.Navigation) -> bool:
    return routing.spec_of(nav.page.url_path) is not None and nav.page.url_path not in nav.own


def _land(role: str) -> None:
    """Right after a sign-in on the public page, open the role's first page."""
    own = routing.pages_for(role)
    if own and own[0].key != routing.PUBLIC:
        try:
            st.switch_page(own[0].file, query_params=state.shared_params())
        except StreamlitAPIException:     # no navigation in this run (the box alone, in tests): stay put
            pass


def _signed_in(box, name: str, role: str, lang: str, *, oidc: bool) -> None:
    box.markdown(t("login_signed_in", lang).format(name=for_markdown(name), role=t("role_" + role, lang)))
    if box.button(t("logout", lang), key="w_logout", icon=":material/logout:", width="stretch"):
        sessions.end(identity.state_path(), st.session_state.pop(SESSION_TOKEN, None))
        st.session_state.pop(SESSION_USER, None)
        if oidc:
            st.logout()
        st.switch_page(PUBLIC_PAGE)


def _form(lang: str, settings: identity.OidcSettings | None, *, key: str, land: bool) -> None:
    sso = bool(settings) and authlib_available()
    _login_fragment(lang, sso, settings.provider if settings else None, key, land)


@st.fragment
def _login_fragment(lang: str, sso: bool, provider: str | None, key: str, land: bool) -> None:
    """The sign-in form. A fragment: a failed attempt reruns only this box, not the whole page; a successful
    one reruns the app, whose navigation is then built for the new role."""
    with st.form(key, clear_on_submit=True, border=False):
        st.markdown(f"**{t('login_title', lang)}**")
        name = st.text_input(t("login_username", lang), key=f"w_{key}_name", autocomplete="username")
        password = st.text_input(t("login_password", lang), type="password", key=f"w_{key}_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("login", lang), icon=":material/login:", width="stretch")
    if submitted:
        _submit(name, password, lang, land)
    if sso and st.button(t("login_sso", lang), key=f"w_{key}_sso", icon=":material/key:", width="stretch"):
        if provider:
            st.login(provider)
        else:
            st.login()


def _submit(name: str, password: str, lang: str, land: bool) -> None:
    client = identity.client_address()
    result = auth.authenticate(cursor(), name, password, state=identity.state_path(), client=client)
    if result.ok:
        user = name.strip().lower()
        st.session_state[SESSION_TOKEN] = sessions.create(identity.state_path(), user, result.role, client,
                                                          dt.datetime.now())
        st.session_state[SESSION_USER] = user
        st.session_state[_LANDING] = land
        st.rerun(scope="app")
    elif result.reason == "throttled":
        st.error(t("login_throttled", lang).format(seconds=result.retry_after_s))
    else:
        st.error(t("login_failed", lang))
        if result.retry_after_s:
            st.warning(t("login_throttled", lang).format(seconds=result.retry_after_s))


def public_sidebar(lang: str) -> None:
    """What a visitor gets instead of the officials' filter bar: the language switch only. The public page
    always shows the latest data for the whole city, so no date or filter can be combined into a view that
    reveals a small group."""
    brand(lang)
    st.sidebar.selectbox(f"{t('language', 'id')} / {t('language', 'en')}", LANGUAGES,
                         index=LANGUAGES.index(lang),
                         format_func=lambda code: t("language_name", code), key="w_lang",
                         on_change=lambda: state.write_param("lang", st.session_state["w_lang"]))
