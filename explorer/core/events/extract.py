"""Events: what the articles report as happening, where, when, and by whom.

Pure Python and regular expressions, no network, no model. One call per article::

    extract_events(article, text, mentions) -> list[Event]

``text`` is the cleaned article text (same length as ``article.raw_text``,
non-article parts masked with spaces), ``mentions`` the article's resolved
place mentions. The steps, for each sentence of ``text``:

1. Skip headings (a whole line without final punctuation) and questions.
2. Find trigger words of the taxonomy (:mod:`explorer.core.event_taxonomy`).
3. Cut the sentence into pieces at semicolons, dashes, commas (not the commas
   of "Panjgur, Balochistan" or "Jan. 29, 2024") and before subordinators
   ("when Pakistan...", "as Israeli jets..."). Triggers of one type in one
   piece (or in adjacent pieces) make one event; a piece without a trigger
   is attached to its neighbour (the next one when it opens with a
   preposition or date, else the previous one) and lends it its dates and
   actors.
4. Drop hypothetical, negated, habitual and generic mentions ("could lead to
   strikes", "was not used in attacks", "clashes have happened regularly").
5. Place: the place in a locative relation to the trigger (see
   :func:`_locative_prep`), the most specific of a chain ("Pakistan's
   Balochistan" -> Balochistan, "Panjgur, Balochistan" -> Panjgur); one
   event per coordinated place ("targeted Tel Aviv and Haifa" -> two). Else
   a fallback that depends on the type (``EventType.place_rule``).
6. Date: the nearest date phrase in the event's pieces, resolved against the
   article's own dates; never invented (see :func:`_resolve`).
7. Actors: countries (names, demonyms, capitals used as subjects), named
   armed groups, forces and offices, titled persons.

Placeless events are dropped unless they carry a resolved date, or are a
ceasefire/agreement between two named parties (see ``keep_placeless``).
Full documentation and known limits: ``docs/events.md``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date as _date, timedelta

from explorer.core.event_taxonomy import BY_ID, TYPES
from explorer.core.models import PLACE_KINDS, Article, Event, Mention
from explorer.core import sentences as _sent

__all__ = ["extract_events", "extract_event_records", "EventRecord"]

_KIND_RANK = {k: i for i, k in enumerate(PLACE_KINDS)}

# ---------------------------------------------------------------- triggers

_TRIGGER_RE = re.compile("|".join(f"(?P<{t.id}>\\b(?:{t.pattern}))" for t in TYPES), re.IGNORECASE)


def _trie_regex(words) -> str:
    """A regex matching any of ``words`` (or a longer word they begin), factored as a trie (fast in ``re``)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        if "" in node:
            return ""  # a shorter stem suffices: only where a match may start matters
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return build(trie)


_STEMS = sorted({st for t in TYPES for st in t.stems})
_STEM_RE = re.compile(r"\b" + _trie_regex(_STEMS))
_TYPE_RES = [(t.id, re.compile(r"\b(?:" + t.pattern + ")", re.IGNORECASE)) for t in TYPES]
_BY_PREFIX: dict[str, list] = {}
for _k, (_tid, _rx) in enumerate(_TYPE_RES):
    for _st in TYPES[_k].stems:
        _lst = _BY_PREFIX.setdefault(_st[:3], [])
        if (_tid, _rx) not in _lst:
            _lst.append((_tid, _rx))
for _lst in _BY_PREFIX.values():
    _lst.sort(key=lambda tr: [t.id for t in TYPES].index(tr[0]))

# Words just before a trigger that make it something else.
_NOT_BEFORE = {
    "armed_attack": re.compile(r"\b(?:heart|panic|cyber|verbal|personal|asthma|anxiety|scathing|blistering\s+verbal)\s*-?\s*$", re.I),
    "air_or_missile_strike": re.compile(r"\b(?:hunger|general|labou?r|workers'?|teachers'?|doctors'?|on)\s+$", re.I),
    "bombing_or_explosion": re.compile(r"\b(?:population|data|information|price|demographic)\s+$", re.I),
    "meeting_or_talks": re.compile(r"\b(?:peace|ceasefire)\s+$", re.I),
}
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+$", re.I)
_NOT_AFTER = {
    "armed_clash": re.compile(r"^\s+(?:of\s+(?:civili[sz]ations|interests|ideas|cultures))", re.I),
    "armed_attack": re.compile(r"^\s+(?:on|against)\s+(?:his|her|their|the)\s+(?:character|credibility|reputation|policy|policies|record)", re.I),
}
# "called on X to do Y" is an appeal, not a visit; the trigger regex already
# excludes it from meeting_or_talks, so it lands in statement.

# ------------------------------------------------------------------ clauses

_SUBORDINATOR = re.compile(
    r"\s(?=(?:when|while|whereas|as|after|before|because|until|once|since)\s+"
    r"(?:[A-Z]|the\b|its\b|their\b|his\b|her\b|it\b|they\b|he\b|she\b|both\b))"
)
_HARD_BREAK = re.compile(r";|\s[-\u2013\u2014]+\s|\u2014|:\s")
_COMMA = re.compile(r",\s+")
_APPOSITION_END = re.compile(r"\s*(?:[,.;:)!?\"']|$|(?:province|district|region|city)\b)")
_OPENS_WITH_PREP = re.compile(
    r"^(?:[\"']\s*)?(?:in|on|at|near|inside|during|after|following|amid|early|late|by|before|from|across|over|along|"
    r"earlier|later|last|this|on\s+the)\b", re.I)
_OPENS_LOCATIVE = re.compile(r"^(?:[\"'][^\"']{0,40}[\"']\s*,?\s*|\w+ly\s+)?(?:targeting|hitting|striking)\b", re.I)

# ---------------------------------------------------------------- filters

_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|should|must|can|cannot|can't|will|shall|won't|wouldn't|if|unless|whether|"
    r"threat|threats|threaten(?:s|ed|ing)?|risk|risks|fear|fears|feared|danger|prospect|possibility|possible|"
    r"potential|potentially|prevent|preventing|prevented|avoid|avoiding|avert|averting|deter|deterring|"
    r"not(?!\s+only)|no|never|nor|without|deny|denied|denies|refrain|"
    r"(?:ready|plans?|planning|intends?|aims?|seeks?|wants?|going|likely|expected|set|vows?|vowed|threatened|"
    r"pledged|promised|decided|agreed|prepared)\s+to|apprehensive|another|any|future|hope|hopes|hoped|"
    r"suggests?|suggested|rather\s+than|instead\s+of|no\s+longer|lest|imagine|hypothetical|scenario|"
    r"calls?\s+for|calling\s+for|urged?|urging|regarding|about)\b",
    re.I,
)
_HABITUAL = re.compile(
    r"\b(?:regularly|frequently|often|routinely|usually|repeatedly|over\s+the\s+(?:years|decades)|for\s+(?:years|decades)|"
    r"every\s+(?:year|time)|whenever|cycle\s+of|history\s+of)\b", re.I)
