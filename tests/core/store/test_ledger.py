"""The event ledger in the project: one event per happening, every source kept, any article order."""
from __future__ import annotations

import itertools
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.core import PIPELINE_VERSION
from explorer.core.models import Event
from explorer.core.store import ingest as ingest_mod
from explorer.core.store.ingest import ingest_into_project
from explorer.core.store.project import Project
from explorer.core.store.schema import SCHEMA_VERSION
from tests.fakes import FakeGeoparser

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "projects"
_KINDS = {"strike": ("air_or_missile_strike", "Explosions/Remote violence"),
          "attack": ("armed_attack", "Battles"),
          "protest": ("protest", "Protests")}


def fake_events(article, text, mentions):
    """A report per (sentence, mention) whose sentence names a kind: 'strike', 'attack' or 'protest',
    dated by an ISO date in the sentence, with the actor after 'by'."""
    out = []
    for m in mentions:
        sentence = text[m.sentence_start:m.sentence_end]
        kind = next((k for k in _KINDS if k in sentence.lower()), None)
        if kind is None:
            continue
        date = re.search(r"\d{4}-\d\d-\d\d", sentence)
        actor = re.search(r"\bby (\w+)", sentence)
        out.append(Event(m.article_id, *_KINDS[kind], m.sentence_start, m.sentence_end, m.place, kind,
                         date.group(0) if date else None, "day" if date else None,
                         (actor.group(1),) if actor else (), m.start, m.end))
    return out


@pytest.fixture(autouse=True)
def _fake_events(monkeypatch):
    monkeypatch.setattr(ingest_mod, "find_events", fake_events)


ARTICLES = {
    "a": "Missiles\nA strike hit Quetta on 2024-01-18. Talks were held in Lahore.\n",
    "b": "Quetta attacked\nAn attack on Quetta on 2024-01-19 killed two.\n",  # same happening, another day: disputed
    "c": "Rally\nA protest by teachers in Lahore on 2024-03-01.\n",
    "d": "Another rally\nA protest by farmers in Lahore on 2024-03-01.\n",  # other group: another event
    "e": "Later\nA strike hit Quetta on 2024-02-10.\n",  # weeks later: another event
}


def _write(folder: Path, names) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in names:
        p = folder / f"{n}.txt"
        p.write_text(ARTICLES[n], encoding="utf-8")
        out.append(p)
    return out


def _ledger(project: Project) -> list[tuple]:
    return sorted((e.event_type, e.place.name, e.date, tuple(sorted((s.article_id, s.start) for s in e.sources)),
                   e.disputed) for e in project.events())


def test_one_happening_told_by_two_articles_is_one_event_with_both_sources(tmp_path):
    with Project(tmp_path / "p.gpkg") as project:
        ingest_into_project(_write(tmp_path / "src", ARTICLES), project, geoparser=FakeGeoparser())
        events = project.events()
        quetta = [e for e in events if e.place.name == "Quetta" and len(e.sources) > 1]
        assert len(quetta) == 1
        ev = quetta[0]
        # a's account, b's account and b's undated headline ("Quetta attacked")
        assert len(ev.sources) == 3 and set(ev.article_ids) == {"a", "b"} and ev.disputed == ("type", "date")
        assert [s.date for s in ev.sources] == ["2024-01-18", "2024-01-19", None]  # each keeps its version
        assert ev.event_type == "air_or_missile_strike" or ev.event_type == "armed_attack"
        lahore = [e for e in events if e.place.name == "Lahore"]
        assert sorted(e.actors for e in lahore) == [("farmers",), ("teachers",)]
        assert len(events) == 4
        row = project.conn.execute("SELECT events FROM places WHERE name = 'Quetta'").fetchone()
        assert row == (2,)  # counts count events, not reports


def test_the_ledger_is_the_same_in_any_article_order(tmp_path):
    want = None
    for i, order in enumerate(itertools.permutations("abcde")):
        if i % 12:  # 10 of the 120 orders
            continue
        with Project(tmp_path / f"p{i}.gpkg") as project:
            for name in order:
                ingest_into_project(_write(tmp_path / f"src{i}", [name]), project, geoparser=FakeGeoparser())
            got = _ledger(project)
        want = want or got
        assert got == want


