"""Reason codes of the import pipeline and their messages, Indonesian first, English available.

Codes are stable (stored in the quarantine, used in tests and in the Data page); messages say what is
wrong and what to do. Row messages never quote a NIK, a name or a birth date: the row number is what the
operator uses to find the row in the original file.
"""
from __future__ import annotations

import string

import pandas as pd

# Whole-file refusals: nothing is written.
FILE_MESSAGES: dict[str, dict[str, str]] = {
    "FILE_KOSONG": {
        "id": "File kosong: tidak ada judul kolom maupun data.",
        "en": "The file is empty: no header and no data."},
    "FILE_TIDAK_TERBACA": {
        "id": "File tidak bisa dibaca sebagai tabel CSV atau Excel (.xlsx). {detail}",
        "en": "The file cannot be read as a CSV or Excel (.xlsx) table. {detail}"},
    "FILE_XLS_LAMA": {
        "id": "Format Excel lama (.xls) tidak didukung. Buka di Excel lalu simpan sebagai .xlsx atau CSV.",
        "en": "The old Excel format (.xls) is not supported. Open it in Excel and save as .xlsx or CSV."},
    "ENCODING": {
        "id": "Huruf dalam file tidak bisa dibaca (bukan UTF-8 maupun Windows-1252). Simpan ulang sebagai"
              " \"CSV UTF-8\".",
        "en": "The file's characters cannot be read (neither UTF-8 nor Windows-1252). Save it again as"
              " \"CSV UTF-8\"."},
    "HEADER_TIDAK_DITEMUKAN": {
        "id": "Baris judul kolom tidak ditemukan di {rows} baris pertama. Kolom yang diharapkan untuk {kind}:"
              " {expected}.{hint}",
        "en": "No header row found in the first {rows} rows. Columns expected for {kind}: {expected}.{hint}"},
    "JENIS_TIDAK_DIKENAL": {
        "id": "Jenis file tidak bisa dikenali dari judul kolomnya ({found}). Pilih jenisnya: {kinds}.{hint}",
        "en": "The kind of file cannot be recognised from its headers ({found}). Choose its kind: {kinds}.{hint}"},
    "KOLOM_WAJIB_HILANG": {
        "id": "Kolom wajib tidak ada: {missing}. Kolom yang diharapkan untuk {kind}: {expected}.{hint}",
        "en": "Required columns missing: {missing}. Columns expected for {kind}: {expected}.{hint}"},
    "KOLOM_GANDA": {
        "id": "Beberapa kolom berarti sama ({columns}); sisakan satu saja.",
        "en": "Several columns mean the same thing ({columns}); keep only one."},
    "TIDAK_ADA_DATA": {
        "id": "Ada judul kolom tetapi tidak ada baris data.{hint}",
        "en": "There is a header but no data rows.{hint}"},
    # Limits and hostile files (limits.py): refused before anything large is read.
    "FILE_TERLALU_BESAR": {
        "id": "File terlalu besar ({size} MB; batasnya {limit} MB). Pecah datanya menjadi beberapa file.",
        "en": "The file is too large ({size} MB; the limit is {limit} MB). Split the data into several files."},
    "KOLOM_TERLALU_BANYAK": {
        "id": "File berisi {count} kolom; batasnya {limit}. Ini bukan tabel data SIGAP (atau ada isian jauh di kanan"
              " tabel): hapus kolom yang tidak perlu lalu simpan ulang.",
        "en": "The file has {count} columns; the limit is {limit}. This is not a SIGAP data table (or something is"
              " filled far right of the table): delete the columns not needed and save again."},
    "FILE_BUKAN_DATA": {
        "id": "Dari {rows} baris di bawah judul kolom, hanya {share} berisi {column} yang masuk akal: isi file ini"
              " bukan data {kind} (atau kolomnya bergeser). Periksa filenya lalu impor ulang.",
        "en": "Of {rows} rows under the header, only {share} hold a plausible {column}: this file's content is not"
              " {kind} data (or its columns are shifted). Check the file and import it again."},
    "BARIS_TERLALU_BANYAK": {
        "id": "File berisi {count} baris; batasnya {limit} baris per file. Pecah datanya menjadi beberapa file (mis."
              " per bulan atau per kecamatan).",
        "en": "The file has {count} lines; the limit is {limit} per file. Split the data into several files (e.g. by"
              " month or by kecamatan)."},
    "SEL_TERLALU_PANJANG": {
        "id": "Ada sel berisi {length} karakter; batasnya {limit} (batas Excel untuk satu sel). File ini rusak atau"
              " bukan tabel data: periksa tanda kutip yang tidak ditutup.",
        "en": "A cell holds {length} characters; the limit is {limit} (Excel's limit for a cell). The file is broken"
              " or not a data table: look for an unclosed quote."},
    "XLSX_BOM": {
        "id": "File Excel ini akan mengembang menjadi {size} MB dari {packed} MB (bom zip); file ditolak.",
        "en": "This Excel file would inflate to {size} MB from {packed} MB (a zip bomb); refused."},
    "XML_BERBAHAYA": {
        "id": "File Excel ini berisi XML yang tidak diizinkan (entitas atau DTD: {detail}); file ditolak. Buka di"
              " Excel lalu simpan ulang sebagai .xlsx.",
        "en": "This Excel file holds XML that is not allowed (entities or a DTD: {detail}); refused. Open it in"
              " Excel and save it again as .xlsx."},
    "LEMBAR_TERLALU_BANYAK": {
        "id": "Workbook berisi {count} lembar; batasnya {limit}. Simpan lembar datanya saja sebagai file baru.",
        "en": "The workbook has {count} sheets; the limit is {limit}. Save the data sheet alone as a new file."},
    "LEMBAR_TIDAK_ADA": {
        "id": "Lembar \"{sheet}\" tidak ada di workbook ini. Lembar yang ada: {sheets}.",
        "en": "Sheet \"{sheet}\" is not in this workbook. Its sheets: {sheets}."},
    "JENIS_SALAH": {
        "id": "Jenis impor tidak dikenal: {kind}. Pilihan: {kinds}.",
        "en": "Unknown import kind: {kind}. Choices: {kinds}."},
    # Boundary GeoJSON (boundaries.py)
    "GEOJSON_TIDAK_SAH": {
        "id": "File bukan GeoJSON yang sah: {detail}",
        "en": "The file is not valid GeoJSON: {detail}"},
    "GEOJSON_KODE": {
        "id": "{count} fitur tidak membawa kode Kemendagri Kota Bekasi yang dikenal (properti \"kode\", mis. 32.75.08"
              " atau 32.75.08.1001): {codes}.",
        "en": "{count} features carry no known Kota Bekasi Kemendagri code (property \"kode\", e.g. 32.75.08 or"
              " 32.75.08.1001): {codes}."},
    "GEOJSON_LEVEL_CAMPUR": {
        "id": "File mencampur kecamatan dan kelurahan; muat satu file per tingkat.",
        "en": "The file mixes kecamatan and kelurahan; load one file per level."},
    "GEOJSON_KODE_GANDA": {
        "id": "Kode muncul lebih dari sekali: {codes}.",
        "en": "Codes appear more than once: {codes}."},
    "GEOJSON_GEOMETRI": {
        "id": "Geometri tidak sah pada {problems}. Perbaiki poligonnya (mis. di QGIS: Vector › Geometry Tools ›"
              " Fix Geometries) lalu muat ulang.",
        "en": "Invalid geometry in {problems}. Repair the polygons (e.g. QGIS: Vector › Geometry Tools › Fix"
              " Geometries) and load again."},
    "GEOJSON_DI_LUAR_WILAYAH": {
        "id": "Koordinat di luar Kota Bekasi pada {problems}. GeoJSON memakai derajat WGS84 dengan urutan"
              " [bujur, lintang] (sekitar [106.97, -6.27]).{hint}",
        "en": "Coordinates outside Kota Bekasi in {problems}. GeoJSON uses WGS84 degrees in [lon, lat] order"
              " (around [106.97, -6.27]).{hint}"},
}

