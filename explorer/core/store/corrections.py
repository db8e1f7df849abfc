"""Corrections: the user fixes a wrong pin; the project keeps the fix and applies it on every analysis.

A correction is an override layer on the geoparser's output, applied after the
geoparser and before the event extractor (:func:`explorer.core.store.ingest.analyse`,
so every runner applies it: serial, worker processes, Dask). The geoparser is
never edited to fix one pin. A moved mention takes the new place; a "not a
place" mention is dropped; then the events are extracted from the corrected
mentions, so an event that was placed by the wrong mention moves (or goes) too.

API (Qt-free; the GUI's context menu, undo stack and dialogs call these)::

    add_correction(project, *, article_id, start, end, new_place_id, scope="mention", geoparser=None)
        -> CorrectionResult
        The mention ``article_id[start:end]`` (raw offsets, as Mention.start/end) goes to the gazetteer place
        ``new_place_id``, or is not a place (``new_place_id=None``), in ``scope``:
          "mention"  this mention only;
          "article"  every mention of this name in this article;
          "project"  every mention of this name (same normalised name, same place as the geoparser read
                     it) in the project's articles now, and in articles added later whose country context
                     is this article's (see below).
        The affected articles are analysed again from their stored text and written in one transaction.
        A span the geoparser did not read as a place may be given a place (mention scope only): "this is
        a place". Raises CorrectionError (a ValueError, message in words) for an unknown article, a span
        outside its text or naming nothing, an unknown place id, an unknown scope.

    revoke_correction(project, correction_id, *, geoparser=None) -> CorrectionResult     (undo)
    restore_correction(project, correction_id, *, geoparser=None) -> CorrectionResult    (redo)
        A revoked correction stays in the table, inactive (its id is stable: an undo stack may hold it);
        revoke then restore gives back exactly the rows there were (mentions, places and their counts, the
        event ledger), row ids aside. Revoking a revoked one, or restoring an active one, changes nothing.

    corrections(project, *, active=None, article_id=None) -> list[Correction]
        Newest first. ``active``: True/False to list only active/revoked ones; ``article_id``: those made in
        that article or applying to it. Each says how many mentions and articles it decides now and in how
        many articles it could not be applied (``stale``). ``Correction.label`` is one line for a list:
        "Mirpur: Mīrpur (IN) → Mirpur (BD), in this article, 2026-12-01 17:03".

    candidates(project, article_id, start, end, limit=20, *, gazetteer=None) -> list[Candidate]
        The gazetteer's places for the name at that span (its readings, transliterations), each with
        name, kind, country, admin1, lat/lon, population and ``distance_km``, the distance to the nearest
        of the article's other places (None when it has none); nearest first (then the most important),
        the mention's current place among them, marked ``current``.
        For any other place, the dialog's search field uses explorer.core.places.search.search_places.

    active_set(project) -> CorrectionSet
        The project's active corrections, small and picklable: what an ingest ships to its workers.

Stored in the project (schema 4): the ``corrections`` table (one row per correction: scope,
article_id (NULL for project scope), origin_article_id, start, end, surface, name_key, old place,
the geoparser's place (``parsed_place_id``), the new place's full row (NULL: not a place), country
context, created_at, active), ``correction_targets`` (project scope: the articles it was made for) and
``correction_uses`` (where each correction decided a mention, or could not be applied: 'moved',
'dropped', 'added', 'stale'; rewritten with the article's rows). A corrected mention's row has its
``correction_id`` and ``parsed_place_id`` (the geoparser's reading); places count their corrected
mentions (``places.corrected``); event reports and ledger events carry ``corrected`` (their place came
from a corrected mention). Every export has a ``corrected`` column.

Which correction decides a mention (only active ones; the geoparser's output, uncorrected, is what is
matched): a mention-scope correction on its exact span, else the newest article-scope correction of its
name in its article, else the newest project-scope correction of its name and geoparser place that
applies to the article: the article was one of its targets (it named the place so when the correction
was made), or its *country context* equals the correction's. The country context of an article for a
name is the country most of its other resolved mentions (the geoparser's, mentions of that name left
out) lie in; a tie goes to the country named first; none when no other mention has a country.

A mention-scope correction whose span no longer reads the name (the article's text changed) is not
applied: it is recorded as 'stale' (``Correction.stale``) and the ingest says so in a warning.
"""
from __future__ import annotations
