"""The site's figures as inline SVG: the coverage line and the ranked bars through the PDF brief's own chart
code (reports.charts_static, `output="svg"`), and the kecamatan map as an SVG choropleth drawn here from the
loaded boundary polygons (circles at the centroids when none are loaded).

Every figure comes with a text alternative (its `<title>` and `<desc>`, and a sentence for the caption); the
table beside it holds every number. Hidden cells (suppressed in the release) are never drawn as numbers.
"""
from __future__ import annotations

import base64
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape

import pandas as pd

from .. import columns, fmt
from ..i18n import t
from ..publish import TOTAL_KEY, PublicTable, chart_frame
from ..reference import KECAMATAN
from ..reports import charts_static

CENTROID_PADDING = 70            # room for the largest circle and its name at the edges
MAP_WIDTH = 400.0                     # SVG user units; the page scales the map to its column
MAP_PADDING = 6.0
SIMPLIFY_DEGREES = 0.0009             # about 100 m (2 SVG units): invisible at this size, a fraction of the bytes
# Sequential blues (ColorBrewer Blues, 5 classes); the last two take white labels.
MAP_CLASSES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
HIDDEN_FILL = "#d9d9d9"
_LONG_DECIMAL = re.compile(r"(\d+\.\d)\d+")
_SVG_NS, _XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
_G = f"{{{_SVG_NS}}}g"
ET.register_namespace("", _SVG_NS)
ET.register_namespace("xlink", _XLINK_NS)


FONT = "'DejaVu Sans', Verdana, Arial, sans-serif"
# Each SVG carries its own style, so it reads the same inline in a page and as an image of its own.
CHART_STYLE = f"text{{font-family:{FONT}}}"
MAP_STYLE = (f"text{{font-family:{FONT}}}.map-label{{font-size:8.5px;fill:#1a1a1a;text-anchor:middle;"
             "paint-order:stroke;stroke:#fff;stroke-width:2.5px}.map-label.dark{fill:#fff;stroke:#08306b}"
             ".map-legend{font-size:8px;fill:#1a1a1a}")


