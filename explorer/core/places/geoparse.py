"""The geoparser: find place names in English news text and place them on Earth.

Recognition is a gazetteer matcher over capitalised token sequences, with
general rules for what news text does to names:

* multi-word names, with lower-case connectors ("Sistan and Baluchestan",
  "Jaish al-Adl"), hyphenated forms ("Sistan-Baluchestan"), possessives
  ("Pakistan's"), dotted abbreviations ("U.S.", "W.Va.", "Gainesville, Ga.");
* transliterated spellings of provinces, countries and regions
  ("Sistan-Baluchistan", "Khyber Pakhtoonkhwa"), by a vowel-insensitive key
  and a least similarity to the name (see ``Gazetteer.transliterated``);
* all-caps words: in running text an acronym ("COAS", "NATO") is a place only
  when it is a known acronym of one ("USA", "DRC", "KPK"); datelines
  ("NEWARK --", "BEIRUT:") and lines in capitals are matched as names;
* a name after a lower-case connector in a capitalised run is tried on its
  own ("Members of the Dublin City Council", "University of Kentucky");
* demonyms and adjectival forms ("Iranian") name their country;
* rejection of names that collide with places: a title or a given name before
  them ("President Trump", "Mohammed Salem"), an organisation word after them
  ("Washington Post"), an unknown capitalised word joined to them ("Iron
  Dome", "Shehbaz Sharif"), a lower-case role before a two-word name
  ("spokesperson Mao Ning"), a place heading the name of an organisation,
  treaty or meeting ("Shanghai Cooperation Organization"), surnames already
  seen in the article, and common English words written with a capital at
  the start of a sentence.

Resolution scores each candidate place from priors (kind of place,
population, own name or variant) and from the article: the countries and
first-level divisions the other toponyms resolve to, the "Panjgur,
Balochistan" pattern, and one choice for a name repeated in an article.
"""
from __future__ import annotations

import functools
import math
import re
import threading
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, count
from operator import attrgetter, itemgetter

from explorer.core.places import gazetteer as gz
from explorer.core.places import lexicon as lx
from explorer.core.places.lexicon_words import DICTIONARY_PLACE_WORDS
from explorer.core.models import Place, Toponym

MAX_TOKENS = 7
_PLACE_CACHE = 50_000  # most entries a Geoparser keeps in each of its memos (_place, _span_priors, ...)
_SENT_RE = re.compile(r"[.!?:;\"“”\n]|[\-–—]\s")
# gz.fold of the capitalised words of the text, memoised (a news text repeats its names; fold is pure)
_fold = functools.lru_cache(maxsize=1 << 16)(gz.fold)
_start_of = attrgetter("start")

_TITLE_ABBRS = sorted({t for t in lx.TITLES if t.endswith(".")}, key=len, reverse=True)

# Capitalised words that are never a place on their own.
_NEVER_ALONE = frozenset(w.casefold() for w in lx.TITLES) | frozenset(
    "i a an the he she we they it you this that mr mrs ms dr".split())

_PRIOR_KIND = {
    gz.K_COUNTRY: 16.0,
    gz.K_CONTINENT: 15.0,
    gz.K_REGION: 13.0,
    gz.K_ADMIN1: 12.0,
    gz.K_ADMIN2: 9.0,
}
_LOCATIVE = frozenset("in at near from to into outside inside across toward towards via of".split())
# Ids of divisions taken from world-wide tables (the world's provinces, GeoNames' first- and second-level
# divisions): many of their names are words, first names or towns elsewhere, so they stand only with
# context (Geoparser._weak_divisions_need_context).
WEAK_PREFIXES = ("ne1w:", "gn1:", "gn2:")
# The words between two names of a place-chain: "X village in Y", "X block of Y", "X under Y upazila of".
_CHAIN_WORDS = re.compile(
    r"\s+(?:(?:village|town|area|union|block|ward|locality|market|bazaar|camp|tehsil|upazila|upazilla|thana|"
    r"sub-?division|police\s+station|PS|municipality|commune|township|district|sub-?county|county|"
    r"constituency|mandal|taluka?|agency|region|province)\s+)?(?:in|of|under|at|near)\s+(?:the\s+)?")
# A division word after a name: "Kurram district", "Makueni sub-county", "Khyber Agency", "Kwale county".
_UNIT_AFTER = re.compile(
    r"\s*(?:district|sub-?county|sub\s+county|subcounty|county|upazila|upazilla|tehsil|taluka?|township|agency|"
    r"commune|municipality|division|department|prefecture|province|region|state|governorate|constituency|"
    r"mandal|block|LGA|zila|zilla)\b", re.I)
_UNIT_END = re.compile(
    r"\s(?:district|sub-?county|county|upazila|tehsil|taluka?|township|agency|commune|municipality|division|"
    r"department|prefecture|province|region|governorate)$", re.I)
_CHAIN_WORDS_BEFORE = re.compile(
    r"\b(?:village|town|area|union|block|locality|tehsil|upazila|sub-?division|police\s+station|commune|township|"
    r"constituency|mandal|taluka?)\s+(?:in|under)\s+(?:the\s+)?$", re.I)
_TOWN_AFTER = re.compile(r"\s+(?:township|town|village|city|bazaar|market)\b", re.I)
_UNIT_BEFORE = re.compile(r"\b(?:district|tehsil|upazila|sub-?county|agency|township|commune)\s+(?:of\s+)?$", re.I)
_UNIT_ADMIN1 = frozenset("county province region state governorate department prefecture".split())
_SAINT_ABBRS = ("St.", "Mt.", "Ft.")
# A part of a place between a locative word and its name: "in lower Kurram", "in northern Rakhine".
_PART_WORDS = frozenset("lower upper north south east west northern southern eastern western central "
                        "northeastern northwestern southeastern southwestern rural".split())
