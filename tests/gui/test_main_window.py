"""The app as a user meets it: window, map, pins, clicks, sources, snapshots."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from explorer.core.store.ingest import ingest
from explorer.gui.main_window import MainWindow
from tests.gui.helpers import marker_point as _marker_point
from explorer.gui.mapview import MapView
from explorer.gui.snapshot import save_snapshot
from tests.fakes import FakeGeoparser


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.resize(1200, 760)
    w.show()
    qtbot.waitUntil(lambda: w.map.ready, timeout=90000)
    yield w
    w.close()


def test_window_opens_on_the_seeds_with_pins(window):
    counts = window.project.counts()
    assert counts["articles"] == 5 and counts["places"] >= 14
    assert window.untitled and "seed corpus" in window.windowTitle()
    shown = window.map.evaluate("window.geoExplorer.pins.count()")
    assert shown == counts["places"]
    assert window.map.evaluate("window.geoExplorer.pins.drawn") > 0
    assert "places" in window.statusBar().currentMessage()


def test_clicking_a_pin_shows_its_excerpts(window, qtbot):
    from explorer.core.store import views

    place = next(p.place for p in window.project.places() if p.place.kind == "city" and p.place.name == "Isfahan")
    qtbot.waitUntil(lambda: _marker_point(window.map, place.place_id) is not None, timeout=10000)
    # the pin in the middle of the map (with the docks open it may fit under the zoom buttons at the edge)
    window.map.run_js(f"window.geoExplorer.map.panTo([{place.lat}, {place.lon}], {{animate: false}})")
    qtbot.waitUntil(lambda: (_marker_point(window.map, place.place_id) or QPoint(0, 0)).x() > 100, timeout=10000)
    qtbot.wait(400)  # let the zoom animation end
    point = _marker_point(window.map, place.place_id)
    target_widget = window.map.focusProxy()  # Chromium's render widget takes the input
    QTest.mouseMove(target_widget, point)
    qtbot.wait(100)
    QTest.mousePress(target_widget, Qt.LeftButton, Qt.NoModifier, point)
    qtbot.wait(50)
    QTest.mouseRelease(target_widget, Qt.LeftButton, Qt.NoModifier, point)
    qtbot.waitUntil(lambda: window.panel.place_id == place.place_id, timeout=5000)
    html = window.panel.browser.toHtml()
    text = window.panel.browser.toPlainText()
    assert "Isfahan" in window.panel.header.text()
    first = views.place_mentions(window.project.conn, place.place_id, limit=1)[0]
    assert " ".join(first.sentence.split())[:60] in " ".join(text.split())
    assert "background-color:#ffd60a" in html  # the mention is highlighted


def test_open_article_from_excerpt_scrolls_to_sentence(window, qtbot):
    from explorer.core.store import views

    pid = window.project.places()[0].place.place_id
    window.show_place(pid)
    m = views.place_mentions(window.project.conn, pid)[-1].mention
    window.open_article(m.article_id, m.sentence_start, m.sentence_end, m.start, m.end)
    dlg = window._last_article_dialog
    qtbot.waitExposed(dlg)
    article = window.project.article(m.article_id)
    assert article.raw_text[m.start:m.end] in dlg.browser.toPlainText()
    assert dlg.windowTitle() == article.title
    dlg.close()


def test_snapshot_png_shows_border_layer_and_pins(window, tmp_path):
    out = save_snapshot(window.map, tmp_path / "snap.png")
    img = QImage(str(out))
    assert img.width() == window.map.width() and img.height() == window.map.height()
    counts = _colour_counts(img)
    assert counts["pin"] > 30, counts  # place and event pins
    assert counts["province"] > 500, counts  # shaded border provinces
    assert counts["border"] > 30, counts  # the emphasised border line
    assert counts["land"] > 5000, counts  # basemap drawn, not a blank page


def _colour_counts(img: QImage) -> dict:
    def near(c, rgb, tol=30):
        return all(abs(a - b) <= tol for a, b in zip((c.red(), c.green(), c.blue()), rgb))

    from explorer.mapdoc.document import ACLED_COLOURS, KIND_COLOURS

    pin_colours = [tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))
                   for h in list(ACLED_COLOURS.values()) + list(KIND_COLOURS.values())]
    counts = {"pin": 0, "province": 0, "border": 0, "land": 0}
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = img.pixelColor(x, y)
            if near(c, (0xC1, 0x12, 0x1F), 12):
                counts["border"] += 1
            elif any(near(c, rgb, 10) for rgb in pin_colours):
                counts["pin"] += 1
            elif near(c, (0xF3, 0xC4, 0x9B), 25):  # province orange over land, 38 % opacity
                counts["province"] += 1
            elif near(c, (0xF3, 0xEF, 0xE4), 6):
                counts["land"] += 1
    return counts


def _shown_map(qtbot, what, size=(900, 600)) -> MapView:
    """A map view on screen (offscreen) that has drawn ``what`` (a project, or its MapData)."""
    from explorer.mapdoc.document import MapData

    view = MapView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.show_map(what if isinstance(what, MapData) else MapData.from_project(what.conn))
    assert view.wait_ready(60000)
    return view


def test_hostile_article_text_never_runs(qtbot, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("Attack <script>window.__pwned = 1</script> in Quetta. "
                    "Also <img src=x onerror=\"window.__pwned=2\"> near Lahore.", encoding="utf-8")
    with ingest([evil], geoparser=FakeGeoparser()) as result:
        view = _shown_map(qtbot, result.project)
        assert view.evaluate("window.__pwned === undefined") is True
        from explorer.gui.source_panel import SourcePanel

        panel = SourcePanel()
        qtbot.addWidget(panel)
        panel.set_source(result.project.conn)
        panel.show_place("gn:1167528")
        assert "<script>window.__pwned = 1</script>" in panel.browser.toPlainText()
        view.dispose()


def test_map_renders_with_all_outside_requests_blocked(qtbot):
    with ingest(None, geoparser=FakeGeoparser()) as result:
        view = _shown_map(qtbot, result.project)
        places = result.project.counts()["places"]
    assert view.interceptor.blocked == []  # nothing even tried to leave the machine
    assert all(u.startswith("geo-explorer://") for u in view.interceptor.allowed)
    assert view.evaluate("typeof L") == "object"
    assert view.evaluate("window.geoExplorer.pins.count()") == places > 0
    # a request that does try to leave the machine fails: the local page may not
    # reach remote URLs at all, and the interceptor would block what got through
    from PySide6.QtWebEngineCore import QWebEngineSettings

    assert not view.page().settings().testAttribute(QWebEngineSettings.LocalContentCanAccessRemoteUrls)
    view.run_js("window.__img = 'pending'; var i = new Image();"
                "i.onload = function () { window.__img = 'loaded'; };"
                "i.onerror = function () { window.__img = 'failed'; };"
                "i.src = 'https://tiles.example.org/0/0/0.png';")
    qtbot.waitUntil(lambda: view.evaluate("window.__img") != "pending", timeout=10000)
    assert view.evaluate("window.__img") == "failed"
    view.dispose()


def _tick(checklist, value, on=True):
    from PySide6.QtCore import Qt

    for i in range(checklist.list.count()):
        item = checklist.list.item(i)
        if item.data(Qt.UserRole) == value:
            item.setCheckState(Qt.Checked if on else Qt.Unchecked)
            return item
    raise AssertionError(f"{value!r} is not in the list")


def test_event_types_are_a_multiple_choice_that_pins_and_counts_follow(window, qtbot):
    events = window.project.events()
    assert events, "the seeds report events"
    total = window.map.evaluate("window.geoExplorer.pins.count()")
    kinds = sorted({e.event_type for e in events})
    assert len(kinds) >= 2
    types = window.filters_dock.lists["types"]
    assert types.values() == set(kinds)
    _tick(types, kinds[0])
    assert window.state.filters.types == frozenset({kinds[0]})  # the widget sets the state
    _tick(types, kinds[1])
    assert window.state.filters.types == frozenset(kinds[:2])  # more than one at a time
    expected = {e.place.place_id for e in events if e.event_type in kinds[:2] and e.place}
    qtbot.waitUntil(lambda: window.map.evaluate("window.geoExplorer.pins.count()") == len(expected), timeout=5000)
    assert len(expected) < total
    n_events = sum(1 for e in events if e.event_type in kinds[:2])
    assert f"{n_events} of {len(events)} events" in window.statusBar().currentMessage()
    window.clear_filters()
    qtbot.waitUntil(lambda: window.map.evaluate("window.geoExplorer.pins.count()") == total, timeout=5000)
    assert types.ticked() == set()  # the state shows in the widget


def test_a_kind_of_event_hidden_from_the_panel_or_the_legend(window, qtbot):
    events = window.project.events()
    acled = sorted({e.acled_type for e in events})
    kinds = window.filters_dock.kinds
    assert set(acled) <= kinds.values()
    hide = acled[0]
    _tick(kinds, hide, on=False)
    assert window.state.filters.hidden == frozenset({hide})
    # the legend greys the row out; a click on it (the page's message) shows the kind again
    qtbot.waitUntil(lambda: window.map.evaluate(
        "Array.from(document.querySelectorAll('.ge-legend-off')).map(function (r) { return r.textContent; })")
        == [hide], timeout=5000)
    window.map.evaluate("(document.querySelector('.ge-legend-off').click(), 1)")
    qtbot.waitUntil(lambda: window.state.filters.hidden == frozenset(), timeout=5000)
    assert hide in kinds.ticked()  # the panel follows the legend


def test_actor_country_and_outlet_lists_narrow_the_events(window, qtbot):
    from explorer.core.store import views

    ch = views.choices(window.project.conn)
    dock = window.filters_dock
    for name in ("actors", "countries", "outlets"):
        assert dock.lists[name].values() == {v for v, _ in ch[name]}
    country = ch["countries"][0][0]
    _tick(dock.lists["countries"], country)
    assert window.state.filters.countries == frozenset({country})
    assert views.counts(window.project.conn, window.state.filters)["events"] == ch["countries"][0][1]
    window.clear_filters()
    actor = ch["actors"][0][0]
    _tick(dock.lists["actors"], actor)
    kept = views.counts(window.project.conn, window.state.filters)["events"]
    assert 0 < kept == ch["actors"][0][1]


def test_save_project_then_reopen_it_with_its_filters(window, qtbot, tmp_path, settings):
    path = str(tmp_path / "p.gpkg")
    kind = window.project.events()[0].event_type
    window.state.update(types=frozenset({kind}))
    window.save_project_as(path)
    qtbot.waitUntil(lambda: window.project_path == path and window.map.ready, timeout=30000)
    assert settings.value("last_project") == path and not window.untitled
    counts = window.project.counts()
    window.close()
    again = MainWindow(settings=settings)  # remembers the last project
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.map.ready, timeout=60000)
    assert again.project_path == path
    assert again.project.counts() == counts
    assert again.state.filters.types == frozenset({kind})  # the filters came back with the project
    again.close()


def test_import_adds_articles_and_reports_bad_ones(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    good = tmp_path / "new.txt"
    good.write_text("Protesters gathered in Karachi on Monday.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00garbage")
    before = window.project.counts()["articles"]
    window.map.ready = False
    window.import_paths([good, bad])
    qtbot.waitUntil(lambda: window.map.ready and window.project.counts()["articles"] == before + 1, timeout=60000)
    assert "new" in window.project.article_ids()
    assert any(m.place.name == "Karachi" for m in window.project.mentions("new"))
    assert warnings and "bad.txt" in warnings[0]


def test_export_events_from_the_window(window, tmp_path):
    import geopandas as gpd

    out = tmp_path / "events.gpkg"
    n = window.export_to(str(out), "events")
    df = gpd.read_file(out, layer="events")
    assert n == len(df) > 0
    assert {"event_type", "acled_type", "place_name"} <= set(df.columns)


def test_export_follows_the_area_drawn(window, tmp_path):
    """With a box drawn (the state's area), File -> Export data writes only what lies in it, and says so."""
    import json

    from explorer.core.export.gis import features
    from explorer.core.viewstate import Area

    everything = window.export_to(str(tmp_path / "all.geojson"), "events")
    located = [xy for xy, _p in features(window.project, "events") if xy]
    assert everything and located
    lon, lat = located[0]
    box = Area.box(lon - 0.5, lat - 0.5, lon + 0.5, lat + 0.5)
    window.state.update(area=box)
    out = tmp_path / "area.geojson"
    n = window.export_to(str(out), "events")
    feats = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert n == len(feats) and 0 < n < everything
    for ft in feats:
        x, y = ft["geometry"]["coordinates"]
        assert box.west <= x <= box.east and box.south <= y <= box.north
    assert "under the filters" in window.statusBar().currentMessage()
    window.state.update(area=None)
    assert window.export_to(str(tmp_path / "again.geojson"), "events") == everything


def test_search_box_lists_matching_articles(window, qtbot):
    from explorer.gui.search_ui import ARTICLE

    window.search_box.setText("Panjgur")
    qtbot.waitUntil(lambda: bool(window.search.items(ARTICLE)), timeout=10000)
    articles = window.search.items(ARTICLE)
    assert len(articles) == 1
    assert "Pakistan-Iran ties" in articles[0].text()


def test_interceptor_blocks_remote_and_lets_local_through():
    from PySide6.QtCore import QUrl

    from explorer.gui.mapview import OfflineInterceptor

    class Info:
        def __init__(self, url):
            self.url, self.blocked = QUrl(url), None

        def requestUrl(self):  # noqa: N802 (Qt's name)
            return self.url

        def block(self, flag):
            self.blocked = flag

    icpt = OfflineInterceptor()
    remote, local = Info("https://cdn.example.org/leaflet.js"), Info("geo-explorer://map-1/lib/leaflet/leaflet.js")
    files = Info("file:///tmp/map/lib/leaflet.js")  # the page never reads files either
    for info in (remote, local, files):
        icpt.interceptRequest(info)
    assert remote.blocked is True and local.blocked is None and files.blocked is True
    assert icpt.blocked == ["https://cdn.example.org/leaflet.js", "file:///tmp/map/lib/leaflet.js"]


def test_the_legend_names_the_border_overlay_only_while_it_is_on(window, qtbot):
    js_rows = ("Array.from(document.querySelectorAll('.ge-legend-row'))"
               ".some(function (r) { return r.textContent.indexOf('Iran–Pakistan border') >= 0; })")
    js_group = ("(function () { var g = null; window.geoExplorer.map.eachLayer(function (l) {"
                " if (l.options && l.options.geBorder) g = l; }); return g; })()")
    on = window.map.evaluate(f"!!{js_group}")
    assert window.map.evaluate(js_rows) == on
    assert on, "the window's corpus has places in the border region, so the overlay starts on"
    # switched off as the layer control does it: removed from the map, overlayremove fired
    window.map.evaluate(f"(function () {{ var m = window.geoExplorer.map, g = {js_group};"
                        " m.removeLayer(g); window.__geBorder = g;"
                        " m.fire('overlayremove', {layer: g, name: 'border'}); return 1; })()")
    qtbot.waitUntil(lambda: window.map.evaluate(js_rows) is False, timeout=5000)
    window.map.evaluate("(function () { var m = window.geoExplorer.map, g = window.__geBorder;"
                        " m.addLayer(g); m.fire('overlayadd', {layer: g, name: 'border'}); return 1; })()")
    qtbot.waitUntil(lambda: window.map.evaluate(js_rows) is True, timeout=5000)


def test_the_filters_panel_never_says_no_filter_while_dates_or_an_area_filter(window):
    import datetime as dt

    from explorer.core.viewstate import Area

    summary = window.filters_dock.summary
    assert summary.text().startswith("No filter")
    window.state.update(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 2, 1))
    assert "dates 2024-01-01 to 2024-02-01" in summary.text()
    window.state.update(date_from=None, date_to=None, area=Area.box(60.0, 24.0, 68.0, 31.0))
    assert summary.text().startswith("Filtering:") and "box" in summary.text()
    window.state.update(area=None)
    assert summary.text().startswith("No filter")
