"""Fixing a wrong pin through the GUI: the pin's menu, the dialog, undo / redo, the side panel's link, a
restart on the same project file. The articles are written here (a story from Dhaka whose "Mirpur" the
application's geoparser reads as the town in India's Punjab); nothing is compared with the seeds."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from explorer.core.store.ingest import ingest
from explorer.core.store.project import Project
from explorer.gui import corrections_ui
from explorer.gui.main_window import MainWindow
from tests.gui.helpers import fragments as _fragments, marker_point

DHAKA_ID = "dhaka #7?desk=metro&x=1 ঢাকা"  # an id with # ? & spaces and another script
STORIES = [
    {"id": DHAKA_ID, "title": "Rickshaw pullers protest in the capital",
     "text": "Hundreds of rickshaw pullers blocked roads in Mirpur on Sunday against a ban on battery rickshaws. "
             "Traffic in Dhaka stood still for hours, and police in Mirpur used batons to clear the road. "
             "Pullers from Savar and Gazipur joined them in the afternoon."},
    {"id": "lahore-1", "title": "Smog closes schools",
     "text": "Schools in Lahore stayed shut on Monday as smog covered the city. Officials in Faisalabad said the "
             "air was as bad there."},
]


def _stories(folder) -> str:
    src = folder / "stories.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for s in STORIES:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    return str(src)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A named project of the stories (built once; each test works on a copy)."""
    folder = tmp_path_factory.mktemp("corrgui")
    path = folder / "news.gpkg"
    with Project(path) as project:
        assert not ingest([_stories(folder)], project=project).errors
    return path


@pytest.fixture
def project_file(built, tmp_path):
    path = tmp_path / "news.gpkg"
    path.write_bytes(built.read_bytes())
    return path


def _window(qtbot, tmp_path, **kwargs) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = MainWindow(settings=settings, **kwargs)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready and w.project is not None, timeout=90000)
    return w


@pytest.fixture
def window(qtbot, tmp_path, project_file):
    w = _window(qtbot, tmp_path, project=str(project_file))
    yield w
    w.close()


def _mirpur(w):
    """The Mirpur pin as the geoparser placed it, and its mentions."""
    rows = w.project.conn.execute("SELECT m.place_id, m.\"start\", m.\"end\", p.country_code FROM mentions m "
                                  "JOIN places p ON p.place_id = m.place_id WHERE m.surface = 'Mirpur' "
                                  "ORDER BY m.\"start\"").fetchall()
    return rows


def _table_ids(w) -> set[str]:
    return set(w.map_data.table.place_id)


def _page_has(w, place_id) -> bool:
    from explorer.mapdoc.document import js_json

    # the page's places (its pins are drawn from them, those in view at a time)
    return bool(w.map.evaluate(f"window.geoExplorer.pins.data.ids.indexOf({js_json(place_id)}) >= 0"))


def _marker_point(w, place_id) -> QPoint | None:
    return marker_point(w.map, place_id)


def _right_click_pin(w, qtbot, place_id):
    """Right-click the pin with the mouse; the menu the app pops up."""
    from explorer.core.store import views

    place = views.place(w.project.conn, place_id)[0]
    w.map.run_js(f"window.geoExplorer.map.setView([{place.lat}, {place.lon}], 7, {{animate: false}})")
    qtbot.waitUntil(lambda: (_marker_point(w, place_id) or QPoint(0, 0)).x() > 100, timeout=10000)
    qtbot.wait(300)
    point = _marker_point(w, place_id)
    target = w.map.focusProxy()
    w.tools.last_menu = None
    QTest.mouseMove(target, point)
    qtbot.wait(50)
    QTest.mousePress(target, Qt.RightButton, Qt.NoModifier, point)
    QTest.mouseRelease(target, Qt.RightButton, Qt.NoModifier, point)
    qtbot.waitUntil(lambda: getattr(w.tools, "last_menu", None) is not None, timeout=5000)
    return w.tools.last_menu


def _action(menu, text):
    return next(a for a in menu.actions() if a.text() == text)


def _wait_redrawn(w, qtbot):
    qtbot.waitUntil(lambda: w.map.ready, timeout=30000)