# A part word after a name: a division of it ("in Marakwet East", "in Laikipia West").
_PART_AFTER = re.compile(r" (?:East|West|North|South|Central)\b")
_LOCATIVE_BEFORE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Ff]rom)\s+(?:(?i:" + "|".join(sorted(_PART_WORDS)) + r")\s+)?$")
# A name after a locative word and a comma before a division: "in Mir Ali, North Waziristan" (the division
# contains the place named first, known or not).
_NAME_COMMA_BEFORE = re.compile(r"\b(?:in|at|near)\s+(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*\s*,\s*$")
_RUN_PARTS = _PART_WORDS | {"old"}
# Words that open a sentence before a name ("Five Kisumu journalists", "Several Gaza residents").
_OPENERS = frozenset("one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
                     "fifty hundred hundreds thousands dozens scores several many some few both all most "
                     "suspected unknown unidentified armed angry local irate".split())
# A road named by its two ends: "Magura-Jessore road", "Kericho-Kisumu Highway", "Cotonou-Malanville inter-state road".
_ROAD_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}(?:road|highway|expressway|motorway)\b", re.I)
_ROAD_BONUS = 3.0
_ALT_TOWN_POP = 20_000  # a town's other name after a locative preposition stands from this size
# The names of lexicon.ORG_COUNTRIES, found as written (whole words, also joined by a hyphen: "the SAD-BJP
# government", "BJP-ruled").
_ORG_RE = re.compile(r"(?<!\w)(?:" + "|".join(
    re.escape(n) for n in sorted(lx.ORG_COUNTRIES, key=len, reverse=True)) + r")(?!\w)")
# The unit words of lexicon.UNIT_COUNTRIES, in any case (whole words).
_UNIT_CC_RE = re.compile(r"\b(?:" + "|".join(
    re.escape(n) for n in sorted(lx.UNIT_COUNTRIES, key=len, reverse=True)) + r")s?\b", re.I)


@functools.lru_cache(maxsize=16)
def org_countries(text: str) -> frozenset[str]:
    """The countries whose parties, forces or armed groups the text names, or whose own kind of administrative
    unit it names (context for the resolution, as one more place of that country would be: "a councillor of
    the ANP" -> Pakistan, "Sadar upazila" -> Bangladesh). Remembered for the last texts: the resolution, the
    weak divisions and the event extractor each ask for the same text."""
    ccs = {cc for name in set(_ORG_RE.findall(text)) for cc in lx.ORG_COUNTRIES[name]}
    for word in set(m.lower() for m in _UNIT_CC_RE.findall(text)):
        ccs.update(lx.UNIT_COUNTRIES.get(word) or lx.UNIT_COUNTRIES.get(word[:-1], ()))
    return frozenset(ccs)


# The phrases of lexicon.NOT_PLACE_PHRASES as token keys, and their lengths by first word
# (the names of several words of lexicon.ORG_COUNTRIES too: "Jubilee Party", "Assam Rifles" name no place)
_PHRASE_KEYS = frozenset(gz.name_key(p) for p in lx.NOT_PLACE_PHRASES) | frozenset(
    k for k in map(gz.name_key, lx.ORG_COUNTRIES) if " " in k)
_PHRASE_FIRST: dict[str, tuple[int, ...]] = {}
for _k in _PHRASE_KEYS:
    _PHRASE_FIRST[_k.split()[0]] = tuple(sorted(set(_PHRASE_FIRST.get(_k.split()[0], ())) | {len(_k.split())}))
# Capitalised only because they open a sentence; never part of a name.
_FUNCTION_WORDS = frozenset("""in at on from to for with by the a an and but or as if when while after before
since during under over near across through into outside inside like unlike despite throughout yesterday
today meanwhile also then now only even last next this that these those both many some all most several
few each every neither either not no although though because unless until where why how what which who
whose than between among within without towards toward beyond along around behind below above upon via
per about against amid following including if so yet still here there once""".split())


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    key: str
    cap: bool
    upper: bool
    abbr: bool
    sent_start: bool


class _Tokens(list):
    """The tokens of a text (a list of _Tok), with what later stages ask of all of them, gathered once:
    ``caps``, the indices of the capitalised tokens (ascending), and ``lower_texts``, the set of the
    texts of the other tokens."""

    caps: list[int]
    lower_texts: set[str]


@dataclass
class _Span:
    i: int  # first token
    j: int  # last token (inclusive)
    start: int
    end: int
    key: str
    cands: tuple[int, ...]  # encoded candidates (place*2 + variant)
    demonym: bool = False
    abbr_only: bool = False
    tentative: bool = False  # kept only if the text's other places allow it (Geoparser._tentative_need_company)


def _remember(cache: dict, key, value):
    """Store ``value`` under ``key`` in one of the geoparser's memos and return it; a memo that holds
    ``_PLACE_CACHE`` entries is emptied first (the memos are bounded, not evicted one by one)."""
    if len(cache) >= _PLACE_CACHE:
        cache.clear()
    cache[key] = value
    return value


