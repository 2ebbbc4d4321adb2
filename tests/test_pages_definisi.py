"""Definisi indikator through AppTest: every catalogue entry rendered in the chosen language with its name in
the other one; a page's subset from the URL; the data dictionary download is the table shown."""
import pytest

from sigap_metrics import catalogue
from sigap_metrics.i18n import t

from .apptest_helpers import ANALYSTS, LANGS, frame_with, open_as, page_apps, release_stores, run_page

PAGE = "pages/definisi.py"


def _headings(at) -> list[str]:
    return [m.value.removeprefix("#### ") for m in at.markdown if m.value.startswith("#### ")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", ANALYSTS)
def test_every_indicator_is_defined_in_both_languages(role, lang, page_apps, demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = open_as(page_apps, PAGE, role=role, lang=lang)
    assert not at.exception
    other = "en" if lang == "id" else "id"
    assert _headings(at) == [ind.label(lang) for ind in catalogue.INDICATORS]
    captions = [c.value for c in at.caption]
    for ind in catalogue.INDICATORS:
        assert f"`{ind.key}` · {ind.label(other)}" in captions
        assert any((ind.formula[lang]) in m.value for m in at.markdown)
    table = frame_with(at, t("col_formula", lang))
    assert table[t("col_key", lang)].tolist() == [ind.key for ind in catalogue.INDICATORS]
    assert table[t("col_name_other", lang)].tolist() == [ind.label(other) for ind in catalogue.INDICATORS]


def test_one_page_subset_from_the_url(demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(PAGE, lang="en", params={"halaman": "klaim"})
    assert not at.exception
    assert at.selectbox(key="w_halaman").value == "klaim"
    assert _headings(at) == [ind.label("en") for ind in catalogue.for_page("klaim")]


@pytest.mark.parametrize("page", ["ringkasan", "peta", "sektor", "klaim", "anggaran", "pelatihan"])
def test_each_page_carries_the_definitions_of_its_indicators(page, demo_db, monkeypatch):
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = run_page(f"pages/{page}.py", lang="en")
    assert not at.exception
    assert t("def_here", "en") in [e.label for e in at.main.expander]
    assert _headings(at) == [ind.label("en") for ind in catalogue.for_page(page)]
