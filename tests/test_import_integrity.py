"""Re-imports, corrections, atomicity and personal data: what the store holds after imports."""
import re

import pytest

from sigap_metrics.importers import load
from sigap_metrics.privacy import hash_nik

from .conftest import NIK_KEY
from .test_import_support import ORDER, checksums, fixture_bytes, fixture_source, import_all, import_fixture, text_cells

SRC = fixture_source()


def test_reimporting_the_same_file_changes_nothing(memory_con):
    first = import_all(memory_con)
    before = checksums(memory_con)
    for kind in ORDER:
        again = import_fixture(memory_con, kind, name=f"again-{kind}")
        assert again.duplicate_file
        assert again.import_id == first[kind].import_id
        assert again.rows_read == first[kind].rows_read
        assert (again.accepted, again.rejected, again.updated) == (0, 0, 0)
    assert checksums(memory_con) == before


def test_a_corrected_file_updates_only_the_changed_rows(memory_con):
    import_fixture(memory_con, "anggaran")
    first = import_fixture(memory_con, "peserta")
    text = fixture_bytes("peserta").decode("cp1252")
    # Line 9 (P6, accepted): kelurahan Jatirasa → Jatimekar (both in Jatiasih). Line 17 (rejected): the misspelt
    # kecamatan fixed. Everything else as before.
    fixed = text.replace("Jati Asih;Jatirasa;", "Jati Asih;Jatimekar;").replace("Pondok Gedhe", "Pondok Gede")
    assert fixed != text
    second = import_fixture(memory_con, "peserta", data=fixed.encode("cp1252"), name="peserta-perbaikan.csv")
    # 26 rows read; the fixed line 17 is accepted now: 12 accepted, 14 rejected; one existing period changed.
    assert (second.rows_read, second.accepted, second.rejected, second.updated) == (26, 12, 14, 1)
    assert not second.duplicate_file
    assert memory_con.execute("SELECT count(*) FROM kepesertaan").fetchall()[0][0] == 12   # 11 + the fixed line 17
    assert memory_con.execute("SELECT count(*) FROM pekerja").fetchall()[0][0] == 11
    touched = memory_con.execute(
        "SELECT k.kelurahan_kode FROM kepesertaan k JOIN pekerja p USING (pekerja_id) WHERE k.import_id = ?"
        " AND p.nik_hash = ?", [second.import_id, hash_nik(NIK_KEY, SRC.P6)]).fetchall()
    assert touched == [("32.75.09.1001",)]
    # Rows that did not change keep the import that wrote them.
    by_import = dict(memory_con.execute("SELECT import_id, count(*) FROM kepesertaan GROUP BY 1").fetchall())
    assert by_import == {first.import_id: 10, second.import_id: 2}


def _failing_after(real):
    def loader(con, import_id):
        real(con, import_id)  # every row of the file has been written inside the transaction…
        raise RuntimeError("injected failure")  # …and then something goes wrong
    return loader


@pytest.mark.parametrize("kind", ORDER)
def test_a_failure_halfway_leaves_every_table_as_before(memory_con, monkeypatch, kind):
    for earlier in ORDER[:ORDER.index(kind)]:
        import_fixture(memory_con, earlier)
    before = checksums(memory_con)
    monkeypatch.setitem(load._LOADERS, kind, _failing_after(load._LOADERS[kind]))
    with pytest.raises(RuntimeError, match="injected"):
        import_fixture(memory_con, kind)
    assert checksums(memory_con) == before


def test_a_failure_inside_an_upsert_step_rolls_back(memory_con, monkeypatch):
    import_fixture(memory_con, "anggaran")
    before = checksums(memory_con)
    real = load._run_upsert

    def upsert_then_fail(con, table, *args, **kwargs):
        real(con, table, *args, **kwargs)
        raise OSError("disk full")  # after pekerja and kepesertaan rows were written

    monkeypatch.setattr(load, "_run_upsert", upsert_then_fail)
    with pytest.raises(OSError):
        import_fixture(memory_con, "peserta")
    assert checksums(memory_con) == before
    monkeypatch.undo()
    assert import_fixture(memory_con, "peserta").accepted == 11  # and the store is usable afterwards


def test_no_table_holds_a_name_phone_address_or_nik(memory_con):
    import_all(memory_con)
    rows = [r for rows in (SRC.PESERTA_ROWS, SRC.USULAN_ROWS, SRC.KLAIM_ROWS, SRC.PELATIHAN_ROWS) for r in rows if r]
    names = {SRC.PESERTA_ROWS[i][1] for i, r in enumerate(SRC.PESERTA_ROWS) if r}
    names |= {r[1] for r in SRC.USULAN_ROWS} | {r[3] for r in SRC.KLAIM_ROWS} | {r[6] for r in SRC.PELATIHAN_ROWS}
    phones = {r[14] for r in SRC.PESERTA_ROWS if r and r[14]}
    addresses = {r[15] for r in SRC.PESERTA_ROWS if r and r[15]} | {"Jl. Mawar", "Gg. 3"}
    niks = {c for r in rows for c in r if isinstance(c, str) and re.fullmatch(r"\d{15,16}", c)}
    assert len(names) > 20 and len(phones) == 3 and len(niks) > 20
    cells = text_cells(memory_con)
    assert len(cells) > 100
    for table, column, value in cells:
        if column in ("nik_hash", "sha256"):  # hex digests: may hold 16 decimal digits in a row by chance
            assert re.fullmatch(r"[0-9a-f]{64}", value)
            continue
        for secret in names | phones | addresses | niks:
            assert not re.search(r"\b" + re.escape(secret) + r"\b", value), (table, column, secret)
        assert not re.search(r"(?<!\d)\d{16}(?!\d)", value), (table, column, value)
        digits = re.sub(r"\D", "", value)
        for phone in phones:
            assert re.sub(r"\D", "", phone) not in digits or len(digits) > 20, (table, column)
