"""Issue 11, the store: a full disk, a damaged file, a killed writer, a read-only disk, racing creators.

Each of these failed before its fix (a traceback, a misleading message, or a
write into a damaged file). The tmpfs tests mount a real tiny file system in
a private mount namespace (root, as in CI); where that is not allowed they
are skipped and the simulated twin still runs.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import types

import pytest

from explorer.core.store.gpkg import register_functions
from explorer.core.store import ingest as ingest_mod
from explorer.core.store.ingest import ingest_into_project
from explorer.core.models import Article
from explorer.core.store.project import Project, ProjectError
from tests.core.faults import CLI_WITH_FAKE_GEOPARSER, ROOT, can_mount_tmpfs, run_on_tmpfs
from tests.fakes import FakeGeoparser
from tests.contents import contents

needs_tmpfs = pytest.mark.skipif(not can_mount_tmpfs(), reason="cannot mount a tmpfs here (needs root and unshare)")


@pytest.fixture
def fake_cli(monkeypatch):
    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    monkeypatch.setattr(ingest_mod, "find_events", lambda a, t, ms: [])


def _articles(folder, n, size=200):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = " ".join(f"Story {i} line {k}: strikes near Quetta, talks in Lahore." for k in range(size // 50 + 1))
        (folder / f"a{i:03d}.txt").write_text(f"Report {i} from Quetta\n{body}\n", encoding="utf-8")
    return folder


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _integrity(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


# ---------------------------------------------------------------- 5. a full disk

def test_disk_full_mid_article_says_so_and_keeps_what_was_there(tmp_path):
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        project.put_article(Article("a", "A", "News from Quetta.", content_hash="1"), [])
        pages = project.conn.execute("PRAGMA page_count").fetchone()[0]
        project.conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own 'disk full'
        with pytest.raises(ProjectError) as info:
            project.put_article(Article("b", "B", "Talks in Lahore. " * 20000, content_hash="2"), [])
        msg = str(info.value)
        assert "disk is full" in msg and "cannot rollback" not in msg
        assert "write was undone; everything saved before it is intact" in msg
        project.conn.execute(f"PRAGMA max_page_count = {2 ** 30}")
        assert project.article_ids() == ["a"]
        assert project.put_article(Article("c", "C", "Zahedan.", content_hash="3"), []) == "added"
    assert _integrity(path) == "ok"


@needs_tmpfs
def test_ingest_on_a_really_full_disk(tmp_path):
    src = _articles(tmp_path / "src", 40, size=6000)
    disk, out = tmp_path / "disk", tmp_path / "out"
    done = run_on_tmpfs(disk, out, "400k", [sys.executable, "-c", CLI_WITH_FAKE_GEOPARSER, "ingest", str(src),
                                           "--project", str(disk / "p.gpkg"), "--verbose", "--workers", "1"])
    assert done.returncode == 2, (done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "disk is full" in done.stderr
    added = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("added")]
    assert 0 < len(added) < 40
    assert _integrity(out / "p.gpkg") == "ok"
    with Project(out / "p.gpkg", readonly=True) as project:
        assert project.article_ids() == added  # every article said to be added is there, whole
        corpus = contents(project)
    for aid in added:
        text = (src / f"{aid}.txt").read_text(encoding="utf-8")
        assert corpus.articles[aid].raw_text == text
        assert sum(1 for m in corpus.mentions if m.article_id == aid) == len(FakeGeoparser().parse(text))


@needs_tmpfs
def test_gpkg_export_on_a_really_full_disk(tmp_path):
    src = _articles(tmp_path / "src", 30, size=3000)
    disk, out = tmp_path / "disk", tmp_path / "out"
    done = run_on_tmpfs(disk, out, "64k", [sys.executable, "-c", CLI_WITH_FAKE_GEOPARSER, "export", "--format", "gpkg",
                                          "--out", str(disk / "m.gpkg"), str(src)],
                        prepare=f"echo old > {disk}/m.gpkg")
    assert done.returncode == 1, (done.stdout[-2000:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "disk is full" in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["m.gpkg"]  # no temporary file left
    assert (out / "m.gpkg").read_text() == "old\n"  # the earlier file is intact


# ---------------------------------------------------------------- 6. a damaged file

def _damaged(tmp_path):
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest_into_project([_articles(tmp_path / "src", 30, size=2000)], project, geoparser=FakeGeoparser())
    size = path.stat().st_size
    page = 4096
    with open(path, "r+b") as f:
        f.seek((size // 2) // page * page)
        f.write(os.urandom(3 * page))
    return path


def test_a_damaged_project_is_refused_and_never_written(tmp_path, fake_cli, capsys):
    from explorer.cli import main

    path = _damaged(tmp_path)
    digest = _sha(path)
    with pytest.raises(ProjectError) as info:
        Project(path)
    msg = str(info.value)
    assert "damaged" in msg and "recover" in msg
    (tmp_path / "new.txt").write_text("News from Zahedan.", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "new.txt"), "--project", str(path)]) == 2
    assert main(["export", "--project", str(path), "--out", str(tmp_path / "x.geojson")]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert "Traceback" not in err and len(errors) == 2 and all("the file is damaged" in e for e in errors)
    assert _sha(path) == digest and not (tmp_path / "x.geojson").exists()


def test_a_project_missing_its_geopackage_tables_is_refused(tmp_path):
    path = tmp_path / "p.gpkg"
    Project(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM gpkg_spatial_ref_sys")
    conn.execute("DROP TABLE gpkg_geometry_columns")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectError, match="gpkg_geometry_columns"):
        Project(path)


# ---------------------------------------------------------------- 7. misleading errors

def _hot_journal(tmp_path):
    """A project whose writer was killed mid-article (its write-ahead log, or a hot journal, beside it)."""
    path = tmp_path / "p.gpkg"
    with Project(path) as project:
        ingest_into_project([_articles(tmp_path / "src", 3)], project, geoparser=FakeGeoparser())
    child = textwrap.dedent(f"""
        import os
        from explorer.core.store.project import Project
        from explorer.core.models import Article
        p = Project({str(path)!r})
        p.conn.execute("PRAGMA cache_size = 1")  # spill to the file before the commit
        def die(self, *args):
            os._exit(9)
        Project._refresh_places = die
        p.put_article(Article("big", "Big", "Quetta. " * 200000, content_hash="x"), [])
    """)
    assert subprocess.run([sys.executable, "-c", child], cwd=ROOT, timeout=60).returncode == 9
    leftovers = [path.with_name(path.name + x) for x in ("-wal", "-journal")]
    assert any(f.exists() and f.stat().st_size > 0 for f in leftovers)
    return path


def test_read_only_open_after_a_kill_recovers_the_hot_journal(tmp_path, capsys):
    from explorer.cli import main

    path = _hot_journal(tmp_path)
    with Project(path, readonly=True) as project:
        assert project.counts()["articles"] == 3
    assert _integrity(path) == "ok"
    path = _hot_journal(tmp_path / "again")
    assert main(["export", "--project", str(path), "--out", str(tmp_path / "x.geojson")]) == 0


def test_a_read_only_project_after_a_kill_says_how_to_recover(tmp_path, monkeypatch):
    path = _hot_journal(tmp_path)
    import explorer.core.store.project as project_mod

    monkeypatch.setattr(project_mod, "_writable", lambda p: False)  # as a user who may not write there
    with pytest.raises(ProjectError) as info:
        Project(path, readonly=True)
    msg = str(info.value)
    assert "interrupted" in msg and ("-journal" in msg or "-wal" in msg) and "readonly database" not in msg


@needs_tmpfs
def test_a_read_only_file_system_gets_words_not_tracebacks(tmp_path):
    src = _articles(tmp_path / "src", 2)
    disk, out = tmp_path / "disk", tmp_path / "out"
    cli = [sys.executable, "-c", CLI_WITH_FAKE_GEOPARSER]
    make = f"{sys.executable} -c {CLI_WITH_FAKE_GEOPARSER!r} ingest {src} --project {disk}/old.gpkg >/dev/null"
    script = [
        (["ingest", str(src), "--project", str(disk / "new.gpkg")], 2),
        (["ingest", str(src), "--project", str(disk / "sub" / "new.gpkg")], 2),
        (["ingest", str(src / "a000.txt"), "--project", str(disk / "old.gpkg")], 2),
        (["export", "--project", str(disk / "old.gpkg"), "--out", str(disk / "x.geojson")], 1),
        (["export", "--project", str(disk / "old.gpkg"), "--out", str(tmp_path / "x.geojson")], 0),
    ]
    for argv, expected in script:
        done = run_on_tmpfs(disk, out, "1m", cli + argv, readonly=True, prepare=make)
        assert done.returncode == expected, (argv, done.stdout[-1500:], done.stderr[-1500:])
        assert "Traceback" not in done.stderr, done.stderr
        if expected:
            assert "read-only file system" in done.stderr.lower(), done.stderr
    assert (tmp_path / "x.geojson").stat().st_size > 0


def test_racing_creators_of_one_new_project_both_succeed(tmp_path):
    path = tmp_path / "new.gpkg"
    path.touch()  # both saw no project: the other one's connect made this empty file
    other = sqlite3.connect(path, isolation_level=None)
    register_functions(other)  # as every writer of a GeoPackage with R-tree indexes has (GDAL too)
    other.execute("BEGIN IMMEDIATE")  # the other creator holds the write lock…
    result = {}

    def create():
        try:
            with Project(path) as project:
                result["ids"] = project.article_ids()
        except Exception as exc:  # noqa: BLE001 - what the test checks
            result["error"] = exc

    t = threading.Thread(target=create)
    t.start()
    t.join(0.5)  # …while this one waits for it
    Project._create_schema(types.SimpleNamespace(conn=other))  # what the other creator writes
    other.execute("COMMIT")
    other.close()
    t.join(30)
    assert "error" not in result, result.get("error")
    assert result["ids"] == []


def test_a_failed_ingest_leaves_no_project_behind(tmp_path, fake_cli):
    from explorer.cli import main

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 100)
    target = tmp_path / "new" / "p.gpkg"
    assert main(["ingest", str(bad), "--project", str(target)]) == 1
    assert not target.exists()
    assert main(["ingest", str(tmp_path / "missing.txt"), "--project", str(target)]) == 1
    assert not target.exists()


def test_a_folder_or_device_named_as_project_is_refused(tmp_path, fake_cli, capsys):
    from explorer.cli import main

    (tmp_path / "a.txt").write_text("Quetta.", encoding="utf-8")
    for target, words in ((tmp_path, "a folder"), ("/dev/null", "a character device")):
        assert main(["ingest", str(tmp_path / "a.txt"), "--project", str(target)]) == 2
        assert words in capsys.readouterr().err
