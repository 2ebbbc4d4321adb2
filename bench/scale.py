"""Benchmark at province scale (issue 13): a demo store of 10 million workers on this machine.

    python -m bench scale [--workers 10000000] [--seed 1] [--db PATH] [--runs 3]

Measures, each against its target:
- the demo build (`python -m sigap_metrics demo`, built part by part): wall time and peak memory (RSS) of the
  whole command, from /usr/bin/time -v, and the store's size on disk;
- `python -m sigap_metrics summary` (the whole command, read-only) and the summary function alone;
- the overview set (cards, trajectory, forecast, funnel, brief: bench.metrics.overview), cold and warm;
- every page's script run through AppTest as `admin` (bench.pages.time_pages), cold and warm;
- what a release freezes: the public page's datasets (`export-open-data`; `release prepare` is issue 11's);
- operations at this size: an import beside the app (the writer copies the store), `backup` and `check`;
- the scenario planner's input limit against the largest number the store holds.
The store is kept (default $SIGAP_BENCH_DIR/scale_N.duckdb) and its build figures in a JSON file beside it, so a
second run measures the rest without rebuilding. Results: bench/results/scale.md (with the load average).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .metrics import AS_OF, cache_dir

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results" / "scale.md"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
WORKERS = 10_000_000
TARGETS = {"demo_s": 600.0, "demo_rss_gb": 8.0, "summary_s": 3.0, "overview_s": 2.0, "page_warm_s": 3.0}
BENCH_KEY = "5c" * 32


def _env(db: Path) -> dict:
    return {**os.environ, "SIGAP_DB": str(db), "SIGAP_NIK_KEY": BENCH_KEY, "PYTHONPATH": str(ROOT)}


def _cli(db: Path, *args: str, timed: bool = False) -> tuple[float, subprocess.CompletedProcess, float | None]:
    """Run `python -m sigap_metrics ARGS`; returns wall seconds, the process and (timed) its peak RSS in GB."""
    prefix = ["/usr/bin/time", "-v"] if timed else []
    started = time.perf_counter()
    done = subprocess.run([*prefix, sys.executable, "-m", "sigap_metrics", *args], cwd=ROOT, env=_env(db),
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    rss = None
    if timed:
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        rss = int(found.group(1)) / 1024 / 1024 if found else None
    return elapsed, done, rss


def build(db: Path, workers: int, seed: int) -> dict:
    facts_file = db.with_suffix(".build.json")
    if db.exists() and facts_file.exists():
        print(f"  reusing {db} (built earlier; figures from {facts_file.name})", flush=True)
        return json.loads(facts_file.read_text())
    for leftover in db.parent.glob(db.name + "*"):
        if leftover.is_file():
            leftover.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    print(f"  building the demo of {workers:,} workers at {db} …", flush=True)
    seconds, _, rss = _cli(db, "demo", "--workers", str(workers), "--seed", str(seed), "--as-of", AS_OF.isoformat(),
                           "--db", str(db), timed=True)
    facts = {"demo_s": seconds, "demo_rss_gb": rss, "store_gb": db.stat().st_size / 1e9, "workers": workers,
             "seed": seed, "load_before": load_before, "load_after": os.getloadavg(),
             "built_on": dt.datetime.now().isoformat(timespec="minutes")}
    facts_file.write_text(json.dumps(facts))
    print(f"  demo {seconds:.0f} s, peak {rss:.2f} GB, store {facts['store_gb']:.2f} GB", flush=True)
    return facts


def measure(db: Path, runs: int) -> dict:
    from sigap_metrics.metrics import summary
    from sigap_metrics.metrics.scenario import scenario_limits
    from sigap_metrics import publish
    from sigap_metrics.store import connect

    from .metrics import overview
    from .pages import time_pages

    out: dict = {"load_start": os.getloadavg()}
    cli_runs = [_cli(db, "summary", "--db", str(db), "--as-of", AS_OF.isoformat())[0] for _ in range(runs)]
    out["summary_cli_s"] = (statistics.median(cli_runs), max(cli_runs))
    con = connect(db, read_only=True)
    try:
        fn_runs = []
        for _ in range(runs):
            started = time.perf_counter()
            head = summary(con, AS_OF)
            fn_runs.append(time.perf_counter() - started)
        out["summary_fn_s"] = (statistics.median(fn_runs), max(fn_runs))
        out["target"], out["active"] = head["target"], head["active_workers"]
        overview_runs = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            overview(con)
            overview_runs.append(time.perf_counter() - started)
        out["overview_s"] = (overview_runs[0], statistics.median(overview_runs[1:]), max(overview_runs[1:]))
        out["limits"] = scenario_limits(con)
        out["largest"] = con.execute("SELECT greatest((SELECT max(target_peserta) FROM tahap),"
                                     " (SELECT count(*) FROM pekerja), (SELECT count(*) FROM usulan))").fetchall()[0][0]
        out["rows"] = {t: con.execute("SELECT count(*) FROM " + t).fetchall()[0][0]   # fixed names, no input
                       for t in ("pekerja", "kepesertaan", "usulan", "klaim", "pelatihan_peserta")}
        started = time.perf_counter()   # what preparing a release computes: its public tables and their CSVs
        for table in publish.public_tables(con, AS_OF).values():
            publish.csv_bytes(table)
        out["release_tables_s"] = time.perf_counter() - started
    finally:
        con.close()
    print(f"  summary (command) {out['summary_cli_s'][0]:.2f} s, overview cold {out['overview_s'][0]:.2f} s"
          f" warm {out['overview_s'][1]:.2f} s, public tables {out['release_tables_s']:.1f} s", flush=True)
    out["pages"] = time_pages(db, runs)
    out["load_pages"] = os.getloadavg()
    return out


def operations(db: Path) -> dict:
    """A small import beside the app (a copy of the store is what the writer pays), backup and check."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="sigap_scale_ops_", dir=db.parent) as folder:
        work = Path(folder) / "ops.duckdb"
        started = time.perf_counter()
        shutil.copyfile(db, work)
        out["copy_s"] = time.perf_counter() - started
        out["import_s"] = _cli(work, "import", "pembayaran", str(FIXTURES / "pembayaran.csv"), "--db", str(work))[0]
        out["backup_s"] = _cli(work, "backup", str(Path(folder) / "backup"), "--db", str(work))[0]
        out["check_s"], done, _ = _cli(work, "check", "--db", str(work))
        out["check_exit"] = done.returncode
    print(f"  copy {out['copy_s']:.1f} s, import beside the app {out['import_s']:.1f} s, backup {out['backup_s']:.1f} s,"
          f" check {out['check_s']:.1f} s", flush=True)
    return out


