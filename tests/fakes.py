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
    def __init__(self, places=None):
        self.places = places or PLACES
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, self.places)) + r")\b")
        self.calls = 0

    def parse(self, text: str) -> list[Toponym]:
        self.calls += 1
        return [Toponym(m.start(), m.end(), m.group(1), self.places[m.group(1)], 0.9)
                for m in self.pattern.finditer(text)]


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
