"""Figure builders: the data they plot, axis titles in the chosen language, colours and map classes."""
import datetime as dt
import json

import pandas as pd
import pytest

from sigap_metrics import charts, columns
from sigap_metrics.reference import KECAMATAN


def test_bar_chart_plots_the_table_with_axis_titles_from_its_labels():
    table = pd.DataFrame({"Sektor": ["Ojek online", "Pemulung", "PKL"], "Pekerja aktif": [30, 10, 20]})
    fig = charts.bar_chart(table, "Sektor", "Pekerja aktif", lang="id")
    bar = fig.data[0]
    assert list(bar.y) == ["Pemulung", "PKL", "Ojek online"]   # sorted, largest on top
    assert list(bar.x) == [10, 20, 30]
    assert fig.layout.xaxis.title.text == "Pekerja aktif"
    assert fig.layout.yaxis.title.text == "Sektor"
    assert fig.layout.separators == ",."
    assert bar.marker.color == charts.PRIMARY
    english = charts.bar_chart(table, "Sektor", "Pekerja aktif", lang="en", horizontal=False)
    assert english.layout.separators == ".,"
    assert english.layout.xaxis.title.text == "Sektor" and english.layout.yaxis.title.text == "Pekerja aktif"


def test_grouped_bars_use_okabe_ito_per_group():
    table = pd.DataFrame({"Program": ["JKK", "JKK", "JKM"], "Status": ["DIBAYAR", "DITOLAK", "DIBAYAR"],
                          "Klaim": [5, 1, 2]})
    fig = charts.bar_chart(table, "Program", "Klaim", colour="Status", lang="id", horizontal=False)
    assert [trace.name for trace in fig.data] == ["DIBAYAR", "DITOLAK"]
    assert [trace.marker.color for trace in fig.data] == list(charts.OKABE_ITO[:2])
    assert list(fig.data[0].y) == [5, 2] and fig.layout.barmode == "group"
    assert fig.layout.showlegend


def test_trajectory_chart_has_actual_target_forecast_and_band():
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=7 * i) for i in range(6)]
    table = pd.DataFrame({"Tanggal": days, "Aktif": [100, 200, 300, None, None, None],
                          "Target": [0, 400, 800, 1200, 1600, 2000],
                          "Perkiraan": [None, None, 300, 400, 500, 600], "Bawah": [None, None, 300, 350, 400, 450],
                          "Atas": [None, None, 300, 450, 600, 750]})
    fig = charts.trajectory_chart(table, date="Tanggal", actual="Aktif", target="Target", forecast="Perkiraan",
                                  lower="Bawah", upper="Atas", lang="id", reached=dt.date(2026, 3, 1),
                                  reached_label="Target tercapai 1 Mar 2026")
    names = [trace.name for trace in fig.data]
    assert names == ["Bawah – Atas", "Target", "Perkiraan", "Aktif"]
    band = fig.data[0]
    assert band.fill == "toself" and len(band.x) == 8  # 4 rows with both limits, there and back
    assert list(fig.data[3].y)[:3] == [100, 200, 300]
    assert fig.data[1].line.color == charts.TARGET
    assert fig.layout.xaxis.title.text == "Tanggal" and fig.layout.yaxis.title.text == "Aktif"
    assert fig.layout.annotations[0].text == "Target tercapai 1 Mar 2026"


def test_funnel_and_heatmap_and_budget_charts():
    stages = pd.DataFrame({"Tahap": ["Diusulkan", "Lolos verifikasi", "Terdaftar", "Aktif"],
                           "Orang": [1000, 800, 700, 650]})
    funnel = charts.funnel_chart(stages, "Tahap", "Orang", lang="en")
    assert list(funnel.data[0].x) == [1000, 800, 700, 650] and funnel.layout.xaxis.title.text == "Orang"

    long = pd.DataFrame({"Kecamatan": ["A", "A", "B"], "Sektor": ["OJOL", "PKL", "OJOL"], "Aktif": [1, 2, 3]})
    heat = charts.heatmap_chart(long, "Kecamatan", "Sektor", "Aktif", lang="id")
    assert list(heat.data[0].x) == ["A", "B"] and list(heat.data[0].y) == ["OJOL", "PKL"]
    assert heat.data[0].z[0].tolist() == [1, 3] and pd.isna(heat.data[0].z[1][1])
    assert heat.layout.xaxis.title.text == "Kecamatan" and heat.data[0].colorscale[0][1] == "#440154"

    months = pd.DataFrame({"Bulan": ["Jan 2026", "Feb 2026"], "Iuran": [100, 120], "Kumulatif": [100, 220],
                           "Pagu": [2000, 2000]})
    budget = charts.budget_chart(months, month="Bulan", monthly="Iuran", cumulative="Kumulatif", ceiling="Pagu",
                                 lang="id")
    assert [trace.name for trace in budget.data] == ["Iuran", "Kumulatif", "Pagu"]
    assert list(budget.data[1].y) == [100, 220] and budget.layout.yaxis.tickprefix == "Rp"


