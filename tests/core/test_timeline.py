"""The timeline's arithmetic: bars, axes that read, the brush, playback steps, the words."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core import timeline as tl
from explorer.core.timeline import Brush, DayCounts, Scale

D = date


def _counts():
    return DayCounts({D(2024, 1, 1): {"Battles": 2, "Protests": 1},  # a Monday
                      D(2024, 1, 3): {"Protests": 4},
                      D(2024, 1, 8): {"Riots": 1, None: 1},
                      D(2024, 2, 29): {"Something new": 3}}, undated=5)


def test_day_counts_sum_into_days_weeks_and_months_in_stack_order():
    c = _counts()
    assert (c.first, c.last, c.total, c.undated) == (D(2024, 1, 1), D(2024, 2, 29), 12, 5)
    days = c.bars(D(2024, 1, 1), D(2024, 1, 3), "day")
    assert [(b.start, b.end, b.total) for b in days] == [(D(2024, 1, 1), D(2024, 1, 1), 3),
                                                         (D(2024, 1, 2), D(2024, 1, 2), 0),
                                                         (D(2024, 1, 3), D(2024, 1, 3), 4)]
    assert days[0].parts() == [("Battles", 2), ("Protests", 1)]  # ACLED's order, bottom first
    weeks = c.bars(D(2024, 1, 2), D(2024, 1, 9), "week")  # whole weeks, even where the view cuts them
    assert [(b.start, b.end, b.total) for b in weeks] == [(D(2024, 1, 1), D(2024, 1, 7), 7),
                                                          (D(2024, 1, 8), D(2024, 1, 14), 2)]
    assert weeks[1].parts() == [("Riots", 1), (tl.OTHER, 1)]  # no type: 'Other', on top
    months = c.bars(D(2024, 1, 15), D(2024, 3, 1), "month")
    assert [(b.start, b.end, b.total) for b in months] == [(D(2024, 1, 1), D(2024, 1, 31), 9),
                                                           (D(2024, 2, 1), D(2024, 2, 29), 3),
                                                           (D(2024, 3, 1), D(2024, 3, 31), 0)]
    assert c.between(D(2024, 1, 2), D(2024, 1, 8)) == 6
    assert c.first_after(D(2024, 1, 4)) == D(2024, 1, 8) and c.first_after(D(2024, 3, 1)) is None
    empty = DayCounts({}, undated=3)
    assert not empty and empty.first is None and empty.bars(D(2024, 1, 1), D(2024, 1, 2), "day")[0].total == 0


@given(st.dates(D(1990, 1, 1), D(2030, 1, 1)), st.integers(0, 800), st.sampled_from(tl.BUCKETS))
def test_bars_tile_the_view_without_gaps_or_overlap(lo, days, bucket):
    hi = lo + timedelta(days=days)
    bars = DayCounts().bars(lo, hi, bucket)
    assert bars[0].start <= lo and bars[-1].end >= hi
    for a, b in zip(bars, bars[1:]):
        assert b.start == a.end + timedelta(days=1)
    assert all(tl.bucket_start(b.start, bucket) == b.start for b in bars)


def test_the_bucket_follows_the_time_in_view():
    assert tl.auto_bucket(60, 900) == "day"
    assert tl.auto_bucket(400, 900) == "week"
    assert tl.auto_bucket(3 * 365, 900) == "month"
    # wider: finer
    assert tl.auto_bucket(400, 3000) == "day"


def test_fit_range_comes_from_the_events_with_a_margin_and_a_minimum_width():
    lo, hi = tl.fit_range(D(2024, 1, 1), D(2024, 12, 31))
    assert lo < D(2024, 1, 1) and hi > D(2024, 12, 31) and (hi - lo).days < 400
    lo, hi = tl.fit_range(D(2024, 5, 5), D(2024, 5, 5))  # one day: a week around it, not a point
    assert (hi - lo).days + 1 == tl.MIN_VIEW_DAYS and lo < D(2024, 5, 5) < hi


def test_zoom_keeps_the_anchor_in_place_and_stays_within_bounds():
    bounds = (D(2023, 1, 1), D(2025, 12, 31))
    view = (D(2024, 1, 1), D(2024, 12, 31))
    anchor = D(2024, 4, 1)
    lo, hi = tl.zoom(view, anchor, 0.5, bounds)
    assert (hi - lo).days + 1 == 183
    frac_before = (anchor - view[0]).days / 366
    frac_after = (anchor - lo).days / 183
    assert abs(frac_before - frac_after) < 0.01
    # zooming in stops at the narrowest view, zooming out at the bounds
    for _ in range(30):
        lo, hi = tl.zoom((lo, hi), anchor, 0.5, bounds)
    assert (hi - lo).days + 1 == tl.MIN_VIEW_DAYS
    for _ in range(30):
        lo, hi = tl.zoom((lo, hi), anchor, 2.0, bounds)
    assert (lo, hi) == bounds
    # a small factor on a narrow view still moves
    assert tl.zoom((D(2024, 1, 1), D(2024, 1, 10)), D(2024, 1, 5), 1.05, bounds) != (D(2024, 1, 1), D(2024, 1, 10))
    assert tl.pan(view, -10000, bounds)[0] == bounds[0]
    assert tl.pan(view, 31, bounds) == (D(2024, 2, 1), D(2025, 1, 31))


def test_scale_maps_days_to_pixels_and_back_snapping_to_whole_days():
    s = Scale(D(2024, 1, 1), D(2024, 1, 10), 50, 100)  # 10 px a day
    assert s.x(D(2024, 1, 1)) == 50 and s.x(D(2024, 1, 11)) == 150
    assert s.day_at(50) == D(2024, 1, 1) and s.day_at(59.9) == D(2024, 1, 1) and s.day_at(60) == D(2024, 1, 2)
    assert s.day_at(-1000) == D(2024, 1, 1) and s.day_at(1000) == D(2024, 1, 10)  # clamped to the view
    assert s.nearest_edge(64) == D(2024, 1, 2) and s.nearest_edge(66) == D(2024, 1, 3)


def _measure(text):
    return 7.0 * len(text)  # a font of 7 px a character


@given(st.dates(D(1950, 1, 1), D(2040, 1, 1)), st.integers(6, 20000), st.integers(120, 2400))
def test_date_labels_never_overlap_nor_leave_the_axis(lo, days, width):
    hi = lo + timedelta(days=days)
    s = Scale(lo, hi, 40, width)
    axis = tl.date_axis(s, _measure, gap=8)
    labelled = [t for t in axis.ticks if t.label]
    for a, b in zip(labelled, labelled[1:]):
        assert a.x + _measure(a.label) / 2 + 8 <= b.x - _measure(b.label) / 2 + 1e-6
    for t in labelled:
        assert 40 <= t.x - _measure(t.label) / 2 and t.x + _measure(t.label) / 2 <= 40 + width
    for a, b in zip(axis.context, axis.context[1:]):
        assert a.x + _measure(a.label) + 8 <= b.x + 1e-6
    for t in axis.context:
        assert t.x + _measure(t.label) <= 40 + width + 0.5
    assert all(lo <= t.day <= hi for t in axis.ticks)


def test_axis_picks_days_weeks_months_or_years_by_the_room_there_is():
    assert tl.date_axis(Scale(D(2024, 1, 1), D(2024, 1, 14), 0, 900), _measure).unit == "day"
    assert tl.date_axis(Scale(D(2024, 1, 1), D(2024, 4, 30), 0, 900), _measure).unit == "week"
    months = tl.date_axis(Scale(D(2023, 1, 1), D(2024, 12, 31), 0, 900), _measure)
    assert months.unit == "month" and {t.label for t in months.ticks} >= {"Jan", "Jul"}
    assert [t.label for t in months.context] == ["2023", "2024"]
    years = tl.date_axis(Scale(D(1900, 1, 1), D(2024, 12, 31), 0, 900), _measure)
    assert years.unit == "year" and years.context == ()
    days = tl.date_axis(Scale(D(2024, 1, 20), D(2024, 2, 10), 0, 900), _measure)
    assert [t.label for t in days.context] == ["January 2024", "February 2024"]  # the first day in view names its month


def test_count_axis_is_whole_round_numbers_that_fit():
    top, ticks = tl.count_ticks(37, 100, min_gap=18)
    assert top >= 37 and ticks[0] == 0 and ticks[-1] == top
    assert len(ticks) - 1 <= 100 / 18
    assert all(isinstance(t, int) for t in ticks)
    step = ticks[1] - ticks[0]
    assert str(step)[0] in "125" and set(str(step)[1:]) <= {"0"}
    assert tl.count_ticks(1, 100) == (1, [0, 1])
    assert tl.count_ticks(3, 100, min_gap=18) == (3, [0, 1, 2, 3])
    top, ticks = tl.count_ticks(123456, 10)  # no room: just the top
    assert ticks == [0, top] and top >= 123456


def test_brush_drags_snap_to_days_and_move_and_resize_by_their_edges():
    s = Scale(D(2024, 1, 1), D(2024, 1, 31), 0, 310)  # 10 px a day
    b = Brush.between(s.day_at(205), s.day_at(42))  # dragged right to left
    assert (b.start, b.end, b.days) == (D(2024, 1, 5), D(2024, 1, 21), 17)
    assert b.hit(s.x(b.start) + 2, s) == "start" and b.hit(s.x(D(2024, 1, 22)) - 3, s) == "end"
    assert b.hit(120, s) == "inside" and b.hit(10, s) is None
    bounds = (D(2024, 1, 1), D(2024, 1, 31))
    assert b.moved(3) == Brush(D(2024, 1, 8), D(2024, 1, 24))
    assert b.moved(100, bounds) == Brush(D(2024, 1, 15), D(2024, 1, 31))  # stops at the end, whole
    assert b.moved(-100, bounds) == Brush(D(2024, 1, 1), D(2024, 1, 17))
    assert b.with_edge("start", D(2024, 1, 2)) == Brush(D(2024, 1, 2), D(2024, 1, 21))
    assert b.with_edge("end", D(2024, 1, 26)) == Brush(D(2024, 1, 5), D(2024, 1, 25))
    assert b.with_edge("start", D(2024, 1, 28)) == Brush(D(2024, 1, 21), D(2024, 1, 21))  # past the end: one day
    with pytest.raises(ValueError):
        Brush(D(2024, 1, 2), D(2024, 1, 1))


def test_brush_steps_by_a_bar():
    b = Brush(D(2024, 1, 10), D(2024, 1, 12))
    assert b.stepped("day", 1) == Brush(D(2024, 1, 11), D(2024, 1, 13))
    assert b.stepped("week", -1) == Brush(D(2024, 1, 3), D(2024, 1, 5))
    jan = Brush(D(2024, 1, 1), D(2024, 1, 31))
    assert jan.stepped("month", 1) == Brush(D(2024, 2, 1), D(2024, 2, 29))  # whole months stay whole
    assert jan.stepped("month", -1) == Brush(D(2023, 12, 1), D(2023, 12, 31))
    assert b.stepped("month", 1) == Brush(D(2024, 2, 10), D(2024, 2, 12))
    bounds = (D(2024, 1, 1), D(2024, 1, 31))
    assert jan.stepped("month", 1, bounds) == jan  # no room: stays
    assert b.stepped("day", -30, bounds) == Brush(D(2024, 1, 1), D(2024, 1, 3))


@given(st.dates(D(2000, 1, 1), D(2030, 1, 1)), st.integers(0, 400), st.integers(1, 60), st.booleans())
def test_playback_skips_no_day_and_ends_on_the_last(first, days, window, cumulative):
    last = first + timedelta(days=days)
    frames = tl.play_frames(first, last, window, cumulative)
    assert frames[-1][1] == last
    assert len(frames) == -(-(days + 1) // window)
    if cumulative:
        assert all(a == first for a, _ in frames)
        assert [b for _, b in frames] == sorted({b for _, b in frames})
    else:
        assert frames[0][0] == first
        for (a, b), (c, _) in zip(frames, frames[1:]):
            assert c == b + timedelta(days=1) and (b - a).days + 1 == window  # back to back, full windows


def test_playback_examples():
    assert tl.play_frames(D(2024, 1, 1), D(2024, 1, 10), 4, False) == [
        (D(2024, 1, 1), D(2024, 1, 4)), (D(2024, 1, 5), D(2024, 1, 8)), (D(2024, 1, 9), D(2024, 1, 10))]
    assert tl.play_frames(D(2024, 1, 1), D(2024, 1, 10), 4, True) == [
        (D(2024, 1, 1), D(2024, 1, 4)), (D(2024, 1, 1), D(2024, 1, 8)), (D(2024, 1, 1), D(2024, 1, 10))]
    assert tl.play_frames(D(2024, 1, 1), D(2024, 1, 1), 7, False) == [(D(2024, 1, 1), D(2024, 1, 1))]
    with pytest.raises(ValueError):
        tl.play_frames(D(2024, 1, 1), D(2024, 1, 2), 0, False)


def test_words():
    assert tl.range_text(D(2024, 1, 12), D(2024, 2, 3)) == "12 Jan – 3 Feb 2024"
    assert tl.range_text(D(2024, 1, 12), D(2024, 1, 18)) == "12–18 Jan 2024"
    assert tl.range_text(D(2024, 1, 12), D(2024, 1, 12)) == "12 Jan 2024"
    assert tl.range_text(D(2024, 1, 3), D(2023, 12, 28)) == "28 Dec 2023 – 3 Jan 2024"
    assert tl.brush_text(D(2024, 1, 12), D(2024, 2, 3), 41) == "12 Jan – 3 Feb 2024, 41 events"
    assert tl.brush_text(D(2024, 1, 12), D(2024, 1, 12), 1) == "12 Jan 2024, 1 event"
    assert tl.brush_text(D(2024, 1, 12), D(2024, 2, 3), 0) == "No events between 12 Jan and 3 Feb 2024"
    assert tl.brush_text(D(2023, 12, 30), D(2024, 1, 2), 0) == "No events between 30 Dec 2023 and 2 Jan 2024"
    assert tl.brush_text(D(2024, 1, 12), D(2024, 1, 12), 0) == "No events on 12 Jan 2024"
    assert tl.plural(1234, "event") == "1,234 events"
    bar = tl.Bar(D(2024, 1, 1), D(2024, 1, 7), (1, 0, 0, 3, 0, 0, 0))
    assert tl.bar_text(bar, "week") == "Week of 1 Jan 2024: 4 events\n  Protests: 3\n  Battles: 1"


def test_playback_goes_through_the_events_in_view():
    c = _counts()
    assert c.play_range() == (D(2024, 1, 1), D(2024, 2, 29))
    assert c.play_range((D(2024, 1, 2), D(2024, 2, 1))) == (D(2024, 1, 3), D(2024, 1, 8))
    assert c.play_range((D(2024, 1, 9), D(2024, 2, 1))) == (D(2024, 1, 1), D(2024, 2, 29))  # none in view: all
    assert DayCounts().play_range() is None
    assert c.last_before(D(2024, 1, 7)) == D(2024, 1, 3) and c.last_before(D(2023, 1, 1)) is None
