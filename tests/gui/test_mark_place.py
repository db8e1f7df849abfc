"""A name the geoparser missed, marked as a place from the article's window: select it, "Mark … as a
place…", choose the place; the pin appears, and Undo takes it away. The story is written here."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from explorer.core.store.ingest import ingest
from explorer.core.store.project import Project
from explorer.gui.article_view import raw_span
from tests.gui.test_corrections_ui import _wait_redrawn, _window

STORY = {"id": "rift-1", "title": "Residents block a road",
         "text": "Residents of Kisiriri village near Rumuruti blocked the road on Monday.\n\n"
                 "Police in Rumuruti said  the   road was opened later."}


@pytest.fixture
def project_file(tmp_path):
    src = tmp_path / "story.jsonl"
    src.write_text(json.dumps(STORY) + "\n", encoding="utf-8")
    path = tmp_path / "rift.gpkg"
    with Project(path) as project:
        assert not ingest([str(src)], project=project).errors
    return path


def test_raw_span_finds_the_selection_nearest_its_place_in_the_view():
    raw = "Police in Rumuruti said  the   road.\nRumuruti again."
    assert raw_span(raw, "Rumuruti", 0) == (10, 18)
    assert raw_span(raw, "Rumuruti", 40) == (37, 45)
    assert raw_span(raw, "said the road", 15) == (19, 35)  # the view folds white space
    assert raw_span(raw, "Nairobi", 0) is None and raw_span(raw, "  ", 0) is None


def test_marking_a_missed_name_as_a_place(qtbot, tmp_path, project_file):
    w = _window(qtbot, tmp_path, project=str(project_file))
    try:
        conn = w.project.conn
        assert not conn.execute("SELECT 1 FROM mentions WHERE surface = 'Kisiriri'").fetchall()  # missed
        raw = STORY["text"]
        w.open_article("rift-1", 0, raw.index(".") + 1, 0, 0)
        art = w._last_article_dialog
        qtbot.waitExposed(art)
        cursor = art.browser.document().find("Kisiriri")
        art.browser.setTextCursor(cursor)
        assert art.mark_action_text() == "Mark “Kisiriri” as a place…"
        assert art.mark_selection()
        dlg = w.fixes.last_dialog
        qtbot.waitExposed(dlg)
        assert dlg.windowTitle() == "Mark “Kisiriri” as a place" and dlg.adding
        assert dlg.scope_buttons["mention"].isChecked() and not dlg.scope_buttons["project"].isEnabled()
        QTest.keyClicks(dlg.search_box, "rumuruti")
        qtbot.waitUntil(lambda: dlg.searched == "rumuruti", timeout=10000)
        hit = dlg.search_tree.topLevelItem(0)
        place = hit.data(0, Qt.UserRole)
        assert place.country_code == "KE"
        dlg.search_tree.setCurrentItem(hit)
        QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
        _wait_redrawn(w, qtbot)
        qtbot.waitUntil(lambda: bool(w.project.conn.execute(
            "SELECT 1 FROM mentions WHERE surface = 'Kisiriri' AND place_id = ?", (place.place_id,)).fetchall()),
            timeout=30000)
        assert "mark “Kisiriri”" in w.fixes.undo_action.text()
        w.fixes.undo_action.trigger()
        _wait_redrawn(w, qtbot)
        qtbot.waitUntil(lambda: not w.project.conn.execute(
            "SELECT 1 FROM mentions WHERE surface = 'Kisiriri'").fetchall(), timeout=30000)
    finally:
        w.close()


def _menu_texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if a.text()]


def test_a_name_read_as_a_place_is_not_a_place_from_its_article(qtbot, tmp_path, project_file):
    """Right-click the police's Rumuruti in the article's window: "… is not a place…" drops that mention
    alone; the window's marks follow, and Undo brings it back."""
    w = _window(qtbot, tmp_path, project=str(project_file))
    try:
        def spans():
            return w.project.conn.execute('SELECT "start", "end" FROM mentions WHERE surface = \'Rumuruti\' '
                                          'ORDER BY "start"').fetchall()

        raw = STORY["text"]
        first = (raw.index("Rumuruti"), raw.index("Rumuruti") + 8)
        second = (raw.index("Rumuruti", first[1]), raw.index("Rumuruti", first[1]) + 8)
        assert spans() == [first, second]  # both read as the place
        w.open_article("rift-1", 0, raw.index(".") + 1, *first)
        art = w._last_article_dialog
        qtbot.waitExposed(art)
        assert [(m.start, m.end) for m in art.mentions] == [first, second]
        doc = art.browser.document()
        word = doc.find("Rumuruti", doc.find("Police"))
        inside = QTextCursor(doc)
        inside.setPosition(word.selectionStart() + 3)
        point = art.browser.cursorRect(inside).center()
        viewport = art.browser.viewport()

        def right_click():
            art.last_menu = None
            QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Mouse, point,
                                                               viewport.mapToGlobal(point)))
            qtbot.waitUntil(lambda: art.last_menu is not None, timeout=5000)
            menu = art.last_menu
            menu.close()
            return menu

        menu = right_click()
        texts = _menu_texts(menu)
        assert "Move “Rumuruti” to another place…" in texts and "“Rumuruti” is not a place…" in texts
        assert not any(t.startswith("Mark ") for t in texts)
        assert not any(a.objectName() == "link-copy" for a in menu.actions())  # the mark is no link to copy
        # "Move…": the dialog on that mention
        next(a for a in menu.actions() if a.text() == "Move “Rumuruti” to another place…").trigger()
        dlg = w.fixes.last_dialog
        qtbot.waitExposed(dlg)
        assert dlg.mode == "move" and dlg.windowTitle() == "Move “Rumuruti” to another place"
        assert [(t.article_id, t.start, t.end) for t in dlg.targets] == [("rift-1", *second)]
        dlg.reject()
        # "… is not a place…", this mention only
        menu = right_click()
        next(a for a in menu.actions() if a.text() == "“Rumuruti” is not a place…").trigger()
        qtbot.waitUntil(lambda: w.fixes.last_dialog is not dlg and w.fixes.last_dialog is not None, timeout=5000)
        dlg = w.fixes.last_dialog
        qtbot.waitExposed(dlg)
        assert dlg.mode == "drop" and dlg.windowTitle() == "“Rumuruti” is not a place"
        assert [(t.start, t.end) for t in dlg.targets] == [second]
        dlg.scope_buttons["mention"].setChecked(True)
        QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: spans() == [first], timeout=30000)  # the police's Rumuruti alone is dropped
        _wait_redrawn(w, qtbot)
        assert "“Rumuruti”: not a place" in w.fixes.undo_action.text()
        # the article's window no longer marks it (the reporter's Rumuruti still is)
        qtbot.waitUntil(lambda: [(m.start, m.end) for m in art.mentions] == [first], timeout=5000)
        assert art.mention_at(point) is None and art.browser.anchorAt(point) == ""
        art.activateWindow()
        qtbot.waitUntil(art.isActiveWindow, timeout=5000)
        QTest.keyClick(art.browser, Qt.Key_Z, Qt.ControlModifier)  # Undo, from the article's window
        qtbot.waitUntil(lambda: spans() == [first, second], timeout=30000)
        _wait_redrawn(w, qtbot)
        qtbot.waitUntil(lambda: [(m.start, m.end) for m in art.mentions] == [first, second], timeout=5000)
        assert (art.mention_at(point).start, art.mention_at(point).end) == second
    finally:
        w.close()


