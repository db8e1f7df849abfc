"""Plain data records shared by every layer.

All character offsets (``start``/``end``) are Python string offsets into the
article's *raw* text (``Article.raw_text``), end exclusive, so that
``article.raw_text[m.start:m.end]`` is the mention exactly as written.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of place, from the most to the least specific.
PLACE_KINDS = ("poi", "city", "admin2", "admin1", "region", "country", "continent")


@dataclass(frozen=True)
class Place:
    """A resolved gazetteer entry."""

    place_id: str  # stable id, e.g. "gn:1168226", "ne1:PK-BA", "country:PK", "region:kashmir"
    name: str  # preferred display name
    kind: str  # one of PLACE_KINDS
    lat: float
    lon: float
    country_code: str | None = None  # ISO 3166-1 alpha-2, None for multi-country regions
    population: int = 0
    admin1: str | None = None  # name of the first-level division, when known


@dataclass(frozen=True)
class Toponym:
    """A place name found by the geoparser in a piece of text.

    Offsets are into the text that was given to the geoparser.
    ``place`` is None when the name was recognised but not resolved.
    """

    start: int
    end: int
    name: str  # surface form, text[start:end]
    place: Place | None
    score: float = 1.0


@dataclass(frozen=True)
class Mention:
    """A toponym located in an article, with offsets into the raw article text."""

    article_id: str
    start: int
    end: int
    surface: str
    place: Place
    score: float
    sentence_start: int  # the excerpt (sentence) holding the mention, raw offsets
    sentence_end: int
    # A user's correction decided its place (explorer.core.store.corrections): its id, and the place the
    # geoparser had read there (None when the geoparser read no place there)
    correction_id: int | None = None
    parsed_place_id: str | None = None

    @property
    def corrected(self) -> bool:
        return self.correction_id is not None


@dataclass
class Article:
    article_id: str  # see explorer.core.text.sources: the file's path in its batch, or the row's id
    title: str
    raw_text: str  # the article's text as read (decoded file contents)
    path: str | None = None
    outlet: str | None = None
    dates: list[str] = field(default_factory=list)  # ISO dates the text states / the manifest gives
    published: str | None = None  # ISO date of publication when known
    content_hash: str = ""
    # What the reader had to say about it (decoded as Windows-1252, surrogates
    # replaced, not in English): warnings, not stored, not compared.
    notes: list = field(default_factory=list, compare=False, repr=False)
    line: int | None = field(default=None, compare=False)  # its row in a JSON Lines file


# ACLED's time precision of a date: 1 = the day, 2 = the week, 3 = the month (or coarser).
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@dataclass(frozen=True)
class Event:
    """One report of something happening, as one article tells it, at a place, maybe on a date.

    The project store gathers the reports that tell of the same happening
    into one ledger event (see :mod:`explorer.core.events.merge`); each
    report stays there as one of its sources.
    """

    article_id: str
    event_type: str  # a fine type of the taxonomy (explorer.core.events taxonomy)
    acled_type: str  # its ACLED event type
    start: int  # excerpt span, raw offsets
    end: int
    place: Place | None
    trigger: str = ""
    date: str | None = None  # ISO 8601, truncated to its precision ("2024-01", "2024"); first day of a range
    date_precision: str | None = None  # "day" | "week" | "month" | "year" | None
    actors: tuple[str, ...] = ()
    mention_start: int | None = None  # the mention that locates the event
    mention_end: int | None = None
    sub_event_type: str | None = None  # ACLED sub-event type, where the text says it ("Air/drone strike")
    date_end: str | None = None  # last day of a stated range ("Jan. 26-27"), else None
    date_inferred: bool = False  # True: no date in the text; the publication date stands in (week precision)
    geo_precision: int | None = None  # ACLED: 1 the named town, 2 near it / part of a district, 3 province or country
    corrected: bool = False  # its place came from a mention a user's correction placed

    @property
    def time_precision(self) -> int | None:
        """ACLED's time precision (1 day, 2 week, 3 month or coarser), None when undated."""
        return TIME_PRECISION.get(self.date_precision) if self.date else None


@dataclass(frozen=True)
class LedgerEvent:
    """One happening, told by one or more reports (its sources), as the project keeps it.

    The fields are the sources' consensus (see :func:`explorer.core.events.merge.summarise`);
    ``disputed`` names the fields on which the sources disagree ("type",
    "place", "date"), each source keeping its own version.
    """

    event_type: str
    acled_type: str
    place: Place | None
    sources: tuple[Event, ...]
    sub_event_type: str | None = None
    date: str | None = None
    date_end: str | None = None
    date_precision: str | None = None
    date_inferred: bool = False
    geo_precision: int | None = None
    actors: tuple[str, ...] = ()
    disputed: tuple[str, ...] = ()
    event_id: int | None = None  # its row in the project, once stored

    @property
    def time_precision(self) -> int | None:
        return TIME_PRECISION.get(self.date_precision) if self.date else None

    @property
    def corrected(self) -> bool:
        """Its place came from a corrected mention: a source at the event's place was placed by a correction."""
        pid = self.place.place_id if self.place is not None else None
        return pid is not None and any(s.corrected and s.place is not None and s.place.place_id == pid
                                       for s in self.sources)

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Every source's article, in source order, once each."""
        return tuple(dict.fromkeys(s.article_id for s in self.sources))
