"""Benchmark of the import pipeline (DESIGN §8, issue 4): a 100k-row peserta file as CSV and as XLSX,
generated from the demo generator, imported into a fresh store through the same path as
`python -m sigap_metrics import peserta FILE` (read → validate → load, one transaction). Writes
bench/results/imports.md. Targets on the 2-core reference machine: 100k CSV < 15 s, 100k XLSX < 60 s.

    python -m bench imports [--rows 100000] [--csv-runs 3] [--xlsx-runs 1] [--small 10000] [--hostile-only]

It also imports hostile and junk files (issue 12: 50 MB of junk, a 50 MB field, an XLSX claiming the whole sheet)
under `/usr/bin/time -v`, and writes bench/results/imports_hostile.md (target: < 1 GB peak, no traceback).

Each import runs in its own Python process (a fresh store each time), so the time is that of one import
from the file's bytes to the commit, without interpreter start-up, and the peak memory is the process's
peak resident set (ru_maxrss), which counts DuckDB's and Arrow's native memory; "above start" subtracts
what the process held before the import began (Python, pandas, DuckDB loaded, store open). Files are
cached in $SIGAP_BENCH_DIR (default /tmp/sigap_bench).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "imports.md"
BENCH_DIR = Path(os.environ.get("SIGAP_BENCH_DIR", "/tmp/sigap_bench"))
AS_OF = dt.date(2026, 11, 25)
SEED = 2025
TARGETS = {"csv": 15.0, "xlsx": 60.0}  # seconds for 100k rows
BENCH_KEY = bytes.fromhex("b3" * 32)


def build_files(rows: int) -> dict[str, Path]:
    """peserta_<rows>.csv and .xlsx from the demo generator (cached): operator headers, NIK as text."""
    import pandas as pd

    from sigap_metrics.demo.generate import generate
    from sigap_metrics.importers.schemas import FILE_HEADERS

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    paths = {"csv": BENCH_DIR / f"peserta_{rows}.csv", "xlsx": BENCH_DIR / f"peserta_{rows}.xlsx"}
    if all(p.exists() for p in paths.values()):
        return paths
    workers = int(rows / 1.7) + 1000  # the demo has about 1.76 coverage periods per worker
    frame = generate(workers, SEED, AS_OF).peserta
    while len(frame) < rows:
        workers *= 2
        frame = generate(workers, SEED, AS_OF).peserta
    headers = {c: h for c, h in FILE_HEADERS["peserta"].items() if c in frame.columns}
    frame = frame.head(rows)[list(headers)].rename(columns=headers)
    frame.to_csv(paths["csv"], index=False)
    _write_xlsx(frame.astype("string").fillna(""), paths["xlsx"])
    return paths


def _write_xlsx(frame, path: Path) -> None:
    """Every cell written as text (as an operator's sheet with the NIK column formatted as Text), row by row
    with xlsxwriter's constant-memory mode."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("peserta")
    sheet.write_row(0, 0, list(frame.columns))
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        sheet.write_row(i, 0, row)
    book.close()


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child(file: Path, db: Path) -> dict:
    """One import in this process: seconds from bytes to commit, and memory."""
    from sigap_metrics.importers.pipeline import commit
    from sigap_metrics.store import connect

    con = connect(db)
    data = file.read_bytes()
    start_mb = _rss_mb()
    started = time.perf_counter()
    result = commit(con, "peserta", data, file.name, user="bench", nik_key=BENCH_KEY)
    seconds = time.perf_counter() - started
    con.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "start_mb": start_mb, **result.as_dict()}