# Row rejections (the row goes to the quarantine) and warnings (the row is accepted, a note is kept).
ROW_MESSAGES: dict[str, dict[str, str]] = {
    "KOSONG": {"id": "{column} kosong; kolom ini wajib diisi.", "en": "{column} is empty; it is required."},
    "BARIS_KOLOM_BERLEBIH": {
        "id": "Baris ini berisi {count} kolom, lebih banyak dari judulnya ({width}): biasanya ada pemisah (koma atau"
              " titik koma) di dalam nilai tanpa tanda kutip, mis. Rp 16.800,00. Beri tanda kutip atau hapus"
              " pemisahnya.",
        "en": "This row has {count} fields, more than the header ({width}): usually a separator (comma or semicolon)"
              " inside an unquoted value, e.g. Rp 16.800,00. Quote the value or remove the separator."},
    "NIK_NOTASI_ILMIAH": {
        "id": "NIK tertulis sebagai angka ilmiah (mis. 3.27501E+15): Excel sudah membuang digit terakhirnya, jadi NIK"
              " tidak bisa dipulihkan. Format kolom NIK sebagai Teks lalu salin ulang NIK dari sumber aslinya.",
        "en": "The NIK is written in scientific notation (e.g. 3.27501E+15): Excel has dropped its last digits and it"
              " cannot be recovered. Format the NIK column as Text and copy the NIK again from its source."},
    "NIK_FORMAT": {
        "id": "NIK harus 16 digit angka; yang tertulis {length} karakter{non_digit}.",
        "en": "A NIK has 16 digits; this one has {length} characters{non_digit}."},
    "NIK_WILAYAH": {
        "id": "Kode wilayah NIK (4 digit pertama: {region}) bukan kode provinsi dan kabupaten/kota yang ada.",
        "en": "The NIK's region code (first 4 digits: {region}) is not an existing province and regency/city."},
    "NIK_TANGGAL": {
        "id": "Tanggal lahir di dalam NIK (digit 7–12) tidak mungkin: tanggal 01–31 (perempuan 41–71), bulan 01–12,"
              " dan tanggalnya harus ada di kalender.",
        "en": "The birth date inside the NIK (digits 7–12) is impossible: day 01–31 (women 41–71), month 01–12,"
              " and the date must exist."},
    "NIK_NOMOR_URUT": {
        "id": "Nomor urut NIK (4 digit terakhir) tidak boleh 0000.",
        "en": "The NIK's serial number (last 4 digits) cannot be 0000."},
    "TANGGAL_FORMAT": {
        "id": "{column} \"{value}\" bukan tanggal yang dikenali; tulis mis. 05/11/2025, 2025-11-05 atau"
              " 5 November 2025.",
        "en": "{column} \"{value}\" is not a recognised date; write e.g. 05/11/2025, 2025-11-05 or 5 November 2025."},
    "TANGGAL_TIDAK_ADA": {
        "id": "{column} \"{value}\": formatnya benar, tetapi tanggal itu tidak ada di kalender (mis. 31 April atau"
              " 29 Februari di tahun yang bukan kabisat). Periksa tanggalnya di dokumen sumber.",
        "en": "{column} \"{value}\": the format is right but that day does not exist (e.g. 31 April, or 29 February"
              " in a year that is not a leap year). Check the date in the source document."},
    "KPJ_BERISI_NIK": {
        "id": "KPJ berisi 16 digit: itu NIK yang tertulis di kolom KPJ (nomor KPJ BPJS Ketenagakerjaan 11 digit)."
              " Pindahkan NIK ke kolom NIK dan isi KPJ yang benar, atau kosongkan KPJ.",
        "en": "KPJ holds 16 digits: a NIK written in the KPJ column (a BPJS Ketenagakerjaan KPJ number has 11"
              " digits). Move the NIK to the NIK column and fill the right KPJ, or leave KPJ empty."},
    "KPJ_FORMAT": {
        "id": "KPJ harus 11 digit angka (spasi dan tanda hubung boleh); yang tertulis {length} karakter{non_digit}.",
        "en": "A KPJ has 11 digits (spaces and dashes allowed); this one has {length} characters{non_digit}."},
    "TANGGAL_URUTAN": {
        "id": "{later} lebih awal dari {earlier}; periksa kedua tanggal.",
        "en": "{later} is earlier than {earlier}; check both dates."},
    "PERIODE_FORMAT": {
        "id": "{column} \"{value}\" bukan periode yang dikenali; tulis mis. 2025-11 atau November 2025.",
        "en": "{column} \"{value}\" is not a recognised period; write e.g. 2025-11 or November 2025."},
    "NOMINAL_FORMAT": {
        "id": "{column} \"{value}\" bukan jumlah rupiah yang dikenali; tulis mis. 16800 atau Rp16.800.",
        "en": "{column} \"{value}\" is not a recognised rupiah amount; write e.g. 16800 or Rp16.800."},
    "ANGKA_FORMAT": {
        "id": "{column} \"{value}\" harus bilangan bulat {range}.",
        "en": "{column} \"{value}\" must be a whole number {range}."},
    "NILAI_TIDAK_DIKENAL": {
        "id": "{column} \"{value}\" tidak dikenal; pilihan: {options}.",
        "en": "{column} \"{value}\" is not recognised; choices: {options}."},
    "KECAMATAN_TIDAK_DIKENAL": {
        "id": "Kecamatan \"{value}\" tidak ada di Kota Bekasi. {suggestion}",
        "en": "Kecamatan \"{value}\" is not in Kota Bekasi. {suggestion}"},
    "KELURAHAN_TIDAK_DIKENAL": {
        "id": "Kelurahan \"{value}\" tidak ada di Kota Bekasi. {suggestion}",
        "en": "Kelurahan \"{value}\" is not in Kota Bekasi. {suggestion}"},
    "KELURAHAN_BEDA_KECAMATAN": {
        "id": "Kelurahan {kelurahan} tidak berada di Kecamatan {kecamatan}, melainkan di Kecamatan {actual}.",
        "en": "Kelurahan {kelurahan} is not in Kecamatan {kecamatan} but in Kecamatan {actual}."},
    "DUPLIKAT_DALAM_FILE": {
        "id": "Baris ini sama dengan baris {first} ({key} sama); hanya baris {first} yang diimpor.",
        "en": "This row repeats row {first} (same {key}); only row {first} is imported."},
    "IDENTITAS_KOSONG": {
        "id": "NIK dan KPJ kosong; isi salah satunya agar klaim bisa dikaitkan dengan pekerja.",
        "en": "Both NIK and KPJ are empty; fill one so the claim can be linked to a worker."},
    "PEKERJA_TIDAK_DITEMUKAN": {
        "id": "Pekerja dengan {by} ini belum ada di data peserta. Impor file peserta-nya dulu, lalu impor ulang file"
              " ini.",
        "en": "No enrolled worker has this {by}. Import the enrolment (peserta) file first, then this file again."},
    "DIBAYAR_TANPA_TANGGAL": {
        "id": "STATUS DIBAYAR tetapi TGL_BAYAR kosong; isi tanggal pembayarannya.",
        "en": "STATUS is DIBAYAR but TGL_BAYAR is empty; fill in the payment date."},
    "DIBAYAR_TANPA_NOMINAL": {
        "id": "STATUS DIBAYAR tetapi NOMINAL kosong; isi jumlah manfaat yang dibayarkan.",
        "en": "STATUS is DIBAYAR but NOMINAL is empty; fill in the benefit paid."},
    # Warnings: the row is imported.
    "NIK_LUAR_KOTA": {
        "id": "NIK diterbitkan di luar Kota Bekasi (kode {region}); baris tetap diimpor.",
        "en": "The NIK was issued outside Kota Bekasi (code {region}); the row is imported."},
    "JENIS_KELAMIN_BEDA": {
        "id": "JENIS_KELAMIN tertulis {stated}, tetapi NIK menunjukkan {derived}; dipakai yang dari NIK.",
        "en": "JENIS_KELAMIN says {stated} but the NIK says {derived}; the NIK's is used."},
    "JENIS_KELAMIN_TIDAK_DIKENAL": {
        "id": "JENIS_KELAMIN \"{value}\" tidak dikenal (pakai L atau P); dipakai yang dari NIK.",
        "en": "JENIS_KELAMIN \"{value}\" is not recognised (use L or P); the NIK's is used."},
    "TGL_LAHIR_BEDA": {
        "id": "TGL_LAHIR berbeda dengan tanggal lahir di dalam NIK; tahun lahir diambil dari NIK.",
        "en": "TGL_LAHIR differs from the birth date inside the NIK; the birth year is taken from the NIK."},
    "TGL_LAHIR_FORMAT": {
        "id": "TGL_LAHIR bukan tanggal yang dikenali; diabaikan (tanggal lahir diambil dari NIK).",
        "en": "TGL_LAHIR is not a recognised date; ignored (the birth date is taken from the NIK)."},
    "SEKTOR_LAINNYA": {
        "id": "Pekerjaan \"{value}\" tidak cocok dengan sektor mana pun; dicatat sebagai LAINNYA.",
        "en": "Occupation \"{value}\" matches no sector; recorded as LAINNYA (other)."},
    "SUMBER_USULAN_LAINNYA": {
        "id": "SUMBER_USULAN tidak cocok dengan instansi pengusul mana pun (Dinsos, Dinkop-UMKM, Dishub, Disnaker,"
              " kelurahan/kecamatan, platform, ormas); dicatat sebagai LAINNYA dan teks aslinya tidak disimpan.",
        "en": "SUMBER_USULAN matches no proposing agency (Dinsos, Dinkop-UMKM, Dishub, Disnaker, kelurahan/kecamatan,"
              " platform, community organisation); recorded as LAINNYA and the text itself is not stored."},
    "DESIL_DI_LUAR_SASARAN": {
        "id": "Desil {value} di luar sasaran program (desil 1–5).",
        "en": "Decile {value} is outside the programme's target (deciles 1–5)."},
    "TGL_BAYAR_BELUM_DIBAYAR": {
        "id": "TGL_BAYAR terisi tetapi STATUS {value}, bukan DIBAYAR.",
        "en": "TGL_BAYAR is filled but STATUS is {value}, not DIBAYAR."},
    "PESERTA_BELUM_TERDAFTAR": {
        "id": "NIK ini belum ada di data peserta SIGAP; baris tetap diimpor.",
        "en": "This NIK is not (yet) an enrolled SIGAP worker; the row is imported."},
    "SUMBER_IURAN_LAINNYA": {
        "id": "SUMBER_IURAN tidak cocok dengan sumber iuran mana pun (APBD, APBD Provinsi, DBH CHT, CSR,"
              " BAZNAS); dicatat sebagai LAINNYA.",
        "en": "SUMBER_IURAN matches no funding source (APBD, provincial APBD, DBH CHT, CSR, BAZNAS);"
              " recorded as LAINNYA (other)."},
}

