"""Fonts that render Indonesian text the same way in the PDF and in its charts: DejaVu Sans, which ships
with matplotlib, registered once with reportlab and selected for matplotlib's Agg backend."""
from __future__ import annotations

import functools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # server-side rendering; never a display or a browser

from matplotlib import font_manager  # noqa: E402
from reportlab.lib.fonts import addMapping  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402

REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}


def font_dir() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@functools.cache
def register() -> None:
    """Register DejaVu Sans (regular, bold, oblique) with reportlab; idempotent."""
    for name, file_name in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(font_dir() / file_name)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)


def matplotlib_rc() -> dict:
    """rcParams for the report's charts (used inside `matplotlib.rc_context`, never set globally)."""
    font_manager.fontManager.addfont(str(font_dir() / _FILES[REGULAR]))
    return {"font.family": "DejaVu Sans", "font.size": 8, "axes.titlesize": 9, "axes.labelsize": 8,
            "xtick.labelsize": 7, "ytick.labelsize": 7, "legend.fontsize": 7, "axes.spines.top": False,
            "axes.spines.right": False, "axes.grid": True, "grid.color": "#dddddd", "grid.linewidth": 0.5,
            "axes.axisbelow": True, "svg.fonttype": "none", "pdf.fonttype": 42}
