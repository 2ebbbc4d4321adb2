"""python -m sigap_metrics: the operators' and automation's command line (DESIGN §7).

This module only parses arguments and dispatches; each command's work lives in the package that owns it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from . import config
from .cli_support import EXIT_OK, EXIT_REFUSED, EXIT_UNHEALTHY, Refusal, open_reader, open_writer, run


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
    demo.add_argument("--boundaries", default=None, help="folder with kecamatan/kelurahan GeoJSON to load")

    summary = sub.add_parser("summary", parents=[common], help="the overview's headline indicators")
    summary.add_argument("--as-of", type=_date, default=None)
    summary.add_argument("--json", action="store_true")

    imp = sub.add_parser("import", parents=[common], help="import a file (prints one JSON object)")
    imp.add_argument("kind", choices=("peserta", "usulan", "klaim", "pelatihan", "pembayaran", "anggaran"))
    imp.add_argument("file")
    imp.add_argument("--user", default="cli")
    imp.add_argument("--sheet", default=None, help="XLSX: the sheet to read (default: the one whose header fits)")

    bounds = sub.add_parser("boundaries", parents=[common], help="load a kecamatan or kelurahan GeoJSON")
    bounds.add_argument("file")

    open_data = sub.add_parser("export-open-data", parents=[common],
                               help="the latest (or the named month's) published release as CSV + data dictionary")
    open_data.add_argument("outdir")
    open_data.add_argument("--month", default=None, help="YYYY-MM (default: the latest published release)")

    release = sub.add_parser("release", parents=[common], help="monthly releases of the public numbers")
    release_sub = release.add_subparsers(dest="release_command", required=True)
    prepare = release_sub.add_parser("prepare", parents=[common], help="compute a month's draft release")
    prepare.add_argument("--month", required=True, help="YYYY-MM")
    prepare.add_argument("--by", default="cli", help="who prepares it (recorded)")
    publish = release_sub.add_parser("publish", parents=[common], help="publish a month's draft release")
    publish.add_argument("--month", required=True, help="YYYY-MM")
    publish.add_argument("--by", required=True, help="a stored user with role pimpinan or admin")
    publish.add_argument("--note", default=None, help="public note; required (the reason) for a revision")
    listing = release_sub.add_parser("list", parents=[common], help="every release and its status")
    listing.add_argument("--json", action="store_true")

    site = sub.add_parser("publish-site", parents=[common], help="write the public static site of the releases")
    site.add_argument("outdir")
    site.add_argument("--month", default=None, help="YYYY-MM: the site as it stood with that month's release")

    user = sub.add_parser("user", parents=[common], help="manage users")
    user_sub = user.add_subparsers(dest="user_command", required=True)
    user_add = user_sub.add_parser("add", parents=[common], help="add or reset a user (password from prompt/stdin)")
    user_add.add_argument("name")
    user_add.add_argument("--role", required=True, choices=("pimpinan", "anggaran", "operator", "admin"))

    backup = sub.add_parser("backup", parents=[common],
                            help="consistent copy of the store (+ sign-in state) with a manifest, beside the app")
    backup.add_argument("dir", help="a new (or empty) folder")
    backup.add_argument("--with-key", default=None, metavar="PATH",
                        help="also copy the NIK key to PATH (outside DIR: keep the key apart from the data)")
    restore = sub.add_parser("restore", parents=[common], help="install a backup as the store (checks it first)")
    restore.add_argument("dir")
    restore.add_argument("--replace", action="store_true", help="overwrite an existing store")
    check = sub.add_parser("check", parents=[common], help="health for monitoring: exit 0 healthy, 1 not")
    check.add_argument("--json", action="store_true")

    report = sub.add_parser("report", parents=[common], help="printable reports")
    report_sub = report.add_subparsers(dest="report_command", required=True)
    monthly = report_sub.add_parser("monthly", parents=[common], help="the mayor's monthly brief (PDF)")
    monthly.add_argument("--month", required=True, help="YYYY-MM")
    monthly.add_argument("--out", required=True)
    workbook = report_sub.add_parser("workbook", parents=[common], help="the budget planners' workbook (XLSX)")
    workbook.add_argument("--year", type=int, required=True)
    workbook.add_argument("--out", required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = config.db_path(args.db)
    handlers = {"init": _init, "demo": _demo, "summary": _summary, "import": _import, "boundaries": _boundaries,
                "export-open-data": _open_data, "release": _release, "publish-site": _publish_site, "user": _user,
                "report": _report, "backup": _backup, "restore": _restore, "check": _check}
    return handlers[args.command](args, path)


def _init(args, path: Path) -> int:
    def body() -> int:
        with open_writer(path) as con:
            version = con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0]
        print(f"store {path}: schema v{version}")
        return EXIT_OK
    return run("init", path, body)


def _demo(args, path: Path) -> int:
    from .demo import assumptions, create_demo_store

    workers = args.workers or assumptions.DEFAULT_WORKERS
    seed = assumptions.DEFAULT_SEED if args.seed is None else args.seed
    started = time.perf_counter()

    def body() -> int:
        try:
            loaded = create_demo_store(path, n_workers=workers, seed=seed, as_of=args.as_of,
                                       files_dir=Path(args.files) if args.files else None,
                                       boundaries_dir=Path(args.boundaries) if args.boundaries else None)
        except ValueError as error:
            raise Refusal(str(error)) from None
        print(json.dumps({"db": str(path), "workers": workers, "seed": seed, "rows": loaded,
                          "seconds": round(time.perf_counter() - started, 1)}))
        return EXIT_OK
    return run("demo", path, body)


def _summary(args, path: Path) -> int:
    """Read-only (works beside the running app); the date defaults to the app's (dates.data_as_of)."""
    from .dates import data_as_of
    from .metrics import summary

    def body() -> int:
        con = open_reader(path)
        try:
            result = summary(con, args.as_of or data_as_of(con))
        finally:
            con.close()
        print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else format_summary(result))
        return EXIT_OK
    return run("summary", path, body)


