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
- ``ingest(sources, project=None)``: the same, with the errors gathered;
  with no project, into a temporary one in memory (``export PATH…``,
  ``snapshot PATH…``).

Both call ``report(outcome)`` once per article (or failure) when given.
Formats read: see :mod:`explorer.core.text.registry` (.txt, .md, .html, .jsonl); which files a
batch reads and the ids their articles get: :mod:`explorer.core.text.sources`.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from explorer import resources
from explorer.core.text.readers import analysis_text, format_of, language_note
from explorer.core.text.sources import ArticleError, Batch
from explorer.core.models import Article, Event, Mention
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
    from explorer.core.places.geoparse import default_geoparser

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
    """The article's event reports, from explorer.core.events when it is installed (else none)."""
    try:
        from explorer.core.events import extract_events
    except ImportError:
        return []
    return list(extract_events(article, text, mentions))


def analyse(article: Article, geoparser, warnings: list[ArticleError], extract=None, corrections=None,
            uses: list | None = None, check_language: bool = True) -> tuple[list[Mention], list[Event]]:
    """One article's mentions and event reports (what every runner of :mod:`.pipeline` calls).

    A geoparser failure fails the article (ArticleError); an event extractor
    failure keeps the mentions, with a warning. Problems that do not stop
    the article (its language) are added to ``warnings``.

    ``corrections`` (:class:`explorer.core.store.corrections.CorrectionSet`,
    the project's active corrections) are applied to the geoparser's
    mentions before the events are extracted from them; where each decided
    a mention is added to ``uses``, and a correction that could not be
    applied is a warning (its ``correction`` attribute is True).
    ``check_language=False``: no note on the article's language (an article
    analysed again, whose language was noted when it was read).
    """
    language = language_note(article) if check_language else None
    if language is not None:
        warnings.append(language)
    text = prepare(article)
    try:
        mentions = _locate(article, text, geoparser)
    except ImportError:  # no geoparser at all: a broken install, not a bad article
        raise
    except Exception as exc:  # a geoparser bug on one article must not stop the batch
        raise ArticleError(article.path or article.article_id,
                           f"geoparsing failed ({exc.__class__.__name__}: {exc})") from exc
    fixed = False
    if corrections and corrections.touches(article.article_id):
        mentions, applied, notes = corrections.apply(article, text, mentions)
        if uses is not None:
            uses.extend(applied)
        for note in notes:
            w = ArticleError(article.path or article.article_id, note)
            w.correction = True
            warnings.append(w)
        fixed = any(m.correction_id is not None for m in mentions)
    try:
        events = (extract or find_events)(article, text, mentions)
    except Exception as exc:
        warnings.append(ArticleError(article.path or article.article_id,
                                     f"events not extracted ({exc.__class__.__name__}: {exc})"))
        events = []
    if fixed:
        from explorer.core.store.corrections import mark_corrected

        events = mark_corrected(events, mentions)
    return mentions, list(events)


def estimate_articles(batch: Batch) -> int:
    """About how many articles a batch holds (a JSON Lines file: its lines), for progress and ETA."""
    from explorer.core.text.readers import format_of

    n = 0
    for path in batch.files:
        if format_of(path) == "jsonl":
            try:
                with open(path, "rb") as fh:
                    n += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) or 1
            except OSError:
                n += 1
        else:
            n += 1
    return n


