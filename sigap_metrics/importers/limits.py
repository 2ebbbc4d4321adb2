"""Limits on what an uploaded file may be (DESIGN §4.2): beyond them a file is refused as a whole, before any
large allocation, so a hostile or broken file ends in a clear refusal (exit 2), never in a traceback or in
gigabytes of memory. `.streamlit/config.toml` sets the same upload size for the Data page (a test checks
they agree); the CLI checks the file size before reading it.
"""
from __future__ import annotations

MAX_UPLOAD_MB = 100  # server.maxUploadSize in .streamlit/config.toml (Streamlit counts in MB = 2^20 bytes)
MAX_FILE_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_ROWS = 1_000_000      # lines of a CSV / rows holding data in a sheet: the demo's scale; split bigger files
MAX_COLUMNS = 200          # widest real file seen: ~30 columns; a 10,000-column file is junk
MAX_CELL_CHARS = 32_767    # Excel's own limit for one cell: longer text never came from a spreadsheet
MAX_SHEETS = 100           # sheets looked at when choosing the one that holds the data
# XLSX is a zip: what its members inflate to is checked against the zip directory before anything is
# inflated (a zip bomb declares small sizes only by lying, and then zipfile stops at the declared size).
MAX_XLSX_INFLATED_BYTES = 1024 * 1024 * 1024
MAX_XLSX_RATIO = 200       # inflated ÷ compressed for a member above 10 MB: real sheets compress ~5–20×
