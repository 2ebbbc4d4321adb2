"""The 14 occupation sectors of SIGAP (DESIGN §4.4) and the free-text words that map onto them."""
from __future__ import annotations

from .coded import Coded as Sector


SECTORS: tuple[Sector, ...] = (
    Sector("OJOL", "Ojek online", "Online motorcycle-taxi driver",
           ("OJOL", "OJEKONLINE", "DRIVEROJOL", "DRIVERGOJEK", "GOJEK", "GRAB", "DRIVERGRAB", "MAXIM",
            "SHOPEEFOOD", "MITRAGOJEK", "MITRAGRAB", "DRIVERONLINE", "OJEKDARING")),
    Sector("OPANG", "Ojek pangkalan", "Base motorcycle-taxi driver",
           ("OPANG", "OJEKPANGKALAN", "OJEK", "TUKANGOJEK", "OJEKKONVENSIONAL")),
    Sector("SOPIR", "Sopir angkutan umum", "Public-transport driver",
           ("SOPIR", "SUPIR", "SOPIRANGKOT", "SUPIRANGKOT", "ANGKOT", "SOPIRANGKUTANUMUM", "ORGANDA",
            "PENGEMUDIANGKOT", "PENGEMUDI", "SOPIRBUS", "KERNET")),
    Sector("PKL", "Pedagang kaki lima", "Street vendor",
           ("PKL", "PEDAGANGKAKILIMA", "PEDAGANG", "PEDAGANGKELILING", "PEDAGANGASONGAN", "ASONGAN",
            "TUKANGSAYUR", "PENJUALKELILING")),
    Sector("UMKM", "Pelaku usaha mikro", "Micro-entrepreneur",
           ("UMKM", "USAHAMIKRO", "PELAKUUSAHAMIKRO", "PELAKUUMKM", "WIRAUSAHA", "WARUNG", "PEMILIKWARUNG",
            "USAHAKECIL")),
    Sector("KULI", "Kuli bangunan", "Construction labourer",
           ("KULI", "KULIBANGUNAN", "TUKANGBANGUNAN", "BURUHBANGUNAN", "PEKERJABANGUNAN", "TUKANGBATU",
            "KENEK", "TUKANG")),
    Sector("BECAK", "Tukang becak", "Pedicab driver", ("BECAK", "TUKANGBECAK", "PENGAYUHBECAK")),
    Sector("PAUD", "Guru PAUD", "Early-childhood teacher",
           ("PAUD", "GURUPAUD", "PENDIDIKPAUD", "GURUTK", "TUTORPAUD")),
    Sector("PRT", "Pekerja rumah tangga", "Domestic worker",
           ("PRT", "PEKERJARUMAHTANGGA", "ASISTENRUMAHTANGGA", "ART", "PEMBANTU", "PEMBANTURUMAHTANGGA")),
    Sector("PEMULUNG", "Pemulung", "Waste picker",
           ("PEMULUNG", "PENGEPUL", "PEMULUNGSAMPAH", "PENGUMPULBARANGBEKAS", "LAPAK")),
    Sector("PARKIR", "Juru parkir", "Parking attendant",
           ("PARKIR", "JURUPARKIR", "JUKIR", "TUKANGPARKIR")),
    Sector("BHL", "Buruh harian lepas", "Day labourer",
           ("BHL", "BURUHHARIANLEPAS", "BURUHHARIAN", "BURUH", "BURUHLEPAS", "PEKERJAHARIAN")),
    Sector("KEAGAMAAN", "Marbot & guru ngaji", "Religious worker",
           ("KEAGAMAAN", "MARBOT", "GURUNGAJI", "USTADZ", "USTAD", "PENGURUSMASJID", "AMILZAKAT",
            "MARBOTMASJID", "GURUMENGAJI")),
    Sector("LAINNYA", "Lainnya", "Other", ("LAINNYA", "LAINLAIN", "OTHER")),
)

SECTOR_CODES: tuple[str, ...] = tuple(s.kode for s in SECTORS)
