"""An error nobody caught reaches the user as a dialog in words; the traceback goes to the log only."""
from __future__ import annotations

import sys
import threading

from explorer.gui.errors import ErrorReporter, error_text


def test_the_dialog_says_what_happened_in_words():
    try:
        open("/nonexistent/folder/file.txt")
    except OSError as exc:
        text = error_text(exc)
    assert "Traceback" not in text and 'File "' not in text
    assert text.startswith("Something went wrong: a file is missing.")
    assert "/nonexistent/folder/file.txt" in text and "kept" in text


def test_ui_thread_and_worker_thread_errors_become_dialogs(qtbot):
    shown = []
    rep = ErrorReporter(show=shown.append)
    try:
        raise RuntimeError("the map page went away")
    except RuntimeError:
        rep.excepthook(*sys.exc_info())
    assert len(shown) == 1 and "the map page went away" in shown[0] and "Traceback" not in shown[0]

    def boom():
        raise ValueError("bad radius")

    old = threading.excepthook
    threading.excepthook = rep.thread_hook
    try:
        t = threading.Thread(target=boom)
        t.start()
        t.join()
    finally:
        threading.excepthook = old
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)  # carried to the UI thread
    assert "a value did not make sense" in shown[1] and "bad radius" in shown[1]


def test_an_error_during_a_dialog_is_not_stacked():
    shown = []

    def show(text):
        shown.append(text)
        rep.report(RuntimeError("second"))  # raised while the first dialog is open

    rep = ErrorReporter(show=show)
    rep.report(RuntimeError("first"))
    assert len(shown) == 1 and len(rep.shown) == 2


def test_a_failed_write_names_the_file_once():
    from explorer.core.export.output import ExportError
    from explorer.gui.errors import failed_write

    said = failed_write("/tmp/out/a.csv", ExportError("/tmp/out/a.csv", "the disk is full"))
    assert said.count("a.csv") == 1 and said[0].isupper() and "disk is full" in said
    other = failed_write("/tmp/out/b.csv", OSError("No space left on device"))
    assert other == "Could not write /tmp/out/b.csv: No space left on device"
