"""The print layout's model (explorer.mapdoc.layout): no Qt, a plain text measure."""
from __future__ import annotations

from datetime import date

import pytest

from explorer.core.events.taxonomy import ACLED_TYPES, TYPES
from explorer.core.viewstate import NO_EVENT, Filters
from explorer.mapdoc import layout as L


def measure(text: str, size: float, bold: bool = False) -> float:
    return len(text) * size * (0.62 if bold else 0.55)


# ---------------------------------------------------------------- pages

def test_paper_pages_have_the_paper_size_at_their_dpi():
    a4 = L.page_for(paper="A4")
    assert (a4.width, a4.height, a4.dpi) == (2480, 3508, 300.0)
    w_mm, h_mm = a4.size_mm
    assert abs(w_mm - 210) < 0.2 and abs(h_mm - 297) < 0.2
    land = L.page_for(paper="a3", orientation="landscape", dpi=150)
    assert land.width > land.height and land.paper == "A3"
    assert abs(land.size_mm[0] - 420) < 0.3
    letter = L.page_for(paper="letter", dpi=100)
    assert (letter.width, letter.height) == (850, 1100)
    assert abs(a4.size_pt[0] - 595.3) < 0.5 and abs(a4.size_pt[1] - 841.9) < 0.5


def test_pixel_pages_and_bad_sizes():
    page = L.page_for(1920, 1080)
    assert (page.width, page.height, page.unit) == (1920, 1080, 1.0)
    for bad in (dict(width=50, height=500), dict(width=500, height=20000), dict(paper="A5"),
                dict(paper="A4", orientation="sideways"), dict(paper="A4", dpi=5000)):
        with pytest.raises(L.LayoutError):
            L.page_for(**bad)


# ---------------------------------------------------------------- --types and --bbox

def test_types_take_categories_and_fine_types_in_any_case():
    battles = {t.id for t in TYPES if t.acled_type == "Battles"}
    assert L.parse_types("battles") == battles
    one = TYPES[3]
    assert L.parse_types(f"{one.id.upper()}") == {one.id}
    assert L.parse_types(f" {one.label.lower()} ") == {one.id}
    both = L.parse_types(f"Battles,{one.id}")
    assert both == battles | {one.id}


def test_unknown_types_list_the_valid_names():
    with pytest.raises(L.LayoutError) as exc:
        L.parse_types("Battles,Dragons")
    text = str(exc.value)
    assert "Dragons" in text and "Battles," not in text.split(".")[0]
    for name in ACLED_TYPES:
        assert name in text
    assert TYPES[0].id in text


def test_bbox():
    assert L.parse_bbox("60,24,66.5,30") == (60.0, 24.0, 66.5, 30.0)
    for bad in ("60,24,66", "66,24,60,30", "a,b,c,d", "0,-89,10,10"):
        with pytest.raises(L.LayoutError):
            L.parse_bbox(bad)


# ---------------------------------------------------------------- the subtitle

def test_subtitle_states_dates_filters_and_counts():
    f = Filters(types=L.parse_types("Protests,Riots"), date_from=date(2024, 1, 3), date_to=date(2024, 2, 9),
                include_undated=False, countries=frozenset({"PK"}))
    text = L.subtitle(f, None, events=12, places=5)
    assert "3 Jan – 9 Feb 2024" in text
    assert "Protests, Riots only" in text
    assert "dated events only" in text
    assert "PK" in text and "12 events at 5 places" in text


def test_subtitle_without_filters_gives_the_events_span():
    text = L.subtitle(Filters(), (date(2023, 12, 30), date(2024, 1, 2)), events=1, places=1)
    assert text.startswith("30 Dec 2023 – 2 Jan 2024")
    assert "1 event at 1 place" in text
    hidden = L.subtitle(Filters(hidden=frozenset({"Riots", NO_EVENT})))
    assert "without Riots" in hidden


# ---------------------------------------------------------------- the scale bar

@pytest.mark.parametrize("mpp", [3.7, 120.0, 4270.0, 61000.0])
@pytest.mark.parametrize("max_px", [90, 260])
def test_scale_bar_is_a_round_length_whose_text_fits_in_it(mpp, max_px):
    metres, px, label = L.nice_scale(mpp, max_px, measure, 11.0)
    assert px <= max_px + 1e-6
    assert measure(label, 11.0) + 8 <= px  # the text fits over the bar
    lead = metres / 10 ** len(str(int(metres))[1:])
    assert lead in (1, 2, 5)
    assert abs(px * mpp - metres) < 1e-6 * metres


def test_scale_labels():
    assert L.scale_label(500_000) == "500 km"
    assert L.scale_label(2_000_000) == "2,000 km"
    assert L.scale_label(200) == "200 m"


# ---------------------------------------------------------------- fit and notes

