"""What each kind of file must contain, declared once as data (DESIGN §4.1).

A `Field` is one column: its header as written in our documentation (the first name), the other headers
people use for it, whether the column must be present, whether a value must be present, and the parser
that turns its text into a value. Header matching ignores case, spaces, underscores, dots, slashes and
dashes (`header_key`). Personal fields (names, birth date) are read for checks but never stored and never
copied into the quarantine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .load import KINDS

# Parsers (implemented in validate.py): text, nik, kpj, date, period, money, integer, desil, choice,
# kecamatan, kelurahan, sector, sex, personal, agency (proposing agency → code), reason (ALASAN → code or
# scrubbed text).


@dataclass(frozen=True)
class Field:
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = True             # the column must be in the file
    parser: str = "text"
    value_required: bool | None = None  # an empty cell rejects the row (default: same as `required`)
    choices: tuple[tuple[str, str], ...] = ()  # (written form, value) pairs for the choice parser
    minimum: int | None = None        # integer parser: smallest allowed value
    personal: bool = False            # read, never stored, never quarantined

    @property
    def must_have_value(self) -> bool:
        return self.required if self.value_required is None else self.value_required

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class Schema:
    kind: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]                       # headers whose values identify a record within a file
    any_of: tuple[str, ...] = ()               # at least one of these columns must be present (klaim: NIK/KPJ)

    def field(self, header: str) -> Field:
        return next(f for f in self.fields if f.header == header)

    @property
    def required_headers(self) -> tuple[str, ...]:
        return tuple(f.header for f in self.fields if f.required)

    @property
    def stored_headers(self) -> tuple[str, ...]:
        return tuple(f.header for f in self.fields if not f.personal)


_SEPARATORS = re.compile(r"[\s_./\\\-]+")


def header_key(text: str) -> str:
    """NO. KPJ, no_kpj, No/KPJ, NOKPJ → NOKPJ."""
    return _SEPARATORS.sub("", str(text).replace("\ufeff", "")).upper()


SEX = (("L", "L"), ("LAKI-LAKI", "L"), ("LAKI LAKI", "L"), ("LAKI", "L"), ("LK", "L"), ("PRIA", "L"), ("M", "L"),
       ("P", "P"), ("PEREMPUAN", "P"), ("PR", "P"), ("WANITA", "P"), ("F", "P"))
VERIFICATION = (("LOLOS", "LOLOS"), ("TIDAK LOLOS", "TIDAK LOLOS"), ("TDK LOLOS", "TIDAK LOLOS"),
                ("PROSES", "PROSES"), ("DALAM PROSES", "PROSES"), ("DIPROSES", "PROSES"))
CLAIM_STATUS = (("DIAJUKAN", "DIAJUKAN"), ("DIVERIFIKASI", "DIVERIFIKASI"), ("DIBAYAR", "DIBAYAR"),
                ("DIBAYARKAN", "DIBAYAR"), ("DITOLAK", "DITOLAK"))
PROGRAMS = (("JKK", "JKK"), ("JKM", "JKM"), ("JAMINAN KECELAKAAN KERJA", "JKK"), ("JAMINAN KEMATIAN", "JKM"))
TRAINING_STATUS = (("TERDAFTAR", "TERDAFTAR"), ("LULUS", "LULUS"), ("TIDAK LULUS", "TIDAK LULUS"),
                   ("TDK LULUS", "TIDAK LULUS"))

NIK = Field("NIK", ("NO_NIK", "NIK_KTP", "NOMOR_NIK", "NOMOR_INDUK_KEPENDUDUKAN"), parser="nik")
KPJ = Field("KPJ", ("NO_KPJ", "NOMOR_KPJ", "NO_PESERTA"), required=False, parser="kpj")
NAMA = Field("NAMA", ("NAMA_PESERTA", "NAMA_LENGKAP", "NAMA_PEKERJA"), required=False, parser="personal",
             personal=True)
KECAMATAN = Field("KECAMATAN", ("KEC", "NAMA_KECAMATAN", "KODE_KECAMATAN"), parser="kecamatan")
KELURAHAN = Field("KELURAHAN", ("KEL", "DESA", "KELURAHAN_DESA", "DESA_KELURAHAN", "NAMA_KELURAHAN",
                                "KODE_KELURAHAN"), parser="kelurahan", value_required=False)
PEKERJAAN = Field("PEKERJAAN", ("JENIS_PEKERJAAN", "SEKTOR"), parser="sector")
DESIL = Field("DESIL", ("DESIL_DTSEN",), parser="desil")

SCHEMAS: dict[str, Schema] = {
    "peserta": Schema("peserta", (
        NIK, KPJ, NAMA,
        Field("TGL_LAHIR", ("TANGGAL_LAHIR",), required=False, parser="date", personal=True),
        Field("JENIS_KELAMIN", ("JK",), required=False, parser="sex", choices=SEX, personal=True),
        KECAMATAN, KELURAHAN, PEKERJAAN,
        Field("DESIL", DESIL.aliases, required=False, parser="desil"),
        Field("SUMBER_USULAN", ("INSTANSI_PENGUSUL",), required=False, parser="agency"),
        Field("TGL_MULAI", ("TGL_KEPESERTAAN", "TMT", "TANGGAL_MULAI"), parser="date"),
        Field("TGL_AKHIR", ("TGL_BERAKHIR", "MASA_BERLAKU", "TANGGAL_AKHIR"), parser="date"),
        Field("SUMBER_IURAN", ("SUMBER_DANA",), required=False, parser="funding"),
        Field("IURAN", ("IURAN_PER_BULAN",), required=False, parser="money"),
    ), key=("NIK", "TGL_MULAI")),
    "usulan": Schema("usulan", (
        NIK, NAMA,
        Field("SUMBER_USULAN", ("INSTANSI_PENGUSUL",), parser="agency"),
        Field("TGL_USULAN", ("TANGGAL_USULAN",), parser="date"),
        DESIL,
        Field("STATUS_VERIFIKASI", ("STATUS",), parser="choice", choices=VERIFICATION),
        Field("ALASAN", ("KETERANGAN", "ALASAN_TIDAK_LOLOS"), required=False, parser="reason"),
        KECAMATAN, KELURAHAN,
        Field("PEKERJAAN", PEKERJAAN.aliases, parser="sector", value_required=False),
    ), key=("NIK", "SUMBER_USULAN", "TGL_USULAN")),
    "klaim": Schema("klaim", (
        Field("NO_KLAIM", ("NOMOR_KLAIM", "ID_KLAIM")),
        Field("NIK", NIK.aliases, required=False, parser="nik", value_required=False),
        KPJ, NAMA,
        Field("PROGRAM", ("JENIS_KLAIM",), parser="choice", choices=PROGRAMS),
        Field("TGL_KEJADIAN", ("TANGGAL_KEJADIAN",), parser="date"),
        Field("TGL_PENGAJUAN", ("TANGGAL_PENGAJUAN",), parser="date"),
        Field("TGL_BAYAR", ("TGL_PEMBAYARAN", "TANGGAL_BAYAR"), parser="date", value_required=False),
        Field("STATUS", ("STATUS_KLAIM",), parser="choice", choices=CLAIM_STATUS),
        Field("NOMINAL", ("JUMLAH_MANFAAT", "NILAI_KLAIM"), parser="money", value_required=False),
    ), key=("NO_KLAIM",), any_of=("NIK", "KPJ")),
    "pelatihan": Schema("pelatihan", (
        Field("KODE_PELATIHAN", ("ID_PELATIHAN",)),
        Field("NAMA_PELATIHAN", ("JUDUL_PELATIHAN",), value_required=False),
        Field("TGL_MULAI", ("TANGGAL_MULAI",), parser="date"),
        Field("TGL_SELESAI", ("TANGGAL_SELESAI",), parser="date"),
        KECAMATAN, NIK, NAMA,
        Field("STATUS", ("STATUS_PESERTA",), parser="choice", choices=TRAINING_STATUS),
    ), key=("KODE_PELATIHAN", "NIK")),
    "pembayaran": Schema("pembayaran", (
        Field("PERIODE", ("BULAN", "PERIODE_IURAN"), parser="period"),
        Field("JUMLAH_PESERTA", ("JML_PESERTA",), parser="integer", minimum=0, value_required=False),
        Field("NOMINAL", ("JUMLAH_IURAN", "NILAI_TAGIHAN"), parser="money"),
        Field("TGL_BAYAR", ("TGL_PEMBAYARAN", "TANGGAL_BAYAR"), parser="date", value_required=False),
    ), key=("PERIODE",)),
    "anggaran": Schema("anggaran", (
        Field("TAHAP", ("KODE_TAHAP",)),
        Field("NAMA_TAHAP", ("NAMA", "URAIAN"), required=False),
        Field("TGL_MULAI", ("TANGGAL_MULAI",), parser="date"),
        Field("TGL_AKHIR", ("TANGGAL_AKHIR", "TGL_SELESAI"), parser="date"),
        Field("TARGET_PESERTA", ("TARGET",), parser="integer", minimum=1),
        Field("PAGU", ("PAGU_ANGGARAN", "ANGGARAN"), parser="money"),
    ), key=("TAHAP",)),
}

assert tuple(SCHEMAS) == KINDS


def expected_columns(kind: str) -> str:
    """The columns of a kind as the operator should write them (required ones first, optional marked)."""
    schema = SCHEMAS[kind]
    required = [f.header for f in schema.fields if f.required]
    if schema.any_of:
        required.append(" atau ".join(schema.any_of))
    optional = [f.header for f in schema.fields if not f.required and f.header not in schema.any_of]
    return ", ".join(required) + (f" (opsional: {', '.join(optional)})" if optional else "")


def match_headers(kind: str, headers: list[str]) -> tuple[dict[str, int], list[int], list[list[int]]]:
    """Column positions of each field found, positions of unknown columns, and groups of positions that
    name the same field (ambiguous)."""
    schema = SCHEMAS[kind]
    keys = {header_key(name): f.header for f in schema.fields for name in f.names}
    found: dict[str, list[int]] = {}
    unknown = []
    for position, header in enumerate(headers):
        field = keys.get(header_key(header))
        if field is None:
            if str(header).strip():
                unknown.append(position)
        else:
            found.setdefault(field, []).append(position)
    duplicates = [positions for positions in found.values() if len(positions) > 1]
    return {f: positions[0] for f, positions in found.items()}, unknown, duplicates


def header_score(kind: str, headers: list[str]) -> tuple[int, int]:
    """(required columns found, all columns found) of `kind` among `headers`: used to find the header row
    and to recognise the kind of a file."""
    found, _unknown, _dups = match_headers(kind, headers)
    schema = SCHEMAS[kind]
    required = sum(1 for h in schema.required_headers if h in found) + (
        1 if schema.any_of and any(h in found for h in schema.any_of) else 0)
    return required, len(found)


# The header each canonical column is written under in an operator file (demo.write_files uses these).
FILE_HEADERS: dict[str, dict[str, str]] = {
    "peserta": {"nik": "NIK", "kpj": "KPJ", "jenis_kelamin": "JENIS_KELAMIN", "tgl_mulai": "TGL_MULAI",
                "tgl_akhir": "TGL_AKHIR", "kecamatan_kode": "KECAMATAN", "kelurahan_kode": "KELURAHAN",
                "sektor": "PEKERJAAN", "desil": "DESIL", "sumber_usulan": "SUMBER_USULAN",
                "sumber_iuran": "SUMBER_IURAN", "iuran_rp": "IURAN"},
    "usulan": {"nik": "NIK", "sumber_usulan": "SUMBER_USULAN", "tgl_usulan": "TGL_USULAN", "desil": "DESIL",
               "status_verifikasi": "STATUS_VERIFIKASI", "alasan": "ALASAN", "kecamatan_kode": "KECAMATAN",
               "kelurahan_kode": "KELURAHAN", "sektor": "PEKERJAAN"},
    "klaim": {"no_klaim": "NO_KLAIM", "nik": "NIK", "kpj": "KPJ", "program": "PROGRAM", "tgl_kejadian": "TGL_KEJADIAN",
              "tgl_pengajuan": "TGL_PENGAJUAN", "tgl_bayar": "TGL_BAYAR", "status": "STATUS", "nominal_rp": "NOMINAL"},
    "pelatihan": {"kode_pelatihan": "KODE_PELATIHAN", "nama_pelatihan": "NAMA_PELATIHAN", "tgl_mulai": "TGL_MULAI",
                  "tgl_selesai": "TGL_SELESAI", "kecamatan_kode": "KECAMATAN", "nik": "NIK", "status": "STATUS"},
    "pembayaran": {"periode": "PERIODE", "jumlah_peserta": "JUMLAH_PESERTA", "nominal_rp": "NOMINAL",
                   "tgl_bayar": "TGL_BAYAR"},
    "anggaran": {"tahap": "TAHAP", "nama": "NAMA_TAHAP", "tgl_mulai": "TGL_MULAI", "tgl_akhir": "TGL_AKHIR",
                 "target_peserta": "TARGET_PESERTA", "pagu_rp": "PAGU"},
}
