"""GIS exports under the map's filters: each layer holds what the map shows (issue 10: exports follow filters)."""
import json
from datetime import date

import pytest

from explorer.core.export.gis import export, features, source_rows
from explorer.core.models import Event
from explorer.core.store import ingest as ingest_mod
from explorer.core.store import views
from explorer.core.store.ingest import ingest
from explorer.core.viewstate import NO_EVENT, Area, Filters
from tests.fakes import PLACES, FakeGeoparser

# Three articles of our own: strikes in Quetta (January), a protest in Lahore (March), an undated clash
# near Zahedan; Pakistan is named with no event.
ARTICLES = {
    "quetta.txt": "Strikes on Quetta\nMissile strikes hit Quetta on 16 January 2024, officials said.\n",
    "lahore.txt": "Lahore march\nProtesters marched in Lahore on 2 March 2024 against prices in Pakistan.\n",
    "zahedan.txt": "Border clash\nGunmen clashed with guards near Zahedan, a local source said.\n",
}
WHAT = {  # place -> (fine type, ACLED type, date)
    "Quetta": ("air_strike", "Explosions/Remote violence", "2024-01-16"),
    "Lahore": ("peaceful_protest", "Protests", "2024-03-02"),
    "Zahedan": ("armed_clash", "Battles", None),
}


def fake_events(article, text, mentions):
    out = []
    for m in mentions:
        if m.place.name in WHAT and m.start > text.index("\n"):  # the body's mention, not the title's
            kind, acled, day = WHAT[m.place.name]
            out.append(Event(m.article_id, kind, acled, m.sentence_start, m.sentence_end, m.place, "x", day,
                             "day" if day else None, (), m.start, m.end))
    return out


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "find_events", fake_events)
    paths = []
    for name, text in ARTICLES.items():
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    with ingest(paths, geoparser=FakeGeoparser()) as result:
        assert not result.errors
        yield result.project


def _names(feats, key="place_name"):
    return sorted({props[key] for _xy, props in feats})


def around(name: str, pad: float = 1.0) -> Area:
    p = PLACES[name]
    return Area.box(p.lon - pad, p.lat - pad, p.lon + pad, p.lat + pad)


def test_no_filters_exports_everything_as_before(project):
    for what in ("events", "mentions", "places"):
        assert features(project, what, Filters()) == features(project, what) == features(project, what, None)
    assert _names(features(project, "events")) == ["Lahore", "Quetta", "Zahedan"]
    assert "Pakistan" in _names(features(project, "places"))


def test_a_box_keeps_only_what_is_inside(project, tmp_path):
    f = Filters(area=around("Quetta"))
    assert _names(features(project, "events", f)) == ["Quetta"]
    assert _names(features(project, "places", f)) == ["Quetta"]
    mentions = features(project, "mentions", f)
    assert mentions and _names(mentions) == ["Quetta"]
    for xy, _props in mentions:
        assert f.area.west <= xy[0] <= f.area.east and f.area.south <= xy[1] <= f.area.north
    # written to a file, the same
    out = tmp_path / "events.geojson"
    assert export(project, "events", out, filters=f) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [ft["properties"]["place_name"] for ft in data["features"]] == ["Quetta"]


def test_a_box_with_two_places(project):
    lahore, quetta = PLACES["Lahore"], PLACES["Quetta"]
    f = Filters(area=Area.box(quetta.lon - 0.5, quetta.lat - 0.5, lahore.lon + 0.5, lahore.lat + 0.5))
    assert _names(features(project, "events", f)) == ["Lahore", "Quetta"]
    assert "Zahedan" not in _names(features(project, "places", f))


def test_a_date_range_keeps_only_events_in_it(project):
    f = Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31), include_undated=False)
    events = features(project, "events", f)
    assert [p["date"] for _xy, p in events] == ["2024-01-16"]
    # the places and mentions are those of the pins the map shows: places with a kept event
    assert _names(features(project, "places", f)) == ["Quetta"]
    assert _names(features(project, "mentions", f)) == ["Quetta"]
    # the undated clash passes when undated events are included
    f2 = Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31), include_undated=True)
    assert _names(features(project, "events", f2)) == ["Quetta", "Zahedan"]


