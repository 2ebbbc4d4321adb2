"""Acceptance 4 of issue 12: after importing every fixture (the messy files of each kind and the workbooks shaped
as offices save them), no text cell of any table holds a NIK-, phone-, NIP- or e-mail-shaped string or a name
written in the fixtures: accepted rows, the quarantine (row_values, reason), warnings and the import log alike."""
import importlib.util
import re

import pytest

from sigap_metrics.importers.pipeline import commit

from .conftest import NIK_KEY
from .test_import_support import FIXTURES, fixture_source, import_all, text_cells

SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
PHONE = re.compile(r"(?<![\d\w])(?:\+62|62|0)[ .-]?8(?:[ .-]?\d){7,11}(?!\d)")
NIP = re.compile(r"(?<!\d)\d{8} ?\d{6} ?\d ?\d{3}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _workbooks():
    spec = importlib.util.spec_from_file_location("workbooks", FIXTURES / "workbooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def store_cells():
    from sigap_metrics.store import connect_memory

    con = connect_memory()
    import_all(con)
    W = _workbooks()
    commit(con, "peserta", W.dinsos_workbook(), "dinsos.xlsx", user="t", nik_key=NIK_KEY)
    commit(con, "usulan", W.usulan_csv(), "usulan.csv", user="t", nik_key=NIK_KEY)
    for name, (build, kind, *_expected) in W.CLERK_FILES.items():
        commit(con, kind, build(), name, user="t", nik_key=NIK_KEY)
    cells = text_cells(con)
    counts = con.execute("SELECT count(*) FROM karantina").fetchone()[0], con.execute(
        "SELECT count(*) FROM import_catatan").fetchone()[0]
    con.close()
    return cells, counts, W


def _names(W) -> set[str]:
    src = fixture_source()
    names = {r[1] for r in src.PESERTA_ROWS if r} | {r[1] for r in src.USULAN_ROWS}
    names |= {r[3] for r in src.KLAIM_ROWS} | {r[6] for r in src.PELATIHAN_ROWS}
    names |= set(W.NAMES) | set(W.CLERK_NAMES) | {"Yayah", "Budi Hartono", "Ahmad Suryadi", "Cecep Gunawan"}
    return {n for n in names if n}


def test_every_text_cell_is_free_of_personal_shapes_and_fixture_names(store_cells):
    cells, (quarantined, warned), W = store_cells
    assert quarantined > 30 and warned > 10 and len(cells) > 200  # the scan saw the quarantine and the warnings
    scanned = {(table, column) for table, column, _ in cells}
    assert {("karantina", "row_values"), ("karantina", "reason"), ("import_catatan", "message"),
            ("usulan", "alasan"), ("kepesertaan", "sumber_usulan")} <= scanned
    names = _names(W)
    secrets = (names | set(W.PHONES) | set(W.NIPS) | set(W.EMAILS) | set(W.ADDRESSES) | set(W.CLERK_SECRETS)
               | set(W.SIGNATURE_TEXTS))
    for table, column, value in cells:
        if column in ("nik_hash", "sha256"):  # hex digests
            assert re.fullmatch(r"[0-9a-f]{64}", value)
            continue
        for pattern in (SIXTEEN_DIGITS, PHONE, NIP, EMAIL):
            assert not pattern.search(value), (table, column, value)
        for secret in secrets:
            assert not re.search(r"(?<!\w)" + re.escape(secret) + r"(?!\w)", value, re.IGNORECASE), (
                table, column, secret, value)


def test_the_scan_would_see_a_leak():
    """The patterns above catch each shape as the files write it (the scan cannot pass vacuously)."""
    W = _workbooks()
    for phone in W.PHONES:
        assert PHONE.search(f"x {phone} y")
    for nip in W.NIPS:
        assert NIP.search(f"NIP. {nip}")
    assert SIXTEEN_DIGITS.search("a 3275081205860001 b") and EMAIL.search(W.EMAILS[0])
