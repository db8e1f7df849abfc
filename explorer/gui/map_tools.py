"""The map's tools and menus: cursor coordinates, measuring, areas (a box, a circle, a province), and the
right-click menus of the map and of a pin.

The page draws and reports (static/geo_tools.js); this decides, and only
through the window's :class:`~explorer.core.viewstate.ViewState`: an area
chosen here becomes ``state.filters.area``, which the pins, the counts, the
timeline and the exports follow.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLabel, QMenu, QToolBar

from explorer.core.places import areas
from explorer.core.store import views
from explorer.core.viewstate import Area, MapView as SavedView

TOOLS = (("measure", "Measure", "M", "Measure a distance: click points on the map, double-click or Esc to end"),
         ("box", "Box", "B", "Draw a box: only what lies inside it is shown (and exported)"),
         ("province", "Province", "P", "Click a province: only what lies inside it is shown (and exported)"))
DEFAULT_KM = 50.0


def coords_text(lat: float, lon: float) -> str:
    return f"{abs(lat):.4f}° {'N' if lat >= 0 else 'S'}, {abs(lon):.4f}° {'E' if lon >= 0 else 'W'}"


class MapTools(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.cursor_label = QLabel("")
        self.cursor_label.setMinimumWidth(190)
        self.cursor_label.setToolTip("The pointer's position on the map (WGS84)")
        window.statusBar().addPermanentWidget(self.cursor_label)
        self.last_km = DEFAULT_KM
        self.measured_km: float | None = None
        self.bar = QToolBar("Map tools")
        self.bar.setObjectName("map-tools")
        self.group = QActionGroup(self)
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.actions: dict[str, QAction] = {}
        for name, text, key, tip in TOOLS:
            a = QAction(text, self)
            a.setCheckable(True)
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.WindowShortcut)
            a.setToolTip(f"{tip} ({key})")
            a.setStatusTip(tip)
            a.toggled.connect(lambda on, n=name: self._tool_toggled(n, on))
            self.group.addAction(a)
            self.bar.addAction(a)
            self.actions[name] = a
        self.clear_area_action = QAction("Clear area", self)
        self.clear_area_action.setToolTip("Show the whole map again (drop the box, circle or province)")
        self.clear_area_action.triggered.connect(self.clear_area)
        self.clear_area_action.setEnabled(False)
        self.bar.addAction(self.clear_area_action)
        self.area_label = QLabel("")
        self.area_label.setStyleSheet("color: #1d4ed8")
        self.bar.addWidget(self.area_label)
        window.addToolBar(self.bar)

    # -- tools ---------------------------------------------------------------
    def _tool_toggled(self, name: str, on: bool) -> None:
        if on:
            self.w.map.set_tool(name)
            self.w.statusBar().showMessage(dict((n, t) for n, _, _, t in TOOLS)[name] + "; Esc to stop.", 8000)
        elif not any(a.isChecked() for a in self.actions.values()):
            self.w.map.set_tool(None)

    def tool_done(self, name: str) -> None:
        a = self.actions.get(name)
        if a is not None and a.isChecked():
            a.blockSignals(True)
            a.setChecked(False)
            a.blockSignals(False)

    def active_tool(self) -> str | None:
        return next((n for n, a in self.actions.items() if a.isChecked()), None)

    # -- the page's messages ---------------------------------------------------
    def handle(self, msg: dict) -> bool:
        """Act on a page message; True when it was one of the tools'."""
        kind = msg["type"]
        if kind == "cursor":
            self.cursor_label.setText(coords_text(msg["lat"], msg["lon"]))
        elif kind == "measure":
            self.measured_km = msg["km"]
            self.w.statusBar().showMessage(f"Distance: {msg['km']:,.2f} km (great circle)", 0)
        elif kind == "area":
            self.set_area(Area.box(msg["west"], msg["south"], msg["east"], msg["north"]))
        elif kind == "pick":
            self.province_at(msg["lat"], msg["lon"])
        elif kind == "toolDone":
            self.tool_done(msg["tool"])
        elif kind == "view":
            self.w.state.set_view(SavedView(msg["lat"], msg["lon"], msg["zoom"]))
        elif kind == "mapMenu":
            self.map_menu(msg["lat"], msg["lon"], QPoint(msg["x"], msg["y"]))
        elif kind == "pinMenu":
            self.pin_menu(msg["place"], QPoint(msg["x"], msg["y"]))
        else:
            return False
        return True

    # -- areas -----------------------------------------------------------------
    def set_area(self, area: Area | None) -> None:
        self.w.state.update(area=area)

    def area_changed(self) -> None:
        """The state's area changed: outline it on the map, say it in the status bar."""
        area = self.w.state.filters.area
        self.clear_area_action.setEnabled(area is not None)
        self.w.map.show_area(areas.outline(area) if area is not None else None)
        self.area_label.setText(f"  Only {area.label}  " if area is not None else "")

    def clear_measure(self) -> None:
        self.measured_km = None
        self.w.map.run_js("window.geoExplorer && window.geoExplorer.tools && window.geoExplorer.tools.clearMeasure()")

    def clear_area(self) -> None:
        self.set_area(None)

    def province_at(self, lat: float, lon: float) -> None:
        p = areas.province_at(lat, lon)
        if p is None:
            self.w.statusBar().showMessage(f"No province at {coords_text(lat, lon)} (at sea?).", 8000)
            return
        self.set_area(areas.province_area(p))

    def within(self, lat: float, lon: float, name: str = "") -> None:
        km, ok = QInputDialog.getDouble(self.w, "Events within a distance",
                                        f"Show only what lies within this many kilometres of "
                                        f"{name or coords_text(lat, lon)}:", self.last_km, 0.1, 20000.0, 1)
        if ok:
            self.last_km = km
            self.set_area(areas.circle_area(lat, lon, km, name))

    # -- menus -----------------------------------------------------------------
    def _global(self, p: QPoint) -> QPoint:
        return self.w.map.mapToGlobal(p)

    def map_menu(self, lat: float, lon: float, at: QPoint) -> QMenu:
        menu = QMenu(self.w)
        menu.addAction(f"Events within … km of here ({coords_text(lat, lon)})…", lambda: self.within(lat, lon))
        p = areas.province_at(lat, lon)
        if p is not None:
            menu.addAction(f"Events in {p.label}", lambda: self.set_area(areas.province_area(p)))
        if self.w.state.filters.area is not None:
            menu.addAction("Clear area", self.clear_area)
        if self.measured_km is not None:
            menu.addAction(f"Clear the measured line ({self.measured_km:,.1f} km)", self.clear_measure)
        menu.addSeparator()
        menu.addAction("Copy coordinates",
                       lambda: QGuiApplication.clipboard().setText(f"{lat:.6f}, {lon:.6f}"))
        self.last_menu = menu
        menu.popup(self._global(at))
        return menu

    def pin_menu(self, place_id: str, at: QPoint) -> QMenu | None:
        found = views.place(self.w.project.conn, place_id) if self.w.project is not None else None
        if found is None:
            return None
        place = found[0]
        menu = QMenu(self.w)
        menu.addAction(f"Read where {place.name} is named", lambda: self.w.show_place(place_id))
        menu.addAction(f"Events within … km of {place.name}…",
                       lambda: self.within(place.lat, place.lon, place.name))
        p = areas.province_at(place.lat, place.lon)
        if p is not None and place.kind not in ("country", "continent"):
            menu.addAction(f"Events in {p.label}", lambda: self.set_area(areas.province_area(p)))
        if self.w.state.filters.area is not None:
            menu.addAction("Clear area", self.clear_area)
        fix = getattr(self.w, "add_fix_actions", None)
        if fix is not None:
            menu.addSeparator()
            fix(menu, place_id)
        self.last_menu = menu
        menu.popup(self._global(at))
        return menu
