"""The public static site (DESIGN §6.2): every published release written as plain HTML pages with inline SVG
charts, the open-data files, a release calendar and an Atom feed. Nothing in it is computed when it is viewed,
so any static server (Streamlit's own static serving by default) can hand it to a crowd.

`build.render_site(releases, boundaries)` turns releases into files (pure, deterministic); `write_site` puts
them into a folder in one swap; `publish_site_command` is `python -m sigap_metrics publish-site`; and
`refresh_app_site(con)` is what a release publication calls to renew the folder the app serves.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

import duckdb

from .build import NoPublishedRelease, app_fragment, page_path, render_site

__all__ = ["MARKER", "NoPublishedRelease", "app_fragment", "page_path", "publish_site_command", "refresh_app_site", "render_site",
           "site_files", "write_site"]

MARKER = ".sigap-site"        # marks a folder this module wrote, so a rebuild may replace it
EXIT_OK, EXIT_REFUSED = 0, 2


class NotASiteFolder(ValueError):
    """The output folder holds files that a previous site build did not write."""


def site_files(con: duckdb.DuckDBPyConnection, month: str | None = None) -> dict[str, bytes]:
    """The site of the store's releases: every published release and superseded revision up to `month`
    (default: all), with the store's kecamatan boundaries for the map."""
    from ..metrics.views import boundary_features
    from ..releases import list_releases, load_release

    infos = [info for info in list_releases(con) if month is None or info.month <= month]
    if month is not None and not any(i.month == month and i.status == "published" for i in infos):
        raise NoPublishedRelease(f"no published release for {month}")
    releases = [load_release(con, info.month, revision=info.revision) for info in infos
                if info.status in ("published", "superseded")]
    return render_site([r for r in releases if r is not None], boundary_features(con, "kecamatan"))


def write_site(files: dict[str, bytes], outdir: Path) -> Path:
    """Write the files as the whole content of `outdir`, replacing a previous build in one rename (a
    visitor never sees half a site). Refuses a folder with other content (NotASiteFolder)."""
    outdir = Path(outdir)
    outdir.parent.mkdir(parents=True, exist_ok=True)
    with _lock(outdir):
        return _swap_in(files, outdir)


@contextlib.contextmanager
def _lock(outdir: Path):
    """One writer at a time per folder (two publications in quick succession, the app and the CLI)."""
    with open(outdir.parent / f".{outdir.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _swap_in(files: dict[str, bytes], outdir: Path) -> Path:
    if outdir.exists() and (not outdir.is_dir() or (any(outdir.iterdir()) and not (outdir / MARKER).exists())):
        raise NotASiteFolder(f"{outdir} exists and was not written by publish-site; choose an empty or new folder")
    staging = Path(tempfile.mkdtemp(prefix=f".{outdir.name}.", dir=outdir.parent))
    for name, content in files.items():
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (staging / MARKER).write_text("written by python -m sigap_metrics publish-site\n", encoding="utf-8")
    for folder, dirs, names in os.walk(staging):
        os.chmod(folder, 0o755)
        for name in names:
            os.chmod(os.path.join(folder, name), 0o644)
    old = None
    if outdir.exists():
        old = outdir.with_name(f".{outdir.name}.old-{os.getpid()}")
        outdir.rename(old)
    staging.rename(outdir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return outdir


def publish_site_command(db_path: Path, outdir: Path, month: str | None) -> int:
    """`python -m sigap_metrics publish-site OUTDIR [--month YYYY-MM]`: exit 2 (nothing written) when the
    store has no published release (for that month) or OUTDIR holds other files."""
    from ..store import connect

    if not db_path.exists():
        print(f"publish-site: no store at {db_path}", file=sys.stderr)
        return EXIT_REFUSED
    con = connect(db_path, read_only=True)
    try:
        files = site_files(con, month)
    except NoPublishedRelease as error:
        print(f"publish-site: {error}", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        con.close()
    try:
        write_site(files, outdir)
    except NotASiteFolder as error:
        print(f"publish-site: {error}", file=sys.stderr)
        return EXIT_REFUSED
    print(json.dumps({"outdir": str(outdir), "files": len(files), "bytes": sum(map(len, files.values()))}))
    return EXIT_OK


def refresh_app_site(con: duckdb.DuckDBPyConnection, outdir: Path | None = None) -> Path | None:
    """Renew the site the app serves (config.site_dir()) after a release was published or revised; None
    when the store has no published release yet."""
    from .. import config

    try:
        files = site_files(con)
    except NoPublishedRelease:
        return None
    return write_site(files, outdir or config.site_dir())


def refresh_app_site_in_background(con: duckdb.DuckDBPyConnection, *, only_if_missing: bool = False
                                   ) -> threading.Thread | None:
    """The app's hook: renew the served site without making the person (or the first start) wait; a failure
    is logged, never raised into the page. `only_if_missing`: do nothing when a site is already there."""
    from .. import config

    from ..store import reader_cursor

    if only_if_missing and (config.site_dir() / "index.html").exists():
        return None
    cursor = reader_cursor(con)       # a reader attaches the store file: its cursors must USE it too

    def work() -> None:
        try:
            refresh_app_site(cursor)
        except Exception:                          # noqa: BLE001 - the site is renewed at the next publication
            logging.getLogger(__name__).exception("the static site could not be written")
        finally:
            cursor.close()

    thread = threading.Thread(target=work, name="sigap-site", daemon=True)
    thread.start()
    return thread
