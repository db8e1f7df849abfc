"""The timeline panel as a user meets it: drag a range, move it, clear it, play, the undated switch.

The projects here are written by the tests (invented articles at the fake
gazetteer's places), not the seeds. The first tests drive the panel alone
(bound to a ViewState, as in the app); the last ones drive it in the main
window and check the map's pins.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from explorer.core.models import Article, Event, Mention
from explorer.core.store.project import Project
from explorer.core.viewstate import ViewState
from explorer.gui.timeline import TimelinePanel
from tests.fakes import PLACES

D = date
# (article, place, fine type, ACLED type, day): five dated events on four days, two undated
ROWS = (
    ("a1", "Quetta", "air_strike", "Explosions/Remote violence", "2024-01-10"),
    ("a2", "Lahore", "peaceful_protest", "Protests", "2024-01-24"),
    ("a3", "Zahedan", "armed_clash", "Battles", "2024-02-14"),
    ("a4", "Quetta", "peaceful_protest", "Protests", "2024-03-01"),
    ("a5", "Lahore", "armed_clash", "Battles", "2024-03-01"),
    ("a6", "Balochistan", "riot", "Riots", None),
    ("a7", "Pakistan", "peaceful_protest", "Protests", None),
)


def _fill(project: Project, rows=ROWS) -> Project:
    for aid, name, kind, acled, day in rows:
        place = PLACES[name]
        text = f"Report {aid}: something happened at {name}."
        start = text.index(name)
        mention = Mention(aid, start, start + len(name), name, place, 0.9, 0, len(text))
        event = Event(aid, kind, acled, 0, len(text), place, "happened", day, "day" if day else None, (),
                      start, start + len(name))
        project.put_article(Article(aid, f"Title {aid}", text, outlet="Dawn", content_hash=aid), [mention], [event])
    return project


@pytest.fixture
def project():
    with Project(Project.MEMORY) as p:
        yield _fill(p)


def _panel(qtbot, project, state=None, width=1000):
    state = state or ViewState()
    panel = TimelinePanel(state, lambda: project.conn if project is not None else None)
    qtbot.addWidget(panel)
    panel.resize(width, 240)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reload()
    qtbot.waitUntil(lambda: panel.view.scale is not None or panel.span is None, timeout=3000)
    return panel


def _drag(view, x0, x1, y=None):
    y = int(view.plot.center().y()) if y is None else y
    QTest.mousePress(view, Qt.LeftButton, Qt.NoModifier, QPoint(int(x0), y))
    QTest.mouseMove(view, QPoint(int((x0 + x1) / 2), y))
    QTest.mouseMove(view, QPoint(int(x1), y))
    QTest.mouseRelease(view, Qt.LeftButton, Qt.NoModifier, QPoint(int(x1), y))


def _mid(view, d: date) -> float:
    """The middle of day ``d``'s slot."""
    return view.scale.x(d) + view.scale.px_per_day / 2


def test_the_range_in_view_comes_from_the_events(qtbot, project):
    panel = _panel(qtbot, project)
    lo, hi = panel.view_range()
    assert lo < D(2024, 1, 10) and hi > D(2024, 3, 1) and (hi - lo).days < 80
    assert panel.counts.total == 5 and panel.counts.undated == 2
    assert panel.undated_label.text() == "2 undated" and panel.undated_check.isChecked()
    assert panel.view.bucket == "day"  # 60-odd days across 900 px: a bar a day
    assert "5 events" in panel.summary.text() and "10 Jan – 1 Mar 2024" in panel.summary.text()


def test_dragging_selects_whole_days_and_says_what_it_holds(qtbot, project):
    state = ViewState()
    panel = _panel(qtbot, project, state)
    view = panel.view
    _drag(view, _mid(view, D(2024, 1, 20)), _mid(view, D(2024, 2, 20)) + 0.3 * view.scale.px_per_day)
    assert (state.filters.date_from, state.filters.date_to) == (D(2024, 1, 20), D(2024, 2, 20))
    assert panel.summary.text() == "20 Jan – 20 Feb 2024, 2 events"
    # dragged right to left (from outside the brush: a new one)
    _drag(view, _mid(view, D(2024, 3, 2)), _mid(view, D(2024, 2, 27)))
    assert (state.filters.date_from, state.filters.date_to) == (D(2024, 2, 27), D(2024, 3, 2))
    assert panel.summary.text() == "27 Feb – 2 Mar 2024, 2 events"
    # a range with no events says so
    _drag(view, _mid(view, D(2024, 2, 16)), _mid(view, D(2024, 2, 25)))
    assert panel.summary.text() == "No events between 16 Feb and 25 Feb 2024"
    assert panel.brush_events == 0


