"""The ledger's sameness rule and its order-independent partition."""
from __future__ import annotations

import itertools
import random

from explorer.core.events.merge import cluster, merge_reports, same_happening, summarise, window
from explorer.core.models import Event, Place

TOWN_A = Place("t:a", "Alpha", "city", 30.00, 60.00, "PK", 50_000, "Beta Province")
TOWN_A2 = Place("t:a2", "Alpha East", "city", 30.05, 60.10, "PK", 5_000, "Beta Province")  # ~11 km away
TOWN_FAR = Place("t:f", "Farville", "city", 31.00, 62.00, "PK", 5_000, "Beta Province")  # ~220 km away
PROVINCE = Place("p:b", "Beta Province", "admin1", 30.5, 61.0, "PK", 0, None)
OTHER_PROVINCE = Place("p:g", "Gamma Province", "admin1", 35.0, 70.0, "PK", 0, None)
COUNTRY = Place("c:pk", "Pakistan", "country", 30.0, 70.0, "PK", 0, None)


def rep(article="a1", etype="air_or_missile_strike", acled="Explosions/Remote violence", place=TOWN_A,
        date="2024-01-18", prec="day", actors=(), start=0, inferred=False, date_end=None):
    return Event(article_id=article, event_type=etype, acled_type=acled, start=start, end=start + 10,
                 place=place, date=date, date_precision=prec if date else None, actors=tuple(actors),
                 date_inferred=inferred, date_end=date_end)


def test_violence_reports_merge_across_acled_types_on_the_same_day_and_place():
    strike = rep()
    battle = rep(article="a2", etype="armed_attack", acled="Battles", date="2024-01-19")
    assert same_happening(strike, battle)
    (ev,) = merge_reports([strike, battle])
    assert len(ev.sources) == 2 and ev.disputed[:1] == ("type",) and "date" in ev.disputed


def test_places_within_25_km_or_nested_merge_but_far_ones_do_not():
    assert same_happening(rep(), rep(place=TOWN_A2))
    assert same_happening(rep(), rep(place=PROVINCE))
    assert same_happening(rep(), rep(place=COUNTRY))
    assert not same_happening(rep(), rep(place=TOWN_FAR))
    assert not same_happening(rep(), rep(place=OTHER_PROVINCE))


def test_dates_two_days_apart_are_two_happenings():
    assert not same_happening(rep(date="2024-01-18"), rep(date="2024-01-20"))
    assert same_happening(rep(date="2024-01-18"), rep(date="2024-01-15", prec="week"))


def test_undated_reports_meet_only_the_same_type_at_the_same_place():
    undated = rep(date=None)
    assert same_happening(undated, rep(article="b", date=None))
    assert not same_happening(undated, rep(article="b", date=None, place=TOWN_A2))
    assert not same_happening(undated, rep(article="b", date=None, etype="armed_attack", acled="Battles"))
    assert same_happening(undated, rep(article="b"))  # undated meets any date at the same place and type
    assert not same_happening(undated, rep(article="b", place=TOWN_A2))


def test_inferred_dates_need_the_same_type_place_and_week():
    inferred = rep(date="2024-01-12", date_end="2024-01-18", prec="week", inferred=True)
    assert same_happening(inferred, rep(article="b", date="2024-01-17"))
    assert not same_happening(inferred, rep(article="b", date="2024-01-17", place=TOWN_A2))
    assert not same_happening(inferred, rep(article="b", date="2024-03-17"))
    assert not same_happening(inferred, rep(article="b", date="2024-01-20", date_end="2024-01-26", prec="week",
                                            inferred=True))


def test_two_protests_by_different_groups_stay_two_but_one_group_twice_is_one():
    p = dict(etype="protest", acled="Protests", date="2024-03-01")
    teachers, farmers = rep(actors=["Teachers"], **p), rep(article="b", actors=["Farmers"], **p)
    assert not same_happening(teachers, farmers)
    assert same_happening(teachers, rep(article="c", actors=["Teachers", "Students"], **p))
    assert len(merge_reports([teachers, farmers])) == 2


def test_strategic_developments_merge_only_within_their_fine_type():
    arrest = rep(etype="arrest", acled="Strategic developments")
    talks = rep(etype="meeting_or_talks", acled="Strategic developments")
    assert not same_happening(arrest, talks)


def test_partition_does_not_depend_on_order_and_chains_are_split():
    # protests on consecutive days at one place: 1~2 and 2~3, but not 1~3
    days = [rep(article=f"a{i}", etype="protest", acled="Protests", date=f"2024-03-0{i}") for i in (1, 2, 3)]
    others = [rep(article="x"), rep(article="y", place=TOWN_A2), rep(article="z", date=None)]
    reports = days + others
    want = None
    for perm in itertools.permutations(reports):
        got = [[r.article_id for r in g] for g in cluster(perm)]
        want = want or got
        assert got == want
    groups = [sorted(r.article_id for r in g) for g in cluster(days)]
    assert sorted(map(len, groups)) == [1, 2]


def test_summary_takes_the_most_specific_common_place_and_stated_date():
    a = rep(place=PROVINCE, date=None)
    b = rep(article="b", place=TOWN_A, date="2024-01-18")
    c = rep(article="c", place=TOWN_A, date="2024-01-18", etype="armed_attack", acled="Battles")
    ev = summarise([a, b, c])
    assert ev.place == TOWN_A and ev.date == "2024-01-18" and ev.date_precision == "day"
    assert set(ev.article_ids) == {"a1", "b", "c"} and len(ev.sources) == 3
    assert "place" not in ev.disputed  # the province holds the town


