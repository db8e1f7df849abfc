"""The filter options of the command line (``export`` and ``snapshot``): --types, --from, --to,
--include-undated and --bbox, read into the app's :class:`~explorer.core.viewstate.Filters`.

Qt-free and folium-free: ``geo-explorer export`` reads them without the map's libraries. A value that
cannot be read raises :class:`OptionError`, whose message is written for the user.
"""
from __future__ import annotations

from datetime import date

from explorer.core.events.taxonomy import ACLED_TYPES, TYPES
from explorer.core.viewstate import Filters


class OptionError(ValueError):
    """An option that cannot be met (in words, for the user)."""


def fine_types_of(category: str) -> frozenset[str]:
    """The fine types of an ACLED category."""
    return frozenset(t.id for t in TYPES if t.acled_type == category)


def parse_types(text: str) -> frozenset[str]:
    """``--types``: ACLED categories or fine types (ids or labels), comma separated, any case.

    Returns the fine types to keep (a category stands for all of its fine
    types). An unknown name raises :class:`OptionError` listing the valid ones.
    """
    names = {c.lower(): fine_types_of(c) for c in ACLED_TYPES}
    for t in TYPES:
        names[t.id.lower()] = frozenset({t.id})
        names[t.label.lower()] = frozenset({t.id})
    out: set[str] = set()
    unknown = []
    parts = text.split(",")
    i = 0
    while i < len(parts):
        # a label may hold a comma itself ("Shelling, artillery or missile attack"): the longest run of
        # parts that names a type wins
        for j in range(len(parts), i, -1):
            key = " ".join(",".join(parts[i:j]).split()).lower().replace(" ,", ",")
            if key in names:
                out |= names[key]
                i = j
                break
        else:
            if parts[i].strip():
                unknown.append(parts[i].strip())
            i += 1
    if unknown:
        raise OptionError(f"unknown event type{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                          f"ACLED categories: {', '.join(ACLED_TYPES)}. "
                          f"Fine types: {', '.join(t.id for t in TYPES)}")
    if not out:
        raise OptionError("--types names no event type")
    return frozenset(out)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``--bbox W,S,E,N`` in degrees."""
    try:
        w, s, e, n = (float(x) for x in text.split(","))
    except ValueError:
        raise OptionError("--bbox takes four numbers: west,south,east,north (degrees)") from None
    if not (-180 <= w < e <= 180 and -85 <= s < n <= 85):
        raise OptionError("--bbox must have west < east within ±180 and south < north within ±85")
    return w, s, e, n



def parse_filters(args) -> Filters:
    """The app's Filters from ``args``' types, date_from, date_to and include_undated: the command line's
    --types, --from, --to and --include-undated. (--bbox is the caller's: ``export`` keeps the events in
    it, ``snapshot`` frames the map on it; see :func:`parse_bbox`.)"""
    kw = {}
    if args.types:
        kw["types"] = parse_types(args.types)
    for name in ("date_from", "date_to"):
        value = getattr(args, name)
        if value:
            try:
                kw[name] = date.fromisoformat(value)
            except ValueError:
                raise OptionError(f"--{name[5:]} takes a day as YYYY-MM-DD, not {value!r}") from None
    if kw.get("date_from") and kw.get("date_to") and kw["date_from"] > kw["date_to"]:
        raise OptionError("--from is after --to")
    # undated events pass only with --include-undated once a date narrows (as the app's "include undated")
    kw["include_undated"] = bool(args.include_undated) or not (kw.get("date_from") or kw.get("date_to"))
    return Filters(**kw)
