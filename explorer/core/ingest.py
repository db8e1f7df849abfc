"""The one entry point that turns article files into mentions on places.

The CLI and the GUI both call :func:`ingest`. It never raises for a bad
article: the error is recorded in ``Corpus.errors`` and the batch goes on.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from explorer import resources
from explorer.core.corpus import ArticleError, expand_paths, load_text_article, read_manifest
from explorer.core.models import Article, Mention
from explorer.core.sentences import SentenceIndex
from explorer.core.store import Corpus
from explorer.core.textclean import clean

ProgressFn = Callable[[int, int, str], None]  # (done, total, current file name)


class Cancelled(Exception):
    """Raised inside ingest when the caller asked to stop."""


def default_sources() -> list[Path]:
    return resources.seed_paths()


def locate(article: Article, geoparser=None) -> list[Mention]:
    """Geoparse one article and return its mentions with raw offsets."""
    if geoparser is None:
        from explorer.core.geoparse import default_geoparser

        geoparser = default_geoparser()
    cleaned = clean(article.raw_text)
    sentences = SentenceIndex(cleaned.text)
    mentions = []
    for top in geoparser.parse(cleaned.text):
        if top.place is None:
            continue
        start, end = cleaned.to_raw(top.start), cleaned.to_raw(top.end)
        if not cleaned.kept(start, end):
            continue
        s_start, s_end = sentences.containing(top.start, top.end)
        mentions.append(Mention(
            article_id=article.article_id,
            start=start,
            end=end,
            surface=article.raw_text[start:end],
            place=top.place,
            score=top.score,
            sentence_start=cleaned.to_raw(s_start),
            sentence_end=cleaned.to_raw(s_end),
        ))
    return mentions


def ingest(
    sources: Iterable[str | Path] | None = None,
    *,
    corpus: Corpus | None = None,
    geoparser=None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Corpus:
    """Read, clean and geoparse articles into ``corpus`` (a new one by default).

    ``sources`` are files or folders; None means the bundled seed corpus.
    Unreadable inputs are recorded in ``corpus.errors``; nothing already in
    the corpus is lost. ``should_stop`` is polled between articles and stops
    the batch cleanly (raising :class:`Cancelled`), keeping what was done.
    """
    corpus = corpus if corpus is not None else Corpus()
    paths = expand_paths(list(sources)) if sources is not None else default_sources()
    manifests: dict[Path, dict] = {}
    total = len(paths)
    for i, path in enumerate(paths):
        if should_stop is not None and should_stop():
            raise Cancelled(f"stopped after {i} of {total} files")
        if progress is not None:
            progress(i, total, path.name)
        try:
            folder = path.parent
            if folder not in manifests:
                manifests[folder] = read_manifest(folder)
            article = load_text_article(path, manifests[folder])
            corpus.add(article, locate(article, geoparser))
        except ArticleError as exc:
            corpus.errors.append(exc)
    if progress is not None:
        progress(total, total, "")
    return corpus
