"""The basemap cells in geodata/basemap/ (made by scripts/basemap_tiles.py)."""
from __future__ import annotations

import json
import re
from functools import lru_cache

import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from explorer.resources import geodata_dir

BASE = geodata_dir() / "basemap"
CALL = re.compile(r"^(geBasemapCell|geBasemapDisputed)\((.*)\);\n\Z", re.S)


def _payload(text: str) -> list:
    m = CALL.match(text)
    assert m, text[:80]
    return json.loads("[" + m.group(2) + "]")


@lru_cache(maxsize=None)
def index() -> dict:
    text = (BASE / "index.js").read_text(encoding="ascii")
    prefix = "window.GE_BASEMAP_INDEX = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


@lru_cache(maxsize=None)
def cell(band: str, key: str) -> dict:
    b, k, data = _payload((BASE / band / f"{key}.js").read_text(encoding="ascii"))
    assert (b, k) == (band, key)
    return data


def band(band_id: str) -> dict:
    return next(b for b in index()["bands"] if b["id"] == band_id)


def key_for(band_id: str, lon: float, lat: float) -> str:
    size = band(band_id)["cell"]
    if size >= 360:
        return "0_0"
    return f"{int((lon + 180) // size)}_{int((lat + 90) // size)}"


def decode(arr: list[int], o, q) -> list[tuple[float, float]]:
    x = y = 0
    out = []
    for i in range(0, len(arr), 2):
        x += arr[i]
        y += arr[i + 1]
        out.append((o[0] + x * q, o[1] + y * q))
    return out


def geoms(data: dict, cls: str, max_zoom: int = 99):
    out = []
    for c, z, parts in data["g"]:
        if c != cls or z > max_zoom:
            continue
        for part in parts:
            if cls in ("land", "lake"):
                rings = [decode(r, data["o"], data["q"]) for r in part]
                out.append(Polygon(rings[0], rings[1:]))
            else:
                out.append(LineString(decode(part, data["o"], data["q"])))
    return out


def test_index_lists_exactly_the_cell_files():
    idx = index()
    assert [b["id"] for b in idx["bands"]] == ["b0", "b1", "b2"]
    zooms = [(b["minZoom"], b["maxZoom"]) for b in idx["bands"]]
    assert zooms[0][0] == 0 and all(a[1] + 1 == b[0] for a, b in zip(zooms, zooms[1:]))  # no zoom without a band
    for b in idx["bands"]:
        on_disk = sorted(p.stem for p in (BASE / b["id"]).glob("*.js") if p.stem != "disputed")
        assert on_disk == sorted(b["cells"])
        assert (BASE / b["id"] / "disputed.js").is_file()
    assert idx["attribution"] == "Natural Earth; GeoNames (CC BY 4.0); Leaflet"
    assert re.fullmatch(r"[0-9a-f]{16}", idx["version"])


def test_sizes_grow_with_detail_and_stay_in_budget():
    sizes = {b["id"]: sum(p.stat().st_size for p in (BASE / b["id"]).glob("*.js")) for b in index()["bands"]}
    assert sizes["b0"] < sizes["b1"] < sizes["b2"]
    assert sizes["b0"] < 1_000_000  # the world view is one small file
    assert sum(sizes.values()) < 25 * 1024 * 1024
    assert max(p.stat().st_size for p in BASE.rglob("*.js")) < 1024 * 1024  # no cell is slow to load


@pytest.mark.parametrize("band_id", ["b0", "b1", "b2"])
def test_cells_decode_to_valid_geometry(band_id):
    b = band(band_id)
    keys = b["cells"] if len(b["cells"]) < 40 else b["cells"][::7]  # a spread sample of the big bands
    for key in keys:
        data = cell(band_id, key)
        classes = {g[0] for g in data["g"]}
        assert classes <= {"land", "lake", "river1", "river2", "river3", "a0", "a1"}, classes
        for cls in ("land", "lake"):
            for p in geoms(data, cls):
                assert p.is_valid, (band_id, key, cls, shapely.is_valid_reason(p))
                assert p.exterior.is_ccw
        for cls in classes - {"land", "lake"}:
            for ln in geoms(data, cls):
                assert ln.length > 0
        for kind, name, lon, lat, z, rank in data["l"]:
            assert kind in "cpasr" and name and isinstance(rank, int)
            assert b["minZoom"] - 5 <= z <= b["maxZoom"] or kind in "cps"


