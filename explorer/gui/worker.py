"""Long work off the UI thread, with progress and cancel."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

from PySide6.QtCore import QThread, Signal

from explorer.core.store.ingest import Cancelled


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
    from explorer.core.store.errors import ProjectError, describe_sqlite_error
    from explorer.core.text.errors import ArticleError

    if isinstance(exc, (ProjectError, ExportError, ArticleError)):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        return describe_sqlite_error(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        return where + (exc.strerror or str(exc))
    return f"an unexpected error ({exc.__class__.__name__}: {exc})"


def ingest_task(sources, project_path: str):
    """A task that reads ``sources`` (None: the seeds) into the project file ``project_path`` (the
    session's project, an untitled temporary one or a saved one); its result is the IngestResult
    (the errors to show; the window reads the project itself)."""

    def task(progress, should_stop):
        from explorer.core.store.ingest import ingest
        from explorer.core.store.project import Project

        progress(0, 0, "preparing the gazetteer")
        with Project(project_path) as project:
            return ingest(sources, project=project, progress=progress, should_stop=should_stop, workers=None)

    return task


def seeds_task(project_path: str):
    """A task that makes ``project_path`` a project of the bundled seed corpus, copied from the one
    built (once per version) in the user cache."""

    def task(progress, should_stop):
        from explorer.core.store.ingest import IngestResult, IngestSummary
        from explorer.core.store.seeds import seeds_project

        progress(0, 0, "the seed corpus")
        seeds_project(project_path)
        return IngestResult(None, IngestSummary(), [])

    return task


class EarlyOpen:
    """A project file opened (checked: ``PRAGMA quick_check`` reads all of it; migrated) in a thread
    started before the app's heavier imports, so the two overlap at start-up (SQLite works without
    holding Python's lock)."""

    def __init__(self, path: str):
        self.path = str(path)
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="geo-explorer-open", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            from explorer.core.store.project import Project

            Project(self.path, create=False).close()
        except BaseException as exc:  # noqa: BLE001 - handed to whoever asks for the result
            self.error = exc

    def result(self) -> str:
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.path


def open_project_task(path: str, early: EarlyOpen | None = None):
    """A task that opens a project file (checked, and migrated from an older schema) and closes it again
    (or waits for the :class:`EarlyOpen` of that file, started at launch)."""

    def task(progress, should_stop):
        from explorer.core.store.project import Project

        progress(0, 0, f"opening {path}")
        if early is not None and early.path == str(path):
            return early.result()
        with Project(path, create=False):
            return path

    return task


def save_project_task(source: str, path: str):
    """A task that copies the session's project file ``source`` to ``path`` (Save as)."""

    def task(progress, should_stop):
        from explorer.core.store.project import Project

        progress(0, 0, f"saving {path}")
        with Project(source, create=False) as project:
            project.copy_to(path)
        return path

    return task
