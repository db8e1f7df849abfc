"""The links of the side panel, clicked with the mouse as a user does (not by calling the slot)."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from explorer.core.store.ingest import ingest
from explorer.core.store.project import Project
from explorer.gui.main_window import MainWindow
from tests.gui.helpers import fragments as _fragments

ODD_IDS = ["report #3?a=1&b=2", "dépêche/東京 50%", "plain-id"]


@pytest.fixture
def odd_project(tmp_path):
    """A project whose articles have ids with #, ?, &, /, %, spaces and other scripts, each naming
    Karachi far down a long text (so the article must scroll to it)."""
    filler = " ".join(f"Paragraph {i} of background says nothing of any place at all." for i in range(120))
    src = tmp_path / "odd.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i, aid in enumerate(ODD_IDS):
            f.write(json.dumps({"id": aid, "title": f"Story {i}", "text": f"{filler}\n\nHeavy rain flooded streets "
                                f"in Karachi on Tuesday, story {i} said. {filler}"}) + "\n")
    path = tmp_path / "odd.gpkg"
    with Project(path) as project:
        assert not ingest([src], project=project).errors
    return path


def test_clicking_open_the_article_link_opens_it_at_the_sentence(qtbot, odd_project, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = MainWindow(project=str(odd_project), settings=settings)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready, timeout=90000)
    karachi = next(p.place for p in w.project.places() if p.place.name == "Karachi")
    w.show_place(karachi.place_id)
    opened = []
    for n, aid in enumerate(ODD_IDS):
        # the n-th article's link: the panel groups sentences by article, in the order of the ids
        browser = w.panel.browser
        links = [frag for frag in _fragments(browser) if frag.charFormat().isAnchor()
                 and frag.text() == "Open the article at this sentence"]
        assert len(links) == len(ODD_IDS)
        cur = QTextCursor(browser.document())
        cur.setPosition(links[n].position() + 2)
        browser.setTextCursor(cur)
        browser.ensureCursorVisible()
        point = browser.cursorRect(cur).center()
        QTest.mouseClick(browser.viewport(), Qt.LeftButton, Qt.NoModifier, point)
        qtbot.waitUntil(lambda: w._last_article_dialog is not None and w._last_article_dialog not in opened,
                        timeout=5000)
        dlg = w._last_article_dialog
        opened.append(dlg)
        qtbot.waitExposed(dlg)
        article = w.project.article(dlg.article_id)
        assert article is not None and article.article_id in ODD_IDS
        # the name is marked, and the view is scrolled down to it (it is far from the top)
        assert "Karachi" in dlg.browser.toPlainText()
        assert _marked(dlg.browser) == "Karachi"
        assert dlg.browser.verticalScrollBar().value() > 0
        dlg.close()
    assert sorted(d.article_id for d in opened) == sorted(ODD_IDS)
    w.close()


def _marked(browser) -> str:
    """The text drawn bold on the yellow mark in an article view."""
    return "".join(f.text() for f in _fragments(browser)
                   if f.charFormat().fontWeight() >= 600 and f.charFormat().background().color().name() == "#ffd60a")
