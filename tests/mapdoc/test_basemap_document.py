"""The basemap in the map document: layers, overlays, style, files beside the document."""
from __future__ import annotations

import os
import re

import pytest

from explorer.mapdoc import basemap
from explorer.mapdoc.document import in_border_region, render_html, write_document
from explorer.core.models import Place
from tests.contents import map_data
from tests.fakes import FakeGeoparser

PLACES = {
    "Quetta": Place("gn:1167528", "Quetta", "city", 30.18414, 67.00141, "PK", 733675, "Balochistan"),
    "Lahore": Place("gn:1172451", "Lahore", "city", 31.558, 74.35071, "PK", 6310888, "Punjab"),
    "Izmir": Place("gn:311046", "Izmir", "city", 38.41273, 27.13838, "TR", 2500603, "Izmir"),
    "Pakistan": Place("country:PK", "Pakistan", "country", 29.9, 66.0, "PK", 0, None),
}


def _corpus(tmp_path, text):
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    return map_data([p], geoparser=FakeGeoparser(PLACES))


def test_document_starts_the_basemap_with_its_files_and_switches(tmp_path):
    html = render_html(_corpus(tmp_path, "Talks in Quetta."))
    for src in ("lib/geo_basemap.js", "lib/basemap/index.js", "lib/geo_basemap.css"):
        assert src in html
    assert html.index("lib/geo_explorer.js") < html.index("lib/geo_basemap.js") < html.index("lib/basemap/index.js")
    m = re.search(r"window\.geoExplorer\.basemap\.init\(map_\w+, (\{.*?\})\);", html)
    assert m and '"style":"light"' in m.group(1) and '"base":"lib/basemap/"' in m.group(1)
    # every basemap switch and the border region are overlays in the layer control
    overlays = re.search(r"overlays\s*:\s*\{(.*?)\}", html, re.S).group(1)
    for _, name, _ in basemap.SWITCHES:
        assert f'"{name}"' in overlays
    assert "Iran\u2013Pakistan border region" in overlays or "Iran\\u2013Pakistan border region" in overlays
    assert "Made with Natural Earth" not in html  # the basemap sets the whole attribution line
    assert "GE_BASEMAP =" not in html  # no basemap data inside the document


def test_graticule_is_off_and_the_rest_on_at_start(tmp_path):
    html = render_html(_corpus(tmp_path, "Talks in Quetta."))
    names = dict(re.findall(r"var (basemap_switch_\w+) = window\.geoExplorer\.basemap\.switchLayer\(\"(\w+)\"\)", html))
    assert sorted(names.values()) == sorted(k for k, _, _ in basemap.SWITCHES)
    added = set(re.findall(r"(basemap_switch_\w+)\.addTo\(map_\w+\)", html))
    assert {names[v] for v in added} == {k for k, _, on in basemap.SWITCHES if on}
    assert "graticule" not in {names[v] for v in added}


def test_dark_style_is_a_document_option(tmp_path):
    corpus = _corpus(tmp_path, "Talks in Quetta.")
    assert '"style":"dark"' in render_html(corpus, basemap_style="dark")
    with pytest.raises(ValueError):
        render_html(corpus, basemap_style="sepia")


def test_border_region_overlay_is_on_only_with_places_in_the_region(tmp_path):
    inside = _corpus(tmp_path, "Strikes near Quetta.")
    outside = _corpus(tmp_path, "Talks in Lahore and Izmir. Pakistan said.")
    assert in_border_region(inside)
    assert not in_border_region(outside)  # Lahore is in Punjab; a country pin does not count
    assert basemap.in_border_region(64.09, 26.97)  # Panjgur
    assert basemap.in_border_region(60.86, 29.50)  # Zahedan
    assert not basemap.in_border_region(74.35, 31.56)  # Lahore
    html_in = render_html(_corpus(tmp_path, "Strikes near Quetta."))
    html_out = render_html(_corpus(tmp_path, "Talks in Lahore."))
    group = r"var (feature_group_\w+) = L\.featureGroup"
    fg_in = re.search(group, html_in).group(1)
    fg_out = re.search(group, html_out).group(1)
    assert f"{fg_in}.addTo(" in html_in
    assert f"{fg_out}.addTo(" not in html_out
    assert "Sistan and Baluchestan" in html_out  # still there, in the layer control, off


def test_write_document_places_the_cells_beside_it(tmp_path):
    out = write_document(_corpus(tmp_path, "Talks in Quetta."), tmp_path / "doc")
    lib = out.parent / "lib" / "basemap"
    assert basemap.wait_installed(out.parent)
    src = basemap.source_dir()
    expected = sorted(str(p.relative_to(src)) for p in src.rglob("*.js"))
    assert sorted(str(p.relative_to(lib)) for p in lib.rglob("*.js")) == expected
    assert (lib / "b1" / "disputed.js").read_bytes() == (src / "b1" / "disputed.js").read_bytes()
    stamp = (lib / ".version").read_text()
    # a second document in the same folder reuses the files
    before = (lib / "index.js").stat().st_mtime_ns
    write_document(_corpus(tmp_path, "Talks in Lahore."), tmp_path / "doc")
    assert (lib / "index.js").stat().st_mtime_ns == before and (lib / ".version").read_text() == stamp


def test_cells_are_copied_when_links_are_refused(tmp_path, monkeypatch):
    def refuse(*a, **k):
        raise PermissionError("no hard links here")

    monkeypatch.setattr(os, "link", refuse)
    folder = tmp_path / "doc"
    dest = basemap.install(folder)
    # what the first view needs is there at once; the detailed band may follow
    version, first, detail = basemap._plan()
    assert all((dest / name).is_file() for name in first)
    assert basemap.wait_installed(folder)
    assert all((dest / name).is_file() for name in detail)
    assert not list(dest.rglob("*.part"))
    assert (dest / ".version").read_text() == version
    assert not (dest / "index.js").samefile(basemap.source_dir() / "index.js")


def test_country_label_points_for_placing_country_pins():
    points = basemap.country_label_points()
    lat, lon = points["PAK"]
    assert 23 < lat < 37 and 60 < lon < 78
    assert len(points) > 200


def test_switches_can_be_set_for_a_document():
    import folium

    m = folium.Map(tiles=None)
    basemap.add_basemap(m, switches={"graticule": True, "rivers": False})
    html = m.get_root().render()
    assert '"graticule":true' in html and '"rivers":false' in html
    names = dict(re.findall(r"var (basemap_switch_\w+) = window\.geoExplorer\.basemap\.switchLayer\(\"(\w+)\"\)", html))
    added = {names[v] for v in re.findall(r"(basemap_switch_\w+)\.addTo\(map_\w+\)", html)}
    assert "graticule" in added and "rivers" not in added
    with pytest.raises(ValueError):
        basemap.add_basemap(folium.Map(tiles=None), switches={"tiles": True})


def test_page_files_cover_what_a_written_document_holds(tmp_path):
    from explorer.mapdoc import assets

    files = assets.page_files()
    out = write_document(_corpus(tmp_path, "Talks in Quetta."), tmp_path / "doc")
    assert basemap.wait_installed(out.parent)
    written = {str(p.relative_to(out.parent)) for p in (out.parent / "lib").rglob("*")
               if p.is_file() and p.name != ".version"}
    assert written == set(files)
    assert all(path.is_file() for path in files.values())
    assert "lib/basemap/index.js" in files and "lib/geo_basemap.js" in files
