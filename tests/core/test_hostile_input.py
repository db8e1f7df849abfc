"""Issue 11, the reading layer: lone surrogates, colliding ids, special files, encodings.

Each test here failed before its fix. Texts are written for the tests.
"""
from __future__ import annotations

import json
import os
import threading
import time

import pytest

from explorer.core.store import ingest as ingest_mod
from explorer.core.store.ingest import ingest, ingest_into_project
from explorer.core.store.project import Project
from explorer.core.text import decode as decode_mod
from explorer.core.text import sources as sources_mod
from explorer.core.text.readers import load_article, read_articles
from explorer.core.text.sources import ArticleError, Batch, collect_files
from tests.fakes import FakeGeoparser
from tests.contents import contents, ingested


@pytest.fixture
def fake_geoparser(monkeypatch):
    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    monkeypatch.setattr(ingest_mod, "find_events", lambda article, text, mentions: [])


# ---------------------------------------------------------------- 1. lone surrogates

SURROGATE_FEED = '{"id":"a","text":"Karachi \\udc00 and Quetta"}\n{"id":"b","text":"Quetta"}\n'


def test_a_lone_surrogate_in_jsonl_text_loses_nothing(tmp_path, fake_geoparser, capsys):
    from explorer.cli import main

    feed = tmp_path / "s.jsonl"
    feed.write_text(SURROGATE_FEED, encoding="ascii")
    code = main(["ingest", str(feed), "--project", str(tmp_path / "s.gpkg")])
    out = capsys.readouterr().out
    assert code == 0, out
    with Project(tmp_path / "s.gpkg", readonly=True) as project:
        corpus = contents(project)
    assert sorted(corpus.articles) == ["a", "b"]
    a = corpus.articles["a"].raw_text
    assert a == "Karachi \ufffd and Quetta"  # one character for one: offsets still index the row's text
    q = next(m for m in corpus.mentions if m.article_id == "a")
    assert a[q.start:q.end] == "Quetta" and (q.start, q.end) == (14, 20)
    assert "unpaired surrogate" in out and "s.jsonl, line 1" in out


def test_a_lone_surrogate_in_an_id_is_replaced_and_said(tmp_path):
    feed = tmp_path / "ids.jsonl"
    feed.write_text('{"id":"x\\ud800y","text":"Quetta"}\n{"id":"z","text":"Lahore"}\n', encoding="ascii")
    items = list(read_articles(feed))
    assert [a.article_id for a in items] == ["x\ufffdy", "z"]
    assert any("unpaired surrogate" in str(n) for n in items[0].notes)


def test_geoparse_answers_every_line_even_with_a_surrogate_id(tmp_path):
    import io

    from explorer.core.places.geoparse_cli import run

    lines = ['{"id":"\\udc00","text":"Quetta"}', '{"id":"b","text":"Strikes in Quetta \\ud83d."}',
             '{"id":"c","text":"Lahore"}']
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="utf-8")  # strict, like a real pipe
    err = io.StringIO()

    class Parser(FakeGeoparser):
        pass

    import explorer.core.places.geoparse as gp

    orig = gp.default_geoparser
    gp.default_geoparser = Parser
    try:
        assert run(io.StringIO("\n".join(lines) + "\n"), stdout, err) == 0
    finally:
        gp.default_geoparser = orig
    stdout.flush()
    out = raw.getvalue().decode("utf-8").splitlines()  # valid UTF-8 throughout
    assert len(out) == 3
    answers = [json.loads(line) for line in out]
    assert answers[0]["id"] == "\udc00"  # the id as given (a JSON escape), so it can be matched
    assert answers[1]["toponyms"][0]["start"] == 11 and answers[2]["id"] == "c"


def test_export_of_articles_with_surrogates_writes_every_format(tmp_path, fake_geoparser):
    from explorer.core.export.gis import export

    feed = tmp_path / "s.jsonl"
    feed.write_text(SURROGATE_FEED, encoding="ascii")
    with ingest([feed]) as result:
        assert sorted(result.project.article_ids()) == ["a", "b"]
        for fmt in ("geojson", "csv", "kml", "gpkg"):
            assert export(result.project, "mentions", tmp_path / f"m.{fmt}", fmt) == 2


