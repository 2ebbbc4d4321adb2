"""Reference data: areas, sectors, rates and phases. Pure Python, no database."""
from .agencies import AGENCIES, AGENCY_CODES
from .funding import FUNDING_CODES, FUNDING_SOURCES, funding_name
from .names import (area_name, match_agency, match_funding, match_area, match_sector, normalise_text,
                    suggest_areas)
from .programme import DEMO_PHASES, PREMIUM_RATES, PROGRAMME_START, RENEWAL_GRACE_DAYS, Phase, PremiumRate
from .sectors import SECTOR_CODES, SECTORS
from .wilayah import KECAMATAN, KELURAHAN

__all__ = ["KECAMATAN", "KELURAHAN", "SECTORS", "SECTOR_CODES", "PREMIUM_RATES", "DEMO_PHASES", "Phase",
           "PremiumRate", "PROGRAMME_START", "AGENCIES", "AGENCY_CODES", "match_agency",
           "FUNDING_CODES", "FUNDING_SOURCES", "funding_name", "match_funding",
           "RENEWAL_GRACE_DAYS", "area_name", "match_area", "match_sector",
           "normalise_text", "suggest_areas"]
