"""Long work off the UI thread: ingesting articles."""
from __future__ import annotations

import threading
import traceback

from PySide6.QtCore import QThread, Signal

from explorer.core.ingest import Cancelled, ingest
from explorer.core.store import Corpus


class IngestWorker(QThread):
    """Runs :func:`ingest` in a thread. ``finishedWith(corpus)`` carries the result.

    The corpus given is never touched: the worker fills a copy, so a cancel or
    a crash leaves what the window shows as it was.
    """

    progress = Signal(int, int, str)
    finishedWith = Signal(object)  # Corpus
    failed = Signal(str)
    cancelled = Signal(object)  # Corpus with what was done before the stop

    def __init__(self, sources=None, base: Corpus | None = None, parent=None):
        super().__init__(parent)
        self.sources = list(sources) if sources is not None else None
        self.base = base
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        corpus = Corpus()
        if self.base is not None:
            corpus.articles = dict(self.base.articles)
            corpus.mentions = list(self.base.mentions)
            corpus.events = list(self.base.events)
        try:
            self.progress.emit(0, 0, "preparing the gazetteer")
            from explorer.core.geoparse import default_geoparser

            default_geoparser()
            ingest(self.sources, corpus=corpus, progress=self.progress.emit, should_stop=self._stop.is_set)
        except Cancelled:
            self.cancelled.emit(corpus)
            return
        except Exception:  # noqa: BLE001 - shown to the user, never lost
            self.failed.emit(traceback.format_exc(limit=5))
            return
        self.finishedWith.emit(corpus)
