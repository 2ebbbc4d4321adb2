"""What every page shares: the sidebar (language, as-of date, filters), the brand and the demo-data banner,
and `view()`, which every page calls first. The page registry and routing live in ui/routing.py."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ..i18n import LANGUAGES, t
from ..reference import KECAMATAN, KELURAHAN, SECTORS, area_name, funding_name
from ..store import is_demo
from . import identity, pages_folder, routing, state
from .routing import ANALYSTS, PAGES, PageSpec, pages_for
from .store import cursor, default_as_of, per_version

__all__ = ["ANALYSTS", "PAGES", "PageSpec", "demo_banner", "pages_for", "read_view", "sidebar", "view"]


def read_view() -> state.View:
    """Language, as-of date and filters of the current run (from the URL, kept in sync by the sidebar)."""
    return state.read_view(per_version("default_as_of", default_as_of))


def view() -> state.View:
    """The current view, for a page: called first by every page file. It refuses the page unless app.py's
    navigation started it for a role allowed to see it (routing.run), whatever way it was reached."""
    pages_folder.leave()
    current = read_view()
    spec = routing.running_page()
    if spec is None or identity.current_role() not in spec.roles:
        st.warning(t("page_refused", current.lang), icon=":material/lock:")
        st.markdown(f"[{t('page_transparansi', current.lang)}](/{routing.PUBLIC})")
        st.stop()
    if current.asked_as_of is not None:
        st.info(t("date_clamped", current.lang).format(asked=current.asked_as_of.isoformat(),
                                                       used=current.as_of.isoformat()), icon=":material/event:")
    return current


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
                  format_func=lambda code: t("language_name", code), key="w_lang",
                  on_change=_sync, args=("w_lang", "lang"))
    low, high = state.date_range(default_as_of(cursor()))
    bar.date_input(t("as_of", lang), value=current.as_of, min_value=low, max_value=high, key="w_tgl",
                   format="DD/MM/YYYY", on_change=_sync, args=("w_tgl", "tgl"))
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
        _multi("sumber_iuran", list(state.ALLOWED["sumber_iuran"]), f.sumber_iuran, lambda c: funding_name(c, lang), lang)


def _multi(param: str, options: list[str], chosen: tuple, label, lang: str) -> None:
    key = "w_" + param
    st.multiselect(t("filter_" + param, lang), options, default=[c for c in chosen if c in options],
                   format_func=label, key=key, on_change=_sync, args=(key, param),
                   placeholder=t("all", lang))


def demo_banner(lang: str) -> None:
    if is_demo(cursor()):
        st.warning(t("demo_banner", lang), icon=":material/science:")