def _iter_ingest(batch: Batch, runner, project, force: bool, progress: ProgressFn | None,
                 should_stop: Callable[[], bool] | None, expected: int | None = None) -> Iterator[Outcome]:
    """One outcome per article, per unreadable input and per id clash (see explorer.core.text.sources).

    Articles are read here and analysed by ``runner`` (:mod:`.pipeline`),
    in this process or others; their rows are written here, by this one
    writer. An outcome of an article written is yielded once its
    transaction is committed (:meth:`Project.batch`): what is reported is in
    the project. Outcomes come in the order the work finishes.
    """
    for problem in batch.problems:  # unreadable folders, special files, looping links
        yield Outcome(problem.path, "failed", error=problem)
    total = expected if expected is not None else len(batch.files)
    ready: deque[Outcome] = deque()  # outcomes known without analysis (unchanged, unreadable)
    state = {"done": 0, "file": ""}
    sources: dict[int, tuple[str, list]] = {}  # id(article) -> (its file, its notes)

    def tick(n: int = 1) -> None:
        state["done"] += n
        if progress is not None:
            progress(min(state["done"], total), total, state["file"])

    def articles() -> Iterator[Article]:
        for path in batch.files:
            if should_stop is not None and should_stop():
                return
            state["file"] = path.name
            for item in batch.read(path):
                if isinstance(item, ArticleError):
                    ready.append(Outcome(str(path), "failed", error=item))
                    continue
                if not force and project.article_status(item.article_id, item.content_hash) == "unchanged":
                    o = Outcome(str(path), "unchanged", item.article_id)
                    o.warnings.extend(item.notes)
                    ready.append(o)
                    continue
                sources[id(item)] = (str(path), list(item.notes))
                yield item

    from explorer.core.store.corrections import active_set, generation

    def store():
        return getattr(project, "project", project)  # (_ProjectOnFirstWrite: its project, once made)

    if getattr(runner, "corrections", None) is None:
        runner.corrections = active_set(store())
    local = {}  # a geoparser of this process, made if a correction changes during the ingest

    def current(result):
        """The analysis of ``result``'s article with the project's corrections as they are now: the user
        may make, undo or redo one while an ingest runs (the workers get the new set with their next chunk)."""
        if generation(store()) != runner.corrections.generation:
            runner.corrections = active_set(store())
        if result.error is not None or result.generation == runner.corrections.generation:
            return result
        from explorer.core.store.pipeline import _geoparser, analyse_one

        if "gp" not in local:
            local["gp"] = getattr(runner, "geoparser", None) or _geoparser(getattr(runner, "factory", None))
        return analyse_one(result.article, local["gp"], getattr(runner, "extract", None), runner.corrections)

    writer = _Writer(project)
    try:
        for result in runner.run(articles(), should_stop):
            while ready:
                tick()
                yield ready.popleft()
            result = current(result)
            article = result.article
            path, notes = sources.pop(id(article), (article.path or article.article_id, []))
            outcome = Outcome(path, "read", article.article_id, warnings=notes + result.warnings)
            tick()
            if result.error is not None:
                outcome.status, outcome.error = "failed", result.error
                yield outcome
                continue
            try:
                outcome.status = writer.put(article, result.mentions, result.reports, force, outcome,
                                            result.uses)
            except (UnicodeError, ValueError, OverflowError) as exc:  # this article's data, not the store
                outcome.status = "failed"
                outcome.error = ArticleError(article.path or article.article_id,
                                             f"not written ({exc.__class__.__name__}: {exc})")
                yield outcome
                continue
            outcome.mentions, outcome.events = len(result.mentions), len(result.reports)
            yield from writer.committed()
        while ready:
            tick()
            yield ready.popleft()
        if should_stop is not None and should_stop():
            writer.close()
            yield from writer.committed()
            raise Cancelled(f"stopped after {state['done']} of about {total} articles")
        writer.close()
        yield from writer.committed()
    finally:
        writer.abandon()
        runner.close()
    if progress is not None:
        progress(total, total, "")


class _Writer:
    """The one writer of an ingest: articles share transactions (a write batch), each whole; outcomes
    are handed back once their transaction is committed."""

    def __init__(self, project):
        self.project = project
        self._stack = None
        self._batch = None
        self._done: list[Outcome] = []

    def put(self, article, mentions, reports, force, outcome, uses=()) -> str:
        from contextlib import ExitStack

        status = None
        if self._batch is None:
            # the project may be made by this first write (_ProjectOnFirstWrite)
            status = self.project.put_article(article, mentions, reports, fmt=format_of(article.path), force=force,
                                              uses=uses)
            self._done.append(replace_status(outcome, status))
            self._stack = ExitStack()
            self._batch = self._stack.enter_context(self.project.batch(self._done.extend))
            return status
        status = self.project.put_article(article, mentions, reports, fmt=format_of(article.path), force=force,
                                          uses=uses)
        self._batch.done(replace_status(outcome, status))
        return status

    def committed(self) -> Iterator[Outcome]:
        while self._done:
            yield self._done.pop(0)

    def close(self) -> None:
        if self._stack is not None:
            stack, self._stack, self._batch = self._stack, None, None
            stack.close()

    def abandon(self) -> None:
        """Leave without committing what is pending (an error, a Ctrl+C): it was not reported."""
        if self._stack is not None:
            import sys

            stack, self._stack, self._batch = self._stack, None, None
            stack.__exit__(*sys.exc_info()) if sys.exc_info()[0] else stack.close()


