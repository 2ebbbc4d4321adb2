"""The budget planners' workbook (XLSX): premiums by month, realisation against pagu, projection to year
end, the scenario month by month, claims and benefits, and a sheet of definitions.

`gather` asks the metric functions for the year's tables; `write` lays them out with xlsxwriter (rupiah
and percent number formats, frozen headers, formulas neutralised in text). No SQL and no Streamlit here.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import xlsxwriter

from .. import fmt
from ..metrics import budget, claims, coverage, scenario
from ..metrics.filters import add_months, month_end
from ..store import is_demo
from . import monthly
from .context import data_date as store_data_date
from ..i18n import t
from .xlsx import Sheets, inert


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


@dataclass
class WorkbookData:
    year: int
    as_of: dt.date | None              # the last day with data in the year (None: no data in that year)
    data_date: dt.date
    demo: bool
    # bulan, tahap, pekerja_bulan, tarif, iuran_rp, kumulatif_rp
    premiums: pd.DataFrame = field(default_factory=_empty)
    realisation: pd.DataFrame = field(default_factory=_empty)  # metrics.budget.realisation rows of the year
    projection: dict | None = None                             # metrics.budget.year_end_projection row
    # bulan, jenis (realisasi/proyeksi), pekerja_bulan, tarif, iuran_rp, kumulatif_rp
    projection_months: pd.DataFrame = field(default_factory=_empty)
    # metrics.scenario.plan: bulan, pekerja, tarif, biaya_rp, kumulatif_rp
    scenario: pd.DataFrame = field(default_factory=_empty)
    scenario_inputs: dict = field(default_factory=dict)
    scenario_notes: list[str] = field(default_factory=list)
    claims_months: pd.DataFrame = field(default_factory=_empty)  # bulan, diajukan, dibayar, manfaat_rp, iuran_rp, rasio
    claims_status: pd.DataFrame = field(default_factory=_empty)  # program, status, klaim, nominal_rp
    definitions: list[tuple[str, str]] = field(default_factory=list)


def gather(con: duckdb.DuckDBPyConnection, year: int, scenario_inputs: dict | None = None,
           lang: str = "id", data_date: dt.date | None = None) -> WorkbookData:
    """Every table of the workbook for `year`; `scenario_inputs` are `metrics.scenario.plan`'s keyword
    arguments (workers, months, start_month, growth_pct, dropout_pct, added_per_month), the default scenario
    when None. Figures run to the year's end or to the data date (default: `context.data_date`)."""
    data_date = data_date or store_data_date(con)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    as_of = min(last, data_date)
    data = WorkbookData(year=year, as_of=as_of if as_of >= first else None, data_date=data_date, demo=is_demo(con))
    if data.as_of is not None:
        phases = coverage.phases(con)
        premiums = budget.premiums_by_month(con, first, month_end(as_of))
        premiums.insert(1, "tahap", [_phase_name(phases, m) for m in premiums["bulan"]])
        premiums["kumulatif_rp"] = premiums["iuran_rp"].cumsum()
        data.premiums = premiums
        realisation = budget.realisation(con, as_of)
        data.realisation = realisation[(realisation["tgl_akhir"] >= first) & (realisation["tgl_mulai"] <= last)]
        data.realisation = data.realisation.assign(
            sisa_rp=data.realisation["pagu_rp"] - data.realisation["iuran_rp"])
        data.projection = budget.year_end_projection(con, as_of).iloc[0].to_dict()
        data.projection_months = _projection_months(con, premiums, data.projection, as_of)
        data.claims_months = _claims_months(con, first, as_of)
        data.claims_status = claims.claims_by_status(con, first, as_of)
    _add_scenario(con, data, scenario_inputs, lang)
    data.definitions = (monthly.definitions(WORKBOOK_TERMS, lang)
                        + [(t("sheet_scenario", lang), t("scenario_definition", lang))])
    return data


# Catalogue entries defined on the definitions sheet.
WORKBOOK_TERMS = ("worker_months", "premiums_rp", "pagu_rp", "realisation_pct", "cost_per_worker_month",
                  "year_end_projection_rp", "claims_by_status", "claims_paid", "benefits_paid_rp",
                  "benefit_premium_ratio", "active_workers", "target")

SCENARIO_KEYS = ("workers", "months", "start_month", "growth_pct", "dropout_pct", "added_per_month")