WARNING_CODES = frozenset({"NIK_LUAR_KOTA", "JENIS_KELAMIN_BEDA", "JENIS_KELAMIN_TIDAK_DIKENAL", "TGL_LAHIR_BEDA",
                           "TGL_LAHIR_FORMAT", "SEKTOR_LAINNYA", "DESIL_DI_LUAR_SASARAN", "TGL_BAYAR_BELUM_DIBAYAR",
                           "PESERTA_BELUM_TERDAFTAR", "SUMBER_USULAN_LAINNYA",
                           "SUMBER_IURAN_LAINNYA"})


class FileRefused(Exception):
    """The file is refused as a whole; nothing is written. `message(lang)` says why and what to do."""

    def __init__(self, code: str, **details):
        self.code = code
        self.details = {"detail": "", **details}
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        template = FILE_MESSAGES[self.code].get(lang) or FILE_MESSAGES[self.code]["id"]
        details = {**self.details, "others": _pick(_OTHER_SHEETS, lang).format(listed=self.details["other_sheets"])
                   if self.details.get("other_sheets") else ""}
        hint = "".join(_pick(texts, lang).format(**details) for name, texts in _HINTS.items() if details.get(name))
        return template.format(**{**details, "hint": hint}).strip()


# Extra sentences added to a refusal when its details carry the named item.
_HINTS = {
    "other": {"id": " File ini tampaknya berisi data {other}: pilih jenis {other}.",
              "en": " This file looks like {other} data: choose the kind {other}."},
    "sheet_read": {"id": " (Dibaca: lembar \"{sheet_read}\"{others}. Pilih lembar lain dengan --sheet NAMA atau di"
                         " halaman Data.)",
                   "en": " (Read: sheet \"{sheet_read}\"{others}. Choose another sheet with --sheet NAME or on the"
                         " Data page.)"},
    "swapped": {"id": " Tampaknya urutan koordinat tertukar (lintang dulu).",
                "en": " The coordinates seem swapped (latitude first)."},
}


