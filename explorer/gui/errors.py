"""What the app does with an error nobody caught: a dialog in words, the traceback only in the log.

:func:`install` replaces ``sys.excepthook`` (errors in the UI thread, including those raised in Qt's
callbacks) and ``threading.excepthook`` (a worker thread's, shown once the UI thread gets to it). The
app goes on: whatever was committed to the project stays.
"""
from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal

from explorer import applog

_WORDS = {
    "MemoryError": "the computer ran out of memory",
    "PermissionError": "a file could not be read or written (no permission)",
    "FileNotFoundError": "a file is missing",
    "OSError": "a file or device could not be used",
    "UnicodeError": "some text could not be read",
    "ValueError": "a value did not make sense",
}


def error_text(exc: BaseException) -> str:
    """The error in a sentence or two, for a dialog (never a traceback)."""
    kind = next((_WORDS[c.__name__] for c in type(exc).__mro__ if c.__name__ in _WORDS), None)
    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    head = f"Something went wrong: {kind}." if kind else "Something went wrong inside Geo Explorer."
    return (head + (f"\n\n{detail}" if detail else "")
            + "\n\nWhat was already saved in the project is kept, and you can go on working."
            + f"\n\n{applog.where()}")


def failed_write(path, exc: BaseException) -> str:
    """What a failed write of ``path`` says: the error's own words when they name the file already
    ("cannot write a.csv: the disk is full"), else "Could not write PATH: ..." (never the file twice)."""
    from pathlib import Path

    text = str(exc).strip()
    if Path(str(path)).name and Path(str(path)).name in text:
        return text[:1].upper() + text[1:]
    return f"Could not write {path}: {text}"


class _Relay(QObject):
    """Carries a worker thread's error to the UI thread."""

    raised = Signal(object)


class ErrorReporter:
    def __init__(self, parent_getter=lambda: None, show=None):
        self.parent_getter = parent_getter
        self.show = show or self._dialog
        self.showing = False
        self.shown: list[str] = []
        self.relay = _Relay()
        self.relay.raised.connect(self.report)

    def _dialog(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self.parent_getter(), "Geo Explorer", text)

    def report(self, exc: BaseException) -> None:
        text = error_text(exc)
        self.shown.append(text)
        if self.showing:  # an error while the last one's dialog is open: logged, not stacked
            return
        self.showing = True
        try:
            self.show(text)
        finally:
            self.showing = False

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        applog.log.error("unexpected error", exc_info=(exc_type, exc, tb))
        self.report(exc)

    def thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        applog.log.error("unexpected error in thread %s", getattr(args.thread, "name", "?"),
                         exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        self.relay.raised.emit(args.exc_value)


def install(parent_getter=lambda: None) -> ErrorReporter:
    reporter = ErrorReporter(parent_getter)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_hook
    return reporter
