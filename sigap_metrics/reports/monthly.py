"""The mayor's monthly brief: a 2–4 page A4 PDF in Bahasa Indonesia (or English).

`gather` asks the metric functions for every number of the month; `render` lays them out with
reportlab and matplotlib charts. No SQL here and no Streamlit: the same bytes come from the CLI and from
the dashboard's download button.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import duckdb
import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from .. import catalogue, columns, fmt
from ..metrics import breakdown, brief, budget, claims, coverage, forecast, summary
from ..metrics.filters import month_end
from ..store import is_demo
from . import charts_static, context, pdf
from ..i18n import t


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


@dataclass
class Brief:
    """Everything the brief shows, already computed (by `gather`)."""
    month: dt.date                      # first day of the reporting month
    as_of: dt.date                      # the date the month's figures are taken at (month end or data date)
    data_date: dt.date | None           # the date the store's data describe (footer)
    demo: bool
    now: dict                           # metrics.summary at as_of
    prev: dict | None = None            # metrics.summary at the end of the previous month
    trajectory: pd.DataFrame = field(default_factory=_empty)   # tanggal, aktif
    targets: pd.DataFrame = field(default_factory=_empty)      # tgl_mulai, tgl_akhir, target_peserta
    forecast: pd.DataFrame | None = None                       # tanggal, perkiraan, bawah, atas
    target_date: dt.date | None = None
    forecast_lines: list[str] = field(default_factory=list)
    kecamatan: pd.DataFrame = field(default_factory=_empty)    # nama, aktif, alokasi_target, capaian_alokasi_pct
    sectors: pd.DataFrame = field(default_factory=_empty)      # nama, aktif, baru
    claims: pd.DataFrame = field(default_factory=_empty)       # program, status, klaim, nominal_rp, klaim_bulan
    claims_lines: list[str] = field(default_factory=list)
    budget_months: pd.DataFrame = field(default_factory=_empty)  # bulan, iuran_rp (phase months to month end)
    projection: pd.DataFrame | None = None                     # bulan, kumulatif_rp
    budget_lines: list[str] = field(default_factory=list)
    narrative: list[str] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)
    has_data: bool = True
    span: tuple[dt.date, dt.date] | None = None


def parse_month(text: str) -> dt.date:
    """'2026-10' → 1 Oct 2026; ValueError with a readable message otherwise."""
    try:
        year, month = text.split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise ValueError(f"not a month (YYYY-MM): {text!r}") from None


# ---------------------------------------------------------------------------------------------- gather

def gather(con: duckdb.DuckDBPyConnection, month: dt.date, lang: str = "id",
           data_date: dt.date | None = None) -> Brief:
    """Every number of the brief for `month` (its first day), from the metric functions. Figures are taken
    at the month's last day, or at the data date (default: `context.data_date`) when that comes first."""
    data_date = data_date or context.data_date(con)
    first, last = month, month_end(month)
    as_of = min(last, data_date)
    demo = is_demo(con)
    span = context.data_span(con, data_date)
    if as_of < first or not _month_has_data(con, first, as_of):
        return Brief(month=month, as_of=as_of, data_date=data_date, demo=demo, now={}, prev=None, has_data=False,
                     span=span)
    now = summary(con, as_of)
    prev_end = first - dt.timedelta(days=1)
    prev = summary(con, prev_end)
    phase = coverage.phase_at(con, as_of)
    series_start = span[0] if span else first
    trajectory = coverage.active_series(con, series_start, as_of, "week")
    phases = coverage.phases(con)
    horizon = max(phase["tgl_akhir"], as_of) if phase else as_of
    targets = phases[(phases["tgl_akhir"] >= series_start) & (phases["tgl_mulai"] <= horizon)]

    outlook = forecast.forecast(con, as_of)
    areas = coverage.area_coverage(con, as_of, "kecamatan").sort_values("capaian_alokasi_pct", ascending=False)
    sectors = breakdown.breakdown(con, as_of, "sektor")
    sectors = sectors[(sectors[["aktif", "baru_bulan_ini", "berhenti_bulan_ini"]] > 0).any(axis=1)].copy()
    sectors["nama"] = sectors["sektor"].map(breakdown.labels(con, "sektor", lang)).fillna(sectors["sektor"])
    sectors = sectors.sort_values("aktif", ascending=False)

    claims_total = claims.claims_by_status(con, dt.date.min, as_of)
    claims_month = claims.claims_by_status(con, first, as_of)
    claims_table = claims_total.merge(claims_month, on=["program", "status"], how="left", suffixes=("", "_bulan"))
    claims_table["klaim_bulan"] = claims_table["klaim_bulan"].fillna(0).astype("int64")

    budget_months = (budget.premiums_by_month(con, phase["tgl_mulai"], last) if phase
                     else pd.DataFrame({"bulan": [], "iuran_rp": []}))
    budget_lines, projection = _budget_lines(con, as_of, phase, lang)
    return Brief(month=month, as_of=as_of, data_date=data_date, demo=demo, now=now, prev=prev,
                 trajectory=trajectory, targets=targets, forecast=outlook.band if len(outlook.band) else None,
                 target_date=outlook.reach_date, forecast_lines=_forecast_lines(outlook, lang), kecamatan=areas,
                 sectors=sectors, claims=claims_table,
                 claims_lines=_claims_lines(con, first, as_of, phase, lang), budget_months=budget_months,
                 projection=_projection_line(projection, budget_months, phase, as_of), budget_lines=budget_lines,
                 narrative=[brief.brief(con, as_of, lang)], definitions=definitions(BRIEF_TERMS, lang), span=span)