def test_reingesting_or_removing_an_article_withdraws_its_sources(tmp_path):
    src = tmp_path / "src"
    with Project(tmp_path / "p.gpkg") as project:
        ingest_into_project(_write(src, "ab"), project, geoparser=FakeGeoparser())
        assert [len(e.sources) for e in project.events()] == [3]
        (src / "b.txt").write_text("Quetta calm\nNothing happened in Quetta.\n", encoding="utf-8")
        ingest_into_project([src], project, geoparser=FakeGeoparser())
        (ev,) = project.events()
        assert ev.article_ids == ("a",) and ev.disputed == () and ev.date == "2024-01-18"
        project.remove_article("a")
        assert project.events() == [] and project.counts()["events"] == 0
        assert project.conn.execute("SELECT count(*) FROM event_reports").fetchone() == (0,)


def test_an_event_linking_two_others_merges_them_and_its_removal_splits_them(tmp_path):
    src = tmp_path / "src"
    texts = {"x": "One\nA strike hit Quetta on 2024-01-18.\n",
             "y": "Two\nA strike hit Quetta on 2024-01-20.\n",
             "z": "Span\nA strike hit Quetta between 2024-01-18 and 2024-01-20, on 2024-01-19.\n"}
    src.mkdir()
    for k, t in texts.items():
        (src / f"{k}.txt").write_text(t, encoding="utf-8")
    with Project(tmp_path / "p.gpkg") as project:
        ingest_into_project([src / "x.txt", src / "y.txt"], project, geoparser=FakeGeoparser())
        assert len(project.events()) == 2
        ingest_into_project([src / "z.txt"], project, geoparser=FakeGeoparser())
        # z meets both, but x and y (two days apart) are not one: the canonical split keeps 2 events
        events = project.events()
        assert len(events) == 2 and sorted(len(e.sources) for e in events) == [1, 2]
        project.remove_article("z")
        assert sorted(len(e.sources) for e in project.events()) == [1, 1]


def test_schema_1_project_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.gpkg"
    shutil.copy(FIXTURES / "schema1.gpkg", path)
    with Project(path) as project:
        assert project.schema_version == SCHEMA_VERSION
        counts = project.counts()
        assert counts["articles"] == 2 and counts["mentions"] == 6 and counts["events"] == 1
        (ev,) = project.events()
        assert ev.event_type == "protest" and ev.place.name == "Karachi" and ev.date == "2024-03-04"
        assert len(ev.sources) == 1 and ev.sources[0].article_id == "karachi-protest"
        # analysed by an older pipeline: a plain re-ingest analyses it again
        assert project.article_status("karachi-protest", project.conn.execute(
            "SELECT content_hash FROM articles WHERE article_id='karachi-protest'").fetchone()[0]) == "changed"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT data_type FROM gpkg_contents WHERE table_name='event_reports'").fetchone() == \
        ("attributes",)
    conn.close()


def test_schema_1_project_opened_read_only_is_migrated_in_memory_and_left_untouched(tmp_path):
    path = tmp_path / "old.gpkg"
    shutil.copy(FIXTURES / "schema1.gpkg", path)
    before = path.read_bytes()
    with Project(path, readonly=True) as project:
        assert project.schema_version == SCHEMA_VERSION and len(project.events()) == 1
    assert path.read_bytes() == before


def test_articles_record_the_pipeline_version(tmp_path):
    with Project(tmp_path / "p.gpkg") as project:
        ingest_into_project(_write(tmp_path / "src", "a"), project, geoparser=FakeGeoparser())
        assert project.conn.execute("SELECT pipeline FROM articles").fetchone() == (PIPELINE_VERSION,)


def test_the_seed_corpus_gives_the_same_ledger_in_any_article_order(tmp_path, monkeypatch):
    """The real geoparser and extractor on the bundled articles, one at a time in three orders."""
    from explorer import resources
    from explorer.core.events import extract_events

    monkeypatch.setattr(ingest_mod, "find_events", lambda a, t, m: list(extract_events(a, t, m)))
    seeds = resources.seed_paths()
    want = None
    for i, order in enumerate([seeds, seeds[::-1], seeds[2:] + seeds[:2]]):
        with Project(tmp_path / f"s{i}.gpkg") as project:
            for path in order:
                ingest_into_project([path], project)
            got = _ledger(project)
        assert got, "the seeds report events"
        want = want or got
        assert got == want
