"""The app as a user meets it: window, map, pins, clicks, sources, snapshots."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from explorer.core.ingest import ingest
from explorer.gui.main_window import MainWindow
from explorer.gui.mapview import MapView
from explorer.gui.snapshot import save_snapshot
from tests.fakes import FakeGeoparser


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready, timeout=90000)
    yield w
    w.close()


def _marker_point(view: MapView, place_id: str) -> QPoint | None:
    from explorer.mapdoc.document import js_json

    xy = view.evaluate(f"""(function () {{
        var GE = window.geoExplorer, m = GE.markers[{js_json(place_id)}];
        if (!m || !GE.map.hasLayer(m)) return null;
        var p = GE.map.latLngToContainerPoint(m.getLatLng());
        return [p.x, p.y];
    }})()""")
    return QPoint(int(xy[0]), int(xy[1])) if xy else None


def test_window_opens_on_the_seeds_with_pins(window):
    c = window.corpus
    assert len(c.articles) == 5
    assert len(c.places()) >= 14
    n_markers = window.map.evaluate("Object.keys(window.geoExplorer.markers).length")
    assert n_markers == len(c.places())
    assert "places" in window.statusBar().currentMessage()


def test_clicking_a_pin_shows_its_excerpts(window, qtbot):
    corpus = window.corpus
    # a city that is not clustered with a neighbour at the initial zoom
    target = next(s.place for s in corpus.places() if s.place.kind == "city" and s.place.name == "Isfahan")
    qtbot.waitUntil(lambda: _marker_point(window.map, target.place_id) is not None, timeout=10000)
    qtbot.wait(400)  # let the zoom animation end
    point = _marker_point(window.map, target.place_id)
    target_widget = window.map.focusProxy()  # Chromium's render widget takes the input
    QTest.mouseMove(target_widget, point)
    qtbot.wait(100)
    QTest.mousePress(target_widget, Qt.LeftButton, Qt.NoModifier, point)
    qtbot.wait(50)
    QTest.mouseRelease(target_widget, Qt.LeftButton, Qt.NoModifier, point)
    qtbot.waitUntil(lambda: window.panel.place_id == target.place_id, timeout=5000)
    html = window.panel.browser.toHtml()
    text = window.panel.browser.toPlainText()
    assert "Isfahan" in window.panel.header.text()
    first = corpus.mentions_of(target.place_id)[0]
    sentence = corpus.excerpt(first)
    assert " ".join(sentence.split())[:60] in " ".join(text.split())
    assert "background-color:#ffd60a" in html  # the mention is highlighted


def test_open_article_from_excerpt_scrolls_to_sentence(window, qtbot):
    corpus = window.corpus
    pid = corpus.places()[0].place.place_id
    window.show_place(pid)
    m = corpus.mentions_of(pid)[-1]
    window.open_article(m.article_id, m.sentence_start, m.sentence_end, m.start, m.end)
    dlg = window._last_article_dialog
    qtbot.waitExposed(dlg)
    assert corpus.articles[m.article_id].raw_text[m.start:m.end] in dlg.browser.toPlainText()
    assert dlg.windowTitle() == corpus.articles[m.article_id].title
    dlg.close()


def test_snapshot_png_shows_border_layer_and_pins(window, tmp_path):
    out = save_snapshot(window.map, tmp_path / "snap.png")
    img = QImage(str(out))
    assert img.width() == window.map.width() and img.height() == window.map.height()
    counts = _colour_counts(img)
    assert counts["pin_red"] > 30, counts  # city pins
    assert counts["province"] > 500, counts  # shaded border provinces
    assert counts["border"] > 30, counts  # the emphasised border line
    assert counts["land"] > 5000, counts  # basemap drawn, not a blank page


def _colour_counts(img: QImage) -> dict:
    def near(c, rgb, tol=30):
        return all(abs(a - b) <= tol for a, b in zip((c.red(), c.green(), c.blue()), rgb))

    counts = {"pin_red": 0, "province": 0, "border": 0, "land": 0}
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = img.pixelColor(x, y)
            if near(c, (0xD7, 0x26, 0x3D), 25):
                counts["pin_red"] += 1
            elif near(c, (0xC1, 0x12, 0x1F), 20):
                counts["border"] += 1
            elif near(c, (0xF3, 0xC4, 0x9B), 25):  # province orange over land, 38 % opacity
                counts["province"] += 1
            elif near(c, (0xF3, 0xEF, 0xE4), 6):
                counts["land"] += 1
    return counts


def test_hostile_article_text_never_runs(qtbot, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("Attack <script>window.__pwned = 1</script> in Quetta. "
                    "Also <img src=x onerror=\"window.__pwned=2\"> near Lahore.", encoding="utf-8")
    corpus = ingest([evil], geoparser=FakeGeoparser())
    view = MapView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    view.show_corpus(corpus)
    assert view.wait_ready(60000)
    assert view.evaluate("window.__pwned === undefined") is True
    from explorer.gui.source_panel import SourcePanel

    panel = SourcePanel()
    qtbot.addWidget(panel)
    panel.set_corpus(corpus)
    panel.show_place("gn:1167528")
    assert "<script>window.__pwned = 1</script>" in panel.browser.toPlainText()
    view.dispose()


def test_map_renders_with_all_outside_requests_blocked(qtbot):
    corpus = ingest(None, geoparser=FakeGeoparser())
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    view.show_corpus(corpus)
    assert view.wait_ready(60000)
    assert view.interceptor.blocked == []  # nothing even tried to leave the machine
    assert all(u.startswith(("file:", "qrc:", "data:")) for u in view.interceptor.allowed)
    assert view.evaluate("typeof L") == "object"
    n = view.evaluate("Object.keys(window.geoExplorer.markers).length")
    assert n == len(corpus.places()) > 0
    view.dispose()