def row_message(code: str, lang: str = "id", **fields) -> pd.Series | str:
    """The message for `code` with each placeholder filled from a scalar or a Series (vectorised)."""
    template = ROW_MESSAGES[code].get(lang) or ROW_MESSAGES[code]["id"]
    series = [v for v in fields.values() if isinstance(v, pd.Series)]
    if not series:
        return template.format(**fields)
    out = pd.Series("", index=series[0].index, dtype="str")
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out = out + literal
        if name is not None:
            value = fields[name]
            out = out + (value.astype("str").fillna("") if isinstance(value, pd.Series) else str(value))
    return out


def row_message_text(code: str, lang: str = "id") -> str:
    """The template itself (for documentation and the Data page's legend)."""
    return ROW_MESSAGES[code].get(lang) or ROW_MESSAGES[code]["id"]


# Which sheet of a workbook was read and why (header.SheetChoice), for the import report.
_SHEET_NOTES = {
    "chosen": {"id": "Lembar \"{sheet}\" dibaca (dipilih).", "en": "Sheet \"{sheet}\" read (as chosen)."},
    "only": {"id": "Lembar \"{sheet}\" dibaca (satu-satunya lembar).",
             "en": "Sheet \"{sheet}\" read (the only sheet)."},
    "best": {"id": "Lembar \"{sheet}\" dibaca: judul kolomnya memuat {found} kolom {kind}, paling cocok dari semua"
                   " lembar (lembar lain: {others}).",
             "en": "Sheet \"{sheet}\" read: its header names {found} {kind} columns, the best match of all sheets"
                   " (other sheets: {others})."},
}
_SKIPPED = {
    "total": {"id": "baris jumlah/total", "en": "total rows"},
    "signature": {"id": "baris tanda tangan/catatan di bawah tabel", "en": "signature or note rows below the table"},
    "header": {"id": "judul kolom yang diulang", "en": "repeated header rows"},
    "numbering": {"id": "baris nomor kolom", "en": "column-number row"},
    "other_table": {"id": "baris tabel lain di bawahnya", "en": "rows of another table further down"},
}

