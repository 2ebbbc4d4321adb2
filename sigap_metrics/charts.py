"""Figure builders: pure functions from a display table to a plotly figure or a pydeck deck. No Streamlit.

Pages pass the very table they show and offer for download (columns already labelled in the chosen
language, see `columns.table`), so axis titles are those labels and a chart never shows a number the
table lacks. Colours: Okabe-Ito for categories, viridis for magnitudes (both colour-blind safe).
"""
from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from . import fmt
from .textsafe import for_plotly
from .columns import _missing
from .reference import KECAMATAN, KELURAHAN

# Okabe & Ito (2008), ordered so the first colours are the most distinct on white.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
VIRIDIS = ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b",
           "#fde725")
PRIMARY = "#0B5CAD"     # Kota Bekasi blue (theme primary)
TARGET = "#D55E00"      # vermillion: targets and ceilings
FORECAST = "#56B4E9"    # sky blue: projections
MUTED = "#8A97A6"
FONT = "Source Sans Pro, Arial, sans-serif"
CHART_HEIGHT = 380
MAP_CLASSES = 5
NO_DATA_RGBA = (200, 204, 210, 160)

# ---------------------------------------------------------------------------------------------------------
# Plotly figures


def _plain(table: pd.DataFrame) -> pd.DataFrame:
    """The table as plotly gets it: nullable numbers (Int64, Float64) as float64 with NaN, which plotly serialises;
    text cells made inert (imported text never reaches plotly as HTML, see textsafe; titles: `_style`, `_label`)."""
    out = table.copy()
    for column in out.columns:
        dtype = out[column].dtype
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and pd.api.types.is_numeric_dtype(dtype):
            out[column] = out[column].astype("float64")
        elif dtype == object or pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype):
            out[column] = [for_plotly(v) for v in out[column]]
    return out


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators: 1.234,5 (id) / 1,234.5 (en)."""
    return ",." if lang == "id" else ".,"


def _style(fig: go.Figure, lang: str, *, x_title: str | None, y_title: str | None, height: int = CHART_HEIGHT,
           legend: bool = True) -> go.Figure:
    fig.update_layout(
        template="plotly_white", separators=separators(lang), height=height, colorway=list(OKABE_ITO),
        font={"family": FONT, "size": 13, "color": "#1B2733"}, margin={"l": 8, "r": 8, "t": 16, "b": 8},
        showlegend=legend, hoverlabel={"font_family": FONT},
        # above the plot: below it the legend collides with rotated tick labels on a phone
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": None},
    )
    fig.update_xaxes(title_text=for_plotly(x_title), automargin=True)
    fig.update_yaxes(title_text=for_plotly(y_title), automargin=True, rangemode="tozero")
    return fig


def _label(value) -> str:
    """A column name or group value used as a legend entry, colour-bar title or hover part: inert text."""
    return for_plotly(str(value))


def _number_axis(fig: go.Figure, axis: str, unit: str = "count") -> None:
    """Tick labels of a value axis in the figure's separators (12.000, not 12k), with Rp or % where due."""
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(tickformat=",~f", tickprefix="Rp" if unit == "rupiah" else None,
           ticksuffix="%" if unit == "percent" else None)


def _hover_number(unit: str) -> str:
    """The hover number format of a unit of `columns.UNITS`."""
    return {"percent": ":,.1f}%", "rupiah": ":,.0f}", "ratio": ":,.1f}"}.get(unit, ":,.0f}")


def bar_chart(table: pd.DataFrame, category: str, value: str, *, lang: str, horizontal: bool = True,
              colour: str | None = None, unit: str = "count", sort: bool = True,
              value_title: str | None = None) -> go.Figure:
    """Bars of `value` per `category` (horizontal by default: long Indonesian names stay readable on a
    phone); with `colour`, one bar group per value of that column (Okabe-Ito)."""
    table = _plain(table)
    data = table.sort_values(value, ascending=horizontal) if sort and colour is None else table
    prefix = "Rp" if unit == "rupiah" else ""
    fig = go.Figure()
    groups = [(None, data)] if colour is None else list(data.groupby(colour, sort=False))
    for i, (name, part) in enumerate(groups):
        x, y = (part[value], part[category]) if horizontal else (part[category], part[value])
        template = ("%{y}: " + prefix + "%{x" if horizontal else "%{x}: " + prefix + "%{y") + _hover_number(unit)
        fig.add_bar(x=x, y=y, orientation="h" if horizontal else "v", name=str(name) if name is not None else _label(value),
                    marker_color=PRIMARY if colour is None else OKABE_ITO[i % len(OKABE_ITO)],
                    hovertemplate=template + "<extra>" + ("" if name is None else str(name)) + "</extra>")
    value_title = value_title or value
    _style(fig, lang, x_title=value_title if horizontal else category, y_title=category if horizontal else value_title,
           legend=colour is not None, height=max(CHART_HEIGHT, 28 * data[category].nunique() + 80) if horizontal
           else CHART_HEIGHT)
    if colour is not None:
        fig.update_layout(barmode="group")
    _number_axis(fig, "x" if horizontal else "y", unit)
    if horizontal and not sort:
        fig.update_yaxes(autorange="reversed")   # keep the table's order top to bottom
    return fig


