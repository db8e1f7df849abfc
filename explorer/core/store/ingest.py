"""The one entry point that turns article files into mentions on places (and events).

The CLI and the GUI both call it. It never raises for a bad article: the
error is recorded and the batch goes on. Everything goes through a project
(:class:`explorer.core.store.project.Project`), the one store, where the
event ledger merges the reports of one happening:

- ``ingest_into_project(sources, project)``: writes into an open project,
  one transaction per article; an article whose content hash (and analysis
  version) is unchanged is not parsed again; a changed one replaces its
  rows. Returns an :class:`IngestSummary` of what was added / replaced /
  unchanged / failed.
- ``ingest(sources, project=None)``: the same, then the project's contents
  as a :class:`Corpus`; with no project, a temporary one in memory (the
  bundled seeds, ``export PATH…``, ``snapshot PATH…``).

Both call ``report(outcome)`` once per article (or failure) when given.
Formats read: see :mod:`explorer.core.formats` (.txt, .md, .html, .jsonl).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from explorer import resources
from explorer.core.corpus import ArticleError, expand_paths, read_manifest
from explorer.core.formats import analysis_text, format_of, read_articles
from explorer.core.models import Article, Event, Mention
from explorer.core.sentences import SentenceIndex
from explorer.core.store.memory import Corpus
from explorer.core.textclean import clean

ProgressFn = Callable[[int, int, str], None]  # (done, total, current file name)


class Cancelled(Exception):
    """Raised inside ingest when the caller asked to stop."""


@dataclass
class Outcome:
    """What happened to one article (or to a file that could not be read).

    status: 'added', 'replaced', 'unchanged', 'read' (in memory, no project)
    or 'failed'. ``warnings`` are problems that did not stop the article
    (e.g. the event extractor failed on it: the article and its mentions
    are kept, with no events).
    """

    source: str
    status: str
    article_id: str | None = None
    mentions: int = 0
    events: int = 0
    error: ArticleError | None = None
    warnings: list[ArticleError] = field(default_factory=list)


@dataclass
class IngestSummary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def errors(self) -> list[ArticleError]:
        return [o.error for o in self.outcomes if o.error is not None]


def default_sources() -> list[Path]:
    return resources.seed_paths()


def _default_geoparser():
    from explorer.core.geoparse import default_geoparser

    return default_geoparser()


def _locate(article: Article, text: str, geoparser) -> list[Mention]:
    """Mentions found in ``text`` (see :func:`prepare`): it has the raw text's
    length and masks what is not article text with spaces, so its offsets are
    raw offsets and nothing is found where text was dropped."""
    sentences = SentenceIndex(text)
    mentions = []
    for top in geoparser.parse(text):
        if top.place is None:
            continue
        start, end = top.start, top.end
        s_start, s_end = sentences.containing(start, end)
        mentions.append(Mention(
            article_id=article.article_id,
            start=start,
            end=end,
            surface=article.raw_text[start:end],
            place=top.place,
            score=top.score,
            sentence_start=s_start,
            sentence_end=s_end,
        ))
    return mentions


def prepare(article: Article) -> str:
    """The text the geoparser and event extractor see: cleaned (and Markdown masked), same length as raw."""
    return analysis_text(article, clean(article.raw_text).text)


def locate(article: Article, geoparser=None) -> list[Mention]:
    """Geoparse one article and return its mentions with raw offsets."""
    if geoparser is None:
        geoparser = _default_geoparser()
    return _locate(article, prepare(article), geoparser)


def find_events(article: Article, text: str, mentions: list[Mention]) -> list[Event]:
    """The article's events, from explorer.core.events when it is installed (else none)."""
    try:
        from explorer.core.events import extract_events
    except ImportError:
        return []
    return list(extract_events(article, text, mentions))


def _analyse(article: Article, geoparser, outcome: Outcome) -> tuple[list[Mention], list[Event]]:
    text = prepare(article)
    try:
        mentions = _locate(article, text, geoparser)
    except ImportError:  # no geoparser at all: a broken install, not a bad article
        raise
    except Exception as exc:  # a geoparser bug on one article must not stop the batch
        raise ArticleError(article.path or article.article_id,
                           f"geoparsing failed ({exc.__class__.__name__}: {exc})") from exc
    try:
        events = find_events(article, text, mentions)
    except Exception as exc:
        outcome.warnings.append(ArticleError(article.path or article.article_id,
                                             f"events not extracted ({exc.__class__.__name__}: {exc})"))
        events = []
    return mentions, events


