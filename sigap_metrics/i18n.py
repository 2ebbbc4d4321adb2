"""UI text in Bahasa Indonesia (first) and English. Pure data; pages look strings up with `t`."""
from __future__ import annotations

LANGUAGES = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"id": "SIGAP Monitor", "en": "SIGAP Monitor"},
    "app_subtitle": {"id": "Jaminan sosial ketenagakerjaan bagi pekerja rentan Kota Bekasi",
                     "en": "Employment social insurance for vulnerable workers in Kota Bekasi"},
    "demo_banner": {"id": "DATA DEMO: angka di halaman ini sintetis (buatan), bukan data program yang sebenarnya.",
                    "en": "DEMO DATA: the numbers on this page are synthetic, not the programme's real data."},
    "as_of": {"id": "Per tanggal", "en": "As of"},
    "phase": {"id": "Tahap", "en": "Phase"},
    "target": {"id": "Target", "en": "Target"},
    "active_workers": {"id": "Pekerja terlindungi (aktif)", "en": "Covered workers (active)"},
    "attainment_pct": {"id": "Capaian target", "en": "Target attainment"},
    "new_this_month": {"id": "Peserta baru bulan ini", "en": "New this month"},
    "lapsed_this_month": {"id": "Berhenti bulan ini", "en": "Lapsed this month"},
    "claims_paid": {"id": "Klaim dibayar", "en": "Claims paid"},
    "benefits_paid_rp": {"id": "Manfaat dibayarkan", "en": "Benefits paid"},
    "premiums_rp": {"id": "Iuran tahap ini", "en": "Premiums this phase"},
    "pagu_rp": {"id": "Pagu", "en": "Budget ceiling"},
    "realisation_pct": {"id": "Realisasi anggaran", "en": "Budget realisation"},
    "of_target": {"id": "dari target", "en": "of target"},
    "of_pagu": {"id": "dari pagu", "en": "of ceiling"},
    "no_phase": {"id": "Tidak ada tahap yang mencakup tanggal ini.", "en": "No phase covers this date."},
    "language": {"id": "Bahasa", "en": "Language"},
    "page_ringkasan": {"id": "Ringkasan", "en": "Overview"},
    "filters": {"id": "Saring data", "en": "Filters"},
    "all": {"id": "Semua", "en": "All"},
    "filter_kecamatan": {"id": "Kecamatan", "en": "District (kecamatan)"},
    "filter_kelurahan": {"id": "Kelurahan", "en": "Sub-district (kelurahan)"},
    "filter_sektor": {"id": "Sektor pekerjaan", "en": "Occupation sector"},
    "filter_jenis_kelamin": {"id": "Jenis kelamin", "en": "Sex"},
    "filter_kelompok_umur": {"id": "Kelompok umur", "en": "Age band"},
    "filter_desil": {"id": "Desil kesejahteraan", "en": "Welfare decile"},
    "filter_sumber_iuran": {"id": "Sumber iuran", "en": "Funding source"},
    "sex_L": {"id": "Laki-laki", "en": "Male"},
    "sex_P": {"id": "Perempuan", "en": "Female"},
    "ringkasan_title": {"id": "Ringkasan program SIGAP", "en": "SIGAP programme overview"},
    "filtered_note": {"id": "Angka disaring: ", "en": "Filtered numbers: "},
    # Access (issue 6)
    "page_transparansi": {"id": "Transparansi publik", "en": "Public transparency"},
    "page_pengguna": {"id": "Pengguna", "en": "Users"},
    "role_publik": {"id": "publik", "en": "public"},
    "role_pimpinan": {"id": "pimpinan", "en": "leadership"},
    "role_anggaran": {"id": "anggaran", "en": "budget"},
    "role_operator": {"id": "operator data", "en": "data operator"},
    "role_admin": {"id": "admin", "en": "admin"},
    "login_title": {"id": "Masuk untuk petugas", "en": "Sign in for officials"},
    "login_username": {"id": "Nama pengguna", "en": "User name"},
    "login_password": {"id": "Kata sandi", "en": "Password"},
    "login": {"id": "Masuk", "en": "Sign in"},
    "login_sso": {"id": "Masuk dengan akun instansi (SSO)", "en": "Sign in with your agency account (SSO)"},
    "logout": {"id": "Keluar", "en": "Sign out"},
    "login_failed": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong user name or password."},
    "login_throttled": {"id": "Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
                        "en": "Too many failed attempts. Try again in {seconds} seconds."},
    "login_signed_in": {"id": "Masuk sebagai **{name}** · peran: {role}", "en": "Signed in as **{name}** · role: {role}"},
    "login_expired": {"id": "Sesi Anda berakhir (akun diubah atau dihapus). Silakan masuk lagi.",
                      "en": "Your session ended (the account was changed or removed). Please sign in again."},
    "login_no_role": {"id": "Akun ini belum diberi peran di SIGAP Monitor; hubungi admin.",
                      "en": "This account has no role in SIGAP Monitor yet; ask an admin."},
    "login_dev_override": {"id": "Mode pengembang: peran {role} dari SIGAP_ROLE.",
                           "en": "Developer mode: role {role} from SIGAP_ROLE."},
}


def t(key: str, lang: str = "id") -> str:
    """The text for `key` in `lang` (Indonesian when the language or key has no translation)."""
    entry = TEXT[key]
    return entry.get(lang) or entry["id"]
