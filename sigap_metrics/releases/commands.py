"""`python -m sigap_metrics release prepare|publish|list`: JSON on stdout; refusals exit 2 and write nothing."""
from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .store import ReleaseRefused, list_releases, prepare, publish_release, quality_gate


def info_json(info) -> dict:
    return {key: (value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value)
            for key, value in asdict(info).items()}


def release_command(db_path: Path, args) -> int:
    """prepare and publish change the store through its writer (beside a running app, landing whole or not at
    all); list reads it. A refusal (ReleaseRefused, no store, store busy) exits 2 and writes nothing."""
    from ..cli_support import EXIT_OK, Refusal, open_reader, open_writer, run

    def body() -> int:
        try:
            if args.release_command == "list":
                con = open_reader(db_path)
                try:
                    infos = list_releases(con)
                finally:
                    con.close()
                if not args.json:
                    print(_table(infos))
                    return EXIT_OK
                out = [{key: info_json(info)[key] for key in LIST_KEYS} for info in infos]
            else:
                if not Path(db_path).exists():
                    raise Refusal(f"no store at {db_path} (run `python -m sigap_metrics demo` or import files)")
                with open_writer(db_path) as con:
                    if args.release_command == "prepare":
                        info = prepare(con, args.month, by=args.by)
                        out = info_json(info) | {"quality": quality_gate(con, info.month, info.revision)}
                    else:
                        out = info_json(publish_release(con, args.month, by=args.by, note=args.note))
                if args.release_command == "publish":          # the static site follows every release (issue 14)
                    reader = open_reader(db_path)
                    try:
                        _refresh_site(reader)
                    finally:
                        reader.close()
        except ReleaseRefused as error:
            raise Refusal(str(error)) from None
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    return run(f"release {args.release_command}", Path(db_path), body)


LIST_KEYS = ("month", "reference_date", "status", "published_at", "published_by", "revision", "note",
             "next_release_date", "superseded_reason")


def _table(infos) -> str:
    if not infos:
        return "no releases"
    rows = [("month", "reference", "rev", "status", "published_at", "published_by", "note")]
    rows += [(i.month, i.reference_date.isoformat(), str(i.revision), i.status,
              i.published_at.isoformat(sep=" ") if i.published_at else "-", i.published_by or "-",
              i.note or i.superseded_reason or "") for i in infos]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def _refresh_site(con) -> None:
    """Renew the static site the app serves (sigap_metrics.site); a failure is reported, the release stands."""
    from ..site import refresh_app_site
    try:
        refresh_app_site(con)
    except Exception as error:                          # noqa: BLE001
        print(f"release publish: published, but the static site was not renewed ({error}); run"
              " `python -m sigap_metrics publish-site static/site`", file=sys.stderr)