def test_class_breaks_colours_and_legend():
    assert charts.class_breaks([0, 10, None, 5]) == [0, 2, 4, 6, 8, 10]
    # quantiles: an outlier does not squeeze every other area into one colour
    assert charts.class_breaks([1, 2, 3, 4, 5, 100]) == [1, 2, 3, 4, 5, 100]
    assert charts.class_breaks([1, 1, 1, 1, 2]) == pytest.approx([1, 1.2, 2])  # repeated limits merge
    assert charts.class_breaks([3, 3]) == [3, 3]
    assert charts.class_breaks([None]) == []
    breaks = charts.class_breaks([0, 10])
    assert charts.colour_of(0, breaks)[:3] == charts._hex_rgb(charts.VIRIDIS[0])
    assert charts.colour_of(10, breaks)[:3] == charts._hex_rgb(charts.VIRIDIS[-1])
    assert charts.colour_of(None, breaks) == charts.NO_DATA_RGBA
    entries = charts.legend([0, 1000], columns.formatter("aktif", "id"))
    assert entries[0] == ("#440154", "0 – 200") and entries[-1] == ("#fde725", "800 – 1.000")


def _square(lon, lat, size=0.01):
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Feature", "properties": {"kode": None}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_choropleth_deck_colours_each_area_and_puts_numbers_in_tooltips():
    features = []
    for i, area in enumerate(KECAMATAN[:3]):
        feature = _square(106.9 + i * 0.02, -6.3)
        feature["properties"]["kode"] = area.kode
        features.append(feature)
    table = pd.DataFrame({"Kecamatan": ["Bekasi Timur", "Bekasi Barat", "Bekasi Utara"],
                          "Kode": ["32.75.01", "32.75.02", "32.75.03"], "Pekerja aktif": [5000, 250, 9000],
                          "Per 1.000 penduduk": [5.44, 0.92, 26.1]})
    deck = charts.choropleth_deck(features, table, key="Kode", value="Pekerja aktif", lang="id",
                                  formats={"Pekerja aktif": columns.formatter("aktif", "id"),
                                           "Per 1.000 penduduk": columns.formatter("per_1000", "id")},
                                  label="Kecamatan")
    spec = charts.deck_json(deck)
    areas = spec["layers"][0]
    assert areas["@@type"] == "GeoJsonLayer" and spec["layers"][1]["@@type"] == "TextLayer"
    props = [f["properties"] for f in areas["data"]["features"]]
    assert [p["f_Pekerja_aktif"] for p in props] == ["5.000", "250", "9.000"]
    assert props[0]["f_Per_1_000_penduduk"] == "5,44"   # per_1000: 2 decimals (sigap_metrics.columns)
    fills = [tuple(p["fill"][:3]) for p in props]
    assert fills[2] == charts._hex_rgb(charts.VIRIDIS[-1]) and fills[1] == charts._hex_rgb(charts.VIRIDIS[0])
    assert len(set(fills)) == 3
    html = spec["tooltip"]["html"]
    assert "{f_Kecamatan}" in html and "Pekerja aktif: <b>{f_Pekerja_aktif}</b>" in html and "Kode" not in html
    assert -6.31 < spec["initialViewState"]["latitude"] < -6.28


def test_centroid_deck_is_the_fallback_without_boundaries():
    table = pd.DataFrame({"Kecamatan": [a.nama for a in KECAMATAN], "Kode": [a.kode for a in KECAMATAN],
                          "Pekerja aktif": list(range(12))})
    spec = charts.deck_json(charts.centroid_deck(table, key="Kode", value="Pekerja aktif",
                                                 formats={"Pekerja aktif": columns.formatter("aktif", "en")}, lang="en",
                                                 label="Kecamatan"))
    points = spec["layers"][0]["data"]
    assert spec["layers"][0]["@@type"] == "ScatterplotLayer" and len(points) == 12
    assert points[0]["position"] == [KECAMATAN[0].lon, KECAMATAN[0].lat]
    assert points[11]["radius"] > points[1]["radius"] > points[0]["radius"]
    assert tuple(points[11]["fill"][:3]) == charts._hex_rgb(charts.VIRIDIS[-1])
    assert points[7]["f_Pekerja_aktif"] == "7"
    assert "Kode" not in spec["tooltip"]["html"] and "{f_Kecamatan}" in spec["tooltip"]["html"]
    assert spec["layers"][1]["data"][6]["name"] == "Bantargebang"
