"""Printed reports: the mayor's monthly brief (PDF) and the budget planners' workbook (XLSX).

No Streamlit here; reports take a connection and get every number from the metric functions.
"""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from ..store import SCHEMA_VERSION, connect, schema_version
from .monthly import build_monthly_brief, parse_month
from .workbook import build_workbook

EXIT_OK, EXIT_REFUSED = 0, 2

__all__ = ["build_monthly_brief", "build_workbook", "report_command"]


def report_command(db_path: Path, args) -> int:
    """`report monthly --month YYYY-MM --out F.pdf` / `report workbook --year YYYY --out F.xlsx`."""
    db_path = Path(db_path)
    if not db_path.exists():
        print(f"report: no store at {db_path} (run `python -m sigap_metrics demo` or import files)", file=sys.stderr)
        return EXIT_REFUSED
    try:
        if args.report_command == "monthly":
            parse_month(args.month)
        elif not 2000 <= args.year <= 2100:
            raise ValueError(f"not a plausible year: {args.year}")
    except ValueError as error:
        print(f"report: {error}", file=sys.stderr)
        return EXIT_REFUSED
    try:
        con = _open(db_path)
    except duckdb.Error as error:
        print(f"report: {_store_unavailable(db_path, error)}", file=sys.stderr)
        return EXIT_REFUSED
    try:
        if args.report_command == "monthly":
            data = build_monthly_brief(con, args.month)
        else:
            data = build_workbook(con, args.year)
    finally:
        con.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    print(f"report: wrote {out} ({len(data):,} bytes)")
    return EXIT_OK


def _open(db_path: Path):
    """Read-only (a report writes nothing, and other readers may hold the file), unless the store still needs
    a migration, which only a writable connection can apply."""
    con = connect(db_path, read_only=True)
    if schema_version(con) >= SCHEMA_VERSION:
        return con
    con.close()
    return connect(db_path)


def _store_unavailable(db_path: Path, error: Exception) -> str:
    if "lock" in str(error).lower():
        return (f"store {db_path} sedang dipakai proses lain (mis. aplikasi SIGAP Monitor yang berjalan). Unduh"
                f" laporan dari dasbor (Ringkasan / Anggaran & skenario), atau hentikan aplikasinya dulu. ({error})")
    return f"store {db_path} tidak bisa dibuka: {error}"
