"""Validation: a table of text cells → accepted canonical rows, rejected rows with reasons, warnings.

Works on whole columns (pandas string operations and lookups over the distinct values), so a 20-row
correction and a million-row file take the same path. Checks follow DESIGN §4.2; every problem has a
stable reason code (messages.py). A row with several problems is rejected once, with the first problem's
code and all problems in its reason text.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from ..privacy import hash_niks
from ..reference import KECAMATAN, KELURAHAN, match_agency, match_area, match_funding, match_sector, suggest_areas
from .freetext import reason_codes, scrub_personal, scrub_reason
from .header import Header, locate_header
from .kinds import CANONICAL, CHECKS
from .load import resolve_workers
from .messages import FileRefused, row_message
from .nik import KOTA_BEKASI, check_niks, clean_nik, scientific
from .parsers import (SPACES, clean_text, impossible_dates, parse_choice, parse_dates, parse_integers, parse_money,
                      parse_periods)
from .read import RawTable
from .schemas import SCHEMAS, Field, Schema, match_headers
from .structure import data_rows

Progress = Callable[[float, str], None]
_KELURAHAN_OF = {a.kode: a.kecamatan_kode for a in KELURAHAN}
KPJ_DIGITS = 11  # a BPJS Ketenagakerjaan participant number (KPJ)
_NIK_RUN = r"(?<!\d)(\d{6})\d{6}(\d{4})(?!\d)"


@dataclass
class Validation:
    """The outcome of validating one file, before anything is written."""
    kind: str
    accepted: pd.DataFrame   # CANONICAL_COLUMNS[kind] + row_number (klaim: pekerja_id resolved)
    rejected: pd.DataFrame   # row_number, reason_code, reason, row_values (masked JSON), kecamatan_kode
    warnings: pd.DataFrame   # row_number, code, message
    rows_read: int
    columns: dict[str, str]  # field → header as written in the file
    ignored_columns: list[str]
    completeness: pd.DataFrame  # kolom, terisi, total (over all rows read)
    header_row: int = 1
    skipped: dict = field(default_factory=dict)  # rows under the header that are not data, per reason
    sheet: str | None = None                      # XLSX: the sheet read
    sheet_choice: object = None                   # XLSX: header.SheetChoice (why that sheet)

    def reason_counts(self) -> pd.DataFrame:
        """How many rows were rejected (or warned about) for each reason, most frequent first."""
        rejected = self.rejected.groupby("reason_code").size().rename("baris").reset_index()
        rejected.insert(1, "jenis", "ditolak")
        warned = (self.warnings.groupby("code").size().rename("baris").reset_index()
                  .rename(columns={"code": "reason_code"}))
        warned.insert(1, "jenis", "peringatan")
        return pd.concat([rejected, warned], ignore_index=True).sort_values(["jenis", "baris"], ascending=[True, False],
                                                                           ignore_index=True)


@dataclass
class _Issues:
    """Problems found so far, one entry per check, combined per row at the end."""
    index: pd.Index
    lang: str = "id"
    errors: list[tuple[pd.Series, str, pd.Series | str]] = field(default_factory=list)
    notes: list[tuple[pd.Series, str, pd.Series | str]] = field(default_factory=list)

    def reject(self, mask: pd.Series, code: str, **fields) -> None:
        mask = mask.fillna(False).astype(bool)
        if mask.any():
            self.errors.append((mask, code, _message(code, self.lang, mask, fields)))

    def warn(self, mask: pd.Series, code: str, **fields) -> None:
        mask = mask.fillna(False).astype(bool)
        if mask.any():
            self.notes.append((mask, code, _message(code, self.lang, mask, fields)))

    def bad(self) -> pd.Series:
        out = pd.Series(False, index=self.index)
        for mask, _code, _message_ in self.errors:
            out |= mask
        return out

    def first_codes_and_reasons(self) -> tuple[pd.Series, pd.Series]:
        codes = pd.Series(pd.NA, index=self.index, dtype="string")
        reasons = pd.Series(pd.NA, index=self.index, dtype="string")
        for mask, code, message in self.errors:
            text = _aligned(message, mask)
            codes = codes.mask(mask & codes.isna(), code)
            reasons = reasons.mask(mask & reasons.notna(), reasons + "; " + text).mask(mask & reasons.isna(), text)
        return codes, reasons

    def warning_rows(self, keep: pd.Series) -> pd.DataFrame:
        frames = []
        for mask, code, message in self.notes:
            rows = mask & keep
            if rows.any():
                frames.append(pd.DataFrame({"position": np.flatnonzero(rows.to_numpy()), "code": code,
                                            "message": _aligned(message, mask)[rows].to_numpy()}))
        if not frames:
            return pd.DataFrame({"position": pd.Series([], dtype="int64"), "code": pd.Series([], dtype="str"),
                                 "message": pd.Series([], dtype="str")})
        return pd.concat(frames, ignore_index=True)


def _message(code: str, lang: str, mask: pd.Series, fields: dict) -> pd.Series | str:
    sub = {k: (v[mask] if isinstance(v, pd.Series) else v) for k, v in fields.items()}
    return row_message(code, lang, **sub)


def _aligned(message: pd.Series | str, mask: pd.Series) -> pd.Series:
    if isinstance(message, pd.Series):
        return message.reindex(mask.index).astype("string")
    return pd.Series(message, index=mask.index, dtype="string").where(mask)


# ------------------------------------------------------------------------------------------ validation


def validate_table(table: RawTable, kind: str | None, *, con: duckdb.DuckDBPyConnection | None = None,
                   nik_key: bytes | None = None, today: dt.date | None = None, lang: str = "id",
                   progress: Progress | None = None, header: Header | None = None) -> Validation:
    """Check every row of `table` as a file of `kind` (None: recognise the kind from the header).

    `con` and `nik_key` are needed for klaim (workers are looked up) and pelatihan (a warning for NIKs not
    enrolled); nothing is written. Rows under the header that are not data (totals, a signature block…,
    structure.py) are set aside before anything is counted."""
    progress = progress or (lambda fraction, label: None)
    header = header or locate_header(table, kind)
    kind, header_position = header.kind, header.position
    schema = SCHEMAS[kind]
    headers = [str(h) for h in header.names]
    positions, unknown, duplicates = match_headers(kind, headers)
    if duplicates:
        groups = (", ".join(headers[p] for p in group) for group in duplicates)
        raise FileRefused("KOLOM_GANDA", columns="; ".join(groups))
    found = data_rows(table.rows.iloc[header.body_start:], table.row_numbers[header.body_start:], header.names)
    body, row_numbers = found.rows, found.row_numbers
    if body.empty:
        raise FileRefused("TIDAK_ADA_DATA")
    width = max(p for p, h in enumerate(headers) if h.strip()) + 1
    raw = {f: body[p].astype("str").str.strip() for f, p in positions.items()}
    rows = pd.Series(row_numbers, index=body.index)
    run = _Run(kind, schema, raw, rows, con, nik_key, today or dt.date.today(), _Issues(body.index, lang))
    if body.shape[1] > width:
        # Cells right of the last header: a separator inside an unquoted value split the row.
        beyond = body.iloc[:, width:].apply(lambda column: column.str.strip().ne("")).to_numpy()
        last = beyond.shape[1] - np.argmax(beyond[:, ::-1], axis=1)
        run.issues.reject(pd.Series(beyond.any(axis=1), index=body.index), "BARIS_KOLOM_BERLEBIH",
                          count=pd.Series(width + last, index=body.index), width=width)
    fields = [f for f in schema.fields if f.header in raw or f.required]
    for i, spec in enumerate(fields):
        run.parse(spec)
        progress(0.1 + 0.7 * (i + 1) / len(fields), spec.header)
    CHECKS[kind](run)
    progress(0.85, "cek silang")
    run.reject_duplicates()
    progress(0.95, "duplikat")
    validation = run.result({f: headers[p] for f, p in positions.items()}, [headers[p] for p in unknown],
                            int(table.row_numbers[header_position]))
    validation.skipped, validation.sheet, validation.sheet_choice = found.skipped, table.sheet, table.sheet_note
    return validation


@dataclass
class _Run:
    kind: str
    schema: Schema
    raw: dict[str, pd.Series]
    rows: pd.Series  # the file's row number of each row
    con: duckdb.DuckDBPyConnection | None
    nik_key: bytes | None
    today: dt.date
    issues: _Issues
    values: dict[str, pd.Series] = field(default_factory=dict)
    extra: dict[str, pd.Series] = field(default_factory=dict)

    @property
    def index(self) -> pd.Index:
        return self.rows.index

    def text(self, header: str) -> pd.Series:
        """The field's cells as text ("" when the column is absent)."""
        if header in self.raw:
            return self.raw[header]
        return pd.Series("", index=self.index, dtype="str")

    def parse(self, spec: Field) -> None:
        text = self.text(spec.header)
        empty = text.eq("")
        if spec.must_have_value:
            self.issues.reject(empty, "KOSONG", column=spec.header)
        present = text.where(~empty)
        self.values[spec.header] = getattr(self, "_parse_" + spec.parser)(spec, present, ~empty)

    # Parsers: `present` holds the text where a value was given, <NA> elsewhere; `given` is that mask.
    def _parse_text(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        return clean_text(present).where(given).astype("string")

    def _parse_personal(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        return pd.Series(pd.NA, index=self.index, dtype="string")  # read, never kept

    def _parse_kpj(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        """11 digits, written with spaces, dashes or dots in between or not; 16 digits is a NIK in the wrong
        column (rejected, and masked in the quarantine); any other length is rejected with the length."""
        kpj = present.str.replace("[" + SPACES + r"'\"`.\-]", "", regex=True).str.upper()
        digits = kpj.str.fullmatch("[0-9]+").fillna(False).astype(bool)
        length = kpj.str.len()
        ok = given & digits & length.eq(KPJ_DIGITS)
        nik = given & digits & length.eq(16)
        self.issues.reject(nik, "KPJ_BERISI_NIK")
        self.issues.reject(given & ~ok & ~nik, "KPJ_FORMAT", length=length.astype("Int64"),
                           non_digit=pd.Series(np.where(digits, "", " dan ada yang bukan angka"), index=self.index))
        return kpj.where(ok).astype("string")

    def _parse_agency(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        """The proposing agency's code (DESIGN §4.4); unmapped text becomes LAINNYA with a warning that does
        not quote it (the raw text may hold a name or a phone number and is never stored)."""
        codes = _lookup(present, match_agency)
        self.issues.warn(given & codes.isna(), "SUMBER_USULAN_LAINNYA")
        return codes.mask(given & codes.isna(), "LAINNYA")

    def _parse_funding(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        """The funding source's code (reference/funding.py); unmapped text becomes LAINNYA with a warning that
        does not quote it (like SUMBER_USULAN), so the store holds only values the dashboard's funding-source filter offers."""
        codes = _lookup(present, match_funding)
        self.issues.warn(given & codes.isna(), "SUMBER_IURAN_LAINNYA")
        return codes.mask(given & codes.isna(), "LAINNYA")

    def _parse_reason(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        """A reason code where one fits, else the text without anything personal (freetext.py)."""
        codes = reason_codes(present)
        text = scrub_reason(clean_text(present.where(given & codes.isna())))
        return codes.fillna(text).where(given).astype("string")

    def _parse_nik(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        nik = clean_nik(present.fillna(""))
        sci = scientific(present.fillna("")) & given
        self.issues.reject(sci, "NIK_NOTASI_ILMIAH")
        check = check_niks(nik, self.today)
        code = check.code.where(given & ~sci)
        self.issues.reject(code.eq("NIK_FORMAT"), "NIK_FORMAT", length=nik.str.len(),
                           non_digit=pd.Series(np.where(check.non_digit, " dan ada yang bukan angka", ""),
                                               index=self.index))
        self.issues.reject(code.eq("NIK_WILAYAH"), "NIK_WILAYAH", region=nik.str[:4])
        self.issues.reject(code.eq("NIK_TANGGAL"), "NIK_TANGGAL")
        self.issues.reject(code.eq("NIK_NOMOR_URUT"), "NIK_NOMOR_URUT")
        valid = given & ~sci & code.isna()
        self.extra["female"] = check.female
        self.extra["birth_date"] = check.birth_date.where(valid)
        self.extra["nik_valid"] = valid
        if self.kind in ("peserta", "usulan"):
            self.issues.warn(valid & check.region.ne(KOTA_BEKASI), "NIK_LUAR_KOTA", region=check.region)
        return nik.where(valid).astype("string")

    def _parse_date(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        dates = parse_dates(present.fillna(""))
        bad = given & dates.isna()
        if spec.header == "TGL_LAHIR":  # optional and only compared with the NIK: a warning, never a rejection
            self.issues.warn(bad, "TGL_LAHIR_FORMAT")
        elif bad.any():
            impossible = bad & impossible_dates(present.fillna(""))
            self.issues.reject(impossible, "TANGGAL_TIDAK_ADA", column=spec.header, value=present)
            self.issues.reject(bad & ~impossible, "TANGGAL_FORMAT", column=spec.header, value=present)
        return dates

    def _parse_period(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        periods = parse_periods(present.fillna(""))
        self.issues.reject(given & periods.isna(), "PERIODE_FORMAT", column=spec.header, value=present)
        return periods

    def _parse_money(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        money = parse_money(present.fillna(""))
        self.issues.reject(given & money.isna(), "NOMINAL_FORMAT", column=spec.header, value=present)
        return money

    def _parse_integer(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        numbers = parse_integers(present.fillna(""))
        bad = given & (numbers.isna() | (numbers < (spec.minimum or 0)).fillna(False))
        self.issues.reject(bad, "ANGKA_FORMAT", column=spec.header, value=present, range=f"≥ {spec.minimum or 0}")
        return numbers.mask(bad)

    def _parse_desil(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        numbers = parse_integers(present.fillna("").str.replace("(?i)^desil" + "[" + SPACES + "]*", "", regex=True))
        bad = given & (numbers.isna() | ~numbers.between(1, 10).fillna(False))
        self.issues.reject(bad, "ANGKA_FORMAT", column=spec.header, value=present, range="1–10")
        numbers = numbers.mask(bad)
        self.issues.warn(numbers.gt(5).fillna(False), "DESIL_DI_LUAR_SASARAN", value=numbers)
        return numbers.astype("Int8")

    def _parse_choice(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        chosen = parse_choice(present, dict(spec.choices))
        options = ", ".join(dict.fromkeys(v for _k, v in spec.choices))
        self.issues.reject(given & chosen.isna(), "NILAI_TIDAK_DIKENAL", column=spec.header, value=present,
                           options=options)
        return chosen

    def _parse_sex(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        chosen = parse_choice(present, dict(spec.choices))
        self.issues.warn(given & chosen.isna(), "JENIS_KELAMIN_TIDAK_DIKENAL", value=present)
        return chosen

    def _parse_kecamatan(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        codes = _lookup(present, lambda v: match_area("kecamatan", v))
        unknown = given & codes.isna()
        self.issues.reject(unknown, "KECAMATAN_TIDAK_DIKENAL", value=present,
                           suggestion=_suggestions("kecamatan", present.where(unknown)))
        return codes

    def _parse_kelurahan(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        codes = _lookup(present, lambda v: match_area("kelurahan", v))
        # A bare kelurahan number (1001) means the kelurahan of that number in the row's kecamatan.
        kecamatan = self.values.get("KECAMATAN")
        if kecamatan is not None:
            local = present.str.fullmatch(r"1[0-9]{3}").fillna(False).astype(bool) & codes.isna() & kecamatan.notna()
            candidate = (kecamatan + "." + present).where(local)
            codes = codes.mask(local & candidate.isin(list(_KELURAHAN_OF)), candidate)
        unknown = given & codes.isna()
        if unknown.any():
            stated = kecamatan if kecamatan is not None else pd.Series(pd.NA, index=self.index, dtype="string")
            self.issues.reject(unknown, "KELURAHAN_TIDAK_DIKENAL", value=present,
                               suggestion=_kelurahan_suggestions(present.where(unknown), stated.where(unknown)))
        return codes

    def _parse_sector(self, spec: Field, present: pd.Series, given: pd.Series) -> pd.Series:
        codes = _lookup(present, match_sector)
        # An occupation that fits no sector is kept as LAINNYA (other) with a warning rather than rejected:
        # the worker is still covered, and the operator can correct the sector later by re-importing.
        self.issues.warn(given & codes.isna(), "SEKTOR_LAINNYA", value=present)
        return codes.mask(given & codes.isna(), "LAINNYA")

    # Cross-field checks
    def order(self, earlier: str, later: str) -> None:
        first, second = self.values.get(earlier), self.values.get(later)
        if first is not None and second is not None:
            self.issues.reject(second < first, "TANGGAL_URUTAN", earlier=earlier, later=later)

    def area_pair(self) -> None:
        kecamatan, kelurahan = self.values.get("KECAMATAN"), self.values.get("KELURAHAN")
        if kecamatan is None or kelurahan is None:
            return
        actual = kelurahan.map(_KELURAHAN_OF)
        wrong = kecamatan.notna() & kelurahan.notna() & actual.ne(kecamatan)
        names = {a.kode: a.nama for a in (*KECAMATAN, *KELURAHAN)}
        self.issues.reject(wrong, "KELURAHAN_BEDA_KECAMATAN", kelurahan=kelurahan.map(names),
                           kecamatan=kecamatan.map(names), actual=actual.map(names))

    def stated_identity(self) -> None:
        """A stated sex or birth date that disagrees with the NIK is a warning; the NIK's values are used."""
        valid = self.extra.get("nik_valid")
        if valid is None:
            return
        derived_sex = pd.Series(np.where(self.extra["female"], "P", "L"), index=self.index)
        stated = self.values.get("JENIS_KELAMIN")
        if stated is not None:
            self.issues.warn(valid & stated.notna() & stated.ne(derived_sex), "JENIS_KELAMIN_BEDA",
                             stated=stated, derived=derived_sex)
        born = self.values.get("TGL_LAHIR")
        if born is not None:
            nik_born = self.extra["birth_date"]
            differs = (born.dt.day.ne(nik_born.dt.day) | born.dt.month.ne(nik_born.dt.month)
                       | (born.dt.year % 100).ne(nik_born.dt.year % 100))
            self.issues.warn(valid & born.notna() & differs, "TGL_LAHIR_BEDA")

    def workers(self) -> pd.Series:
        """pekerja_id of each claim's worker (NIK first, else KPJ); rejects claims whose worker is unknown."""
        nik = self.values.get("NIK", pd.Series(pd.NA, index=self.index, dtype="string"))
        kpj = self.values.get("KPJ", pd.Series(pd.NA, index=self.index, dtype="string"))
        nik_given = self.text("NIK").ne("")
        kpj_given = kpj.notna()
        self.issues.reject(~nik_given & ~kpj_given, "IDENTITAS_KOSONG")
        if self.con is None or self.nik_key is None:
            raise ValueError("klaim validation needs the store connection and the NIK key")
        lookup = nik_given & nik.notna() | ~nik_given & kpj_given
        ids = pd.Series(pd.NA, index=self.index, dtype="Int64")
        if lookup.any():
            found = resolve_workers(self.con, self.nik_key, nik[lookup].astype("string"),
                                    kpj[lookup].where(~nik_given[lookup]).astype("string"))
            ids[lookup] = found
        by = pd.Series(np.where(nik_given, "NIK", "KPJ"), index=self.index)
        self.issues.reject(lookup & ids.isna(), "PEKERJA_TIDAK_DITEMUKAN", by=by)
        return ids

    def enrolled(self) -> pd.Series:
        """True where the (valid) NIK belongs to an enrolled worker."""
        nik = self.values["NIK"]
        valid = nik.notna()
        out = pd.Series(False, index=self.index)
        if self.con is None or self.nik_key is None or not valid.any():
            return out
        hashes = pd.DataFrame({"nik_hash": hash_niks(self.nik_key, nik[valid])})
        known = set(self.con.execute("SELECT h.nik_hash FROM hashes AS h JOIN pekerja AS p USING (nik_hash)")
                    .df()["nik_hash"])
        out[valid] = hashes["nik_hash"].isin(known).to_numpy()
        return out

    def reject_duplicates(self) -> None:
        """A key seen earlier in the file (among rows that are otherwise fine): the later rows are rejected."""
        key = pd.DataFrame({h: self.values[h] for h in self.schema.key})
        ok = ~self.issues.bad() & key.notna().all(axis=1)
        candidates = key[ok]
        repeated = candidates.duplicated(keep="first")
        if repeated.any():
            first = self.rows[ok].groupby([candidates[c] for c in candidates.columns]).transform("first")
            self.issues.reject(repeated.reindex(self.index, fill_value=False), "DUPLIKAT_DALAM_FILE",
                               first=first.reindex(self.index).astype("Int64"), key=_words(self.schema.key))

    def result(self, columns: dict[str, str], ignored: list[str], header_row: int) -> Validation:
        rows = self.rows
        bad = self.issues.bad()
        codes, reasons = self.issues.first_codes_and_reasons()
        accepted = CANONICAL[self.kind](self)[~bad.to_numpy()].reset_index(drop=True)
        accepted["row_number"] = rows[~bad].to_numpy()
        rejected = pd.DataFrame({
            "row_number": rows[bad].to_numpy(), "reason_code": codes[bad].to_numpy(),
            "reason": scrub_personal(reasons[bad]).to_numpy(),
            "row_values": self.masked_rows(bad, columns),
            "kecamatan_kode": (self.values["KECAMATAN"][bad].to_numpy() if "KECAMATAN" in self.values
                               else np.full(int(bad.sum()), None)),
        })
        notes = self.issues.warning_rows(~bad)
        warnings = pd.DataFrame({"row_number": rows.to_numpy()[notes["position"].to_numpy()],
                                 "code": notes["code"].to_numpy(),
                                 "message": scrub_personal(notes["message"].astype("string")).to_numpy()})
        warnings = warnings.sort_values(["row_number", "code"], kind="stable", ignore_index=True)
        completeness = pd.DataFrame({
            "kolom": list(self.schema.stored_headers),
            "terisi": [int(self.text(h).ne("").sum()) for h in self.schema.stored_headers],
            "total": len(self.index)})
        return Validation(self.kind, accepted, rejected, warnings, len(self.index), columns, ignored, completeness,
                          header_row)

    def masked_rows(self, bad: pd.Series, columns: dict[str, str]) -> list[str]:
        """The rejected rows' values under their headers as written, as JSON: NIK masked, personal fields
        (names, birth date, sex) and unrecognised columns (phones, addresses…) left out."""
        if not bad.any():
            return []
        kept = {columns[h]: self.raw[h][bad] for h in self.schema.stored_headers if h in self.raw}
        if "NIK" in self.raw and "NIK" in columns:
            kept[columns["NIK"]] = mask_niks(self.raw["NIK"][bad])
        if "KPJ" in self.raw and "KPJ" in columns:  # a NIK typed into KPJ is masked like a NIK
            kpj = self.raw["KPJ"][bad]
            looks_nik = clean_nik(kpj).str.fullmatch("[0-9]{16}").fillna(False).astype(bool)
            kept[columns["KPJ"]] = kpj.mask(looks_nik, mask_niks(kpj))
        for h, value in self.values.items():  # mapped free text: the code, never the raw text
            if h in columns and self.schema.field(h).parser in ("agency", "funding", "reason"):
                kept[columns[h]] = value[bad].fillna("").astype("str")
        frame = pd.DataFrame(kept).astype("str")
        # One JSON object per line; split on "\n" only (str.splitlines also splits on U+0085, U+2028… in values).
        lines = frame.to_json(orient="records", lines=True, force_ascii=False).rstrip("\n").split("\n")
        # pandas escapes "/" as "\/" (legal JSON, but unreadable for headers like Kelurahan/Desa)
        return list(scrub_personal(pd.Series(lines, dtype="str").str.replace("\\/", "/", regex=False)))


def _words(names: tuple[str, ...]) -> str:
    """NIK, SUMBER_USULAN dan TGL_USULAN"""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


def _lookup(values: pd.Series, match: Callable[[str], str | None]) -> pd.Series:
    """Apply a matcher to the distinct values only, then map the results back onto the column."""
    distinct = pd.Series(values.dropna().unique(), dtype="object")
    table = dict(zip(distinct, distinct.map(match)))
    return values.map(table).astype("string")


def _suggestions(level: str, unknown: pd.Series) -> pd.Series:
    def suggest(value: str) -> str:
        names = suggest_areas(level, value)
        if names:
            return "Mungkin maksudnya: " + ", ".join(names) + "."
        return f"Tulis nama atau kode salah satu {level} resmi Kota Bekasi."
    return _lookup(unknown, suggest)


def _kelurahan_suggestions(unknown: pd.Series, kecamatan: pd.Series) -> pd.Series:
    """Closest official kelurahan names, those of the stated kecamatan first (all of them when none is close),
    then close names elsewhere with their kecamatan."""
    pairs = pd.DataFrame({"value": unknown.astype("object"), "kecamatan": kecamatan.astype("object").fillna("")})
    pairs = pairs[unknown.notna()]
    names = {a.kode: a.nama for a in (*KECAMATAN, *KELURAHAN)}
    texts = []
    for value, code in pairs.drop_duplicates().itertuples(index=False):  # distinct (value, kecamatan) pairs only
        inside = suggest_areas("kelurahan", value, within=code) if code else []
        if code and not inside:
            inside = [a.nama for a in KELURAHAN if a.kecamatan_kode == code]
        elsewhere = [f"{n} (Kec. {names[k]})" for n, k in suggest_areas("kelurahan", value, with_kecamatan=True)
                     if k != code and n not in inside][:2 if code else 3]
        parts = [f"di Kecamatan {names[code]}: " + ", ".join(inside)] if inside else []
        if elsewhere:
            parts.append(("di kecamatan lain: " if code else "") + ", ".join(elsewhere))
        texts.append((value, code, "Mungkin maksudnya " + "; ".join(parts) + "." if parts
                      else "Tulis nama atau kode salah satu kelurahan resmi Kota Bekasi."))
    table = pd.DataFrame(texts, columns=["value", "kecamatan", "text"])
    found = pairs.reset_index().merge(table, how="left", on=["value", "kecamatan"]).set_index("index")["text"]
    return found.reindex(unknown.index).astype("string")


def mask_niks(raw: pd.Series) -> pd.Series:
    """privacy.mask_nik on a column: 327508******0101 for a 16-digit NIK, stars for anything else."""
    text = clean_nik(raw.fillna(""))
    sixteen = text.str.fullmatch(r"[0-9]{16}").fillna(False).astype(bool)
    stars = text.str.replace(r".", "*", regex=True)
    return (text.str[:6] + "******" + text.str[12:]).where(sixteen, stars).astype("str")


def scrub_niks(text: pd.Series) -> pd.Series:
    """Mask any run of exactly 16 digits in free text (a NIK typed into the wrong column)."""
    return text.astype("str").str.replace(_NIK_RUN, r"\1******\2", regex=True)
