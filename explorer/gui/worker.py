"""Long work off the UI thread, with progress and cancel."""
from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from explorer.core.store.ingest import Cancelled
from explorer.core.store import Corpus


class TaskWorker(QThread):
    """Runs ``fn(progress, should_stop)`` in a thread.

    ``progress(done, total, label)`` may be called from the task; the result
    arrives in ``finishedWith``; a stop asked with :meth:`cancel` ends in
    ``cancelled`` (with whatever partial result the task attached to its
    :class:`Cancelled`), an exception in ``failed`` with its traceback.
    """

    progress = Signal(int, int, str)
    finishedWith = Signal(object)
    failed = Signal(str)
    cancelled = Signal(object)

    def __init__(self, fn: Callable, parent=None):
        super().__init__(parent)
        self.fn = fn
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            result = self.fn(self.progress.emit, self._stop.is_set)
        except Cancelled as exc:
            self.cancelled.emit(getattr(exc, "partial", None))
            return
        except Exception:  # noqa: BLE001 - shown to the user, never lost
            self.failed.emit(traceback.format_exc(limit=6))
            return
        self.finishedWith.emit(result)


def copy_corpus(base: Corpus | None) -> Corpus:
    """A corpus to fill in a thread, so the one on screen is never half-changed."""
    corpus = Corpus()
    if base is not None:
        corpus.articles = dict(base.articles)
        corpus.mentions = list(base.mentions)
        corpus.events = list(base.events)
    return corpus


def ingest_task(sources, base: Corpus | None = None, project_path: str | None = None):
    """A task that reads ``sources`` (None: the seeds) into a copy of ``base``,
    and into the project file when one is open."""

    def task(progress, should_stop):
        from explorer.core.geoparse import default_geoparser
        from explorer.core.store.ingest import ingest

        progress(0, 0, "preparing the gazetteer")
        default_geoparser()
        corpus = copy_corpus(base)
        project = None
        if project_path:
            from explorer.core.store.project import Project

            project = Project(project_path)
        try:
            ingest(sources, corpus=corpus, project=project, progress=progress, should_stop=should_stop)
        except Cancelled as exc:
            exc.partial = corpus
            raise
        finally:
            if project is not None:
                project.close()
        return corpus

    return task


def open_project_task(path: str):
    def task(progress, should_stop):
        from explorer.core.store.project import Project

        progress(0, 0, f"opening {path}")
        project = Project(path, create=False)
        try:
            return project.load_corpus()
        finally:
            project.close()

    return task


def save_project_task(path: str, corpus: Corpus):
    def task(progress, should_stop):
        from explorer.core.store.project import Project

        progress(0, 0, f"saving {path}")
        project = Project(path)
        try:
            project.save_corpus(corpus)
        finally:
            project.close()
        return corpus

    return task
