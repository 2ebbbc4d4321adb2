"""The public tables (DESIGN §3 page 7, §6, §6.1): what a release freezes and the public sees.

Everything here is an aggregate of indicators the catalogue marks public, at one reference date, for the
whole city: the public gets no filters, so no two views can be subtracted to single out a small group; and
it gets only published releases (sigap_metrics.releases), never the live store, so no two days can be
subtracted either. `public_tables` computes the true values and hands them to releases.protect, which
hides cells over all tables jointly (tables that share a total are not independent: ten men and one woman
with the total shown in five tables give the woman away) and marks every hidden cell the same way.

No names, NIK, KPJ, birth dates or single claims exist in anything built here. No Streamlit.

Split by concern: fields.py (the tables' vocabulary: Field, PublicTable, shared constants), tables.py (building
the tables of a release), display.py (cells as text and localised frames for pages, charts and the site).
"""
from .display import EN_TWIN, FORMATTED, cell_text, chart_frame, display_frame, headline, trend_frame
from .fields import (CITY_CODE, PACKAGE_NAME, RATIO_DECIMALS, SEX_UNKNOWN, SOURCE, TOTAL_KEY, Field, PublicTable)
from .tables import PUBLISHED, check_published, csv_bytes, public_tables

__all__ = ["CITY_CODE", "EN_TWIN", "FORMATTED", "PACKAGE_NAME", "PUBLISHED", "RATIO_DECIMALS", "SEX_UNKNOWN", "SOURCE",
           "TOTAL_KEY", "Field", "PublicTable", "cell_text", "chart_frame", "check_published", "csv_bytes",
           "display_frame", "headline", "public_tables", "trend_frame"]
