"""Building the public tables at one reference date (true values; releases.protect hides the small ones)."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from .. import catalogue, exports
from ..metrics import budget, claims, coverage, training
from ..metrics.filters import month_start
from ..metrics.suppression import HIDDEN_MARK, THRESHOLD
from ..reference import KECAMATAN, PROGRAMME_START, SECTORS
from .fields import (ACTIVE, AS_OF, RATIO_DECIMALS, SEX_UNKNOWN, TOTAL_KEY, Field, PublicTable, _i, _key_field,
                     _mark_field, _titled)


# --- building the tables -------------------------------------------------------------------------------
# The builders return the true values with empty marks; `releases.protect` then hides what must be hidden,
# over all tables jointly (see public_tables).

def _counts(frame: pd.DataFrame, key: str, count: str, keys: list[str],
            money: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per key in `keys` (missing ones count 0) plus the total row, every value with an empty mark."""
    full = pd.DataFrame({key: keys}).merge(frame, on=key, how="left")
    for column in (count, *money):
        full[column] = full[column].fillna(0).astype("int64")
    total = {key: TOTAL_KEY, **{column: int(full[column].sum()) for column in (count, *money)}}
    out = pd.concat([full[[key, count, *money]], pd.DataFrame([total])], ignore_index=True)
    ordered = [key]
    for column in (count, *money):
        out[column] = pd.array(out[column], dtype="Int64")
        out[column + "_tanda"] = ""
        ordered += [column, column + "_tanda"]
    return out[ordered]


def _marked(values: pd.Series) -> tuple[pd.Series, list[str]]:
    """Counts as nullable integers, with empty marks."""
    return pd.Series(pd.array(values, dtype="Int64")), [""] * len(values)


def _by_kecamatan(con, as_of: dt.date) -> pd.DataFrame:
    frame = coverage.active_workers(con, as_of, by="kecamatan").rename(columns={"aktif": "pekerja_aktif"})
    out = _counts(frame, "kecamatan", "pekerja_aktif", [a.kode for a in KECAMATAN])
    names = {a.kode: a.nama for a in KECAMATAN}
    residents = {a.kode: a.penduduk for a in KECAMATAN}
    residents[TOTAL_KEY] = sum(a.penduduk for a in KECAMATAN)
    out.insert(1, "nama", out["kecamatan"].map(names).fillna("Kota Bekasi"))
    out.insert(2, "penduduk", out["kecamatan"].map(residents).astype("int64"))
    per_1000 = out["pekerja_aktif"].astype("Float64") / out["penduduk"] * 1000
    out["per_1000_penduduk"] = per_1000.round(2)
    return out.rename(columns={"kecamatan": "kode"})


def _by_sector(con, as_of: dt.date) -> pd.DataFrame:
    frame = coverage.active_workers(con, as_of, by="sektor").rename(columns={"aktif": "pekerja_aktif"})
    out = _counts(frame, "sektor", "pekerja_aktif", [s.kode for s in SECTORS])
    id_names = {s.kode: s.nama_id for s in SECTORS} | {TOTAL_KEY: "Jumlah"}
    en_names = {s.kode: s.nama_en for s in SECTORS} | {TOTAL_KEY: "Total"}
    out.insert(1, "nama", out["sektor"].map(id_names))
    out.insert(2, "name_en", out["sektor"].map(en_names))
    return out.rename(columns={"sektor": "kode"})


def _by_sex(con, as_of: dt.date) -> pd.DataFrame:
    frame = coverage.active_workers(con, as_of, by="jenis_kelamin").rename(columns={"aktif": "pekerja_aktif"})
    frame["jenis_kelamin"] = frame["jenis_kelamin"].astype(object).where(frame["jenis_kelamin"].notna(), SEX_UNKNOWN)
    out = _counts(frame, "jenis_kelamin", "pekerja_aktif", ["L", "P", SEX_UNKNOWN])
    names = {"L": "Laki-laki", "P": "Perempuan", SEX_UNKNOWN: "Tidak diketahui", TOTAL_KEY: "Jumlah"}
    out.insert(1, "nama", out["jenis_kelamin"].map(names))
    return out.rename(columns={"jenis_kelamin": "kode"})


