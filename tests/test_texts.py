"""The one text store (sigap_metrics.i18n): every key in both languages with the same placeholders, every key used,
no key declared twice, and no user-facing literal outside the store in the UI and report modules."""
from __future__ import annotations

import ast
import dataclasses
import re
import string
from pathlib import Path

import pytest

from sigap_metrics import auth, catalogue, i18n
from sigap_metrics.importers import boundaries, load, messages
from sigap_metrics.metrics import brief, claims, filters, forecast, selection, views
from sigap_metrics.releases import model
from sigap_metrics.ui import routing

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sigap_metrics"
STORE = PACKAGE / "i18n"
CODE = sorted(p for p in [*PACKAGE.rglob("*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"] if STORE not in p.parents)
TEMPLATES = sorted((PACKAGE / "site" / "templates").glob("*.*"))
UI_MODULES = sorted([*ROOT.glob("pages/*.py"), ROOT / "app.py", *(PACKAGE / "ui").glob("*.py"),
                     *(PACKAGE / "reports").glob("*.py")])


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _literals(path: Path) -> set[str]:
    """Every string constant in a Python file (f-strings give their constant parts)."""
    return {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _code_literals() -> set[str]:
    found = set().union(*(_literals(p) for p in CODE))
    for template in TEMPLATES:   # jinja: {{ t("site_privacy") }}
        found |= set(re.findall(r"""["']([a-z0-9_]+)["']""", template.read_text(encoding="utf-8")))
    return found


# Keys built at run time as prefix + value: each prefix with the data its values come from. A key with one of these
# prefixes counts as used only when its suffix is in that data.
DYNAMIC = {
    "page_": lambda: {spec.key for spec in routing.PAGES},
    "role_": lambda: set(auth.ROLES),
    "users_col_": lambda: _literals(PACKAGE / "ui" / "users_admin.py"),        # _USER_COLUMNS
    "users_action_": lambda: _literals(PACKAGE / "ui" / "users_admin.py"),     # the radio's options
    "data_kind_": lambda: {"auto", *load.KINDS} | ({"batas_wilayah"} if "batas_wilayah" in
                                                  Path(boundaries.__file__).read_text(encoding="utf-8") else set()),
    "data_outcome_": lambda: _literals(PACKAGE / "importers" / "validate.py"),  # column "jenis" of reason_counts
    "forecast_": lambda: set(forecast.STATUSES),
    "fc_": lambda: set(forecast.STATUSES),
    "health_fact_": lambda: _literals(PACKAGE / "health.py"),                 # Fact(key, ...)
    "health_": lambda: _literals(PACKAGE / "health.py"),                      # Fact(..., status)
    "kind_": lambda: _literals(PACKAGE / "reports" / "workbook.py"),           # projection rows' "jenis"
    "map_all_": lambda: _literals(ROOT / "pages" / "peta.py"),                 # AREAS[:2]
    "mom_": lambda: set(brief.COMPARED),
    "period_": lambda: set(views.PERIODS),
    "rel_status_": lambda: set(model.STATUSES),
    "site_status_": lambda: set(model.STATUSES),
    "sex_": lambda: {"L", "P"},
    "filter_": lambda: {f.name for f in dataclasses.fields(filters.Filters)},
    "stage_": lambda: set(selection.FUNNEL_STAGES),
    "status_": lambda: set(claims.STATUSES),
    "claim_status_": lambda: set(claims.STATUSES),
    "unit_": lambda: set(catalogue.UNITS),
}


def test_every_text_has_both_languages_with_the_same_placeholders():
    for key, entry in i18n.TEXT.items():
        assert set(entry) == set(i18n.LANGUAGES), key
        assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
        assert _fields(entry["id"]) == _fields(entry["en"]), key


@pytest.mark.parametrize("table", ["FILE_MESSAGES", "ROW_MESSAGES", "_HINTS", "_SHEET_NOTES", "_SKIPPED",
                                   "_SHEET_FOUND", "_OTHER_SHEETS", "_SKIPPED_NOTE"])
def test_import_messages_have_both_languages_with_the_same_placeholders(table):
    entries = getattr(messages, table)
    for code, entry in ({table: entries} if "id" in entries else entries).items():
        assert entry["id"].strip() and entry["en"].strip(), code
        assert _fields(entry["id"]) == _fields(entry["en"]), code


def test_no_key_is_declared_in_two_topic_modules():
    seen: dict[str, str] = {}
    for topic, texts in i18n.TOPICS.items():
        for key in texts:
            assert key not in seen, f"{key} declared in {seen[key]} and {topic}"
            seen[key] = topic
    assert set(seen) == set(i18n.TEXT)


def test_a_second_declaration_is_refused_on_load():
    with pytest.raises(ValueError, match="declared in both"):
        i18n._merge({"a": {"k": {"id": "x", "en": "x"}}, "b": {"k": {"id": "y", "en": "y"}}})


def test_topic_modules_declare_each_key_once_in_their_source():
    # a dict literal silently keeps the last of two equal keys: read the source, not the dict
    for path in STORE.glob("*.py"):
        keys = [k.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Dict)
                for k in n.keys if isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value not in
                i18n.LANGUAGES]
        assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))


