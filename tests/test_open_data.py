"""`python -m sigap_metrics export-open-data OUTDIR`: every table of the latest published release as CSV and
a Frictionless datapackage.json that validates and describes every field; nothing personal and no count from
1 to 9. (Refusals and --month: test_releases.py.)"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Package, validate

from sigap_metrics.releases import load_release
from sigap_metrics.releases.open_data import open_data_zip
from sigap_metrics.exports import FORMULA_STARTS
from sigap_metrics.metrics.suppression import HIDDEN_MARK, THRESHOLD
from sigap_metrics.store import connect

from .test_public import assert_nothing_personal

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = "2026-10-31"        # the demo (as of 25 Nov 2026) has published its releases through October
TABLES = ("ringkasan", "kecamatan", "sektor", "jenis_kelamin", "klaim", "tahap", "perkembangan", "definisi")


@pytest.fixture(scope="module")
def exported(privacy_db, tmp_path_factory) -> Path:
    """The command run as an operator would, in its own process, on a copy of the store."""
    folder = tmp_path_factory.mktemp("open_data")
    db = folder / "store.duckdb"
    shutil.copy(privacy_db, db)
    out = folder / "out"
    result = subprocess.run([sys.executable, "-m", "sigap_metrics", "export-open-data", str(out), "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["month"], report["as_of"]) == ("2026-10", REFERENCE)     # the latest published release
    return out


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_every_table_is_written_with_the_dictionary(exported):
    assert sorted(p.name for p in exported.iterdir()) == sorted([f"{t}.csv" for t in TABLES] + ["datapackage.json"])


def test_datapackage_validates_with_frictionless(exported):
    report = validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    assert report.stats["tasks"] == len(TABLES)


def test_datapackage_describes_every_field_of_every_file(exported):
    descriptor = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["path"] for r in descriptor["resources"]} == {f"{t}.csv" for t in TABLES}
    for resource in descriptor["resources"]:
        header = next(csv.reader(io.StringIO((exported / resource["path"]).read_text(encoding="utf-8"))))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, resource["name"]
        for field in fields:
            assert field["title"].strip() and field["description"].strip(), (resource["name"], field["name"])
            assert " / " in field["description"], "described in Indonesian and English"
        assert resource["title"] and resource["description"]
    assert descriptor["sigap"]["per_tanggal"] == REFERENCE and descriptor["sigap"]["demo"] is True
    assert descriptor["sigap"]["rilis_berikutnya"] == "2026-12-15" and descriptor["created"] == "2026-11-15T09:00:00"


def test_typed_values_read_back_through_frictionless(exported, privacy_db):
    package = Package(str(exported / "datapackage.json"))
    sector = package.get_resource("sektor").read_rows()
    con = connect(privacy_db)
    expected = load_release(con).tables["sektor"].frame
    assert [row["kode"] for row in sector] == list(expected["kode"])
    assert [row["pekerja_aktif"] for row in sector] == [None if pd.isna(v) else int(v)
                                                         for v in expected["pekerja_aktif"]]
    assert all(row["per_tanggal"].isoformat() == REFERENCE for row in sector)


def test_open_data_contains_nothing_personal(exported, sensitive_values):
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(exported.iterdir()))
    assert_nothing_personal(text, sensitive_values)


def test_open_data_contains_no_count_from_one_to_nine(exported):
    descriptor = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    checked = 0
    for resource in descriptor["resources"]:
        integers = [f["name"] for f in resource["schema"]["fields"] if f["type"] == "integer"]
        for row in _rows(exported / resource["path"]):
            for name in integers:
                if row[name] != "":
                    checked += 1
                    assert not 0 < int(row[name]) < THRESHOLD, (resource["name"], name, row)
    for row in _rows(exported / "ringkasan.csv"):
        if row["satuan"] == "count" and row["nilai"] != "":
            checked += 1
            assert not 0 < float(row["nilai"]) < THRESHOLD, row
    assert checked > 50
    marks = {row["pekerja_aktif_tanda"] for row in _rows(exported / "sektor.csv")}
    assert marks == {"", HIDDEN_MARK}, "the small store has small sectors: the check above is not vacuous"


def test_no_cell_could_start_a_formula(exported):
    for path in exported.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS) or _is_number(cell), (path.name, cell)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_zip_on_the_page_holds_the_same_files(privacy_db, exported):
    con = connect(privacy_db)
    archive = zipfile.ZipFile(io.BytesIO(open_data_zip(load_release(con))))
    assert sorted(archive.namelist()) == sorted(p.name for p in exported.iterdir())
    for name in archive.namelist():
        assert archive.read(name) == (exported / name).read_bytes(), name


def test_command_refuses_a_missing_store(tmp_path, capsys):
    from sigap_metrics.cli import main
    assert main(["export-open-data", str(tmp_path / "out"), "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no store" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
