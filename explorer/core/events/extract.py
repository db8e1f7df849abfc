"""Event extraction: the orchestration of the package's steps, one article at a time.

    extract_events(article, text, mentions) -> list[Event]

``text`` is the cleaned article text (same length as ``article.raw_text``,
page furniture masked with spaces, so offsets are raw offsets), ``mentions``
the article's resolved place mentions. For each sentence (headings,
questions and photo captions excepted):

1. find the trigger cues (:mod:`.triggers`) and drop those that report
   nothing (:mod:`.filters`: hazards, condemnations and grievances,
   threats and negations, habitual talk, background references);
2. type each cue by the codebook (:mod:`.codebook`) from its agent and target
   (:mod:`.actors`) and what the sentence and its paragraph tell (a
   demonstration, violent crowds, the authorities' intervention);
3. make one report per sentence and family (violence, demonstration, each
   strategic development): explosives decide the violence report's type, the
   first cue the others';
4. place it (:mod:`.place`), date it (:mod:`.dates`), name its actors;
5. within a paragraph, a report that names no place or date of its own takes
   the paragraph's (the scene's): later sentences tell more of the same
   happening, and the reports of one family at one place take one type
   (the happening's), so that the ledger (:mod:`.merge`) merges them.

Reports without a stated date get the inferred window of the week before the
article's clock (publication date or dateline) when there is one.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from explorer.core.events import actors as act
from explorer.core.events import dates as dt
from explorer.core.events import filters as flt
from explorer.core.events.codebook import Context, classify
from explorer.core.events.place import (LOCATIVE, TARGETED, Located, capital_mentions, country_support,
                                        country_votes, is_actor_name, locate, lone_foreign)
from explorer.core.events.taxonomy import BY_ID, BY_LABEL, family
from explorer.core.events.triggers import DEMONSTRATION_KINDS, VIOLENCE_KINDS, WEAPON_KINDS, Cue, find_cues
from explorer.core.models import Article, Event, Mention
from explorer.core.places.geoparse import capital_of
from explorer.core.text.sentences import sentence_spans

__all__ = ["extract_events", "extract_event_records", "EventRecord"]

_TERMINAL = ".!\"')]\u201d\u2019"
_HARM = re.compile(r"\b(?:kill\w*|dead|died|death|injur\w*|wound\w*|hurt|shot|stabb\w*|hacked|beat(?:en)?|"
                   r"assault\w*|abduct\w*|kidnap\w*|rap(?:ed|e)|casualt\w+|lynch\w*|bodies|body|murder\w*|"
                   r"burn\s+injur\w*|hospitali[sz]ed)\b", re.I)
_LETHAL = re.compile(r"\b(?:kill\w*|dead|died|death|shot|opened\s+fire|fired\s+(?:live|bullets|on|at|into)|"
                     r"live\s+(?:bullets|ammunition|rounds)|gunfire|murder\w*)\b", re.I)
_VIOLENT_BLOCKADE = re.compile(r"\b(?:barricad\w*|burn\w*\s+(?:\w+\s+)?(?:tyres|tires)|(?:tyres|tires)\s+(?:were\s+)?"
                               r"(?:set\s+)?(?:on\s+)?(?:fire|ablaze|burn\w*)|boulders|logs|rocks|stones|bonfires?|deflat\w+)\b",
                               re.I)
# A people's settlement as the target, right after the trigger: "attacked a Fulani camp", "burned down a Fulani
# pastoralist camp", "attacked the Pokot settlement".
_COMMUNAL_TARGET = re.compile(r"(?:\s+(?:and\s+)?[a-z]+(?:\s+down)?)?\s+(?:an?|the|two|three|several)\s+"
                              r"(?:[A-Z][\w'-]+\s+){1,2}(?:[a-z]+\s+)?(?:camps?|settlements?|hamlets?|encampments?)\b")
_MOB_JUSTICE = re.compile(r"\b(?:suspected|presumed|alleged|accused|would-be)\s+(?:\w+\s+){0,2}(?:thie(?:f|ves)|robbers?|"
                          r"burglars?|sorcer(?:er|ers|ess)|witch(?:es)?|kidnappers?|rapists?)|accused\s+of\s+(?:sorcery|witchcraft|theft|stealing)|(?:thie(?:f|ves)|burglars?)\b",
                          re.I)
_VIOLENT_CROWD = re.compile(r"\b(?:violent(?:ly)?\s+(?:\w+\s+)?(?:protest\w*|demonstrat\w*|crowds?|mobs?|agitat\w*)|"
                            r"turned\s+violent|rowdy|unruly|went\s+on\s+(?:a\s+)?rampage)\b", re.I)
_FIREARMS = re.compile(r"\b(?:guns?|gunm[ae]n|gunfire|gunshots?|firearms?|rifles?|AK-?47s?|pistols?|bullets?|shot|"
                       r"shoot\w*|opened\s+fire|fired|firing|militias?|militiamen|armed|raid\w*|rustl\w*|bandits?|"
                       r"warriors?)\b", re.I)
_GUNFIGHT = re.compile(r"(?i)gun|fire|exchang|shoot|encounter")
_VEHICLE = re.compile(r"\b(?:bus(?:es)?|trucks?|lorr(?:y|ies)|vehicles?|cars?|vans?|motorbikes?|motorcycles?|"
                      r"rickshaws?|tempos?|matatus?|microbus(?:es)?|auto-?rickshaws?|ambulances?|trains?)\b", re.I)
_LABEL = re.compile(r"^\s*([A-Z][a-z]+(?:[ /-][a-z]+){0,3})\s*:\s+")
_CLAUSE_BREAK = re.compile(r";|\s[-\u2013\u2014]+\s|\u2014|:\s")
_PRIORITY = {  # the type a happening takes when its reports disagree: the most telling
    "violent_demonstration": 4, "mob_violence": 3, "excessive_force": 2, "protest_with_intervention": 1,
    "peaceful_protest": 0,
}


@dataclass(frozen=True)
class EventRecord:
    """A report with what the extractor knows beyond :class:`Event`."""

    event: Event
    date_text: str | None  # the date phrase as written ("January 18"), resolved or not
    rule: str | None = None  # the codebook rule that typed it
    how_placed: str | None = None  # "locative", "hint", "clause", "scene", "home", or None


@dataclass
class _Report:
    type: str
    rule: str
    cues: list
    sent: tuple[int, int]
    para: int
    lead: Cue
    located: object = None
    window: dt.Window | None = None
    date_text: str | None = None
    actors: tuple = ()
    own_place: bool = False
    own_date: bool = False


def extract_events(article: Article, text: str, mentions: list[Mention], *,
                   keep_placeless: bool | None = None) -> list[Event]:
    """The event reports of one article, in text order (see the module's docstring).

    ``keep_placeless``: None (default) keeps a report without a place when it
    has a date (stated or inferred) and its type does not need a place
    (meetings, diplomatic acts do); True keeps all; False none.
    """
    return [r.event for r in extract_event_records(article, text, mentions, keep_placeless=keep_placeless)]


def extract_event_records(article: Article, text: str | None, mentions: list[Mention], *,
                          keep_placeless: bool | None = None) -> list[EventRecord]:
    """Like :func:`extract_events`, with the date phrase, the codebook rule and how each report was placed."""
    raw = article.raw_text
    if text is None or len(text) != len(raw):
        text = raw
    cues = find_cues(text)
    if not cues and ":" not in text:
        return []
    captions = dt.caption_spans(raw)
    dateline = dt.DATELINE.search(text, 0, min(len(text), 1500))
    skip = captions + ([dateline.span("date")] if dateline else [])  # the clock is no event's date
    hits = dt.find_dates(text, skip)
    clock, _ = dt.article_clock(text, article.published, hits)
    donors = dt.caption_full_dates(raw, captions) if clock is None and captions else []
    ms = sorted((m for m in mentions if 0 <= m.start < m.end <= len(text)), key=lambda m: m.start)
    spans = sentence_spans(text)
    if "apital" in text:  # "in the capital": the capital of the country the text is about
        ms = sorted(ms + capital_mentions(text, article.article_id, ms, spans, capital_of), key=lambda m: m.start)
    m_starts = [m.start for m in ms]
    c_starts = [c.start for c in cues]
    h_starts = [h.start for h in hits]

    # paragraph of each sentence: a new one after a line break
    paras, p = [], 0
    for k, (s, e) in enumerate(spans):
        if k and "\n" in text[spans[k - 1][1]:s]:
            p += 1
        paras.append(p)

    per_sentence = []
    grievance_ends: list[int] = []  # where the object of a grievance ("the murder of a colleague") ends
    for k, (s, e) in enumerate(spans):
        lo, hi = bisect_left(c_starts, s), bisect_left(c_starts, e)
        if lo == hi:
            continue
        if _is_heading(text, s, e) or text[e - 1] == "?" or any(a <= s < b for a, b in captions):
            continue
        kept, grievances = [], []
        for c in cues[lo:hi]:
            if c.end > e:
                continue
            if kept and c.kind == "kill" and c.text.lower().startswith("death") and \
                    re.search(r"\bto\s*$", text[max(s, c.start - 4):c.start]) and c.start - kept[-1].end < 30:
                continue  # "burned him to death": the outcome of the trigger before it
            clo, chi = _clause(text, s, e, c.start)
            why = flt.dropped_by(text, c, clo, chi)
            if why is None:
                kept.append(c)
            elif why == "condemnation_or_grievance":
                grievances.append(c)
        if kept:
            per_sentence.append((k, s, e, kept, grievances))
        grievance_ends.extend(c.end for c in grievances)

    # the scene's features, per paragraph
    scene: dict[int, dict] = {}
    armed: dict[int, bool] = {}  # the sentence tells of guns, shooting or a militia
    for k, s, e, kept, _ in per_sentence:
        f = scene.setdefault(paras[k], {"demonstration": False, "crowd_violence": False, "intervention": False,
                                        "firearms": False})
        sent = text[s:e]
        kinds = {c.kind for c in kept}
        armed[k] = bool(_FIREARMS.search(sent))
        if armed[k]:
            f["firearms"] = True
        if kinds & DEMONSTRATION_KINDS - {"riot"} or re.search(r"(?i)\bprotest|demonstrat", sent):
            f["demonstration"] = True
        if kinds & {"stone", "riot"} or _says(_VIOLENT_BLOCKADE, sent) and kinds & DEMONSTRATION_KINDS \
                or _says(_VIOLENT_CROWD, sent):
            f["crowd_violence"] = True
        if kinds & {"disperse", "arrest"}:
            f["intervention"] = True

    reports: list[_Report] = []
    for k, s, e, kept, grievances in per_sentence:
        f = scene[paras[k]]
        sent = text[s:e]
        # a death or an attack that is the object of a grievance ("protested against the death of a woman")
        # hurts nobody in this sentence's happening
        told = _blank_cues(sent, s, grievances) if grievances else sent
        harm = _says(_HARM, told)
        firearms = armed[k]
        lethal = _says(_LETHAL, told)
        violent_blockade = _says(_VIOLENT_BLOCKADE, sent)
        typed = []
        hit_cache: dict = {}
        for c in kept:
            if c.kind == "disperse":
                continue
            clo, chi = _clause(text, s, e, c.start)
            cls_hits = hit_cache.get((clo, chi))
            if cls_hits is None:
                cls_hits = hit_cache[(clo, chi)] = act.classes(text[clo:chi])
            agent, target = act.participants(text[clo:chi], c.start - clo, c.end - clo, hits=cls_hits)
            ctx = Context(kind=c.kind, agent=agent, target=target, demonstration=f["demonstration"],
                          crowd_violence=f["crowd_violence"], intervention=f["intervention"], harm=harm,
                          lethal=lethal, parties=frozenset(act.clause_classes(text[clo:chi], cls_hits)),
                          violent_blockade=violent_blockade,
                          vehicle_target=bool(_VEHICLE.search(text, max(clo, c.start - 60), min(chi, c.end + 60))),
                          mob_justice=bool(_MOB_JUSTICE.search(text, c.end, chi)),  # the victim's side
                          communal_target=bool(_COMMUNAL_TARGET.match(text, c.end, chi)),
                          # a clash is fought with the guns the paragraph tells of ("clashed ... wounded by
                          # machetes and gunshots")
                          firearms=firearms or (c.kind == "clash" and f["firearms"]),
                          gunfight=bool(_GUNFIGHT.match(c.text)),
                          cross_border_state=_cross_border_state(text, ms, m_starts, clo, chi, c),
                          sides=frozenset(act.clash_sides(text[clo:chi], c.start - clo, c.end - clo, cls_hits))
                          if c.kind == "clash" else frozenset())
            t, rule = classify(ctx)
            if t is None:
                continue

            if t == "violent_demonstration" and c.kind in VIOLENCE_KINDS and agent == "crowd":
                f["crowd_violence"] = True
            typed.append((c, t, rule))
        if not typed and any(c.kind == "disperse" for c in kept):
            # the authorities dispersing a crowd tell of a demonstration the text does not name otherwise
            c = next(c for c in kept if c.kind == "disperse")
            typed.append((c, "violent_demonstration" if f["crowd_violence"] else "protest_with_intervention",
                          "force_on_demonstrators"))
        typed = _outcomes_of_a_crowd_clash(typed)
        front = fronted_clause_end(text, s, e)
        if front is not None and any(c.start < front for c, _, _ in typed) and any(c.start >= front for c, _, _ in typed):
            # the opening clause and the main clause tell two happenings ("Following Iran's attack on Jan. 16,
            # Pakistan responded by targeting ... on Jan. 18"): one report per family in each
            reports.extend(_sentence_reports([x for x in typed if x[0].start < front], (s, e), paras[k]))
            reports.extend(_sentence_reports([x for x in typed if x[0].start >= front], (s, e), paras[k]))
        else:
            reports.extend(_sentence_reports(typed, (s, e), paras[k]))

    reports = _labelled(text, spans, paras, reports)

    # crowd violence found while typing makes the paragraph's demonstrations violent
    for r in reports:
        f = scene.get(r.para, {})
        if f.get("crowd_violence") and family(r.type) == "demonstration" and r.type in ("peaceful_protest",
                                                                                   "protest_with_intervention"):
            r.type, r.rule = "violent_demonstration", "demonstration"

    # place, date, actors
    votes = country_votes(text, ms)
    support = country_support(ms)
    for r in reports:
        s, e = r.sent
        rule = "label" if r.rule == "label" else BY_ID[r.type].place_rule  # a labelled note: its sentence's place
        allowed = LOCATIVE | TARGETED if rule == "target" else LOCATIVE
        a, b = _subclause(text, s, e, r.lead.start)
        # the trigger's own clause first; then a locative phrase anywhere in the sentence; then the sentence's
        # towns and provinces (not a country named in another clause)
        r.located = locate(text, a, b, ms, r.lead.start, r.lead.end, allowed, votes, rule, support=support) or \
            locate(text, s, e, ms, r.lead.start, r.lead.end, allowed, votes, rule, fallback=False,
                   support=support) or \
            locate(text, s, e, ms, r.lead.start, r.lead.end, frozenset(), votes, rule, wide=True, support=support)
        r.own_place = r.located is not None
        hit = _date_hit(text, hits, h_starts, a, b, r.lead, grievance_ends) or \
            _date_hit(text, hits, h_starts, s, e, r.lead, grievance_ends)
        if hit is not None:
            r.date_text = raw[hit.start:hit.end]
            r.window = dt.resolve_hit(hit, clock, hits, donors)
        r.own_date = r.window is not None
        if r.window is None:  # a borrowed date: it dates this report, not the scene after it
            hit = _anaphoric_date_hit(text, spans, hits, h_starts, s, e)
            if hit is not None:
                r.date_text = raw[hit.start:hit.end]
                r.window = dt.resolve_hit(hit, clock, hits, donors)
        r.actors = act.actor_names(text[s:e])

    reports = _coordinated_places(text, ms, reports)
    _scene_inheritance(reports, _paragraph_dates(text, spans, paras, hits, clock),
                       _SentencePlaces(text, spans, paras, ms, votes, support))
    _misread_place_falls_back(text, ms, spans, paras, reports, support)
    _one_type_per_happening(reports)

    out: list[EventRecord] = []
    inferred = dt.inferred_window(clock)
    for r in reports:
        et = BY_ID[r.type]
        loc = r.located
        w = r.window or inferred
        if loc is None and (keep_placeless is False or (keep_placeless is None and (et.needs_place or w is None))):
            continue  # nowhere and never: nothing to put on a map or a timeline
        m = loc.mention if loc else None
        s, e = r.sent
        ev = Event(
            article_id=article.article_id, event_type=et.id, acled_type=et.acled_type, start=s, end=e,
            place=m.place if m else None, trigger="; ".join(dict.fromkeys(raw[c.start:c.end] for c in r.cues)),
            date=w.date if w else None, date_precision=w.precision if w else None, actors=r.actors,
            # a place taken from the scene has no mention in this report's sentence
            mention_start=m.start if m and s <= m.start < e else None,
            mention_end=m.end if m and s <= m.start < e else None,
            sub_event_type=et.sub_event_type, date_end=w.date_end if w else None,
            date_inferred=bool(w and w.inferred), geo_precision=loc.geo_precision if loc else None,
        )
        out.append(EventRecord(ev, r.date_text, r.rule, loc.how if loc else None))
    return out


def _blank_cues(sent: str, offset: int, cues: list[Cue]) -> str:
    """The sentence with the words of ``cues`` (offsets into the text, the sentence at ``offset``) blanked."""
    out = sent
    for c in cues:
        a, b = c.start - offset, c.end - offset
        out = out[:a] + " " * (b - a) + out[b:]
    return out


def _labelled(text: str, spans, paras, reports: list[_Report]) -> list[_Report]:
    """A paragraph that opens with a label naming a kind of development ("Property destruction: ...",
    "Movement of forces: ...") reports that, once: its label gives the type of its one report."""
    out = [r for r in reports]
    first_of_para: dict[int, int] = {}
    for k, p in enumerate(paras):
        first_of_para.setdefault(p, k)
    for p, k in first_of_para.items():
        s, e = spans[k]
        m = _LABEL.match(text, s, e)
        if not m:
            continue
        tid = BY_LABEL.get(m.group(1).lower())
        if tid is None:
            continue
        out = [r for r in out if r.para != p]
        lead = Cue(s + m.start(1), s + m.end(1), "label", m.group(1))
        out.append(_Report(tid, "label", [lead], (s, e), p, lead))
    out.sort(key=lambda r: r.lead.start)
    return out


def _cross_border_state(text: str, ms: list[Mention], m_starts, lo: int, hi: int, c: Cue) -> bool:
    """Does a state named as a country (not by its forces: "Pakistan", not "the Pakistan army") act in the
    clause before the trigger, on a place of another country named after it ("... in Iran")?"""
    before = ms[bisect_left(m_starts, lo):bisect_left(m_starts, c.start)]
    states = {m.place.country_code for m in before if m.place.kind == "country" and not is_actor_name(text, m)
              and not re.match(r"(?:'s|’s)\s", text[m.end:m.end + 3])}
    if not states:
        return False
    after = ms[bisect_left(m_starts, c.end):bisect_left(m_starts, hi)]
    return any(m.place.country_code and m.place.country_code not in states and m.place.kind in
               ("country", "admin1", "admin2", "city") and not is_actor_name(text, m) for m in after)


_ANAPHOR = re.compile(r"\b(?:this|that|the\s+same|these|those)\s+(meeting|visit|talks|summit|attack|strike|raid|"
                      r"incident|clash|protest|demonstration|operation|encounter|ambush|blast|explosion|"
                      r"agreement|ceasefire)s?\b", re.I)


def _anaphoric_date_hit(text: str, spans, hits, h_starts, s: int, e: int):
    """"During this meeting, ..." with no date of its own: the date phrase of the nearest earlier sentence
    (at most two back) that names the same kind of thing ("a significant meeting reported ... on Jan. 29")."""
    m = _ANAPHOR.search(text, s, e)
    if not m:
        return None
    noun = m.group(1).lower()
    k = bisect_left([a for a, _ in spans], s)
    for j in range(k - 1, max(-1, k - 3), -1):
        a, b = spans[j]
        if not re.search(r"(?i)\b" + noun, text[a:b]):
            continue
        inside = hits[bisect_left(h_starts, a):bisect_left(h_starts, b)]
        explicit = [h for h in inside if h.kind in _EXPLICIT]
        if explicit or inside:
            return (explicit or inside)[-1]
    return None


def _clause(text: str, s: int, e: int, pos: int) -> tuple[int, int]:
    """The stretch of the sentence ``text[s:e]`` around ``pos`` between hard breaks (; — :), and between an
    opening adverbial clause and the main clause (:func:`fronted_clause_end`)."""
    lo, hi = s, e
    for m in _CLAUSE_BREAK.finditer(text, s, e):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    front = fronted_clause_end(text, s, e)
    if front is not None:
        if front <= pos:
            lo = max(lo, front)
        else:
            hi = min(hi, front)
    return lo, hi


_SUBORDINATE = re.compile(r",?\s(?=(?:as|when|while|whereas|after|before|because|until|since|once|following)\s"
                          r"(?!(?:well|a\s+result|part|of|such)\b))|,\s(?=(?:but|and)\s)", re.I)


# A sentence that opens with an adverbial clause ending at a comma: "Following Iran's attack in Balochistan on
# Jan. 16, Pakistan responded ...", "In response to Israeli actions in Gaza, Saudi Arabia suspended ...".
_FRONTED = re.compile(r"\s*(?:after|following|in\s+(?:response|retaliation|reaction|reprisal)\s+(?:to|for)|amid|"
                      r"despite|because\s+of|due\s+to|ahead\s+of|weeks?\s+after|days?\s+after)\b(?:[^,;]|,(?=\s*\d{4}\b)){3,200}?,(?!\s*\d{4}\b)\s",
                      re.I)


def fronted_clause_end(text: str, s: int, e: int) -> int | None:
    """Where the main clause starts after an opening adverbial clause of the sentence ``text[s:e]``, or None.
    An opening "-ing" participle after that comma ("..., allegedly targeting Jaish al-Adl members,") still
    belongs to the opening clause."""
    m = _FRONTED.match(text, s, e)
    if not m:
        return None
    end = m.end()
    part = re.match(r"(?:\w+ly\s+)?\w+ing\b[^,;]{0,120}?,\s", text[end:e])
    if part:
        end += part.end()
    return end if end < e else None


def _subclause(text: str, s: int, e: int, pos: int) -> tuple[int, int]:
    """The part of the sentence around ``pos`` between subordinators ("as Israeli jets ...", "when ..."); a
    trigger in the main clause after an opening adverbial clause ("In response to ... in Gaza, Saudi Arabia
    suspended ...") has only the main clause."""
    lo, hi = _clause(text, s, e, pos)
    front = fronted_clause_end(text, s, e)
    if front is not None and front <= pos and lo < front:
        lo = front
    opened = False
    for m in _SUBORDINATE.finditer(text, lo, hi):
        if m.end() <= pos:
            lo, opened = m.end(), True
        elif m.start() >= pos:
            hi = m.start()
            break
    if opened or re.match(r"(?i)(?:after|following|when|while|as|before|because|since|once|despite|amid)\b",
                          text[lo:pos]):
        comma = text.find(", ", pos, hi)  # an opening subordinate clause ends at its comma
        if comma >= 0:
            hi = comma
    return lo, hi


def _is_heading(text: str, s: int, e: int) -> bool:
    """A whole line of at most 30 words without final punctuation, with more text after it."""
    if text[e - 1] in _TERMINAL:
        return False
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    whole_line = not text[line_start:s].strip() and not text[e:line_end].strip()
    return whole_line and len(text[s:e].split()) <= 30 and bool(text[line_end:].strip())


def _outcomes_of_a_crowd_clash(typed):
    """Deaths and wounds told beside a clash of crowds ("A youth was killed in a clash over a disputed land",
    "three people were injured after a clash broke out between PTI and PML-N supporters") are that clash's
    toll, not an attack on civilians of their own: when a sentence tells of no violence but the clash and
    the killing or wounding, and the clash is typed as mob violence or a violent demonstration, the deaths
    take the clash's type (one happening, one report)."""
    crowd = next((t for c, t, _ in typed if c.kind == "clash" and family(t) == "demonstration"), None)
    if crowd is None:
        return typed
    violence = [x for x in typed if family(x[1]) == "violence"]
    if not violence or any(c.kind in VIOLENCE_KINDS and c.kind not in ("kill", "injure", "clash") for c, _, _ in typed):
        return typed  # another deed is told ("lynched by an angry mob ... beaten to death after a clash")
    return [(c, crowd, "outcome_of_clash") if family(t) == "violence" else (c, t, rule) for c, t, rule in typed]


def _sentence_reports(typed, sent, para) -> list[_Report]:
    """One report per family in a sentence: an explosive decides the violence report's type."""
    by_family: dict[str, list] = {}
    for c, t, rule in typed:
        by_family.setdefault(family(t), []).append((c, t, rule))
    out = []
    for fam, items in by_family.items():
        weapons = [x for x in items if x[0].kind in WEAPON_KINDS]
        clashes = [x for x in items if x[0].kind == "clash" and x[1] == "armed_clash"]
        if clashes:
            lead = clashes[0]  # a fight between two armed sides is a battle whatever the weapons
        elif weapons:
            lead = weapons[0]
        elif fam == "demonstration":
            lead = max(items, key=lambda x: (_PRIORITY.get(x[1], 0), -x[0].start))
        else:
            strong = [x for x in items if x[0].kind != "injure"]
            lead = (strong or items)[0]
        first = min(items, key=lambda x: x[0].start)[0]
        out.append(_Report(lead[1], lead[2], [x[0] for x in items], sent, para, first if fam != "violence"
                           else lead[0]))
    out.sort(key=lambda r: r.lead.start)
    return out


_EXPLICIT = ("dmy", "mdy", "num", "iso", "my")


# Before a date that is not the report's: a time set ahead or a deadline ("elections scheduled on January 31",
# "ahead of discussions on Feb. 1st", "by January 22"), or the object of a demand ("to protest for inclusive
# elections in April 2019").
_NOT_ITS_DATE = re.compile(r"(?:\b(?:scheduled|slated|planned|set|due|ahead\s+of|until|till|deadline|expir\w+)\s+"
                           r"(?:[\w'-]+\s+){0,4}?(?:on|for|of|by)?\s*|\bby\s+"
                           r"|\b(?:to\s+(?:protest|demand|press)|demanding|calling\s+for)\s+(?:[\w'-]+\s+){0,6}?(?:(?:in|on|by)\s+)?)$",
                           re.I)


# A date that names another happening, as its modifier ("prior to the August 8 elections", "his October 26
# election victory", "the 26 November attacks"): a determiner or possessive before it, that happening's noun
# after it.
_NAMING_DATE_BEFORE = re.compile(r"(?:\b(?:the|his|her|their|its|this|that)|['’]s)\s+$", re.I)
_NAMING_DATE_AFTER = re.compile(r"\s+(?:(?:general|presidential|parliamentary|local|repeat|fresh|national|"
                                r"county|by-?)\s+)?(?:elections?|polls?|vote|referendum|verdict|ruling|judge?ment|"
                                r"deadline|agreement|accord|ceasefire|cease-fire|attacks?|massacre|killings?|bombings?)\b",
                                re.I)


def _names_another_happening(text: str, h) -> bool:
    """A date used as the name of another happening (:data:`_NAMING_DATE_BEFORE`)."""
    return bool(_NAMING_DATE_BEFORE.search(text, max(0, h.start - 8), h.start)
                and _NAMING_DATE_AFTER.match(text, h.end, h.end + 40))


def _date_hit(text: str, hits, h_starts, s, e, lead: Cue, grievance_ends=()):
    """The date phrase of a report: an explicit date in its sentence before a weekday or relative word
    ("on Saturday night [22 August]"), the nearest to the trigger. Not a date set ahead or a deadline
    ("scheduled on January 31", "by January 22"), nor the date of a grievance's object ("to protest the
    murder of a colleague on October 13th"), nor a date that names another happening ("the August 8
    elections")."""
    inside = [h for h in hits[bisect_left(h_starts, s):bisect_left(h_starts, e)]
              if not _NOT_ITS_DATE.search(text, max(s, h.start - 60), h.start) and not _names_another_happening(text, h)
              and not any(g <= h.start <= g + 40 for g in grievance_ends)]
    if not inside:
        return None
    explicit = [h for h in inside if h.kind in _EXPLICIT]
    pool = explicit or inside
    return min(pool, key=lambda h: abs(h.start - lead.start))


_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")


_COORDINABLE = ("city", "poi", "admin2")
_LIST_GOES_ON = re.compile(r"\s*,\s*(?:and\s+)?[A-Z]|\s+and\s+(?:other|many|several|[A-Z])")
_LIST_ITEM = re.compile(r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?")
_BETWEEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)


def _coordinated_places(text: str, ms: list[Mention], reports: list[_Report]) -> list[_Report]:
    """"Missiles targeted Tel Aviv and Haifa", "demonstrations in Chittoor, Prakasam and East Godavari
    districts": one report per coordinated town or district of one country in the locative phrase. A list
    has "and", three names or more, or goes on after its last known name; "Azaz, Aleppo" names a town and
    its province, and "between Kaduna and Abuja" or "from X to Y" one stretch of road."""
    out = []
    starts = [m.start for m in ms]
    for r in reports:
        out.append(r)
        loc = r.located
        if loc is None or loc.how not in ("locative", "clause") or loc.mention.place.kind not in _COORDINABLE:
            continue
        m = loc.mention
        route = _BETWEEN.search(text, max(0, m.start - 12), m.start)
        if route and route.group(0).lower().startswith("between"):
            continue  # "on the road between Kaduna and Abuja": one stretch of road, one happening
        more, closed = [], False
        end = m.end
        while True:
            gap = _AND.match(text, end)
            if not gap:
                break
            k = bisect_left(starts, gap.end())
            if k < len(ms) and ms[k].start == gap.end():
                if ms[k].end > r.sent[1] or ms[k].place.country_code != m.place.country_code:
                    break
                if ms[k].place.kind not in _COORDINABLE:
                    if not (more and "," in gap.group() and _AND.match(text, ms[k].end)):
                        break
                    end = ms[k].end  # a province inside a list of districts ("..., Barisal, Noakhali, ..."): over it
                    continue
                closed = closed or "and" in gap.group() or "&" in gap.group()
                m = ms[k]
                more.append(m)
                end = m.end
                continue
            # an unknown name inside the list ("Sylhet, Bogra, Munhsiganj, Thakurgaon, ..."): over it
            unknown = _LIST_ITEM.match(text, gap.end())
            if not (unknown and "," in gap.group() and _AND.match(text, unknown.end())):
                break
            end = unknown.end()
        if (route or loc.how == "clause") and len(more) < 2:
            continue  # "from X to Y", "from X and Y": a stretch of road; "reported from A, B, C": a list. A
            # place the clause names without a locative word is coordinated only in a list of three or more
            # ("demonstrations ... including Sylhet, Bogra, ..., Feni")
        closed = closed or len(more) >= 2 or bool(more and _LIST_GOES_ON.match(text, m.end))
        if closed:  # "Tel Aviv and Haifa", "Chittoor, Prakasam and East Godavari", "Saptari, Siraha, Bara and
            # other districts"; "Azaz, Aleppo" is a town and its province
            out.extend(replace(r, located=replace(loc, mention=m), cues=list(r.cues)) for m in more)
    return out


# What a coder writes around a date that opens a note: "02 June (or around).", "On or before 17 May."
_DATE_QUALIFIER = re.compile(r"(?i)\(?\b(?:or\s+(?:around|about|before|after)|on\s+or\s+(?:about|before|after)|around|"
                             r"approximately|on)\b\)?")


def _paragraph_dates(text: str, spans, paras, hits, clock) -> dict[int, tuple]:
    """A paragraph that opens with a date on its own ("23 June. Two groups clashed ...", "02 June (or
    around)."): its scene's date."""
    out: dict[int, tuple] = {}
    seen = set()
    for (s, e), p in zip(spans, paras):
        if p in seen:
            continue
        seen.add(p)
        inside = [h for h in hits if s <= h.start < e]
        if len(inside) == 1 and not _DATE_QUALIFIER.sub("", text[s:e].replace(inside[0].text, "")).strip(
                " .:;,-\u2013\u2014\n"):
            w = dt.resolve_hit(inside[0], clock, hits)
            if w is not None:
                out[p] = (w, inside[0].text)
    return out


_TOOK_PLACE = re.compile(
    r"\b(?:took\s+place|happened|occurr?ed|was\s+reported|were\s+reported|unfolded|was\s+held|were\s+held)\s+"
    r"(?:[\w'-]+\s+){0,3}?(?:in|at|near|on|inside|outside|along|around)\b", re.I)


# Case-sensitive twins of the patterns searched in every sentence, for ASCII text (see filters._found)
_ASCII_TWINS = {rx: flt._ascii_twin(rx) for rx in (_HARM, _LETHAL, _VIOLENT_BLOCKADE, _VIOLENT_CROWD, _TOOK_PLACE)}


def _says(rx: re.Pattern, text: str, lo: int = 0, hi: int | None = None) -> bool:
    """``rx.search(text, lo, hi)`` finds something (by its ASCII twin where it can: same answer, faster)."""
    return flt._found(rx, _ASCII_TWINS[rx], text, lo, len(text) if hi is None else hi)


class _SentencePlaces:
    """The place of each sentence's first locative phrase (a report's or not), found lazily, and the
    sentences that say where "it took place" ("The incident took place at Kagumo village"), per paragraph."""

    def __init__(self, text: str, spans, paras, ms: list[Mention], votes: dict, support: dict) -> None:
        self.text, self.spans, self.paras, self.ms, self.votes, self.support = text, spans, paras, ms, votes, support
        self.starts = [s for s, _ in spans]
        self._cache: dict[int, object] = {}
        self._took: dict[int, list] = {}
        for k, (s, e) in enumerate(spans):
            if ms and _says(_TOOK_PLACE, text, s, e):
                loc = self.place(k)
                if loc is not None:
                    self._took.setdefault(paras[k], []).append(loc)

    def place(self, k: int):
        if k not in self._cache:
            s, e = self.spans[k]
            self._cache[k] = locate(self.text, s, e, self.ms, s, s, LOCATIVE, self.votes, "located",
                                    fallback=False, support=self.support) if self.ms else None
        return self._cache[k]

    def took_place(self, para: int) -> list:
        return self._took.get(para, [])

    def latest_before(self, sent_start: int, para: int):
        """(sentence start, place) of the latest sentence of the paragraph, up to the one at ``sent_start``,
        with a locative phrase."""
        k = bisect_left(self.starts, sent_start)
        k = min(k, len(self.spans) - 1)
        while k >= 0 and self.paras[k] == para:
            if self.spans[k][0] <= sent_start:
                loc = self.place(k)
                if loc is not None:
                    return self.spans[k][0], loc
            k -= 1
        return None

    def first_after(self, sent_start: int, para: int):
        """The place of the first later sentence of the paragraph with a locative phrase, or None."""
        k = bisect_left(self.starts, sent_start + 1)
        while k < len(self.spans) and self.paras[k] == para:
            loc = self.place(k)
            if loc is not None:
                return loc
            k += 1
        return None


def _misread_place_falls_back(text: str, ms: list[Mention], spans, paras, reports: list[_Report],
                              support: dict) -> None:
    """A report whose sentence's only place was a misreading (a lone foreign town: "blocked roads in Mirpur"
    read as the Mirpur of another country, in a story of Dhaka) is placed at the nearest town or district of
    the paragraph in the country the story's places agree on, at geo-precision 2 (near it)."""
    best_cc = max(support, key=lambda cc: len(support[cc]), default=None)
    for r in reports:
        if r.located is not None or best_cc is None:
            continue
        s, e = r.sent
        if not any(s <= m.start < e and lone_foreign(m, support) for m in ms):
            continue
        para_lo = min(a for (a, _), p in zip(spans, paras) if p == r.para)
        para_hi = max(b for (_, b), p in zip(spans, paras) if p == r.para)
        near = [m for m in ms if para_lo <= m.start < para_hi and m.place.country_code == best_cc
                and m.place.kind in ("city", "admin2") and not lone_foreign(m, support)]
        if near:
            m = min(near, key=lambda m: abs(m.start - r.lead.start))
            r.located = Located(m, 2, "scene")


def _scene_inheritance(reports: list[_Report], lead_dates: dict | None = None,
                       sentence_places: _SentencePlaces | None = None) -> None:
    """A report without a place or date of its own takes its paragraph's latest ones (the scene): the
    place of the latest earlier sentence with a locative phrase (a report's or not); a paragraph that
    opens with a date alone starts its scene at that date. A sentence that says where it took place
    ("The incident took place at Kagumo village") places the paragraph's reports that have no place,
    or only a country or region, wherever it stands."""
    lead_dates = lead_dates or {}
    place = window = None
    para = None
    text_of = None
    for r in reports:
        if r.para != para:
            para, place = r.para, None
            window, text_of = lead_dates.get(para, (None, None))
        acting = BY_ID[r.type].place_rule == "acting"
        took = sentence_places.took_place(r.para) if sentence_places else []
        coarse = r.located is not None and r.located.mention.place.kind in ("country", "region", "continent")
        if took and not acting and (r.located is None or coarse) and \
                took[0].mention.place.kind not in ("country", "region", "continent"):
            r.located = replace(took[0], how="scene")
            continue_place = False
        else:
            continue_place = True
        if continue_place and r.located is None and not acting and sentence_places:
            earlier = sentence_places.latest_before(r.sent[0], r.para)
            if earlier and (place is None or earlier[1].mention.start > place.mention.start):
                r.located = replace(earlier[1], how="scene")
        if r.located is None and place is not None and not acting:
            r.located = replace(place, how="scene")
        if r.located is None and r.rule == "label" and sentence_places:
            # a label heads its paragraph ("Property destruction: 28 April. Residents accuse police of torching
            # houses in Rumuruti."): the paragraph's first place placed it
            ahead = sentence_places.first_after(r.sent[0], r.para)
            if ahead is not None:
                r.located = replace(ahead, how="scene")
        if r.window is None and window is not None:
            r.window, r.date_text = window, text_of
        if r.own_place:
            place = r.located
        if r.own_date:
            window, text_of = r.window, r.date_text


def _one_type_per_happening(reports: list[_Report]) -> None:
    """Reports of one family at one place in one paragraph tell one happening: they take one type,
    the first report's (demonstrations: the most telling, a riot over a protest with intervention over a
    peaceful one; violence: an explosive over the rest). A report dated to another day keeps its own."""
    groups: dict[tuple, list[_Report]] = {}
    for r in reports:
        pid = r.located.mention.place.place_id if r.located else None
        groups.setdefault((r.para, family(r.type), pid), []).append(r)
    for (_, fam, _), rs in groups.items():
        if len(rs) < 2:
            continue
        if fam == "demonstration":
            best = max(rs, key=lambda r: (_PRIORITY.get(r.type, 0), -r.lead.start))
        elif fam == "violence":
            # a fight between two sides (a clash) > a weapon (explosives, strikes) > a battle told otherwise
            clashes = [r for r in rs if r.type == "armed_clash" and r.lead.kind == "clash"]
            weapons = [r for r in rs if r.lead.kind in WEAPON_KINDS]
            battles = [r for r in rs if r.type == "armed_clash"]
            best = (clashes or weapons or battles or rs)[0]
        else:
            continue
        when = best.window.date if best.window else None
        for r in rs:
            if r.window and r.window.date != when:
                continue  # another day is another happening ("In 2014, the army launched an offensive")
            r.type, r.rule = best.type, best.rule
