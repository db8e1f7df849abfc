"""The bundled Natural Earth layers in geodata/ (made by scripts/derive_geodata.py)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely.geometry import Point

from explorer.resources import geodata_path

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "derive_geodata.py"
SRC = REPO.parent / "shared" / "geodata-src"

SCHEMAS = {
    "countries.geojson": [
        "name", "name_long", "formal_en", "name_alt", "iso_a2", "iso_a3", "adm0_a3",
        "continent", "subregion", "pop_est", "label_x", "label_y",
    ],
    "admin1.geojson": [
        "name", "name_en", "name_alt", "woe_name", "gn_name", "type_en", "iso_3166_2",
        "code_hasc", "gn_a1_code", "adm0_a3", "iso_a2", "admin", "latitude", "longitude",
        "wikidataid",
    ],
    "admin1_points.geojson": [
        "name", "name_en", "name_alt", "woe_name", "gn_name", "type_en", "iso_a2", "gn_a1_code", "iso_3166_2",
    ],
    "border_region.geojson": ["role", "name", "length_km", "country", "iso_3166_2", "gn_a1_code"],
    "disputed_areas.geojson": ["name", "brk_name", "adm0_a3", "label_x", "label_y"],
}

PANJGUR = Point(64.09, 26.97)
ZAHEDAN = Point(60.86, 29.50)

_cache: dict[str, gpd.GeoDataFrame] = {}


def load(name: str) -> gpd.GeoDataFrame:
    if name not in _cache:
        _cache[name] = gpd.read_file(geodata_path(name))
    return _cache[name]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_layer_loads_with_schema(name):
    gdf = load(name)
    assert len(gdf) > 0
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    assert sorted(c for c in gdf.columns if c != "geometry") == sorted(SCHEMAS[name])
    assert not gdf.geometry.isna().any()
    assert not gdf.geometry.is_empty.any()
    assert gdf.geometry.is_valid.all()
    minx, miny, maxx, maxy = gdf.total_bounds
    assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_file_size(name):
    assert geodata_path(name).stat().st_size < 5 * 1024 * 1024


def test_total_size_and_no_stray_files():
    folder = geodata_path("countries.geojson").parent
    data = sorted(p.name for p in folder.glob("*.geojson"))
    assert data == sorted(SCHEMAS)
    assert not (folder / "test.json").exists()
    everything = [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert sum(p.stat().st_size for p in everything) < 40 * 1024 * 1024  # the repo and the bundle carry it
    assert all(p.stat().st_size < 5 * 1024 * 1024 for p in everything)


def test_provenance_covers_every_file():
    text = geodata_path("PROVENANCE.md").read_text(encoding="utf-8")
    assert "Natural Earth" in text and "public domain" in text
    assert "scripts/derive_geodata.py" in text
    for name in SCHEMAS:
        assert f"### {name}" in text
    assert "### basemap/" in text


def test_feature_counts():
    assert len(load("admin1.geojson")) == 953
    points = load("admin1_points.geojson")
    assert len(points) == 3643 and (points.geometry.geom_type == "Point").all()
    assert {"Alibori", "Borgou"} <= set(points.name)  # Benin's departments, outside the region
    assert len(load("countries.geojson")) == 241
    assert load("admin1.geojson").adm0_a3.nunique() == 62


def _province(name_or_iso: str) -> gpd.GeoSeries:
    br = load("border_region.geojson")
    rows = br[(br.role == "province") & ((br.iso_3166_2 == name_or_iso) | (br.name == name_or_iso))]
    assert len(rows) == 1
    return rows.iloc[0]


def test_border_region_provinces():
    pk = _province("PK-BA")
    ir = _province("IR-13")
    assert (pk["name"], pk["country"], pk["gn_a1_code"]) == ("Balochistan", "Pakistan", "PK.02")
    assert (ir["name"], ir["country"], ir["gn_a1_code"]) == ("Sistan and Baluchestan", "Iran", "IR.04")
    assert pk.geometry.contains(PANJGUR)
    assert not ir.geometry.contains(PANJGUR)
    assert ir.geometry.contains(ZAHEDAN)
    assert not pk.geometry.contains(ZAHEDAN)


def test_admin1_point_in_polygon():
    a1 = load("admin1.geojson")
    pk = a1[a1.iso_3166_2 == "PK-BA"]
    ir = a1[a1.iso_3166_2 == "IR-13"]
    assert len(pk) == 1 and len(ir) == 1
    assert pk.geometry.iloc[0].contains(PANJGUR)
    assert ir.geometry.iloc[0].contains(ZAHEDAN)
    hits = a1[a1.contains(PANJGUR)]
    assert hits.iso_3166_2.tolist() == ["PK-BA"]
    row = pk.iloc[0]
    assert (row["name"], row["name_en"], row["gn_a1_code"], row["iso_a2"], row["admin"]) == (
        "Baluchistan", "Balochistan", "PK.02", "PK", "Pakistan")
    assert isinstance(row["latitude"], float) and isinstance(row["longitude"], float)


def test_admin1_codes_have_no_ne_placeholders():
    a1 = load("admin1.geojson")
    for col in ["iso_3166_2", "code_hasc", "gn_a1_code", "iso_a2"]:
        vals = a1[col].dropna()
        assert not vals.str.startswith("-").any(), col
    assert a1.iso_a2.dropna().str.fullmatch(r"[A-Z]{2}").all()


def test_border_line_length():
    br = load("border_region.geojson")
    line = br[br.role == "border"]
    assert len(line) == 1
    assert line.iloc[0]["name"] == "Iran\u2013Pakistan border"
    assert 780 <= line.iloc[0]["length_km"] <= 850
    geodesic_km = Geod(ellps="WGS84").geometry_length(line.geometry.iloc[0]) / 1000
    assert 780 <= geodesic_km <= 850
    assert abs(geodesic_km - line.iloc[0]["length_km"]) < 0.5


def test_country_iso_codes():
    c = load("countries.geojson").set_index("name")
    expected = {"France": "FR", "Norway": "NO", "Pakistan": "PK", "Iran": "IR", "Israel": "IL"}
    for name, iso in expected.items():
        assert re.fullmatch(r"[A-Z]{2}", c.loc[name, "iso_a2"])
        assert c.loc[name, "iso_a2"] == iso
    assert c.iso_a2.dropna().str.fullmatch(r"[A-Z]{2}").all()
    assert c.iso_a3.dropna().str.fullmatch(r"[A-Z]{3}").all()
    assert c.adm0_a3.is_unique


def test_country_label_points_inside():
    c = load("countries.geojson")
    for _, row in c.iterrows():
        assert row.geometry.buffer(0.05).contains(Point(row.label_x, row.label_y)), row["name"]


def test_disputed_areas_in_region():
    d = load("disputed_areas.geojson")
    names = set(d.name)
    for n in ["Jammu and Kashmir", "Azad Kashmir", "Gaza", "West Bank", "Golan Heights"]:
        assert n in names


@pytest.mark.skipif(not SCRIPT.is_file(), reason="derive script not present (installed copy)")
def test_script_rerun_is_byte_identical(tmp_path):
    if not SRC.is_dir():
        pytest.skip(f"Natural Earth sources not present at {SRC}")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--src", str(SRC), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    produced = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    folder = geodata_path("countries.geojson").parent
    committed = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                       if p.is_file() and p.name != "__init__.py" and "__pycache__" not in p.parts)
    assert produced == committed
    assert "basemap/index.js" in produced and "basemap/b0/0_0.js" in produced
    for name in produced:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), (
            f"{name} differs from the committed copy; rerun scripts/derive_geodata.py")
