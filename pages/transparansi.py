"""Transparansi publik: the only page without login. Aggregates for the whole city at the latest data date,
small numbers suppressed (sigap_metrics.publish); no filters, no other dates; open data with its dictionary."""
import streamlit as st

from sigap_metrics import charts, fmt, publish
from sigap_metrics.ui import shell
from sigap_metrics.ui.store import metric
from sigap_metrics.ui.widgets import downloads, t

view = shell.view()
lang = view.lang
as_of = metric(publish.public_as_of)
tables = metric(publish.public_tables, as_of)
info = metric(publish.publication_info, as_of)
st.title(t("page_transparansi", lang))
st.caption(t("pub_dates", lang).format(as_of=fmt.date(as_of, lang, "long"), updated=fmt.date(info["last_updated"], lang),
                                       next=fmt.date(info["next_update"], lang)))
shell.demo_banner(lang)
st.write(t("pub_intro", lang))

st.subheader(t("pub_headline", lang))
keys = ("active_workers", "attainment_pct", "claims_paid", "families_helped", "benefits_paid_rp", "realisation_pct")
for left, right in zip(keys[::2], keys[1::2]):
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
    downloads(tables[name].frame, f"publik_{name}", lang)


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
st.markdown(t("pub_source", lang).format(source=info["source"][lang]))
st.markdown(t("pub_privacy", lang))

st.subheader(t("pub_open_data", lang))
st.caption(t("pub_open_data_note", lang))
files = metric(publish.open_data_files, as_of)
left, right = st.columns(2)
left.download_button(t("pub_download_zip", lang), metric(publish.open_data_zip, as_of), file_name="sigap_data_terbuka.zip",
                     mime="application/zip", icon=":material/folder_zip:", on_click="ignore", width="stretch")
right.download_button(t("pub_download_dictionary", lang), files["datapackage.json"], file_name="datapackage.json",
                      mime="application/json", icon=":material/description:", on_click="ignore", width="stretch")
