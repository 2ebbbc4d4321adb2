"""What every page shares: the page registry per role, the sidebar (language, as-of date, filters) and the
demo-data banner. app.py calls these; pages call `view()` to learn what the user is looking at."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ..i18n import LANGUAGES, t
from ..reference import KECAMATAN, KELURAHAN, SECTORS, area_name
from ..store import is_demo
from . import state
from .access import ROLES, account_box, current_role, guard_page
from .store import cursor, default_as_of

__all__ = ["PAGES", "PageSpec", "ROLES", "account_box", "current_role", "demo_banner", "navigation", "pages_for",
           "sidebar", "view"]

ANALYSTS = ("pimpinan", "anggaran", "operator", "admin")


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


def navigation(role: str, lang: str):
    """st.navigation over the pages this role may see; other pages do not exist for it (not even by URL)."""
    pages = [st.Page(spec.file, title=t("page_" + spec.key, lang), icon=spec.icon, url_path=spec.key)
             for spec in pages_for(role)]
    return st.navigation(pages, position="sidebar")


def view() -> state.View:
    """Language, as-of date and filters of the current run (from the URL, kept in sync by the sidebar).
    Called first by every page: it also stops a page the current role may not see (access.guard_page)."""
    _leave_pages_folder_mode()
    current = state.read_view(default_as_of(cursor()))
    guard_page(sys._getframe(1).f_code.co_filename, PAGES, current.lang)
    return current


def _leave_pages_folder_mode() -> None:
    """Until the first st.navigation call of a server process, Streamlit treats the pages/ folder as its old
    multipage mode: a page opened by URL right after a start would run on its own, without app.py (no
    navigation by role, no filter bar). Switch the process to st.navigation mode and run again via app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _sync(key: str, param: str) -> None:
    state.write_param(param, st.session_state[key])


ASSETS = Path(__file__).resolve().parent / "assets"


def brand(lang: str) -> None:
    """Kota Bekasi's SIGAP identity: the logo above the navigation and who runs the programme."""
    st.logo(str(ASSETS / "logo.svg"), size="large", icon_image=str(ASSETS / "icon.svg"))
    st.sidebar.caption(f"{t('city_name', lang)} · {t('city_unit', lang)}")


def sidebar(current: state.View) -> None:
    """Logo, language switch, as-of date and the shared filters; each change is written to the URL."""
    lang = current.lang
    brand(lang)
    bar = st.sidebar
    bar.selectbox(f"{t('language', 'id')} / {t('language', 'en')}", LANGUAGES, index=LANGUAGES.index(lang),
                  format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code], key="w_lang",
                  on_change=_sync, args=("w_lang", "lang"))
    bar.date_input(t("as_of", lang), value=current.as_of, key="w_tgl", format="DD/MM/YYYY",
                   on_change=_sync, args=("w_tgl", "tgl"))
    with bar.expander(t("filters", lang), expanded=bool(current.filters.active())):
        f = current.filters
        _multi("kecamatan", [a.kode for a in KECAMATAN], f.kecamatan, area_name, lang)
        kel_options = [a.kode for a in KELURAHAN if not f.kecamatan or a.kecamatan_kode in f.kecamatan]
        _multi("kelurahan", kel_options, f.kelurahan, area_name, lang)
        names = {s.kode: (s.nama_id if lang == "id" else s.nama_en) for s in SECTORS}
        _multi("sektor", list(names), f.sektor, names.get, lang)
        _multi("jenis_kelamin", ["L", "P"], f.jenis_kelamin, lambda c: t("sex_" + c, lang), lang)
        _multi("kelompok_umur", list(state.ALLOWED["kelompok_umur"]), f.kelompok_umur, str, lang)
        _multi("desil", [str(d) for d in range(1, 11)], tuple(str(d) for d in f.desil), str, lang)
        _multi("sumber_iuran", list(state.ALLOWED["sumber_iuran"]), f.sumber_iuran, str, lang)


def _multi(param: str, options: list[str], chosen: tuple, label, lang: str) -> None:
    key = "w_" + param
    st.multiselect(t("filter_" + param, lang), options, default=[c for c in chosen if c in options],
                   format_func=label, key=key, on_change=_sync, args=(key, param),
                   placeholder=t("all", lang))


def demo_banner(lang: str) -> None:
    if is_demo(cursor()):
        st.warning(t("demo_banner", lang), icon=":material/science:")
