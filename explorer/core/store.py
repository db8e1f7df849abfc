"""The in-memory store of a session: articles, their mentions, the places."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from explorer.core.models import Article, Event, Mention, Place


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    mentions: int
    articles: int


@dataclass
class Corpus:
    articles: dict[str, Article] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[Exception] = field(default_factory=list)

    def add(self, article: Article, mentions: list[Mention], events: list[Event] | None = None) -> None:
        """Add or replace an article with its mentions (and events)."""
        if article.article_id in self.articles:
            self.remove(article.article_id)
        self.articles[article.article_id] = article
        self.mentions.extend(mentions)
        self.events.extend(events or [])

    def remove(self, article_id: str) -> None:
        self.articles.pop(article_id, None)
        self.mentions = [m for m in self.mentions if m.article_id != article_id]
        self.events = [e for e in self.events if e.article_id != article_id]

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