def test_the_brush_moves_resizes_and_clears(qtbot, project):
    state = ViewState()
    panel = _panel(qtbot, project, state)
    view = panel.view
    state.update(date_from=D(2024, 1, 20), date_to=D(2024, 1, 29))
    qtbot.wait(20)
    px = view.scale.px_per_day
    # drag from inside the brush: it moves by whole days, keeping its length
    _drag(view, _mid(view, D(2024, 1, 24)), _mid(view, D(2024, 1, 24)) + 5 * px)
    assert (state.filters.date_from, state.filters.date_to) == (D(2024, 1, 25), D(2024, 2, 3))
    # its right edge
    _drag(view, view.scale.x(D(2024, 2, 4)), view.scale.x(D(2024, 2, 10)) + 0.2 * px)
    assert (state.filters.date_from, state.filters.date_to) == (D(2024, 1, 25), D(2024, 2, 9))
    # its left edge
    _drag(view, view.scale.x(D(2024, 1, 25)), view.scale.x(D(2024, 1, 22)) - 0.2 * px)
    assert (state.filters.date_from, state.filters.date_to) == (D(2024, 1, 22), D(2024, 2, 9))
    # double-click clears
    QTest.mouseDClick(view, Qt.LeftButton, Qt.NoModifier, QPoint(int(_mid(view, D(2024, 1, 30))),
                                                                 int(view.plot.center().y())))
    assert (state.filters.date_from, state.filters.date_to) == (None, None)
    # a click on a bar selects its day; Esc clears; so does the Clear button
    QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, QPoint(int(_mid(view, D(2024, 2, 14))),
                                                                int(view.plot.bottom() - 3)))
    assert (state.filters.date_from, state.filters.date_to) == (D(2024, 2, 14), D(2024, 2, 14))
    assert panel.summary.text() == "14 Feb 2024, 1 event"
    QTest.keyClick(view, Qt.Key_Escape)
    assert state.filters.date_from is None
    state.update(date_from=D(2024, 1, 1), date_to=D(2024, 1, 31))
    assert panel.clear_button.isEnabled()
    panel.clear_button.click()
    assert state.filters.date_to is None and not panel.clear_button.isEnabled()


def test_arrow_keys_move_the_brush_by_a_bar_and_space_plays(qtbot, project):
    state = ViewState()
    panel = _panel(qtbot, project, state)
    view = panel.view
    view.setFocus()
    state.update(date_from=D(2024, 1, 10), date_to=D(2024, 1, 12))
    QTest.keyClick(view, Qt.Key_Right)
    QTest.keyClick(view, Qt.Key_Right)
    assert panel.shown_brush() == panel.shown_brush().__class__(D(2024, 1, 12), D(2024, 1, 14))
    qtbot.waitUntil(lambda: state.filters.date_from == D(2024, 1, 12), timeout=2000)  # once the keys rest
    assert state.filters.date_to == D(2024, 1, 14)
    QTest.keyClick(view, Qt.Key_Right, Qt.ShiftModifier)  # Shift: the end only
    qtbot.waitUntil(lambda: state.filters.date_to == D(2024, 1, 15), timeout=2000)
    assert state.filters.date_from == D(2024, 1, 12)
    state.set_timeline(bucket="week")  # a bar is a week now
    QTest.keyClick(view, Qt.Key_Left)
    qtbot.waitUntil(lambda: state.filters.date_from == D(2024, 1, 5), timeout=2000)
    state.set_timeline(step_ms=50)
    QTest.keyClick(view, Qt.Key_Space)
    assert panel.playing
    QTest.keyClick(view, Qt.Key_Space)
    assert not panel.playing