_SHEET_FOUND = {"id": "\"{name}\" ({found} kolom)", "en": "\"{name}\" ({found} columns)"}
_OTHER_SHEETS = {"id": "; lembar lain: {listed}", "en": "; other sheets: {listed}"}
_SKIPPED_NOTE = {"id": "Tidak dihitung sebagai data (tidak disimpan): {parts}.",
                 "en": "Not data (not stored): {parts}."}


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts["id"]


def sheet_note(choice, lang: str = "id") -> str:
    """One sentence saying which sheet was read and why ("" for CSV)."""
    if not choice:
        return ""
    others = ", ".join(_pick(_SHEET_FOUND, lang).format(name=name, found=found) for name, found in choice.others)
    return _pick(_SHEET_NOTES[choice.how], lang).format(sheet=choice.sheet, found=choice.found, kind=choice.kind or "",
                                                        others=others)


def skipped_note(skipped: dict, lang: str = "id") -> str:
    """The rows set aside as not data, per reason ("" when none): 'Tidak dihitung sebagai data: 1 baris …'."""
    if not skipped:
        return ""
    parts = ", ".join(f"{count} {_pick(_SKIPPED[reason], lang)}" for reason, count in skipped.items())
    return _pick(_SKIPPED_NOTE, lang).format(parts=parts)


def sheet_details(table) -> dict:
    """Details naming the sheet read, added to a refusal of a workbook (hint "sheet")."""
    if not getattr(table, "sheet", None):
        return {}
    others = [n for n in table.sheets if n != table.sheet]
    listed = ", ".join(f"\"{n}\"" for n in others)
    return {"sheet_read": table.sheet, "other_sheets": listed}
