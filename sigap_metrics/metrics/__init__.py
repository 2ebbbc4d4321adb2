"""Metric functions: take a connection and typed filters, return DataFrames or plain values."""
from .filters import AGE_BANDS, DIMENSIONS, NO_FILTERS, Filters
from .summary import summary

__all__ = ["Filters", "NO_FILTERS", "DIMENSIONS", "AGE_BANDS", "summary"]
