"""Properties of the metrics on random small stores (hypothesis), loaded through the real loader:
breakdowns add up to totals; a filter equals the matching breakdown row; active ≤ ever enrolled; premiums are
Σ worker-months × rate, with worker-months counted by plain Python here; derived tables materialised or
derived inline give the same numbers."""
from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigap_metrics.demo.generate import date_series
from sigap_metrics.importers.load import ImportSource, load_import, resolve_workers
from sigap_metrics.metrics import DIMENSIONS, Filters, budget, claims, coverage, derived
from sigap_metrics.metrics.filters import add_months, month_end
from sigap_metrics.store import connect_memory

from .conftest import NIK_KEY

KECAMATAN = ("32.75.01", "32.75.02", "32.75.07")
SECTORS = ("OJOL", "PKL", "KULI")
FIRST_DAY, LAST_DAY = dt.date(2025, 11, 1), dt.date(2026, 12, 31)
SPAN = (LAST_DAY - FIRST_DAY).days
RATE_CHANGE = (dt.date(2026, 7, 1), 12_000, 8_000)

period = st.tuples(st.integers(0, SPAN), st.integers(0, 200), st.sampled_from(KECAMATAN), st.sampled_from(SECTORS),
                   st.one_of(st.none(), st.integers(1, 8)), st.sampled_from(("APBD", "CSR")),
                   st.sampled_from(("Dinsos", "Dishub")))
worker = st.tuples(st.sampled_from(("L", "P")), st.integers(1955, 2006), st.lists(period, min_size=1, max_size=3))
claim = st.tuples(st.integers(0, 40), st.integers(0, SPAN), st.integers(0, 30), st.one_of(st.none(), st.integers(0, 40)),
                  st.sampled_from(("JKK", "JKM")), st.integers(0, 9) .map(lambda x: x * 1_000_000))
stores = st.tuples(st.lists(worker, min_size=1, max_size=8), st.lists(claim, max_size=6))
days = st.integers(0, SPAN).map(lambda d: FIRST_DAY + dt.timedelta(days=d))
dims = st.sampled_from(sorted(DIMENSIONS))

_NO_ROWS = pd.DataFrame(columns=["row_number", "reason_code", "reason", "row_values"])
_NO_NOTES = pd.DataFrame(columns=["row_number", "code", "message"])


def _dates(values):
    return date_series(pd.Series(pd.to_datetime(pd.Series(values, dtype="object"))).to_numpy().astype("datetime64[D]"))


def _load(con, kind: str, frame: pd.DataFrame) -> None:
    digest = hashlib.sha256(f"prop:{kind}:{len(frame)}".encode()).hexdigest()
    load_import(con, ImportSource(kind, kind, digest, "test", len(frame)), frame, _NO_ROWS, _NO_NOTES, nik_key=NIK_KEY)


