"""Shared fixtures: a demo store built once per session, and fresh in-memory stores."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sigap_metrics.demo import create_demo_store
from sigap_metrics.store import connect, connect_memory

AS_OF = dt.date(2026, 11, 25)
NIK_KEY = bytes.fromhex("5e" * 32)
SHARED_GEO = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A default-size demo store file (seed 2025, as of 25 Nov 2026), built once; treat it as read-only."""
    path = tmp_path_factory.mktemp("demo") / "sigap.duckdb"
    create_demo_store(path, as_of=AS_OF)
    return path


@pytest.fixture(scope="session")
def demo_geo_db(tmp_path_factory) -> Path:
    """The default demo store with the reference boundary polygons of ../shared/data/geo loaded (as
    `demo --boundaries` does), built once; treat it as read-only."""
    if not SHARED_GEO.is_dir():
        pytest.fail(f"reference boundaries expected at {SHARED_GEO} (../shared/data/geo beside the repository)")
    path = tmp_path_factory.mktemp("demo_geo") / "sigap.duckdb"
    create_demo_store(path, as_of=AS_OF, boundaries_dir=SHARED_GEO)
    return path


@pytest.fixture()
def demo_con(demo_db):
    con = connect(demo_db, read_only=True)
    yield con
    con.close()


@pytest.fixture()
def memory_con():
    con = connect_memory()
    yield con
    con.close()


@pytest.fixture()
def shared_geo() -> Path:
    if not SHARED_GEO.is_dir():
        pytest.fail(f"reference boundaries expected at {SHARED_GEO} (../shared/data/geo beside the repository)")
    return SHARED_GEO

APP = Path(__file__).resolve().parents[1] / "app.py"


FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture(scope="session")
def privacy_db(tmp_path_factory) -> Path:
    """A small demo store (300 workers, so several groups are small) plus the hand-made import fixtures
    (names, birth dates, KPJ, NIK) and a peserta/usulan/pelatihan file whose name, occupation, agency and
    training fields hold spreadsheet formulas (FORMULA). Built once; treat it as read-only."""
    import csv

    from sigap_metrics.importers.commands import import_command

    folder = tmp_path_factory.mktemp("privacy")
    path = folder / "sigap.duckdb"
    create_demo_store(path, n_workers=300, as_of=AS_OF)
    fixtures = Path(__file__).resolve().parent / "fixtures" / "import"
    files = [("peserta", fixtures / "peserta.csv"), ("usulan", fixtures / "usulan.csv"),
             ("klaim", fixtures / "klaim.xlsx"), ("pelatihan", fixtures / "pelatihan.csv")]
    formula_rows = {
        "peserta": [["NIK", "KPJ", "NAMA", "TGL_LAHIR", "KECAMATAN", "KELURAHAN", "PEKERJAAN", "DESIL", "SUMBER_USULAN",
                     "TGL_MULAI", "TGL_AKHIR"],
                    ["3275081205850031", "25000000931", FORMULA, "12/05/1985", "Pondok Gede", "Jatiwaringin", FORMULA,
                     "3", FORMULA, "2026-01-01", "2026-12-31"],
                    ["3275081205850032", "25000000932", "@SUM(1+1)", "12/05/1985", "Pondok Gede", "Jatiwaringin",
                     "+cmd|' /C calc'!A0", "3", "-2+3", "2026-01-01", "2026-12-31"],
                    ["3275081205850033", "25000000933", FORMULA, "12/05/1985", FORMULA, "Jatiwaringin", "ojol", "3",
                     "Dinsos", "2026-01-01", "2026-12-31"]],
        "usulan": [["NIK", "SUMBER_USULAN", "TGL_USULAN", "DESIL", "STATUS_VERIFIKASI", "ALASAN", "KECAMATAN",
                    "KELURAHAN", "PEKERJAAN"],
                   ["3275081205850031", FORMULA, "2025-12-01", "3", "TIDAK LOLOS", FORMULA, "Pondok Gede",
                    "Jatiwaringin", FORMULA]],
        "pelatihan": [["KODE_PELATIHAN", "NAMA_PELATIHAN", "TGL_MULAI", "TGL_SELESAI", "KECAMATAN", "NIK", "STATUS"],
                      ["PLT-F1", FORMULA, "2026-02-01", "2026-02-05", "Pondok Gede", "3275081205850031", "LULUS"]],
    }
    # peserta last: the Data page's history opens on the newest import, so its quarantine and warnings
    # (which quote the formula) are among the files a browser downloads there
    for kind in ("usulan", "pelatihan", "peserta"):
        rows = formula_rows[kind]
        formula_file = folder / f"formula_{kind}.csv"
        with open(formula_file, "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        files.append((kind, formula_file))
    for kind, file in files:
        if import_command(path, kind, file, "test") != 0:
            pytest.fail(f"fixture import of {file} was refused")
    return path


@pytest.fixture(scope="session")
def sensitive_values() -> dict[str, set[str]]:
    """What must never be published, from the fixtures behind privacy_db: person names, KPJ numbers, NIKs
    and birth dates (as written in the files, and in ISO, dd/mm/yyyy and Indonesian long form)."""
    import importlib.util

    from sigap_metrics import fmt
    from sigap_metrics.demo import generate

    spec = importlib.util.spec_from_file_location(
        "build_fixtures", Path(__file__).resolve().parent / "fixtures" / "import" / "build_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generic = {"Orang", "Orang Lain", "Tanpa Identitas"}   # placeholder words in the fixtures, not names
    names = {row[1] for row in module.PESERTA_ROWS if row} | {row[1] for row in module.USULAN_ROWS}
    names |= {row[3] for row in module.KLAIM_ROWS} | {row[6] for row in module.PELATIHAN_ROWS}
    names = {n for n in names if n and len(n) >= 3} - generic
    demo = generate(300, 2025, AS_OF).peserta
    kpj = {row[0] for row in module.PESERTA_ROWS if row} | set(demo["kpj"].astype(str)) | {
        "25000000931", "25000000932", "25000000933"}
    niks = {row[2] for row in module.PESERTA_ROWS if row} | set(demo["nik"].astype(str))
    niks = {n for n in niks if len(n) == 16 and n.isdigit()}
    births = {row[3] for row in module.PESERTA_ROWS if row and row[3] and not row[3].isdigit()}
    for nik in niks:
        day, month, year = int(nik[6:8]) % 40, int(nik[8:10]), int(nik[10:12])
        try:
            born = dt.date(1900 + year if year > 26 else 2000 + year, month, day)
        except ValueError:
            continue
        births |= {born.isoformat(), born.strftime("%d/%m/%Y"), fmt.date(born, "id", "long")}
    return {"name": names, "kpj": kpj, "nik": niks, "birth": births}


# Modules that take a minute or more (browsers, servers, many stores): collected first, so that with two workers
# (pytest.ini) neither is left running one of them alone at the end. Order within a module is unchanged.
SLOW_MODULES = ("browser", "test_site.py", "test_release_attack", "test_import_fuzz", "test_auth_parallel",
                "test_demo.py", "test_backup", "test_metrics_properties", "test_import_cli", "test_suppression")


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: not any(part in item.nodeid.split("::")[0] for part in SLOW_MODULES))
