"""Corrections: the user fixes a wrong pin; the project keeps the fix and applies it on every analysis.

A correction is an override layer on the geoparser's output, applied after the
geoparser and before the event extractor (:func:`explorer.core.store.ingest.analyse`,
so every runner applies it: serial, worker processes, Dask). The geoparser is
never edited to fix one pin. A moved mention takes the new place; a "not a
place" mention is dropped; then the events are extracted from the corrected
mentions, so an event that was placed by the wrong mention moves (or goes) too.

API (Qt-free; the GUI's context menu, undo stack and dialogs call these)::

    add_correction(project, *, article_id, start, end, new_place_id, scope="mention", geoparser=None,
                   progress=None) -> CorrectionResult
        The mention ``article_id[start:end]`` (raw offsets, as Mention.start/end) goes to the gazetteer place
        ``new_place_id``, or is not a place (``new_place_id=None``), in ``scope``:
          "mention"  this mention only;
          "article"  every mention of this name in this article;
          "project"  every mention of this name (same normalised name, same place as the geoparser read
                     it) in the project's articles now, and in articles added later whose country context
                     is this article's (see below).
        The affected articles are analysed again from their stored text and written in one transaction
        (``progress(done, total)`` is called before each). CorrectionResult: ``correction`` (as stored
        now), ``articles`` (ids of the articles whose mentions or reports changed), ``places`` (ids of
        the places whose pins changed: appeared, vanished, other counts or top type), ``notes``,
        ``reanalysed`` (how many articles were analysed).
        A span the geoparser did not read as a place may be given a place (mention scope only): "this is
        a place". Raises CorrectionError (a ValueError, message in words) for an unknown article, a span
        outside its text or naming nothing, an unknown place id, an unknown scope.

    revoke_correction(project, correction_id, *, geoparser=None, progress=None) -> CorrectionResult  (undo)
    restore_correction(project, correction_id, *, geoparser=None, progress=None) -> CorrectionResult (redo)
        A revoked correction stays in the table, inactive (its id is stable: an undo stack may hold it);
        revoke then restore gives back exactly the rows there were (mentions, places and their counts, the
        event ledger), row ids aside. Revoking a revoked one, or restoring an active one, changes nothing.

    count_affected(project, *, article_id, start, end, scope="mention") -> int
        How many articles that correction would analyse again (from the mentions table, at once): one
        for mention and article scope; for project scope, every article naming the name at that place.
        On the 10k-article benchmark project an article takes about 5 ms: ask before a big one, and run
        it off the GUI thread with ``progress``.

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

    get_correction(project, correction_id) -> Correction

    active_set(project) -> CorrectionSet
        The project's active corrections, small and picklable: what an ingest ships to its workers.

``geoparser``: the application's (explorer.core.places.geoparse.default_geoparser, loaded once per process,
about 0.5 s from the cached index) when None. The functions write through ``project``'s connection:
call them from the thread that owns it (or hold the GUI's other uses of it while one runs).

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

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import NamedTuple

from explorer.core.places.gazetteer import name_key
from explorer.core.places.search import PlaceFields
from explorer.core.models import Article, Event, Mention, Place

SCOPES = ("mention", "article", "project")
SCOPE_WORDS = {"mention": "this mention only", "article": "in this article", "project": "in the project"}
OUTCOMES = ("moved", "dropped", "added", "stale")
Progress = Callable[[int, int], None]  # (articles analysed so far, articles to analyse)


class CorrectionError(ValueError):
    """A correction that cannot be made as asked (the message says why, in words)."""


class Use(NamedTuple):
    """Where a correction decided a mention in one analysis (or could not be applied)."""

    correction_id: int
    start: int | None
    end: int | None
    outcome: str  # one of OUTCOMES


def _place_words(p: Place | None) -> str:
    if p is None:
        return "not a place"
    return f"{p.name} ({p.country_code})" if p.country_code else p.name


@dataclass(frozen=True)
class Correction:
    """One correction, as stored (see the module's docstring)."""

    id: int
    scope: str  # "mention" | "article" | "project"
    article_id: str | None  # the article it applies to; None for project scope
    origin_article_id: str  # the article it was made in
    start: int  # the span it was made on, in the origin article (raw offsets)
    end: int
    surface: str  # the name as written there
    name_key: str  # its normalised form (explorer.core.places.gazetteer.name_key): what article/project scope match
    old_place: Place | None  # the place the mention had when the correction was made (None: no place)
    parsed_place_id: str | None  # the geoparser's own reading there (what project scope matches)
    new_place: Place | None  # None: not a place
    country: str | None  # the origin article's country context for this name (ISO 3166-1 alpha-2)
    created: str  # UTC, ISO 8601 ("2026-12-01T17:03:12Z")
    active: bool = True
    targets: frozenset = frozenset()  # project scope: the articles that named it so when it was made
    mentions: int = 0  # mentions it decides now (moved, dropped or added)
    articles: int = 0  # articles it decides mentions in now
    stale: int = 0  # articles in which it could not be applied (the text changed)

    @property
    def not_a_place(self) -> bool:
        return self.new_place is None

    @property
    def created_local(self) -> datetime:
        """When it was made, in this computer's time zone."""
        return datetime.strptime(self.created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).astimezone()

    @property
    def scope_words(self) -> str:
        words = SCOPE_WORDS[self.scope]
        if self.scope == "project" and self.country:
            from explorer.core.places.countries import country_name

            words += f" (and new articles about {country_name(self.country)})"
        return words

    @property
    def label(self) -> str:
        """One line for a list: "Mirpur: Mīrpur (IN) → Mirpur (BD), in this article, 2026-12-01 17:03"."""
        old = _place_words(self.old_place) if self.old_place is not None else "no place"
        return (f"{self.surface}: {old} → {_place_words(self.new_place)}, {self.scope_words}, "
                f"{self.created_local:%Y-%m-%d %H:%M}" + ("" if self.active else " (withdrawn)"))


@dataclass(frozen=True)
class CorrectionResult:
    """What a correction (or its undo / redo) changed."""

    correction: Correction
    articles: tuple[str, ...] = ()  # articles whose mentions or event reports changed
    places: tuple[str, ...] = ()  # places whose pins changed: appeared, vanished, moved, other counts or type
    notes: tuple[str, ...] = ()  # what the analysis had to say (a correction that could not be applied)
    reanalysed: int = 0  # articles analysed again

    @property
    def changed(self) -> bool:
        return bool(self.articles or self.places)


@dataclass(frozen=True)
class Candidate(PlaceFields):
    """A place the name at a span may be (see :func:`candidates`)."""

    place: Place
    country_name: str | None
    distance_km: float | None  # to the nearest of the article's other places; None when it has none
    current: bool  # the mention's place now
    parsed: bool = False  # the geoparser's own reading
    in_project: bool = False  # a place of the open project
    match: str = "name"  # "name": a reading of the name itself; "longer": a longer name that starts with it




# ---------------------------------------------------------------- the override layer

def country_context(mentions: Sequence[Mention], key: str, keys: Sequence[str] | None = None) -> str | None:
    """The country most of ``mentions`` lie in, mentions of the name ``key`` left out; a tie goes to the
    country named first; None when no other mention has a country."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if (keys[i] if keys is not None else name_key(m.surface)) == key:
            continue
        cc = m.place.country_code
        if cc:
            counts[cc] += 1
            first.setdefault(cc, i)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], first[c]))


class CorrectionSet:
    """The active corrections an analysis applies: small and picklable (an ingest ships it to its workers).

    :meth:`apply` is the override layer: the geoparser's mentions of one article in, the corrected ones
    out, with where each correction decided a mention (see the module's docstring for which wins).
    """

    def __init__(self, corrections: Iterable[Correction] = (), generation: int = 0):
        self.corrections = tuple(sorted(corrections, key=lambda c: c.id))
        self.generation = generation  # the project's corrections generation it was read at (see generation())
        self._index()

    def _index(self) -> None:
        self._spans: dict[str, dict[tuple[int, int], Correction]] = {}
        self._articles: dict[str, dict[str, Correction]] = {}
        self._project: dict[str, list[Correction]] = {}
        for c in self.corrections:  # oldest first: a newer one replaces an older one of the same mention/name
            if c.scope == "mention":
                self._spans.setdefault(c.article_id, {})[(c.start, c.end)] = c
            elif c.scope == "article":
                self._articles.setdefault(c.article_id, {})[c.name_key] = c
            else:
                self._project.setdefault(c.name_key, []).insert(0, c)  # newest first

    def __getstate__(self):
        return {"corrections": self.corrections, "generation": self.generation}

    def __setstate__(self, state) -> None:
        self.corrections = state["corrections"]
        self.generation = state.get("generation", 0)
        self._index()

    def __len__(self) -> int:
        return len(self.corrections)

    def __bool__(self) -> bool:
        return bool(self.corrections)

    def __repr__(self) -> str:
        return f"CorrectionSet({len(self.corrections)} corrections)"

    def touches(self, article_id: str) -> bool:
        """Whether it may change anything in that article (a quick test before :meth:`apply`)."""
        return bool(self._project) or article_id in self._spans or article_id in self._articles

    def apply(self, article: Article, text: str, mentions: Sequence[Mention]
              ) -> tuple[list[Mention], list[Use], list[str]]:
        """The corrected mentions of ``article`` (``text``: its analysis text, raw offsets), where each
        correction decided one, and notes on those that could not be applied."""
        aid = article.article_id
        spans = self._spans.get(aid, {})
        named = self._articles.get(aid, {})
        if not spans and not named and not self._project:
            return list(mentions), [], []
        keys = [name_key(m.surface) for m in mentions]
        contexts: dict[str, str | None] = {}
        out: list[Mention] = []
        uses: list[Use] = []
        notes: list[str] = []
        done: set[tuple[int, int]] = set()
        for m, k in zip(mentions, keys):
            c = spans.get((m.start, m.end))
            if c is not None:
                done.add((m.start, m.end))
                if c.name_key != k:  # the text changed: another name stands there now
                    uses.append(Use(c.id, m.start, m.end, "stale"))
                    notes.append(_stale_note(c, m.start, m.end, article.raw_text))
                    c = None
            if c is None:
                c = named.get(k)
            if c is None:
                for pc in self._project.get(k, ()):
                    if pc.parsed_place_id != m.place.place_id:
                        continue
                    if aid in pc.targets:
                        c = pc
                        break
                    if k not in contexts:
                        contexts[k] = country_context(mentions, k, keys)
                    if contexts[k] == pc.country:
                        c = pc
                        break
            if c is None:
                out.append(m)
            elif c.new_place is None:
                uses.append(Use(c.id, m.start, m.end, "dropped"))
            else:
                out.append(_moved(m, c))
                uses.append(Use(c.id, m.start, m.end, "moved"))
        sentences = None
        for (s, e), c in spans.items():
            if (s, e) in done:
                continue
            if e > len(text) or name_key(text[s:e]) != c.name_key:
                uses.append(Use(c.id, s, e, "stale"))
                notes.append(_stale_note(c, s, e, article.raw_text))
                continue
            if any(m.start < e and s < m.end for m in mentions):
                uses.append(Use(c.id, s, e, "stale"))
                notes.append(f"correction {c.id} ({c.surface} → {_place_words(c.new_place)}, this mention only) "
                             f"was not applied: the place names around {s}–{e} are read differently now")
                continue
            if c.new_place is None:
                continue  # not a place, and nothing is read as one there: as asked
            if sentences is None:
                from explorer.core.text.sentences import SentenceIndex

                sentences = SentenceIndex(text)
            ss, se = sentences.containing(s, e)
            out.append(Mention(aid, s, e, article.raw_text[s:e], replace(c.new_place), 1.0, ss, se,
                               correction_id=c.id, parsed_place_id=None))
            uses.append(Use(c.id, s, e, "added"))
        out.sort(key=lambda m: (m.start, m.end))
        return out, uses, notes


def _moved(m: Mention, c: Correction) -> Mention:
    # a Place object of its own (replace() copies it): the events this mention places are found by it
    return replace(m, place=replace(c.new_place), score=1.0, correction_id=c.id, parsed_place_id=m.place.place_id)


def _stale_note(c: Correction, s: int, e: int, raw: str) -> str:
    now = raw[s:e] if e <= len(raw) else raw[s:]
    return (f"correction {c.id} ({c.surface} → {_place_words(c.new_place)}, this mention only) was not applied: "
            f"the article's text changed, and {s}–{e} now reads {now!r}")


def mark_corrected(events: Sequence[Event], mentions: Sequence[Mention]) -> list[Event]:
    """``events`` with ``corrected`` set on those whose place came from a corrected mention."""
    fixed = [m for m in mentions if m.correction_id is not None]
    if not fixed:
        return list(events)
    objects = {id(m.place) for m in fixed}
    spans = {(m.start, m.end): m.place.place_id for m in fixed}
    out = []
    for e in events:
        if e.place is not None and (id(e.place) in objects or
                                    spans.get((e.mention_start, e.mention_end)) == e.place.place_id):
            e = replace(e, corrected=True)
        out.append(e)
    return out


# ---------------------------------------------------------------- stored corrections

_COLUMNS = ("id", "scope", "article_id", "origin_article_id", "start", "end", "surface", "name_key",
            "parsed_place_id", "old_place_id", "old_name", "old_kind", "old_country_code", "old_admin1",
            "old_population", "old_lat", "old_lon", "new_place_id", "new_name", "new_kind", "new_country_code",
            "new_admin1", "new_population", "new_lat", "new_lon", "country", "created_at", "active")
_SELECT = "SELECT " + ", ".join(f'c."{n}"' for n in _COLUMNS) + " FROM corrections c"


def _place_of(row: Sequence, at: int) -> Place | None:
    pid, name, kind, cc, admin1, pop, lat, lon = row[at:at + 8]
    if pid is None:
        return None
    return Place(pid, name, kind, lat, lon, cc, pop or 0, admin1)


def _place_values(p: Place | None) -> tuple:
    if p is None:
        return (None,) * 8
    return (p.place_id, p.name, p.kind, p.country_code, p.admin1, p.population, p.lat, p.lon)


def _correction(row: Sequence, targets: frozenset = frozenset(), counts: tuple = (0, 0, 0)) -> Correction:
    return Correction(
        id=row[0], scope=row[1], article_id=row[2], origin_article_id=row[3], start=row[4], end=row[5],
        surface=row[6], name_key=row[7], parsed_place_id=row[8], old_place=_place_of(row, 9),
        new_place=_place_of(row, 17), country=row[25], created=row[26], active=bool(row[27]), targets=targets,
        mentions=counts[0], articles=counts[1], stale=counts[2])


def _targets(conn, ids: Sequence[int]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for cid, aid in conn.execute("SELECT correction_id, article_id FROM correction_targets WHERE correction_id "
                                     f"IN ({','.join('?' * len(chunk))})", tuple(chunk)):
            out.setdefault(cid, set()).add(aid)
    return out


def _load(project, where: str = "", args: tuple = (), counts: bool = False) -> list[Correction]:
    conn = project.conn
    rows = conn.execute(f"{_SELECT} {where} ORDER BY c.id DESC", args).fetchall()
    targets = _targets(conn, [r[0] for r in rows if r[1] == "project"])
    tallies: dict[int, tuple] = {}
    if counts and rows:
        for cid, n, arts, stale in conn.execute(
                "SELECT correction_id, sum(outcome != 'stale'), count(DISTINCT CASE WHEN outcome != 'stale' "
                "THEN article_id END), count(DISTINCT CASE WHEN outcome = 'stale' THEN article_id END) "
                "FROM correction_uses GROUP BY correction_id"):
            tallies[cid] = (n or 0, arts or 0, stale or 0)
    return [_correction(r, frozenset(targets.get(r[0], ())), tallies.get(r[0], (0, 0, 0))) for r in rows]


GENERATION = "corrections_generation"  # geo_explorer_meta key: counts the changes to the active corrections


def generation(project) -> int:
    """A number that changes whenever a correction is made, undone or redone (0: never)."""
    if project is None or getattr(project, "conn", None) is None:
        return 0
    row = project.conn.execute("SELECT value FROM geo_explorer_meta WHERE key = ?", (GENERATION,)).fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def _bump(conn) -> None:
    conn.execute("INSERT INTO geo_explorer_meta VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET "
                 "value = CAST(value AS INTEGER) + 1", (GENERATION,))


def active_set(project) -> CorrectionSet:
    """The project's active corrections (what every analysis of its articles applies)."""
    if project is None or getattr(project, "conn", None) is None:
        return CorrectionSet()
    return CorrectionSet(_load(project, "WHERE c.active = 1"), generation(project))


def corrections(project, *, active: bool | None = None, article_id: str | None = None) -> list[Correction]:
    """The project's corrections, newest first, with what each decides now (see the module's docstring)."""
    cond, args = [], []
    if active is not None:
        cond.append("c.active = ?")
        args.append(int(active))
    if article_id is not None:
        cond.append("(c.article_id = ? OR c.origin_article_id = ? OR c.id IN "
                    "(SELECT correction_id FROM correction_uses WHERE article_id = ?))")
        args += [article_id, article_id, article_id]
    return _load(project, ("WHERE " + " AND ".join(cond)) if cond else "", tuple(args), counts=True)


def get_correction(project, correction_id: int) -> Correction:
    found = _load(project, "WHERE c.id = ?", (int(correction_id),), counts=True)
    if not found:
        raise CorrectionError(f"there is no correction {correction_id} in this project")
    return found[0]


# ---------------------------------------------------------------- making, undoing, redoing

def _geoparser(geoparser):
    if geoparser is not None:
        return geoparser
    from explorer.core.places.geoparse import default_geoparser

    return default_geoparser()


def _gazetteer_of(geoparser):
    g = getattr(geoparser, "g", None)
    if g is None:
        from explorer.core.places.geoparse import default_geoparser

        g = default_geoparser().g
    return g


def place_by_id(gazetteer, place_id: str) -> Place | None:
    """The gazetteer's place of that id (None if it has none). The id map is made on first use."""
    ids = getattr(gazetteer, "_id_map", None)
    if ids is None:
        ids = {pid: i for i, pid in enumerate(gazetteer.ids)}
        gazetteer._id_map = ids
    i = ids.get(place_id)
    return gazetteer.place(i) if i is not None else None


def _resolve_place(project, geoparser, place_id: str) -> Place:
    own = getattr(geoparser, "place_by_id", None)  # a geoparser with its own places (tests)
    if own is not None:
        p = own(place_id)
        if p is not None:
            return p
    g = getattr(geoparser, "g", None)
    if g is not None:
        p = place_by_id(g, place_id)
        if p is not None:
            return p
    row = project.conn.execute("SELECT place_id, name, kind, lat, lon, country_code, population, admin1 FROM places "
                               "WHERE place_id = ?", (place_id,)).fetchone()
    if row is not None:
        return Place(row[0], row[1], row[2], row[3], row[4], row[5], row[6] or 0, row[7])
    if g is None and own is None:
        p = place_by_id(_gazetteer_of(None), place_id)
        if p is not None:
            return p
    raise CorrectionError(f"there is no place {place_id!r} in the gazetteer")


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parsed(article: Article, geoparser) -> tuple[str, list[Mention]]:
    """The analysis text and the geoparser's own mentions (uncorrected) of a stored article."""
    from explorer.core.store.ingest import _locate, prepare

    text = prepare(article)
    return text, _locate(article, text, geoparser)


def add_correction(project, *, article_id: str, start: int, end: int, new_place_id: str | None,
                   scope: str = "mention", geoparser=None, progress: Progress | None = None) -> CorrectionResult:
    """Correct the place of the mention ``article_id[start:end]`` (see the module's docstring)."""
    if scope not in SCOPES:
        raise CorrectionError(f"unknown scope {scope!r} (one of {', '.join(SCOPES)})")
    article = project.article(article_id)
    if article is None:
        raise CorrectionError(f"there is no article {article_id!r} in this project")
    raw = article.raw_text
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw)):
        raise CorrectionError(f"{start}–{end} is not a span of the article {article_id!r} "
                              f"(its text has {len(raw)} characters)")
    gp = _geoparser(geoparser)
    text, parsed = _parsed(article, gp)
    surface = raw[start:end]
    key = name_key(text[start:end])
    if not key:
        raise CorrectionError(f"{surface!r} at {start}–{end} is not a name")
    at_span = next((m for m in parsed if (m.start, m.end) == (start, end)), None)
    row = project.conn.execute(
        'SELECT place_id FROM mentions WHERE article_id = ? AND "start" = ? AND "end" = ?',
        (article_id, start, end)).fetchone()
    current = _resolve_place(project, gp, row[0]) if row is not None else None
    if at_span is None and current is None:
        if scope != "mention" or new_place_id is None:
            raise CorrectionError(f"{surface!r} at {start}–{end} is not read as a place: only a place can be given "
                                  "to it, for this mention only")
        if any(m.start < end and start < m.end for m in parsed):
            raise CorrectionError(f"{surface!r} at {start}–{end} overlaps a place name read differently")
    if scope == "project" and at_span is None:
        raise CorrectionError(f"the geoparser does not read {surface!r} at {start}–{end} as a place: only this "
                              "mention can be corrected")
    new_place = _resolve_place(project, gp, new_place_id) if new_place_id is not None else None
    old_place = current if current is not None else (at_span.place if at_span is not None else None)
    parsed_id = at_span.place.place_id if at_span is not None else None
    country = country_context(parsed, key)
    with project.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO corrections (" + ", ".join(f'"{n}"' for n in _COLUMNS[1:]) + ") VALUES ("
            + ",".join("?" * (len(_COLUMNS) - 1)) + ")",
            (scope, None if scope == "project" else article_id, article_id, start, end, surface, key, parsed_id,
             *_place_values(old_place), *_place_values(new_place), country, _now(), 1))
        cid = cur.lastrowid
        _bump(conn)
        if scope == "project":
            targets = _naming(project, key, parsed_id) | {article_id}
            conn.executemany("INSERT INTO correction_targets VALUES (?, ?)", [(cid, a) for a in sorted(targets)])
        correction = get_correction(project, cid)
        result = _reanalyse(project, correction, gp, progress=progress)
    return result


