"""Reusable page parts: headline cards, tables with their downloads, charts with their tables, and page
choices kept in the URL. Everything shown comes from a metric function; these only render it."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import streamlit as st

from .. import exports, fmt
from ..i18n import t
from . import state

__all__ = ["t", "headline_cards", "table", "downloads", "chart_block", "deck_block", "choice", "page_header",
           "map_legend"]


def page_header(title_key: str, lang: str, as_of=None, caption_key: str | None = None) -> None:
    """Page title, the as-of date, a one-line description and the demo-data banner."""
    from .shell import demo_banner  # shell imports this module for the cards

    st.title(t(title_key, lang))
    parts = []
    if as_of is not None:
        parts.append(f"{t('as_of', lang)} {fmt.date(as_of, lang, 'long')}")
    if caption_key:
        parts.append(t(caption_key, lang))
    if parts:
        st.caption(" · ".join(parts))
    demo_banner(lang)


def headline_cards(s: dict, lang: str) -> None:
    """The overview's six headline cards from a `metrics.summary` result, each a catalogue entry."""
    from .. import catalogue

    phase = s["phase"] or t("no_phase", lang)
    st.caption(f"{t('as_of', lang)} {fmt.date(s['as_of'], lang, 'long')} · {t('phase', lang)}: {phase}")
    name = {key: catalogue.get(key).label(lang) for key in ("target", "benefits_paid_rp", "premiums_rp")}
    month = fmt.date(s["as_of"], lang, "month")   # new and lapsed workers are those of as_of's month
    row1 = st.columns(3)
    indicator_card(row1[0], "active_workers", s["active_workers"], lang,
                   f"{name['target']}: {fmt.number(s['target'], lang)}")
    indicator_card(row1[1], "attainment_pct", s["attainment_pct"], lang,
                   f"{fmt.number(s['active_workers'], lang)} / {fmt.number(s['target'], lang)}")
    indicator_card(row1[2], "realisation_pct", s["realisation_pct"], lang,
                   f"{fmt.rupiah(s['premiums_rp'], lang)} / {fmt.rupiah(s['pagu_rp'], lang)}")
    row2 = st.columns(3)
    indicator_card(row2[0], "new_workers", s["new_this_month"], lang, month)
    indicator_card(row2[1], "lapsed_workers", s["lapsed_this_month"], lang, month)
    indicator_card(row2[2], "claims_paid", s["claims_paid"], lang,
                   f"{name['benefits_paid_rp']}: {fmt.rupiah(s['benefits_paid_rp'], lang)}")
    st.caption(f"{name['benefits_paid_rp']}: **{fmt.rupiah(s['benefits_paid_rp'], lang)}** · "
               f"{name['premiums_rp']}: **{fmt.rupiah(s['premiums_rp'], lang)}** "
               f"{t('of_pagu', lang)} {fmt.rupiah(s['pagu_rp'], lang)}")


def indicator_card(slot, key: str, value, lang: str, detail: str | None = None, text: str | None = None) -> None:
    """A card for the catalogue entry `key`: its name, its value in its unit (or `text` where there is no value
    to write, e.g. a forecast that says the target is not reached), its formula (and `detail`, e.g. the parts
    of a share) as help."""
    from .. import catalogue

    indicator = catalogue.get(key)
    formula = indicator.formula.get(lang) or indicator.formula["id"]
    slot.metric(indicator.label(lang), text if text is not None else indicator.format(value, lang),
                help=f"{detail} · {formula}" if detail else formula)


ROW_PX = 35          # st.dataframe's row height
MAX_TABLE_ROWS = 16  # taller tables scroll


def table(frame: pd.DataFrame, formats: Mapping[str, Callable], lang: str, *, key: str | None = None) -> None:
    """The table as shown and downloaded: raw values underneath (so sorting works), id_ID text on screen
    (`formats`: label → formatter, from `columns.formats`); up to MAX_TABLE_ROWS rows without a scroll bar."""
    shown = {column: show for column, show in formats.items() if column in frame.columns}
    height = ROW_PX * (min(len(frame), MAX_TABLE_ROWS) + 1) + 3
    st.dataframe(frame.style.format(shown, na_rep="–"), hide_index=True, width="stretch", height=height, key=key)


