"""Fix a wrong pin: the pin's right-click actions, the side panel's "Fix…" link, the dialog that
chooses the mention, the scope and the new place, and undo / redo.

The core does the work (:mod:`explorer.core.store.corrections`); this asks and shows. Each correction
the user makes is one :class:`CorrectionCommand` on the window's QUndoStack: its first ``redo()``
makes it (``add_correction``), ``undo()`` revokes it and a later ``redo()`` restores it. The stack is
the user's view of the history; the project follows it through a queue (:class:`Corrections`), one
operation at a time: a small one at once in the UI thread, a big one (more than :data:`BIG` articles
to analyse again) in the window's worker thread through a connection of its own, with progress,
while the window's other work waits (``MainWindow._busy``).
"""
from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from explorer.core.places.gazetteer import name_key
from explorer.core.models import Place
from explorer.core.store import views
from explorer.mapdoc.document import KIND_LABELS

BIG = 50  # a correction that analyses more articles than this asks first and runs in the background
MENTIONS_LISTED = 500  # at most this many mentions of a place are offered in the dialog
SCOPE_TEXT = {
    "mention": "This mention only",
    "article": "Every mention of this name in its article",
    "project": "Every mention of this name in the project (and in new articles about the same country)",
}


# ---------------------------------------------------------------- what is being fixed

@dataclass(frozen=True)
class Target:
    """One mention the user may fix: the article and the span of the name (raw offsets)."""

    article_id: str
    start: int
    end: int
    surface: str
    sentence: str
    title: str
    place_id: str | None  # its place now
    corrected: bool = False

    @property
    def text(self) -> str:
        """"Title — … the sentence, the name in «» …" for a list."""
        s = " ".join(self.sentence.split())
        i = s.find(self.surface)
        if i >= 0:
            s = f"{s[:i]}«{self.surface}»{s[i + len(self.surface):]}"
        if len(s) > 160:
            at = max(0, (i if i >= 0 else 0) - 60)
            s = ("…" if at else "") + s[at:at + 150] + "…"
        return f"{self.title} — {s}"


def targets_of_place(conn, place_id: str, limit: int = MENTIONS_LISTED) -> list[Target]:
    """The mentions of a place, in article order, then text order."""
    return [Target(x.mention.article_id, x.mention.start, x.mention.end, x.mention.surface, x.sentence,
                   x.title or x.mention.article_id, place_id, x.mention.correction_id is not None)
            for x in views.place_mentions(conn, place_id, limit=limit)]


def target_of_mention(conn, article_id: str, start: int, end: int) -> Target | None:
    row = conn.execute('SELECT m.surface, m.place_id, m.sentence_start, m.sentence_end, m.correction_id, a.title, '
                       'a.raw_text FROM mentions m JOIN articles a ON a.article_id = m.article_id '
                       'WHERE m.article_id = ? AND m."start" = ? AND m."end" = ?', (article_id, start, end)).fetchone()
    if row is None:
        return None
    surface, pid, ss, se, cid, title, raw = row
    return Target(article_id, start, end, surface, (raw or "")[ss:se], title or article_id, pid, cid is not None)


def target_of_span(conn, article_id: str, start: int, end: int) -> Target | None:
    """A span of an article that is no mention (a name the geoparser did not read as a place)."""
    row = conn.execute("SELECT title, raw_text FROM articles WHERE article_id = ?", (article_id,)).fetchone()
    if row is None or not (0 <= start < end <= len(row[1] or "")):
        return None
    from explorer.core.text.sentences import sentence_spans

    title, raw = row
    s, e = next(((a, b) for a, b in sentence_spans(raw) if a <= start < b), (start, end))
    return Target(article_id, start, end, raw[start:end], raw[s:e], title or article_id, None)


@dataclass(frozen=True)
class Spec:
    """One add_correction call."""

    article_id: str
    start: int
    end: int
    new_place_id: str | None
    scope: str

    def kwargs(self) -> dict:
        return dict(article_id=self.article_id, start=self.start, end=self.end, new_place_id=self.new_place_id,
                    scope=self.scope)


