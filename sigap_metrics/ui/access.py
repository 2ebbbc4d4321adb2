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
import sys
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from .. import auth
from ..config import PROJECT_ROOT
from ..i18n import LANGUAGES, t
from . import state
from .store import cursor, writing

ROLES = auth.ROLES
SESSION_USER = "_sigap_user"          # the logged-in user's name; never used as a widget key
_LANDING = "_sigap_landing"           # set at login: open the role's first page on the next run
PUBLIC_PAGE = "pages/transparansi.py"
PAGES_DIR = (PROJECT_ROOT / "pages").resolve()


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


def authlib_available() -> bool:
    """st.login needs the Authlib package (an optional install); without it SSO is not offered."""
    try:
        import authlib  # noqa: F401
    except ImportError:
        return False
    return True


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


def guard_page(caller_file: str, pages, lang: str) -> None:
    """Stop the run unless the current role may see the page file that is running.

    st.navigation already leaves forbidden pages out, but Streamlit still knows the older `pages/` folder
    convention: while no run of this process has called st.navigation yet (e.g. the first request after a
    restart asks for /ringkasan), it runs a file from `pages/` directly, without app.py. Every page calls
    `shell.view()` first, which calls this with the page's own file, so a page never renders for a role that
    may not see it, however it was reached. A file in the pages folder that is not registered is refused too.
    The page is `caller_file` when that is in the pages folder, else the nearest page file on the call stack
    (a page may call view() through a helper module)."""
    path = _running_page(Path(caller_file).resolve())
    if path is None:
        return                                          # app.py itself (or a test harness), not a page
    allowed = {(PROJECT_ROOT / spec.file).resolve(): spec.roles for spec in pages}
    if current_role() in allowed.get(path, ()):
        return
    st.warning(t("page_refused", lang), icon=":material/lock:")
    st.markdown(f"[{t('page_transparansi', lang)}](/)")
    st.stop()


def _running_page(caller: Path) -> Path | None:
    if caller.parent == PAGES_DIR:
        return caller
    frame = sys._getframe(1)
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        if path.suffix == ".py" and path.parent.name == "pages" and path.resolve().parent == PAGES_DIR:
            return path.resolve()
        frame = frame.f_back
    return None


def _first_page(role: str) -> str | None:
    from .shell import pages_for  # shell imports this module; the page list is only needed here

    pages = pages_for(role)
    return pages[0].file if pages else None


def _land(role: str) -> None:
    """Right after a login, open the role's first page (best effort: stay put if it cannot be opened)."""
    landing = _first_page(role)
    if landing:
        try:
            st.switch_page(landing)
        except StreamlitAPIException:
            pass


def account_box(lang: str) -> None:
    """Sign-in form for visitors; who is signed in and a sign-out button for everyone else."""
    role = current_role()
    if st.session_state.pop(_LANDING, False) and role != "publik":
        _land(role)
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
    sso = bool(settings) and authlib_available()
    with box:
        _login_fragment(lang, sso, settings.provider if settings else None)


@st.fragment
def _login_fragment(lang: str, sso: bool, provider: str | None) -> None:
    """The sign-in form. A fragment: a failed attempt reruns only this box, not the whole page; a successful
    one reruns the app, whose navigation is then built for the new role."""
    with st.form("login", clear_on_submit=True, border=False):
        st.markdown(f"**{t('login_title', lang)}**")
        name = st.text_input(t("login_username", lang), key="w_login_name", autocomplete="username")
        password = st.text_input(t("login_password", lang), type="password", key="w_login_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("login", lang), icon=":material/login:", width="stretch")
    if submitted:
        result = _authenticate(name, password)
        if result.ok:
            st.session_state[SESSION_USER] = name.strip().lower()
            st.session_state[_LANDING] = True
            st.rerun(scope="app")
        elif result.reason == "throttled":
            st.error(t("login_throttled", lang).format(seconds=result.retry_after_s))
        else:
            st.error(t("login_failed", lang))
            if result.retry_after_s:
                st.warning(t("login_throttled", lang).format(seconds=result.retry_after_s))
    if sso and st.button(t("login_sso", lang), key="w_login_sso", icon=":material/key:", width="stretch"):
        if provider:
            st.login(provider)
        else:
            st.login()


def _authenticate(name: str, password: str) -> "auth.LoginResult":
    """Check a sign-in on the read-only store; when the attempt must be recorded (a failure counted, a success
    that clears earlier failures), run it again on a writer (store/writer.py), which records it. authenticate
    fails closed (reason "error") on any error, the read-only refusal of that write included."""
    result = auth.authenticate(cursor(), name, password)
    if result.reason != "error":
        return result
    with writing() as con:
        return auth.authenticate(con, name, password)


def public_sidebar(lang: str) -> None:
    """What a visitor gets instead of the officials' filter bar: the language switch only. The public page
    always shows the latest data for the whole city, so no date or filter can be combined into a view that
    reveals a small group."""
    from .shell import brand  # shell imports this module

    brand(lang)
    st.sidebar.selectbox(f"{t('language', 'id')} / {t('language', 'en')}", LANGUAGES,
                         index=LANGUAGES.index(lang),
                         format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code], key="w_lang",
                         on_change=lambda: state.write_param("lang", st.session_state["w_lang"]))


def require(*roles: str) -> str:
    """Defence in depth for pages that navigation already hides: stop the run unless the role is allowed."""
    role = current_role()
    if role not in roles:
        st.stop()
    return role


def users_admin(lang: str) -> None:
    """The admin's user list and the forms that add, change, unlock and remove users. The forms act in
    their submit callbacks (before the page runs again), so the list below already shows the result."""
    for kind, text in st.session_state.pop(_USERS_NOTICE, []):
        (st.success if kind == "ok" else st.error)(text)
    users = auth.list_users(cursor())
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


_ROLE_KEYS = {"role_" + r for r in ROLES}
_USER_COLUMNS = ("username", "role", "created_at", "failed_attempts", "retry_after_s")
_USERS_NOTICE = "_sigap_users_notice"


def _admin_acting() -> bool:
    """Callbacks check the role again: only an admin's submission changes users."""
    return current_role() == "admin"


def _add_user(lang: str) -> None:
    state_ = st.session_state
    name = str(state_.get("w_user_name") or "").strip().lower()
    _apply(lambda con: auth.add_user(con, name, state_.get("w_user_role"), state_.get("w_user_password") or ""),
           lang)


def _change_user(lang: str) -> None:
    state_ = st.session_state
    target, action = state_.get("w_user_target"), state_.get("w_user_action")
    if not target:
        return
    if target == state_.get(SESSION_USER) and action in ("role", "delete"):
        _notice("error", t("users_not_self", lang))
        return
    steps = {"role": lambda con: auth.set_role(con, target, state_.get("w_user_new_role")),
             "unlock": lambda con: auth.unlock_user(con, target),
             "delete": lambda con: auth.delete_user(con, target)}
    _apply(steps[action], lang)


def _notice(kind: str, text: str) -> None:
    st.session_state.setdefault(_USERS_NOTICE, []).append((kind, text))


def _apply(step, lang: str) -> None:
    if not _admin_acting():
        return
    try:
        with writing() as con:   # a refusal raises inside: the store stays as it was
            step(con)
    except auth.UserError as error:
        _notice("error", f"{t('users_refused', lang)}: {error}")
        return
    _notice("ok", t("users_done", lang))
