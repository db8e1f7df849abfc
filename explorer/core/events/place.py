"""Place: where a reported event happened, and ACLED's geo-precision of that place.

The place is the one in a *locative relation* with the event: walking back
from a place name over its noun phrase ("the village of", "the restive
southwestern province of", capitalised words, "X's"), the first other word
is a preposition the event type allows (``in``, ``at``, ``near``, ``outside``
... for every type; ``on``, ``against``, ``targeting``, ``into`` also for
violence: the attacked place). A chain of names gives its most specific one
("Panjgur, Balochistan" -> Panjgur; "Kerou (Kerou, Atacora)" -> Kerou); an
unknown village followed by its district and province in parentheses, as
ACLED's notes write them ("Birni Lafia (Karimama, Alibori)"), gives the
district or province it names.

A place name used as an actor is never the place: demonyms ("Iranian
forces"), a country before its forces ("Pakistan army"), a possessor of
forces ("Argentina's navy"). "Iranian forces struck Panjgur" is in Panjgur.

Geo-precision (ACLED): 1 the named town; 2 near it ("near", "outskirts of",
"outside", "around"), a part of a district ("X district", "X sub-county",
"X upazila"), or the district of an unknown village; 3 only a province,
region or country.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from explorer.core.places import lexicon as lx
from explorer.core.places.geoparse import org_countries
from explorer.core.models import PLACE_KINDS, Mention

KIND_RANK = {k: i for i, k in enumerate(PLACE_KINDS)}

LOCATIVE = frozenset("in at near inside outside within across throughout around along off between beside "
                     "behind opposite infront".split())
TARGETED = frozenset("on upon against targeting targeted into over hit hitting struck striking bombed bombing "
                     "shelled shelling attacked attacking raided stormed toward towards pounded".split())
NEAR = frozenset("near outside around beside".split())
_FILLER = frozenset(
    "the a an northern southern eastern western central north south east west northwest northeast southwest "
    "southeast north-western north-eastern south-western south-eastern northwestern northeastern southwestern "
    "southeastern upper lower restive neighbouring neighboring occupied remote rural coastal province provinces city "
    "cities district districts region regions town towns village villages area areas of part parts deep its their "
    "his her capital port outskirts suburbs suburb vicinity border borders county state territory mountainous "
    "sub-county subcounty upazila tehsil taluk township mandal union ward locality neighbourhood neighborhood "
    "hamlet quarter commune municipality division block constituency market bazaar junction road highway "
    "valley hills forest camp village's town's city's front".split())
# Hyphenated adjectives that tell the state of a place: "insurgency-hit", "Maoist-affected", "flood-prone".
_STATE_OF_PLACE = ("-hit", "-affected", "-prone", "-ravaged", "-torn", "-dominated", "-infested", "-stricken",
                   "-ridden", "-held", "-controlled", "-occupied")
_UNIT_AFTER = re.compile(
    r"\s*(?:district|sub-?county|sub\s+county|upazila|tehsil|taluk|township|county|division|mandal|block|"
    r"municipality|commune|constituency|agency|LGA|province|region|state|area)\b", re.I)
_TOKEN = re.compile(r"[\w'’.-]+|[(),\"]")
_DEMONYM_FORMS = frozenset(f.lower() for forms in lx.DEMONYMS.values() for f in forms)
_FORCE_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:[a-z-]+\s+)?(?:police|army|troops|soldiers|military|forces|navy|air\s+force|government|"
    r"rifles|regiment|battalion|brigade|corps|frontier\s+corps|constabulary|levies|scouts|rangers|"
    r"authorities|officials|jets|warplanes|drones|missiles|border\s+guards|security\s+forces|guards|ministry|"
    r"foreign\s+office|embassy|envoy|ambassador|president|prime\s+minister|leaders?)\b", re.I)


@dataclass(frozen=True)
class Located:
    mention: Mention
    geo_precision: int
    how: str  # "locative", "hint", "clause", "scene", "home" (an actor's own province or town)


# A people, not a place: "the Boo community", "the Turkana clan", "Bahgere tribesmen".
_PEOPLE_AFTER = re.compile(r"\s+(?:community|communities|clan|clans|clansmen|tribe|tribes|tribesmen|ethnic\s+group)\b",
                           re.I)
# A place as the origin of a group ("suspected Turkana raiders", "Wajir herders", "Mathare youths"): the
# group may act elsewhere, so such a name places an event only when the clause names no other place.
_ORIGIN_AFTER = re.compile(r"(?:\s+county)?\s+(?:militias?|militiamen|raiders|herders|herdsmen|fighters|warriors|"
                           r"youths?|residents|supporters|traders|farmers|pastoralists)\b", re.I)


# A country heading the name of an organisation: "the All Pakistan Wapda Hydro Electrical Union",
# "Bangladesh Television", "Kenya Union of Teachers".
_ORG_NAME_AFTER = re.compile(r"(?:\s+(?:[A-Z][\w'&.-]*|of|for|and|the)){0,5}?\s+(?:"
                             + "|".join(sorted(lx.INSTITUTION_WORDS)) + r")\b")

_SETTLEMENT_OF = re.compile(r"\b(?:village|town|hamlet|locality|settlement|area|city)\s+of$", re.I)

# Before a place the actors come from: "coming from Masol village in", "believed to be from the X clan from".
_ORIGIN_BEFORE = re.compile(r"\b(?:coming|hailing|came|come|comes|originally|believed\s+to\s+be|suspected\s+to\s+be|"
                            r"said\s+to\s+be)\s+from\b[^.;:()]*$", re.I)

# An armed group named after its home: "the Arakan Army", "the Dima Hasao National Army".
_ARMED_GROUP_AFTER = re.compile(r"(?:\s+(?:National|Liberation|Independence|Defence|Defense|People's|Peoples'?))*"
                                r"\s+(?:Army|Militia|Front|Tigers|Brigade|Rifles)\b")

# An actor's base: "Pakistan based militant outfit", "the Somalia-based group".
_BASED_AFTER = re.compile(r"[\s-]+based\b", re.I)


def is_actor_name(text: str, m: Mention) -> bool:
    """A mention that names an actor, not a place: a demonym; a state or province before its forces or
    government ("Pakistan army", "the KPK government"); a country heading an organisation's name ("the All
    Pakistan Wapda Union"); a name before a people noun ("the Boo
    community"); an actor's base ("Pakistan based militant outfit", "a Somalia-based group")."""
    if m.surface.lower() in _DEMONYM_FORMS:
        return True
    if m.place.kind in ("country", "region", "continent", "admin1") and _FORCE_AFTER.match(text, m.end):
        return True
    if m.place.kind == "country" and _ORG_NAME_AFTER.match(text, m.end):
        return True  # (a province's organisation is where it works: "near the gate of Manipur University")
    return bool(_PEOPLE_AFTER.match(text, m.end, m.end + 20) or _BASED_AFTER.match(text, m.end, m.end + 8))


