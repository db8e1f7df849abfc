"""The event ledger of a project: every report kept as a source, one event per happening.

Two tables of the project (see :mod:`explorer.core.store.project`):

``event_reports`` (attributes)
    One row per report an article gives (:class:`~explorer.core.models.Event`):
    its article, outlet, excerpt and offsets, its own type, place and date,
    and ``event_fid``, the ledger event it belongs to.
``events`` (features, the layer the map and exports show)
    One row per happening: the consensus of its reports
    (:func:`explorer.core.events.merge.summarise`), ``sources`` (how many
    reports), ``article_ids`` (JSON list), ``disputed`` and the first
    source's article, offsets and excerpt.

Which reports make one happening is decided by
:func:`explorer.core.events.merge.cluster`, whose partition depends only on
the set of reports. :func:`replace_reports` keeps the ledger equal to that
partition of all the project's reports: after an article's reports are
replaced (or withdrawn), the connected component of the sameness graph that
they touch is looked up and partitioned again; the rest of the ledger is
unaffected. So the ledger is the same whatever order the articles came in,
and re-ingesting or removing an article withdraws its sources.
"""
from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date

from explorer.core.events.merge import FIRM_DAYS, NEAR_KM, SLACK_DAYS, cluster, family, firmly_dated, same_happening, summarise, window
from explorer.core.models import Event, LedgerEvent, Place

REPORTS_SQL = """
CREATE TABLE event_reports (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  event_fid INTEGER,
  article_id TEXT NOT NULL,
  outlet TEXT,
  family TEXT NOT NULL,
  event_type TEXT NOT NULL,
  acled_type TEXT,
  sub_event_type TEXT,
  date TEXT,
  date_end TEXT,
  date_precision TEXT,
  date_inferred INTEGER NOT NULL DEFAULT 0,
  day_first INTEGER,
  day_last INTEGER,
  place_id TEXT,
  place_name TEXT,
  place_kind TEXT,
  country_code TEXT,
  admin1 TEXT,
  population INTEGER,
  lat DOUBLE,
  lon DOUBLE,
  geo_precision INTEGER,
  actors_json TEXT,
  "start" INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  trigger TEXT,
  mention_start INTEGER,
  mention_end INTEGER,
  excerpt TEXT
);
CREATE INDEX event_reports_article ON event_reports(article_id);
CREATE INDEX event_reports_event ON event_reports(event_fid);
CREATE INDEX event_reports_days ON event_reports(family, day_first);
CREATE INDEX event_reports_place ON event_reports(place_id, event_type);
"""

# Made when missing whenever a project is opened for writing (no schema change: a file without them is
# still a sound project, and older versions of the app ignore them). What the ledger asks of each new
# report: the firmly dated reports near it in space and time (a 3-D R-tree on longitude, latitude and
# days: a week's window in a 100k-article project held about a thousand reports of each family, all
# read to keep the few nearby), and the reports in its country on those days.
NEAR_TABLE = "ge_reports_near"
DERIVED_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {NEAR_TABLE} USING rtree(id, minx, maxx, miny, maxy, mind, maxd)",
    f"""CREATE TRIGGER IF NOT EXISTS {NEAR_TABLE}_insert AFTER INSERT ON event_reports
        WHEN new.lat IS NOT NULL AND new.day_first IS NOT NULL
        BEGIN INSERT OR REPLACE INTO {NEAR_TABLE} VALUES (new.fid, new.lon, new.lon, new.lat, new.lat,
            new.day_first, new.day_last); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {NEAR_TABLE}_delete AFTER DELETE ON event_reports
        BEGIN DELETE FROM {NEAR_TABLE} WHERE id = old.fid; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {NEAR_TABLE}_update AFTER UPDATE OF lat, lon, day_first, day_last
        ON event_reports BEGIN DELETE FROM {NEAR_TABLE} WHERE id = old.fid;
        INSERT INTO {NEAR_TABLE} SELECT new.fid, new.lon, new.lon, new.lat, new.lat, new.day_first, new.day_last
        WHERE new.lat IS NOT NULL AND new.day_first IS NOT NULL; END""",
    "CREATE INDEX IF NOT EXISTS event_reports_country_days ON event_reports(family, country_code, day_first)",
    "CREATE INDEX IF NOT EXISTS event_reports_unplaced_days ON event_reports(family, day_first) "
    "WHERE place_id IS NULL",
)


def ensure_derived(conn: sqlite3.Connection) -> None:
    """Make the ledger's lookup structures when they are missing (filling the R-tree from the reports)."""
    have = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (NEAR_TABLE,)).fetchone()
    for sql in DERIVED_SQL:
        conn.execute(sql)
    if not have:
        conn.execute(f"INSERT OR REPLACE INTO {NEAR_TABLE} SELECT fid, lon, lon, lat, lat, day_first, day_last "
                     "FROM event_reports WHERE lat IS NOT NULL AND day_first IS NOT NULL")