def plan(targets: list[Target], new_place_id: str | None, scope: str) -> list[Spec]:
    """The corrections that fix ``targets`` in ``scope``: one per mention, per name in an article, or per
    name in the project (a second one would only repeat the first)."""
    out, seen = [], set()
    for t in targets:
        key = {"mention": (t.article_id, t.start, t.end), "article": (t.article_id, name_key(t.surface)),
               "project": (name_key(t.surface),)}[scope]
        if key not in seen:
            seen.add(key)
            out.append(Spec(t.article_id, t.start, t.end, new_place_id, scope))
    return out


def place_words(p: Place, country_name: str | None = None) -> str:
    where = ", ".join(x for x in (p.admin1 if p.kind not in ("admin1", "country") else None,
                                  (country_name or p.country_code) if p.kind != "country" else None) if x)
    return f"{p.name} ({where})" if where else p.name


# ---------------------------------------------------------------- the dialog

COLUMNS = ("Place", "Kind", "Province", "Country", "Distance", "")


def _distance_text(km: float | None) -> str:
    if km is None:
        return "—"
    return f"{km:,.1f} km" if km < 10 else f"{km:,.0f} km"


class FixDialog(QDialog):
    """Which mention (or all of a place's), in which scope, to which place (or none).

    ``mode``: "move" (candidates and a gazetteer search) or "drop" (not a place). ``exec()``; then
    :attr:`targets`, :attr:`scope` and :attr:`new_place` (None: not a place) say what was chosen.
    """

    def __init__(self, project, targets: list[Target], mode: str = "move", place: Place | None = None,
                 parent=None, all_first: bool = False):
        super().__init__(parent)
        self.project = project
        self.all_targets = targets
        self.mode = mode
        self.place = place
        self.new_place: Place | None = None
        self.new_place_words = ""
        self._chosen: Place | None = None
        self._chosen_words = ""
        self._candidates_for: tuple | None = None
        self._project_places = None
        self._others_cache: dict = {}
        self.searched = ""  # what the search list shows hits for
        name = place.name if place is not None else (targets[0].surface if targets else "")
        new = len(targets) == 1 and targets[0].place_id is None
        self.setWindowTitle(f"Mark “{name}” as a place" if new and mode == "move" else
                            f"Move “{name}” to another place" if mode == "move" else f"“{name}” is not a place")
        self.resize(860, 760 if mode == "move" else 360)
        layout = QVBoxLayout(self)

        # which mention
        box = QGroupBox("Which mention" if len(targets) == 1 else f"Which mention ({len(targets)} listed)")
        bl = QVBoxLayout(box)
        self.mention_list = QListWidget()
        self.mention_list.setWordWrap(True)
        self.mention_list.setAlternatingRowColors(True)
        self.all_item = None
        if len(targets) > 1:
            n_art = len({t.article_id for t in targets})
            self.all_item = QListWidgetItem(f"All {len(targets)} mentions of {name} listed here "
                                            f"(in {n_art} article{'s' if n_art != 1 else ''})")
            f = self.all_item.font()
            f.setBold(True)
            self.all_item.setFont(f)
            self.mention_list.addItem(self.all_item)
        for t in targets:
            item = QListWidgetItem(t.text + ("  [corrected before]" if t.corrected else ""))
            item.setData(Qt.UserRole, t)
            item.setToolTip(f"{t.article_id}, characters {t.start}–{t.end}")
            self.mention_list.addItem(item)
        self.mention_list.setMaximumHeight(120 if len(targets) > 1 else 56)
        bl.addWidget(self.mention_list)
        layout.addWidget(box)

        # the scope
        sbox = QGroupBox("Apply to")
        sl = QVBoxLayout(sbox)
        self.info = QLabel("")
        self.info.setStyleSheet("color: #555")
        self.affected = 1
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        for scope, text in SCOPE_TEXT.items():
            b = QRadioButton(text)
            b.setObjectName(f"scope-{scope}")
            self.scope_group.addButton(b)
            self.scope_buttons[scope] = b
            sl.addWidget(b)
            b.toggled.connect(lambda on: on and self._update_info())
        self.scope_buttons["article"].setChecked(True)
        self.adding = len(targets) == 1 and targets[0].place_id is None  # a name the geoparser read no place in
        if self.adding:  # a new place for one span: this mention only (the store's rule)
            self.scope_buttons["mention"].setChecked(True)
            for scope in ("article", "project"):
                self.scope_buttons[scope].setEnabled(False)
                self.scope_buttons[scope].setToolTip("A name the geoparser did not read is marked one mention at "
                                                     "a time")
        sl.addWidget(self.info)
        layout.addWidget(sbox)

        # the new place
        self.candidate_tree = self._tree()
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search the gazetteer for another place…")
        self.search_box.setClearButtonEnabled(True)
        self.search_tree = self._tree()
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        if mode == "move":
            cbox = QGroupBox("Place it at" if new else "Move it to")
            cl = QVBoxLayout(cbox)
            self.candidates_label = QLabel("Places of this name, nearest to the article's other places first:")
            cl.addWidget(self.candidates_label)
            self.candidate_tree.setMinimumHeight(190)
            self.search_tree.setMinimumHeight(110)
            cl.addWidget(self.candidate_tree, 3)
            cl.addWidget(self.search_box)
            cl.addWidget(self.search_tree, 2)
            layout.addWidget(cbox, 1)
            self.candidate_tree.currentItemChanged.connect(lambda cur, _p: self._picked(cur, self.search_tree))
            self.search_tree.currentItemChanged.connect(lambda cur, _p: self._picked(cur, self.candidate_tree))
            self.candidate_tree.itemDoubleClicked.connect(lambda *_: self._accept_if_chosen())
            self.search_tree.itemDoubleClicked.connect(lambda *_: self._accept_if_chosen())
        else:
            layout.addStretch(1)  # nothing to choose a place from: the boxes keep their own height
        self.choice_label = QLabel("")
        self.choice_label.setWordWrap(True)
        layout.addWidget(self.choice_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.addButton(("Mark as this place" if new else "Move") if mode == "move"
                                                else "Not a place", QDialogButtonBox.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.mention_list.currentItemChanged.connect(lambda *_: self._mention_changed())
        self.mention_list.setCurrentRow(0 if (all_first or self.all_item is None) else 1)

    # -- parts -----------------------------------------------------------------
    def _tree(self) -> QTreeWidget:
        t = QTreeWidget()
        t.setHeaderLabels(list(COLUMNS))
        t.setRootIsDecorated(False)
        t.setAlternatingRowColors(True)
        t.setSelectionMode(QAbstractItemView.SingleSelection)
        t.header().setStretchLastSection(True)
        t.header().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        return t

    @staticmethod
    def _row(place: Place, country_name: str | None, km: float | None, note: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([place.name, KIND_LABELS.get(place.kind, place.kind),
                                place.admin1 if place.kind not in ("admin1", "country") and place.admin1 else "",
                                country_name or place.country_code or "", _distance_text(km), note])
        item.setData(0, Qt.UserRole, place)
        item.setData(1, Qt.UserRole, place_words(place, country_name))
        item.setData(4, Qt.UserRole, km)
        item.setTextAlignment(4, Qt.AlignRight | Qt.AlignVCenter)
        item.setToolTip(0, f"{place.place_id} · {place.lat:.4f}, {place.lon:.4f}"
                           + (f" · population {place.population:,}" if place.population else ""))
        return item

    @property
    def targets(self) -> list[Target]:
        item = self.mention_list.currentItem()
        if item is None or item is self.all_item:
            return list(self.all_targets)
        return [item.data(Qt.UserRole)]

    @property
    def scope(self) -> str:
        return next(s for s, b in self.scope_buttons.items() if b.isChecked())

    def _lead(self) -> Target | None:
        t = self.targets
        return t[0] if t else None

    def _mention_changed(self) -> None:
        self._update_info()
        if self.mode == "move":
            self.fill_candidates()
            if self.search_box.text().strip():
                self.run_search()

    def _update_info(self) -> None:
        from explorer.core.store.corrections import count_affected

        targets, scope = self.targets, self.scope
        specs = plan(targets, None, scope)
        try:
            n = sum(count_affected(self.project, **{k: v for k, v in s.kwargs().items() if k != "new_place_id"})
                    for s in specs)
        except Exception:  # noqa: BLE001 - only a hint
            n = len(specs)
        self.affected = n
        words = "article" if n == 1 else "articles"
        self.info.setText(f"{n} {words} will be analysed again"
                          + (" (in the background)" if n > BIG else "") + ".")

    def fill_candidates(self) -> None:
        from explorer.core.store.corrections import candidates

        t = self._lead()
        if t is None or self._candidates_for == (t.article_id, t.start, t.end):
            return
        self._candidates_for = (t.article_id, t.start, t.end)
        self.candidate_tree.clear()
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            found = candidates(self.project, t.article_id, t.start, t.end, limit=20)
        except ValueError as exc:
            found = []
            self.candidates_label.setText(f"No other readings: {exc}")
        finally:
            QGuiApplication.restoreOverrideCursor()
        for c in found:
            notes = [w for w, on in (("now", c.current), ("geoparser's reading", c.parsed and not c.current),
                                     ("in this project", c.in_project and not c.current)) if on]
            item = self._row(c.place, c.country_name, c.distance_km, ", ".join(notes))
            if c.current:
                for col in range(len(COLUMNS)):
                    item.setForeground(col, Qt.gray)
            self.candidate_tree.addTopLevelItem(item)
        if not found and self.adding:
            self.candidates_label.setText("The gazetteer has no place of this name: search for its place below.")
        for col in range(1, len(COLUMNS)):
            self.candidate_tree.resizeColumnToContents(col)
        first = next((self.candidate_tree.topLevelItem(i) for i in range(self.candidate_tree.topLevelItemCount())
                      if self.candidate_tree.topLevelItem(i).data(0, Qt.UserRole).place_id != t.place_id), None)
        if first is not None:
            self.candidate_tree.setCurrentItem(first)
        self._refresh_choice()

    def _others(self, t: Target) -> list[Place]:
        """The article's other places (the distances of search hits are to the nearest of them)."""
        key = (t.article_id, name_key(t.surface))
        if key not in self._others_cache:
            self._others_cache[key] = [
                Place(r[1], "", "", r[2], r[3]) for r in self.project.conn.execute(
                    "SELECT m.surface, m.place_id, p.lat, p.lon FROM mentions m JOIN places p ON "
                    "p.place_id = m.place_id WHERE m.article_id = ?", (t.article_id,))
                if name_key(r[0] or "") != key[1]]
        return self._others_cache[key]

    def run_search(self) -> None:
        from explorer.core.events.merge import distance_km
        from explorer.core.places.search import project_place_ids, search_places

        query = self.search_box.text().strip()
        self.searched = query
        self.search_tree.clear()
        if not query:
            self._refresh_choice()
            return
        if self._project_places is None:
            self._project_places = project_place_ids(self.project)
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            hits = search_places(query, limit=30, project_places=self._project_places)
        finally:
            QGuiApplication.restoreOverrideCursor()
        t = self._lead()
        others = self._others(t) if t is not None else []
        for h in hits:
            km = min((distance_km(h.place, o) for o in others), default=None)
            self.search_tree.addTopLevelItem(self._row(h.place, h.country_name, km,
                                                       "in this project" if h.in_project else ""))
        if not hits:
            self.search_tree.addTopLevelItem(QTreeWidgetItem([f"No place named “{query}…”"]))
        for col in range(1, len(COLUMNS)):
            self.search_tree.resizeColumnToContents(col)
        self._refresh_choice()

    def _picked(self, item: QTreeWidgetItem | None, other: QTreeWidget) -> None:
        if item is not None and item.data(0, Qt.UserRole) is not None:
            other.blockSignals(True)
            other.setCurrentItem(None)
            other.clearSelection()
            other.blockSignals(False)
            self._chosen = item.data(0, Qt.UserRole)
            self._chosen_words = item.data(1, Qt.UserRole)
        self._refresh_choice()

    def _refresh_choice(self) -> None:
        if self.mode != "move":
            self.choice_label.setText("The mention will have no pin: it is not taken as a place.")
            self.ok_button.setEnabled(True)
            return
        c = self._chosen
        same = c is not None and len(self.targets) == 1 and c.place_id == self.targets[0].place_id
        self.ok_button.setEnabled(c is not None and not same)
        if c is None:
            self.choice_label.setText("Choose a place in either list.")
        elif same:
            self.choice_label.setText(f"{self._chosen_words} is where it is now: choose another place.")
        else:
            self.choice_label.setText(f"Move to <b>{self._chosen_words}</b>")

    def _accept_if_chosen(self) -> None:
        if self.ok_button.isEnabled():
            self.accept()

    def chosen_place(self) -> Place | None:
        return self._chosen

    def accept(self) -> None:  # noqa: D401
        if self.mode == "move":
            if self._chosen is None:
                return
            self.new_place, self.new_place_words = self._chosen, self._chosen_words
        super().accept()


# ---------------------------------------------------------------- undo / redo

_serial = itertools.count(1)


class CorrectionCommand(QUndoCommand):
    """One fix the user made (one or more corrections, made and undone together)."""

    def __init__(self, controller: Corrections, specs: list[Spec], text: str, big: bool):
        super().__init__(text)
        self.controller = controller
        self.specs = specs
        self.big = big
        self.ids: list[int] = []
        self.made = False  # add_correction has been asked for
        self.skip = 0  # the next undo()/redo() only puts the stack back in step with the project
        self.serial = next(_serial)

    def redo(self) -> None:
        if self.skip:
            self.skip -= 1
            return
        op = "restore" if self.made else "add"
        self.made = True
        self.controller.submit(self, op)

    def undo(self) -> None:
        if self.skip:
            self.skip -= 1
            return
        self.controller.submit(self, "revoke")


class Corrections(QObject):
    """The window's corrections: the Edit menu's Undo / Redo and Corrections…, the pin's fix actions, the
    panel's Fix link, and the queue that makes, undoes and redoes corrections in the project."""

    changed = Signal()  # a correction was made, undone or redone (or failed): the list reads again

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.stack = QUndoStack(self)
        self.undo_action = self.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for a in (self.undo_action, self.redo_action):
            a.setShortcutContext(Qt.WindowShortcut)
            window.addAction(a)
        self.menu = QMenu("&Edit", window)
        self.menu.addAction(self.undo_action)
        self.menu.addAction(self.redo_action)
        self.menu.addSeparator()
        self.list_action = self.menu.addAction("&Corrections…", self.show_list)
        self.list_action.setStatusTip("The project's corrections: withdraw one, or apply a withdrawn one again")
        self.list_dialog = None
        before = getattr(window, "view_menu", None)
        if before is not None:
            window.menuBar().insertMenu(before.menuAction(), self.menu)
        else:
            window.menuBar().addMenu(self.menu)
        self._queue: deque = deque()
        self._running: tuple | None = None  # (command, op) in the worker thread
        self._in_push = False
        self._poll = QTimer(self, interval=300)
        self._poll.timeout.connect(self._pump)
        self._message: str | None = None
        self._select: str | None = None
        self.last_dialog: FixDialog | None = None
        self.last_results: list = []
        window.map.mapReady.connect(self._on_map_ready)

    # -- the ways in -----------------------------------------------------------
    def add_fix_actions(self, menu: QMenu, place_id: str) -> None:
        """The pin menu's fix actions for the mentions of ``place_id``."""
        found = views.place(self.w.project.conn, place_id) if self.w.project is not None else None
        if found is None:
            return
        place, counts = found
        n = counts["mentions"]
        about = f"{n} mention{'s' if n != 1 else ''} of {place.name}"
        a = menu.addAction("Move to another place…", lambda: self.fix_place(place_id, "move"))
        a.setStatusTip(f"Choose the right place for {about} (this mention, its article or the project)")
        a.setToolTip(a.statusTip())
        b = menu.addAction("Not a place…", lambda: self.fix_place(place_id, "drop"))
        b.setStatusTip(f"Take {about} as no place at all")
        b.setToolTip(b.statusTip())
        if self.w.project.readonly:
            a.setEnabled(False)
            b.setEnabled(False)

    def fix_place(self, place_id: str, mode: str = "move") -> FixDialog | None:
        """The dialog for the mentions of a place (a pin)."""
        if self.w.project is None or self.w._busy():
            return None
        found = views.place(self.w.project.conn, place_id)
        if found is None:
            return None
        targets = targets_of_place(self.w.project.conn, place_id)
        if not targets:
            return None
        return self.open_dialog(targets, mode, found[0])

    def fix_mention(self, article_id: str, start: int, end: int, mode: str = "move") -> FixDialog | None:
        """The dialog for one mention (the side panel's "Fix…" link)."""
        if self.w.project is None or self.w._busy():
            return None
        t = target_of_mention(self.w.project.conn, article_id, start, end)
        if t is None:
            self.w.statusBar().showMessage("That mention is no longer in the project.", 8000)
            return None
        place = views.place(self.w.project.conn, t.place_id)[0] if t.place_id else None
        return self.open_dialog([t], mode, place)

    def fix_in_article(self, article_id: str, start: int, end: int, mode: str = "move") -> FixDialog | None:
        """A mention right-clicked in its article's window: the dialog for that mention, in ``mode``
        ("move" or "drop")."""
        if self.w.project is not None and self.w.project.readonly:
            self.w.statusBar().showMessage("This project is open read-only: it cannot be corrected.", 8000)
            return None
        return self.fix_mention(article_id, start, end, mode)

    def mark_span(self, article_id: str, start: int, end: int) -> FixDialog | None:
        """A name selected in an article: its mention's dialog, or, where the geoparser read no place, the
        dialog that gives it one (this mention only)."""
        if self.w.project is None or self.w._busy():
            return None
        if self.w.project.readonly:
            self.w.statusBar().showMessage("This project is open read-only: it cannot be corrected.", 8000)
            return None
        t = target_of_mention(self.w.project.conn, article_id, start, end)
        if t is not None:
            place = views.place(self.w.project.conn, t.place_id)[0] if t.place_id else None
            return self.open_dialog([t], "move", place)
        t = target_of_span(self.w.project.conn, article_id, start, end)
        if t is None:
            self.w.statusBar().showMessage("That article is no longer in the project.", 8000)
            return None
        return self.open_dialog([t], "move", None)

    def open_dialog(self, targets: list[Target], mode: str, place: Place | None) -> FixDialog:
        dlg = FixDialog(self.w.project, targets, mode, place, self.w)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._dialog_done(dlg))
        self.last_dialog = dlg
        dlg.open()
        return dlg

    def _dialog_done(self, dlg: FixDialog) -> None:
        targets, scope = dlg.targets, dlg.scope
        new = dlg.new_place if dlg.mode == "move" else None
        surface = targets[0].surface if targets else "?"
        text = (f"mark “{surface}” as {dlg.new_place_words}" if new is not None and dlg.adding else
                f"move “{surface}” to {dlg.new_place_words}" if new is not None else f"“{surface}”: not a place")
        self.apply(targets, new.place_id if new is not None else None, scope, text, dlg.affected)

    def apply(self, targets: list[Target], new_place_id: str | None, scope: str, text: str,
              affected: int | None = None) -> CorrectionCommand | None:
        """Fix ``targets``: one undoable command (asks first when it analyses many articles)."""
        if self.w.project is None or self.w._busy():
            return None
        specs = plan(targets, new_place_id, scope)
        if not specs:
            return None
        if affected is None:
            from explorer.core.store.corrections import count_affected

            affected = sum(count_affected(self.w.project, **{k: v for k, v in s.kwargs().items()
                                                             if k != "new_place_id"}) for s in specs)
        big = affected > BIG
        if big and not self.confirm_big(affected, text):
            return None
        cmd = CorrectionCommand(self, specs, text, big)
        self.push(cmd)
        return cmd

    def push(self, cmd: CorrectionCommand) -> None:
        """Put ``cmd`` on the undo stack (which runs it)."""
        self._in_push = True
        try:
            self.stack.push(cmd)
        finally:
            self._in_push = False

    def show_list(self):
        """Edit → Corrections…: the project's corrections (explorer.gui.corrections_list)."""
        if self.w.project is None:
            return None
        from explorer.gui.corrections_list import CorrectionsDialog

        if self.list_dialog is None:
            self.list_dialog = CorrectionsDialog(self, self.w)
            self.list_dialog.finished.connect(self._list_closed)
        else:
            self.list_dialog.refresh()
        self.list_dialog.show()
        self.list_dialog.raise_()
        return self.list_dialog

    def _list_closed(self) -> None:
        dlg, self.list_dialog = self.list_dialog, None
        if dlg is not None:
            dlg.deleteLater()

    def confirm_big(self, n: int, text: str) -> bool:
        answer = QMessageBox.question(
            self.w, "A big correction",
            f"To {text}, {n:,} articles will be analysed again (about {max(1, round(n * 0.006))} s).\n\n"
            "It runs in the background: you can keep reading the map, and cancel it. Go on?",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        return answer == QMessageBox.Yes

    def clear(self) -> None:
        """Another project: its history is not this one's."""
        self._queue.clear()
        self._poll.stop()
        self.stack.clear()
        self.changed.emit()

    @property
    def busy(self) -> bool:
        return self._running is not None or bool(self._queue)

    # -- the queue -------------------------------------------------------------
    def submit(self, cmd: CorrectionCommand, op: str) -> None:
        self._queue.append((cmd, op))
        self._pump()

    def _pump(self) -> None:
        if self._running is not None or not self._queue:
            self._poll.stop()
            return
        if self.w._busy_quiet() or self.w.project is None:  # an import or an open: after it
            self._poll.start()
            return
        self._poll.stop()
        cmd, op = self._queue.popleft()
        if cmd.big:
            self._start_worker(cmd, op)
        else:
            self._run_here(cmd, op)

    @staticmethod
    def _work(cmd: CorrectionCommand, op: str, project, progress=None):
        """Make, revoke or restore ``cmd``'s corrections in ``project``: (op, ids made, results, errors)."""
        from explorer.core.store import corrections as C
        from explorer.core.store.ingest import Cancelled

        made, results, errors = [], [], []
        try:
            if op == "add":
                for spec in cmd.specs:
                    try:
                        r = C.add_correction(project, progress=progress, **spec.kwargs())
                    except C.CorrectionError as exc:
                        errors.append(str(exc))
                        continue
                    made.append(r.correction.id)
                    results.append(r)
            elif op == "revoke":
                for cid in reversed(cmd.ids):
                    results.append(C.revoke_correction(project, cid, progress=progress))
            else:
                for cid in cmd.ids:
                    results.append(C.restore_correction(project, cid, progress=progress))
        except Cancelled as exc:
            exc.partial = (op, made, results, errors)
            raise
        return op, made, results, errors

    def _run_here(self, cmd: CorrectionCommand, op: str) -> None:
        from explorer.gui.worker import describe_error

        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            outcome = self._work(cmd, op, self.w.project)
        except Exception as exc:  # noqa: BLE001 - shown in words, logged in full
            from explorer import applog

            applog.log.exception("a correction failed")
            QGuiApplication.restoreOverrideCursor()
            self._failed(cmd, op, describe_error(exc))
            return
        QGuiApplication.restoreOverrideCursor()
        self._done(cmd, op, outcome)

    def _start_worker(self, cmd: CorrectionCommand, op: str) -> None:
        from explorer.core.store.ingest import Cancelled

        path = self.w.project_path
        work = self._work

        def task(progress, should_stop):
            from explorer.core.store.project import Project

            def step(done, total):
                if should_stop():
                    raise Cancelled()
                progress(done, total, "")

            with Project(path, create=False) as project:  # a connection of its own: the UI reads on
                return work(cmd, op, project, step)

        self._running = (cmd, op)
        verb = {"add": "Correcting", "revoke": "Undoing", "restore": "Redoing"}[op]
        self._verb = verb
        self.w._run(task, self._worker_done, f"{verb}: {cmd.text()}…", on_fail=self._worker_failed)
        worker = self.w.worker
        worker.progress.disconnect(self.w._on_progress)
        worker.progress.connect(self._on_progress)
        worker.cancelled.connect(self._worker_cancelled)

    def _on_progress(self, done: int, total: int, _name: str) -> None:
        self.w.progress.setRange(0, max(total, 1))
        self.w.progress.setValue(done)
        self.w.statusBar().showMessage(f"{self._verb}: analysing article {done + 1:,} of {total:,} again…")

    def _worker_done(self, outcome) -> None:
        cmd, op = self._running
        self._running = None
        self.w._finish_work()
        self._done(cmd, op, outcome)

    def _worker_failed(self, message: str) -> None:
        cmd, op = self._running
        self._running = None
        self._failed(cmd, op, message)

    def _worker_cancelled(self, partial) -> None:
        cmd, op = self._running
        self._running = None
        if partial and op == "add" and partial[1]:
            self._done(cmd, op, partial)  # what was made before the stop stays made (and undoable)
            self.w.statusBar().showMessage("Stopped: the corrections made before the stop are kept.", 10000)
            return
        self._out_of_step(cmd, op)
        self.w.statusBar().showMessage("Stopped: nothing was changed.", 10000)

    # -- outcomes --------------------------------------------------------------
    def _done(self, cmd: CorrectionCommand, op: str, outcome) -> None:
        _op, made, results, errors = outcome
        if op == "add":
            cmd.ids = made
            if not made:
                self._out_of_step(cmd, op)
        self.last_results = results
        if results:
            if op != "revoke" and self.w.untitled:
                self.w.unsaved_work = True
            self._refresh(cmd, op, results)
        if errors:
            self.w.show_error("Fix a pin", "Not corrected:\n\n" + "\n".join(errors))
        self.changed.emit()
        self._pump()

    def _failed(self, cmd: CorrectionCommand, op: str, message: str) -> None:
        self._out_of_step(cmd, op)
        self.w.show_error("Fix a pin", f"The correction could not be {'made' if op != 'revoke' else 'undone'}; "
                                       f"nothing was changed.\n\n{message}")
        if self.w.project_path:
            self.w._store_state()
            self.w._load_project(self.w.project_path)
        self.changed.emit()
        self._pump()

    def _out_of_step(self, cmd: CorrectionCommand, op: str) -> None:
        """``op`` of ``cmd`` did not happen: put the stack back where the project is."""
        if self._queue:  # later steps assumed this one: start the history afresh rather than guess
            self.clear()
            return
        idx = self.stack.index()
        if op == "add":
            if self._in_push:
                cmd.setObsolete(True)  # never enters the stack
            elif idx > 0 and getattr(self.stack.command(idx - 1), "serial", None) == cmd.serial:
                cmd.setObsolete(True)
                self.stack.undo()  # an obsolete command is dropped, not undone
            else:
                self.clear()
        elif op == "revoke" and getattr(self.stack.command(idx), "serial", None) == cmd.serial:
            cmd.skip += 1
            self.stack.redo()
        elif op == "restore" and idx > 0 and getattr(self.stack.command(idx - 1), "serial", None) == cmd.serial:
            cmd.skip += 1
            self.stack.undo()
        else:
            self.clear()

    def _refresh(self, cmd: CorrectionCommand, op: str, results: list) -> None:
        """The map, the filters' choices, the timeline and the panel read the project again."""
        w = self.w
        shown = w.panel.place_id
        moved_to = results[0].correction.new_place if results else None
        w._store_state()
        w._load_project(w.project_path)
        # the panel: the place it showed if it is still there, else where the mention went
        conn = w.project.conn
        if shown and views.place(conn, shown):
            w.show_place(shown)
        elif op != "revoke" and moved_to is not None and views.place(conn, moved_to.place_id):
            w.show_place(moved_to.place_id)
            self._select = moved_to.place_id
        elif op == "revoke" and results and results[0].correction.old_place is not None and \
                views.place(conn, results[0].correction.old_place.place_id):
            w.show_place(results[0].correction.old_place.place_id)
        label = results[0].correction.label
        more = f" (and {len(results) - 1} more)" if len(results) > 1 else ""
        n = sum(r.reanalysed for r in results)
        word = getattr(cmd, "words", None) or {"add": "Corrected", "revoke": "Undone", "restore": "Redone"}
        word = word[op]
        self._message = f"{word}: {label}{more} · {n} article{'s' if n != 1 else ''} analysed again"
        w.statusBar().showMessage(self._message, 15000)

    def _on_map_ready(self) -> None:
        """After the window's own handler (which writes the counts): say what the correction did."""
        if self._message:
            self.w.statusBar().showMessage(self._message, 15000)
            self._message = None
        if self._select:
            self.w.map.select_place(self._select)
            self._select = None
