"""Find a place in the gazetteer as the user types (the search box, the correction dialog's search field).

API (Qt-free)::

    search_places(query, limit=20, *, project_places=None, gazetteer=None) -> list[PlaceHit]
        Places whose name or an alternate name starts with what was typed, then those with a later word
        of a name starting with it ("kashmir" finds "Azad Kashmir"), accent- and case-insensitive
        ("sao paulo" finds São Paulo, "bombay" Mumbai). Ranked: places of the open project first
        (``project_places``: their ids, see :func:`project_place_ids`), then an exact match of the
        whole name, a match at the start before one inside, then importance (countries, regions and
        provinces before towns, bigger before smaller). Each hit has the Place (id, name, kind,
        country code, admin1, lat/lon, population), the country's name, the name that matched and
        whether it was exact. An empty query (or one with no letters) finds nothing.

    project_place_ids(project) -> frozenset[str]
        The ids of the places the open project holds (what ``project_places`` takes).

    warm(gazetteer=None) -> PlaceSearch
        Load (or build) the search index now, e.g. in a thread when the app starts, so that the first
        keystroke does not wait for it.

The index is built once from the gazetteer's name index (about 1 s) and cached beside the
gazetteer's own index in the user cache, keyed on the same content digest (a new gazetteer gets a
new one); a prebuilt gazetteer directory ($GEO_EXPLORER_INDEX) may hold it too. An answer takes a
few milliseconds on the full gazetteer: prefixes are looked up by bisection in sorted keys, and the
places of the shortest prefixes (one or two letters, thousands of names) are kept ranked in advance.
"""
from __future__ import annotations
