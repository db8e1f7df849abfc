"""The print layout painted with Qt: the map drawn by its page, then the page composed around it.

The layout itself (sizes, texts, legend rows, scale, fit) is decided by
:mod:`explorer.mapdoc.layout`; this module draws the map at the size of
the layout's map box (the web view's zoom factor makes one CSS pixel
``dpi / 96`` device pixels, so labels and pins keep their size on paper),
asks the page what it drew (scale, legend rows, labelled pins), and paints
the page with QPainter on an image (PNG), a PDF page (QPdfWriter: the text
is real text) or an SVG (QSvgGenerator).

:class:`MapPrinter` works without blocking: each step waits for the page
through signals and timers, never a nested event loop, so the export dialog
stays responsive. The command line waits for it with :meth:`MapPrinter.wait`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMarginsF, QObject, QPointF, QRectF, QSize, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPolygonF,
)

from explorer.gui.mapview import run_javascript
from explorer.gui.snapshot import SnapshotError, check_image
from explorer.mapdoc import layout as L
from explorer.mapdoc.document import MapData, js_json

FONT_FAMILY = "DejaVu Sans"
MAX_ZOOM_FACTOR = 5.0


# ---------------------------------------------------------------- text measuring

_FONTS: dict = {}


def font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    key = (round(size * 4), bold, italic)
    f = _FONTS.get(key)
    if f is None:
        f = QFont(FONT_FAMILY)
        f.setPixelSize(max(1, round(size)))
        f.setBold(bold)
        f.setItalic(italic)
        f.setHintingPreference(QFont.PreferNoHinting)
        if hasattr(f, "setFeature"):  # Qt 6.7+: no ligatures, so a PDF's text reads "Leaflet", not "Leaﬂet"
            for tag in ("liga", "clig"):
                f.setFeature(QFont.Tag(tag), 0)
        _FONTS[key] = f
    return f


def measure(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` in pixels at a pixel size (the layout's ``Measure``)."""
    return QFontMetricsF(font(size, bold)).horizontalAdvance(text)


# ---------------------------------------------------------------- the map drawn by the page

@dataclass
class RenderedMap:
    image: QImage
    info: dict = field(default_factory=dict)