def _run_child(file: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "bench.imports", "--child", str(file), str(Path(tmp) / "b.duckdb")]
        done = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    if done.returncode != 0:
        raise RuntimeError(f"import of {file} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(file: Path, runs: int) -> dict:
    results = [_run_child(file) for _ in range(runs)]
    seconds = [r["seconds"] for r in results]
    first = results[0]
    return {"runs": runs, "median": statistics.median(seconds), "min": min(seconds),
            "peak_mb": max(r["peak_mb"] for r in results),
            "above_mb": max(r["peak_mb"] - r["start_mb"] for r in results),
            "rows_read": first["rows_read"], "accepted": first["accepted"], "rejected": first["rejected"]}


def table(rows: list[tuple[str, int, dict, float | None]]) -> list[str]:
    lines = ["| file | rows | runs | median s | min s | rows/s | peak RSS MB | above start MB | target | met |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, n, m, target in rows:
        met = "–" if target is None else ("yes" if m["median"] < target else "**no**")
        lines.append(f"| {name} | {n:,} | {m['runs']} | {m['median']:.2f} | {m['min']:.2f} | "
                     f"{m['rows_read'] / m['median']:,.0f} | {m['peak_mb']:.0f} | {m['above_mb']:.0f} | "
                     f"{'< ' + format(target, '.0f') + ' s' if target else '–'} | {met} |")
    return lines


def run(out_lines: list[str], rows: int = 100_000, csv_runs: int = 3, xlsx_runs: int = 1, small: int = 10_000) -> bool:
    """Build the files, time the imports, append the markdown report to out_lines; True when targets are met."""
    load_before = os.getloadavg()[0]
    busy = " (other work was running on the machine, so the times are upper bounds)" if load_before > 1 else ""
    measured = []
    if small:
        paths = build_files(small)
        measured.append((f"peserta CSV ({paths['csv'].stat().st_size / 2**20:.1f} MB)", small,
                         measure(paths["csv"], csv_runs), None))
    paths = build_files(rows)
    csv_result = measure(paths["csv"], csv_runs)
    xlsx_result = measure(paths["xlsx"], xlsx_runs)
    measured.append((f"peserta CSV ({paths['csv'].stat().st_size / 2**20:.1f} MB)", rows, csv_result,
                     TARGETS["csv"] if rows == 100_000 else None))
    measured.append((f"peserta XLSX ({paths['xlsx'].stat().st_size / 2**20:.1f} MB)", rows, xlsx_result,
                     TARGETS["xlsx"] if rows == 100_000 else None))
    for _name, _n, m, _t in measured:
        assert m["rejected"] == 0 and m["accepted"] == m["rows_read"], "benchmark files must import cleanly"
    out_lines += [
        "# Import benchmark", "",
        f"`python -m bench imports` on {dt.date.today().isoformat()}: {platform.platform()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load average {load_before:.1f} at the start"
        f"{busy}. Demo peserta files (seed {SEED}, as of {AS_OF}), "
        "imported into a fresh store through `importers.pipeline.commit` (read → validate → load, one transaction).",
        "Time: from the file's bytes to the commit, median of the runs (interpreter start-up not included). "
        "Memory: peak resident set of the importing process (native memory included); 'above start' is the peak "
        "minus what the process held before the import began.", "",
        *table(measured), ""]
    return all(m["median"] < t for _n, _r, m, t in measured if t is not None)


HOSTILE_RESULTS = RESULTS.with_name("imports_hostile.md")
HOSTILE_MEMORY_MB = 1024  # DESIGN §4.2: a 50 MB junk file stays under 1 GB


def build_hostile(folder: Path) -> dict[str, tuple[Path, str]]:
    """Junk and hostile files (issue 12), name → (path, what it is). Deterministic (seeded)."""
    import io
    import random
    import re
    import zipfile

    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(12)
    size = 50 * 2**20
    files = {}
    path = folder / "junk_ragged_50mb.csv"  # printable junk: separators, quotes and line breaks at random
    if not path.exists():
        alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ;;;,,,\"\n"  # ~800k lines
        block = "".join(rng.choice(alphabet) for _ in range(1 << 20)).encode()
        path.write_bytes(block * 50)
    files[path.name] = (path, "50 MB of printable junk (random ; , \" and line breaks)")
    path = folder / "junk_rows_50mb.csv"  # a real peserta header over 50 MB of short ragged junk rows
    if not path.exists():
        lines = ["NIK;KECAMATAN;KELURAHAN;PEKERJAAN;TGL_MULAI;TGL_AKHIR"]
        total = len(lines[0])
        while total < size:
            line = ";".join(str(rng.randrange(10**9)) for _ in range(rng.randrange(3, 12)))  # ~900k lines
            lines.append(line)
            total += len(line) + 1
        path.write_text("\n".join(lines) + "\n")
    files[path.name] = (path, "a peserta header over 50 MB of ragged junk rows")
    path = folder / "single_field_50mb.csv"
    if not path.exists():
        path.write_bytes(b'NIK,KECAMATAN\n"' + b"A" * size + b'",x\n')
    files[path.name] = (path, "one 50 MB field")
    path = folder / "whole_sheet_dimension.xlsx"  # 5 rows claiming A1:XFD1048576
    if not path.exists():
        book = openpyxl.Workbook()
        book.active.append(["NIK", "KECAMATAN", "KELURAHAN", "PEKERJAAN", "TGL_MULAI", "TGL_AKHIR"])
        for serial in range(1, 6):
            book.active.append([f"327508120586{serial:04d}", "Pondokgede", "Jatiwaringin", "ojol", "2025-11-05",
                                "2025-12-31"])
        buffer = io.BytesIO()
        book.save(buffer)
        source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename.startswith("xl/worksheets/"):
                    data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)
                target.writestr(item, data)
        path.write_bytes(out.getvalue())
    files[path.name] = (path, "5 rows, stored dimension A1:XFD1048576 (the whole sheet)")
    return files


def measure_cli(file: Path) -> dict:
    """`/usr/bin/time -v python -m sigap_metrics import peserta FILE` in a fresh store: exit code, wall time,
    peak resident set, and the first line of stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SIGAP_NIK_KEY": "ab" * 32}
        command = ["/usr/bin/time", "-v", sys.executable, "-m", "sigap_metrics", "import", "peserta", str(file),
                   "--db", str(Path(tmp) / "h.duckdb")]
        done = subprocess.run(command, capture_output=True, text=True, env=env,
                              cwd=Path(__file__).resolve().parents[1])
    stats = dict(line.strip().rsplit(": ", 1) for line in done.stderr.splitlines()
                 if line.startswith("\t") and ": " in line)
    told = [line for line in done.stderr.splitlines() if not line.startswith("\t") and "Command" not in line]
    code = int(stats.get("Exit status", "-1"))
    wall = stats.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "0:0")
    minutes, seconds = wall.rsplit(":", 1)
    return {"code": code, "seconds": float(minutes.split(":")[-1]) * 60 + float(seconds),
            "peak_mb": int(stats.get("Maximum resident set size (kbytes)", "0")) / 1024,
            "said": (told[0] if told else done.stdout.strip())[:140], "traceback": "Traceback" in done.stderr}


def run_hostile(out_lines: list[str]) -> bool:
    load_before = os.getloadavg()[0]
    files = build_hostile(BENCH_DIR / "hostile")
    rows = []
    for name, (path, what) in files.items():
        m = measure_cli(path)
        ok = m["peak_mb"] < HOSTILE_MEMORY_MB and not m["traceback"] and m["code"] in (0, 2)
        rows.append((name, what, path.stat().st_size, m, ok))
    out_lines += [
        "# Hostile and junk files", "",
        f"`python -m bench imports` on {dt.date.today().isoformat()}, load average {load_before:.1f} at the start "
        "(2 CPUs shared with other work: times are upper bounds). Each file imported as peserta by "
        "`/usr/bin/time -v python -m sigap_metrics import peserta FILE` into a fresh store (whole command, "
        f"interpreter start-up included). Target: peak memory < {HOSTILE_MEMORY_MB} MB, no traceback, exit 0 or 2.",
        "", "| file | what | size MB | exit | wall s | peak RSS MB | met | what the command said |",
        "|---|---|---:|---:|---:|---:|---|---|"]
    for name, what, size, m, ok in rows:
        said = m["said"].replace("|", "/")
        out_lines.append(f"| {name} | {what} | {size / 2**20:.1f} | {m['code']} | {m['seconds']:.1f} | "
                         f"{m['peak_mb']:.0f} | {'yes' if ok else '**no**'} | {said} |")
    out_lines.append("")
    return all(ok for *_rest, ok in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench imports", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv-runs", type=int, default=3)
    parser.add_argument("--xlsx-runs", type=int, default=1)
    parser.add_argument("--small", type=int, default=10_000, help="also time a file this size (0: skip)")
    parser.add_argument("--hostile-only", action="store_true", help="only the hostile and junk files")
    parser.add_argument("--child", nargs=2, metavar=("FILE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(Path(args.child[0]), Path(args.child[1]))))
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    ok = True
    if not args.hostile_only:
        lines: list[str] = []
        ok = run(lines, args.rows, args.csv_runs, args.xlsx_runs, args.small)
        RESULTS.write_text("\n".join(lines) + "\n")
        print("\n".join(lines))
        print(f"written to {RESULTS.relative_to(Path(__file__).resolve().parents[1])}")
    hostile: list[str] = []
    ok = run_hostile(hostile) and ok
    HOSTILE_RESULTS.write_text("\n".join(hostile) + "\n")
    print("\n".join(hostile))
    print(f"written to {HOSTILE_RESULTS.relative_to(Path(__file__).resolve().parents[1])}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
