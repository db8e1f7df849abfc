"""The app's questions to the project: pins under filters, counts, the timeline, a place's sources."""
from __future__ import annotations

from datetime import date

import pytest

from explorer.core.models import Article, Event, Mention
from explorer.core.store import views
from explorer.core.store.project import Project
from explorer.core.viewstate import NO_EVENT, Filters
from tests.fakes import PLACES

Q, L, Z, B = PLACES["Quetta"], PLACES["Lahore"], PLACES["Zahedan"], PLACES["Balochistan"]


def _put(project, aid, place, kind, acled, day=None, actors=(), outlet="Dawn", extra_mentions=()):
    text = f"{aid}: something at {place.name}. " + " ".join(p.name for p in extra_mentions)
    a = Article(aid, f"Title {aid}", text, outlet=outlet, content_hash=aid)
    start = text.index(place.name)
    ms = [Mention(aid, start, start + len(place.name), place.name, place, 0.9, 0, len(text))]
    for p in extra_mentions:
        i = text.rindex(p.name)
        ms.append(Mention(aid, i, i + len(p.name), p.name, p, 0.9, 0, len(text)))
    ev = Event(aid, kind, acled, 0, len(text), place, "x", day, "day" if day else None, tuple(actors),
               start, start + len(place.name))
    project.put_article(a, ms, [ev])


@pytest.fixture
def project():
    with Project(Project.MEMORY) as p:
        _put(p, "a1", Q, "air_strike", "Explosions/Remote violence", "2024-01-10", ["Army (Pakistan)"], "Dawn")
        _put(p, "a2", Q, "peaceful_protest", "Protests", "2024-02-01", ["Teachers"], "Geo")
        _put(p, "a3", L, "peaceful_protest", "Protests", None, ["Farmers"], "Dawn")
        _put(p, "a4", Z, "armed_clash", "Battles", "2024-03-05", ["IRGC"], "IRNA", extra_mentions=[B])
        yield p


def _shown(project, f):
    t = views.place_table(project.conn)
    c = views.pin_counts(project.conn, t, f)
    return {t.name[i]: (c.events[i], views.ACLED_TYPES[c.top[i]] if c.top[i] >= 0 else None)
            for i in range(len(t)) if c.shown[i]}


def test_no_filter_shows_every_place_with_its_own_counts(project):
    assert _shown(project, Filters()) == {
        "Quetta": (2, "Explosions/Remote violence"), "Lahore": (1, "Protests"), "Zahedan": (1, "Battles"),
        "Balochistan": (0, None)}
    assert "Balochistan" not in _shown(project, Filters(hidden=frozenset({NO_EVENT})))


def test_each_filter_narrows_pins_and_counts(project):
    assert _shown(project, Filters(hidden=frozenset({"Explosions/Remote violence"}))) == {
        "Quetta": (1, "Protests"), "Lahore": (1, "Protests"), "Zahedan": (1, "Battles")}
    assert _shown(project, Filters(types=frozenset({"armed_clash"}))) == {"Zahedan": (1, "Battles")}
    jan = Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31))
    assert _shown(project, jan) == {"Quetta": (1, "Explosions/Remote violence"), "Lahore": (1, "Protests")}
    assert _shown(project, Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31),
                                   include_undated=False)) == {"Quetta": (1, "Explosions/Remote violence")}
    assert _shown(project, Filters(actors=frozenset({"Teachers"}))) == {"Quetta": (1, "Protests")}
    assert _shown(project, Filters(countries=frozenset({"IR"}))) == {"Zahedan": (1, "Battles")}
    assert _shown(project, Filters(outlets=frozenset({"Dawn"}))) == {
        "Quetta": (1, "Explosions/Remote violence"), "Lahore": (1, "Protests")}
    # an area: the R-tree keeps what lies inside (Quetta's and Zahedan's events; Balochistan's pin too)
    box = Filters(area=(60.0, 28.0, 68.0, 31.0))
    assert set(_shown(project, box)) == {"Quetta", "Zahedan", "Balochistan"}
    assert views.counts(project.conn, box)["events"] == 3


def test_counts_count_events_not_reports(project):
    assert views.counts(project.conn, Filters()) == {"articles": 4, "events": 4}
    assert views.counts(project.conn, Filters(hidden=frozenset({"Protests"})))["events"] == 2