_HAMLET = 5_000  # a town under this many people is a hamlet (lone_foreign)
_BROAD_PREFIXES = ("country:", "ne1:", "gn1:")  # ids of countries and provinces


def lone_foreign(m: Mention, support: dict) -> bool:
    """A misreading: a town or district whose country no other place name of the text supports, far (over
    :data:`FAR_KM`) from every place of another country that two or more distinct names of the text point
    to ("Sadar upazila" read as a Sadar of another continent, "Monsey near Park W (Karimama, Alibori)" read
    as a Monsey in the US; a village across a nearby border stays), or that one province or country
    points to when the town is a hamlet (under :data:`_HAMLET` people: "workers of the Uttarakhand Jal
    Nigam" is no Jal in the US). ``support`` maps each country to the distinct places the text names in
    it (:func:`country_support`)."""
    if m.place.kind not in ("city", "poi", "admin2") or m.place.population >= 250_000:
        return False
    cc = m.place.country_code
    if set(support.get(cc, {})) - {m.place.place_id}:
        return False
    for k, places in support.items():
        if k == cc or not all(_km(m.place.lat, m.place.lon, la, lo) > FAR_KM for la, lo in places.values()):
            continue
        if len(places) >= 2 or m.place.kind == "city" and m.place.population < _HAMLET and any(
                pid.startswith(_BROAD_PREFIXES) for pid in places):
            return True
    return False


