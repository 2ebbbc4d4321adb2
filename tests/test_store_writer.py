"""The writer swap (store/writer.py): a change lands whole or not at all, readers keep their version, writers queue."""
import os
import stat
import threading

import pytest

from sigap_metrics.store import StoreBusy, connect, file_identity, writer_lock, writing


def _count(path) -> int:
    con = connect(path, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM meta WHERE key LIKE 'uji%'").fetchall()[0][0]
    finally:
        con.close()


def test_a_write_lands_whole_for_new_readers_while_an_open_reader_keeps_its_version(tmp_path):
    db = tmp_path / "s.duckdb"
    with writing(db) as con:   # creates and migrates the store
        con.execute("INSERT INTO meta VALUES ('uji1', 'a')")
    before = file_identity(db)
    reader = connect(db, read_only=True)
    with writing(db) as con:
        con.execute("INSERT INTO meta VALUES ('uji2', 'b')")
        con.execute("INSERT INTO meta VALUES ('uji3', 'c')")
        assert _count(db) == 1   # not visible before the block ends
    assert reader.execute("SELECT count(*) FROM meta WHERE key LIKE 'uji%'").fetchall() == [(1,)]
    reader.close()
    assert _count(db) == 3 and file_identity(db) != before
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duckdb", "s.duckdb.lock"]


def test_a_failed_write_changes_nothing_and_leaves_no_copy(tmp_path):
    db = tmp_path / "s.duckdb"
    with writing(db) as con:
        con.execute("INSERT INTO meta VALUES ('uji1', 'a')")
    before = db.read_bytes()
    with pytest.raises(RuntimeError, match="halfway"):
        with writing(db) as con:
            con.execute("INSERT INTO meta VALUES ('uji2', 'b')")
            raise RuntimeError("halfway")
    assert db.read_bytes() == before and _count(db) == 1
    assert not list(tmp_path.glob("s.duckdb.next-*"))


def test_a_copy_left_by_a_crashed_writer_is_removed_by_the_next(tmp_path):
    db = tmp_path / "s.duckdb"
    with writing(db):
        pass
    crashed = tmp_path / "s.duckdb.next-999999"
    crashed.write_bytes(b"half a store")
    (tmp_path / "s.duckdb.next-999999.wal").write_bytes(b"x")
    with writing(db) as con:
        con.execute("INSERT INTO meta VALUES ('uji1', 'a')")
    assert not list(tmp_path.glob("s.duckdb.next-*")) and _count(db) == 1


def test_writers_queue_and_give_up_after_their_wait(tmp_path):
    db = tmp_path / "s.duckdb"
    with writing(db):
        pass
    holding, release = threading.Event(), threading.Event()

    def first():
        with writer_lock(db):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert holding.wait(10)
        with pytest.raises(StoreBusy, match="another writer"):
            with writing(db, wait_s=0.3):
                pass
    finally:
        release.set()
        thread.join()
    with writing(db, wait_s=5) as con:   # once the first is done, the next proceeds
        con.execute("INSERT INTO meta VALUES ('uji1', 'a')")
    assert _count(db) == 1


def test_a_program_holding_the_live_file_for_writing_is_refused_not_copied(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "s.duckdb"
    with writing(db):
        pass
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                               " print('open', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreBusy, match="open for writing by another program"):
            with writing(db):
                pass
    finally:
        holder.kill()
        holder.wait()
    assert not list(tmp_path.glob("s.duckdb.next-*")) and os.path.exists(db)


def test_only_the_store_package_opens_duckdb_connections():
    """Every change to a live store must go through the writer swap, so nothing outside store/ may open one."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sources = [*root.glob("sigap_metrics/**/*.py"), *root.glob("pages/*.py"), root / "app.py"]
    offenders = [str(p.relative_to(root)) for p in sources
                 if "duckdb.connect(" in p.read_text() and p.parent.name != "store"]
    assert sources and offenders == []
