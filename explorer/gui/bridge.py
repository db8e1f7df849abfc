"""The bridge between the map page and Python: two narrow messages, nothing else.

The QWebChannel is installed in an isolated JavaScript world (Qt's
ApplicationWorld), never in the page's own: page script cannot see
``qt.webChannelTransport`` nor the published object, so it cannot call
``deleteLater()`` or any other QObject method on it. The page talks to the
bridge by DOM events that a script in the isolated world checks and forwards:

- ``geo-explorer:pin`` with a place id (a string of 1 to 200 characters)
  -> :meth:`MapBridge.pinClicked`;
- ``geo-explorer:painted`` with a short JSON summary of what was painted
  (basemap layers, pins) -> :meth:`MapBridge.mapPainted`.

Anything else (another type, a longer string) is dropped before it reaches Python.
"""
from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebEngineCore import QWebEngineScript

BRIDGE_NAME = "bridge"
BRIDGE_WORLD = QWebEngineScript.ApplicationWorld
PIN_EVENT = "geo-explorer:pin"
PAINTED_EVENT = "geo-explorer:painted"


class MapBridge(QObject):
    """Published on the isolated world's channel; its only slots are the two messages."""

    pinClickedSignal = Signal(str)
    paintedSignal = Signal(str)

    @Slot(str)
    def pinClicked(self, place_id: str) -> None:  # noqa: N802 (name seen from JavaScript)
        if isinstance(place_id, str) and 0 < len(place_id) <= 200:
            self.pinClickedSignal.emit(place_id)

    @Slot(str)
    def mapPainted(self, summary: str) -> None:  # noqa: N802
        if isinstance(summary, str) and len(summary) <= 2000:
            self.paintedSignal.emit(summary)


def _qwebchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.ReadOnly):
        raise RuntimeError("qwebchannel.js is missing from this Qt build")
    try:
        return bytes(f.readAll()).decode("utf-8")
    finally:
        f.close()


def bridge_script() -> QWebEngineScript:
    """The isolated-world script: listens for the page's two events and forwards them, checked."""
    source = _qwebchannel_js() + f"""
;(function () {{
  "use strict";
  var bridge = null, queue = [];
  function send(name, value) {{
    if (bridge) bridge[name](value); else if (queue.length < 100) queue.push([name, value]);
  }}
  document.addEventListener({PIN_EVENT!r}, function (e) {{
    var id = e.detail;
    if (typeof id === "string" && id.length > 0 && id.length <= 200) send("pinClicked", id);
  }});
  document.addEventListener({PAINTED_EVENT!r}, function (e) {{
    var summary = e.detail;
    send("mapPainted", typeof summary === "string" ? summary.slice(0, 2000) : "");
  }});
  function connect() {{
    if (typeof qt === "undefined" || !qt.webChannelTransport) return false;
    new QWebChannel(qt.webChannelTransport, function (channel) {{
      bridge = channel.objects.{BRIDGE_NAME};
      queue.splice(0).forEach(function (m) {{ bridge[m[0]](m[1]); }});
    }});
    return true;
  }}
  if (!connect()) document.addEventListener("DOMContentLoaded", connect);
}})();
"""
    script = QWebEngineScript()
    script.setName("geo-explorer-bridge")
    script.setSourceCode(source)
    script.setInjectionPoint(QWebEngineScript.DocumentCreation)
    script.setWorldId(BRIDGE_WORLD)
    script.setRunsOnSubFrames(False)
    return script
