"""The tables of a project (beyond the GeoPackage core), and the migrations from older schemas."""
from __future__ import annotations

import json
import sqlite3

from explorer.core.models import Event, Place
from explorer.core.store import ledger
from explorer.core.store.gpkg import create_rtree, gpkg_point

SCHEMA_VERSION = 4

APP_SQL = """
CREATE TABLE geo_explorer_meta (key TEXT NOT NULL PRIMARY KEY, value TEXT);
CREATE TABLE articles (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL UNIQUE,
  title TEXT,
  path TEXT,
  outlet TEXT,
  published TEXT,
  dates TEXT,
  content_hash TEXT NOT NULL,
  raw_text TEXT NOT NULL,
  format TEXT,
  chars INTEGER,
  ingested_at TEXT,
  pipeline TEXT
);
CREATE TABLE places (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  place_id TEXT NOT NULL UNIQUE,
  name TEXT,
  kind TEXT,
  country_code TEXT,
  admin1 TEXT,
  population INTEGER,
  lat DOUBLE,
  lon DOUBLE,
  mentions INTEGER NOT NULL DEFAULT 0,
  articles INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0,
  top_acled TEXT,
  corrected INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE mentions (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  article_id TEXT NOT NULL,
  place_id TEXT NOT NULL,
  place_name TEXT,
  place_kind TEXT,
  country_code TEXT,
  "start" INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  surface TEXT,
  score DOUBLE,
  sentence_start INTEGER,
  sentence_end INTEGER,
  excerpt TEXT,
  correction_id INTEGER,
  parsed_place_id TEXT
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_place ON mentions(place_id);
"""

# Schema 4: the user's corrections (explorer.core.store.corrections). A corrected mention keeps its
# correction's id and the place the geoparser read (parsed_place_id); places count their corrected mentions.
CORRECTIONS_SQL = """
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT NOT NULL CHECK (scope IN ('mention', 'article', 'project')),
  article_id TEXT,
  origin_article_id TEXT NOT NULL,
  "start" INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  surface TEXT NOT NULL,
  name_key TEXT NOT NULL,
  parsed_place_id TEXT,
  old_place_id TEXT,
  old_name TEXT,
  old_kind TEXT,
  old_country_code TEXT,
  old_admin1 TEXT,
  old_population INTEGER,
  old_lat DOUBLE,
  old_lon DOUBLE,
  new_place_id TEXT,
  new_name TEXT,
  new_kind TEXT,
  new_country_code TEXT,
  new_admin1 TEXT,
  new_population INTEGER,
  new_lat DOUBLE,
  new_lon DOUBLE,
  country TEXT,
  created_at TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX corrections_article ON corrections(article_id);
CREATE INDEX corrections_name ON corrections(name_key);
CREATE TABLE correction_targets (
  correction_id INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (correction_id, article_id)
) WITHOUT ROWID;
CREATE TABLE correction_uses (
  correction_id INTEGER NOT NULL,
  article_id TEXT NOT NULL,
  "start" INTEGER,
  "end" INTEGER,
  outcome TEXT NOT NULL
);
CREATE INDEX correction_uses_article ON correction_uses(article_id);
CREATE INDEX correction_uses_correction ON correction_uses(correction_id);
CREATE INDEX mentions_parsed ON mentions(parsed_place_id) WHERE parsed_place_id IS NOT NULL;
"""

APP_SQL += ledger.EVENTS_SQL + ledger.REPORTS_SQL + CORRECTIONS_SQL

FTS_SQL = ("CREATE VIRTUAL TABLE article_fts USING fts5(title, raw_text, content='articles', "
            "content_rowid='fid', tokenize='unicode61 remove_diacritics 2')")

# Indexes the app's questions need (explorer.core.store.views), made when missing whenever a project is
# opened for writing. Covering indexes of what the filters test: counting the events of every place
# under a filter (events_filter), or of every day for the timeline (events_timeline, in day order so the
# grouping needs no sort), reads the index alone, never the wide rows (their excerpts and actors).
# The timeline's histogram at 157k events: 200 ms -> 13 ms.
VIEW_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_filter ON events(place_id, acled_type, event_type, day_first, day_last, "
    "country_code)",
    "CREATE INDEX IF NOT EXISTS events_timeline ON events(day_first, acled_type, event_type, country_code, "
    "day_last)",
)

# Feature tables with an R-tree spatial index (gpkg_rtree_index): what the map and the spatial queries ask.
RTREE_TABLES = ("places", "events")