def _claims(con, as_of: dt.date) -> pd.DataFrame:
    frame = claims.benefits_paid(con, dt.date.min, as_of, per_program=True)
    return _counts(frame, "program", "klaim_dibayar", ["JKK", "JKM"], money=("manfaat_rp",))


PHASE_COLUMNS = ["kode", "nama", "tgl_mulai", "tgl_akhir", "tanggal", "target_peserta", "pekerja_aktif",
                 "pekerja_aktif_tanda", "capaian_pct", "pagu_rp", "iuran_rp", "iuran_rp_tanda", "realisasi_pct"]


def _phases(con, as_of: dt.date, spent: pd.DataFrame) -> pd.DataFrame:
    reached = coverage.attainment(con, as_of)
    if reached.empty:
        return pd.DataFrame(columns=PHASE_COLUMNS)
    out = reached[["kode", "nama", "tgl_mulai", "tgl_akhir", "tanggal", "target_peserta", "aktif",
                   "capaian_pct"]].merge(spent[["kode", "pagu_rp", "iuran_rp", "realisasi_pct"]], on="kode", how="left")
    out["pekerja_aktif"], out["pekerja_aktif_tanda"] = _marked(out.pop("aktif"))
    out["iuran_rp"] = pd.array(out["iuran_rp"], dtype="Int64")
    out["iuran_rp_tanda"] = ""
    out["capaian_pct"] = out["capaian_pct"].astype("Float64")
    out["realisasi_pct"] = out["realisasi_pct"].astype("Float64")
    for column in ("tgl_mulai", "tgl_akhir", "tanggal"):
        out[column] = pd.to_datetime(out[column]).dt.date
    return out[PHASE_COLUMNS]


def _series(con, as_of: dt.date) -> pd.DataFrame:
    start = PROGRAMME_START if as_of >= PROGRAMME_START else month_start(as_of)
    frame = coverage.active_series(con, start, as_of, freq="month")
    out = pd.DataFrame({"tanggal": pd.to_datetime(frame["tanggal"]).dt.date})
    out["pekerja_aktif"], out["pekerja_aktif_tanda"] = _marked(frame["aktif"])
    out["target_peserta"] = pd.array(frame["target"], dtype="Int64")
    return out


def _headline(con, as_of: dt.date, area: pd.DataFrame, paid: pd.DataFrame, spent: pd.DataFrame) -> pd.DataFrame:
    """One row per headline indicator, true values (the protection step hides them where needed)."""
    total = area.set_index("kode").loc[TOTAL_KEY]
    claims_rows = paid.set_index("program")
    phase = coverage.phase_at(con, as_of)
    spent = spent.set_index("kode")
    trained = training.training(con, PROGRAMME_START, as_of).iloc[0]
    ratio = budget.benefit_premium_ratio(con, PROGRAMME_START, as_of).iloc[0]
    # The completion rate is lulus ÷ finished: it would give away a group of 1 to 9 (passed or failed).
    passed, failed = int(trained["lulus"]), int(trained["tidak_lulus"])
    small_result = any(0 < n < THRESHOLD for n in (passed, failed))
    rows = [
        ("active_workers", total["pekerja_aktif"], ""),
        ("target", phase["target_peserta"] if phase else None, ""),
        ("attainment_pct", _pct(total["pekerja_aktif"], phase["target_peserta"] if phase else None), ""),
        ("ever_enrolled", _count(coverage.ever_enrolled(con, as_of)["pernah_terdaftar"].iloc[0]), ""),
        ("claims_paid", claims_rows.loc[TOTAL_KEY, "klaim_dibayar"], ""),
        ("families_helped", claims_rows.loc["JKM", "klaim_dibayar"], ""),
        ("benefits_paid_rp", claims_rows.loc[TOTAL_KEY, "manfaat_rp"], ""),
        ("benefit_premium_ratio", None if _num(ratio["rasio"]) is None else round(_num(ratio["rasio"]), RATIO_DECIMALS),
         ""),
        ("premiums_rp", spent.loc[phase["kode"], "iuran_rp"] if phase else None, ""),
        ("pagu_rp", phase["pagu_rp"] if phase else None, ""),
        ("realisation_pct", spent.loc[phase["kode"], "realisasi_pct"] if phase else None, ""),
        ("training_sessions", _count(trained["sesi"]), ""),
        ("training_participants", _count(trained["peserta"]), ""),
        ("training_completion_pct", None if small_result else _num(trained["kelulusan_pct"]),
         HIDDEN_MARK if small_result else ""),
    ]
    frame = pd.DataFrame(rows, columns=["indikator", "nilai", "tanda"])
    frame["nilai"] = pd.Series([None if mark or value is None or pd.isna(value) else _plain_number(value)
                                for value, mark in zip(frame["nilai"], frame["tanda"])], dtype=object)
    frame.insert(1, "nama", [_name(k, "id") for k in frame["indikator"]])
    frame.insert(2, "name_en", [_name(k, "en") for k in frame["indikator"]])
    frame.insert(3, "satuan", [_unit(k) for k in frame["indikator"]])
    frame.insert(0, "per_tanggal", as_of)
    return frame


