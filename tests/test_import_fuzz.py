"""Fuzzing: random rows and random bytes never raise anything but a refusal, and never write half an import."""
import csv
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigap_metrics.importers.load import ImportResult
from sigap_metrics.importers.messages import FileRefused
from sigap_metrics.importers.pipeline import commit
from sigap_metrics.importers.schemas import SCHEMAS
from sigap_metrics.store import connect_memory

from .conftest import NIK_KEY
from .test_import_support import checksums, import_fixture

# Values that parsers meet in real files, plus their near misses.
PLAUSIBLE = st.sampled_from([
    "", " ", "3275081205850001", "3275084512900002", "3.27508E+15", "327508120585000", "3275083002900001",
    "25000000001", "2025-11-05", "05/11/2025", "5 Nov 2025", "31/02/2025", "45966", "2025-11", "November 2025",
    "Rp16.800", "Rp 16.800,00", "16800.0", "-1", "Pondok Gede", "PONDOKGEDE", "Pd. Gede", "Jatiwaringin", "08", "1003",
    "Bintara", "ojol", "astronot", "L", "P", "PEREMPUAN", "3", "11", "LOLOS", "TIDAK LOLOS", "DIBAYAR", "JKK", "JKM",
    "LULUS", "TAHAP1", "=1+1", "NULL", "nan", "None", "\u00a0", "Jl. Mawar; Gg. 3", 'a "quoted" value', "x" * 300,
])
CELL = st.one_of(PLAUSIBLE, st.text(max_size=12))
# FUZZ_EXAMPLES=1000 for a longer local hunt; the suite runs 60 examples per test.
SETTINGS = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def store():
    con = connect_memory()
    import_fixture(con, "anggaran")
    import_fixture(con, "peserta")  # so that claims and trainings can find workers
    yield con
    con.close()


def _outcome(con, kind, data):
    """Import `data`; check the store either took the whole import or nothing at all."""
    before = checksums(con)
    logged = con.execute("SELECT count(*) FROM import_log").fetchall()[0][0]
    quarantined = con.execute("SELECT count(*) FROM karantina").fetchall()[0][0]
    try:
        result = commit(con, kind, data, "fuzz.csv", user="fuzz", nik_key=NIK_KEY)
    except FileRefused as refusal:
        assert refusal.message("id") and refusal.message("en")
        assert checksums(con) == before
        return None
    assert isinstance(result, ImportResult)
    if result.duplicate_file:
        assert checksums(con) == before
        return result
    assert result.accepted + result.rejected == result.rows_read
    assert con.execute("SELECT count(*) FROM import_log").fetchall()[0][0] == logged + 1
    assert con.execute("SELECT count(*) FROM karantina").fetchall()[0][0] == quarantined + result.rejected
    assert con.execute("SELECT rows_read, accepted, rejected FROM import_log WHERE import_id = ?",
                       [result.import_id]).fetchall() == [(result.rows_read, result.accepted, result.rejected)]
    return result


@st.composite
def files(draw):
    kind = draw(st.sampled_from(list(SCHEMAS)))
    headers = [name for f in SCHEMAS[kind].fields for name in [draw(st.sampled_from(f.names))]]
    if draw(st.booleans()):
        headers = draw(st.permutations(headers))
    if draw(st.integers(0, 4)) == 0:  # sometimes a column goes missing
        headers = headers[:-1]
    rows = draw(st.lists(st.lists(CELL, min_size=len(headers) - 1, max_size=len(headers) + 1), max_size=12))
    delimiter = draw(st.sampled_from([",", ";"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return kind, buffer.getvalue().encode(encoding, errors="replace")


@SETTINGS
@given(files())
def test_random_rows_are_imported_whole_or_refused_whole(store, case):
    kind, data = case
    _outcome(store, kind, data)


@SETTINGS
@given(st.sampled_from(list(SCHEMAS)), st.binary(max_size=600))
def test_random_bytes_are_refused_cleanly(store, kind, data):
    _outcome(store, kind, data)


@SETTINGS
@given(st.sampled_from(list(SCHEMAS)), st.binary(max_size=400))
def test_a_valid_header_followed_by_random_bytes(store, kind, tail):
    header = ";".join(f.header for f in SCHEMAS[kind].fields).encode()
    _outcome(store, kind, header + b"\n" + tail)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_inside_a_zip_container(store, tail):
    # Starts like an XLSX (zip) file but is not one.
    _outcome(store, "peserta", b"PK\x03\x04" + tail)


XLSX_CELL = st.one_of(CELL, st.none(), st.booleans(), st.integers(-10**17, 10**17),
                      st.floats(allow_nan=False, allow_infinity=False, width=32),
                      st.datetimes(min_value=__import__("datetime").datetime(1900, 3, 1),
                                   max_value=__import__("datetime").datetime(2100, 1, 1)))


@settings(max_examples=max(SETTINGS.max_examples // 3, 10), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(list(SCHEMAS)), st.data())
def test_random_xlsx_cells(store, kind, data):
    """Excel cells of every type (numbers, dates, booleans, empty) under a kind's header."""
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError
    headers = [f.header for f in SCHEMAS[kind].fields]
    rows = data.draw(st.lists(st.lists(XLSX_CELL, min_size=len(headers), max_size=len(headers)), max_size=6))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    buffer = io.BytesIO()
    try:
        for row in rows:
            sheet.append(row)
        book.save(buffer)
    except IllegalCharacterError:  # control characters no spreadsheet can hold: not a file anyone can send
        return
    _outcome(store, kind, buffer.getvalue())