def default_scenario(con: duckdb.DuckDBPyConnection, year: int, data_date: dt.date) -> dict:
    """The workers active on the data date kept covered for twelve months: of `year` when it has not begun by
    the data date, else of the year after it (next year's budget)."""
    start_year = year if year > data_date.year else year + 1
    return {"workers": coverage.active_count(con, data_date), "months": 12, "start_month": dt.date(start_year, 1, 1),
            "growth_pct": 0, "dropout_pct": 0, "added_per_month": 0}


def _add_scenario(con, data: WorkbookData, scenario_inputs, lang: str) -> None:
    if scenario_inputs is None:
        inputs = default_scenario(con, data.year, data.data_date)
        notes = [t("scenario_default", lang).format(date=fmt.date(data.data_date, lang, "long"),
                                                    year=inputs["start_month"].year)]
    else:
        unknown = set(scenario_inputs) - set(SCENARIO_KEYS)
        if unknown:
            raise ValueError(f"unknown scenario inputs {sorted(unknown)}; use {list(SCENARIO_KEYS)}")
        inputs = {"growth_pct": 0, "dropout_pct": 0, "added_per_month": 0, **scenario_inputs}
        notes = []
    data.scenario = scenario.plan(con, **inputs)
    data.scenario_inputs = inputs
    data.scenario_notes = notes + [t("scenario_note", lang).format(
        workers=fmt.number(inputs["workers"], lang), start=fmt.date(inputs["start_month"], lang, "month"),
        months=inputs["months"], growth=fmt.number(float(inputs["growth_pct"]), lang, 1),
        dropout=fmt.number(float(inputs["dropout_pct"]), lang, 1), added=fmt.number(inputs["added_per_month"], lang))]


def _phase_name(phases: pd.DataFrame, month: dt.date) -> str | None:
    match = phases[(phases["tgl_mulai"] <= month_end(month)) & (phases["tgl_akhir"] >= month)]
    return match["nama"].iloc[-1] if len(match) else None


def _projection_months(con, premiums: pd.DataFrame, projection: dict, as_of: dt.date) -> pd.DataFrame:
    """Months to date as recorded, then the year's remaining months at this month's workers × the rate in
    force each month (the metric's projection, month by month; the rows add up to its total)."""
    done = premiums[["bulan", "pekerja_bulan", "tarif", "iuran_rp"]].assign(jenis="realisasi")
    rest = budget.projected_months(con, int(projection["pekerja_bulan_ini"]), as_of, dt.date(as_of.year, 12, 31))
    frame = pd.concat([done, rest.assign(jenis="proyeksi")], ignore_index=True)
    frame = frame[["bulan", "jenis", "pekerja_bulan", "tarif", "iuran_rp"]]
    frame["kumulatif_rp"] = frame["iuran_rp"].cumsum()
    return frame


def _claims_months(con, first: dt.date, as_of: dt.date) -> pd.DataFrame:
    """Per month of the year to the data date's month: claims filed (by programme), claims paid and benefits,
    and premiums of the month's worker-months with the benefit-to-premium ratio (whole months, as on the
    premiums sheet)."""
    rows = []
    month = first
    while month <= as_of:
        end = month_end(month)
        filed = claims.claims_by_status(con, month, end)
        paid = claims.benefits_paid(con, month, end).iloc[0]
        ratio = budget.benefit_premium_ratio(con, month, end).iloc[0]
        rows.append({"bulan": month,
                     "diajukan_jkk": int(filed.loc[filed["program"] == "JKK", "klaim"].sum()),
                     "diajukan_jkm": int(filed.loc[filed["program"] == "JKM", "klaim"].sum()),
                     "dibayar": int(paid["klaim_dibayar"]), "manfaat_rp": int(paid["manfaat_rp"]),
                     "iuran_rp": int(ratio["iuran_rp"]),
                     "rasio": None if pd.isna(ratio["rasio"]) else float(ratio["rasio"])})
        month = add_months(month, 1)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------- write

def write(data: WorkbookData, lang: str = "id") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd"})
    book.set_properties({"title": t("wb_title", lang).format(year=data.year), "author": t("author", lang),
                         "company": t("city_name", lang), "comments": "SIGAP Monitor"})
    sheets = Sheets(book)
    notes_demo = [t("demo_sheet_note", lang)] if data.demo else []
    cover = _cover(sheets, data, lang)
    if data.as_of is not None:
        _premiums_sheet(sheets, data, lang, notes_demo)
        _realisation_sheet(sheets, data, lang, notes_demo)
        _projection_sheet(sheets, data, lang, notes_demo)
    _scenario_sheet(sheets, data, lang, notes_demo)
    if data.as_of is not None:
        _claims_sheets(sheets, data, lang, notes_demo)
    _definitions_sheet(sheets, data, lang)
    _contents(sheets, cover, lang)
    cover.activate()
    book.close()
    return buffer.getvalue()


