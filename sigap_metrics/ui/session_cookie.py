"""The session cookie, written in the browser by a Streamlit component (st.components.v2, no iframe: its
script runs in the app's own page, so `document.cookie` sets a first-party cookie).

Streamlit scripts cannot add a Set-Cookie header to a response, so the cookie is written by script:
`sigap_session=<token>; Path=/; SameSite=Strict; Max-Age=…` (+ `Secure` when the page is served over HTTPS).
It cannot be HttpOnly (a cookie written by script never is): docs/deploy.md says what that means. The token
travels only over the app's websocket and in the cookie, never in a URL. Streamlit reads it back from the
request that opens a tab's websocket (`st.context.cookies`): a reload or a new tab finds the session again.
"""
from __future__ import annotations

import streamlit as st

from .identity import COOKIE

_JS = """
export default function(component) {
  const data = component.data || {};
  const name = data.name;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const current = document.cookie.split("; ").find((c) => c.startsWith(name + "="));
  if (data.token) {
    if (current !== name + "=" + data.token) {
      document.cookie = name + "=" + data.token + "; Path=/; SameSite=Strict; Max-Age=" + data.max_age + secure;
    }
  } else if (current) {
    document.cookie = name + "=; Path=/; SameSite=Strict; Max-Age=0" + secure;
  }
}
"""


def _component():
    return st.components.v2.component("sigap_session_cookie", js=_JS)


def keep(token: str | None, max_age_s: int) -> None:
    """Make the browser's cookie hold `token` (or no session cookie at all when None)."""
    mount = _component()
    with st.sidebar:
        mount(key="w_session_cookie", data={"name": COOKIE, "token": token or "", "max_age": int(max_age_s)},
              height=0)