class MapPrinter(QObject):
    """Draws a map for a print in its own (hidden) MapView.

    ``load(data)`` shows the project's places once; ``render(...)`` sizes
    the view, makes the page a print (no controls, labels and numbers,
    fitted), waits for it to settle and grabs it: ``rendered(RenderedMap)``
    or ``failed(message)``. ``frame(counts)`` redraws the same page for new
    filter counts (an animation frame) without reloading it.
    """

    rendered = Signal(object)
    failed = Signal(str)
    loaded = Signal()

    def __init__(self, parent=None, timeout_ms: int = 60000):
        super().__init__(parent)
        from explorer.gui.mapview import MapView

        self.view = MapView()
        self.view.bridge.paintedSignal.connect(self._on_painted)
        self.view.setAttribute(Qt.WA_DontShowOnScreen, True)
        self.timeout_ms = timeout_ms
        self._token = 0
        self._busy = False
        self._poll = QTimer(self)
        self._poll.setInterval(15)
        self._poll.timeout.connect(self._check)
        self._deadline = QTimer(self, singleShot=True)
        self._deadline.timeout.connect(lambda: self._fail("the map was not drawn in time"))
        self._pending = None
        self._grab_tries = 0
        self._unit = 1.0
        self._stamp_css = 2
        self._style = "light"
        self.view.mapReady.connect(self.loaded)
        self.view.mapFailed.connect(self._fail)

    # -- sizing ------------------------------------------------------------
    def size_for(self, width: int, height: int, unit: float) -> None:
        """Make the view ``width`` x ``height`` device pixels showing ``width / unit`` CSS pixels."""
        self._unit = min(MAX_ZOOM_FACTOR, max(0.25, unit))
        self.view.setZoomFactor(self._unit)
        self.view.resize(int(width), int(height))
        if not self.view.isVisible():
            self.view.show()

    def load(self, data: MapData, width: int, height: int, unit: float = 1.0, style: str = "light") -> None:
        self._style = style
        self.size_for(width, height, unit)
        self.view.show_map(data, style)

    # -- a print -----------------------------------------------------------
    def render(self, bounds, labels: int = 10, numbers: dict | None = None, padding: float = 12.0,
               avoid: list | None = None) -> None:
        """Fit the map to ``bounds`` as a print and grab it (once the page has loaded: ``loaded``).
        ``avoid``: boxes on the map (CSS pixels) that labels keep clear of: the north arrow, the scale bar."""
        import math

        # the corner stamp (see _stamped): at least 3 device pixels wide whatever the zoom factor
        self._stamp_css = max(2, math.ceil(3 / self._unit))
        opts = {"bounds": bounds, "labels": int(labels), "numbers": numbers or {}, "padding": padding,
                "stamp": self._stamp_css, "avoid": avoid or []}
        self._start("geoExplorer.preparePrint({})", opts)

    def frame(self, counts: dict | None) -> None:
        """Redraw the pins for new counts (``counts_json``) on the same page and grab it."""
        self._start("geoExplorer.printCounts(" + js_json(counts) + ", {token})", None)

    def _start(self, call: str, opts: dict | None) -> None:
        if self._busy:
            raise RuntimeError("a print is being drawn")
        self._busy = True
        self._token += 1
        w, h = self.view.width(), self.view.height()
        self._css = (w / self._unit, h / self._unit)
        if opts is not None:
            opts["token"] = self._token
            script = call.format(js_json(opts))
        else:
            script = call.replace("{token}", str(self._token))
        self._pending = script
        self._phase = "size"
        self._poll.setInterval(15)
        self._deadline.start(self.timeout_ms)
        self._poll.start()

    def _check(self) -> None:
        if not self._busy:
            return
        self._poll.stop()
        if not self._view_alive():
            return
        if self._phase == "size":
            # the view's new size and zoom reach the page a little later: wait for them
            run_javascript(self.view.page(), "JSON.stringify([window.innerWidth, window.innerHeight, "
                           "!!(window.geoExplorer && window.geoExplorer.ready)])", self._on_size)
        elif self._phase == "settle":
            # always a string: PySide miscounts the references of a None the page hands back (it
            # aborts the interpreter after enough of them)
            run_javascript(self.view.page(), "String(window.geoExplorer.settled)", self._on_settled)

    def _on_size(self, value) -> None:
        if not self._busy:
            return
        try:
            w, h, ready = json.loads(value)
        except (TypeError, ValueError):
            w = h = 0
            ready = False
        if ready and abs(w - self._css[0]) <= 1.5 and abs(h - self._css[1]) <= 1.5:
            self._phase = "settle"
            self._poll.setInterval(120)  # the page says when it has settled; this poll is a fallback
            run_javascript(self.view.page(), self._pending + "; 'ok'")
        self._poll.start()

    def _on_painted(self, summary: str) -> None:
        """The page says a print settled (GE.settle sends {"settled": token}): no need to wait for the poll."""
        if self._busy and self._phase == "settle" and f'"settled":{self._token}' in (summary or "").replace(" ", ""):
            self._poll.stop()
            self._on_settled(str(self._token))

    def _on_settled(self, value) -> None:
        if not self._busy:
            return
        if value == str(self._token):
            self._phase = "info"
            run_javascript(self.view.page(), "JSON.stringify(window.geoExplorer.printInfo())", self._on_info)
            return
        self._poll.start()

    def _on_info(self, value) -> None:
        if not self._busy:
            return
        try:
            self._info = json.loads(value)
        except (TypeError, ValueError):
            self._fail("the map did not say what it drew")
            return
        self._grab_tries = 0
        QTimer.singleShot(0, self._grab)

    def _grab(self) -> None:
        if not self._busy:
            return
        image = self.view.grab().toImage()
        problem = None if self._stamped(image) else "the page's last frame has not arrived"
        problem = problem or check_image(image, expect_pins=bool(self._info.get("markers")), style=self._style)
        if problem is not None:
            self._grab_tries += 1
            if self._grab_tries < 200:
                QTimer.singleShot(25 if self._grab_tries < 80 else 150, self._grab)  # the compositor may lag behind the page's last frame
                return
            self._fail(f"the map is not drawn ({problem})")
            return
        self._deadline.stop()
        self._busy = False
        self.rendered.emit(RenderedMap(image, self._info))

    def _stamped(self, image: QImage) -> bool:
        """Whether the grab shows the page's frame for this token (its corner stamp; see geo_explorer.js),
        and if so, paint the stamp over with the map next to it."""
        t = self._token
        want = ((t * 37 + 11) % 256, (t * 101 + 53) % 256, (t * 59 + 97) % 256)
        side = int(self._stamp_css * self._unit) + 2
        if image.width() <= 2 * side or image.height() <= 2 * side:
            return True
        px = image.pixel(1, 1)
        got = ((px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF)
        if any(abs(a - b) > 3 for a, b in zip(got, want)):
            return False
        image.convertTo(QImage.Format_RGB32)
        from PySide6.QtGui import QPainter as _P

        p = _P(image)
        p.fillRect(0, 0, side, side, QColor(image.pixel(side + 1, side + 1)))
        p.end()
        return True

    def _fail(self, message: str) -> None:
        self._poll.stop()
        self._deadline.stop()
        self._busy = False
        self.failed.emit(message)

    # -- waiting (command line, tests) ----------------------------------------
    def wait(self, signal_ok, timeout_ms: int | None = None):
        """Run the event loop until ``signal_ok`` or ``failed``; the value it carried, or raise SnapshotError."""
        out = {}
        loop = QEventLoop()

        def ok(*args):
            out["value"] = args[0] if args else None
            loop.quit()

        def bad(message):
            out["error"] = message
            loop.quit()

        signal_ok.connect(ok)
        self.failed.connect(bad)
        QTimer.singleShot(timeout_ms or self.timeout_ms + 5000, loop.quit)
        try:
            if not out:
                loop.exec()
        finally:
            signal_ok.disconnect(ok)
            self.failed.disconnect(bad)
        if "value" in out:
            return out["value"]
        raise SnapshotError(out.get("error") or "the map was not drawn in time")

    def wait_loaded(self) -> None:
        if self.view.ready:
            return
        self.wait(self.loaded)

    def _view_alive(self) -> bool:
        """The view still exists; when it is gone (deleted with the window that drew prints), the print in
        progress ends here: nothing is asked of a deleted page."""
        import shiboken6

        if shiboken6.isValid(self.view):
            return True
        self._busy = False
        self._deadline.stop()
        return False

    def dispose(self) -> None:
        # not busy any more: a page's answer that comes after (a size, a settle) must not start the poll again
        self._busy = False
        self._poll.stop()
        self._deadline.stop()
        self.view.dispose()

    def close(self) -> None:
        import shiboken6

        self.dispose()
        if shiboken6.isValid(self.view):
            self.view.close()
            self.view.deleteLater()


def avoid_boxes(lay: L.Layout) -> list[list[float]]:
    """The north arrow's and the scale bar's boxes in the map's CSS pixels (labels keep clear of them)."""
    m, u = lay.map, lay.unit
    return [[(b.x - m.x) / u - 2, (b.y - m.y) / u - 2, (b.right - m.x) / u + 2, (b.bottom - m.y) / u + 2]
            for b in (lay.north, lay.scale)]


# ---------------------------------------------------------------- painting the page

def _colour(hex_colour: str) -> QColor:
    return QColor(hex_colour)


def _text(p: QPainter, line: L.TextLine) -> None:
    f = font(line.size, line.bold, line.italic)
    p.setFont(f)
    p.setPen(_colour(line.colour))
    fm = QFontMetricsF(f)
    x = line.x
    if line.align == "right":
        x -= fm.horizontalAdvance(line.text)
    elif line.align == "centre":
        x -= fm.horizontalAdvance(line.text) / 2
    p.drawText(QPointF(x, line.y + fm.ascent()), line.text)


def _symbol(p: QPainter, row: L.LegendRow, x: float, y: float, s: float, u: float) -> None:
    """A legend row's symbol in the square (x, y, s)."""
    c = _colour(row.colour)
    cx, cy = x + s / 2, y + s / 2
    p.save()
    if row.symbol in ("diamond", "hollow"):
        r = s * 0.48
        poly = QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy), QPointF(cx, cy + r), QPointF(cx - r, cy)])
        if row.symbol == "diamond":
            p.setPen(QPen(QColor("#ffffff"), 1.2 * u))
            p.setBrush(c)
        else:
            p.setPen(QPen(c, 2.2 * u))
            p.setBrush(QColor("#ffffff"))
        p.drawPolygon(poly)
        p.setPen(QPen(QColor(0, 0, 0, 130), 0.6 * u))
        p.setBrush(Qt.NoBrush)
        p.drawPolygon(poly)
    elif row.symbol in ("circle", "cluster"):
        r = s * (0.36 if row.symbol == "circle" else 0.46)
        p.setPen(QPen(QColor("#ffffff"), 1.4 * u))
        p.setBrush(c)
        p.drawEllipse(QPointF(cx, cy), r, r)
        p.setPen(QPen(QColor(0, 0, 0, 140), 0.6 * u))
        p.setBrush(Qt.NoBrush)
        p.drawEllipse(QPointF(cx, cy), r + 0.7 * u, r + 0.7 * u)
        if row.symbol == "cluster":
            f = font(s * 0.5, True)
            p.setFont(f)
            p.setPen(QColor("#ffffff"))
            p.drawText(QRectF(x, y, s, s), Qt.AlignCenter, "3")
    elif row.symbol == "area":
        p.setPen(QPen(_colour(row.edge or row.colour), 1.2 * u))
        fill = QColor(c)
        fill.setAlphaF(0.45)
        p.setBrush(fill)
        p.drawRect(QRectF(x + 1 * u, y + s * 0.15, s - 2 * u, s * 0.7))
    elif row.symbol in ("line", "dashed", "border"):
        pen = QPen(c, (2.6 if row.symbol == "border" else 1.4) * u)
        if row.symbol != "line":
            pen.setStyle(Qt.DashLine)
        pen.setCapStyle(Qt.FlatCap)
        p.setPen(pen)
        p.drawLine(QPointF(x, cy), QPointF(x + s, cy))
    elif row.symbol == "hatch":
        rect = QRectF(x + 1 * u, y + s * 0.15, s - 2 * u, s * 0.7)
        p.setPen(QPen(c, 1.0 * u, Qt.DashLine))
        p.setBrush(QBrush(c, Qt.BDiagPattern))
        p.drawRect(rect)
    elif row.symbol == "number":
        r = s * 0.42
        p.setPen(Qt.NoPen)
        p.setBrush(c)
        p.drawEllipse(QPointF(cx, cy), r, r)
        p.setFont(font(s * 0.55, True))
        p.setPen(QColor("#ffffff"))
        p.drawText(QRectF(x, y, s, s), Qt.AlignCenter, "1")
    p.restore()


