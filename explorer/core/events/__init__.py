"""Events: what the articles report as happening, where, when, and by whom.

``extract_events(article, text, mentions)`` gives one article's event reports
(:class:`~explorer.core.models.Event`); :mod:`explorer.core.events.merge`
decides which reports tell of the same happening (the evidence ledger that
the project store keeps).

One module per concern: :mod:`.taxonomy` (the registry of types),
:mod:`.triggers` (cue words), :mod:`.filters` (what is not an event),
:mod:`.actors` (who did what to whom), :mod:`.codebook` (ACLED's type
definitions), :mod:`.place` (where, geo-precision), :mod:`.dates` (when, the
article's clock), :mod:`.extract` (the orchestration), :mod:`.merge` (the
ledger's sameness rule).
"""
from explorer.core.events.extract import EventRecord, extract_event_records, extract_events

__all__ = ["extract_events", "extract_event_records", "EventRecord"]
