"""The quality gate of a draft release: what a publisher checks before putting their name under it.

- imports: the data imports since the previous release was published (all imports for the first release):
  how many, rows read, rows rejected and the rejected share;
- completeness: mean share of filled fields over those imports (import_kelengkapan);
- claims outside coverage: claims filed by the reference date whose incident lies outside every coverage
  period of the worker (they are counted, not removed; someone should look at them);
- hidden cells: how many cells of the release are hidden;
- change against the previous release: the headline active workers then and now, and the largest movements
  among cells shown in both (kecamatan, sector, sex, claims by programme).
"""
from __future__ import annotations

import duckdb
import pandas as pd

from ..metrics import claims
from ..metrics.suppression import HIDDEN_MARK
from ..store.sql import scalar

MOVEMENTS_SHOWN = 5
COMPARED = {"kecamatan": ("kode", "nama", "pekerja_aktif"), "sektor": ("kode", "nama", "pekerja_aktif"),
            "jenis_kelamin": ("kode", "nama", "pekerja_aktif"), "klaim": ("program", "program", "klaim_dibayar")}


def gate(con: duckdb.DuckDBPyConnection, month: str, tables: dict, previous) -> dict:
    since = previous.info.published_at if previous is not None else None
    rows = con.execute(
        "SELECT count(*), coalesce(sum(rows_read), 0), coalesce(sum(rejected), 0) FROM import_log"
        " WHERE status = 'ok' AND kind <> 'batas_wilayah' AND (CAST(? AS TIMESTAMP) IS NULL OR finished_at > ?)",
        [since, since]).fetchall()[0]
    imports, read, rejected = (int(v) for v in rows)
    completeness = scalar(
        con, "SELECT avg(f.terisi / f.total) FROM import_kelengkapan AS f JOIN import_log AS l USING (import_id)"
             " WHERE f.total > 0 AND l.status = 'ok' AND (CAST(? AS TIMESTAMP) IS NULL OR l.finished_at > ?)",
        [since, since])
    reference = tables["ringkasan"].frame["per_tanggal"].iloc[0]
    outside = claims.claims_outside_coverage_count(con, reference)["klaim_di_luar_cakupan"].iloc[0]
    hidden = sum(int((table.frame[c] == HIDDEN_MARK).sum()) for table in tables.values()
                 for c in table.frame.columns if c.endswith("_tanda") or c == "tanda")
    return {
        "month": month,
        "imports_since": since.isoformat() if since is not None else None,
        "imports": imports, "rows_read": read, "rows_rejected": rejected,
        "rejected_share": round(rejected / read, 4) if read else 0.0,
        "completeness": None if completeness is None or pd.isna(completeness) else round(float(completeness), 4),
        "claims_outside_coverage": int(outside),
        "hidden_cells": hidden,
        "previous_month": previous.info.month if previous is not None else None,
        "active_workers": _headline(tables, "active_workers"),
        "previous_active_workers": _headline(previous.tables, "active_workers") if previous is not None else None,
        "largest_changes": _movements(tables, previous.tables) if previous is not None else [],
    }


def _headline(tables: dict, key: str):
    head = tables["ringkasan"].frame.set_index("indikator")
    value = head.at[key, "nilai"] if key in head.index else None
    return None if value is None or pd.isna(value) or head.at[key, "tanda"] else int(value)


def _movements(now: dict, before: dict) -> list[dict]:
    found = []
    for name, (key, label, value) in COMPARED.items():
        if name not in now or name not in before:
            continue
        old = before[name].frame.set_index(key)
        for _, row in now[name].frame.iterrows():
            code = row[key]
            if code not in old.index or row[value + "_tanda"] or old.at[code, value + "_tanda"]:
                continue
            change = int(row[value]) - int(old.at[code, value])
            if change == 0:
                continue
            found.append({"table": name, "key": str(code), "name": str(row[label]), "previous": int(old.at[code, value]),
                          "current": int(row[value]), "change": change})
    found.sort(key=lambda m: (-abs(m["change"]), m["table"], m["key"]))
    return found[:MOVEMENTS_SHOWN]
