"""Event extraction: texts written for the tests and the seed articles, with hand-built mentions.

Mentions are built here from a small hand-written gazetteer (exact, whole-word string search in
the cleaned text), so these tests do not depend on the application's geoparser.
"""
from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from explorer.core.events import extract as ev_mod
from explorer.core.text.sources import load_text_article, read_manifest
from explorer.core.event_taxonomy import ACLED_OF, ACLED_TYPES, TYPES
from explorer.core.events import extract_event_records, extract_events
from explorer.core.models import Article, Mention, Place
from explorer.core.text.sentences import SentenceIndex, sentence_spans
from explorer.core.text.clean import clean

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "events.md"


def _p(pid, name, kind, cc):
    return Place(pid, name, kind, 0.0, 0.0, cc)


SISTAN = _p("ne1:IR-13", "Sistan and Baluchestan", "admin1", "IR")
GAZ = {
    "Iran": _p("country:IR", "Iran", "country", "IR"),
    "Pakistan": _p("country:PK", "Pakistan", "country", "PK"),
    "Israel": _p("country:IL", "Israel", "country", "IL"),
    "India": _p("country:IN", "India", "country", "IN"),
    "Syria": _p("country:SY", "Syria", "country", "SY"),
    "Iraq": _p("country:IQ", "Iraq", "country", "IQ"),
    "China": _p("country:CN", "China", "country", "CN"),
    "Saudi Arabia": _p("country:SA", "Saudi Arabia", "country", "SA"),
    "United States": _p("country:US", "United States", "country", "US"),
    "Palestine": _p("country:PS", "Palestine", "country", "PS"),
    "Balochistan": _p("ne1:PK-BA", "Balochistan", "admin1", "PK"),
    "Sistan and Baluchestan": SISTAN,
    "Sistan-Baluchistan": SISTAN,
    "Khyber Pakhtunkhwa": _p("ne1:PK-KP", "Khyber Pakhtunkhwa", "admin1", "PK"),
    "Isfahan": _p("gn:418863", "Isfahan", "city", "IR"),
    "Tel Aviv": _p("gn:293397", "Tel Aviv", "city", "IL"),
    "Haifa": _p("gn:294801", "Haifa", "city", "IL"),
    "Rawalpindi": _p("gn:1166993", "Rawalpindi", "city", "PK"),
    "Panjgur": _p("gn:1168312", "Panjgur", "city", "PK"),
    "Quetta": _p("gn:1167528", "Quetta", "city", "PK"),
    "Lahore": _p("gn:1172451", "Lahore", "city", "PK"),
    "Zahedan": _p("gn:1159301", "Zahedan", "city", "IR"),
    "Tehran": _p("gn:112931", "Tehran", "city", "IR"),
    "Islamabad": _p("gn:1176615", "Islamabad", "city", "PK"),
    "New Delhi": _p("gn:1261481", "New Delhi", "city", "IN"),
    "Gaza Strip": _p("region:gaza", "Gaza Strip", "region", "PS"),
    "Gaza": _p("region:gaza", "Gaza Strip", "region", "PS"),
    "Kashmir": _p("region:kashmir", "Kashmir", "region", None),
    "Middle East": _p("region:middle-east", "Middle East", "region", None),
}
_GAZ_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, GAZ), key=len, reverse=True)) + r")\b")


def mentions_for(article: Article, text: str) -> list[Mention]:
    idx = SentenceIndex(text)
    out = []
    for m in _GAZ_RE.finditer(text):
        s, e = idx.containing(m.start(), m.end())
        out.append(Mention(article.article_id, m.start(), m.end(), article.raw_text[m.start():m.end()],
                           GAZ[m.group(1)], 1.0, s, e))
    return out


def run(raw: str, *, published=None, dates=(), keep_placeless=None):
    art = Article("t", "t", raw, published=published, dates=list(dates))
    text = clean(raw).text
    return extract_events(art, text, mentions_for(art, text), keep_placeless=keep_placeless)


