from datetime import date

from explorer.core.viewstate import NO_EVENT, Filters, MapView, ViewState


def test_updates_tell_listeners_what_changed_and_nothing_when_nothing_did():
    state, seen = ViewState(), []
    state.subscribe(lambda s, changed: seen.append(changed))
    assert state.update(types=frozenset({"air_strike"})) == {"types"}
    assert state.update(types=frozenset({"air_strike"})) == set()
    state.toggle_hidden("Riots")
    state.toggle_hidden("Riots")
    state.set_view(MapView(30.0, 66.0, 5))
    assert seen == [{"types"}, {"hidden"}, {"hidden"}, {"view"}]
    assert state.filters.hidden == frozenset()


def test_which_filters_narrow_events():
    assert not Filters().active
    assert not Filters(hidden=frozenset({NO_EVENT})).event_filter_active
    assert Filters(hidden=frozenset({NO_EVENT})).active
    assert Filters(hidden=frozenset({"Riots"})).event_filter_active
    assert Filters(date_from=date(2024, 1, 1)).event_filter_active
    assert Filters(area=(60, 25, 70, 35)).active and not Filters(area=(60, 25, 70, 35)).event_filter_active


def test_round_trip_through_json_and_nonsense_gives_defaults():
    state = ViewState()
    state.update(hidden=frozenset({"Protests"}), types=frozenset({"riot"}), date_from=date(2024, 1, 2),
                 date_to=date(2024, 2, 3), include_undated=False, actors=frozenset({"Police (Kenya)"}),
                 countries=frozenset({"PK"}), outlets=frozenset({"Dawn"}), area=(60.0, 25.0, 70.0, 35.0))
    state.set_view(MapView(29.5, 64.2, 6.0))
    again = ViewState()
    again.load_json(state.to_json())
    assert again.filters == state.filters and again.view == state.view
    broken = ViewState()
    broken.load_json('{"filters": {"date_from": "not a date", "area": [1, 2], "types": ["a"]}, "view": 3}')
    assert broken.filters == Filters(types=frozenset({"a"})) and broken.view is None
    broken.load_json("not json at all")
    assert broken.filters == Filters()


def test_an_area_round_trips_through_the_saved_state():
    from explorer.core.viewstate import Area, ViewState

    circle = Area("circle", 66.0, 29.3, 68.0, 31.1, lat=30.18, lon=66.99, km=100.0, label="within 100 km of Quetta")
    for area in (circle, Area("province", 60.8, 24.9, 70.3, 32.1, province=1159310539, label="the province X"),
                 Area.box(70, 30, 60, 25)):
        s = ViewState()
        s.update(area=area)
        back = ViewState()
        back.load_json(s.to_json())
        assert back.filters.area == area
    assert Area.box(70, 30, 60, 25).bounds == (60.0, 25.0, 70.0, 30.0)
    old = ViewState()
    old.load_json('{"filters": {"area": [60, 25, 70, 35]}}')  # a box saved by an earlier version
    assert old.filters.area.kind == "box" and old.filters.area.bounds == (60.0, 25.0, 70.0, 35.0)
    bad = ViewState()
    bad.load_json('{"filters": {"area": {"kind": "circle", "west": 1, "south": 2, "east": 3, "north": 4}}}')
    assert bad.filters.area is None  # a circle without centre or radius