class Geoparser:
    """Finds and resolves toponyms; thread-safe after construction."""

    def __init__(self, gazetteer: gz.Gazetteer | None = None) -> None:
        self.g = gazetteer if gazetteer is not None else gz.load()
        abbrs = sorted(set(self.g.abbreviations) | set(_TITLE_ABBRS), key=len, reverse=True)
        abbr_alt = "|".join(re.escape(a) for a in abbrs)
        # The lookahead for the abbreviations' first letters spares the regex engine from trying every
        # abbreviation at every word (it changes no match: each alternative starts with one of them).
        firsts = "".join(re.escape(c) for c in sorted({a[0] for a in abbrs}))
        self._tok_re = re.compile(rf"(?<![\w.])(?=[{firsts}])(?:{abbr_alt})(?!\w)|{gz.WORD_RE.pattern}")
        # The same in a group: split() gives the gaps and the tokens in turn (see _tokens).
        self._tok_split = re.compile(f"({self._tok_re.pattern})").split
        self._common = frozenset(w.casefold() for w in lx.COMMON_WORDS)
        self._first = frozenset(w.casefold() for w in lx.FIRST_NAMES)
        self._titles = frozenset(w.casefold().rstrip(".") for w in lx.TITLES)
        self._org = frozenset(w.casefold().rstrip(".") for w in lx.ORG_SUFFIXES)
        self._placewords = frozenset(w.casefold() for w in lx.PLACE_WORDS)
        self._connectors = lx.CONNECTORS
        self._dict = DICTIONARY_PLACE_WORDS
        self._qualifiers = frozenset(w.casefold() for w in lx.QUALIFIERS)
        self._surnames = frozenset(w.casefold() for w in lx.SURNAMES)
        self._not_places = frozenset(w.casefold() for w in lx.NOT_PLACES)
        self._media = frozenset(w.casefold().rstrip(".") for w in lx.MEDIA_COMPANY_SUFFIXES)
        self._roles = lx.ROLE_NOUNS
        self._org_endings = frozenset(w.casefold() for w in lx.ORG_NAME_ENDINGS)
        ids = self.g.ids
        self._weak = frozenset(i for i in range(len(ids)) if ids[i].startswith(WEAK_PREFIXES))
        self._places: dict[int, Place] = {}  # see _place
        self._translit: dict[str, tuple[int, ...]] = {}  # see _transliterated
        self._priors: dict[tuple[int, ...], tuple[tuple[int, float], ...]] = {}  # see _span_priors
        self._tiers: dict[tuple[tuple[int, ...], bool], tuple[bool, int]] = {}  # see _tier
        self._nations: dict[tuple[int, ...], bool] = {}  # see _nation_like

    def _transliterated(self, key: str) -> tuple[int, ...]:
        """``self.g.transliterated(key)``, memoised (the capitalised runs of news text repeat: "President
        Trump", "Prime Minister"); at most ``_PLACE_CACHE`` keys are kept."""
        sk = self._translit.get(key)
        if sk is None:
            sk = _remember(self._translit, key, self.g.transliterated(key))
        return sk

    def _place(self, i: int) -> Place:
        """The gazetteer's place ``i``. Places are immutable: each is made once and handed out again (a
        news text names the same places many times); at most ``_PLACE_CACHE`` are kept."""
        p = self._places.get(i)
        if p is None:
            p = _remember(self._places, i, self.g.place(i))
        return p

    # ------------------------------------------------------------------ tokens

    def _tokens(self, text: str) -> _Tokens:
        """The words (and known abbreviations) of ``text``.

        Most words are lower-case and need no more than their place and their lower-case form, so the
        text is split once (``parts``: gap, token, gap, token, ..., gap), the offsets are summed up from
        the lengths of the parts and each attribute is a list over all tokens, made in C; only the
        capitalised tokens get a pass in Python (see :meth:`_capitalised`)."""
        parts = self._tok_split(text)
        words = parts[1::2]
        n = len(words)
        bounds = list(accumulate(map(len, parts)))  # bounds[2k]: start of token k; bounds[2k + 1]: its end
        keys = list(map(str.lower, words))
        # the indices of the words whose first letter is a capital (compress() keeps them, in C)
        caps = list(compress(count(), map(str.isupper, map(itemgetter(0), words))))
        cap, upper, abbr, sent = [False] * n, [False] * n, [False] * n, [False] * n
        sent_gaps: dict[str, bool] = {}  # gap -> _SENT_RE finds a sentence break in it (gaps repeat: " ", ". ")
        for k in caps:
            cap[k] = True
            keys[k], upper[k], abbr[k], sent[k] = self._capitalised(words, abbr, k, parts[2 * k], sent_gaps)
        toks = _Tokens(map(_Tok, bounds[0:-1:2], bounds[1::2], words, keys, cap, upper, abbr, sent))
        toks.caps = caps
        toks.lower_texts = set(words).difference([words[k] for k in caps])
        return toks

    def _capitalised(self, words: list[str], abbr: list[bool], k: int, gap: str,
                     sent_gaps: dict[str, bool]) -> tuple[str, bool, bool, bool]:
        """(key, all-caps, abbreviation, opens a sentence) of the capitalised token ``k``: its key is the
        folded word, an abbreviation as written; whether it opens a sentence depends on the token before
        it (``abbr`` holds the abbreviation flags of the tokens before ``k``) and on ``gap``, the text
        between them."""
        w = words[k]
        if k == 0:
            sent = True
        else:
            prev = words[k - 1]
            sent = sent_gaps.get(gap)
            if sent is None:
                sent = sent_gaps[gap] = bool(_SENT_RE.search(gap))
            if not sent and prev.endswith("."):
                if not abbr[k - 1] and gap.strip() == "":
                    sent = True
                elif prev in self.g.abbreviations and "\n" in gap:
                    sent = True
        is_abbr = w.endswith(".")
        return (w if is_abbr else _fold(w)), w.isupper() and len(w) > 1, is_abbr, sent

    # ------------------------------------------------------------------ recognition

    def _joinable(self, text: str, a: _Tok, b: _Tok) -> bool:
        gap = text[a.end:b.start]
        return gap in (" ", "-", "‐", "–", " & ") and not a.abbr or (a.abbr and gap == " " and a.key in (
            "St.", "Mt.", "Ft."))

    @staticmethod
    def _lines(text: str, toks: list[_Tok]):
        """(first, end) token index ranges, one per line of ``text`` that holds tokens."""
        k, n = 0, len(toks)
        while k < n:
            nl = text.find("\n", toks[k].start)
            if nl < 0:
                yield k, n
                return
            # the first token at or after the line break (a token never starts on it, so j > k)
            j = bisect_left(toks, nl, k, n, key=_start_of)
            yield k, j
            k = j

    @classmethod
    def _lines_where(cls, text: str, toks: _Tokens, counts, marked) -> set[int]:
        """Token indices on lines where at least 3 tokens count and 3/4 of those are marked.

        ``marked`` must hold only of capitalised tokens: a line with c capitalised tokens has at most
        c marked ones, so it fails as soon as more than c/3 counted tokens are unmarked (3/4 marked
        means marked >= 3 * unmarked), and at once when c < 3."""
        out: set[int] = set()
        caps = toks.caps
        for k, j in cls._lines(text, toks):
            ncap = bisect_left(caps, j) - bisect_left(caps, k)
            if ncap < 3:
                continue
            words = marks = 0
            for idx in range(k, j):
                w = toks[idx]
                if counts(w):
                    words += 1
                    if marked(w):
                        marks += 1
                    elif 3 * (words - marks) > ncap:
                        break
            else:
                if words >= 3 and marks >= 0.75 * words:
                    out.update(range(k, j))
        return out

    @classmethod
    def _caps_lines(cls, text: str, toks: _Tokens) -> set[int]:
        """Token indices on lines written in capitals (3+ words, 3/4 of them all-caps)."""
        return cls._lines_where(text, toks, lambda w: len(w.text) > 1, lambda w: w.upper)

    @staticmethod
    def _dateline(text: str, toks: list[_Tok], i: int, caps_lines: set[int] | None) -> bool:
        """An all-caps name opening a dateline ("NEWARK --", "BEIRUT:", "TBILISI, Georgia")
        or on a line written in capitals, rather than an acronym."""
        if caps_lines and i in caps_lines:
            return True
        if i > 0:
            gap = text[toks[i - 1].end:toks[i].start]
            if not ("\n" in gap or any(ch.isdigit() for ch in gap) or gap.rstrip(" ").endswith((".", ":", "!", "?"))):
                return False
        k = i
        while k + 1 < len(toks) and toks[k + 1].upper and text[toks[k].end:toks[k + 1].start] in (" ", "-"):
            k += 1
        after = text[toks[k].end:toks[k].end + 3].lstrip(" \t")
        if not after or after[0] in ",:(—–-\x97/\n\r”'’":
            return True
        return k + 1 < len(toks) and toks[k + 1].cap and not toks[k + 1].upper and \
            text[toks[k].end:toks[k + 1].start] == " "

    def _spans(self, text: str, toks: _Tokens) -> list[_Span]:
        g = self.g
        index = g.index
        demonyms = g.demonyms
        skeletons = g.skeletons
        joinable = self._joinable
        connectors = self._connectors
        out: list[_Span] = []
        n = len(toks)
        caps_lines: set[int] | None = None
        caps = toks.caps
        part_at = -2  # the token index of a part word skipped just before a name
        i = 0
        while i < n:
            t = toks[i]
            if not t.cap:
                # on to the next capitalised token
                k = bisect_left(caps, i)
                i = caps[k] if k < len(caps) else n
                continue
            if t.abbr and t.text not in _SAINT_ABBRS:
                ab = g.abbreviations.get(t.text)
                if ab is not None:
                    place, need_city = ab
                    ok = True
                    if need_city:
                        # "Gainesville, Ga." : a capitalised word and a comma before.
                        ok = i > 0 and toks[i - 1].cap and text[toks[i - 1].end:t.start] in (", ", ",")
                    if ok:
                        out.append(_Span(i, i, t.start, t.end, t.text, (place * 2,), abbr_only=True))
                i += 1
                continue
            if t.upper and caps_lines is None:
                caps_lines = self._caps_lines(text, toks)
            if t.upper and not self._dateline(text, toks, i, caps_lines):
                # An acronym in running text ("COAS", "NATO") names a place only
                # when it is a known acronym of one ("USA", "DRC", "KPK"); its
                # letters are not matched against place names (no accent folding).
                ac = g.acronyms.get(t.text)
                after = text[t.end:t.end + 2]
                if ac is not None and not (len(after) == 2 and after[0] in "- " and after[1].isdigit()):
                    out.append(_Span(i, i, t.start, t.end, t.key, ac, abbr_only=True))
                i += 1
                continue
            best = None
            key = gz.fold(t.text.rstrip(".")) if t.abbr else t.key
            last_ok = i
            for j in range(i, min(n, i + MAX_TOKENS)):
                tj = toks[j]
                if j > i:
                    if not joinable(text, toks[j - 1], tj):
                        break
                    if tj.abbr and tj.key not in _SAINT_ABBRS:
                        break
                    if not tj.cap and tj.key not in connectors:
                        break
                    key = key + " " + (gz.fold(tj.text.rstrip(".")) if tj.abbr else tj.key)
                if tj.cap and not tj.abbr:
                    last_ok = j
                    if key in index or key in demonyms:
                        best = (j, key, None)
                    elif skeletons and gz.skeleton_eligible(key):
                        # transliterated spelling of a province, country or region
                        sk = self._transliterated(key)
                        if sk:
                            best = (j, key, sk)
            if best is None:
                # skip the whole capitalised run so its inner words are not matched
                # alone (not on a line in capitals, where every word is capitalised)
                if caps_lines and i in caps_lines or t.key in _FUNCTION_WORDS or (
                        t.sent_start and (t.key in self._common or t.key in _OPENERS) and last_ok > i):
                    i += 1  # ("Five Kisumu journalists": a common word capitalised as it opens the sentence)
                elif t.key in _RUN_PARTS and i > 0 and toks[i - 1].key in _LOCATIVE and \
                        i + 1 < n and toks[i + 1].cap and text[t.end:toks[i + 1].start] == " ":
                    part_at = i  # "in Central Kurram", "at Old Dhaka": a part of a place, its name next
                    i += 1
                else:
                    nxt_i = max(i + 1, last_ok + 1) if last_ok > i else i + 1
                    # a name after a lower-case connector is tried on its own
                    # ("Members of the Dublin City Council")
                    for k in range(i + 1, nxt_i):
                        if not toks[k].cap:
                            while k < nxt_i and not toks[k].cap:
                                k += 1
                            nxt_i = k
                            break
                    i = nxt_i
                continue
            j, key, sk = best
            cands = sk if sk is not None else g.candidates(key)
            dem = key in demonyms
            if dem:
                cands = (demonyms[key] * 2,) + tuple(c for c in cands if (c >> 1) != demonyms[key])
            # after a part word skipped just before ("Upper Edmonton", "Old Dhaka"), the name includes it
            start = toks[i - 1].start if part_at == i - 1 else t.start
            out.append(_Span(i, j, start, toks[j].end, key, cands, demonym=dem))
            i = j + 1
        return out

    def _tier(self, span: _Span) -> tuple[bool, int]:
        """(big, largest population of a place named so by its own name).

        big: a country, continent, named region or first-level division by
        its own name, a demonym, or a city of a million people.

        Memoised by the candidates and the demonym flag, which alone decide it (as for _nation_like);
        at most ``_PLACE_CACHE`` of them.
        """
        memo_key = (span.cands, span.demonym)
        tier = self._tiers.get(memo_key)
        if tier is None:
            tier = _remember(self._tiers, memo_key, self._compute_tier(span))
        return tier

    def _compute_tier(self, span: _Span) -> tuple[bool, int]:
        g = self.g
        big = span.demonym
        best_pop = 0
        for c in span.cands:
            p = c >> 1
            k = g.kinds[p]
            if c & 1 or p in self._weak:  # a division of the world-wide tables is never big by itself
                continue
            if k in (gz.K_COUNTRY, gz.K_ADMIN1, gz.K_CONTINENT, gz.K_REGION):
                big = True
            elif k == gz.K_CITY:
                best_pop = max(best_pop, g.pop[p])
                if g.pop[p] >= 1_000_000:
                    big = True
            elif k == gz.K_ADMIN2:
                best_pop = max(best_pop, 20000)
        return big, best_pop

    def _nation_like(self, span: _Span) -> bool:
        """A demonym, or a name that may be a country, continent or named region by its own name."""
        if span.demonym:
            return True
        nation = self._nations.get(span.cands)
        if nation is None:
            g = self.g
            nation = _remember(self._nations, span.cands, any(
                not c & 1 and g.kinds[c >> 1] in (gz.K_COUNTRY, gz.K_CONTINENT, gz.K_REGION) for c in span.cands))
        return nation

    def _titlecase_lines(self, text: str, toks: _Tokens) -> set[int]:
        """Token indices on lines written in title case or capitals (headlines)."""
        connectors = self._connectors
        return self._lines_where(text, toks, lambda w: w.key not in connectors and len(w.text) > 3,
                                 lambda w: w.cap)

    def _org_name_follows(self, text: str, toks: list[_Tok], j: int) -> bool:
        """The capitalised words after token j end with Organization, Treaty, Summit..."""
        k = j + 1
        n = len(toks)
        last = None
        while k < n and toks[k].cap and not toks[k].abbr and text[toks[k - 1].end:toks[k].start] == " ":
            last = toks[k]
            k += 1
            if k - j > 4:
                break
        return last is not None and last.text.casefold() in self._org_endings

    def _sizeable(self, cands) -> bool:
        """A reading of a town of :data:`_ALT_TOWN_POP` people or more, or of a district (a district's
        population is often not recorded)."""
        g = self.g
        return any(g.pop[c >> 1] >= _ALT_TOWN_POP or g.kinds[c >> 1] == gz.K_ADMIN2 for c in cands)

    @staticmethod
    def _tentative_need_company(spans: list[_Span], tops: list[Toponym]) -> tuple[list[_Span], list[Toponym]]:
        """A name kept tentatively (a town's other name after "in") stands unless the text's other places
        are all in other countries ("in Tirah valley of Khyber Agency": no Tirat Karmel of Israel)."""
        if not any(s.tentative for s in spans):
            return spans, tops
        firm = {t.place.country_code for s, t in zip(spans, tops)
                if not s.tentative and not s.demonym and t.place is not None}  # a demonym names people
        firm.discard(None)
        keep = [k for k, (s, t) in enumerate(zip(spans, tops)) if not (
            s.tentative and t.place is not None and firm and t.place.country_code not in firm)]
        return [spans[k] for k in keep], [tops[k] for k in keep]

    def _anchored(self, text: str, s: _Span, nxt: _Span | None, named: frozenset = frozenset()) -> bool:
        """Is a name anchored: a division word after a name that may be a division ("Kurram district"); a
        town word after a name that may be a town of a country the text names ("Hpakant township" with
        Myanmar named); or a place-chain whose next name's likeliest reading shares a country with one of
        its readings ("Miranshah, North Waziristan", "Toucountouna (Toucountouna, Atacora)")?"""
        g = self.g
        unit = _UNIT_AFTER.match(text, s.end, s.end + 24) or _UNIT_BEFORE.search(text, max(0, s.start - 16), s.start)
        if unit and any(g.kinds[c >> 1] in (gz.K_ADMIN1, gz.K_ADMIN2) for c in s.cands):
            return True  # "Kurram district": a division's name without its division word
        if (unit or _TOWN_AFTER.match(text, s.end, s.end + 16)) and \
                any(g.kinds[c >> 1] == gz.K_CITY and g.cc[c >> 1] in named for c in s.cands):
            return True
        if nxt is None or not nxt.cands or text[s.end:nxt.start] not in (", ", ",", " (", "("):
            return False
        ccs = {g.cc[c >> 1] for c in s.cands}
        return g.cc[max(nxt.cands, key=self._prior) >> 1] in ccs

    def _filter(self, text: str, toks: _Tokens, spans: list[_Span]) -> list[_Span]:
        """Drop matches that are people, organisations or common words."""
        surnames: set[str] = set()
        keep: list[_Span] = []
        span_at = {s.i: s for s in spans}
        lower_words = toks.lower_texts
        headline = self._titlecase_lines(text, toks)
        g = self.g
        named = frozenset(g.cc[c >> 1] for sp in spans for c in sp.cands[:1] if (sp.demonym or (
            not c & 1 and g.kinds[c >> 1] == gz.K_COUNTRY)) and g.cc[c >> 1])  # the countries the text names
        kept_ends: set[int] = set()  # last token of each span kept so far
        in_phrase = self._not_place_phrase_tokens(toks)
        for s in spans:
            if s.abbr_only:
                keep.append(s)
                kept_ends.add(s.j)
                continue
            first = toks[s.i]
            last = toks[s.j]
            single = s.i == s.j
            low = first.key
            big, pop = self._tier(s)
            in_head = s.i in headline
            if s.key in lx.NOT_PLACE_PHRASES or s.i in in_phrase:
                continue
            if single and low in self._not_places and not self._nation_like(s):
                continue
            prev = toks[s.i - 1] if s.i > 0 else None
            nxt = toks[s.j + 1] if s.j + 1 < len(toks) else None
            prev_gap = text[prev.end:first.start] if prev else ""
            next_gap = text[last.end:nxt.start] if nxt else ""
            locative = prev is not None and prev_gap == " " and (
                (not prev.cap or prev.sent_start) and prev.key in _LOCATIVE or
                prev.key in _PART_WORDS and s.i > 1 and toks[s.i - 2].key in _LOCATIVE and
                (not toks[s.i - 2].cap or toks[s.i - 2].sent_start))  # "in lower Kurram", "In Central Kurram"
            comma_place = nxt is not None and next_gap == ", " and (s.j + 1) in span_at
            # --- one word: function words, common words, names
            if single:
                if low in _NEVER_ALONE or len(low) < 2:
                    continue
                if first.upper and len(first.text) <= 3 and low not in ("us", "uk", "usa", "uae", "eu"):
                    continue
                if low in self._common and not self._nation_like(s):
                    continue
                if low in self._dict:
                    need = 1_000_000 if (first.sent_start or in_head) else 20_000
                    if not big and pop < need and not (locative or comma_place):
                        continue
                if first.sent_start and low in self._first and not big:
                    continue
                if low in self._surnames and not big and pop < 100_000 and not (locative or comma_place):
                    continue
                if not big and low in lower_words and not first.sent_start:
                    continue
                if all(c & 1 for c in s.cands) and not s.demonym:
                    # only an alternate name of some place: ask for a big place, or for a place-chain
                    # that names its container ("Miranshah, North Waziristan", "Toucountouna (Toucountouna,
                    # Atacora)")
                    if len(low) < 4:
                        continue
                    if max(self.g.pop[c >> 1] for c in s.cands) < 100_000 and \
                            not self._anchored(text, s, span_at.get(s.j + 1), named) and \
                            not (locative and any(self.g.cc[c >> 1] in named for c in s.cands)):
                        # (a place after "in" in a text that names its country stands: "in Bajaur")
                        if (locative or _NAME_COMMA_BEFORE.search(text, max(0, s.start - 50), s.start)) and \
                                (self._sizeable(s.cands) or _PART_AFTER.match(text, s.end)):
                            # a town's or district's other name after "in" ("a polling station in Galole"):
                            # it stands unless the text's other places are elsewhere (_tentative_need_company)
                            s.tentative = True
                        else:
                            continue
            nation = self._nation_like(s)
            # --- a role before a two-word name: "spokesperson Mao Ning", "coach Sami El-Sheshini"
            if (prev is not None and not prev.cap and prev_gap == " " and prev.key in self._roles
                    and (not single or (nxt is not None and next_gap == " " and nxt.cap and not nxt.abbr))
                    and not nation):
                surnames.add(s.key)
                continue
            # --- the head of the name of an organisation, a treaty or a meeting:
            # "Shanghai Cooperation Organization", "Warsaw Pact" (not a country:
            # "Iran Nuclear Agreement"; not inside the name: "Lebanon-Syria Treaty")
            if (nxt is not None and next_gap == " " and nxt.cap and not nation
                    and not (prev is not None and prev.cap and prev_gap in (" ", "-"))
                    and self._org_name_follows(text, toks, s.j)):
                continue
            # --- hyphenated compounds with a non-place ("Wal-Mart", "al-Adl")
            if prev is not None and prev_gap == "-" and prev.cap and (s.i - 1) not in span_at and not big:
                continue
            if nxt is not None and next_gap == "-" and nxt.cap and (s.j + 1) not in span_at and not big:
                continue
            # --- what comes before
            if prev is not None and prev_gap == " " and prev.cap and not in_head:
                pk = prev.key.casefold().rstrip(".")
                if pk in self._titles:
                    surnames.add(s.key)
                    continue
                opener = prev.sent_start and (pk in self._common or pk in _OPENERS)  # "Five Kisumu journalists"
                if not prev.abbr and not s.demonym and not opener:
                    if pk in self._first:
                        surnames.add(s.key)
                        continue
                    if ((s.i - 1) not in kept_ends and pk not in self._qualifiers and pk not in self._connectors
                            and pk not in _FUNCTION_WORDS and pk not in self._placewords
                            and not big):
                        surnames.add(s.key)
                        continue
            # --- what comes after
            if nxt is not None and next_gap == " " and nxt.cap and not nxt.sent_start:
                nk = nxt.key.casefold().rstrip(".")
                if nk in self._media and not s.demonym:
                    continue
                if not in_head and single and low in self._first and not big and nk not in self._common \
                        and nk not in self._placewords and nk not in self._dict:
                    continue
            if s.key in surnames:
                continue
            keep.append(s)
            kept_ends.add(s.j)
        # names seen as surnames anywhere in the article are not places
        if surnames:
            keep = [s for s in keep if s.abbr_only or s.key not in surnames or self._tier(s)[0]]
        return keep

    def _not_place_phrase_tokens(self, toks: list[_Tok]) -> set[int]:
        """Indices of the tokens of a phrase that names no place though its words do ("Boko Haram",
        "Lashkar-e-Taiba": :data:`lexicon.NOT_PLACE_PHRASES`)."""
        out: set[int] = set()
        first = _PHRASE_FIRST
        for i, t in enumerate(toks):
            lens = first.get(t.key.casefold())
            if not lens:
                continue
            for n in lens:
                if i + n <= len(toks) and " ".join(x.key.casefold() for x in toks[i:i + n]) in _PHRASE_KEYS:
                    out.update(range(i, i + n))
        return out

    # ------------------------------------------------------------------ resolution

    def _prior(self, c: int) -> float:
        g = self.g
        p = c >> 1
        k = g.kinds[p]
        if k == gz.K_CITY:
            s = 2.0 * math.log10(g.pop[p] + 10)
            if c & 1:
                s -= 4.0
        else:
            s = _PRIOR_KIND[k] + 0.25 * math.log10(g.pop[p] + 1) / 8
            if c & 1:
                s -= 3.0
        return s

    def _span_priors(self, s: _Span) -> tuple[tuple[int, float], ...]:
        """(candidate, prior) of each candidate of a span; memoised by the candidates (they alone decide
        it), at most ``_PLACE_CACHE`` of them."""
        pr = self._priors.get(s.cands)
        if pr is None:
            pr = _remember(self._priors, s.cands, tuple(self._candidate_priors(s.cands)))
        return pr

    def _candidate_priors(self, cands: tuple[int, ...]) -> list[tuple[int, float]]:
        g = self.g
        pr = [(c, self._prior(c)) for c in cands]
        if len(pr) > 1:
            # A province named after its big city ("Tehran", "Haifa"): the city.
            a1s = {g.admin1[c >> 1] for c, _ in pr if g.kinds[c >> 1] == gz.K_ADMIN1}
            if a1s:
                pr = [(c, v + 5.0 if (g.kinds[c >> 1] == gz.K_CITY and not c & 1 and g.admin1[c >> 1] in a1s
                                      and g.pop[c >> 1] >= 100_000) else v) for c, v in pr]
            caps = g.capitals
            pr = [(c, v + 1.5 if (c >> 1) in caps else v) for c, v in pr]
        return pr

    def _division_word(self, text: str, s: _Span, pr: Sequence[tuple[int, float]]) -> Sequence[tuple[int, float]]:
        """A division word after (or before) a name makes it the division ("Kurram district", "Kwale county",
        "district Buner": +4 to
        the divisions it may name); without one, a division of the world-wide tables named after a town
        in it is the town ("Kupwara", "Lamu": -4 to the district or county)."""
        g = self.g
        if len(pr) < 2:
            return pr
        m = _UNIT_AFTER.match(text, s.end, s.end + 24) or _UNIT_BEFORE.search(text, max(0, s.start - 16), s.start)
        if m:
            word = m.group(0).strip().lower().split()[0]
            kinds = (gz.K_ADMIN2, gz.K_ADMIN1) if word in _UNIT_ADMIN1 else (gz.K_ADMIN2,)
            return [(c, v + 4.0 if g.kinds[c >> 1] in kinds else v) for c, v in pr]
        town_a1 = {g.admin1[c >> 1] for c, _ in pr if g.kinds[c >> 1] == gz.K_CITY and not c & 1}
        if not town_a1:
            return pr
        return [(c, v - 4.0 if g.kinds[c >> 1] in (gz.K_ADMIN2, gz.K_ADMIN1) and g.admin1[c >> 1] in town_a1
                 and (c >> 1) in self._weak else v) for c, v in pr]

    def _container(self, acands, bcands, a_bonus: dict, b_bonus: dict, loose: bool) -> None:
        """Bonuses for the readings of a name and of a later name of its chain that contain it: the same
        first-level division (the later name a province; or, in a looser chain, a district or a town of
        it), else the same country."""
        g = self.g
        for cb in bcands:
            pb = cb >> 1
            kb = g.kinds[pb]
            for ca in acands:
                pa = ca >> 1
                if pa == pb:
                    continue
                same_a1 = g.admin1[pa] is not None and g.admin1[pa] == g.admin1[pb]
                if same_a1 and (kb == gz.K_ADMIN1 or loose and kb in (gz.K_ADMIN2, gz.K_CITY)):
                    a_bonus[ca] = max(a_bonus.get(ca, 0), 8.0)
                    b_bonus[cb] = max(b_bonus.get(cb, 0), 4.0)
                elif kb == gz.K_COUNTRY and g.cc[pa] == g.cc[pb] or \
                        loose and kb == gz.K_ADMIN1 and g.cc[pa] == g.cc[pb] and g.admin1[pa] is None:
                    a_bonus[ca] = max(a_bonus.get(ca, 0), 6.0)

    def _resolve(self, text: str, toks: list[_Tok], spans: list[_Span]) -> list[tuple[int | None, float]]:
        g = self.g
        priors = [self._division_word(text, s, self._span_priors(s)) for s in spans]
        # "Panjgur, Balochistan" / "Gainesville, Ga." / "Kpakpa (Nikki, Borgou)" / "Kisko block in
        # Lohardaga" / "Shikarpur under Wazirpur upazila of Barisal": a later name of the chain contains it.
        container_bonus: list[dict[int, float]] = [dict() for _ in spans]
        for k in range(len(spans) - 1):
            a = spans[k]
            end = a.end
            for m in range(k + 1, min(len(spans), k + 3)):
                b = spans[m]
                gap = text[end:b.start]
                if gap in (", ", ","):
                    paren = False
                elif gap in (" (", "(") or (m > k + 1 and gap in (", ", ",")):
                    paren = True
                elif _CHAIN_WORDS.fullmatch(gap):
                    paren = True
                else:
                    break
                self._container(a.cands, b.cands, container_bonus[k], container_bonus[m], paren)
                end = b.end
        # "the Magura-Jessore road": the two ends of a road are in one country
        for k in range(len(spans) - 1):
            a, b = spans[k], spans[k + 1]
            if text[a.end:b.start] in ("-", "–") and _ROAD_AFTER.match(text, b.end, b.end + 40):
                ccs_a = {g.cc[c >> 1] for c in a.cands}
                ccs_b = {g.cc[c >> 1] for c in b.cands}
                for cands, ccs, bonus in ((a.cands, ccs_b, container_bonus[k]), (b.cands, ccs_a, container_bonus[k + 1])):
                    for c in cands:
                        if g.cc[c >> 1] in ccs:
                            bonus[c] = max(bonus.get(c, 0), _ROAD_BONUS)
        choice: list[int | None] = [None] * len(spans)
        for s_i, pr in enumerate(priors):
            if pr:
                choice[s_i] = max(pr, key=lambda x: x[1] + container_bonus[s_i].get(x[0], 0))[0]
        scores: list[float] = [0.0] * len(spans)
        org_w = dict.fromkeys(org_countries(text), 1.0) if spans else {}
        for _round in range(2):
            cc_w: dict[str, float] = dict(org_w)
            a1_w: dict[str, float] = {}
            for s_i, c in enumerate(choice):
                if c is None:
                    continue
                p = c >> 1
                w = 1.0
                if g.cc[p]:
                    cc_w[g.cc[p]] = cc_w.get(g.cc[p], 0) + w
                a1 = g.admin1[p]
                if a1:
                    a1_w[a1] = a1_w.get(a1, 0) + w
            new_choice = []
            for s_i, pr in enumerate(priors):
                if not pr:
                    new_choice.append(None)
                    continue
                own = choice[s_i]
                own_cc = g.cc[own >> 1] if own is not None else None
                own_a1 = g.admin1[own >> 1] if own is not None else None
                best, best_s = None, -1e9
                for c, ps in pr:
                    p = c >> 1
                    sc = ps + container_bonus[s_i].get(c, 0)
                    cc = g.cc[p]
                    if cc:
                        w = cc_w.get(cc, 0) - (1 if cc == own_cc else 0)
                        if w > 0:
                            sc += min(3.0, 2.0 + w / 2)
                    a1 = g.admin1[p]
                    if a1:
                        w = a1_w.get(a1, 0) - (1 if a1 == own_a1 else 0)
                        if w > 0:
                            sc += min(3.0, 2.0 + w / 2)
                    if sc > best_s:
                        best, best_s = c, sc
                new_choice.append(best)
                scores[s_i] = best_s
            if new_choice == choice:
                break  # settled: another round would weigh the same choices again
            choice = new_choice
        # one place for a name repeated in the article
        by_key: dict[str, list[int]] = {}
        for s_i, s in enumerate(spans):
            by_key.setdefault(s.key, []).append(s_i)
        for idxs in by_key.values():
            if len(idxs) < 2:
                continue
            best = max(idxs, key=lambda k: scores[k])
            for k in idxs:
                if choice[k] is not None and choice[best] is not None:
                    choice[k] = choice[best]
        out = []
        for s_i, c in enumerate(choice):
            conf = 1.0 / (1.0 + math.exp(-(scores[s_i] - 8.0) / 2.0)) if c is not None else 0.0
            out.append((None if c is None else c >> 1, round(conf, 3)))
        return out

    # ------------------------------------------------------------------ API

    def parse(self, text: str) -> list[Toponym]:
        if not text:
            return []
        toks = self._tokens(text)
        spans = self._filter(text, toks, self._spans(text, toks))
        resolved = self._resolve(text, toks, spans)
        out = []
        for s, (p, conf) in zip(spans, resolved):
            place = self._place(p) if p is not None else None
            out.append(Toponym(start=s.start, end=s.end, name=text[s.start:s.end], place=place, score=conf))
        return self._weak_divisions_need_context(text, *self._tentative_need_company(spans, out))

    def _weak_divisions_need_context(self, text: str, spans: list[_Span], tops: list[Toponym]) -> list[Toponym]:
        """A division from the world-wide tables (``ne1w:``, ``gn1:``, ``gn2:``, see :data:`WEAK_PREFIXES`)
        stands only with context: another place of its country in the text (a place from the bundled
        layers, or two more such divisions: a list of districts), a party or armed group of its country
        (:data:`lexicon.ORG_COUNTRIES`), a place-chain position ("Birni Lafia
        (Karimama, Alibori)", "Wote, Makueni", "Miranshah, North Waziristan"), or a division word after it
        ("Makueni county", "Kurram district"). Without it, the name's next candidate is taken, or none
        (such names are often words, first names or towns elsewhere: Paul, Bar, Lot, Gulf).
        """
        def weak(t: Toponym) -> bool:
            return t.place is not None and t.place.place_id.startswith(WEAK_PREFIXES)

        idx = [i for i, t in enumerate(tops) if weak(t)]
        if not idx:
            return tops
        strong = {t.place.country_code for t in tops if t.place is not None and not weak(t)}
        strong |= org_countries(text)  # "a suspected al Shabaab member in Kwale": Kenya's Kwale
        weak_names: dict = {}  # country -> the distinct names of its weak divisions
        for i in idx:
            weak_names.setdefault(tops[i].place.country_code, set()).add(tops[i].place.place_id)
        out = list(tops)
        drop = set()
        for i in idx:
            t = tops[i]
            cc = t.place.country_code
            if cc in strong or len(weak_names.get(cc, ())) >= 3:
                continue
            if re.search(r"\((?:[^()\n]{0,40},)?\s*$", text[max(0, t.start - 44):t.start]) or \
                    _UNIT_AFTER.match(text, t.end, t.end + 24) or _UNIT_END.search(t.name) or \
                    _UNIT_BEFORE.search(text, max(0, t.start - 16), t.start) or \
                    _CHAIN_WORDS_BEFORE.search(text, max(0, t.start - 40), t.start) or \
                    _NAME_COMMA_BEFORE.search(text, max(0, t.start - 50), t.start):
                continue  # "(Zou", "(Karimama, Alibori", "Kurram district", "Wajir County", "district Buner",
                # "a village in Imphal East", "in Mir Ali, North Waziristan"
            prv = tops[i - 1] if i > 0 else None
            nxt = tops[i + 1] if i + 1 < len(tops) else None
            if any(o is not None and o.place is not None and o.place.country_code == cc and
                   text[a:b] in (", ", ",", " (", "(") for o, a, b in ((prv, prv.end if prv else 0, t.start),
                                                                     (nxt, t.end, nxt.start if nxt else 0))):
                continue
            others = [c for c in spans[i].cands if not self.g.ids[c >> 1].startswith(WEAK_PREFIXES)]
            if not others and (t.place.kind == "admin2" or t.place.kind == "admin1" and t.name == t.place.name
                               and t.place.population > 0 and not strong) and \
                    _LOCATIVE_BEFORE.search(text, max(0, t.start - 24), t.start):
                continue  # "in Barguna": a district's own and only reading, after a locative preposition
            if others:
                best = max(others, key=self._prior)
                out[i] = Toponym(start=t.start, end=t.end, name=t.name, place=self._place(best >> 1),
                                 score=t.score)
            else:
                drop.add(i)
        return [t for i, t in enumerate(out) if i not in drop]


_default: Geoparser | None = None
_lock = threading.Lock()


def default_geoparser() -> Geoparser:
    """The process-wide geoparser (the gazetteer is loaded once)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Geoparser()
    return _default


_CAPITALS: dict[str, int] | None = None


def capital_of(cc: str):
    """The national capital of the country ``cc`` (a Place of the process-wide gazetteer), or None."""
    global _CAPITALS
    g = default_geoparser().g
    if _CAPITALS is None:
        best: dict[str, int] = {}
        for i in g.capitals:
            c = g.cc[i]
            if c and (c not in best or g.pop[i] > g.pop[best[c]]):
                best[c] = i
        _CAPITALS = best
    i = _CAPITALS.get(cc)
    return g.place(i) if i is not None else None