def _north_arrow(p: QPainter, box: L.Box, u: float) -> None:
    p.save()
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(255, 255, 255, 215))
    p.drawRoundedRect(QRectF(box.x, box.y, box.w, box.h), 4 * u, 4 * u)
    cx = box.x + box.w / 2
    f = font(12 * u, True)
    fm = QFontMetricsF(f)
    top = box.y + 4 * u + fm.height()
    bottom = box.bottom - 5 * u
    half = box.w * 0.28
    mid = top + (bottom - top) * 0.72
    left = QPolygonF([QPointF(cx, top), QPointF(cx - half, bottom), QPointF(cx, mid)])
    right = QPolygonF([QPointF(cx, top), QPointF(cx + half, bottom), QPointF(cx, mid)])
    p.setPen(QPen(_colour(L.INK), 1.0 * u))
    p.setBrush(_colour(L.INK))
    p.drawPolygon(left)
    p.setBrush(QColor("#ffffff"))
    p.drawPolygon(right)
    p.setFont(f)
    p.setPen(_colour(L.INK))
    p.drawText(QRectF(box.x, box.y + 3 * u, box.w, fm.height()), Qt.AlignHCenter | Qt.AlignTop, "N")
    p.restore()


def _scale_bar(p: QPainter, box: L.Box, metres_per_px: float, u: float) -> None:
    """A scale bar whose label fits over it (metres per device pixel of the map image as placed)."""
    size = 10.5 * u
    pad = 6 * u
    metres, px, label = L.nice_scale(metres_per_px, box.w - 2 * pad, measure, size, min_px=40 * u)
    f = font(size, True)
    fm = QFontMetricsF(f)
    bar_h = 5 * u
    w = px + 2 * pad
    h = fm.height() + bar_h + 3 * pad
    x, y = box.x, box.bottom - h
    p.save()
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(255, 255, 255, 215))
    p.drawRoundedRect(QRectF(x, y, w, h), 4 * u, 4 * u)
    p.setFont(f)
    p.setPen(_colour(L.INK))
    p.drawText(QRectF(x + pad, y + pad, px, fm.height()), Qt.AlignHCenter | Qt.AlignVCenter, label)
    by = y + pad + fm.height() + pad * 0.6
    p.setPen(QPen(_colour(L.INK), 1.0 * u))
    half = px / 2
    p.setBrush(_colour(L.INK))
    p.drawRect(QRectF(x + pad, by, half, bar_h))
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(x + pad + half, by, px - half, bar_h))
    p.restore()


