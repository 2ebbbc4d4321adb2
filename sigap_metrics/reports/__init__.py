"""Printed reports: the mayor's monthly brief (PDF) and the budget planners' workbook (XLSX).

No Streamlit here; reports take a connection and get every number from the metric functions.
"""
from __future__ import annotations

from pathlib import Path

from ..cli_support import EXIT_OK, Refusal, open_reader, run
from .monthly import build_monthly_brief, parse_month
from .workbook import build_workbook

__all__ = ["build_monthly_brief", "build_workbook", "report_command"]


def report_command(db_path: Path, args) -> int:
    """`report monthly --month YYYY-MM --out F.pdf` / `report workbook --year YYYY --out F.xlsx` (reads the live
    store read-only, so it runs beside the app and beside an import)."""
    def body() -> int:
        try:
            if args.report_command == "monthly":
                parse_month(args.month)
            elif not 2000 <= args.year <= 2100:
                raise ValueError(f"not a plausible year: {args.year}")
        except ValueError as error:
            raise Refusal(str(error)) from None
        con = open_reader(db_path)
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
    return run("report", Path(db_path), body)