FAR_KM = 1000.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def country_support(mentions: list[Mention]) -> dict:
    """Country -> {place id: (lat, lon)} of the distinct places the text names in it (actors' names
    included: "Kenyan police" supports Kenya)."""
    out: dict = {}
    for m in mentions:
        cc = m.place.country_code
        if cc:
            out.setdefault(cc, {})[m.place.place_id] = (m.place.lat, m.place.lon)
    return out


def _walk_back(text: str, pos: int, floor: int) -> tuple[str | None, int, bool]:
    """(preposition, its offset, passed a parenthesis) found walking back from ``pos`` over a noun phrase."""
    toks = list(_TOKEN.finditer(text, max(floor, pos - 120), pos))
    paren = False
    for k in range(len(toks) - 1, -1, -1):
        m = toks[k]
        tok = m.group(0)
        low = tok.lower().rstrip(".")
        if low in ("and", "or") and k and toks[k - 1].group(0)[:1].isupper():
            continue  # a list of names, some unknown: "in Kisiriri and Rumuruti"
        if tok == "(":
            paren = True
            continue
        if tok in (",", ")", '"'):
            continue
        if low == "from" and re.search(r"(?i)\b(?:km|kms|kilometres?|kilometers?|miles?|metres?|meters?)\s*$",
                                       text[max(floor, m.start() - 15):m.start()]):
            return "near", m.start(), paren  # "3km from Monkpa"
        if low == "of" and re.search(r"[a-z]\s+$", text[max(floor, m.start() - 3):m.start()]):
            return "of", m.start(), paren  # "the village of X", "the school of X"
        if low in LOCATIVE or low in TARGETED or low in ("to", "from", "by", "with", "for"):
            return low, m.start(), paren
        if low in _FILLER or tok[:1].isupper() or tok[:1].isdigit() or low.endswith(("'s", "’s")) or \
                low.endswith(_STATE_OF_PLACE):
            continue  # "in Chhattisgarh's insurgency-hit Narayanpur district"
        break
    return None, -1, paren


_CHAIN_GAP = re.compile(r"[\s,()\[\]'’-]*(?:(?:[A-Z][\w'’-]*|district|sub-?county|upazila|tehsil|township|county|"
                        r"area|agency|division|province|region|state|of|in|the)[\s,()\[\]'’-]*){0,4}")


def _chain(ms: list[Mention], i: int, text: str) -> list[Mention]:
    """The mention ``ms[i]`` and the names that continue it ("X, Y", "X (Y, Z)", "X (Unknown, Z)", "X in Y")."""
    out = [ms[i]]
    j = i
    while j + 1 < len(ms):
        gap = text[ms[j].end:ms[j + 1].start]
        if len(gap) <= 40 and _CHAIN_GAP.fullmatch(gap) and ("," in gap or "(" in gap or " in " in gap
                                                            or " of " in gap or gap.strip() == ""):
            j += 1
            out.append(ms[j])
        else:
            break
    return out


def _pick(chain: list[Mention], votes: dict) -> tuple[Mention, bool]:
    """The place a chain names, and whether it is a container of an unknown or misread first name.

    A chain's names agree on one country (the one the article's places support most); a name of
    another country is a misreading ("Monsey (Karimama, Alibori)" with a Monsey in the US). Of the
    agreeing names the first (most specific by the order of writing) is the place.
    """
    if len(chain) == 1:
        return chain[0], False
    ccs = [m.place.country_code for m in chain]
    best_cc = max(dict.fromkeys(ccs), key=lambda cc: (ccs.count(cc) + votes.get(cc, 0), cc == ccs[-1]))
    agree = [m for m in chain if m.place.country_code == best_cc]
    first = min(agree, key=lambda m: (KIND_RANK.get(m.place.kind, 9) > KIND_RANK["admin2"], m.start))
    return first, first is not chain[0]


def best_kind_is_small(chain: list[Mention]) -> bool:
    """Is the chain a town or district ("the village of X"), not a state ("the army of Pakistan")?"""
    return chain[0].place.kind in ("city", "poi", "admin2")


def _most_specific(chain: list[Mention]) -> Mention:
    return min(chain, key=lambda m: (KIND_RANK.get(m.place.kind, 9), m.start))