def paint_page(p: QPainter, lay: L.Layout, rendered: RenderedMap | None, legend: list | None = None) -> None:
    """Paint the whole page: background, texts, the map image in its frame, arrow, scale, legend, notes."""
    u = lay.unit
    page = lay.page
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setRenderHint(QPainter.TextAntialiasing, True)
    p.setRenderHint(QPainter.SmoothPixmapTransform, True)
    p.fillRect(QRectF(0, 0, page.width, page.height), _colour(L.PAPER))
    for line in lay.all_text():
        _text(p, line)
    m = lay.map
    if rendered is not None:
        p.drawImage(QRectF(m.x, m.y, m.w, m.h), rendered.image)
    p.setPen(QPen(_colour(L.FRAME), max(1.0, 1.0 * u)))
    p.setBrush(Qt.NoBrush)
    p.drawRect(QRectF(m.x, m.y, m.w, m.h))
    _north_arrow(p, lay.north, u)
    if rendered is not None and rendered.info.get("metresPerPx"):
        css_w = rendered.info.get("size", [m.w])[0] or m.w
        mpp = rendered.info["metresPerPx"] * css_w / m.w   # metres per device pixel of the page
        try:
            _scale_bar(p, lay.scale, mpp, u)
        except L.LayoutError:
            pass  # a world map: no one scale holds across it
    s = lay.legend_size * 1.25
    for row, x, y in lay.legend_items:
        _symbol(p, row, x, y + (lay.legend_size * 1.6 - s) / 2 - 1 * u, s, u)
        _text(p, L.TextLine(row.text, x + s + 8 * u, y + (lay.legend_size * 1.6 - lay.legend_size * 1.2) / 2,
                            lay.legend_size))


