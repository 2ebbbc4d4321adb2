"""Upgrades: a store made by every earlier schema version migrates to the current one with its numbers unchanged.

For each version k below the current one, the store that version of SIGAP Monitor would have made is built here:
the first k migrations only, the reference data, and the demo's programme data in the columns that existed at k.
It is then opened the way operators do (the CLI's read-only `summary`, which upgrades an older store through the
writer's swap first) and compared with the demo store it was shaped from: the same summary, the same rows.
The loop covers every version below the current one, so migrations added later are covered as they come.
"""
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sigap_metrics.metrics import summary
from sigap_metrics.store import MIGRATIONS, SCHEMA_VERSION, connect, seed_reference

from .conftest import AS_OF

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = {"kecamatan", "kelurahan", "wilayah_alias", "sektor", "sektor_alias", "schema_migrations"}
EARLIER = [m.version for m in MIGRATIONS if m.version < SCHEMA_VERSION]


def _columns(con, catalog: str, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = ? AND table_name = ?"
        " ORDER BY ordinal_position", [catalog, table]).fetchall()]


def _quoted(names) -> str:
    return ", ".join('"' + n.replace('"', '') + '"' for n in names)


def _old_store(path: Path, version: int, source: Path) -> dict[str, list[str]]:
    """The store schema `version` made, holding the source store's data; returns its tables and columns."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR,"
                " applied_at TIMESTAMP)")
    for migration in MIGRATIONS:
        if migration.version > version:
            break
        for statement in migration.statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [migration.version, migration.description])
    seed_reference(con)
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(source)])
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
        " AND table_type = 'BASE TABLE'").fetchall()]
    shape = {}
    for table in tables:
        old = _columns(con, "old", table) or _columns(con, path.stem, table)
        shape[table] = old
        if table in REFERENCE:
            continue
        common = [c for c in old if c in _columns(con, "src", table)]
        con.execute(f'DELETE FROM "{table}"')   # tarif_iuran is seeded: take the source's rows instead
        con.execute(f'INSERT INTO "{table}" ({_quoted(common)}) SELECT {_quoted(common)} FROM src."{table}"')
    con.execute("DETACH src")
    con.execute("CHECKPOINT")
    con.close()
    return shape


def _rows(con, table: str, columns: list[str]) -> list[tuple]:
    return con.execute(f'SELECT {_quoted(columns)} FROM "{table}" ORDER BY ALL').fetchall()


@pytest.mark.parametrize("version", EARLIER)
def test_a_store_of_every_earlier_schema_migrates_with_its_numbers_unchanged(version, demo_db, tmp_path):
    path = tmp_path / "old.duckdb"
    shape = _old_store(path, version, demo_db)
    source = connect(demo_db, read_only=True)
    expected = summary(source, AS_OF)
    before = {t: _rows(source, t, cols) for t, cols in shape.items() if t not in REFERENCE}
    source.close()
    assert expected["active_workers"] > 1000 and expected["claims_paid"] > 0   # a store worth comparing

    done = subprocess.run([sys.executable, "-m", "sigap_metrics", "summary", "--json", "--as-of", AS_OF.isoformat(),
                           "--db", str(path)], capture_output=True, text=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "SIGAP_NIK_KEY": "ab" * 32})
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got == json.loads(json.dumps(expected, default=str))

    migrated = connect(path, read_only=True)
    try:
        applied = [r[0] for r in migrated.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
        assert applied == [m.version for m in MIGRATIONS]
        for table, rows in before.items():
            assert _rows(migrated, table, shape[table]) == rows, table
    finally:
        migrated.close()


def test_every_earlier_version_is_covered():
    assert EARLIER == [m.version for m in MIGRATIONS][:-1] and len(EARLIER) >= 2