def test_the_pin_menu_offers_the_fixes_and_the_dialog_lists_nearest_first(window, qtbot):
    w = window
    rows = _mirpur(w)
    assert len(rows) == 2 and {r[3] for r in rows} == {"IN"}  # the misreading this test is about
    wrong = rows[0][0]
    menu = _right_click_pin(w, qtbot, wrong)
    texts = [a.text() for a in menu.actions()]
    assert "Move to another place…" in texts and "Not a place…" in texts
    menu.close()
    _action(menu, "Move to another place…").trigger()
    dlg = w.fixes.last_dialog
    qtbot.waitExposed(dlg)
    # the mentions of the pin: all of them, then each (article and sentence)
    assert dlg.mention_list.count() == 3 and dlg.all_item is not None
    assert all("«Mirpur»" in dlg.mention_list.item(i).text() for i in (1, 2))
    tree = dlg.candidate_tree
    n = tree.topLevelItemCount()
    assert n >= 3
    places = [tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(n)]
    distances = [tree.topLevelItem(i).data(4, Qt.UserRole) for i in range(n)]
    assert distances == sorted(distances)
    assert places[0].country_code == "BD" and distances[0] < 50  # nearest the story's Dhaka, Gazipur, Savar
    assert wrong in [p.place_id for p in places]  # the current place is listed (and marked)
    current = next(tree.topLevelItem(i) for i in range(n) if places[i].place_id == wrong)
    assert "now" in current.text(5)
    assert dlg.chosen_place().place_id == places[0].place_id  # the nearest other place is proposed
    assert all(tree.topLevelItem(i).text(3) for i in range(n))  # country
    # the search field finds any place, as you type
    QTest.keyClicks(dlg.search_box, "sylhe")
    qtbot.waitUntil(lambda: dlg.searched == "sylhe", timeout=10000)
    assert dlg.search_tree.topLevelItemCount() > 0
    hit = dlg.search_tree.topLevelItem(0)
    assert hit.data(0, Qt.UserRole).name.lower().startswith("sylhe")
    dlg.search_tree.setCurrentItem(hit)
    assert dlg.chosen_place() == hit.data(0, Qt.UserRole)
    assert not tree.selectedItems()  # one choice at a time
    dlg.reject()


def test_moving_the_pin_then_undo_and_redo_through_the_edit_menu(window, qtbot):
    w = window
    wrong = _mirpur(w)[0][0]
    assert wrong in _table_ids(w) and _page_has(w, wrong)
    assert not w.fixes.undo_action.isEnabled()
    assert w.fixes.undo_action.shortcut().toString() == "Ctrl+Z"
    assert w.fixes.redo_action.shortcut().toString() == "Ctrl+Shift+Z"
    assert w.fixes.undo_action in w.fixes.menu.actions() and w.fixes.menu.title() == "&Edit"
    dlg = w.fixes.fix_place(wrong, "move")
    qtbot.waitExposed(dlg)
    right = dlg.chosen_place()
    assert right.country_code == "BD"
    dlg.scope_buttons["article"].setChecked(True)
    QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
    _wait_redrawn(w, qtbot)
    rows = _mirpur(w)
    assert {r[0] for r in rows} == {right.place_id}
    assert right.place_id in _table_ids(w) and wrong not in _table_ids(w)
    qtbot.waitUntil(lambda: _page_has(w, right.place_id), timeout=10000)
    assert not _page_has(w, wrong)
    label = w.fixes.last_results[0].correction.label
    qtbot.waitUntil(lambda: label in w.statusBar().currentMessage(), timeout=10000)
    assert w.panel.place_id == right.place_id and "corrected by hand" in w.panel.browser.toPlainText()
    assert not w.unsaved_work  # a named project: already written

    assert w.fixes.undo_action.isEnabled() and "Mirpur" in w.fixes.undo_action.text()
    w.fixes.undo_action.trigger()
    _wait_redrawn(w, qtbot)
    assert {r[0] for r in _mirpur(w)} == {wrong}
    assert wrong in _table_ids(w) and right.place_id not in _table_ids(w)
    qtbot.waitUntil(lambda: _page_has(w, wrong) and not _page_has(w, right.place_id), timeout=10000)
    assert "Undone" in w.statusBar().currentMessage()

    assert w.fixes.redo_action.isEnabled()
    w.fixes.redo_action.trigger()
    _wait_redrawn(w, qtbot)
    assert {r[0] for r in _mirpur(w)} == {right.place_id}
    assert right.place_id in _table_ids(w) and wrong not in _table_ids(w)
    # the same correction, made again (not a second one)
    assert w.project.conn.execute("SELECT count(*), sum(active) FROM corrections").fetchone() == (1, 1)


def test_not_a_place_removes_the_pin_and_undo_brings_it_back(window, qtbot):
    w = window
    wrong = _mirpur(w)[0][0]
    before = w.project.counts()["mentions"]
    dlg = w.fixes.fix_place(wrong, "drop")
    qtbot.waitExposed(dlg)
    dlg.mention_list.setCurrentItem(dlg.all_item)
    dlg.scope_buttons["mention"].setChecked(True)
    assert dlg.ok_button.text() == "Not a place"
    QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
    _wait_redrawn(w, qtbot)
    assert _mirpur(w) == []
    assert wrong not in _table_ids(w) and not _page_has(w, wrong)
    assert w.project.counts()["mentions"] == before - 2
    # two mention-scope corrections, one step of the history
    assert w.project.conn.execute("SELECT count(*) FROM corrections WHERE new_place_id IS NULL").fetchone() == (2,)
    assert w.fixes.stack.count() == 1
    w.fixes.undo_action.trigger()
    _wait_redrawn(w, qtbot)
    assert len(_mirpur(w)) == 2 and wrong in _table_ids(w)
    qtbot.waitUntil(lambda: _page_has(w, wrong), timeout=10000)