@dataclass(frozen=True)
class Figure:
    """An inline SVG and its text alternative (`summary`: one or two sentences for the caption)."""
    svg: str
    summary: str

    @property
    def data_uri(self) -> str:
        """The SVG as an image address, for pages that may not hold inline SVG (Streamlit's st.html)."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def _accessible(svg: str, chart_id: str, title: str, desc: str) -> str:
    """Name the figure for assistive technology (role img, title, desc) and drop the bytes no reader needs
    (the landing page's weight is most of a phone's first visit): matplotlib's unreferenced group ids (they
    would repeat between figures of one page), attribute-less groups, layout whitespace, zero rotations,
    the font family (set once by the page's style) and coordinates beyond 2 decimals."""
    root = ET.fromstring(svg)
    for element in root.iter(_G):
        element.attrib.pop("id", None)
    _unwrap_groups(root)
    for element in root.iter():
        element.tail = None if element.tail is None or not element.tail.strip() else element.tail
        if len(element) and element.text is not None and not element.text.strip():
            element.text = None
        if element.attrib.get("transform", "").startswith("rotate(-0 "):
            del element.attrib["transform"]
        for name, value in list(element.attrib.items()):
            value = _LONG_DECIMAL.sub(r"\1", " ".join(value.split()))
            element.attrib[name] = value.replace("font-family: 'DejaVu Sans'; ", "")
    root.attrib.pop("version", None)
    root.attrib.update({"role": "img", "aria-labelledby": f"{chart_id}-t {chart_id}-d", "class": "chart",
                        "focusable": "false"})
    description = ET.Element(f"{{{_SVG_NS}}}desc", {"id": f"{chart_id}-d"})
    description.text = desc
    heading = ET.Element(f"{{{_SVG_NS}}}title", {"id": f"{chart_id}-t"})
    heading.text = title
    style = ET.Element(f"{{{_SVG_NS}}}style")
    style.text = CHART_STYLE
    root.insert(0, style)
    root.insert(0, description)
    root.insert(0, heading)
    return ET.tostring(root, encoding="unicode")


def _unwrap_groups(parent) -> None:
    """Replace every `<g>` without attributes by its children (matplotlib nests them deeply)."""
    index = 0
    while index < len(parent):
        child = parent[index]
        _unwrap_groups(child)
        if child.tag == _G and not child.attrib:
            parent[index:index + 1] = list(child)
            index += len(child)
        else:
            index += 1


def coverage(table: PublicTable, phases: PublicTable, lang: str) -> Figure:
    """Active workers at each month end against the phase targets (the brief's coverage chart)."""
    frame = table.frame[table.frame["pekerja_aktif_tanda"] == ""]
    series = pd.DataFrame({"tanggal": frame["tanggal"].to_numpy(),
                           "aktif": frame["pekerja_aktif"].astype("int64").to_numpy()})
    targets = phases.frame[["tgl_mulai", "tgl_akhir", "target_peserta"]] if len(phases.frame) else None
    title = t("site_chart_trend_title", lang)
    labels = {"title": "", "y": t("site_chart_workers", lang), "actual": t("site_chart_actual", lang),
              "target": t("site_chart_target", lang), "forecast": "", "band": "", "reached": ""}
    if series.empty:
        return Figure("", t("site_chart_empty", lang))
    svg = charts_static.coverage_chart(series, labels, targets=targets, lang=lang, size=(5.0, 2.8), output="svg",
                                       chart_id=f"trend-{lang}")
    last = series.iloc[-1]
    summary = t("site_chart_trend_summary", lang).format(
        first=fmt.date(series["tanggal"].iloc[0], lang), last=fmt.date(last["tanggal"], lang),
        value=fmt.number(last["aktif"], lang), peak=fmt.number(series["aktif"].max(), lang),
        hidden=len(table.frame) - len(series))
    return Figure(_accessible(svg, f"trend-{lang}", title, summary), summary)


def ranked(table: PublicTable, lang: str, chart_id: str, title_key: str) -> Figure:
    """Active workers per group, largest on top (the brief's ranked bars); hidden groups are left out and
    named in the text alternative."""
    frame = chart_frame(table, lang)
    names, values = frame.iloc[:, 0].tolist(), frame.iloc[:, 1].astype(int).tolist()
    title = t(title_key, lang)
    groups = table.frame[table.frame["kode"] != TOTAL_KEY]
    hidden = [(n if lang == "id" or "name_en" not in groups else e)
              for n, e, m in zip(groups["nama"], groups.get("name_en", groups["nama"]), groups["pekerja_aktif_tanda"])
              if m]
    if not values:
        return Figure("", t("site_chart_empty", lang))
    height = 0.9 + 0.24 * len(values)
    svg = charts_static.ranked_bars(names, values, title="", value_label=t("site_chart_workers", lang),
                                    value_text=[fmt.number(v, lang) for v in values], size=(4.8, height),
                                    output="svg", chart_id=f"{chart_id}-{lang}")
    top, low = max(range(len(values)), key=values.__getitem__), min(range(len(values)), key=values.__getitem__)
    summary = t("site_chart_ranked_summary", lang).format(
        top=names[top], top_value=fmt.number(values[top], lang), low=names[low], low_value=fmt.number(values[low], lang))
    if hidden:
        summary += " " + t("site_chart_hidden_groups", lang).format(groups=", ".join(hidden))
    return Figure(_accessible(svg, f"{chart_id}-{lang}", title, summary), summary)


# --- the kecamatan map ---------------------------------------------------------------------------------

def _breaks(values: list[float]) -> list[float]:
    """Upper bounds of equal-count classes (quantiles) over the shown values, rounded to 2 decimals."""
    ordered = sorted(values)
    n = len(MAP_CLASSES)
    return [round(ordered[min(len(ordered) - 1, math.ceil(len(ordered) * (i + 1) / n) - 1)], 2) for i in range(n)]


def _class_of(value: float, breaks: list[float]) -> int:
    return next((i for i, upper in enumerate(breaks) if value <= upper), len(breaks) - 1)


class _Projection:
    """Longitude/latitude to SVG units: equirectangular, x scaled by cos(latitude), fitted to MAP_WIDTH."""

    def __init__(self, lons: list[float], lats: list[float], padding: float = MAP_PADDING):
        self.lon0, self.lat1, self.padding = min(lons), max(lats), padding
        self.kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span = (max(lons) - self.lon0) * self.kx or 1e-9
        self.scale = (MAP_WIDTH - 2 * padding) / span
        self.height = (self.lat1 - min(lats)) * self.scale + 2 * padding

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (round(self.padding + (lon - self.lon0) * self.kx * self.scale, 1),
                round(self.padding + (self.lat1 - lat) * self.scale, 1))


def _rings(geometry) -> list[list[tuple[float, float]]]:
    from shapely.geometry import shape

    simple = shape(geometry).simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    polygons = list(getattr(simple, "geoms", [simple]))
    return [list(ring.coords) for polygon in polygons for ring in (polygon.exterior, *polygon.interiors)]


def _path(rings, project) -> str:
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def kecamatan_map(table: PublicTable, boundaries: list[dict], lang: str) -> Figure:
    """Workers per 1.000 residents by kecamatan: a choropleth of the loaded boundaries, or circles at the
    centroids (sized by active workers) when no boundary file is loaded. Hidden cells are grey, marked."""
    frame = table.frame[table.frame["kode"] != TOTAL_KEY].set_index("kode")
    shown = frame[frame["pekerja_aktif_tanda"] == ""]
    breaks = _breaks([float(v) for v in shown["per_1000_penduduk"]]) if len(shown) else [0.0] * len(MAP_CLASSES)
    names = {a.kode: a.nama for a in KECAMATAN}
    by_code = {f["properties"]["kode"]: f for f in boundaries if f.get("properties", {}).get("kode") in frame.index}
    chart_id = f"map-{lang}"
    title = t("site_map_title", lang)

    density = columns.formatter("per_1000_penduduk", lang)

    def fill_and_label(code: str) -> tuple[str, str]:
        row = frame.loc[code]
        if row["pekerja_aktif_tanda"]:
            return HIDDEN_FILL, f"{names[code]}: {row['pekerja_aktif_tanda']}"
        value = float(row["per_1000_penduduk"])
        return (MAP_CLASSES[_class_of(value, breaks)],
                f"{names[code]}: {density(value)} {t('site_map_unit', lang)}"
                f" ({columns.formatter('pekerja_aktif', lang)(int(row['pekerja_aktif']))} {t('site_map_workers', lang)})")

    shapes, labels = [], []
    if by_code:
        rings = {code: _rings(feature["geometry"]) for code, feature in sorted(by_code.items())}
        points = [p for rs in rings.values() for ring in rs for p in ring]
        project = _Projection([p[0] for p in points], [p[1] for p in points])
        for code, rs in rings.items():
            fill, label = fill_and_label(code)
            shapes.append(f'<path d="{_path(rs, project)}" fill="{fill}" stroke="#5b6b7b" stroke-width="0.6">'
                          f"<title>{escape(label)}</title></path>")
            from shapely.geometry import shape
            point = shape(by_code[code]["geometry"]).representative_point()
            labels.append((code, *project(point.x, point.y)))
        note = ""
    else:
        areas = [a for a in KECAMATAN if a.kode in frame.index]
        # Circles (radius up to 24) and their names below them must stay inside the picture.
        project = _Projection([a.lon for a in areas], [a.lat for a in areas], padding=CENTROID_PADDING)
        project.height += 2 * 24
        top = max([int(v) for v in shown["pekerja_aktif"]] or [1])
        for area in areas:
            x, y = project(area.lon, area.lat)
            y += 24
            fill, label = fill_and_label(area.kode)
            count = frame.loc[area.kode, "pekerja_aktif"]
            radius = 8 + 16 * math.sqrt((0 if pd.isna(count) else int(count)) / top)
            shapes.append(f'<circle cx="{x:g}" cy="{y:g}" r="{radius:.1f}" fill="{fill}" stroke="#1f3b57"'
                          f' stroke-width="0.8"><title>{escape(label)}</title></circle>')
            labels.append((area.kode, x, y + radius + 9))
        note = t("site_map_centroids", lang)
    text = []
    for code, x, y in labels:
        row = frame.loc[code]
        mark = row["pekerja_aktif_tanda"]
        dark = not mark and _class_of(float(row["per_1000_penduduk"]), breaks) >= 3 and by_code
        text.append(f'<text x="{x:g}" y="{y:g}" class="{"map-label dark" if dark else "map-label"}">'
                    f"{escape(names[code])}{(' ' + escape(mark)) if mark else ''}</text>")
    height = round(project.height, 1)
    legend = _legend(breaks, lang, height)
    summary = _map_summary(shown, names, lang) + (" " + note if note else "")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH:g} {height + 44:g}" role="img"'
           f' aria-labelledby="{chart_id}-t {chart_id}-d" class="chart map" focusable="false">'
           f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(summary)}</desc>'
           f"<style>{MAP_STYLE}</style>" + "".join(shapes) + "".join(text) + legend + "</svg>")
    return Figure(svg, summary)


