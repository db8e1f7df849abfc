"""Issue 11, the faults a review found still open: an export never replaces what it is made from (the project,
its -wal/-shm, an input file), writes nothing when every input failed, makes no folder for a dangling link;
``geoparse`` reads stdin in bounded memory and answers a line nested too deeply.

Each test failed before its fix (the source was replaced, exit 0; a header-only CSV; a folder made; a
traceback and the later lines unanswered)."""
from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3

import pytest

from explorer.cli import main
from explorer.core.places import geoparse_cli
from explorer.core.export.gis import export
from explorer.core.export.output import ExportError
from explorer.core.store import ingest as ingest_mod
from explorer.core.store.ingest import ingest_into_project
from explorer.core.store.project import Project
from tests.fakes import FakeGeoparser


@pytest.fixture
def fake_cli(monkeypatch):
    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    monkeypatch.setattr(ingest_mod, "find_events", lambda a, t, ms: [])


def _sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def _project(tmp_path, name="p.gpkg"):
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "a.txt").write_text("Talks in Quetta and Lahore.\n", encoding="utf-8")
    (src / "b.txt").write_text("Floods near Gwadar.\n", encoding="utf-8")
    path = tmp_path / name
    with Project(path) as project:
        ingest_into_project([src], project, geoparser=FakeGeoparser())
    return path