def revoke_correction(project, correction_id: int, *, geoparser=None,
                      progress: Progress | None = None) -> CorrectionResult:
    """Undo a correction: it stays in the table, inactive; its articles are analysed again without it."""
    return _set_active(project, correction_id, False, geoparser, progress)


def restore_correction(project, correction_id: int, *, geoparser=None,
                       progress: Progress | None = None) -> CorrectionResult:
    """Redo a revoked correction: active again, its articles analysed again with it."""
    return _set_active(project, correction_id, True, geoparser, progress)


def count_affected(project, *, article_id: str, start: int, end: int, scope: str = "mention") -> int:
    """About how many articles a correction of that mention in that scope would analyse again (from the
    mentions table alone, without the geoparser): the app may ask before a correction of many articles."""
    if scope != "project":
        return 1
    row = project.conn.execute('SELECT surface, place_id, parsed_place_id, correction_id FROM mentions '
                               'WHERE article_id = ? AND "start" = ? AND "end" = ?', (article_id, start, end)).fetchone()
    if row is None:
        return 1
    key = name_key(row[0] or "")
    parsed = row[2] if row[3] is not None else row[1]
    out = _naming(project, key, parsed) | {article_id}
    out.update(r[0] for r in project.conn.execute(
        "SELECT DISTINCT u.article_id FROM correction_uses u JOIN corrections k ON k.id = u.correction_id "
        "WHERE k.name_key = ?", (key,)))
    return len(out)


