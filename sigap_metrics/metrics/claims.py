"""Claims (klaim) and benefits paid."""
from __future__ import annotations

import datetime as dt

import duckdb

from .filters import NO_FILTERS, Filters

def claims_paid(con: duckdb.DuckDBPyConnection, as_of: dt.date, filters: Filters = NO_FILTERS) -> dict:
    """Claims with status DIBAYAR paid on or before `as_of` since the programme began, and their benefits."""
    where, params = filters.sql(as_of)
    row = con.execute(
        "SELECT count(*), coalesce(sum(c.nominal_rp), 0) FROM klaim AS c"
        " WHERE c.status = 'DIBAYAR' AND c.tgl_bayar <= ?"
        " AND EXISTS (SELECT 1 FROM kepesertaan AS k JOIN pekerja AS p USING (pekerja_id)"
        "  WHERE k.pekerja_id = c.pekerja_id" + where + ")", [as_of] + params).fetchall()[0]
    return {"claims_paid": int(row[0]), "benefits_paid_rp": int(row[1])}