def _cover(sheets: Sheets, data: WorkbookData, lang: str):
    ws = sheets.sheet(t("sheet_cover", lang))
    ws.set_column(0, 0, 52)
    ws.set_column(1, 1, 22)
    ws.write_string(0, 0, t("wb_title", lang).format(year=data.year), sheets.title)
    ws.write_string(1, 0, t("brief_subtitle", lang), sheets.note)
    row = 3
    if data.demo:
        ws.write_string(row, 0, t("demo_sheet_note", lang), sheets.bold)
        row += 1
    if data.as_of is None:
        ws.write_string(row, 0, t("wb_no_data", lang).format(year=data.year,
                                                             date=fmt.date(data.data_date, lang, "long")))
        row += 2
    else:
        ws.write_string(row, 0, t("wb_data_line", lang).format(
            date=fmt.date(data.data_date, lang, "long"), year=data.year, as_of=fmt.date(data.as_of, lang, "long")))
        row += 2
        ws.write_string(row, 0, t("wb_key", lang), sheets.header)
        ws.write_string(row, 1, t("wb_value", lang), sheets.header)
        p = data.projection
        key_rows = [(t("proj_pagu", lang), p["pagu_tahun_rp"], "rupiah"),
                    (t("proj_so_far", lang), p["iuran_sd_bulan_ini"], "rupiah"),
                    (t("proj_total", lang), p["proyeksi_total_rp"], "rupiah"),
                    (t("proj_pct", lang), p["proyeksi_pct"], "percent"),
                    (t("cover_benefits", lang).format(year=data.year), data.claims_months["manfaat_rp"].sum(), "rupiah"),
                    (t("cover_paid", lang).format(year=data.year), data.claims_months["dibayar"].sum(), "count")]
        _key_figures(sheets, ws, row, 0, key_rows)
        row += len(key_rows)
        row += 2
    return ws


def _key_figures(sheets: Sheets, ws, top: int, col: int, figures: list[tuple]) -> None:
    """(label, value, unit) rows under `top`, the value in the format of its unit (percents 0–100)."""
    for i, (label, value, unit) in enumerate(figures, start=1):
        ws.write_string(top + i, col, inert(label))
        sheets.cell(ws, top + i, col + 1, None if pd.isna(value) else value, unit, 1 if unit == "percent" else 0)


MONEY_COLUMNS = ["pekerja_bulan", "tarif", "iuran_rp", "kumulatif_tahun_rp"]


def _contents(sheets: Sheets, cover, lang: str) -> None:
    """The list of sheets, under the cover's figures, written once every sheet exists."""
    row = cover.dim_rowmax + 2
    cover.write_string(row, 0, t("wb_sheets", lang), sheets.header)
    for sheet in sheets.book.worksheets()[1:]:
        row += 1
        cover.write_url(row, 0, f"internal:'{sheet.get_name()}'!A1", string=sheet.get_name())


def _premiums_sheet(sheets: Sheets, data: WorkbookData, lang: str, notes: list[str]) -> None:
    frame = data.premiums
    sheets.table(t("sheet_premiums", lang), f"{t('sheet_premiums', lang)} {data.year}", frame,
                 ["bulan", "tahap_bulan", *MONEY_COLUMNS], lang, notes=notes + [t("premiums_note", lang)],
                 total={"_label": t("total", lang), "pekerja_bulan": int(frame["pekerja_bulan"].sum()),
                        "iuran_rp": int(frame["iuran_rp"].sum())})


def _realisation_sheet(sheets: Sheets, data: WorkbookData, lang: str, notes: list[str]) -> None:
    names = ["nama_tahap", "tgl_mulai", "tgl_akhir", "target_peserta", "pagu_rp", "iuran_sd_bulan_rp",
             "realisasi_pagu_pct", "sisa_rp", "tagihan_dibayar_rp"]
    sheets.table(t("sheet_realisation", lang), f"{t('sheet_realisation', lang)} {data.year}", data.realisation, names,
                 lang, notes=notes + [t("realisation_note", lang)])


