"""The GeoPackage project store: format, transactions, re-ingest, search, CLI."""
import sqlite3
import struct
import subprocess
import sys
import textwrap

import pytest

from explorer.core.store import ingest as ingest_mod
from explorer.core.store.ingest import ingest, ingest_into_project
from explorer.core.models import Event
from explorer.core.store.gpkg import GPKG_APPLICATION_ID, gpkg_geometry, gpkg_point, parse_gpkg_geometry
from explorer.core.store.project import Project, ProjectError, fts_query
from tests.fakes import FakeGeoparser
from tests.contents import contents


def fake_events(article, text, mentions):
    """One 'airstrike' event per mention in a sentence that says 'strike'."""
    out = []
    for m in mentions:
        sentence = text[m.sentence_start:m.sentence_end]
        if "strike" in sentence.lower():
            out.append(Event(m.article_id, "airstrike", "Explosions/Remote violence", m.sentence_start,
                             m.sentence_end, m.place, "strike", "2024-01", "month", ("Iran", "Pakistan"),
                             m.start, m.end))
    return out


@pytest.fixture(autouse=True)
def _fake_events(monkeypatch):
    monkeypatch.setattr(ingest_mod, "find_events", fake_events)


def _write(folder, name, text):
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def _snapshot(path):
    """Every row of every user table, for before/after comparisons."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
                for t in ("articles", "places", "mentions", "events", "gpkg_contents")}
    finally:
        conn.close()


@pytest.fixture
def articles(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    _write(src, "a.txt", "Strikes hit Quetta\nMissile strikes hit Quetta on Tuesday. Lahore was calm.\n")
    _write(src, "b.txt", "Talks in Lahore\nLeaders met in Lahore. Zahedan sent envoys.\n")
    return src


def test_file_is_a_geopackage_that_gdal_reads(tmp_path, articles):
    gpd = pytest.importorskip("geopandas")
    pyogrio = pytest.importorskip("pyogrio")
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == GPKG_APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 10300
    contents = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert contents == {"places": "features", "mentions": "features", "events": "features",
                        "articles": "attributes", "event_reports": "attributes", "corrections": "attributes"}
    assert conn.execute("SELECT value FROM geo_explorer_meta WHERE key='schema_version'").fetchone() == ("4",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    bbox = conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name='places'").fetchone()
    assert bbox == pytest.approx((60.8629, 29.4963, 74.35071, 31.558))
    conn.close()

    # the R-tree spatial index extension, as GDAL reads it (a spatial filter that uses the index)
    for layer in ("places", "events"):
        assert pyogrio.read_info(path, layer=layer)["capabilities"]["fast_spatial_filter"]
    near_quetta = gpd.read_file(path, layer="places", bbox=(66.5, 29.5, 67.5, 30.5))
    assert list(near_quetta.place_name if "place_name" in near_quetta else near_quetta.name) == ["Quetta"]
    layers = {name: geom for name, geom in pyogrio.list_layers(path)}
    assert layers == {"places": "Point", "mentions": "Point", "events": "Point", "articles": None,
                      "event_reports": None, "corrections": None}
    mentions = gpd.read_file(path, layer="mentions")
    assert len(mentions) == 6 and mentions.crs.to_epsg() == 4326
    lahore = mentions[mentions.place_name == "Lahore"].iloc[0]
    assert (lahore.geometry.x, lahore.geometry.y) == (74.35071, 31.558)
    places = gpd.read_file(path, layer="places").set_index("place_id")
    assert places.loc["gn:1172451", "mentions"] == 3 and places.loc["gn:1172451", "articles"] == 2
    events = gpd.read_file(path, layer="events")
    # the headline and the body report the same strike at Quetta: one event, two sources
    assert list(events.place_name) == ["Quetta"] and list(events.sources) == [2]
    assert events.iloc[0].actors == "Iran; Pakistan" and events.iloc[0].acled_type == "Explosions/Remote violence"
    reports = pyogrio.read_dataframe(path, layer="event_reports")
    assert len(reports) == 2 and set(reports.event_fid) == {events.index[0] + 1} | set()
    arts = pyogrio.read_dataframe(path, layer="articles")
    assert sorted(arts.article_id) == ["a", "b"] and set(arts.format) == {"txt"}


def test_geometry_blobs_follow_the_geopackage_binary_format():
    shapely = pytest.importorskip("shapely")
    blob = gpkg_point(67.0, 30.5)
    assert blob[:2] == b"GP" and blob[2] == 0 and blob[3] == 1  # version 0, little endian, no envelope
    assert struct.unpack("<i", blob[4:8])[0] == 4326
    assert blob == gpkg_geometry(shapely.Point(67.0, 30.5))
    assert parse_gpkg_geometry(blob).equals(shapely.Point(67.0, 30.5))
    line = shapely.LineString([(0, 0), (2, 3)])
    assert parse_gpkg_geometry(gpkg_geometry(line)).equals(line)


def test_reingest_unchanged_changes_nothing_and_changed_replaces(tmp_path, articles):
    path = tmp_path / "p.gpkg"
    gp = FakeGeoparser()
    with Project(path) as project:
        first = ingest_into_project([articles], project, geoparser=gp)
        assert [o.status for o in first.outcomes] == ["added", "added"]
    before = _snapshot(path)
    calls = gp.calls
    with Project(path) as project:
        again = ingest_into_project([articles], project, geoparser=gp)
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    assert gp.calls == calls  # not even parsed again
    assert _snapshot(path) == before

    _write(articles, "a.txt", "Quiet day\nNothing happened in Zahedan.\n")
    with Project(path) as project:
        third = ingest_into_project([articles], project, geoparser=gp)
        assert [o.status for o in third.outcomes] == ["replaced", "unchanged"]
        corpus = contents(project)
        assert [m.place.name for m in corpus.mentions if m.article_id == "a"] == ["Zahedan"]
        assert not [e for e in corpus.events if e.article_id == "a"]
        assert project.counts() == {"articles": 2, "mentions": 4, "events": 0, "places": 2}  # Quetta gone
        assert project.search("missile") == []
        assert [h.article_id for h in project.search("nothing happened")] == ["a"]
        assert corpus.articles["a"].raw_text.startswith("Quiet day")
        assert list(corpus.articles) == ["a", "b"]  # replacing keeps the article's place


def test_exception_mid_article_leaves_the_store_as_before(tmp_path, articles, monkeypatch):
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
    before = _snapshot(path)
    _write(articles, "a.txt", "Changed\nStrikes in Lahore and Quetta and Zahedan.\n")

    def boom(self, *args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Project, "_refresh_places", boom)  # after old rows deleted and new ones inserted
    with Project(path) as project:
        with pytest.raises(RuntimeError, match="disk on fire"):
            ingest_into_project([articles / "a.txt"], project, geoparser=FakeGeoparser())
        assert project.search("Changed") == []
    assert _snapshot(path) == before
    monkeypatch.undo()
    with Project(path) as project:  # and the article can be ingested afterwards
        assert ingest_into_project([articles / "a.txt"], project,
                                   geoparser=FakeGeoparser()).outcomes[0].status == "replaced"


def test_a_killed_process_mid_article_leaves_the_store_as_before(tmp_path, articles):
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
    before = _snapshot(path)
    changed = _write(articles, "a.txt", "Changed\nLahore, Quetta.\n")
    child = textwrap.dedent(f"""
        import os
        from explorer.core.store.project import Project
        from explorer.core.store.ingest import ingest_into_project
        from tests.fakes import FakeGeoparser
        def die(self, *args):
            os._exit(9)  # no rollback, no close: as if the power went off
        Project._refresh_places = die
        ingest_into_project([{str(changed)!r}], Project({str(path)!r}), geoparser=FakeGeoparser())
    """)
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    rc = subprocess.run([sys.executable, "-c", child], cwd=root, timeout=60).returncode
    assert rc == 9
    assert _snapshot(path) == before  # the hot journal is rolled back on the next open
    with Project(path) as project:
        assert project.counts()["articles"] == 2


def test_bad_articles_leave_the_store_untouched_and_batch_goes_on(tmp_path, articles):
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
    before = _snapshot(path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "latin.txt").write_bytes("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u041b\u0430\u0445\u043e\u0440".encode("cp1251"))
    (bad / "rows.jsonl").write_text('{"id": "j1", "text": "Zahedan news."}\n{not json\n', encoding="utf-8")
    with Project(path) as project:
        summary = ingest_into_project([bad], project, geoparser=FakeGeoparser())
        assert [o.status for o in summary.outcomes] == ["failed", "failed", "added", "failed"]
        msgs = [str(e) for e in summary.errors]
        assert "empty.txt" in msgs[0] and "latin.txt" in msgs[1] and "rows.jsonl, line 2" in msgs[2]
        assert project.counts()["articles"] == 3
    after = _snapshot(path)
    assert after["articles"][:2] == before["articles"] and after["mentions"][:6] == before["mentions"]


def test_search_is_safe_for_any_query(tmp_path, articles):
    _write(articles, "c.txt", "Qu\u00e9bec story\nCaf\u00e9 owners in Zahedan said AND OR NOT.\n")
    with Project(tmp_path / "p.gpkg") as project:
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
        hits = project.search("missile quetta")
        assert [h.article_id for h in hits] == ["a"]
        assert "[Missile]" in hits[0].snippet and hits[0].title == "Strikes hit Quetta"
        assert [h.article_id for h in project.search("quebec")] == ["c"]  # diacritics folded
        assert sorted(h.article_id for h in project.search("Lah")) == ["a", "b"]  # prefix on the last word
        for nasty in ['"', "AND", "NEAR(", "*", "a OR", "title:x", "(((", "'; DROP TABLE articles; --",
                      "\u0000", "-", "^", "quetta\"", ""]:
            assert isinstance(project.search(nasty), list)
        assert project.counts()["articles"] == 3
        assert [h.article_id for h in project.search("AND OR NOT")] == ["c"]  # operators are plain words
    assert fts_query("  ") is None
    assert fts_query('a "b" c*') == '"a" "b" "c"'
    assert fts_query("quet") == '"quet"*'
    assert fts_query("quet ") == '"quet"'


def test_a_temporary_project_in_memory_saved_as_a_file_reads_back_the_same(tmp_path, articles):
    memory = Project(Project.MEMORY)
    ingest_into_project([articles], memory, geoparser=FakeGeoparser())
    before = contents(memory)
    memory.copy_to(tmp_path / "p.gpkg")
    memory.close()
    with Project(tmp_path / "p.gpkg") as project:
        loaded = contents(project)
        assert project.counts()["events"] == 1
    assert loaded.articles == before.articles
    assert loaded.mentions == before.mentions
    assert loaded.events == before.events and len(loaded.events[0].sources) == 2
    assert [(s.place.place_id, s.mentions) for s in loaded.places()] == \
        [(s.place.place_id, s.mentions) for s in before.places()]


def test_ingest_with_project_returns_stored_rows_for_unchanged(tmp_path, articles):
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest([articles], project=project, geoparser=FakeGeoparser())
        gp = FakeGeoparser()
        seen = []
        corpus = contents(project, ingest([articles], project=project, geoparser=gp, report=seen.append).errors)
    assert gp.calls == 0 and [o.status for o in seen] == ["unchanged", "unchanged"]
    assert len(corpus.mentions) == 6 and len(corpus.events) == 1 and set(corpus.articles) == {"a", "b"}
    assert len(corpus.events[0].sources) == 2


def test_remove_article_drops_orphan_places(tmp_path, articles):
    with Project(tmp_path / "p.gpkg") as project:
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
        assert project.remove_article("a") is True
        assert project.remove_article("a") is False
        corpus = contents(project)
        assert list(corpus.articles) == ["b"]
        assert sorted(s.place.name for s in corpus.places()) == ["Lahore", "Zahedan"]
        assert project.counts()["places"] == 2
        assert project.search("missile") == []


def test_incremental_place_counts_match_a_full_recount(tmp_path, articles):
    path = tmp_path / "p.gpkg"

    def place_rows(project):
        return project.conn.execute("SELECT place_id, mentions, articles, events FROM places ORDER BY 1").fetchall()

    with Project(path) as project:
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
        _write(articles, "a.txt", "Strikes again\nStrikes on Lahore and Zahedan. Strikes on Lahore.\n")
        _write(articles, "c.txt", "Quetta strike\nA strike near Quetta.\n")
        ingest_into_project([articles], project, geoparser=FakeGeoparser())
        project.remove_article("b")
        incremental = place_rows(project)
        project.recount_places()
        assert place_rows(project) == incremental
    # events count happenings: each place's two reports (headline and body, or two sentences) are one
    assert incremental == [("gn:1159301", 1, 1, 1), ("gn:1167528", 2, 1, 1), ("gn:1172451", 2, 1, 1)]


def test_opening_something_else_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ProjectError, match="not a GeoPackage"):
        Project(junk)
    other = tmp_path / "other.gpkg"
    conn = sqlite3.connect(other)
    conn.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="not a Geo Explorer project"):
        Project(other)
    newer = tmp_path / "newer.gpkg"
    Project(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE geo_explorer_meta SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="newer"):
        Project(newer)
    with pytest.raises(ProjectError, match="no such project"):
        Project(tmp_path / "missing.gpkg", readonly=True)


def test_cli_ingest_reports_each_file_with_verbose_and_exit_code(tmp_path, articles, monkeypatch, capsys):
    from explorer.cli import main

    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    (articles / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    path = tmp_path / "p.gpkg"
    assert main(["ingest", str(articles), "--project", str(path), "--verbose"]) == 1  # one input failed
    out = capsys.readouterr().out
    assert "added      a  [" in out and "added      b  [" in out
    assert "failed" in out and "bin.txt: the file is binary" in out
    assert "2 added, 0 replaced, 0 unchanged, 1 failed" in out
    _write(articles, "b.txt", "Talks moved\nLeaders met in Quetta.\n")
    assert main(["ingest", str(articles), "--project", str(path)]) == 1
    out = capsys.readouterr().out
    assert "0 added, 1 replaced, 1 unchanged, 1 failed" in out
    assert main(["ingest", str(articles / "bin.txt"), "--project", str(path)]) == 1  # nothing went in
    assert main(["ingest", str(articles / "a.txt"), "--project", str(path)]) == 0  # all went in
    assert main(["ingest", str(tmp_path / "nothing-here"), "--project", str(path)]) == 1
    assert main(["ingest", str(articles), "--project", str(articles / "a.txt")]) == 2  # not a project
    err = capsys.readouterr().err
    assert "a.txt: not a GeoPackage project file" in err


def test_cli_ingest_of_a_project_file_as_an_article_writes_nothing(tmp_path, articles, monkeypatch, capsys):
    from explorer.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "p.gpkg"
    assert main(["ingest", str(path), str(articles / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert f"{path} is a project file, not an article (did you mean --project {path}?)" in err
    assert not path.exists() and not (tmp_path / "data").exists()  # nor the default project


def test_default_project_path_is_in_the_user_data_folder(monkeypatch, tmp_path):
    from explorer.core.store.project import default_project_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    p = default_project_path()
    assert p.name == "default.gpkg" and "geo-explorer" in p.parts
    if sys.platform.startswith("linux"):
        assert str(p).startswith(str(tmp_path))
