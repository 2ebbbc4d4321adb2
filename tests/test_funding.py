"""SUMBER_IURAN as offices write it: stored as a funding-source code the dashboard's filter offers (issue 10:
the filter allowed APBD/CSR/LAINNYA while imports stored any text)."""
from __future__ import annotations

import pytest

from sigap_metrics.importers.pipeline import commit
from sigap_metrics.reference import FUNDING_CODES, funding_name, match_funding
from sigap_metrics.store import connect_memory
from sigap_metrics.ui.state import ALLOWED

from .conftest import NIK_KEY

HEADER = "NIK,KPJ,KECAMATAN,KELURAHAN,PEKERJAAN,TGL_MULAI,TGL_AKHIR,SUMBER_IURAN"
# written form → the code a reader of the file would file it under
WRITTEN = [("APBD", "APBD"), ("apbd kota bekasi", "APBD"), ("APBD 2026", "APBD"), ("Pemkot Bekasi", "APBD"),
           ("APBD Prov. Jabar", "APBD_PROV"), ("Banprov", "APBD_PROV"), ("DBH CHT", "DBHCHT"),
           ("Cukai hasil tembakau", "DBHCHT"), ("CSR PT Maju Jaya", "CSR"), ("TJSL BUMN", "CSR"),
           ("Baznas Kota Bekasi", "BAZNAS"), ("Lain-lain", "LAINNYA"), ("Dana Desa", None), ("xyz", None)]


@pytest.mark.parametrize("written, code", WRITTEN)
def test_written_forms_map_to_codes(written, code):
    assert match_funding(written) == code


def test_names_in_both_languages():
    assert funding_name("APBD", "id") == "APBD Kota Bekasi" and funding_name("CSR", "en") == "Company CSR"
    assert funding_name("UNKNOWN", "en") == "UNKNOWN"


def test_imported_values_are_always_offered_by_the_filter():
    rows = [f"32750812058500{i:02d},250000000{i:02d},Pondokgede,Jatiwaringin,ojol,2026-01-01,2026-12-31,{written}"
            for i, (written, _) in enumerate(WRITTEN, start=10)]
    rows.append("3275081205850099,25000000099,Pondokgede,Jatiwaringin,ojol,2026-01-01,2026-12-31,")  # empty: APBD
    con = connect_memory()
    result = commit(con, "peserta", "\n".join([HEADER, *rows]).encode(), "p.csv", user="t", nik_key=NIK_KEY)
    assert result.accepted == len(rows) and result.rejected == 0
    stored = dict(con.execute("SELECT sumber_iuran, count(*) FROM kepesertaan GROUP BY 1").fetchall())
    # by hand from WRITTEN: APBD 4 + the empty cell 1; APBD_PROV 2; DBHCHT 2; CSR 2; BAZNAS 1; LAINNYA 1 + 2 unmatched
    assert stored == {"APBD": 5, "APBD_PROV": 2, "DBHCHT": 2, "CSR": 2, "BAZNAS": 1, "LAINNYA": 3}
    assert set(stored) <= set(ALLOWED["sumber_iuran"]) == set(FUNDING_CODES)
    warned = con.execute("SELECT count(*), any_value(message) FROM import_catatan WHERE code = 'SUMBER_IURAN_LAINNYA'"
                         ).fetchone()
    assert warned[0] == 2 and "Dana Desa" not in warned[1] and "LAINNYA" in warned[1]
    con.close()


def test_a_store_from_before_maps_its_funding_text(tmp_path):
    """Migration 7: text a v6 store holds becomes the code an import now gives it; the derived tables are stale."""
    import duckdb

    from sigap_metrics.store import MIGRATIONS, connect, seed_reference
    from sigap_metrics.metrics import derived

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)")
    for migration in (m for m in MIGRATIONS if m.version <= 6):
        for statement in migration.statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [migration.version, migration.description])
    seed_reference(con)
    written = ["APBD", "apbd kota bekasi", "APBD Prov. Jabar", "DBH CHT", "CSR PT Maju Jaya", "Baznas", "Dana Desa"]
    con.execute("INSERT INTO pekerja (pekerja_id, nik_hash) SELECT i, 'h' || i FROM range(?) AS r(i)", [len(written)])
    for i, text in enumerate(written):
        con.execute("INSERT INTO kepesertaan (pekerja_id, tgl_mulai, tgl_akhir, kecamatan_kode, sektor, sumber_iuran)"
                    " VALUES (?, DATE '2026-01-01', DATE '2026-12-31', '32.75.08', 'OJOL', ?)", [i, text])
    derived.refresh(con)
    con.close()
    con = connect(path)   # opening writable applies the missing migrations
    got = [r[0] for r in con.execute("SELECT sumber_iuran FROM kepesertaan ORDER BY pekerja_id").fetchall()]
    assert got == ["APBD", "APBD", "APBD_PROV", "DBHCHT", "CSR", "BAZNAS", "LAINNYA"]
    assert got == [match_funding(text) or "LAINNYA" for text in written]   # as an import maps them today
    assert not derived.is_current(con)
    con.close()
