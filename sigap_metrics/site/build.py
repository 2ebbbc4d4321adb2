"""From published releases to the files of the static site: a pure function of its inputs (releases, boundary
polygons), so the same releases give the same bytes. No Streamlit, no database access.

Layout (every link relative and naming its file, so the folder works from any static server, object storage,
Streamlit's static serving, which has no directory index, and from disk):

    index.html, en/index.html                 the latest release (Bahasa Indonesia, English)
    arsip/index.html, arsip/YYYY-MM.html      the archive; one page per release (superseded: YYYY-MM-rN.html)
    kalender.html, definisi.html, data/index.html, feed.xml   (and the same under en/)
    data/YYYY-MM-rN/*.csv + datapackage.json  open data of every revision (never changes); data/terbaru/ = latest
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import jinja2

from .. import fmt, publish
from ..i18n import t
from ..releases.model import PUBLISHED, SUPERSEDED, Release, ReleaseInfo
from ..releases.open_data import open_data_files
from . import charts

LANGS = ("id", "en")
LANG_PREFIX = {"id": "", "en": "en/"}
NAV = (("site_nav_latest", "index.html"), ("site_nav_archive", "arsip/index.html"),
       ("site_nav_calendar", "kalender.html"), ("site_nav_definitions", "definisi.html"),
       ("site_nav_data", "data/index.html"))
LATEST_DATA = "data/terbaru/"
FEED_ID = "tag:bekasikota.go.id,2025:sigap/rilis"
CARDS = ("claims_paid", "families_helped", "benefits_paid_rp", "realisation_pct", "ever_enrolled",
         "training_participants")
# The release's tables as page sections: (table, title key, figure, note key).
SECTIONS = (("perkembangan", "pub_trend", "trend", None), ("kecamatan", "pub_by_kecamatan", "map", None),
            ("sektor", "pub_by_sector", "sector", None), ("jenis_kelamin", "pub_by_sex", None, None),
            ("klaim", "pub_claims", None, "pub_claims_note"), ("tahap", "pub_phases", None, None))
NUMERIC_TYPES = ("integer", "number")


class NoPublishedRelease(ValueError):
    """The site shows published releases only; there is none to show."""


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                              autoescape=jinja2.select_autoescape(("html", "xml")), trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


# --- names and paths of releases -----------------------------------------------------------------------

def slug(info: ReleaseInfo) -> str:
    """The current revision of a month is YYYY-MM; a superseded one keeps its revision: YYYY-MM-rN."""
    return info.month if info.status == PUBLISHED else f"{info.month}-r{info.revision}"


def page_path(info: ReleaseInfo) -> str:
    return f"arsip/{slug(info)}.html"


def data_dir(info: ReleaseInfo) -> str:
    """Every revision has its own data folder, which never changes once published (data/terbaru/ does)."""
    return f"data/{info.month}-r{info.revision}/"


def release_name(info: ReleaseInfo, lang: str) -> str:
    first = dt.date.fromisoformat(info.month + "-01")
    name = t("site_release_name", lang).format(month=fmt.date(first, lang, "month"))
    return name if info.status == PUBLISHED and info.revision == 1 else \
        f"{name} ({t('site_col_revision', lang).lower()} {info.revision})"


def _day(value: dt.date | dt.datetime | None, lang: str) -> str:
    return fmt.date(value, lang, "long") if value is not None else "–"


def _timestamp(value: dt.datetime | None, fallback: dt.date) -> str:
    """RFC 3339 for Atom; a naive time is taken as UTC (how the release store records it)."""
    if value is None:
        return dt.datetime.combine(fallback, dt.time()).isoformat() + "Z"
    if value.tzinfo is None:
        return value.replace(microsecond=0).isoformat() + "Z"
    return value.astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


# --- open data -----------------------------------------------------------------------------------------

def open_data(release: Release) -> dict[str, bytes]:
    """The release's tables as CSV and its datapackage.json: the same bytes as `export-open-data` and the
    app's downloads of that release (releases.open_data)."""
    return open_data_files(release)


