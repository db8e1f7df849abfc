"""GIS exports, read back with geopandas (pyogrio): GeoJSON, GeoPackage, KML, CSV."""
import json
from xml.etree import ElementTree as ET

import pytest

from explorer.core.export.gis import COLUMNS, export, features, format_for
from explorer.core.store import ingest as ingest_mod
from explorer.core.store.ingest import ingest
from explorer.core.models import Event, Place
from explorer.core.store.project import Project
from tests.fakes import FakeGeoparser

gpd = pytest.importorskip("geopandas")

TEXT = ('Strikes on Quetta\nMissile strikes hit Quetta on 16 January, officials in Lahore said. '
        'A reader typed <script>alert("x")</script> & "quotes" \u2014 near Zahedan.\nMeanwhile, talks in Lahore.\n')
NOWHERE = Place("gn:0", "Nowhere", "city", 0.0, 0.0)


def fake_events(article, text, mentions):
    out = []
    for m in mentions:
        if m.place.name == "Quetta" and "strikes" in text[m.sentence_start:m.sentence_end].lower():
            out.append(Event(m.article_id, "airstrike", "Explosions/Remote violence", m.sentence_start,
                             m.sentence_end, m.place, "strikes", "2024-01-16", "day",
                             ("Iran", "Pakistan; army"), m.start, m.end))
    out.append(Event(article.article_id, "statement", "Strategic developments", 0, 6, None, "said"))
    return out


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "find_events", fake_events)
    p = tmp_path / "art-1.txt"
    p.write_text(TEXT, encoding="utf-8")
    with ingest([p], geoparser=FakeGeoparser()) as result:
        assert not result.errors
        yield result.project