_ANAPHORIC = re.compile(r"\b(?:this|that|these|those|such|the\s+same|the|its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
_DEMONSTRATIVE = re.compile(r"\b(?:this|that|these|those|the\s+same)\s+(?:[\w-]+\s+){0,1}$", re.I)
_AGENT_BLOCK = re.compile(r"\b(?:after|following|before|behind|against|amid|despite|since|than|unlike|while|whereas)\b",
                          re.I)
_TERMINAL = ".!\"')]\u201d\u2019"

# ----------------------------------------------------------------- places

_STRONG = frozenset("in at near inside within outside across throughout around along off".split())
_TARGET = frozenset(
    "on upon against targeting targeted into over hit hitting struck striking bombed bombing shelled shelling "
    "attacked attacking raided stormed toward towards".split())
_LOC_PREPS: dict[str, frozenset] = {}
for _t in TYPES:
    if _t.id in ("protest", "arrest", "statement", "ceasefire_or_agreement", "border_closure", "diplomatic_action"):
        _LOC_PREPS[_t.id] = _STRONG
    elif _t.id == "meeting_or_talks":
        _LOC_PREPS[_t.id] = _STRONG | {"to"}
    elif _t.id == "airspace_violation":
        _LOC_PREPS[_t.id] = _STRONG | {"over", "into"}
    else:
        _LOC_PREPS[_t.id] = _STRONG | _TARGET
_ACTOR_NOT_PREPS = _STRONG | _TARGET | {"to", "with", "from"}
# Words that may stand between a preposition and its place ("in the restive
# southwestern province of Balochistan").
_NP_FILLER = frozenset(
    "the a an northern southern eastern western central north south east west northwest northeast southwest "
    "southeast north-western north-eastern south-western south-eastern northwestern northeastern southwestern "
    "southeastern restive neighbouring neighboring occupied province provinces city cities district districts "
    "region regions town towns village villages area areas of part parts deep its their his her capital port "
    "outskirts suburbs border borders county state territory coastal remote mountainous".split())
_LOOK_TOKEN = re.compile(r"[\w'.-]+|[(),\"]")
_CAPITAL_OF = {
    "Tehran": "Iran", "Islamabad": "Pakistan", "New Delhi": "India", "Washington": "United States",
    "Beijing": "China", "Moscow": "Russia", "Kabul": "Afghanistan", "Ankara": "Turkey", "Riyadh": "Saudi Arabia",
    "Baghdad": "Iraq", "Damascus": "Syria", "Kyiv": "Ukraine", "Kiev": "Ukraine", "London": "United Kingdom",
    "Paris": "France", "Cairo": "Egypt", "Doha": "Qatar", "Beirut": "Lebanon", "Tel Aviv": "Israel",
    "Abu Dhabi": "United Arab Emirates", "Baku": "Azerbaijan", "Dhaka": "Bangladesh", "Sanaa": "Yemen",
}

# ----------------------------------------------------------------- actors

_COUNTRY_ALIASES = {
    "Afghanistan": "Afghanistan", "Algeria": "Algeria", "Armenia": "Armenia", "Australia": "Australia",
    "Azerbaijan": "Azerbaijan", "Bahrain": "Bahrain", "Bangladesh": "Bangladesh", "Belarus": "Belarus",
    "Britain": "United Kingdom", "Canada": "Canada", "China": "China", "Cuba": "Cuba", "Cyprus": "Cyprus",
    "Egypt": "Egypt", "Eritrea": "Eritrea", "Ethiopia": "Ethiopia", "France": "France", "Germany": "Germany",
    "Greece": "Greece", "India": "India", "Indonesia": "Indonesia", "Iran": "Iran", "Iraq": "Iraq",
    "Israel": "Israel", "Italy": "Italy", "Japan": "Japan", "Jordan": "Jordan", "Kazakhstan": "Kazakhstan",
    "Kenya": "Kenya", "Kuwait": "Kuwait", "Kyrgyzstan": "Kyrgyzstan", "Lebanon": "Lebanon", "Libya": "Libya",
    "Mali": "Mali", "Mexico": "Mexico", "Morocco": "Morocco", "Myanmar": "Myanmar", "Nepal": "Nepal",
    "Niger": "Niger", "Nigeria": "Nigeria", "North Korea": "North Korea", "Oman": "Oman", "Pakistan": "Pakistan",
    "Palestine": "Palestine", "Poland": "Poland", "Qatar": "Qatar", "Russia": "Russia",
    "Saudi Arabia": "Saudi Arabia", "Serbia": "Serbia", "Somalia": "Somalia", "South Korea": "South Korea",
    "Spain": "Spain", "Sri Lanka": "Sri Lanka", "Sudan": "Sudan", "Syria": "Syria", "Tajikistan": "Tajikistan",
    "Tunisia": "Tunisia", "Turkey": "Turkey", "Türkiye": "Turkey", "Turkiye": "Turkey",
    "Turkmenistan": "Turkmenistan", "Ukraine": "Ukraine", "United Arab Emirates": "United Arab Emirates",
    "UAE": "United Arab Emirates", "United Kingdom": "United Kingdom", "U.K.": "United Kingdom",
    "UK": "United Kingdom", "United States": "United States", "U.S.": "United States", "US": "United States",
    "USA": "United States", "America": "United States", "Uzbekistan": "Uzbekistan", "Venezuela": "Venezuela",
    "Yemen": "Yemen", "Islamic Republic of Iran": "Iran", "Zionist regime": "Israel",
}
_DEMONYMS = {
    "Afghan": "Afghanistan", "American": "United States", "Azerbaijani": "Azerbaijan", "Bangladeshi": "Bangladesh",
    "British": "United Kingdom", "Chinese": "China", "Egyptian": "Egypt", "Emirati": "United Arab Emirates",
    "French": "France", "German": "Germany", "Indian": "India", "Iranian": "Iran", "Iraqi": "Iraq",
    "Israeli": "Israel", "Japanese": "Japan", "Jordanian": "Jordan", "Kuwaiti": "Kuwait", "Lebanese": "Lebanon",
    "Libyan": "Libya", "Pakistani": "Pakistan", "Palestinian": "Palestine", "Qatari": "Qatar", "Russian": "Russia",
    "Saudi": "Saudi Arabia", "Syrian": "Syria", "Turkish": "Turkey", "Ukrainian": "Ukraine", "Yemeni": "Yemen",
    "Somali": "Somalia", "Sudanese": "Sudan", "Afghani": "Afghanistan",
}
_GROUP_ALIASES = {
    "IRGC": "IRGC", "Islamic Revolutionary Guard Corps": "IRGC", "Revolutionary Guards": "IRGC",
    "Revolutionary Guard": "IRGC", "Jaish al-Adl": "Jaish al-Adl", "Jaish-ul-Adl": "Jaish al-Adl",
    "Jaish al Adl": "Jaish al-Adl", "Baloch Liberation Army": "Baloch Liberation Army",
    "BLA": "Baloch Liberation Army", "Baloch Liberation Front": "Baloch Liberation Front",
    "BLF": "Baloch Liberation Front", "TTP": "TTP", "Tehreek-e-Taliban Pakistan": "TTP",
    "Tehrik-i-Taliban Pakistan": "TTP", "Tehrik-e-Taliban Pakistan": "TTP", "Pakistani Taliban": "TTP",
    "Lashkar-e-Tayyiba": "Lashkar-e-Tayyiba", "Lashkar-e-Taiba": "Lashkar-e-Tayyiba", "LeT": "Lashkar-e-Tayyiba",
    "Jaish-e-Mohammed": "Jaish-e-Mohammed", "Jaish-e-Muhammad": "Jaish-e-Mohammed", "JeM": "Jaish-e-Mohammed",
    "The Resistance Front": "The Resistance Front", "TRF": "The Resistance Front", "Hamas": "Hamas",
    "Hezbollah": "Hezbollah", "Hizbullah": "Hezbollah", "Houthis": "Houthis", "Houthi": "Houthis",
    "Ansar Allah": "Houthis", "Islamic State": "Islamic State", "ISIS": "Islamic State", "ISIL": "Islamic State",
    "Daesh": "Islamic State", "ISKP": "ISKP", "al-Qaeda": "al-Qaeda", "Al-Qaeda": "al-Qaeda",
    "Al Qaeda": "al-Qaeda", "Taliban": "Taliban", "IDF": "IDF", "Israel Defense Forces": "IDF",
    "Israeli Defence Forces": "IDF", "ISPR": "ISPR", "Inter-Services Public Relations": "ISPR", "ISI": "ISI",
    "Inter-Services Intelligence": "ISI", "Research and Analysis Wing": "RAW", "Mossad": "Mossad",
    "Popular Mobilization Forces": "Popular Mobilization Forces", "Hashd al-Shaabi": "Popular Mobilization Forces",
    "NATO": "NATO", "OIC": "OIC", "Organization of Islamic Cooperation": "OIC",
    "Organisation of Islamic Cooperation": "OIC", "United Nations": "United Nations", "U.N.": "United Nations",
    "UN": "United Nations", "UN Security Council": "UN Security Council", "Security Council": "UN Security Council",
    "Wagner": "Wagner Group", "Al-Shabaab": "Al-Shabaab", "al-Shabaab": "Al-Shabaab", "Boko Haram": "Boko Haram",
}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NAME_RE = re.compile(
    r"(?P<group>(?<![\w-])(?:" + _alternation(_GROUP_ALIASES) + r")(?![\w-]))"
    r"|(?P<country>(?<![\w])(?:" + _alternation(_COUNTRY_ALIASES) + r")(?![\w]))"
    r"|(?P<demonym>(?<![\w])(?:" + _alternation(_DEMONYMS) + r")(?![\w])(?!\s+(?:soil|territory|airspace|cities|side|"
    r"waters|border|land|people|nation|government\s+reported)\b))"
    r"|(?P<org>(?:(?!The\b|A\b)[A-Z][\w-]*\s+){1,4}(?:Army|Front|Forces|Force|Corps|Guards?|Brigades?|Movement|Militia|"
    r"Police|Navy|Rangers|Foreign\s+Office|Office|Ministry)\b(?!\s+(?:Chief|Staff|chief)))"
)
_TITLE = (r"(?:President|Prime\s+Minister|(?:Foreign|Defen[cs]e|Interior|Deputy|Chief|Information)\s+Minister|Minister|"
          r"Field\s+Marshal|(?:Lt\.?\s+|Lieutenant\s+|Major\s+|Brig\.?\s+)?Gen(?:eral|\.)|Army\s+Chief|Ambassador|"
          r"Secretary-General|Secretary|[Ss]pokes(?:person|man|woman)|Supreme\s+Leader|Ayatollah|Commander|King|"
          r"Crown\s+Prince|Emir|Sheikh|Senator|Chancellor)")
_PERSON_RE = re.compile(_TITLE + r"\s+(?:Dr\.\s+)?(?P<name>(?:[A-Z][a-zA-Z-]+\s+){0,3}[A-Z][a-zA-Z-]+)")
_CAP_WORD = re.compile(r"\b(?:[A-Z]|al-|spokes)")
_NAME_WORD = re.compile(r"\b[A-Z][a-zA-Z-]+\b")
_NOT_NAME = frozenset(
    "Headquarters Assembly Council Staff Secretary Office Ministry Chief Minister President General Army Foreign "
    "Defense Defence Prime Intelligence The Of And Republic Islamic Command Committee Affairs House".split())

# ------------------------------------------------------------------- dates

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
      r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_Y = r"(?:1[89]\d{2}|20\d{2})"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE_RE = re.compile(
    r"(?P<iso>\b(?P<iy>" + _Y + r")-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)"
    r"|(?P<md>\b(?P<m1>" + _M + r")\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*[0-3]?\d)?\b(?!\s*[:.]\d)"
    r"(?:,?\s+(?P<y1>" + _Y + r")\b)?)"
    r"|(?P<dm>\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _M + r")(?![\w])(?:,?\s+(?P<y2>" + _Y + r")\b)?)"
    r"|(?P<my>\b(?P<m3>" + _M + r")\s+(?:of\s+)?(?P<y3>" + _Y + r")\b)"
    r"|(?P<pm>\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]his|[Ll]ast|[Nn]ext|[Oo]f)\s+"
    r"(?P<m4>" + _M + r")(?![\w])(?!\s+\d))"
    r"|(?P<yr>\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Oo]f)\s+(?P<y4>" + _Y + r")\b(?![-\u2013]\d))"
    r"|(?P<wd>\b(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"|(?P<rel>\b(?P<r>[Yy]esterday|[Tt]oday|[Tt]onight)\b)"
)
_MAX_ANCHOR_MONTHS = 3  # a month/day without a year takes the year of a stated date at most this far away


