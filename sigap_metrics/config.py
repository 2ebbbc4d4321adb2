"""Where things live. Read from the environment each time: no module-level state."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "sigap.duckdb"
DEFAULT_GEO_DIR = PROJECT_ROOT.parent / "shared" / "data" / "geo"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db beats SIGAP_DB beats data/sigap.duckdb."""
    return Path(explicit or os.environ.get("SIGAP_DB") or DEFAULT_DB)


def nik_key_file(db: Path) -> Path:
    """SIGAP_NIK_KEY_FILE, else a file beside the store (git-ignored)."""
    return Path(os.environ.get("SIGAP_NIK_KEY_FILE") or db.with_suffix(".nik.key"))


def geo_dir() -> Path | None:
    """Folder with official boundary GeoJSON for local use (SIGAP_GEO_DIR, else ../shared/data/geo if present)."""
    configured = os.environ.get("SIGAP_GEO_DIR")
    path = Path(configured) if configured else DEFAULT_GEO_DIR
    return path if path.is_dir() else None


SITE_URL_PATH = "/app/static/site/index.html"   # where `streamlit run app.py` serves the static site


def site_dir() -> Path:
    """Where the app's public static site is written (SIGAP_SITE_DIR, else static/site beside app.py, which
    Streamlit serves at /app/static/site/ with server.enableStaticServing)."""
    configured = os.environ.get("SIGAP_SITE_DIR")
    return Path(configured) if configured else PROJECT_ROOT / "static" / "site"