def test_wheel_zooms_about_the_cursor_and_the_bars_follow(qtbot, project):
    state = ViewState()
    panel = _panel(qtbot, project, state, width=500)
    view = panel.view
    before = panel.view_range()
    for _ in range(8):  # zoom out: weeks, then months
        panel.zoom_by(1.6)
        view.repaint()
    assert panel.view.bucket in ("week", "month")
    assert (panel.view_range()[1] - panel.view_range()[0]) > (before[1] - before[0])
    panel.fit()
    view.repaint()
    assert panel.view_range() == before and state.timeline.view_from is None
    anchor = D(2024, 2, 14)
    x = _mid(view, anchor)
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    ev = QWheelEvent(QPointF(x, view.plot.center().y()), view.mapToGlobal(QPointF(x, 50)), QPoint(0, 0),
                     QPoint(0, 240), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
    view.wheelEvent(ev)
    lo, hi = panel.view_range()
    assert (hi - lo) < (before[1] - before[0]) and state.timeline.view_from == lo
    view.repaint()
    assert view.scale.day_at(x) in (anchor - timedelta(days=1), anchor, anchor + timedelta(days=1))


def test_the_bars_follow_the_other_filters_but_not_the_date_window(qtbot, project):
    state = ViewState()
    panel = _panel(qtbot, project, state)
    state.toggle_hidden("Protests")
    qtbot.waitUntil(lambda: panel.counts.total == 3, timeout=2000)
    assert panel.counts.undated == 1  # the undated protest is hidden too
    state.update(date_from=D(2024, 1, 1), date_to=D(2024, 1, 15))
    qtbot.wait(20)
    assert panel.counts.total == 3  # the window is drawn on the whole range, not cut by itself
    assert panel.summary.text() == "1–15 Jan 2024, 1 event"
    state.update(include_undated=False)
    assert not panel.undated_check.isChecked()
    panel.undated_check.setChecked(True)
    assert state.filters.include_undated


def test_playback_steps_through_every_day_and_ends_at_the_last_event(qtbot, project):
    state = ViewState()
    panel = _panel(qtbot, project, state)
    state.set_timeline(window_days=10, step_ms=50)
    state.update(date_from=D(2024, 2, 1), date_to=D(2024, 2, 5))
    windows = []
    state.subscribe(lambda s, ch: windows.append((s.filters.date_from, s.filters.date_to))
                    if ch & {"date_from", "date_to"} else None)
    panel.play_button.click()
    with qtbot.waitSignal(panel.playbackFinished, timeout=10000):
        pass
    assert windows[0] == (D(2024, 1, 10), D(2024, 1, 19)) and windows[-1][1] == D(2024, 3, 1)
    for (a, b), (c, _d) in zip(windows, windows[1:]):
        assert c == b + timedelta(days=1)  # back to back: no day skipped
    assert len(windows) == 6 and not panel.playing
    # cumulative: the first day stays, the window grows; Stop goes back to the dates chosen before
    panel.cumulative_check.setChecked(True)
    assert state.timeline.cumulative
    windows.clear()
    panel.play()
    qtbot.waitUntil(lambda: len(windows) >= 2, timeout=5000)
    panel.stop()
    assert all(a == D(2024, 1, 10) for a, _ in windows[:2]) and windows[1][1] == D(2024, 1, 29)
    assert (state.filters.date_from, state.filters.date_to) == (D(2024, 2, 29), D(2024, 3, 1))  # as before it


def test_playback_waits_for_the_map_to_draw(qtbot, project):
    from PySide6.QtCore import QObject, Signal

    class FakeMap(QObject):
        countsShown = Signal()

    fake = FakeMap()
    state = ViewState()
    panel = _panel(qtbot, project, state)
    panel.pace_with(fake.countsShown)
    state.set_timeline(window_days=7, step_ms=50)
    steps = []
    panel.playbackStep.connect(lambda i, n: steps.append(i))
    panel.play()
    qtbot.wait(400)  # many step times, but the map has not drawn
    assert steps == [0]
    fake.countsShown.emit()
    qtbot.waitUntil(lambda: steps == [0, 1], timeout=2000)
    qtbot.wait(200)
    assert steps == [0, 1]
    # the user takes the brush: playback pauses
    panel.step_brush(1)
    assert not panel.playing


def test_a_project_without_dated_events_shows_an_empty_state(qtbot):
    with Project(Project.MEMORY) as p:
        _fill(p, [r for r in ROWS if r[4] is None])
        panel = _panel(qtbot, p)
        assert panel.span is None and panel.view_range() is None
        assert "No dated events" in panel.summary.text()
        message = panel.empty_message()
        assert "No dated events in this project" in message and "2 events with no date" in message
        assert not panel.play_button.isEnabled() and not panel.bucket_combo.isEnabled()
        assert panel.undated_label.text() == "2 undated"
        img = panel.view.grab().toImage()  # no axis drawn at 2000-01-01 or anywhere: only the message
        assert panel.view.scale is None and not img.isNull()
        panel.play()
        assert not panel.playing


def test_a_view_with_no_events_says_so(qtbot, project):
    state = ViewState()
    panel = _panel(qtbot, project, state)
    state.set_timeline(view_from=D(2024, 4, 1), view_to=D(2024, 5, 30))
    panel.view.repaint()
    assert not any(b.total for b in panel.view.bars)
    assert panel.no_events_in_view_message(panel.view_range()) == "No events between 1 Apr and 30 May 2024"
    state.update(countries=frozenset({"IR"}))
    assert panel.no_events_in_view_message(panel.view_range()).endswith("under the filters")


# ---------------------------------------------------------------- in the main window, with the map


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "timeline.gpkg"
    with Project(path) as p:
        _fill(p)
    return str(path)


def _window(qtbot, settings, path):
    from explorer.gui.main_window import MainWindow

    w = MainWindow(project=path, settings=settings)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready and w.project is not None, timeout=90000)
    qtbot.waitUntil(lambda: w.timeline.view.scale is not None, timeout=5000)
    return w


