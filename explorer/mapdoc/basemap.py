"""The map document's offline basemap.

Natural Earth layers by zoom band, cut into cells (``geodata/basemap/``, made
by ``scripts/derive_geodata.py``), which ``static/geo_basemap.js`` loads as
they come into view: land and coastlines, lakes, rivers, country and admin-1
boundaries, disputed areas (hatched, with a tooltip), labels for countries,
provinces, populated places, seas and regions (placed so that they never
collide with each other or sit under a pin), and a graticule. Plus the
Iran–Pakistan border-region overlay.

The cells are placed beside the document under ``lib/basemap/`` (hard links
when the file system allows, else copies), so the page loads them by relative
URL whatever scheme serves it. Imports no Qt.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from functools import lru_cache
from pathlib import Path

from explorer import resources
from explorer.mapdoc import assets
from explorer.mapdoc.elements import js_json

FOLDER = "basemap"                      # under geodata/ and under the document's lib/
INDEX = "index.js"
STYLES = ("light", "dark")
ATTRIBUTION = "Natural Earth; GeoNames (CC BY 4.0); Leaflet"

# Overlays in the layer control that show or hide parts of the basemap:
# (key in geo_basemap.js, name in the control, shown at start).
SWITCHES = (
    ("admin1", "Provinces and states (admin-1)", True),
    ("rivers", "Rivers", True),
    ("places", "Place names", True),
    ("disputed", "Disputed areas", True),
    ("graticule", "Graticule", False),
)

# The Iran–Pakistan border-region overlay.
BORDER_REGION_NAME = "Iran–Pakistan border region"
STYLE_PROVINCE = {"fillColor": "#f4a261", "fillOpacity": 0.38, "color": "#c0562f", "weight": 1.4}
STYLE_BORDER = {"color": "#c1121f", "weight": 4.5, "opacity": 0.95, "dashArray": "9 5"}


# ---------------------------------------------------------------- the cells beside the document

def source_dir() -> Path:
    return resources.geodata_dir() / FOLDER


@lru_cache(maxsize=1)
def _plan() -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(version, files needed first, files of the most detailed band), relative to the folder."""
    index = _index()
    bands = [b["id"] for b in index["bands"]]
    first, detail = [INDEX], []
    for i, band in enumerate(bands):
        names = [f"{band}/{k}.js" for k in index["bands"][i]["cells"]] + [f"{band}/disputed.js"]
        (detail if i == len(bands) - 1 else first).extend(names)
    return index["version"], tuple(first), tuple(detail)


def _index() -> dict:
    text = (source_dir() / INDEX).read_text(encoding="ascii")
    return json.loads(text[text.index("{"):text.rindex("}") + 1])


@lru_cache(maxsize=1)
def country_label_points() -> dict[str, tuple[float, float]]:
    """Where the basemap writes each country's name: ``{adm0_a3: (lat, lon)}``.

    The page moves a country label clear of a pin on that spot, but a pin
    placed elsewhere (e.g. at the capital) leaves the name where it belongs.
    """
    return {c[5]: (c[2], c[1]) for c in _index()["countries"]}


def files() -> dict[str, Path]:
    """Every basemap file the page may load: path under the document (``lib/basemap/...``) -> file.

    For a host that serves the page itself (a URL scheme handler) instead of
    writing it to a folder: it can serve these straight from the package.
    """
    version, first, detail = _plan()
    src = source_dir()
    return {f"{assets.LIB}/{FOLDER}/{name}": src / name for name in (*first, *detail)}


_LOCK = threading.Lock()
_BUSY: set[str] = set()


def _place(src: Path, dst: Path, mode: dict) -> None:
    """Hard-link ``src`` to ``dst`` (copy when linking fails once), atomically."""
    tmp = dst.with_name(dst.name + ".part")
    tmp.unlink(missing_ok=True)
    if mode["link"]:
        try:
            os.link(src, tmp)
        except OSError:
            mode["link"] = False
    if not mode["link"]:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _place_all(src: Path, dest: Path, names, mode: dict) -> None:
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        _place(src / name, target, mode)


def install(folder: str | Path, wait: bool = False) -> Path:
    """Put the basemap cells under ``folder/lib/basemap`` once; return that folder.

    A version stamp makes later calls for the same folder free. Hard links
    take about 20 ms for the ~550 files; where the file system refuses them,
    the files are copied, and the detailed band (zoom 7 and more, which the
    first view never needs) is copied in a background thread so that the
    first paint does not wait for it (the page retries a cell that is not
    there yet). ``wait`` copies everything before returning.
    """
    src = source_dir()
    dest = Path(folder) / assets.LIB / FOLDER
    version, first, detail = _plan()
    stamp = dest / ".version"
    try:
        if stamp.read_text(encoding="ascii") == version:
            return dest
    except OSError:
        pass
    key = str(dest)
    with _LOCK:
        if key in _BUSY:
            return dest
        _BUSY.add(key)
    mode = {"link": True}
    try:
        dest.mkdir(parents=True, exist_ok=True)
        _place_all(src, dest, first, mode)
    except BaseException:
        with _LOCK:
            _BUSY.discard(key)
        raise

    def rest() -> None:
        try:
            _place_all(src, dest, detail, mode)
            stamp.write_text(version, encoding="ascii")
        except OSError:
            pass  # the folder went away (the view was closed): nothing to finish
        finally:
            with _LOCK:
                _BUSY.discard(key)

    if wait or mode["link"]:
        rest()
    else:
        threading.Thread(target=rest, name="basemap-copy", daemon=True).start()
    return dest