# --- one release as page content -----------------------------------------------------------------------

@dataclass(frozen=True)
class TableView:
    name: str
    caption: str
    headers: list[dict]
    rows: list[dict]


def table_view(table: publish.PublicTable, lang: str) -> TableView:
    """The table as the page shows it: `publish.display_frame` (marks in place of hidden values, id_ID or
    English formats), numeric columns flagged for right alignment, the total row flagged."""
    shown = publish.display_frame(table, lang)
    by_title = {(f.title.get(lang) or f.title["id"]): f for f in table.fields}
    headers = [{"text": title, "num": by_title[title].type in NUMERIC_TYPES} for title in shown.columns]
    key = "program" if "program" in table.frame.columns else "kode"
    totals = (table.frame[key] == publish.TOTAL_KEY).tolist() if key in table.frame.columns else [False] * len(shown)
    rows = [{"cells": list(cells), "total": total} for cells, total in zip(shown.itertuples(index=False), totals)]
    caption = table.title.get(lang) or table.title["id"]
    return TableView(table.name, caption, headers, rows)


def _headline(release: Release, key: str, lang: str) -> tuple[str, str]:
    return publish.headline(release.tables["ringkasan"], key, lang)


def _phase_name(release: Release) -> str | None:
    phases = release.tables["tahap"].frame
    day = release.info.reference_date
    inside = phases[(phases["tgl_mulai"] <= day) & (phases["tgl_akhir"] >= day)] if len(phases) else phases
    return str(inside["nama"].iloc[0]) if len(inside) else None


def release_view(release: Release, lang: str, boundaries: Sequence[dict], newer: ReleaseInfo | None) -> dict:
    info = release.info
    _, active = _headline(release, "active_workers", lang)
    _, attainment = _headline(release, "attainment_pct", lang)
    _, target = _headline(release, "target", lang)
    phase = _phase_name(release)
    sub = t("site_headline_target", lang).format(attainment=attainment, target=target, phase=phase) if phase else ""
    cards = []
    for key in CARDS:
        label, value = _headline(release, key, lang)
        extra = ""
        if key == "realisation_pct":
            _, premiums = _headline(release, "premiums_rp", lang)
            _, pagu = _headline(release, "pagu_rp", lang)
            extra = t("site_realisation_card", lang).format(value=premiums, pagu=pagu)
        cards.append({"key": key, "label": label, "value": value, "sub": extra})
    notes = []
    if info.note:
        notes.append(t("site_revision", lang).format(revision=info.revision, published=_day(info.published_at, lang),
                                                     note=info.note) if info.revision > 1 else info.note)
    if info.status == SUPERSEDED:
        notes.append(t("site_superseded_reason", lang).format(date=_day(info.superseded_at, lang),
                                                              reason=info.superseded_reason or "–"))
    figures = {
        "trend": lambda: charts.coverage(release.tables["perkembangan"], release.tables["tahap"], lang),
        "map": lambda: charts.kecamatan_map(release.tables["kecamatan"], list(boundaries), lang),
        "sector": lambda: charts.ranked(release.tables["sektor"], lang, "sector", "site_chart_sector_title"),
    }
    sections = [{"name": name, "title": t(title_key, lang), "note": t(note_key, lang) if note_key else "",
                 "figure": figures[figure]() if figure else None, "table": table_view(release.tables[name], lang)}
                for name, title_key, figure, note_key in SECTIONS if name in release.tables]
    meta = t("site_release_meta", lang).format(as_of=_day(info.reference_date, lang),
                                               published=_day(info.published_at, lang),
                                               next=_day(info.next_release_date, lang))
    return {"name": release_name(info, lang), "meta": meta, "notes": notes, "hero": {"value": active, "sub": sub},
            "cards": cards, "sections": sections, "data_path": data_dir(info),
            "source": publish.SOURCE[lang], "superseded_by":
                {"path": page_path(newer), "name": release_name(newer, lang)} if newer else None}


