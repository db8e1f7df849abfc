"""Readers: .txt, .md, .html, .jsonl, and folder expansion."""
import json

import pytest

from explorer.core.text.readers import format_of, load_article, markdown_mask, read_articles
from explorer.core.text.sources import ArticleError, expand_paths
from tests.fakes import FakeGeoparser
from tests.contents import ingested

MD = """---
title: Envoys meet in Lahore
date: 2024-01-18
---
# Envoys *meet* in [Lahore](https://example.com/quetta-story)

Officials from **Zahedan** arrived in `Lahore` on Thursday.

> A quote from Quetta.

- The first point is about Balochistan.
- The second point is short.

![Quetta skyline](img/quetta.jpg)

```
Zahedan in a code block
```

<span class="x">Pakistan</span> is named in HTML.
"""


def test_markdown_mask_keeps_length_lines_and_words():
    masked = markdown_mask(MD)
    assert len(masked) == len(MD)
    assert [i for i, c in enumerate(MD) if c == "\n"] == [i for i, c in enumerate(masked) if c == "\n"]
    assert "title:" not in masked and "https" not in masked and "**" not in masked and "`" not in masked
    assert "quetta-story" not in masked and "skyline" not in masked and "code block" not in masked
    assert "span" not in masked and "#" not in masked and ">" not in masked
    for word in ("Envoys", "meet", "Lahore", "Zahedan", "Quetta", "Balochistan", "Pakistan"):
        i = MD.index(word, MD.index("# Envoys"))
        assert masked[i:i + len(word)] == word  # kept, at the same offset


def test_markdown_article_offsets_are_file_offsets(tmp_path):
    p = tmp_path / "note.md"
    p.write_text(MD, encoding="utf-8")
    a = load_article(p)
    assert a.raw_text == MD and a.title == "Envoys meet in Lahore" and a.published == "2024-01-18"
    corpus = ingested([p], geoparser=FakeGeoparser())
    assert not corpus.errors
    names = [m.place.name for m in corpus.mentions]
    # Link targets, image alt text, code blocks are not article text; the HTML tag's content is.
    assert names == ["Lahore", "Zahedan", "Lahore", "Quetta", "Balochistan", "Pakistan"]
    for m in corpus.mentions:
        assert MD[m.start:m.end] == m.surface == m.place.name
    z = corpus.mentions[1]
    assert corpus.excerpt(z) == "Officials from **Zahedan** arrived in `Lahore` on Thursday."


def test_markdown_title_without_front_matter(tmp_path):
    p = tmp_path / "plain.md"
    p.write_text("## *Talks* in [Lahore](http://x.example)\n\nText about Quetta.\n", encoding="utf-8")
    assert load_article(p).title == "Talks in Lahore"