def _set_active(project, correction_id: int, active: bool, geoparser, progress=None) -> CorrectionResult:
    c = get_correction(project, correction_id)
    if c.active == active:
        return CorrectionResult(c)
    gp = _geoparser(geoparser)
    with project.transaction() as conn:
        before = _affected(project, c)  # while it is still as it was: where it applies now
        conn.execute("UPDATE corrections SET active = ? WHERE id = ?", (int(active), c.id))
        _bump(conn)
        c = replace(c, active=active)
        result = _reanalyse(project, c, gp, before, progress)
    return result


def _naming(project, key: str, place_id: str | None) -> set[str]:
    """The articles with a mention of the name ``key`` that is, or that the geoparser read as, ``place_id``."""
    if place_id is None:
        return set()
    out = set()
    seen: dict[str, str] = {}
    for aid, surface in project.conn.execute(
            "SELECT article_id, surface FROM mentions WHERE place_id = ?1 UNION "
            "SELECT article_id, surface FROM mentions WHERE parsed_place_id = ?1", (place_id,)):
        k = seen.get(surface)
        if k is None:
            k = seen[surface] = name_key(surface or "")
        if k == key:
            out.add(aid)
    return out


def _affected(project, c: Correction) -> set[str]:
    """The articles whose analysis the correction may change (now, or once made / undone / redone)."""
    if c.scope != "project":
        return {c.article_id}
    conn = project.conn
    out = set(c.targets) | _naming(project, c.name_key, c.parsed_place_id)
    out.update(r[0] for r in conn.execute(  # where it, or another correction of the name, decides a mention
        "SELECT DISTINCT u.article_id FROM correction_uses u JOIN corrections k ON k.id = u.correction_id "
        "WHERE k.name_key = ?", (c.name_key,)))
    return out