# ---------------------------------------------------------------- 2. ids

def _txt(path, text="News from Quetta."):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_files_with_the_same_name_in_two_folders_keep_both(tmp_path, fake_geoparser, capsys):
    from explorer.cli import main

    _txt(tmp_path / "in" / "a" / "report.txt", "Strikes in Quetta.")
    _txt(tmp_path / "in" / "b" / "report.txt", "Talks in Lahore.")
    assert main(["ingest", str(tmp_path / "in" / "a" / "report.txt"), str(tmp_path / "in" / "b" / "report.txt"),
                 "--project", str(tmp_path / "p.gpkg")]) == 0
    assert main(["ingest", str(tmp_path / "in"), "--project", str(tmp_path / "q.gpkg")]) == 0
    for name in ("p.gpkg", "q.gpkg"):
        with Project(tmp_path / name, readonly=True) as project:
            assert sorted(project.article_ids()) == ["a/report", "b/report"]


def test_a_single_file_and_the_seeds_keep_their_stems(tmp_path):
    from explorer.resources import seed_paths, seeds_dir

    assert [a.article_id for _p, a in Batch([_txt(tmp_path / "deep" / "x.txt")])] == ["x"]
    stems = [p.stem for p in seed_paths()]
    assert [a.article_id for _p, a in Batch(seed_paths())] == stems
    assert [a.article_id for _p, a in Batch([seeds_dir()])] == stems


def test_a_jsonl_row_without_id_does_not_replace_a_file(tmp_path, fake_geoparser, capsys):
    from explorer.cli import main

    _txt(tmp_path / "report-1.txt", "Strikes in Quetta.")
    (tmp_path / "report.jsonl").write_text('{"text": "Talks in Lahore."}\n', encoding="utf-8")
    assert main(["ingest", str(tmp_path / "report-1.txt"), str(tmp_path / "report.jsonl"),
                 "--project", str(tmp_path / "p.gpkg")]) == 0
    with Project(tmp_path / "p.gpkg", readonly=True) as project:
        assert sorted(project.article_ids()) == ["report-1", "report:1"]


def test_a_repeated_id_is_refused_not_replaced(tmp_path, fake_geoparser, capsys):
    from explorer.cli import main

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "r1", "text": "Strikes in Quetta."}\n{"id": "r2", "text": "Calm."}\n'
                    '{"id": "r1", "text": "Talks in Lahore."}\n', encoding="utf-8")
    _txt(tmp_path / "r2.txt", "Zahedan.")
    code = main(["ingest", str(feed), str(tmp_path / "r2.txt"), "--project", str(tmp_path / "p.gpkg")])
    out = capsys.readouterr().out
    assert code == 1
    assert "feed.jsonl, line 3: article id 'r1' is already used by " in out and "feed.jsonl, line 1" in out
    assert "r2.txt: article id 'r2' is already used by " in out
    assert "2 added" in out and "2 failed" in out
    with Project(tmp_path / "p.gpkg", readonly=True) as project:
        corpus = contents(project)
    assert corpus.articles["r1"].raw_text == "Strikes in Quetta."
    assert corpus.articles["r2"].raw_text == "Calm."


def test_the_same_file_named_twice_is_read_once(tmp_path):
    p = _txt(tmp_path / "a.txt")
    assert [a.article_id for _p, a in Batch([p, tmp_path, str(p)])] == ["a"]


# ---------------------------------------------------------------- 8. special files

def test_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    good = _txt(tmp_path / "good.txt")
    result = {}

    def work():
        result["corpus"] = ingested([fifo, good], geoparser=FakeGeoparser())

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(20)
    if t.is_alive():  # unblock the reader so the test process can end
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("ingest hung on a FIFO")
    corpus = result["corpus"]
    assert list(corpus.articles) == ["good"]
    assert len(corpus.errors) == 1 and "fifo.txt: not a regular file (a FIFO)" in str(corpus.errors[0])


def test_dev_zero_is_refused_at_once():
    t0 = time.monotonic()
    with pytest.raises(ArticleError, match="not a regular file"):
        load_article("/dev/zero")
    assert time.monotonic() - t0 < 5