# ---------------------------------------------------------------- writing

def page_image(lay: L.Layout, rendered: RenderedMap | None) -> QImage:
    image = QImage(lay.page.width, lay.page.height, QImage.Format_RGB32)
    image.setDotsPerMeterX(round(lay.page.dpi / 0.0254))
    image.setDotsPerMeterY(round(lay.page.dpi / 0.0254))
    p = QPainter(image)
    try:
        paint_page(p, lay, rendered)
    finally:
        p.end()
    return image


# how each format's file ends: a file cut short (a full disk) does not
ENDINGS = {"png": b"IEND\xaeB`\x82", "pdf": b"%%EOF", "svg": b"</svg>", "gif": b";"}


def write_page(lay: L.Layout, rendered: RenderedMap, path: str | Path, fmt: str, title: str = "") -> Path:
    """Write the composed page as PNG, PDF or SVG, as exports are written
    (:func:`explorer.core.export.output.atomic_output`): a device, FIFO or folder is refused, a link is
    written through, and the file is checked whole before it replaces ``path`` (a failed write leaves
    nothing). Failures are ExportError, in words."""
    from explorer.core.export.output import atomic_output, check_written

    path = Path(path)
    if fmt not in ("png", "pdf", "svg"):
        raise ValueError(f"unknown format {fmt!r}")
    with atomic_output(path) as tmp:
        if fmt == "png":
            ok = page_image(lay, rendered).save(str(tmp), "PNG", 50)  # quicker zlib level, about the same size
        elif fmt == "pdf":
            ok = _write_pdf(lay, rendered, tmp, title)
        else:
            ok = _write_svg(lay, rendered, tmp, title)
        check_written(path, tmp, fmt.upper(), ok, ENDINGS[fmt])
    return path


