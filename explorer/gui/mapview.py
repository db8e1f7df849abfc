"""The web view that shows the map document, offline, with the bridge attached."""
from __future__ import annotations

import atexit
import shutil
import tempfile
import weakref
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from explorer.core.store import Corpus
from explorer.gui.bridge import BRIDGE_NAME, MapBridge, bridge_script
from explorer.mapdoc.document import write_document

LOCAL_SCHEMES = {"file", "qrc", "data", "blob", "about"}


class OfflineInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine, and keeps a list of them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.blocked: list[str] = []
        self.allowed: list[str] = []

    def interceptRequest(self, info):  # noqa: N802 (Qt override)
        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES:
            self.allowed.append(url.toString())
            return
        self.blocked.append(url.toString())
        info.block(True)


class _Page(QWebEnginePage):
    """A page that never opens links itself and reports console errors."""

    console = Signal(str)

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        self.console.emit(f"{source}:{line}: {message}")

    def acceptNavigationRequest(self, url, nav_type, is_main_frame):  # noqa: N802
        if nav_type == QWebEnginePage.NavigationTypeLinkClicked:
            return False
        return url.scheme() in LOCAL_SCHEMES


_PROFILE: QWebEngineProfile | None = None
_VIEWS: "weakref.WeakSet[MapView]" = weakref.WeakSet()


def release_all() -> None:
    """Delete every map view (and so its page) while Qt is still whole.

    Chromium crashes at exit when a profile ends before a page still alive;
    pages of views nobody deleted (a closed window, a test) would. Run at
    interpreter exit, before Python tears Qt down.
    """
    import shiboken6

    for view in list(_VIEWS):
        if shiboken6.isValid(view):
            view.stop_polling()
            shiboken6.delete(view)
    _VIEWS.clear()


def shared_profile() -> QWebEngineProfile:
    """Qt's default profile, which is off the record (no disk cache, no cookies).

    Qt owns it and ends it after the pages at shutdown; a profile of our own
    that the application deleted before a page still alive made Chromium
    crash on exit. The bridge script is added to it once.
    """
    global _PROFILE
    if _PROFILE is None:
        _PROFILE = QWebEngineProfile.defaultProfile()
        if not _PROFILE.isOffTheRecord():
            _PROFILE.setHttpCacheType(QWebEngineProfile.MemoryHttpCache)
            _PROFILE.setPersistentCookiesPolicy(QWebEngineProfile.NoPersistentCookies)
        _PROFILE.scripts().insert(bridge_script())
    return _PROFILE


class MapView(QWebEngineView):
    """Shows a corpus on the offline map. Emits ``placeClicked(place_id)``."""

    placeClicked = Signal(str)
    mapReady = Signal()
    mapFailed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        if not _VIEWS:
            atexit.register(release_all)
        _VIEWS.add(self)
        self.interceptor = OfflineInterceptor(self)
        self.profile = shared_profile()
        page = _Page(self.profile, self)
        page.setUrlRequestInterceptor(self.interceptor)
        s = page.settings()
        s.setAttribute(QWebEngineSettings.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.LocalContentCanAccessFileUrls, True)
        s.setAttribute(QWebEngineSettings.PluginsEnabled, False)
        self.console_messages: list[str] = []
        page.console.connect(self.console_messages.append)
        self.setPage(page)
        self.bridge = MapBridge(self)
        self.bridge.pinClickedSignal.connect(self.placeClicked)
        self.channel = QWebChannel(self)
        self.channel.registerObject(BRIDGE_NAME, self.bridge)
        page.setWebChannel(self.channel)
        self.ready = False
        self._folder = Path(tempfile.mkdtemp(prefix="geo-explorer-map-"))
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check_ready)
        self._poll_left = 0
        self.loadFinished.connect(self._on_load_finished)

    # -- loading -------------------------------------------------------------
    def show_corpus(self, corpus: Corpus) -> Path:
        """Write the corpus's map document and load it (the page may exceed setHtml's 2 MB)."""
        self.ready = False
        html = write_document(corpus, self._folder)
        self.load(QUrl.fromLocalFile(str(html)))
        return html

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            self.mapFailed.emit("the map page failed to load")
            return
        self._poll_left = 400  # 20 s
        self._poll.start()

    def _check_ready(self) -> None:
        self._poll_left -= 1
        if self._poll_left < 0:
            self._poll.stop()
            self.mapFailed.emit("the map did not finish drawing: " + "; ".join(self.console_messages[-3:]))
            return
        self.page().runJavaScript("!!(window.geoExplorer && window.geoExplorer.ready)", 0, self._ready_answer)

    def _ready_answer(self, value) -> None:
        if value and not self.ready:
            self._poll.stop()
            self.ready = True
            self.mapReady.emit()

    def wait_ready(self, timeout_ms: int = 30000) -> bool:
        """Block (running the event loop) until the map has drawn; for CLI and tests."""
        if self.ready:
            return True
        loop = QEventLoop()
        self.mapReady.connect(loop.quit)
        self.mapFailed.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        return self.ready

    # -- calls into the page -------------------------------------------------
    def run_js(self, script: str, callback=None) -> None:
        if callback is None:
            self.page().runJavaScript(script, 0)
        else:
            self.page().runJavaScript(script, 0, callback)

    def evaluate(self, expression: str, timeout_ms: int = 5000):
        """Evaluate a JavaScript expression and wait for its value (CLI and tests).

        The value crosses as JSON (Qt's own conversion loses arrays), so it
        comes back as Python lists, dicts, numbers, strings, booleans or None.
        """
        import json

        script = f"(function () {{ var v = ({expression}); return v === undefined ? 'null' : JSON.stringify(v); }})()"
        result = {}
        loop = QEventLoop()

        def done(value):
            result["value"] = value
            loop.quit()

        self.page().runJavaScript(script, 0, done)
        QTimer.singleShot(timeout_ms, loop.quit)
        if "value" not in result:
            loop.exec()
        raw = result.get("value")
        return json.loads(raw) if isinstance(raw, str) else None

    def select_place(self, place_id: str) -> None:
        from explorer.mapdoc.document import js_json

        self.run_js(f"window.geoExplorer && window.geoExplorer.select({js_json(place_id)})")

    def filter_places(self, place_ids: list[str] | None) -> None:
        from explorer.mapdoc.document import js_json

        self.run_js(f"window.geoExplorer && window.geoExplorer.filter({js_json(place_ids)})")

    # -- snapshots -----------------------------------------------------------
    def snapshot(self) -> QImage:
        return self.grab().toImage()

    def stop_polling(self) -> None:
        self._poll.stop()

    def dispose(self) -> None:
        """Stop work and remove the document folder (the view stays usable for a grab)."""
        self._poll.stop()
        shutil.rmtree(self._folder, ignore_errors=True)
