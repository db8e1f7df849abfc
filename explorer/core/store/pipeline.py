"""Where articles are analysed (geoparsed, their events extracted) during an ingest.

The writer (:func:`explorer.core.store.ingest.ingest_into_project`) reads
the articles and writes the results; a *runner* does the analysis in
between and yields one :class:`Analysis` per article, in any order:

- :class:`SerialRunner`: in this process (small batches, the tests);
- :class:`PoolRunner`: in worker processes on this machine, one per core by
  default, each loading the gazetteer once from the cached index. A worker
  that dies (killed, out of memory) costs only the articles it held: they
  are tried again one at a time in a new worker, and an article whose worker
  dies again is reported as failed, not tried a third time;
- :class:`DaskRunner`: on the workers of a Dask cluster (``tcp://HOST:8786``,
  or ``local`` for a ``LocalCluster`` on this machine), the results written
  here. Dask is an optional extra (``pip install 'geo-explorer[dask]'``).

What a worker runs is :func:`explorer.core.store.ingest.analyse`, the same
function the serial runner calls, so every runner gives the same rows. The
project's active corrections (:class:`explorer.core.store.corrections.CorrectionSet`,
a runner's ``corrections``, set by the ingest from the project) go to the
workers with every chunk of articles, so every runner applies them alike.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from explorer.core.models import Article, Event, Mention
from explorer.core.text.sources import ArticleError

CHUNK = 16  # articles a worker is given at a time


@dataclass
class Analysis:
    """What the analysis made of one article: its mentions and event reports, or why it failed."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    reports: list[Event] = field(default_factory=list)
    warnings: list[ArticleError] = field(default_factory=list)
    error: ArticleError | None = None
    uses: list = field(default_factory=list)  # where the corrections decided its mentions (corrections.Use)
    generation: int | None = None  # of the corrections it was analysed with (CorrectionSet.generation)


def analyse_one(article: Article, geoparser, extract=None, corrections=None) -> Analysis:
    """Analyse one article in this process; never raises for the article's sake (see ``ingest.analyse``)."""
    from explorer.core.store import ingest

    result = Analysis(article, generation=getattr(corrections, "generation", None))
    try:
        result.mentions, result.reports = ingest.analyse(article, geoparser, result.warnings, extract=extract,
                                                         corrections=corrections, uses=result.uses)
    except ArticleError as exc:
        result.error = exc
    return result


class SerialRunner:
    """Analysis in this process."""

    workers = 1

    def __init__(self, geoparser=None, extract=None, corrections=None):
        from explorer.core.store import ingest

        self.geoparser = geoparser if geoparser is not None else ingest.LazyGeoparser()
        self.extract = extract
        self.corrections = corrections

    def run(self, articles: Iterable[Article], should_stop: Callable[[], bool] | None = None) -> Iterator[Analysis]:
        for article in articles:
            yield analyse_one(article, self.geoparser, self.extract, self.corrections)

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- worker processes

_WORKER_GEOPARSER = None


def _geoparser(factory):
    """This process's geoparser, made once (the gazetteer loaded once per worker)."""
    global _WORKER_GEOPARSER
    if _WORKER_GEOPARSER is None:
        if factory is None:
            from explorer.core.places.geoparse import default_geoparser

            _WORKER_GEOPARSER = default_geoparser()
        else:
            _WORKER_GEOPARSER = factory()
    return _WORKER_GEOPARSER