def precision_of(text: str, m: Mention, prep: str | None, via_hint: bool) -> int:
    """ACLED's geo-precision of the chosen mention (see the module's docstring)."""
    kind = m.place.kind
    if kind in ("admin1", "region", "country", "continent"):
        return 3
    if kind == "admin2" or via_hint:
        return 2
    if prep in NEAR or _UNIT_AFTER.match(text, m.end):
        return 2
    before = text[max(0, m.start - 30):m.start].lower()
    if re.search(r"\b(?:outskirts|vicinity|suburbs?)\s+of\s+(?:the\s+)?$|\bkm\s+(?:from|of)\s+$|\bclose\s+to\s+$", before):
        return 2
    return 1


def country_votes(text: str, mentions: list[Mention]) -> dict:
    """How many of the article's place names (demonyms included) fall in each country."""
    votes: dict = {}
    for m in mentions:
        cc = m.place.country_code
        if cc:
            votes[cc] = votes.get(cc, 0) + 1
    return votes


def locate(text: str, lo: int, hi: int, mentions: list[Mention], cue_start: int, cue_end: int,
           allowed: frozenset, votes: dict | None = None, rule: str = "target",
           fallback: bool = True, wide: bool = False, support: dict | None = None) -> Located | None:
    """The place of an event told in ``text[lo:hi]`` (its sentence) by the trigger at cue_start..cue_end.

    ``support`` (:func:`country_support`): when given, a lone foreign town is no candidate
    (:func:`lone_foreign`).
    """
    votes = votes or {}
    ms = [m for m in mentions if lo <= m.start < hi and not (cue_start <= m.start < cue_end)
          and not (support and lone_foreign(m, support))]
    if not ms:
        return None
    cands = []
    used = set()
    for i, m in enumerate(ms):
        if i in used or is_actor_name(text, m):
            continue
        chain = _chain(ms, i, text)
        used.update(range(i, i + len(chain)))
        prep, at, paren = _walk_back(text, m.start, lo)
        if prep == "of" and (best_kind_is_small(chain) or paren and _SETTLEMENT_OF.search(text, max(lo, at - 24), at + 2)):
            prep = "in"  # "the village of Kaakong (Turkana)": the bracket names the unknown village's province
        if prep is None or prep not in allowed:
            continue
        # an unknown name between the preposition and a parenthesis: the parenthesis names its district
        head = text[at:m.start]
        via_hint = paren and "(" in head and bool(re.search(r"[A-Z][\w'-]+\s*\($", head.rstrip()))
        best, contained = _pick(chain, votes)
        via_hint = via_hint or contained
        after = m.start >= cue_end
        dist = (m.start - cue_end) if after else (cue_start - m.end)
        cands.append(((not after, dist), best, prep, via_hint, at))
    if cands:
        cands.sort(key=lambda c: c[0])
        home = [c for c in cands if _ORIGIN_BEFORE.search(text, max(lo, c[1].start - 60), c[1].start)]
        if home and len(home) < len(cands):
            # where the actors come from is not where they acted ("raiders (suspected of coming from Masol
            # village in West Pokot) attacked the village of Kaakong (Turkana)")
            cands = [c for c in cands if c not in home]
        fronted = [c for c in cands if _fronted(text, lo, c[4], c[1])]
        if fronted and fronted[0] is not cands[0]:
            cands.remove(fronted[0])
            cands.insert(0, fronted[0])
        # names in one locative phrase ("in Kenya's capital Nairobi"): the most specific; a possessor holds
        # what it possesses ("in Jammu & Kashmir's Kupwara district": Kupwara, not the city of Jammu)
        phrase = [c for c in cands if c[4] == cands[0][4]]
        possessed = [c for c in phrase if not (re.match(r"(?:'s|’s)\s", text[c[1].end:c[1].end + 3]) and
                                               any(o[1].start > c[1].start for o in phrase))]
        if len(possessed) < len(phrase) and possessed:
            phrase = possessed
        _, best, prep, via_hint, _ = min(phrase, key=lambda c: (KIND_RANK.get(c[1].place.kind, 9), c[0]))
        if best.place.kind in ("country", "region", "continent"):
            # a whole country in a locative phrase; the people who acted are from a town of it ("Migori residents
            # protested over ... criminality in Kenya"): they acted there
            home = [m for m in ms if m.start < cue_start and m.place.kind in ("city", "admin2")
                    and m.place.country_code == best.place.country_code
                    and _ORIGIN_AFTER.match(text, m.end, m.end + 30)]
            if home:
                return Located(home[-1], 2, "clause")
        return Located(best, precision_of(text, best, prep, via_hint), "hint" if via_hint else "locative")
    if not fallback:
        return None
    # no locative phrase. A state closing its border or recalling envoys: the acting state.
    if rule == "acting":
        acting = [m for m in ms if m.end <= cue_start and m.place.kind == "country"]
        return Located(acting[-1], 3, "clause") if acting else None
    if rule not in ("target", "label"):
        return None
    # a violent event: the most specific place named in the clause that is not an actor (a state or
    # region before the trigger is its subject: "Israel launched attacks", not a place)
    free = [m for m in ms if not is_actor_name(text, m)
            and not (m.end <= cue_start and m.place.kind in ("country", "region", "continent"))
            and not (wide and m.place.kind in ("country", "region", "continent"))]
    if not free:
        # nothing but actors' names: a province's, district's or town's force or group acts at home ("Clashes
        # between the Arakan Army and government troops", "Punjab police arrested ..."), near it
        home = [m for m in ms if m.place.kind in ("admin1", "admin2", "city") and m.surface.lower() not in
                _DEMONYM_FORMS and (_FORCE_AFTER.match(text, m.end) or _ARMED_GROUP_AFTER.match(text, m.end))]
        if home:
            m = min(home, key=lambda m: abs(m.start - cue_start))
            return Located(m, 2 if m.place.kind == "city" else 3, "home")
        return None
    best = min(free, key=lambda m: (bool(_ORIGIN_AFTER.match(text, m.end, m.end + 30)),
                                    KIND_RANK.get(m.place.kind, 9), abs(m.start - cue_start)))
    return Located(best, precision_of(text, best, None, False), "clause")