def test_every_key_is_used():
    literals = _code_literals()
    domains = {prefix: build() for prefix, build in DYNAMIC.items()}
    unused = []
    for key in i18n.TEXT:
        if key in literals:
            continue
        if not any(key.startswith(p) and key[len(p):] in values for p, values in domains.items()):
            unused.append(key)
    assert not unused, f"keys used nowhere (delete them, or declare how they are built): {unused}"


def test_every_dynamic_prefix_is_built_somewhere_and_reaches_a_key():
    literals = _code_literals()
    for prefix, build in DYNAMIC.items():
        assert prefix in literals, f"no code builds {prefix}…: drop it from DYNAMIC"
        assert any(prefix + value in i18n.TEXT for value in build()), prefix


# --- no user-facing literal outside the store ---

# Streamlit and report drawing calls whose every positional argument is shown; Streamlit widgets whose first
# positional argument (st.metric: first three) is shown.
SHOWN_ARGS = {"title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "toast",
              "write", "text", "exception", "paragraph", "annotate", "set_title", "set_xlabel", "set_ylabel",
              "set_page_config", "spinner", "set_properties"}
LABEL_ARG = {"button", "download_button", "link_button", "form_submit_button", "selectbox", "multiselect", "radio",
             "select_slider", "slider", "text_input", "text_area", "number_input", "date_input", "time_input",
             "checkbox", "toggle", "file_uploader", "expander", "popover", "tabs", "color_picker", "segmented_control",
             "pills", "dialog", "metric", "sheet"}
# report drawing: the shown argument's position
POSITIONAL = {"write_string": 2, "drawString": 2, "drawRightString": 2, "drawCentredString": 2, "Column": 1,
              "chart_block": 1}
# keyword arguments shown whatever the call (st.Page(title=…), @st.cache_data(show_spinner=…), ax.plot(label=…))
SHOWN_KWARGS = {"label", "help", "placeholder", "body", "caption", "title", "page_title", "notes", "value_label",
                "show_spinner", "format_func", "y_title", "x_title"}
# calls whose arguments end up in the shown text (other calls compute values: their arguments are not text)
PASS_THROUGH = {"format", "join", "escape", "for_markdown", "str", "upper", "lower", "capitalize", "strip"}
LETTER = re.compile(r"[^\W\d_]")
MARKUP = re.compile(r"<[^>]*>|&\w+;")   # HTML tags and entities of markdown/reportlab paragraphs: no words