@dataclass
class _DateHit:
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    relative: int | None = None  # days before publication (0 today, 1 yesterday)


@dataclass(frozen=True)
class _Trig:
    start: int
    end: int
    type: str


@dataclass
class _Proto:
    type: str
    triggers: list
    own: list  # piece indexes holding its triggers
    attached: list = field(default_factory=list)  # trigger-less piece indexes lent to it


@dataclass(frozen=True)
class EventRecord:
    """An event with what the extractor knows beyond :class:`Event`."""

    event: Event
    date_text: str | None  # the date phrase as written ("January 18"), resolved or not
    placeless_reason: str | None = None


# --------------------------------------------------------------------- API


def extract_events(article: Article, text: str, mentions: list[Mention], *,
                   keep_placeless: bool | None = None) -> list[Event]:
    """The events the article reports, in text order.

    ``keep_placeless``: None (default) keeps an event without a place only when
    it has a resolved date or is a ceasefire/agreement between two named
    parties; True keeps every placeless event; False keeps none.
    """
    return [r.event for r in extract_event_records(article, text, mentions, keep_placeless=keep_placeless)]


def extract_event_records(article: Article, text: str, mentions: list[Mention], *,
                          keep_placeless: bool | None = None) -> list[EventRecord]:
    """Like :func:`extract_events`, with the raw date phrase of each event."""
    raw = article.raw_text
    if text is None or len(text) != len(raw):
        text = raw if text is None else text
    ms = sorted((m for m in mentions if 0 <= m.start < m.end <= len(text)), key=lambda m: m.start)
    m_starts = [m.start for m in ms]
    dates = _find_dates(text)
    d_starts = [d.start for d in dates]
    anchors = _anchors(dates, article)
    published = _parse_iso(article.published)
    persons = _LazyPersons(text)
    trig_all = _find_triggers(text)
    t_starts = [t.start for t in trig_all]

    out: list[EventRecord] = []
    prev_dated: dict[str, tuple[str | None, str | None]] = {}
    for s_start, s_end in _trigger_sentences(text, t_starts):
        lo, hi = bisect_left(t_starts, s_start), bisect_left(t_starts, s_end)
        if _is_heading(text, s_start, s_end) or text[s_end - 1] == "?":
            prev_dated = {}
            continue
        trigs = [t for t in trig_all[lo:hi] if t.end <= s_end]
        sent_ms = ms[bisect_left(m_starts, s_start):bisect_left(m_starts, s_end)]
        sent_dates = dates[bisect_left(d_starts, s_start):bisect_left(d_starts, s_end)]
        if not sent_ms and not sent_dates and not prev_dated and keep_placeless is not True and \
                not any(t.type == "ceasefire_or_agreement" for t in trigs):
            continue  # every event here would be placeless and undated, hence dropped
        ctx = _Sentence(text, raw, s_start, s_end, sent_ms, sent_dates, trigs, anchors, published, persons, article)
        records, dated = ctx.events(prev_dated, keep_placeless)
        out.extend(records)
        prev_dated = dated
    return _dedupe(out, keep_placeless)