def _articles_in(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.mark.parametrize("fmt", ["gpkg", "csv", "geojson", "kml"])
def test_export_never_replaces_its_own_project(tmp_path, fake_cli, capsys, fmt):
    path = _project(tmp_path)
    digest = _sha(path)
    assert main(["export", "--project", str(path), "--out", str(path), "--format", fmt]) == 1
    err = capsys.readouterr().err
    assert "it is the project being exported (p.gpkg); writing it would replace the project" in err, err
    assert "Traceback" not in err
    assert _sha(path) == digest and _articles_in(path) == 2
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_export_refuses_the_project_through_a_link_a_hard_link_and_its_wal_and_shm(tmp_path, fake_cli, capsys):
    path = _project(tmp_path)
    digest = _sha(path)
    siblings = {p.name: _sha(p) for p in tmp_path.glob("p.gpkg-*")}
    (tmp_path / "link.gpkg").symlink_to(path)
    os.link(path, tmp_path / "hard.gpkg")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    for out, words in ((tmp_path / "link.gpkg", "it is the project being exported"),
                       (tmp_path / "hard.gpkg", "it is the project being exported"),
                       (tmp_path / "sub" / "up" / "p.gpkg", "it is the project being exported"),
                       (tmp_path / "p.gpkg-wal", "it is the project's own wal file (p.gpkg-wal)"),
                       (tmp_path / "p.gpkg-shm", "it is the project's own shm file")):
        assert main(["export", "--project", str(path), "--out", str(out), "--format", "csv"]) == 1, out
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, (out, err)
    assert _sha(path) == digest and (tmp_path / "link.gpkg").is_symlink()
    assert {p.name: _sha(p) for p in tmp_path.glob("p.gpkg-*")} == siblings
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_export_never_replaces_an_input_file(tmp_path, fake_cli, capsys):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"id": "a", "text": "Talks in Quetta."}\n', encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "x.txt").write_text("Floods near Gwadar.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (jsonl, folder / "x.txt")}
    for argv in (["export", str(jsonl), "--out", str(jsonl), "--format", "csv"],
                 ["export", str(folder), "--out", str(folder / "x.txt"), "--format", "geojson"]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "it is one of the input files" in err and "writing it would replace what is being read" in err, err
    assert {p: p.read_bytes() for p in before} == before
    # a new file in an input folder is fine: it is not read
    assert main(["export", str(folder), "--out", str(folder / "new.csv")]) == 0


def test_export_function_refuses_the_open_projects_file(tmp_path):
    """The GUI's File -> Export data goes through export(): the open project is never its output."""
    path = _project(tmp_path)
    digest = _sha(path)
    with Project(path, readonly=True) as project:
        with pytest.raises(ExportError, match="it is the project being exported"):
            export(project, "mentions", path, "gpkg")
    assert _sha(path) == digest


def test_an_export_whose_every_input_failed_writes_nothing(tmp_path, fake_cli, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "z.csv"
    assert main(["export", str(bad), str(fifo), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"error: no article could be read; nothing was written to {out}" in err, err
    assert not out.exists()
    (tmp_path / "z.csv").write_text("old\n")
    assert main(["export", str(bad), "--out", str(out)]) == 1
    assert out.read_text() == "old\n"  # an earlier file is left as it was


def test_a_link_into_a_missing_folder_makes_no_folder(tmp_path, fake_cli, capsys):
    link = tmp_path / "dang.csv"
    link.symlink_to(tmp_path / "nowhere" / "x.csv")
    assert main(["export", "--out", str(link)]) == 1
    err = capsys.readouterr().err
    assert "it is a link to" in err and "in a folder that does not exist" in err, err
    assert not (tmp_path / "nowhere").exists() and link.is_symlink()


# ---------------------------------------------------------------- geoparse's stdin

class _Stdin:
    """A byte stream like sys.stdin (a text stream with a .buffer)."""

    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def _geoparse(data, monkeypatch, limit=None):
    if limit is not None:
        monkeypatch.setattr(geoparse_cli, "line_limit", lambda: limit)
    monkeypatch.setattr("explorer.core.places.geoparse.default_geoparser", FakeGeoparser)
    out, err = io.StringIO(), io.StringIO()
    stdin = _Stdin(data) if isinstance(data, bytes) else io.StringIO(data)
    code = geoparse_cli.run(stdin, out, err)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


@pytest.mark.parametrize("as_bytes", [True, False])
def test_geoparse_answers_an_over_long_line_with_an_error_and_goes_on(monkeypatch, as_bytes):
    limit = 200
    lines = ['{"id": "a", "text": "Quetta"}', '{"id": "long", "text": "' + "x" * 5000 + '"}',
             '{"id": "c", "text": "Lahore"}']
    data = "\n".join(lines) + "\n"
    code, rows, err = _geoparse(data.encode() if as_bytes else data, monkeypatch, limit)
    assert code == 0
    assert [r["id"] for r in rows] == ["a", None, "c"]
    assert rows[1]["toponyms"] == [] and [t["name"] for t in rows[2]["toponyms"]] == ["Lahore"]
    assert "line 2: invalid input: the line is over" in err and "; not read" in err, err


def test_geoparse_stops_on_a_line_with_no_end_in_bounded_reads(monkeypatch):
    """/dev/zero's attack, bounded: a line that never ends is given up after ten times the limit."""
    limit = 100
    reads = []

    class Endless:
        def readline(self, size=-1):
            assert 0 < size <= (1 << 20) + 1  # never an unbounded read
            reads.append(size)
            return b"\0" * size

    class Stdin:
        buffer = Endless()

    monkeypatch.setattr(geoparse_cli, "line_limit", lambda: limit)
    out, err = io.StringIO(), io.StringIO()
    assert geoparse_cli.run(Stdin(), out, err) == 1
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [{"id": None, "toponyms": []}]
    assert "line 1: invalid input: the line goes on past" in err.getvalue()
    assert "stopped reading (nothing after it was read)" in err.getvalue()
    assert len(reads) <= 3


def test_geoparse_answers_a_line_nested_too_deeply_and_the_lines_after_it(monkeypatch):
    data = ('{"id": "a", "text": "Quetta"}\n' + "[" * 100_000 + "\n" + '{"id": "d", "text": ' + "[" * 100_000 + "\n"
            + '{"id": "c", "text": "Lahore"}\n')
    code, rows, err = _geoparse(data, monkeypatch)
    assert code == 0
    assert [r["id"] for r in rows] == ["a", None, None, "c"]
    assert "line 2: invalid input: not valid JSON (nested too deeply)" in err
    assert "line 3: invalid input: not valid JSON (nested too deeply)" in err
    assert "Traceback" not in err and len(err.splitlines()) == 2


def test_geoparse_answers_a_line_that_is_not_utf8(monkeypatch):
    data = b'{"id": "a", "text": "Quetta"}\n{"id": "b", "text": "\xff\xfe"}\n{"id": "c", "text": "Lahore"}\n'
    code, rows, err = _geoparse(data, monkeypatch)
    assert code == 0 and [r["id"] for r in rows] == ["a", None, "c"]
    assert "line 2: invalid input: not UTF-8 text (invalid byte at column 22)" in err
