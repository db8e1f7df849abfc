"""The project store: an OGC GeoPackage holding articles, places, mentions and events.

A project file is a plain GeoPackage 1.3 (SQLite, ``application_id`` 'GPKG',
``user_version`` 10300) that QGIS, GDAL/OGR, geopandas and pyogrio open as
it is. Written with :mod:`sqlite3` only.

Layers (registered in ``gpkg_contents``)::

    places     features, Point, EPSG:4326  one row per place named anywhere
               place_id (unique), name, kind, country_code, admin1, population,
               lat, lon, mentions, articles, events (counts kept up to date)
    mentions   features, Point, EPSG:4326  one row per mention
               article_id, place_id, place_name, place_kind, country_code,
               start, end (offsets into the article's raw_text), surface, score,
               sentence_start, sentence_end, excerpt
    events     features, Point, EPSG:4326  one row per happening, the event ledger
               (geometry NULL when the event has no place); see
               :mod:`explorer.core.store.ledger`: the consensus of its
               reports (event_type, acled_type, sub_event_type, date, date_end,
               date_precision, time_precision, date_inferred, geo_precision,
               actors, place_*), sources (how many reports), article_id (the
               first source's), article_ids (JSON), disputed, and the first
               source's start, end, trigger and excerpt
    event_reports attributes               one row per report an article gives
               (a source of one event: its article, outlet, excerpt, offsets,
               and its own type, place and date); event_fid = events.fid
    articles   attributes                  one row per article
               article_id (unique), title, path, outlet, published,
               dates (JSON list), content_hash (sha256 of the source bytes /
               JSONL row), raw_text, format (txt|md|html|jsonl), chars,
               ingested_at, pipeline (the version of the analysis that
               wrote its rows: an article analysed by another is re-read)

Also: ``geo_explorer_meta(key, value)`` with ``schema_version``, and
``article_fts``, an FTS5 index over articles' title and raw_text (external
content: it stores the index only, not a second copy of the text).

Writes. Each article is written in one transaction (``BEGIN IMMEDIATE`` …
``COMMIT``): its old rows are deleted and the new ones inserted, and the
ledger events its reports touch are partitioned again; any error or
interruption rolls the whole article back, so the store is as it was
before that article.

Older project files are migrated in place when opened read-write (schema 1,
before the event ledger: its per-article events become reports and the
ledger is built from them); opened read-only, they are migrated in a copy
in memory and the file is not touched. An article whose content hash is unchanged is not
touched. One connection, to be used from one thread at a time.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from explorer.core import PIPELINE_VERSION
from explorer.core.models import Article, Event, LedgerEvent, Mention, Place
from explorer.core.store import ledger
from explorer.core.store.errors import (  # noqa: F401  (ProjectError and its kin are the project's errors)
    RECOVERY_ADVICE,
    ProjectError,
    ProjectWriteError,
    _hot_journal,
    _journal,
    _writable,
    check_creatable,
    check_writable,
    describe_sqlite_error,
)
from explorer.core.store.gpkg import GPKG_APPLICATION_ID, SRS_ID, create_core, create_rtree, gpkg_point, register_functions
from explorer.core.store.schema import (
    APP_SQL,
    BASE_LAYERS,
    FTS_SQL,
    LAYERS,
    RTREE_TABLES,
    SCHEMA_VERSION,
    VIEW_INDEXES,
    migrate,
)

BUSY_TIMEOUT_MS = 15000  # how long a write waits for another writer (an ingest) to commit



class PlaceCount(NamedTuple):
    place: Place
    mentions: int
    articles: int
    events: int


class SearchHit(NamedTuple):
    article_id: str
    title: str
    snippet: str


# ---------------------------------------------------------------- locations

def default_project_path() -> Path:
    """The project used when none is named: ``<user data dir>/geo-explorer/projects/default.gpkg``.

    (Linux: ``~/.local/share/geo-explorer/…``; macOS: ``~/Library/Application
    Support/geo-explorer/…``; Windows: ``%LOCALAPPDATA%\\geo-explorer\\…``.)
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir("geo-explorer", appauthor=False)) / "projects" / "default.gpkg"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression for what a user typed, or None if it has no words.

    Every word becomes a quoted string (so FTS operators and punctuation are
    plain text); all words must match; the last one matches as a prefix.
    """
    words = _WORD.findall(text or "")[:32]
    if not words:
        return None
    terms = [f'"{w}"' for w in words]
    if text[-1:].isalnum():  # still typing the last word (no space after it)
        terms[-1] += "*"
    return " ".join(terms)


# ---------------------------------------------------------------- the store

class WriteBatch:
    """An open write batch of a project (see :meth:`Project.batch`)."""

    def __init__(self, project: Project, on_commit, every: int, seconds: float):
        self.project = project
        self.on_commit = on_commit
        self.every = every
        self.seconds = seconds
        self.pending: list = []
        self.articles = 0
        self._started = None

    def _begin(self) -> None:
        if not self.project.conn.in_transaction:
            try:
                self.project.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self.project._write_error(exc) from exc
            self._started = time.monotonic()

    def done(self, item=None) -> None:
        """An article was written: ``item`` goes to ``on_commit`` with its transaction; commit when due."""
        self.articles += 1
        if item is not None:
            self.pending.append(item)
        if self.articles >= self.every or (self._started is not None and
                                           time.monotonic() - self._started >= self.seconds):
            self.commit()

    def commit(self) -> None:
        """Commit what the batch holds now, then hand its items to ``on_commit``."""
        conn = self.project.conn
        if conn.in_transaction:
            try:
                self.project._touch()
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.project._rollback()
                self.pending.clear()
                raise self.project._write_error(exc) from exc
        items, self.pending, self.articles, self._started = self.pending, [], 0, None
        if items and self.on_commit is not None:
            self.on_commit(items)

    def lost(self) -> None:
        """SQLite rolled the whole transaction back: what was pending is not in the project."""
        self.pending.clear()
        self.articles, self._started = 0, None


class Project:
    """A Geo Explorer project file (GeoPackage). Create or open with ``Project(path)``."""

    MEMORY = ":memory:"
    # place_id -> its row before the first change in a block (explorer.core.store.corrections records
    # which pins a correction changed); None: not recording
    _place_log: dict | None = None

    def __init__(self, path: str | Path, *, create: bool = True, readonly: bool = False, checked: bool = False):
        """Open (or, with ``create``, make) a project file.

        ``checked``: the file was just opened and checked by this process (the
        app checks a project in a worker thread, then opens it again for its
        view): ``PRAGMA quick_check``, which reads the whole file, is not run
        twice.

        ``Project(Project.MEMORY)`` is a temporary project in memory: the
        same store, for a session's articles that no file holds yet.

        Raises :class:`ProjectError` with a message in words for anything that
        is not a sound Geo Explorer project that can be used as asked: a missing
        file, a folder or device, another kind of file, a newer schema, a damaged
        file (checked with ``PRAGMA quick_check`` and the GeoPackage's own
        tables; nothing is ever written to it), a read-only disk, a full disk.
        A project left mid-write by a killed process (a hot journal beside it)
        is recovered on open, also when opened read-only, where the folder may
        be written; otherwise the message says how.
        """
        memory = str(path) == self.MEMORY
        self._checked = checked
        self.path = Path(path)
        self.readonly = readonly and not memory
        self.created = False
        self.conn = None
        self._batch: WriteBatch | None = None
        st = None
        if not memory:
            try:
                st = os.stat(self.path)
            except FileNotFoundError:
                st = None
            except OSError as exc:
                raise ProjectError(self.path, f"cannot open it ({describe_sqlite_error(exc)})") from None
            if st is not None and not stat.S_ISREG(st.st_mode):
                from explorer.core.text.decode import file_kind

                raise ProjectError(self.path, f"not a project file: it is {file_kind(st.st_mode)}")
        exists = st is not None and st.st_size > 0
        if not memory and not exists and (readonly or not create):
            raise ProjectError(self.path, "no such project file")
        if not memory and not exists:
            check_creatable(self.path)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ProjectError(self.path, f"cannot create the folder {self.path.parent} "
                                              f"({describe_sqlite_error(exc)})") from None
        elif not memory and not readonly:
            check_writable(self.path)
        try:
            if memory:
                self.conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            elif readonly:
                self._recover_hot_journal()
                uri = self.path.resolve().as_uri() + "?mode=ro"
                if not os.access(self.path.parent, os.W_OK | os.X_OK):
                    # SQLite cannot make the WAL index beside a file on read-only media: read it as it is
                    # (a writer that was killed left no log here: _recover_hot_journal said so)
                    uri += "&immutable=1"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            register_functions(self.conn)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if exists:
                self._check()
            else:
                self._create()
            if not readonly:
                for sql in VIEW_INDEXES:
                    self.conn.execute(sql)
                ledger.ensure_derived(self.conn)
            if not memory and not readonly:
                # Readers (the app's view) go on while an ingest writes; a committed article is on disk.
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            self._close_quietly()
            self._forget_empty_file(st)
            reason = describe_sqlite_error(exc)
            if getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB",) or "not a database" in str(exc):
                reason = f"not a GeoPackage project file ({exc})"
            raise ProjectError(self.path, reason) from None
        except ProjectError:
            self._close_quietly()
            self._forget_empty_file(st)
            raise
        except BaseException:
            self._close_quietly()
            self._forget_empty_file(st)
            raise
        self.has_fts = self._table_exists("article_fts")

    def _forget_empty_file(self, st_before) -> None:
        """Remove the empty file a failed creation left (never a file that was there before)."""
        if st_before is None and not self.in_memory:
            try:
                if self.path.stat().st_size == 0:
                    self.path.unlink()
            except OSError:
                pass

    def _recover_hot_journal(self) -> None:
        """Roll back what a killed writer left half-done, so that a read-only open sees the last commit."""
        if not _hot_journal(self.path):
            return
        if not _writable(self.path):
            raise ProjectError(self.path, f"a write to it was interrupted (the journal {_journal(self.path).name} "
                                          "is beside it) and this process may not write there to undo it; open "
                                          "it once with write access (e.g. geo-explorer ingest --project, or "
                                          "File > Open in the app) and the interrupted write is rolled back")
        conn = sqlite3.connect(str(self.path), isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a read rolls the journal back
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # what was committed, into the file itself
        finally:
            conn.close()

    @property
    def in_memory(self) -> bool:
        return str(self.path) == self.MEMORY

    @classmethod
    def copy_in_memory(cls, path: str | Path) -> Project:
        """A temporary copy in memory of the project file ``path`` (opened read-only, never written)."""
        with cls(path, readonly=True) as source:
            copy = cls(cls.MEMORY)
            copy.conn.close()
            copy.conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            register_functions(copy.conn)
            source.conn.backup(copy.conn)
            for sql in VIEW_INDEXES:
                copy.conn.execute(sql)
            ledger.ensure_derived(copy.conn)
            copy.has_fts = source.has_fts
        return copy

    # -- opening ---------------------------------------------------------------
    def _create(self) -> None:
        c = self.conn
        with self.transaction():
            if c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                # Another process made it between our look and our lock: use theirs.
                pass
            else:
                self._create_schema()
                self.created = True
        if not self.created:
            self._check()

    def _create_schema(self) -> None:
        c = self.conn
        create_core(c)
        for statement in APP_SQL.split(";"):
            if statement.strip():
                c.execute(statement)
        for table, data_type, description, geo in LAYERS:
            c.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                      "VALUES (?,?,?,?,?)", (table, data_type, table, description, SRS_ID if geo else None))
            if geo:
                c.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (table, SRS_ID))
        for table in RTREE_TABLES:
            create_rtree(c, table)
        try:
            c.execute(FTS_SQL)
        except sqlite3.OperationalError:  # an SQLite built without FTS5: search falls back to LIKE
            pass
        c.executemany("INSERT INTO geo_explorer_meta VALUES (?, ?)", [
            ("schema_version", str(SCHEMA_VERSION)),
            ("application", "geo-explorer"),
            ("created_at", _now()),
        ])

    def _check(self) -> None:
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != GPKG_APPLICATION_ID:
            raise ProjectError(self.path, "not a GeoPackage (its SQLite application_id is not 'GPKG')")
        if not self._table_exists("geo_explorer_meta"):
            raise ProjectError(self.path, "a GeoPackage, but not a Geo Explorer project (no geo_explorer_meta table)")
        row = self.conn.execute("SELECT value FROM geo_explorer_meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else 0
        if version > SCHEMA_VERSION:
            raise ProjectError(self.path, f"made by a newer Geo Explorer (schema {version}; this one reads "
                                          f"up to {SCHEMA_VERSION})")
        if version < 1:
            raise ProjectError(self.path, "a Geo Explorer project without a valid schema_version")
        self._check_sound()
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _check_sound(self) -> None:
        """Refuse a damaged file: SQLite's quick_check, then the GeoPackage's own tables."""
        problems = ["ok"] if self._checked else [r[0] for r in self.conn.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise ProjectError(self.path, "the file is damaged (SQLite's check says: " + "; ".join(problems)[:300]
                                          + "). Nothing was written to it. " + RECOVERY_ADVICE)
        missing = [t for t in ("gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns") + BASE_LAYERS
                   if not self._table_exists(t)]
        if missing:
            raise ProjectError(self.path, "the file is damaged: its GeoPackage tables " + ", ".join(missing)
                               + " are missing. Nothing was written to it. " + RECOVERY_ADVICE)
        srs = self.conn.execute("SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (SRS_ID,)).fetchone()[0]
        layers = {r[0] for r in self.conn.execute(
            "SELECT c.table_name FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g "
            "ON g.table_name = c.table_name WHERE c.data_type = 'attributes' OR g.srs_id = ?", (SRS_ID,))}
        lost = [t for t in BASE_LAYERS if t not in layers]
        if not srs or lost:
            what = ", ".join((["the WGS 84 entry of gpkg_spatial_ref_sys"] if not srs else [])
                             + [f"the {t} layer's entries in gpkg_contents/gpkg_geometry_columns" for t in lost])
            raise ProjectError(self.path, f"the file is damaged: {what} are missing. Nothing was written to it. "
                               + RECOVERY_ADVICE)

    def _migrate(self, version: int) -> None:
        """Bring a project of an older schema up to date, in place (read-only: in a copy in memory)."""
        if self.readonly:
            memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            register_functions(memory)
            self.conn.backup(memory)
            self.conn.close()
            self.conn = memory
        with self.transaction():
            migrate(self.conn, version)

    def _table_exists(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT value FROM geo_explorer_meta WHERE key='schema_version'").fetchone()[0])

    def close(self) -> None:
        self._close_quietly()

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None and not self.readonly and not self.in_memory:
            try:
                conn.execute("PRAGMA optimize")  # statistics for the query planner, where they are due
            except sqlite3.Error:
                pass
        if conn is not None:
            self.conn = None
            try:
                conn.close()
            except sqlite3.Error:
                pass

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception.

        An SQLite failure (disk full, read-only, locked, damaged, I/O error)
        becomes a :class:`ProjectWriteError` that says so in words; the store
        is as it was before the transaction (SQLite may have rolled it back
        already: it is not rolled back twice, which used to hide the real error).
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        try:
            yield self.conn
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error):
                raise self._write_error(exc) from exc
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise self._write_error(exc) from exc

    def _rollback(self) -> None:
        if self.conn is not None and self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the error that brought us here is the one to report

    def _write_error(self, exc: BaseException) -> ProjectWriteError:
        return ProjectWriteError(self.path, f"not written: {describe_sqlite_error(exc)}. That write was undone; "
                                            "everything saved before it is intact.")

    # -- writing ---------------------------------------------------------------
    def article_status(self, article_id: str, content_hash: str) -> str:
        """'new', 'unchanged' (same content hash, analysed by this pipeline version) or 'changed'."""
        row = self.conn.execute("SELECT content_hash, pipeline FROM articles WHERE article_id = ?",
                                (article_id,)).fetchone()
        if row is None:
            return "new"
        return "unchanged" if row[0] == content_hash and row[1] == PIPELINE_VERSION else "changed"

    def put_article(self, article: Article, mentions: Iterable[Mention], events: Iterable[Event] = (),
                    *, fmt: str | None = None, force: bool = False, uses: Iterable[tuple] = ()) -> str:
        """Write one article with its mentions and event reports, in one transaction.

        The reports join the event ledger (:mod:`explorer.core.store.ledger`).
        ``uses``: where the project's corrections decided its mentions
        (:class:`explorer.core.store.corrections.Use`: correction id, start,
        end, outcome), as the analysis reports them.
        Returns 'added', 'replaced' or 'unchanged' (same content hash and
        pipeline version: nothing written unless ``force``). On any exception
        the store is left as it was.
        """
        from explorer.core.text.readers import format_of

        fmt = fmt or format_of(article.path)
        c = self.conn
        with self._article_write():
            old = c.execute("SELECT fid, content_hash, title, raw_text, pipeline FROM articles WHERE article_id = ?",
                            (article.article_id,)).fetchone()
            if old is not None and old[1] == article.content_hash and old[4] == PIPELINE_VERSION and not force:
                return "unchanged"
            values = (article.title, article.path, article.outlet, article.published,
                      json.dumps(list(article.dates)), article.content_hash, article.raw_text, fmt,
                      len(article.raw_text), _now(), PIPELINE_VERSION)
            if old is not None:
                fid = old[0]
                if self.has_fts:
                    c.execute("INSERT INTO article_fts(article_fts, rowid, title, raw_text) VALUES('delete', ?, ?, ?)",
                              (fid, old[2], old[3]))
                c.execute("UPDATE articles SET title=?, path=?, outlet=?, published=?, dates=?, content_hash=?, "
                          "raw_text=?, format=?, chars=?, ingested_at=?, pipeline=? WHERE fid=?", values + (fid,))
            else:
                cur = c.execute("INSERT INTO articles (title, path, outlet, published, dates, content_hash, raw_text, "
                                "format, chars, ingested_at, pipeline, article_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                                values + (article.article_id,))
                fid = cur.lastrowid
            if self.has_fts:
                c.execute("INSERT INTO article_fts(rowid, title, raw_text) VALUES (?, ?, ?)",
                          (fid, article.title, article.raw_text))
            self._write_rows(article, mentions, events, uses)
        return "replaced" if old is not None else "added"

    def put_analysis(self, article: Article, mentions: Iterable[Mention], events: Iterable[Event] = (),
                     uses: Iterable[tuple] = ()) -> set[str]:
        """Replace the rows an analysis of a stored article gives (its mentions, reports, correction uses),
        leaving the article's own row as it is (a correction re-analyses articles). One transaction, or a
        savepoint of the caller's. Returns the ids of the places whose rows may have changed."""
        with self._article_write():
            if self.conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (article.article_id,)).fetchone() is None:
                raise KeyError(article.article_id)
            return self._write_rows(article, mentions, events, uses)

    def _write_rows(self, article: Article, mentions: Iterable[Mention], events: Iterable[Event],
                    uses: Iterable[tuple]) -> set[str]:
        """An article's mentions, reports and correction uses, replacing its old ones; the places and the
        ledger brought up to date. Inside the caller's transaction. Returns the place ids touched."""
        c = self.conn
        affected = self._delete_mentions(article.article_id)
        raw = article.raw_text
        places: dict[str, Place] = {}
        mention_rows = []
        for m in mentions:
            places[m.place.place_id] = m.place
            p = m.place
            mention_rows.append((
                gpkg_point(p.lon, p.lat), m.article_id, p.place_id, p.name, p.kind, p.country_code,
                m.start, m.end, m.surface, m.score, m.sentence_start, m.sentence_end,
                raw[m.sentence_start:m.sentence_end], m.correction_id, m.parsed_place_id,
            ))
        reports = list(events)
        for e in reports:
            if e.place is not None:
                places[e.place.place_id] = e.place
        if self._place_log is not None:
            self._log_places(set(places) | set(affected))
        for p in places.values():
            c.execute(
                "INSERT INTO places (geom, place_id, name, kind, country_code, admin1, population, lat, lon) "
                "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(place_id) DO UPDATE SET geom=excluded.geom, "
                "name=excluded.name, kind=excluded.kind, country_code=excluded.country_code, "
                "admin1=excluded.admin1, population=excluded.population, lat=excluded.lat, lon=excluded.lon",
                (gpkg_point(p.lon, p.lat), p.place_id, p.name, p.kind, p.country_code, p.admin1,
                 p.population, p.lat, p.lon))
        c.executemany(
            'INSERT INTO mentions (geom, article_id, place_id, place_name, place_kind, country_code, "start", '
            '"end", surface, score, sentence_start, sentence_end, excerpt, correction_id, parsed_place_id) '
            'VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)', mention_rows)
        new_counts: dict[str, tuple[int, int]] = {}
        for row in mention_rows:
            n, k = new_counts.get(row[2], (0, 0))
            new_counts[row[2]] = (n + 1, k + (row[13] is not None))
        c.execute("DELETE FROM correction_uses WHERE article_id = ?", (article.article_id,))
        c.executemany('INSERT INTO correction_uses (correction_id, article_id, "start", "end", outcome) '
                      'VALUES (?,?,?,?,?)', [(u[0], article.article_id, u[1], u[2], u[3]) for u in uses])
        event_places = ledger.replace_reports(c, article.article_id, reports, outlet=article.outlet, raw=raw,
                                              point=gpkg_point)
        touched = set(affected) | set(new_counts) | event_places | set(places)
        if self._place_log is not None:
            self._log_places(touched)  # their counts are still as they were
        self._refresh_places(affected, new_counts, event_places | set(places))
        return touched

    def _log_places(self, ids: Iterable[str]) -> None:
        from explorer.core.store.corrections import _PLACE_STATE

        log = self._place_log
        for pid in ids:
            if pid not in log:
                log[pid] = self.conn.execute(_PLACE_STATE, (pid,)).fetchone()

    def remove_article(self, article_id: str) -> bool:
        """Delete an article, its rows and its sources in the ledger (one transaction). False if it was not there."""
        c = self.conn
        with self._article_write():
            old = c.execute("SELECT fid, title, raw_text FROM articles WHERE article_id = ?", (article_id,)).fetchone()
            if old is None:
                return False
            affected = self._delete_mentions(article_id)
            event_places = ledger.replace_reports(c, article_id, [], outlet=None, raw="", point=gpkg_point)
            if self.has_fts:
                c.execute("INSERT INTO article_fts(article_fts, rowid, title, raw_text) VALUES('delete', ?, ?, ?)",
                          (old[0], old[1], old[2]))
            c.execute("DELETE FROM articles WHERE fid = ?", (old[0],))
            c.execute("DELETE FROM correction_uses WHERE article_id = ?", (article_id,))
            self._refresh_places(affected, {}, event_places)
        return True

    def copy_to(self, path: str | Path) -> Path:
        """Write the whole project to a new file ``path`` (Save as); this project stays open as it is."""
        path = Path(path)
        if not self.in_memory and path.exists() and path.resolve() == self.path.resolve():
            raise ProjectError(path, "that is the open project itself")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.unlink(missing_ok=True)
        try:
            target = sqlite3.connect(str(tmp))
            try:
                self.conn.backup(target)
            finally:
                target.close()
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
        return path

    def _delete_mentions(self, article_id: str) -> dict[str, tuple[int, int]]:
        """Delete an article's mentions; how many it had at each place, and how many of them were corrected."""
        c = self.conn
        stats = {r[0]: (r[1], r[2]) for r in c.execute(
            "SELECT place_id, count(*), count(correction_id) FROM mentions WHERE article_id = ? GROUP BY place_id",
            (article_id,))}
        c.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        return stats

    def _refresh_places(self, old: dict[str, tuple[int, int]], new: dict[str, tuple[int, int]],
                        event_places: Iterable[str]) -> None:
        """Update places' counts after one article's mentions went from ``old`` to ``new`` (mentions and
        corrected mentions, by place) and the ledger events at ``event_places`` changed.

        Incremental, so writing an article costs the same however big the
        project is. Places left with no mention and no event are deleted.
        """
        c = self.conn
        for pid in set(old) | set(new):
            (om, oc), (nm, nc) = old.get(pid, (0, 0)), new.get(pid, (0, 0))
            if (om, oc) != (nm, nc):
                c.execute("UPDATE places SET mentions = mentions + ?, articles = articles + ?, "
                          "corrected = corrected + ? WHERE place_id = ?",
                          (nm - om, int(nm > 0) - int(om > 0), nc - oc, pid))
        for pid in set(event_places):
            c.execute("UPDATE places SET events = (SELECT count(*) FROM events WHERE place_id = ?1), "
                      "top_acled = (SELECT acled_type FROM events WHERE place_id = ?1 GROUP BY acled_type "
                      "ORDER BY count(*) DESC, acled_type LIMIT 1) WHERE place_id = ?1", (pid,))
        for pid in set(old) | set(new) | set(event_places):
            c.execute("DELETE FROM places WHERE place_id = ? AND mentions <= 0 AND events <= 0", (pid,))

    def recount_places(self) -> None:
        """Recompute every place's counts from the rows (after another tool edited the layers)."""
        with self.transaction():
            self.conn.execute(
                "UPDATE places SET mentions = (SELECT count(*) FROM mentions m WHERE m.place_id = places.place_id), "
                "events = (SELECT count(*) FROM events e WHERE e.place_id = places.place_id), "
                "top_acled = (SELECT acled_type FROM events e WHERE e.place_id = places.place_id "
                "GROUP BY acled_type ORDER BY count(*) DESC, acled_type LIMIT 1), "
                "articles = (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.place_id = places.place_id), "
                "corrected = (SELECT count(correction_id) FROM mentions m WHERE m.place_id = places.place_id)")
            self.conn.execute("DELETE FROM places WHERE mentions = 0 AND events = 0")

    # -- units of work ---------------------------------------------------------
    @contextmanager
    def _article_write(self) -> Iterator[None]:
        """One article's writes: its own transaction, or a savepoint of the open batch (see :meth:`batch`) or
        of the caller's open transaction (:meth:`transaction`: a correction writes several articles at once)."""
        if self._batch is None and self.conn.in_transaction:
            with self._savepoint():
                yield
            return
        if self._batch is None:
            with self.transaction():
                yield
                self._touch()
            return
        self._batch._begin()
        with self._savepoint(self._batch):
            yield

    @contextmanager
    def _savepoint(self, batch: WriteBatch | None = None) -> Iterator[None]:
        """The article's savepoint: rolled back alone when its writes fail. Inside a write ``batch``, a
        transaction SQLite gave up (disk full, I/O error) is reported to it as lost, and SQLite's errors
        are put in words; inside a caller's transaction they go to that caller as they are."""
        c = self.conn
        c.execute("SAVEPOINT article")
        try:
            yield
        except BaseException as exc:
            if c.in_transaction:
                try:
                    c.execute("ROLLBACK TO article")
                    c.execute("RELEASE article")
                except sqlite3.Error:
                    pass
            if batch is not None:
                if not c.in_transaction:
                    batch.lost()
                if isinstance(exc, sqlite3.Error):
                    raise self._write_error(exc) from exc
            raise
        else:
            c.execute("RELEASE article")

    @contextmanager
    def batch(self, on_commit: Callable[[list], None] | None = None, *, every: int = 500,
              seconds: float = 2.0) -> Iterator[WriteBatch]:
        """Write many articles with few syncs: they share transactions, each article still whole.

        Inside, every :meth:`put_article` / :meth:`remove_article` is a
        savepoint of a transaction that is committed every ``every`` articles
        or ``seconds`` (and at the end). What the caller hands to
        :meth:`WriteBatch.done` after each article is passed to ``on_commit``
        once that article is committed, never before: a caller that reports
        it then never reports an article a crash could still take back.
        """
        if self._batch is not None:
            raise RuntimeError("a write batch is already open on this project")
        wb = WriteBatch(self, on_commit, every, seconds)
        self._batch = wb
        try:
            yield wb
            wb.commit()
        finally:
            self._batch = None
            if self.conn is not None and self.conn.in_transaction:
                self._rollback()

    def _touch(self) -> None:
        """Bring gpkg_contents' extents and last_change up to date (inside the write transaction)."""
        c = self.conn
        now = _now()
        for table, cond in (("places", "1"), ("mentions", "mentions > 0"), ("events", "events > 0")):
            ext = c.execute(f"SELECT min(lon), min(lat), max(lon), max(lat) FROM places WHERE {cond}").fetchone()
            c.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, last_change=? WHERE table_name=?",
                      (*ext, now, table))
        c.execute("UPDATE gpkg_contents SET last_change=? WHERE table_name='articles'", (now,))

    _LAYER_TESTS = (("places", "1", lambda m, e: True), ("mentions", "mentions > 0", lambda m, e: m > 0),
                    ("events", "events > 0", lambda m, e: e > 0))

    def _touch_places(self, before: dict) -> None:
        """:meth:`_touch` after a write that changed only the places of ``before`` (place_id -> its row as
        it was: name, kind, lat, lon, mentions, articles, events, …; None: it was not there). An extent is
        widened by the places now in its layer, and computed again from the whole table only when a place
        that left the layer (or moved) lay on its edge: a correction need not read every place."""
        c = self.conn
        now = _now()
        now_rows = {pid: c.execute("SELECT lat, lon, mentions, events FROM places WHERE place_id = ?",
                                   (pid,)).fetchone() for pid in before}
        for table, cond, test in self._LAYER_TESTS:
            ext = c.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                            (table,)).fetchone()
            gone = []
            for pid, old in before.items():
                if old is None or not test(old[4], old[6]):
                    continue
                cur = now_rows[pid]
                if cur is None or not test(cur[2], cur[3]) or (cur[0], cur[1]) != (old[2], old[3]):
                    gone.append((old[2], old[3]))
            if ext is None or None in ext or any(lon in (ext[0], ext[2]) or lat in (ext[1], ext[3])
                                                 for lat, lon in gone):
                ext = c.execute(f"SELECT min(lon), min(lat), max(lon), max(lat) FROM places WHERE {cond}").fetchone()
            else:
                pts = [(r[1], r[0]) for r in now_rows.values() if r is not None and test(r[2], r[3])]
                ext = (min([ext[0]] + [x for x, _ in pts]), min([ext[1]] + [y for _, y in pts]),
                       max([ext[2]] + [x for x, _ in pts]), max([ext[3]] + [y for _, y in pts]))
            c.execute("UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, last_change=? WHERE table_name=?",
                      (*ext, now, table))

    # -- settings kept in the project ---------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM geo_explorer_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        """Keep ``value`` under ``key`` in the project (the view state, for one)."""
        with self._article_write():
            self.conn.execute("INSERT INTO geo_explorer_meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                              "value = excluded.value", (key, value))

    # -- reading ---------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "mentions", "events", "places")}

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT article_id FROM articles ORDER BY fid")]

    def _places(self) -> dict[str, Place]:
        return {r[0]: Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7]) for r in self.conn.execute(
            "SELECT place_id, name, kind, lat, lon, country_code, population, admin1 FROM places")}

    def articles(self, where: str = "", args: tuple = ()) -> Iterator[Article]:
        """The articles (all, or those matching ``where``), in the order they were first added."""
        for r in self.conn.execute(
                "SELECT article_id, title, raw_text, path, outlet, dates, published, content_hash "
                f"FROM articles {where} ORDER BY fid", args):
            yield Article(article_id=r[0], title=r[1] or "", raw_text=r[2], path=r[3], outlet=r[4],
                          dates=json.loads(r[5]) if r[5] else [], published=r[6], content_hash=r[7])

    def article(self, article_id: str) -> Article | None:
        return next(self.articles("WHERE article_id = ?", (article_id,)), None)

    def mentions(self, article_id: str | None = None) -> list[Mention]:
        """The mentions (of one article, or all), in article order, then text order."""
        places = self._places()
        where, args = ("WHERE m.article_id = ?", (article_id,)) if article_id is not None else ("", ())
        return [Mention(r[0], r[1], r[2], r[3], places[r[4]], r[5], r[6], r[7], r[8], r[9])
                for r in self.conn.execute(
            'SELECT m.article_id, m."start", m."end", m.surface, m.place_id, m.score, m.sentence_start, '
            'm.sentence_end, m.correction_id, m.parsed_place_id FROM mentions m '
            'JOIN articles a ON a.article_id = m.article_id '
            f'{where} ORDER BY a.fid, m."start", m.fid', args)]

    def places(self) -> list[PlaceCount]:
        """Every place named, with its counts, most mentioned first."""
        return [PlaceCount(Place(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7]), r[8], r[9], r[10])
                for r in self.conn.execute(
                    "SELECT place_id, name, kind, lat, lon, country_code, population, admin1, mentions, articles, "
                    "events FROM places ORDER BY mentions DESC, name")]

    def events(self, where: str = "", args: tuple = ()) -> list[LedgerEvent]:
        """Ledger events (each with all its sources) matching ``where`` on ``events e``."""
        return ledger.load_events(self.conn, where=where, args=args, places=self._places())

    def reports(self, article_id: str) -> list[Event]:
        """The event reports one article gave, in text order."""
        return ledger.article_reports(self.conn, article_id)

    def search(self, query: str, limit: int = 50, mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Articles matching the words of ``query`` (all of them), best first.

        Never raises for what the user typed: punctuation and FTS operators
        are taken as plain text; a query with no words finds nothing.
        """
        match = fts_query(query)
        if match is None:
            return []
        try:
            if self.has_fts:
                rows = self.conn.execute(
                    "SELECT a.article_id, a.title, snippet(article_fts, 1, ?, ?, '…', 12) "
                    "FROM article_fts JOIN articles a ON a.fid = article_fts.rowid "
                    "WHERE article_fts MATCH ? ORDER BY bm25(article_fts, 5.0, 1.0) LIMIT ?",
                    (mark[0], mark[1], match, int(limit))).fetchall()
            else:  # pragma: no cover - SQLite without FTS5
                words = _WORD.findall(query)[:32]
                cond = " AND ".join("(title LIKE ? OR raw_text LIKE ?)" for _ in words)
                args = [a for w in words for a in (f"%{w}%", f"%{w}%")]
                rows = [(r[0], r[1], r[2][:120]) for r in self.conn.execute(
                    f"SELECT article_id, title, raw_text FROM articles WHERE {cond} ORDER BY fid LIMIT ?",
                    (*args, int(limit)))]
        except sqlite3.Error:
            return []
        return [SearchHit(r[0], r[1] or "", " ".join((r[2] or "").split())) for r in rows]

    def rebuild_search_index(self) -> None:
        """Re-index every article (after the articles table was edited by another tool)."""
        if self.has_fts:
            with self.transaction():
                self.conn.execute("INSERT INTO article_fts(article_fts) VALUES('rebuild')")
