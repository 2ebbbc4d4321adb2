"""The budget planners' workbook (XLSX). (Being written.)"""
from __future__ import annotations


def build_workbook(con, year: int, scenario=None) -> bytes:
    raise NotImplementedError