def wait_installed(folder: str | Path, timeout: float = 30.0) -> bool:
    """Wait until a background copy into ``folder`` has finished (tests, exports)."""
    import time

    dest = Path(folder) / assets.LIB / FOLDER
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with _LOCK:
            busy = str(dest) in _BUSY
        if not busy:
            return (dest / ".version").is_file()
        time.sleep(0.02)
    return False


# ---------------------------------------------------------------- document elements

@lru_cache(maxsize=1)
def _classes() -> dict:
    """The folium elements of the basemap (folium is imported only when a document is built)."""
    import folium
    from jinja2 import Template

    from explorer.mapdoc.elements import _script_class

    Script = _script_class()

    class BasemapLayer(Script):
        """Starts the basemap runtime on the map: panes, style, cells for the view, labels."""

        def __init__(self, style: str = "light", visible: dict | None = None):
            if style not in STYLES:
                raise ValueError(f"unknown basemap style {style!r} (choose from {', '.join(STYLES)})")
            super().__init__(
                "window.geoExplorer.basemap.init({{ this._parent.get_name() }}, {{ this.data.options }});",
                options={"base": f"{assets.LIB}/{FOLDER}/", "style": style,
                         "visible": visible or {k: show for k, _, show in SWITCHES}},
            )

    class BasemapSwitch(folium.map.Layer):
        """An overlay in the layer control that shows or hides one part of the basemap."""

        _template = Template(
            "{% macro script(this, kwargs) %}"
            "var {{ this.get_name() }} = window.geoExplorer.basemap.switchLayer({{ this.key_json }});"
            "{% endmacro %}"
        )

        def __init__(self, key: str, name: str, show: bool):
            super().__init__(name=name, overlay=True, control=True, show=show)
            self._name = "BasemapSwitch"
            self.key = key
            self.key_json = js_json(key)

    return {"BasemapLayer": BasemapLayer, "BasemapSwitch": BasemapSwitch}


def __getattr__(name: str):
    if name in ("BasemapLayer", "BasemapSwitch"):
        return _classes()[name]
    raise AttributeError(name)


@lru_cache(maxsize=1)
def border_region() -> dict:
    return json.loads(resources.geodata_path("border_region.geojson").read_text(encoding="utf-8"))


def _rings(geometry: dict):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for poly in polys:
        yield poly


def _inside(lon: float, lat: float, poly: list) -> bool:
    """Point in polygon (even-odd over the exterior and its holes)."""
    inside = False
    for ring in poly:
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


@lru_cache(maxsize=1)
def _province_shapes() -> list[tuple[tuple[float, float, float, float], list]]:
    out = []
    for f in border_region()["features"]:
        if f["properties"].get("role") != "province":
            continue
        for poly in _rings(f["geometry"]):
            xs = [p[0] for p in poly[0]]
            ys = [p[1] for p in poly[0]]
            out.append(((min(xs), min(ys), max(xs), max(ys)), poly))
    return out


def in_border_region(lon: float, lat: float) -> bool:
    """Whether a point lies in Balochistan or Sistan and Baluchestan."""
    for (x0, y0, x1, y1), poly in _province_shapes():
        if x0 <= lon <= x1 and y0 <= lat <= y1 and _inside(lon, lat, poly):
            return True
    return False


def border_region_layer(show: bool) -> folium.FeatureGroup:  # noqa: F821 (folium is imported here)
    """The two provinces shaded and the border as a red dashed line, with tooltips."""
    import folium

    data = border_region()
    provinces = {"type": "FeatureCollection",
                 "features": [f for f in data["features"] if f["properties"].get("role") == "province"]}
    line = {"type": "FeatureCollection",
            "features": [f for f in data["features"] if f["properties"].get("role") == "border"]}
    region = folium.FeatureGroup(name=BORDER_REGION_NAME, show=show, overlay=True, control=True)
    folium.GeoJson(provinces, name="Border provinces", style_function=lambda f: STYLE_PROVINCE,
                   tooltip=folium.GeoJsonTooltip(fields=["name", "country"], aliases=["Province", "Country"]),
                   ).add_to(region)
    folium.GeoJson(line, name="Iran–Pakistan border", style_function=lambda f: STYLE_BORDER,
                   tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False)).add_to(region)
    # the legend asks the group whether it is on the map (Leaflet's featureGroup takes layers, not options)
    from explorer.mapdoc.elements import Script

    Script("{{ this._parent.get_name() }}.options.geBorder = true;").add_to(region)
    return region


def add_basemap(m: folium.Map, style: str = "light", border_region_on: bool = False,  # noqa: F821
                switches: dict[str, bool] | None = None) -> bool:
    """Add the basemap, its switches and the border-region overlay to ``m``.

    The overlay is switched on with ``border_region_on`` (the document does
    when the project has local places in the region: ``document.in_border_region``). ``switches`` overrides which parts are
    shown at start, e.g. ``{"graticule": True, "rivers": False}`` (keys of
    ``SWITCHES``). Returns whether the border-region overlay is shown.
    """
    switches = switches or {}
    unknown = set(switches) - {k for k, _, _ in SWITCHES}
    if unknown:
        raise ValueError(f"unknown basemap switches: {', '.join(sorted(unknown))}")
    shown = {k: bool(switches.get(k, on)) for k, _, on in SWITCHES}
    BasemapLayer, BasemapSwitch = _classes()["BasemapLayer"], _classes()["BasemapSwitch"]
    BasemapLayer(style, visible=shown).add_to(m)
    show = bool(border_region_on)
    border_region_layer(show).add_to(m)
    for key, name, _ in SWITCHES:
        BasemapSwitch(key, name, shown[key]).add_to(m)
    return show
