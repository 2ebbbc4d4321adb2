"""python -m sigap_metrics: the operators' and automation's command line (DESIGN §7)."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time

from . import config
from .store import connect

EXIT_OK, EXIT_REFUSED = 0, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="store file (default: $SIGAP_DB or data/sigap.duckdb)")
    parser = argparse.ArgumentParser(prog="python -m sigap_metrics", description="SIGAP Monitor command line",
                                     parents=[common])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", parents=[common], help="create or migrate the store (idempotent)")
    demo = sub.add_parser("demo", parents=[common], help="fill an empty store with demo data")
    demo.add_argument("--workers", type=int, default=None, help="distinct workers ever enrolled (default 12,300)")
    demo.add_argument("--seed", type=int, default=None)
    demo.add_argument("--as-of", type=_date, default=None, help="the demo's today (default: today)")
    demo.add_argument("--files", default=None, help="also write the demo as operator CSV files into this folder")
    summary = sub.add_parser("summary", parents=[common], help="the overview's headline indicators")
    summary.add_argument("--as-of", type=_date, default=None)
    summary.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = config.db_path(args.db)
    handler = {"init": _init, "demo": _demo, "summary": _summary}[args.command]
    return handler(args, path)


def _init(args, path) -> int:
    con = connect(path)
    version = con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0]
    print(f"store {path}: schema v{version}")
    return EXIT_OK


def _demo(args, path) -> int:
    from .demo import assumptions, build_demo, generate, write_files
    from .store import nik_key

    con = connect(path)
    started = time.perf_counter()
    workers = args.workers or assumptions.DEFAULT_WORKERS
    seed = assumptions.DEFAULT_SEED if args.seed is None else args.seed
    try:
        loaded = build_demo(con, nik_key=nik_key(con, config.nik_key_file(path)), n_workers=workers, seed=seed,
                            as_of=args.as_of)
    except ValueError as error:
        print(f"demo: {error}", file=sys.stderr)
        return EXIT_REFUSED
    if args.files:
        from pathlib import Path
        write_files(generate(workers, seed, args.as_of or dt.date.today()), Path(args.files))
    con.execute("CHECKPOINT")
    print(json.dumps({"db": str(path), "workers": workers, "seed": seed, "rows": loaded,
                      "seconds": round(time.perf_counter() - started, 1)}))
    return EXIT_OK


def _summary(args, path) -> int:
    from .metrics import summary

    if not path.exists():
        print(f"summary: no store at {path} (run `python -m sigap_metrics demo` or import files)", file=sys.stderr)
        return EXIT_REFUSED
    con = connect(path)
    result = summary(con, args.as_of or dt.date.today())
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_summary(result))
    return EXIT_OK


def format_summary(result: dict, lang: str = "id") -> str:
    """The summary as aligned lines of text, id_ID formatted."""
    from . import fmt
    from .i18n import t

    money = {"benefits_paid_rp", "premiums_rp", "pagu_rp"}
    pct = {"attainment_pct", "realisation_pct"}
    lines = [f"SIGAP — {t('as_of', lang)} {fmt.date(result['as_of'], lang)}" + ("  [DATA DEMO]" if result["demo"] else "")]
    lines.append(f"{t('phase', lang):<28} {result['phase'] or '–'}")
    for key in ("target", "active_workers", "attainment_pct", "new_this_month", "lapsed_this_month", "claims_paid",
                "benefits_paid_rp", "premiums_rp", "pagu_rp", "realisation_pct"):
        value = result[key]
        text = fmt.rupiah(value, lang) if key in money else fmt.percent(value, lang) if key in pct else fmt.number(value, lang)
        lines.append(f"{t(key, lang):<28} {text}")
    return "\n".join(lines)