def _pins(w):
    return w.map.evaluate("window.geoExplorer.pins.count()")


def test_dragging_on_the_timeline_filters_the_map(qtbot, settings, project_file):
    w = _window(qtbot, settings, project_file)
    assert w.timeline_dock.isVisible() and _pins(w) == 5  # Quetta, Lahore, Zahedan, Balochistan, Pakistan
    view = w.timeline.view
    _drag(view, _mid(view, D(2024, 1, 10)), _mid(view, D(2024, 1, 20)))
    f = w.state.filters
    assert (f.date_from, f.date_to) == (D(2024, 1, 10), D(2024, 1, 20))
    # Quetta's air strike, and the two undated events' places (undated events are included by default)
    qtbot.waitUntil(lambda: _pins(w) == 3, timeout=5000)
    assert w.map_data.counts.places == 3
    w.timeline.undated_check.click()
    assert not w.state.filters.include_undated
    qtbot.waitUntil(lambda: _pins(w) == 1, timeout=5000)
    QTest.keyClick(view, Qt.Key_Escape)
    qtbot.waitUntil(lambda: _pins(w) == 3, timeout=5000)  # every date, still no undated: Quetta, Lahore, Zahedan
    w.timeline.undated_check.click()
    qtbot.waitUntil(lambda: _pins(w) == 5, timeout=5000)
    # the View menu hides and shows the panel
    action = w.timeline_dock.toggleViewAction()
    action.trigger()
    assert not w.timeline_dock.isVisible()
    action.trigger()
    assert w.timeline_dock.isVisible()
    w.close()


def test_playback_in_the_window_steps_after_the_map_draws(qtbot, settings, project_file):
    w = _window(qtbot, settings, project_file)
    order = []
    w.map.countsShown.connect(lambda: order.append("drawn"))
    w.timeline.playbackStep.connect(lambda i, n: order.append(i))
    w.state.set_timeline(window_days=14, step_ms=50)
    with qtbot.waitSignal(w.timeline.playbackFinished, timeout=30000):
        w.timeline.play()
    steps = [x for x in order if x != "drawn"]
    assert steps == list(range(len(steps))) and len(steps) == 4  # 10 Jan .. 1 Mar by 14 days
    for i in steps[1:]:  # every step after the first came after the map drew the one before
        at = order.index(i)
        assert "drawn" in order[order.index(i - 1):at], order
    assert w.state.filters.date_to == D(2024, 3, 1)
    w.close()


def test_the_timeline_comes_back_with_the_project(qtbot, settings, project_file):
    w = _window(qtbot, settings, project_file)
    w.state.set_timeline(view_from=D(2024, 1, 1), view_to=D(2024, 2, 29), bucket="week", window_days=3,
                         cumulative=True)
    w.state.update(date_from=D(2024, 1, 20), date_to=D(2024, 2, 20))
    saved = (w.state.timeline, w.state.filters)
    w.close()
    again = _window(qtbot, settings, project_file)
    assert (again.state.timeline, again.state.filters) == saved
    assert again.timeline.view_range() == (D(2024, 1, 1), D(2024, 2, 29))
    assert again.timeline.window_spin.value() == 3 and again.timeline.cumulative_check.isChecked()
    assert again.timeline.summary.text() == "20 Jan – 20 Feb 2024, 2 events"
    again.close()