# Catalogue entries defined on the brief's last page, in the order the brief uses them.
BRIEF_TERMS = ("active_workers", "target", "attainment_pct", "new_workers", "lapsed_workers",
               "allocation_attainment_pct", "pace_per_week", "reach_date", "pace_needed_per_week", "claims_by_status",
               "claims_paid", "benefits_paid_rp", "payment_days_median", "rejection_pct", "claims_outside_coverage",
               "benefit_premium_ratio", "worker_months", "premiums_rp", "realisation_pct", "year_end_projection_rp")


def definitions(keys: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """(name, formula in words) of catalogue entries, in the catalogue's own words."""
    out = []
    for key in keys:
        indicator = catalogue.get(key)
        out.append((indicator.label(lang), indicator.formula.get(lang) or indicator.formula["id"]))
    return out


def _month_has_data(con: duckdb.DuckDBPyConnection, first: dt.date, as_of: dt.date) -> bool:
    """Any worker covered in the month so far, or any claim filed in it."""
    covered = int(budget.worker_months(con, first, as_of)["pekerja_bulan"].sum())
    return covered > 0 or len(claims.claims_by_status(con, first, as_of)) > 0


def _forecast_lines(f: forecast.Forecast, lang: str) -> list[str]:
    """The forecast in words: the recent pace, when the target is reached, and the pace needed."""
    n = lambda value: fmt.number(value, lang)  # noqa: E731
    d = lambda value: fmt.date(value, lang) if value else t("open_end", lang)  # noqa: E731
    if f.status == "no_target":
        return [t("fc_no_target", lang)]
    if f.status == "reached":
        return [t("fc_reached", lang).format(target=n(f.target), active=n(f.active))]
    if f.status == "insufficient_data":
        return [t("fc_insufficient", lang)]
    lines = [t("fc_pace", lang).format(weeks=forecast.DEFAULT_WEEKS, pace=fmt.number(f.pace_per_week, lang, 1))]
    if f.status in ("on_track", "late"):
        lines.append(t("fc_" + f.status, lang).format(target=n(f.target), date=d(f.reach_date),
                                                      earliest=d(f.reach_earliest), latest=d(f.reach_latest),
                                                      phase_end=d(f.phase_end)))
    else:
        lines.append(t("fc_not_reached", lang).format(target=n(f.target)))
    if f.needed_per_week is None:
        lines.append(t("fc_no_time", lang))
    elif f.status != "on_track":
        lines.append(t("fc_needed", lang).format(phase_end=d(f.phase_end),
                                                 needed=fmt.number(f.needed_per_week, lang, 1)))
    return lines


def _claims_lines(con: duckdb.DuckDBPyConnection, first: dt.date, as_of: dt.date, phase: dict | None,
                  lang: str) -> list[str]:
    filed = claims.claims_by_status(con, first, as_of)
    paid = claims.benefits_paid(con, first, as_of).iloc[0]
    lines = [t("claims_month", lang).format(filed=fmt.number(int(filed["klaim"].sum()), lang),
                                            paid=fmt.number(int(paid["klaim_dibayar"]), lang),
                                            amount=fmt.rupiah(int(paid["manfaat_rp"]), lang))]
    days = claims.payment_days(con, dt.date.min, as_of).iloc[0]
    if days["klaim_dibayar"]:
        lines.append(t("payment_days", lang).format(days=fmt.number(days["median_hari"], lang),
                                                    n=fmt.number(int(days["klaim_dibayar"]), lang)))
    rejected = claims.rejection_rate(con, dt.date.min, as_of).iloc[0]
    if rejected["diputus"]:
        lines.append(t("rejection", lang).format(pct=fmt.percent(rejected["penolakan_pct"], lang),
                                                 decided=fmt.number(int(rejected["diputus"]), lang)))
    if phase:
        ratio = budget.benefit_premium_ratio(con, phase["tgl_mulai"], as_of).iloc[0]
        if ratio["iuran_rp"]:
            lines.append(t("ratio", lang).format(phase=phase["nama"], ratio=fmt.number(ratio["rasio"], lang, 2),
                                                 benefits=fmt.rupiah(int(ratio["manfaat_rp"]), lang),
                                                 premiums=fmt.rupiah(int(ratio["iuran_rp"]), lang)))
    outside = int(claims.claims_outside_coverage_count(con, as_of)["klaim_di_luar_cakupan"].iloc[0])
    if outside:
        lines.append(t("outside", lang).format(n=fmt.number(outside, lang)))
    return lines


def _budget_lines(con: duckdb.DuckDBPyConnection, as_of: dt.date, phase: dict | None, lang: str
                  ) -> tuple[list[str], dict | None]:
    """The budget paragraph, and the year-end projection row (None when there is nothing to project)."""
    lines = []
    if phase:
        row = budget.realisation(con, as_of)
        row = row[row["kode"] == phase["kode"]].iloc[0]
        lines.append(t("realisation_line", lang).format(
            phase=phase["nama"], month=fmt.date(as_of, lang, "month"), premiums=fmt.rupiah(int(row["iuran_rp"]), lang),
            pagu=fmt.rupiah(int(row["pagu_rp"]), lang), pct=fmt.percent(row["realisasi_pct"], lang)))
        if not pd.isna(row["dibayar_rp"]):
            lines.append(t("paid_line", lang).format(paid=fmt.rupiah(int(row["dibayar_rp"]), lang)))
    rate = budget.rate_on(budget.rates(con), as_of.replace(day=1))
    lines.append(t("cost_line", lang).format(rate=fmt.rupiah(rate, lang)))
    projection = budget.year_end_projection(con, as_of).iloc[0].to_dict()
    if pd.isna(projection["pagu_tahun_rp"]):
        return lines, None
    lines.append(t("projection_line", lang).format(
        year=int(projection["tahun"]), workers=fmt.number(projection["pekerja_bulan_ini"], lang),
        total=fmt.rupiah(projection["proyeksi_total_rp"], lang), pct=fmt.percent(projection["proyeksi_pct"], lang),
        pagu=fmt.rupiah(projection["pagu_tahun_rp"], lang)))
    return lines, projection


def _projection_line(projection: dict | None, budget_months: pd.DataFrame, phase: dict | None,
                     as_of: dt.date) -> pd.DataFrame | None:
    """The chart's dashed line from this month's running total to the projected year-end total, drawn only
    when the phase ends on 31 December of the same year (so the phase's running total is the year's)."""
    if projection is None or phase is None or not len(budget_months):
        return None
    year_end = dt.date(as_of.year, 12, 31)
    if phase["tgl_akhir"] != year_end or phase["tgl_mulai"].year != as_of.year or as_of.month == 12:
        return None
    return pd.DataFrame({"bulan": [as_of.replace(day=1), dt.date(as_of.year, 12, 1)],
                         "kumulatif_rp": [int(budget_months["iuran_rp"].sum()), projection["proyeksi_total_rp"]]})


# ---------------------------------------------------------------------------------------------- render

def _delta(now, prev, column: str, lang: str) -> str:
    """The change between two values of an output column: percent points, short rupiah, or the column's format."""
    if now is None or prev is None:
        return "–"
    diff = now - prev
    declared = columns.column(column)
    if declared.unit == "percent":
        text = fmt.number(abs(diff), lang, declared.decimals) + (" poin" if lang == "id" else " pts")
    elif declared.unit == "rupiah":
        text = fmt.rupiah_short(abs(diff), lang)
    else:
        text = declared.show(abs(diff), lang)
    return ("+" if diff > 0 else "−" if diff < 0 else "±") + text


# The headline table: (summary key, the output column its value is, reference key shown in the last column).
# The summary keys name the rows (report texts); the columns give the number formats.
COLUMN_OF = {"active_workers": "aktif", "target": "target", "attainment_pct": "capaian_pct",
             "new_this_month": "baru_bulan_ini", "lapsed_this_month": "berhenti_bulan_ini",
             "claims_paid": "klaim_dibayar", "benefits_paid_rp": "manfaat_rp", "premiums_rp": "iuran_rp",
             "pagu_rp": "pagu_rp", "realisation_pct": "realisasi_pct"}
HEADLINE_ROWS = (("active_workers", "target"), ("attainment_pct", None), ("new_this_month", None),
                 ("lapsed_this_month", None), ("claims_paid", None), ("benefits_paid_rp", None),
                 ("premiums_rp", "pagu_rp"), ("realisation_pct", None))


def _value(value, key: str, lang: str) -> str:
    return columns.formatter(COLUMN_OF[key], lang)(value)


def _headline_table(b: Brief, lang: str) -> Table:
    prev_month = (b.month - dt.timedelta(days=1)).replace(day=1)
    header = [t("indicator", lang), fmt.date(b.month, lang, "short_month"), fmt.date(prev_month, lang, "short_month"),
              t("change", lang), t("target_or_pagu", lang)]
    rows = [header]
    for key, ref in HEADLINE_ROWS:
        now = b.now.get(key)
        prev = b.prev.get(key) if b.prev else None
        reference = _value(b.now.get(ref), ref, lang) if ref else ""
        rows.append([t(key, lang), _value(now, key, lang), _value(prev, key, lang),
                     _delta(now, prev, COLUMN_OF[key], lang), reference])
    w = pdf.CONTENT_W
    return pdf.table(rows, [w * 0.34, w * 0.17, w * 0.17, w * 0.15, w * 0.17])


def _cards(b: Brief, lang: str) -> Table:
    """Four headline boxes across the page."""
    s = b.now
    cards = [
        (fmt.number(s["active_workers"], lang), t("active_workers", lang),
         f"{fmt.percent(s['attainment_pct'], lang)} {t('of_target', lang)} {fmt.number(s['target'], lang)}"),
        (fmt.number(s["new_this_month"], lang), t("new_this_month", lang),
         f"{t('lapsed_this_month', lang)}: {fmt.number(s['lapsed_this_month'], lang)}"),
        (fmt.number(s["claims_paid"], lang), t("claims_paid", lang),
         f"{fmt.rupiah_short(s['benefits_paid_rp'], lang)} {t('benefits_paid_rp', lang).lower()}"),
        (fmt.percent(s["realisation_pct"], lang), t("realisation_pct", lang),
         f"{fmt.rupiah_short(s['premiums_rp'], lang)} {t('of_pagu', lang)} {fmt.rupiah_short(s['pagu_rp'], lang)}"),
    ]
    big = pdf.ParagraphStyle("big", fontName=pdf.BOLD, fontSize=17, leading=20, textColor=pdf.ACCENT)
    label = pdf.ParagraphStyle("label", fontName=pdf.BOLD, fontSize=7.6, leading=9.5, textColor=pdf.INK)
    sub = pdf.ParagraphStyle("sub", fontName=pdf.REGULAR, fontSize=7, leading=9, textColor=pdf.MUTED)
    cells = [[[pdf.paragraph(escape(v), big), pdf.paragraph(escape(l), label), pdf.paragraph(escape(x), sub)]
              for v, l, x in cards]]
    w = pdf.CONTENT_W / 4
    tbl = Table(cells, colWidths=[w] * 4)
    tbl.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), pdf.colors.HexColor("#eef3f8")),
        ("LINEBEFORE", (1, 0), (-1, -1), 3, pdf.colors.white), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 5)]))
    return tbl


