"""What a release is, as the rest of the program sees it. No Streamlit, no database access."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:                               # pragma: no cover
    from ..publish import PublicTable

DRAFT, PUBLISHED, SUPERSEDED = "draft", "published", "superseded"
STATUSES = (DRAFT, PUBLISHED, SUPERSEDED)


@dataclass(frozen=True)
class ReleaseInfo:
    """One release's identity and history: what `release list` prints and the archive shows."""
    month: str                                  # reference month, 'YYYY-MM'
    reference_date: dt.date                     # last day of the month (or the phase end it describes)
    revision: int                               # 1 for the first publication of the month, then 2, 3...
    status: str                                 # one of STATUSES
    prepared_at: dt.datetime | None = None
    prepared_by: str | None = None
    published_at: dt.datetime | None = None
    published_by: str | None = None
    note: str | None = None                     # public: a revision's reason, or the publisher's note
    next_release_date: dt.date | None = None    # announced with the release (release calendar)
    demo: bool = False
    superseded_at: dt.datetime | None = None    # when a revision replaced this release
    superseded_reason: str | None = None        # public: why (the revision's note)


@dataclass(frozen=True)
class Release:
    """A release and its frozen public tables, already under disclosure control: every table is a
    `publish.PublicTable` (name, titles, field specs, frame with `*_tanda` mark columns)."""
    info: ReleaseInfo
    tables: Mapping[str, "PublicTable"] = field(default_factory=dict)
