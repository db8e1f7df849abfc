from datetime import date

from explorer.core.filters import EventFilter, date_interval, date_range, visible_place_ids
from explorer.core.models import Event, Place
from explorer.core.store import Corpus

Q = Place("gn:1", "Quetta", "city", 30.2, 67.0, "PK")
Z = Place("gn:2", "Zahedan", "city", 29.5, 60.9, "IR")
L = Place("gn:3", "Lahore", "city", 31.5, 74.3, "PK")


def _corpus():
    c = Corpus()
    c.events = [
        Event("a", "air_or_missile_strike", "Explosions/Remote violence", 0, 10, Q, date="2024-01-16",
              date_precision="day"),
        Event("a", "meeting_or_talks", "Strategic developments", 20, 30, Z, date="2024-02",
              date_precision="month"),
        Event("b", "protest", "Protests", 0, 5, L),  # undated
    ]
    return c


def test_no_filter_shows_everything():
    assert visible_place_ids(_corpus(), EventFilter()) is None


def test_filter_by_type():
    assert visible_place_ids(_corpus(), EventFilter(types=frozenset({"protest"}))) == ["gn:3"]


def test_filter_by_time_window_uses_precision_and_drops_undated():
    c = _corpus()
    assert visible_place_ids(c, EventFilter(start=date(2024, 2, 10), end=date(2024, 3, 1))) == ["gn:2"]
    assert visible_place_ids(c, EventFilter(end=date(2024, 1, 31))) == ["gn:1"]
    assert visible_place_ids(c, EventFilter(start=date(2025, 1, 1))) == []


def test_date_interval_and_range():
    assert date_interval("2024", "year") == (date(2024, 1, 1), date(2024, 12, 31))
    assert date_interval("2024-02", "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_interval(None, None) is None
    assert date_range(_corpus()) == (date(2024, 1, 16), date(2024, 2, 29))
