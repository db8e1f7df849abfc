"""Qt offscreen with QtWebEngine: configured before the QApplication exists."""
from explorer.gui import webenv

webenv.configure(headless=True)

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _no_blocking_questions(monkeypatch):
    """A window closed by a test with work in an untitled project would ask (a modal box) whether to
    save it; tests answer "discard" unless they say otherwise (monkeypatch it again in the test)."""
    from explorer.gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_ask_about_work", lambda self, doing: "discard")
