"""The proposing agencies of SIGAP (DESIGN §4.4) and the words files use for them ("Dinsos Kota Bekasi",
"Kel. Margahayu", "GOJEK"). Matched after names.normalise_text; the raw text is never stored."""
from __future__ import annotations

from .coded import Coded as Agency


AGENCIES: tuple[Agency, ...] = (
    Agency("DINSOS", "Dinas Sosial", "Social Affairs Office",
           ("DINSOS", "DINASSOSIAL", "SOSIAL", "PKH", "TKSK", "PENDAMPINGPKH")),
    Agency("DINKOP", "Dinas Koperasi dan UMKM", "Cooperatives and SME Office",
           ("DINKOP", "DINKOPUMKM", "DINKOPUKM", "DISKOPUKM", "DISKOPUMKM", "DINASKOPERASI", "KOPERASI",
            "DINASKOPERASIDANUMKM", "DINASKOPERASIUKM")),
    Agency("DISHUB", "Dinas Perhubungan", "Transport Office",
           ("DISHUB", "DINASPERHUBUNGAN", "PERHUBUNGAN", "ORGANDA", "DISHUBORGANDA")),
    Agency("DISNAKER", "Dinas Ketenagakerjaan", "Manpower Office",
           ("DISNAKER", "DINASKETENAGAKERJAAN", "DINASTENAGAKERJA", "KETENAGAKERJAAN", "NAKER", "DISNAKERTRANS")),
    Agency("KELURAHAN", "Kantor kelurahan/kecamatan", "Kelurahan or kecamatan office",
           ("KELURAHAN", "KECAMATAN", "LURAH", "CAMAT", "KANTORKELURAHAN", "KANTORKECAMATAN", "PEMERINTAHKELURAHAN",
            "RTRW", "KETUART", "KETUARW")),
    Agency("PLATFORM", "Platform transportasi daring", "Online transport platform",
           ("PLATFORM", "PLATFORMOJOL", "APLIKATOR", "GOJEK", "GOTO", "GRAB", "MAXIM", "SHOPEE", "SHOPEEFOOD",
            "INDRIVER", "INDRIVE", "DELIVEREE", "LALAMOVE")),
    Agency("ORMAS", "Organisasi kemasyarakatan/keagamaan", "Community or religious organisation",
           ("ORMAS", "DKM", "MASJID", "MUSHOLA", "NU", "PCNU", "MUHAMMADIYAH", "YAYASAN", "KOMUNITAS", "PAGUYUBAN",
            "LSM", "MAJELISTAKLIM", "GEREJA", "KARANGTARUNA")),
    Agency("LAINNYA", "Lainnya", "Other", ("LAINNYA", "LAIN", "LAINLAIN")),
)
AGENCY_CODES: tuple[str, ...] = tuple(a.kode for a in AGENCIES)
