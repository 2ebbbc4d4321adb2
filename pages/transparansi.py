"""Transparansi publik: the only page without login. Shows the latest published release (or an earlier one
from the archive), never the live store: sigap_metrics.ui.public_page."""
from sigap_metrics.ui import public_page, shell

view = shell.view()
public_page.show(view.lang)
