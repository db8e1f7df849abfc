"""What the analyst is looking at: the filters and the map view, in one Qt-free object.

The widgets of the app bind to a :class:`ViewState` (they set it and listen
to it); the map, the legend, the timeline and the counts are drawn from it;
the project saves it, so reopening a project restores its filters and view.

:class:`Filters` is an immutable value: every change makes a new one, and
:meth:`ViewState.update` tells the listeners which fields changed.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date

NO_EVENT = "places named, no event"  # the legend row of places with no event (a pseudo category)
AREA_KINDS = ("box", "circle", "province")


@dataclass(frozen=True)
class Area:
    """Where the map is narrowed to: a box drawn on it, a circle around a place, or a province.

    ``west, south, east, north``: the bounds (of the box itself; of the
    circle or province around it), in degrees; ``lat, lon, km``: a circle's
    centre and radius; ``province``: the admin-1 area's id (Natural Earth's
    ne_id, see :mod:`explorer.core.places.areas`); ``label``: the area in
    words, for the status bar, the timeline and exports.
    """

    kind: str
    west: float
    south: float
    east: float
    north: float
    lat: float | None = None
    lon: float | None = None
    km: float | None = None
    province: int | None = None
    label: str = ""

    @classmethod
    def box(cls, west: float, south: float, east: float, north: float) -> Area:
        w, e = sorted((max(-180.0, min(180.0, float(west))), max(-180.0, min(180.0, float(east)))))
        s, n = sorted((max(-90.0, min(90.0, float(south))), max(-90.0, min(90.0, float(north)))))
        label = f"the box {_lon(w)} to {_lon(e)}, {_lat(s)} to {_lat(n)}"
        return cls("box", w, s, e, n, label=label)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return (self.west, self.south, self.east, self.north)

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_json(cls, v) -> Area | None:
        """An Area from :meth:`to_json` (or an old saved box ``[w, s, e, n]``); None when it makes no sense."""
        if isinstance(v, (list, tuple)):
            return cls.box(*v) if len(v) == 4 else None
        if not isinstance(v, dict) or v.get("kind") not in AREA_KINDS:
            return None
        kw = {}
        for f in fields(cls):
            if f.name in v:
                kw[f.name] = v[f.name]
        area = cls(**kw)
        nums = [area.west, area.south, area.east, area.north]
        if not all(isinstance(x, (int, float)) and x == x for x in nums):
            return None
        if area.kind == "circle" and not (isinstance(area.km, (int, float)) and area.km > 0
                                          and area.lat is not None and area.lon is not None):
            return None
        if area.kind == "province" and not isinstance(area.province, int):
            return None
        return area


def _lon(x: float) -> str:
    return f"{abs(x):.2f}°{'E' if x >= 0 else 'W'}"


def _lat(y: float) -> str:
    return f"{abs(y):.2f}°{'N' if y >= 0 else 'S'}"


@dataclass(frozen=True)
class Filters:
    """Which events (and so which pins) are shown. The default shows everything.

    - ``hidden``: ACLED event types switched off (legend rows), and
      :data:`NO_EVENT` to hide places named with no event;
    - ``types``: fine event types to keep (empty: all);
    - ``date_from``/``date_to``: a window; events whose dates overlap it
      pass; ``include_undated``: events without a date pass too;
    - ``actors``, ``countries`` (ISO codes of the event's place), ``outlets``
      (of any of the event's sources): keep only events that match one
      (empty: all);
    - ``area``: an :class:`Area` (a box, a circle around a place, a
      province): only events and places inside. A 4-tuple (west, south,
      east, north) is taken as a box.
    """

    hidden: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True
    actors: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    outlets: frozenset[str] = frozenset()
    area: Area | None = None

    def __post_init__(self):
        if self.area is not None and not isinstance(self.area, Area):
            object.__setattr__(self, "area", Area.from_json(self.area))

    @property
    def event_filter_active(self) -> bool:
        """Does any filter narrow the events (so places with no matching event drop out)?"""
        return bool(self.types or self.date_from or self.date_to or self.actors or self.countries
                    or self.outlets or (self.hidden - {NO_EVENT}))

    @property
    def active(self) -> bool:
        return self.event_filter_active or bool(self.hidden) or self.area is not None

    def to_json(self) -> dict:
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, frozenset):
                v = sorted(v)
            elif isinstance(v, date):
                v = v.isoformat()
            elif isinstance(v, Area):
                v = v.to_json()
            out[f.name] = v
        return out

    @classmethod
    def from_json(cls, data: dict | None) -> Filters:
        """A Filters from :meth:`to_json`'s output; unknown or broken fields fall back to the default."""
        if not isinstance(data, dict):
            return cls()
        kw = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            v = data[f.name]
            try:
                if f.name in ("hidden", "types", "actors", "countries", "outlets"):
                    kw[f.name] = frozenset(str(x) for x in v)
                elif f.name in ("date_from", "date_to"):
                    kw[f.name] = date.fromisoformat(v) if v else None
                elif f.name == "include_undated":
                    kw[f.name] = bool(v)
                elif f.name == "area":
                    kw[f.name] = Area.from_json(v) if v else None
            except (TypeError, ValueError):
                continue
        return cls(**kw)


@dataclass(frozen=True)
class MapView:
    """Where the map looks: centre and zoom (None: fit the data)."""

    lat: float
    lon: float
    zoom: float


@dataclass
class ViewState:
    """The filters and the map view, with listeners told of each change."""

    filters: Filters = field(default_factory=Filters)
    view: MapView | None = None
    _listeners: list[Callable[[ViewState, set[str]], None]] = field(default_factory=list, repr=False,
                                                                    compare=False)

    def subscribe(self, fn: Callable[[ViewState, set[str]], None]) -> None:
        """Call ``fn(state, changed_names)`` after each change."""
        self._listeners.append(fn)

    def update(self, **changes) -> set[str]:
        """Change filter fields (``types=…``, ``date_from=…``) and tell the listeners; what changed."""
        new = replace(self.filters, **changes)
        changed = {f.name for f in fields(Filters) if getattr(new, f.name) != getattr(self.filters, f.name)}
        if changed:
            self.filters = new
            self._notify(changed)
        return changed

    def set_filters(self, filters: Filters) -> set[str]:
        return self.update(**{f.name: getattr(filters, f.name) for f in fields(Filters)})

    def toggle_hidden(self, category: str) -> None:
        """Show a hidden category or hide a shown one (a legend row's click)."""
        hidden = set(self.filters.hidden)
        hidden.symmetric_difference_update({category})
        self.update(hidden=frozenset(hidden))

    def set_view(self, view: MapView | None) -> None:
        if view != self.view:
            self.view = view
            self._notify({"view"})

    def reset(self) -> None:
        self.set_filters(Filters())

    def _notify(self, changed: set[str]) -> None:
        for fn in list(self._listeners):
            fn(self, changed)

    def to_json(self) -> str:
        return json.dumps({"filters": self.filters.to_json(),
                           "view": asdict(self.view) if self.view else None}, sort_keys=True)

    def load_json(self, text: str | None) -> None:
        """Restore from :meth:`to_json` (a saved project); nonsense leaves the defaults."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        view = data.get("view")
        try:
            mv = MapView(float(view["lat"]), float(view["lon"]), float(view["zoom"])) if view else None
        except (KeyError, TypeError, ValueError):
            mv = None
        self.set_filters(Filters.from_json(data.get("filters")))
        self.set_view(mv)