def _verdict(value: float | None, target: float) -> str:
    return "—" if value is None else ("met" if value < target else "**missed**")


def report(build_facts: dict, m: dict, ops: dict, runs: int) -> str:
    import duckdb
    import streamlit

    b, T = build_facts, TARGETS
    warm = {row["page"]: row for row in m["pages"]}
    slow = [p for p, r in warm.items() if r["warm_s"] >= T["page_warm_s"]]
    lines = [
        "# Scale benchmark: 10 million workers", "",
        f"Generated by `python -m bench scale` on {dt.date.today().isoformat()}; machine: {platform.machine()},"
        f" {os.cpu_count()} CPU, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB RAM,"
        f" Python {platform.python_version()}, Streamlit {streamlit.__version__}, DuckDB {duckdb.__version__}."
        f" Demo of {b['workers']:,} workers, seed {b['seed']}, as of {AS_OF:%d %b %Y}; built {b['built_on']}.", "",
        "Load average (1/5/15 min) on this shared 2-core machine: before the build"
        f" {'/'.join(f'{x:.1f}' for x in b['load_before'])}, after it {'/'.join(f'{x:.1f}' for x in b['load_after'])};"
        f" before the measurements {'/'.join(f'{x:.1f}' for x in m['load_start'])}, after the pages"
        f" {'/'.join(f'{x:.1f}' for x in m['load_pages'])}. Times are wall-clock, so upper bounds.", "",
        "Store: " + ", ".join(f"{k} {v:,}" for k, v in m["rows"].items()) + f"; {b['store_gb']:.2f} GB on disk.", "",
        "| what | measured | target | verdict |", "|---|---:|---:|---|",
        f"| demo build, whole command | {b['demo_s'] / 60:.1f} min ({b['demo_s']:.0f} s) | < 10 min |"
        f" {_verdict(b['demo_s'], T['demo_s'])} |",
        f"| demo build, peak memory (RSS) | {b['demo_rss_gb']:.2f} GB | < 8 GB | {_verdict(b['demo_rss_gb'], T['demo_rss_gb'])} |",
        f"| `summary`, whole command (median of {runs}, max) | {m['summary_cli_s'][0]:.2f} s ({m['summary_cli_s'][1]:.2f}) |"
        f" < 3 s | {_verdict(m['summary_cli_s'][0], T['summary_s'])} |",
        f"| summary function alone (median, max) | {m['summary_fn_s'][0]:.2f} s ({m['summary_fn_s'][1]:.2f}) | — | |",
        f"| overview set, first run / warm median (max) | {m['overview_s'][0]:.2f} s / {m['overview_s'][1]:.2f} s"
        f" ({m['overview_s'][2]:.2f}) | < 2 s | {_verdict(m['overview_s'][1], T['overview_s'])} |",
        f"| public tables a release freezes (`export-open-data` datasets) | {m['release_tables_s']:.1f} s | — | |",
        f"| scenario planner's worker limit vs the largest number in the store | {m['limits']['workers']:,} vs"
        f" {m['largest']:,} | ≥ | {'met' if m['limits']['workers'] >= m['largest'] else '**missed**'} |",
        "", "Operations at this size (on a private copy of the store):", "",
        "| what | seconds |", "|---|---:|",
        f"| plain copy of the store file (what every write pays first, store/writer.py) | {ops['copy_s']:.1f} |",
        f"| `import pembayaran` (3 rows) beside the app: copy, import, derived tables, swap | {ops['import_s']:.1f} |",
        f"| `backup DIR` (copy, checksums of every table, manifest) | {ops['backup_s']:.1f} |",
        f"| `check` (exit {ops['check_exit']}) | {ops['check_s']:.1f} |",
        "", f"Pages (AppTest script run as admin; cold = data cache cleared; warm = median and max of {runs} runs):", "",
        "| page | cold s | warm s (max) | warm < 3 s |", "|---|---:|---:|---|"]
    for page, row in warm.items():
        lines.append(f"| {page} | {row['cold_s']:.2f} | {row['warm_s']:.2f} ({row['warm_max_s']:.2f}) |"
                     f" {_verdict(row['warm_s'], T['page_warm_s'])} |")
    lines += ["", "Every page opened without error." + (f" Warm runs over 3 s: {', '.join(slow)}." if slow else
                                                          " Every page's warm run is under 3 s.")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    db = Path(args.db) if args.db else cache_dir() / f"scale_{args.workers}.duckdb"
    os.environ["SIGAP_NIK_KEY"] = BENCH_KEY
    print(f"scale: {args.workers:,} workers", flush=True)
    build_facts = build(db, args.workers, args.seed)
    measured = measure(db, args.runs)
    ops = operations(db)
    text = report(build_facts, measured, ops, args.runs)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0
