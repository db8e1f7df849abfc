"""Words for an event's date, place precision and sources, as the side panel and the map show them."""
from __future__ import annotations

from datetime import date

from explorer.core.models import Event, LedgerEvent

GEO_PRECISION_WORDS = {1: "at the named place", 2: "near the named place", 3: "only the province or country known"}


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def _fmt(d: date) -> str:
    return f"{d.day} {d:%b %Y}"


def describe_date(ev: Event | LedgerEvent) -> str:
    """'18 Jan 2024', '26–27 Jan 2024', 'Jan 2024', '2024', 'week to 18 Jan 2024 (inferred from publication)',
    or 'date not stated'."""
    if not ev.date:
        return "date not stated"
    first = _day(ev.date) if ev.date.count("-") == 2 else None
    last = _day(ev.date_end) if ev.date_end else None
    if ev.date_inferred and last is not None:
        return f"week to {_fmt(last)} (inferred from publication)"
    if first is None:
        if ev.date.count("-") == 1:
            y, m = ev.date.split("-")
            try:
                return date(int(y), int(m), 1).strftime("%b %Y")
            except ValueError:
                return ev.date
        return ev.date
    if last is not None and last != first:
        if (first.year, first.month) == (last.year, last.month):
            text = f"{first.day}–{last.day} {last:%b %Y}"
        else:
            text = f"{_fmt(first)} – {_fmt(last)}"
        return text + (" (week)" if ev.date_precision == "week" else "")
    if ev.date_precision == "week":
        return f"week of {_fmt(first)}"
    return _fmt(first)


def describe_sources(ev: LedgerEvent) -> str:
    """'1 source', '3 sources in 2 articles'."""
    n, a = len(ev.sources), len(ev.article_ids)
    text = f"{n} source{'s' if n != 1 else ''}"
    return text + (f" in {a} articles" if a > 1 else "")
