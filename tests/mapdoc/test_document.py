import json
import re

from explorer.core.store.ingest import ingest
from explorer.mapdoc.document import js_json, pin_collection, render_html, write_document
from tests.fakes import FakeGeoparser


def _corpus(tmp_path, text="Strikes near Quetta and Zahedan. Talks in Lahore. More in Quetta."):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    return ingest([p], geoparser=FakeGeoparser())


def test_one_pin_per_place_with_counts(tmp_path):
    pins = pin_collection(_corpus(tmp_path))
    by_name = {f["properties"]["name"]: f for f in pins["features"]}
    assert set(by_name) == {"Quetta", "Zahedan", "Lahore"}
    assert by_name["Quetta"]["properties"]["mentions"] == 2
    assert by_name["Quetta"]["geometry"]["coordinates"] == [67.00141, 30.18414]


def test_document_loads_nothing_from_the_network(tmp_path):
    html = render_html(_corpus(tmp_path))
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert srcs, "the document references its scripts"
    assert all(not s.startswith(("http:", "https:", "//")) for s in srcs), srcs
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html and "cdnjs" not in html
    assert "lib/leaflet/leaflet.js" in html and "lib/geo_explorer.js" in html


def test_written_document_has_its_assets(tmp_path):
    out = write_document(_corpus(tmp_path), tmp_path / "doc")
    assert out.is_file()
    for rel in ("lib/leaflet/leaflet.js", "lib/leaflet/leaflet.css", "lib/geo_explorer.js",
                "lib/markercluster/leaflet.markercluster.js"):
        assert (out.parent / rel).stat().st_size > 100


def test_border_region_layer_is_in_the_document(tmp_path):
    html = render_html(_corpus(tmp_path))
    assert "Sistan and Baluchestan" in html and "Balochistan" in html
    assert "Iran\\u2013Pakistan border" in html or "Iran–Pakistan border" in html


def test_script_data_cannot_close_the_script_element():
    s = js_json({"name": "</script><script>alert(1)</script>&"})
    assert "<" not in s and ">" not in s and "&" not in s
    assert json.loads(s)["name"].startswith("</script>")


def test_initial_view_is_where_most_mentions_are():
    from explorer.mapdoc.document import initial_bounds

    def feat(lat, lon, n, kind="city"):
        return {"geometry": {"coordinates": [lon, lat]}, "properties": {"kind": kind, "mentions": n}}

    pins = {"features": [feat(30.2, 67.0, 5), feat(29.5, 60.9, 3), feat(33.7, 73.0, 2),
                         feat(38.9, -77.0, 1),  # one far-away town
                         feat(39.8, -98.5, 40, kind="country")]}  # countries do not decide the view
    (s, w), (n, e) = initial_bounds(pins)
    assert (s, w, n, e) == (29.5, 60.9, 33.7, 73.0)


def test_event_pins_carry_their_type_and_the_css_matches_the_legend_colours():
    from explorer.core.models import Event, Mention, Place
    from explorer.core.store import Corpus
    from explorer.mapdoc.document import ACLED_COLOURS, acled_slug, legend_entries

    q = Place("gn:1", "Quetta", "city", 30.2, 67.0, "PK")
    z = Place("gn:2", "Zahedan", "city", 29.5, 60.9, "IR")
    c = Corpus()
    c.mentions = [Mention("a", 0, 6, "Quetta", q, 1.0, 0, 10), Mention("a", 20, 27, "Zahedan", z, 1.0, 20, 30)]
    c.events = [Event("a", "air_or_missile_strike", "Explosions/Remote violence", 0, 10, q)] * 2
    pins = {f["properties"]["name"]: f["properties"] for f in pin_collection(c)["features"]}
    assert pins["Quetta"]["event_type"] == "air_or_missile_strike" and pins["Quetta"]["events"] == 2
    assert pins["Zahedan"]["event_type"] is None  # mentioned, no event: a plain pin
    rows = legend_entries(pin_collection(c))
    assert ("ge-swatch-event", ACLED_COLOURS["Explosions/Remote violence"],
            "event: Explosions/Remote violence") in rows
    from pathlib import Path

    import explorer.mapdoc as md

    css = (Path(md.__file__).parent / "static" / "geo_explorer.css").read_text()
    for name, colour in ACLED_COLOURS.items():
        assert f".ge-acled-{acled_slug(name)} .ge-pin-dot {{ background: {colour}; }}" in css