def _projection_sheet(sheets: Sheets, data: WorkbookData, lang: str, notes: list[str]) -> None:
    frame = data.projection_months.assign(jenis=lambda f: f["jenis"].map(lambda k: t("kind_" + k, lang)))
    names = ["bulan", "jenis", *MONEY_COLUMNS]
    p = data.projection
    ws = sheets.table(t("sheet_projection", lang), f"{t('sheet_projection', lang)} {data.year}", frame, names, lang,
                      notes=notes + [t("proj_note", lang)],
                      total={"_label": t("total", lang), "iuran_rp": int(frame["iuran_rp"].sum())})
    # The metric's summary beside the table.
    col = len(names) + 1
    ws.set_column(col, col, 44)
    ws.set_column(col + 1, col + 1, 18)
    top = Sheets.header_row(len(notes) + 1)
    ws.write_string(top, col, t("wb_key", lang), sheets.header)
    ws.write_string(top, col + 1, t("wb_value", lang), sheets.header)
    _key_figures(sheets, ws, top, col, [
        (t("proj_so_far", lang), p["iuran_sd_bulan_ini"], "rupiah"), (t("proj_workers", lang), p["pekerja_bulan_ini"], "count"),
        (t("proj_months_left", lang), p["bulan_tersisa"], "count"), (t("proj_rest", lang), p["proyeksi_sisa_rp"], "rupiah"),
        (t("proj_total", lang), p["proyeksi_total_rp"], "rupiah"), (t("proj_pagu", lang), p["pagu_tahun_rp"], "rupiah"),
        (t("proj_pct", lang), p["proyeksi_pct"], "percent")])


def _scenario_sheet(sheets: Sheets, data: WorkbookData, lang: str, notes: list[str]) -> None:
    frame = data.scenario
    sheets.table(t("sheet_scenario", lang), t("sheet_scenario", lang), frame,
                 ["bulan", "pekerja", "tarif", "biaya_rp", "kumulatif_skenario_rp"], lang, notes=notes + data.scenario_notes,
                 total={"_label": t("scenario_total_rp", lang), "biaya_rp": scenario.scenario_total(frame)})


def _claims_sheets(sheets: Sheets, data: WorkbookData, lang: str, notes: list[str]) -> None:
    frame = data.claims_months
    summed = {"diajukan_jkk": "diajukan_jkk", "diajukan_jkm": "diajukan_jkm", "dibayar": "dibayar",
              "manfaat_rp": "manfaat_rp", "iuran_rp": "iuran_rp"}
    sheets.table(t("sheet_claims_month", lang), f"{t('sheet_claims_month', lang)} {data.year}", frame,
                 ["bulan", *summed, "rasio"], lang, notes=notes + [t("claims_month_note", lang)],
                 total={"_label": t("total", lang), **{k: int(frame[v].sum()) for k, v in summed.items()}})
    status = data.claims_status.assign(status=lambda f: f["status"].map(lambda s: t("status_" + s, lang)))
    sheets.table(t("sheet_claims_status", lang), f"{t('sheet_claims_status', lang)} {data.year}", status,
                 ["program", "status", "klaim", "nilai_klaim_rp"], lang, notes=notes + [t("claims_status_note", lang)],
                 total={"_label": t("total", lang), "klaim": int(status["klaim"].sum()),
                        "nilai_klaim_rp": int(status["nominal_rp"].sum())})


def _definitions_sheet(sheets: Sheets, data: WorkbookData, lang: str) -> None:
    frame = pd.DataFrame(data.definitions, columns=["nama", "definisi"])
    ws = sheets.table(t("sheet_definitions", lang), t("sheet_definitions", lang), frame, ["istilah", "definisi"], lang)
    ws.set_column(0, 0, 34, sheets.wrap)
    ws.set_column(1, 1, 100, sheets.wrap)


def build_workbook(con: duckdb.DuckDBPyConnection, year: int, scenario: dict | None = None,
                   lang: str = "id", data_date: dt.date | None = None) -> bytes:
    """The budget workbook for `year` as XLSX bytes. `scenario`: the planner's inputs as keyword arguments of
    `metrics.scenario.plan` (workers, months, start_month, growth_pct, dropout_pct, added_per_month); None
    gives the default scenario (see `default_scenario`)."""
    return write(gather(con, year, scenario, lang, data_date), lang)
