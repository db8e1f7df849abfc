"""The basemap as drawn: borders, labels, no seams, pins above labels, styles, drags, offline."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from tests.contents import map_data
from explorer.core.models import Place
from explorer.mapdoc.basemap import source_dir
from tests.fakes import FakeGeoparser
from tests.gui.test_main_window import _shown_map

LAND = (0xF3, 0xEF, 0xE4)
SEA = (0xB9, 0xD3, 0xE6)


def _index() -> dict:
    text = (source_dir() / "index.js").read_text(encoding="ascii")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


def _corpus(tmp_path, places: dict[str, Place], text: str):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    return map_data([p], geoparser=FakeGeoparser(places))


QUETTA = Place("gn:1167528", "Quetta", "city", 30.18414, 67.00141, "PK", 733675, "Balochistan")
ZAHEDAN = Place("gn:1159301", "Zahedan", "city", 29.4963, 60.8629, "IR", 551980, "Sistan and Baluchestan")
IZMIR = Place("gn:311046", "Izmir", "city", 38.41273, 27.13838, "TR", 2500603, "Izmir")


def _pixels(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format_RGB888)
    w, h, bpl = img.width(), img.height(), img.bytesPerLine()
    return np.frombuffer(img.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)[:, : w * 3].reshape(h, w, 3).copy()


def _near(px: np.ndarray, rgb, tol: int) -> np.ndarray:
    return np.all(np.abs(px.astype(int) - np.array(rgb)) <= tol, axis=-1)


def _settle(qtbot, view) -> None:
    """Wait until the basemap has its cells and labels for the view and two frames are painted."""
    qtbot.waitUntil(lambda: view.evaluate(
        "window.geoExplorer.basemap.idle() && !window.geoExplorer.map._animatingZoom") is True, timeout=20000)
    view.run_js("window.__painted = false; requestAnimationFrame(function () {"
                " requestAnimationFrame(function () { window.__painted = true; }); });")
    qtbot.waitUntil(lambda: view.evaluate("window.__painted") is True, timeout=5000)


def _shot(qtbot, view) -> np.ndarray:
    """The view's pixels once the frame shown has caught up with the page (two equal grabs)."""
    last = _pixels(view.snapshot())
    for _ in range(40):
        qtbot.wait(60)
        now = _pixels(view.snapshot())
        if np.array_equal(now, last):
            return now
        last = now
    return last