def test_window_of_each_precision():
    assert window(rep(date="2024-02", prec="month")) == (window(rep(date="2024-02-01"))[0],
                                                          window(rep(date="2024-02-29"))[0])
    assert window(rep(date="2024-01-26", date_end="2024-01-27")) == (
        window(rep(date="2024-01-26"))[0], window(rep(date="2024-01-27"))[0])
    assert window(rep(date=None)) is None


def test_random_sets_partition_the_same_in_any_order():
    rng = random.Random(7)
    places = [TOWN_A, TOWN_A2, TOWN_FAR, PROVINCE, None]
    reports = [rep(article=f"a{i}", start=i, place=rng.choice(places),
                   date=rng.choice([None, "2024-01-17", "2024-01-18", "2024-01-20"]),
                   etype=rng.choice(["air_or_missile_strike", "protest"]),
                   acled="Protests" if i % 2 else "Explosions/Remote violence")
               for i in range(40)]
    want = [[r.article_id for r in g] for g in cluster(reports)]
    for _ in range(20):
        rng.shuffle(reports)
        assert [[r.article_id for r in g] for g in cluster(reports)] == want


def test_an_undated_headline_joins_its_own_articles_dated_account():
    strike = rep(article="a", date="2024-01-18")
    attack = rep(article="b", etype="armed_attack", acled="Battles", date="2024-01-18", start=40)
    headline = rep(article="b", etype="armed_attack", acled="Battles", date=None, start=0)
    other_article_headline = rep(article="c", etype="bombing_or_explosion", date=None)
    assert same_happening(headline, strike) is False  # another article, another fine type
    assert same_happening(headline, attack)
    groups = cluster([other_article_headline, headline, attack, strike])
    assert sorted(sorted((r.article_id, r.start) for r in g) for g in groups) == [
        [("a", 0), ("b", 0), ("b", 40)], [("c", 0)]]


def test_undated_reports_about_a_whole_country_do_not_merge_across_articles_or_types():
    iran = Place("c:ir", "Iran", "country", 32.0, 53.0, "IR", 0, None)
    a = rep(article="a", place=iran, date=None, etype="armed_attack", acled="Battles")
    b = rep(article="b", place=iran, date=None, etype="armed_attack", acled="Battles")
    c = rep(article="b", place=iran, date=None, etype="air_or_missile_strike", start=50)
    d = rep(article="b", place=iran, date=None, etype="armed_attack", acled="Battles", start=90)
    assert not same_happening(a, b)  # two articles: too wide to tell
    assert not same_happening(b, c)  # one article, two kinds of attack on Iran
    assert same_happening(b, d)  # one article repeating itself
    assert sorted(len(g) for g in cluster([a, b, c, d])) == [1, 1, 2]


def test_one_article_telling_of_a_strike_in_a_country_and_in_a_province_of_it_is_one_happening():
    iran = Place("c:ir", "Iran", "country", 32.0, 53.0, "IR", 0, None)
    sistan = Place("p:sb", "Sistan and Baluchestan", "admin1", 27.4, 61.0, "IR", 0, None)
    dated = rep(article="a", place=iran, date="2024-01-18")
    operation = rep(article="a", place=sistan, date=None, start=200)
    elsewhere = rep(article="b", place=sistan, date=None)
    assert same_happening(dated, operation)
    assert not same_happening(rep(article="b", place=iran, date="2024-01-18"), operation)  # other article
    (ev,) = merge_reports([dated, operation, elsewhere])
    assert ev.place == sistan and ev.date == "2024-01-18" and len(ev.sources) == 3


def test_undated_reports_do_not_chain_through_a_country():
    iran = Place("c:ir", "Iran", "country", 32.0, 53.0, "IR", 0, None)
    sistan = Place("p:sb", "Sistan and Baluchestan", "admin1", 27.4, 61.0, "IR", 0, None)
    tehran = Place("t:th", "Tehran", "city", 35.7, 51.4, "IR", 8_000_000, "Tehran")
    a = rep(article="a", place=sistan, date=None, start=10)
    b = rep(article="a", place=iran, date=None, start=20)
    c = rep(article="a", place=tehran, date=None, start=30)
    assert same_happening(a, b) and same_happening(b, c) and not same_happening(a, c)
    assert sorted(len(g) for g in cluster([a, b, c])) == [1, 2]


def test_a_month_or_year_dates_as_weakly_as_none():
    month = rep(article="m", date="2024-01", prec="month")
    assert same_happening(month, rep(article="d", date="2024-01-18"))  # same place and type, inside the month
    assert not same_happening(month, rep(article="d", date="2024-01-18", etype="armed_attack", acled="Battles"))
    assert not same_happening(month, rep(article="d", date="2024-01-18", place=TOWN_A2))
    assert not same_happening(month, rep(article="d", date="2024-02-18"))


def test_a_stated_month_or_year_is_weak_not_inferred():
    ev = summarise([rep(date="2014", prec="year")])
    assert ev.date == "2014" and not ev.date_inferred
    ev = summarise([rep(date="2024-01-12", prec="week", inferred=True, date_end="2024-01-18")])
    assert ev.date_inferred
