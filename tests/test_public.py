"""The public page and its tables: nothing personal, no count from 1 to 9, one mark for hidden cells.

The store behind these tests (privacy_db) is a small demo (300 workers: several sectors and the JKM claims
are small groups) plus the hand-made import files with names, birth dates, KPJ and NIK. The page shows the
demo's latest published release; `tables` are the tables a release would freeze today (publish.public_tables,
after the imports). Whether a hidden cell can be worked out over all tables of a release at once is tested
by an independent attack in test_release_attack.py.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from sigap_metrics import catalogue, publish
from sigap_metrics.i18n import t
from sigap_metrics.metrics.suppression import HIDDEN_MARK, THRESHOLD
from sigap_metrics.store import connect

from .conftest import APP, AS_OF

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
ID_INTEGER = re.compile(r"^\d{1,3}(\.\d{3})*$")        # a whole number as the page writes it (id_ID)
ONE_WAY = {"kecamatan": (), "sektor": (), "jenis_kelamin": (), "klaim": ("manfaat_rp",)}


@pytest.fixture(scope="module")
def privacy_con(privacy_db):
    con = connect(privacy_db, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def tables(privacy_con) -> dict[str, publish.PublicTable]:
    return publish.public_tables(privacy_con, AS_OF)


@pytest.fixture(scope="module", params=["id", "en"])
def rendered(request, privacy_db) -> AppTest:
    """The public page as a visitor gets it (no login), in each language."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGAP_DB", str(privacy_db))
        patch.delenv("SIGAP_DEV_AUTH", raising=False)
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.query_params["lang"] = request.param
        at.run()
    assert not at.exception, at.exception
    return at


def release_frames(at: AppTest) -> list[pd.DataFrame]:
    """The page's tables of the release (not the archive list, whose revision numbers are not counts)."""
    archive = {t("rel_col_revision", lang) for lang in ("id", "en")}
    return [d.value for d in at.dataframe if not archive & set(d.value.columns)]


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [x.value for x in at.title]
    parts += [s.value for s in at.subheader] + [f"{m.label} {m.value}" for m in at.metric]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    parts = [re.sub(r"\\(.)", r"\1", part) for part in parts]   # Markdown escapes read as the characters shown
    for frame in (d.value for d in at.dataframe):
        parts += [" ".join(map(str, frame.columns))] + [" ".join(map(str, row)) for row in frame.itertuples(index=False)]
    for table in html_tables(at).values():                 # the release's tables, in one cached HTML block
        parts += [" ".join(row) for row in table]
    return "\n".join(parts)


def html_tables(at: AppTest) -> dict[str, list[list[str]]]:
    """The tables of the page's HTML block (issue 14: the visitor page shows the static site's tables)."""
    from .test_site import parse

    found: dict[str, list[list[str]]] = {}
    for block in at.get("html"):
        found.update(parse(block.proto.body.encode()).tables)
    return found


def assert_nothing_personal(text: str, sensitive: dict[str, set[str]]) -> None:
    assert not SIXTEEN_DIGITS.search(text), SIXTEEN_DIGITS.search(text)
    for kind in ("kpj", "nik"):
        found = [v for v in sensitive[kind] if re.search(rf"(?<!\d){re.escape(v)}(?!\d)", text)]
        assert not found, (kind, found[:5])
    found = [v for v in sensitive["name"] if re.search(rf"\b{re.escape(v)}\b", text)]
    assert not found, ("name", found)
    found = [v for v in sensitive["birth"] if v in text]
    assert not found, ("birth date", found[:5])


def test_public_page_shows_nothing_personal(rendered, sensitive_values):
    text = page_text(rendered)
    assert "Transparansi" in text or "transparency" in text
    assert_nothing_personal(text, sensitive_values)


def test_public_page_shows_no_count_from_one_to_nine(rendered):
    counts = [m.value for m in rendered.metric]
    for frame in release_frames(rendered):
        counts += [str(v) for v in frame.to_numpy().ravel()]
    counts += [cell for table in html_tables(rendered).values() for row in table[1:] for cell in row[1:]]
    numbers = [int(v.replace(".", "").replace(",", "")) for v in counts if ID_INTEGER.match(v)
               or re.fullmatch(r"\d{1,3}(,\d{3})*", v)]
    assert numbers, "no counts found on the page"
    assert not [n for n in numbers if 0 < n < THRESHOLD]
    shown = {cell for table in html_tables(rendered).values() for row in table for cell in row}
    assert HIDDEN_MARK in shown, "the small store should have small groups hidden"
    assert "<10" not in shown, "one mark for every hidden cell"


