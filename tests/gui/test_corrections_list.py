"""Edit → Corrections…: the project's corrections listed after a restart, withdrawn and applied again
(undoably). The articles are the correction tests' own (a story from Dhaka whose "Mirpur" the geoparser reads
as the town in India); nothing is compared with the seeds."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from explorer.core.store import corrections as C
from explorer.core.store.project import Project
from tests.gui.test_corrections_ui import DHAKA_ID, _mirpur, _wait_redrawn, _window, built, project_file  # noqa: F401


def test_the_list_withdraws_and_applies_again_after_a_restart(qtbot, tmp_path, project_file):  # noqa: F811
    # a correction made in an earlier session
    with Project(project_file, create=False) as project:
        row = project.conn.execute("SELECT \"start\", \"end\" FROM mentions WHERE article_id = ? AND surface = "
                                   "'Mirpur' ORDER BY \"start\"", (DHAKA_ID,)).fetchone()
        cands = C.candidates(project, DHAKA_ID, row[0], row[1])
        right = next(c for c in cands if c.country_code == "BD")
        C.add_correction(project, article_id=DHAKA_ID, start=row[0], end=row[1], new_place_id=right.place_id,
                         scope="article")
    w = _window(qtbot, tmp_path, project=str(project_file))
    try:
        moved = {r[0] for r in _mirpur(w)}
        assert {r[3] for r in _mirpur(w)} == {"BD"}
        qtbot.waitUntil(lambda: "article" in w.statusBar().currentMessage(), timeout=30000)
        counts = w.statusBar().currentMessage()  # the counts agree with their number: "1 event", "2 articles"
        assert counts.endswith(" 1 event") and "2 articles" in counts
        assert w.fixes.list_action in w.fixes.menu.actions()
        w.fixes.list_action.trigger()
        dlg = w.fixes.list_dialog
        qtbot.waitExposed(dlg)
        assert dlg.tree.topLevelItemCount() == 1
        item = dlg.tree.topLevelItem(0)
        assert "Mirpur" in item.text(0) and item.text(1) == "in force" and item.text(2) == "2"
        assert dlg.withdraw_button.isEnabled() and not dlg.apply_button.isEnabled()

        QTest.mouseClick(dlg.withdraw_button, Qt.LeftButton)
        _wait_redrawn(w, qtbot)
        qtbot.waitUntil(lambda: dlg.tree.topLevelItem(0).text(1) == "withdrawn", timeout=30000)
        assert {r[3] for r in _mirpur(w)} == {"IN"}  # back to what the geoparser read
        assert "Withdrawn" in w.statusBar().currentMessage()
        assert dlg.apply_button.isEnabled() and not dlg.withdraw_button.isEnabled()

        w.fixes.undo_action.trigger()  # undoing the withdrawal applies it again
        _wait_redrawn(w, qtbot)
        qtbot.waitUntil(lambda: dlg.tree.topLevelItem(0).text(1) == "in force", timeout=30000)
        assert {r[0] for r in _mirpur(w)} == moved

        QTest.mouseClick(dlg.withdraw_button, Qt.LeftButton)
        _wait_redrawn(w, qtbot)
        qtbot.waitUntil(lambda: dlg.tree.topLevelItem(0).text(1) == "withdrawn", timeout=30000)
        QTest.mouseClick(dlg.apply_button, Qt.LeftButton)
        _wait_redrawn(w, qtbot)
        qtbot.waitUntil(lambda: dlg.tree.topLevelItem(0).text(1) == "in force", timeout=30000)
        assert {r[0] for r in _mirpur(w)} == moved
        dlg.reject()
    finally:
        w.close()


def test_an_empty_list_says_how_to_correct(qtbot, tmp_path, project_file):  # noqa: F811
    w = _window(qtbot, tmp_path, project=str(project_file))
    try:
        dlg = w.fixes.show_list()
        qtbot.waitExposed(dlg)
        assert dlg.tree.topLevelItemCount() == 0 and "right-click a pin" in dlg.info.text()
        assert not dlg.withdraw_button.isEnabled() and not dlg.apply_button.isEnabled()
        dlg.reject()
    finally:
        w.close()

