"""Boundary GeoJSON: the official files load; broken ones are refused with a message that says why."""
import copy
import json

import pytest
from shapely.geometry import shape

from sigap_metrics.importers.boundaries import load_boundaries, load_boundary_dir, parse_boundaries
from sigap_metrics.importers.commands import boundaries_command
from sigap_metrics.importers.messages import FileRefused

from .conftest import AS_OF
from .test_import_support import checksums


@pytest.fixture()
def kecamatan_doc(shared_geo):
    return json.loads((shared_geo / "kota_bekasi_kecamatan.geojson").read_text())


def _bytes(doc) -> bytes:
    return json.dumps(doc).encode()


def test_the_official_files_load(memory_con, shared_geo):
    assert load_boundary_dir(memory_con, shared_geo) == 12 + 56
    counts = dict(memory_con.execute("SELECT level, count(*) FROM batas_wilayah GROUP BY 1").fetchall())
    assert counts == {"kecamatan": 12, "kelurahan": 56}
    kode, text = memory_con.execute("SELECT kode, geojson FROM batas_wilayah WHERE kode = '32.75.08'").fetchall()[0]
    feature = json.loads(text)
    assert feature["type"] == "Feature"
    assert feature["properties"] == {"kode": "32.75.08", "nama": "Pondokgede", "level": "kecamatan"}
    assert shape(feature["geometry"]).is_valid
    log = memory_con.execute("SELECT kind, rows_read, accepted FROM import_log ORDER BY import_id").fetchall()
    assert log == [("batas_wilayah", 12, 12), ("batas_wilayah", 56, 56)]


def test_loading_a_level_again_replaces_it(memory_con, shared_geo):
    data = (shared_geo / "kota_bekasi_kecamatan.geojson").read_bytes()
    load_boundaries(memory_con, parse_boundaries(data), "a.geojson", "t")
    result = load_boundaries(memory_con, parse_boundaries(data), "b.geojson", "t")
    assert result == {"level": "kecamatan", "features": 12, "expected": 12, "import_id": 2}
    assert memory_con.execute("SELECT count(*), min(import_id) FROM batas_wilayah").fetchall() == [(12, 2)]


def test_codes_written_as_digits_are_recognised(kecamatan_doc):
    for feature in kecamatan_doc["features"]:
        feature["properties"] = {"KODE": feature["properties"]["kode"].replace(".", "")}
    assert parse_boundaries(_bytes(kecamatan_doc))["level"] == "kecamatan"


def _refusal(data: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        parse_boundaries(data)
    return caught.value


def test_bad_json_is_refused_with_its_position():
    refusal = _refusal(b'{"type": "FeatureCollection", "features": [')
    assert refusal.code == "GEOJSON_TIDAK_SAH" and "baris 1" in refusal.message()


def test_not_a_feature_collection_is_refused():
    assert _refusal(b'{"type": "Point", "coordinates": [106.9, -6.2]}').code == "GEOJSON_TIDAK_SAH"
    assert _refusal(b"[]").code == "GEOJSON_TIDAK_SAH"
    assert _refusal(b'{"type": "FeatureCollection", "features": []}').code == "GEOJSON_TIDAK_SAH"


def test_unknown_codes_are_refused_and_named(kecamatan_doc):
    kecamatan_doc["features"][3]["properties"]["kode"] = "32.75.99"
    del kecamatan_doc["features"][4]["properties"]["kode"]
    refusal = _refusal(_bytes(kecamatan_doc))
    assert refusal.code == "GEOJSON_KODE"
    assert "32.75.99" in refusal.message() and "2 fitur" in refusal.message()


def test_out_of_range_coordinates_are_refused(kecamatan_doc):
    feature = kecamatan_doc["features"][0]
    rings = feature["geometry"]["coordinates"]
    feature["geometry"]["coordinates"] = [[[x + 1.0, y] for x, y in ring] for ring in rings]
    refusal = _refusal(_bytes(kecamatan_doc))
    assert refusal.code == "GEOJSON_DI_LUAR_WILAYAH"
    assert "32.75.01 Bekasi Timur" in refusal.message()


def test_swapped_lat_lon_gets_a_hint(kecamatan_doc):
    for feature in kecamatan_doc["features"]:
        feature["geometry"]["coordinates"] = [[[y, x] for x, y in ring] for ring in feature["geometry"]["coordinates"]]
    assert "tertukar" in _refusal(_bytes(kecamatan_doc)).message()


def test_self_intersecting_polygon_is_refused(kecamatan_doc):
    # A bow tie inside the city: the ring crosses itself.
    kecamatan_doc["features"][7]["geometry"] = {"type": "Polygon", "coordinates": [[
        [106.92, -6.26], [106.94, -6.28], [106.94, -6.26], [106.92, -6.28], [106.92, -6.26]]]}
    refusal = _refusal(_bytes(kecamatan_doc))
    assert refusal.code == "GEOJSON_GEOMETRI"
    assert "32.75.08 Pondokgede" in refusal.message() and "Self-intersection" in refusal.message()


def test_mixed_levels_and_repeated_codes_are_refused(kecamatan_doc, shared_geo):
    kelurahan = json.loads((shared_geo / "kota_bekasi_kelurahan.geojson").read_text())
    mixed = copy.deepcopy(kecamatan_doc)
    mixed["features"].append(kelurahan["features"][0])
    assert _refusal(_bytes(mixed)).code == "GEOJSON_LEVEL_CAMPUR"
    repeated = copy.deepcopy(kecamatan_doc)
    repeated["features"].append(repeated["features"][0])
    assert _refusal(_bytes(repeated)).code == "GEOJSON_KODE_GANDA"


def test_cli_loads_and_refuses(tmp_path, shared_geo, kecamatan_doc, capsys):
    db = tmp_path / "s.duckdb"
    assert boundaries_command(db, shared_geo / "kota_bekasi_kelurahan.geojson") == 0
    assert json.loads(capsys.readouterr().out)["features"] == 56
    from sigap_metrics.store import connect
    con = connect(db)
    before = checksums(con)
    con.close()
    broken = tmp_path / "broken.geojson"
    kecamatan_doc["features"][0]["geometry"]["coordinates"][0][2] = [120.0, 5.0]  # one vertex far away
    broken.write_text(json.dumps(kecamatan_doc))
    assert boundaries_command(db, broken) == 2
    assert "Geometri tidak sah pada 32.75.01 Bekasi Timur" in capsys.readouterr().err
    con = connect(db)
    assert checksums(con) == before
    con.close()


def test_the_demo_loads_boundaries_when_given_a_folder(tmp_path, shared_geo):
    from sigap_metrics.demo import create_demo_store
    loaded = create_demo_store(tmp_path / "d.duckdb", n_workers=300, as_of=AS_OF, boundaries_dir=shared_geo)
    assert loaded["boundaries"] == 68
