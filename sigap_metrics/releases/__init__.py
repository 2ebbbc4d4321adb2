"""Releases (DESIGN §6.1): the public numbers as a reviewed, dated, frozen monthly publication.

`model.Release` is the contract between the release store (prepare, publish, revise, list, load) and
everything that shows a release to the public: the app's *Transparansi publik* page, `export-open-data`
and the static site (DESIGN §6.2).
"""
from .model import DRAFT, PUBLISHED, STATUSES, SUPERSEDED, Release, ReleaseInfo
from .store import (ReleaseRefused, check_publisher, complete_months, list_releases, load_draft, load_release,
                    prepare, publish_release, published_releases, quality_gate, reference_date)

__all__ = ["DRAFT", "PUBLISHED", "SUPERSEDED", "STATUSES", "Release", "ReleaseInfo", "ReleaseRefused",
           "check_publisher", "complete_months", "list_releases", "load_draft", "load_release", "prepare",
           "publish_release", "published_releases", "quality_gate", "reference_date"]
