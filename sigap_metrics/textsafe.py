"""Text from imported files shown as text: never as HTML in a chart, never as markdown in a page. No Streamlit.

Plotly renders a small set of HTML tags in every label, tick, legend and hover text (including `<a href>`,
which makes a clickable link), and Streamlit renders markdown (links, images, emphasis) in st.markdown,
st.caption, st.error and friends. Text that came from a file passes through one of these before it is shown.
"""
from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:$])")


def for_plotly(value: object) -> object:
    """A label for plotly: `<`, `>` and `&` as entities, which plotly shows as the characters themselves."""
    return html.escape(value, quote=False) if isinstance(value, str) else value


def for_markdown(value: object) -> str:
    """Text inside markdown: every markdown character escaped with a backslash, HTML characters as entities."""
    return _MARKDOWN.sub(r"\\\1", html.escape(str(value), quote=False))