def line_chart(table: pd.DataFrame, x: str, y: str, *, lang: str, colour: str | None = None, unit: str = "count",
               y_title: str | None = None, markers: bool = True) -> go.Figure:
    """One line per value of `colour` (or a single line) of `y` over `x`."""
    table = _plain(table)
    fig = go.Figure()
    groups = [(None, table)] if colour is None else list(table.groupby(colour, sort=False))
    for i, (name, part) in enumerate(groups):
        fig.add_scatter(x=part[x], y=part[y], mode="lines+markers" if markers else "lines",
                        name=str(name) if name is not None else _label(y), line={"color": OKABE_ITO[i % len(OKABE_ITO)]},
                        hovertemplate="%{x}: %{y" + _hover_number(unit) + "<extra></extra>")
    _style(fig, lang, x_title=x, y_title=y_title or y, legend=colour is not None)
    _number_axis(fig, "y", unit)
    return fig


def month_ticks(days, lang: str, most: int = 6) -> tuple[list[str], list[str]]:
    """Tick positions (ISO dates, first days of months) and their id_ID / en labels ("Agu 2026") for a
    date axis: plotly only knows English month names."""
    present = sorted({d for d in days if isinstance(d, dt.date)})
    if not present:
        return [], []
    months, month = [], present[0].replace(day=1)
    if month < present[0]:
        month = (month + dt.timedelta(days=32)).replace(day=1)
    while month <= present[-1]:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    step = max(1, math.ceil(len(months) / most))
    chosen = months[::step]
    return [m.isoformat() for m in chosen], [fmt.date(m, lang, "short_month") for m in chosen]


def _date_axis(fig: go.Figure, days, lang: str) -> None:
    values, labels = month_ticks(days, lang)
    fig.update_xaxes(tickmode="array", tickvals=values, ticktext=labels)


def trajectory_chart(table: pd.DataFrame, *, date: str, actual: str, target: str, forecast: str | None = None,
                     lower: str | None = None, upper: str | None = None, needed: str | None = None, lang: str,
                     reached: dt.date | None = None, reached_label: str | None = None,
                     y_title: str | None = None) -> go.Figure:
    """Covered workers so far, the phase target, the forecast with its band and the path needed (when given).
    Dates on the axis and in the hover text are written in `lang`."""
    table = _plain(table)
    shown = [fmt.date(d, lang) for d in table[date]]
    fig = go.Figure()
    if lower and upper:
        band = table.dropna(subset=[lower, upper])
        fig.add_scatter(x=list(band[date]) + list(band[date])[::-1], y=list(band[upper]) + list(band[lower])[::-1],
                        fill="toself", fillcolor="rgba(86,180,233,0.3)", line={"width": 0}, mode="lines",
                        hoverinfo="skip", name=_label(f"{lower} – {upper}"))

    def line(column, colour, dash, width, **extra):
        fig.add_scatter(x=table[date], y=table[column], mode="lines", name=_label(column), customdata=shown,
                        line={"color": colour, "dash": dash, "width": width},
                        hovertemplate="%{customdata}: %{y:,.0f}<extra>" + _label(column) + "</extra>", **extra)

    line(target, TARGET, "dash", 2, line_shape="hv")
    if needed:
        line(needed, OKABE_ITO[2], "dashdot", 2)
    if forecast:
        line(forecast, FORECAST, "dot", 2)
    line(actual, PRIMARY, "solid", 3)
    if reached is not None:
        fig.add_vline(x=reached.isoformat(), line={"color": MUTED, "dash": "dot", "width": 1})
        fig.add_annotation(x=reached.isoformat(), yref="paper", y=1, text=reached_label or fmt.date(reached, lang),
                           showarrow=False, xanchor="right", yanchor="top", font={"size": 12, "color": "#1B2733"},
                           bgcolor="rgba(255,255,255,0.8)")
    _style(fig, lang, x_title=date, y_title=y_title or actual)
    _number_axis(fig, "y")
    _date_axis(fig, table[date], lang)
    return fig


