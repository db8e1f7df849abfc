"""The bridge between the map page and Python: three narrow messages, nothing else.

The QWebChannel is installed in an isolated JavaScript world (Qt's
ApplicationWorld), never in the page's own: page script cannot see
``qt.webChannelTransport`` nor the published object, so it cannot call
``deleteLater()`` or any other QObject method on it. The page talks to the
bridge by DOM events that a script in the isolated world checks and forwards:

- ``geo-explorer:pin`` with a place id (a string of 1 to 200 characters)
  -> :meth:`MapBridge.pinClicked`;
- ``geo-explorer:painted`` with a short JSON summary of what was painted
  (basemap layers, pins) -> :meth:`MapBridge.mapPainted`;
- ``geo-explorer:message`` with a small JSON object whose ``type`` is one of
  :data:`MESSAGE_TYPES` (a legend row toggled, the view moved, a pin's
  context menu, the cursor's position, an area drawn) ->
  :meth:`MapBridge.message`, checked field by field before it is passed on.

Anything else (another type, a longer string) is dropped before it reaches Python.
"""
from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebEngineCore import QWebEngineScript

BRIDGE_NAME = "bridge"
BRIDGE_WORLD = QWebEngineScript.ApplicationWorld
PIN_EVENT = "geo-explorer:pin"
PAINTED_EVENT = "geo-explorer:painted"
MESSAGE_EVENT = "geo-explorer:message"
# type -> {field: kind} of what a message may carry (anything else drops it)
MESSAGE_TYPES = {
    "toggle": {"category": str},
    "view": {"lat": float, "lon": float, "zoom": float, "west": float, "south": float, "east": float,
             "north": float},
    "pinMenu": {"place": str, "x": int, "y": int},
    "cursor": {"lat": float, "lon": float},
    "area": {"west": float, "south": float, "east": float, "north": float},
    "measure": {"km": float},
    "keyboard": {"key": str},
    "mapMenu": {"lat": float, "lon": float, "x": int, "y": int},
    "pick": {"lat": float, "lon": float},
    "toolDone": {"tool": str},
}


def checked_message(text: str) -> dict | None:
    """The message in ``text`` if it is one the page may send (see :data:`MESSAGE_TYPES`), else None."""
    import json
    import math

    if not isinstance(text, str) or len(text) > 4000:
        return None
    try:
        msg = json.loads(text)
    except ValueError:
        return None
    if not isinstance(msg, dict) or msg.get("type") not in MESSAGE_TYPES:
        return None
    fields = MESSAGE_TYPES[msg["type"]]
    out = {"type": msg["type"]}
    for name, kind in fields.items():
        v = msg.get(name)
        if kind is str:
            if not isinstance(v, str) or not 0 < len(v) <= 200:
                return None
        elif kind is int:
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
                return None
            v = int(v)
        else:
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
                return None
            v = float(v)
        out[name] = v
    return out


class MapBridge(QObject):
    """Published on the isolated world's channel; its only slots are the two messages."""

    pinClickedSignal = Signal(str)
    paintedSignal = Signal(str)
    messageSignal = Signal(dict)

    @Slot(str)
    def pinClicked(self, place_id: str) -> None:  # noqa: N802 (name seen from JavaScript)
        if isinstance(place_id, str) and 0 < len(place_id) <= 200:
            self.pinClickedSignal.emit(place_id)

    @Slot(str)
    def mapPainted(self, summary: str) -> None:  # noqa: N802
        if isinstance(summary, str) and len(summary) <= 2000:
            self.paintedSignal.emit(summary)

    @Slot(str)
    def message(self, text: str) -> None:
        msg = checked_message(text)
        if msg is not None:
            self.messageSignal.emit(msg)


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
  document.addEventListener({MESSAGE_EVENT!r}, function (e) {{
    var text = e.detail;
    if (typeof text === "string" && text.length <= 4000) send("message", text);
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
