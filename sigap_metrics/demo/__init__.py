"""The demo store: synthetic data (see assumptions.py) loaded through the import loader."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from ..metrics import derived
from ..importers.load import ImportSource, load_import, resolve_workers
from ..auth import create_demo_users
from .. import config
from ..store import connect, nik_key, set_meta
from ..store.sql import scalar
from . import assumptions
from .generate import (DemoFrames, generate, generate_parts, part_sizes, payments_frame, phases_frame,
                       sum_monthly_counts)

__all__ = ["build_demo", "create_demo_store", "generate", "DemoFrames", "assumptions", "write_files"]

_NO_ROWS = pd.DataFrame(columns=["row_number", "reason_code", "reason", "row_values"])
_NO_NOTES = pd.DataFrame(columns=["row_number", "code", "message"])
DEMO_PUBLISHER, DEMO_PREPARER = "pimpinan", "operator"     # demo logins (auth.DEMO_USERS)
LOAD_ORDER = ("anggaran", "peserta", "usulan", "klaim", "pelatihan", "pembayaran")
PART_KINDS = ("peserta", "usulan", "klaim", "pelatihan")   # generated per part; phases and invoices once
# DuckDB's memory while a demo is built: beyond it, joins and sorts spill to disk beside the store, so a
# 10-million-worker demo stays within a small server's memory (the default is 80% of the machine's RAM).
BUILD_MEMORY_LIMIT = "SET memory_limit = '4GB'"


def build_demo(con: duckdb.DuckDBPyConnection, *, nik_key: bytes, n_workers: int = assumptions.DEFAULT_WORKERS,
               seed: int = assumptions.DEFAULT_SEED, as_of: dt.date | None = None) -> dict[str, int]:
    """Generate demo data and load it into an empty store; returns rows loaded per kind.

    A demo larger than `generate.PART_WORKERS` is generated and loaded part by part (one import per kind and
    part), so the frames in memory never exceed one part, however many workers the demo has."""
    if scalar(con, "SELECT count(*) FROM import_log"):
        raise ValueError("the store already holds data; the demo needs an empty store (use a new --db path)")
    as_of = as_of or dt.date.today()
    loaded = dict.fromkeys(LOAD_ORDER, 0)
    parts = len(part_sizes(n_workers))

    def load(kind: str, frame: pd.DataFrame, part: int = 0) -> None:
        if kind == "klaim":
            ids = resolve_workers(con, nik_key, frame["nik"], pd.Series([None] * len(frame), dtype="string"))
            frame = frame.assign(pekerja_id=ids.to_numpy()).drop(columns="nik")
        label = f"demo:{kind}:{seed}:{n_workers}:{as_of}" + (f":part{part}" if parts > 1 else "")
        name = f"demo_{kind}.csv" if parts == 1 else f"demo_{kind}_{part + 1:02d}.csv"
        source = ImportSource(kind, name, hashlib.sha256(label.encode()).hexdigest(), "demo", len(frame))
        load_import(con, source, frame, _NO_ROWS, _NO_NOTES, nik_key=nik_key, refresh_derived=False)
        loaded[kind] += len(frame)

    load("anggaran", phases_frame(n_workers))
    counts = []
    for index, part in enumerate(generate_parts(n_workers, seed, as_of)):
        for kind in PART_KINDS:
            load(kind, getattr(part, kind), index)
        counts.append(part.monthly_counts)
        del part
    load("pembayaran", payments_frame(sum_monthly_counts(counts), np.datetime64(as_of, "D")))
    derived.rebuild(con)   # once, after the last import (each import skipped it)
    for key, value in (("demo", "true"), ("demo_seed", str(seed)), ("demo_workers", str(n_workers)),
                       ("demo_as_of", as_of.isoformat())):
        set_meta(con, key, value)
    create_demo_users(con)
    from ..releases.store import publish_history     # (releases → publish → metrics; imported when used)
    loaded["releases"] = len(publish_history(con, by=DEMO_PUBLISHER, prepared_by=DEMO_PREPARER))
    return loaded


def write_files(frames: DemoFrames, out_dir: Path) -> list[Path]:
    """Write the demo data as the CSV files an operator would receive (DESIGN §4.1 headers), importable with
    `python -m sigap_metrics import KIND FILE` in LOAD_ORDER. Columns the files do not carry (the birth year,
    which the importer derives from the NIK) are left out; periods are written as YYYY-MM."""
    from ..importers.schemas import FILE_HEADERS

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in LOAD_ORDER:
        frame = getattr(frames, kind)
        headers = {c: h for c, h in FILE_HEADERS[kind].items() if c in frame.columns}
        frame = frame[list(headers)].rename(columns=headers)
        if kind == "pembayaran":
            frame = frame.assign(PERIODE=frame["PERIODE"].astype("datetime64[s]").dt.strftime("%Y-%m"))
        path = out_dir / f"{kind}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    return written


def create_demo_store(path: Path, *, n_workers: int = assumptions.DEFAULT_WORKERS,
                      seed: int = assumptions.DEFAULT_SEED, as_of: dt.date | None = None,
                      files_dir: Path | None = None, boundaries_dir: Path | None = None) -> dict[str, int]:
    """Build a demo store at `path`: written to a temporary file first, then moved into place, so a
    failure or a reader never sees half a store. Refuses to overwrite an existing store."""
    if path.exists():
        raise ValueError(f"{path} already exists; the demo needs a new store (remove it or use another --db)")
    as_of = as_of or dt.date.today()
    building = path.with_name(path.name + ".building")
    for leftover in (building, Path(str(building) + ".wal")):
        leftover.unlink(missing_ok=True)
    con = connect(building)
    con.execute(BUILD_MEMORY_LIMIT)
    try:
        key = nik_key(con, config.nik_key_file(path))
        loaded = build_demo(con, nik_key=key, n_workers=n_workers, seed=seed, as_of=as_of)
        if boundaries_dir is not None:
            from ..importers.boundaries import load_boundary_dir
            loaded["boundaries"] = load_boundary_dir(con, boundaries_dir)
        con.execute("CHECKPOINT")
    except BaseException:
        con.close()
        building.unlink(missing_ok=True)
        raise
    con.close()
    building.chmod(0o600)   # like every store the writer swaps in: readable by its owner only
    building.rename(path)
    if files_dir is not None:
        write_files(generate(n_workers, seed, as_of), files_dir)
    return loaded
