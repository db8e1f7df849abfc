"""What several GUI tests read off the widgets: a pin's point on the map, the fragments of a text view."""
from __future__ import annotations

from PySide6.QtCore import QPoint


def marker_point(view, place_id: str) -> QPoint | None:
    """Where the pin of ``place_id`` is drawn in the map view ``view`` (a MapView), or None when it is not."""
    from explorer.mapdoc.document import js_json

    xy = view.evaluate(f"""(function () {{
        var GE = window.geoExplorer, m = GE.pins.markers[{js_json(place_id)}];
        if (!m || !GE.map.hasLayer(m)) return null;
        var p = GE.map.latLngToContainerPoint(m.getLatLng());
        return [p.x, p.y];
    }})()""")
    return QPoint(int(xy[0]), int(xy[1])) if xy else None


def fragments(browser):
    """Every text fragment of a QTextBrowser's document, in order (links are fragments with an anchor)."""
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()
