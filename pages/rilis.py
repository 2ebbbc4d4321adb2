"""Rilis (pimpinan/admin publish; operators prepare and read): sigap_metrics.ui.rilis_page."""
from sigap_metrics.ui import access, rilis_page, shell

view = shell.view()
access.require("pimpinan", "operator", "admin")
rilis_page.show(view.lang)