# The layers every project has had since schema 1 (a damaged file lacks one of them).
BASE_LAYERS = ("places", "mentions", "events", "articles")
LAYERS = (
    # table, data_type, description, has geometry
    ("places", "features", "Places named in the articles, with mention/article/event counts", True),
    ("mentions", "features", "Each place name found in an article, with its sentence", True),
    ("events", "features", "Events: one per happening, with how many reports tell of it", True),
    ("articles", "attributes", "The articles: metadata and raw text", False),
    ("event_reports", "attributes", "Every report of an event: the sources of the events layer", False),
    ("corrections", "attributes", "The user's corrections of places: old and new place, scope, time", False),
)


def _migrate_1_to_2(conn: sqlite3.Connection) -> None:
    """Schema 1 -> 2: the event ledger. Each per-article event of schema 1 becomes a report, and the
    ledger is built from them; articles get a ``pipeline`` column (NULL: analysed by an older version,
    so a re-ingest analyses them again)."""
    conn.execute("ALTER TABLE articles ADD COLUMN pipeline TEXT")
    conn.execute("DROP INDEX IF EXISTS events_article")
    conn.execute("DROP INDEX IF EXISTS events_place")
    conn.execute("ALTER TABLE events RENAME TO events_v1")
    for statement in (ledger.EVENTS_SQL + ledger.REPORTS_SQL).split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("UPDATE gpkg_contents SET description = ? WHERE table_name = 'events'",
                 (next(d for t, _, d, _ in LAYERS if t == "events"),))
    conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                 "VALUES ('event_reports', 'attributes', 'event_reports', ?, NULL)",
                 (next(d for t, _, d, _ in LAYERS if t == "event_reports"),))
    places = {r[0]: Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7]) for r in conn.execute(
        "SELECT place_id, name, kind, lat, lon, country_code, population, admin1 FROM places")}
    articles = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT article_id, outlet, raw_text FROM articles")}
    old = conn.execute('SELECT article_id, event_type, acled_type, "start", "end", place_id, trigger, date, '
                       'date_precision, actors_json, mention_start, mention_end FROM events_v1 ORDER BY fid').fetchall()
    ledger.add_reports(conn, (
        (Event(article_id=r[0], event_type=r[1], acled_type=r[2], start=r[3], end=r[4],
               place=places.get(r[5]) if r[5] else None, trigger=r[6] or "", date=r[7], date_precision=r[8],
               actors=tuple(json.loads(r[9]) if r[9] else ()), mention_start=r[10], mention_end=r[11]),
         *articles.get(r[0], (None, "")))
        for r in old))
    conn.execute("DROP TABLE events_v1")
    ledger.rebuild(conn, gpkg_point)
    conn.execute("UPDATE places SET events = (SELECT count(*) FROM events e WHERE e.place_id = places.place_id)")


def _migrate_2_to_3(conn: sqlite3.Connection) -> None:
    """Schema 2 -> 3: R-tree spatial indexes on places and events, and each place's most frequent ACLED
    event type (``places.top_acled``, what its pin shows) kept with its counts."""
    conn.execute("DROP TABLE IF EXISTS event_report_spans")  # schema 2's bound on windows: now a constant
    conn.execute("ALTER TABLE places ADD COLUMN top_acled TEXT")
    conn.execute("UPDATE places SET top_acled = (SELECT acled_type FROM events e WHERE e.place_id = places.place_id "
                 "GROUP BY acled_type ORDER BY count(*) DESC, acled_type LIMIT 1)")
    for table in RTREE_TABLES:
        create_rtree(conn, table)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _migrate_3_to_4(conn: sqlite3.Connection) -> None:
    """Schema 3 -> 4: the user's corrections. Their tables; a corrected mention's correction and parsed
    place; places' count of corrected mentions; a ``corrected`` flag on event reports and events (none is
    corrected yet: every flag is 0). A ledger made by the 1 -> 2 migration already has today's columns."""
    for table, column, decl in (("mentions", "correction_id", "INTEGER"), ("mentions", "parsed_place_id", "TEXT"),
                                ("places", "corrected", "INTEGER NOT NULL DEFAULT 0"),
                                ("event_reports", "corrected", "INTEGER NOT NULL DEFAULT 0"),
                                ("events", "corrected", "INTEGER NOT NULL DEFAULT 0")):
        if column not in _columns(conn, table):
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")
    for statement in CORRECTIONS_SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                 "VALUES ('corrections', 'attributes', 'corrections', ?, NULL)",
                 (next(d for t, _, d, _ in LAYERS if t == "corrections"),))


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring a project of schema ``version`` up to :data:`SCHEMA_VERSION` (inside the caller's transaction)."""
    if version < 2:
        _migrate_1_to_2(conn)
    if version < 3:
        _migrate_2_to_3(conn)
    if version < 4:
        _migrate_3_to_4(conn)
    conn.execute("UPDATE geo_explorer_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