# --- the whole site ------------------------------------------------------------------------------------

def _ordered(releases: Sequence[Release]) -> list[Release]:
    return sorted(releases, key=lambda r: (r.info.month, r.info.revision))


def render_site(releases: Sequence[Release], boundaries: Sequence[dict] = ()) -> dict[str, bytes]:
    """Every file of the site (relative path → bytes) for these releases (published ones and the superseded
    revisions the archive keeps) and the kecamatan boundary features (GeoJSON, property `kode`; none: the
    map draws circles at the centroids)."""
    releases = [r for r in _ordered(releases) if r.info.status in (PUBLISHED, SUPERSEDED)]
    current = [r for r in releases if r.info.status == PUBLISHED]
    if not current:
        raise NoPublishedRelease("no published release: publish one first (python -m sigap_metrics release publish)")
    latest = current[-1]
    newest_of_month = {r.info.month: r.info for r in current}
    files: dict[str, bytes] = {}
    for release in releases:
        for name, content in open_data(release).items():
            files[data_dir(release.info) + name] = content
    for name, content in open_data(latest).items():
        files[LATEST_DATA + name] = content
    env = _environment()
    for lang in LANGS:
        pages = _pages(releases, current, latest, newest_of_month, boundaries, lang)
        for path, template, context in pages:
            files[LANG_PREFIX[lang] + path] = _render(env, template, lang, path, context)
    return dict(sorted(files.items()))


def _pages(releases, current, latest, newest_of_month, boundaries, lang):
    demo = latest.info.demo
    views = {}
    for release in releases:
        newer = None if release.info.status == PUBLISHED else newest_of_month.get(release.info.month)
        views[slug(release.info)] = release_view(release, lang, boundaries, newer)
    latest_view = views[slug(latest.info)]
    yield "index.html", "release.html", {"title": latest_view["name"], "heading": t("site_title", lang),
                                         "release": latest_view, "demo": demo}
    for release in releases:
        view = views[slug(release.info)]
        yield page_path(release.info), "release.html", {"title": view["name"], "heading": view["name"],
                                                        "release": view, "demo": release.info.demo}
    archive_rows = [{"path": page_path(r.info), "name": release_name(r.info, lang),
                     "reference": _day(r.info.reference_date, lang), "published": _day(r.info.published_at, lang),
                     "revision": r.info.revision, "status": t(f"site_status_{r.info.status}", lang),
                     "note": r.info.superseded_reason if r.info.status == SUPERSEDED else (r.info.note or "")}
                    for r in reversed(releases)]
    yield "arsip/index.html", "archive.html", {"title": t("site_nav_archive", lang),
                                               "heading": t("site_nav_archive", lang), "rows": archive_rows,
                                               "demo": demo}
    yield "kalender.html", "calendar.html", _calendar(current, latest, lang)
    definitions = latest.tables["definisi"].frame
    english = lang == "en"
    yield "definisi.html", "definitions.html", {
        "title": t("site_nav_definitions", lang), "heading": t("site_nav_definitions", lang), "demo": demo,
        "intro": t("site_definitions_intro", lang).format(release=release_name(latest.info, lang)),
        "definitions": [{"key": row["kode"], "name": row["name_en" if english else "nama"],
                         "description": row["description_en" if english else "deskripsi"],
                         "formula": row["formula_en" if english else "rumus"]}
                        for _, row in definitions.iterrows()]}
    groups = [{"slug": "terbaru", "dir": LATEST_DATA,
               "name": t("site_data_latest", lang).format(release=release_name(latest.info, lang)),
               "files": _file_list(latest, lang)}]
    groups += [{"slug": slug(r.info), "dir": data_dir(r.info), "name": release_name(r.info, lang),
                "files": _file_list(r, lang)} for r in reversed(releases)]
    yield "data/index.html", "data.html", {"title": t("site_nav_data", lang), "heading": t("site_nav_data", lang),
                                           "groups": groups, "demo": demo}
    by_time = sorted(releases, key=lambda r: (_timestamp(r.info.published_at, r.info.reference_date),
                                              r.info.month, r.info.revision), reverse=True)
    entries = []
    for release in by_time:
        _, active = _headline(release, "active_workers", lang)
        view = views[slug(release.info)]
        summary = " ".join([view["meta"] + ".", *view["notes"], view["hero"]["sub"]]).strip()
        entries.append({"id": f"{FEED_ID}/{release.info.month}/{release.info.revision}",
                        "title": t("site_feed_entry", lang).format(release=release_name(release.info, lang),
                                                                   value=active),
                        "updated": _timestamp(release.info.published_at, release.info.reference_date),
                        "path": page_path(release.info), "summary": summary})
    yield "feed.xml", "feed.xml", {"feed_id": f"{FEED_ID}/{lang}", "entries": entries,
                                   "updated": entries[0]["updated"]}


