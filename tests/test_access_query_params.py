"""Filter values in the URL that carry quotes, semicolons and SQL keywords change nothing but the filter:
on every page, what renders equals the page with only the valid values, and the store is untouched."""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sigap_metrics.auth import DEMO_USERS
from sigap_metrics.ui.shell import PAGES

from .apptest_helpers import open_beside_app, sign_in
from .conftest import APP

CLEAN = {"lang": "id", "kecamatan": ["32.75.02", "32.75.07"], "sektor": ["OJOL", "PKL"], "desil": ["1", "2", "3"]}
HOSTILE = {
    "lang": ["id", "id'; DROP TABLE pengguna; --"],
    "kecamatan": ["32.75.02", "32.75.01' OR '1'='1", "32.75.07", "x'); DELETE FROM pekerja; --"],
    "sektor": ["OJOL", "OJOL' UNION SELECT nik_hash, kpj FROM pekerja --", "PKL", "\"; SELECT * FROM pengguna; --"],
    "desil": ["1", "2", "3", "3 OR 1=1", "1; DROP TABLE kepesertaan"],
    "jenis_kelamin": ["L' OR 'x'='x"],
    "kelurahan": ["'; COPY pengguna TO '/tmp/x.csv'; --"],
    "tgl": ["2026-11-25'; UPDATE pengguna SET role='admin'; --"],
}


def _role_for(spec) -> str:
    return "admin" if "admin" in spec.roles else spec.roles[-1]


def _run(db, role: str, page: str, params: dict) -> AppTest:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SIGAP_DB", str(db))
        patch.delenv("SIGAP_DEV_AUTH", raising=False)
        at = AppTest.from_file(str(APP), default_timeout=120)
        if role != "publik":
            sign_in(at, db=db, name=next(n for n, (r, _) in DEMO_USERS.items() if r == role))
        at.query_params.update(params)
        at.switch_page(page)
        at.run()
    assert not at.exception, (page, at.exception)
    return at


def _rendered(at: AppTest) -> dict:
    return {"title": [x.value for x in at.title], "metric": [(m.label, m.value) for m in at.metric],
            "markdown": [m.value for m in at.markdown], "caption": [c.value for c in at.caption],
            "frames": [d.value for d in at.dataframe], "error": [e.value for e in at.error]}


def _store_counts(db) -> tuple:
    con = open_beside_app(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
                     for table in ("pekerja", "kepesertaan", "pengguna", "klaim"))
    finally:
        con.close()


@pytest.mark.parametrize("spec", PAGES, ids=[spec.key for spec in PAGES])
def test_hostile_filter_values_change_nothing_but_the_filter(demo_db, spec):
    before = _store_counts(demo_db)
    role = _role_for(spec)
    clean = _rendered(_run(demo_db, role, spec.file, CLEAN))
    hostile = _rendered(_run(demo_db, role, spec.file, HOSTILE))
    assert clean["title"] and hostile["title"] == clean["title"]
    for part in ("metric", "markdown", "caption", "error"):
        assert hostile[part] == clean[part], (spec.key, part)
    assert len(hostile["frames"]) == len(clean["frames"])
    for mine, theirs in zip(hostile["frames"], clean["frames"]):
        pd.testing.assert_frame_equal(mine, theirs)
    assert _store_counts(demo_db) == before


def test_the_filter_itself_does_apply(demo_db):
    """The comparison above could pass if filters were ignored: they are not (Ringkasan narrows)."""
    filtered = _rendered(_run(demo_db, "pimpinan", "pages/ringkasan.py", CLEAN))
    whole = _rendered(_run(demo_db, "pimpinan", "pages/ringkasan.py", {"lang": "id"}))
    assert filtered["metric"] != whole["metric"]