def test_html_main_text_and_title_extracted(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<!doctype html><html><head><title>Strikes near Quetta | The Daily</title>
<meta property="article:published_time" content="2024-01-17"><script>var tracking = "Lahore";</script>
<style>body { font-family: Zahedan; }</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Strikes near Quetta</h1>
<p>Officials in Quetta said that strikes hit the outskirts of the city on Tuesday, and that the
border crossing towards Zahedan was closed for the day while talks went on.</p>
<p>A reader wrote &lt;script&gt;alert("x")&lt;/script&gt; in the comments &amp; nobody ran it.</p>
</article><footer>Copyright 2024 The Daily. All rights reserved.</footer>
<script>document.write("Balochistan")</script></body></html>""", encoding="utf-8")
    a = load_article(p)
    assert a.title == "Strikes near Quetta"
    assert a.published == "2024-01-17"
    assert "strikes hit the outskirts" in a.raw_text
    assert '<script>alert("x")</script>' in a.raw_text  # escaped text in the page stays text
    assert "tracking" not in a.raw_text and "font-family" not in a.raw_text and "Home" not in a.raw_text
    assert "document.write" not in a.raw_text
    assert len(a.content_hash) == 64
    corpus = ingested([p], geoparser=FakeGeoparser())
    assert {m.place.name for m in corpus.mentions} == {"Quetta", "Zahedan"}
    assert all(a.raw_text[m.start:m.end] == m.surface for m in corpus.mentions)


def test_all_script_html_is_a_clear_error(tmp_path):
    p = tmp_path / "app.htm"
    p.write_text("<html><head><script src='a.js'></script><style>p{}</style></head>"
                 "<body><script>window.location='https://example.com/Quetta'</script><div id='root'></div></body></html>",
                 encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        load_article(p)
    assert "no article text found" in str(info.value) and str(p) in str(info.value)


def test_jsonl_rows_become_articles_and_bad_rows_name_their_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"id": "r1", "title": "One", "date": "2024-01-16", "text": "Strikes in Quetta."}),
        "{broken json",
        "",
        json.dumps({"id": "r2", "text": "Talks in Lahore.\nMore."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "r3", "title": "No text"}),
        json.dumps({"id": "r4", "date": "next Tuesday", "text": "Zahedan."}),
        json.dumps({"title": "No id", "date": "2024-02", "text": "Zahedan again."}),
    ]
    p.write_bytes(("\n".join(rows) + "\n").encode("utf-8") + b'{"id": "r5", "text": "caf\xe9"}\n')
    items = list(read_articles(p))
    good = [i for i in items if not isinstance(i, ArticleError)]
    bad = [i for i in items if isinstance(i, ArticleError)]
    assert [a.article_id for a in good] == ["r1", "r2", "feed:8"]
    assert good[0].title == "One" and good[0].published == "2024-01-16" and good[0].dates == ["2024-01-16"]
    assert good[1].title == "Talks in Lahore." and good[1].raw_text == "Talks in Lahore.\nMore."
    assert good[2].published == "2024-02"
    assert [e.line for e in bad] == [2, 5, 6, 7, 9]
    assert all(str(p) in str(e) for e in bad)
    assert "line 2: not valid JSON" in str(bad[0])
    assert "JSON object" in str(bad[1]) and '"text"' in str(bad[2]) and "ISO date" in str(bad[3])
    assert "not UTF-8" in str(bad[4])
    assert len({a.content_hash for a in good}) == 3

    corpus = ingested([p], geoparser=FakeGeoparser())
    assert list(corpus.articles) == ["r1", "r2", "feed:8"]
    assert len(corpus.errors) == 5
    assert [m.place.name for m in corpus.mentions] == ["Quetta", "Lahore", "Zahedan"]


def test_jsonl_file_level_errors(tmp_path):
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b"\n\n")
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\x00\x01" * 100)
    for p, needle in ((empty, "empty"), (binary, "binary")):
        with pytest.raises(ArticleError, match=needle):
            list(read_articles(p))


def test_unsupported_and_suffixless_files(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 whatever")
    with pytest.raises(ArticleError, match="unsupported file type '.pdf'"):
        list(read_articles(pdf))
    plain = tmp_path / "README"
    plain.write_text("News from Quetta.", encoding="utf-8")
    assert load_article(plain).article_id == "README"
    assert [format_of(x) for x in ("a.TXT", "b.Md", "c.htm", "d.HTML", "e.jsonl", "f")] == \
        ["txt", "md", "html", "html", "jsonl", "txt"]


def test_folders_expand_recursively_to_article_files(tmp_path):
    for rel in ("a.txt", "b.md", "sub/c.html", "sub/deeper/d.jsonl", "sub/e.htm", "x.pdf", "manifest.json",
                ".hidden/f.txt", "sub/.g.txt"):
        q = tmp_path / rel
        q.parent.mkdir(parents=True, exist_ok=True)
        q.write_text("Quetta.", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])]
    assert got == ["a.txt", "b.md", "sub/c.html", "sub/deeper/d.jsonl", "sub/e.htm"]
