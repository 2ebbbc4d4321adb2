"""Transparansi publik: a published release, never the live store (DESIGN §3 page 7, §6.1).

Everything on the page comes from one stored release (releases.load_release): its frozen tables, its dates
and note. The release shown is the latest published one, or an earlier one chosen from the archive. No
filters, no dates from the URL.

The page is light (issue 14): per visitor it reads the list of releases (one small query) and shows a view of
the chosen release built once and cached by the release's identity: headline metrics and one HTML fragment
with the figures and tables, made by the static site's own code (sigap_metrics.site). Downloads, the archive,
the calendar and the definitions are on the static site, which the page links to.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from .. import config, fmt, publish
from ..releases import PUBLISHED, SUPERSEDED, load_release, published_releases
from .store import cursor, db_path, per_version
from .widgets import t

HEADLINE_KEYS = ("active_workers", "attainment_pct", "claims_paid", "families_helped", "benefits_paid_rp",
                 "realisation_pct")


@st.cache_resource(show_spinner=False, max_entries=64)
def _release(store: str, month: str, revision: int, status: str, published: str):
    """A stored release (frozen: keyed by its identity and status, which is all that can change)."""
    return load_release(cursor(), month, revision)   # (published_at in the key: a store rebuilt at the same path)


@dataclass(frozen=True)
class _View:
    """Everything the page shows of one release in one language, built once per release (no query and no
    chart or table building per visitor): the headline metrics and one HTML fragment holding the figures
    (inline SVG from the static site's code) and the tables."""
    headline: tuple[tuple[str, str], ...]
    body: str


@st.cache_resource(show_spinner=False, max_entries=128)
def _view(store: str, month: str, revision: int, status: str, published: str, lang: str) -> _View:
    from .. import site
    from ..metrics.views import boundary_features

    release = _release(store, month, revision, status, published)
    base = config.SITE_URL_PATH.rsplit("/", 1)[0] + "/"
    body = site.app_fragment(release, boundary_features(cursor(), "kecamatan"), lang, base)
    return _View(tuple(publish.headline(release.tables["ringkasan"], key, lang) for key in HEADLINE_KEYS), body)


def site_link(info, latest: bool, lang: str) -> str:
    """The static site's page of this release (its landing page when it is the latest)."""
    from ..site import page_path

    base = config.SITE_URL_PATH.rsplit("/", 1)[0] + "/" + ("en/" if lang == "en" else "")
    return base + ("index.html" if latest else page_path(info))


MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!<>|~$"


def as_text(value) -> str:
    """Free text (a publisher's note, a user name) for a Markdown element: every Markdown character escaped, so
    a note can never become a link, an image fetched from another host, or formatting."""
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in str(value)).replace("\n", " ")


def month_label(month: str, lang: str) -> str:
    """'2026-10' → 'Oktober 2026' / 'October 2026'."""
    return fmt.date(pd.Timestamp(f"{month}-01").date(), lang, "long").split(" ", 1)[1]


def show(lang: str) -> None:
    """As few elements as a visitor needs, all from the cached view of the release: the page runs for
    every visitor of the app, so the crowd goes to the static site (linked at the top)."""
    st.title(t("page_transparansi", lang))
    archive = per_version("published_releases", published_releases)
    if not archive:
        st.info(t("rel_none", lang), icon=":material/schedule:")
        return
    current = [info for info in archive if info.status == PUBLISHED]
    options = current + [info for info in archive if info.status == SUPERSEDED]

    def label(info) -> str:
        key = "rel_option" if info.status == PUBLISHED else "rel_option_superseded"
        return t(key, lang).format(month=month_label(info.month, lang), revision=info.revision)

    chosen = st.selectbox(t("rel_choose", lang), options, index=0, format_func=label, key="w_rilis")
    view = _view(str(db_path()), chosen.month, chosen.revision, chosen.status, str(chosen.published_at), lang)
    _header(chosen, lang)
    st.markdown(t("pub_static_site", lang).format(url=site_link(chosen, chosen == current[0], lang)))
    st.subheader(t("pub_headline", lang))
    for left, right in zip(view.headline[::2], view.headline[1::2]):
        columns = st.columns(2)
        columns[0].metric(*left)
        columns[1].metric(*right)
    st.html(view.body)


def _header(info, lang: str) -> None:
    st.caption(t("rel_dates", lang).format(
        month=month_label(info.month, lang), as_of=fmt.date(info.reference_date, lang, "long"),
        published=fmt.date(info.published_at.date(), lang), by=as_text(info.published_by or "-"),
        next=fmt.date(info.next_release_date, lang) if info.next_release_date else "-"))
    if info.demo:
        st.warning(t("demo_banner", lang), icon=":material/science:")
    if info.status == SUPERSEDED:
        st.warning(t("rel_superseded", lang).format(date=fmt.date(info.superseded_at.date(), lang),
                                                    reason=as_text(info.superseded_reason or "-")),
                   icon=":material/history:")
    if info.note:
        key = "rel_revision_note" if info.revision > 1 else "rel_note"
        st.info(t(key, lang).format(note=as_text(info.note), revision=info.revision), icon=":material/edit_note:")
    st.caption(t("pub_intro", lang))


def archive_frame(infos, lang: str) -> pd.DataFrame:
    """One row per release, for the screen."""
    return pd.DataFrame({
        t("rel_col_month", lang): [month_label(i.month, lang) for i in infos],
        t("rel_col_reference", lang): [fmt.date(i.reference_date, lang) for i in infos],
        t("rel_col_revision", lang): [str(i.revision) for i in infos],
        t("rel_col_status", lang): [t("rel_status_" + i.status, lang) for i in infos],
        t("rel_col_published", lang): [fmt.date(i.published_at.date(), lang) if i.published_at else "-" for i in infos],
        t("rel_col_by", lang): [i.published_by or "-" for i in infos],
        t("rel_col_note", lang): [i.superseded_reason if i.superseded_reason else (i.note or "") for i in infos],
        t("rel_col_next", lang): [fmt.date(i.next_release_date, lang) if i.next_release_date else "-" for i in infos],
    })
