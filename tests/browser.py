"""Real-browser test helpers: run `streamlit run app.py` on a free port and drive Debian's Chromium.

    with serve(db_path, env={"SIGAP_ROLE": "anggaran"}) as url:
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            open_app(page, url + "/peta")
            assert errors_on(page) == []

Never downloads a browser: Playwright drives /usr/bin/chromium (override with SIGAP_CHROMIUM).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
START_TIMEOUT_S = 180   # the first start may build a demo store
RUN_TIMEOUT_S = 90      # one page's script run in the browser


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_path() -> str | None:
    configured = os.environ.get("SIGAP_CHROMIUM")
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def serve(db: Path, env: dict[str, str] | None = None, *, app: Path = ROOT / "app.py"):
    """Start `streamlit run app` with SIGAP_DB=db (plus `env`) on a free port; yield its base URL; stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process_env = {**os.environ, "SIGAP_DB": str(db), **(env or {})}
    log = Path(str(db) + f".streamlit-{port}.log")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=app.parent, env=process_env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not _healthy(url):
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()[-3000:]}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"streamlit not healthy after {START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")
                time.sleep(0.3)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def chromium():
    """A headless Chromium (Debian's), through Playwright."""
    from playwright.sync_api import sync_playwright
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium not found: install Debian's `chromium` package (.ci/run does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def script_state(page) -> str | None:
    """Streamlit's own run state on the app root: initial, running, notRunning, rerunRequested, …"""
    return page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")


def wait_for_run(page, timeout_s: float = RUN_TIMEOUT_S) -> None:
    """Wait until the script run has finished (and stays finished for a moment) and no spinner is left."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        busy = script_state(page) in (None, "initial", "running", "rerunRequested") \
            or page.locator('[data-testid="stSpinner"]').count() > 0
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 0.75:
            return
        time.sleep(0.15)
    raise TimeoutError(f"the script run did not finish within {timeout_s}s (state {script_state(page)!r})")


def open_app(page, url: str, timeout_s: float = RUN_TIMEOUT_S) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_for_run(page, timeout_s)


def screenshot(page, path, *, max_height: int = 12000) -> None:
    """The whole page: Streamlit scrolls inside its main area, so the viewport is first made as tall as it."""
    size = page.viewport_size
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"],"
                           " [data-testid=\"stSidebarContent\"], [data-testid=\"stAppScrollToBottomContainer\"]')]"
                           ".map(e => e.scrollHeight), document.body.scrollHeight)")
    page.set_viewport_size({"width": size["width"], "height": min(max(int(height) + 40, size["height"]), max_height)})
    page.wait_for_timeout(600)   # charts re-lay out to the new size
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


def errors_on(page) -> list[str]:
    """Text of every exception box and st.error box on the page."""
    found = []
    for selector in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
        found += [box.inner_text() for box in page.locator(selector).all()]
    return found
