"""The map document: an offline Leaflet page built with folium, and its places' data script.

The document holds the offline basemap and the Iran–Pakistan border-region
overlay (``basemap.py``), the page runtime (``static/geo_explorer.js``,
``static/geo_pins.js`` with Supercluster for many pins) and the legend; the
places come from a data script beside it (:func:`places_js`: every place of
the project as columns, and what the filters leave of them). It imports no Qt.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from explorer.core.events.taxonomy import ACLED_TYPES
from explorer.core.store.views import KIND_ORDER, PinCounts, PlaceTable
from explorer.core.viewstate import Filters
from explorer.mapdoc import assets, basemap
from explorer.mapdoc.basemap import STYLE_BORDER, STYLE_PROVINCE
from explorer.mapdoc.elements import js_json  # noqa: F401  (callers import it from here)

DOCUMENT_NAME = "map.html"
KIND_LABELS = {
    "poi": "site", "city": "city or town", "admin2": "district or county", "admin1": "province or state",
    "region": "region", "country": "country", "continent": "continent",
}
# Kinds whose pins decide the initial view (countries and continents would
# stretch it over half the world), and whether the border-region overlay is on
# (a country pin for Pakistan says nothing about Balochistan).
_LOCAL_KINDS = {"poi", "city", "admin2", "admin1", "region"}


# Event pins are diamonds coloured by ACLED event type; plain pins are circles
# coloured by the kind of place.
ACLED_COLOURS = {
    "Battles": "#b5179e",
    "Explosions/Remote violence": "#f77f00",
    "Violence against civilians": "#222222",
    "Protests": "#2b9348",
    "Riots": "#8d5524",
    "Strategic developments": "#0077b6",
}
KIND_COLOURS = {"poi": "#d7263d", "city": "#d7263d", "admin2": "#1982c4", "admin1": "#1982c4", "region": "#2a9d8f",
                "country": "#6a4c93", "continent": "#2a9d8f"}


def acled_slug(acled_type: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in acled_type.lower()).strip("-")


DATA_SCRIPT = "data/places.js"  # the document's places, beside it (see places_js)


@dataclass
class MapData:
    """What the map shows: every place (the table), what the filters leave of them (None: all), the
    hidden legend rows, and how many of the most mentioned pins in view get their name (a setting)."""

    table: PlaceTable
    counts: PinCounts | None = None
    hidden: frozenset = frozenset()
    view: dict | None = None  # {"lat", "lon", "zoom"} to open at (None: fit the pins)
    area: dict | None = None  # the active area's outline (GeoJSON Feature, explorer.core.places.areas.outline)
    labels: int = 10

    @classmethod
    def from_project(cls, conn, filters: Filters | None = None, view: dict | None = None,
                     labels: int = 10) -> MapData:
        from explorer.core.places.areas import outline
        from explorer.core.store import views

        filters = filters or Filters()
        table = views.place_table(conn)
        counts = views.pin_counts(conn, table, filters) if filters.active else None
        area = outline(filters.area) if filters.area is not None else None
        return cls(table, counts, filters.hidden, view, area, labels)


def counts_json(counts: PinCounts | None, hidden=frozenset()) -> dict | None:
    """The filters' result for the page's ``pins.setCounts`` (None: every place, its own counts)."""
    if counts is None and not hidden:
        return None
    if counts is None:
        return None
    return {"events": counts.events, "top": counts.top, "shown": [1 if x else 0 for x in counts.shown],
            "hidden": sorted(hidden)}


def places_js(data: MapData) -> str:
    """The data script: ``window.GE_PLACES``, the places as columns (see static/geo_pins.js)."""
    t = data.table
    payload = {
        "ids": t.place_id, "names": t.name, "kind": t.kind, "cc": t.country, "lat": t.lat, "lon": t.lon,
        "mentions": t.mentions, "articles": t.articles, "events": t.events, "top": t.top,
        "acled": list(ACLED_TYPES), "colours": ACLED_COLOURS,
        "kindNames": list(KIND_ORDER), "kindLabels": [KIND_LABELS.get(k, k) for k in KIND_ORDER],
        "kindColours": KIND_COLOURS,
        "borderColours": {"area": STYLE_PROVINCE["fillColor"], "line": STYLE_BORDER["color"]},
        "counts": counts_json(data.counts, data.hidden),
        "view": data.view, "area": data.area,
        "labels": max(0, int(data.labels)),
    }
    return "window.GE_PLACES = " + js_json(payload) + ";\n"


@lru_cache(maxsize=1)
def _classes() -> dict:
    """The document's folium elements (folium is imported only when a document is built: about half a
    second; a cached document never needs it)."""
    import folium

    from explorer.mapdoc.elements import _script_class

    _Script = _script_class()

    class OfflineMap(folium.Map):
        """A folium map whose scripts and styles come from installed packages, and its places' data script."""

        default_js = assets.default_js() + [("geo_basemap_index", f"{assets.LIB}/{basemap.FOLDER}/{basemap.INDEX}"),
                                            ("geo_places", DATA_SCRIPT)]
        default_css = assets.default_css()

    class PinLayer(_Script):
        """The pins, from the data script (``window.GE_PLACES``), drawn by static/geo_pins.js."""

        def __init__(self):
            super().__init__("window.geoExplorer.pins.load({{ this._parent.get_name() }}, window.GE_PLACES);\n"
                             "window.geoExplorer.tools.attach({{ this._parent.get_name() }});")

    class FitAndReady(_Script):
        def __init__(self, bounds):
            super().__init__(
                """
                window.geoExplorer.fit({{ this._parent.get_name() }}, {{ this.data.bounds }});
                window.geoExplorer.markReady();
                """,
                bounds=bounds,
            )

    return {"OfflineMap": OfflineMap, "PinLayer": PinLayer, "FitAndReady": FitAndReady}


