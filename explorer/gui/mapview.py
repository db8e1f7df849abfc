"""The web view that shows the map document: offline, sealed, with the bridge attached.

The page is served from the app's own URL scheme (``geo-explorer://map-N/…``,
see :class:`MapSchemeHandler`): the document from memory (``setHtml`` fails
past 2 MB); Leaflet, the map runtime and the basemap cells from the
installed packages (``explorer.mapdoc.assets.page_files``). The page may not read ``file:`` URLs, has a
strict Content-Security-Policy (no connections, frames or workers; only its
own scripts), cannot reach the network (the request interceptor blocks any
other scheme; WebRTC, DNS prefetching and pings are off: see
:mod:`explorer.gui.webenv`) and sees none of the host's objects (the bridge
lives in an isolated world: see :mod:`explorer.gui.bridge`).
"""
from __future__ import annotations

import atexit
import itertools
import json
import mimetypes
import weakref
from pathlib import Path

from PySide6.QtCore import QBuffer, QEventLoop, QIODevice, QTimer, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from explorer.gui.bridge import BRIDGE_NAME, BRIDGE_WORLD, MapBridge, bridge_script
from explorer.gui.webenv import SCHEME
from explorer.mapdoc import assets
from explorer.mapdoc.document import (
    DATA_SCRIPT,
    DOCUMENT_NAME,
    MapData,
    counts_json,
    js_json,
    places_js,
    sealed_html,
)

SCHEME_NAME = SCHEME.decode()
# What the page may load: its own scheme, and data:/blob: URLs it makes itself.
LOCAL_SCHEMES = {SCHEME_NAME, "data", "blob"}
PAINT_TIMEOUT_MS = 30000


def run_javascript(page, script: str, callback=None) -> None:
    """``page.runJavaScript`` in the main world, giving back the reference of None that PySide 6.12
    takes from it at every call (measured: one per call, with or without a callback). Polling the page
    a few thousand times (a print's animation) otherwise frees None and aborts the interpreter. Where
    PySide takes none, nothing is added."""
    import ctypes
    import sys

    before = sys.getrefcount(None)
    if callback is None:
        page.runJavaScript(script, 0)
    else:
        page.runJavaScript(script, 0, callback)
    lost = before - sys.getrefcount(None)
    for _ in range(min(max(lost, 0), 4)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))


class OfflineInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not to the app's own scheme, and keeps a list of them."""

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


def _static_files() -> dict[str, Path]:
    """URL path -> file, for every local file the page may load (scripts, styles, images, basemap cells)."""
    return {"/" + target: source for target, source in assets.page_files().items()}


class MapSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``geo-explorer://HOST/PATH``: each view's document (by host), the assets, the basemap."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.documents: dict[str, bytes] = {}
        self.data: dict[tuple[str, str], bytes] = {}  # (host, path) -> a view's data script
        self.files = _static_files()
        self.served: list[str] = []

    def set_document(self, host: str, html: str) -> None:
        self.documents[host] = html.encode("utf-8")

    def set_data(self, host: str, path: str, script: str) -> None:
        self.data[(host, "/" + path.lstrip("/"))] = script.encode("utf-8")

    def forget(self, host: str) -> None:
        self.documents.pop(host, None)
        for key in [k for k in self.data if k[0] == host]:
            del self.data[key]

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt override)
        url = job.requestUrl()
        host, path = url.host(), url.path()
        if job.requestMethod() != b"GET":
            job.fail(QWebEngineUrlRequestJob.RequestDenied)
            return
        if path == "/" + DOCUMENT_NAME and host in self.documents:
            data, mime = self.documents[host], b"text/html"
        elif (host, path) in self.data:
            data, mime = self.data[(host, path)], b"text/javascript"
        elif path in self.files:
            try:
                data = self.files[path].read_bytes()
            except OSError:
                job.fail(QWebEngineUrlRequestJob.UrlNotFound)
                return
            mime = (mimetypes.guess_type(path)[0] or "application/octet-stream").encode()
            if path.endswith(".js"):
                mime = b"text/javascript"
        else:
            job.fail(QWebEngineUrlRequestJob.UrlNotFound)
            return
        self.served.append(path)
        # The policy is the document's own <meta> element (sealed_html). Not also a response header:
        # PySide hands the header's value to Chromium one byte at a time, hundreds of "unrecognized
        # directive" console messages a load (and each message costs a reference of True in PySide's
        # console-message override, until the interpreter aborts).
        buf = QBuffer(job)  # lives as long as the job
        buf.setData(data)
        buf.open(QIODevice.ReadOnly)
        job.reply(mime, buf)