def test_no_seam_fills_of_neighbouring_cells_overlap():
    # points on cell edges, on land: both cells' land covers them (the fills overlap)
    for band_id, lon, lat in [("b2", 30.0, 40.2), ("b2", 45.0, 35.0), ("b2", 28.0, 45.0),
                              ("b1", 60.0, 33.0), ("b1", 30.0, 50.0), ("b2", 25.0, 48.0)]:
        size = band(band_id)["cell"]
        for dx, dy in ((-1e-6, 0), (1e-6, 0), (0, -1e-6), (0, 1e-6)):
            key = key_for(band_id, lon + dx * (lon % size == 0), lat + dy * (lat % size == 0))
            land = shapely.union_all(geoms(cell(band_id, key), "land"))
            assert land.buffer(1e-9).contains(Point(lon, lat)), (band_id, key, lon, lat)


def test_world_land_and_sea():
    land = shapely.union_all(geoms(cell("b0", "0_0"), "land"))
    for lon, lat in [(64.09, 26.97), (2.35, 48.85), (-100.0, 40.0), (135.0, -25.0), (28.0, 39.0)]:
        assert land.contains(Point(lon, lat)), (lon, lat)
    for lon, lat in [(65.0, 15.0), (-30.0, 0.0), (51.0, 42.0)]:  # Arabian Sea, Atlantic, Caspian
        assert not land.contains(Point(lon, lat)), (lon, lat)


def test_balochistan_has_province_borders_rivers_and_labels_when_zoomed_in():
    data = cell("b2", key_for("b2", 65.0, 28.0))
    a1 = shapely.union_all(geoms(data, "a1", max_zoom=7))
    a0 = shapely.union_all(geoms(data, "a0"))
    assert a1.length > 10  # degrees of province boundaries in the cell
    # the Balochistan-Sindh and Balochistan-Punjab boundaries run east of Quetta
    assert a1.distance(Point(67.6, 27.0)) < 0.5
    # the Iran-Pakistan border is a country border
    assert a0.distance(Point(61.6, 28.5)) < 0.3
    rivers = geoms(data, "river1") + geoms(data, "river2") + geoms(data, "river3")
    assert sum(r.length for r in rivers) > 5
    labels = {}
    for lon, lat in [(67.0, 30.2), (65.0, 28.0), (60.0, 28.0)]:
        labels.update({(k, n): z for k, n, _, _, z, _ in cell("b2", key_for("b2", lon, lat))["l"]})
    assert labels[("p", "Quetta")] <= 6 and labels[("p", "Turbat")] <= 7
    assert labels[("a", "Balochistan")] <= 7 and labels[("a", "Sistan and Baluchestan")] <= 7


def test_admin1_boundaries_come_with_zoom():
    world = cell("b0", "0_0")
    assert not geoms(world, "a1")  # none at world scale
    assert geoms(world, "a0")  # country borders everywhere
    mid = cell("b1", key_for("b1", 65.0, 28.0))
    zooms = {z for c, z, _ in mid["g"] if c == "a1"}
    assert zooms and min(zooms) >= 5 and max(zooms) <= 6


def test_labels_by_scale_rank():
    world = {(k, n): z for k, n, _, _, z, _ in cell("b0", "0_0")["l"]}
    assert world[("c", "Tehran")] <= 3
    assert ("p", "Quetta") not in world  # a town appears only when zoomed in
    countries = {c[0]: c for c in index()["countries"]}
    assert len(countries) > 200
    assert countries["Pakistan"][3] <= 3
    name, lon, lat = countries["Pakistan"][:3]
    assert 60 < lon < 78 and 23 < lat < 37


def test_disputed_areas_per_band():
    for b in index()["bands"]:
        _, data = _payload((BASE / b["id"] / "disputed.js").read_text(encoding="ascii"))
        names = {f[0] for f in data["f"]}
        assert {"Jammu and Kashmir", "Golan Heights"} <= names
        for f in data["f"][:10]:
            for poly in f[2]:
                rings = [decode(r, data["o"], data["q"]) for r in poly]
                assert Polygon(rings[0], rings[1:]).is_valid
