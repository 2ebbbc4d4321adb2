"""Static charts for printed reports and the public static site: matplotlib (Agg) figures, DejaVu Sans text,
rendered to PNG bytes for the PDF brief (`output="png"`, the default) or to an inline SVG element for the
site (`output="svg"`, DESIGN §6.2): the same builder draws both.

Builders take plain data (DataFrames, numbers, labels already in the report's language) and know nothing
about the store, so they can be tested and reused without a connection.
"""
from __future__ import annotations

import datetime as dt
import io
import re

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import fmt
from .fonts import matplotlib_rc

# The dashboard's roles (sigap_metrics.charts, not imported here to keep plotly out of report runs):
# Kota Bekasi blue for actuals, vermillion for targets and ceilings, sky blue for projections; Okabe–Ito.
BLUE, TARGET, FORECAST, GREEN, GREY = "#0B5CAD", "#D55E00", "#56B4E9", "#009E73", "#8A97A6"
DPI = 200


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.04)
    plt.close(fig)
    return buffer.getvalue()


_SVG_PREAMBLE = re.compile(r"\A.*?(?=<svg)", re.S)
_SVG_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_SVG_SIZE = re.compile(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"')


def _svg(fig, chart_id: str) -> str:
    """The figure as an `<svg>` element to inline in HTML: text kept as text (svg.fonttype none), no XML
    preamble, no metadata or creation date, ids salted with `chart_id` so several charts share a page
    without clashing, and the same bytes for the same figure (the site is byte-identical when rebuilt)."""
    buffer = io.StringIO()
    with plt.rc_context({"svg.hashsalt": chart_id, "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.04, metadata={"Date": None})
    plt.close(fig)
    text = _SVG_PREAMBLE.sub("", buffer.getvalue(), count=1)
    text = _SVG_METADATA.sub("", text, count=1)
    return _SVG_SIZE.sub(r"\1", text, count=1).strip()


def _render(fig, output: str, chart_id: str):
    if output == "svg":
        return _svg(fig, chart_id)
    if output != "png":
        raise ValueError(f"unknown chart output {output!r}: png or svg")
    return _png(fig)


def _thousands(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: fmt.number(value, lang))


def _rupiah_axis(lang: str) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: fmt.rupiah_short(value, lang) if value else "0")


def _month_axis(ax, lang: str, first: pd.Timestamp, last: pd.Timestamp) -> None:
    """Month ticks, at most about eight of them, labelled 'Jan 2026' in the report's language."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next(s for s in (1, 2, 3, 4, 6, 12, 24) if months / s <= 8)
    ax.set_xlim(first, last)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, min(step, 12)) if step <= 12 else [1],
                                                   interval=max(1, step // 12)))
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda value, _pos: fmt.date(mdates.num2date(value).date(), lang, "short_month")))


def coverage_chart(series: pd.DataFrame, labels: dict, *, targets: pd.DataFrame | None = None,
                   forecast: pd.DataFrame | None = None, target_date: dt.date | None = None,
                   lang: str = "id", size: tuple[float, float] = (7.0, 2.9), output: str = "png",
                   chart_id: str = "coverage") -> bytes | str:
    """Active workers over time (`series`: tanggal, aktif), each phase's target over its period (`targets`:
    tgl_mulai, tgl_akhir, target_peserta), and an optional forecast (`forecast`: tanggal, perkiraan, bawah,
    atas) with its band. `labels`: title, y, actual, target, forecast, band, reached (in the report's language)."""
    with plt.rc_context(matplotlib_rc()):
        fig, ax = plt.subplots(figsize=size)
        days = pd.to_datetime(series["tanggal"])
        ax.plot(days, series["aktif"], color=BLUE, linewidth=1.8, label=labels["actual"])
        if forecast is not None and len(forecast):
            fdays = pd.to_datetime(forecast["tanggal"])
            ax.fill_between(fdays, forecast["bawah"], forecast["atas"], color=FORECAST, alpha=0.25, linewidth=0,
                            label=labels["band"])
            ax.plot(fdays, forecast["perkiraan"], color=FORECAST, linewidth=1.4, linestyle="--",
                    label=labels["forecast"])
        if targets is not None:
            for i, phase in enumerate(targets.itertuples()):
                ax.hlines(phase.target_peserta, pd.Timestamp(phase.tgl_mulai), pd.Timestamp(phase.tgl_akhir),
                          color=TARGET, linewidth=1.3, label=labels["target"] if i == 0 else None)
        ends = [days.max()]
        if forecast is not None and len(forecast):
            ends.append(pd.to_datetime(forecast["tanggal"]).max())
        if targets is not None and len(targets):
            ends.append(pd.Timestamp(targets["tgl_akhir"].max()))
        last = max(ends)
        last = last + pd.Timedelta(days=10)
        if target_date is not None and pd.Timestamp(target_date) <= last:
            ax.axvline(pd.Timestamp(target_date), color=GREY, linewidth=0.8, linestyle=":")
            ax.annotate(labels["reached"], (pd.Timestamp(target_date), 1), xycoords=("data", "axes fraction"),
                        textcoords="offset points", xytext=(-3, -3), ha="right", va="top", fontsize=6.5,
                        color="#333333")
        ax.set_title(labels["title"], loc="left")
        ax.set_ylabel(labels["y"])
        ax.yaxis.set_major_formatter(_thousands(lang))
        # An early, steep pace can extrapolate far beyond anything recorded: keep the recorded series and the
        # targets readable and let the forecast band run off the top.
        known = max([float(series["aktif"].max())]
                    + ([float(targets["target_peserta"].max())] if targets is not None and len(targets) else []))
        ax.set_ylim(0, known * 1.35 if known else 1)
        _month_axis(ax, lang, days.min() - pd.Timedelta(days=10), last)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), frameon=False, ncols=4)
        return _render(fig, output, chart_id)


