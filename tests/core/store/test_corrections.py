"""Corrections: a wrong pin moved or removed by the user, kept by the project, applied on every analysis.

The articles are written for these tests; the geoparser is the tests' fake one (``tests.fakes.news_geoparser``:
"Mirpur" is always read as the town in India's Punjab), the event extractor the application's. One test runs
the application's geoparser and gazetteer on a story from Dhaka.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.core.store import corrections as C
from explorer.core.store import views
from explorer.core.store.ingest import ingest_into_project
from explorer.core.store.pipeline import PoolRunner, SerialRunner
from explorer.core.store.project import Project
from tests.fakes import MIRPUR_BD, NEWS_PLACES, news_geoparser

MIRPUR_IN = NEWS_PLACES["Mirpur"]
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "projects"

TEXTS = {
    # two stories from Dhaka (country context: Bangladesh) and one from Indian Punjab (India)
    "dhaka-1": "Clashes in Mirpur\n\nPolice fired tear gas at protesters in Mirpur on March 5, 2024, injuring twelve "
               "people. Garment workers from Dhaka and Gazipur had joined the protest in Mirpur, organisers said.\n",
    "dhaka-2": "Garment workers march again\n\nThousands of garment workers marched in Mirpur on March 8, 2024, "
               "demanding unpaid wages. Union leaders in Dhaka and Narayanganj backed the march.\n",
    "punjab-1": "Farmers block a highway\n\nFarmers blocked the highway at Mirpur on March 9, 2024 to protest crop "
                "prices. Police in Chandigarh and Ludhiana said the protest was peaceful.\n",
    "blast": "Bomb in Mirpur\n\nA bomb exploded at a bus stop in Mirpur on March 6, 2024, killing three people.\n",
}


def _write(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in names:
        p = folder / f"{n}.txt"
        p.write_text(TEXTS[n], encoding="utf-8")
        paths.append(p)
    return paths


def _ingest(project, paths, runner=None, force=False):
    return ingest_into_project([str(p) for p in paths], project, runner=runner or SerialRunner(news_geoparser()),
                               force=force)


def _span(article_id: str, nth: int = 0, name: str = "Mirpur") -> tuple[int, int]:
    text, i = TEXTS[article_id], -1
    for _ in range(nth + 1):
        i = text.index(name, i + 1)
    return i, i + len(name)


def _sorted(rows):
    return sorted(rows, key=repr)


def _state(conn) -> dict:
    """Everything the analysis and the ledger wrote, without row ids (which depend on the order of writes)."""
    def cols(table, drop):
        return [f'"{r[1]}"' for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in drop]

    events = {}
    for row in conn.execute(f"SELECT fid, {', '.join(cols('events', {'fid'}))} FROM events"):
        events[row[0]] = row[1:]
    sources: dict[int, set] = {}
    for efid, *rest in conn.execute('SELECT event_fid, article_id, "start", "end", event_type FROM event_reports'):
        sources.setdefault(efid, set()).add(tuple(rest))
    return {
        "mentions": _sorted(conn.execute(f"SELECT {', '.join(cols('mentions', {'fid'}))} FROM mentions")),
        "places": _sorted(conn.execute(f"SELECT {', '.join(cols('places', {'fid'}))} FROM places")),
        "reports": _sorted(conn.execute(
            f"SELECT {', '.join(cols('event_reports', {'fid', 'event_fid'}))} FROM event_reports")),
        "events": _sorted(row + (frozenset(sources.get(fid, ())),) for fid, row in events.items()),
        "uses": _sorted(conn.execute("SELECT * FROM correction_uses")),
        "articles": _sorted(conn.execute("SELECT * FROM articles")),
    }


@pytest.fixture
def project(tmp_path):
    with Project(tmp_path / "p.gpkg") as p:
        yield p


def test_a_name_read_in_the_wrong_country_is_moved_and_pins_counts_and_events_follow(tmp_path, project):
    _ingest(project, _write(tmp_path / "src", "dhaka-1"))
    gp = news_geoparser()
    before = {p.place.place_id: p for p in project.places()}
    assert before[MIRPUR_IN.place_id].mentions == 3
    s, e = _span("dhaka-1", 1)

    result = C.add_correction(project, article_id="dhaka-1", start=s, end=e, new_place_id=MIRPUR_BD.place_id,
                              scope="article", geoparser=gp)

    c = result.correction
    assert (c.scope, c.article_id, c.surface, c.name_key, c.country) == ("article", "dhaka-1", "Mirpur", "mirpur", "BD")
    assert c.old_place == MIRPUR_IN and c.new_place == MIRPUR_BD and c.parsed_place_id == MIRPUR_IN.place_id
    assert (c.mentions, c.articles, c.stale) == (3, 1, 0)
    assert c.label.startswith("Mirpur: Mīrpur (IN) → Mirpur Model Thana (BD), in this article, 20")
    assert result.articles == ("dhaka-1",)
    assert {MIRPUR_IN.place_id, MIRPUR_BD.place_id} <= set(result.places)
    # every Mirpur of the article moved, flagged, with the geoparser's reading kept
    moved = [m for m in project.mentions("dhaka-1") if m.surface == "Mirpur"]
    assert [(m.place, m.correction_id, m.parsed_place_id) for m in moved] == \
        [(MIRPUR_BD, c.id, MIRPUR_IN.place_id)] * 3
    assert all(m.correction_id is None for m in project.mentions("dhaka-1") if m.surface != "Mirpur")
    # the places' rows and counts: the wrong pin is gone, the right one holds the mentions
    places = {p.place.place_id: p for p in project.places()}
    assert MIRPUR_IN.place_id not in places
    assert (places[MIRPUR_BD.place_id].mentions, places[MIRPUR_BD.place_id].articles) == (3, 1)
    assert project.conn.execute("SELECT corrected FROM places WHERE place_id = ?", (MIRPUR_BD.place_id,)).fetchone() == (3,)
    # the events: the protest in Mirpur is placed in Bangladesh now, and says so
    at_bd = [r for r in project.reports("dhaka-1") if r.place == MIRPUR_BD]
    assert at_bd and all(r.corrected for r in at_bd)
    assert not [r for r in project.reports("dhaka-1") if r.place == MIRPUR_IN]
    ledger = project.events()
    assert any(ev.place == MIRPUR_BD and ev.corrected for ev in ledger)
    assert not any(ev.corrected for ev in ledger if ev.place != MIRPUR_BD)
    # the map's pins follow (place_table is what the map draws)
    table = views.place_table(project.conn)
    assert MIRPUR_BD.place_id in table.index and MIRPUR_IN.place_id not in table.index
    assert table.events[table.index[MIRPUR_BD.place_id]] >= 1


def test_undo_and_redo_give_back_exactly_the_project_they_found(tmp_path, project):
    _ingest(project, _write(tmp_path / "src", "dhaka-1", "dhaka-2", "punjab-1", "blast"))
    gp = news_geoparser()
    states = [_state(project.conn)]
    made = []
    for article, nth, place, scope in (("dhaka-1", 0, MIRPUR_BD.place_id, "project"),
                                       ("blast", 0, None, "mention"),
                                       ("punjab-1", 0, "gn:1274746", "article")):
        s, e = _span(article, nth)
        made.append(C.add_correction(project, article_id=article, start=s, end=e, new_place_id=place, scope=scope,
                                     geoparser=gp).correction)
        states.append(_state(project.conn))
    assert all(a != b for a, b in zip(states, states[1:])), "each correction changed the project"
    for i in reversed(range(len(made))):  # undo all three, newest first: each step is the state before it
        r = C.revoke_correction(project, made[i].id, geoparser=gp)
        assert not r.correction.active and r.articles
        assert _state(project.conn) == states[i]
    assert C.revoke_correction(project, made[0].id, geoparser=gp).articles == ()  # undone already: nothing
    for i in range(len(made)):  # redo them
        C.restore_correction(project, made[i].id, geoparser=gp)
        assert _state(project.conn) == states[i + 1]
    # undo the oldest alone: the others stay
    C.revoke_correction(project, made[0].id, geoparser=gp)
    C.restore_correction(project, made[0].id, geoparser=gp)
    assert _state(project.conn) == states[-1]
    listed = C.corrections(project)
    assert [c.id for c in listed] == [c.id for c in reversed(made)] and all(c.active for c in listed)


def test_project_scope_reaches_new_articles_of_the_same_country_context_only(tmp_path, project):
    src = tmp_path / "src"
    _ingest(project, _write(src, "dhaka-1"))
    s, e = _span("dhaka-1")
    c = C.add_correction(project, article_id="dhaka-1", start=s, end=e, new_place_id=MIRPUR_BD.place_id,
                         scope="project", geoparser=news_geoparser()).correction
    assert c.article_id is None and c.country == "BD" and c.targets == frozenset({"dhaka-1"})
    assert ", in the project (and new articles about Bangladesh), 20" in c.label
    summary = _ingest(project, _write(src, "dhaka-2", "punjab-1"))
    assert summary.count("added") == 2
    by_article = {}
    for m in project.mentions():
        if m.surface == "Mirpur":
            by_article.setdefault(m.article_id, set()).add((m.place.place_id, m.correction_id))
    assert by_article["dhaka-2"] == {(MIRPUR_BD.place_id, c.id)}  # Dhaka's context: corrected
    assert by_article["punjab-1"] == {(MIRPUR_IN.place_id, None)}  # Indian Punjab's: the geoparser's reading
    assert [r.place for r in project.reports("punjab-1") if r.corrected] == []
    again = C.get_correction(project, c.id)
    assert (again.mentions, again.articles) == (4, 2)


def test_project_scope_covers_every_article_that_names_it_when_it_is_made(tmp_path, project):
    _ingest(project, _write(tmp_path / "src", "dhaka-1", "dhaka-2", "punjab-1"))
    s, e = _span("dhaka-2")
    r = C.add_correction(project, article_id="dhaka-2", start=s, end=e, new_place_id=MIRPUR_BD.place_id,
                         scope="project", geoparser=news_geoparser())
    assert r.correction.targets == frozenset({"dhaka-1", "dhaka-2", "punjab-1"})  # "every mention in the project"
    assert set(r.articles) == {"dhaka-1", "dhaka-2", "punjab-1"}
    assert {m.place for m in project.mentions() if m.surface == "Mirpur"} == {MIRPUR_BD}


def test_reingest_with_force_keeps_every_correction(tmp_path, project):
    paths = _write(tmp_path / "src", "dhaka-1", "dhaka-2", "punjab-1", "blast")
    _ingest(project, paths)
    gp = news_geoparser()
    for article, nth, place, scope in (("dhaka-1", 0, MIRPUR_BD.place_id, "project"), ("blast", 0, None, "mention"),
                                       ("punjab-1", 0, "gn:1274746", "article")):
        s, e = _span(article, nth)
        C.add_correction(project, article_id=article, start=s, end=e, new_place_id=place, scope=scope, geoparser=gp)
    fixed = _state(project.conn)
    summary = _ingest(project, paths, force=True)
    assert summary.count("replaced") == 4
    again = _state(project.conn)
    assert {k: v for k, v in again.items() if k != "articles"} == {k: v for k, v in fixed.items() if k != "articles"}
    assert _ingest(project, paths, runner=PoolRunner(2, geoparser_factory=news_geoparser), force=True).count("replaced") == 4
    assert {k: v for k, v in _state(project.conn).items() if k != "articles"} == \
        {k: v for k, v in fixed.items() if k != "articles"}


def test_a_mention_correction_whose_text_changed_is_reported_not_applied(tmp_path, project):
    src = tmp_path / "src"
    (path,) = _write(src, "dhaka-1")
    _ingest(project, [path])
    gp = news_geoparser()
    s, e = _span("dhaka-1", 1)
    one = C.add_correction(project, article_id="dhaka-1", start=s, end=e, new_place_id=MIRPUR_BD.place_id,
                           scope="mention", geoparser=gp).correction
    assert [m.correction_id for m in project.mentions("dhaka-1") if m.surface == "Mirpur"] == [None, one.id, None]
    path.write_text(TEXTS["dhaka-1"].replace("Police fired", "Riot police fired"), encoding="utf-8")  # shifts it
    warnings = []
    summary = ingest_into_project([str(path)], project, runner=SerialRunner(gp),
                                  report=lambda o: warnings.extend(o.warnings))
    assert summary.count("replaced") == 1
    assert any("correction" in str(w) and "text changed" in str(w) for w in warnings)
    assert all(m.correction_id is None for m in project.mentions("dhaka-1"))
    listed = C.get_correction(project, one.id)
    assert (listed.active, listed.mentions, listed.stale) == (True, 0, 1)


def test_not_a_place_removes_the_mention_and_the_event_it_placed(tmp_path, project):
    _ingest(project, _write(tmp_path / "src", "blast", "dhaka-1"))
    gp = news_geoparser()
    assert any(r.place == MIRPUR_IN for r in project.reports("blast")), "the blast is placed by Mirpur"
    s, e = _span("blast", 1)
    r = C.add_correction(project, article_id="blast", start=s, end=e, new_place_id=None, scope="mention",
                         geoparser=gp)
    assert r.correction.not_a_place and "→ not a place, this mention only" in r.correction.label
    assert [(m.start, m.end) for m in project.mentions("blast")] == [_span("blast", 0)]
    assert not any(rep.place == MIRPUR_IN for rep in project.reports("blast"))
    assert project.conn.execute('SELECT outcome, "start" FROM correction_uses WHERE correction_id = ?',
                                (r.correction.id,)).fetchall() == [("dropped", s)]
    # the headline's Mirpur is still a place: the pin stays, with one mention fewer
    assert {p.place.place_id: p.mentions for p in project.places()}[MIRPUR_IN.place_id] == 3 + 1
    # every mention of the name in the article: the pin of the story is gone, and its event with it
    r2 = C.add_correction(project, article_id="blast", start=_span("blast")[0], end=_span("blast")[1],
                          new_place_id=None, scope="article", geoparser=gp)
    assert project.mentions("blast") == [] and "blast" in r2.articles
    assert all(rep.place is None for rep in project.reports("blast"))  # (dated: kept, with no place)
    assert not any("blast" in ev.article_ids for ev in project.events() if ev.place is not None)


def test_a_span_the_geoparser_missed_can_be_given_a_place(tmp_path, project):
    _ingest(project, _write(tmp_path / "src", "dhaka-2"))
    text = TEXTS["dhaka-2"]
    s = text.index("Union")  # not a place, but a name: for the test, the user says it is one
    r = C.add_correction(project, article_id="dhaka-2", start=s, end=s + 5, new_place_id=MIRPUR_BD.place_id,
                         scope="mention", geoparser=news_geoparser())
    added = [m for m in project.mentions("dhaka-2") if m.start == s]
    assert len(added) == 1 and added[0].place == MIRPUR_BD and added[0].parsed_place_id is None
    assert r.correction.old_place is None and r.correction.label.startswith("Union: no place → ")
    with pytest.raises(C.CorrectionError):  # only this mention: no name to match elsewhere
        C.add_correction(project, article_id="dhaka-2", start=s, end=s + 5, new_place_id=MIRPUR_BD.place_id,
                         scope="project", geoparser=news_geoparser())


def test_bad_requests_are_refused_in_words_and_change_nothing(tmp_path, project):
    _ingest(project, _write(tmp_path / "src", "dhaka-1"))
    gp = news_geoparser()
    before = _state(project.conn)
    s, e = _span("dhaka-1")
    for kwargs, words in (
            (dict(article_id="nope", start=s, end=e, new_place_id=None), "no article"),
            (dict(article_id="dhaka-1", start=e, end=s, new_place_id=None), "not a span"),
            (dict(article_id="dhaka-1", start=0, end=10**6, new_place_id=None), "not a span"),
            (dict(article_id="dhaka-1", start=s, end=e, new_place_id="gn:0"), "no place"),
            (dict(article_id="dhaka-1", start=s, end=e, new_place_id=None, scope="world"), "unknown scope"),
            (dict(article_id="dhaka-1", start=s - 1, end=s, new_place_id=None), "not a name"),
            (dict(article_id="dhaka-1", start=0, end=8, new_place_id=None, scope="article"), "not read as a place")):
        with pytest.raises(C.CorrectionError, match=words):
            C.add_correction(project, geoparser=gp, **kwargs)
    with pytest.raises(C.CorrectionError, match="no correction 99"):
        C.revoke_correction(project, 99, geoparser=gp)
    assert _state(project.conn) == before and C.corrections(project) == []


def test_every_export_carries_the_corrected_flag(tmp_path, project):
    from explorer.core.export.gis import COLUMNS, export

    _ingest(project, _write(tmp_path / "src", "dhaka-1", "punjab-1"))
    s, e = _span("dhaka-1")
    C.add_correction(project, article_id="dhaka-1", start=s, end=e, new_place_id=MIRPUR_BD.place_id,
                     scope="article", geoparser=news_geoparser())
    for layer in ("mentions", "places", "events"):
        assert COLUMNS[layer][-1] == ("corrected", "INTEGER")
        out = tmp_path / f"{layer}.geojson"
        export(project, layer, out)
        props = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
        flagged = [p for p in props if p["corrected"] is True]
        assert flagged and all(p["place_id"] == MIRPUR_BD.place_id for p in flagged), layer
        assert all(p["corrected"] is False for p in props if p["place_id"] != MIRPUR_BD.place_id), layer
        csv_out = tmp_path / f"{layer}.csv"
        export(project, layer, csv_out)
        import csv

        rows = list(csv.DictReader(open(csv_out, encoding="utf-8")))
        assert {r["corrected"] for r in rows if r["place_id"] == MIRPUR_BD.place_id} == {"1"}
        assert {r["corrected"] for r in rows if r["place_id"] != MIRPUR_BD.place_id} <= {"0"}
    gpkg = tmp_path / "events.gpkg"
    export(project, "events", gpkg)
    conn = sqlite3.connect(gpkg)
    assert conn.execute("SELECT count(*) FROM events WHERE corrected = 1 AND place_id = ?",
                        (MIRPUR_BD.place_id,)).fetchone()[0] >= 1
    assert conn.execute("SELECT count(*) FROM event_sources WHERE corrected = 1").fetchone()[0] >= 1
    conn.close()


def test_worker_processes_apply_corrections_as_one_process_does(tmp_path):
    src = tmp_path / "src"
    first = _write(src, "dhaka-1")
    later = _write(src, "dhaka-2", "punjab-1", "blast")
    with Project(tmp_path / "one.gpkg") as one:
        _ingest(one, first)
        s, e = _span("dhaka-1")
        C.add_correction(one, article_id="dhaka-1", start=s, end=e, new_place_id=MIRPUR_BD.place_id,
                         scope="project", geoparser=news_geoparser())
    shutil.copy(tmp_path / "one.gpkg", tmp_path / "two.gpkg")
    with Project(tmp_path / "one.gpkg") as one, Project(tmp_path / "two.gpkg") as two:
        _ingest(one, later, SerialRunner(news_geoparser()))
        _ingest(two, later, PoolRunner(2, geoparser_factory=news_geoparser))
        a, b = _state(one.conn), _state(two.conn)
        assert any(m[-2] is not None for m in a["mentions"] if m[1] == "dhaka-2"), "dhaka-2 was corrected"
        assert {k: v for k, v in a.items() if k != "articles"} == {k: v for k, v in b.items() if k != "articles"}


def test_the_runner_ships_the_corrections_to_its_workers(tmp_path):
    import pickle

    with Project(tmp_path / "p.gpkg") as project:
        _ingest(project, _write(tmp_path / "src", "dhaka-1"))
        s, e = _span("dhaka-1")
        C.add_correction(project, article_id="dhaka-1", start=s, end=e, new_place_id=MIRPUR_BD.place_id,
                         scope="project", geoparser=news_geoparser())
        shipped = pickle.loads(pickle.dumps(C.active_set(project)))
    assert len(shipped) == 1 and shipped.touches("any-new-article")
    c = shipped.corrections[0]
    assert c.targets == frozenset({"dhaka-1"}) and c.new_place == MIRPUR_BD


def test_a_schema_3_project_is_migrated_and_takes_corrections(tmp_path):
    from explorer.core.places.geoparse import default_geoparser

    path = tmp_path / "old.gpkg"
    shutil.copy(FIXTURES / "schema3.gpkg", path)
    with Project(path) as project:
        assert project.schema_version == 4
        conn = project.conn
        assert conn.execute("SELECT data_type FROM gpkg_contents WHERE table_name = 'corrections'").fetchone() == \
            ("attributes",)
        assert conn.execute("SELECT count(*), count(correction_id) FROM mentions").fetchone() == (6, 0)
        assert conn.execute("SELECT sum(corrected) FROM places").fetchone() == (0,)
        assert conn.execute("SELECT sum(corrected) FROM events").fetchone() == (0,)
        assert conn.execute("SELECT sum(corrected) FROM event_reports").fetchone() == (0,)
        m = next(m for m in project.mentions("quetta-blast") if m.surface == "Quetta")
        r = C.add_correction(project, article_id="quetta-blast", start=m.start, end=m.end, new_place_id=None,
                             scope="mention", geoparser=default_geoparser())
        assert r.articles == ("quetta-blast",)
        assert all((x.start, x.end) != (m.start, m.end) for x in project.mentions("quetta-blast"))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM corrections").fetchone() == (1,)
    conn.close()


def test_candidates_of_mirpur_in_a_story_from_dhaka_put_bangladesh_first(tmp_path, project):
    """The application's geoparser and gazetteer: the issue's example."""
    from explorer.core.places.geoparse import default_geoparser

    gp = default_geoparser()
    _ingest(project, _write(tmp_path / "src", "dhaka-1"), runner=SerialRunner(gp))
    s, e = _span("dhaka-1", 1)
    now = next(m.place for m in project.mentions("dhaka-1") if (m.start, m.end) == (s, e))
    found = C.candidates(project, "dhaka-1", s, e, limit=8, gazetteer=gp.g)
    assert 2 <= len(found) <= 8
    assert [c.place_id for c in found if c.current] == [now.place_id]
    first = found[0]
    assert first.country_code == "BD" and first.country_name == "Bangladesh" and "Mirpur" in first.name
    assert first.distance_km is not None and first.distance_km < 50
    distances = [c.distance_km for c in found]
    assert distances == sorted(distances)
    assert all(c.kind and c.lat is not None and c.population >= 0 for c in found)
    r = C.add_correction(project, article_id="dhaka-1", start=s, end=e, new_place_id=first.place_id,
                         scope="article", geoparser=gp)
    assert {m.place.country_code for m in project.mentions("dhaka-1") if m.surface == "Mirpur"} == {"BD"}
    again = C.candidates(project, "dhaka-1", s, e, limit=8, gazetteer=gp.g)
    assert again[0].current and again[0].place_id == first.place_id and again[0].in_project
    assert [c.place_id for c in again if c.parsed] == [now.place_id] == [r.correction.parsed_place_id]


def test_how_many_articles_a_correction_touches_is_known_before_and_reported_during(tmp_path, project):
    _ingest(project, _write(tmp_path / "src", "dhaka-1", "dhaka-2", "punjab-1", "blast"))
    s, e = _span("dhaka-1")
    assert C.count_affected(project, article_id="dhaka-1", start=s, end=e, scope="article") == 1
    assert C.count_affected(project, article_id="dhaka-1", start=s, end=e, scope="project") == 4
    seen = []
    r = C.add_correction(project, article_id="dhaka-1", start=s, end=e, new_place_id=None, scope="project",
                         geoparser=news_geoparser(), progress=lambda done, total: seen.append((done, total)))
    assert r.reanalysed == 4 and seen == [(0, 4), (1, 4), (2, 4), (3, 4)]
    assert not [m for m in project.mentions() if m.surface == "Mirpur"]
    assert C.count_affected(project, article_id="dhaka-1", start=s, end=e, scope="project") == 1  # gone now


class _RunnerThatLetsTheUserCorrect(SerialRunner):
    """Analyses every article first, then hands them back one by one; between the first and the second,
    a correction is made through another connection (as the app does while an import runs)."""

    def __init__(self, path, **kwargs):
        super().__init__(news_geoparser())
        self.path, self.kwargs, self.made = path, kwargs, None

    def run(self, articles, should_stop=None):
        done = list(super().run(articles, should_stop))
        done.sort(key=lambda r: r.article.article_id)  # dhaka-1 first
        yield done[0]
        with Project(self.path) as other:
            self.made = C.add_correction(other, geoparser=news_geoparser(), **self.kwargs).correction
        yield from done[1:]


def test_a_correction_made_while_an_import_runs_reaches_the_articles_not_yet_written(tmp_path):
    path = tmp_path / "p.gpkg"
    s, e = _span("dhaka-1")
    runner = _RunnerThatLetsTheUserCorrect(path, article_id="dhaka-1", start=s, end=e,
                                           new_place_id=MIRPUR_BD.place_id, scope="project")
    with Project(path) as project:
        summary = _ingest(project, _write(tmp_path / "src", "dhaka-1", "dhaka-2", "punjab-1"), runner=runner)
        assert summary.count("added") == 3 and runner.made is not None
        places = {(m.article_id, m.place.place_id) for m in project.mentions() if m.surface == "Mirpur"}
        assert places == {("dhaka-1", MIRPUR_BD.place_id), ("dhaka-2", MIRPUR_BD.place_id),
                          ("punjab-1", MIRPUR_IN.place_id)}
        assert C.generation(project) == 1 and runner.corrections.generation == 1


def test_the_layers_extents_follow_a_correction(tmp_path, project):
    """gpkg_contents' bounding boxes (what GIS tools zoom to) stay those of the places each layer holds."""
    _ingest(project, _write(tmp_path / "src", "dhaka-1", "punjab-1"))
    gp = news_geoparser()

    def extents():
        return {t: project.conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                                        (t,)).fetchone() for t in ("places", "mentions", "events")}

    def truth():
        out = {}
        for t, cond in (("places", "1"), ("mentions", "mentions > 0"), ("events", "events > 0")):
            out[t] = project.conn.execute(f"SELECT min(lon), min(lat), max(lon), max(lat) FROM places WHERE {cond}"
                                          ).fetchone()
        return out

    assert extents() == truth()
    made = []
    for article, place in (("punjab-1", "gn:1174872"), ("dhaka-1", MIRPUR_BD.place_id)):  # Karachi: further west
        s, e = _span(article)
        made.append(C.add_correction(project, article_id=article, start=s, end=e, new_place_id=place,
                                     scope="article", geoparser=gp).correction)
        assert extents() == truth()
    for c in reversed(made):
        C.revoke_correction(project, c.id, geoparser=gp)
        assert extents() == truth()
    C.add_correction(project, article_id="punjab-1", start=_span("punjab-1", 0, "Ludhiana")[0],
                     end=_span("punjab-1", 0, "Ludhiana")[1], new_place_id=None, scope="mention", geoparser=gp)
    assert extents() == truth()
