"""What the app asks the project: the pins of a view, a place's sources, counts, the timeline.

Everything here is a query on the open project (indexed SQL, the R-tree
for areas): the app never loads the whole project into memory. Filters are
a :class:`explorer.core.viewstate.Filters`; :func:`event_where` turns them
into SQL over the ``events`` layer, which every view below shares.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta

from explorer.core.events.taxonomy import ACLED_TYPES
from explorer.core.models import Article, LedgerEvent, Mention, Place
from explorer.core.store import ledger
from explorer.core.viewstate import NO_EVENT, Area, Filters

ACLED_CODE = {t: i for i, t in enumerate(ACLED_TYPES)}
KIND_ORDER = ("poi", "city", "admin2", "admin1", "region", "country", "continent")
KIND_CODE = {k: i for i, k in enumerate(KIND_ORDER)}


def _marks(values) -> str:
    return ",".join("?" * len(values))


AREA_TABLE = "temp.ge_area_places"
_AREAS: dict[int, tuple] = {}  # id(connection) -> (area, data_version, total_changes) of what the table holds


def area_places(conn: sqlite3.Connection, area: Area) -> None:
    """Fill the connection's temporary table of the places inside ``area`` (the R-tree narrows, then
    :func:`explorer.core.places.areas.contains` decides), unless it already holds them."""
    from explorer.core.places.areas import contains

    version = conn.execute("PRAGMA data_version").fetchone()[0]
    key = (area, version, conn.total_changes)
    if _AREAS.get(id(conn)) == key and conn.execute(
            "SELECT 1 FROM temp.sqlite_master WHERE name = 'ge_area_places'").fetchone():
        return
    w, s, e, n = area.bounds
    rows = conn.execute("SELECT place_id, lon, lat FROM places WHERE fid IN (SELECT id FROM rtree_places_geom "
                        "WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)", (w, e, s, n)).fetchall()
    inside = contains(area, [r[1] for r in rows], [r[2] for r in rows]) if rows else []
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS ge_area_places (place_id TEXT PRIMARY KEY)")
    conn.execute(f"DELETE FROM {AREA_TABLE}")
    conn.executemany(f"INSERT OR IGNORE INTO {AREA_TABLE} VALUES (?)",
                     [(r[0],) for r, keep in zip(rows, inside) if keep])
    _AREAS[id(conn)] = (area, version, conn.total_changes)


def event_where(f: Filters, alias: str = "e", *, dates: bool = True,
                conn: sqlite3.Connection | None = None) -> tuple[str, list]:
    """SQL (``AND``-joined, empty when nothing narrows) and its arguments: the events the filters keep.

    ``dates=False`` leaves the date window out (the timeline shows the
    whole range, the window drawn on it). With an area, ``conn`` is needed:
    the places inside it are put in a temporary table of that connection.
    """
    e = alias
    out, args = [], []
    hidden = sorted(f.hidden - {NO_EVENT})
    if hidden:
        out.append(f"{e}.acled_type NOT IN ({_marks(hidden)})")
        args += hidden
    if f.types:
        out.append(f"{e}.event_type IN ({_marks(f.types)})")
        args += sorted(f.types)
    if dates and (f.date_from or f.date_to):
        lo = f.date_from.toordinal() if f.date_from else -10**9
        hi = f.date_to.toordinal() if f.date_to else 10**9
        window = f"({e}.day_first IS NOT NULL AND {e}.day_last >= ? AND {e}.day_first <= ?)"
        out.append(f"({window} OR {e}.day_first IS NULL)" if f.include_undated else window)
        args += [lo, hi]
    elif not f.include_undated:
        out.append(f"{e}.day_first IS NOT NULL")
    if f.countries:
        out.append(f"{e}.country_code IN ({_marks(f.countries)})")
        args += sorted(f.countries)
    if f.actors:
        out.append(f"EXISTS (SELECT 1 FROM json_each({e}.actors_json) j WHERE j.value IN ({_marks(f.actors)}))")
        args += sorted(f.actors)
    if f.outlets:
        out.append(f"EXISTS (SELECT 1 FROM event_reports r WHERE r.event_fid = {e}.fid "
                   f"AND r.outlet IN ({_marks(f.outlets)}))")
        args += sorted(f.outlets)
    if f.area is not None:
        out.append(_in_area(conn, f.area, f"{e}.place_id", "event_where"))
    return " AND ".join(out), args


def _in_area(conn, area, column: str, caller: str) -> str:
    """The clause keeping the rows whose ``column`` is a place in ``area`` (its places kept in AREA_TABLE)."""
    if conn is None:
        raise ValueError(f"an area filter needs the connection ({caller}(..., conn=...))")
    area_places(conn, area)
    return f"{column} IN (SELECT place_id FROM {AREA_TABLE})"


def _and(where: str) -> str:
    return f" AND {where}" if where else ""


# ---------------------------------------------------------------- pins

@dataclass
class PlaceTable:
    """Every place of the project, one row per index (what the map page holds)."""

    fid: list[int] = field(default_factory=list)
    place_id: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)  # KIND_CODE
    country: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    events: list[int] = field(default_factory=list)
    top: list[int] = field(default_factory=list)  # ACLED_CODE of the most frequent type, -1 without events
    index: dict[str, int] = field(default_factory=dict)  # place_id -> row

    def __len__(self) -> int:
        return len(self.fid)


def place_table(conn: sqlite3.Connection) -> PlaceTable:
    """All places, with their counts and top ACLED type (unfiltered), in a stable order (fid)."""
    t = PlaceTable()
    for fid, pid, name, kind, cc, lat, lon, m, a, ev, top in conn.execute(
            "SELECT fid, place_id, name, kind, country_code, lat, lon, mentions, articles, events, top_acled "
            "FROM places ORDER BY fid"):
        t.index[pid] = len(t.fid)
        t.fid.append(fid)
        t.place_id.append(pid)
        t.name.append(name or pid)
        t.kind.append(KIND_CODE.get(kind, len(KIND_ORDER)))
        t.country.append(cc or "")
        t.lat.append(round(lat, 5))
        t.lon.append(round(lon, 5))
        t.mentions.append(m)
        t.articles.append(a)
        t.events.append(ev)
        t.top.append(ACLED_CODE.get(top, -1) if top else -1)
    return t


@dataclass
class PinCounts:
    """Per row of a :class:`PlaceTable`: how many of its events the filters keep and their top type,
    and whether its pin shows at all."""

    events: list[int]
    top: list[int]
    shown: list[bool]

    @property
    def places(self) -> int:
        return sum(self.shown)


def pin_counts(conn: sqlite3.Connection, table: PlaceTable, f: Filters) -> PinCounts:
    """What the filters leave of each place's pin.

    With no event filter: every place, its own counts (places named with no
    event dropped when their legend row is off). With one: only places with
    a matching event, counted and typed by those events. An area keeps only
    places inside it (the R-tree).
    """
    n = len(table)
    if not f.event_filter_active:
        events, top = list(table.events), list(table.top)
        shown = [True] * n if NO_EVENT not in f.hidden else [e > 0 for e in events]
    else:
        events, top, shown = [0] * n, [-1] * n, [False] * n
        best: dict[int, int] = {}
        where, args = event_where(f, conn=conn)
        for pid, acled, count in conn.execute(
                f"SELECT e.place_id, e.acled_type, count(*) FROM events e WHERE e.place_id IS NOT NULL{_and(where)} "
                "GROUP BY e.place_id, e.acled_type", args):
            i = table.index.get(pid)
            if i is None:
                continue
            events[i] += count
            shown[i] = True
            code = ACLED_CODE.get(acled, -1)
            if count > best.get(i, 0) or (count == best.get(i, 0) and code < top[i]):
                best[i], top[i] = count, code
    if f.area is not None:
        area_places(conn, f.area)
        inside = {r[0] for r in conn.execute(f"SELECT place_id FROM {AREA_TABLE}")}
        shown = [sh and table.place_id[i] in inside for i, sh in enumerate(shown)]
    return PinCounts(events, top, shown)


def place_where(f: Filters, alias: str = "p", *, conn: sqlite3.Connection | None = None) -> tuple[str, list]:
    """SQL over the ``places`` layer (``AND``-joined, empty when nothing narrows) and its arguments: the
    places whose pins the filters show, as :func:`pin_counts` decides (what exports under filters keep).

    With no event filter: every place (those named with no event dropped when their legend row is off);
    with one: only places with an event :func:`event_where` keeps; an area keeps only places inside it.
    """
    p = alias
    out, args = [], []
    if f.event_filter_active:
        where, args = event_where(f, conn=conn)
        out.append(f"EXISTS (SELECT 1 FROM events e WHERE e.place_id = {p}.place_id{_and(where)})")
    elif NO_EVENT in f.hidden:
        out.append(f"{p}.events > 0")
    if f.area is not None:
        out.append(_in_area(conn, f.area, f"{p}.place_id", "place_where"))
    return " AND ".join(out), args


# ---------------------------------------------------------------- counts and the timeline

def counts(conn: sqlite3.Connection, f: Filters) -> dict[str, int]:
    """Articles, events and places the filters show (events count happenings, not reports)."""
    where, args = event_where(f, conn=conn)
    events = conn.execute(f"SELECT count(*) FROM events e WHERE 1{_and(where)}", args).fetchone()[0]
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"articles": articles, "events": events}


def date_span(conn: sqlite3.Connection) -> tuple[date, date] | None:
    """The first and last day any event covers (None without dated events)."""
    lo, hi = conn.execute("SELECT min(day_first), max(day_last) FROM events").fetchone()
    if lo is None:
        return None
    return date.fromordinal(lo), date.fromordinal(hi)


def histogram(conn: sqlite3.Connection, f: Filters, bucket: str = "day") -> tuple[dict, int]:
    """Events per bucket ('day', 'week', 'month') and ACLED type, and how many are undated.

    ``{bucket_start: {acled_type: n}}`` for the events the filters keep,
    the date window aside (the timeline draws the window on the whole
    range). A dated event counts in the bucket of its first day.
    """
    sql, args = histogram_sql(f, conn)
    out: dict[date, dict[str, int]] = {}
    for day, acled, n in conn.execute(sql, args):
        d = date.fromordinal(day)
        if bucket == "week":
            d = d - timedelta(days=d.weekday())
        elif bucket == "month":
            d = d.replace(day=1)
        slot = out.setdefault(d, {})
        slot[acled] = slot.get(acled, 0) + n
    where, args = event_where(f, dates=False, conn=conn)
    undated = conn.execute(f"SELECT count(*) FROM events e WHERE e.day_first IS NULL{_and(where)}",
                           args).fetchone()[0]
    return out, undated


def histogram_sql(f: Filters, conn: sqlite3.Connection | None = None) -> tuple[str, list]:
    """The query of :func:`histogram`: (day, ACLED type, events) of the dated events the filters keep,
    the date window aside (in day order, read from the covering index events_timeline). ``conn``: as
    for :func:`event_where` (an area needs it)."""
    where, args = event_where(f, dates=False, conn=conn)
    return (f"SELECT e.day_first, e.acled_type, count(*) FROM events e WHERE e.day_first IS NOT NULL{_and(where)} "
            "GROUP BY 1, 2", args)


def event_type_counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """The fine event types with how many events each has, most frequent first."""
    return [(k, n) for k, n in conn.execute("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")]


def choices(conn: sqlite3.Connection) -> dict[str, list[tuple[str, int]]]:
    """What the filters can choose from, with how many events each has: ACLED types, fine types,
    actors, countries, outlets (most frequent first)."""
    def grouped(sql):
        return [(k, n) for k, n in conn.execute(sql) if k]

    return {
        "acled": grouped("SELECT acled_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
        "types": grouped("SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
        "actors": grouped("SELECT j.value, count(*) FROM events e, json_each(e.actors_json) j GROUP BY 1 "
                          "ORDER BY 2 DESC LIMIT 500"),
        "countries": grouped("SELECT country_code, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
        "outlets": grouped("SELECT r.outlet, count(DISTINCT r.event_fid) FROM event_reports r GROUP BY 1 "
                           "ORDER BY 2 DESC LIMIT 500"),
    }


# ---------------------------------------------------------------- a place and its sources

def place(conn: sqlite3.Connection, place_id: str) -> tuple[Place, dict[str, int]] | None:
    row = conn.execute("SELECT place_id, name, kind, lat, lon, country_code, population, admin1, mentions, "
                       "articles, events, corrected FROM places WHERE place_id = ?", (place_id,)).fetchone()
    if row is None:
        return None
    return Place(*row[:6], row[6] or 0, row[7]), {"mentions": row[8], "articles": row[9], "events": row[10],
                                                   "corrected": row[11]}


def place_events(conn: sqlite3.Connection, place_id: str, f: Filters, limit: int = 200) -> list[LedgerEvent]:
    """The events at a place that the filters keep (each with every source), first source first."""
    where, args = event_where(f, conn=conn)
    return ledger.load_events(conn, where=f"WHERE e.place_id = ?{_and(where)}", args=(place_id, *args), limit=limit)


@dataclass(frozen=True)
class Excerpt:
    """A mention with its sentence and article, as the side panel lists it."""

    mention: Mention
    sentence: str  # the text of mention.sentence_start..sentence_end
    title: str
    outlet: str | None


def place_mentions(conn: sqlite3.Connection, place_id: str, limit: int = 100, offset: int = 0) -> list[Excerpt]:
    """A page of the sentences that name a place, in article order, then text order."""
    out = []
    p = place(conn, place_id)
    if p is None:
        return out
    pl = p[0]
    for aid, start, end, surface, score, ss, se, excerpt, title, outlet, cid, parsed in conn.execute(
            'SELECT m.article_id, m."start", m."end", m.surface, m.score, m.sentence_start, m.sentence_end, '
            'm.excerpt, a.title, a.outlet, m.correction_id, m.parsed_place_id FROM mentions m '
            'JOIN articles a ON a.article_id = m.article_id '
            'WHERE m.place_id = ? ORDER BY a.fid, m."start" LIMIT ? OFFSET ?', (place_id, int(limit), int(offset))):
        out.append(Excerpt(Mention(aid, start, end, surface, pl, score, ss, se, cid, parsed), excerpt or "",
                           title or aid, outlet))
    return out


@dataclass(frozen=True)
class ArticleMention:
    """A name read as a place in an article (raw offsets), as the article's window marks it."""

    start: int
    end: int
    surface: str
    place_id: str
    place_name: str
    country_code: str | None
    corrected: bool


def article_mentions(conn: sqlite3.Connection, article_id: str) -> list[ArticleMention]:
    """The article's mentions as the project has them now (corrections applied), in text order."""
    rows = conn.execute('SELECT "start", "end", surface, place_id, place_name, country_code, correction_id '
                        'FROM mentions WHERE article_id = ? ORDER BY "start", "end"', (article_id,))
    return [ArticleMention(s, e, surface or "", pid, name or pid, cc, cid is not None)
            for s, e, surface, pid, name, cc, cid in rows]


def article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    row = conn.execute("SELECT article_id, title, raw_text, path, outlet, dates, published, content_hash "
                       "FROM articles WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    return Article(article_id=row[0], title=row[1] or "", raw_text=row[2], path=row[3], outlet=row[4],
                   dates=json.loads(row[5]) if row[5] else [], published=row[6], content_hash=row[7])