def __getattr__(name: str):
    if name in ("OfflineMap", "PinLayer", "FitAndReady"):
        return _classes()[name]
    raise AttributeError(name)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 12742.0 * asin(sqrt(min(1.0, h)))


def _weighted_median(values: list[tuple[float, int]]) -> float:
    values = sorted(values)
    half, acc = sum(w for _, w in values) / 2.0, 0
    for v, w in values:
        acc += w
        if acc >= half:
            return v
    return values[-1][0]


def initial_bounds(data: MapData, radius_km: float = 3000.0):
    """The view to open on: where most local mentions are (of the places shown).

    Local pins (cities, provinces, regions) within ``radius_km`` of their
    mention-weighted median; a stray far-away town does not zoom the view
    out to the whole world. Falls back to every pin, then to the region
    around Iran and Pakistan.
    """
    t, c = data.table, data.counts
    shown = [i for i in range(len(t)) if c is None or c.shown[i]]
    local = [i for i in shown if KIND_ORDER[t.kind[i]] in _LOCAL_KINDS] if shown else []
    pick = local or shown
    if not pick:
        return [[10.0, 30.0], [45.0, 85.0]]
    pts = [(t.lat[i], t.lon[i], max(1, t.mentions[i])) for i in pick]
    lat0 = _weighted_median([(la, w) for la, _, w in pts])
    lon0 = _weighted_median([(lo, w) for _, lo, w in pts])
    near = [(la, lo) for la, lo, _ in pts if _km(lat0, lon0, la, lo) <= radius_km] or \
           [(la, lo) for la, lo, _ in pts]
    lats, lons = [p[0] for p in near], [p[1] for p in near]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def in_border_region(data: MapData) -> bool:
    """Whether a local place shown (town, site, province, region) lies in the Iran–Pakistan border region."""
    t, c = data.table, data.counts
    return any((c is None or c.shown[i]) and KIND_ORDER[t.kind[i]] in _LOCAL_KINDS
               and basemap.in_border_region(t.lon[i], t.lat[i]) for i in range(len(t)))


def build_map(data: MapData, basemap_style: str = "light") -> folium.Map:  # noqa: F821
    """The map document for ``data``; ``basemap_style`` is "light" or "dark"."""
    return _build(basemap_style, in_border_region(data), _bounds_key(initial_bounds(data)))


def _bounds_key(bounds) -> tuple:
    return tuple(tuple(round(v, 4) for v in corner) for corner in bounds)


def _build(basemap_style: str, border_on: bool, bounds: tuple) -> folium.Map:  # noqa: F821
    import folium

    c = _classes()
    OfflineMap, PinLayer, FitAndReady = c["OfflineMap"], c["PinLayer"], c["FitAndReady"]
    m = OfflineMap(location=[30, 60], zoom_start=4, tiles=None, control_scale=True, world_copy_jump=True)
    # Before Leaflet loads: position markers without 3D transforms. With them, Chromium makes every pin
    # and cluster a compositing layer of its own, each with its own tiles: hundreds of megabytes of
    # page memory for a map of many clusters.
    m.get_root().header.add_child(folium.Element("<script>window.L_DISABLE_3D = true;</script>"), index=0)
    m.options["minZoom"] = 2
    m.options["maxZoom"] = 13
    basemap.add_basemap(m, style=basemap_style, border_region_on=border_on)
    PinLayer().add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    FitAndReady([list(c) for c in bounds]).add_to(m)
    return m


