"""Benchmark of the public side under a crowd (issue 14), on a demo store of 200,000 workers by default:

(a) the static site's landing page through the default server (`streamlit run app.py`, static serving):
    C concurrent HTTP clients (50, 200), each fetching the page as a first visit does (a new connection,
    gzip accepted) over and over for a fixed time: views/s and latency p50/p95 (with ApacheBench, `ab` from
    Debian's apache2-utils, when installed: it leaves the CPU to the server; else an asyncio client);
(b) the app's visitor page (*Transparansi publik*, no login) through Streamlit's websocket as a first visit
    does: a client opens a session, asks for the run and waits for the script-finished message; C concurrent
    clients (1, 4, 16, 32) doing that over and over for a fixed time: views/s and latency p50/p95; beside the
    same measure on a bare Streamlit page of 30 text elements, run in the same benchmark as the ceiling.

    python -m bench public [--workers 200000] [--seconds 12]

Loopback only, bounded in clients and time. Writes bench/results/public.md with the machine's load.
Targets: static landing p95 < 1 s at 200 clients; the visitor page at 16 sessions ≥ 60% of the bare
page's views/s.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from sigap_metrics import devserver

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "public.md"
AS_OF = dt.date(2026, 11, 25)
HTTP_CLIENTS = (50, 200)
SESSIONS = (1, 4, 16, 32)
STATIC_P95_TARGET_S = 1.0
RATIO_TARGET = 0.60
BARE_APP = "import streamlit as st\n\nfor i in range(30):\n    st.write(f'Baris teks nomor {i}')\n"
SITE_PATH = "/app/static/site/index.html"
START_TIMEOUT_S = 300


# --- the store and the servers -----------------------------------------------------------------------------

def store(workers: int) -> Path:
    """A cached demo store of `workers` (with boundaries and its monthly releases), built when missing."""
    from sigap_metrics import config
    from sigap_metrics.demo import create_demo_store

    from .metrics import cache_dir

    path = cache_dir() / f"public_{workers}.duckdb"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"  building demo store of {workers:,} workers at {path} …", flush=True)
        create_demo_store(path, n_workers=workers, as_of=AS_OF, boundaries_dir=config.geo_dir())
    return path


@contextlib.contextmanager
def streamlit(app: Path, db: Path):
    """`streamlit run app` on a free loopback port (the app's own .streamlit/config.toml), yielding its URL."""
    log = Path(tempfile.gettempdir()) / f"sigap_bench_public_{os.getpid()}_{time.monotonic_ns()}.log"
    with devserver.streamlit(app, db, log, start_timeout_s=START_TIMEOUT_S) as url:
        yield url


# --- (a) static pages over HTTP ----------------------------------------------------------------------------

async def _fetch(host: str, port: int, path: str) -> int:
    """One first-visit request on a new connection; returns the body size (raises on a non-200)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/html\r\n"
                     "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(head[:200])
    return len(body)


def http_crowd(url: str, clients: int, seconds: float) -> dict:
    """The static measure with ApacheBench (`ab`, Debian's apache2-utils: C, one connection per request,
    so the client takes little of the machine the server runs on), else with the asyncio client below."""
    ab = shutil.which("ab")
    if ab is None:
        row = asyncio.run(_http_crowd(url, clients, seconds))
        row["client"] = "asyncio"
        return row
    out = subprocess.run([ab, "-q", "-r", "-c", str(clients), "-t", str(int(seconds)), "-s", "60",
                          "-H", "Accept-Encoding: gzip", url + SITE_PATH], capture_output=True, text=True,
                         timeout=seconds + 120).stdout
    def field(label: str) -> str:
        return next(line.split(":", 1)[1].split()[0] for line in out.splitlines() if line.startswith(label))
    percent = {int(line.split("%")[0]): float(line.split()[1]) / 1000 for line in out.splitlines()
               if line.strip().startswith(("50%", "95%"))}
    views, failed = int(field("Complete requests")), int(field("Failed requests"))
    non_2xx = [line for line in out.splitlines() if line.startswith("Non-2xx responses")]
    return {"clients": clients, "views": views - failed, "errors": failed + (int(non_2xx[0].split(":")[1])
                                                                              if non_2xx else 0),
            "elapsed_s": float(field("Time taken for tests")), "views_per_s": float(field("Requests per second")),
            "p50_s": percent[50], "p95_s": percent[95], "client": "ab"}


async def _http_crowd(url: str, clients: int, seconds: float) -> dict:
    host, port = url.split("//")[1].split(":")
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def visitor():
        nonlocal errors
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                await _fetch(host, int(port), SITE_PATH)
                latencies.append(time.perf_counter() - started)
            except (OSError, RuntimeError):
                errors += 1

    began = time.perf_counter()
    await asyncio.gather(*(visitor() for _ in range(clients)))
    return _summary(latencies, time.perf_counter() - began, clients, errors)


# --- (b) Streamlit sessions over the websocket -------------------------------------------------------------

async def _session(ws_url: str) -> None:
    """Open a session, ask for the script run, wait until it finished successfully, close."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=60,
                                  compression=None) as socket:
        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_script_hash = ""
        await socket.send(message.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await socket.recv())
            if forward.WhichOneof("type") == "delta" and forward.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(forward.delta.new_element.exception.message)
            if forward.WhichOneof("type") == "script_finished" and forward.script_finished in (
                    ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                if forward.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RuntimeError("the script did not compile")
                return


async def _session_crowd(url: str, sessions: int, seconds: float) -> dict:
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def visitor():
        nonlocal errors
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                await asyncio.wait_for(_session(ws_url), timeout=120)
                latencies.append(time.perf_counter() - started)
            except (OSError, RuntimeError, asyncio.TimeoutError) as error:
                errors += 1
                print(f"    session failed: {error!r}"[:200], flush=True)

    began = time.perf_counter()
    await asyncio.gather(*(visitor() for _ in range(sessions)))
    return _summary(latencies, time.perf_counter() - began, sessions, errors)


def _summary(latencies: list[float], elapsed: float, clients: int, errors: int) -> dict:
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else float("nan")
    return {"clients": clients, "views": len(ordered), "errors": errors, "elapsed_s": elapsed,
            "views_per_s": len(ordered) / elapsed if elapsed else 0.0,
            "p50_s": statistics.median(ordered) if ordered else float("nan"), "p95_s": p95}


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


# --- the run -----------------------------------------------------------------------------------------------

def run(workers: int, seconds: float) -> dict:
    from sigap_metrics import site
    from sigap_metrics.store import connect

    source = store(workers)
    results: dict = {"workers": workers, "load_before": _load()}
    with tempfile.TemporaryDirectory(prefix="sigap_bench_public_") as folder:
        db = Path(folder) / "sigap.duckdb"
        shutil.copyfile(source, db)
        con = connect(db)
        started = time.perf_counter()
        written = site.refresh_app_site(con)          # what every release publication does
        results["site_s"] = time.perf_counter() - started
        con.close()
        if written is None:
            raise RuntimeError("the demo store has no published release")
        results["landing_bytes"] = (written / "index.html").stat().st_size
        bare_dir = Path(folder) / "bare"
        (bare_dir / ".streamlit").mkdir(parents=True)
        shutil.copyfile(ROOT / ".streamlit" / "config.toml", bare_dir / ".streamlit" / "config.toml")
        (bare_dir / "app.py").write_text(BARE_APP)
        with streamlit(ROOT / "app.py", db) as url:
            asyncio.run(_session_crowd(url, 1, 3))                       # warm-up: imports, caches, first run
            print("  (a) static landing page", flush=True)
            results["static"] = []
            for clients in HTTP_CLIENTS:
                row = http_crowd(url, clients, seconds)
                results["static"].append(row)
                _print(row, "clients")
            print("  (b) the app's visitor page", flush=True)
            results["app"] = [_sessions(url, n, seconds) for n in SESSIONS]
        with streamlit(bare_dir / "app.py", db) as url:
            asyncio.run(_session_crowd(url, 1, 3))
            print("  (b) bare page of 30 text elements", flush=True)
            results["bare"] = [_sessions(url, n, seconds) for n in SESSIONS]
    results["load_after"] = _load()
    return results


def _sessions(url: str, n: int, seconds: float) -> dict:
    row = asyncio.run(_session_crowd(url, n, seconds))
    row["load"] = _load()
    _print(row, "sessions")
    return row


def _print(row: dict, what: str) -> None:
    print(f"    {row['clients']:4d} {what}: {row['views']:5d} views, {row['views_per_s']:7.1f}/s, p50"
          f" {row['p50_s']:.3f} s, p95 {row['p95_s']:.3f} s, errors {row['errors']}", flush=True)


def report(results: dict, seconds: float) -> str:
    import streamlit

    lines = ["# Public side benchmark", "",
             f"Generated by `python -m bench public` on {dt.date.today().isoformat()}; machine: {platform.machine()},"
             f" {os.cpu_count()} CPU, Python {platform.python_version()}, Streamlit {streamlit.__version__}."
             f" Demo store of {results['workers']:,} workers as of {AS_OF.isoformat()}, its monthly releases"
             f" published. Load average (1/5/15 min) before: {results['load_before']}; after:"
             f" {results['load_after']}. Other work was running on the machine: figures are lower bounds"
             " of what it can do alone.", "",
             f"Static site written in {results['site_s']:.1f} s; landing page {results['landing_bytes']:,} bytes"
             " before gzip. Each measure runs for"
             f" {seconds:.0f} s with the given number of concurrent clients, on loopback.", "",
             "## (a) Static landing page through `streamlit run app.py` (static serving)", "",
             "Each view: a new connection, `GET /app/static/site/index.html`, gzip accepted, the whole body read;"
             f" client: {results['static'][0].get('client', 'asyncio')} (ApacheBench when installed, else the"
             " benchmark's asyncio client).", "",
             "| concurrent clients | views | views/s | p50 s | p95 s | errors |", "|---:|---:|---:|---:|---:|---:|"]
    for row in results["static"]:
        lines.append(f"| {row['clients']} | {row['views']} | {row['views_per_s']:.1f} | {row['p50_s']:.3f} |"
                     f" {row['p95_s']:.3f} | {row['errors']} |")
    lines += ["", "## (b) The app's visitor page and a bare page, through the websocket", "",
              "Each view: a new websocket session, a rerun request (as a browser's first visit sends), waiting for"
              " the script-finished message. *Transparansi publik* as a visitor (no login) opens it; the bare page"
              " is `st.write` × 30, served the same way.", "",
              "| sessions | visitor page views/s | p50 s | p95 s | bare page views/s | p50 s | p95 s | visitor ÷ bare |"
              " load (1 min) |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for app, bare in zip(results["app"], results["bare"]):
        ratio = app["views_per_s"] / bare["views_per_s"] if bare["views_per_s"] else float("nan")
        lines.append(f"| {app['clients']} | {app['views_per_s']:.1f} | {app['p50_s']:.3f} | {app['p95_s']:.3f} |"
                     f" {bare['views_per_s']:.1f} | {bare['p50_s']:.3f} | {bare['p95_s']:.3f} | {ratio:.0%} |"
                     f" {app['load'].split(' /')[0]} · {bare['load'].split(' /')[0]} |")
    static_ok = results["static"][-1]["p95_s"] < STATIC_P95_TARGET_S
    at16 = next(r for r in results["app"] if r["clients"] == 16)
    bare16 = next(r for r in results["bare"] if r["clients"] == 16)
    ratio16 = at16["views_per_s"] / bare16["views_per_s"] if bare16["views_per_s"] else 0.0
    lines += ["", "## Targets", "",
              f"- static landing p95 < {STATIC_P95_TARGET_S:.0f} s at {HTTP_CLIENTS[-1]} clients:"
              f" {results['static'][-1]['p95_s']:.3f} s, {'met' if static_ok else 'NOT met'};",
              f"- visitor page at 16 sessions ≥ {RATIO_TARGET:.0%} of the bare page's views/s: {ratio16:.0%},"
              f" {'met' if ratio16 >= RATIO_TARGET else 'NOT met'}."]
    results["ok"] = static_ok and ratio16 >= RATIO_TARGET
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench public", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=12.0, help="length of each measure")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    results = run(args.workers, args.seconds)
    text = report(results, args.seconds)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0 if results["ok"] else 1