def test_the_corrected_pin_is_still_there_after_a_restart_on_the_same_file(qtbot, tmp_path, project_file):
    w = _window(qtbot, tmp_path, project=str(project_file))
    wrong = _mirpur(w)[0][0]
    dlg = w.fixes.fix_place(wrong, "move")
    qtbot.waitExposed(dlg)
    right = dlg.chosen_place()
    dlg.scope_buttons["project"].setChecked(True)
    dlg.accept()
    _wait_redrawn(w, qtbot)
    assert right.place_id in _table_ids(w)
    w.close()

    again = _window(qtbot, tmp_path, project=str(project_file))
    try:
        assert right.place_id in _table_ids(again) and wrong not in _table_ids(again)
        qtbot.waitUntil(lambda: _page_has(again, right.place_id), timeout=10000)
        assert not _page_has(again, wrong)
        assert not again.fixes.undo_action.isEnabled()  # a new session: a new history
    finally:
        again.close()


def test_the_side_panel_fix_link_opens_the_dialog_for_that_mention(window, qtbot):
    w = window
    rows = _mirpur(w)
    wrong, second = rows[0][0], rows[1]
    w.show_place(wrong)
    browser = w.panel.browser
    links = [f for f in _fragments(browser) if f.charFormat().isAnchor() and f.text() == "Fix…"]
    assert len(links) == 2
    cur = QTextCursor(browser.document())
    cur.setPosition(links[1].position() + 1)
    browser.setTextCursor(cur)
    browser.ensureCursorVisible()
    w.fixes.last_dialog = None
    QTest.mouseClick(browser.viewport(), Qt.LeftButton, Qt.NoModifier, browser.cursorRect(cur).center())
    qtbot.waitUntil(lambda: w.fixes.last_dialog is not None, timeout=5000)
    dlg = w.fixes.last_dialog
    assert dlg.all_item is None and len(dlg.targets) == 1
    t = dlg.targets[0]
    assert (t.article_id, t.start, t.end) == (DHAKA_ID, second[1], second[2])
    assert dlg.candidate_tree.topLevelItemCount() > 0
    # this mention only: the other Mirpur of the story keeps its pin
    dlg.scope_buttons["mention"].setChecked(True)
    right = dlg.chosen_place()
    QTest.mouseClick(dlg.ok_button, Qt.LeftButton)
    _wait_redrawn(w, qtbot)
    assert [r[0] for r in _mirpur(w)] == [wrong, right.place_id]
    assert {wrong, right.place_id} <= _table_ids(w)


def test_a_big_correction_runs_in_the_background_after_asking(window, qtbot, monkeypatch):
    w = window
    asked = []
    monkeypatch.setattr(corrections_ui, "BIG", 0)
    monkeypatch.setattr(corrections_ui.Corrections, "confirm_big", lambda self, n, text: asked.append(n) or True)
    in_thread = []
    start = corrections_ui.Corrections._start_worker
    monkeypatch.setattr(corrections_ui.Corrections, "_start_worker",
                        lambda self, cmd, op: in_thread.append(op) or start(self, cmd, op))

    def not_here(self, cmd, op):
        raise AssertionError("a big correction ran in the UI thread")

    monkeypatch.setattr(corrections_ui.Corrections, "_run_here", not_here)
    wrong = _mirpur(w)[0][0]
    dlg = w.fixes.fix_place(wrong, "move")
    qtbot.waitExposed(dlg)
    right = dlg.chosen_place()
    conn_in_ui = w.project.conn
    dlg.accept()
    assert asked == [1]
    assert in_thread == ["add"]
    assert w._busy_quiet() or w.fixes.last_results  # running, or already done
    qtbot.waitUntil(lambda: not w._busy_quiet() and not w.fixes.busy, timeout=30000)
    _wait_redrawn(w, qtbot)
    assert {r[0] for r in _mirpur(w)} == {right.place_id}
    assert w.project.conn is not conn_in_ui  # the window read the project again
    w.fixes.undo_action.trigger()  # undone in the background too
    qtbot.waitUntil(lambda: not w._busy_quiet() and not w.fixes.busy, timeout=30000)
    _wait_redrawn(w, qtbot)
    assert {r[0] for r in _mirpur(w)} == {wrong}
    assert in_thread == ["add", "revoke"]


def test_a_correction_in_an_untitled_project_is_work_to_keep(qtbot, tmp_path):
    folder = tmp_path / "src"
    folder.mkdir()
    w = _window(qtbot, tmp_path, sources=[_stories(folder)])
    try:
        qtbot.waitUntil(lambda: not w._busy_quiet() and w.project is not None and bool(_mirpur(w)), timeout=60000)
        _wait_redrawn(w, qtbot)
        assert w.untitled
        w.unsaved_work = False  # (the import itself counts; the correction is what is tested here)
        wrong = _mirpur(w)[0][0]
        dlg = w.fixes.fix_place(wrong, "move")
        qtbot.waitExposed(dlg)
        dlg.accept()
        _wait_redrawn(w, qtbot)
        assert wrong not in _table_ids(w)
        assert w.unsaved_work
    finally:
        w.close()