def ranked_bars(names: list[str], values: list[float], *, title: str, value_label: str,
                value_text: list[str], highlight: list[bool] | None = None, reference: float | None = None,
                size: tuple[float, float] = (3.4, 2.7), output: str = "png",
                chart_id: str = "bars") -> bytes | str:
    """Horizontal bars, largest on top, each labelled with its formatted value (`value_text`); bars flagged
    in `highlight` in the target colour; an optional dashed reference line at `reference`."""
    with plt.rc_context(matplotlib_rc()):
        fig, ax = plt.subplots(figsize=size)
        order = sorted(range(len(values)), key=lambda i: values[i])
        colours = [(TARGET if highlight and highlight[i] else BLUE) for i in order]
        ax.barh([names[i] for i in order], [values[i] for i in order], color=colours, height=0.7)
        top = max(values) if values else 1
        for y, i in enumerate(order):
            ax.text(values[i] + top * 0.01, y, value_text[i], va="center", fontsize=6.5, zorder=4,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.4, "alpha": 0.8})
        ax.set_xlim(0, top * 1.35 if top else 1)
        if reference is not None:
            ax.axvline(reference, color=GREY, linestyle="--", linewidth=0.9, zorder=1)
        ax.set_title(title, loc="left")
        ax.set_xlabel(value_label)
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 5, 10]))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.0f}".replace(",", ".")))
        return _render(fig, output, chart_id)


def budget_chart(months: pd.DataFrame, labels: dict, *, pagu: int | None = None,
                 projection: pd.DataFrame | None = None, lang: str = "id",
                 size: tuple[float, float] = (7.0, 2.6), output: str = "png",
                 chart_id: str = "budget") -> bytes | str:
    """Premiums per month as bars (`months`: bulan, iuran_rp), their running total as a line against the
    pagu, and an optional projection of the running total (`projection`: bulan, kumulatif_rp).
    `labels`: title, monthly, cumulative, pagu, projection, y."""
    with plt.rc_context(matplotlib_rc()):
        fig, ax = plt.subplots(figsize=size)
        x = pd.to_datetime(months["bulan"])
        ax.bar(x, months["iuran_rp"], width=20, color=BLUE, alpha=0.85, label=labels["monthly"])
        ax.plot(x, months["iuran_rp"].cumsum(), color=GREEN, marker="o", markersize=3, linewidth=1.5,
                label=labels["cumulative"])
        if projection is not None and len(projection):
            ax.plot(pd.to_datetime(projection["bulan"]), projection["kumulatif_rp"], color=GREEN, linestyle="--",
                    linewidth=1.2, label=labels["projection"])
        if pagu:
            ax.axhline(pagu, color=TARGET, linewidth=1.2, label=labels["pagu"])
        ax.set_title(labels["title"], loc="left")
        ax.set_ylabel(labels["y"])
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_formatter(_rupiah_axis(lang))
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda value, _pos: fmt.date(mdates.num2date(value).date(), lang, "short_month").split(" ")[0]))
        top = max([pagu or 0, float(months["iuran_rp"].sum())]
                  + ([float(projection["kumulatif_rp"].max())] if projection is not None and len(projection) else []))
        ax.set_ylim(0, top * 1.08 if top else 1)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, ncols=4)
        return _render(fig, output, chart_id)