def _write_pdf(lay: L.Layout, rendered: RenderedMap, tmp: Path, title: str) -> bool:
    """Paint the page into a PDF at ``tmp``; False when Qt says it could not be written."""
    page = lay.page
    writer = QPdfWriter(str(tmp))
    writer.setCreator("Geo Explorer")
    writer.setTitle(title)
    writer.setResolution(round(page.dpi))
    w_mm, h_mm = page.size_mm
    if page.paper:
        size = QPageSize({"A4": QPageSize.A4, "A3": QPageSize.A3, "letter": QPageSize.Letter}[page.paper])
        orient = QPageLayout.Landscape if page.orientation == "landscape" else QPageLayout.Portrait
    else:
        size = QPageSize(QSizeF(*page.size_pt), QPageSize.Point, "", QPageSize.ExactMatch)
        orient = QPageLayout.Portrait
    writer.setPageLayout(QPageLayout(size, orient, QMarginsF(0, 0, 0, 0)))
    p = QPainter(writer)
    if not p.isActive():
        return False
    ended = False
    try:
        sx, sy = writer.width() / page.width, writer.height() / page.height
        if abs(sx - 1) > 1e-3 or abs(sy - 1) > 1e-3:
            p.scale(sx, sy)
        paint_page(p, lay, rendered)
    finally:
        ended = p.end()
    return bool(ended)


def _write_svg(lay: L.Layout, rendered: RenderedMap, tmp: Path, title: str) -> bool:
    from PySide6.QtSvg import QSvgGenerator

    page = lay.page
    gen = QSvgGenerator()
    gen.setFileName(str(tmp))
    gen.setSize(QSize(page.width, page.height))
    gen.setViewBox(QRectF(0, 0, page.width, page.height))
    gen.setResolution(round(page.dpi))
    gen.setTitle(title)
    gen.setDescription("Made with Geo Explorer. Map data: " + L.ATTRIBUTION)
    p = QPainter(gen)
    if not p.isActive():
        return False
    ended = False
    try:
        paint_page(p, lay, rendered)
    finally:
        ended = p.end()
    return bool(ended)


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The output format: ``fmt``, else the file's suffix (png, pdf, svg, gif, mp4)."""
    if fmt:
        return fmt.lower()
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in ("png", "pdf", "svg", "gif", "mp4") else "png"


def qimage_to_pil(image: QImage):
    """A Pillow RGB image of a QImage (for GIF and MP4 frames)."""
    from PIL import Image

    rgb = image.convertToFormat(QImage.Format_RGB888)
    w, h = rgb.width(), rgb.height()
    bpl = rgb.bytesPerLine()
    data = bytes(rgb.constBits())[:bpl * h]
    return Image.frombuffer("RGB", (w, h), data, "raw", "RGB", bpl, 1).copy()


__all__ = ["MapPrinter", "RenderedMap", "paint_page", "page_image", "write_page", "format_for", "measure",
           "qimage_to_pil"]