def _legend(breaks: list[float], lang: str, top: float) -> str:
    """The classes under the map: a swatch and its upper bound each, then the hidden swatch and the caption."""
    items, x = [], MAP_PADDING
    width = (MAP_WIDTH - 2 * MAP_PADDING) / (len(MAP_CLASSES) + 1)
    density = columns.formatter("per_1000_penduduk", lang)
    swatches = [(colour, f"≤ {density(upper)}") for colour, upper in zip(MAP_CLASSES, breaks)]
    for colour, label in swatches + [(HIDDEN_FILL, t("site_map_hidden", lang))]:
        items.append(f'<rect x="{x:g}" y="{top + 8:g}" width="{width - 4:.1f}" height="10" fill="{colour}"'
                     f' stroke="#8a97a6" stroke-width="0.5"/><text x="{x:g}" y="{top + 30:g}" class="map-legend">'
                     f"{escape(label)}</text>")
        x += width
    caption = f'<text x="{MAP_PADDING:g}" y="{top + 42:g}" class="map-legend">{escape(t("site_map_legend", lang))}</text>'
    return "".join(items) + caption


def _map_summary(shown: pd.DataFrame, names: dict, lang: str) -> str:
    if shown.empty:
        return t("site_chart_empty", lang)
    density = shown["per_1000_penduduk"].astype(float)
    high, low = density.idxmax(), density.idxmin()
    show = columns.formatter("per_1000_penduduk", lang)
    return t("site_map_summary", lang).format(high=names[high], high_value=show(density[high]), low=names[low],
                                              low_value=show(density[low]))
