"""The timeline's arithmetic, Qt-free: bars, axes, the brush, playback steps and the words shown.

The timeline panel (:mod:`explorer.gui.timeline`) draws what this module
works out, so every decision it makes can be tested without a screen:

- :class:`DayCounts`: events per day and ACLED type (what
  :func:`explorer.core.store.views.histogram` returns by day), summed into
  bars of a day, a week (Monday first) or a calendar month;
- :func:`auto_bucket`: the bar width a span in view asks for;
- :class:`Scale`: days <-> pixels; :func:`date_ticks` and
  :func:`count_ticks`: axes whose labels never overlap (the caller says how
  wide a label is);
- :func:`fit_range`, :func:`zoom`, :func:`pan`: the days in view;
- :class:`Brush`: a selected run of whole days, made by dragging, moved and
  resized by its edges, stepped by a bar;
- :func:`play_frames`: the windows playback steps through;
- :func:`day_text`, :func:`range_text`, :func:`brush_text`: the words.

Days are :class:`datetime.date`; a range is inclusive at both ends.
"""
from __future__ import annotations

import calendar
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from explorer.core.events.taxonomy import ACLED_TYPES

BUCKETS = ("day", "week", "month")
OTHER = "Other"  # events with no (or an unknown) ACLED type: the top of each stack
STACK_ORDER = (*ACLED_TYPES, OTHER)
MIN_VIEW_DAYS = 7  # the narrowest view (zooming in stops there)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")


# ---------------------------------------------------------------- days and buckets

