"""Importers: parse → validate → load (DESIGN §4.1–4.2). The demo generator shares the load step.

    read.py        bytes → a table of text cells (CSV sniffed: , ; tab |; UTF-8/BOM, UTF-16 BOM, Windows-1252;
                   XLSX via openpyxl + defusedxml, the stored dimension ignored). Whole-file problems and the
                   limits of limits.py (size, columns, cell length, zip and XML bombs) raise messages.FileRefused.
    structure.py   which rows under the header are data (not totals, signature blocks, repeated headers…).
    freetext.py    reason codes for ALASAN; scrubbing of NIK-, NIP-, phone- and e-mail-shaped text.
    schemas.py     per kind, declared as data: columns, aliases, required or optional, parser.
    parsers.py     dates, periods, money, whole numbers, choices, on whole columns (Arrow/RE2 regexes).
    nik.py         NIK structure: region code, birth date (+40 for women), serial; sex and birth year.
    header.py      chooses a workbook's sheet, finds the header row (or two rows under merged group cells) and
                   the kind; refuses files that lack required columns.
    validate.py    row checks with stable reason codes (messages.py, Indonesian first, English available);
                   kinds.py holds each kind's checks across columns and its canonical frame.
    load.py        one transaction: upsert on the keys, quarantine, warnings, import log, quality counts.
    pipeline.py    preview() (writes nothing) and commit(); commands.py: the CLI; report.py: the Data page's
                   tables; boundaries.py: boundary GeoJSON.

Decisions an operator may ask about
- A row is rejected for the first problem found (its reason code), with every problem in its reason text; it
  goes to the quarantine under its row number in the original file (header = row 1, a header below title
  lines keeps the file's numbering; a quoted value spanning lines counts its lines). The quarantine keeps
  the row's recognised columns only: NIK masked (327508******0101), names, birth dates, stated sex and every
  column the schema does not know (phones, addresses…) left out; any 16-digit run is masked as well.
- Warnings do not reject: a NIK issued outside Kota Bekasi, a stated sex or birth date that disagrees with
  the NIK (the NIK's values are stored), an unreadable TGL_LAHIR, desil above 5, TGL_BAYAR on an unpaid
  claim, a training participant not enrolled, and an occupation that matches no sector: it is stored as
  LAINNYA rather than rejected, because the worker is covered whatever the label, and the warning lets the
  operator fix the label with a corrected file.
- A NIK that Excel turned into a number is rejected (NIK_NOTASI_ILMIAH): its last digits are gone. In an
  XLSX file a NIK typed as a number is read the way Excel shows it (3.27508E+15) for that reason.
- The NIK's century: a two-digit year after the current one is 19xx, otherwise 20xx.
- Money: "16.800", "16,800" and "1.234.567" are thousands; one or two digits after the separator are the
  decimals ("16800,5", "Rp 16.800,00"); amounts are rounded to whole rupiah; negative amounts are refused.
- Within a file, a key seen before (peserta: NIK + TGL_MULAI; usulan: NIK + SUMBER_USULAN + TGL_USULAN;
  klaim: NO_KLAIM; pelatihan: KODE_PELATIHAN + NIK; pembayaran: PERIODE; anggaran: TAHAP) rejects the later
  rows. Across files, the same bytes are a no-op (sha256) and a corrected file updates the stored records in
  place on those keys; rows that did not change keep the import that wrote them.
- Claims find their worker by NIK, or by KPJ when the NIK is empty; a claim whose worker is not enrolled is
  rejected (import the peserta file first).
- Workbooks (issue 12): the sheet read is the one whose header names most columns of the kind (visible and
  earlier sheets win ties; `--sheet`/the Data page override); the import report and import_log say which.
  Under the header, total rows (JUMLAH, TOTAL, SUB TOTAL, REKAP), a signature block (a place-and-date line, an
  office title, "NIP", the rows after it up to the next full row), a repeated header, a row of column numbers
  and a second table further down are not data: not counted, not quarantined, not stored; the report counts
  them per reason (import_log.rows_skipped). The stored `<dimension>` of a sheet is never used.
- KPJ: 11 digits once spaces, dashes and dots are removed; 16 digits is a NIK in the wrong column (rejected
  KPJ_BERISI_NIK, masked like a NIK in the quarantine); any other length is rejected (KPJ_FORMAT).
- SUMBER_USULAN is stored as the agency code of DESIGN §4.4 (reference/agencies.py); text that fits no agency
  becomes LAINNYA with a warning that does not quote it. SUMBER_IURAN likewise becomes a funding-source code
  (reference/funding.py; APBD when empty), so the dashboard's funding filter offers every stored value. ALASAN is stored as a reason code (freetext.REASONS)
  or, when none fits, as its text with NIK-, NIP-, phone-, e-mail-shaped text, honorific + name and street
  addresses replaced by "[dihapus]". Quarantined values and every message pass through freetext.scrub_personal.
- A date written in a known format whose day does not exist (31/04/2026) is TANGGAL_TIDAK_ADA, not a format
  error. An unknown kelurahan is answered with the stated kecamatan's kelurahan first.
"""
from .load import CANONICAL_COLUMNS, KINDS, ImportResult, ImportSource, load_import, resolve_workers
from .messages import FileRefused
from .pipeline import Preview, commit, preview
from .schemas import SCHEMAS

__all__ = ["KINDS", "CANONICAL_COLUMNS", "ImportResult", "ImportSource", "load_import", "resolve_workers",
           "FileRefused", "Preview", "commit", "preview", "SCHEMAS"]