def test_histogram_by_bucket_with_undated_beside_it(project):
    days, undated = views.histogram(project.conn, Filters(), "day")
    assert days == {date(2024, 1, 10): {"Explosions/Remote violence": 1}, date(2024, 2, 1): {"Protests": 1},
                    date(2024, 3, 5): {"Battles": 1}}
    assert undated == 1
    months, _ = views.histogram(project.conn, Filters(hidden=frozenset({"Battles"})), "month")
    assert months == {date(2024, 1, 1): {"Explosions/Remote violence": 1}, date(2024, 2, 1): {"Protests": 1}}
    weeks, _ = views.histogram(project.conn, Filters(), "week")
    assert date(2024, 1, 8) in weeks  # the Monday of the 10th's week
    assert views.date_span(project.conn) == (date(2024, 1, 10), date(2024, 3, 5))


def test_a_place_its_events_and_a_page_of_its_sentences(project):
    pl, c = views.place(project.conn, Q.place_id)
    assert pl.name == "Quetta" and c == {"mentions": 2, "articles": 2, "events": 2}
    evs = views.place_events(project.conn, Q.place_id, Filters(types=frozenset({"air_strike"})))
    assert [e.event_type for e in evs] == ["air_strike"] and evs[0].sources[0].article_id == "a1"
    page = views.place_mentions(project.conn, Q.place_id, limit=1)
    assert len(page) == 1 and page[0].title == "Title a1" and page[0].outlet == "Dawn"
    m = page[0].mention
    assert page[0].sentence[m.start - m.sentence_start:m.end - m.sentence_start] == "Quetta"
    assert views.place_mentions(project.conn, Q.place_id, limit=5, offset=1)[0].mention.article_id == "a2"
    assert views.article(project.conn, "a3").title == "Title a3" and views.article(project.conn, "zz") is None


def test_choices_list_what_can_be_filtered(project):
    ch = views.choices(project.conn)
    assert dict(ch["acled"]) == {"Protests": 2, "Explosions/Remote violence": 1, "Battles": 1}
    assert dict(ch["outlets"]) == {"Dawn": 2, "Geo": 1, "IRNA": 1}
    assert ("Teachers", 1) in ch["actors"] and dict(ch["countries"]) == {"PK": 3, "IR": 1}


def test_a_circle_and_a_province_keep_what_lies_inside(project):
    from explorer.core.places import areas

    near_quetta = Filters(area=areas.circle_area(Q.lat, Q.lon, 100, "Quetta"))
    assert set(_shown(project, near_quetta)) == {"Quetta"}
    assert views.counts(project.conn, near_quetta)["events"] == 2
    wide = Filters(area=areas.circle_area(Q.lat, Q.lon, 700))  # Zahedan ~600 km west, Lahore ~700+ km east
    assert "Zahedan" in _shown(project, wide)
    balochistan = areas.province_at(Q.lat, Q.lon)
    assert balochistan.name == "Balochistan" and balochistan.country_code == "PK"
    in_province = Filters(area=areas.province_area(balochistan))
    assert "Quetta" in _shown(project, in_province)
    assert not {"Zahedan", "Lahore"} & set(_shown(project, in_province))
    sistan = areas.province_at(Z.lat, Z.lon)
    assert sistan.country_code == "IR"
    assert set(_shown(project, Filters(area=areas.province_area(sistan)))) == {"Zahedan"}
    # with another filter too: the area and the type both hold
    assert _shown(project, Filters(area=areas.province_area(balochistan), types=frozenset({"air_strike"}))) == {
        "Quetta": (1, "Explosions/Remote violence")}
    # an article added later is inside the same area at the next question
    from explorer.core.models import Place

    turbat = Place("gn:1163054", "Turbat", "city", 26.00, 63.05, "PK", 150000, "02")
    before = views.counts(project.conn, in_province)["events"]
    _put(project, "a5", turbat, "armed_clash", "Battles", "2024-03-06")
    assert views.counts(project.conn, in_province)["events"] == before + 1
    assert "Turbat" in _shown(project, in_province)


def test_an_area_filter_needs_the_connection():
    from explorer.core.places import areas

    with pytest.raises(ValueError):
        views.event_where(Filters(area=areas.circle_area(30, 60, 10)))


def test_areas_in_words_and_across_the_antimeridian_and_the_poles():
    import numpy as np

    from explorer.core.places import areas

    c = areas.circle_area(-16.5, 179.8, 150, "Suva")
    assert c.west == -180 and c.east == 180 and c.label == "within 150 km of Suva"
    assert list(areas.contains(c, [-179.5, 178.0, 179.9], [-16.5, -16.5, -16.6])) == [True, False, True]
    pole = areas.circle_area(89.6, 10, 100)
    assert pole.north == 90 and areas.contains(pole, np.array([-170.0]), np.array([89.8]))[0]
    assert areas.province_at(0.0, -30.0) is None  # the Atlantic
    with pytest.raises(ValueError):
        areas.circle_area(0, 0, -5)