def test_public_page_has_no_filters_dates_or_other_roles_content(rendered):
    assert not rendered.sidebar.date_input and not rendered.sidebar.multiselect
    assert [x.value for x in rendered.title] in (["Transparansi publik"], ["Public transparency"])
    body = "".join(block.proto.body for block in rendered.get("html"))   # downloads: the static site's files
    assert len(set(re.findall(r'href="/app/static/site/data/[^"]+/[a-z_]+\.csv"', body))) == 6
    assert 'href="/app/static/site/data/' in body and "datapackage.json" in body
    assert any("/app/static/site/" in m.value for m in rendered.markdown)
    assert [s.label for s in rendered.selectbox if s.key == "w_rilis"], "the archive selector"


def test_public_page_ignores_filter_and_date_parameters(privacy_db, rendered):
    """Nothing in the URL can narrow the public numbers (so no two views can be subtracted)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGAP_DB", str(privacy_db))
        at = AppTest.from_file(str(APP), default_timeout=90)
        at.query_params.update({"lang": rendered.query_params.get("lang", "id"), "kecamatan": ["32.75.07"],
                                "sektor": "PARKIR", "tgl": "2026-01-15", "jenis_kelamin": "P"})
        at.run()
    assert [(m.label, m.value) for m in at.metric] == [(m.label, m.value) for m in rendered.metric]
    for mine, theirs in zip(at.dataframe, rendered.dataframe):
        pd.testing.assert_frame_equal(mine.value, theirs.value)
    assert [b.proto.body for b in at.get("html")] == [b.proto.body for b in rendered.get("html")]


# --- the tables -------------------------------------------------------------------------------------------

def test_tables_that_share_a_total_agree_and_the_headline_repeats_them(tables):
    totals = {name: tables[name].frame.set_index("kode").loc[publish.TOTAL_KEY, ["pekerja_aktif", "pekerja_aktif_tanda"]]
              .tolist() for name in ("kecamatan", "sektor", "jenis_kelamin")}
    assert len({str(v) for v in totals.values()}) == 1, totals
    head = tables["ringkasan"].frame.set_index("indikator")
    value, mark = totals["kecamatan"]
    assert head.loc["active_workers", "tanda"] == mark
    assert mark or head.loc["active_workers", "nilai"] == value
    paid = tables["klaim"].frame.set_index("program")
    for key, (row, column) in {"claims_paid": (publish.TOTAL_KEY, "klaim_dibayar"),
                               "families_helped": ("JKM", "klaim_dibayar"),
                               "benefits_paid_rp": (publish.TOTAL_KEY, "manfaat_rp")}.items():
        assert head.loc[key, "tanda"] == paid.loc[row, column + "_tanda"], key
        if not paid.loc[row, column + "_tanda"]:
            assert head.loc[key, "nilai"] == paid.loc[row, column], key
    last = tables["perkembangan"].frame.iloc[-1]
    assert last["tanggal"] == AS_OF and (last["pekerja_aktif_tanda"] != "") == (mark != "")
    assert mark or last["pekerja_aktif"] == value


def test_small_groups_are_marked_and_their_money_hidden(tables, privacy_con):
    """True sizes from plain SQL: every group of 1..9 is hidden, with its money."""
    truth = dict(privacy_con.execute(
        "SELECT sektor, count(DISTINCT pekerja_id) FROM kepesertaan WHERE tgl_mulai <= ? AND tgl_akhir >= ?"
        " GROUP BY sektor", [AS_OF, AS_OF]).fetchall())
    sector = tables["sektor"].frame.set_index("kode")
    small = [code for code, n in truth.items() if 0 < n < THRESHOLD]
    assert small, "the small store has small sectors"
    assert (sector.loc[small, "pekerja_aktif_tanda"] == HIDDEN_MARK).all()
    assert sector.loc[sector["pekerja_aktif_tanda"] != "", "pekerja_aktif"].isna().all()
    assert set(sector["pekerja_aktif_tanda"]) <= {"", HIDDEN_MARK}
    paid = dict(privacy_con.execute("SELECT program, count(*) FROM klaim WHERE status = 'DIBAYAR' AND tgl_bayar <= ?"
                                    " GROUP BY program", [AS_OF]).fetchall())
    assert 0 < paid["JKM"] < THRESHOLD, "the small store has fewer than 10 JKM claims paid"
    claims = tables["klaim"].frame.set_index("program")
    assert claims.at["JKM", "klaim_dibayar_tanda"] == HIDDEN_MARK
    assert pd.isna(claims.at["JKM", "manfaat_rp"]) and claims.at["JKM", "manfaat_rp_tanda"] == HIDDEN_MARK
    head = tables["ringkasan"].frame.set_index("indikator")
    assert head.at["families_helped", "nilai"] is None and head.at["families_helped", "tanda"] == HIDDEN_MARK


def test_published_indicators_are_all_marked_public_in_the_catalogue(tables):
    publish.check_published()
    assert all(catalogue.get(key).public for key in publish.PUBLISHED)
    assert set(tables["definisi"].frame["kode"]) == set(publish.PUBLISHED) | {"families_helped"}
    headline = set(tables["ringkasan"].frame["indikator"]) - {"families_helped"}
    assert headline <= set(publish.PUBLISHED)


def test_an_indicator_not_marked_public_cannot_be_published(monkeypatch):
    private = next(ind.key for ind in catalogue.INDICATORS if not ind.public)
    monkeypatch.setattr(publish.tables, "PUBLISHED", (*publish.PUBLISHED, private))   # where check_published reads it
    with pytest.raises(RuntimeError, match=private):
        publish.check_published()


# --- no suppressed cell can be recovered within one table -----------------------------------------------------
# An independent check of each one-way table on its own (the joint attack over all tables of a release is in
# test_release_attack.py): a reader knows every shown cell, that a hidden count is at least 1 (zeros are
# shown, and one mark is used for every hidden cell) and that hidden money is ≥ 0. A hidden cell is
# recoverable exactly when the smallest and largest value it can take, given all of that, are equal.

def _range_of(cell: int, lows: list, highs: list, total) -> tuple:
    """(min, max) of hidden cell `cell` given bounds of all hidden cells and the total of the hidden cells
    (None when the total is hidden too: then only the cell's own bounds apply)."""
    if total is None:
        return lows[cell], highs[cell]
    others_low = sum(lows[i] for i in range(len(lows)) if i != cell)
    others_high = sum(highs[i] for i in range(len(highs)) if i != cell)  # may be inf
    return max(lows[cell], total - others_high), min(highs[cell], total - others_low)


def _bounds(mark: str, money: bool) -> tuple:
    return (0, float("inf")) if money else (1, float("inf"))


def recoverable_cells(frame: pd.DataFrame, key: str, value: str, money: bool = False) -> list:
    """Hidden group cells (and a hidden total) of `value` whose exact value follows from what is shown."""
    marks = frame[value + "_tanda"]
    groups = frame[frame[key] != publish.TOTAL_KEY]
    total_row = frame[frame[key] == publish.TOTAL_KEY].iloc[0]
    hidden = groups[groups[value + "_tanda"] != ""]
    shown_sum = sum(int(v) for v in groups.loc[groups[value + "_tanda"] == "", value])
    total = None if total_row[value + "_tanda"] else int(total_row[value]) - shown_sum
    lows, highs = zip(*(_bounds(m, money) for m in hidden[value + "_tanda"])) if len(hidden) else ((), ())
    found = []
    for i, group in enumerate(hidden[key]):
        low, high = _range_of(i, list(lows), list(highs), total)
        if low == high:
            found.append(group)
    if total is None and len(hidden) == 0 and marks.iloc[-1]:
        found.append(publish.TOTAL_KEY)       # a hidden total with every group shown is just their sum
    return found


@pytest.mark.parametrize("name", sorted(ONE_WAY))
def test_no_hidden_cell_of_the_published_tables_is_recoverable(tables, name):
    frame = tables[name].frame
    key = "program" if name == "klaim" else "kode"
    count = "klaim_dibayar" if name == "klaim" else "pekerja_aktif"
    assert recoverable_cells(frame, key, count) == []
    for money in ONE_WAY[name]:
        assert recoverable_cells(frame, key, money, money=True) == []


def test_the_oracle_does_find_a_recoverable_cell():
    """The check can fail: one small cell hidden alone beside a shown total is given away."""
    frame = pd.DataFrame({"kode": ["A", "B", publish.TOTAL_KEY], "pekerja_aktif": [pd.NA, 40, 45],
                          "pekerja_aktif_tanda": [HIDDEN_MARK, "", ""]})
    assert recoverable_cells(frame, "kode", "pekerja_aktif") == ["A"]


def test_the_series_hides_each_small_point(tables, privacy_con):
    series = tables["perkembangan"].frame
    for day, value, mark in zip(series["tanggal"], series["pekerja_aktif"], series["pekerja_aktif_tanda"]):
        true = privacy_con.execute("SELECT count(DISTINCT pekerja_id) FROM kepesertaan WHERE tgl_mulai <= ?"
                                   " AND tgl_akhir >= ?", [day, day]).fetchall()[0][0]
        if 0 < true < THRESHOLD:
            assert mark == HIDDEN_MARK and pd.isna(value), day
        elif not mark:
            assert value == true, day


counts = st.integers(min_value=0, max_value=60) | st.integers(min_value=1, max_value=9)


@settings(max_examples=250, deadline=None)
@given(st.lists(st.tuples(counts, st.integers(min_value=0, max_value=10**9)), min_size=1, max_size=9))
def test_property_no_suppressed_cell_of_a_one_way_table_can_be_recovered(groups):
    """Any one-way table (groups + total, count and money) protected the way a release's tables are."""
    from sigap_metrics.metrics.disclosure import Equality, protect

    keys = [f"G{i}" for i in range(len(groups))]
    n = {k: c for k, (c, _) in zip(keys, groups)} | {publish.TOTAL_KEY: sum(c for c, _ in groups)}
    rp = {k: (m if c else 0) for k, (c, m) in zip(keys, groups)}
    rp[publish.TOTAL_KEY] = sum(rp.values())
    eq = [Equality(publish.TOTAL_KEY, tuple(keys))]
    hidden = protect(n, {k for k, v in n.items() if 0 < v < THRESHOLD}, eq, {k: 1 for k in n},
                     never_hide={k for k, v in n.items() if v == 0})
    hidden_rp = protect(rp, hidden & set(rp), eq, {k: 0 for k in rp})
    published = pd.DataFrame({"kode": list(n), "n": [None if k in hidden else n[k] for k in n],
                              "n_tanda": [HIDDEN_MARK if k in hidden else "" for k in n],
                              "rp": [None if k in hidden_rp else rp[k] for k in n],
                              "rp_tanda": [HIDDEN_MARK if k in hidden_rp else "" for k in n]})
    assert recoverable_cells(published, "kode", "n") == []
    assert recoverable_cells(published, "kode", "rp", money=True) == []
    assert not [k for k in n if 0 < n[k] < THRESHOLD and k not in hidden]
    assert not [k for k in hidden if k not in hidden_rp]            # money of a hidden group is never shown
    assert not [k for k in n if n[k] == 0 and k in hidden]          # zeros are shown


def test_display_shows_marks_not_numbers(tables):
    shown = publish.display_frame(tables["sektor"], "id")
    column = shown.columns[-1]
    assert HIDDEN_MARK in set(shown[column])
    assert all(not re.fullmatch(r"[1-9]", v) for v in shown[column])


def test_the_page_announces_the_release_and_the_next_one(rendered, privacy_con):
    from sigap_metrics.releases import load_release

    info = load_release(privacy_con).info
    assert (info.month, info.next_release_date) == ("2026-10", dt.date(2026, 12, 15))
    caption = " ".join(c.value for c in rendered.caption)
    assert ("15 Des 2026" in caption or "15 Dec 2026" in caption) and ("31 Oktober 2026" in caption
                                                                     or "31 October 2026" in caption)