def replace_status(outcome: Outcome, status: str) -> Outcome:
    outcome.status = status
    return outcome


def _batch(sources: Iterable[str | Path] | None) -> Batch:
    return Batch(list(sources) if sources is not None else default_sources())


@dataclass
class IngestResult:
    """What :func:`ingest` did, and the project it wrote to.

    ``errors``: the inputs that failed and the warnings of articles read
    (each warning's ``warning`` attribute is True). With no project given,
    ``project`` is a temporary one in memory that :meth:`close` (or the
    ``with`` block) closes.
    """

    project: object
    summary: IngestSummary
    errors: list[ArticleError]
    owned: bool = False

    def close(self) -> None:
        if self.owned:
            self.project.close()

    def __enter__(self) -> IngestResult:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def ingest(
    sources: Iterable[str | Path] | None = None,
    *,
    project=None,
    geoparser=None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
    force: bool = False,
    report: Callable[[Outcome], None] | None = None,
    workers: int | None = 1,
) -> IngestResult:
    """Read, clean and geoparse articles into ``project`` (a new one in memory when None).

    ``sources`` are files or folders; None means the bundled seed corpus.
    Unreadable inputs and the warnings of articles read are in the result's
    ``errors``; nothing already in the project is lost. ``should_stop`` is
    polled between articles and stops the batch cleanly, raising
    :class:`Cancelled` (with what was done as ``partial``, an IngestResult).
    ``workers``: analysis processes (see :func:`ingest_into_project`).
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

    summary = IngestSummary()
    try:
        summary = ingest_into_project(sources, project, geoparser=geoparser, progress=progress,
                                      should_stop=should_stop, force=force, report=collect, workers=workers)
    except Cancelled as exc:
        exc.partial = IngestResult(project, summary, errors, own)
        raise
    except BaseException:
        if own:
            project.close()
        raise
    return IngestResult(project, summary, errors, own)


def ingest_into_project(
    sources: Iterable[str | Path] | None,
    project,
    *,
    geoparser=None,
    progress: ProgressFn | None = None,
    should_stop: Callable[[], bool] | None = None,
    force: bool = False,
    report: Callable[[Outcome], None] | None = None,
    workers: int | None = 1,
    dask: str | None = None,
    runner=None,
) -> IngestSummary:
    """Write articles into ``project`` without keeping them in memory. See :func:`ingest`.

    ``workers``: how many processes analyse the articles (None: one per
    core; 1: this process). ``dask``: a Dask scheduler's address, or
    ``local``, to analyse them on a cluster instead. ``runner`` (tests): a
    runner of :mod:`.pipeline` to use as it is.
    """
    from explorer.core.store import pipeline

    summary = IngestSummary()
    batch = _batch(sources)
    expected = estimate_articles(batch)
    if runner is None:
        runner = pipeline.make_runner(workers, dask, expected=expected, geoparser=geoparser)
    for outcome in _iter_ingest(batch, runner, project, force, progress, should_stop, expected):
        summary.outcomes.append(outcome)
        if report is not None:
            report(outcome)
    return summary


class LazyGeoparser:
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

    def batch(self, *args, **kwargs):
        return self.project.batch(*args, **kwargs)

    def counts(self) -> dict[str, int]:
        if self.project is None:
            return {"articles": 0, "mentions": 0, "events": 0, "places": 0}
        return self.project.counts()

    def close(self) -> None:
        if self.project is not None:
            self.project.close()


def ingest_command(paths: list[str], project_path: str | None, *, force: bool = False, out=None,
                   workers: int | None = None, dask: str | None = None, verbose: bool = False,
                   err=None) -> int:
    """``geo-explorer ingest``: a progress bar (on a terminal), failures and warnings, then a summary line.

    With ``verbose``, also one line per article that went in (added /
    unchanged / replaced). Exit status: 0 when every input was read and
    written (warnings aside); 1 when some input failed or was refused (an id
    already used in the batch) and the rest went in; 2 when the project
    cannot be opened or written (not a project, damaged, read-only, disk
    full: the message says which; every article reported before is in it,
    whole), or the analysis cannot run; 130 when interrupted. A project
    file that did not exist is made only when an article is written to it.
    """
    import sys
    import time

    from explorer.core.store import pipeline
    from explorer.core.store.project import ProjectError, default_project_path

    out = out or sys.stdout
    err = err or sys.stderr
    target = Path(project_path) if project_path else default_project_path()
    batch = Batch(paths)
    if not batch.files and not batch.problems:
        print("error: no article files found in " + ", ".join(paths), file=err)
        return 1
    try:
        project = _ProjectOnFirstWrite(target)
    except ProjectError as exc:
        print(f"error: {exc}", file=err)
        return 2
    expected = estimate_articles(batch)
    bar = ProgressBar(err, expected) if (err.isatty() and not verbose) else None
    summary = IngestSummary()

    def report(o: Outcome) -> None:
        summary.outcomes.append(o)
        if bar and (o.status == "failed" or o.warnings):
            bar.clear()
        if o.status == "failed":
            print(f"failed     {o.error}", file=out)
        elif verbose:
            detail = f" ({o.mentions} mentions, {o.events} events)" if o.status != "unchanged" else ""
            print(f"{o.status:<10} {o.article_id}  [{o.source}]{detail}", file=out)
        for w in o.warnings:  # problems are always said; the articles that went well only with --verbose
            print(f"warning    {w}", file=out)
        if verbose or o.status == "failed" or o.warnings:
            out.flush()
        if bar:
            bar.update(len(summary.outcomes))

    t0 = time.monotonic()
    runner = None
    try:
        try:
            runner = pipeline.make_runner(workers, dask, expected=expected)
            for outcome in _iter_ingest(batch, runner, project, force, None, None, expected):
                report(outcome)
            counts = project.counts()
        finally:
            if bar:
                bar.clear()
            project.close()
    except ProjectError as exc:
        done = summary.count("added") + summary.count("replaced")
        print(f"error: {exc}", file=err)
        print(f"stopped: the {done} article(s) reported added or replaced are in the project, whole; "
              "the rest were not written (run the same command again to finish)", file=err)
        return 2
    except (ImportError, RuntimeError) as exc:
        print(f"error: the analysis cannot run ({exc}); nothing more was written", file=err)
        return 2
    except KeyboardInterrupt:
        print("interrupted: every article reported before the interruption is in the project; run the same "
              "command again to finish", file=err)
        return 130
    secs = max(time.monotonic() - t0, 1e-9)
    n = len(summary.outcomes)
    warnings = sum(len(o.warnings) for o in summary.outcomes)
    where = f"on {runner.workers} worker{'s' if runner.workers != 1 else ''}" if not dask else f"on Dask ({dask})"
    print(f"{target}: {summary.count('added')} added, {summary.count('replaced')} replaced, "
          f"{summary.count('unchanged')} unchanged, {summary.count('failed')} failed"
          + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")
          + f" in {secs:.1f} s ({n / secs:.0f} articles/s {where}); the project holds "
          f"{counts['articles']} articles, {counts['mentions']} mentions, {counts['events']} events, "
          f"{counts['places']} places", file=out)
    if project.project is None:
        print(f"no project file was made at {target}: nothing could be written to it", file=out)
    return 1 if summary.count("failed") else 0


class ProgressBar:
    """A one-line progress bar with rate and ETA, redrawn at most five times a second (a terminal only)."""

    def __init__(self, stream, total: int, width: int = 28):
        import time

        self.stream, self.total, self.width = stream, max(1, total), width
        self.t0 = self.last = time.monotonic()
        self.shown = False

    def update(self, done: int) -> None:
        import time

        now = time.monotonic()
        if now - self.last < 0.2 and done < self.total:
            return
        self.last = now
        rate = done / max(now - self.t0, 1e-9)
        frac = min(1.0, done / self.total)
        left = (self.total - done) / rate if rate > 0 and done < self.total else 0
        fill = int(frac * self.width)
        eta = f"{int(left // 60)}:{int(left % 60):02d}"
        self.stream.write(f"\r[{'#' * fill}{'.' * (self.width - fill)}] {done:,}/{self.total:,} articles "
                          f"{rate:,.0f}/s ETA {eta} ")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.width + 60) + "\r")
            self.stream.flush()
            self.shown = False
