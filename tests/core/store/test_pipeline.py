"""Ingest on every core and on Dask: the same project as one process, and a dying worker costs only its articles."""
from __future__ import annotations

import os
import signal
import sqlite3

import pytest

from explorer.core.store.ingest import ingest_into_project
from explorer.core.store.pipeline import PoolRunner, SerialRunner
from explorer.core.store.project import Project
from tests.fakes import FakeGeoparser, no_events, poisoned_events

TOWNS = ["Quetta", "Lahore", "Zahedan", "Balochistan"]


def _corpus(folder, n=120, poison=()):
    """``n`` short articles (JSON Lines, two files) with a dated event and a place each."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    for part in range(2):
        with open(folder / f"part{part}.jsonl", "w", encoding="utf-8") as fh:
            for i in range(part, n, 2):
                town = TOWNS[i % len(TOWNS)]
                text = (f"Protesters gathered in {town} on {1 + i % 28} March 2024. "
                        f"A bomb exploded near a police station in {TOWNS[(i + 1) % len(TOWNS)]} on "
                        f"{1 + (i * 7) % 28} March 2024, wounding two officers.")
                if i in poison:
                    text += " POISON"
                fh.write(json.dumps({"id": f"a{i:04d}", "title": f"News {i}", "date": "2024-03-30",
                                     "text": text}) + "\n")
    return folder


def _contents(path):
    """Everything a project holds, without row ids (which depend on the order of writes)."""
    conn = sqlite3.connect(path)
    try:
        return {
            "articles": sorted(conn.execute("SELECT article_id, title, raw_text, content_hash FROM articles")),
            "mentions": sorted(conn.execute('SELECT article_id, place_id, "start", "end" FROM mentions')),
            "reports": sorted(conn.execute('SELECT article_id, event_type, date, place_id, "start" FROM event_reports')),
            "events": sorted(conn.execute(
                "SELECT event_type, date, place_id, sources, article_ids, disputed FROM events")),
            "places": sorted(conn.execute("SELECT place_id, mentions, articles, events, top_acled FROM places")),
        }
    finally:
        conn.close()


def _ingest(path, src, runner):
    with Project(path) as project:
        return ingest_into_project([src], project, runner=runner)


def test_worker_processes_give_the_same_project_as_one_process(tmp_path):
    src = _corpus(tmp_path / "src")
    one = _ingest(tmp_path / "one.gpkg", src, SerialRunner(FakeGeoparser()))
    two = _ingest(tmp_path / "two.gpkg", src, PoolRunner(2, geoparser_factory=FakeGeoparser))
    assert one.count("added") == two.count("added") == 120
    a, b = _contents(tmp_path / "one.gpkg"), _contents(tmp_path / "two.gpkg")
    assert a["events"], "the corpus reports events"
    assert a == b


def test_a_worker_killed_mid_ingest_costs_nothing(tmp_path):
    """kill -9 of a worker process: its articles are analysed again, every article goes in, whole."""
    src = _corpus(tmp_path / "src", n=400)
    runner = PoolRunner(2, geoparser_factory=FakeGeoparser, extract=no_events, chunk=8)
    killed = []

    def progress(done, total, name):  # called as analyses come back, before they are written
        if done >= 40 and not killed:
            victim = runner.pids[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    with Project(tmp_path / "p.gpkg") as project:
        summary = ingest_into_project([src], project, runner=runner, progress=progress)
        assert killed and len(runner.pids) > 2  # a new worker took the dead one's place
        assert summary.count("added") == 400 and summary.count("failed") == 0
        assert project.counts()["articles"] == 400
        assert project.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_article_that_kills_its_worker_twice_is_reported_and_the_rest_go_in(tmp_path, capsys):
    src = _corpus(tmp_path / "src", n=60, poison={17})
    runner = PoolRunner(2, geoparser_factory=FakeGeoparser, extract=poisoned_events, chunk=8)
    with Project(tmp_path / "p.gpkg") as project:
        summary = ingest_into_project([src], project, runner=runner)
        failed = [o for o in summary.outcomes if o.status == "failed"]
        assert [o.article_id for o in failed] == ["a0017"]
        assert "died (killed by signal 9), twice" in str(failed[0].error)
        assert summary.count("added") == 59 and project.counts()["articles"] == 59
    # run again once the cause is gone: it finishes the job
    fixed = _corpus(tmp_path / "src", n=60)
    with Project(tmp_path / "p.gpkg") as project:
        again = ingest_into_project([fixed], project, runner=PoolRunner(2, geoparser_factory=FakeGeoparser,
                                                                        extract=no_events))
        assert again.count("added") == 1 and again.count("unchanged") == 59


def test_dask_local_cluster_gives_the_same_project_as_one_process(tmp_path):
    pytest.importorskip("dask.distributed")
    from explorer.core.store.pipeline import DaskRunner

    src = _corpus(tmp_path / "src", n=80)
    _ingest(tmp_path / "one.gpkg", src, SerialRunner(FakeGeoparser()))
    runner = DaskRunner("local", workers=2, geoparser_factory=FakeGeoparser, chunk=10)
    assert runner.workers == 2
    summary = _ingest(tmp_path / "dask.gpkg", src, runner)
    assert summary.count("added") == 80
    assert _contents(tmp_path / "one.gpkg") == _contents(tmp_path / "dask.gpkg")


def test_cli_progress_summary_and_exit_status(tmp_path, capsys, monkeypatch):
    from explorer.cli import main
    from explorer.core.store import ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    src = _corpus(tmp_path / "src", n=10)
    (src / "bad.txt").write_bytes(b"\x00\x01" * 50)
    code = main(["ingest", str(src), "--project", str(tmp_path / "p.gpkg"), "--workers", "1"])
    out, err = capsys.readouterr()
    assert code == 1  # one input failed
    assert "10 added" in out and "1 failed" in out and "articles/s on 1 worker" in out
    assert "added     " not in out  # no line per article without --verbose
    assert "failed" in out and "bad.txt" in out
    code = main(["ingest", str(src / "part0.jsonl"), "--project", str(tmp_path / "p.gpkg"), "-v"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.count("unchanged ") == 5


def test_a_worker_has_its_next_chunk_while_the_writer_takes_the_last_one():
    from explorer.core.models import Article

    articles = [Article(article_id=f"a{i}", title="", raw_text=f"News from Quetta number {i}.") for i in range(6)]
    runner = PoolRunner(1, geoparser_factory=FakeGeoparser, extract=no_events, chunk=2)
    try:
        results = runner.run(iter(articles))
        first = next(results)  # the writer holds the first chunk's results...
        assert first.article.article_id == "a0"
        worker = runner.pool[0]
        # ...and the worker was already sent the next chunk (before, it idled until they were written)
        assert [a.article_id for a in worker.chunk] == ["a2", "a3"]
        rest = [r.article.article_id for r in results]
        assert rest == ["a1", "a2", "a3", "a4", "a5"]
    finally:
        runner.close()