def funnel_chart(table: pd.DataFrame, stage: str, value: str, *, lang: str) -> go.Figure:
    """The selection funnel (proposed → verified → registered → active) with the share of the first stage."""
    table = _plain(table)
    fig = go.Figure(go.Funnel(y=table[stage], x=table[value], texttemplate="%{value:,.0f}<br>%{percentInitial:.0%}",
                              marker={"color": [OKABE_ITO[i % len(OKABE_ITO)] for i in range(len(table))]},
                              hovertemplate="%{y}: %{x:,.0f}<extra></extra>"))
    _style(fig, lang, x_title=value, y_title=stage, legend=False, height=300)
    fig.update_yaxes(rangemode=None)
    return fig


def heatmap_chart(table: pd.DataFrame, x: str, y: str, z: str, *, lang: str) -> go.Figure:
    """A viridis heat map of `z` for each (`x`, `y`) pair of a long table, numbers written in the cells."""
    table = _plain(table)
    grid = table.pivot_table(index=y, columns=x, values=z, aggfunc="sum", sort=False)
    fig = go.Figure(go.Heatmap(z=grid.to_numpy(), x=list(grid.columns), y=list(grid.index), colorscale="Viridis",
                               # a horizontal scale above the grid leaves a phone's width to the cells
                               colorbar={"title": {"text": _label(z), "side": "top"}, "orientation": "h", "y": 1.02,
                                         "yanchor": "bottom", "thickness": 12, "len": 0.6, "x": 0,
                                         "xanchor": "left", "tickformat": ",~f"},
                               texttemplate="%{z:,.0f}", xgap=1, ygap=1,
                               hovertemplate=_label(y) + ": %{y}<br>" + _label(x) + ": %{x}<br>" + _label(z)
                               + ": %{z:,.0f}<extra></extra>"))
    _style(fig, lang, x_title=x, y_title=y, legend=False, height=max(CHART_HEIGHT, 26 * len(grid.index) + 190))
    fig.update_xaxes(tickangle=-45, rangemode=None)
    fig.update_yaxes(autorange="reversed", rangemode=None)
    return fig


def budget_chart(table: pd.DataFrame, *, month: str, monthly: str, cumulative: str, ceiling: str | None = None,
                 projected: str | None = None, lang: str, y_title: str | None = None) -> go.Figure:
    """Monthly premiums as bars, their running total as a line, a projection and the ceiling (pagu) as
    dashed lines. Months (dates) are labelled in `lang`."""
    table = _plain(table)
    shown = [fmt.date(m, lang, "short_month") if isinstance(m, dt.date) else str(m) for m in table[month]]
    fig = go.Figure()

    def series(column, **style):
        fig.add_scatter(x=table[month], y=table[column], name=_label(column), customdata=shown,
                        hovertemplate="%{customdata}: Rp%{y:,.0f}<extra>" + _label(column) + "</extra>", **style)

    fig.add_bar(x=table[month], y=table[monthly], name=_label(monthly), marker_color=PRIMARY, customdata=shown,
                hovertemplate="%{customdata}: Rp%{y:,.0f}<extra>" + _label(monthly) + "</extra>")
    series(cumulative, mode="lines+markers", line={"color": OKABE_ITO[1], "width": 3})
    if projected:
        series(projected, mode="lines+markers", line={"color": FORECAST, "dash": "dot", "width": 2})
    if ceiling:
        series(ceiling, mode="lines", line={"color": TARGET, "dash": "dash", "width": 2})
    _style(fig, lang, x_title=month, y_title=y_title or monthly)
    _number_axis(fig, "y", "rupiah")
    if any(isinstance(m, dt.date) for m in table[month]):
        _date_axis(fig, table[month], lang)
    return fig


def cohort_chart(table: pd.DataFrame, *, cohort: str, shares: Sequence[str], lang: str,
                 y_title: str | None = None) -> go.Figure:
    """Retention of each monthly cohort: one bar group per cohort month, a bar per horizon (6, 12 months)."""
    table = _plain(table)
    months = [fmt.date(m, lang, "short_month") if isinstance(m, dt.date) else str(m) for m in table[cohort]]
    fig = go.Figure()
    for i, column in enumerate(shares):
        fig.add_bar(x=months, y=table[column], name=_label(column), marker_color=OKABE_ITO[i % len(OKABE_ITO)],
                    hovertemplate="%{x}: %{y:,.1f}%<extra>" + _label(column) + "</extra>")
    _style(fig, lang, x_title=cohort, y_title=y_title or shares[0])
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    _number_axis(fig, "y", "percent")
    fig.update_yaxes(range=[0, 100])
    return fig