def _fronted(text: str, lo: int, at: int, m: Mention) -> bool:
    """A locative phrase that opens its sentence and is set off by a comma ("In Hyderabad, JI and JuD held a
    protest against ... in Myanmar"): the scene of the whole sentence."""
    return text[lo:at].strip() == "" and text[m.end:m.end + 1] == ","


# "in the capital", "the country's capital": a national capital named by what it is.
_THE_CAPITAL = re.compile(r"\bthe\s+(?:national\s+|country's\s+|country’s\s+|nation's\s+|nation’s\s+)?"
                          r"(?P<w>[Cc]apital)(?:\s+city)?\b")
_NAMED_AFTER = re.compile(r"\s*,?\s+(?:[A-Z]|of\b)")  # "the capital Dhaka", "the capital city of Yala province"


def capital_mentions(text: str, article_id: str, mentions: list[Mention], spans, capital_of) -> list[Mention]:
    """Mentions of "the capital" ("vehicles were torched in the capital"), as the capital of the one country
    the text is about: the country most of its place names (not actors' names) are in, and the countries of
    the parties and armed groups it names (:data:`lexicon.ORG_COUNTRIES`); none when two countries tie or
    none is named. "The capital Dhaka" and "the capital of Kenya" are left to the names they give.
    ``capital_of(cc)`` gives the capital's Place (or None); ``spans`` are the text's sentence spans."""
    hits = [h for h in _THE_CAPITAL.finditer(text) if not _NAMED_AFTER.match(text, h.end())]
    if not hits:
        return []
    votes = country_votes(text, [m for m in mentions if not is_actor_name(text, m)])
    for cc in org_countries(text):
        votes[cc] = votes.get(cc, 0) + 1
    if not votes:
        return []
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return []
    place = capital_of(ranked[0][0])
    if place is None:
        return []
    out = []
    for h in hits:
        a, b = h.span("w")
        sent = next(((s, e) for s, e in spans if s <= a < e), (a, b))
        out.append(Mention(article_id, a, b, text[a:b], place, 0.5, sent[0], sent[1]))
    return out
