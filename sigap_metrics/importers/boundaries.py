"""Official boundary polygons (GeoJSON) for the map: validated, then stored in batas_wilayah.

A file holds either the 12 kecamatan or the 56 kelurahan; the level is recognised from the codes. Every
feature must carry a Kemendagri code of the reference tables in its properties (`kode`), a valid
Polygon/MultiPolygon (shapely), and lon/lat coordinates inside Kota Bekasi (with a margin). Loading a
level replaces that level's polygons, in one transaction, logged in import_log as kind `batas_wilayah`.
Stored per area: one GeoJSON Feature (RFC 7946) with properties `kode`, `nama` (official name) and `level`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb
from shapely.geometry import shape
from shapely.validation import explain_validity

from ..reference import KECAMATAN, KELURAHAN
from ..store.sql import scalar
from .messages import FileRefused

BOUNDARY_KIND = "batas_wilayah"
# Kota Bekasi lies within lon 106.90–107.04, lat −6.40…−6.17 (official polygons); about 5 km of margin around it.
EXTENT = {"lon": (106.85, 107.09), "lat": (-6.45, -6.12)}
_CODE_KEYS = ("kode", "kode_kemendagri", "kode_wilayah", "kd_wilayah")
_NAMES = {a.kode: a.nama for a in (*KECAMATAN, *KELURAHAN)}
_LEVEL_CODES = {"kecamatan": {a.kode for a in KECAMATAN}, "kelurahan": {a.kode for a in KELURAHAN}}


def level_codes(level: str) -> frozenset[str]:
    """The reference codes of a level ("kecamatan": 12, "kelurahan": 56)."""
    return frozenset(_LEVEL_CODES[level])


def parse_boundaries(data: bytes) -> dict:
    """Validate a boundary GeoJSON; returns {level, features: {kode: feature JSON}} or raises FileRefused."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FileRefused("GEOJSON_TIDAK_SAH", detail="bukan teks UTF-8.") from None
    except json.JSONDecodeError as error:
        raise FileRefused("GEOJSON_TIDAK_SAH", detail=f"JSON rusak di baris {error.lineno}, kolom {error.colno}"
                                                       f" ({error.msg}).") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise FileRefused("GEOJSON_TIDAK_SAH", detail="isinya harus FeatureCollection.")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise FileRefused("GEOJSON_TIDAK_SAH", detail="FeatureCollection tanpa fitur.")
    codes = [_code(feature) for feature in features]
    unknown = [str(c) for c in codes if not any(c in known for known in _LEVEL_CODES.values())]
    if unknown:
        raise FileRefused("GEOJSON_KODE", count=len(unknown), codes=", ".join(unknown[:10]))
    levels = {level for c in codes for level, known in _LEVEL_CODES.items() if c in known}
    if len(levels) > 1:
        raise FileRefused("GEOJSON_LEVEL_CAMPUR")
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise FileRefused("GEOJSON_KODE_GANDA", codes=", ".join(repeated))
    level = levels.pop()
    geometry_problems, outside, swapped = [], [], 0
    stored = {}
    for code, feature in zip(codes, features):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        label = f"{code} {_NAMES[code]}"
        try:
            polygon = shape(geometry)
        except Exception as error:  # shapely raises several types for malformed geometry
            geometry_problems.append(f"{label} ({type(error).__name__}: {str(error)[:80]})")
            continue
        if polygon.geom_type not in ("Polygon", "MultiPolygon") or polygon.is_empty:
            geometry_problems.append(f"{label} (harus Polygon/MultiPolygon, bukan {polygon.geom_type})")
            continue
        if not polygon.is_valid:
            geometry_problems.append(f"{label} ({explain_validity(polygon)})")
            continue
        lon0, lat0, lon1, lat1 = polygon.bounds
        if not (EXTENT["lon"][0] <= lon0 and lon1 <= EXTENT["lon"][1] and EXTENT["lat"][0] <= lat0
                and lat1 <= EXTENT["lat"][1]):
            outside.append(label)
            swapped += EXTENT["lat"][0] <= lon0 and lon1 <= EXTENT["lat"][1]
            continue
        properties = {"kode": code, "nama": _NAMES[code], "level": level}
        stored[code] = json.dumps({"type": "Feature", "properties": properties, "geometry": geometry},
                                  separators=(",", ":"))
    if geometry_problems:
        raise FileRefused("GEOJSON_GEOMETRI", problems="; ".join(geometry_problems[:5]))
    if outside:
        raise FileRefused("GEOJSON_DI_LUAR_WILAYAH", problems=", ".join(outside[:5]), swapped=bool(swapped))
    return {"level": level, "features": stored, "sha256": hashlib.sha256(data).hexdigest()}


def _code(feature) -> str | None:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        return None
    properties = {str(k).lower(): v for k, v in feature["properties"].items()}
    for key in _CODE_KEYS:
        if properties.get(key) not in (None, ""):
            return _canonical_code(str(properties[key]))
    return None


def _canonical_code(text: str) -> str:
    """32.75.08 / 327508 → 32.75.08; 32.75.08.1001 / 3275081001 → 32.75.08.1001."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 6:
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}"
    if len(digits) == 10:
        return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"
    return text.strip()


def load_boundaries(con: duckdb.DuckDBPyConnection, parsed: dict, file_name: str, user: str) -> dict:
    """Replace the stored polygons of the file's level, in one transaction, and log the load."""
    level, features = parsed["level"], parsed["features"]
    started = dt.datetime.now()
    rows = [(level, code, text) for code, text in features.items()]
    con.execute("BEGIN TRANSACTION")
    try:
        import_id = scalar(con, "SELECT coalesce(max(import_id), 0) + 1 FROM import_log")
        con.execute("DELETE FROM batas_wilayah WHERE level = ?", [level])
        con.executemany("INSERT INTO batas_wilayah VALUES (?, ?, ?, ?)", [(*row, import_id) for row in rows])
        con.execute("INSERT INTO import_log (import_id, kind, file_name, sha256, imported_by, started_at, finished_at,"
                    " rows_read, accepted, rejected, updated, status, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0,"
                    " 'ok', ?)",
                    [import_id, BOUNDARY_KIND, file_name, parsed["sha256"], user, started, dt.datetime.now(),
                     len(rows), len(rows), f"batas {level}: {len(rows)} dari {len(_LEVEL_CODES[level])} wilayah"])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {"level": level, "features": len(rows), "expected": len(_LEVEL_CODES[level]), "import_id": import_id}


def load_boundary_dir(con: duckdb.DuckDBPyConnection, directory: Path) -> int:
    """Load every *.geojson in `directory` (used by the demo's --boundaries); returns polygons loaded."""
    total = 0
    for path in sorted(Path(directory).glob("*.geojson")):
        total += load_boundaries(con, parse_boundaries(path.read_bytes()), path.name, "demo")["features"]
    return total
