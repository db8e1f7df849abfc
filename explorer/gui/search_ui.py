"""Find a place or an article: the toolbar's search box and its results list.

As the user types (debounced), the box looks up the gazetteer
(:func:`explorer.core.places.search.search_places`) and the project's
article text (``Project.search``). The results dock lists two sections:
places first (the project's own places first, each with its kind and
country, and how many times the project names it), then articles.

Keyboard: Down and Up in the box move through the results (the section
headings are skipped), Enter chooses (the first result when none is
picked), Escape clears the box. A click chooses too.

Choosing a place flies the map there (zoomed by its kind); a place the
project names is also selected on the map and its sources open in the side
panel; for one it does not name, the panel and the status bar say so.
Choosing an article opens it at the first word searched for.

The gazetteer's search index (with the gazetteer, about 300 MB) is loaded
in a thread when the box first gets focus or text (:func:`warm_in_background`),
not when the window opens, so browsing a big project never holds it; until
it is ready (under a second from the cache) the list shows the article hits
and says that places are still loading.
"""
from __future__ import annotations

import threading
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QDockWidget, QLineEdit, QListWidget, QListWidgetItem

from explorer import applog
from explorer.core.store import views

DEBOUNCE_MS = 150
PLACE_LIMIT = 12
ARTICLE_LIMIT = 100
# How close the map comes to a place chosen in the search, by its kind
ZOOM_BY_KIND = {"continent": 3, "country": 5, "region": 5, "admin1": 6, "admin2": 8, "city": 9, "poi": 12}
PLACE, ARTICLE = "place", "article"

_warm = threading.Event()  # set once the gazetteer's search index is loaded in this process
_warm_failed: list[str] = []
_warm_started = threading.Lock()
_warm_thread: threading.Thread | None = None


def warm_in_background() -> threading.Event:
    """Load the place search index in a thread (once per process); the event is set when it is ready."""
    global _warm_thread
    with _warm_started:
        if _warm_thread is None:
            def run():
                try:
                    from explorer.core.places.search import warm

                    warm()
                except Exception as exc:  # noqa: BLE001 - the app works without place search; say so in the list
                    _warm_failed.append(str(exc))
                    applog.log.warning("place search is not available: %s", exc)
                finally:
                    _warm.set()

            _warm_thread = threading.Thread(target=run, name="place-search-warm", daemon=True)
            _warm_thread.start()
    return _warm


def zoom_for(kind: str) -> int:
    return ZOOM_BY_KIND.get(kind, 9)