EVENTS_SQL = """
CREATE TABLE events (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  event_type TEXT NOT NULL,
  acled_type TEXT,
  sub_event_type TEXT,
  date TEXT,
  date_end TEXT,
  date_precision TEXT,
  time_precision INTEGER,
  date_inferred INTEGER NOT NULL DEFAULT 0,
  day_first INTEGER,
  day_last INTEGER,
  geo_precision INTEGER,
  actors TEXT,
  actors_json TEXT,
  place_id TEXT,
  place_name TEXT,
  place_kind TEXT,
  country_code TEXT,
  sources INTEGER NOT NULL,
  article_id TEXT,
  article_ids TEXT,
  disputed TEXT,
  "start" INTEGER,
  "end" INTEGER,
  trigger TEXT,
  mention_start INTEGER,
  mention_end INTEGER,
  excerpt TEXT
);
CREATE INDEX events_place ON events(place_id);
CREATE INDEX events_days ON events(day_first);
"""

_REPORT_FIELDS = ("event_fid", "article_id", "outlet", "family", "event_type", "acled_type", "sub_event_type",
                  "date", "date_end", "date_precision", "date_inferred", "day_first", "day_last", "place_id",
                  "place_name", "place_kind", "country_code", "admin1", "population", "lat", "lon",
                  "geo_precision", "actors_json", "start", "end", "trigger", "mention_start", "mention_end",
                  "excerpt")
_REPORT_SELECT = "SELECT fid, " + ", ".join(f'"{f}"' for f in _REPORT_FIELDS) + " FROM event_reports"
_EVENT_FIELDS = ("geom", "event_type", "acled_type", "sub_event_type", "date", "date_end", "date_precision",
                 "time_precision", "date_inferred", "day_first", "day_last", "geo_precision", "actors",
                 "actors_json", "place_id", "place_name", "place_kind", "country_code", "sources", "article_id",
                 "article_ids", "disputed", "start", "end", "trigger", "mention_start", "mention_end", "excerpt")
_INSERT_EVENT = ("INSERT INTO events (" + ", ".join(f'"{f}"' for f in _EVENT_FIELDS) + ") VALUES ("
                 + ",".join("?" * len(_EVENT_FIELDS)) + ")")
_INSERT_REPORT = ("INSERT INTO event_reports (" + ", ".join(f'"{f}"' for f in _REPORT_FIELDS) + ") VALUES ("
                  + ",".join("?" * len(_REPORT_FIELDS)) + ")")


def _days(ev: Event | LedgerEvent) -> tuple[int | None, int | None]:
    w = window(ev)
    return (w[0].toordinal(), w[1].toordinal()) if w else (None, None)


def day_number(d: date) -> int:
    """The number the ledger's ``day_first``/``day_last`` columns use for a day (proleptic ordinal)."""
    return d.toordinal()


def _report_row(r: Event, outlet: str | None, raw: str) -> tuple:
    p = r.place
    first, last = _days(r)
    return (None, r.article_id, outlet, family(r), r.event_type, r.acled_type, r.sub_event_type, r.date,
            r.date_end, r.date_precision, int(bool(r.date_inferred)), first, last,
            p.place_id if p else None, p.name if p else None, p.kind if p else None,
            p.country_code if p else None, p.admin1 if p else None, p.population if p else None,
            p.lat if p else None, p.lon if p else None, r.geo_precision,
            json.dumps(list(r.actors), ensure_ascii=False), r.start, r.end, r.trigger, r.mention_start,
            r.mention_end, raw[r.start:r.end])


def _event_of(row: sqlite3.Row | tuple) -> Event:
    """The report of an ``_REPORT_SELECT`` row (fid, then event_fid, then the rest)."""
    (_fid, _event_fid, article_id, _outlet, _family, event_type, acled_type, sub, d, d_end, prec, inferred, _f, _l, pid,
     pname, pkind, cc, admin1, pop, lat, lon, geo_prec, actors, start, end, trigger, ms, me, _excerpt) = row
    place = Place(pid, pname, pkind, lat, lon, cc, pop or 0, admin1) if pid else None
    return Event(article_id=article_id, event_type=event_type, acled_type=acled_type, start=start, end=end,
                 place=place, trigger=trigger or "", date=d, date_precision=prec,
                 actors=tuple(json.loads(actors) if actors else ()), mention_start=ms, mention_end=me,
                 sub_event_type=sub, date_end=d_end, date_inferred=bool(inferred), geo_precision=geo_prec)


