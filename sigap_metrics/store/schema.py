"""The store's schema as an ordered list of migrations. Never edit a released migration: add one."""
from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", (
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        # Reference data
        "CREATE TABLE kecamatan (kode VARCHAR PRIMARY KEY, nama VARCHAR NOT NULL, lat DOUBLE, lon DOUBLE,"
        " penduduk INTEGER)",
        "CREATE TABLE kelurahan (kode VARCHAR PRIMARY KEY, nama VARCHAR NOT NULL, kecamatan_kode VARCHAR NOT NULL,"
        " lat DOUBLE, lon DOUBLE, penduduk INTEGER)",
        "CREATE TABLE wilayah_alias (level VARCHAR NOT NULL, alias VARCHAR NOT NULL, kode VARCHAR NOT NULL,"
        " PRIMARY KEY (level, alias))",
        "CREATE TABLE sektor (kode VARCHAR PRIMARY KEY, nama_id VARCHAR NOT NULL, nama_en VARCHAR NOT NULL)",
        "CREATE TABLE sektor_alias (alias VARCHAR PRIMARY KEY, kode VARCHAR NOT NULL)",
        "CREATE TABLE tarif_iuran (berlaku_mulai DATE PRIMARY KEY, jkk_rp BIGINT NOT NULL, jkm_rp BIGINT NOT NULL,"
        " dasar_hukum VARCHAR)",
        "CREATE TABLE tahap (kode VARCHAR PRIMARY KEY, nama VARCHAR NOT NULL, tgl_mulai DATE NOT NULL,"
        " tgl_akhir DATE NOT NULL, target_peserta INTEGER NOT NULL, pagu_rp BIGINT NOT NULL, import_id BIGINT)",
        "CREATE TABLE batas_wilayah (level VARCHAR NOT NULL, kode VARCHAR NOT NULL, geojson VARCHAR NOT NULL,"
        " import_id BIGINT, PRIMARY KEY (level, kode))",
        # Programme data. No names, phones, addresses or raw NIK: workers are keyed by HMAC of the NIK.
        "CREATE TABLE pekerja (pekerja_id BIGINT NOT NULL, nik_hash VARCHAR NOT NULL, kpj VARCHAR,"
        " jenis_kelamin VARCHAR, tahun_lahir SMALLINT, nik_wilayah VARCHAR, import_id BIGINT)",
        "CREATE TABLE kepesertaan (pekerja_id BIGINT NOT NULL, tgl_mulai DATE NOT NULL, tgl_akhir DATE NOT NULL,"
        " kecamatan_kode VARCHAR NOT NULL, kelurahan_kode VARCHAR, sektor VARCHAR NOT NULL, desil TINYINT,"
        " sumber_usulan VARCHAR, sumber_iuran VARCHAR NOT NULL, iuran_rp BIGINT, import_id BIGINT)",
        "CREATE TABLE usulan (nik_hash VARCHAR NOT NULL, sumber_usulan VARCHAR NOT NULL, tgl_usulan DATE NOT NULL,"
        " desil TINYINT, status_verifikasi VARCHAR NOT NULL, alasan VARCHAR, kecamatan_kode VARCHAR,"
        " kelurahan_kode VARCHAR, sektor VARCHAR, import_id BIGINT)",
        "CREATE TABLE klaim (no_klaim VARCHAR NOT NULL, pekerja_id BIGINT NOT NULL, program VARCHAR NOT NULL,"
        " tgl_kejadian DATE, tgl_pengajuan DATE NOT NULL, tgl_bayar DATE, status VARCHAR NOT NULL,"
        " nominal_rp BIGINT, import_id BIGINT)",
        "CREATE TABLE pelatihan (kode VARCHAR NOT NULL, nama VARCHAR, tgl_mulai DATE, tgl_selesai DATE,"
        " kecamatan_kode VARCHAR, import_id BIGINT)",
        "CREATE TABLE pelatihan_peserta (kode_pelatihan VARCHAR NOT NULL, nik_hash VARCHAR NOT NULL,"
        " status VARCHAR NOT NULL, import_id BIGINT)",
        "CREATE TABLE pembayaran (periode DATE NOT NULL, jumlah_peserta INTEGER, nominal_rp BIGINT NOT NULL,"
        " tgl_bayar DATE, import_id BIGINT)",
        # Imports: audit log, quarantine of rejected rows (masked values), warnings on accepted rows.
        "CREATE TABLE import_log (import_id BIGINT PRIMARY KEY, kind VARCHAR NOT NULL, file_name VARCHAR,"
        " sha256 VARCHAR, imported_by VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, rows_read BIGINT,"
        " accepted BIGINT, rejected BIGINT, updated BIGINT, status VARCHAR NOT NULL, message VARCHAR)",
        "CREATE TABLE karantina (import_id BIGINT NOT NULL, row_number INTEGER NOT NULL, reason_code VARCHAR NOT NULL,"
        " reason VARCHAR NOT NULL, row_values VARCHAR)",
        "CREATE TABLE import_catatan (import_id BIGINT NOT NULL, row_number INTEGER NOT NULL, code VARCHAR NOT NULL,"
        " message VARCHAR NOT NULL)",
        # Access control
        "CREATE TABLE pengguna (username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL,"
        " created_at TIMESTAMP, failed_attempts INTEGER DEFAULT 0, last_failed_at TIMESTAMP)",
    )),
    Migration(2, "import quality: kecamatan of quarantined rows, completeness per imported field", (
        # Lets data quality be reported per kecamatan for rejected rows too (NULL when the kecamatan was unknown).
        "ALTER TABLE karantina ADD COLUMN kecamatan_kode VARCHAR",
        # Share of filled cells per column of each imported file, counted over all rows read.
        "CREATE TABLE import_kelengkapan (import_id BIGINT NOT NULL, kolom VARCHAR NOT NULL, terisi BIGINT NOT NULL,"
        " total BIGINT NOT NULL, PRIMARY KEY (import_id, kolom))",
    )),
    Migration(3, "import quality per kecamatan: rows read, accepted, rejected and duplicated per import", (
        # One row per import and kecamatan of the rows read (NULL: kecamatan empty or unknown). Accepted rows are
        # counted when read, so a re-import that changes nothing still shows what the file contained.
        "CREATE TABLE import_wilayah (import_id BIGINT NOT NULL, kecamatan_kode VARCHAR, rows_read BIGINT NOT NULL,"
        " accepted BIGINT NOT NULL, rejected BIGINT NOT NULL, duplicates BIGINT NOT NULL)",
    )),
    Migration(4, "releases: frozen monthly publications of the public tables (DESIGN §6.1)", (
        # One row per release: a month's draft, its published revisions and the ones they superseded.
        # gerbang_mutu holds the draft's quality gate (JSON) as it was when the draft was prepared.
        "CREATE TABLE rilis (bulan VARCHAR NOT NULL, revisi INTEGER NOT NULL, tgl_referensi DATE NOT NULL,"
        " status VARCHAR NOT NULL, disiapkan_pada TIMESTAMP, disiapkan_oleh VARCHAR, diterbitkan_pada TIMESTAMP,"
        " diterbitkan_oleh VARCHAR, catatan VARCHAR, rilis_berikutnya DATE, demo BOOLEAN NOT NULL DEFAULT false,"
        " diganti_pada TIMESTAMP, alasan_diganti VARCHAR, gerbang_mutu VARCHAR, PRIMARY KEY (bulan, revisi))",
        # Every public table of a release, frozen: its description (title, fields) and its values, as JSON.
        "CREATE TABLE rilis_tabel (bulan VARCHAR NOT NULL, revisi INTEGER NOT NULL, urutan INTEGER NOT NULL,"
        " tabel VARCHAR NOT NULL, deskripsi VARCHAR NOT NULL, isi VARCHAR NOT NULL, PRIMARY KEY (bulan, revisi, tabel))",
    )),
    Migration(6, "import log: the workbook sheet read and the rows set aside as not data (issue 12)", (
        # NULL for CSV files; rows_skipped counts total rows, signature blocks, repeated headers… under the header.
        "ALTER TABLE import_log ADD COLUMN sheet VARCHAR",
        "ALTER TABLE import_log ADD COLUMN rows_skipped BIGINT DEFAULT 0",
    )),
    Migration(7, "funding sources stored as codes (issue 10): text imported before is mapped the way imports now map it", (
        # The derived tables copy sumber_iuran: mark them stale (rebuilt at the next write) when a value changes.
        "DELETE FROM meta WHERE key = 'turunan_versi' AND EXISTS (SELECT 1 FROM kepesertaan WHERE sumber_iuran"
        " NOT IN ('APBD', 'APBD_PROV', 'DBHCHT', 'CSR', 'BAZNAS', 'LAINNYA'))",
        "UPDATE kepesertaan SET sumber_iuran = CASE"
        " WHEN w LIKE 'APBDPROV%' OR w LIKE '%JABAR%' OR w LIKE '%PEMPROV%' OR w LIKE '%BANPROV%' THEN 'APBD_PROV'"
        " WHEN w LIKE '%APBD%' OR w LIKE '%PEMKOT%' OR w LIKE '%PEMERINTAHKOTA%' THEN 'APBD'"
        " WHEN w LIKE '%CUKAI%' OR w LIKE 'DBHC%' THEN 'DBHCHT'"
        " WHEN w LIKE 'CSR%' OR w LIKE '%TJSL%' OR w LIKE '%TANGGUNGJAWABSOSIAL%' THEN 'CSR'"
        " WHEN w LIKE '%BAZNAS%' OR w LIKE '%ZAKAT%' OR w LIKE 'LAZ%' THEN 'BAZNAS' ELSE 'LAINNYA' END"
        " FROM (SELECT DISTINCT sumber_iuran AS raw, regexp_replace(upper(sumber_iuran), '[^A-Z0-9]', '', 'g') AS w"
        "  FROM kepesertaan) AS m"
        " WHERE kepesertaan.sumber_iuran = m.raw"
        " AND kepesertaan.sumber_iuran NOT IN ('APBD', 'APBD_PROV', 'DBHCHT', 'CSR', 'BAZNAS', 'LAINNYA')",
    )),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

# Tables holding programme data (not reference data): what a checksum of "the store's content" covers.
DATA_TABLES: tuple[str, ...] = ("pekerja", "kepesertaan", "usulan", "klaim", "pelatihan", "pelatihan_peserta",
                                "pembayaran", "tahap", "tarif_iuran", "batas_wilayah")
