"""Metric functions: take a connection and typed filters, return tidy DataFrames (or, for the overview's
headline, a dict). Modules: coverage, selection, claims, budget, training, breakdown, brief, forecast,
scenario, suppression; `derived` holds the relations they share."""
from .filters import AGE_BANDS, DIMENSIONS, NO_FILTERS, Filters
from .summary import SUMMARY_KEYS, summary

__all__ = ["Filters", "NO_FILTERS", "DIMENSIONS", "AGE_BANDS", "summary", "SUMMARY_KEYS"]
