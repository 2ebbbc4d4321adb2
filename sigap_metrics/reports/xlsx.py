"""Writing report tables into an XLSX workbook with xlsxwriter: typed columns (Rp, %, dates), a title
above each table, bold frozen header, autofilter and fitted widths. Text cells that could start a formula
(= + - @) are neutralised by the same rule as the dashboard's downloads (`sigap_metrics.exports`)."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from ..exports import FORMULA_STARTS, sheet_name

# Number formats. "Rp"#,##0 shows Rp16,800 / Rp16.800 depending on the reader's locale, and stays a number.
FORMATS = {
    "text": {}, "int": {"num_format": "#,##0"}, "rp": {"num_format": '"Rp"#,##0'},
    "pct": {"num_format": "0.0%"}, "date": {"num_format": "yyyy-mm-dd"}, "month": {"num_format": "mmm yyyy"},
    "dec": {"num_format": "#,##0.00"},
}
WIDTHS = {"text": 14, "int": 12, "rp": 18, "pct": 11, "date": 12, "month": 11, "dec": 11}


@dataclass(frozen=True)
class Column:
    key: str        # column of the DataFrame
    header: str     # header shown in the sheet
    kind: str = "text"  # one of FORMATS; "pct" values are fractions (0.25 = 25%)


def inert(value):
    """A text value that cannot start a formula: a leading apostrophe, as the dashboard's exports do."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Sheets:
    """Formats registered once per workbook; `table` writes a titled table on a new sheet."""

    def __init__(self, workbook):
        self.book = workbook
        self.fmt = {kind: workbook.add_format({**spec, "font_size": 10}) for kind, spec in FORMATS.items()}
        self.header = workbook.add_format({"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "text_wrap": True,
                                           "valign": "top", "font_size": 10})
        self.title = workbook.add_format({"bold": True, "font_size": 13, "font_color": "#0B4F8A"})
        self.note = workbook.add_format({"italic": True, "font_color": "#555555", "font_size": 9})
        self.bold = workbook.add_format({"bold": True, "font_size": 10})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top", "font_size": 10})
        self.total = {kind: workbook.add_format({**spec, "bold": True, "top": 1, "font_size": 10})
                      for kind, spec in FORMATS.items()}

    def sheet(self, name: str):
        """A new sheet set up to print on A4 landscape, one page wide."""
        ws = self.book.add_worksheet(sheet_name(name))
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.set_footer("&L&8SIGAP Monitor&R&8&P / &N")
        return ws

    def table(self, name: str, title: str, frame: pd.DataFrame, columns: list[Column], *, notes: list[str] = (),
              total: dict | None = None):
        """A sheet with the title in row 1, notes below it, then the header (frozen) and the rows.
        `total`: {column key: value} written in bold under the table, first column labelled by '_label'."""
        ws = self.sheet(name)
        ws.write_string(0, 0, inert(title), self.title)
        for row, note in enumerate(notes, start=1):
            ws.write_string(row, 0, inert(note), self.note)
        header_row = self.header_row(len(notes))
        for c, col in enumerate(columns):
            ws.write_string(header_row, c, inert(col.header), self.header)
            ws.set_column(c, c, max(WIDTHS[col.kind], min(len(col.header) + 2, 40)))
        for r, record in enumerate(frame[[c.key for c in columns]].itertuples(index=False), start=header_row + 1):
            for c, (col, value) in enumerate(zip(columns, record)):
                self.cell(ws, r, c, value, col.kind)
        last = header_row + len(frame)
        if total:
            last += 1
            for c, col in enumerate(columns):
                if c == 0:
                    ws.write_string(last, 0, inert(total.get("_label", "")), self.total["text"])
                elif col.key in total:
                    self.cell(ws, last, c, total[col.key], col.kind, self.total[col.kind])
        ws.freeze_panes(header_row + 1, 0)
        ws.repeat_rows(header_row)
        if len(frame):
            ws.autofilter(header_row, 0, header_row + len(frame), len(columns) - 1)
        ws.set_row(header_row, 30)
        return ws

    @staticmethod
    def header_row(notes: int) -> int:
        """Row (0-based) of a table's header under its title and `notes` lines of notes (and a blank row)."""
        return 1 + notes + (1 if notes else 0)

    def cell(self, ws, r: int, c: int, value, kind: str, cell_format=None) -> None:
        cell_format = cell_format or self.fmt[kind]
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
            ws.write_blank(r, c, None, cell_format)
        elif kind in ("date", "month"):
            day = value if isinstance(value, dt.date) else pd.Timestamp(value).date()
            ws.write_datetime(r, c, dt.datetime(day.year, day.month, day.day), cell_format)
        elif kind == "text":
            ws.write_string(r, c, inert(str(value)), cell_format)
        else:
            ws.write_number(r, c, float(value), cell_format)
