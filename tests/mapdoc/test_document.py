import json
import re

from explorer.core.store.views import ACLED_CODE
from explorer.core.viewstate import Filters
from explorer.mapdoc.document import (
    DATA_SCRIPT,
    ACLED_COLOURS,
    MapData,
    acled_slug,
    initial_bounds,
    js_json,
    places_js,
    render_html,
    write_document,
)
from tests.contents import map_data
from tests.fakes import FakeGeoparser


def _data(tmp_path, text="Strikes near Quetta and Zahedan. Talks in Lahore. More in Quetta.", filters=None):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    return map_data([p], filters=filters, geoparser=FakeGeoparser())


def _places(script: str) -> dict:
    assert script.startswith("window.GE_PLACES = ") and script.rstrip().endswith(";")
    return json.loads(script[len("window.GE_PLACES = "):].rstrip().rstrip(";"))


def test_one_pin_per_place_with_counts_as_columns(tmp_path):
    places = _places(places_js(_data(tmp_path)))
    by_name = {n: i for i, n in enumerate(places["names"])}
    assert set(by_name) == {"Quetta", "Zahedan", "Lahore"}
    q = by_name["Quetta"]
    assert places["mentions"][q] == 2 and places["ids"][q] == "gn:1167528"
    assert (places["lon"][q], places["lat"][q]) == (67.00141, 30.18414)
    assert places["counts"] is None  # no filter: every place, its own counts


def test_filtered_data_carries_counts_and_hidden_rows(tmp_path):
    data = _data(tmp_path, filters=Filters(hidden=frozenset({"places named, no event"})))
    places = _places(places_js(data))
    assert places["counts"]["hidden"] == ["places named, no event"]
    assert len(places["counts"]["shown"]) == len(places["ids"])


def test_document_loads_nothing_from_the_network(tmp_path):
    html = render_html(_data(tmp_path))
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert srcs, "the document references its scripts"
    assert all(not s.startswith(("http:", "https:", "//")) for s in srcs), srcs
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html and "cdnjs" not in html
    assert "lib/leaflet/leaflet.js" in html and "lib/geo_explorer.js" in html and "lib/geo_pins.js" in html
    assert "lib/supercluster/supercluster.min.js" in html and DATA_SCRIPT in html
    assert "Quetta" not in html  # the places are in the data script, not in the document


def test_written_document_has_its_assets_and_its_data(tmp_path):
    out = write_document(_data(tmp_path), tmp_path / "doc")
    assert out.is_file()
    for rel in ("lib/leaflet/leaflet.js", "lib/leaflet/leaflet.css", "lib/geo_explorer.js", "lib/geo_pins.js",
                "lib/supercluster/supercluster.min.js", DATA_SCRIPT):
        assert (out.parent / rel).stat().st_size > 100
    assert "Quetta" in (out.parent / DATA_SCRIPT).read_text()


def test_border_region_layer_is_in_the_document(tmp_path):
    html = render_html(_data(tmp_path))
    assert "Sistan and Baluchestan" in html and "Balochistan" in html
    assert "Iran\\u2013Pakistan border" in html or "Iran–Pakistan border" in html


def test_script_data_cannot_close_the_script_element():
    s = js_json({"name": "</script><script>alert(1)</script>&"})
    assert "<" not in s and ">" not in s and "&" not in s
    assert json.loads(s)["name"].startswith("</script>")


def test_place_names_in_the_data_script_cannot_close_it(tmp_path):
    from explorer.core.models import Place
    from tests.fakes import FakeGeoparser as Fake

    evil = Place("x:1", "</script><script>alert(1)</script>", "city", 30.0, 67.0, "PK")
    p = tmp_path / "a.txt"
    p.write_text("News from Evil.", encoding="utf-8")
    data = map_data([p], geoparser=Fake({"Evil": evil}))
    script = places_js(data)
    assert "</script" not in script and _places(script)["names"] == [evil.name]


def test_initial_view_is_where_most_mentions_are():
    from explorer.core.store.views import KIND_CODE, PlaceTable

    t = PlaceTable()
    for lat, lon, n, kind in [(30.2, 67.0, 5, "city"), (29.5, 60.9, 3, "city"), (33.7, 73.0, 2, "city"),
                              (38.9, -77.0, 1, "city"),  # one far-away town
                              (39.8, -98.5, 40, "country")]:  # countries do not decide the view
        t.lat.append(lat), t.lon.append(lon), t.mentions.append(n), t.kind.append(KIND_CODE[kind])
        t.fid.append(len(t.fid))
    (s, w), (n, e) = initial_bounds(MapData(t))
    assert (s, w, n, e) == (29.5, 60.9, 33.7, 73.0)


def test_the_css_colours_each_acled_type_as_the_data_says():
    from pathlib import Path

    import explorer.mapdoc as md

    css = (Path(md.__file__).parent / "static" / "geo_explorer.css").read_text()
    for name, colour in ACLED_COLOURS.items():
        assert f".ge-acled-{acled_slug(name)} .ge-pin-dot {{ background: {colour}; }}" in css
        assert name in ACLED_CODE