# ---------------------------------------------------------------- helpers


def _trigger_sentences(text: str, positions: list[int]):
    """The sentences (as :func:`_sentence_spans` cuts them) that hold the sorted ``positions``,
    found by looking only around each position."""
    n, last = len(text), None
    for p in positions:
        if last is not None and last[0] <= p < last[1]:
            continue
        span = _sentence_at(text, p, n)
        if span is None or span == last:
            continue
        last = span
        yield span


_ALPHA_DOT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")


def _valid_cut(text: str, m) -> bool:
    """Does this boundary candidate end a sentence (not a full stop after an abbreviation or initial)?"""
    if m.group(0)[0] != ".":
        return True
    # the word before: the longest run of letters and dots ending at the stop, from a letter on
    # (what sentences._WORD_BEFORE finds, without its scan from far behind)
    end = k = m.start()
    while k > 0 and text[k - 1] in _ALPHA_DOT and end - k < 64:
        k -= 1
    while k < end and text[k] == ".":
        k += 1
    if k == end:
        return True
    word = text[k:end].lower().rstrip(".")
    return not (word in _sent._ABBREV or len(word) == 1)


def _sentence_at(text: str, p: int, n: int) -> tuple[int, int] | None:
    """The trimmed sentence span holding offset ``p`` (None if ``p`` is in the space between two)."""
    width = 200
    while True:
        lo, hi = max(0, p - width), min(n, p + width)
        start, end = (0 if lo == 0 else None), (n if hi == n else None)
        for m in _sent._CANDIDATE.finditer(text, lo, hi):
            if m.end() <= p:
                if _valid_cut(text, m):
                    start = m.end()
            elif _valid_cut(text, m):
                end = m.end() if m.group(0)[0] in ".!?" else m.start()
                break
        if start is not None and end is not None:
            break
        width *= 4
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start <= p < end else None


# The sentence cutter events share with excerpts (kept under this name for the tests).
_sentence_spans = _sent.sentence_spans


def _trigger_matches(text: str):
    """(type, start, end) as ``_TRIGGER_RE.finditer(text)`` finds them, fast: each type's pattern
    is only tried where one of its stems starts a word."""
    low = text.lower()
    if len(low) != len(text):
        for m in _TRIGGER_RE.finditer(text):
            yield m.lastgroup, m.start(), m.end()
        return
    pos = 0
    for s in _STEM_RE.finditer(low):
        i = s.start()
        if i < pos:
            continue
        for tid, rx in _BY_PREFIX.get(low[i:i + 3], ()):
            m = rx.match(text, i)
            if m:
                pos = m.end()
                yield tid, i, pos
                break


def _find_triggers(text: str) -> list[_Trig]:
    found = []
    for kind, s, e in _trigger_matches(text):
        nb = _NOT_BEFORE.get(kind)
        if nb and nb.search(text, max(0, s - 30), s):
            continue
        na = _NOT_AFTER.get(kind)
        if na and na.match(text[e:e + 60]):
            continue
        if kind == "meeting_or_talks" and text.startswith("met", s) and _PASSIVE_BEFORE.search(text, max(0, s - 12), s):
            continue  # "were met with retaliatory raids"
        if kind == "armed_attack" and _civilian_target(text, e):
            kind = "attack_on_civilians"
        found.append(_Trig(s, e, kind))
    return found


_CIVILIAN_TARGET = re.compile(
    r"^\s+(?:(?:on|against|targeting)\s+)?(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:civilians?|worshippers|tourists|pilgrims|"
    r"villagers|passengers|students|schools?|mosques?|churches|temples?|markets?|hospitals?|bus(?:es)?|wedding|funeral|"
    r"journalists|women|children|refugees?)\b", re.I)