def _fingerprint(conn, article_id: str) -> tuple:
    return (conn.execute('SELECT "start", "end", place_id, correction_id FROM mentions WHERE article_id = ? '
                         'ORDER BY "start", "end"', (article_id,)).fetchall(),
            conn.execute('SELECT "start", "end", event_type, place_id, corrected FROM event_reports '
                         'WHERE article_id = ? ORDER BY "start", "end", event_type', (article_id,)).fetchall())


_PLACE_STATE = "SELECT name, kind, lat, lon, mentions, articles, events, top_acled, corrected FROM places WHERE place_id = ?"


def _reanalyse(project, c: Correction, geoparser, also: Iterable[str] = (),
               progress: Progress | None = None) -> CorrectionResult:
    """Analyse the articles ``c`` affects again with the project's active corrections and write them
    (inside the caller's transaction)."""
    from explorer.core.store.ingest import analyse

    conn = project.conn
    ids = _affected(project, c) | set(also)
    order = {aid: fid for aid, fid in conn.execute(
        f"SELECT article_id, fid FROM articles WHERE article_id IN ({','.join('?' * len(ids))})", tuple(ids))} \
        if len(ids) <= 900 else {aid: fid for aid, fid in conn.execute("SELECT article_id, fid FROM articles")
                                 if aid in ids}
    cset = active_set(project)
    changed: list[str] = []
    notes: list[str] = []
    with _recording_places(project) as before:
        for done, aid in enumerate(sorted(order, key=order.get)):
            if progress is not None:
                progress(done, len(order))
            article = project.article(aid)
            old = _fingerprint(conn, aid)
            warnings: list = []
            uses: list[Use] = []
            mentions, events = analyse(article, geoparser, warnings, corrections=cset, uses=uses,
                                       check_language=False)
            project.put_analysis(article, mentions, events, uses)
            if _fingerprint(conn, aid) != old:
                changed.append(aid)
            notes.extend(str(w.reason) for w in warnings if getattr(w, "correction", False))
    places = tuple(sorted(pid for pid, state in before.items()
                          if conn.execute(_PLACE_STATE, (pid,)).fetchone() != state))
    project._touch_places(before)
    return CorrectionResult(get_correction(project, c.id), tuple(changed), places, tuple(notes), len(order))