def _worker_main(conn, factory, extract) -> None:
    """A worker process: analyse each chunk it is sent, send back the results, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    try:
        geoparser = _geoparser(factory)
    except BaseException:  # noqa: BLE001 - a worker that cannot start says why, once
        conn.send(("broken", traceback.format_exc(limit=4)))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        articles, corrections = chunk
        conn.send(("done", [analyse_one(a, geoparser, extract, corrections) for a in articles]))


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object
    chunk: list[Article] | None = None
    started: bool = False


class WorkerDied(Exception):
    pass


class PoolRunner:
    """Analysis in ``workers`` local processes, supervised (see the module's docstring).

    ``geoparser_factory`` and ``extract`` (both importable top-level callables,
    for tests) replace the application's geoparser and event extractor.
    """

    def __init__(self, workers: int | None = None, geoparser_factory=None, extract=None, chunk: int = CHUNK,
                 retries: int = 1, corrections=None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.factory = geoparser_factory
        self.extract = extract
        self.corrections = corrections
        self.chunk = chunk
        self.retries = retries
        self.ctx = multiprocessing.get_context("spawn")
        self.pool: list[_Worker] = []
        self.pids: list[int] = []  # every worker process started (tests kill them)

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker_main, args=(child, self.factory, self.extract), daemon=True,
                             name="geo-explorer-analysis")
        p.start()
        child.close()
        self.pids.append(p.pid)
        w = _Worker(p, parent)
        self.pool.append(w)
        return w

    def run(self, articles: Iterable[Article], should_stop: Callable[[], bool] | None = None) -> Iterator[Analysis]:
        from multiprocessing.connection import wait

        source = iter(articles)
        todo: deque[list[Article]] = deque()  # chunks waiting for a worker
        tries: dict[int, int] = {}  # id(article) -> deaths it was part of
        exhausted = False
        early_deaths = 0  # workers that died before they could start: a broken install, not an article

        def refill() -> bool:
            nonlocal exhausted
            while not exhausted and len(todo) < 2 * self.workers:
                chunk = []
                for a in source:
                    chunk.append(a)
                    if len(chunk) >= self.chunk:
                        break
                if not chunk:
                    exhausted = True
                else:
                    todo.append(chunk)
            return bool(todo)

        while True:
            if should_stop is not None and should_stop():
                return
            refill()
            if todo:  # workers start when there is work (a batch of unchanged files starts none)
                while len(self.pool) < self.workers:
                    self._start()
            for w in self.pool:
                if w.chunk is None and w.started and todo:
                    w.chunk = todo.popleft()
                    w.conn.send((w.chunk, self.corrections))
            busy = [w for w in self.pool if w.chunk is not None or not w.started]
            if not busy:
                if exhausted and not todo:
                    return
                continue
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5)
            for w in list(busy):
                if w.conn in ready:
                    try:
                        kind, payload = w.conn.recv()
                    except (EOFError, OSError):
                        kind, payload = "died", None
                else:
                    if w.process.sentinel not in ready:
                        continue
                    kind, payload = "died", None
                if kind == "ready":
                    w.started = True
                elif kind == "broken":
                    self.close()
                    raise RuntimeError(f"an analysis process could not start:\n{payload}")
                elif kind == "done":
                    w.chunk = None
                    # its next chunk goes out before these results are written: the worker analyses
                    # while this process writes (one after the other, a worker stood idle for each write)
                    if refill():
                        w.chunk = todo.popleft()
                        w.conn.send((w.chunk, self.corrections))
                    yield from payload
                else:  # died: its chunk is retried one article at a time, or reported
                    if not w.started:
                        early_deaths += 1
                        if early_deaths > 3:
                            self.close()
                            raise RuntimeError("the analysis processes die as they start "
                                               f"(exit status {w.process.exitcode})")
                    chunk = w.chunk or []
                    self._drop(w)  # joined: its exit status is known
                    code = w.process.exitcode
                    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                    for a in chunk:
                        tries[id(a)] = tries.get(id(a), 0) + 1
                        if tries[id(a)] > self.retries:
                            yield Analysis(a, error=ArticleError(
                                a.path or a.article_id,
                                f"not analysed: the process analysing it died ({how}), twice; it was not tried "
                                "again (run the same command to try once more)", line=getattr(a, "line", None)))
                        else:
                            todo.appendleft([a])
                    self._start()

    def _drop(self, w: _Worker) -> None:
        try:
            w.conn.close()
        except OSError:
            pass
        w.process.join(timeout=1)
        if w.process.is_alive():
            w.process.kill()
            w.process.join(timeout=1)
        self.pool.remove(w)

    def close(self) -> None:
        """Stop the workers (those still busy are killed: an ingest that stops writes nothing more)."""
        for w in list(self.pool):
            try:
                if w.chunk is None:
                    w.conn.send(None)
            except OSError:
                pass
        for w in list(self.pool):
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=2)
            try:
                w.conn.close()
            except OSError:
                pass
        self.pool.clear()


# ---------------------------------------------------------------- Dask

def analyse_chunk(chunk: list[Article], factory=None, extract=None, corrections=None) -> list[Analysis]:
    """Analyse a chunk of articles on a Dask worker (the geoparser made once per worker process)."""
    geoparser = _geoparser(factory)
    return [analyse_one(a, geoparser, extract, corrections) for a in chunk]


class DaskRunner:
    """Analysis on the workers of a Dask cluster; the results come back here to be written.

    ``address``: a scheduler (``tcp://HOST:8786``), or ``local`` for a
    ``LocalCluster`` of ``workers`` processes on this machine. Each worker
    loads the gazetteer once, from its own user cache (built there on first
    use, about 10 s) or from ``GEO_EXPLORER_INDEX``.
    """

    def __init__(self, address: str, workers: int | None = None, geoparser_factory=None, extract=None,
                 chunk: int = 64, corrections=None):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError("Dask is not installed: pip install 'geo-explorer[dask]'") from None
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=max(1, workers or os.cpu_count() or 1), threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address, timeout="20s")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.factory = geoparser_factory
        self.extract = extract
        self.chunk = chunk
        self.corrections = corrections

    def run(self, articles: Iterable[Article], should_stop: Callable[[], bool] | None = None) -> Iterator[Analysis]:
        from dask.distributed import as_completed

        source = iter(articles)

        def next_chunk():
            chunk = []
            for a in source:
                chunk.append(a)
                if len(chunk) >= self.chunk:
                    break
            return chunk

        def submit(chunk):
            return self.client.submit(analyse_chunk, chunk, self.factory, self.extract, self.corrections, pure=False,
                                      retries=1)

        running = as_completed()
        chunks = {}
        for _ in range(2 * self.workers):
            chunk = next_chunk()
            if not chunk:
                break
            fut = submit(chunk)
            chunks[fut.key] = chunk
            running.add(fut)
        for fut in running:
            if should_stop is not None and should_stop():
                return
            chunk = chunks.pop(fut.key)
            try:
                yield from fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker: the chunk's articles are reported
                for a in chunk:
                    yield Analysis(a, error=ArticleError(a.path or a.article_id,
                                                         f"not analysed on the cluster ({exc.__class__.__name__}: "
                                                         f"{exc})"))
            nxt = next_chunk()
            if nxt:
                f2 = submit(nxt)
                chunks[f2.key] = nxt
                running.add(f2)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_runner(workers: int | None = 1, dask: str | None = None, *, expected: int | None = None,
                geoparser=None, geoparser_factory=None, extract=None, corrections=None):
    """The runner for an ingest: Dask when an address is given; worker processes when ``workers`` is
    more than 1 (None: every core) and enough articles are expected to pay for starting them; else
    this process. ``corrections``: the project's active ones (the ingest sets them when None)."""
    if dask:
        return DaskRunner(dask, workers, geoparser_factory, extract, corrections=corrections)
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n > 1 and (expected is None or expected >= MIN_ARTICLES_PER_WORKER * 2):
        return PoolRunner(min(n, max(1, (expected or n * MIN_ARTICLES_PER_WORKER) // MIN_ARTICLES_PER_WORKER)),
                          geoparser_factory, extract, corrections=corrections)
    return SerialRunner(geoparser if geoparser is not None else
                        (geoparser_factory() if geoparser_factory else None), extract, corrections)


# A worker costs about a second to start (the gazetteer loads); below this many articles each, one
# process does the work sooner.
MIN_ARTICLES_PER_WORKER = 200
