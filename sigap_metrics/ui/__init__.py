"""Streamlit glue: the only part of the package that imports Streamlit (with app.py and pages/)."""
