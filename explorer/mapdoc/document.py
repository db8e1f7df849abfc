"""Turn a corpus into a self-contained, offline Leaflet document with folium.

The document holds: the offline basemap and the Iran–Pakistan border-region
overlay (``basemap.py``), one pin per place named in the articles, a legend,
and the bridge hooks of ``static/geo_explorer.js``. It imports no Qt.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import folium

from explorer.core.store import Corpus
from explorer.mapdoc import assets, basemap
from explorer.mapdoc.basemap import STYLE_BORDER, STYLE_PROVINCE
from explorer.mapdoc.elements import Script as _Script
from explorer.mapdoc.elements import js_json  # noqa: F401  (callers import it from here)

DOCUMENT_NAME = "map.html"
KIND_LABELS = {
    "poi": "site", "city": "city or town", "admin2": "district or county", "admin1": "province or state",
    "region": "region", "country": "country", "continent": "continent",
}
# Kinds whose pins decide the initial view (countries and continents would
# stretch it over half the world).
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
KIND_COLOURS = {"city": "#d7263d", "admin1": "#1982c4", "region": "#2a9d8f", "country": "#6a4c93"}


def acled_slug(acled_type: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in acled_type.lower()).strip("-")


class OfflineMap(folium.Map):
    """A folium map whose scripts and styles come from installed packages."""

    default_js = assets.default_js() + [("geo_basemap_index", f"{assets.LIB}/{basemap.FOLDER}/{basemap.INDEX}")]
    default_css = assets.default_css()


class PinLayer(_Script):
    def __init__(self, collection: dict, cluster_radius: int = 40, cluster_above: int = 150):
        super().__init__(
            """
            window.geoExplorer.addPins({{ this._parent.get_name() }}, {{ this.data.pins }},
                {clusterRadius: {{ this.data.radius }}, disableClusteringAtZoom: 8,
                 clusterAbove: {{ this.data.above }}});
            """,
            pins=collection,
            radius=cluster_radius,
            above=cluster_above,
        )


class Legend(_Script):
    """A static legend control; entries are (swatch CSS class, colour, text)."""

    def __init__(self, title: str, entries: list[tuple[str, str, str]]):
        super().__init__(
            """
            (function (map) {
              var legend = L.control({position: "bottomright"});
              legend.onAdd = function () {
                var box = L.DomUtil.create("div", "ge-legend");
                var t = L.DomUtil.create("div", "ge-legend-title", box);
                t.textContent = {{ this.data.title }};
                {{ this.data.entries }}.forEach(function (e) {
                  var row = L.DomUtil.create("div", "", box);
                  var sw = L.DomUtil.create("i", e[0], row);
                  sw.style.background = e[1];
                  row.appendChild(document.createTextNode(e[2]));
                });
                L.DomEvent.disableClickPropagation(box);
                return box;
              };
              legend.addTo(map);
            })({{ this._parent.get_name() }});
            """,
            title=title,
            entries=[list(e) for e in entries],
        )


class FitAndReady(_Script):
    def __init__(self, bounds):
        super().__init__(
            """
            window.geoExplorer.fit({{ this._parent.get_name() }}, {{ this.data.bounds }});
            window.geoExplorer.markReady();
            """,
            bounds=bounds,
        )


def pin_collection(corpus: Corpus) -> dict:
    """Places as a GeoJSON FeatureCollection, one feature per place.

    A place where events happened carries the most frequent event type
    (ties: the first reported) and its ACLED type, which style its pin.
    """
    from collections import Counter

    events_by_place: dict[str, Counter] = {}
    for ev in corpus.events:
        if ev.place is not None:
            events_by_place.setdefault(ev.place.place_id, Counter())[(ev.event_type, ev.acled_type)] += 1
    event_places = {ev.place.place_id: ev.place for ev in corpus.events if ev.place is not None}
    summaries = list(corpus.places())
    seen = {s.place.place_id for s in summaries}
    from explorer.core.store import PlaceSummary

    # an event's place is normally also mentioned; if not, it still gets a pin
    summaries += [PlaceSummary(p, 0, 0) for pid, p in event_places.items() if pid not in seen]
    features = []
    for s in summaries:
        p = s.place
        counts = events_by_place.get(p.place_id)
        top = counts.most_common(1)[0][0] if counts else (None, None)
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(p.lon, 5), round(p.lat, 5)]},
            "properties": {
                "place_id": p.place_id,
                "name": p.name,
                "kind": p.kind,
                "kind_label": KIND_LABELS.get(p.kind, p.kind),
                "country_code": p.country_code,
                "mentions": s.mentions,
                "articles": s.articles,
                "events": sum(counts.values()) if counts else 0,
                "event_type": top[0],
                "event_label": top[0].replace("_", " ") if top[0] else None,
                "acled_type": top[1],
                "acled_slug": acled_slug(top[1]) if top[1] else None,
            },
        })
    return {"type": "FeatureCollection", "features": features}


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


def initial_bounds(collection: dict, radius_km: float = 3000.0):
    """The view to open on: where most local mentions are.

    Local pins (cities, provinces, regions) within ``radius_km`` of their
    mention-weighted median; a stray far-away town does not zoom the view
    out to the whole world. Falls back to every pin, then to the region the
    bundled geodata covers in detail.
    """
    feats = [f for f in collection["features"] if f["properties"]["kind"] in _LOCAL_KINDS] \
        or collection["features"]
    if not feats:
        return [[10.0, 30.0], [45.0, 85.0]]
    pts = [(f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0], f["properties"]["mentions"])
           for f in feats]
    lat0 = _weighted_median([(la, w) for la, _, w in pts])
    lon0 = _weighted_median([(lo, w) for _, lo, w in pts])
    near = [(la, lo) for la, lo, _ in pts if _km(lat0, lon0, la, lo) <= radius_km] or \
           [(la, lo) for la, lo, _ in pts]
    lats, lons = [p[0] for p in near], [p[1] for p in near]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def legend_entries(pins: dict, border_region: bool = True) -> list[tuple[str, str, str]]:
    """Legend rows for what the map shows: event types present, plain pin kinds, the border layer if shown."""
    props = [f["properties"] for f in pins["features"]]
    acled = [a for a in ACLED_COLOURS if any(p["acled_type"] == a for p in props)]
    rows = [("ge-swatch-event", ACLED_COLOURS[a], f"event: {a}") for a in acled]
    kinds = {p["kind"] for p in props if not p["acled_type"]}
    names = {"city": "place: city or town", "admin1": "place: province or state",
             "region": "place: region", "country": "place: country"}
    rows += [("", KIND_COLOURS[k], names[k]) for k in ("city", "admin1", "region", "country")
             if k in kinds or not props]
    if border_region:
        rows += [("ge-swatch-area", STYLE_PROVINCE["fillColor"], "border provinces"),
                 ("ge-swatch-line", STYLE_BORDER["color"], "Iran–Pakistan border")]
    return rows


def build_map(corpus: Corpus, basemap_style: str = "light") -> folium.Map:
    """The map document for ``corpus``; ``basemap_style`` is "light" or "dark"."""
    pins = pin_collection(corpus)
    m = OfflineMap(location=[30, 60], zoom_start=4, tiles=None, control_scale=True, world_copy_jump=True)
    # With no tile layer, folium sets no zoom limits, and marker clustering needs one.
    m.options["minZoom"] = 2
    m.options["maxZoom"] = 12

    border_on = basemap.add_basemap(m, pins, style=basemap_style)
    PinLayer(pins).add_to(m)
    Legend("Geo Explorer", legend_entries(pins, border_region=border_on)).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    FitAndReady(initial_bounds(pins)).add_to(m)
    return m


def render_html(corpus: Corpus, basemap_style: str = "light") -> str:
    return build_map(corpus, basemap_style=basemap_style).get_root().render()


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


def sealed_html(corpus: Corpus, basemap_style: str = "light") -> str:
    """The document with its Content-Security-Policy as the first element of its head (for the app's view)."""
    html = render_html(corpus, basemap_style)
    policy = content_security_policy(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    head = re.search(r"<head[^>]*>", html)
    if head is None:
        return meta + html
    return html[:head.end()] + meta + html[head.end():]


def write_document(corpus: Corpus, folder: str | Path, basemap_style: str = "light") -> Path:
    """Write the map document and its local assets into ``folder``; return the HTML path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    assets.copy_assets(folder)
    basemap.install(folder)
    out = folder / DOCUMENT_NAME
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(render_html(corpus, basemap_style=basemap_style), encoding="utf-8")
    tmp.replace(out)
    return out
