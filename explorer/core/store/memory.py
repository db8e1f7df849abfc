"""A project's contents in memory: articles, their mentions, the places, the ledger's events.

Filled by :meth:`explorer.core.store.project.Project.load_corpus` (the
project is the store; this is what the app shows of it).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from explorer.core.models import Article, LedgerEvent, Mention, Place


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    mentions: int
    articles: int


@dataclass
class Corpus:
    articles: dict[str, Article] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    events: list[LedgerEvent] = field(default_factory=list)  # one per happening, with its sources
    errors: list[Exception] = field(default_factory=list)

    def places(self) -> list[PlaceSummary]:
        """Every place mentioned, with counts, most mentioned first."""
        by_id: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            by_id[m.place.place_id].append(m)
        out = [
            PlaceSummary(ms[0].place, len(ms), len({m.article_id for m in ms}))
            for ms in by_id.values()
        ]
        out.sort(key=lambda s: (-s.mentions, s.place.name))
        return out

    def place(self, place_id: str) -> Place | None:
        for m in self.mentions:
            if m.place.place_id == place_id:
                return m.place
        return None

    def mentions_of(self, place_id: str) -> list[Mention]:
        """Mentions of a place in article order, then text order."""
        order = {aid: i for i, aid in enumerate(self.articles)}
        ms = [m for m in self.mentions if m.place.place_id == place_id]
        ms.sort(key=lambda m: (order.get(m.article_id, 0), m.start))
        return ms

    def excerpt(self, mention: Mention) -> str:
        return self.articles[mention.article_id].raw_text[mention.sentence_start:mention.sentence_end]

    def events_of(self, place_id: str) -> list[LedgerEvent]:
        """Events located at a place, in the order of their first source (article, then text)."""
        return [e for e in self.events if e.place is not None and e.place.place_id == place_id]

    def search(self, query: str, limit: int = 50, mark: tuple[str, str] = ("[", "]")) -> list[tuple[str, str, str]]:
        """Articles whose title or text hold every word of ``query`` (case and accents ignored).

        The in-memory twin of :meth:`explorer.core.store.project.Project.search`:
        (article_id, title, snippet) tuples, the snippet around the first
        match with the matched word between ``mark``. The last word also
        matches as a prefix. Never raises for what the user typed.
        """
        words = [_fold(w) for w in _WORD.findall(query or "")][:32]
        if not words:
            return []
        prefix_last = (query or "")[-1:].isalnum()
        hits = []
        for aid, art in self.articles.items():
            text = art.title + "\n" + art.raw_text
            folded = _fold(text)
            tokens = set(_WORD.findall(folded))
            if not all(w in tokens or (prefix_last and i == len(words) - 1 and any(t.startswith(w) for t in tokens))
                       for i, w in enumerate(words)):
                continue
            body = _fold(art.raw_text)
            src, m = art.raw_text, re.search(r"\b" + re.escape(words[0]), body)
            if m is None:
                src, body = art.title, _fold(art.title)
                m = re.search(r"\b" + re.escape(words[0]), body)
            hits.append((aid, art.title, _snippet(src, m.start(), m.end() + _word_tail(body, m.end()), mark)))
            if len(hits) >= limit:
                break
        return hits


_WORD = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    """Lower case without accents, one character for one (so offsets still match)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)).lower()
        out.append(base if len(base) == 1 else ch.lower() if len(ch.lower()) == 1 else ch)
    return "".join(out)


def _word_tail(folded: str, end: int) -> int:
    n = 0
    while end + n < len(folded) and folded[end + n].isalnum():
        n += 1
    return n


def _snippet(text: str, start: int, end: int, mark: tuple[str, str], width: int = 60) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    head = ("…" if a > 0 else "") + text[a:start]
    tail = text[end:b] + ("…" if b < len(text) else "")
    return " ".join((head + mark[0] + text[start:end] + mark[1] + tail).split())