def one(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, (event_type, events)
    return found[0]


def names(ev):
    return ev.place.name if ev.place else None


# ------------------------------------------------------------ written for the tests


def test_strike_located_at_the_most_specific_place_with_date_and_actors():
    raw = "Pakistani jets carried out airstrikes in Panjgur, Balochistan on March 3, 2023, officials said."
    ev = one(run(raw), "air_or_missile_strike")
    assert ev.acled_type == "Explosions/Remote violence"
    assert names(ev) == "Panjgur"
    assert raw[ev.mention_start:ev.mention_end] == "Panjgur"
    assert (ev.date, ev.date_precision) == ("2023-03-03", "day")
    assert "Pakistan" in ev.actors
    assert ev.trigger == "airstrikes"
    assert raw[ev.start:ev.end] == raw  # one clause: the whole sentence


def test_possessive_chain_gives_the_inner_place_and_the_possessor_is_the_actor():
    ev = one(run("Iran's missile and drone attack in Pakistan's Balochistan on Jan. 16, 2024 killed two."),
             "air_or_missile_strike")
    assert names(ev) == "Balochistan"
    assert ev.actors[0] == "Iran" and "Pakistan" not in ev.actors
    assert ev.date == "2024-01-16"


def test_coordinated_places_give_one_event_each():
    evs = [e for e in run("Within days, Iranian missiles targeted Tel Aviv and Haifa.")
           if e.event_type == "air_or_missile_strike"]
    assert sorted(names(e) for e in evs) == ["Haifa", "Tel Aviv"]
    assert all(e.actors == ("Iran",) for e in evs)
    assert len({(e.start, e.end) for e in evs}) == 1  # same clause


def test_each_clause_gets_its_own_place_and_date():
    raw = ("Following Iran's strikes in Balochistan on Jan. 16, 2024, Pakistan responded by targeting "
           "Baloch Liberation Army (BLA) militants in Zahedan on Jan. 18, 2024.")
    evs = run(raw)
    strike = one(evs, "air_or_missile_strike")
    attack = one(evs, "armed_attack")
    assert (names(strike), strike.date) == ("Balochistan", "2024-01-16")
    assert (names(attack), attack.date, attack.acled_type) == ("Zahedan", "2024-01-18", "Battles")
    assert attack.actors[:2] == ("Pakistan", "Baloch Liberation Army")
    assert strike.end <= attack.start  # two clauses, two excerpts


def test_hypotheticals_negations_and_general_talk_yield_nothing():
    raw = ("The crisis could lead to strikes in Quetta. "
           "Pakistani territory was not used to facilitate attacks on Iran. "
           "If Israel attacks Tehran, the region will burn. "
           "Deadly clashes along the border in Balochistan have happened regularly over the years. "
           "Analysts fear airstrikes in Lahore.")
    assert run(raw) == []


def test_headings_and_questions_yield_nothing():
    assert run("Airstrikes in Quetta and Retaliation\n\nWill there be more airstrikes in Quetta?\n") == []


def test_masked_page_furniture_yields_nothing():
    raw = ("Officials met in Lahore.\n- Airstrikes in Quetta\n- Clashes in Zahedan\n- Riots in Lahore\n")
    text = clean(raw).text
    art = Article("t", "t", raw)
    evs = extract_events(art, text, mentions_for(art, raw))  # mentions even in the masked lines
    assert [e.event_type for e in evs] == ["meeting_or_talks"]


def test_date_year_comes_from_the_article_never_invented():
    # a full date elsewhere in the article lends its year
    evs = run("Leaders met in Lahore on Jan. 29, 2024.\nEarlier, strikes hit Quetta on Jan. 16.")
    assert one(evs, "air_or_missile_strike").date == "2024-01-16"
    # no year anywhere: no date, no precision
    ev = one(run("Strikes hit Quetta on Jan. 16."), "air_or_missile_strike")
    assert (ev.date, ev.date_precision) == (None, None)
    # the publication date resolves a month/day (previous year when it would be in the future) ...
    assert one(run("Strikes hit Quetta on Dec. 30.", published="2024-01-05"), "air_or_missile_strike").date \
        == "2023-12-30"
    # ... a weekday ...
    ev = one(run("Strikes hit Quetta late on Tuesday.", published="2024-01-18"), "air_or_missile_strike")
    assert (ev.date, ev.date_precision) == ("2024-01-16", "day")
    # ... and a month, with month precision
    ev = one(run("Strikes hit Quetta in June.", published="2025-07-02"), "air_or_missile_strike")
    assert (ev.date, ev.date_precision) == ("2025-06", "month")
    # a weekday without a publication date stays unknown
    ev = one(run("Strikes hit Quetta late on Tuesday."), "air_or_missile_strike")
    assert ev.date is None and ev.date_precision is None
    # a stated date far from the month does not lend its year (an archive photo caption)
    ev = one(run("A rally in Gaza on November 5, 2018.\nStrikes hit Quetta in June."), "air_or_missile_strike")
    assert ev.date is None
    # the manifest's dates (article.dates) count as stated dates
    ev = one(run("Strikes hit Quetta on Jan. 16.", dates=["2024-01-29"]), "air_or_missile_strike")
    assert ev.date == "2024-01-16"
    # a bare year is kept with year precision
    assert one(run("Israel bombed Iraq's reactor in Baghdad in 1981."), "air_or_missile_strike").date == "1981"


def test_record_keeps_the_unresolved_date_phrase():
    art = Article("t", "t", "Pakistan conducted airstrikes in Zahedan on January 18.")
    recs = extract_event_records(art, art.raw_text, mentions_for(art, art.raw_text))
    assert [(r.event.date, r.date_text) for r in recs] == [(None, "January 18")]


def test_attack_on_civilians_protest_meeting_statement_border_airspace():
    evs = run("Gunmen attacked a bus carrying pilgrims near Quetta on 3 May 2023.")
    ev = one(evs, "attack_on_civilians")
    assert (names(ev), ev.acled_type, ev.date) == ("Quetta", "Violence against civilians", "2023-05-03")

    ev = one(run("Thousands of demonstrators gathered in Lahore on 5 May 2023."), "protest")
    assert (names(ev), ev.acled_type) == ("Lahore", "Protests")

    ev = one(run("The foreign ministers of Iran and Pakistan held talks in Islamabad."), "meeting_or_talks")
    assert names(ev) == "Islamabad" and {"Iran", "Pakistan"} <= set(ev.actors)

    # a statement needs a place where it was made
    assert run("Pakistan condemned the decision.") == []
    ev = one(run("An Iranian official told reporters in New Delhi that talks would resume."), "statement")
    assert names(ev) == "New Delhi" and ev.acled_type == "Strategic developments"

    ev = one(run("Pakistan closed its border with Iran on 14 June 2025."), "border_closure")
    assert (names(ev), ev.date, ev.actors) == ("Pakistan", "2025-06-14", ("Pakistan",))

    ev = one(run("Pakistan protested Iran's airspace violation in Panjgur, Balochistan."), "airspace_violation")
    assert names(ev) == "Panjgur" and ev.actors == ("Iran",)


def test_placeless_events_policy():
    raw = "Iran and Israel reached a ceasefire agreement."
    ev = one(run(raw), "ceasefire_or_agreement")
    assert ev.place is None and ev.mention_start is None and set(ev.actors) == {"Iran", "Israel"}
    assert run(raw, keep_placeless=False) == []
    # a dated placeless meeting is kept; an undated one is not, unless asked for
    assert [e.date for e in run("Jilani and his counterpart held talks on Jan. 19, 2024.")] == ["2024-01-19"]
    assert run("The ministers held talks.") == []
    assert [e.event_type for e in run("The ministers held talks.", keep_placeless=True)] == ["meeting_or_talks"]


def test_this_meeting_inherits_the_date_of_the_previous_sentence():
    raw = ("A significant meeting took place on Jan. 29, 2024. During this meeting, the minister called on "
           "the army chief at General Headquarters (GHQ), Rawalpindi.")
    evs = run(raw)
    located = [e for e in evs if e.place is not None]
    assert [(names(e), e.date) for e in located] == [("Rawalpindi", "2024-01-29")]


def test_offsets_are_raw_offsets():
    raw = "\u201cNews\u201d \u2014 Iran\u2019s drone strikes hit Zahedan\u00a0on Jan.\u00a016,\u00a02024."
    ev = one(run(raw), "air_or_missile_strike")
    assert raw[ev.mention_start:ev.mention_end] == "Zahedan"
    assert raw[ev.start:ev.end].endswith("2024.")
    assert ev.trigger == raw[raw.index("drone"):raw.index(" hit")]
    assert ev.date == "2024-01-16" and ev.actors == ("Iran",)


# --------------------------------------------------------------------- the taxonomy


def test_taxonomy_is_small_snake_case_and_mapped_to_acled():
    assert 10 <= len(TYPES) <= 14
    assert len({t.id for t in TYPES}) == len(TYPES)
    for t in TYPES:
        assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", t.id), t.id
        assert t.acled_type in ACLED_TYPES
    assert set(ACLED_OF.values()) == set(ACLED_TYPES)  # every ACLED type is reachable


@pytest.mark.parametrize("etype", TYPES, ids=lambda t: t.id)
def test_every_example_trigger_is_found_as_its_type(etype):
    for example in etype.examples:
        found = ev_mod._find_triggers(example)
        assert found and found[0].type == etype.id, (example, found)


def test_documentation_lists_every_type_with_its_acled_type():
    doc = DOCS.read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\|\s*`([a-z_]+)`.*$", doc, re.M)}
    assert set(rows) == {t.id for t in TYPES}
    for t in TYPES:
        assert t.acled_type in rows[t.id], t.id


# ------------------------------------------------------------------------ the seeds


def _seed(prefix):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    art = load_text_article(path, read_manifest(SEEDS))
    cleaned = clean(art.raw_text)
    recs = extract_event_records(art, cleaned.text, mentions_for(art, cleaned.text))
    return art, cleaned, recs


@pytest.fixture(scope="module")
def seeds():
    return {p: _seed(p) for p in ("000", "001", "002", "003", "004")}


def _find(recs, event_type, place):
    return [r for r in recs if r.event.event_type == event_type and names(r.event) == place]


def test_seed_004_strikes_in_sistan_and_baluchestan_on_january_18_without_a_year(seeds):
    art, _, recs = seeds["004"]
    (r,) = _find(recs, "air_or_missile_strike", "Sistan and Baluchestan")
    assert r.date_text == "January 18"
    assert (r.event.date, r.event.date_precision) == (None, None)  # the article states no year
    assert "Pakistan" in r.event.actors
    assert art.raw_text[r.event.mention_start:r.event.mention_end] == "Sistan and Baluchestan"


def test_seed_001_irans_attack_in_pakistans_balochistan_on_jan_16_2024(seeds):
    art, _, recs = seeds["001"]
    (r,) = _find(recs, "air_or_missile_strike", "Balochistan")
    assert (r.event.date, r.event.date_precision) == ("2024-01-16", "day")
    assert r.event.actors[0] == "Iran" and "Jaish al-Adl" in r.event.actors
    assert "missile and drone attack" in r.event.trigger
    # and Pakistan's response in Iran two days later
    (resp,) = [x for x in recs if x.event.date == "2024-01-18"]
    assert names(resp.event) == "Iran" and resp.event.actors[0] == "Pakistan"
    assert resp.event.acled_type in ("Battles", "Explosions/Remote violence")


def test_seed_001_meeting_in_rawalpindi_on_jan_29_2024(seeds):
    _, _, recs = seeds["001"]
    meetings = _find(recs, "meeting_or_talks", "Rawalpindi")
    assert meetings and all(r.event.date == "2024-01-29" for r in meetings)
    caption = meetings[0].event
    assert caption.date_precision == "day" and {"Iran", "Pakistan"} <= set(caption.actors)


def test_seed_001_airspace_violation_in_panjgur(seeds):
    art, _, recs = seeds["001"]
    (r,) = _find(recs, "airspace_violation", "Panjgur")
    assert r.event.actors == ("Iran",)
    assert art.raw_text[r.event.mention_start:r.event.mention_end] == "Panjgur"


def test_seed_000_airstrikes_in_isfahan_and_the_ceasefire(seeds):
    _, _, recs = seeds["000"]
    assert len(_find(recs, "air_or_missile_strike", "Isfahan")) == 1
    assert not [r for r in recs if names(r.event) == "Tel Aviv"]  # alarm sirens are not an event
    cease = [r.event for r in recs if r.event.event_type == "ceasefire_or_agreement"]
    assert len(cease) == 1 and {"Iran", "Israel"} <= set(cease[0].actors)
    assert cease[0].acled_type == "Strategic developments"


def test_seed_003_missiles_on_tel_aviv_and_haifa(seeds):
    _, _, recs = seeds["003"]
    for city in ("Tel Aviv", "Haifa"):
        (r,) = _find(recs, "air_or_missile_strike", city)
        assert r.event.actors == ("Iran",)


def test_seed_004_border_closure(seeds):
    art, _, recs = seeds["004"]
    (r,) = [x for x in recs if x.event.event_type == "border_closure"]
    assert names(r.event) == "Pakistan" and r.event.actors == ("Pakistan",)
    assert "closing its border with Iran" in art.raw_text[r.event.start:r.event.end]


def test_seed_events_are_consistent(seeds):
    for art, cleaned, recs in seeds.values():
        stated = cleaned.text + " ".join(art.dates)
        for r in recs:
            e = r.event
            assert e.acled_type == ACLED_OF[e.event_type]
            assert cleaned.kept(e.start, e.end)  # never from masked page furniture
            assert 0 <= e.start < e.end <= len(art.raw_text)
            assert (e.date is None) == (e.date_precision is None)
            if e.date:
                assert len(e.date) == {"day": 10, "month": 7, "year": 4}[e.date_precision]
                assert e.date[:4] in stated  # the year is stated, never invented
            if e.place is not None:
                assert e.start <= e.mention_start < e.mention_end <= e.end
                assert art.raw_text[e.mention_start:e.mention_end] in (e.place.name,) + tuple(
                    k for k, v in GAZ.items() if v == e.place)
            assert e.trigger


def test_seed_event_counts_stay_plausible(seeds):
    counts = Counter(r.event.event_type for _, _, recs in seeds.values() for r in recs)
    assert counts["air_or_missile_strike"] >= 6
    assert counts["meeting_or_talks"] >= 3
    assert counts["statement"] <= 4  # statements need an explicit place
    assert sum(counts.values()) <= 45


def test_fast_paths_agree_with_the_plain_regexes(seeds):
    for art, cleaned, _ in seeds.values():
        text = cleaned.text
        assert [(m.lastgroup,) + m.span() for m in ev_mod._TRIGGER_RE.finditer(text)] == \
            list(ev_mod._trigger_matches(text))
        assert [m.span() for m in ev_mod._DATE_RE.finditer(text)] == [m.span() for m in ev_mod._date_matches(text)]
        spans = sentence_spans(text)
        assert ev_mod._sentence_spans(text) == spans
        for p in range(0, len(text), 13):
            want = next(((s, e) for s, e in spans if s <= p < e), None)
            assert ev_mod._sentence_at(text, p, len(text)) == want


def test_speed_on_the_seeds(seeds):
    work = []
    for art, cleaned, _ in seeds.values():
        work.append((art, cleaned.text, mentions_for(art, cleaned.text)))
    t0 = time.perf_counter()
    for _ in range(5):
        for art, text, ms in work:
            extract_events(art, text, ms)
    per_article = (time.perf_counter() - t0) / (5 * len(work))
    assert per_article < 0.025  # typically 2-4 ms here; generous for slow CI machines


def test_a_demonym_resolved_as_a_mention_is_not_a_fallback_place():
    # the application's geoparser may resolve "Israeli" to Israel: it names the actor, not the place
    raw = "Iranian missile barrages were met with retaliatory Israeli air raids on Jan. 3, 2024."
    art = Article("t", "t", raw)
    ms = [Mention("t", raw.index(w), raw.index(w) + len(w), w, GAZ[c], 1.0, 0, len(raw))
          for w, c in (("Iranian", "Iran"), ("Israeli", "Israel"))]
    evs = extract_events(art, raw, ms)
    assert [(e.event_type, e.place) for e in evs] == [("air_or_missile_strike", None)]  # kept: it is dated
    assert set(evs[0].actors) == {"Iran", "Israel"}