def test_the_size_cap_does_not_trust_st_size(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Quetta is a city. " * 700_000)  # 12.6 MB
    real_fstat = os.fstat

    class Small:
        def __init__(self, st):
            self._st = st

        def __getattr__(self, name):
            return 100 if name == "st_size" else getattr(self._st, name)

    monkeypatch.setattr(decode_mod.os, "fstat", lambda fd: Small(real_fstat(fd)))
    monkeypatch.setattr(decode_mod.os, "stat", lambda p, **k: Small(os.lstat(p)))
    with pytest.raises(ArticleError, match="over 10 MB"):
        load_article(big)


def test_a_12_mb_html_page_is_refused(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><p>" + b"Quetta is a city. " * 700_000 + b"</p></body></html>")
    with pytest.raises(ArticleError, match="at most 10 MB"):
        load_article(page)


def test_unreadable_folders_and_special_files_are_reported(tmp_path, monkeypatch):
    _txt(tmp_path / "ok" / "a.txt")
    _txt(tmp_path / "locked" / "b.txt")
    os.mkfifo(tmp_path / "ok" / "pipe.txt")
    real_scandir = os.scandir

    def scandir(path):  # root reads every folder: refuse one as a normal user would see it
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(sources_mod.os, "scandir", scandir)
    files, problems = collect_files([tmp_path])
    assert [p.name for p in files] == ["a.txt"]
    msgs = sorted(str(e) for e in problems)
    assert len(msgs) == 2, msgs
    assert "locked: cannot read the folder (Permission denied); its files were not read" in msgs[0]
    assert "pipe.txt: skipped: not a regular file (a FIFO)" in msgs[1]


def test_a_symlink_loop_ends_and_is_reported(tmp_path):
    _txt(tmp_path / "top" / "sub" / "a.txt")
    os.symlink("..", tmp_path / "top" / "sub" / "up")
    os.symlink("loop2", tmp_path / "top" / "loop1.txt")
    os.symlink("loop1.txt", tmp_path / "top" / "loop2")
    files, problems = collect_files([tmp_path / "top"])
    assert [p.name for p in files] == ["a.txt"]
    msgs = " | ".join(str(e) for e in problems)
    assert "up: skipped: a link back to a folder already read" in msgs
    assert "loop1.txt: skipped: a broken or looping link" in msgs


# ---------------------------------------------------------------- 9. encodings

def test_windows_1252_and_latin_1_are_decoded_and_said(tmp_path):
    p = _txt(tmp_path / "cp.txt")
    p.write_bytes("Caf\u00e9 owners in Lahore said \u201cno\u201d \u2014 Qu\u00e9bec.".encode("cp1252"))
    a = load_article(p)
    assert a.raw_text == "Caf\u00e9 owners in Lahore said \u201cno\u201d \u2014 Qu\u00e9bec."
    assert any("decoded as Windows-1252" in str(n) for n in a.notes)
    p.write_bytes("Caf\u00e9 owners in Lahore, Qu\u00e9bec".encode("latin-1"))
    assert load_article(p).raw_text == "Caf\u00e9 owners in Lahore, Qu\u00e9bec"


def test_utf16_with_a_bom_is_decoded(tmp_path):
    text = "Strikes in Quetta.\nTalks in Lahore \u2014 \u0644\u0627\u0647\u0648\u0631.\n"
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        p = tmp_path / f"{codec}.txt"
        p.write_bytes(bom + text.encode(codec))
        a = load_article(p)
        assert a.raw_text == text
        assert any("decoded as UTF-16" in str(n) for n in a.notes)


def test_bytes_that_are_not_prose_in_any_encoding_are_still_refused(tmp_path):
    p = tmp_path / "cyr.txt"
    p.write_bytes("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u043a\u0430\u043a \u0434\u0435\u043b\u0430"
                  .encode("cp1251"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        load_article(p)


def test_a_utf8_bom_is_not_part_of_the_text(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfStrikes in Quetta.")
    corpus = ingested([p], geoparser=FakeGeoparser())
    a = corpus.articles["bom"]
    assert a.raw_text == "Strikes in Quetta."
    m = corpus.mentions[0]
    assert a.raw_text[m.start:m.end] == "Quetta" and m.start == 11


def test_the_ingest_report_says_how_a_file_was_decoded(tmp_path, fake_geoparser, capsys):
    from explorer.cli import main

    p = tmp_path / "cp.txt"
    p.write_bytes("Caf\u00e9 owners in Quetta.".encode("cp1252"))
    assert main(["ingest", str(p), "--project", str(tmp_path / "p.gpkg")]) == 0
    out = capsys.readouterr().out
    assert "warning" in out and "cp.txt: decoded as Windows-1252" in out


def test_ingest_into_project_counts_refused_clashes(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_text('{"id": "x", "text": "Quetta."}\n{"id": "x", "text": "Lahore."}\n', encoding="utf-8")
    with Project(tmp_path / "p.gpkg") as project:
        summary = ingest_into_project([feed], project, geoparser=FakeGeoparser())
    assert summary.count("added") == 1 and summary.count("failed") == 1


# ---------------------------------------------------------------- 14. not English

FRENCH = ("Les responsables de Quetta ont déclaré mardi que des frappes avaient touché la périphérie de la "
          "ville, et que le poste frontière vers Zahedan était fermé pour la journée.")
URDU = ("کوئٹہ میں حکام نے منگل کو کہا کہ حملوں نے شہر کے مضافات کو نشانہ بنایا اور زاہدان کی طرف سرحدی "
        "گزرگاہ دن بھر بند رہی۔")
ENGLISH = ("Officials in Quetta said on Tuesday that strikes hit the outskirts of the city, and that the "
           "border crossing towards Zahedan was closed for the day.")


def test_an_article_not_in_english_is_ingested_with_a_warning_naming_its_language(tmp_path, fake_geoparser,
                                                                                   capsys):
    from explorer.cli import main

    _txt(tmp_path / "fr.txt", FRENCH)
    _txt(tmp_path / "ur.txt", URDU)
    _txt(tmp_path / "en.txt", ENGLISH)
    _txt(tmp_path / "short.txt", "Quetta")
    (tmp_path / "rows.jsonl").write_text(json.dumps({"id": "r", "text": FRENCH}) + "\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path), "--project", str(tmp_path / "p.gpkg"), "--verbose"]) == 0
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if line.startswith("warning")]
    assert len(warnings) == 3, out
    assert any("fr.txt: written in French (fr), not English" in w for w in warnings)
    assert any("ur.txt: written in Urdu (ur), not English" in w for w in warnings)
    assert any("rows.jsonl, line 1: written in French (fr)" in w for w in warnings)
    with Project(tmp_path / "p.gpkg", readonly=True) as project:
        assert sorted(project.article_ids()) == ["en", "fr", "r", "short", "ur"]  # ingested all the same


def test_language_detection_stays_quiet_when_unsure():
    from explorer.core.text.language import detect, foreign_language

    assert foreign_language(ENGLISH) is None and detect(ENGLISH).code == "en"
    assert foreign_language("Strikes near Quetta") is None  # too short to tell
    assert detect("1234 5678 " * 50) is None
    assert foreign_language(FRENCH).name == "French" and foreign_language(FRENCH).confidence >= 0.9


def test_plain_english_is_recognised_without_the_detector(monkeypatch):
    from explorer.core.text import language

    spanish = ("Los funcionarios de Quetta dijeron el martes que los ataques alcanzaron las afueras de la ciudad y "
               "que el paso fronterizo hacia Zahedan estuvo cerrado durante todo el día por razones de seguridad.")
    german = ("Die Behörden in Quetta sagten am Dienstag, dass Angriffe die Außenbezirke der Stadt getroffen "
              "hätten und der Grenzübergang nach Zahedan für den ganzen Tag geschlossen worden sei.")
    english = ENGLISH + " " + ENGLISH
    assert language.looks_english(english)
    assert not any(language.looks_english(t) for t in (FRENCH, spanish, german, URDU))
    monkeypatch.setattr(language, "detect", lambda text: (_ for _ in ()).throw(AssertionError("asked")))
    assert language.foreign_language(english) is None
