"""The map's tools as a user drives them: a box dragged with the mouse, a province clicked, a circle
around a pin, measuring, the right-click menus, cursor coordinates. Each narrows the state's area, and
the pins and counts follow it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from explorer.core.places import areas
from explorer.core.store import views
from explorer.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready, timeout=90000)
    yield w
    w.close()


def _point(w, lat, lon) -> QPoint:
    xy = w.map.evaluate(f"(function () {{ var p = window.geoExplorer.map.latLngToContainerPoint([{lat}, {lon}]);"
                        " return [p.x, p.y]; })()")
    return QPoint(int(xy[0]), int(xy[1]))


def _shown_places(w) -> set[str]:
    t = w.map_data.table
    c = w.map_data.counts
    return {t.place_id[i] for i in range(len(t)) if c is None or c.shown[i]}


def _page_count(w) -> int:
    return w.map.evaluate("window.geoExplorer.pins.count()")


def _drag(target, a: QPoint, b: QPoint, qtbot) -> None:
    QTest.mouseMove(target, a)
    QTest.mousePress(target, Qt.LeftButton, Qt.NoModifier, a)
    for k in range(1, 6):
        QTest.mouseMove(target, a + (b - a) * (k / 5))
        qtbot.wait(30)
    QTest.mouseRelease(target, Qt.LeftButton, Qt.NoModifier, b)


def test_a_box_dragged_on_the_map_narrows_pins_and_counts(window, qtbot):
    w = window
    total = w.project.counts()["places"]
    w.map.evaluate("window.geoExplorer.map.setView([28, 62], 5, {animate: false}) && 1")
    qtbot.wait(300)
    w.tools.actions["box"].trigger()
    qtbot.wait(200)
    _drag(w.map.focusProxy(), _point(w, 32.0, 57.0), _point(w, 24.5, 67.0), qtbot)
    qtbot.waitUntil(lambda: w.state.filters.area is not None, timeout=5000)
    area = w.state.filters.area
    assert area.kind == "box"
    assert area.west == pytest.approx(57.0, abs=0.3) and area.north == pytest.approx(32.0, abs=0.3)
    shown = _shown_places(w)
    assert 0 < len(shown) < total
    for pid in shown:
        place = views.place(w.project.conn, pid)[0]
        assert area.west <= place.lon <= area.east and area.south <= place.lat <= area.north
    qtbot.waitUntil(lambda: _page_count(w) == len(shown), timeout=5000)
    assert not w.tools.actions["box"].isChecked()  # the tool ends with the box
    assert "Only the box" in w.tools.area_label.text()
    assert w.map.evaluate("!!window.geoExplorer.tools.areaLayer")  # outlined on the map
    w.tools.clear_area()
    assert w.state.filters.area is None
    qtbot.waitUntil(lambda: _page_count(w) == total, timeout=5000)


def test_a_click_while_picking_a_province_keeps_only_that_province(window, qtbot):
    w = window
    w.map.evaluate("window.geoExplorer.map.setView([27.5, 65.5], 6, {animate: false}) && 1")
    qtbot.wait(300)
    w.tools.actions["province"].trigger()
    qtbot.wait(200)
    # an empty spot of Balochistan (not on a pin): north of Kharan
    target = w.map.focusProxy()
    spot = _point(w, 28.9, 65.2)
    QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, spot)
    qtbot.waitUntil(lambda: w.state.filters.area is not None, timeout=5000)
    area = w.state.filters.area
    assert area.kind == "province" and "Balochistan" in area.label
    shown = _shown_places(w)
    assert shown
    province = areas.province(area.province)
    for pid in shown:
        place = views.place(w.project.conn, pid)[0]
        assert areas.province_at(place.lat, place.lon) == province, place.name


def test_a_circle_around_a_pin_from_its_menu(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    w = window
    panjgur = next(p.place for p in w.project.places() if p.place.name == "Panjgur")
    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(lambda *a, **k: (150.0, True)))
    menu = w.tools.pin_menu(panjgur.place_id, QPoint(100, 100))
    labels = [a.text() for a in menu.actions()]
    assert any(t.startswith("Events within") for t in labels) and "Events in Balochistan (Pakistan)" in labels
    next(a for a in menu.actions() if a.text().startswith("Events within")).trigger()
    menu.close()
    area = w.state.filters.area
    assert area.kind == "circle" and area.km == 150.0 and area.label == "within 150 km of Panjgur"
    shown = _shown_places(w)
    assert panjgur.place_id in shown
    inside = areas.contains(area, [views.place(w.project.conn, p)[0].lon for p in shown],
                            [views.place(w.project.conn, p)[0].lat for p in shown])
    assert inside.all()
    assert views.counts(w.project.conn, w.state.filters)["events"] < w.project.counts()["events"]


def test_right_click_on_a_pin_opens_the_app_menu_not_chromiums(window, qtbot):
    w = window
    panjgur = next(p.place for p in w.project.places() if p.place.name == "Panjgur")
    w.map.evaluate(f"window.geoExplorer.map.setView([{panjgur.lat}, {panjgur.lon}], 7, {{animate: false}}) && 1")
    qtbot.wait(500)
    spot = _point(w, panjgur.lat, panjgur.lon)
    target = w.map.focusProxy()
    QTest.mouseMove(target, spot)
    qtbot.wait(100)
    QTest.mouseClick(target, Qt.RightButton, Qt.NoModifier, spot)
    qtbot.waitUntil(lambda: getattr(w.tools, "last_menu", None) is not None and w.tools.last_menu.isVisible(),
                    timeout=5000)
    texts = [a.text() for a in w.tools.last_menu.actions()]
    assert texts[0] == "Read where Panjgur is named"
    assert w.map.contextMenuPolicy() == Qt.NoContextMenu
    w.tools.last_menu.close()


def test_measuring_two_clicks_gives_the_great_circle_distance(window, qtbot):
    from pyproj import Geod

    w = window
    w.map.evaluate("window.geoExplorer.map.setView([28, 62], 5, {animate: false}) && 1")
    qtbot.wait(300)
    w.tools.actions["measure"].trigger()
    qtbot.wait(200)
    target = w.map.focusProxy()
    a, b = _point(w, 29.0, 58.0), _point(w, 26.0, 66.0)
    for p in (a, b):
        QTest.mouseClick(target, Qt.LeftButton, Qt.NoModifier, p)
        qtbot.wait(150)
    qtbot.waitUntil(lambda: w.tools.measured_km is not None and w.tools.measured_km > 100, timeout=5000)
    lat_lon = w.map.evaluate("window.geoExplorer.tools.measurePts.map(function (p) { return [p.lat, p.lng]; })")
    (la1, lo1), (la2, lo2) = lat_lon
    _, _, metres = Geod(ellps="WGS84").inv(lo1, la1, lo2, la2)
    assert w.tools.measured_km == pytest.approx(metres / 1000, rel=0.01)  # sphere vs ellipsoid
    assert "Distance:" in w.statusBar().currentMessage()
    QTest.keyClick(target, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not w.tools.actions["measure"].isChecked(), timeout=5000)
    assert w.state.filters.area is None  # measuring filters nothing


def test_the_status_bar_shows_the_cursor_position(window, qtbot):
    w = window
    target = w.map.focusProxy()
    spot = _point(w, 30.0, 60.0)
    QTest.mouseMove(target, spot)
    qtbot.wait(120)
    QTest.mouseMove(target, spot + QPoint(1, 1))
    qtbot.waitUntil(lambda: "° N" in w.tools.cursor_label.text(), timeout=5000)
    text = w.tools.cursor_label.text()
    lat = float(text.split("°")[0])
    assert lat == pytest.approx(30.0, abs=0.3)
