"""Routing without private APIs except one isolated workaround, and a package without import cycles.

- ui/pages_folder.py is the only module that touches a Streamlit internal: these tests fail loudly when a
  Streamlit upgrade moves or drops what it relies on.
- The import graph of sigap_metrics (every `import`, also inside functions) has no cycle, and only ui/ imports
  Streamlit.
"""
from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics.i18n import t

from .apptest_helpers import sign_in
from .conftest import APP

PACKAGE = Path(__file__).resolve().parents[1] / "sigap_metrics"


def test_the_pages_folder_workaround_still_matches_streamlit():
    """If this fails after a Streamlit upgrade, read ui/pages_folder.py: Streamlit no longer has the flag that
    makes it run pages/ files without app.py (good: remove the workaround) or it moved (adapt the module)."""
    from streamlit.commands import navigation
    from streamlit.runtime import pages_manager
    from streamlit.runtime.scriptrunner import script_runner

    from sigap_metrics.ui import pages_folder

    assert hasattr(pages_manager.PagesManager, pages_folder.FLAG), "PagesManager lost uses_pages_directory"
    assert f"PagesManager.{pages_folder.FLAG}" in inspect.getsource(script_runner), \
        "the script runner no longer decides the pages-folder mode by this flag"
    assert f"PagesManager.{pages_folder.FLAG} = False" in inspect.getsource(navigation.navigation), \
        "st.navigation no longer leaves the pages-folder mode through this flag"


def test_no_other_module_touches_streamlit_internals():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "pages_folder.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("streamlit.")
                          and not n.startswith(("streamlit.testing", "streamlit.errors"))]
        if "_getframe" in path.read_text():
            offenders.append(f"{path.name}: sys._getframe")
    assert offenders == []


def test_a_page_asked_for_before_any_navigation_runs_through_app_py(demo_db, monkeypatch):
    """A fresh server's first request for /sektor (pages-folder mode): the page runs through app.py, with the
    sidebar's filter bar and the URL's filter (not on its own)."""
    monkeypatch.setenv("SIGAP_DB", str(demo_db))
    at = AppTest.from_file(str(APP), default_timeout=90)
    sign_in(at, "pimpinan", demo_db)
    at.query_params["kecamatan"] = "32.75.07"
    at.switch_page("pages/sektor.py")                 # before the first run: Streamlit's pages-folder mode
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="w_kecamatan").value == ["32.75.07"]
    assert not any(t("page_refused", "id") in w.value for w in at.warning)


def _imports(path: Path, module: str) -> set[str]:
    """sigap_metrics modules imported by `module` (file `path`), at any depth of the file."""
    found = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("sigap_metrics")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("sigap_metrics"):
                continue
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}       # `from . import x` imports module x
    # A module always needs its own parent packages (Python initialises them first): not an edge of a cycle.
    ancestors = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
    return found - ancestors


def _graph() -> dict[str, set[str]]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path, name) if m in modules and m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    colour, stack = {}, []

    def visit(node):
        colour[node] = "grey"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if colour.get(nxt) == "grey":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in colour and (found := visit(nxt)):
                return found
        colour[node] = "black"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in colour and (found := visit(node)):
            return found
    return None


def test_the_package_import_graph_has_no_cycle():
    graph = _graph()
    assert "sigap_metrics.ui.signin" in graph and "sigap_metrics.ui.identity" in graph["sigap_metrics.ui.signin"]
    # Edges to a module's own parent packages are left out (Python initialises those first anyway); imports
    # inside functions count, so a cycle hidden that way (ui.access ↔ ui.shell before issue 15) is found.
    assert _cycle(graph) is None, " → ".join(_cycle(graph))


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module", ["identity", "signin", "users_admin", "routing", "shell"])
def test_access_is_split_by_concern_and_nothing_imports_the_facade(module):
    graph = _graph()
    assert "sigap_metrics.ui.access" not in graph[f"sigap_metrics.ui.{module}"]
