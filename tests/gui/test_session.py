"""An app that keeps your work: untitled projects, Save and Save as, recent projects, asking before
discarding, the window's layout and the map's view remembered, the guide, the keyboard."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from explorer.gui import recent
from explorer.gui.main_window import MainWindow

ARTICLE = "Heavy rain flooded streets in Karachi and Lahore on Tuesday, officials in Islamabad said.\n"


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


def _window(qtbot, settings, **kw) -> MainWindow:
    w = MainWindow(settings=settings, **kw)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready, timeout=90000)
    return w


def _import(qtbot, w, tmp_path) -> None:
    src = tmp_path / "rain.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    before = w.project.counts()["articles"]
    w.import_paths([src])
    # the worker's rows are visible before the window has handled its end: wait for that too (the
    # progress bar goes when the import's result has been taken in)
    qtbot.waitUntil(lambda: w.project is not None and w.project.counts()["articles"] == before + 1
                    and not w.progress.isVisible() and w.map.ready, timeout=60000)


def test_quitting_with_imports_in_an_untitled_project_asks_and_can_save_them(qtbot, settings, tmp_path,
                                                                               monkeypatch):
    w = _window(qtbot, settings)
    assert w.untitled and not w.unsaved_work  # the seeds alone are nothing to lose
    _import(qtbot, w, tmp_path)
    assert w.unsaved_work
    asked = []
    monkeypatch.setattr(MainWindow, "_ask_about_work", lambda self, doing: asked.append(doing) or "cancel")
    assert not w.close()  # cancelled: the window stays, with its work
    assert asked == ["quitting"] and w.isVisible()
    target = str(tmp_path / "kept.gpkg")
    monkeypatch.setattr(MainWindow, "_ask_about_work", lambda self, doing: "save")
    monkeypatch.setattr(MainWindow, "_ask_save_path", lambda self: target)
    w.close()  # saves first, then closes
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=30000)
    from explorer.core.store.project import Project

    with Project(target, readonly=True) as p:
        assert p.counts()["articles"] == 6 and any(a.title for a in p.articles())
    assert recent.recent(settings)[0] == str(Path(target).resolve())


def test_opening_another_project_asks_first_and_save_names_an_untitled_one(qtbot, settings, tmp_path,
                                                                          monkeypatch):
    w = _window(qtbot, settings)
    _import(qtbot, w, tmp_path)
    asked = []
    monkeypatch.setattr(MainWindow, "_ask_about_work", lambda self, doing: asked.append(doing) or "cancel")
    w.open_seeds()
    assert asked == ["starting a new session"] and w.project.counts()["articles"] == 6
    target = str(tmp_path / "named.gpkg")
    monkeypatch.setattr(MainWindow, "_ask_save_path", lambda self: target)
    w.save_action.trigger()  # Ctrl+S on an untitled project: Save as
    qtbot.waitUntil(lambda: w.project_path == target and w.map.ready, timeout=30000)
    assert not w.untitled and not w.unsaved_work and "named.gpkg" in w.windowTitle()
    w.save_action.trigger()  # a named project is saved as it changes
    assert "Everything is saved" in w.statusBar().currentMessage()
    w.close()


def test_recent_projects_menu(qtbot, settings, tmp_path):
    w = _window(qtbot, settings)
    a, b = str(tmp_path / "a.gpkg"), str(tmp_path / "b.gpkg")
    for path in (a, b):
        w.save_project_as(path)
        qtbot.waitUntil(lambda p=path: w.project_path == p and w.map.ready, timeout=30000)
    Path(a).unlink()
    w._fill_recent_menu()
    acts = [x for x in w.recent_menu.actions() if not x.isSeparator()]
    assert [x.text() for x in acts[:2]] == ["b.gpkg", "a.gpkg (missing)"]
    assert acts[0].isEnabled() and not acts[1].isEnabled()
    w.open_project(b)  # the same, opened again: still first, once
    qtbot.waitUntil(lambda: w.map.ready and not w._busy_quiet(), timeout=30000)
    assert recent.recent(settings)[:2] == [str(Path(b).resolve()), str(Path(a).resolve())]
    w.close()


def test_the_window_layout_and_the_map_view_come_back(qtbot, settings, tmp_path):
    w = _window(qtbot, settings)
    path = str(tmp_path / "v.gpkg")
    w.save_project_as(path)
    qtbot.waitUntil(lambda: w.project_path == path and w.map.ready, timeout=30000)
    w.resize(780, 580)
    w.filters_dock.hide()
    w.split.setSizes([250, 500])  # far from the default share (3:1)
    sizes = w.split.sizes()
    w.map.evaluate("window.geoExplorer.map.setView([33.5, 70.25], 7, {animate: false}) && 1")
    qtbot.waitUntil(lambda: w.state.view is not None and abs(w.state.view.lat - 33.5) < 0.01, timeout=5000)
    w._store_state()
    w.close()
    again = _window(qtbot, settings)  # reopens the last project, at its view
    assert again.project_path == path
    assert again.size().width() == 780 and again.size().height() == 580
    assert not again.filters_dock.isVisible()
    now = again.split.sizes()  # the same share of the width (the window's docks may differ in width)
    assert now[0] / sum(now) == pytest.approx(sizes[0] / sum(sizes), abs=0.02)
    centre = again.map.evaluate("(function () { var c = window.geoExplorer.map.getCenter(); "
                                "return [c.lat, c.lng, window.geoExplorer.map.getZoom()]; })()")
    assert centre[0] == pytest.approx(33.5, abs=0.01) and centre[1] == pytest.approx(70.25, abs=0.01)
    assert centre[2] == 7
    again.close()


def test_the_guide_opens_offline(qtbot, settings):
    w = _window(qtbot, settings)
    w.show_guide()
    text = w._guide.browser.toPlainText()
    assert "Fixing a wrong pin" in text and "Measure" in text
    w._guide.close()
    w.close()


def test_keyboard_steps_through_pins_in_view_and_enter_opens_one(qtbot, settings):
    w = _window(qtbot, settings)
    order = w.map.evaluate("window.geoExplorer.pins.inViewIds()")
    assert len(order) >= 3
    w.map.setFocus()
    w.map.evaluate(f"window.geoExplorer.tools.focusPin({order[0]!r}) && 1")
    target = w.map.focusProxy()

    def focused():
        return w.map.evaluate("(function () { var n = document.activeElement; var d = n && n.querySelector && "
                              "n.querySelector('[data-place-id]'); return d ? d.getAttribute('data-place-id') : "
                              "null; })()")

    qtbot.waitUntil(lambda: focused() == order[0], timeout=5000)
    QTest.keyClick(target, Qt.Key_Right)
    qtbot.waitUntil(lambda: focused() == order[1], timeout=5000)
    QTest.keyClick(target, Qt.Key_Right)
    qtbot.waitUntil(lambda: focused() == order[2], timeout=5000)
    QTest.keyClick(target, Qt.Key_Left)
    qtbot.waitUntil(lambda: focused() == order[1], timeout=5000)
    QTest.keyClick(target, Qt.Key_Return)
    qtbot.waitUntil(lambda: w.panel.place_id == order[1], timeout=5000)
    w.close()