@contextmanager
def _recording_places(project):
    """The places' rows as they were before the first change each gets in the block: pid -> row or None."""
    log: dict = {}
    project._place_log = log
    try:
        yield log
    finally:
        project._place_log = None


# ---------------------------------------------------------------- the places a name may be

LONGER_NAMES = 300  # at most this many longer names that start with the name are weighed


def _importance(g, i: int) -> float:
    from explorer.core.places.search import importance

    return importance(g, i)


def candidates(project, article_id: str, start: int, end: int, limit: int = 20, *,
               gazetteer=None) -> list[Candidate]:
    """The places the name at ``article_id[start:end]`` may be, nearest to the article's other places first
    (see the module's docstring)."""
    from explorer.core.events.merge import distance_km

    g = gazetteer if gazetteer is not None else _gazetteer_of(None)
    article = project.article(article_id)
    if article is None:
        raise CorrectionError(f"there is no article {article_id!r} in this project")
    raw = article.raw_text
    if not (0 <= start < end <= len(raw)):
        raise CorrectionError(f"{start}–{end} is not a span of the article {article_id!r}")
    surface = raw[start:end]
    key = name_key(surface)
    if not key:
        raise CorrectionError(f"{surface!r} at {start}–{end} is not a name")
    conn = project.conn
    row = conn.execute('SELECT place_id, parsed_place_id, correction_id FROM mentions WHERE article_id = ? AND '
                       '"start" = ? AND "end" = ?', (article_id, start, end)).fetchone()
    current = row[0] if row else None
    parsed = (row[1] if row[2] is not None else row[0]) if row else None
    others = [Place(r[1], "", "", r[2], r[3]) for r in conn.execute(
        "SELECT m.surface, m.place_id, p.lat, p.lon FROM mentions m JOIN places p ON p.place_id = m.place_id "
        "WHERE m.article_id = ?", (article_id,)) if name_key(r[0] or "") != key]

    found: dict[int, str] = {}  # place index -> "name" | "longer"
    for c in (*g.candidates(key), *g.transliterated(key), *g.acronyms.get(surface, ())):
        found.setdefault(c >> 1, "name")
    from explorer.core.places.search import warm

    names = warm(g).names
    lo, hi = names.range(key + " ")
    for k in range(lo, min(hi, lo + LONGER_NAMES)):
        v = names.codes[k]
        for c in ((v,) if isinstance(v, int) else v):
            found.setdefault(c >> 1, "longer")
    places = {i: g.place(i) for i in found}
    by_id = {p.place_id: i for i, p in places.items()}
    extra: list[Place] = []
    for pid in (current, parsed):
        if pid is not None and pid not in by_id:
            p = place_by_id(g, pid)
            if p is None:
                r = conn.execute("SELECT place_id, name, kind, lat, lon, country_code, population, admin1 FROM places "
                                 "WHERE place_id = ?", (pid,)).fetchone()
                p = Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7]) if r else None
            if p is not None:
                extra.append(p)
                by_id[pid] = -len(extra)
    ids = tuple(by_id)
    in_project = {r[0] for i in range(0, len(ids), 500) for r in conn.execute(
        f"SELECT place_id FROM places WHERE place_id IN ({','.join('?' * len(ids[i:i + 500]))})", ids[i:i + 500])}

    def country_name(cc: str | None) -> str | None:
        ci = g.country_place.get(cc) if cc else None
        return g.names[ci] if ci is not None else None

    out = []
    for pid, i in by_id.items():
        p = places[i] if i >= 0 else extra[-i - 1]
        dist = min((distance_km(p, o) for o in others), default=None)
        out.append((Candidate(p, country_name(p.country_code), None if dist is None else round(dist, 1),
                              pid == current, pid == parsed, pid in in_project, found.get(i, "name") if i >= 0
                              else "name"), -_importance(g, i) if i >= 0 else 0.0))
    out.sort(key=lambda ci: (ci[0].distance_km is None, ci[0].distance_km or 0.0, ci[1], ci[0].place_id))
    ranked = [c for c, _ in out]
    top = ranked[:limit]
    if current is not None and not any(c.current for c in top):
        top = top[:max(0, limit - 1)] + [c for c in ranked if c.current]
    return top
