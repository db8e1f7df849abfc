"""File -> Export map...: the print layout with its options, a preview, and a write that never freezes the UI.

The options are those of ``geo-explorer snapshot``: title, subtitle, page
(pixels or paper, orientation, dpi), format, extent (where most local
mentions are, every pin, or the map's current view), numbered source notes
and labels on pins. The filters are the app's (its ViewState). The preview
is the page itself, drawn small by its own hidden map view whenever an option
changes; the export draws the map at full size the same way (the page's own
timers and signals, no nested event loop) and composes and writes the file in
a thread.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.gui.errors import failed_write
from explorer.gui.print_layout import MapPrinter, avoid_boxes, format_for, measure, page_image, write_page
from explorer.gui.settings import pin_labels, set_pin_labels
from explorer.mapdoc import layout as L

PREVIEW_WIDTH = 560
PAPER_CHOICES = ("Pixels", "A4", "A3", "letter")


class _Done(QObject):
    done = Signal(str)
    failed = Signal(str)


class ExportDialog(QDialog):
    """The export's options, a preview of the page, and Export... (see the module's docstring)."""

    written = Signal(str)   # the path written
    previewed = Signal()

    def __init__(self, conn, state, map_view=None, settings=None, name: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export map")
        self.conn = conn
        self.state = state
        self.map_view = map_view
        self.settings = settings
        self.name = name or L.SEEDS_TITLE
        self.last_path: str | None = None
        self.last_error: str | None = None
        self._writing = False
        self._preview_printer: MapPrinter | None = None
        self._export_printer: MapPrinter | None = None
        self._preview_key = None

        form = QFormLayout()
        self.title = QLineEdit(self.name)
        self.subtitle = QLineEdit()
        self.subtitle.setPlaceholderText("dates, filters and counts (automatic)")
        form.addRow("Title", self.title)
        form.addRow("Subtitle", self.subtitle)
        self.paper = QComboBox()
        self.paper.addItems(PAPER_CHOICES)
        self.orientation = QComboBox()
        self.orientation.addItems(["landscape", "portrait"])
        self.width_px = QSpinBox()
        self.width_px.setRange(100, 10000)
        self.width_px.setValue(1920)
        self.height_px = QSpinBox()
        self.height_px.setRange(100, 10000)
        self.height_px.setValue(1080)
        self.dpi = QDoubleSpinBox()
        self.dpi.setRange(50, 600)
        self.dpi.setDecimals(0)
        self.dpi.setValue(96)
        size_row = QHBoxLayout()
        for w in (self.paper, self.width_px, QLabel("×"), self.height_px, self.orientation, QLabel("dpi"), self.dpi):
            size_row.addWidget(w)
        form.addRow("Page", _wrap(size_row))
        self.format = QComboBox()
        self.format.addItems(["png", "pdf", "svg"])
        form.addRow("Format", self.format)
        self.fit = QComboBox()
        self.fit.addItem("Where most local mentions are", "local")
        self.fit.addItem("Every pin", "all")
        if map_view is not None:
            self.fit.addItem("The map's current view", "view")
        form.addRow("Extent", self.fit)
        self.notes = QSpinBox()
        self.notes.setRange(0, 50)
        self.notes.setSpecialValueText("none")
        form.addRow("Numbered source notes", self.notes)
        self.labels = QSpinBox()
        self.labels.setRange(0, 500)
        self.labels.setValue(pin_labels(settings))
        self.labels.setToolTip("How many of the most mentioned pins in view are named, here and on the map")
        form.addRow("Labels on pins", self.labels)
        self.outside = QLabel("")
        self.outside.setWordWrap(True)
        self.outside.setStyleSheet("color: #9a3412;")

        self.preview = QLabel("Drawing the preview…")
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, 340)
        self.preview.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.preview.setStyleSheet("background: #e5e7eb;")
        self.status = QLabel("")
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.AcceptRole)
        buttons.addButton(QDialogButtonBox.Close)
        self.export_button.clicked.connect(self.choose_and_export)
        buttons.rejected.connect(self.reject)

        box = QVBoxLayout(self)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.outside)
        left.addStretch(1)
        top.addLayout(left, 0)
        top.addWidget(self.preview, 1)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addWidget(buttons)

        self._debounce = QTimer(self, singleShot=True, interval=350)
        self._debounce.timeout.connect(self.refresh_preview)
        for w in (self.title, self.subtitle):
            w.textChanged.connect(self._changed)
        for w in (self.paper, self.orientation, self.format, self.fit):
            w.currentIndexChanged.connect(self._changed)
        for w in (self.width_px, self.height_px, self.dpi, self.notes, self.labels):
            w.valueChanged.connect(self._changed)
        self.paper.currentIndexChanged.connect(self._paper_changed)
        self.labels.valueChanged.connect(self._labels_changed)
        self._paper_changed()
        self._changed()

    # -- options -------------------------------------------------------------
    def _paper_changed(self) -> None:
        paper = self.paper.currentText() != "Pixels"
        self.width_px.setVisible(not paper)
        self.height_px.setVisible(not paper)
        self.orientation.setVisible(paper)
        if paper and self.dpi.value() < 150:
            self.dpi.setValue(300)
        elif not paper and self.dpi.value() >= 150:
            self.dpi.setValue(96)

    def _labels_changed(self, n: int) -> None:
        """The number of labels is a setting: kept, and shown on the app's map at once."""
        set_pin_labels(n, self.settings)
        if self.map_view is not None and getattr(self.map_view, "ready", False):
            self.map_view.run_js(f"window.geoExplorer.pins.setLabels({int(n)})")

    def page(self) -> L.Page:
        if self.paper.currentText() == "Pixels":
            return L.page_for(self.width_px.value(), self.height_px.value(), dpi=self.dpi.value())
        return L.page_for(paper=self.paper.currentText(), orientation=self.orientation.currentText(),
                          dpi=self.dpi.value())

    def _bbox(self):
        if self.fit.currentData() != "view" or self.map_view is None:
            return None
        b = self.map_view.evaluate("(function(){var b = window.geoExplorer.map.getBounds();"
                                   "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];})()")
        if not b:
            return None
        w, s, e, n = b
        return max(-180, w), max(-85, s), min(180, e), min(85, n)

    def plan(self) -> L.PrintPlan:
        fit = self.fit.currentData()
        return L.print_plan(self.conn, self.state.filters, title=self.title.text().strip() or self.name,
                            subtitle_text=self.subtitle.text().strip() or None,
                            fit="local" if fit == "view" else fit, bbox=self._bbox(), notes=self.notes.value(),
                            labels=self.labels.value(), name=self.name)

    def _changed(self) -> None:
        self._debounce.start()

    # -- the preview ---------------------------------------------------------
    def refresh_preview(self) -> None:
        """Draw the page small: the same layout at a scale that fits the preview."""
        if self._preview_printer is not None and self._preview_printer._busy:
            self._debounce.start()  # one drawing at a time: try again in a moment
            return
        try:
            page = self.page()
            plan = self.plan()
        except L.LayoutError as exc:
            self.status.setText(str(exc))
            return
        scale = min(1.0, PREVIEW_WIDTH / page.width, 420 / page.height)
        small = L.Page(max(100, round(page.width * scale)), max(100, round(page.height * scale)),
                       page.dpi * scale, page.paper, page.orientation)
        try:
            lay = L.plan(small, plan.title, plan.subtitle, measure, plan.notes)
        except L.LayoutError as exc:
            self.status.setText(str(exc))
            return
        self.outside.setText(plan.fit.outside_text() if plan.fit.mode == "local" else "")
        self._preview_plan = (small, plan)
        if self._preview_printer is None:
            self._preview_printer = MapPrinter(self)
            self._preview_printer.rendered.connect(self._preview_rendered)
            self._preview_printer.failed.connect(lambda m: self.status.setText(f"Preview: {m}"))
            self._preview_printer.loaded.connect(self._preview_loaded)
        key = (plan.filters, plan.labels)
        w, h = round(lay.map.w), round(lay.map.h)
        if key != self._preview_key:
            self._preview_key = key
            self._preview_lay = lay
            self._preview_printer.load(plan.data, w, h, lay.unit)
        else:
            self._preview_lay = lay
            self._preview_printer.size_for(w, h, lay.unit)
            self._preview_loaded()

    def _preview_loaded(self) -> None:
        small, plan = self._preview_plan
        printer = self._preview_printer
        if not printer.view.ready or printer._busy:
            return
        printer.render(plan.fit.bounds, plan.labels, plan.numbers, padding=14, avoid=avoid_boxes(self._preview_lay))

    def _preview_rendered(self, rendered) -> None:
        small, plan = self._preview_plan
        legend = L.legend_rows(rendered.info.get("drawn") or {}, notes=len(plan.notes))
        lay = L.plan(small, plan.title, plan.subtitle, measure, plan.notes, legend)
        image = page_image(lay, rendered)
        drawn = rendered.info.get("bounds")
        if drawn and plan.fit.mode == "local":
            plan.fit.outside = [p for p in plan.pins if not L.inside(drawn, p.lat, p.lon)]
            self.outside.setText(plan.fit.outside_text())
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.status.setText("")
        self.previewed.emit()

    # -- the export ----------------------------------------------------------
    def choose_and_export(self) -> None:
        fmt = self.format.currentText()
        start = str(Path.home() / f"{_slug(self.title.text()) or 'geo-explorer-map'}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, "Export map", start,
                                              f"{fmt.upper()} (*.{fmt});;PNG (*.png);;PDF (*.pdf);;SVG (*.svg)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Draw the page at full size and write it (the file's suffix, else the chosen format, decides)."""
        if self._writing:
            return
        try:
            page = self.page()
            plan = self.plan()
            lay = L.plan(page, plan.title, plan.subtitle, measure, plan.notes)
        except L.LayoutError as exc:
            self._fail(str(exc))
            return
        fmt = format_for(path, None if Path(path).suffix.lower() in (".png", ".pdf", ".svg")
                         else self.format.currentText())
        if fmt not in L.FORMATS:
            self._fail(f"cannot write .{fmt} here (PNG, PDF or SVG)")
            return
        from explorer.core.export.output import ExportError, check_target, database_file

        try:  # a device, FIFO or folder, the open project's own file, a read-only disk: before drawing
            check_target(path, project=database_file(self.conn))
        except ExportError as exc:
            self._fail(str(exc))
            return
        self._writing = True
        self.export_button.setEnabled(False)
        self.status.setText("Drawing the map…")
        self._job = (page, plan, path, fmt)
        printer = self._export_printer = MapPrinter(self)
        printer.failed.connect(self._fail)
        printer.rendered.connect(self._export_rendered)
        printer.loaded.connect(lambda: printer.render(plan.fit.bounds, plan.labels, plan.numbers, padding=14,
                                                      avoid=avoid_boxes(lay)))
        printer.load(plan.data, round(lay.map.w), round(lay.map.h), lay.unit)

    def _export_rendered(self, rendered) -> None:
        page, plan, path, fmt = self._job
        legend = L.legend_rows(rendered.info.get("drawn") or {}, notes=len(plan.notes))
        lay = L.plan(page, plan.title, plan.subtitle, measure, plan.notes, legend)
        self.status.setText(f"Writing {Path(path).name}…")
        signals = self._signals = _Done()
        signals.done.connect(self._written)
        signals.failed.connect(self._fail)

        def work():
            try:
                signals.done.emit(str(write_page(lay, rendered, path, fmt, plan.title)))
            except Exception as exc:  # noqa: BLE001 - shown in words
                signals.failed.emit(failed_write(path, exc))

        threading.Thread(target=work, name="export-map", daemon=True).start()

    def _written(self, path: str) -> None:
        self._finish()
        self.last_path = path
        self.status.setText(f"Written: {path}")
        self.written.emit(path)

    def _fail(self, message: str) -> None:
        self._finish()
        self.last_error = message
        self.status.setText(f"Not written: {message}")
        show_error = getattr(self.parent(), "show_error", None)
        if callable(show_error):  # the main window: an error dialog in words, naming the log
            show_error("Export map", f"The map was not written: {message}")

    def _finish(self) -> None:
        self._writing = False
        self.export_button.setEnabled(True)
        if self._export_printer is not None:
            self._export_printer.close()
            self._export_printer = None

    def done(self, result: int) -> None:  # noqa: D401 (Qt override: the dialog closes)
        for printer in (self._preview_printer, self._export_printer):
            if printer is not None:
                printer.close()
        self._preview_printer = self._export_printer = None
        super().done(result)


def _wrap(layout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.strip().lower()).strip("-")[:60]


def open_export_dialog(parent, project, state, map_view=None, settings=None, name: str = "") -> ExportDialog | None:
    """File -> Export map...: the dialog for ``project`` (an open Project) under ``state``'s filters."""
    if project is None:
        return None
    dialog = ExportDialog(project.conn, state, map_view, settings, name, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
