"""The release store: prepare a month's draft, publish it (by a pimpinan or admin), revise it, list and load.

A release is frozen when prepared: its tables are computed once (publish.public_tables, under joint
disclosure control) and stored as rows of `rilis_tabel`; loading a release never touches the live data.
Publishing only changes the release's status. A month has at most one draft and one published release at a
time; publishing a revision marks the previous one superseded (kept, readable, with the revision's reason).

Every refusal raises ReleaseRefused before anything is written; each write is one transaction.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import duckdb
import pandas as pd

from .. import auth, publish
from ..metrics.filters import month_end
from ..reference import PROGRAMME_START
from ..store import get_meta, is_demo
from ..store.sql import scalar
from . import quality
from .model import DRAFT, PUBLISHED, SUPERSEDED, Release, ReleaseInfo

PUBLISHER_ROLES = ("pimpinan", "admin")
RELEASE_DAY = 15                 # a month's release is due by this day of the following month
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
NOTE_MAX = 500


class ReleaseRefused(ValueError):
    """A release action that cannot be done; the message says why. Nothing was written."""


# --- months and dates -------------------------------------------------------------------------------------

def parse_month(text: str) -> str:
    if not isinstance(text, str) or not MONTH.match(text.strip()):
        raise ReleaseRefused(f"month must be written YYYY-MM (e.g. 2026-10), got {text!r}")
    return text.strip()


def reference_date(month: str) -> dt.date:
    """The day a month's release describes: the month's last day."""
    year, number = map(int, parse_month(month).split("-"))
    return month_end(dt.date(year, number, 1))


def release_date(month: str) -> dt.date:
    """The calendar date a month's release is due: RELEASE_DAY of the following month."""
    following = reference_date(month) + dt.timedelta(days=1)
    return following.replace(day=RELEASE_DAY)


def next_month(month: str) -> str:
    return (reference_date(month) + dt.timedelta(days=1)).strftime("%Y-%m")


def data_date(con: duckdb.DuckDBPyConnection) -> dt.date:
    """The store's 'today': the demo's own date on a demo store, else today."""
    demo_as_of = get_meta(con, "demo_as_of")
    return dt.date.fromisoformat(demo_as_of) if demo_as_of else dt.date.today()


