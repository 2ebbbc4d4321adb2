"""Transparansi publik: a published release, never the live store (DESIGN §3 page 7, §6.1).

Everything on the page comes from one stored release (releases.load_release): its frozen tables, its dates
and note, its open-data files. The release shown is the latest published one, or an earlier one chosen from
the archive. No filters, no dates from the URL.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import charts, exports, fmt, publish
from ..releases import PUBLISHED, SUPERSEDED, load_release, published_releases
from ..releases.open_data import open_data_files, open_data_zip
from .store import cursor, db_path
from .widgets import t

HEADLINE_KEYS = ("active_workers", "attainment_pct", "claims_paid", "families_helped", "benefits_paid_rp",
                 "realisation_pct")


@st.cache_data(show_spinner=False, max_entries=64)
def _release(store: str, month: str, revision: int, status: str, published: str):
    """A stored release (frozen: keyed by its identity and status, which is all that can change)."""
    return load_release(cursor(), month, revision)   # (published_at in the key: a store rebuilt at the same path)


@st.cache_data(show_spinner=False, max_entries=64)
def _files(store: str, month: str, revision: int, status: str, published: str) -> tuple[dict, bytes]:
    release = _release(store, month, revision, status, published)
    return open_data_files(release), open_data_zip(release)


MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!<>|~$"


def as_text(value) -> str:
    """Free text (a publisher's note, a user name) for a Markdown element: every Markdown character escaped, so
    a note can never become a link, an image fetched from another host, or formatting."""
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in str(value)).replace("\n", " ")


def month_label(month: str, lang: str) -> str:
    """'2026-10' → 'Oktober 2026' / 'October 2026'."""
    return fmt.date(pd.Timestamp(f"{month}-01").date(), lang, "long").split(" ", 1)[1]


def show(lang: str) -> None:
    st.title(t("page_transparansi", lang))
    archive = published_releases(cursor())
    if not archive:
        st.info(t("rel_none", lang), icon=":material/schedule:")
        return
    current = [info for info in archive if info.status == PUBLISHED]
    options = current + [info for info in archive if info.status == SUPERSEDED]

    def label(info) -> str:
        key = "rel_option" if info.status == PUBLISHED else "rel_option_superseded"
        return t(key, lang).format(month=month_label(info.month, lang), revision=info.revision)

    chosen = st.selectbox(t("rel_choose", lang), options, index=0, format_func=label, key="w_rilis")
    release = _release(str(db_path()), chosen.month, chosen.revision, chosen.status, str(chosen.published_at))
    _header(release.info, lang)
    _tables(release.tables, release.info.published_at, lang)
    _archive(archive, lang)
    _open_data(release.info, lang)


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
    st.write(t("pub_intro", lang))


def downloads(frame: pd.DataFrame, name: str, created, lang: str) -> None:
    """CSV and XLSX of a release's table; the same release always gives the same bytes (the workbook is
    dated with the release's publication, not with the moment of the download)."""
    left, right = st.columns(2)
    stem = f"sigap_{name}_{lang}"
    left.download_button(t("download_csv", lang), exports.to_csv_bytes(frame), file_name=stem + ".csv",
                         mime="text/csv", key=f"dl_{name}_csv", icon=":material/download:", on_click="ignore",
                         width="stretch")
    right.download_button(t("download_xlsx", lang), exports.to_xlsx_bytes(frame, name, created=created),
                          file_name=stem + ".xlsx", key=f"dl_{name}_xlsx", icon=":material/table_view:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          on_click="ignore", width="stretch")


def _tables(tables: dict, created, lang: str) -> None:
    st.subheader(t("pub_headline", lang))
    for left, right in zip(HEADLINE_KEYS[::2], HEADLINE_KEYS[1::2]):
        columns = st.columns(2)
        for column, key in zip(columns, (left, right)):
            column.metric(*publish.headline(tables["ringkasan"], key, lang))

    def section(name: str, title_key: str, chart=None, note_key: str | None = None) -> None:
        st.subheader(t(title_key, lang))
        if note_key:
            st.caption(t(note_key, lang))
        if chart is not None:
            st.plotly_chart(chart, key=f"fig_pub_{name}", config={"displaylogo": False, "responsive": True})
        shown = publish.display_frame(tables[name], lang)
        st.dataframe(shown, hide_index=True, width="stretch", height=35 * (len(shown) + 1) + 3)
        downloads(tables[name].frame, f"publik_{name}", created, lang)

    bars = {name: charts.bar_chart(frame, frame.columns[0], frame.columns[1], lang=lang)
            for name, frame in ((n, publish.chart_frame(tables[n], lang)) for n in ("kecamatan", "sektor"))}
    trend = publish.trend_frame(tables["perkembangan"], lang)
    section("kecamatan", "pub_by_kecamatan", bars["kecamatan"])
    section("sektor", "pub_by_sector", bars["sektor"])
    section("jenis_kelamin", "pub_by_sex")
    section("klaim", "pub_claims", note_key="pub_claims_note")
    section("tahap", "pub_phases")
    section("perkembangan", "pub_trend", charts.trajectory_chart(trend, date=trend.columns[0], actual=trend.columns[1],
                                                                  target=trend.columns[2], lang=lang))
    with st.expander(t("pub_definitions", lang)):
        st.dataframe(publish.display_frame(tables["definisi"], lang), hide_index=True, width="stretch")
    st.subheader(t("pub_source_title", lang))
    st.markdown(t("pub_source", lang).format(source=publish.SOURCE[lang]))
    st.markdown(t("rel_privacy", lang))


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


def _archive(archive, lang: str) -> None:
    st.subheader(t("rel_archive", lang))
    st.dataframe(archive_frame(archive, lang), hide_index=True, width="stretch")


def _open_data(info, lang: str) -> None:
    st.subheader(t("pub_open_data", lang))
    st.caption(t("pub_open_data_note", lang))
    files, archive = _files(str(db_path()), info.month, info.revision, info.status, str(info.published_at))
    stem = f"sigap_data_terbuka_{info.month}_r{info.revision}"
    left, right = st.columns(2)
    left.download_button(t("pub_download_zip", lang), archive, file_name=stem + ".zip", mime="application/zip",
                         icon=":material/folder_zip:", on_click="ignore", width="stretch")
    right.download_button(t("pub_download_dictionary", lang), files["datapackage.json"], file_name="datapackage.json",
                          mime="application/json", icon=":material/description:", on_click="ignore", width="stretch")
