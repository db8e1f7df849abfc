"""What a project holds, read whole for a test's assertions (the app itself only ever asks the
project what one view needs: see explorer.core.store.views)."""
from __future__ import annotations

from dataclasses import dataclass, field

from explorer.core.models import Article, LedgerEvent, Mention
from explorer.core.store.ingest import ingest


@dataclass
class Contents:
    articles: dict[str, Article] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    events: list[LedgerEvent] = field(default_factory=list)
    errors: list = field(default_factory=list)
    place_counts: list = field(default_factory=list)

    def places(self):
        """Every place with its counts (.place, .mentions, .articles, .events), most mentioned first."""
        return self.place_counts

    def mentions_of(self, place_id: str) -> list[Mention]:
        return [m for m in self.mentions if m.place.place_id == place_id]

    def events_of(self, place_id: str) -> list[LedgerEvent]:
        return [e for e in self.events if e.place is not None and e.place.place_id == place_id]

    def excerpt(self, m: Mention) -> str:
        return self.articles[m.article_id].raw_text[m.sentence_start:m.sentence_end]


def contents(project, errors=()) -> Contents:
    return Contents({a.article_id: a for a in project.articles()}, project.mentions(), project.events(),
                    list(errors), project.places())


def ingested(sources=None, **kwargs) -> Contents:
    """Ingest into a project in memory and read everything back."""
    with ingest(sources, **kwargs) as result:
        return contents(result.project, result.errors)


def map_data(sources=None, filters=None, **kwargs):
    """What the map of the articles ``sources`` (read into a project in memory) would show."""
    from explorer.mapdoc.document import MapData

    with ingest(sources, **kwargs) as result:
        return MapData.from_project(result.project.conn, filters)