def _read(path, fmt):
    if fmt == "csv":
        return gpd.read_file(path, X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat", KEEP_GEOM_COLUMNS="NO")
    return gpd.read_file(path)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml", "csv"])
@pytest.mark.parametrize("what", ["mentions", "events", "places"])
def test_round_trip_each_format(corpus, tmp_path, fmt, what):
    out = tmp_path / f"out.{ 'geojson' if fmt == 'geojson' else fmt}"
    n = export(corpus, what, out, fmt)
    feats = features(corpus, what)
    located = [f for f in feats if f[0] is not None]
    expected = len(located) if fmt == "kml" else len(feats)
    assert n == expected and expected > 0
    df = _read(out, fmt) if fmt != "gpkg" else gpd.read_file(out, layer=what)
    assert len(df) == expected
    assert not out.with_name(out.name + ".part").exists()
    cols = [c for c, _ in COLUMNS[what]]
    if fmt != "kml":  # GDAL's KML driver reads name and description only
        assert set(cols) <= set(df.columns)
        for i, (xy, props) in enumerate(feats):
            row = df.iloc[i]
            for key in ("place_id", "article_id", "start", "end", "event_type", "mentions"):
                if key in props:
                    got = row[key]
                    want = props[key]
                    if want is None:
                        assert got is None or got != got or got == "", (key, got)
                    else:
                        assert str(got) == str(want), (key, got, want)
            if xy is None:
                assert row.geometry is None or row.geometry.is_empty
            else:
                assert (row.geometry.x, row.geometry.y) == pytest.approx(xy)
    else:
        assert list(df["Name"])[0]
        assert all(g.geom_type == "Point" for g in df.geometry)
    if fmt == "geojson" or df.crs is not None:
        assert df.crs is None or df.crs.to_epsg() == 4326


def test_events_geojson_properties(corpus, tmp_path):
    out = tmp_path / "events.geojson"
    export(corpus, "events", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    located = [f for f in doc["features"] if f["geometry"]]
    # the headline and the body sentence both report the Quetta strike: one event, two sources
    assert len(located) == 1 and len(doc["features"]) == 2
    props = located[0]["properties"]
    for key in ("event_type", "acled_type", "sub_event_type", "date", "date_end", "date_precision",
                "time_precision", "date_inferred", "geo_precision", "actors", "place_name", "place_id",
                "sources", "article_id", "article_ids", "disputed", "start", "end", "excerpt"):
        assert key in props
    assert props["sources"] == 2 and props["article_ids"] == ["art-1"] and props["disputed"] == []
    assert props["time_precision"] == 1
    assert props["actors"] == ["Iran", "Pakistan; army"]  # a real list in GeoJSON
    assert props["date"] == "2024-01-16" and props["date_precision"] == "day"
    assert props["place_name"] == "Quetta" and props["article_id"] == "art-1"
    assert TEXT[props["start"]:props["end"]] == props["excerpt"]
    assert located[0]["geometry"]["coordinates"] == [67.00141, 30.18414]
    unlocated = [f for f in doc["features"] if f["geometry"] is None][0]["properties"]
    assert unlocated["place_id"] is None and unlocated["event_type"] == "statement"


def test_actors_joined_in_flat_formats(corpus, tmp_path):
    export(corpus, "events", tmp_path / "e.csv")
    export(corpus, "events", tmp_path / "e.gpkg")
    csv_df = _read(tmp_path / "e.csv", "csv")
    gpkg_df = gpd.read_file(tmp_path / "e.gpkg", layer="events")
    assert list(csv_df.actors[:1]) == ["Iran; Pakistan; army"]
    assert list(gpkg_df.actors[:1]) == ["Iran; Pakistan; army"]
    assert csv_df.iloc[1].geometry is None or csv_df.iloc[1].geometry.is_empty


def test_events_geopackage_relates_every_source(corpus, tmp_path):
    """The event_sources table and its Related Tables relation, as GDAL/QGIS read them."""
    import sqlite3

    out = tmp_path / "e.gpkg"
    export(corpus, "events", out)
    events = gpd.read_file(out, layer="events")
    sources = gpd.read_file(out, layer="event_sources")
    assert len(events) == 2 and len(sources) == 3 and set(sources.article_id) == {"art-1"}
    assert sorted(sources.groupby("event_fid").size().tolist()) == [1, 2]
    with sqlite3.connect(out) as c:
        rel = c.execute("SELECT base_table_name, base_primary_column, related_table_name, relation_name, "
                        "mapping_table_name FROM gpkgext_relations").fetchall()
        assert rel == [("events", "fid", "event_sources", "attributes", "events_event_sources")]
        pairs = c.execute("SELECT m.base_id, s.event_fid FROM events_event_sources m "
                          "JOIN event_sources s ON s.fid = m.related_id").fetchall()
        assert len(pairs) == 3 and all(a == b for a, b in pairs)
        ext = {r[0] for r in c.execute("SELECT table_name FROM gpkg_extensions "
                                       "WHERE extension_name = 'gpkg_related_tables'")}
        assert ext == {"gpkgext_relations", "events_event_sources"}


def test_mentions_export_keeps_the_skeleton_contract(corpus, tmp_path):
    out = tmp_path / "m.geojson"
    export(corpus, "mentions", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    f = doc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [67.00141, 30.18414]}
    for key in ("place_name", "place_id", "place_kind", "country_code", "article_id", "start", "end", "excerpt"):
        assert key in f["properties"]
    assert TEXT[f["properties"]["start"]:f["properties"]["end"]] == "Quetta"


def test_places_counts(corpus):
    rows = {p["place_name"]: p for _, p in features(corpus, "places")}
    assert rows["Quetta"]["mentions"] == 2 and rows["Quetta"]["events"] == 1  # one happening, told twice
    assert rows["Lahore"]["mentions"] == 2 and rows["Lahore"]["events"] == 0
    assert rows["Lahore"]["articles"] == 1


def test_kml_escapes_markup_and_is_valid_xml(corpus, tmp_path):
    out = tmp_path / "m.kml"
    export(corpus, "mentions", out, "kml")
    raw = out.read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw and "&amp;" in raw
    root = ET.parse(out).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    descriptions = [d.text for d in root.iterfind(".//k:Placemark/k:description", ns)]
    assert any('<script>alert("x")</script> & "quotes"' in d for d in descriptions)
    data = root.find(".//k:Placemark/k:ExtendedData", ns)
    assert {d.get("name") for d in data} >= {"place_id", "article_id", "start", "end"}


def test_kml_survives_control_characters(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "find_events", lambda a, t, m: [])
    p = tmp_path / "ctl.txt"
    p.write_text("News\nQuetta\x0b had a \x1b[31m coloured day." + " Nothing else happened." * 20 + "\n",
                 encoding="utf-8")
    out = tmp_path / "c.kml"
    with ingest([p], geoparser=FakeGeoparser()) as result:
        assert export(result.project, "mentions", out) == 1
    ET.parse(out)  # well-formed


def test_format_from_suffix():
    assert [format_for(x) for x in ("a.geojson", "a.json", "a.GPKG", "a.kml", "a.csv", "a.txt")] == \
        ["geojson", "geojson", "gpkg", "kml", "csv", "geojson"]
    assert format_for("a.geojson", "csv") == "csv"
    with pytest.raises(ValueError):
        format_for("a", "shp")


def test_cli_export_from_project_and_from_paths(corpus, tmp_path, monkeypatch, capsys):
    from explorer.cli import main

    monkeypatch.setattr(ingest_mod, "_default_geoparser", FakeGeoparser)
    project = tmp_path / "p.gpkg"
    with Project(project) as pr:
        ingest([tmp_path / "art-1.txt"], project=pr, geoparser=FakeGeoparser())
    out = tmp_path / "ev.gpkg"
    assert main(["export", "--format", "gpkg", "--what", "events", "--out", str(out), "--project", str(project)]) == 0
    back = gpd.read_file(out, layer="events")
    assert len(back) == 2 and sorted(back.event_type) == ["airstrike", "statement"]
    assert "2 events (gpkg)" in capsys.readouterr().out
    out2 = tmp_path / "places.csv"
    assert main(["export", "--what", "places", "--out", str(out2), str(tmp_path / "art-1.txt")]) == 0
    assert len(_read(out2, "csv")) == 3
    assert main(["export", "--out", str(tmp_path / "x.geojson"), "--project", str(tmp_path / "none.gpkg")]) == 2
    assert "no such project file" in capsys.readouterr().err
