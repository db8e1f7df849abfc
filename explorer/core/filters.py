"""Which places to show for a choice of event types and a time window."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from explorer.core.models import Event
from explorer.core.store import Corpus


def date_interval(iso: str | None, precision: str | None) -> tuple[date, date] | None:
    """The days an event date covers: '2024' is the whole year, '2024-01' the month."""
    if not iso:
        return None
    try:
        parts = [int(x) for x in iso.split("-")]
    except ValueError:
        return None
    if len(parts) == 1 or precision == "year":
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2 or precision == "month":
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    d = date(parts[0], parts[1], parts[2])
    return d, d


@dataclass(frozen=True)
class EventFilter:
    """No types and no dates means: no filter, every place shows."""

    types: frozenset[str] = field(default_factory=frozenset)
    start: date | None = None
    end: date | None = None

    @property
    def active(self) -> bool:
        return bool(self.types) or self.start is not None or self.end is not None

    def accepts(self, ev: Event) -> bool:
        if self.types and ev.event_type not in self.types:
            return False
        if self.start is None and self.end is None:
            return True
        span = date_interval(ev.date, ev.date_precision)
        if span is None:  # undated events do not fall in any time window
            return False
        lo, hi = span
        return (self.start is None or hi >= self.start) and (self.end is None or lo <= self.end)


def visible_place_ids(corpus: Corpus, flt: EventFilter) -> list[str] | None:
    """The places with at least one accepted event, or None (show all) when no filter is set."""
    if not flt.active:
        return None
    return sorted({ev.place.place_id for ev in corpus.events if ev.place is not None and flt.accepts(ev)})


def event_types_present(corpus: Corpus) -> list[str]:
    return sorted({ev.event_type for ev in corpus.events})


def date_range(corpus: Corpus) -> tuple[date, date] | None:
    spans = [date_interval(ev.date, ev.date_precision) for ev in corpus.events]
    spans = [s for s in spans if s]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)
