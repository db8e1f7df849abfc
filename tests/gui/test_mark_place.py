"""A name the geoparser missed, marked as a place from the article's window: select it, "Mark … as a
place…", choose the place; the pin appears, and Undo takes it away. The story is written here."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

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
