"""Ingest: bad input gets a clear error naming the file, the batch goes on, nothing is lost."""
import sys
import types

import pytest

from explorer.core.store import ingest as ingest_mod
from explorer.core.store.ingest import Cancelled, ingest, ingest_into_project
from explorer.core.text.sources import ArticleError
from explorer.core.models import Event
from explorer.core.store.project import Project
from tests.fakes import FakeGeoparser
from tests.contents import contents, ingested

GOOD = "Strikes near Quetta\nOfficials in Quetta said strikes hit the city. Lahore was calm.\n"


def _bad_inputs(folder):
    """One of each bad input the issue names, and what its message must say."""
    folder.mkdir(exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u041b\u0430\u0445\u043e\u0440".encode("cp1251"))  # cp1251: not UTF-8, not Windows-1252 prose
    with open(folder / "huge.txt", "wb") as f:  # 50 MB of real text
        chunk = b"Quetta is a city in Balochistan. " * 32768  # 1 MB
        for _ in range(50):
            f.write(chunk)
    (folder / "scripts.html").write_text(
        "<html><head><script>var a = 'Quetta';</script></head><body><script>render()</script>"
        "<noscript></noscript></body></html>", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        '{"id": "ok-row", "title": "Row", "text": "Talks in Lahore."}\n{"id": "bad", "text": \n', encoding="utf-8")
    return {
        "empty.txt": "the file is empty",
        "binary.txt": "binary",
        "latin1.txt": "not UTF-8",
        "huge.txt": "MB; an article may be at most 10 MB",
        "scripts.html": "no article text found",
        "feed.jsonl, line 2": "not valid JSON",
    }


def test_each_bad_input_gets_a_clear_error_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    expected = _bad_inputs(tmp_path / "bad")
    corpus = ingested([tmp_path / "bad", good], geoparser=FakeGeoparser())
    assert sorted(corpus.articles) == ["good", "ok-row"]
    assert len(corpus.errors) == len(expected)
    messages = [str(e) for e in corpus.errors]
    for where, reason in expected.items():
        hits = [m for m in messages if where in m]
        assert len(hits) == 1, (where, messages)
        assert reason in hits[0], hits[0]
        assert str(tmp_path / "bad") in hits[0]  # the full path of the file
    jsonl_error = next(e for e in corpus.errors if "feed.jsonl" in str(e))
    assert isinstance(jsonl_error, ArticleError) and jsonl_error.line == 2


def test_bad_inputs_into_a_project_keep_what_it_had(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest_into_project([good], project, geoparser=FakeGeoparser())
        before = contents(project)
    expected = _bad_inputs(tmp_path / "bad")
    # A bad version of an article already in the store must not remove it either.
    (tmp_path / "bad" / "good.txt").write_bytes(b"\x00\x00\x00binary now")
    with Project(path) as project:
        summary = ingest_into_project([tmp_path / "bad"], project, geoparser=FakeGeoparser())
        after = contents(project)
    assert summary.count("failed") == len(expected) + 1 and summary.count("added") == 1
    assert after.articles["good"] == before.articles["good"]
    assert [m for m in after.mentions if m.article_id == "good"] == before.mentions
    assert sorted(after.articles) == ["good", "ok-row"]


def test_markup_in_an_article_is_stored_as_text(tmp_path):
    text = ('Breaking from Quetta\n<script>alert("Lahore")</script> & <b>bold</b> &amp; '
            '<img src=x onerror=alert(1)> near Quetta.\n')
    p = tmp_path / "xss.txt"
    p.write_text(text, encoding="utf-8")
    with Project(tmp_path / "p.gpkg") as project:
        corpus = contents(project, ingest([p], project=project, geoparser=FakeGeoparser()).errors)
        stored = contents(project)
        hit = project.search("script alert")
    assert corpus.articles["xss"].raw_text == text == stored.articles["xss"].raw_text
    assert [h.article_id for h in hit] == ["xss"]
    assert "Lahore" in [m.surface for m in stored.mentions]


def test_event_extractor_failure_keeps_the_article_with_a_warning(tmp_path, monkeypatch):
    def broken(article, text, mentions):
        raise ValueError("taxonomy not loaded")

    monkeypatch.setattr(ingest_mod, "find_events", broken)
    p = tmp_path / "a.txt"
    p.write_text(GOOD, encoding="utf-8")
    corpus = ingested([p], geoparser=FakeGeoparser())
    assert list(corpus.articles) == ["a"] and len(corpus.mentions) == 3 and corpus.events == []
    assert len(corpus.errors) == 1 and "events not extracted" in str(corpus.errors[0])
    assert "a.txt" in str(corpus.errors[0])


def test_events_returned_by_the_extractor_are_stored(tmp_path, monkeypatch):
    seen = {}

    def extractor(article, text, mentions):
        seen["text"] = text
        m = mentions[0]
        return [Event(article.article_id, "airstrike", "Explosions/Remote violence", m.sentence_start,
                      m.sentence_end, m.place, "strikes", None, None, (), m.start, m.end)]

    fake_module = types.ModuleType("explorer.core.events")
    fake_module.extract_events = extractor
    monkeypatch.setitem(sys.modules, "explorer.core.events", fake_module)  # the colleague's module, faked
    p = tmp_path / "a.txt"
    p.write_text(GOOD.replace("strikes", "\u201cstrikes\u201d"), encoding="utf-8")
    with Project(tmp_path / "p.gpkg") as project:
        corpus = contents(project, ingest([p], project=project, geoparser=FakeGeoparser()).errors)
        stored = contents(project)
    assert len(seen["text"]) == len(corpus.articles["a"].raw_text)
    assert '"strikes"' in seen["text"]  # the cleaned text (curly quotes normalised), same offsets
    assert corpus.events == stored.events and len(stored.events) == 1
    assert stored.events[0].place.name == "Quetta"


def test_without_an_events_module_ingest_still_works(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_events(name, *args, **kwargs):
        if name == "explorer.core.events":
            raise ImportError("not yet")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_events)
    p = tmp_path / "a.txt"
    p.write_text(GOOD, encoding="utf-8")
    corpus = ingested([p], geoparser=FakeGeoparser())
    assert corpus.events == [] and len(corpus.mentions) == 3 and not corpus.errors


def test_a_geoparser_crash_fails_that_article_only(tmp_path):
    class Fragile(FakeGeoparser):
        def parse(self, text):
            if "Lahore" in text:
                raise RuntimeError("index out of range")
            return super().parse(text)

    (tmp_path / "a.txt").write_text("Lahore news.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Quetta news.", encoding="utf-8")
    corpus = ingested([tmp_path], geoparser=Fragile())
    assert list(corpus.articles) == ["b"]
    assert len(corpus.errors) == 1 and "a.txt: geoparsing failed (RuntimeError" in str(corpus.errors[0])


def test_cancel_keeps_every_finished_article_in_the_project(tmp_path):
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text(f"Story {i} from Quetta.", encoding="utf-8")
    progress = []
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        with pytest.raises(Cancelled):
            ingest([tmp_path], project=project, geoparser=FakeGeoparser(),
                   progress=lambda done, total, name: progress.append(done),
                   should_stop=lambda: len(progress) >= 3)
        assert project.article_ids() == ["a0", "a1", "a2"]
        assert project.counts()["mentions"] == 3


def test_progress_counts_articles_as_they_are_done(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text("Quetta.", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text('{"id": "r1", "text": "Lahore."}\n{"id": "r2", "text": "Quetta."}\n')
    calls = []
    ingest([tmp_path], geoparser=FakeGeoparser(), progress=lambda d, t, n: calls.append((d, t, n)))
    assert [c[:2] for c in calls] == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5), (5, 5)]  # total: files + rows
    assert calls[0][2] == "a0.txt" and calls[-1][2] == ""


def test_seeds_with_the_real_geoparser_into_a_project(tmp_path):
    geoparse = pytest.importorskip("explorer.core.places.geoparse")
    with Project(tmp_path / "p.gpkg") as project:
        summary = ingest_into_project(None, project, geoparser=geoparse.default_geoparser())
        assert summary.count("added") == 5 and not summary.errors
        counts = project.counts()
        assert counts["articles"] == 5 and counts["mentions"] > 20 and counts["places"] > 5
        assert project.search("Balochistan")
