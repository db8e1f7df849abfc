"""Project files of every past schema open and are migrated in place; R-tree indexes, WAL, write batches."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.core.models import Article, Mention, Place
from explorer.core.store.errors import ProjectWriteError
from explorer.core.store.project import Project
from explorer.core.store.schema import RTREE_TABLES, SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "projects"
PAST = sorted(FIXTURES.glob("schema*.gpkg"))
Q = Place("gn:1", "Quetta", "city", 30.18, 67.0, "PK", 700_000, "Balochistan")


def _rtree_matches(conn, table) -> bool:
    """Every feature with a geometry is in its R-tree at its point, and nothing else is."""
    rows = conn.execute(f"SELECT fid, ST_MinX(geom), ST_MinY(geom) FROM {table} WHERE geom NOT NULL").fetchall()
    index = conn.execute(f"SELECT id, minx, miny FROM rtree_{table}_geom").fetchall()
    return sorted(rows) == sorted((i, pytest.approx(x, abs=1e-5), pytest.approx(y, abs=1e-5)) for i, x, y in index)


def test_there_is_a_fixture_of_every_past_schema():
    assert [int(p.stem[len("schema"):]) for p in PAST] == list(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("fixture", PAST, ids=lambda p: p.stem)
def test_each_past_schema_is_migrated_in_place_without_loss(tmp_path, fixture):
    path = tmp_path / "old.gpkg"
    shutil.copy(fixture, path)
    old = sqlite3.connect(path)
    before = {t: old.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "mentions")}
    old.close()
    with Project(path) as project:
        assert project.schema_version == SCHEMA_VERSION
        counts = project.counts()
        assert {k: counts[k] for k in before} == before and counts["events"] >= 1
        for table in RTREE_TABLES:
            assert _rtree_matches(project.conn, table)
        tops = project.conn.execute("SELECT count(*) FROM places WHERE events > 0 AND top_acled IS NULL").fetchone()
        assert tops == (0,)
        assert project.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    ext = conn.execute("SELECT table_name FROM gpkg_extensions WHERE extension_name='gpkg_rtree_index'").fetchall()
    assert sorted(r[0] for r in ext) == sorted(RTREE_TABLES)
    conn.close()


def _article(i: int, place: Place = Q) -> tuple[Article, list[Mention]]:
    text = f"Report {i}\nSomething happened in {place.name} today."
    start = text.index(place.name)
    a = Article(f"a{i}", f"Report {i}", text, content_hash=f"h{i}")
    return a, [Mention(a.article_id, start, start + len(place.name), place.name, place, 0.9, 0, len(text))]


def test_rtree_follows_inserts_updates_and_deletes(tmp_path):
    with Project(tmp_path / "p.gpkg") as project:
        a, ms = _article(1)
        project.put_article(a, ms)
        moved = Place("gn:1", "Quetta", "city", 31.0, 68.0, "PK", 700_000, "Balochistan")
        a2, ms2 = _article(2, moved)  # the same place id, a corrected position: an UPSERT updates it
        project.put_article(a2, ms2)
        assert _rtree_matches(project.conn, "places")
        assert project.conn.execute("SELECT minx, miny FROM rtree_places_geom").fetchall() == [(68.0, 31.0)]
        project.remove_article("a1")
        project.remove_article("a2")
        assert project.conn.execute("SELECT count(*) FROM rtree_places_geom").fetchone() == (0,)


def test_a_batch_reports_articles_only_once_committed_and_keeps_each_whole(tmp_path, monkeypatch):
    committed: list[list[str]] = []
    with Project(tmp_path / "p.gpkg") as project:
        with project.batch(committed.append, every=3) as batch:
            for i in range(1, 6):
                a, ms = _article(i)
                project.put_article(a, ms)
                batch.done(a.article_id)
                if i == 2:
                    assert committed == []  # written, not yet committed: not yet reported
            bad, ms = _article(9)
            bad.raw_text = None  # this article's rows fail half-way: only they are undone
            with pytest.raises(Exception):
                project.put_article(bad, ms)
        assert committed == [["a1", "a2", "a3"], ["a4", "a5"]]
        assert project.article_ids() == ["a1", "a2", "a3", "a4", "a5"]
        assert project.counts()["mentions"] == 5


def test_a_batch_whose_transaction_is_lost_reports_nothing_of_it(tmp_path, monkeypatch):
    """A full disk: SQLite rolls the whole transaction back, so the articles written before in it are gone."""
    from explorer.core.store import ledger

    committed = []
    real = ledger.replace_reports

    def full_disk(conn, article_id, *args, **kwargs):
        if article_id == "a2":
            conn.execute("ROLLBACK")  # what SQLite itself does on SQLITE_FULL
            raise sqlite3.OperationalError("database or disk is full")
        return real(conn, article_id, *args, **kwargs)

    monkeypatch.setattr(ledger, "replace_reports", full_disk)
    with Project(tmp_path / "p.gpkg") as project:
        with project.batch(committed.append, every=100) as batch:
            for i in (1, 2):
                a, ms = _article(i)
                try:
                    project.put_article(a, ms)
                except ProjectWriteError as exc:
                    assert "disk is full" in str(exc)
                    break
                batch.done(a.article_id)
        assert committed == [] and project.article_ids() == []