def _bullets(lines: list[str], style) -> list:
    return [pdf.paragraph("• " + escape(line), style) for line in lines]


def _side_by_side(left, right) -> Table:
    tbl = Table([[left, right]], colWidths=[pdf.CONTENT_W / 2] * 2)
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
    return tbl


def _title_block(b: Brief, lang: str, st: dict) -> list:
    month_name = fmt.date(b.month, lang, "month")
    phase = f"{t('phase', lang)}: {b.now['phase']}" if b.now.get("phase") else t("no_phase", lang)
    story = [pdf.paragraph(escape(t("report_title", lang)) + " · " + escape(month_name.capitalize()), st["title"]),
             pdf.paragraph(escape(t("brief_subtitle", lang)), st["subtitle"]), Spacer(1, 2 * mm),
             pdf.paragraph(escape(t("period_line", lang).format(month=month_name, as_of=fmt.date(b.as_of, lang, "long"),
                                                                phase=phase)), st["small"])]
    if b.demo:
        story.append(pdf.paragraph("<b>" + escape(t("demo_note", lang)) + "</b>", st["small"]))
    return story + [Spacer(1, 3 * mm)]


def _story(b: Brief, lang: str) -> list:
    st = pdf.styles()
    w = pdf.CONTENT_W
    story = _title_block(b, lang, st)
    story += [_cards(b, lang), Spacer(1, 3 * mm)]
    if b.narrative:
        story.append(pdf.paragraph(escape(t("what_changed", lang)), st["h2"]))
        story += [pdf.paragraph(escape(text), st["callout"]) for text in b.narrative]
    story += [pdf.paragraph(escape(t("headline", lang)), st["h2"]), _headline_table(b, lang),
              pdf.paragraph(escape(t("cumulative_note", lang)), st["note"])]

    coverage_png = charts_static.coverage_chart(
        b.trajectory, {"title": t("chart_coverage", lang), "y": t("chart_workers", lang), "actual": t("actual", lang),
                       "target": t("target_line", lang), "forecast": t("forecast", lang), "band": t("band", lang),
                       "reached": t("reached", lang)},
        targets=b.targets, forecast=b.forecast, target_date=b.target_date, lang=lang)
    story.append(KeepTogether([pdf.paragraph(escape(t("coverage", lang)), st["h2"]), pdf.image(coverage_png, w),
                               *_bullets(b.forecast_lines, st["body"])]))

    story.append(PageBreak())
    story.append(pdf.paragraph(escape(t("area_sector", lang)), st["h2"]))
    kec = b.kecamatan
    city = b.now.get("attainment_pct")
    lagging = [bool(city is not None and v < city) for v in kec["capaian_alokasi_pct"].fillna(0)]
    kec_png = charts_static.ranked_bars(
        list(kec["nama"]), list(kec["capaian_alokasi_pct"].fillna(0)), title=t("chart_kecamatan", lang),
        value_label=t("pct_of_allocation", lang), highlight=lagging, reference=city,
        value_text=[f"{fmt.percent(p, lang, 0)} ({fmt.number(a, lang)})"
                    for p, a in zip(kec["capaian_alokasi_pct"], kec["aktif"])])
    kec_rows = [[t("kecamatan", lang), t("active", lang), t("allocation", lang), t("attainment_short", lang),
                 t("per_1000_short", lang)]]
    shows = {name: columns.formatter(name, lang) for name in ("aktif", "capaian_alokasi_pct", "per_1000", "persen",
                                                               "baru_bulan_ini", "berhenti_bulan_ini", "klaim",
                                                               "nominal_rp")}
    for row in kec.itertuples():
        kec_rows.append([row.nama, shows["aktif"](row.aktif),
                         fmt.number(row.alokasi_target, lang, 1 if row.alokasi_target < 100 else 0),
                         shows["capaian_alokasi_pct"](row.capaian_alokasi_pct), shows["per_1000"](row.per_1000)])
    half = w / 2 - 4
    kec_table = pdf.table(kec_rows, [half * 0.31, half * 0.14, half * 0.17, half * 0.19, half * 0.19], font_size=7.2,
                          padding=1.5)
    story.append(_side_by_side(pdf.image(kec_png, half), kec_table))
    story.append(pdf.paragraph(escape(t("kecamatan_note", lang).format(city=fmt.percent(city, lang))), st["note"]))

    sec = b.sectors.sort_values("aktif", ascending=False)
    sec_png = charts_static.ranked_bars(
        list(sec["nama"]), list(sec["aktif"]), title=t("chart_sector", lang), value_label=t("chart_workers", lang),
        value_text=[fmt.number(a, lang) for a in sec["aktif"]])
    sec_rows = [[t("sector", lang), t("active", lang), t("share", lang), t("new", lang), t("lapsed", lang)]]
    for row in sec.itertuples():
        sec_rows.append([row.nama, shows["aktif"](row.aktif), shows["persen"](row.persen),
                         shows["baru_bulan_ini"](row.baru_bulan_ini), shows["berhenti_bulan_ini"](row.berhenti_bulan_ini)])
    sec_table = pdf.table(sec_rows, [half * 0.37, half * 0.14, half * 0.14, half * 0.14, half * 0.21], font_size=7.2,
                          padding=1.5)
    story.append(Spacer(1, 3 * mm))
    story.append(_side_by_side(pdf.image(sec_png, half), sec_table))
    story.append(pdf.paragraph(escape(t("sector_note", lang)), st["note"]))

    claims_rows = [[t("programme", lang), t("status", lang), f"{t('count', lang)}: {t('this_month', lang)}",
                    f"{t('count', lang)}: {t('since_start', lang)}", f"{t('amount', lang)}: {t('since_start', lang)}"]]
    for row in b.claims.itertuples():
        claims_rows.append([row.program, t("status_" + row.status, lang), shows["klaim"](row.klaim_bulan),
                            shows["klaim"](row.klaim), shows["nominal_rp"](row.nominal_rp)])
    story.append(KeepTogether([pdf.paragraph(escape(t("claims", lang)), st["h2"]),
                               pdf.table(claims_rows, [w * 0.12, w * 0.2, w * 0.19, w * 0.19, w * 0.3],
                                         align_right_from=2),
                               pdf.paragraph(escape(t("claims_table_note", lang)), st["note"]),
                               Spacer(1, 2 * mm), *_bullets(b.claims_lines, st["body"])]))

    budget_png = charts_static.budget_chart(
        b.budget_months, {"title": t("chart_budget", lang), "monthly": t("monthly", lang),
                          "cumulative": t("cumulative", lang), "pagu": t("pagu_rp", lang),
                          "projection": t("projection", lang), "y": t("rupiah", lang)},
        pagu=b.now.get("pagu_rp"), projection=b.projection, lang=lang)
    story.append(KeepTogether([pdf.paragraph(escape(t("budget", lang)), st["h2"]), pdf.image(budget_png, w),
                               *_bullets(b.budget_lines, st["body"])]))

    story.append(pdf.paragraph(escape(t("definitions", lang)), st["h2"]))
    story += [pdf.paragraph(f"<b>{escape(name)}</b>: {escape(text)}", st["small"]) for name, text in b.definitions]
    story.append(Spacer(1, 2 * mm))
    story.append(pdf.paragraph(escape(t("sources", lang).format(
        date=fmt.date(b.data_date, lang, "long") if b.data_date else "–")), st["small"]))
    return story


