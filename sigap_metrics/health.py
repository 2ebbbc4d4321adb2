"""Health of a store, for monitoring (`python -m sigap_metrics check`, exit 0/1) and the admin's view.

Each fact is a `Fact(key, status, value)`: status "ok", "warn" (worth a look, not an alarm) or "fail" (exit 1).
The facts need a read-only connection only, so a check runs beside the app and beside an import.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .privacy import key_fingerprint
from .releases import PUBLISHED, list_releases
from .store import SCHEMA_VERSION, get_meta, schema_version
from .store.sql import scalar

OK, WARN, FAIL = "ok", "warn", "fail"
MAX_IMPORT_AGE_DAYS = 45        # files arrive monthly: six weeks without an import means one was missed
MAX_RELEASE_AGE_DAYS = 45       # releases are monthly too (DESIGN §6.1)


@dataclass(frozen=True)
class Fact:
    key: str
    status: str
    value: str


def facts(con: duckdb.DuckDBPyConnection, *, store_path: Path, key: bytes | None,
          now: dt.datetime | None = None) -> list[Fact]:
    """Every health fact of the store behind `con` (read-only is enough)."""
    now = now or dt.datetime.now()
    return [Fact("store_opens", OK, str(store_path)), _schema(con), _key(con, key), _boundaries(con),
            _release(con, now), _last_import(con, now), _space(store_path)]


def healthy(found: list[Fact]) -> bool:
    return all(f.status != FAIL for f in found)


def _schema(con) -> Fact:
    version = schema_version(con)
    if version == SCHEMA_VERSION:
        return Fact("schema", OK, f"v{version}")
    return Fact("schema", FAIL, f"v{version}, program v{SCHEMA_VERSION}")


def _key(con, key: bytes | None) -> Fact:
    recorded = get_meta(con, "nik_key_fingerprint")
    if key is None:
        return Fact("nik_key", FAIL if recorded else WARN, "no key found (SIGAP_NIK_KEY_FILE / SIGAP_NIK_KEY)")
    if recorded is None:
        return Fact("nik_key", OK, f"{key_fingerprint(key)} (not yet recorded: no import so far)")
    if recorded != key_fingerprint(key):
        return Fact("nik_key", FAIL, f"key {key_fingerprint(key)} is not the store's {recorded}")
    return Fact("nik_key", OK, recorded)


def _boundaries(con) -> Fact:
    rows = dict(con.execute("SELECT level, count(*) FROM batas_wilayah GROUP BY level").fetchall())
    if not rows:
        return Fact("boundaries", WARN, "none loaded (the map shows circles at centroids)")
    return Fact("boundaries", OK, ", ".join(f"{level} {n}" for level, n in sorted(rows.items())))


def _release(con, now: dt.datetime) -> Fact:
    """The latest published release (DESIGN §6.1): its month and how long ago it was published."""
    published = [info for info in list_releases(con) if info.status == PUBLISHED and info.published_at]
    if not published:
        return Fact("latest_release", WARN, "none published")
    latest = max(published, key=lambda info: info.published_at)
    fact = _age_fact("latest_release", latest.published_at, now, MAX_RELEASE_AGE_DAYS)
    return Fact(fact.key, fact.status, f"{latest.month} rev {latest.revision}, {fact.value}")


def _last_import(con, now: dt.datetime) -> Fact:
    latest = scalar(con, "SELECT max(finished_at) FROM import_log WHERE status = 'ok'")
    if latest is None or pd.isna(latest):
        return Fact("last_import", WARN, "no import yet")
    return _age_fact("last_import", pd.Timestamp(latest).to_pydatetime(), now, MAX_IMPORT_AGE_DAYS)


def _age_fact(key: str, moment: dt.datetime, now: dt.datetime, max_days: int) -> Fact:
    days = (now - moment.replace(tzinfo=None)).total_seconds() / 86_400
    text = f"{moment:%Y-%m-%d %H:%M} ({days:.1f} days ago)"
    return Fact(key, OK if days <= max_days else FAIL, text + ("" if days <= max_days else f", over {max_days}"))


def _space(store_path: Path) -> Fact:
    """A write copies the store beside itself (store/writer.py): there must be room for one more copy."""
    size = store_path.stat().st_size
    free = shutil.disk_usage(store_path.parent).free
    text = f"{free / 1e9:.1f} GB free, store {size / 1e9:.2f} GB"
    return Fact("disk_space", OK if free > 2 * size else (WARN if free > size else FAIL), text)
