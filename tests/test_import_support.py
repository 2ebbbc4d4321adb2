"""Helpers shared by the tests/test_import_*.py modules (no tests here)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from sigap_metrics.importers.pipeline import commit
from sigap_metrics.store.sql import ident

from .conftest import NIK_KEY

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
FILES = {"anggaran": "anggaran.csv", "peserta": "peserta.csv", "usulan": "usulan.csv", "klaim": "klaim.xlsx",
         "pelatihan": "pelatihan.csv", "pembayaran": "pembayaran.csv"}
ORDER = ("anggaran", "peserta", "usulan", "klaim", "pelatihan", "pembayaran")


def fixture_source():
    """The module that built the fixtures: its row lists are the fixtures' content, in Python."""
    spec = importlib.util.spec_from_file_location("build_fixtures", FIXTURES / "build_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fixture_bytes(kind: str) -> bytes:
    return (FIXTURES / FILES[kind]).read_bytes()


def import_fixture(con, kind: str, data: bytes | None = None, name: str | None = None, user: str = "test"):
    return commit(con, kind, fixture_bytes(kind) if data is None else data, name or FILES[kind], user=user,
                  nik_key=NIK_KEY)


def import_all(con) -> dict:
    return {kind: import_fixture(con, kind) for kind in ORDER}


def tables(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                                      " AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]


def checksums(con) -> dict[str, tuple]:
    """Row count and an order-independent hash of every row, for every table of the store."""
    names = tables(con)
    return {name: con.execute(f"SELECT count(*), sum(hash(CAST(t AS VARCHAR))) FROM {ident(name, names)} AS t")
            .fetchall()[0] for name in names}


def text_cells(con) -> list[tuple[str, str, str]]:
    """(table, column, value) of every non-null text cell in the store."""
    names = tables(con)
    cells = []
    for name in names:
        columns = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND data_type = 'VARCHAR'",
            [name]).fetchall()]
        for column in columns:
            values = con.execute(f"SELECT {ident(column, columns)} FROM {ident(name, names)}"
                                 f" WHERE {ident(column, columns)} IS NOT NULL").fetchall()
            cells.extend((name, column, v[0]) for v in values)
    return cells
