"""A4 document frame for printed reports: styles, header, footer with data date and page numbers
("Halaman 2 dari 3"), and a diagonal "DATA DEMO" watermark on demo stores. Content comes as flowables."""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Paragraph, Table, TableStyle

from . import fonts
from .fonts import BOLD, ITALIC, REGULAR

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 16 * mm, 20 * mm, 20 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
INK, MUTED, ACCENT, RULE = colors.HexColor("#1a1a1a"), colors.HexColor("#555555"), colors.HexColor("#0b4f8a"), \
    colors.HexColor("#c8d3de")


@dataclass(frozen=True)
class PageDecor:
    """What every page carries: running header, footer line, page-number words, watermark text or None."""
    header: str
    footer: str
    page_words: tuple[str, str]  # ("Halaman", "dari")
    watermark: str | None
    title: str
    author: str


def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=12.5, textColor=INK, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.3, leading=9.4, textColor=MUTED),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=17, leading=21, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=13, textColor=MUTED),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=11.5, leading=15, textColor=ACCENT,
                             spaceBefore=8, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=BOLD, fontSize=8, leading=10),
        "note": ParagraphStyle("note", parent=base, fontName=ITALIC, fontSize=8, leading=10.5, textColor=MUTED),
        "callout": ParagraphStyle("callout", parent=base, fontSize=9.5, leading=13.5,
                                  backColor=colors.HexColor("#eef3f8"),
                                  borderPadding=(6, 7, 6, 7), leftIndent=7, rightIndent=7, spaceBefore=6,
                                  spaceAfter=10),
    }


def image(png: bytes, width: float) -> Image:
    """A PNG scaled to `width` points, keeping its aspect ratio."""
    img = Image(io.BytesIO(png))
    img.drawHeight = width * img.imageHeight / img.imageWidth
    img.drawWidth = width
    return img


def table(rows: list[list], widths: list[float], *, header_rows: int = 1, align_right_from: int = 1,
          zebra: bool = True, font_size: float = 8, padding: float = 2.2) -> Table:
    """A plain report table: bold header over a rule, numbers right-aligned from column `align_right_from`."""
    tbl = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT")
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, font_size), ("FONT", (0, 0), (-1, header_rows - 1), BOLD, font_size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (align_right_from, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        commands += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f4f6f8"))
                     for r in range(header_rows + 1, len(rows), 2)]
    tbl.setStyle(TableStyle(commands))
    return tbl


def _numbered_canvas(frame: PageDecor):
    """A canvas class that holds pages until the end so each footer can say 'page x of y'."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, PAGE_H - 13 * mm, PAGE_W - MARGIN_X, PAGE_H - 13 * mm)
            self.line(MARGIN_X, 14 * mm, PAGE_W - MARGIN_X, 14 * mm)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN_X, PAGE_H - 11.5 * mm, frame.header)
            words = frame.page_words
            self.drawRightString(PAGE_W - MARGIN_X, 9.5 * mm, f"{words[0]} {self._pageNumber} {words[1]} {total}")
            self.setFont(REGULAR, 6.8)
            self.drawString(MARGIN_X, 9.5 * mm, frame.footer)
            if frame.watermark:
                # Drawn over the content, faint, so charts cannot hide it.
                self.setFont(BOLD, 88)
                self.setFillColor(colors.HexColor("#D55E00"))
                self.setFillAlpha(0.09)
                self.translate(PAGE_W / 2, PAGE_H / 2)
                self.rotate(50)
                self.drawCentredString(0, -30, frame.watermark)
            self.restoreState()

    return NumberedCanvas



def render(story: list, frame: PageDecor) -> bytes:
    """The story laid out on A4 pages with the frame's header, footer, page numbers and watermark."""
    fonts.register()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, title=frame.title, author=frame.author, lang="id-ID")
    body = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[body])])
    doc.build(story, canvasmaker=_numbered_canvas(frame))
    return buffer.getvalue()


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)
