"""Every page, download and report shows the same on the hand-computed fixture as the goldens in tests/golden/
(acceptance 4 of issue 10): cards and displayed tables of each page, the CSV of each download, the monthly
brief's PDF text, the budget workbook's cells and number formats, the open-data CSVs and their public display.

The goldens were captured from the code before the output-column registry; where an intended change (a drift
fixed) alters one, the golden is regenerated in a commit of its own that says which cell changed and why.
Regenerate from the repository root with:

    python -m tests.golden_outputs
"""
from __future__ import annotations

import difflib

import pytest

from .golden_outputs import GOLDEN, capture

NAMES = sorted(path.stem for path in GOLDEN.glob("*.txt"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    return capture(tmp_path_factory.mktemp("golden"))


def test_every_output_has_a_golden(outputs):
    assert sorted(outputs) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_output_matches_its_golden(name, outputs):
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    got = outputs[name]
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), got.splitlines(), "golden", "now", lineterm="", n=1))
    assert got == expected, f"{name} differs from tests/golden/{name}.txt:\n{diff[:4000]}"