def _pins():
    return [L.Pin("a", "Quetta", "city", 30.2, 67.0, 40), L.Pin("b", "Turbat", "city", 26.0, 63.0, 9),
            L.Pin("c", "Paris", "city", 48.9, 2.3, 3), L.Pin("d", "Zahedan", "city", 29.5, 60.9, 12)]


def test_fit_all_holds_every_pin_and_local_names_what_it_leaves_out():
    pins = _pins()
    every = L.fit_pins(pins, "all")
    assert not every.outside
    assert all(L.inside(every.bounds, p.lat, p.lon) for p in pins)
    local = L.fit_pins(pins, "local", local_bounds=[[25.0, 60.0], [31.0, 68.0]])
    assert [p.name for p in local.outside] == ["Paris"]
    assert "Paris" in local.outside_text() and "--fit all" in local.outside_text()
    box = L.fit_pins(pins, bbox=(62.0, 25.0, 64.0, 27.0))
    assert sorted(p.name for p in box.outside) == ["Paris", "Quetta", "Zahedan"]
    with pytest.raises(L.LayoutError):
        L.fit_pins(pins, "everywhere")


def test_a_single_pin_gets_room_around_it():
    fit = L.fit_pins([L.Pin("a", "A", "city", 10.0, 20.0, 1)], "all")
    (s, w), (n, e) = fit.bounds
    assert n - s >= 0.5 and e - w >= 0.5


def test_notes_number_the_most_mentioned_pins_inside():
    top = L.top_pins(_pins(), [[25.0, 60.0], [31.0, 68.0]], 2)
    assert [p.name for p in top] == ["Quetta", "Zahedan"]
    note = L.Note(1, "Quetta", "A  bomb\nwent off in Quetta.", "Blast", "Dawn")
    assert note.text() == "1. Quetta: “A bomb went off in Quetta.” — Blast (Dawn)"


# ---------------------------------------------------------------- the legend

def test_legend_holds_only_what_is_drawn():
    rows = L.legend_rows({"acled": ["Riots"], "kinds": ["country"], "hollow": False, "clusters": False,
                          "border": False, "basemap": ["a0"]})
    texts = [r.text for r in rows]
    assert "Riots" in texts and "Battles" not in texts
    assert not any("Hollow" in t or "border" in t.lower() and "International" not in t for t in texts)
    assert "International boundary" in texts and "River" not in texts
    full = L.legend_rows({"acled": list(ACLED_TYPES), "hollow": True, "kinds": ["city"], "clusters": True,
                          "border": True, "basemap": ["a0", "a1", "river", "disputed"]}, notes=3)
    texts = [r.text for r in full]
    assert texts[:len(ACLED_TYPES)] == list(ACLED_TYPES)
    assert any("Hollow" in t for t in texts) and "Iran–Pakistan border" in texts and "Disputed area" in texts
    assert any("source notes" in t for t in texts)
    assert len(full) <= L.MAX_LEGEND_ROWS


# ---------------------------------------------------------------- the page's boxes

def _overlap(a: L.Box, b: L.Box) -> bool:
    return a.overlaps(b)


@pytest.mark.parametrize("page", [L.page_for(1920, 1080), L.page_for(800, 600), L.page_for(paper="A4"),
                                  L.page_for(paper="letter", orientation="landscape", dpi=150)])
@pytest.mark.parametrize("n_notes", [0, 4])
def test_layout_boxes_lie_on_the_page_and_apart(page, n_notes):
    notes = [L.Note(k, f"Place {k}", "A long sentence that names the place and goes on " * 3, "An article", "Outlet")
             for k in range(1, n_notes + 1)]
    legend = L.legend_rows({"acled": list(ACLED_TYPES), "hollow": True, "kinds": ["city", "country"],
                            "border": True, "basemap": ["a0", "a1", "river"]}, notes=n_notes)
    title = "A very long title for a map of the border region between Iran and Pakistan in January 2024"
    lay = L.plan(page, title, "16–29 Jan 2024 · " + "a filter · " * 30, measure, notes, legend,
                 made="Made 2024-01-30 with Geo Explorer")
    sheet = L.Box(0, 0, page.width, page.height)
    for name, box in lay.boxes().items():
        assert sheet.contains(box), name
    assert not _overlap(lay.map, lay.legend)
    assert lay.map.contains(lay.north) and lay.map.contains(lay.scale)
    assert not _overlap(lay.north, lay.scale)
    for line in lay.all_text():
        width = measure(line.text, line.size, line.bold)
        left = line.x - (width if line.align == "right" else 0)
        assert left >= -0.5 and left + width <= page.width + 0.5, line.text
        assert 0 <= line.y and line.y + line.size <= page.height
        inside_map = lay.map.x < line.x < lay.map.right and lay.map.y < line.y < lay.map.bottom
        assert not inside_map, line.text
    assert lay.title.y < lay.map.y and all(s.y < lay.map.y for s in lay.subtitle)
    assert all(f.y > lay.map.bottom for f in lay.footer)
    assert any("GeoNames (CC BY 4.0)" in f.text for f in lay.footer)
    assert any("2024-01-30" in f.text for f in lay.footer)
    if n_notes:
        assert lay.notes and all(n.y >= lay.map.bottom for n in lay.notes)
        assert max(n.y for n in lay.notes) < min(f.y for f in lay.footer)
    for row, x, y in lay.legend_items:
        assert lay.legend.x <= x < lay.legend.right and lay.legend.y <= y < lay.legend.bottom
    # the map is most of the page
    assert lay.map.w * lay.map.h > 0.35 * page.width * page.height