def _civilian_target(text: str, end: int) -> bool:
    return bool(_CIVILIAN_TARGET.match(text[end:end + 80]))


def _is_heading(text: str, s: int, e: int) -> bool:
    if text[e - 1] in _TERMINAL:
        return False
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    whole_line = not text[line_start:s].strip() and not text[e:line_end].strip()
    return whole_line and len(text[s:e].split()) <= 30


_DIGITS = re.compile(r"[0-9]+")
_DATE_WORDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Monday", "Tuesday",
               "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "yesterday", "Yesterday", "today", "Today",
               "tonight", "Tonight")


def _date_anchors(text: str) -> list[int]:
    out = [m.start() for m in _DIGITS.finditer(text)]
    for w in _DATE_WORDS:
        i = text.find(w)
        while i >= 0:
            out.append(i)
            i = text.find(w, i + 1)
    return sorted(set(out))
_PREV_WORDS = re.compile(r"(?:[A-Za-z0-9]+[\s-]+){1,3}$")


def _date_matches(text: str):
    """``_DATE_RE.finditer(text)``, fast: the pattern is only tried around digits, months and days."""
    pos = 0
    for p in _date_anchors(text):
        if p < pos or (p > 0 and text[p - 1].isalnum()):
            continue
        # a date phrase may start up to two words before its anchor ("in June", "16 of January")
        lo = max(pos, p - 24)
        w = _PREV_WORDS.search(text, lo, p)
        begins = [p]
        if w:
            begins = [k.start() for k in re.finditer(r"[A-Za-z0-9]+", text[w.start():p])]
            begins = [w.start() + k for k in begins] + [p]
        for b in begins:
            if b > 0 and text[b - 1].isalnum():
                continue
            m = _DATE_RE.match(text, b)
            if m and m.end() > p:
                pos = m.end()
                yield m
                break


def _find_dates(text: str) -> list[_DateHit]:
    hits = []
    for m in _date_matches(text):
        g = m.group
        s, e = m.span()
        if g("iso"):
            h = _DateHit(s, e, m.group(0), int(g("iy")), int(g("im")), int(g("id")))
        elif g("md"):
            h = _DateHit(s, e, m.group(0), int(g("y1")) if g("y1") else None, _month(g("m1")), int(g("d1")))
        elif g("dm"):
            h = _DateHit(s, e, m.group(0), int(g("y2")) if g("y2") else None, _month(g("m2")), int(g("d2")))
        elif g("my"):
            h = _DateHit(s, e, m.group(0), int(g("y3")), _month(g("m3")))
        elif g("pm"):
            s = m.start("m4")
            h = _DateHit(s, e, text[s:e], None, _month(g("m4")))
        elif g("yr"):
            s = m.start("y4")
            h = _DateHit(s, e, text[s:e], int(g("y4")))
        elif g("wd"):
            h = _DateHit(s, e, m.group(0), weekday=_WEEKDAYS.index(g("w").lower()))
        else:
            h = _DateHit(s, e, m.group(0), relative=1 if g("r").lower() == "yesterday" else 0)
        if h.day is not None and not (1 <= h.day <= 31):
            continue
        hits.append(h)
    return hits


def _month(token: str) -> int:
    return _MONTHS[token.rstrip(".").lower()]


def _parse_iso(value: str | None) -> tuple[int, int | None, int | None] | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def _anchors(hits: list[_DateHit], article: Article) -> list[tuple[int, int]]:
    """(year, month) of the dates the article states in full: in its text or in its manifest dates."""
    out = {(h.year, h.month) for h in hits if h.year and h.month}
    for d in article.dates or ():
        p = _parse_iso(d)
        if p and p[1]:
            out.add((p[0], p[1]))
    return sorted(out)


def _resolve(hit: _DateHit, anchors, published) -> tuple[str | None, str | None]:
    """ISO date and precision of a date phrase, or (None, None) when its year is unknown."""
    if hit.weekday is not None or hit.relative is not None:
        if not published or not published[2]:
            return None, None
        pub = _date(published[0], published[1], published[2])
        back = hit.relative if hit.relative is not None else (pub.weekday() - hit.weekday) % 7
        return (pub - timedelta(days=back)).isoformat(), "day"
    year = hit.year
    if year is None and hit.month is not None:
        if published and published[1]:
            pm, pd = published[1], published[2] or 31
            year = published[0] if (hit.month, hit.day or 1) <= (pm, pd) else published[0] - 1
        elif anchors:
            best = min(abs(hit.month - am) for _, am in anchors)
            years = {ay for ay, am in anchors if abs(hit.month - am) == best}
            if best <= _MAX_ANCHOR_MONTHS and len(years) == 1:
                year = years.pop()
    if year is None:
        return None, None
    if hit.month is None:
        return f"{year:04d}", "year"
    if hit.day is None:
        return f"{year:04d}-{hit.month:02d}", "month"
    try:
        return _date(year, hit.month, hit.day).isoformat(), "day"
    except ValueError:
        return f"{year:04d}-{hit.month:02d}", "month"


_TITLE_STEMS = ("President", "Minister", "Marshal", "Gen", "Chief", "Ambassador", "Secretary", "spokes", "Spokes",
                "Leader", "Ayatollah", "Commander", "King", "Prince", "Emir", "Sheikh", "Senator", "Chancellor")


def _person_matches(text: str):
    for stem in _TITLE_STEMS:
        i = text.find(stem)
        while i >= 0:
            m = _PERSON_RE.search(text, max(0, i - 25), i + 140)
            while m and m.start() <= i:
                if m.end() > i:
                    yield m
                    break
                m = _PERSON_RE.search(text, m.end(), i + 140)
            i = text.find(stem, i + 1)


class _LazyPersons:
    """The person index of :func:`_person_index`, built on first use."""

    def __init__(self, text: str):
        self.text, self._index = text, None

    def _get(self) -> dict[str, str]:
        if self._index is None:
            self._index = _person_index(self.text)
        return self._index

    def get(self, key, default=None):
        return self._get().get(key, default)

    def __bool__(self) -> bool:
        return bool(self._get())


def _person_index(text: str) -> dict[str, str]:
    """Titled person names of the article, by full name and by surname, to their longest form."""
    index: dict[str, str] = {}
    seen = set()
    for m in _person_matches(text):
        if m.start() in seen:
            continue
        seen.add(m.start())
        name = m.group("name")
        toks = name.split()
        while toks and toks[-1] in _NOT_NAME:
            toks.pop()
        if not toks or any(t in _NOT_NAME or t in _COUNTRY_ALIASES or t in _DEMONYMS for t in toks):
            continue
        full = " ".join(toks)
        for key in (full, toks[-1]):
            if len(full) > len(index.get(key, "")):
                index[key] = full
    return index


