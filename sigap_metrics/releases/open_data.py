"""Open data of a published release: every table as CSV plus a Frictionless datapackage.json.

Built only from a stored release, and only from what it holds (its tables, dates and note), so the same
release always gives the same bytes: `export-open-data` today and next month, the page's downloads and the
static site agree to the byte.
"""
from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

from .. import publish
from ..metrics.suppression import HIDDEN_MARK
from .model import Release

ZIP_TIME = (1980, 1, 1, 0, 0, 0)          # fixed member time: the archive depends only on the release


def info_dict(release: Release) -> dict:
    info = release.info
    return {"bulan": info.month, "tanggal_referensi": info.reference_date.isoformat(), "revisi": info.revision,
            "status": info.status,
            "diterbitkan": info.published_at.isoformat() if info.published_at else None,
            "diterbitkan_oleh": info.published_by, "catatan": info.note,
            "rilis_berikutnya": info.next_release_date.isoformat() if info.next_release_date else None,
            "diganti": info.superseded_at.isoformat() if info.superseded_at else None,
            "alasan_diganti": info.superseded_reason, "demo": info.demo}


def datapackage(release: Release) -> dict:
    """A Frictionless Data Package descriptor for the CSV files of `release`."""
    info = release.info
    demo_note = " DATA DEMO (sintetis) / DEMO DATA (synthetic)." if info.demo else ""
    return {
        "name": f"{publish.PACKAGE_NAME}-{info.month}-r{info.revision}",
        "title": f"SIGAP Kota Bekasi: data terbuka / open data, {info.month}",
        "description": ("Angka agregat program SIGAP (jaminan sosial ketenagakerjaan JKK+JKM bagi pekerja rentan"
                        f" Kota Bekasi), rilis bulan {info.month}. Angka yang disembunyikan ditulis '{HIDDEN_MARK}'"
                        " (jumlah 1 sampai 9, atau angka yang dapat mengungkapnya). Tidak ada data perorangan. /"
                        f" Aggregate numbers of the SIGAP programme, release for {info.month}. Hidden numbers read"
                        f" '{HIDDEN_MARK}' (a count of 1 to 9, or a number that would reveal one). No individual"
                        " records." + demo_note),
        "version": str(info.revision),
        "created": info.published_at.isoformat() if info.published_at else None,
        "keywords": ["SIGAP", "BPJS Ketenagakerjaan", "Kota Bekasi", "pekerja rentan"],
        "sources": [{"title": f"{publish.SOURCE['id']} / {publish.SOURCE['en']}"}],
        "sigap": {"per_tanggal": info.reference_date.isoformat(), **info_dict(release)},
        "resources": [{
            "name": table.name, "path": table.name + ".csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": f"{table.title['id']} / {table.title['en']}",
            "description": f"{table.description['id']} / {table.description['en']}",
            "schema": table.schema(),
        } for table in release.tables.values()],
    }


def open_data_files(release: Release) -> dict[str, bytes]:
    """File name → content: every table as CSV, and datapackage.json describing them."""
    files = {table.name + ".csv": publish.csv_bytes(table) for table in release.tables.values()}
    files["datapackage.json"] = json.dumps(datapackage(release), ensure_ascii=False, indent=2).encode("utf-8")
    return files


def open_data_zip(release: Release) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in open_data_files(release).items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def write_open_data(release: Release, outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in open_data_files(release).items():
        path = outdir / name
        path.write_bytes(content)
        written.append(path)
    return written


def export_open_data_command(db_path: Path, outdir: Path, month: str | None) -> int:
    """`python -m sigap_metrics export-open-data OUTDIR [--month YYYY-MM]`: the latest published release (or
    the named month's); exit 2, nothing written, when there is none."""
    from ..store import connect
    from .store import ReleaseRefused, load_release

    if not db_path.exists():
        print(f"export-open-data: no store at {db_path}", file=sys.stderr)
        return 2
    con = connect(db_path, read_only=True)
    try:
        release = load_release(con, month)
    except ReleaseRefused as error:
        print(f"export-open-data: {error}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if release is None:
        which = f"for {month}" if month else "yet"
        print(f"export-open-data: no release is published {which} (python -m sigap_metrics release list)",
              file=sys.stderr)
        return 2
    written = write_open_data(release, outdir)
    print(json.dumps({"outdir": str(outdir), "month": release.info.month, "revision": release.info.revision,
                      "as_of": release.info.reference_date.isoformat(), "files": [p.name for p in written]}))
    return 0
