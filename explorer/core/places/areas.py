"""Areas of the map, and which places lie in them: provinces, circles around a place, boxes.

The provinces are Natural Earth's admin-1 polygons for the whole world
(``geodata/admin1_areas.json``, made by ``scripts/derive_geodata.py``),
loaded on first use and searched with a shapely STRtree. Distances are
geodesic (pyproj's WGS84 ellipsoid). Nothing here knows about Qt or the
store: :mod:`explorer.core.store.views` asks :func:`contains` which of a
project's places an :class:`~explorer.core.viewstate.Area` holds.
"""
from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Geod

from explorer.core.viewstate import Area

AREAS_FILE = "admin1_areas.json"
GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Province:
    id: int  # Natural Earth ne_id
    name: str
    country: str  # the country's name
    country_code: str | None
    iso: str | None  # ISO 3166-2
    kind: str | None  # "Province", "State", "County"...

    @property
    def label(self) -> str:
        return f"{self.name} ({self.country})" if self.country else self.name


class _Provinces:
    def __init__(self):
        from explorer.resources import geodata_path

        doc = json.loads(geodata_path(AREAS_FILE).read_text(encoding="utf-8"))
        q = float(doc["quantum"])
        self.provinces: list[Province] = []
        geoms = []
        for a in doc["areas"]:
            polys = []
            for rings in a["polygons"]:
                coords = [np.cumsum(np.asarray(r, dtype=np.float64).reshape(-1, 2), axis=0) * q for r in rings]
                polys.append(shapely.Polygon(coords[0], coords[1:]))
            geoms.append(shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0])
            self.provinces.append(Province(int(a["id"]), a.get("name") or "", a.get("admin") or "", a.get("cc"),
                                           a.get("iso"), a.get("type")))
        self.geoms = np.asarray(geoms, dtype=object)
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        self.by_id = {p.id: i for i, p in enumerate(self.provinces)}


_LOCK = threading.Lock()
_LOADED: list[_Provinces] = []


def _index() -> _Provinces:
    """The provinces, loaded once per process (about half a second) and shared between threads."""
    with _LOCK:
        if not _LOADED:
            _LOADED.append(_Provinces())
        return _LOADED[0]


def province_at(lat: float, lon: float) -> Province | None:
    """The province at a point (None at sea or outside every province)."""
    idx = _index()
    hits = idx.tree.query(shapely.Point(lon, lat), predicate="intersects")
    if len(hits) == 0:
        return None
    return idx.provinces[int(min(hits))]


def province(province_id: int) -> Province | None:
    idx = _index()
    i = idx.by_id.get(int(province_id))
    return idx.provinces[i] if i is not None else None


def province_geometry(province_id: int):
    idx = _index()
    i = idx.by_id.get(int(province_id))
    return idx.geoms[i] if i is not None else None


def province_area(p: Province) -> Area:
    """The filter's Area for a province: its bounds and id, named in words."""
    w, s, e, n = (float(v) for v in shapely.bounds(province_geometry(p.id)))
    return Area("province", w, s, e, n, province=p.id, label=f"the province {p.label}")


def circle_area(lat: float, lon: float, km: float, name: str = "") -> Area:
    """The filter's Area for the places within ``km`` (geodesic) of a point; its bounds hold the whole circle."""
    km = float(km)
    if not (km > 0 and math.isfinite(km)):
        raise ValueError("the radius must be a positive number of kilometres")
    metres = km * 1000.0
    lons, lats, _ = GEOD.fwd([lon] * 4, [lat] * 4, [0, 90, 180, 270], [metres] * 4)
    north, south = min(90.0, max(lats)), max(-90.0, min(lats))
    over_north = GEOD.inv(lon, lat, lon, 90.0)[2] <= metres
    over_south = GEOD.inv(lon, lat, lon, -90.0)[2] <= metres
    north = 90.0 if over_north else north
    south = -90.0 if over_south else south
    if over_north or over_south or lons[1] < lon or lons[3] > lon:
        w, e = -180.0, 180.0  # round a pole, or across the antimeridian: every longitude
    else:
        # the circle is widest poleward of its centre: widen the east point's offset (with a margin)
        far = max(abs(north), abs(south))
        half = 1.1 * (lons[1] - lon) * math.cos(math.radians(lat)) / max(0.01, math.cos(math.radians(far)))
        w, e = max(-180.0, lon - half), min(180.0, lon + half)
    where = f" of {name}" if name else f" of {lat:.3f}, {lon:.3f}"
    return Area("circle", w, south, e, north, lat=float(lat), lon=float(lon), km=km,
                label=f"within {km:g} km{where}")


def contains(area: Area, lons, lats) -> np.ndarray:
    """Which of the points (arrays of longitudes and latitudes) lie in ``area`` (a boolean array)."""
    lons = np.asarray(lons, dtype=np.float64)
    lats = np.asarray(lats, dtype=np.float64)
    if len(lons) == 0:
        return np.zeros(0, dtype=bool)
    if area.kind == "circle":
        _, _, dist = GEOD.inv(np.full(len(lons), area.lon), np.full(len(lons), area.lat), lons, lats)
        return np.asarray(dist) <= area.km * 1000.0
    inside_box = (lons >= area.west) & (lons <= area.east) & (lats >= area.south) & (lats <= area.north)
    if area.kind == "province":
        geom = province_geometry(area.province)
        if geom is None:
            return np.zeros(len(lons), dtype=bool)
        out = np.zeros(len(lons), dtype=bool)
        out[inside_box] = shapely.contains_xy(geom, lons[inside_box], lats[inside_box]) | \
            shapely.intersects_xy(geom, lons[inside_box], lats[inside_box])
        return out
    return inside_box


@lru_cache(maxsize=8)
def outline(area: Area, digits: int = 3) -> dict | None:
    """The area as GeoJSON for the map to draw (a province's polygons, a circle's centre and radius, a box)."""
    if area.kind == "province":
        geom = province_geometry(area.province)
        if geom is None:
            return None
        return {"type": "Feature", "properties": {"label": area.label},
                "geometry": json.loads(shapely.to_geojson(shapely.set_precision(geom, 10 ** -digits)))}
    if area.kind == "circle":
        return {"type": "Feature", "properties": {"label": area.label, "km": area.km},
                "geometry": {"type": "Point", "coordinates": [area.lon, area.lat]}}
    w, s, e, n = area.bounds
    return {"type": "Feature", "properties": {"label": area.label},
            "geometry": {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}}
