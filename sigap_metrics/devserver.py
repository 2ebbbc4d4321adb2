"""`streamlit run` on a free loopback port, for the browser tests and the benchmarks (one way to start and stop
the real server). Starts a subprocess; does not import Streamlit."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def streamlit(app: Path, db: Path, log: Path, *, env: Mapping[str, str] | None = None,
              start_timeout_s: float = 180) -> Iterator[str]:
    """Run `streamlit run app` (its folder's .streamlit/config.toml) with SIGAP_DB=db plus `env`, output to
    `log`; yield the base URL once healthy; stop it on exit. Raises with the log's tail when it does not start."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=app.parent, env={**os.environ, "SIGAP_DB": str(db), **(env or {})}, stdout=out,
            stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + start_timeout_s
            while not healthy(url):
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()[-3000:]}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"streamlit not healthy after {start_timeout_s}s:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