def test_a_type_filter_and_a_hidden_category(project):
    f = Filters(types=frozenset({"peaceful_protest"}))
    assert [p["event_type"] for _xy, p in features(project, "events", f)] == ["peaceful_protest"]
    assert _names(features(project, "places", f)) == ["Lahore"]
    hidden = Filters(hidden=frozenset({"Protests", "Battles"}))
    assert _names(features(project, "events", hidden)) == ["Quetta"]


def test_places_count_only_the_events_the_filters_keep(project):
    both = Filters(area=around("Lahore"), types=frozenset({"air_strike", "peaceful_protest"}))
    (row,) = [p for _xy, p in features(project, "places", both)]
    assert row["place_name"] == "Lahore" and row["events"] == 1
    none = Filters(types=frozenset({"air_strike"}), area=around("Lahore"))
    assert features(project, "places", none) == [] and features(project, "events", none) == []


def test_hiding_places_with_no_event_drops_them(project):
    f = Filters(hidden=frozenset({NO_EVENT}))
    names = _names(features(project, "places", f))
    assert "Pakistan" not in names and names == ["Lahore", "Quetta", "Zahedan"]


@pytest.mark.parametrize("f", [
    Filters(),
    Filters(area=around("Quetta")),
    Filters(types=frozenset({"armed_clash"})),
    Filters(date_from=date(2024, 3, 1), include_undated=False),
    Filters(hidden=frozenset({NO_EVENT})),
    Filters(hidden=frozenset({"Protests"}), area=around("Lahore", 8)),
])
def test_the_places_exported_are_the_pins_the_map_shows(project, f):
    table = views.place_table(project.conn)
    shown = views.pin_counts(project.conn, table, f).shown
    on_map = sorted(table.place_id[i] for i, s in enumerate(shown) if s)
    assert sorted(p["place_id"] for _xy, p in features(project, "places", f)) == on_map


def test_geopackage_sources_follow_the_events(project, tmp_path):
    gpd = pytest.importorskip("geopandas")
    f = Filters(area=around("Quetta"))
    out = tmp_path / "events.gpkg"
    assert export(project, "events", out, filters=f) == 1
    assert len(gpd.read_file(out, layer="events")) == 1
    rows = source_rows(project, f)
    assert rows and {r["place_name"] for r in rows} == {"Quetta"} and {r["event_fid"] for r in rows} == {1}
    assert len(source_rows(project)) == 3


def test_cli_export_takes_a_box_dates_and_types(project, tmp_path, capsys):
    from explorer.cli import main

    saved = tmp_path / "p.gpkg"
    project.copy_to(saved)
    q = PLACES["Quetta"]
    out = tmp_path / "e.geojson"
    rc = main(["export", "--what", "events", "--out", str(out), "--project", str(saved),
               "--bbox", f"{q.lon - 1},{q.lat - 1},{q.lon + 1},{q.lat + 1}"])
    assert rc == 0
    assert [x["properties"]["place_name"] for x in json.loads(out.read_text())["features"]] == ["Quetta"]
    rc = main(["export", "--what", "events", "--out", str(out), "--project", str(saved), "--from", "2024-03-01",
               "--include-undated"])
    assert rc == 0
    assert _names([(None, x["properties"]) for x in json.loads(out.read_text())["features"]]) == ["Lahore", "Zahedan"]
    rc = main(["export", "--what", "events", "--out", str(out), "--project", str(saved), "--types", "Battles"])
    assert rc == 0
    assert _names([(None, x["properties"]) for x in json.loads(out.read_text())["features"]]) == ["Zahedan"]
    assert "under the filters" in capsys.readouterr().out
    rc = main(["export", "--what", "events", "--out", str(out), "--project", str(saved), "--types", "nonsense"])
    assert rc == 2 and "unknown event type" in capsys.readouterr().err
