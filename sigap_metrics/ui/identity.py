"""Who is using the app, worked out again on every run, failing closed (anything unexpected means `publik`).

- A password sign-in opens a server-side session (sigap_metrics.sessions): the browser holds only its random
  token, in this tab's session state and in a cookie (written by ui/session_cookie.py), so a reload or a new
  tab finds the session again through `st.context.cookies`. The session and the user's role are checked on every
  run: sign-out anywhere, expiry, a role change or a removal end it.
- OIDC through `st.login` (Streamlit keeps that identity in its own cookie) when secrets hold `[auth]` and a
  `[sigap_oidc]` section mapping a claim's values to roles; an identity whose claim maps to no role is publik.
- SIGAP_ROLE is a developer override, honoured only when SIGAP_DEV_AUTH=1 is set too.

`require_role` is the UI side of `auth.require_stored_role`: every privileged action calls it when it acts.
"""
from __future__ import annotations

import datetime as dt
import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from .. import auth, sessions
from ..store import auth_state_path
from .store import cursor, db_path

ROLES = auth.ROLES
SESSION_TOKEN = "_sigap_session_token"   # this tab's session token; never a widget key, so no browser can set it
SESSION_USER = "_sigap_user"             # the signed-in user's name, written here after the token was checked
COOKIE = "sigap_session"                 # the cookie that carries the token to a reload or a new tab
_ENDED = "_sigap_session_ended"          # the session held by this tab ended elsewhere: say so once


@dataclass(frozen=True)
class Identity:
    role: str = "publik"
    person: str | None = None            # who acts, as the audit log records it
    via: str = "none"                    # none | password | sso | dev


@dataclass(frozen=True)
class OidcSettings:
    provider: str | None
    claim: str
    roles: dict[str, str] = field(default_factory=dict)


def state_path() -> Path:
    """The sign-in state file beside the app's store."""
    return auth_state_path(db_path())


def client_address() -> str | None:
    """The client's address as Streamlit sees the websocket (None for localhost). Behind a reverse proxy
    this is the proxy unless Streamlit is told to trust X-Forwarded-For (docs/deploy.md)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 - no context (tests, bare mode): unknown client
        return None
    return address if isinstance(address, str) and address else None


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


def dev_role() -> str | None:
    if os.environ.get("SIGAP_DEV_AUTH") != "1":
        return None
    role = os.environ.get("SIGAP_ROLE", "")
    return role if role in ROLES else None


def oidc_logged_in(settings: OidcSettings | None) -> bool:
    return bool(settings) and bool(st.user.get("is_logged_in"))


def cookie_token() -> str | None:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001
        return None
    return token if isinstance(token, str) and token else None


def _session() -> sessions.Session | None:
    """The password session of this tab (its own token first, else the cookie's), checked now."""
    own = st.session_state.get(SESSION_TOKEN)
    for token in (own, cookie_token()):
        if not token:
            continue
        found = sessions.resolve(state_path(), token, lambda name: auth.role_of(cursor(), name), dt.datetime.now())
        if found is not None:
            st.session_state[SESSION_TOKEN] = token
            st.session_state[SESSION_USER] = found.username
            return found
        if token == own:                       # this tab's session ended (sign-out elsewhere, role change…)
            st.session_state.pop(SESSION_TOKEN, None)
            st.session_state.pop(SESSION_USER, None)
            st.session_state[_ENDED] = True
    st.session_state.pop(SESSION_USER, None)
    return None


def current() -> Identity:
    """The identity of this run; publik unless a session, SSO or the developer override says otherwise."""
    try:
        dev = dev_role()
        if dev:
            return Identity(dev, f"dev-override:{_os_user()}", "dev")
        found = _session()
        if found is not None:
            return Identity(found.role, found.username, "password")
        settings = oidc_settings()
        if oidc_logged_in(settings):
            role = auth.role_from_claims(st.user.to_dict(), settings.claim, settings.roles)
            return Identity(role, sso_person(), "sso")
        return Identity()
    except Exception:  # noqa: BLE001 - fail closed
        return Identity()


def current_role() -> str:
    return current().role


def sso_person() -> str:
    """The SSO identity as the audit log records it: e-mail, else the subject, prefixed `sso:`."""
    return "sso:" + str(st.user.get("email") or st.user.get("preferred_username") or st.user.get("sub") or "?")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001
        return "?"


def session_ended_notice() -> bool:
    """True once after this tab's session ended elsewhere (shown by the sign-in box)."""
    return bool(st.session_state.pop(_ENDED, False))


def require_role(*allowed: str) -> Identity:
    """For privileged actions, at the moment they act: the person's session is checked again and their role
    read from the store (auth.require_stored_role); raises auth.NotAllowed otherwise. SSO and developer
    identities carry no stored user: their role comes from the claim / override, checked the same way."""
    who = current()
    if who.via == "password":
        auth.require_stored_role(cursor(), who.person, allowed)
    elif who.role not in allowed:
        raise auth.NotAllowed(who.person, who.role, tuple(allowed))
    return who


def require(*roles: str) -> str:
    """Defence in depth for pages that navigation already keeps away: stop the run unless the role is allowed."""
    role = current_role()
    if role not in roles:
        st.stop()
    return role