# ------------------------------------------------------------- a sentence


class _Sentence:
    def __init__(self, text, raw, start, end, mentions, dates, trigs, anchors, published, persons, article):
        self.text, self.raw = text, raw
        self.start, self.end = start, end
        self.mentions, self.dates, self.trigs = mentions, dates, trigs
        self.anchors, self.published, self.persons = anchors, published, persons
        self.article = article
        self.pieces = self._pieces()
        self.groups = self._groups()

    # -- clauses

    def _pieces(self) -> list[tuple[int, int]]:
        text, s0, s1 = self.text, self.start, self.end
        protected = [(m.start, m.end) for m in self.mentions] + [(d.start, d.end) for d in self.dates] + \
                    [(t.start, t.end) for t in self.trigs]
        m_starts = {m.start for m in self.mentions}
        m_by_end = {m.end: m for m in self.mentions}
        m_by_start = {m.start: m for m in self.mentions}
        d_starts = {d.start for d in self.dates}
        cuts: list[tuple[int, int]] = []  # (end of left piece, start of right piece)

        def inside(i):
            return any(a < i < b for a, b in protected)

        for m in _HARD_BREAK.finditer(text, s0, s1):
            if not inside(m.start()):
                cuts.append((m.start(), m.end()))
        # an em dash without spaces, in the raw text ("agreement\u2014halting")
        i = self.raw.find("\u2014", s0, s1)
        while i >= 0:
            if not inside(i):
                cuts.append((i, i + 1))
            i = self.raw.find("\u2014", i + 1, s1)
        for m in _COMMA.finditer(text, s0, s1):
            nxt = m.end()
            if nxt in d_starts or text[nxt:nxt + 1].isdigit() or inside(m.start()):
                continue
            if nxt in m_starts and (_within(m_by_end.get(m.start()), m_by_start[nxt]) or
                                    _APPOSITION_END.match(text, m_by_start[nxt].end)):
                continue  # "Panjgur, Balochistan", "Rawalpindi, Pakistan, Jan. 29", "(GHQ), Rawalpindi."
            if self.raw[nxt:nxt + 1] in "\"\u201c'" and text.count('"', s0, m.start()) % 2 == 1:
                continue
            cuts.append((m.start(), nxt))
        for m in _SUBORDINATOR.finditer(text, s0, s1):
            if not inside(m.start()):
                cuts.append((m.start(), m.end()))
        cuts.sort()
        pieces, pos = [], s0
        for a, b in cuts:
            if a < pos:
                continue
            if a > pos:
                pieces.append((pos, a))
            pos = b
        if pos < s1:
            pieces.append((pos, s1))
        out = []
        for a, b in pieces:
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
        return out or [(s0, s1)]

    def _piece_of(self, offset: int) -> int:
        for i, (a, b) in enumerate(self.pieces):
            if offset < b:
                return i
        return len(self.pieces) - 1

    def _protos(self) -> list[_Proto]:
        by_piece: dict[int, dict[str, list]] = {}
        for t in self.trigs:
            by_piece.setdefault(self._piece_of(t.start), {}).setdefault(t.type, []).append(t)
        protos: list[_Proto] = []
        last_in_piece: dict[tuple[int, str], _Proto] = {}
        for i in sorted(by_piece):
            for typ, ts in by_piece[i].items():
                prev = last_in_piece.get((i - 1, typ))
                if prev is not None:
                    prev.triggers.extend(ts)
                    prev.own.append(i)
                    last_in_piece[(i, typ)] = prev
                else:
                    p = _Proto(typ, list(ts), [i])
                    protos.append(p)
                    last_in_piece[(i, typ)] = p
        # trigger-less pieces lend themselves to a neighbour
        owner: dict[int, list[_Proto]] = {}
        for p in protos:
            for i in p.own:
                owner.setdefault(i, []).append(p)
        n = len(self.pieces)
        attach_to: dict[int, int] = {}
        for i in range(n):
            if i in owner:
                continue
            a, b = self.pieces[i]
            nxt = next((j for j in range(i + 1, n) if j in owner), None)
            prv = i - 1 if i - 1 >= 0 and (i - 1 in owner or i - 1 in attach_to) else None
            if _OPENS_WITH_PREP.match(self.text[a:b]) and nxt == i + 1:
                attach_to[i] = nxt
            elif prv is not None:
                attach_to[i] = prv if prv in owner else attach_to[prv]
            elif nxt is not None:
                attach_to[i] = nxt
        for i, j in attach_to.items():
            for p in owner.get(j, ()):
                p.attached.append(i)
        return protos

    # -- places

    def _groups(self) -> list[list[Mention]]:
        """Chains of mentions naming one place ("Pakistan's Balochistan", "Panjgur, Balochistan")."""
        groups: list[list[Mention]] = []
        for m in self.mentions:
            if groups:
                last = groups[-1][-1]
                between = self.text[last.end:m.start]
                if re.fullmatch(r"'s\s+", between):
                    groups[-1].append(m)
                    continue
                if re.fullmatch(r"\s*,\s*|\s+", between) and _within(last, m):
                    groups[-1].append(m)
                    continue
            groups.append([m])
        return groups

    def _coordinated(self, g1, g2) -> bool:
        if self._piece_of(g1[-1].end - 1) != self._piece_of(g2[0].start):
            return False
        between = self.text[g1[-1].end:g2[0].start]
        return bool(re.fullmatch(r"\s*,\s*|\s*,?\s+(?:and|or|&)\s+(?:the\s+|in\s+|at\s+|on\s+)?", between))

    def _locative_prep(self, pos: int, floor: int | None = None) -> str | None:
        """The preposition (or verb) governing the noun phrase of the place name at ``pos``."""
        if floor is None:
            floor = self.pieces[self._piece_of(pos)][0]
        return self._locative(pos, floor)[0]

    def _locative(self, pos: int, floor: int) -> tuple[str | None, int]:
        """(preposition, its offset), walking back from ``pos`` over the place's noun phrase."""
        lo = max(floor, pos - 120)
        toks = list(_LOOK_TOKEN.finditer(self.text, lo, pos))
        for steps, m in enumerate(reversed(toks)):
            if steps >= 10:
                break
            tok = m.group(0)
            low = tok.lower()
            if tok in ",()\"":
                continue
            if low in _STRONG or low in _TARGET or low in ("to", "with", "from", "by", "for"):
                return low, m.start()
            if low in _NP_FILLER or tok[0].isupper():
                continue
            break
        return None, -1

    def _in_quotes(self, pos: int) -> bool:
        return self.text.count('"', self.start, pos) % 2 == 1

    def _place_candidates(self, proto: _Proto, tstart: int, tend: int):
        allowed = _LOC_PREPS[proto.type]
        if "to" in allowed and not re.search(r"visit|trip|travel", self.text[tstart:tend], re.I):
            allowed = allowed - {"to"}
        own = [self.pieces[i] for i in proto.own]
        attached = [self.pieces[i] for i in proto.attached]
        cands = []
        for gi, g in enumerate(self.groups):
            pos = g[0].start
            span = next((p for p in own if p[0] <= pos < p[1]), None)
            in_own = span is not None
            if span is None:
                span = next((p for p in attached if p[0] <= pos < p[1]), None)
            if span is None or self._in_quotes(pos):
                continue
            if tstart <= pos < tend:
                continue  # a place name inside the trigger itself
            prep, prep_at = self._locative(pos, span[0])
            if not in_own and prep is not None:
                # a lent piece counts only when it is itself a locative phrase ("in Isfahan",
                # "at General Headquarters (GHQ), Rawalpindi", "targeting hideouts in ...")
                head = self.text[span[0]:prep_at]
                if head.strip() and not _OPENS_LOCATIVE.match(self.text[span[0]:span[1]]):
                    continue
            if prep is None:
                # a verb trigger directly before the place ("missiles targeted Tel Aviv")
                if pos - tend <= 1 and self.text[tend:pos].strip() == "" and \
                        self.text[tstart:tend].split()[-1].lower() in _TARGET:
                    prep = "targeted"
                else:
                    continue
            if prep not in allowed:
                continue
            after = pos >= tend
            dist = pos - tend if after else tstart - g[-1].end
            cands.append(((in_own, after, -dist), gi))
        return cands

    def _places(self, proto: _Proto, tstart: int, tend: int) -> tuple[list[Mention], bool]:
        """The places of the event, and whether they are its location rather than its actor."""
        cands = self._place_candidates(proto, tstart, tend)
        if cands:
            best = max(cands)[1]
            chosen = [best]
            loc_ids = {gi for _, gi in cands}
            # coordinated places after (and before) the best one
            j = best
            while j + 1 < len(self.groups) and self._coordinated(self.groups[j], self.groups[j + 1]):
                j += 1
                chosen.append(j)
            j = best
            while j - 1 >= 0 and j - 1 in loc_ids and self._coordinated(self.groups[j - 1], self.groups[j]):
                j -= 1
                chosen.insert(0, j)
            return [_most_specific(self.groups[i]) for i in chosen], True
        rule = BY_ID[proto.type].place_rule
        own = [self.pieces[i] for i in proto.own]
        in_own = [g for g in self.groups if any(a <= g[0].start < b for a, b in own)
                  and not (tstart <= g[0].start < tend)]
        if rule == "located" or not in_own:
            return [], True
        if rule == "acting":
            before = [g for g in in_own if g[-1].end <= tstart
                      and self._locative_prep(g[0].start) is None
                      and any(m.place.kind == "country" for m in g)]
            return ([_most_specific(before[-1])] if before else []), False
        # "any": the most specific mention of the clause that is not an actor
        keep = []
        for g in in_own:
            prep = self._locative_prep(g[0].start)
            top = _most_specific(g)
            if prep in ("by", "from", "with", "for", "to") or self._in_quotes(g[0].start):
                continue
            if any(m.surface in _DEMONYMS for m in g):
                continue  # "Israeli air raids": an adjective of the actor, not a place
            if re.match(r"'s\b", self.text[g[-1].end:g[-1].end + 3]):
                continue  # "India's Research and Analysis Wing": a possessor, not a place
            if g[-1].end <= tstart and (top.place.kind in ("country", "region", "continent") or
                                        top.place.name in _CAPITAL_OF or top.surface in _CAPITAL_OF):
                continue  # a state (or its capital) before the trigger is its actor
            keep.append(g)
        if not keep:
            return [], True
        best = min(keep, key=lambda g: (_KIND_RANK.get(_most_specific(g).place.kind, 9),
                                        abs(g[0].start - tend)))
        return [_most_specific(best)], True

    # -- actors

    def _actor_hits(self, a: int, b: int):
        """(start, end, name, kind) of the named actors in text[a:b], in order."""
        text = self.text
        hits = []
        names, persons, pos = [], [], a
        for w in _CAP_WORD.finditer(text, a, b):
            p = w.start()
            if p >= pos:
                m = _NAME_RE.match(text, p, b)
                if m:
                    names.append(m)
                    pos = m.end()
            pm = _PERSON_RE.match(text, p, b)
            if pm:
                persons.append(pm)
        for m in names:
            kind = m.lastgroup
            s, e = m.span()
            word = m.group(0)
            if kind == "group":
                hits.append((s, e, _GROUP_ALIASES[word], "group"))
            elif kind == "country":
                possessive = text.startswith("'s", e)
                if not possessive and self._locative_prep(s) in _ACTOR_NOT_PREPS:
                    continue
                if self._is_place_part(s, e):
                    continue
                hits.append((s, e, _COUNTRY_ALIASES[word], "state"))
            elif kind == "demonym":
                hits.append((s, e, _DEMONYMS[word], "state"))
            else:
                name = re.sub(r"^(?:The|A)\s+", "", word)
                hits.append((s, e, name, "group"))
        for mm in self.mentions:
            if a <= mm.start < b and mm.surface in _CAPITAL_OF and \
                    self._locative_prep(mm.start) is None and not self._is_place_part(mm.start, mm.end):
                hits.append((mm.start, mm.end, _CAPITAL_OF[mm.surface], "state"))
        for m in persons:
            full = self.persons.get(m.group("name").split()[-1])
            if full and full.split()[-1] == m.group("name").split()[-1]:
                hits.append((m.start("name"), m.end("name"), full, "person"))
        if self.persons:
            for m in _NAME_WORD.finditer(text, a, b):
                full = self.persons.get(m.group(0))
                if full:
                    hits.append((m.start(), m.end(), full, "person"))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out, last_end = [], -1
        for h in hits:
            if h[0] >= last_end:
                out.append(h)
                last_end = h[1]
        return out

    def _is_place_part(self, s: int, e: int) -> bool:
        """A country name that is the possessor of a place ("Pakistan's Balochistan") is not an actor."""
        for g in self.groups:
            if len(g) > 1 and any(m.start <= s < m.end for m in g[:-1]):
                return True
        return False

    def _actors(self, proto: _Proto, a: int, b: int, tstart: int, tend: int, places: list[Mention],
                located: bool) -> tuple:
        hits = [h for h in self._actor_hits(a, b) if not (tstart <= h[0] < tend and h[3] != "state")]
        if located:
            place_spans = [(m.start, m.end) for m in places]
            hits = [h for h in hits if not any(ps <= h[0] < pe for ps, pe in place_spans)]
        if not BY_ID[proto.type].one_agent:
            names = [h[2] for h in hits]
        else:
            place_states = {m.place.name for m in places if m.place.kind == "country"}
            names = []
            # the agent of each trigger ("Iranian missile barrages ... Israeli air raids": both)
            for trig in proto.triggers:
                ts, te = trig.start, trig.end
                left = [h for h in hits if h[1] <= ts or (ts <= h[0] < te)]
                for k in range(len(left) - 1, -1, -1):
                    agent = left[k]
                    gap = self.text[agent[1]:ts]
                    if len(gap.split()) > 12 or _AGENT_BLOCK.search(gap):
                        break
                    if agent[2] in place_states:
                        continue  # "Iran did not comply ... bombed Iran's facilities": not its own attacker
                    names.append(agent[2])
                    # "Iranian Foreign Minister X": keep the state of a titled agent
                    if agent[3] == "person" and k > 0 and left[k - 1][3] == "state" and \
                            agent[0] - left[k - 1][1] < 40:
                        names.append(left[k - 1][2])
                    break
            for h in hits:
                before = self.text[max(a, h[0] - 40):h[0]]
                if h[1] <= tend and not re.search(r"\bby\s+(?:[\w-]+\s+){0,2}$", before):
                    continue
                if h[3] == "group" or re.search(r"\b(?:by|targeting|targeted|against)\s+(?:[\w-]+\s+){0,2}$", before):
                    names.append(h[2])
        seen, out = set(), []
        for n in names:
            if n not in seen:
                seen.add(n)
                out.append(n)
        return tuple(out)

    # -- dates

    def _date(self, proto: _Proto, tstart: int, tend: int):
        def nearest(spans):
            hits = [d for d in self.dates if any(a <= d.start < b for a, b in spans)]
            if not hits:
                return None
            return min(hits, key=lambda d: (d.start - tend) if d.start >= tend else (tstart - d.end) + 0.5)
        hit = nearest([self.pieces[i] for i in proto.own]) or nearest([self.pieces[i] for i in proto.attached])
        if hit is None:
            return None, None, None
        iso, prec = _resolve(hit, self.anchors, self.published)
        return hit, iso, prec

    # -- all together

    def events(self, prev_dated, keep_placeless):
        records: list[EventRecord] = []
        dated: dict[str, tuple] = {}
        for proto in self._protos():
            t0 = proto.triggers[0]
            tstart, tend = t0.start, t0.end
            piece = self.pieces[self._piece_of(tstart)]
            window = self.text[max(piece[0], tstart - 70):tstart]
            own_text = " ".join(self.text[self.pieces[i][0]:self.pieces[i][1]] for i in proto.own)
            if _HYPOTHETICAL.search(window) or _HABITUAL.search(own_text):
                continue
            idxs = sorted(proto.own + proto.attached)
            a, b = self.pieces[idxs[0]][0], self.pieces[idxs[-1]][1]
            if idxs[-1] == len(self.pieces) - 1:
                b = self.end
            hit, iso, prec = self._date(proto, tstart, tend)
            if iso is None and hit is None and proto.type in prev_dated and \
                    _DEMONSTRATIVE.search(self.text[max(a, tstart - 30):tstart]):
                iso, prec = prev_dated[proto.type]
            if iso is not None:
                dated[proto.type] = (iso, prec)
            places, located = self._places(proto, tstart, tend)
            if not places and keep_placeless is None and iso is None and proto.type != "ceasefire_or_agreement":
                continue  # dropped whatever its actors: spare their search
            actors = self._actors(proto, a, b, tstart, tend, places, located)
            trig_text = "; ".join(dict.fromkeys(self.raw[t.start:t.end] for t in proto.triggers))
            date_text = self.raw[hit.start:hit.end] if hit else None
            etype = BY_ID[proto.type]
            if not places:
                anaphoric = bool(_ANAPHORIC.search(self.text[max(a, tstart - 40):tstart]))
                reason = _placeless_reason(proto.type, iso, actors, anaphoric, keep_placeless)
                if reason is not None:
                    continue
                places = [None]
            for m in places:
                ev = Event(
                    article_id=self.article.article_id, event_type=etype.id, acled_type=etype.acled_type,
                    start=a, end=b, place=m.place if m else None, trigger=trig_text, date=iso,
                    date_precision=prec if iso else None, actors=actors,
                    mention_start=m.start if m else None, mention_end=m.end if m else None,
                )
                records.append(EventRecord(ev, date_text, None if m else "no place in the clause"))
        return records, dated