def test_a_page_too_small_for_its_notes_says_so():
    notes = [L.Note(k, "P", "s " * 80, "A", None) for k in range(1, 40)]
    with pytest.raises(L.LayoutError):
        L.plan(L.page_for(400, 300), "T", "S", measure, notes)


def test_wrap_and_elide():
    lines = L.wrap("one two three four five six seven eight nine ten", 60, 10, measure, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(measure(x, 10) <= 60 for x in lines)
    text, size = L.fit_text("A title", 1000, 26, measure)
    assert (text, size) == ("A title", 26)
    text, size = L.fit_text("A title far too long for its box " * 3, 200, 26, measure, min_size=14)
    assert size >= 14 and measure(text, size) <= 200


# ---------------------------------------------------------------- the animation's steps

def test_steps_by_day_and_week_hold_events_only():
    days = [date(2024, 1, 16), date(2024, 1, 16), date(2024, 1, 18), date(2024, 1, 29)]
    assert L.steps(days, "day") == [(date(2024, 1, 16),) * 2, (date(2024, 1, 18),) * 2, (date(2024, 1, 29),) * 2]
    weeks = L.steps(days, "week")
    assert weeks == [(date(2024, 1, 15), date(2024, 1, 21)), (date(2024, 1, 29), date(2024, 2, 4))]
    with pytest.raises(L.LayoutError):
        L.steps(days, "month")


def test_sampled_steps_keep_the_last_and_spread_evenly():
    steps = list(range(300))
    picked, sampled = L.sample_steps(steps, 120)
    assert sampled and len(picked) == 120 and picked[0] == 0 and picked[-1] == 299
    assert picked == sorted(set(picked))
    same, sampled = L.sample_steps(steps[:5], 120)
    assert same == steps[:5] and not sampled


def test_frame_filters_cumulative_or_window():
    base = Filters(types=frozenset({"air_strike"}))
    step = (date(2024, 1, 18), date(2024, 1, 18))
    cum = L.frame_filters(base, step, date(2024, 1, 16), True)
    assert (cum.date_from, cum.date_to, cum.include_undated, cum.types) == (date(2024, 1, 16), date(2024, 1, 18),
                                                                            False, base.types)
    win = L.frame_filters(base, step, date(2024, 1, 16), False)
    assert (win.date_from, win.date_to) == step


@pytest.mark.parametrize("page", [L.page_for(paper="A4"), L.page_for(1920, 1080), L.page_for(900, 1200)])
def test_a_busy_legend_keeps_every_row(page):
    rows = L.legend_rows({"acled": list(ACLED_TYPES), "hollow": True, "kinds": ["city", "admin1", "country"],
                          "border": True, "basemap": ["a0", "a1", "river", "disputed"]})
    assert len(rows) >= 16
    lay = L.plan(page, "T", "S", measure, (), rows[:16])
    shown = [r.text for r, _, _ in lay.legend_items]
    assert len(shown) == 16
    assert all(full.startswith(text.rstrip("…")) for text, full in zip(shown, (r.text for r in rows[:16])))
    boxes = {(round(x), round(y)) for _, x, y in lay.legend_items}
    assert len(boxes) == 16  # no two rows on one spot


def test_the_rendered_document_is_kept_on_disk_and_read_back(tmp_path, monkeypatch):
    """A new process finds the map document in the user cache and need not build it (nor import folium)."""
    from explorer.core.store.views import PlaceTable
    from explorer.mapdoc import document

    monkeypatch.setattr(document, "_cache_dir", lambda: tmp_path)
    data = document.MapData(PlaceTable())
    document._render.cache_clear()
    html = document.render_html(data)
    files = list(tmp_path.glob("map-*.html"))
    assert len(files) == 1 and files[0].read_text(encoding="utf-8") == html
    files[0].write_text(html + "<!-- from the cache -->", encoding="utf-8")
    document._render.cache_clear()
    assert document.render_html(data).endswith("<!-- from the cache -->")
    assert document.render_html(data, "dark") != html  # another style, another document
    document._render.cache_clear()