def test_a_selection_on_a_mention_offers_its_fixes_and_elsewhere_the_mark(qtbot, tmp_path, project_file):
    w = _window(qtbot, tmp_path, project=str(project_file))
    try:
        raw = STORY["text"]
        w.open_article("rift-1", 0, raw.index(".") + 1, 0, 0)
        art = w._last_article_dialog
        qtbot.waitExposed(art)
        nowhere = QPoint(2, 2)  # over "Residents", no mention
        assert art.mention_at(nowhere) is None
        art.browser.setTextCursor(art.browser.document().find("Rumuruti"))
        texts = _menu_texts(art.build_menu(nowhere))
        assert "“Rumuruti” is not a place…" in texts and art.mark_action_text() is None
        art.browser.setTextCursor(art.browser.document().find("Kisiriri"))
        texts = _menu_texts(art.build_menu(nowhere))
        assert "Mark “Kisiriri” as a place…" in texts and not any("not a place" in t for t in texts)
    finally:
        w.close()


def test_article_windows_close_when_another_project_opens(qtbot, tmp_path, project_file):
    other = tmp_path / "other.gpkg"
    src = tmp_path / "other.jsonl"
    src.write_text(json.dumps({"id": "o-1", "title": "t", "text": "Protesters marched in Nairobi."}) + "\n",
                   encoding="utf-8")
    with Project(other) as project:
        assert not ingest([str(src)], project=project).errors
    w = _window(qtbot, tmp_path, project=str(project_file))
    try:
        from explorer.gui.article_view import ArticleDialog
        w.open_article("rift-1", 0, 10, 0, 0)
        qtbot.waitExposed(w._last_article_dialog)
        assert len([d for d in w.findChildren(ArticleDialog) if d.isVisible()]) == 1
        w.open_project(str(other))
        qtbot.waitUntil(lambda: w.project is not None and w.project_path == str(other), timeout=30000)
        qtbot.waitUntil(lambda: not [d for d in w.findChildren(ArticleDialog) if d.isVisible()], timeout=10000)
    finally:
        w.close()