class SearchUI(QObject):
    """The search box (for the toolbar) and the results dock of a main window."""

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.box = QLineEdit()
        self.box.setObjectName("search-box")
        self.box.setPlaceholderText("Find a place or article text…")
        self.box.setToolTip("Type a place name (any accents or case) or words of the articles; "
                            "Down/Up to pick, Enter to go there")
        self.box.setClearButtonEnabled(True)
        self.box.setMinimumWidth(220)
        self.box.setMaximumWidth(320)
        self.box.installEventFilter(self)
        self.timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        self.box.textChanged.connect(self._typed)
        self.box.returnPressed.connect(self.choose_current)

        self.results = QListWidget()
        self.results.setObjectName("search-results")
        self.results.itemActivated.connect(self.choose)
        self.results.itemClicked.connect(self.choose)
        self.dock = QDockWidget("Search results", window)
        self.dock.setObjectName("search")
        self.dock.setWidget(self.results)
        window.addDockWidget(Qt.LeftDockWidgetArea, self.dock)
        self.dock.hide()

        self.hits = []  # the PlaceHits listed, in order
        self._ids_key = None
        self._ids: frozenset[str] = frozenset()
        # The gazetteer and its name index (about 300 MB) load when the box is first used, in a thread:
        # a window that only browses a project never holds them (the app's memory on a big project).
        self.ready = _warm

    def start_loading(self) -> None:
        """Load the place index in the background now (the box got focus or text)."""
        warm_in_background()

    def _typed(self, _text: str) -> None:
        self.start_loading()
        self.timer.start()

    # -- the list ------------------------------------------------------------
    def _project_ids(self) -> frozenset[str]:
        """The open project's place ids (read again only when the project or its contents changed)."""
        project = self.w.project
        if project is None:
            return frozenset()
        conn = project.conn
        key = (id(conn), conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if key != self._ids_key:
            from explorer.core.places.search import project_place_ids

            self._ids, self._ids_key = project_place_ids(project), key
        return self._ids

    def _mentions(self, place_ids) -> dict[str, int]:
        project = self.w.project
        if project is None or not place_ids:
            return {}
        ids = list(place_ids)
        return dict(project.conn.execute(
            f"SELECT place_id, mentions FROM places WHERE place_id IN ({','.join('?' * len(ids))})", ids))

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.NoItemFlags)  # not selectable: Down/Up skip it
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QColor("#555"))
        self.results.addItem(item)

    def run(self) -> None:
        """List the places and articles that match what is typed."""
        self.timer.stop()
        query = self.box.text().strip()
        self.results.clear()
        self.hits = []
        if not query:
            self.dock.hide()
            return
        places_note = None
        if not self.ready.is_set():
            places_note = "Places: the gazetteer is still loading…"
            QTimer.singleShot(300, self._retry)
        elif _warm_failed:
            places_note = "Places: not available (see the log)"
        else:
            from explorer.core.places.search import search_places

            try:
                self.hits = search_places(query, limit=PLACE_LIMIT, project_places=self._project_ids())
            except Exception as exc:  # noqa: BLE001 - a search that fails must not take the window with it
                applog.log.warning("place search failed for %r: %s", query, exc)
                places_note = "Places: the search failed (see the log)"
        if places_note:
            self._heading(places_note)
        elif self.hits:
            self._heading(f"Places ({len(self.hits)})")
            mentions = self._mentions([h.place_id for h in self.hits if h.in_project])
            for i, h in enumerate(self.hits):
                n = mentions.get(h.place_id)
                named = f"  · {n} mention{'s' if n != 1 else ''}" if h.in_project and n else ""
                item = QListWidgetItem(h.label + named)
                item.setData(Qt.UserRole, (PLACE, i))
                item.setToolTip(f"{h.label}\n{h.lat:.4f}, {h.lon:.4f}"
                                + ("\nNamed in the project's articles" if named else "\nNo article names it"))
                if named:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.results.addItem(item)
        else:
            self._heading("Places: none")
        articles = self.w.project.search(query, limit=ARTICLE_LIMIT) if self.w.project is not None else []
        self._heading(f"Articles ({len(articles)})" if articles else f"Articles: none hold “{query}”")
        for aid, title, snippet in articles:
            item = QListWidgetItem(f"{title} — {snippet}")
            item.setData(Qt.UserRole, (ARTICLE, aid, query))
            self.results.addItem(item)
        self.dock.setWindowTitle(f"Search results ({len(self.hits)} places, {len(articles)} articles)")
        if not self.dock.isVisible():
            self.dock.show()
            if not self.dock.isFloating() and self.dock.width() < 340:  # room for "name — kind, province, country"
                self.w.resizeDocks([self.dock], [360], Qt.Horizontal)

    def _retry(self) -> None:
        if self.ready.is_set():
            if self.box.text().strip() and not self.timer.isActive():
                self.run()
        else:
            QTimer.singleShot(300, self._retry)

    def choosable(self) -> list[int]:
        """The rows that can be chosen (not the headings)."""
        return [r for r in range(self.results.count()) if self.results.item(r).flags() & Qt.ItemIsSelectable]

    def items(self, what: str) -> list[QListWidgetItem]:
        """The listed places (``PLACE``) or articles (``ARTICLE``), in order."""
        out = []
        for r in range(self.results.count()):
            data = self.results.item(r).data(Qt.UserRole)
            if data and data[0] == what:
                out.append(self.results.item(r))
        return out

    # -- keyboard --------------------------------------------------------------
    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if obj is self.box and event.type() == QEvent.FocusIn:
            self.start_loading()
        if obj is self.box and event.type() == QEvent.KeyPress:
            key = event.key()
            if key in (Qt.Key_Down, Qt.Key_Up):
                if self.timer.isActive():
                    self.run()
                self.step(1 if key == Qt.Key_Down else -1)
                return True
            if key == Qt.Key_Escape and self.box.text():
                self.box.clear()
                return True
        return super().eventFilter(obj, event)

    def step(self, by: int) -> None:
        rows = self.choosable()
        if not rows:
            return
        cur = self.results.currentRow()
        if cur not in rows:
            row = rows[0] if by > 0 else rows[-1]
        else:
            row = rows[max(0, min(len(rows) - 1, rows.index(cur) + by))]
        self.results.setCurrentRow(row)
        self.results.scrollToItem(self.results.item(row))

    def choose_current(self) -> None:
        """Enter in the box: the result picked with Down/Up, else the first one."""
        if self.timer.isActive():
            self.run()
        rows = self.choosable()
        if not rows:
            return
        cur = self.results.currentRow()
        self.choose(self.results.item(cur if cur in rows else rows[0]))

    # -- choosing --------------------------------------------------------------
    def choose(self, item: QListWidgetItem | None) -> None:
        data = item.data(Qt.UserRole) if item is not None else None
        if not data:
            return
        if data[0] == PLACE:
            self.go_to_place(self.hits[data[1]])
        else:
            self.open_article_hit(data[1], data[2])

    def go_to_place(self, hit) -> None:
        """Fly the map to a place; select it and open its sources when the project names it."""
        w = self.w
        zoom = zoom_for(hit.kind)
        w.map.fly_to(hit.lat, hit.lon, zoom)
        md = w.map_data
        in_project = w.project is not None and views.place(w.project.conn, hit.place_id) is not None
        if in_project:
            row = md.table.index.get(hit.place_id) if md is not None else None
            shown = row is not None and (md.counts is None or md.counts.shown[row])
            if shown:  # once the flight ends, mark the pin (GE.select keeps the view when the pin is in it)
                from explorer.mapdoc.document import js_json

                w.map.run_js(f"""(function () {{
                    var GE = window.geoExplorer; if (!GE || !GE.map) return;
                    var done = false, sel = function () {{ if (!done) {{ done = true; GE.select({js_json(hit.place_id)},
                        {zoom}); }} }};
                    GE.map.once("moveend", function () {{ setTimeout(sel, 0); }});
                    setTimeout(sel, 2000);
                }})()""")
                w.statusBar().showMessage(f"{hit.label}: its sources are in the side panel.", 10000)
            else:
                w.statusBar().showMessage(f"{hit.label}: named in the project, but the filters hide its pin "
                                          "(its sources are in the side panel).", 10000)
            w.show_place(hit.place_id)
        else:
            w.panel.show_unnamed(
                hit.label,
                f"<h2>{escape(hit.name)}</h2><p style='color:#555'>{escape(hit.label)}<br>"
                f"{hit.lat:.4f}, {hit.lon:.4f} · <code>{escape(hit.place_id)}</code></p>"
                "<p><b>No article in this project names this place.</b> The map shows where it is.</p>")
            w.statusBar().showMessage(f"No article names {hit.name} ({hit.label}); the map shows where it is.",
                                      10000)
        self.last_place = hit

    def open_article_hit(self, article_id: str, query: str) -> None:
        w = self.w
        article = views.article(w.project.conn, article_id) if w.project is not None else None
        if article is None:
            return
        words = query.split()
        word = words[0].lower() if words else ""
        at = max(article.raw_text.lower().find(word), 0) if word else 0
        w.open_article(article_id, at, at + len(word), at, at + len(word))
