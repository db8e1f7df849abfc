"""A tiny geoparser for tests of layers above the geoparser.

It knows a handful of invented-for-the-test gazetteer rows and finds them by
exact string search; it is NOT the application's geoparser.
"""
from __future__ import annotations

import re

from explorer.core.models import Place, Toponym

PLACES = {
    "Quetta": Place("gn:1167528", "Quetta", "city", 30.18414, 67.00141, "PK", 733675, "Balochistan"),
    "Lahore": Place("gn:1172451", "Lahore", "city", 31.558, 74.35071, "PK", 6310888, "Punjab"),
    "Zahedan": Place("gn:1159301", "Zahedan", "city", 29.4963, 60.8629, "IR", 551980, "Sistan and Baluchestan"),
    "Balochistan": Place("ne1:PK-BA", "Balochistan", "admin1", 28.5, 65.5, "PK", 0, None),
    "Pakistan": Place("country:PK", "Pakistan", "country", 29.9, 69.4, "PK", 0, None),
}


class FakeGeoparser:
    def __init__(self, places=None, extra=()):
        self.places = places or PLACES
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, self.places)) + r")\b")
        self.calls = 0
        # every place it knows by id (``extra``: places no name of it reads, for corrections to choose)
        self.by_id = {p.place_id: p for p in (*self.places.values(), *extra)}

    def place_by_id(self, place_id: str):
        return self.by_id.get(place_id)

    def parse(self, text: str) -> list[Toponym]:
        self.calls += 1
        return [Toponym(m.start(), m.end(), m.group(1), self.places[m.group(1)], 0.9)
                for m in self.pattern.finditer(text)]


# Places of news from Bangladesh and India for the corrections' tests. "Mirpur" is read as the town in
# India's Punjab, wherever it is written (the wrong reading, in a story from Dhaka); MIRPUR_BD is the
# reading a user chooses instead.
NEWS_PLACES = {
    "Mirpur": Place("gn:6989988", "Mīrpur", "city", 30.6119, 76.85331, "IN", 5967, "Punjab"),
    "Dhaka": Place("gn:1185241", "Dhaka", "city", 23.7104, 90.40744, "BD", 10356500, "Dhaka"),
    "Gazipur": Place("gn:1200109", "Gazipur", "city", 24.00228, 90.42640, "BD", 1899575, "Dhaka"),
    "Narayanganj": Place("gn:1185155", "Narayanganj", "city", 23.61352, 90.50298, "BD", 223622, "Dhaka"),
    "Chandigarh": Place("gn:1274746", "Chandigarh", "city", 30.73629, 76.7884, "IN", 914371, "Chandigarh"),
    "Ludhiana": Place("gn:1264728", "Ludhiana", "city", 30.91204, 75.85379, "IN", 1545368, "Punjab"),
    "Karachi": Place("gn:1174872", "Karachi", "city", 24.8608, 67.0104, "PK", 11624219, "Sindh"),
}
MIRPUR_BD = Place("gn:11395976", "Mirpur Model Thana", "city", 23.80931, 90.36093, "BD", 546503, "Dhaka")


def news_geoparser():
    """A FakeGeoparser of NEWS_PLACES (importable: worker processes make it)."""
    return FakeGeoparser(NEWS_PLACES, extra=(MIRPUR_BD,))


def no_events(article, text, mentions):
    """An event extractor that finds nothing (importable, for worker processes)."""
    return []


def poisoned_events(article, text, mentions):
    """Kills the process that analyses an article holding 'POISON' (as a crash or the OOM killer would)."""
    import os
    import signal

    if "POISON" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    return []
