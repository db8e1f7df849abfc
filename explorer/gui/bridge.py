"""The QWebChannel bridge: small typed messages between the map page and Python."""
from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebEngineCore import QWebEngineScript

BRIDGE_NAME = "bridge"


class MapBridge(QObject):
    """Object published to the page as ``window.geoExplorerBridge``."""

    pinClickedSignal = Signal(str)

    @Slot(str)
    def pinClicked(self, place_id: str) -> None:  # noqa: N802 (name seen from JavaScript)
        if isinstance(place_id, str) and 0 < len(place_id) <= 200:
            self.pinClickedSignal.emit(place_id)


def _qwebchannel_js() -> str:
    f = QFile(":/qtwebchannel/qwebchannel.js")
    if not f.open(QIODevice.ReadOnly):
        raise RuntimeError("qwebchannel.js is missing from this Qt build")
    try:
        return bytes(f.readAll()).decode("utf-8")
    finally:
        f.close()


def bridge_script() -> QWebEngineScript:
    """A script, run in every page, that connects ``window.geoExplorerBridge``."""
    source = _qwebchannel_js() + f"""
;(function () {{
  if (typeof qt === "undefined" || !qt.webChannelTransport) return;
  new QWebChannel(qt.webChannelTransport, function (channel) {{
    window.geoExplorerBridge = channel.objects.{BRIDGE_NAME};
  }});
}})();
"""
    script = QWebEngineScript()
    script.setName("geo-explorer-bridge")
    script.setSourceCode(source)
    script.setInjectionPoint(QWebEngineScript.DocumentReady)
    script.setWorldId(QWebEngineScript.MainWorld)
    script.setRunsOnSubFrames(False)
    return script