def _file_list(release: Release, lang: str) -> list[dict]:
    return [{"file": name + ".csv", "title": table.title.get(lang) or table.title["id"]}
            for name, table in release.tables.items()]


def _calendar(current: list[Release], latest: Release, lang: str) -> dict:
    rows = [{"path": page_path(r.info), "name": release_name(r.info, lang),
             "reference": _day(r.info.reference_date, lang), "published": _day(r.info.published_at, lang),
             "status": t("site_status_published", lang)} for r in reversed(current)]
    following = None
    if latest.info.next_release_date:
        year, month = map(int, latest.info.month.split("-"))
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        end = (dt.date(nxt.year + nxt.month // 12, nxt.month % 12 + 1, 1) - dt.timedelta(days=1))
        following = {"path": None, "name": t("site_release_name", lang).format(month=fmt.date(nxt, lang, "month")),
                     "reference": _day(end, lang), "published": _day(latest.info.next_release_date, lang),
                     "status": t("site_status_scheduled", lang)}
        rows.insert(0, following)
    next_text = (t("site_calendar_next", lang).format(date=_day(latest.info.next_release_date, lang))
                 if following else t("site_calendar_none", lang))
    return {"title": t("site_nav_calendar", lang), "heading": t("site_nav_calendar", lang), "rows": rows,
            "next_text": next_text, "demo": latest.info.demo}


def _render(env: jinja2.Environment, template: str, lang: str, path: str, context: dict) -> bytes:
    """One page, with the helpers every template uses: `t` in the page's language, `url` to a page of the same
    language, `file_url` to a language-neutral file (data/), and the page's twin in the other language."""
    up = "../" * (LANG_PREFIX[lang] + path).count("/")
    other = "en" if lang == "id" else "id"

    def url(target: str) -> str:
        return up + LANG_PREFIX[lang] + target

    def file_url(target: str) -> str:
        return up + target

    text = env.get_template(template).render(
        lang=lang, other_lang=other, t=lambda key: t(key, lang), url=url, file_url=file_url,
        twin=up + LANG_PREFIX[other] + path, nav=NAV, current=path, **context)
    return text.encode("utf-8")


def app_fragment(release: Release, boundaries: Sequence[dict], lang: str, base: str) -> str:
    """The release's figures and tables as one HTML fragment for the app's visitor page: the same sections as
    the static site's page (same templates, same SVG), its links pointing into the static site at `base`."""
    def url(target: str) -> str:
        return base + LANG_PREFIX[lang] + target

    def file_url(target: str) -> str:
        return base + target

    view = release_view(release, lang, boundaries, None)
    return _environment().get_template("fragment.html").render(lang=lang, t=lambda key: t(key, lang), url=url,
                                                               file_url=file_url, release=view)
