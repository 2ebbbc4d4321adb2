"""The reports as other programs see them: the brief rasterised by pdftoppm (poppler-utils) stays inside its
margins, and the workbook opens in LibreOffice headless and converts to PDF (libreoffice-calc). Both tools
are system packages; a missing one fails the test with the command that installs it."""
from __future__ import annotations

import io
import re
import shutil
import subprocess

import numpy as np
import pypdf
import pytest
from PIL import Image

from sigap_metrics.reports import build_monthly_brief, build_workbook

from .test_metrics_fixture import AS_OF, build_hand_store

DPI = 50
MM = DPI / 25.4
# Content sits 16 mm from the left and right edges, header and footer lines about 9–14 mm from the top and
# bottom: anything drawn in the outer 12 mm at the sides or 8 mm at the top and bottom has run off its frame.
SIDE_MM, END_MM = 12, 8


def tool(*names: str) -> str:
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail(f"{names[0]} is not installed (apt-get install -y "
                f"{'poppler-utils' if names[0].startswith('pdf') else 'libreoffice-calc'})")


@pytest.fixture(scope="module")
def hand():
    con = build_hand_store()
    yield con
    con.close()


def test_brief_pages_rasterise_and_stay_inside_their_margins(hand, tmp_path):
    pdf = build_monthly_brief(hand, "2026-08", data_date=AS_OF)
    (tmp_path / "brief.pdf").write_bytes(pdf)
    subprocess.run([tool("pdftoppm"), "-png", "-r", str(DPI), str(tmp_path / "brief.pdf"), str(tmp_path / "p")],
                   check=True, timeout=120)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    side, end = round(SIDE_MM * MM), round(END_MM * MM)
    for image in images:
        pixels = np.asarray(Image.open(image).convert("L"))
        height, width = pixels.shape
        assert abs(width / height - 210 / 297) < 0.01  # A4 portrait
        assert (pixels < 200).mean() > 0.02, f"{image.name} is nearly blank"
        for name, strip in (("left", pixels[:, :side]), ("right", pixels[:, width - side:]),
                            ("top", pixels[:end, :]), ("bottom", pixels[height - end:, :])):
            assert strip.min() > 240, f"{image.name}: something is drawn in the {name} margin"


def test_workbook_opens_in_libreoffice_headless(hand, tmp_path):
    exe = tool("libreoffice", "soffice")
    book = tmp_path / "anggaran_2026.xlsx"
    book.write_bytes(build_workbook(hand, 2026, data_date=AS_OF))
    # a profile of its own, so a running LibreOffice or a parallel test cannot lock it
    done = subprocess.run([exe, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
                          capture_output=True, text=True, timeout=240)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "repair" not in output.lower() and "corrupt" not in output.lower(), output
    converted = tmp_path / "anggaran_2026.pdf"
    assert converted.exists(), output
    text = "".join(page.extract_text() for page in pypdf.PdfReader(converted).pages)
    # LibreOffice computed the cells it printed: the premiums total and the Rp number format
    assert re.search(r"Rp1[.,]816[.,]000", text), text[:2000]
    assert "Tahap 2" in text and "Skenario" in text
