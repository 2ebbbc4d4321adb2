"""`python -m sigap_metrics release prepare|publish|list`: JSON on stdout; refusals exit 2 and write nothing."""
from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .store import ReleaseRefused, list_releases, prepare, publish_release, quality_gate

EXIT_OK, EXIT_REFUSED = 0, 2


def info_json(info) -> dict:
    return {key: (value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value)
            for key, value in asdict(info).items()}


def release_command(db_path: Path, args) -> int:
    from ..store import connect

    if not db_path.exists():
        print(f"release: no store at {db_path} (run `python -m sigap_metrics demo` or import files)", file=sys.stderr)
        return EXIT_REFUSED
    con = connect(db_path)
    try:
        if args.release_command == "prepare":
            info = prepare(con, args.month, by=args.by)
            out = info_json(info) | {"quality": quality_gate(con, info.month, info.revision)}
        elif args.release_command == "publish":
            out = info_json(publish_release(con, args.month, by=args.by, note=args.note))
            _refresh_site(con)                                  # issue 14: the static site follows every release
        else:
            infos = list_releases(con)
            if not args.json:
                print(_table(infos))
                return EXIT_OK
            out = [{key: info_json(info)[key] for key in LIST_KEYS} for info in infos]
    except ReleaseRefused as error:
        print(f"release {args.release_command}: {error}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return EXIT_OK


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
