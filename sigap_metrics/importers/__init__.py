"""Importers: parse → validate → load. Load is shared with the demo generator."""
from .load import CANONICAL_COLUMNS, KINDS, ImportResult, ImportSource, load_import, resolve_workers

__all__ = ["KINDS", "CANONICAL_COLUMNS", "ImportResult", "ImportSource", "load_import", "resolve_workers"]