def _iter_ingest(paths: list[Path], geoparser, project, force: bool,
                 progress: ProgressFn | None, should_stop: Callable[[], bool] | None) -> Iterator[Outcome]:
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
                try:
                    manifests[folder] = read_manifest(folder)
                except ArticleError as exc:  # a broken manifest: say so once, read the articles without it
                    manifests[folder] = {}
                    yield Outcome(str(exc.path), "failed", error=exc)
            items = read_articles(path, manifests[folder])
            for item in items:
                if isinstance(item, ArticleError):
                    yield Outcome(str(path), "failed", error=item)
                    continue
                article = item
                outcome = Outcome(str(path), "read", article.article_id)
                if not force and project.article_status(article.article_id, article.content_hash) == "unchanged":
                    outcome.status = "unchanged"
                    yield outcome
                    continue
                try:
                    mentions, events = _analyse(article, geoparser, outcome)
                except ArticleError as exc:
                    yield Outcome(str(path), "failed", article.article_id, error=exc)
                    continue
                outcome.status = project.put_article(article, mentions, events, fmt=format_of(article.path),
                                                     force=force)
                outcome.mentions, outcome.events = len(mentions), len(events)
                yield outcome
                if should_stop is not None and should_stop() and format_of(path) == "jsonl":
                    raise Cancelled(f"stopped in {path.name}, after {i} of {total} files")
        except ArticleError as exc:
            yield Outcome(str(path), "failed", error=exc)
    if progress is not None:
        progress(total, total, "")


def _paths(sources: Iterable[str | Path] | None) -> list[Path]:
    return expand_paths(list(sources)) if sources is not None else default_sources()


def ingest(
    sources: Iterable[str | Path] | None = None,
    *,
    project=None,
    geoparser=None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
    force: bool = False,
    report: Callable[[Outcome], None] | None = None,
) -> Corpus:
    """Read, clean and geoparse articles into ``project``, and return its whole contents.

    ``sources`` are files or folders; None means the bundled seed corpus.
    With no ``project``, a temporary one in memory holds them. Unreadable
    inputs are recorded in the returned ``Corpus.errors`` (with the warnings
    of articles read); nothing already in the project is lost.
    ``should_stop`` is polled between articles and stops the batch cleanly,
    raising :class:`Cancelled` with what was done as ``partial`` (a Corpus).
    """
    from explorer.core.store.project import Project

    own = project is None
    if own:
        project = Project(Project.MEMORY)
    errors: list[ArticleError] = []

    def collect(outcome: Outcome) -> None:
        if outcome.error is not None:
            errors.append(outcome.error)
        errors.extend(outcome.warnings)
        if report is not None:
            report(outcome)

    try:
        try:
            ingest_into_project(sources, project, geoparser=geoparser, progress=progress, should_stop=should_stop,
                                force=force, report=collect)
        except Cancelled as exc:
            exc.partial = project.load_corpus()
            exc.partial.errors = errors
            raise
        corpus = project.load_corpus()
        corpus.errors = errors
        return corpus
    finally:
        if own:
            project.close()


def ingest_into_project(
    sources: Iterable[str | Path] | None,
    project,
    *,
    geoparser=None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
    force: bool = False,
    report: Callable[[Outcome], None] | None = None,
) -> IngestSummary:
    """Write articles into ``project`` without keeping them in memory. See :func:`ingest`."""
    summary = IngestSummary()
    if geoparser is None:
        geoparser = _LazyGeoparser()
    for outcome in _iter_ingest(_paths(sources), geoparser, project, force, progress, should_stop):
        summary.outcomes.append(outcome)
        if report is not None:
            report(outcome)
    return summary


class _LazyGeoparser:
    """The application's geoparser, loaded on first use (not when every file is unchanged or bad)."""

    def __init__(self):
        self._gp = None

    def parse(self, text: str):
        if self._gp is None:
            self._gp = _default_geoparser()
        return self._gp.parse(text)


def ingest_command(paths: list[str], project_path: str | None, *, force: bool = False, out=None) -> int:
    """``geo-explorer ingest``: one line per article (added / unchanged / replaced / failed), then totals.

    Exit status 0 when every readable article went in (even if some inputs
    failed), 1 when inputs failed and nothing went in, 2 when the project
    cannot be opened.
    """
    import sys

    from explorer.core.store.project import Project, ProjectError, default_project_path

    out = out or sys.stdout
    target = Path(project_path) if project_path else default_project_path()
    files = expand_paths(paths)
    if not files:
        print("error: no article files found in " + ", ".join(paths), file=sys.stderr)
        return 1
    try:
        project = Project(target)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    def report(o: Outcome) -> None:
        if o.status == "failed":
            print(f"failed     {o.error}", file=out)
        else:
            detail = f" ({o.mentions} mentions, {o.events} events)" if o.status != "unchanged" else ""
            print(f"{o.status:<10} {o.article_id}  [{o.source}]{detail}", file=out)
        for w in o.warnings:
            print(f"warning    {w}", file=out)

    try:
        with project:
            summary = ingest_into_project(files, project, force=force, report=report)
            counts = project.counts()
    except ImportError as exc:
        print(f"error: the geoparser cannot be loaded ({exc}); nothing more was written", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every article finished before the interruption is in the project", file=sys.stderr)
        return 130
    ok = sum(summary.count(s) for s in ("added", "replaced", "unchanged"))
    print(f"{target}: {summary.count('added')} added, {summary.count('replaced')} replaced, "
          f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed; the project holds "
          f"{counts['articles']} articles, {counts['mentions']} mentions, {counts['events']} events, "
          f"{counts['places']} places", file=out)
    return 0 if ok or not summary.count("failed") else 1