def build(data, materialise: bool = True):
    """A store from generated workers and claims; returns (con, periods as a plain frame)."""
    workers, claim_rows = data
    con = connect_memory()
    con.execute("INSERT INTO tarif_iuran VALUES (?, ?, ?, 'uji')", list(RATE_CHANGE))
    rows = []
    for w, (sex, born, periods) in enumerate(workers):
        starts = set()
        for offset, length, kec, sector, desil, funding, agency in periods:
            start = FIRST_DAY + dt.timedelta(days=offset)
            if start in starts:      # one period per worker and start (the loader's key)
                continue
            starts.add(start)
            rows.append({"w": w, "nik": f"3275010101{w:06d}", "kpj": str(w), "jenis_kelamin": sex, "tahun_lahir": born,
                         "tgl_mulai": start, "tgl_akhir": min(start + dt.timedelta(days=length), LAST_DAY),
                         "kecamatan_kode": kec, "kelurahan_kode": None, "sektor": sector, "desil": desil,
                         "sumber_usulan": agency, "sumber_iuran": funding, "iuran_rp": 16_800})
    periods = pd.DataFrame(rows)
    peserta = periods.drop(columns="w").assign(tgl_mulai=_dates(periods["tgl_mulai"]),
                                               tgl_akhir=_dates(periods["tgl_akhir"]),
                                               desil=pd.array(periods["desil"], dtype="Int8"))
    _load(con, "peserta", peserta)
    if claim_rows:
        n = len(workers)
        frame = pd.DataFrame({
            "no_klaim": [f"K{i}" for i in range(len(claim_rows))],
            "nik": [f"3275010101{c[0] % n:06d}" for c in claim_rows],
            "program": [c[4] for c in claim_rows],
            "tgl_kejadian": _dates([FIRST_DAY + dt.timedelta(days=c[1]) for c in claim_rows]),
            "tgl_pengajuan": _dates([FIRST_DAY + dt.timedelta(days=c[1] + c[2]) for c in claim_rows]),
            "tgl_bayar": _dates([None if c[3] is None else FIRST_DAY + dt.timedelta(days=c[1] + c[2] + c[3])
                                 for c in claim_rows]),
            "status": ["DIAJUKAN" if c[3] is None else "DIBAYAR" for c in claim_rows],
            "nominal_rp": [c[5] for c in claim_rows]})
        ids = resolve_workers(con, NIK_KEY, frame["nik"], pd.Series([None] * len(frame), dtype="string"))
        _load(con, "klaim", frame.assign(pekerja_id=ids.to_numpy()).drop(columns="nik"))
    if materialise and not derived.is_current(con):
        derived.refresh(con)
    if not materialise:
        con.execute("DROP TABLE IF EXISTS " + derived.CAKUPAN_TABLE)
        con.execute("DELETE FROM meta WHERE key = 'turunan_versi'")
    return con, periods


def _values(frame: pd.DataFrame, by: str, column: str) -> dict:
    return {(None if pd.isna(k) else k): int(v) for k, v in zip(frame[by], frame[column])}


def _filter_for(by: str, value) -> Filters:
    return Filters(**{by: (value,)})


PROPERTY_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(stores, days, dims)
def test_breakdowns_add_up_and_filters_match_rows(data, as_of, by):
    con, _ = build(data)
    try:
        month_first = as_of.replace(day=1)
        cases = [
            (lambda f, b: coverage.active_workers(con, as_of, f, b), "aktif"),
            (lambda f, b: coverage.new_workers(con, month_first, as_of, f, b), "baru"),
            (lambda f, b: coverage.lapsed_workers(con, FIRST_DAY, month_end(as_of), as_of, f, b), "berhenti"),
            (lambda f, b: claims.benefits_paid(con, FIRST_DAY, as_of, f, b), "manfaat_rp"),
            (lambda f, b: claims.claims_outside_coverage_count(con, as_of, f, b), "klaim_di_luar_cakupan"),
        ]
        for compute, column in cases:
            total = int(compute(Filters(), None)[column].iloc[0])
            split = compute(Filters(), by)
            assert int(split[column].sum()) == total, (column, by)
            for value, count in _values(split, by, column).items():
                if value is not None:
                    assert int(compute(_filter_for(by, value), None)[column].iloc[0]) == count, (column, by, value)
        window = (month_first, month_end(as_of))
        months = budget.premiums_by_month(con, *window, by=by)
        assert int(months["iuran_rp"].sum()) == budget.premiums_total(con, *window)
        for value, amount in months.groupby(by, dropna=True)["iuran_rp"].sum().items():
            assert budget.premiums_total(con, *window, _filter_for(by, value)) == amount
    finally:
        con.close()


@PROPERTY_SETTINGS
@given(stores, days, st.sampled_from(KECAMATAN))
def test_active_never_exceeds_ever_enrolled(data, as_of, kecamatan):
    con, periods = build(data)
    try:
        for filters in (Filters(), Filters(kecamatan=(kecamatan,))):
            active = coverage.active_count(con, as_of, filters)
            ever = int(coverage.ever_enrolled(con, as_of, filters)["pernah_terdaftar"].iloc[0])
            assert 0 <= active <= ever
        # and ever enrolled is what plain Python counts
        assert int(coverage.ever_enrolled(con, as_of)["pernah_terdaftar"].iloc[0]) == periods.loc[
            periods["tgl_mulai"] <= as_of, "w"].nunique()
    finally:
        con.close()