def downloads(frame: pd.DataFrame, name: str, lang: str, *, sheet: str | None = None) -> None:
    """CSV and XLSX of exactly `frame` (formulas neutralised); file names carry the page key and language."""
    left, right = st.columns(2)
    stem = f"sigap_{name}_{lang}"
    left.download_button(t("download_csv", lang), exports.to_csv_bytes(frame), file_name=stem + ".csv",
                         mime="text/csv", key=f"dl_{name}_csv", icon=":material/download:", on_click="ignore",
                         width="stretch")
    right.download_button(t("download_xlsx", lang), exports.to_xlsx_bytes(frame, sheet or name),
                          file_name=stem + ".xlsx", key=f"dl_{name}_xlsx", icon=":material/table_view:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          on_click="ignore", width="stretch")


def chart_block(name: str, title: str | None, figure, frame: pd.DataFrame, formats: Mapping[str, Callable], lang: str, *,
                caption: str | None = None) -> None:
    """A chart, its table in a second tab, and the downloads of that table."""
    if title:
        st.subheader(title)
    if caption:
        st.caption(caption)
    chart_tab, table_tab = st.tabs([t("tab_chart", lang), t("tab_table", lang)])
    with chart_tab:
        st.plotly_chart(figure, key=f"fig_{name}", config={"displaylogo": False, "locale": lang})
    with table_tab:
        table(frame, formats, lang, key=f"tbl_{name}")
    downloads(frame, name, lang)


def deck_block(name: str, deck, height: int = 520) -> None:
    st.pydeck_chart(deck, key=f"map_{name}", height=height)


def map_legend(entries: Sequence[tuple[str, str]], title: str) -> None:
    """The map's colour classes as coloured squares with their ranges."""
    if not entries:
        return
    items = "".join(f"<span style='display:inline-flex;align-items:center;margin:2px 10px 2px 0'>"
                    f"<span style='width:14px;height:14px;background:{colour};display:inline-block;"
                    f"margin-right:5px;border:1px solid #999'></span>{label}</span>" for colour, label in entries)
    st.markdown(f"<div style='font-size:0.85rem'><b>{title}</b><br/>{items}</div>", unsafe_allow_html=True)


def _sync_choice(key: str, param: str, default: str) -> None:
    value = st.session_state[key]
    state.write_param(param, None if value == default else value)


def choice(label: str, param: str, options: Sequence[str], format_func: Callable[[str], str], *,
           default: str | None = None, horizontal: bool = False) -> str:
    """A single choice of this page kept in the URL (`param`), validated against `options`."""
    default = default if default is not None else options[0]
    current = state.read_choice(param, tuple(options), default)
    key = "w_" + param
    if st.session_state.get(key) != current:
        st.session_state[key] = current   # first run, or the URL changed under the widget (shared link)
    widget = st.radio if horizontal else st.selectbox
    extra = {"horizontal": True} if horizontal else {}
    return widget(label, list(options), format_func=format_func, key=key, on_change=_sync_choice,
                  args=(key, param, default), **extra)


def forecast_summary(outlook, lang: str) -> None:
    """The pace cards (now, needed, date reached), catalogue entries, and the sentence that says what they mean."""
    def date(value, missing_key="reach_open"):
        return fmt.date(value, lang) if value is not None else t(missing_key, lang)

    def pace(value):
        return t("per_week", lang).format(n=fmt.number(value, lang, 1)) if value is not None else "–"

    cards = st.columns(3)
    indicator_card(cards[0], "pace_per_week", outlook.pace_per_week, lang)
    indicator_card(cards[1], "pace_needed_per_week", outlook.needed_per_week, lang,
                   f"{t('phase_end', lang)}: {date(outlook.phase_end)}")
    reached = {"reached": t("forecast_reached", lang).rstrip("."), "not_reached": t("reach_none", lang)}
    no_date = None if outlook.reach_date is not None else t("reach_none", lang)
    indicator_card(cards[2], "reach_date", outlook.reach_date, lang, text=reached.get(outlook.status, no_date))
    text = t("forecast_" + outlook.status, lang).format(
        date=date(outlook.reach_date), earliest=date(outlook.reach_earliest), latest=date(outlook.reach_latest),
        end=date(outlook.phase_end), needed=pace(outlook.needed_per_week))
    st.markdown(text)


CATALOGUE_PAGES = {"data": "data_kualitas"}   # catalogue page codes that differ from the page keys


def page_name(key: str, lang: str) -> str:
    """A page's title from its key (catalogue page codes included); the key itself when it has no title."""
    from ..i18n import TEXT

    key = CATALOGUE_PAGES.get(key, key)
    return t("page_" + key, lang) if "page_" + key in TEXT else key


def _unit(unit: str, lang: str) -> str:
    from ..i18n import TEXT

    return t("unit_" + unit, lang) if "unit_" + unit in TEXT else unit


def _breakdowns(keys, lang: str) -> str:
    from ..i18n import TEXT

    return ", ".join(t("filter_" + k, lang) if "filter_" + k in TEXT else k for k in keys) or t("def_none", lang)


def definition(indicator, lang: str) -> None:
    """One catalogue entry: name (and its name in the other language), description, formula and facts."""
    other = "en" if lang == "id" else "id"
    st.markdown(f"#### {indicator.label(lang)}")
    st.caption(f"`{indicator.key}` · {indicator.label(other)}")
    st.markdown(indicator.description.get(lang) or indicator.description["id"])
    st.markdown(f"**{t('def_formula', lang)}:** {indicator.formula.get(lang) or indicator.formula['id']}")
    st.markdown(f"**{t('def_unit', lang)}:** {_unit(indicator.unit, lang)} · "
                f"**{t('def_breakdowns', lang)}:** {_breakdowns(indicator.breakdowns, lang)} · "
                f"**{t('def_pages', lang)}:** {', '.join(page_name(p, lang) for p in indicator.pages)} · "
                f"**{t('def_public', lang)}:** {t('yes' if indicator.public else 'no', lang)}")


def definitions_table(indicators, lang: str) -> pd.DataFrame:
    """The entries as a data dictionary (one row each, texts in `lang`)."""
    other = "en" if lang == "id" else "id"
    return pd.DataFrame([{
        "kode": ind.key, "nama": ind.label(lang), "nama_lain": ind.label(other),
        "deskripsi": ind.description.get(lang) or ind.description["id"],
        "rumus": ind.formula.get(lang) or ind.formula["id"], "satuan": _unit(ind.unit, lang),
        "rincian": _breakdowns(ind.breakdowns, lang), "halaman": ", ".join(page_name(p, lang) for p in ind.pages),
        "publik": t("yes" if ind.public else "no", lang)} for ind in indicators])


def page_definitions(page: str, lang: str) -> None:
    """At the foot of a page: the catalogue entries it shows, folded away."""
    from .. import catalogue

    with st.expander(t("def_here", lang), icon=":material/menu_book:"):
        for indicator in catalogue.for_page(page):
            definition(indicator, lang)


def period_picker(lang: str, as_of) -> tuple:
    """The period choice shared by the claims and training pages (kept in the URL as `periode`), with a
    caption of its dates; returns (start, end) from `metrics.views.period_window`."""
    from ..metrics import views
    from .store import metric

    period = choice(t("period", lang), "periode", views.PERIODS, lambda key: t("period_" + key, lang),
                    horizontal=True)
    start, end = metric(views.period_window, period, as_of)
    st.caption(t("period_range", lang).format(start=fmt.date(start, lang), end=fmt.date(end, lang)))
    return start, end
