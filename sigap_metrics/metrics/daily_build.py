"""How `turunan_harian` is built (the SQL derived.refresh runs); what it holds and how it is read: daily.py."""
from __future__ import annotations

COLUMNS = ("aktif", "baru", "berhenti", "bulan_lanjut", "mulai_milik", "diusulkan", "terverifikasi", "terdaftar",
           "calon_aktif")
# filter key → column of the derived relations
_DIMENSION_COLUMNS = {"kecamatan": "kecamatan_kode", "kelurahan": "kelurahan_kode", "sektor": "sektor",
                      "jenis_kelamin": "jenis_kelamin", "desil": "desil", "sumber_iuran": "sumber_iuran",
                      "sumber_usulan": "sumber_usulan"}
COVERAGE_KEYS = tuple(_DIMENSION_COLUMNS)
FUNNEL_KEYS = ("kecamatan", "kelurahan", "sektor", "desil", "sumber_usulan")

_COVERAGE_ATTRS = ("{a}kecamatan_kode, {a}kelurahan_kode, {a}sektor, {a}jenis_kelamin,"
                   " CAST({a}desil AS VARCHAR) AS desil, {a}sumber_iuran, {a}sumber_usulan")
_CALON_ATTRS = ("{a}kecamatan_kode, {a}kelurahan_kode, {a}sektor, CAST(NULL AS VARCHAR) AS jenis_kelamin,"
                " CAST({a}desil AS VARCHAR) AS desil, CAST(NULL AS VARCHAR) AS sumber_iuran, {a}sumber_usulan")


def _branch(column: str, value: int, day: str, source: str, attrs: str, where: str) -> str:
    values = ", ".join(("CAST(" + str(value) + " AS INTEGER)" if c == column else "0") + " AS " + c for c in COLUMNS)
    return "SELECT CAST(" + day + " AS DATE) AS hari, " + attrs + ", " + values + " FROM " + source + " WHERE " + where


_CAKUPAN = "turunan_cakupan"
_C = _COVERAGE_ATTRS.format(a="")
_U = _CALON_ATTRS.format(a="")
# a period's first owned month that starts after the period itself (NULL: it owns no such month)
_LANJUT = ("(SELECT *, CASE WHEN bulan_milik_mulai > CAST(date_trunc('month', tgl_mulai) AS DATE)"
           " THEN bulan_milik_mulai ELSE CAST(bulan_milik_mulai + INTERVAL 1 MONTH AS DATE) END AS lanjut FROM " + _CAKUPAN + ") AS l")
_LAPSES = ("(SELECT * FROM " + _CAKUPAN + " WHERE berhenti"
           " QUALIFY row_number() OVER (PARTITION BY pekerja_id, tgl_akhir ORDER BY tgl_mulai) = 1) AS b")
_VERIFIED = ("turunan_calon AS u JOIN " + _CAKUPAN + " AS c ON c.pekerja_id = u.pekerja_id")
_COVERAGE_EVENTS = (
    _branch("aktif", 1, "milik_mulai", _CAKUPAN, _C, "milik_mulai IS NOT NULL"),
    _branch("aktif", -1, "tgl_akhir + 1", _CAKUPAN, _C, "milik_mulai IS NOT NULL"),
    _branch("baru", 1, "tgl_mulai", _CAKUPAN, _C, "pertama"),
    _branch("berhenti", 1, "tgl_akhir", _LAPSES, _C, "TRUE"),
    _branch("bulan_lanjut", 1, "lanjut", _LANJUT, _C, "lanjut <= bulan_akhir"),
    _branch("bulan_lanjut", -1, "bulan_akhir + INTERVAL 1 MONTH", _LANJUT, _C, "lanjut <= bulan_akhir"),
    _branch("mulai_milik", 1, "tgl_mulai", _CAKUPAN, _C,
            "bulan_milik_mulai = CAST(date_trunc('month', tgl_mulai) AS DATE)"),
)
_CALON_EVENTS = (
    _branch("diusulkan", 1, "tgl_usulan_pertama", "turunan_calon", _U, "tgl_usulan_pertama IS NOT NULL"),
    _branch("terverifikasi", 1, "tgl_lolos_pertama", "turunan_calon", _U, "tgl_lolos_pertama IS NOT NULL"),
    _branch("terdaftar", 1, "greatest(tgl_lolos_pertama, tgl_terdaftar)", "turunan_calon", _U,
            "tgl_lolos_pertama IS NOT NULL AND tgl_terdaftar IS NOT NULL"),
    _branch("calon_aktif", 1, "greatest(c.milik_mulai, u.tgl_lolos_pertama)", _VERIFIED, _CALON_ATTRS.format(a="u."),
            "u.tgl_lolos_pertama IS NOT NULL AND c.milik_mulai IS NOT NULL AND c.tgl_akhir >= u.tgl_lolos_pertama"),
    _branch("calon_aktif", -1, "c.tgl_akhir + 1", _VERIFIED, _CALON_ATTRS.format(a="u."),
            "u.tgl_lolos_pertama IS NOT NULL AND c.milik_mulai IS NOT NULL AND c.tgl_akhir >= u.tgl_lolos_pertama"),
)


def _per_day(branches: tuple[str, ...], columns: tuple[str, ...], keys: tuple[str, ...]) -> str:
    """The branches' events summed per day, in total and per value of each dimension of `keys` (one pass,
    one grouping set per dimension); only `columns` are summed (the others are 0 in these branches)."""
    dims = [_DIMENSION_COLUMNS[key] for key in keys]
    key_case = "CASE " + " ".join("WHEN grouping(" + col + ") = 0 THEN '" + key + "'"
                                  for key, col in zip(keys, dims)) + " ELSE '' END"
    value_case = "CASE " + " ".join("WHEN grouping(" + col + ") = 0 THEN CAST(" + col + " AS VARCHAR)"
                                    for col in dims) + " END"
    return ("SELECT " + key_case + " AS dimensi, " + value_case + " AS nilai, hari, "
            + ", ".join("sum(" + c + ") AS " + c for c in columns) + " FROM (" + " UNION ALL ".join(branches)
            + ") GROUP BY GROUPING SETS ((hari), " + ", ".join("(hari, " + col + ")" for col in dims) + ")")


# Read from the derived tables just built (derived.refresh). Coverage and funnel events are summed apart (each
# with only its own columns and dimensions: a third faster than one pass over both), then joined per day.
DAILY_SQL = ("SELECT dimensi, nilai, hari, "
             + ", ".join("CAST(coalesce(sum(" + c + "), 0) AS BIGINT) AS " + c for c in COLUMNS)
             + " FROM (" + _per_day(_COVERAGE_EVENTS, COLUMNS[:5], COVERAGE_KEYS) + " UNION ALL BY NAME "
             + _per_day(_CALON_EVENTS, COLUMNS[5:], FUNNEL_KEYS) + ") GROUP BY dimensi, nilai, hari"
             " ORDER BY dimensi, nilai, hari")