def _backup(args, path: Path) -> int:
    from .privacy import load_key
    from .store.backup import BackupRefused, backup

    def body() -> int:
        key_file = config.nik_key_file(path)
        key = load_key(key_file)
        key_copy = None
        if args.with_key:
            if not key_file.exists():
                raise Refusal(f"--with-key: no key file at {key_file} (a key given as SIGAP_NIK_KEY is not copied)")
            key_copy = (key_file, Path(args.with_key))
        try:
            manifest = backup(path, Path(args.dir), key=key, key_copy=key_copy)
        except BackupRefused as error:
            raise Refusal(str(error)) from None
        print(json.dumps({"dir": args.dir, "schema_version": manifest["schema_version"],
                          "rows": sum(t["rows"] for t in manifest["tables"].values()),
                          "files": sorted(manifest["files"]), "key_copied_to": manifest.get("key_copied_to")}))
        return EXIT_OK
    return run("backup", path, body)


def _restore(args, path: Path) -> int:
    from .privacy import load_key
    from .store.backup import BackupRefused, restore

    def body() -> int:
        try:
            manifest = restore(Path(args.dir), path, key=load_key(config.nik_key_file(path)), replace=args.replace)
        except BackupRefused as error:
            raise Refusal(str(error)) from None
        print(json.dumps({"db": str(path), "from": args.dir, "backup_created_at": manifest["created_at"],
                          "schema_version": manifest["schema_version"]}))
        return EXIT_OK
    return run("restore", path, body)


def _check(args, path: Path) -> int:
    """Exit 0 when healthy, 1 when not (a store that does not open is unhealthy too, not a refusal)."""
    from . import health
    from .privacy import load_key

    try:
        con = open_reader(path, upgrade=False)
    except Exception as error:   # noqa: BLE001 - any reason the store does not open is the first fact
        found = [health.Fact("store_opens", health.FAIL, getattr(error, "message", None) or str(error))]
    else:
        try:
            found = health.facts(con, store_path=path, key=load_key(config.nik_key_file(path)))
        finally:
            con.close()
    ok = health.healthy(found)
    if args.json:
        print(json.dumps({"healthy": ok, "facts": [f.__dict__ for f in found]}, ensure_ascii=False, indent=2))
    else:
        width = max(len(f.key) for f in found) + 2
        print("\n".join(f"{f.status.upper():<5} {f.key:<{width}}{f.value}" for f in found))
    return EXIT_OK if ok else EXIT_UNHEALTHY


def _import(args, path: Path) -> int:
    from .importers.commands import import_command
    return import_command(path, args.kind, Path(args.file), args.user, sheet=args.sheet)


def _boundaries(args, path: Path) -> int:
    from .importers.commands import boundaries_command
    return boundaries_command(path, Path(args.file))


def _open_data(args, path: Path) -> int:
    from .releases.open_data import export_open_data_command
    return export_open_data_command(path, Path(args.outdir), args.month)


def _release(args, path: Path) -> int:
    from .releases.commands import release_command
    return release_command(path, args)


def _publish_site(args, path: Path) -> int:
    from .site import publish_site_command
    return publish_site_command(path, Path(args.outdir), args.month)


def _user(args, path: Path) -> int:
    from .auth import user_add_command
    return user_add_command(path, args.name, args.role)


def _report(args, path: Path) -> int:
    from .reports import report_command
    return report_command(path, args)


def format_summary(result: dict, lang: str = "id") -> str:
    """The summary as aligned lines of text: labels, units and id_ID formatting from the catalogue."""
    from . import fmt
    from .catalogue import summary_view
    from .i18n import t

    rows = [row for row in summary_view(result, lang) if row["key"] not in ("as_of", "demo")]
    width = max(len(row["label"]) for row in rows) + 2
    lines = [f"SIGAP — {t('as_of', lang)} {fmt.date(result['as_of'], lang)}" + ("  [DATA DEMO]" if result["demo"] else "")]
    lines += [f"{row['label']:<{width}}{row['text']}" for row in rows]
    return "\n".join(lines)