FAMILIES_HELPED = {
    "name": _i("Keluarga penerima manfaat JKM", "Families receiving the JKM benefit"),
    "description": _i("Keluarga ahli waris yang menerima santunan kematian JKM (satu klaim JKM dibayar = satu keluarga).",
                      "Bereaved families paid the JKM death benefit (one JKM claim paid = one family)."),
    "formula": _i("Jumlah klaim JKM berstatus DIBAYAR yang dibayar sampai tanggal data, sejak program dimulai.",
                  "Number of JKM claims with status DIBAYAR paid by the data date, since the programme began."),
}


def _name(key: str, lang: str) -> str:
    if key == "families_helped":
        return FAMILIES_HELPED["name"][lang]
    return catalogue.get(key).label(lang)


def _unit(key: str) -> str:
    return "count" if key == "families_helped" else catalogue.get(key).unit


def _count(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _plain_number(value):
    """A whole number as int (written 238, not 238.0), anything else as float."""
    number = float(value)
    return int(number) if number.is_integer() else number


def _num(value):
    return None if value is None or pd.isna(value) else float(value)


def _pct(part, whole):
    if part is None or pd.isna(part) or not whole:
        return None
    return round(float(part) / whole * 100, 2)


# The catalogue indicators this publication shows; each must be marked public in the catalogue.
PUBLISHED = ("active_workers", "target", "attainment_pct", "ever_enrolled", "active_series", "density_per_1000",
             "claims_paid", "benefits_paid_rp", "benefit_premium_ratio", "premiums_rp", "pagu_rp", "realisation_pct",
             "training_sessions", "training_participants", "training_completion_pct")


def check_published() -> None:
    """Raise when the publication would show an indicator the catalogue does not mark public."""
    private = [key for key in PUBLISHED if not catalogue.get(key).public]
    if private:
        raise RuntimeError(f"not public in the catalogue, cannot be published: {private}")


def _definitions() -> pd.DataFrame:
    check_published()
    rows = [{"kode": ind.key, "nama": ind.name["id"], "name_en": ind.name["en"],
             "deskripsi": ind.description["id"], "description_en": ind.description["en"],
             "rumus": ind.formula["id"], "formula_en": ind.formula["en"], "satuan": ind.unit}
            for ind in map(catalogue.get, PUBLISHED)]
    rows.append({"kode": "families_helped", "nama": FAMILIES_HELPED["name"]["id"],
                 "name_en": FAMILIES_HELPED["name"]["en"], "deskripsi": FAMILIES_HELPED["description"]["id"],
                 "description_en": FAMILIES_HELPED["description"]["en"], "rumus": FAMILIES_HELPED["formula"]["id"],
                 "formula_en": FAMILIES_HELPED["formula"]["en"], "satuan": "count"})
    return pd.DataFrame(rows)


# --- the release's tables -----------------------------------------------------------------------------------

def public_tables(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict[str, PublicTable]:
    """The tables of a release for reference date `as_of`, in page order, keyed by name, under joint
    disclosure control (releases.protect). Computed from the store: the public side reads them only from a
    published release (releases.load_release), never from here."""
    area, sector, sex = _by_kecamatan(con, as_of), _by_sector(con, as_of), _by_sex(con, as_of)
    paid = _claims(con, as_of)
    for frame in (area, sector, sex, paid):
        frame.insert(0, "per_tanggal", as_of)
    spent = budget.realisation(con, as_of)
    phases = _phases(con, as_of, spent)
    series = _series(con, as_of)
    headline = _headline(con, as_of, area, paid, spent)
    tables = (
        PublicTable("ringkasan", _i("Angka utama", "Headline numbers"),
                    _i("Angka utama program SIGAP pada tanggal data.", "The SIGAP programme's headline numbers."),
                    (AS_OF,
                     Field("indikator", "string", _i("Kode indikator", "Indicator code"),
                           _i("Kode indikator dalam tabel definisi.", "Indicator code in the definitions table.")),
                     Field("nama", "string", _i("Indikator", "Indicator"), _i("Nama indikator.", "Indicator name (Indonesian).")),
                     Field("name_en", "string", _i("Indikator (Inggris)", "Indicator (English)"),
                           _i("Nama indikator dalam bahasa Inggris.", "Indicator name in English.")),
                     Field("satuan", "string", _i("Satuan", "Unit"),
                           _i("count = jumlah, percent = persen, rupiah, ratio = rasio.",
                              "count, percent, rupiah or ratio.")),
                     Field("nilai", "number", _i("Nilai", "Value"),
                           _i("Nilai indikator; kosong bila disembunyikan (lihat tanda).",
                              "The indicator's value; empty when hidden (see the mark).")),
                     Field("tanda", "string", _i("Tanda", "Mark"),
                           _i(f"Kosong bila nilai ditampilkan; '{HIDDEN_MARK}' bila disembunyikan.",
                              f"Empty when shown; '{HIDDEN_MARK}' when hidden."))),
                    headline[["per_tanggal", "indikator", "nama", "name_en", "satuan", "nilai", "tanda"]]),
        PublicTable("kecamatan", _i("Pekerja terlindungi per kecamatan", "Covered workers by kecamatan"),
                    _i("Pekerja aktif per kecamatan, penduduk (Dukcapil Des 2024) dan pekerja per 1.000 penduduk.",
                       "Active workers by kecamatan, residents (Dukcapil Dec 2024) and workers per 1,000 residents."),
                    (AS_OF, _key_field("kode", "Kode kecamatan (Kemendagri)", "Kecamatan code (Kemendagri)"),
                     Field("nama", "string", _i("Kecamatan", "Kecamatan"), _i("Nama kecamatan.", "Kecamatan name.")),
                     Field("penduduk", "integer", _titled("penduduk"),
                           _i("Penduduk terdaftar (Dukcapil, Desember 2024).", "Registered residents (Dukcapil, Dec 2024).")),
                     ACTIVE, _mark_field("pekerja_aktif"),
                     Field("per_1000_penduduk", "number", _i("Per 1.000 penduduk", "Per 1,000 residents"),
                           _i("Pekerja aktif per 1.000 penduduk; kosong bila jumlah pekerja disembunyikan.",
                              "Active workers per 1,000 residents; empty when the worker count is hidden."))),
                    area[["per_tanggal", "kode", "nama", "penduduk", "pekerja_aktif", "pekerja_aktif_tanda",
                          "per_1000_penduduk"]]),
        PublicTable("sektor", _i("Pekerja terlindungi per sektor pekerjaan", "Covered workers by occupation sector"),
                    _i("Pekerja aktif per sektor pekerjaan.", "Active workers by occupation sector."),
                    (AS_OF, _key_field("kode", "Kode sektor", "Sector code"),
                     Field("nama", "string", _i("Sektor", "Sector"), _i("Nama sektor.", "Sector name (Indonesian).")),
                     Field("name_en", "string", _i("Sektor (Inggris)", "Sector (English)"),
                           _i("Nama sektor dalam bahasa Inggris.", "Sector name in English.")),
                     ACTIVE, _mark_field("pekerja_aktif")),
                    sector[["per_tanggal", "kode", "nama", "name_en", "pekerja_aktif", "pekerja_aktif_tanda"]]),
        PublicTable("jenis_kelamin", _i("Pekerja terlindungi per jenis kelamin", "Covered workers by sex"),
                    _i("Pekerja aktif per jenis kelamin (dari NIK).", "Active workers by sex (from the NIK)."),
                    (AS_OF, _key_field("kode", "Kode jenis kelamin (L/P)", "Sex code (L/P)"),
                     Field("nama", "string", _i("Jenis kelamin", "Sex"), _i("Laki-laki, perempuan.", "Male, female.")),
                     ACTIVE, _mark_field("pekerja_aktif")),
                    sex[["per_tanggal", "kode", "nama", "pekerja_aktif", "pekerja_aktif_tanda"]]),
        PublicTable("klaim", _i("Klaim dibayar dan manfaat", "Claims paid and benefits"),
                    _i("Klaim JKK (kecelakaan kerja) dan JKM (kematian) yang dibayar sejak program dimulai, dan"
                       " manfaat yang dibayarkan. Satu klaim JKM dibayar = satu keluarga penerima santunan.",
                       "JKK (work accident) and JKM (death) claims paid since the programme began, and the benefits"
                       " paid. One JKM claim paid = one family receiving the death benefit."),
                    (AS_OF, _key_field("program", "Program (JKK/JKM)", "Programme (JKK/JKM)"),
                     Field("klaim_dibayar", "integer", _titled("klaim_dibayar"),
                           _i("Jumlah klaim berstatus DIBAYAR; kosong bila disembunyikan.",
                              "Number of claims with status DIBAYAR; empty when hidden.")),
                     _mark_field("klaim_dibayar"),
                     Field("manfaat_rp", "integer", _titled("manfaat_rp"),
                           _i("Jumlah manfaat klaim yang dibayar, rupiah; kosong bila disembunyikan.",
                              "Benefits of the claims paid, rupiah; empty when hidden.")),
                     _mark_field("manfaat_rp")),
                    paid[["per_tanggal", "program", "klaim_dibayar", "klaim_dibayar_tanda", "manfaat_rp",
                          "manfaat_rp_tanda"]]),
        PublicTable("tahap", _i("Target dan anggaran per tahap", "Targets and budget by phase"),
                    _i("Per tahap program: target, pekerja aktif (akhir tahap atau tanggal data), capaian, pagu,"
                       " iuran (pekerja-bulan × tarif) dan realisasi anggaran.",
                       "Per programme phase: target, active workers (phase end or data date), attainment, budget"
                       " ceiling, premiums (worker-months × rate) and budget realisation."),
                    (Field("kode", "string", _i("Kode tahap", "Phase code"), _i("Kode tahap.", "Phase code.")),
                     Field("nama", "string", _i("Tahap", "Phase"), _i("Nama tahap.", "Phase name.")),
                     Field("tgl_mulai", "date", _titled("tgl_mulai"), _i("Tanggal mulai tahap.", "Phase start date.")),
                     Field("tgl_akhir", "date", _i("Berakhir", "End"), _i("Tanggal akhir tahap.", "Phase end date.")),
                     Field("tanggal", "date", _i("Tanggal hitung", "Counted on"),
                           _i("Tanggal pekerja aktif dihitung: akhir tahap, atau tanggal data bila tahap masih berjalan.",
                              "Day the active workers are counted: the phase end, or the data date while it runs.")),
                     Field("target_peserta", "integer", _titled("target_peserta"),
                           _i("Target pekerja tahap.", "The phase's target number of workers.")),
                     ACTIVE, _mark_field("pekerja_aktif"),
                     Field("capaian_pct", "number", _i("Capaian target (%)", "Target attainment (%)"),
                           _i("Pekerja aktif ÷ target × 100; kosong bila jumlah pekerja disembunyikan.",
                              "Active workers ÷ target × 100; empty when the worker count is hidden.")),
                     Field("pagu_rp", "integer", _i("Pagu (Rp)", "Budget ceiling (Rp)"), _i("Pagu anggaran tahap.",
                                                                                            "The phase's budget ceiling.")),
                     Field("iuran_rp", "integer", _titled("iuran_rp"),
                           _i("Pekerja-bulan tahap sampai akhir bulan data × tarif yang berlaku; kosong bila"
                              " jumlah pekerja tahap disembunyikan.",
                              "The phase's worker-months through the data month × the rate in force; empty when"
                              " the phase's worker count is hidden.")),
                     _mark_field("iuran_rp"),
                     Field("realisasi_pct", "number", _i("Realisasi anggaran (%)", "Budget realisation (%)"),
                           _i("Iuran ÷ pagu × 100; kosong bila iuran disembunyikan.",
                              "Premiums ÷ ceiling × 100; empty when the premiums are hidden."))),
                    phases),
        PublicTable("perkembangan", _i("Perkembangan pekerja terlindungi", "Covered workers over time"),
                    _i("Pekerja aktif pada akhir setiap bulan sejak program dimulai, dengan target tahap yang berlaku.",
                       "Active workers at each month end since the programme began, with the phase target in force."),
                    (Field("tanggal", "date", _titled("tanggal"), _i("Akhir bulan (atau tanggal data).",
                                                                        "Month end (or the data date).")),
                     ACTIVE, _mark_field("pekerja_aktif"),
                     Field("target_peserta", "integer", _titled("target_peserta"),
                           _i("Target tahap yang berlaku pada tanggal itu.", "The target of the phase in force that day."))),
                    series),
        PublicTable("definisi", _i("Definisi indikator", "Indicator definitions"),
                    _i("Definisi setiap indikator yang diterbitkan, dari katalog indikator.",
                       "Definition of every published indicator, from the indicator catalogue."),
                    (Field("kode", "string", _i("Kode indikator", "Indicator code"), _i("Kode.", "Code.")),
                     Field("nama", "string", _i("Nama", "Name"), _i("Nama indikator.", "Indicator name (Indonesian).")),
                     Field("name_en", "string", _i("Nama (Inggris)", "Name (English)"), _i("Nama dalam bahasa Inggris.",
                                                                                           "Name in English.")),
                     Field("deskripsi", "string", _i("Deskripsi", "Description"), _i("Arti indikator.",
                                                                                     "What it means (Indonesian).")),
                     Field("description_en", "string", _i("Deskripsi (Inggris)", "Description (English)"),
                           _i("Arti indikator dalam bahasa Inggris.", "What it means, in English.")),
                     Field("rumus", "string", _i("Rumus", "Formula"), _i("Cara menghitung.", "How it is computed.")),
                     Field("formula_en", "string", _i("Rumus (Inggris)", "Formula (English)"),
                           _i("Cara menghitung, bahasa Inggris.", "How it is computed, in English.")),
                     Field("satuan", "string", _i("Satuan", "Unit"), _i("Satuan nilai.", "Unit of the value."))),
                    _definitions()),
    )
    from ..releases.protect import protect      # (releases imports this package)
    return protect({table.name: table for table in tables}, as_of)


def csv_bytes(table: PublicTable) -> bytes:
    """The table as UTF-8 CSV (no byte-order mark, so every tool reads the header), formulas neutralised."""
    frame = table.frame
    numbers = [c for c in frame.columns if frame[c].dtype == object
               and all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in frame[c])]
    safe = exports.neutralise_formulas(frame.drop(columns=numbers))   # numbers cannot be formulas; kept as
    safe[numbers] = frame[numbers]                                     # written (238, not 238.0)
    return safe[list(frame.columns)].to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")
