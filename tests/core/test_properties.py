"""Property-based tests over the whole text pipeline (hypothesis).

For any unicode text (unpaired surrogates, right-to-left marks, combining
marks, NUL, line and paragraph separators, long lines): nothing raises
except the documented ArticleError, offsets index the raw text, and what
is written reads back equal. Profiles are in tests/conftest.py (CI runs a
fixed, derandomised set; GEO_EXPLORER_FUZZ=N runs N random examples each).
"""
from __future__ import annotations

import csv
import json
import sqlite3
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.export.gis import COLUMNS, export, features
from explorer.core.store.ingest import ingest, ingest_into_project, locate, prepare
from explorer.core.models import Article
from explorer.core.store.project import Project
from explorer.core.text.clean import clean
from explorer.core.text.decode import scrub_surrogates
from explorer.core.text.errors import ArticleError
from explorer.core.text.readers import markdown_mask, read_articles
from explorer.core.text.sentences import SentenceIndex, sentence_spans
from tests.fakes import FakeGeoparser
from tests.contents import contents, ingested

NASTY = ["\ud800", "\udc00", "\udbff\udfff", "\u202e", "\u200f", "\u0301", "\u0645\u064e", "\x00", "\r", "\r\n",
         "\n\n", "\u2028", "\u2029", "\ufeff", "\ufffd", "\t", "\x0b", "\x1b[31m", "<script>", "&amp;", "=",
         "Quetta", "Lahore", " Zahedan ", "Balochistan", ". ", "Mr. ", "U.S. ", "\U0001f600", "ﷺ", "Ǆ", "ß", "İ"]
PIECES = st.one_of(st.characters(codec=None, exclude_categories=()), st.sampled_from(NASTY))
TEXT = st.one_of(
    st.lists(PIECES, max_size=200).map("".join),
    st.lists(st.sampled_from(NASTY), max_size=60).map("".join),
    st.builds(lambda s, n: s * n, st.lists(PIECES, min_size=1, max_size=8).map("".join),
              st.integers(200, 3000)),  # long lines
)
SAFE_TEXT = TEXT.map(lambda t: scrub_surrogates(t)[0])  # what a reader hands on: no unpaired surrogates

fast = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@fast
@given(TEXT)
def test_cleaning_keeps_length_and_line_breaks(raw):
    cleaned = clean(raw)
    assert len(cleaned.text) == len(raw)
    assert [i for i, c in enumerate(raw) if c == "\n"] == [i for i, c in enumerate(cleaned.text) if c == "\n"]
    masked = markdown_mask(raw)
    assert len(masked) == len(raw)


