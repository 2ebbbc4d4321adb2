"""Writing report tables into an XLSX workbook with xlsxwriter: columns headed and typed by the output-column
registry (Rp, %, dates), a title above each table, bold frozen header, autofilter and fitted widths. Text cells that could start a formula
(= + - @) are neutralised by the same rule as the dashboard's downloads (`sigap_metrics.exports`)."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from ..columns import column
from ..exports import FORMULA_STARTS, sheet_name

# Number formats per unit of the output-column registry. "Rp"#,##0 shows Rp16,800 / Rp16.800 depending on the
# reader's locale, and stays a number; percents are 0–100 as everywhere else, so the % is a literal suffix.
WIDTHS = {"text": 14, "count": 12, "rupiah": 18, "percent": 11, "date": 12, "month": 11, "ratio": 11}


def num_format(unit: str, decimals: int = 0) -> dict:
    digits = "." + "0" * decimals if decimals else ""
    return {"text": {}, "count": {"num_format": "#,##0" + digits}, "rupiah": {"num_format": '"Rp"#,##0'},
            "percent": {"num_format": '0' + digits + '"%"'}, "ratio": {"num_format": "#,##0" + digits},
            "date": {"num_format": "yyyy-mm-dd"}, "month": {"num_format": "mmm yyyy"}}[unit]


def inert(value):
    """A text value that cannot start a formula: a leading apostrophe, as the dashboard's exports do."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Sheets:
    """Formats registered once per workbook; `table` writes a titled table on a new sheet."""

    def __init__(self, workbook):
        self.book = workbook
        self._formats: dict[tuple, object] = {}
        self.header = workbook.add_format({"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "text_wrap": True,
                                           "valign": "top", "font_size": 10})
        self.title = workbook.add_format({"bold": True, "font_size": 13, "font_color": "#0B4F8A"})
        self.note = workbook.add_format({"italic": True, "font_color": "#555555", "font_size": 9})
        self.bold = workbook.add_format({"bold": True, "font_size": 10})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top", "font_size": 10})

    def format_of(self, unit: str, decimals: int = 0, total: bool = False):
        """The cell format of a unit (bold with a rule above in a total row), made once per workbook."""
        key = (unit, decimals, total)
        if key not in self._formats:
            extra = {"bold": True, "top": 1} if total else {}
            self._formats[key] = self.book.add_format({**num_format(unit, decimals), **extra, "font_size": 10})
        return self._formats[key]

    def sheet(self, name: str):
        """A new sheet set up to print on A4 landscape, one page wide."""
        ws = self.book.add_worksheet(sheet_name(name))
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.set_footer("&L&8SIGAP Monitor&R&8&P / &N")
        return ws

    def table(self, name: str, title: str, frame: pd.DataFrame, names: list[str], lang: str, *,
              notes: list[str] = (), total: dict | None = None):
        """A sheet with the title in row 1, notes below it, then the header (frozen) and the rows: the output
        columns `names` (sigap_metrics.columns), headed and formatted as declared there.
        `total`: {column name: value} written in bold under the table, first column labelled by '_label'."""
        columns = [column(n) for n in names]
        ws = self.sheet(name)
        ws.write_string(0, 0, inert(title), self.title)
        for row, note in enumerate(notes, start=1):
            ws.write_string(row, 0, inert(note), self.note)
        header_row = self.header_row(len(notes))
        for c, col in enumerate(columns):
            header = col.title(lang)
            ws.write_string(header_row, c, inert(header), self.header)
            ws.set_column(c, c, max(WIDTHS[col.unit], min(len(header) + 2, 40)))
        for r, record in enumerate(frame[[c.of for c in columns]].itertuples(index=False), start=header_row + 1):
            for c, (col, value) in enumerate(zip(columns, record)):
                self.cell(ws, r, c, value, col.unit, col.decimals)
        last = header_row + len(frame)
        if total:
            last += 1
            for c, col in enumerate(columns):
                if c == 0:
                    ws.write_string(last, 0, inert(total.get("_label", "")), self.format_of("text", total=True))
                elif col.name in total:
                    self.cell(ws, last, c, total[col.name], col.unit, col.decimals,
                              self.format_of(col.unit, col.decimals, total=True))
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

    def cell(self, ws, r: int, c: int, value, unit: str, decimals: int = 0, cell_format=None) -> None:
        """One value in the format of its unit (of sigap_metrics.columns.UNITS)."""
        cell_format = cell_format or self.format_of(unit, decimals)
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
            ws.write_blank(r, c, None, cell_format)
        elif unit in ("date", "month"):
            day = value if isinstance(value, dt.date) else pd.Timestamp(value).date()
            ws.write_datetime(r, c, dt.datetime(day.year, day.month, day.day), cell_format)
        elif unit == "text":
            ws.write_string(r, c, inert(str(value)), cell_format)
        else:
            ws.write_number(r, c, float(value), cell_format)
