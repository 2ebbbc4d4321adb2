"""The overview's materialised daily counts (metrics/daily.py, table turunan_harian) give the same answers as
the direct computation, on random small stores (hypothesis, through the real loader), random dates and random
filters: none, one dimension (the table's case), two dimensions or an age band (the direct computation's
case either way). And stores whose derived tables predate the table are rebuilt when opened."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from unittest import mock

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigap_metrics.importers.load import ImportSource, load_import
from sigap_metrics.metrics import Filters, brief, budget, coverage, daily, derived, forecast, selection, summary, views
from sigap_metrics.metrics.filters import AGE_BANDS, month_end, month_start

from .conftest import NIK_KEY
from .test_metrics_fixture import build_hand_store
from .test_metrics_properties import (FIRST_DAY, KECAMATAN, PROPERTY_SETTINGS, SECTORS, SPAN, _NO_NOTES, _NO_ROWS,
                                      _dates, build, days, stores)

# Proposals: person (those beyond the generated workers were never registered), day, verified?, attributes.
proposal = st.tuples(st.integers(0, 10), st.integers(0, SPAN), st.booleans(), st.sampled_from(KECAMATAN),
                     st.sampled_from(SECTORS), st.one_of(st.none(), st.integers(1, 8)),
                     st.sampled_from(("Dinsos", "Dishub")))
VALUES = {"kecamatan": KECAMATAN, "kelurahan": ("32.75.01.1001",), "sektor": SECTORS, "jenis_kelamin": ("L", "P"),
          "desil": tuple(range(1, 9)), "sumber_iuran": ("APBD", "CSR"), "sumber_usulan": ("Dinsos", "Dishub"),
          "kelompok_umur": tuple(band for band, _, _ in AGE_BANDS)}


@st.composite
def filters(draw) -> Filters:
    keys = draw(st.lists(st.sampled_from(sorted(VALUES)), max_size=2, unique=True))
    if draw(st.integers(0, 3)) == 0:      # the unfiltered view often
        keys = []
    return Filters(**{key: tuple(draw(st.lists(st.sampled_from(VALUES[key]), min_size=1, max_size=2, unique=True)))
                      for key in keys})


def _store(data, proposals):
    con, periods = build(data)
    if proposals:
        frame = pd.DataFrame({
            "nik": [f"3275010101{p[0]:06d}" for p in proposals],
            "sumber_usulan": [p[6] for p in proposals],
            "tgl_usulan": _dates([FIRST_DAY + dt.timedelta(days=p[1]) for p in proposals]),
            "desil": pd.array([p[5] for p in proposals], dtype="Int8"),
            "status_verifikasi": ["LOLOS" if p[2] else "TIDAK_LOLOS" for p in proposals],
            "alasan": [None] * len(proposals),
            "kecamatan_kode": [p[3] for p in proposals], "kelurahan_kode": [None] * len(proposals),
            "sektor": [p[4] for p in proposals]})
        # the loader's key is (person, agency, date): keep the first of duplicates
        frame = frame.drop_duplicates(["nik", "sumber_usulan", "tgl_usulan"]).reset_index(drop=True)
        digest = hashlib.sha256(f"daily:usulan:{len(frame)}".encode()).hexdigest()
        load_import(con, ImportSource("usulan", "usulan", digest, "test", len(frame)), frame, _NO_ROWS, _NO_NOTES,
                    nik_key=NIK_KEY)
    if not derived.is_current(con):
        derived.refresh(con)
    assert derived.is_current(con)
    return con, periods


@contextlib.contextmanager
def direct():
    """Every metric computes directly (from the materialised derived relations), never from the daily table."""
    with mock.patch.object(daily, "selection", return_value=None):
        yield


def _funnel_filters(f: Filters) -> Filters:
    return f.only(selection.FUNNEL_FILTERS)


def _answers(con, as_of: dt.date, start: dt.date, end: dt.date, f: Filters) -> dict:
    first = month_start(as_of)
    out = {
        "active": coverage.active_workers(con, as_of, f),
        "series_week": coverage.active_series(con, start, end, "week", f),
        "series_month": coverage.active_series(con, start, end, "month", f),
        "new": coverage.new_workers(con, start, end, f),
        "new_month": coverage.new_workers(con, first, as_of, f),
        "lapsed_month": coverage.lapsed_workers(con, first, month_end(as_of), as_of, f),
        "lapsed_window": coverage.lapsed_workers(con, start, end, as_of, f),
        "lapsed_short": coverage.lapsed_workers(con, start, start + dt.timedelta(days=31), end, f),
        "months_from_first": budget.worker_months(con, month_start(start), end, f),
        "months_mid": budget.worker_months(con, start, end, f),
        "premiums": budget.premiums_by_month(con, month_start(start), end, f),
        "funnel": selection.funnel(con, as_of, _funnel_filters(f)),
        "summary": summary(con, as_of, f),
        "month_over_month": brief.month_over_month(con, as_of, f),
        "forecast": forecast.forecast(con, as_of, f).as_dict(),
        "trajectory": views.trajectory(con, as_of, f),
    }
    return out


def _assert_same(fast: dict, slow: dict) -> None:
    assert fast.keys() == slow.keys()
    for key in fast:
        if isinstance(fast[key], pd.DataFrame):
            pd.testing.assert_frame_equal(fast[key], slow[key], obj=key)
        else:
            assert fast[key] == slow[key], key


@PROPERTY_SETTINGS
@given(stores, st.lists(proposal, max_size=12), days, days, days, filters())
def test_daily_table_answers_equal_the_direct_computation(data, proposals, as_of, first, second, f):
    start, end = sorted((first, second))
    con, _ = _store(data, proposals)
    try:
        fast = _answers(con, as_of, start, end, f)
        with direct():
            slow = _answers(con, as_of, start, end, f)
        _assert_same(fast, slow)
    finally:
        con.close()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stores, st.lists(proposal, max_size=12), days)
def test_daily_table_equals_inline_derivation(data, proposals, as_of):
    """Against a store with no derived tables at all (every relation derived inline in the query)."""
    con, _ = _store(data, proposals)
    try:
        fast = _answers(con, as_of, FIRST_DAY, as_of, Filters())
        for table in (derived.CAKUPAN_TABLE, derived.DAILY_TABLE):
            con.execute("DROP TABLE " + table)
        assert not derived.is_current(con)
        _assert_same(fast, _answers(con, as_of, FIRST_DAY, as_of, Filters()))
    finally:
        con.close()


@pytest.fixture()
def hand_con():
    con = build_hand_store(materialise=True)
    yield con
    con.close()


def test_the_daily_table_is_used_exactly_when_it_covers_the_request(hand_con):
    con = hand_con
    assert derived.is_current(con)
    assert daily.selection(con, Filters()) is not None
    assert daily.selection(con, Filters(kecamatan=("32.75.01", "32.75.02"))) is not None
    assert daily.selection(con, Filters(desil=(1,))) == (" WHERE dimensi = ? AND nilai IN (?)", ["desil", "1"])
    assert daily.selection(con, Filters(kelompok_umur=("25-34",))) is None
    assert daily.selection(con, Filters(kecamatan=("32.75.01",), sektor=("PKL",))) is None
    assert daily.selection(con, Filters(jenis_kelamin=("L",)), daily.FUNNEL_KEYS) is None


def test_derived_tables_of_an_older_program_are_not_current_and_are_rebuilt(hand_con):
    """A store whose derived tables were built before the daily table (no table, and a signature without the
    layout tag) is not current: metrics derive inline until it is rebuilt, and opening it rebuilds it."""
    con = hand_con
    expected = summary(con, dt.date(2026, 11, 25))
    con.execute("DROP TABLE " + derived.DAILY_TABLE)
    old = derived.signature(con).split(":", 1)[1]     # what the previous program wrote
    con.execute("UPDATE meta SET value = ? WHERE key = 'turunan_versi'", [old])
    assert not derived.is_current(con)
    assert summary(con, dt.date(2026, 11, 25)) == expected
    derived.rebuild(con)
    assert derived.is_current(con)
    assert summary(con, dt.date(2026, 11, 25)) == expected


def test_opening_a_store_with_stale_derived_tables_rebuilds_them(tmp_path):
    from sigap_metrics.store import connect
    from sigap_metrics.metrics.derived import open_current

    path = tmp_path / "old.duckdb"
    con = connect(path)
    derived.rebuild(con)
    con.execute("DROP TABLE " + derived.DAILY_TABLE)
    con.close()
    reader = open_current(path)
    try:
        assert derived.is_current(reader)
    finally:
        reader.close()
