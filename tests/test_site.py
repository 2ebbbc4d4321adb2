"""The public static site (DESIGN §6.2) built from releases in a real store: byte-identical when rebuilt, a
revision regenerates the archive with its note, never a count from 1 to 9 or a 16-digit number in any file,
and every number on the pages equal to the release's tables and to the open-data CSVs, cell by cell."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from sigap_metrics import publish, site
from sigap_metrics.metrics.suppression import HIDDEN_MARK, SMALL_MARK, THRESHOLD
from sigap_metrics.releases import list_releases, load_release, prepare, publish_release
from sigap_metrics.reports import charts_static
from sigap_metrics.store import connect

from .conftest import SHARED_GEO

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ("2026-08", "2026-09", "2026-10")
REVISION_NOTE = "Koreksi klaim <b>Bantargebang</b> yang tercatat dua kali"
ID_MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Mei": 5, "Jun": 6, "Jul": 7, "Agu": 8, "Sep": 9, "Okt": 10,
             "Nov": 11, "Des": 12}
EN_MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9, "Sep": 9,
             "Oct": 10, "Nov": 11, "Dec": 12}


def _publish(con, month: str, day: int, note: str | None = None) -> None:
    stamp = dt.datetime(2026, int(month[5:]) % 12 + 1, day, 9, 0)
    prepare(con, month, by="operator", now=stamp)
    publish_release(con, month, by="pimpinan", note=note, now=stamp + dt.timedelta(hours=2))


def keep_releases_from(con, month: str | None) -> None:
    """Drop the demo's releases before `month` (all when None): an archive of a few months keeps these tests
    quick (the demo publishes every complete month of its history)."""
    con.execute("DELETE FROM rilis_tabel WHERE ? IS NULL OR bulan < ?", [month, month])
    con.execute("DELETE FROM rilis WHERE ? IS NULL OR bulan < ?", [month, month])


@pytest.fixture(scope="module")
def site_db(privacy_db, tmp_path_factory) -> Path:
    """The small privacy store (many groups under 10): August to October published, October revised."""
    path = tmp_path_factory.mktemp("site") / "sigap.duckdb"
    shutil.copy(privacy_db, path)
    con = connect(path)
    keep_releases_from(con, MONTHS[0])
    assert sorted(i.month for i in list_releases(con)) == list(MONTHS)
    _publish(con, "2026-10", 20, note=REVISION_NOTE)
    con.close()
    return path


@pytest.fixture(scope="module")
def built(site_db) -> dict[str, bytes]:
    con = connect(site_db, read_only=True)
    try:
        return site.site_files(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def releases(site_db) -> dict[str, object]:
    """slug → Release, read back from the store independently of the site code."""
    con = connect(site_db, read_only=True)
    try:
        infos = [i for i in list_releases(con) if i.status != "draft"]
        return {(i.month if i.status == "published" else f"{i.month}-r{i.revision}"):
                load_release(con, i.month, revision=i.revision) for i in infos}
    finally:
        con.close()


# --- reading pages back ----------------------------------------------------------------------------------

class _Page(HTMLParser):
    """Tables (by data-table), headline values (data-indicator), the hero number and every text node."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.indicators: dict[str, str] = {}
        self.texts: list[str] = []
        self._table = self._row = self._cell = self._indicator = None
        self.hero = None
        self._in_hero = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-table" in attrs:
            self._table = self.tables.setdefault(attrs["data-table"], [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif "data-indicator" in attrs:
            self._indicator = attrs["data-indicator"]
            self.indicators[self._indicator] = ""
        elif attrs.get("id") == "angka-utama":
            self._in_hero, self.hero = True, ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "span":
            self._indicator = None
        elif tag == "p":
            self._in_hero = False

    def handle_data(self, data):
        self.texts.append(data)
        if self._cell is not None:
            self._cell += data
        if self._indicator:
            self.indicators[self._indicator] += data
        if self._in_hero:
            self.hero += data


def parse(content: bytes) -> _Page:
    page = _Page()
    page.feed(content.decode("utf-8"))
    return page


def number(text: str, lang: str) -> float:
    """A number as the page writes it, read back without the site's code: id 1.234,5 / en 1,234.5."""
    text = text.replace("Rp", "").replace("%", "").strip()
    thousands, decimal = (".", ",") if lang == "id" else (",", ".")
    return float(text.replace(thousands, "").replace(decimal, "."))


def day(text: str, lang: str) -> dt.date:
    d, m, y = text.split()
    return dt.date(int(y), (ID_MONTHS if lang == "id" else EN_MONTHS)[m], int(d))


# --- byte-identical, revisions ------------------------------------------------------------------------------

def test_the_site_is_byte_identical_when_built_twice(site_db, built, tmp_path):
    con = connect(site_db, read_only=True)
    again = site.site_files(con)
    con.close()
    assert again == built
    site.write_site(built, tmp_path / "a")
    site.write_site(again, tmp_path / "a")          # rebuilt in place over its previous build
    site.write_site(again, tmp_path / "b")
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert files_a == files_b and len(files_a) == len(built) + 1          # + the marker file


def test_the_site_has_every_page_in_both_languages(built):
    pages = {"index.html", "arsip/index.html", "kalender.html", "definisi.html", "data/index.html", "feed.xml"}
    pages |= {f"arsip/{m}.html" for m in MONTHS} | {"arsip/2026-10-r1.html"}
    assert pages <= set(built) and {"en/" + p for p in pages} <= set(built)
    for path, content in built.items():
        if path.endswith(".html"):
            text = content.decode()
            assert f'<html lang="{"en" if path.startswith("en/") else "id"}">' in text, path
            assert 'class="skip" href="#isi"' in text and 'id="isi"' in text, path
            assert "<script" not in text.lower(), path                   # readable without JavaScript
            assert not re.search(r'(src|href)="(https?:)?//', text), path  # nothing from another host
    for folder in [f"{m}-r1" for m in MONTHS] + ["2026-10-r2", "terbaru"]:
        assert {f"data/{folder}/{t}.csv" for t in ("ringkasan", "kecamatan", "sektor")} <= set(built)
        assert f"data/{folder}/datapackage.json" in built


def test_a_revision_regenerates_the_archive_page_with_its_note(built, site_db, tmp_path):
    escaped = REVISION_NOTE.replace("<", "&lt;").replace(">", "&gt;")
    current, old = built["arsip/2026-10.html"].decode(), built["arsip/2026-10-r1.html"].decode()
    assert "Revisi 2" in current and escaped in current and REVISION_NOTE not in current   # shown as text
    assert escaped in old and "arsip/2026-10.html" in old          # the superseded page names its reason, links on
    assert escaped in built["index.html"].decode() and escaped in built["arsip/index.html"].decode()
    assert "Revision 2" in built["en/arsip/2026-10.html"].decode()
    feed = ET.fromstring(built["feed.xml"])
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = [e.findtext("a:id", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert len(ids) == 4 and len(set(ids)) == 4 and ids[0].endswith("/2026-10/2")
    assert feed.findtext("a:updated", namespaces=ns) == "2026-11-20T11:00:00Z"   # the revision, published last
    # Publishing another revision regenerates that month's pages (and only the dated parts change).
    db = tmp_path / "store.duckdb"
    shutil.copy(site_db, db)
    con = connect(db)
    _publish(con, "2026-10", 25, note="Revisi ketiga: data pelatihan")
    files = site.site_files(con)
    con.close()
    assert "Revisi ketiga: data pelatihan" in files["arsip/2026-10.html"].decode()
    assert "arsip/2026-10-r2.html" in files and "Revisi ketiga" in files["arsip/2026-10-r2.html"].decode()
    assert files["arsip/2026-08.html"] == built["arsip/2026-08.html"]


# --- nothing small, nothing personal ----------------------------------------------------------------------

SIXTEEN_DIGITS = re.compile(r"(?<![\d.,])\d(?:[.,\s]?\d){15}(?![\d])")


def _shown_values(path: str, content: bytes) -> list[str]:
    """Every value a reader sees as a number in a file: table cells, headline values, SVG text, CSV cells
    of count columns, JSON numbers."""
    if path.endswith(".html"):
        page = parse(content)
        cells = [cell for rows in page.tables.values() for row in rows[1:] for cell in row[1:]]
        svg_text = re.findall(r"<text[^>]*>([^<]*)</text>", content.decode())
        return cells + list(page.indicators.values()) + [page.hero or ""] + svg_text
    if path.endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(content.decode())))
        counts = ("pekerja_aktif", "klaim_dibayar", "nilai", "target_peserta", "penduduk")
        return [row[c] for row in rows for c in counts if c in row and not (c == "nilai" and row["satuan"] != "count")]
    return []


def test_no_file_shows_a_count_from_1_to_9_or_a_16_digit_number(built, sensitive_values):
    small = {str(n) for n in range(1, THRESHOLD)}
    marks_seen = set()
    for path, content in built.items():
        text = content.decode("utf-8")
        assert not SIXTEEN_DIGITS.search(text), (path, SIXTEEN_DIGITS.search(text).group())
        for value in _shown_values(path, content):
            value = value.strip()
            assert value not in small, (path, value)
            marks_seen |= {value} & {SMALL_MARK, HIDDEN_MARK}
    assert HIDDEN_MARK in marks_seen                       # the small store really has hidden cells
    text = "\n".join(c.decode() for c in built.values())
    digit_runs = set(re.findall(r"\d+", text))
    assert not (sensitive_values["kpj"] | sensitive_values["nik"]) & digit_runs
    assert not [n for n in sensitive_values["name"] if n in text and re.search(rf"\b{re.escape(n)}\b", text)]
    assert not [b for b in sensitive_values["birth"] if b in text]


# --- the numbers ------------------------------------------------------------------------------------------

UNIT = {"pekerja_aktif": "count", "penduduk": "count", "per_1000_penduduk": 2, "klaim_dibayar": "count",
        "manfaat_rp": "count", "target_peserta": "count", "capaian_pct": 1, "pagu_rp": "count", "iuran_rp": "count",
        "realisasi_pct": 1}
DATES = ("tanggal", "tgl_mulai", "tgl_akhir")


def _check_cell(shown: str, value, mark: str, column: str, lang: str, where) -> None:
    if mark:
        assert shown == mark, where
        return
    if column in DATES:
        assert day(shown, lang) == pd.Timestamp(value).date(), where
        return
    decimals = UNIT[column]
    expected = round(float(value), decimals if isinstance(decimals, int) else 0)
    assert number(shown, lang) == pytest.approx(expected, abs=1e-9), where


@pytest.mark.parametrize("page,lang", [("index.html", "id"), ("en/index.html", "en"), ("arsip/2026-08.html", "id"),
                                       ("arsip/2026-10-r1.html", "id")])
def test_the_numbers_on_a_page_equal_the_release_and_its_csv_files(built, releases, page, lang):
    slug = {"index.html": "2026-10", "en/index.html": "2026-10"}.get(page) or page.split("/")[1][:-5]
    release = releases[slug]
    folder = f"{release.info.month}-r{release.info.revision}"
    shown = parse(built[page])
    checked = 0
    for name in ("kecamatan", "sektor", "jenis_kelamin", "klaim", "tahap", "perkembangan"):
        table = release.tables[name]
        rows = shown.tables[name]
        titles = rows[0]
        by_title = {f.title[lang]: f.name for f in table.fields}
        csv_rows = list(csv.DictReader(io.StringIO(built[f"data/{folder}/{name}.csv"].decode())))
        assert len(rows) - 1 == len(table.frame) == len(csv_rows), name
        for position, (cells, (_, row), csv_row) in enumerate(zip(rows[1:], table.frame.iterrows(), csv_rows)):
            for title, cell in zip(titles, cells):
                column = by_title[title]
                if column not in UNIT and column not in DATES:
                    continue
                mark_column = column + "_tanda"
                mark = row[mark_column] if mark_column in table.frame.columns else ""
                _check_cell(cell, row[column], mark, column, lang, (page, name, position, column))
                csv_mark = csv_row.get(mark_column) or ""
                assert csv_mark == mark, (name, position, column)
                _check_cell(cell, csv_row[column] if not csv_mark else None, csv_mark, column, lang,
                            (page, name, position, column, "csv"))
                checked += 1
    headline = release.tables["ringkasan"].frame.set_index("indikator")
    csv_headline = {r["indikator"]: r for r in csv.DictReader(io.StringIO(built[f"data/{folder}/ringkasan.csv"].decode()))}
    for key, text in {**shown.indicators, "active_workers": shown.hero}.items():
        row = headline.loc[key]
        assert (csv_headline[key]["tanda"] or "") == row["tanda"]
        if row["tanda"]:
            assert text.strip() == row["tanda"], key
        else:
            decimals = 1 if row["satuan"] == "percent" else 0
            assert number(text, lang) == pytest.approx(round(float(row["nilai"]), decimals)), key
            assert number(text, lang) == pytest.approx(round(float(csv_headline[key]["nilai"]), decimals)), key
        checked += 1
    assert checked > 100


def test_open_data_files_are_the_release_tables_and_a_valid_datapackage(built, releases, tmp_path):
    from frictionless import Package

    for release in releases.values():
        folder = f"data/{release.info.month}-r{release.info.revision}/"
        for name, table in release.tables.items():
            assert built[folder + name + ".csv"] == publish.csv_bytes(table)
        descriptor = json.loads(built[folder + "datapackage.json"])
        assert descriptor["sigap"]["bulan"] == release.info.month
        assert descriptor["sigap"]["revisi"] == release.info.revision
    assert built["data/terbaru/kecamatan.csv"] == built["data/2026-10-r2/kecamatan.csv"]
    assert built["data/2026-10-r1/kecamatan.csv"] != built["data/2026-10-r2/kecamatan.csv"] or \
        built["data/2026-10-r1/datapackage.json"] != built["data/2026-10-r2/datapackage.json"]
    folder = tmp_path / "pkg"
    folder.mkdir()
    for path, content in built.items():
        if path.startswith("data/2026-10-r2/"):
            (folder / path.split("/")[-1]).write_bytes(content)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


# --- figures ------------------------------------------------------------------------------------------------

def test_the_map_is_a_choropleth_of_the_loaded_boundaries_or_centroid_circles(releases):
    from sigap_metrics.site import charts

    release = releases["2026-10"]
    features = json.loads((SHARED_GEO / "kota_bekasi_kecamatan.geojson").read_text())["features"]
    drawn = charts.kecamatan_map(release.tables["kecamatan"], features, "id").svg
    assert drawn.count("<path ") == 12 and "<circle" not in drawn
    fallback = charts.kecamatan_map(release.tables["kecamatan"], [], "id")
    assert fallback.svg.count("<circle ") == 12 and "<path " not in fallback.svg
    assert "Batas wilayah resmi belum dimuat" in fallback.summary
    frame = release.tables["kecamatan"].frame
    for _, row in frame[frame["kode"] != publish.TOTAL_KEY].iterrows():
        label = f"{row['nama']}: {row['pekerja_aktif_tanda']}" if row["pekerja_aktif_tanda"] else \
            f"{row['nama']}: {str(row['per_1000_penduduk']).replace('.', ',')}"
        assert label in drawn, label


def test_pdf_and_site_draw_with_the_same_chart_code():
    series = pd.DataFrame({"tanggal": pd.date_range("2025-11-30", periods=6, freq="ME").date,
                           "aktif": [2770, 10956, 8986, 9260, 9425, 9443]})
    labels = {"title": "Cakupan", "y": "Pekerja", "actual": "Aktif", "target": "Target", "forecast": "", "band": "",
              "reached": ""}
    png = charts_static.coverage_chart(series, labels)
    svg = charts_static.coverage_chart(series, labels, output="svg", chart_id="a")
    assert png.startswith(b"\x89PNG")
    assert svg.startswith("<svg") and "<?xml" not in svg and "<metadata" not in svg and "Cakupan" in svg
    assert svg == charts_static.coverage_chart(series, labels, output="svg", chart_id="a")   # deterministic
    assert svg != charts_static.coverage_chart(series, labels, output="svg", chart_id="b")   # ids salted per chart
    with pytest.raises(ValueError):
        charts_static.coverage_chart(series, labels, output="gif")


def test_every_chart_on_the_landing_page_has_a_text_alternative_and_its_table(built):
    text = built["index.html"].decode()
    charts_found = re.findall(r'<svg [^>]*role="img" aria-labelledby="([^" ]+) ([^"]+)"', text)
    assert len(charts_found) == 3
    for title_id, desc_id in charts_found:
        assert f'<title id="{title_id}">' in text and f'<desc id="{desc_id}">' in text
    assert text.count("<figcaption>") == 3 and text.count("data-table=") == 6


# --- the command --------------------------------------------------------------------------------------------

def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "sigap_metrics", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_publish_site_command(site_db, privacy_db, built, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(site_db, db)
    out = tmp_path / "out"
    result = _cli("publish-site", out, "--db", db)
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").read_bytes() == built["index.html"]
    earlier = _cli("publish-site", out, "--db", db, "--month", "2026-09")     # the site as it stood then
    assert earlier.returncode == 0, earlier.stderr
    assert "Rilis September 2026" in (out / "index.html").read_text() and not (out / "arsip/2026-10.html").exists()
    # Refusals: exit 2, nothing written.
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("not a site")
    refused = _cli("publish-site", other, "--db", db)
    assert refused.returncode == 2 and "not written by publish-site" in refused.stderr
    assert [p.name for p in other.iterdir()] == ["keep.txt"]
    bare = tmp_path / "bare.duckdb"
    shutil.copy(privacy_db, bare)
    con = connect(bare)
    keep_releases_from(con, None)
    con.close()
    none = _cli("publish-site", tmp_path / "none", "--db", bare)
    assert none.returncode == 2 and "no published release" in none.stderr and not (tmp_path / "none").exists()
    unknown = _cli("publish-site", tmp_path / "none", "--db", db, "--month", "2026-05")
    assert unknown.returncode == 2 and not (tmp_path / "none").exists()


def test_publishing_a_release_renews_the_site_the_app_serves(site_db, tmp_path):
    import os

    db = tmp_path / "store.duckdb"
    shutil.copy(site_db, db)
    served = tmp_path / "static" / "site"
    env = {**os.environ, "SIGAP_SITE_DIR": str(served)}
    run = lambda *args: subprocess.run([sys.executable, "-m", "sigap_metrics", *map(str, args), "--db", str(db)],  # noqa: E731
                                       cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert run("release", "prepare", "--month", "2026-10", "--by", "operator").returncode == 0
    published = run("release", "publish", "--month", "2026-10", "--by", "pimpinan", "--note", "Koreksi ketiga")
    assert published.returncode == 0, published.stderr
    assert "Koreksi ketiga" in (served / "index.html").read_text() and (served / "arsip/2026-10-r2.html").exists()
