"""Which pages exist, who may open them, and how a URL becomes a page (public Streamlit APIs only).

Every page's URL is known to st.navigation for every visitor, so no URL ever gives Streamlit's "Page not found"
box: a page the role may open runs its file; any other is a *locked* stand-in at the same URL, which renders
"sign in to open this page" (visitors: the sign-in form; after signing in the real page runs at that same URL
with its filters) or "not available for your role" (signed-in people). The stand-ins are registered with
`visibility="hidden"`: the sidebar navigation lists only the role's own pages. A page file runs only through
`run`, which marks the run so that `shell.view()` (called first by every page) can refuse anything else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import streamlit as st

from ..i18n import t

ANALYSTS = ("pimpinan", "anggaran", "operator", "admin")
PUBLIC = "transparansi"
RUNNING = "_sigap_running_page"     # key of the page app.py's navigation is running; never a widget key


@dataclass(frozen=True)
class PageSpec:
    key: str          # i18n key of the title, and the URL path
    file: str         # path of the page file, from the project root
    icon: str
    roles: tuple[str, ...]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("ringkasan", "pages/ringkasan.py", ":material/dashboard:", ANALYSTS),
    PageSpec("peta", "pages/peta.py", ":material/map:", ANALYSTS),
    PageSpec("sektor", "pages/sektor.py", ":material/groups:", ANALYSTS),
    PageSpec("klaim", "pages/klaim.py", ":material/health_and_safety:", ANALYSTS),
    PageSpec("anggaran", "pages/anggaran.py", ":material/account_balance:", ANALYSTS),
    PageSpec("pelatihan", "pages/pelatihan.py", ":material/school:", ANALYSTS),
    PageSpec("transparansi", "pages/transparansi.py", ":material/public:", ("publik", *ANALYSTS)),
    PageSpec("rilis", "pages/rilis.py", ":material/publish:", ("pimpinan", "operator", "admin")),
    PageSpec("data_kualitas", "pages/data_kualitas.py", ":material/upload_file:", ("operator", "admin")),
    PageSpec("definisi", "pages/definisi.py", ":material/menu_book:", ANALYSTS),
    PageSpec("pengguna", "pages/pengguna.py", ":material/manage_accounts:", ("admin",)),
)


def pages_for(role: str) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles]


def spec_of(key: str) -> PageSpec | None:
    return next((spec for spec in PAGES if spec.key == key), None)


@dataclass(frozen=True)
class Navigation:
    page: object                        # the StreamlitPage st.navigation chose for this run
    own: dict                           # key → StreamlitPage of the pages this role may open (menu order)
    home: object = None                 # the default page ("/")


def navigation(role: str, lang: str, locked: Callable[[PageSpec], None]) -> Navigation:
    """st.navigation over every page URL: the role's pages run their files, the others are `locked(spec)`
    stand-ins. The default page ("/") sends the visitor to the role's first page."""
    own = {spec.key: st.Page(spec.file, title=t("page_" + spec.key, lang), icon=spec.icon, url_path=spec.key)
           for spec in pages_for(role)}
    stand_ins = [st.Page(_stand_in(spec, locked), title=t("page_" + spec.key, lang), icon=":material/lock:",
                         url_path=spec.key, visibility="hidden") for spec in PAGES if spec.key not in own]
    # A visitor's "/" is the public page itself (one script run for a crowd's first visit, not a redirect and a
    # second run); signed-in people are sent on to their first page, so their URL names it.
    visitor = list(own) == [PUBLIC]
    home = st.Page(spec_of(PUBLIC).file if visitor else _home(list(own.values())), title="SIGAP Monitor",
                   url_path="beranda", default=True, visibility="hidden")
    page = st.navigation([home, *own.values(), *stand_ins], position="sidebar")
    return Navigation(page, own, home)


def _stand_in(spec: PageSpec, locked: Callable[[PageSpec], None]) -> Callable[[], None]:
    def locked_page() -> None:
        locked(spec)
    locked_page.__name__ = f"locked_{spec.key}"
    return locked_page


def _home(own: list) -> Callable[[], None]:
    def home() -> None:
        if own:
            # every value of a repeated key (to_dict() would keep only the last: ?kecamatan=A&kecamatan=B)
            st.switch_page(own[0], query_params={key: st.query_params.get_all(key) for key in st.query_params})
    return home


def run(nav: Navigation) -> None:
    """Run the chosen page, marked as started by app.py's navigation (shell.view() checks the mark).

    A visitor's "/" is the public page's file registered as the default page (see `navigation`)."""
    key = next((k for k, page in nav.own.items() if page.url_path == nav.page.url_path), None)
    if nav.page is nav.home and list(nav.own) == [PUBLIC]:
        key = PUBLIC
    if key is not None:
        st.session_state[RUNNING] = key
    try:
        nav.page.run()
    finally:
        st.session_state.pop(RUNNING, None)


def running_page() -> PageSpec | None:
    """The page app.py's navigation is running now, or None (a page file started any other way)."""
    key = st.session_state.get(RUNNING)
    return spec_of(key) if isinstance(key, str) else None
