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
Formats read: see :mod:`explorer.core.text.registry` (.txt, .md, .html, .jsonl); which files a
batch reads and the ids their articles get: :mod:`explorer.core.text.sources`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from explorer import resources
from explorer.core.text.readers import analysis_text, format_of, language_note
from explorer.core.text.sources import ArticleError, Batch
from explorer.core.models import Article, Event, Mention
from explorer.core.store.memory import Corpus
from explorer.core.text.clean import clean
from explorer.core.text.sentences import SentenceIndex

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


def _iter_ingest(batch: Batch, geoparser, project, force: bool,
                 progress: ProgressFn | None, should_stop: Callable[[], bool] | None) -> Iterator[Outcome]:
    """One outcome per article, per unreadable input and per id clash, in order (see explorer.core.text.sources)."""
    for problem in batch.problems:  # unreadable folders, special files, looping links
        yield Outcome(problem.path, "failed", error=problem)
    paths = batch.files
    total = len(paths)
    for i, path in enumerate(paths):
        if should_stop is not None and should_stop():
            raise Cancelled(f"stopped after {i} of {total} files")
        if progress is not None:
            progress(i, total, path.name)
        for item in batch.read(path):
            if isinstance(item, ArticleError):
                yield Outcome(str(path), "failed", error=item)
                continue
            article = item
            outcome = Outcome(str(path), "read", article.article_id)
            outcome.warnings.extend(article.notes)
            if not force and project.article_status(article.article_id, article.content_hash) == "unchanged":
                outcome.status = "unchanged"
                yield outcome
                continue
            language = language_note(article)
            if language is not None:
                outcome.warnings.append(language)
            try:
                mentions, events = _analyse(article, geoparser, outcome)
            except ArticleError as exc:
                yield Outcome(str(path), "failed", article.article_id, error=exc, warnings=outcome.warnings)
                continue
            try:
                outcome.status = project.put_article(article, mentions, events, fmt=format_of(article.path),
                                                     force=force)
            except (UnicodeError, ValueError, OverflowError) as exc:  # this article's data, not the store
                yield Outcome(str(path), "failed", article.article_id, warnings=outcome.warnings,
                              error=ArticleError(article.path or article.article_id,
                                                 f"not written ({exc.__class__.__name__}: {exc})"))
                continue
            outcome.mentions, outcome.events = len(mentions), len(events)
            yield outcome
            if should_stop is not None and should_stop() and format_of(path) == "jsonl":
                raise Cancelled(f"stopped in {path.name}, after {i} of {total} files")
    if progress is not None:
        progress(total, total, "")


def _batch(sources: Iterable[str | Path] | None) -> Batch:
    return Batch(list(sources) if sources is not None else default_sources())


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
        for w in outcome.warnings:
            w.warning = True  # read all the same: callers say "warning", not "skipped"
            errors.append(w)
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
    for outcome in _iter_ingest(_batch(sources), geoparser, project, force, progress, should_stop):
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


class _ProjectOnFirstWrite:
    """The project named to ``ingest``, made only when its first article is written.

    A batch in which nothing can be read leaves no empty project file behind.
    Whether the file could be made is checked at once (nothing is created).
    """

    def __init__(self, path: Path):
        from explorer.core.store.project import Project, check_creatable

        self.path = path
        self.project = None
        if path.exists():
            self.project = Project(path)
        else:
            check_creatable(path)
            self._make = lambda: Project(path)

    def article_status(self, article_id: str, content_hash: str) -> str:
        return "new" if self.project is None else self.project.article_status(article_id, content_hash)

    def put_article(self, *args, **kwargs) -> str:
        if self.project is None:
            self.project = self._make()
        return self.project.put_article(*args, **kwargs)

    def counts(self) -> dict[str, int]:
        if self.project is None:
            return {"articles": 0, "mentions": 0, "events": 0, "places": 0}
        return self.project.counts()

    def close(self) -> None:
        if self.project is not None:
            self.project.close()


def ingest_command(paths: list[str], project_path: str | None, *, force: bool = False, out=None) -> int:
    """``geo-explorer ingest``: one line per article (added / unchanged / replaced / failed), then totals.

    Exit status: 0 when every input was read and written (warnings aside);
    1 when some input failed or was refused (an id already used in the batch)
    and the rest went in; 2 when the project cannot be opened or written (not
    a project, damaged, read-only, disk full: the message says which; every
    article reported before is in it, whole); 130 when interrupted. A project
    file that did not exist is made only when an article is written to it.
    """
    import sys

    from explorer.core.store.project import ProjectError, default_project_path

    out = out or sys.stdout
    target = Path(project_path) if project_path else default_project_path()
    batch = Batch(paths)
    if not batch.files and not batch.problems:
        print("error: no article files found in " + ", ".join(paths), file=sys.stderr)
        return 1
    try:
        project = _ProjectOnFirstWrite(target)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    summary = IngestSummary()

    def report(o: Outcome) -> None:
        summary.outcomes.append(o)
        if o.status == "failed":
            print(f"failed     {o.error}", file=out)
        else:
            detail = f" ({o.mentions} mentions, {o.events} events)" if o.status != "unchanged" else ""
            print(f"{o.status:<10} {o.article_id}  [{o.source}]{detail}", file=out)
        for w in o.warnings:
            print(f"warning    {w}", file=out)
        out.flush()

    def totals(counts) -> None:
        print(f"{target}: {summary.count('added')} added, {summary.count('replaced')} replaced, "
              f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed; the project holds "
              f"{counts['articles']} articles, {counts['mentions']} mentions, {counts['events']} events, "
              f"{counts['places']} places", file=out)

    try:
        try:
            for outcome in _iter_ingest(batch, _LazyGeoparser(), project, force, None, None):
                report(outcome)
            counts = project.counts()
        finally:
            project.close()
    except ProjectError as exc:
        done = summary.count("added") + summary.count("replaced")
        print(f"error: {exc}", file=sys.stderr)
        print(f"stopped: the {done} article(s) reported added or replaced above are in the project, whole; "
              "the rest were not written", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"error: the geoparser cannot be loaded ({exc}); nothing more was written", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every article finished before the interruption is in the project", file=sys.stderr)
        return 130
    totals(counts)
    if project.project is None:
        print(f"no project file was made at {target}: nothing could be written to it", file=out)
    return 1 if summary.count("failed") else 0