def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months (the day clamped to the month's length)."""
    m = d.year * 12 + d.month - 1 + n
    y, m = divmod(m, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def bucket_start(d: date, bucket: str) -> date:
    """The first day of the bar holding ``d``: itself, its week's Monday, or its month's first day."""
    if bucket == "day":
        return d
    if bucket == "week":
        return d - timedelta(days=d.weekday())
    if bucket == "month":
        return d.replace(day=1)
    raise ValueError(f"unknown bucket {bucket!r}")


def bucket_next(start: date, bucket: str) -> date:
    """The first day of the bar after the one starting at ``start``."""
    if bucket == "day":
        return start + timedelta(days=1)
    if bucket == "week":
        return start + timedelta(days=7)
    if bucket == "month":
        return add_months(start.replace(day=1), 1)
    raise ValueError(f"unknown bucket {bucket!r}")


def buckets_between(lo: date, hi: date, bucket: str) -> list[date]:
    """The first days of the bars that hold a day of ``lo..hi``, in order."""
    out, d = [], bucket_start(lo, bucket)
    while d <= hi:
        out.append(d)
        d = bucket_next(d, bucket)
    return out


def auto_bucket(view_days: int, width_px: float, min_bar_px: float = 6.0) -> str:
    """The finest bar (day, week, month) at least ``min_bar_px`` wide when ``view_days`` fill ``width_px``."""
    per_day = width_px / max(1, view_days)
    if per_day >= min_bar_px:
        return "day"
    if per_day * 7 >= min_bar_px:
        return "week"
    return "month"


@dataclass(frozen=True)
class Bar:
    """A bar of the histogram: its days ``start..end`` (inclusive) and its counts in :data:`STACK_ORDER`."""

    start: date
    end: date
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def parts(self) -> list[tuple[str, int]]:
        """The (type, count) of each non-empty part, bottom of the stack first."""
        return [(t, n) for t, n in zip(STACK_ORDER, self.counts) if n]


class DayCounts:
    """Events per day and ACLED type (dated events only), with the undated ones counted beside them."""

    def __init__(self, per_day: Mapping[date, Mapping[str | None, int]] | None = None, undated: int = 0):
        self.days: dict[int, tuple[int, ...]] = {}
        index = {t: i for i, t in enumerate(STACK_ORDER)}
        for d, by_type in (per_day or {}).items():
            row = [0] * len(STACK_ORDER)
            for t, n in by_type.items():
                row[index.get(t, len(STACK_ORDER) - 1)] += int(n)
            if any(row):
                self.days[d.toordinal()] = tuple(row)
        self.undated = int(undated)
        self._sorted = sorted(self.days)

    def __bool__(self) -> bool:
        return bool(self.days)

    @property
    def first(self) -> date | None:
        return date.fromordinal(self._sorted[0]) if self._sorted else None

    @property
    def last(self) -> date | None:
        return date.fromordinal(self._sorted[-1]) if self._sorted else None

    @property
    def total(self) -> int:
        return sum(sum(r) for r in self.days.values())

    def between(self, lo: date, hi: date) -> int:
        """How many events start on a day of ``lo..hi``."""
        a, b = lo.toordinal(), hi.toordinal()
        return sum(sum(self.days[o]) for o in self._sorted if a <= o <= b)

    def first_after(self, d: date) -> date | None:
        """The first day with events on or after ``d``."""
        o = d.toordinal()
        return next((date.fromordinal(x) for x in self._sorted if x >= o), None)

    def last_before(self, d: date) -> date | None:
        """The last day with events on or before ``d``."""
        o = d.toordinal()
        return next((date.fromordinal(x) for x in reversed(self._sorted) if x <= o), None)

    def play_range(self, view: tuple[date, date] | None = None) -> tuple[date, date] | None:
        """The days playback goes through: the first to the last day with events in ``view`` (in all
        days when ``view`` holds none); None without events."""
        if not self._sorted:
            return None
        if view is not None:
            a, b = self.first_after(view[0]), self.last_before(view[1])
            if a is not None and b is not None and a <= b:
                return a, b
        return self.first, self.last

    def bars(self, lo: date, hi: date, bucket: str) -> list[Bar]:
        """The bars that hold a day of ``lo..hi`` (whole bars: a week's bar counts its whole week)."""
        starts = buckets_between(lo, hi, bucket)
        if not starts:
            return []
        out = []
        a = starts[0].toordinal()
        b = bucket_next(starts[-1], bucket).toordinal()
        sums = {s.toordinal(): [0] * len(STACK_ORDER) for s in starts}
        for o in self._sorted:
            if o < a:
                continue
            if o >= b:
                break
            key = bucket_start(date.fromordinal(o), bucket).toordinal()
            row = sums[key]
            for i, n in enumerate(self.days[o]):
                row[i] += n
        for s in starts:
            out.append(Bar(s, bucket_next(s, bucket) - timedelta(days=1), tuple(sums[s.toordinal()])))
        return out


# ---------------------------------------------------------------- the days in view

def fit_range(first: date, last: date, min_days: int = MIN_VIEW_DAYS) -> tuple[date, date]:
    """The view that shows ``first..last`` whole, with a margin, at least ``min_days`` wide."""
    days = (last - first).days + 1
    pad = max(1, round(days * 0.02))
    lo, hi = first - timedelta(days=pad), last + timedelta(days=pad)
    short = min_days - ((hi - lo).days + 1)
    if short > 0:
        lo -= timedelta(days=short // 2)
        hi += timedelta(days=short - short // 2)
    return lo, hi


def zoom(view: tuple[date, date], anchor: date, factor: float, bounds: tuple[date, date],
         min_days: int = MIN_VIEW_DAYS) -> tuple[date, date]:
    """The view scaled by ``factor`` (< 1 zooms in) about the day ``anchor``, kept within ``bounds``.

    The anchor stays where it was on screen (to the nearest day).
    """
    lo, hi = view
    days = (hi - lo).days + 1
    max_days = (bounds[1] - bounds[0]).days + 1
    new_days = int(round(days * factor))
    if factor < 1 and new_days >= days:
        new_days = days - 1
    elif factor > 1 and new_days <= days:
        new_days = days + 1
    new_days = max(min(min_days, max_days), min(max_days, new_days))
    frac = (anchor - lo).days / days if days else 0.5
    frac = min(1.0, max(0.0, frac))
    new_lo = anchor - timedelta(days=int(round(frac * new_days)))
    return clamp_view(new_lo, new_days, bounds)


def pan(view: tuple[date, date], days: int, bounds: tuple[date, date]) -> tuple[date, date]:
    """The view moved by ``days`` (later when positive), kept within ``bounds``."""
    lo, hi = view
    return clamp_view(lo + timedelta(days=days), (hi - lo).days + 1, bounds)


def clamp_view(lo: date, days: int, bounds: tuple[date, date]) -> tuple[date, date]:
    """A view of ``days`` days starting near ``lo``, moved (and if need be cut) to lie within ``bounds``."""
    b_lo, b_hi = bounds
    days = min(days, (b_hi - b_lo).days + 1)
    if lo < b_lo:
        lo = b_lo
    hi = lo + timedelta(days=days - 1)
    if hi > b_hi:
        hi = b_hi
        lo = hi - timedelta(days=days - 1)
    return lo, hi


def view_bounds(first: date, last: date) -> tuple[date, date]:
    """How far the view may go: the events' days with a margin of half their span (a year at least)."""
    span = (last - first).days + 1
    pad = max(366, span // 2)
    return first - timedelta(days=pad), last + timedelta(days=pad)


@dataclass(frozen=True)
class Scale:
    """Days ``lo..hi`` across ``width`` pixels from ``x0``: a day is a slot, its left edge at :meth:`x`."""

    lo: date
    hi: date
    x0: float
    width: float

    @property
    def days(self) -> int:
        return (self.hi - self.lo).days + 1

    @property
    def px_per_day(self) -> float:
        return self.width / self.days

    def x(self, d: date) -> float:
        """The left edge of day ``d`` (the right edge of a range ending on ``d`` is ``x(d + 1 day)``)."""
        return self.x0 + (d - self.lo).days * self.px_per_day

    def day_at(self, x: float) -> date:
        """The day whose slot holds ``x`` (clamped to the days in view)."""
        i = math.floor((x - self.x0) / self.px_per_day)
        return self.lo + timedelta(days=min(self.days - 1, max(0, i)))

    def nearest_edge(self, x: float) -> date:
        """The day whose left edge is nearest to ``x`` (where a brush's edge dragged to ``x`` goes)."""
        i = round((x - self.x0) / self.px_per_day)
        return self.lo + timedelta(days=min(self.days, max(0, i)))


# ---------------------------------------------------------------- axes

@dataclass(frozen=True)
class Tick:
    day: date
    label: str  # empty: a line without a label (its label would not fit)
    x: float  # where the line is drawn: a day's middle (day ticks), else the left edge of the day


@dataclass(frozen=True)
class DateAxis:
    """Tick lines with short labels centred on them (``unit`` apart, every ``step``), and a row of
    context labels under them (the month and year of day and week ticks, the year of month ticks),
    each left-aligned at its first day."""

    unit: str
    step: int
    ticks: tuple[Tick, ...]
    context: tuple[Tick, ...]


# (unit, step): days, weeks (Mondays), months (first days), years (1 January)
TICK_STEPS = (("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 2), ("month", 3),
              ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
              ("year", 100))


def _tick_days(lo: date, hi: date, unit: str, step: int) -> list[date]:
    """The tick days in ``lo..hi``: every ``step``-th day, Monday, first of a month or 1 January,
    counted from a fixed origin (so ticks stay put as the view pans)."""
    out = []
    if unit == "day":
        o = lo.toordinal()
        o += (-o) % step
        while o <= hi.toordinal():
            out.append(date.fromordinal(o))
            o += step
    elif unit == "week":
        o = (lo + timedelta(days=(-lo.weekday()) % 7)).toordinal()  # a Monday: ordinal = 7k + 1
        while (o // 7) % step:
            o += 7
        while o <= hi.toordinal():
            out.append(date.fromordinal(o))
            o += 7 * step
    elif unit == "month":
        d = lo.replace(day=1)
        if d < lo:
            d = add_months(d, 1)
        while (d.month - 1) % step:
            d = add_months(d, 1)
        while d <= hi:
            out.append(d)
            d = add_months(d, step)
    else:
        y = lo.year if (lo.month, lo.day) == (1, 1) else lo.year + 1
        y += (-y) % step
        while y <= min(hi.year, 9999):
            out.append(date(y, 1, 1))
            y += step
    return out


def _tick_label(d: date, unit: str) -> str:
    if unit in ("day", "week"):
        return str(d.day)
    if unit == "month":
        return MONTHS[d.month - 1]
    return str(d.year)


def date_axis(scale: Scale, measure: Callable[[str], float], gap: float = 8.0) -> DateAxis:
    """The densest ticks whose labels (``measure(text)`` pixels wide, centred on their lines) stay
    ``gap`` pixels apart, with the context row under them.

    A label that would stick out at either end of the axis loses its label
    (its line stays). Every candidate spacing is tried from the densest:
    the result never has overlapping labels.
    """
    left, right = scale.x0, scale.x0 + scale.width
    for unit, step in TICK_STEPS:
        days = _tick_days(scale.lo, scale.hi, unit, step)
        if len(days) * (gap + 4) > scale.width:
            continue  # cannot fit, whatever the labels
        ticks, prev, ok = [], -math.inf, True
        for d in days:
            x = scale.x(d) + (scale.px_per_day / 2 if unit == "day" else 0.0)
            label = _tick_label(d, unit)
            w = measure(label)
            if x - w / 2 < left or x + w / 2 > right:
                label = ""
            elif x - w / 2 < prev + gap:
                ok = False
                break
            else:
                prev = x + w / 2
            ticks.append(Tick(d, label, x))
        if ok:
            return DateAxis(unit, step, tuple(ticks), tuple(_context(scale, unit, measure, gap)))
    return DateAxis("year", TICK_STEPS[-1][1], (), ())


def _context(scale: Scale, unit: str, measure: Callable[[str], float], gap: float) -> list[Tick]:
    """Month names (under day and week ticks) or years (under month ticks) left-aligned at their first
    day, and at the first day in view when there is room before the next one; [] under year ticks.
    Long month names when they all fit, else short ones, else none."""
    if unit == "year":
        return []
    lo, hi = scale.lo, scale.hi
    left, right = scale.x0, scale.x0 + scale.width
    if unit in ("day", "week"):
        starts = _tick_days(lo, hi, "month", 1)
        names = (lambda d: f"{MONTH_NAMES[d.month - 1]} {d.year}", lambda d: f"{MONTHS[d.month - 1]} {d.year}")
    else:
        starts = _tick_days(lo, hi, "year", 1)
        names = (lambda d: str(d.year),)
    for name in names:
        out: list[Tick] = []
        ok = True
        marks = starts if starts and starts[0] == lo else [lo, *starts]
        for i, d in enumerate(marks):
            x, w = max(left, scale.x(d)), measure(name(d))
            nxt = scale.x(marks[i + 1]) if i + 1 < len(marks) else math.inf
            if d == lo and d not in starts:
                if x + w + gap <= min(nxt, right):
                    out.append(Tick(d, name(d), x))
                continue  # no room: the next label names it
            if x + w > right:
                continue  # the last month starts too near the right edge to be named there
            if x + w + gap > nxt:
                ok = False
                break
            out.append(Tick(d, name(d), x))
        if ok:
            return out
    return []


def count_ticks(max_count: int, height: float, min_gap: float = 18.0) -> tuple[int, list[int]]:
    """The count axis: its top (a round number, at least ``max_count``) and its ticks from 0, whole
    numbers (steps of 1, 2 or 5 times a power of ten) at least ``min_gap`` pixels apart over ``height``."""
    max_count = max(1, int(max_count))
    step = 1
    while True:
        for m in (1, 2, 5):
            s = m * step
            top = -(-max_count // s) * s
            if top // s * min_gap <= height or top == s:
                return top, list(range(0, top + 1, s))
        step *= 10


# ---------------------------------------------------------------- the brush

@dataclass(frozen=True)
class Brush:
    """Selected whole days ``start..end`` (inclusive)."""

    start: date
    end: date

    def __post_init__(self):
        if self.start > self.end:
            raise ValueError("a brush starts on or before its end")

    @classmethod
    def between(cls, a: date, b: date) -> Brush:
        return cls(min(a, b), max(a, b))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def hit(self, x: float, scale: Scale, tolerance: float = 5.0) -> str | None:
        """What of the brush is under ``x``: ``"start"`` or ``"end"`` (an edge), ``"inside"``, or None."""
        a, b = scale.x(self.start), scale.x(self.end + timedelta(days=1))
        tol = min(tolerance, max(1.0, (b - a) / 3))
        if abs(x - a) <= tol:
            return "start"
        if abs(x - b) <= tol:
            return "end"
        if a < x < b:
            return "inside"
        return None

    def moved(self, days: int, bounds: tuple[date, date] | None = None) -> Brush:
        """The brush moved by ``days``, kept (whole) within ``bounds``."""
        s, e = self.start + timedelta(days=days), self.end + timedelta(days=days)
        if bounds is not None:
            lo, hi = bounds
            if s < lo:
                s, e = lo, lo + (e - s)
            if e > hi:
                s, e = hi - (e - s), hi
            s = max(s, lo)
        return Brush(s, e)

    def with_edge(self, edge: str, day: date) -> Brush:
        """The brush with its ``"start"`` set to ``day`` or its ``"end"`` to the day before ``day``
        (``day`` is an edge: the left side of a day); an edge dragged past the other keeps one day."""
        if edge == "start":
            return Brush(min(day, self.end), self.end)
        return Brush(self.start, max(self.start, day - timedelta(days=1)))

    def stepped(self, bucket: str, n: int, bounds: tuple[date, date] | None = None) -> Brush:
        """The brush moved by ``n`` bars: days, weeks, or calendar months (a brush of whole months
        stays whole months)."""
        if bucket == "month":
            whole = self.start.day == 1 and self.end == month_end(self.end)
            s = add_months(self.start, n)
            e = month_end(add_months(self.end.replace(day=1), n)) if whole else add_months(self.end, n)
            b = Brush(s, e)
            if bounds is not None and (b.start < bounds[0] or b.end > bounds[1]):
                return self
            return b
        days = n * (7 if bucket == "week" else 1)
        return self.moved(days, bounds)


# ---------------------------------------------------------------- playback

def play_frames(first: date, last: date, window_days: int, cumulative: bool) -> list[tuple[date, date]]:
    """The windows playback shows, in order, over the days ``first..last``.

    A moving window of ``window_days`` days steps by its own width (so
    every day is in exactly one window: nothing is skipped); cumulative
    playback keeps the first day and grows the window by ``window_days``.
    The last window ends on ``last``.
    """
    if window_days < 1:
        raise ValueError("a playback window is one day or more")
    if last < first:
        return []
    out = []
    step = timedelta(days=window_days)
    start = first
    while True:
        end = min(last, start + step - timedelta(days=1))
        out.append((first if cumulative else start, end))
        if end >= last:
            return out
        start = end + timedelta(days=1)


# ---------------------------------------------------------------- words

def day_text(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def range_text(a: date, b: date) -> str:
    """``a..b`` in as few words as reads well: '12 Jan 2024', '12–18 Jan 2024', '12 Jan – 3 Feb 2024',
    '28 Dec 2023 – 3 Jan 2024'."""
    if a > b:
        a, b = b, a
    if a == b:
        return day_text(a)
    if a.year != b.year:
        return f"{day_text(a)} – {day_text(b)}"
    if a.month != b.month:
        return f"{a.day} {MONTHS[a.month - 1]} – {day_text(b)}"
    return f"{a.day}–{day_text(b)}"


def between_text(a: date, b: date) -> str:
    """'between 12 Jan and 3 Feb 2024' (or 'on 12 Jan 2024')."""
    if a > b:
        a, b = b, a
    if a == b:
        return f"on {day_text(a)}"
    first = day_text(a) if a.year != b.year else f"{a.day} {MONTHS[a.month - 1]}"
    return f"between {first} and {day_text(b)}"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def brush_text(a: date, b: date, events: int) -> str:
    """The selected range in words: '12 Jan – 3 Feb 2024, 41 events', or 'No events between …'."""
    if events <= 0:
        return f"No events {between_text(a, b)}"
    return f"{range_text(a, b)}, {plural(events, 'event')}"


def bar_text(bar: Bar, bucket: str) -> str:
    """A bar's tooltip: its days and counts by type, most first."""
    if bucket == "day":
        when = day_text(bar.start)
    elif bucket == "month":
        when = f"{MONTH_NAMES[bar.start.month - 1]} {bar.start.year}"
    else:
        when = f"Week of {day_text(bar.start)}"
    lines = [f"{when}: {plural(bar.total, 'event')}"]
    lines += [f"  {t}: {n:,}" for t, n in sorted(bar.parts(), key=lambda p: (-p[1], STACK_ORDER.index(p[0])))]
    return "\n".join(lines)


def frame_text(index: int, frames: Iterable) -> str:
    frames = list(frames)
    return f"Step {index + 1} of {len(frames)}"