# Literals allowed on screen or paper, each with its reason.
ALLOWED = {
    "SIGAP Monitor": "the product's name, the same in both languages",
    "&L&8SIGAP Monitor&R&8&P / &N": "the workbook's printed footer: the product's name and page codes",
}


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _shown_strings(node: ast.expr):
    """String constants in an expression that reach the screen: not inside t(...), not dict keys looked up,
    not values compared, not arguments of functions that compute rather than join text."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str):
            yield node
        return
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name == "t":
            return
        if isinstance(node.func, ast.Attribute):
            yield from _shown_strings(node.func.value)
        if name in PASS_THROUGH:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                yield from _shown_strings(arg)
        return
    if isinstance(node, ast.Subscript):   # {"id": "…", "en": "…"}[code] shows the values; labels["title"] a value
        yield from _shown_strings(node.value)
        return
    if isinstance(node, ast.Dict):
        for value in node.values:
            yield from _shown_strings(value)
        return
    if isinstance(node, ast.Lambda):      # format_func=lambda c: …
        yield from _shown_strings(node.body)
        return
    if isinstance(node, ast.Compare):
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.expr):
            yield from _shown_strings(child)


def user_facing_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) for every literal with letters shown by a display or drawing call, not on ALLOWED."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name in SHOWN_ARGS | LABEL_ARG and not isinstance(node.func, ast.Attribute):
            continue   # st.metric(...) and box.button(...) are methods; a bare metric(...) computes a value
        shown = []
        if name in SHOWN_ARGS:
            shown += node.args
        elif name in LABEL_ARG:
            shown += node.args[:3 if name == "metric" else 1]
        elif name in POSITIONAL and len(node.args) > POSITIONAL[name]:
            shown.append(node.args[POSITIONAL[name]])
        shown += [k.value for k in node.keywords if k.arg in SHOWN_KWARGS]
        for arg in shown:
            for literal in _shown_strings(arg):
                if LETTER.search(MARKUP.sub("", literal.value)) and literal.value not in ALLOWED:
                    found.append((literal.lineno, literal.value))
    return found


def test_the_scanner_finds_planted_literals():
    planted = '''
st.title("Ringkasan bulan ini")
st.caption(t("a", lang) + " · diperbarui")
box.button(t("b", lang), help="Klik di sini")
st.metric(t("c", lang), f"{n} pekerja")
st.markdown(f"**{t('d', lang)}**: {x}")
st.tabs([t("e", lang), "Tabel"])
ws.write_string(0, 1, "Judul lembar", fmt)
ax.set_title("Cakupan", loc="left")
Column("nama", "Istilah")
ax.plot(x, y, label="Aktif")
widgets.chart_block("sektor_rincian", "Rincian", figure, groups)
pdf.paragraph("<b>Catatan</b>", st["small"])
st.selectbox(t("k", lang), LANGUAGES, format_func=lambda code: {"id": "Bahasa Indonesia", "en": "English"}[code])
with st.spinner("Menyiapkan data"):
    pass
home = st.Page(run, title="Beranda", url_path="beranda")
'''
    assert sorted(text for _, text in user_facing_literals(planted)) == sorted([
        "Ringkasan bulan ini", " · diperbarui", "Klik di sini", " pekerja", "Tabel", "Judul lembar", "Cakupan",
        "Istilah", "Aktif", "Rincian", "<b>Catatan</b>", "Bahasa Indonesia", "English", "Menyiapkan data",
        "Beranda"])


def test_the_scanner_lets_keys_formats_and_marks_through():
    clean = '''
st.title(t("page_ringkasan", lang))
st.markdown(f"**{t('d', lang)}** · {fmt.date(day, lang, 'month')}")
st.caption(t("x", lang).format(n=fmt.number(n, lang)) if mode == "full" else t("y", lang))
st.selectbox(t("k", lang), ["L", "P"], format_func=lambda c: t("sex_" + c, lang), key="w_sex", icon=":material/x:")
ws.write_string(0, 1, labels["title"], fmt)
st.write(" – ")
st.markdown(f"<div style='font-size:0.85rem'><b>{title}</b></div>", unsafe_allow_html=True)
cells = metric(crosstab, as_of, "sektor", "kecamatan", filters)
'''
    assert user_facing_literals(clean) == []


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_user_facing_literal_outside_the_store(path):
    assert user_facing_literals(path.read_text(encoding="utf-8")) == []


def test_allowed_literals_are_still_needed():
    shown = set().union(*(_literals(p) for p in UI_MODULES))
    assert set(ALLOWED) <= shown
