"""Readers for every kind of article file: .txt, .md, .html/.htm and .jsonl.

Each reader turns a file into :class:`~explorer.core.models.Article` records
or raises :class:`~explorer.core.text.errors.ArticleError` with a message
that names the file (and, for JSON Lines, the line). Which suffix goes to
which reader, and each format's size limit, is declared in
:mod:`explorer.core.text.registry`. Bytes are read and decoded by
:mod:`explorer.core.text.decode` (regular files only, capped reads, UTF-8,
UTF-16/32 by byte-order mark, Windows-1252 prose). What a reader had to do
to read an article (decode it as Windows-1252, replace unpaired
surrogates) are warnings in ``Article.notes``; :func:`language_note` says
when an article is not in English (ingest asks for it).

Ids. A reader is given the file's id by the batch (see
:mod:`explorer.core.text.sources`); without one it is the file's stem. A
JSON Lines row keeps its own ``"id"``; a row without one gets
``FILE-ID:LINE``.

Offsets. Every offset the application stores is an offset into
``Article.raw_text``. What ``raw_text`` is depends on the format:

- ``.txt``: the decoded file, as is (a byte-order mark is not part of it).
- ``.md``: the decoded file, as is (markup included), so offsets are offsets
  into the file. Before geoparsing, :func:`markdown_mask` replaces the markup
  (``#``, ``*``, link targets, images, code fences, HTML tags, front matter)
  by spaces, one for one, like :mod:`explorer.core.text.clean` does for page
  furniture: the masked text has the length of the raw text, so an offset
  found in it is an offset into the file.
- ``.html``/``.htm``: the article's main text as extracted by trafilatura
  (boilerplate, menus, scripts dropped). The page source is not kept; offsets
  are into the extracted text. The title comes from the page.
- ``.jsonl``: one article per line, ``{"id", "title", "date", "text"}``;
  ``raw_text`` is the ``text`` value (unpaired surrogates replaced by
  U+FFFD, one for one). A bad line is an error for that line only;
  :func:`read_articles` yields it and goes on with the next line.

Text is always stored as text: markup that an article quotes (``<script>``…)
is kept as characters and never interpreted.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from explorer.core.models import Article
from explorer.core.text.clean import title_of
from explorer.core.text.decode import decode_text, open_regular, read_capped, scrub_surrogates
from explorer.core.text.errors import ArticleError
from explorer.core.text.registry import (
    ARTICLE_SUFFIXES,
    BY_NAME,
    MAX_ARTICLE_BYTES,
    format_of,
    input_format,
    is_article_file,
    suffix_list,
)

__all__ = ["ArticleError", "ManifestEntry", "format_of", "is_article_file", "read_articles", "load_article",
           "markdown_mask", "analysis_text", "language_note", "read_txt", "read_markdown", "read_html", "iter_jsonl",
           "ARTICLE_SUFFIXES", "MAX_ARTICLE_BYTES"]


@dataclass(frozen=True)
class ManifestEntry:
    title: str | None
    outlet: str | None
    dates: tuple[str, ...]
    published: str | None


Manifest = dict[str, ManifestEntry]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _limit(name: str) -> int:
    return BY_NAME[name].max_bytes


def _article(path: Path, aid: str | None, title: str, text: str, data: bytes, manifest: Manifest | None,
             published: str | None = None, notes: list | None = None) -> Article:
    entry = (manifest or {}).get(path.stem)
    aid = aid or path.stem
    return Article(
        article_id=aid,
        title=(entry.title if entry and entry.title else title) or aid,
        raw_text=text,
        path=str(path),
        outlet=entry.outlet if entry else None,
        dates=list(entry.dates) if entry else ([published] if published else []),
        published=(entry.published if entry and entry.published else published),
        content_hash=content_hash(data),
        notes=list(notes or []),
    )


def language_note(article: Article) -> ArticleError | None:
    """A warning when the article is confidently written in a language other than English.

    Not run by the readers themselves (an unchanged article is never looked
    at again): ingest asks for it for each article it analyses.
    """
    from explorer.core.text.language import foreign_language

    text = markdown_mask(article.raw_text) if format_of(article.path) == "md" else article.raw_text
    found = foreign_language(text)
    if found is None:
        return None
    return ArticleError(article.path or article.article_id,
                        f"written in {found.name} ({found.code}), not English: the geoparser reads English, "
                        "so places may be missed or misread", line=article.line)


def _decoded(path: Path, data: bytes) -> tuple[str, list]:
    text, note = decode_text(path, data)
    return text, ([ArticleError(path, note)] if note else [])


# ---------------------------------------------------------------- .txt

def read_txt(path: Path, manifest: Manifest | None = None, article_id: str | None = None) -> Article:
    path = Path(path)
    data = read_capped(path, _limit("txt"))
    text, notes = _decoded(path, data)
    return _article(path, article_id, title_of(text), text, data, manifest, notes=notes)


# ---------------------------------------------------------------- .md

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)([^\]\n]*)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>|\bhttps?://[^\s)\]>]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?=[ \t]|$)|[ \t]+#+[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])", re.MULTILINE)
_EMPHASIS = re.compile(r"(?<![\w*_~])(\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_CODE_TICKS = re.compile(r"`+")
_TABLE_PIPE = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)


def markdown_mask(text: str) -> str:
    """``text`` with Markdown markup replaced by spaces, one for one.

    Line breaks are kept, so the result has exactly the length of ``text``
    and the same lines; words stay where they were.
    """
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    fm = _FRONT_MATTER.match(text)
    if fm:
        blank(0, fm.end())
    # Fenced code blocks: the fences and everything between them.
    fences = [m for m in _FENCE.finditer(text) if not fm or m.start() >= fm.end()]
    for a, b in zip(fences[::2], fences[1::2]):
        blank(a.start(), b.end())
    if len(fences) % 2:
        blank(fences[-1].start(), fences[-1].end())
    for pattern in (_IMAGE, _LINK_DEF, _AUTOLINK, _HTML_TAG, _SETEXT, _RULE, _TABLE_RULE):
        for m in pattern.finditer(text):
            blank(m.start(), m.end())
    for m in _LINK.finditer(text):  # keep the link's text, drop brackets and target
        blank(m.start(1), m.end(1))
        blank(m.start(3), m.end(3))
    for pattern in (_HEADING, _QUOTE, _BULLET, _EMPHASIS, _CODE_TICKS):
        for m in pattern.finditer(text):
            blank(m.start(), m.end())
    for m in _TABLE_PIPE.finditer(text):
        for i in range(m.start(), m.end()):
            if text[i] == "|":
                chars[i] = " "
    return "".join(chars)


def _front_matter(text: str) -> dict[str, str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}
    out = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            out[key.strip().lower()] = value.strip().strip("'\"")
    return out


def read_markdown(path: Path, manifest: Manifest | None = None, article_id: str | None = None) -> Article:
    path = Path(path)
    data = read_capped(path, _limit("md"))
    text, notes = _decoded(path, data)
    masked = markdown_mask(text)
    if not any(ch.isalpha() for ch in masked):
        raise ArticleError(path, "the file holds no words outside its Markdown markup")
    meta = _front_matter(text)
    title = meta.get("title") or " ".join(title_of(masked).split())
    published = _iso_date(meta.get("date"))
    return _article(path, article_id, title, text, data, manifest, published, notes)


# ---------------------------------------------------------------- .html

def read_html(path: Path, manifest: Manifest | None = None, article_id: str | None = None) -> Article:
    path = Path(path)
    data = read_capped(path, _limit("html"))
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "the file is binary, not an HTML page")
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency of the package
        raise ArticleError(path, "reading HTML needs the 'trafilatura' package") from None
    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken input
        raise ArticleError(path, f"cannot parse the HTML page ({exc.__class__.__name__}: {exc})") from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    text, bad = scrub_surrogates(text.strip())
    if not text or not any(ch.isalpha() for ch in text):
        raise ArticleError(path, "no article text found in the HTML page (only markup, scripts or styles)")
    title = scrub_surrogates((getattr(doc, "title", None) or "").strip())[0] or title_of(text)
    published = _iso_date(getattr(doc, "date", None))
    notes = [ArticleError(path, f"{bad} unpaired surrogate(s) replaced by U+FFFD")] if bad else []
    return _article(path, article_id, title, text, data, manifest, published, notes)


# ---------------------------------------------------------------- .jsonl

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _iso_date(value) -> str | None:
    """An ISO date ('2024', '2024-01', '2024-01-16') from the start of ``value``, else None."""
    if not isinstance(value, str):
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    if mo and not 1 <= int(mo) <= 12 or d and not 1 <= int(d) <= 31:
        return None
    return "-".join(p for p in (y, mo, d) if p)


MAX_ID_CHARS = 500


def _jsonl_article(path: Path, lineno: int, raw: bytes, file_id: str) -> Article:
    def fail(reason: str) -> ArticleError:
        return ArticleError(path, reason, line=lineno)

    try:
        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (invalid byte at column {exc.start + 1})") from None
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise fail(f"not valid JSON ({getattr(exc, 'msg', exc)} at column {getattr(exc, 'colno', '?')})") from None
    except RecursionError:
        raise fail("not valid JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise fail('expected a JSON object {"id", "title", "date", "text"}')
    notes = []

    def text_field(key: str, value: str) -> str:
        value, bad = scrub_surrogates(value)
        if bad:
            notes.append(fail(f'{bad} unpaired surrogate(s) in "{key}" replaced by U+FFFD (one character '
                              'for one: offsets are unchanged)'))
        return value

    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise fail('no "text" (a non-empty string) in this row')
    if not any(ch.isalpha() for ch in text):
        raise fail('the "text" holds no words')
    text = text_field("text", text)
    aid = obj.get("id")
    if isinstance(aid, (str, int)) and not isinstance(aid, bool):
        aid = str(aid).strip()
    elif aid is not None:
        raise fail('"id" must be a string or a number')
    if not aid:
        aid = f"{file_id}:{lineno}"
    elif len(aid) > MAX_ID_CHARS:
        raise fail(f'"id" is {len(aid)} characters long; at most {MAX_ID_CHARS}')
    aid = text_field("id", aid)
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise fail('"title" must be a string')
    title = text_field("title", title) if title else title
    date = obj.get("date")
    published = None
    if date not in (None, ""):
        published = _iso_date(date)
        if published is None:
            raise fail(f'"date" {str(date)[:40]!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)')
    outlet = obj.get("outlet") if isinstance(obj.get("outlet"), str) else None
    return Article(
        article_id=aid,
        title=(title or "").strip() or title_of(text),
        raw_text=text,
        path=str(path),
        outlet=text_field("outlet", outlet) if outlet else None,
        dates=[published] if published else [],
        published=published,
        content_hash=content_hash(raw.strip()),
        notes=notes,
        line=lineno,
    )


def iter_jsonl(path: Path, manifest: Manifest | None = None, article_id: str | None = None
               ) -> Iterator[Article | ArticleError]:
    """Each line's Article, or the ArticleError for that line; in bounded memory.

    A file-level problem (cannot open, not a regular file, empty, binary)
    raises ArticleError. ``article_id`` is the file's id, the stem of the
    ids of rows that have none.
    """
    path = Path(path)
    file_id = article_id or path.stem
    limit = _limit("jsonl")
    f = open_regular(path)
    with f:
        try:
            head = f.read(8192)
            if b"\x00" in head:
                raise ArticleError(path, "the file is binary, not JSON Lines")
            if not head.strip():
                raise ArticleError(path, "the file is empty")
            f.seek(0)
            for lineno, raw in bounded_lines(f, limit):
                if raw is None:
                    yield ArticleError(path, f"the row is over {limit // (1024 * 1024)} MB", line=lineno)
                    continue
                if not raw.strip():
                    continue
                try:
                    yield _jsonl_article(path, lineno, raw, file_id)
                except ArticleError as exc:
                    yield exc
        except OSError as exc:
            raise ArticleError(path, f"cannot read the file ({exc.strerror or exc})") from None


class EndlessLine(Exception):
    """A line still without its end after ``give_up`` characters (:func:`bounded_lines`)."""

    def __init__(self, lineno: int):
        super().__init__(lineno)
        self.lineno = lineno


def bounded_lines(stream, limit: int, give_up: int | None = None):
    """(line number, the line) for each line of ``stream`` (bytes or text), never holding more than
    ``limit`` of one: a longer line comes as (line number, None), its rest read past in bounded pieces.
    With ``give_up``, a line whose end is not found within that much raises :class:`EndlessLine`."""
    lineno = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        nl = b"\n" if isinstance(raw, bytes) else "\n"
        if len(raw) > limit and not raw.endswith(nl):
            skipped = len(raw)
            while True:
                if give_up is not None and skipped > give_up:
                    raise EndlessLine(lineno)
                rest = stream.readline(1 << 20)
                skipped += len(rest)
                if not rest or rest.endswith(nl):
                    break
            yield lineno, None
            continue
        yield lineno, raw


# ---------------------------------------------------------------- dispatch

def _reader(path: Path):
    fmt = input_format(path)
    if fmt is None:
        raise ArticleError(path, f"unsupported file type {path.suffix!r} (Geo Explorer reads {suffix_list()})")
    return fmt, globals()[fmt.reader]


def read_articles(path: str | Path, manifest: Manifest | None = None, article_id: str | None = None
                  ) -> Iterator[Article | ArticleError]:
    """The articles in one file, each an Article or (for a bad JSONL line) an ArticleError.

    Raises ArticleError when the file as a whole cannot be read. ``article_id``
    is the file's id (default: its stem); ``manifest`` describes files by stem.
    """
    path = Path(path)
    fmt, reader = _reader(path)
    if fmt.many:
        yield from reader(path, manifest, article_id)
        return
    yield reader(path, manifest, article_id)


def load_article(path: str | Path, manifest: Manifest | None = None, article_id: str | None = None) -> Article:
    """The one article in a .txt, .md or .html file. Raises ArticleError."""
    path = Path(path)
    fmt, reader = _reader(path)
    if fmt.many:
        raise ArticleError(path, "a JSON Lines file holds many articles: use read_articles()")
    return reader(path, manifest, article_id)


def analysis_text(article: Article, cleaned_text: str) -> str:
    """The text the geoparser and the event extractor see (same length as raw)."""
    if format_of(article.path) == "md":
        masked = markdown_mask(article.raw_text)
        # Keep what textclean masked, and mask the markup too.
        return "".join(c if m != " " or c in "\r\n" else " " for c, m in zip(cleaned_text, masked))
    return cleaned_text