def _placeless_reason(typ: str, iso, actors, anaphoric: bool, keep_placeless) -> str | None:
    """None when a placeless event is kept, else why it is dropped."""
    if keep_placeless is True:
        return None
    if keep_placeless is False:
        return "no place"
    if typ == "statement":
        return "a statement without a place"
    if iso is not None and not anaphoric:
        return None
    if typ == "ceasefire_or_agreement" and len(actors) >= 2 and not anaphoric:
        return None
    return "no place, no date"


def _within(inner: Mention | None, outer: Mention) -> bool:
    """Can ``outer`` be a larger place holding ``inner`` ("Panjgur, Balochistan")?"""
    if inner is None or _KIND_RANK.get(outer.place.kind, 9) <= _KIND_RANK.get(inner.place.kind, 9):
        return False
    a, b = inner.place.country_code, outer.place.country_code
    return a is None or b is None or a == b


def _most_specific(group: list[Mention]) -> Mention:
    return min(group, key=lambda m: (_KIND_RANK.get(m.place.kind, 9), -m.start))


def _dedupe(records: list[EventRecord], keep_placeless) -> list[EventRecord]:
    """Drop placeless events that repeat a located one (same type and date) or an earlier placeless one."""
    if keep_placeless is True:
        return records
    located = {(r.event.event_type, r.event.date) for r in records if r.event.place is not None and r.event.date}
    out, seen_placeless = [], []
    for r in records:
        ev = r.event
        if ev.place is None:
            if ev.date and (ev.event_type, ev.date) in located:
                continue
            if any(p.event_type == ev.event_type and p.date == ev.date and
                   (ev.date or len(set(p.actors) & set(ev.actors)) >= 2) for p in seen_placeless):
                continue
            seen_placeless.append(ev)
        out.append(r)
    return out