# ---------------------------------------------------------------------------------------------------------
# Maps (pydeck)

BEKASI_VIEW = {"latitude": -6.285, "longitude": 106.975, "zoom": 10.6}


def _hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _ramp(position: float) -> tuple[int, int, int]:
    """Viridis at `position` in [0, 1], interpolated between its ten stops."""
    position = min(max(position, 0.0), 1.0) * (len(VIRIDIS) - 1)
    low = math.floor(position)
    high = min(low + 1, len(VIRIDIS) - 1)
    a, b = _hex_rgb(VIRIDIS[low]), _hex_rgb(VIRIDIS[high])
    frac = position - low
    return tuple(round(a[i] + (b[i] - a[i]) * frac) for i in range(3))


def class_breaks(values: Sequence[float], classes: int = MAP_CLASSES) -> list[float]:
    """Quantile class limits (at most classes + 1 numbers, from min to max): each colour covers about as many
    areas, so the map separates the lagging areas from the rest even when one area is far ahead."""
    clean = sorted(float(v) for v in values if not _missing(v))
    if not clean:
        return []
    if clean[0] == clean[-1]:
        return [clean[0], clean[-1]]
    limits = [_quantile(clean, i / classes) for i in range(classes + 1)]
    return sorted(set(limits))


def _quantile(ordered: Sequence[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def class_colours(count: int) -> list[tuple[int, int, int]]:
    """`count` viridis colours, dark (low) to yellow (high)."""
    if count <= 1:
        return [_ramp(0.5)]
    return [_ramp(i / (count - 1)) for i in range(count)]


def colour_of(value, breaks: Sequence[float]) -> tuple[int, int, int, int]:
    """The RGBA fill for a value given class limits (grey when missing)."""
    if _missing(value) or not breaks:
        return NO_DATA_RGBA
    colours = class_colours(len(breaks) - 1)
    for i, upper in enumerate(breaks[1:]):
        if float(value) <= upper:
            return (*colours[i], 220)
    return (*colours[-1], 220)


def legend(values: Sequence[float], show: Callable[[object], str],
           classes: int = MAP_CLASSES) -> list[tuple[str, str]]:
    """(hex colour, 'from – to' label) for each class, in the map's colours, the bounds shown by `show` (the
    column's formatter, `columns.formatter`)."""
    breaks = class_breaks(values, classes)
    if not breaks:
        return []
    colours = class_colours(len(breaks) - 1)
    return [("#%02x%02x%02x" % colours[i], f"{show(breaks[i])} – {show(breaks[i + 1])}")
            for i in range(len(breaks) - 1)]


def _tooltip(columns: Sequence[str]) -> dict:
    lines = "".join(f"{c}: <b>{{{_prop(c)}}}</b><br/>" for c in columns[1:])
    return {"html": f"<b>{{{_prop(columns[0])}}}</b><br/>{lines}",
            "style": {"backgroundColor": "#1B2733", "color": "white", "fontSize": "13px"}}


def _prop(label: str) -> str:
    """A tooltip placeholder name for a column label (deck.gl templates cannot hold spaces or dots)."""
    return "f_" + "".join(ch if ch.isalnum() else "_" for ch in label)


def _text(value) -> str:
    return "–" if _missing(value) else str(value)


def _formatted(table: pd.DataFrame, formats: Mapping[str, Callable[[object], str]]) -> pd.DataFrame:
    shown = pd.DataFrame(index=table.index)
    for column in table.columns:
        shown[_prop(column)] = table[column].map(formats.get(column, _text))
    return shown


def choropleth_deck(features: Sequence[dict], table: pd.DataFrame, *, key: str, value: str,
                    formats: Mapping[str, Callable[[object], str]], lang: str, label: str | None = None, height: int = 520) -> pdk.Deck:
    """Areas coloured by `value` (viridis classes), with every column of `table` in the tooltip.

    `features` are GeoJSON features whose properties carry `kode`; `table[key]` holds the same codes
    (it is dropped from the tooltip when it is not the first column)."""
    breaks = class_breaks(table[value])
    shown = _formatted(table, formats)
    by_code = {code: i for i, code in enumerate(table[key])}
    collection = []
    for feature in features:
        code = feature["properties"].get("kode")
        i = by_code.get(code)
        props = {"kode": code}
        if i is not None:
            props.update(shown.iloc[i].to_dict())
            props["fill"] = list(colour_of(table[value].iloc[i], breaks))
        else:
            props["fill"] = list(NO_DATA_RGBA)
        collection.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
    layers = [pdk.Layer("GeoJsonLayer", {"type": "FeatureCollection", "features": collection}, id="areas",
                        pickable=True, stroked=True, filled=True, get_fill_color="properties.fill",
                        get_line_color=[255, 255, 255, 230], line_width_min_pixels=1.5, auto_highlight=True)]
    if label:
        layers.append(_labels(features, table, key, label))
    tooltip_columns = [c for c in table.columns if c != key or c == table.columns[0]]
    return pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(**_view(features)), map_provider="carto",
                    map_style="light", tooltip=_tooltip(tooltip_columns), height=height)


def _labels(features: Sequence[dict], table: pd.DataFrame, key: str, label: str) -> pdk.Layer:
    names = dict(zip(table[key], table[label]))
    points = []
    for feature in features:
        code = feature["properties"].get("kode")
        lon, lat = _centre(feature["geometry"])
        points.append({"name": str(names.get(code, code)), "position": [lon, lat]})
    return pdk.Layer("TextLayer", points, id="names", get_position="position", get_text="name", get_size=12,
                     get_color=[20, 20, 20, 230], get_text_anchor="'middle'", get_alignment_baseline="'center'",
                     background=True, get_background_color=[255, 255, 255, 170], pickable=False)


def _coords(geometry: dict):
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"][0]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon[0]


def _centre(geometry: dict) -> tuple[float, float]:
    """Middle of the bounding box of the outer rings: good enough to place a label."""
    points = list(_coords(geometry))
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def _view(features: Sequence[dict]) -> dict:
    points = [p for f in features for p in _coords(f["geometry"])]
    if not points:
        return dict(BEKASI_VIEW)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    span = max(max(lons) - min(lons), max(lats) - min(lats), 0.01)
    zoom = max(8.0, min(14.0, math.log2(360 / span) - 0.15))  # the areas span about 400 px
    return {"latitude": (min(lats) + max(lats)) / 2, "longitude": (min(lons) + max(lons)) / 2, "zoom": round(zoom, 2)}


def centroid_deck(table: pd.DataFrame, *, key: str, value: str, formats: Mapping[str, Callable[[object], str]], lang: str,
                  label: str | None = None, height: int = 520) -> pdk.Deck:
    """The fallback without boundaries: a circle at each area's reference centroid (`table[key]` holds
    kecamatan or kelurahan codes), coloured by class and sized by `value`."""
    centroids = {a.kode: (a.lon, a.lat) for a in (*KECAMATAN, *KELURAHAN)}
    breaks = class_breaks(table[value])
    shown = _formatted(table, formats)
    values = pd.to_numeric(table[value], errors="coerce").astype("float64")
    top = float(values.max()) if values.notna().any() and values.max() > 0 else 1.0
    records = []
    for i, code in enumerate(table[key]):
        record = shown.iloc[i].to_dict()
        v = values.iloc[i]
        size = 0.0 if pd.isna(v) else max(0.0, float(v))
        record.update(position=list(centroids.get(code, (BEKASI_VIEW["longitude"], BEKASI_VIEW["latitude"]))),
                      fill=list(colour_of(v, breaks)), radius=300 + 1300 * math.sqrt(size / top))
        records.append(record)
    layers = [pdk.Layer("ScatterplotLayer", records, id="centroids", pickable=True, get_position="position",
                        get_fill_color="fill", get_radius="radius", stroked=True, get_line_color=[255, 255, 255],
                        line_width_min_pixels=1)]
    if label:
        layers.append(pdk.Layer("TextLayer", [{"name": str(n), "position": r["position"]}
                                               for n, r in zip(table[label], records)],
                                id="names", get_position="position", get_text="name", get_size=12,
                                get_color=[20, 20, 20, 230], get_pixel_offset=[0, -16], pickable=False))
    lons = [r["position"][0] for r in records] or [BEKASI_VIEW["longitude"]]
    lats = [r["position"][1] for r in records] or [BEKASI_VIEW["latitude"]]
    view = {"latitude": (min(lats) + max(lats)) / 2, "longitude": (min(lons) + max(lons)) / 2,
            "zoom": BEKASI_VIEW["zoom"] if len(records) > 8 else 12.3}
    columns = [c for c in table.columns if c != key or c == table.columns[0]]
    return pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(**view), map_provider="carto",
                    map_style="light", tooltip=_tooltip(columns), height=height)


def deck_json(deck: pdk.Deck) -> dict:
    """The deck as the browser receives it: its JSON spec, with the tooltip (sent beside it) under `tooltip`."""
    return {**json.loads(deck.to_json()), "tooltip": deck._tooltip}
