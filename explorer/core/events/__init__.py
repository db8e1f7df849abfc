"""Events: what the articles report as happening, where, when, and by whom.

``extract_events(article, text, mentions)`` gives one article's event reports
(:class:`~explorer.core.models.Event`); :mod:`explorer.core.events.merge`
decides which reports tell of the same happening (the evidence ledger that
the project store keeps).
"""
from explorer.core.events.extract import EventRecord, extract_event_records, extract_events

__all__ = ["extract_events", "extract_event_records", "EventRecord"]
