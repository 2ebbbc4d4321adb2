"""Importers: parse → validate → load (DESIGN §4.1–4.2). The demo generator shares the load step.

    read.py        bytes → a table of text cells (CSV sniffed: , ; tab |; UTF-8/BOM, UTF-16 BOM, Windows-1252;
                   XLSX via openpyxl). Whole-file problems raise messages.FileRefused.
    schemas.py     per kind, declared as data: columns, aliases, required or optional, parser.
    parsers.py     dates, periods, money, whole numbers, choices, on whole columns (Arrow/RE2 regexes).
    nik.py         NIK structure: region code, birth date (+40 for women), serial; sex and birth year.
    header.py      finds the header row and the kind; refuses files that lack required columns.
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
"""
from .load import CANONICAL_COLUMNS, KINDS, ImportResult, ImportSource, load_import, resolve_workers
from .messages import FileRefused
from .pipeline import Preview, commit, preview
from .schemas import SCHEMAS

__all__ = ["KINDS", "CANONICAL_COLUMNS", "ImportResult", "ImportSource", "load_import", "resolve_workers",
           "FileRefused", "Preview", "commit", "preview", "SCHEMAS"]