@fast
@given(TEXT)
def test_sentences_are_ordered_trimmed_spans_of_the_text(text):
    spans = sentence_spans(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        last = e
    index = SentenceIndex(text)
    for s, e in spans:
        assert index.containing(s, e) == (s, e)


@fast
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html", ".jsonl", ""]))
def test_readers_take_any_bytes_or_say_why_not(data, suffix):
    """The fuzz target of the readers: any bytes give articles or ArticleErrors, nothing else."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"fuzz{suffix}"
        p.write_bytes(data)
        try:
            items = list(read_articles(p))
        except ArticleError as exc:
            assert str(p) in str(exc)
            return
        for item in items:
            if isinstance(item, ArticleError):
                continue
            assert scrub_surrogates(item.raw_text)[1] == 0
            assert item.raw_text.strip() and item.article_id
            if suffix in (".txt", ""):
                try:
                    assert item.raw_text == data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    pass  # decoded by BOM or as Windows-1252: said in a note
                    assert item.notes


@fast
@given(TEXT, st.one_of(st.none(), TEXT))
def test_a_jsonl_row_reads_back_its_text_one_character_for_one(text, aid):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "rows.jsonl"
        row = {"text": "Quetta " + text} if aid is None else {"id": aid, "text": "Quetta " + text}
        p.write_text(json.dumps(row) + "\n", encoding="ascii")
        (item,) = list(read_articles(p))
        if isinstance(item, ArticleError):
            assert "rows.jsonl, line 1" in str(item)
            return
        # JSON's own reading of the row: a surrogate pair written as two escapes is one character
        # ("\\udbff\\udfff" is U+10FFFF); a lone surrogate is replaced, one character for one
        written = json.loads(json.dumps("Quetta " + text))
        assert item.raw_text == scrub_surrogates(written)[0]
        assert len(item.raw_text) == len(written)


@pytest.fixture(scope="module")
def geoparser():
    from explorer.core.places.geoparse import default_geoparser

    return default_geoparser()


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(SAFE_TEXT)
def test_geoparse_and_events_on_any_text(geoparser, text):
    from explorer.core.events import extract_events

    text = "Strikes hit Quetta and Karachi on Monday. " + text
    article = Article("x", "t", text)
    mentions = locate(article, geoparser)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.surface
        assert m.sentence_start <= m.start and m.end <= m.sentence_end <= len(text)
    for e in extract_events(article, prepare(article), mentions):
        assert 0 <= e.start <= e.end <= len(text)


@fast
@given(st.lists(st.tuples(SAFE_TEXT, SAFE_TEXT), min_size=1, max_size=4))
def test_the_store_reads_back_what_was_written(rows):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "rows.jsonl"
        with open(p, "w", encoding="utf-8") as f:
            for i, (title, text) in enumerate(rows):
                f.write(json.dumps({"id": f"r{i}", "title": title, "text": "Quetta, Lahore. " + text}) + "\n")
        read = [a for a in read_articles(p) if not isinstance(a, ArticleError)]
        corpus = ingested([p], geoparser=FakeGeoparser())  # through a project in memory
        with Project(Path(d) / "p.gpkg") as project:
            ingest_into_project([p], project, geoparser=FakeGeoparser())
        with Project(Path(d) / "p.gpkg", readonly=True) as project:
            stored = contents(project)
            assert project.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [stored.articles[a.article_id] for a in read] == read
        assert stored.articles == corpus.articles
        assert stored.mentions == corpus.mentions
        for m in stored.mentions:
            assert stored.articles[m.article_id].raw_text[m.start:m.end] == m.surface


def _neutralised(value: str) -> str:
    """What the CSV must hold for a text cell (OWASP: a leading ' before a formula start)."""
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


@fast
@given(st.lists(SAFE_TEXT, min_size=1, max_size=3), st.sampled_from(["mentions", "places", "events"]))
def test_every_export_reads_back_equal(texts, what):
    from explorer.core.store import ingest as ingest_mod
    from explorer.core.models import Event

    def events(article, text, mentions):
        return [Event(article.article_id, "airstrike", "Battles", m.sentence_start, m.sentence_end, m.place,
                      "hit", None, None, ("a", text[:5])) for m in mentions]

    real = ingest_mod.find_events
    ingest_mod.find_events = events
    try:
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "rows.jsonl"
            with open(p, "w", encoding="utf-8") as f:
                for i, text in enumerate(texts):
                    f.write(json.dumps({"id": f"r{i}", "text": "Quetta hit. " + text + " Lahore."}) + "\n")
            result = ingest([p], geoparser=FakeGeoparser())
            corpus = result.project
            feats = features(corpus, what)
            cols = [c for c, _ in COLUMNS[what]]

            def flat(v):
                return "; ".join(v) if isinstance(v, list) else v

            out = Path(d) / "x.geojson"
            export(corpus, what, out)
            doc = json.loads(out.read_text(encoding="utf-8"))
            assert [f["properties"] for f in doc["features"]] == [props for _, props in feats]

            out = Path(d) / "x.csv"
            export(corpus, what, out)
            with open(out, encoding="utf-8", newline="") as f:
                back = list(csv.DictReader(f))
            assert len(back) == len(feats)
            for row, (_xy, props) in zip(back, feats):
                for c in cols:
                    want = flat(props[c])
                    if want is None:
                        assert row[c] == ""
                    elif isinstance(want, str):
                        assert row[c] == _neutralised(want), (c, row[c], want)
                    else:
                        assert float(row[c]) == want

            out = Path(d) / "x.gpkg"
            export(corpus, what, out)
            conn = sqlite3.connect(out)
            try:
                rows = conn.execute(f'SELECT {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{what}" '
                                    "ORDER BY fid").fetchall()
            finally:
                conn.close()
            assert [list(r) for r in rows] == [[flat(props[c]) for c in cols] for _, props in feats]

            out = Path(d) / "x.kml"
            export(corpus, what, out)
            ET.parse(out)  # well-formed XML whatever the text held
    finally:
        ingest_mod.find_events = real