def complete_months(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Months from the programme's start whose last day is before the store's date (oldest first)."""
    months, day = [], PROGRAMME_START.replace(day=1)
    while month_end(day) < data_date(con):
        months.append(day.strftime("%Y-%m"))
        day = month_end(day) + dt.timedelta(days=1)
    return months


# --- who may publish --------------------------------------------------------------------------------------

def check_publisher(con: duckdb.DuckDBPyConnection, name: str | None) -> str:
    """The stored role of `name`, read now; refused unless it is pimpinan or admin. (One small function so
    the shared re-check helper of issue 15 can replace it.)"""
    role = auth.role_of(con, name)
    if role not in PUBLISHER_ROLES:
        raise ReleaseRefused(f"{name!r} may not publish releases: only a stored user with role pimpinan or admin"
                             f" may (this name's stored role: {role})")
    return role


# --- prepare, publish ---------------------------------------------------------------------------------------

def prepare(con: duckdb.DuckDBPyConnection, month: str, *, by: str | None = None,
            now: dt.datetime | None = None) -> ReleaseInfo:
    """Compute and store the draft release of `month` (replacing an earlier draft of that month)."""
    month = parse_month(month)
    ref = reference_date(month)
    if ref >= data_date(con):
        raise ReleaseRefused(f"{month} is not complete yet (its last day, {ref}, is not before the data date"
                             f" {data_date(con)})")
    if ref < PROGRAMME_START or not scalar(con, "SELECT count(*) FROM kepesertaan WHERE tgl_mulai <= ?", [ref]):
        raise ReleaseRefused(f"no data for {month}: no coverage period starts on or before {ref}")
    now = now or dt.datetime.now().replace(microsecond=0)
    # compared with: the month's own published release (a revision), else the latest earlier one
    previous = load_release(con, month) or load_release(con, _month_before(month)) or _latest_before(con, month)
    tables = publish.public_tables(con, ref)
    gate = quality.gate(con, month, tables, previous)
    revision = (scalar(con, "SELECT max(revisi) FROM rilis WHERE bulan = ? AND status <> ?", [month, DRAFT]) or 0) + 1
    with _transaction(con):
        _delete_draft(con, month)
        con.execute("INSERT INTO rilis (bulan, revisi, tgl_referensi, status, disiapkan_pada, disiapkan_oleh, demo,"
                    " gerbang_mutu) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [month, revision, ref, DRAFT, now, by, is_demo(con), json.dumps(gate, ensure_ascii=False)])
        for position, table in enumerate(tables.values()):
            con.execute("INSERT INTO rilis_tabel VALUES (?, ?, ?, ?, ?, ?)",
                        [month, revision, position, table.name, _describe(table), _encode(table.frame)])
    return _info(con, month, revision)


def publish_release(con: duckdb.DuckDBPyConnection, month: str, *, by: str, note: str | None = None,
                    now: dt.datetime | None = None) -> ReleaseInfo:
    """Publish the draft of `month` in the name of `by` (a stored pimpinan or admin, checked now). A revision
    (a month already published) needs a note: the public reason, shown on it and on the one it replaces."""
    month = parse_month(month)
    note = (note or "").strip() or None
    if note is not None and len(note) > NOTE_MAX:
        raise ReleaseRefused(f"the note is longer than {NOTE_MAX} characters")
    check_publisher(con, by)
    draft = scalar(con, "SELECT revisi FROM rilis WHERE bulan = ? AND status = ?", [month, DRAFT])
    if draft is None:
        raise ReleaseRefused(f"no draft release for {month}: prepare it first (release prepare --month {month})")
    current = scalar(con, "SELECT revisi FROM rilis WHERE bulan = ? AND status = ?", [month, PUBLISHED])
    if current is not None and note is None:
        raise ReleaseRefused(f"{month} is already published (revision {current}): a revision needs a public"
                             " reason (--note)")
    now = now or dt.datetime.now().replace(microsecond=0)
    with _transaction(con):
        if current is not None:
            con.execute("UPDATE rilis SET status = ?, diganti_pada = ?, alasan_diganti = ? WHERE bulan = ?"
                        " AND revisi = ?", [SUPERSEDED, now, note, month, current])
        con.execute("UPDATE rilis SET status = ?, diterbitkan_pada = ?, diterbitkan_oleh = ?, catatan = ?,"
                    " rilis_berikutnya = ? WHERE bulan = ? AND revisi = ?",
                    [PUBLISHED, now, by, note, release_date(next_month(month)), month, draft])
    return _info(con, month, draft)


# --- reading ----------------------------------------------------------------------------------------------

_INFO_COLUMNS = ("bulan, tgl_referensi, revisi, status, disiapkan_pada, disiapkan_oleh, diterbitkan_pada,"
                 " diterbitkan_oleh, catatan, rilis_berikutnya, demo, diganti_pada, alasan_diganti")


def _to_info(row) -> ReleaseInfo:
    return ReleaseInfo(month=row[0], reference_date=row[1], revision=row[2], status=row[3], prepared_at=row[4],
                       prepared_by=row[5], published_at=row[6], published_by=row[7], note=row[8],
                       next_release_date=row[9], demo=bool(row[10]), superseded_at=row[11],
                       superseded_reason=row[12])


def _info(con, month: str, revision: int) -> ReleaseInfo:
    rows = con.execute(f"SELECT {_INFO_COLUMNS} FROM rilis WHERE bulan = ? AND revisi = ?", [month, revision])
    return _to_info(rows.fetchall()[0])


def _has_release_tables(con) -> bool:
    """False on a store opened read-only before its migration to schema v4."""
    return bool(scalar(con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'rilis'"))


def list_releases(con: duckdb.DuckDBPyConnection) -> list[ReleaseInfo]:
    """Every release, newest month first, then newest revision first (drafts included)."""
    if not _has_release_tables(con):
        return []
    rows = con.execute(f"SELECT {_INFO_COLUMNS} FROM rilis ORDER BY bulan DESC, revisi DESC").fetchall()
    return [_to_info(row) for row in rows]


def published_releases(con: duckdb.DuckDBPyConnection) -> list[ReleaseInfo]:
    """The public archive: published and superseded releases, newest first."""
    return [info for info in list_releases(con) if info.status != DRAFT]


def load_release(con: duckdb.DuckDBPyConnection, month: str | None = None, revision: int | None = None) -> Release | None:
    """A published release: the latest one when `month` is None, else that month's current publication (or
    the given revision, which may be superseded). None when there is none."""
    if not _has_release_tables(con):
        return None
    if month is None:
        row = con.execute("SELECT bulan, revisi FROM rilis WHERE status = ? ORDER BY bulan DESC LIMIT 1",
                          [PUBLISHED]).fetchall()
    elif revision is None:
        row = con.execute("SELECT bulan, revisi FROM rilis WHERE bulan = ? AND status = ?",
                          [parse_month(month), PUBLISHED]).fetchall()
    else:
        row = con.execute("SELECT bulan, revisi FROM rilis WHERE bulan = ? AND revisi = ? AND status <> ?",
                          [parse_month(month), int(revision), DRAFT]).fetchall()
    return _load(con, *row[0]) if row else None


def load_draft(con: duckdb.DuckDBPyConnection, month: str) -> Release | None:
    row = con.execute("SELECT revisi FROM rilis WHERE bulan = ? AND status = ?", [parse_month(month), DRAFT]).fetchall()
    return _load(con, month, row[0][0]) if row else None


def quality_gate(con: duckdb.DuckDBPyConnection, month: str, revision: int) -> dict:
    """The quality gate stored with a release when its draft was prepared."""
    text = scalar(con, "SELECT gerbang_mutu FROM rilis WHERE bulan = ? AND revisi = ?", [month, revision])
    return json.loads(text) if text else {}


def _load(con, month: str, revision: int) -> Release:
    rows = con.execute("SELECT tabel, deskripsi, isi FROM rilis_tabel WHERE bulan = ? AND revisi = ? ORDER BY urutan",
                       [month, revision]).fetchall()
    tables = {name: _table(name, json.loads(described), _decode(content)) for name, described, content in rows}
    return Release(_info(con, month, revision), tables)


def _month_before(month: str) -> str:
    return (reference_date(month).replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")


def _latest_before(con, month: str) -> Release | None:
    row = con.execute("SELECT max(bulan) FROM rilis WHERE status = ? AND bulan < ?", [PUBLISHED, month]).fetchall()
    return load_release(con, row[0][0]) if row and row[0][0] else None


def _delete_draft(con, month: str) -> None:
    draft = scalar(con, "SELECT revisi FROM rilis WHERE bulan = ? AND status = ?", [month, DRAFT])
    if draft is not None:
        con.execute("DELETE FROM rilis_tabel WHERE bulan = ? AND revisi = ?", [month, draft])
        con.execute("DELETE FROM rilis WHERE bulan = ? AND revisi = ?", [month, draft])


class _transaction:
    def __init__(self, con):
        self.con = con

    def __enter__(self):
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, kind, value, traceback):
        self.con.execute("ROLLBACK" if kind else "COMMIT")
        return False


# --- freezing tables: JSON both ways, types kept so a loaded table equals the stored one -----------------

def _describe(table: publish.PublicTable) -> str:
    return json.dumps({"title": table.title, "description": table.description,
                       "fields": [{"name": f.name, "type": f.type, "title": f.title, "description": f.description}
                                  for f in table.fields]}, ensure_ascii=False)


def _table(name: str, described: dict, frame: pd.DataFrame) -> publish.PublicTable:
    fields = tuple(publish.Field(f["name"], f["type"], f["title"], f["description"]) for f in described["fields"])
    return publish.PublicTable(name, described["title"], described["description"], fields, frame)


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value).date().isoformat()
    if hasattr(value, "item"):                   # numpy scalars
        return value.item()
    return value


def _encode(frame: pd.DataFrame) -> str:
    columns = []
    for name in frame.columns:
        values = frame[name].tolist()
        dates = bool(values) and frame[name].dtype == object and all(
            v is None or (isinstance(v, dt.date)) for v in values) and any(v is not None for v in values)
        columns.append({"name": name, "dtype": str(frame[name].dtype), "date": dates,
                        "values": [_plain(v) for v in values]})
    return json.dumps({"columns": columns}, ensure_ascii=False)


def _decode(content: str) -> pd.DataFrame:
    data = {}
    for column in json.loads(content)["columns"]:
        values = column["values"]
        if column["date"]:
            data[column["name"]] = pd.Series([None if v is None else dt.date.fromisoformat(v) for v in values],
                                             dtype=object)
        elif column["dtype"] == "object":
            data[column["name"]] = pd.Series(values, dtype=object)
        else:
            data[column["name"]] = pd.Series(pd.array(values, dtype=column["dtype"]))
    return pd.DataFrame(data)


def publish_history(con: duckdb.DuckDBPyConnection, *, by: str, prepared_by: str | None = None) -> list[ReleaseInfo]:
    """One published release per complete month of the store's history that has none yet (the demo store's
    archive), each dated as the release calendar would have it (its release day, or the data date when
    that is earlier)."""
    done = {info.month for info in list_releases(con) if info.status == PUBLISHED}
    published = []
    for month in complete_months(con):
        if month in done or not scalar(con, "SELECT count(*) FROM kepesertaan WHERE tgl_mulai <= ?",
                                       [reference_date(month)]):
            continue
        day = min(release_date(month), data_date(con))
        prepare(con, month, by=prepared_by, now=dt.datetime.combine(day, dt.time(8, 0)))
        published.append(publish_release(con, month, by=by, now=dt.datetime.combine(day, dt.time(9, 0))))
    return published
