"""Tables for the Data page: the quarantine of an import, a preview's rejected rows and warnings, the columns
recognised, the boundaries stored. Pure functions of a connection or a validation, no Streamlit."""
from __future__ import annotations

import io

import duckdb
import pandas as pd

from .schemas import SCHEMAS
from .validate import Validation

QUARANTINE_COLUMNS = ("row_number", "reason_code", "reason")


def expand_row_values(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its row_values JSON (the row as written, NIK masked) spread into one column per header."""
    base = frame[[c for c in QUARANTINE_COLUMNS if c in frame.columns]].reset_index(drop=True)
    if frame.empty or "row_values" not in frame:
        return base
    values = pd.read_json(io.StringIO("\n".join(frame["row_values"].fillna("{}"))), lines=True, dtype=False)
    values = values.astype("string").fillna("")
    clashes = [c for c in values.columns if c in base.columns]
    values = values.rename(columns={c: f"{c} (file)" for c in clashes})
    return pd.concat([base, values], axis=1)


def quarantine(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    """The rejected rows of one import in file order: row number, reason code, reason, then the row's values."""
    frame = con.execute("SELECT row_number, reason_code, reason, row_values FROM karantina WHERE import_id = ?"
                        " ORDER BY row_number", [import_id]).df()
    return expand_row_values(frame)


def import_warnings(con: duckdb.DuckDBPyConnection, import_id: int) -> pd.DataFrame:
    return con.execute("SELECT row_number, code AS reason_code, message AS reason FROM import_catatan"
                       " WHERE import_id = ? ORDER BY row_number, code", [import_id]).df()


def preview_rejected(validation: Validation) -> pd.DataFrame:
    return expand_row_values(validation.rejected.sort_values("row_number"))


def preview_warnings(validation: Validation) -> pd.DataFrame:
    return validation.warnings.rename(columns={"code": "reason_code", "message": "reason"})[list(QUARANTINE_COLUMNS)]


def recognised_columns(validation: Validation) -> pd.DataFrame:
    """Each field of the kind, the header that supplied it ("" when absent) and whether it is required."""
    schema = SCHEMAS[validation.kind]
    return pd.DataFrame({"field": [f.header for f in schema.fields],
                         "header": [validation.columns.get(f.header, "") for f in schema.fields],
                         "required": [f.required for f in schema.fields]})


def stored_boundaries(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Boundary polygons stored per level, with the import that loaded them."""
    return con.execute("SELECT b.level, count(*) AS areas, max(b.import_id) AS import_id, any_value(l.file_name)"
                       " AS file_name, any_value(l.finished_at) AS loaded_at FROM batas_wilayah AS b LEFT JOIN"
                       " import_log AS l USING (import_id) GROUP BY b.level ORDER BY b.level").df()

