"""The one text store: every user-facing word, Bahasa Indonesia first and English, under one key each.

Split by topic (`dashboard`, `reports`) but one namespace: a key is declared in exactly one topic module, and
loading refuses a key declared twice, so no module can shadow another's wording.
"""
from __future__ import annotations

from . import dashboard, reports

LANGUAGES = ("id", "en")
TOPICS = {"dashboard": dashboard.TEXT, "reports": reports.TEXT}


def _merge(topics: dict[str, dict[str, dict[str, str]]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    for topic, texts in topics.items():
        for key, entry in texts.items():
            if key in merged:
                raise ValueError(f"text key {key!r} is declared in both {owner[key]} and {topic}: keep one")
            merged[key], owner[key] = entry, topic
    return merged


TEXT: dict[str, dict[str, str]] = _merge(TOPICS)


def t(key: str, lang: str = "id") -> str:
    """The text for `key` in `lang` (Indonesian when the language or key has no translation)."""
    entry = TEXT[key]
    return entry.get(lang) or entry["id"]


def in_every_language(key: str) -> str:
    """"Indonesian / English", for what is shown before the reader's language is known."""
    return " / ".join(t(key, lang) for lang in LANGUAGES)
