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
import time
from pathlib import Path

from sigap_metrics import devserver

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
START_TIMEOUT_S = 180   # the first start may build a demo store
RUN_TIMEOUT_S = 90      # one page's script run in the browser


def chromium_path() -> str | None:
    configured = os.environ.get("SIGAP_CHROMIUM")
    if configured:
        return configured
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@contextlib.contextmanager
def serve(db: Path, env: dict[str, str] | None = None, *, app: Path = ROOT / "app.py"):
    """Start `streamlit run app` with SIGAP_DB=db (plus `env`) on a free port; yield its base URL; stop it."""
    log = Path(str(db) + f".streamlit-{os.getpid()}-{time.monotonic_ns()}.log")
    with devserver.streamlit(app, db, log, env=env, start_timeout_s=START_TIMEOUT_S) as url:
        yield url


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