def _worker_months_by_hand(periods: pd.DataFrame, start: dt.date, end: dt.date) -> dict:
    """Month → distinct workers covered on a day of [start, end] within that month, counted directly."""
    out, month = {}, start.replace(day=1)
    while month <= end:
        lo, hi = max(month, start), min(month_end(month), end)
        covered = periods[(periods["tgl_mulai"] <= hi) & (periods["tgl_akhir"] >= lo)]
        out[month] = covered["w"].nunique()
        month = add_months(month, 1)
    return out


@PROPERTY_SETTINGS
@given(stores, days, days)
def test_premiums_are_worker_months_times_rate(data, first, second):
    start, end = sorted((first, second))
    con, periods = build(data)
    try:
        got = budget.premiums_by_month(con, start, end)
        expected = _worker_months_by_hand(periods, start, end)
        assert dict(zip(got["bulan"], got["pekerja_bulan"])) == expected
        rate = {m: (20_000 if m >= RATE_CHANGE[0] else 16_800) for m in expected}
        assert int(got["iuran_rp"].sum()) == sum(expected[m] * rate[m] for m in expected)
    finally:
        con.close()


@PROPERTY_SETTINGS
@given(stores, days)
def test_active_matches_plain_python_and_both_derivations(data, as_of):
    materialised, periods = build(data, materialise=True)
    inline, _ = build(data, materialise=False)
    try:
        covering = periods[(periods["tgl_mulai"] <= as_of) & (periods["tgl_akhir"] >= as_of)]
        assert coverage.active_count(materialised, as_of) == covering["w"].nunique()
        for by in ("kecamatan", "kelompok_umur", "desil"):
            a = coverage.active_workers(materialised, as_of, by=by)
            b = coverage.active_workers(inline, as_of, by=by)
            pd.testing.assert_frame_equal(a, b)
        lapsed = [coverage.lapsed_workers(c, FIRST_DAY, LAST_DAY, as_of)["berhenti"].iloc[0]
                  for c in (materialised, inline)]
        assert lapsed[0] == lapsed[1]
        ret = [coverage.retention(c, as_of) for c in (materialised, inline)]
        pd.testing.assert_frame_equal(ret[0], ret[1])
    finally:
        materialised.close()
        inline.close()


@PROPERTY_SETTINGS
@given(stores, days, st.sampled_from([None, "kecamatan", "sektor", "kelompok_umur", "jenis_kelamin"]))
def test_month_over_month_equals_the_single_indicators(data, as_of, by):
    from sigap_metrics.metrics import brief

    con, periods = build(data)
    try:
        filters = Filters()
        if by is not None:
            frame = coverage.active_workers(con, as_of, by=by)
            values = [v for v in frame[by] if not pd.isna(v)]
            if values:
                filters = _filter_for(by, values[0])
        table = brief.month_over_month(con, as_of, filters).set_index("indikator")
        for column, day in (("nilai", as_of), ("pembanding", brief.comparison_date(as_of))):
            first = day.replace(day=1)
            paid = claims.benefits_paid(con, first, day, filters).iloc[0]
            assert table[column].to_dict() == {
                "active_workers": coverage.active_count(con, day, filters),
                "new_workers": int(coverage.new_workers(con, first, day, filters)["baru"].iloc[0]),
                "lapsed_workers": int(coverage.lapsed_workers(con, first, day, day, filters)["berhenti"].iloc[0]),
                "claims_paid": int(paid["klaim_dibayar"]), "benefits_paid_rp": int(paid["manfaat_rp"]),
                "premiums_rp": budget.premiums_total(con, first, day, filters)}
    finally:
        con.close()