class _Page(QWebEnginePage):
    """A page that never opens links itself and reports console errors."""

    console = Signal(str)

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        self.console.emit(f"{source}:{line}: {message}")

    def acceptNavigationRequest(self, url, nav_type, is_main_frame):  # noqa: N802
        if nav_type == QWebEnginePage.NavigationTypeLinkClicked:
            return False
        return url.scheme() == SCHEME_NAME


_PROFILE: QWebEngineProfile | None = None
_HANDLER: MapSchemeHandler | None = None
_VIEWS: "weakref.WeakSet[MapView]" = weakref.WeakSet()
_HOSTS = itertools.count(1)


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
    crash on exit. The bridge script and the scheme handler are added to it once.
    """
    global _PROFILE, _HANDLER
    if _PROFILE is None:
        _PROFILE = QWebEngineProfile.defaultProfile()
        if not _PROFILE.isOffTheRecord():
            _PROFILE.setHttpCacheType(QWebEngineProfile.MemoryHttpCache)
            _PROFILE.setPersistentCookiesPolicy(QWebEngineProfile.NoPersistentCookies)
        _PROFILE.scripts().insert(bridge_script())
        _HANDLER = MapSchemeHandler()
        _PROFILE.installUrlSchemeHandler(SCHEME, _HANDLER)
    return _PROFILE


def scheme_handler() -> MapSchemeHandler:
    shared_profile()
    return _HANDLER


class MapView(QWebEngineView):
    """Shows a project's places on the offline map. Emits ``placeClicked(place_id)``.

    ``mapReady`` is emitted when the page says (through the bridge) that the
    basemap and every pin are painted; ``mapFailed(message)`` when the page
    does not load, or does not say so within ``PAINT_TIMEOUT_MS``;
    ``countsShown`` when the page has redrawn its pins for the counts of
    :meth:`set_counts` (what paces the timeline's playback).
    """

    placeClicked = Signal(str)
    mapReady = Signal()
    mapFailed = Signal(str)
    countsShown = Signal()
    pageMessage = Signal(dict)  # checked messages of explorer.gui.bridge.MESSAGE_TYPES

    def __init__(self, parent=None):
        super().__init__(parent)
        if not _VIEWS:
            atexit.register(release_all)
        _VIEWS.add(self)
        self.interceptor = OfflineInterceptor(self)
        self.profile = shared_profile()
        self.host = f"map-{next(_HOSTS)}"
        page = _Page(self.profile, self)
        page.setUrlRequestInterceptor(self.interceptor)
        s = page.settings()
        s.setAttribute(QWebEngineSettings.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.LocalContentCanAccessFileUrls, False)
        s.setAttribute(QWebEngineSettings.PluginsEnabled, False)
        s.setAttribute(QWebEngineSettings.DnsPrefetchEnabled, False)
        s.setAttribute(QWebEngineSettings.WebRTCPublicInterfacesOnly, True)
        s.setAttribute(QWebEngineSettings.HyperlinkAuditingEnabled, False)
        s.setAttribute(QWebEngineSettings.JavascriptCanOpenWindows, False)
        s.setAttribute(QWebEngineSettings.JavascriptCanAccessClipboard, False)
        s.setAttribute(QWebEngineSettings.JavascriptCanPaste, False)
        s.setAttribute(QWebEngineSettings.ScreenCaptureEnabled, False)
        s.setAttribute(QWebEngineSettings.LocalStorageEnabled, False)
        s.setAttribute(QWebEngineSettings.NavigateOnDropEnabled, False)
        self.console_messages: list[str] = []
        page.console.connect(self.console_messages.append)
        self.setPage(page)
        # No Chromium menu (Back, Reload, View source): the page's right-click goes to the app's own menus.
        from PySide6.QtCore import Qt

        self.setContextMenuPolicy(Qt.NoContextMenu)
        self.bridge = MapBridge(self)
        self.bridge.pinClickedSignal.connect(self.placeClicked)
        self.bridge.paintedSignal.connect(self._on_painted)
        self.bridge.messageSignal.connect(self.pageMessage)
        self.channel = QWebChannel(self)
        self.channel.registerObject(BRIDGE_NAME, self.bridge)
        page.setWebChannel(self.channel, BRIDGE_WORLD)  # not the page's world: page script never sees it
        self.ready = False
        self.painted: dict = {}
        self.data: MapData | None = None
        self._generation = 0
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._on_timeout)
        self.loadFinished.connect(self._on_load_finished)

    # -- loading -------------------------------------------------------------
    def show_map(self, data: MapData, style: str = "light") -> QUrl:
        """Draw ``data``: the document and its data script are served from memory by the scheme handler."""
        self.ready = False
        self.painted = {}
        self._generation += 1
        self.data = data
        handler = scheme_handler()
        # The data script's address changes with each document: Chromium keeps a script it has loaded
        # in its memory cache, and a document drawn again (new places after an import or a correction)
        # would get the old places (the handler serves any ?v= of it).
        html = sealed_html(data, style).replace(f'<script src="{DATA_SCRIPT}">',
                                                f'<script src="{DATA_SCRIPT}?v={self._generation}">', 1)
        handler.set_document(self.host, html)
        handler.set_data(self.host, DATA_SCRIPT, places_js(data))
        url = QUrl(f"{SCHEME_NAME}://{self.host}/{DOCUMENT_NAME}?v={self._generation}")
        self.load(url)
        self._timeout.start(PAINT_TIMEOUT_MS)
        return url

    def set_counts(self, data: MapData) -> None:
        """Redraw the pins for new filters (the page keeps the places; only their counts change)."""
        self.data = data
        if self.ready:
            # setCounts redraws the pins before it returns: its answer coming back means they are drawn
            self.run_js(f"window.geoExplorer.pins.setCounts({js_json(counts_json(data.counts, data.hidden))})",
                        self._on_counts_shown)

    def _on_counts_shown(self, _shown) -> None:
        import shiboken6

        if shiboken6.isValid(self):  # a page torn down with the view answers its pending calls too
            self.countsShown.emit()

    def _on_load_finished(self, ok: bool) -> None:
        if not ok and not self.ready:
            self._timeout.stop()
            self.mapFailed.emit("the map page failed to load")

    def _on_painted(self, summary: str) -> None:
        try:
            self.painted = json.loads(summary) if summary else {}
        except ValueError:
            self.painted = {}
        if not self.ready:
            self._timeout.stop()
            self.ready = True
            self.mapReady.emit()

    def _on_timeout(self) -> None:
        if not self.ready:
            self.mapFailed.emit(f"the map was not painted within {PAINT_TIMEOUT_MS // 1000} s"
                                + ("".join("; " + m for m in self.console_messages[-3:])))

    def wait_ready(self, timeout_ms: int = 30000) -> bool:
        """Block (running the event loop) until the page says the map is painted; for CLI and tests."""
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
        run_javascript(self.page(), script, callback)

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

        run_javascript(self.page(), script, done)
        QTimer.singleShot(timeout_ms, loop.quit)
        if "value" not in result:
            loop.exec()
        raw = result.get("value")
        return json.loads(raw) if isinstance(raw, str) else None

    def set_tool(self, name: str | None) -> None:
        """Switch the page's tool: "measure", "box", "province" or None (see static/geo_tools.js)."""
        self.run_js(f"window.geoExplorer && window.geoExplorer.tools && window.geoExplorer.tools.mode({js_json(name)})")

    def show_area(self, feature: dict | None) -> None:
        """Outline the active area on the map (None: no area)."""
        if self.data is not None:
            self.data.area = feature
        self.run_js(f"window.geoExplorer && window.geoExplorer.tools && "
                    f"window.geoExplorer.tools.showArea({js_json(feature)})")

    def fly_to(self, lat: float, lon: float, zoom: int) -> None:
        self.run_js(f"window.geoExplorer && window.geoExplorer.map && "
                    f"window.geoExplorer.map.flyTo([{float(lat)}, {float(lon)}], {int(zoom)}, {{duration: 0.6}})")

    def select_place(self, place_id: str, zoom: int | None = None) -> None:
        self.run_js(f"window.geoExplorer && window.geoExplorer.select({js_json(place_id)}, {js_json(zoom)})")

    # -- snapshots -----------------------------------------------------------
    def snapshot(self) -> QImage:
        return self.grab().toImage()

    def stop_polling(self) -> None:
        self._timeout.stop()

    def dispose(self) -> None:
        """Stop work and drop the document (the view stays usable for a grab)."""
        self._timeout.stop()
        if _HANDLER is not None:
            _HANDLER.forget(self.host)