def _go(qtbot, view, lat, lon, zoom) -> np.ndarray:
    view.run_js(f"window.geoExplorer.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    _settle(qtbot, view)
    return _shot(qtbot, view)


def _toggle(qtbot, view, name: str, on: bool) -> np.ndarray:
    view.run_js(f"window.geoExplorer.basemap.setVisible({json.dumps(name)}, {json.dumps(on)})")
    _settle(qtbot, view)
    return _shot(qtbot, view)


def _labels_shown(qtbot, view, shown: bool) -> None:
    view.run_js("window.geoExplorer.map.getPane('geLabels').style.display = "
                + ("''" if shown else "'none'"))
    _settle(qtbot, view)


def _placed(view) -> list[dict]:
    return view.evaluate("window.geoExplorer.basemap.placed")


def _diff(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.count_nonzero(np.any(np.abs(a.astype(int) - b.astype(int)) > 24, axis=-1)))


def _text_pixels(px: np.ndarray, box) -> int:
    """Pixels in ``box`` clearly darker than its background (the text)."""
    x0, y0, x1, y1 = (int(round(v)) for v in box)
    crop = px[max(0, y0):y1, max(0, x0):x1].astype(int)
    lum = crop @ np.array([299, 587, 114]) // 1000
    return int(np.count_nonzero(lum < np.median(lum) - 50))


def test_balochistan_zoomed_in_shows_province_borders_rivers_and_labels(qtbot, tmp_path):
    view = _shown_map(qtbot, _corpus(tmp_path, {"Zahedan": ZAHEDAN}, "Talks in Zahedan."), size=(1000, 700))
    px = _go(qtbot, view, 28.8, 64.5, 7)
    # labels: towns and both provinces, each box holding dark text pixels
    placed = {(p["kind"], p["name"]): p["box"] for p in _placed(view)}
    for key in [("p", "Quetta"), ("p", "Turbat"), ("a", "Balochistan"), ("a", "Sistan and Baluchestan")]:
        assert key in placed, sorted(placed)
        assert _text_pixels(px, placed[key]) > 15, key
    assert ("p", "Zahedan") not in placed  # its pin is there: the town's label gives way
    # province borders and rivers, drawn (what changes when they are switched off), labels aside
    _labels_shown(qtbot, view, False)
    with_lines = _shot(qtbot, view)
    without_a1 = _toggle(qtbot, view, "admin1", False)
    assert _diff(with_lines, without_a1) > 800  # boundary pixels in Pakistan, Afghanistan and Iran
    changed = np.any(np.abs(with_lines.astype(int) - without_a1.astype(int)) > 24, axis=-1)
    purple = with_lines[changed].astype(int)
    assert np.median(purple[:, 2] - purple[:, 1]) > 5  # the lines are the admin-1 purple, not noise
    without_rivers = _toggle(qtbot, view, "rivers", False)
    assert _diff(without_a1, without_rivers) > 150
    view.dispose()


def _seam_violations(px: np.ndarray, along: str, at: int) -> tuple[int, int]:
    """Rows (or columns) where land on both sides of ``at`` is not land on the line itself."""
    land = _near(px, LAND, 2)
    if along == "x":
        left, right, mid = land[:, at - 4], land[:, at + 4], land[:, at - 1: at + 2].all(axis=1)
    else:
        left, right, mid = land[at - 4, :], land[at + 4, :], land[at - 1: at + 2, :].all(axis=0)
    both = left & right
    return int(np.count_nonzero(both & ~mid)), int(np.count_nonzero(both))


# (lat, lon, zoom, check the meridian, check the parallel): the cell edges of the
# zoom band there (b1: 30 degree cells, b2: 15 degree cells), and the edge of the
# old detailed region at 25 E / 50 N, where a seam used to show.
@pytest.mark.parametrize("lat,lon,zoom,meridian,parallel", [
    (40.0, 30.0, 7, True, False), (38.0, 30.0, 6, True, False), (45.0, 27.0, 7, False, True),
    (50.0, 25.0, 6, True, True), (50.0, 25.0, 4, True, True)])
def test_no_seam_along_cell_edges_or_the_old_region_edge(qtbot, tmp_path, lat, lon, zoom, meridian, parallel):
    view = _shown_map(qtbot, _corpus(tmp_path, {"Izmir": IZMIR}, "Talks in Izmir."), size=(900, 600))
    _go(qtbot, view, lat, lon, zoom)
    # only the land and water fills, where a seam would show
    view.run_js("['geLabels', 'geRivers', 'geBounds', 'geDisputed', 'overlayPane', 'markerPane']"
                ".forEach(function (p) { window.geoExplorer.map.getPane(p).style.display = 'none'; })")
    _settle(qtbot, view)
    px = _shot(qtbot, view)
    xy = view.evaluate(f"(function () {{ var p = window.geoExplorer.map.latLngToContainerPoint([{lat}, {lon}]);"
                       " return [Math.round(p.x), Math.round(p.y)]; })()")
    for check, along, at in ((meridian, "x", xy[0]), (parallel, "y", xy[1])):
        if not check:
            continue
        bad, looked = _seam_violations(px, along, at)
        assert looked > 100  # the line crosses land
        assert bad <= max(2, looked * 0.01), (along, bad, looked)  # small lakes and inlets only
    view.dispose()


def test_western_turkey_at_50_km_scale_is_not_blank(qtbot, tmp_path):
    view = _shown_map(qtbot, _corpus(tmp_path, {"Izmir": IZMIR}, "Talks in Izmir."), size=(1000, 700))
    px = _go(qtbot, view, 39.0, 29.0, 7)
    scale = view.evaluate("document.querySelector('.leaflet-control-scale-line').textContent")
    assert scale.strip() == "50 km"
    kinds = [p["kind"] for p in _placed(view)]
    assert kinds.count("p") + kinds.count("c") >= 8 and kinds.count("a") >= 5
    land = _near(px, LAND, 3)
    sea = _near(px, SEA, 3)
    h, w = land.shape
    blocks = 0
    for by in range(3):
        for bx in range(4):
            sl = (slice(by * h // 3, (by + 1) * h // 3), slice(bx * w // 4, (bx + 1) * w // 4))
            n = land[sl].size
            if land[sl].sum() > 0.6 * n:  # a block that is mostly land
                blocks += 1
                detail = n - land[sl].sum() - sea[sl].sum()  # boundaries, rivers, labels
                assert detail > 0.004 * n, (bx, by, detail)
    assert blocks >= 4, (blocks, land.mean(), sea.mean(), view.evaluate("window.geoExplorer.map.getZoom()"))
    view.dispose()


def test_pins_above_labels_and_labels_never_collide(qtbot, tmp_path):
    # a country pin exactly on the country's label point, and towns around it
    name, lon, lat = next(c for c in _index()["countries"] if c[0] == "Pakistan")[:3]
    places = {"Pakistan": Place("country:PK", "Pakistan", "country", lat, lon, "PK", 0, None),
              "Quetta": QUETTA, "Zahedan": ZAHEDAN}
    view = _shown_map(qtbot, _corpus(tmp_path, places, "Pakistan said. Strikes near Quetta and Zahedan."),
                      size=(1000, 700))
    _go(qtbot, view, lat, lon, 5)
    z = view.evaluate("[getComputedStyle(window.geoExplorer.map.getPane('geLabels')).zIndex,"
                      " getComputedStyle(window.geoExplorer.map.getPane('markerPane')).zIndex,"
                      " getComputedStyle(window.geoExplorer.map.getPane('overlayPane')).zIndex,"
                      " getComputedStyle(window.geoExplorer.map.getPane('geBounds')).zIndex]")
    labels_z, markers_z, overlay_z, bounds_z = (int(v) for v in z)
    assert bounds_z < overlay_z < labels_z < markers_z
    pins = view.evaluate("""(function () {
        var o = window.geoExplorer.map.getContainer().getBoundingClientRect(), out = [];
        document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon').forEach(function (e) {
          var r = e.getBoundingClientRect();
          out.push([r.left - o.left, r.top - o.top, r.right - o.left, r.bottom - o.top]);
        });
        return out; })()""")
    assert len(pins) == 3
    placed = _placed(view)
    assert len(placed) > 20

    def overlap(a, b):
        return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]

    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert not overlap(a["box"], b["box"]), (a, b)
        for p in pins:
            assert not overlap(a["box"], p), (a, p)
    country = [p for p in placed if p["kind"] == "n" and p["name"] == "Pakistan"]
    assert country and country[0]["moved"]  # placed beside the pin, not dropped
    # labels take no mouse: what is under a label's middle is the map, not the label
    box = placed[0]["box"]
    under = view.evaluate(f"document.elementFromPoint({(box[0] + box[2]) / 2}, {(box[1] + box[3]) / 2}).className")
    assert "ge-bl" not in str(under)
    view.dispose()


def _drag(view, start: QPoint, dx: int) -> None:
    target = view.focusProxy()
    QTest.mouseMove(target, start)
    QTest.mousePress(target, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 11):
        QTest.mouseMove(target, QPoint(start.x() + dx * i // 10, start.y()))
        QTest.qWait(15)
    QTest.mouseRelease(target, Qt.LeftButton, Qt.NoModifier, QPoint(start.x() + dx, start.y()))


def test_basemap_lets_drags_through_and_disputed_areas_have_a_tooltip(qtbot, tmp_path):
    view = _shown_map(qtbot, _corpus(tmp_path, {"Quetta": QUETTA}, "Strikes near Quetta."), size=(1000, 700))
    _go(qtbot, view, 34.5, 75.5, 6)
    # hover over Jammu and Kashmir: its tooltip
    pt = view.evaluate("(function () { var p = window.geoExplorer.map.latLngToContainerPoint([33.2, 75.0]);"
                       " return [Math.round(p.x), Math.round(p.y)]; })()")
    target = view.focusProxy()
    for step in range(3):
        QTest.mouseMove(target, QPoint(pt[0] + step, pt[1]))
        QTest.qWait(60)
    qtbot.waitUntil(lambda: "disputed area" in (view.evaluate(
        "(document.querySelector('.leaflet-tooltip') || {}).textContent || ''") or ""), timeout=5000)
    tip = view.evaluate("document.querySelector('.leaflet-tooltip').textContent")
    assert "Jammu and Kashmir" in tip
    # a drag that starts on the disputed area pans the map
    before = view.evaluate("window.geoExplorer.map.getCenter().lng")
    _drag(view, QPoint(pt[0], pt[1]), 150)
    qtbot.waitUntil(lambda: abs(view.evaluate("window.geoExplorer.map.getCenter().lng") - before) > 1.0,
                    timeout=5000)
    # and so does one that starts on a label
    _settle(qtbot, view)
    box = _placed(view)[0]["box"]
    before = view.evaluate("window.geoExplorer.map.getCenter().lng")
    _drag(view, QPoint(int((box[0] + box[2]) / 2), int((box[1] + box[3]) / 2)), -150)
    qtbot.waitUntil(lambda: abs(view.evaluate("window.geoExplorer.map.getCenter().lng") - before) > 1.0,
                    timeout=5000)
    view.dispose()


def test_dark_style_is_drawn_and_switches_back(qtbot, tmp_path):
    from explorer.gui.mapview import MapView

    view = MapView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.show()
    view.show_map(_corpus(tmp_path, {"Izmir": IZMIR}, "Talks in Izmir."), "dark")
    assert view.wait_ready(60000)
    px = _go(qtbot, view, 38.5, 28.0, 6)
    assert _near(px, (0x30, 0x35, 0x3D), 3).sum() > 20000  # dark land
    assert _near(px, (0x16, 0x20, 0x2A), 3).sum() > 20000  # dark sea
    assert _near(px, LAND, 3).sum() == 0
    assert view.evaluate("window.geoExplorer.basemap.setStyle('light')") is True
    _settle(qtbot, view)
    px = _shot(qtbot, view)
    assert _near(px, LAND, 3).sum() > 20000 and _near(px, SEA, 3).sum() > 20000
    view.dispose()


def test_graticule_switch_and_cells_load_by_zoom_and_view_from_local_files(qtbot, tmp_path):
    view = _shown_map(qtbot, _corpus(tmp_path, {"Quetta": QUETTA}, "Strikes near Quetta."), size=(900, 600))
    before = _go(qtbot, view, 30.0, 66.0, 5)
    view.run_js("window.geoExplorer.map.addLayer(window.geoExplorer.basemap.switchLayer('graticule'))")
    _settle(qtbot, view)
    after = _shot(qtbot, view)
    assert _diff(before, after) > 300
    degrees = view.evaluate("Array.prototype.map.call(document.querySelectorAll('.ge-grat-label'),"
                            " function (e) { return e.textContent; })")
    assert "65\u00b0E" in degrees and "30\u00b0N" in degrees
    requested = view.evaluate("Object.keys(window.geoExplorer.basemap.requested)")
    b1 = [r for r in requested if r.startswith("b1/") and not r.endswith("disputed")]
    assert 0 < len(b1) <= 9 and not [r for r in requested if r.startswith("b2/")]
    _go(qtbot, view, 30.0, 66.0, 8)
    requested = view.evaluate("Object.keys(window.geoExplorer.basemap.requested)")
    b2 = [r for r in requested if r.startswith("b2/") and not r.endswith("disputed")]
    assert 0 < len(b2) <= 4
    _go(qtbot, view, 20.0, 0.0, 2)
    assert view.evaluate("window.geoExplorer.basemap.stats.failures") == 0
    assert view.interceptor.blocked == []
    cells = [u for u in view.interceptor.allowed if "/lib/basemap/" in u]
    assert cells and all(u.startswith("geo-explorer://") for u in cells)  # the app's own scheme, from the package
    view.dispose()