def _no_data_story(b: Brief, lang: str) -> list:
    st = pdf.styles()
    month_name = fmt.date(b.month, lang, "month")
    span = (t("data_span", lang).format(first=fmt.date(b.span[0], lang, "long"), last=fmt.date(b.span[1], lang, "long"))
            if b.span else t("data_span_none", lang))
    return [pdf.paragraph(escape(t("report_title", lang)) + " · " + escape(month_name.capitalize()), st["title"]),
            pdf.paragraph(escape(t("brief_subtitle", lang)), st["subtitle"]), Spacer(1, 8 * mm),
            pdf.paragraph(escape(t("no_data_title", lang).format(month=month_name)), st["h2"]),
            pdf.paragraph(escape(t("no_data_body", lang).format(month=month_name, span=span)), st["body"])]


def render(b: Brief, lang: str = "id") -> bytes:
    month_name = fmt.date(b.month, lang, "month")
    data_date = fmt.date(b.data_date, lang, "long") if b.data_date else "–"
    words = t("page_words", lang).split("|")
    decor = pdf.PageDecor(header=t("header", lang).format(month=month_name),
                          footer=t("footer" if b.has_data else "footer_no_data", lang).format(date=data_date),
                          page_words=(words[0], words[1]),
                          watermark=t("watermark", lang) if b.demo else None,
                          title=f"{t('brief_title', lang)} {month_name}", author=t("author", lang))
    story = _story(b, lang) if b.has_data else _no_data_story(b, lang)
    return pdf.render(story, decor)


def build_monthly_brief(con: duckdb.DuckDBPyConnection, month: str, lang: str = "id",
                        data_date: dt.date | None = None) -> bytes:
    """The monthly brief for `month` ('YYYY-MM') as PDF bytes; a month without data gives a one-page
    notice saying so."""
    return render(gather(con, parse_month(month), lang, data_date), lang)
