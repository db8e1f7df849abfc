"""Edit → Corrections…: the project's corrections, kept across sessions, listed newest first; withdraw one
(its pins go back to what the geoparser read) or apply a withdrawn one again, undoably.

The list reads ``explorer.core.store.corrections.corrections``; withdrawing and applying again go through
the window's correction queue (:class:`explorer.gui.corrections_ui.Corrections`) as one undoable step each,
so they share its background work, its "ask before a big one" and Edit → Undo / Redo.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from explorer.gui.corrections_ui import BIG, CorrectionCommand

COLUMNS = ("Correction", "State", "Mentions", "Articles", "Not applied")


class ToggleCommand(CorrectionCommand):
    """Withdraw a stored correction (or apply a withdrawn one again) as one undoable step."""

    words = {"revoke": "Withdrawn", "restore": "Applied again"}  # for the status bar

    def __init__(self, controller, correction, withdraw: bool):
        what = f"“{correction.surface}” ({correction.scope_words})"
        super().__init__(controller, [], f"{'withdraw' if withdraw else 'apply again'} the correction of {what}",
                         big=correction.articles > BIG)
        self.ids = [correction.id]
        self.made = True
        self.withdraw = withdraw

    def redo(self) -> None:
        if self.skip:
            self.skip -= 1
            return
        self.controller.submit(self, "revoke" if self.withdraw else "restore")

    def undo(self) -> None:
        if self.skip:
            self.skip -= 1
            return
        self.controller.submit(self, "restore" if self.withdraw else "revoke")


class CorrectionsDialog(QDialog):
    """The project's corrections (see the module's docstring)."""

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Corrections")
        self.resize(900, 420)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemDoubleClicked.connect(lambda item, _col: self.show_place(item))
        self.withdraw_button = QPushButton("&Withdraw")
        self.withdraw_button.setToolTip("Give the mentions it decides back to what the geoparser read (Ctrl+Z undoes)")
        self.withdraw_button.clicked.connect(lambda: self.toggle(True))
        self.apply_button = QPushButton("&Apply again")
        self.apply_button.setToolTip("Apply this withdrawn correction again")
        self.apply_button.clicked.connect(lambda: self.toggle(False))
        self.show_button = QPushButton("&Show on the map")
        self.show_button.clicked.connect(lambda: self.show_place(self.tree.currentItem()))
        buttons = QHBoxLayout()
        for b in (self.withdraw_button, self.apply_button, self.show_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        controller.changed.connect(self.refresh)
        self.refresh()

    def corrections(self) -> list:
        from explorer.core.store.corrections import corrections

        project = self.controller.w.project
        return corrections(project) if project is not None else []

    def refresh(self) -> None:
        """Read the project's corrections again (after a correction, an undo or a redo)."""
        current = self.tree.currentItem()
        keep = current.data(0, Qt.UserRole).id if current is not None else None
        self.tree.clear()
        items = []
        for c in self.corrections():
            item = QTreeWidgetItem([c.label.removesuffix(" (withdrawn)"), "in force" if c.active else "withdrawn",
                                    str(c.mentions), str(c.articles), str(c.stale) if c.stale else ""])
            item.setData(0, Qt.UserRole, c)
            item.setToolTip(0, c.label)
            for col in (2, 3, 4):
                item.setTextAlignment(col, Qt.AlignRight | Qt.AlignVCenter)
            items.append(item)
        self.tree.addTopLevelItems(items)
        n = len(items)
        active = sum(1 for i in items if i.data(0, Qt.UserRole).active)
        self.info.setText(
            f"{n} correction{'s' if n != 1 else ''} in this project, {active} in force (newest first). "
            "Withdrawing one gives its mentions back to what the geoparser read; the history keeps it."
            if n else "No corrections in this project yet: right-click a pin, or use “Fix…” in the side panel.")
        for item in items:
            if item.data(0, Qt.UserRole).id == keep:
                self.tree.setCurrentItem(item)
                break
        else:
            if items:
                self.tree.setCurrentItem(items[0])
        self._update_buttons()

    def _selected(self):
        item = self.tree.currentItem()
        return item.data(0, Qt.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        c = self._selected()
        project = self.controller.w.project
        writable = project is not None and not project.readonly and not self.controller.busy
        self.withdraw_button.setEnabled(bool(c and c.active and writable))
        self.apply_button.setEnabled(bool(c and not c.active and writable))
        self.show_button.setEnabled(c is not None)

    def toggle(self, withdraw: bool) -> ToggleCommand | None:
        """Withdraw the selected correction, or apply it again: one step on the Edit menu's undo stack."""
        c = self._selected()
        if c is None or c.active != withdraw or self.controller.w._busy():
            return None
        cmd = ToggleCommand(self.controller, c, withdraw)
        if cmd.big and not self.controller.confirm_big(c.articles, cmd.text()):
            return None
        self.controller.push(cmd)
        self._update_buttons()
        return cmd

    def show_place(self, item) -> None:
        """The map shows where the correction put the name (or, withdrawn or "not a place", where it was)."""
        if item is None:
            return
        c = item.data(0, Qt.UserRole)
        from explorer.core.store import views

        w = self.controller.w
        for p in ((c.new_place, c.old_place) if c.active else (c.old_place, c.new_place)):
            if p is not None and views.place(w.project.conn, p.place_id):
                w.show_place(p.place_id)
                w.map.select_place(p.place_id)
                return
        w.statusBar().showMessage("No pin of this correction's places is on the map now.", 8000)
