"""Long work off the UI thread, with progress and cancel."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from explorer.core.ingest import Cancelled
from explorer.core.store import Corpus


class TaskWorker(QThread):
    """Runs ``fn(progress, should_stop)`` in a thread.

    ``progress(done, total, label)`` may be called from the task; the result
    arrives in ``finishedWith``; a stop asked with :meth:`cancel` ends in
    ``cancelled`` (with whatever partial result the task attached to its
    :class:`Cancelled`), an exception in ``failed`` with a message in words
    (the traceback goes to the log, never to the user).
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
        except Exception as exc:  # noqa: BLE001 - shown to the user in words, logged in full
            from explorer import applog

            applog.log.exception("background task failed")
            self.failed.emit(describe_error(exc))
            return
        self.finishedWith.emit(result)


def describe_error(exc: BaseException) -> str:
    """An exception as a sentence for a dialog: our errors say what happened; others name their kind."""
    from explorer.core.export.output import ExportError
    from explorer.core.project import ProjectError, describe_sqlite_error
    from explorer.core.text.errors import ArticleError

    if isinstance(exc, (ProjectError, ExportError, ArticleError)):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return describe_sqlite_error(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return where + (exc.strerror or str(exc))
    return f"an unexpected error ({exc.__class__.__name__}: {exc})"


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
        from explorer.core.ingest import ingest

        progress(0, 0, "preparing the gazetteer")
        default_geoparser()
        corpus = copy_corpus(base)
        project = None
        if project_path:
            from explorer.core.project import Project

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
        from explorer.core.project import Project

        progress(0, 0, f"opening {path}")
        project = Project(path, readonly=True)
        try:
            return project.load_corpus()
        finally:
            project.close()

    return task


def save_project_task(path: str, corpus: Corpus):
    def task(progress, should_stop):
        from explorer.core.project import Project

        progress(0, 0, f"saving {path}")
        project = Project(path)
        try:
            project.save_corpus(corpus)
        finally:
            project.close()
        return corpus

    return task
