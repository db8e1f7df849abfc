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


@dataclass
class Article:
    article_id: str  # the file name without extension for file-based articles
    title: str
    raw_text: str  # the article's text as read (decoded file contents)
    path: str | None = None
    outlet: str | None = None
    dates: list[str] = field(default_factory=list)  # ISO dates the text states / the manifest gives
    published: str | None = None  # ISO date of publication when known
    content_hash: str = ""


@dataclass(frozen=True)
class Event:
    """Something reported as happening, at a place, maybe on a date."""

    article_id: str
    event_type: str
    acled_type: str
    start: int  # excerpt span, raw offsets
    end: int
    place: Place | None
    trigger: str = ""
    date: str | None = None  # ISO 8601, truncated to its precision ("2024-01", "2024")
    date_precision: str | None = None  # "day" | "month" | "year" | None
    actors: tuple[str, ...] = ()
    mention_start: int | None = None  # the mention that locates the event
    mention_end: int | None = None