@lru_cache(maxsize=16)
def _render(basemap_style: str, border_on: bool, bounds: tuple) -> str:
    """The document's HTML: it depends on the data only through the view to open on and whether the
    border overlay is on (the places are in the data script), so a redraw reuses it; and it is kept in
    the user cache (see :func:`_disk_key`), so a new process need not import folium to build it again."""
    key = _disk_key(basemap_style, border_on, bounds)
    folder = _cache_dir() if key else None
    path = folder / f"map-{key}.html" if folder else None
    if path is not None:
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
    html = _build(basemap_style, border_on, bounds).get_root().render()
    if path is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
            tmp.write_text(html, encoding="utf-8")
            os.replace(tmp, path)
            for old in sorted(folder.glob("map-*.html"), key=lambda p: p.stat().st_mtime)[:-64]:
                old.unlink(missing_ok=True)  # keep the 64 newest
        except OSError:
            pass  # a cache that cannot be written is no error
    return html


def _cache_dir() -> Path | None:
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("geo-explorer", appauthor=False)) / "documents"
    except Exception:  # noqa: BLE001 - no cache folder: build every time
        return None


@lru_cache(maxsize=1)
def _code_key() -> str:
    """What every document depends on besides its arguments: this package's document code, the border
    overlay, the basemap's index, and the folium and branca versions."""
    from importlib.metadata import PackageNotFoundError, version

    from explorer import resources

    h = hashlib.sha256()
    here = Path(__file__).parent
    try:
        for name in ("document.py", "basemap.py", "elements.py", "assets.py"):
            h.update((here / name).read_bytes())
        h.update(resources.geodata_path("border_region.geojson").read_bytes())
        h.update((basemap.source_dir() / basemap.INDEX).read_bytes()[:4096])
    except OSError:
        return ""  # no sources to key on (a frozen build keeps none): no disk cache, build each time
    for dist in ("folium", "branca", "jinja2", "xstatic-leaflet"):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()


def _disk_key(basemap_style: str, border_on: bool, bounds: tuple) -> str:
    if not _code_key():
        return ""
    return hashlib.sha256(f"{_code_key()}|{basemap_style}|{border_on}|{bounds!r}".encode()).hexdigest()[:24]


def render_html(data: MapData, basemap_style: str = "light") -> str:
    if basemap_style not in basemap.STYLES:
        raise ValueError(f"unknown basemap style {basemap_style!r} (one of {', '.join(basemap.STYLES)})")
    return _render(basemap_style, in_border_region(data), _bounds_key(initial_bounds(data)))


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(html: str) -> str:
    """A strict Content-Security-Policy for a rendered document.

    Scripts: the document's own files ('self') and exactly its inline scripts
    (by hash: folium writes the map's setup inline), nothing else, no eval.
    No connections of any kind (fetch, XHR, WebSocket, EventSource, beacons),
    no frames, workers, objects, media, forms or base URL. Images from the
    document's own files and data: URLs; styles from its files and inline
    (Leaflet and folium set styles inline; a style cannot run code).
    """
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
                      + "'" for m in _INLINE_SCRIPT.finditer(html))
    return ("default-src 'none'; "
            f"script-src 'self' {hashes}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "connect-src 'none'; frame-src 'none'; child-src 'none'; worker-src 'none'; object-src 'none'; "
            "media-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'")


def sealed_html(data: MapData, basemap_style: str = "light") -> str:
    """The document with its Content-Security-Policy as the first element of its head (for the app's view)."""
    html = render_html(data, basemap_style)
    policy = content_security_policy(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    head = re.search(r"<head[^>]*>", html)
    if head is None:
        return meta + html
    return html[:head.end()] + meta + html[head.end():]


def write_document(data: MapData, folder: str | Path, basemap_style: str = "light") -> Path:
    """Write the map document, its data script and its local assets into ``folder``; return the HTML path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    assets.copy_assets(folder)
    basemap.install(folder)
    script = folder / DATA_SCRIPT
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(places_js(data), encoding="ascii")
    out = folder / DOCUMENT_NAME
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(render_html(data, basemap_style=basemap_style), encoding="utf-8")
    tmp.replace(out)
    return out