class _Rows:
    """Report rows of one connection, read once each."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.by_fid: dict[int, tuple] = {}
        self.events: dict[int, Event] = {}
        self._asked: dict[tuple, list[int]] = {}

    def load_once(self, where: str, args: tuple) -> list[int]:
        """:meth:`load`, remembered: the same question (the same place and type, the same article) is
        asked of the database once however many reports ask it."""
        key = (where, args)
        if key not in self._asked:
            self._asked[key] = self.load(where, args)
        return self._asked[key]

    def load(self, where: str, args: tuple) -> list[int]:
        fids = []
        for row in self.conn.execute(f"{_REPORT_SELECT} WHERE {where}", args):
            fid = row[0]
            if fid not in self.by_fid:
                self.by_fid[fid] = row
                self.events[fid] = _event_of(row)
            fids.append(fid)
        return fids


def _candidates(rows: _Rows, fid: int) -> list[int]:
    """Reports that may be the same happening as report ``fid`` (a superset; the rule decides)."""
    ev, row = rows.events[fid], rows.by_fid[fid]
    fam, first, last = row[4], row[12], row[13]
    out = []
    if ev.place is not None:
        out += rows.load_once("place_id = ? AND event_type = ?", (ev.place.place_id, ev.event_type))
        # one article may tell of one happening at a province and at a place inside it
        out += rows.load_once("article_id = ? AND +family = ?", (ev.article_id, fam))  # (+: by the article)
    if first is not None and firmly_dated(ev):
        # firm windows are at most FIRM_DAYS long: the index on (family, day_first) finds the days, and
        # only places that can be the same are read: near it, or an area of its country (or the same area)
        lo, hi, reach = first - SLACK_DAYS - FIRM_DAYS, last + SLACK_DAYS, first - SLACK_DAYS
        days = "family = ? AND day_first BETWEEN ? AND ? AND day_last >= ?"
        args = (fam, lo, hi, reach)
        p = ev.place
        if p is None:
            out += rows.load_once(days + " AND place_id IS NULL", args)
        elif p.kind in _SMALL:
            dlat = NEAR_KM / 111.0
            dlon = dlat / max(0.05, math.cos(math.radians(p.lat)))
            out += rows.load_once(
                f"fid IN (SELECT id FROM {NEAR_TABLE} WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ? "
                "AND mind <= ? AND mind >= ? AND maxd >= ?) AND " + days + " AND lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ?",
                (p.lon + dlon, p.lon - dlon, p.lat + dlat, p.lat - dlat, hi, lo, reach) + args
                + (p.lat - dlat, p.lat + dlat, p.lon - dlon, p.lon + dlon))
            out += rows.load_once(days + " AND country_code = ? AND place_kind NOT IN ('poi', 'city', 'admin2')",
                                  args + (p.country_code,))
        else:
            out += rows.load_once(days + " AND country_code = ?", args + (p.country_code,))
            out += rows.load_once(days + " AND place_id = ?", args + (p.place_id,))
    return [f for f in out if f != fid]


_SMALL = ("poi", "city", "admin2")


def _component(rows: _Rows, seeds: Iterable[int]) -> set[int]:
    """Every report linked to ``seeds`` by the sameness rule, directly or through others."""
    seen = set(seeds)
    todo = list(seen)
    while todo:
        fid = todo.pop()
        ev = rows.events[fid]
        for other in _candidates(rows, fid):
            if other not in seen and same_happening(ev, rows.events[other]):
                seen.add(other)
                todo.append(other)
    return seen


def event_row(le: LedgerEvent, first_excerpt: str, point) -> tuple:
    p = le.place
    first = le.sources[0]
    d_first, d_last = _days(le)
    return (point(p.lon, p.lat) if p else None, le.event_type, le.acled_type, le.sub_event_type, le.date,
            le.date_end, le.date_precision, le.time_precision, int(le.date_inferred), d_first, d_last,
            le.geo_precision, "; ".join(le.actors), json.dumps(list(le.actors), ensure_ascii=False),
            p.place_id if p else None, p.name if p else None, p.kind if p else None,
            p.country_code if p else None, len(le.sources), first.article_id,
            json.dumps(list(le.article_ids), ensure_ascii=False), "; ".join(le.disputed), first.start, first.end,
            first.trigger, first.mention_start, first.mention_end, first_excerpt)


def replace_reports(conn: sqlite3.Connection, article_id: str, reports: Sequence[Event], *,
                    outlet: str | None, raw: str, point) -> set[str]:
    """Replace the reports of ``article_id`` with ``reports`` and bring the ledger up to date.

    Runs inside the caller's transaction. ``point(lon, lat)`` makes a
    geometry blob. Returns the place ids whose event counts may have changed.
    """
    rows = _Rows(conn)
    old = rows.load("article_id = ?", (article_id,))
    old_events = {rows.by_fid[f][1] for f in old if rows.by_fid[f][1] is not None}
    seeds: set[int] = set()
    for efid in old_events:  # the other sources of the article's old events must be partitioned again
        seeds.update(f for f in rows.load("event_fid = ?", (efid,)) if f not in old)
    conn.execute("DELETE FROM event_reports WHERE article_id = ?", (article_id,))
    for f in old:
        rows.by_fid.pop(f, None)
        rows.events.pop(f, None)
    for r in reports:
        row = _report_row(r, outlet, raw)
        cur = conn.execute(_INSERT_REPORT, row)
        seeds.add(cur.lastrowid)
    if seeds:
        rows.load("fid IN (%s)" % ",".join("?" * len(seeds)), tuple(seeds))
    component = _component(rows, seeds)
    stale = old_events | {rows.by_fid[f][1] for f in component if rows.by_fid[f][1] is not None}
    return _repartition(conn, rows, component, stale, point)


def _repartition(conn, rows: _Rows, component: set[int], stale: set[int], point) -> set[str]:
    places: set[str] = set()
    for efid in stale:
        row = conn.execute("SELECT place_id FROM events WHERE fid = ?", (efid,)).fetchone()
        if row and row[0]:
            places.add(row[0])
    conn.executemany("DELETE FROM events WHERE fid = ?", [(f,) for f in stale])
    fid_of = {id(rows.events[f]): f for f in component}
    for group in cluster(rows.events[f] for f in component):
        le = summarise(group)
        first_fid = fid_of[id(le.sources[0])]
        cur = conn.execute(_INSERT_EVENT, event_row(le, rows.by_fid[first_fid][-1], point))
        conn.executemany("UPDATE event_reports SET event_fid = ? WHERE fid = ?",
                         [(cur.lastrowid, fid_of[id(r)]) for r in group])
        if le.place is not None:
            places.add(le.place.place_id)
    return places


def rebuild(conn: sqlite3.Connection, point) -> None:
    """Partition every report again (after a migration or an outside edit). Inside a transaction."""
    conn.execute("DELETE FROM events")
    rows = _Rows(conn)
    rows.load("1", ())
    _repartition(conn, rows, set(rows.by_fid), set(), point)


def load_events(conn: sqlite3.Connection, where: str = "", args: tuple = (),
                places: dict[str, Place] | None = None, limit: int | None = None) -> list[LedgerEvent]:
    """Ledger events (with every source) matching ``where`` on ``events e``, in the order of their first
    source's article, then text (at most ``limit``)."""
    sql = ("SELECT e.fid, e.event_type, e.acled_type, e.sub_event_type, e.date, e.date_end, e.date_precision, "
           "e.date_inferred, e.geo_precision, e.actors_json, e.place_id, e.disputed FROM events e "
           "LEFT JOIN articles a ON a.article_id = e.article_id "
           f"{where} ORDER BY a.fid, e.\"start\", e.fid" + (f" LIMIT {int(limit)}" if limit is not None else ""))
    heads = conn.execute(sql, args).fetchall()
    if not heads:
        return []
    rows = _Rows(conn)
    by_event: dict[int, list[Event]] = {}
    fids = [h[0] for h in heads]
    for i in range(0, len(fids), 500):
        chunk = fids[i:i + 500]
        for rf in rows.load("event_fid IN (%s)" % ",".join("?" * len(chunk)), tuple(chunk)):
            by_event.setdefault(rows.by_fid[rf][1], []).append(rows.events[rf])
    from explorer.core.events.merge import report_key

    out = []
    for (fid, etype, acled, sub, d, d_end, prec, inferred, geo, actors, pid, disputed) in heads:
        sources = tuple(sorted(by_event.get(fid, ()), key=report_key))
        p = (places or {}).get(pid) if pid else None
        if pid and p is None:
            p = next((s.place for s in sources if s.place and s.place.place_id == pid), None)
        out.append(LedgerEvent(
            event_type=etype, acled_type=acled, place=p, sources=sources, sub_event_type=sub, date=d,
            date_end=d_end, date_precision=prec, date_inferred=bool(inferred), geo_precision=geo,
            actors=tuple(json.loads(actors) if actors else ()),
            disputed=tuple(x for x in (disputed or "").split("; ") if x), event_id=fid))
    return out


def article_reports(conn: sqlite3.Connection, article_id: str) -> list[Event]:
    """The reports one article gave, in text order."""
    rows = _Rows(conn)
    return [rows.events[f] for f in rows.load('article_id = ? ORDER BY "start", fid', (article_id,))]


def add_reports(conn: sqlite3.Connection, reports: Iterable[tuple[Event, str | None, str]]) -> None:
    """Insert reports ((report, outlet, article raw text) each) without touching the ledger events;
    call :func:`rebuild` after. For migrations."""
    for r, outlet, raw in reports:
        conn.execute(_INSERT_REPORT, _report_row(r, outlet, raw))
