"""Fault injection: kill -9 a writer at random points, N times; the store stays whole.

Each round starts a child that ingests articles one transaction each and
says which it committed; the parent kills it (SIGKILL, no cleanup) after a
random number of commits plus a random delay, so the kill lands anywhere:
between articles, inside one, in a commit. After every kill the project
must pass ``PRAGMA integrity_check``, hold every article the child said it
committed, and hold no half-written article (each stored article has exactly
the mentions its text gives). The seed is fixed: the same kills every run.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from explorer.core.store.project import Project
from tests.core.faults import ROOT
from tests.fakes import FakeGeoparser
from tests.contents import contents

ROUNDS = 20
ARTICLES = 12


def _articles(folder):
    folder.mkdir()
    texts = {}
    for i in range(ARTICLES):
        lines = "\n".join(f"Line {k} of report {i}: strikes near Quetta, talks in Lahore, envoys from Zahedan."
                          for k in range(40 + 7 * i))
        texts[f"a{i:02d}"] = f"Report {i}\n{lines}\n"
        (folder / f"a{i:02d}.txt").write_text(texts[f"a{i:02d}"], encoding="utf-8")
    return texts


CHILD = textwrap.dedent("""
    import sys
    from explorer.core.store import ingest as m
    from explorer.core.store.project import Project
    from tests.fakes import FakeGeoparser
    m.find_events = lambda a, t, ms: []
    def report(o):
        if o.status in ("added", "replaced"):
            print(o.article_id, flush=True)
    with Project(sys.argv[1]) as project:
        m.ingest_into_project([sys.argv[2]], project, geoparser=FakeGeoparser(), force=True, report=report)
    print("done", flush=True)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")
def test_kill_minus_nine_at_random_points_never_loses_or_halves_an_article(tmp_path):
    texts = _articles(tmp_path / "src")
    path = tmp_path / "p.gpkg"
    Project(path).close()
    rng = random.Random(20261201)
    committed: set[str] = set()
    kills = 0
    for _round in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(tmp_path / "src")], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env=dict(os.environ, PYTHONPATH=str(ROOT)))
        wait_for = rng.randint(0, ARTICLES - 1)
        said = []
        while len(said) < wait_for:
            line = child.stdout.readline()
            if not line or line.strip() == "done":
                break
            said.append(line.strip())
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        rest, err = child.communicate(timeout=60)
        said += [x for x in rest.split() if x != "done"]
        assert child.returncode in (-signal.SIGKILL, 0), err[-2000:]
        kills += child.returncode == -signal.SIGKILL
        committed |= set(said)
        # the next open (read-only here) rolls back whatever the kill left half-done
        with Project(path, readonly=True) as project:
            stored = contents(project)
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        assert committed <= set(stored.articles), committed - set(stored.articles)
        for aid, article in stored.articles.items():
            assert article.raw_text == texts[aid]
            want = len(FakeGeoparser().parse(texts[aid]))
            assert sum(1 for m in stored.mentions if m.article_id == aid) == want, aid
    assert kills >= ROUNDS // 2  # most rounds really were killed mid-batch
