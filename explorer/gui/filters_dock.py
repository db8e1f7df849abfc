"""The Filters panel: what kinds of event, which fine types, actors, countries and outlets to show.

Every list shows and sets the window's :class:`~explorer.core.viewstate.ViewState`
and nothing else: a tick changes the state, and the state (changed from
here, from the legend, from a saved project) re-ticks the lists. The kinds
of event (ACLED's categories) are ticked when shown, like the legend's
rows; the other lists keep only what is ticked (none ticked: all).
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygon
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolBox,
    QVBoxLayout,
    QWidget,
)

from explorer.core.events.taxonomy import ACLED_TYPES
from explorer.core.places.countries import country_name
from explorer.core.store import views
from explorer.core.viewstate import NO_EVENT, ViewState
from explorer.mapdoc.document import ACLED_COLOURS

# state field -> (section title, how its values read)
KEEP_LISTS = {
    "types": "Event types",
    "actors": "Actors",
    "countries": "Countries",
    "outlets": "Outlets",
}


def _swatch(colour: str, diamond: bool = True) -> QIcon:
    pm = QPixmap(14, 14)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor("#333"))
    if diamond:
        p.drawPolygon(QPolygon([QPoint(7, 1), QPoint(13, 7), QPoint(7, 13), QPoint(1, 7)]))
    else:
        p.drawEllipse(2, 2, 10, 10)
    p.end()
    return QIcon(pm)


def type_label(t: str) -> str:
    return t.replace("_", " ")


class CheckList(QWidget):
    """A list of ticks with counts, and a field that narrows the list when it is long."""

    def __init__(self, hint: str, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555")
        self.find = QLineEdit()
        self.find.setPlaceholderText("Find in the list…")
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._narrow)
        self.list = QListWidget()
        self.list.setIconSize(QSize(14, 14))
        self.list.setUniformItemSizes(True)
        lay.addWidget(self.hint)
        lay.addWidget(self.find)
        lay.addWidget(self.list, 1)

    def _narrow(self, text: str) -> None:
        t = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(t) and t not in item.text().lower())

    def fill(self, rows, ticked: set[str], icon=None) -> None:
        """``rows``: (value, label, count); ``ticked``: the values to tick."""
        self.list.blockSignals(True)
        self.list.clear()
        for value, label, n in rows:
            item = QListWidgetItem(f"{label}  ({n})")
            item.setData(Qt.UserRole, value)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            item.setCheckState(Qt.Checked if value in ticked else Qt.Unchecked)
            if icon is not None:
                item.setIcon(icon(value))
            item.setToolTip(f"{label}: {n} event(s)")
            self.list.addItem(item)
        self.find.setVisible(self.list.count() > 12)
        self._narrow(self.find.text())
        self.list.blockSignals(False)

    def tick(self, ticked: set[str]) -> None:
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in ticked else Qt.Unchecked)
        self.list.blockSignals(False)

    def ticked(self) -> set[str]:
        return {self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.Checked}

    def values(self) -> set[str]:
        return {self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())}


class FiltersDock(QDockWidget):
    def __init__(self, state: ViewState, parent=None):
        super().__init__("Filters", parent)
        self.setObjectName("filters-dock")
        self.state = state
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.toolbox = QToolBox()
        self.kinds = CheckList("Kinds of event shown on the map (as the legend's rows).")
        self.kinds.list.itemChanged.connect(self._kinds_ticked)
        self.toolbox.addItem(self.kinds, "Kinds of event")
        self.lists: dict[str, CheckList] = {}
        for name, title in KEEP_LISTS.items():
            cl = CheckList("Tick to show only these; none ticked shows all.")
            cl.list.itemChanged.connect(lambda _item, n=name: self._keep_ticked(n))
            self.toolbox.addItem(cl, title)
            self.lists[name] = cl
        lay.addWidget(self.toolbox, 1)
        self.reset_button = QPushButton("Show everything")
        self.reset_button.setToolTip("Clear every filter: kinds, types, actors, countries, outlets, dates and area")
        self.reset_button.clicked.connect(self.state.reset)
        lay.addWidget(self.reset_button)
        self.setWidget(box)
        self.setMinimumWidth(220)
        state.subscribe(self._on_state)

    def refresh(self, conn) -> None:
        """Read what the open project offers (with counts), and tick it as the state says."""
        ch = views.choices(conn)
        f = self.state.filters
        acled = dict(ch["acled"])
        places_without = conn.execute("SELECT count(*) FROM places WHERE events = 0").fetchone()[0]
        rows = [(t, t, acled[t]) for t in ACLED_TYPES if t in acled]
        rows += [(t, t, n) for t, n in ch["acled"] if t not in ACLED_TYPES]
        if places_without:
            rows.append((NO_EVENT, "Places named, no event", places_without))
        rows += [(h, h, 0) for h in sorted(f.hidden) if h not in {r[0] for r in rows}]  # hidden, now absent
        self.kinds.fill(rows, {r[0] for r in rows} - set(f.hidden),
                        icon=lambda v: _swatch(ACLED_COLOURS.get(v, "#999"), diamond=v != NO_EVENT))
        labels = {"types": type_label, "countries": lambda c: f"{country_name(c)} ({c})",
                  "actors": str, "outlets": str}
        for name, cl in self.lists.items():
            chosen = set(getattr(f, name))
            rows = [(v, labels[name](v), n) for v, n in ch[name]]
            rows += [(v, labels[name](v), 0) for v in sorted(chosen - {r[0] for r in rows})]
            cl.fill(rows, chosen)
        self._show_summary()

    def _kinds_ticked(self, _item) -> None:
        shown = self.kinds.ticked()
        self.state.update(hidden=frozenset(self.kinds.values() - shown))

    def _keep_ticked(self, name: str) -> None:
        self.state.update(**{name: frozenset(self.lists[name].ticked())})

    def _on_state(self, state: ViewState, changed: set[str]) -> None:
        f = state.filters
        if "hidden" in changed:
            self.kinds.tick(self.kinds.values() - set(f.hidden))
        for name, cl in self.lists.items():
            if name in changed:
                cl.tick(set(getattr(f, name)))
        self._show_summary()

    def _show_summary(self) -> None:
        f = self.state.filters
        parts = []
        if f.hidden:
            parts.append(f"{len(f.hidden)} kind(s) hidden")
        for name, title in KEEP_LISTS.items():
            v = getattr(f, name)
            if v:
                parts.append(f"{title.lower()}: {len(v)} ticked")
        if f.date_from or f.date_to:  # set on the timeline; said here so this line never claims "no filter"
            dates = f"dates {f.date_from or '…'} to {f.date_to or '…'}"
            parts.append(dates + ("" if f.include_undated else ", undated left out"))
        if f.area is not None:
            parts.append(f.area.label or "an area")
        self.summary.setText("Filtering: " + "; ".join(parts) if parts else "No filter: everything is shown.")
        for i, name in enumerate(KEEP_LISTS, start=1):
            n = len(getattr(f, name))
            self.toolbox.setItemText(i, KEEP_LISTS[name] + (f" ({n} ticked)" if n else ""))
        self.toolbox.setItemText(0, "Kinds of event" + (f" ({len(f.hidden)} hidden)" if f.hidden else ""))
