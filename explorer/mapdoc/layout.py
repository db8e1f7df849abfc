"""The print layout of a map, as a model: page size, boxes, texts, legend rows, scale bar, fit. No Qt.

A composed map (``geo-explorer snapshot``, File -> Export map...) is a page
with a title band (title and subtitle), the map in a frame with a north
arrow and a scale bar on it, a legend of only what the map draws, optional
numbered source notes, and a footer with the attribution and the date of
making. This module decides every size, position and text; the Qt shell
(``explorer.gui.print_layout``) only paints what it says, on an image, a PDF
page or an SVG, so the layout is tested here without a display.

Lengths are device pixels of the output (for a paper page: pixels at the
chosen dots per inch); ``unit`` is the size of one CSS pixel on that device
(dpi / 96), so a PNG at 96 dpi and an A4 page at 300 dpi look alike.

Text widths come from a ``measure(text, size_px, bold) -> width_px``
callable that the painter supplies (Qt's font metrics); tests pass a simple
one.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from explorer.core.events.taxonomy import ACLED_TYPES, BY_ID
from explorer.core.export.filters import OptionError, fine_types_of, parse_bbox, parse_types  # noqa: F401 (re-exported)
from explorer.core.viewstate import NO_EVENT, Filters
from explorer.mapdoc.basemap import ATTRIBUTION, STYLE_BORDER, STYLE_PROVINCE
from explorer.mapdoc.document import ACLED_COLOURS, KIND_COLOURS, KIND_LABELS

Measure = Callable[[str, float, bool], float]

# Paper sizes in millimetres (portrait).
PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "letter": (215.9, 279.4)}
ORIENTATIONS = ("portrait", "landscape")
FORMATS = ("png", "pdf", "svg")
FIT_MODES = ("local", "all")
CSS_DPI = 96.0
MM_PER_INCH = 25.4

# Colours of the page (the map's own are in document.py and the basemap).
INK = "#1f2328"          # titles and text
MUTED = "#57606a"        # subtitle, notes, footer
FRAME = "#8c959f"        # the map's frame and the legend's rules
PAPER = "#ffffff"

# Basemap lines the legend may show (key the page reports -> symbol, colour, text).
BASEMAP_ROWS = (
    ("a0", "line", "#8c8172", "International boundary"),
    ("a1", "dashed", "#a58db4", "Province or state boundary"),
    ("river", "line", "#8db4d4", "River"),
    ("disputed", "hatch", "#b5533c", "Disputed area"),
)


# An option of the layout that cannot be met (in words, for the user); the filter options' error
# (explorer.core.export.filters), so that one ``except`` takes both.
LayoutError = OptionError


# ---------------------------------------------------------------- the page

@dataclass(frozen=True)
class Page:
    """The output's size in device pixels and its resolution; ``paper`` when it is a paper size."""

    width: int
    height: int
    dpi: float = CSS_DPI
    paper: str | None = None
    orientation: str = "landscape"

    @property
    def unit(self) -> float:
        """Device pixels per CSS pixel (1 at 96 dpi)."""
        return self.dpi / CSS_DPI

    @property
    def size_mm(self) -> tuple[float, float]:
        return self.width / self.dpi * MM_PER_INCH, self.height / self.dpi * MM_PER_INCH

    @property
    def size_pt(self) -> tuple[float, float]:
        """The page in PostScript points (1/72 inch), as a PDF states it."""
        return self.width / self.dpi * 72.0, self.height / self.dpi * 72.0


def page_for(width: int | None = None, height: int | None = None, paper: str | None = None,
             orientation: str | None = None, dpi: float | None = None) -> Page:
    """A page from pixels (``width``/``height``, at ``dpi`` or 96) or a paper size (at ``dpi`` or 300)."""
    if paper is not None:
        key = {k.lower(): k for k in PAPERS}.get(paper.lower())
        if key is None:
            raise LayoutError(f"unknown paper {paper!r} (one of {', '.join(PAPERS)})")
        if width or height:
            raise LayoutError("give either a paper size or --width/--height, not both")
        orientation = (orientation or "portrait").lower()
        if orientation not in ORIENTATIONS:
            raise LayoutError(f"unknown orientation {orientation!r} (portrait or landscape)")
        dpi = float(dpi or 300)
        if not 50 <= dpi <= 600:
            raise LayoutError("--dpi must be between 50 and 600")
        w_mm, h_mm = PAPERS[key]
        if orientation == "landscape":
            w_mm, h_mm = h_mm, w_mm
        return Page(round(w_mm / MM_PER_INCH * dpi), round(h_mm / MM_PER_INCH * dpi), dpi, key, orientation)
    width, height = int(width or 1920), int(height or 1080)
    if not (100 <= width <= 10000 and 100 <= height <= 10000):
        raise LayoutError("--width and --height must be between 100 and 10000")
    dpi = float(dpi or CSS_DPI)
    if not 50 <= dpi <= 600:
        raise LayoutError("--dpi must be between 50 and 600")
    return Page(width, height, dpi, None, "landscape" if width >= height else "portrait")


# ---------------------------------------------------------------- words for the filters

def format_day(d: date) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


def format_range(lo: date | None, hi: date | None) -> str:
    if lo and hi:
        if lo == hi:
            return format_day(lo)
        if lo.year == hi.year and lo.month == hi.month:
            return f"{lo.day}–{hi.day} {hi.strftime('%b')} {hi.year}"
        if lo.year == hi.year:
            return f"{lo.day} {lo.strftime('%b')} – {format_day(hi)}"
        return f"{format_day(lo)} – {format_day(hi)}"
    if lo:
        return f"from {format_day(lo)}"
    if hi:
        return f"until {format_day(hi)}"
    return ""


def _names(values, limit: int = 4) -> str:
    values = sorted(values)
    if len(values) > limit:
        return ", ".join(values[:limit]) + f" and {len(values) - limit} more"
    return ", ".join(values)


def filter_words(f: Filters) -> list[str]:
    """The active filters in words, one phrase each (no dates: see :func:`subtitle`)."""
    out = []
    hidden = f.hidden - {NO_EVENT}
    if f.types:
        cats = categories_of(f.types)
        if cats is not None:
            out.append(_names(cats) + " only")
        else:
            out.append(_names(BY_ID[t].label if t in BY_ID else t for t in f.types) + " only")
    if hidden:
        out.append("without " + _names(hidden))
    if NO_EVENT in f.hidden and not f.event_filter_active:
        out.append("places with events only")
    if f.actors:
        out.append("actors: " + _names(f.actors))
    if f.countries:
        out.append("countries: " + _names(f.countries))
    if f.outlets:
        out.append("outlets: " + _names(f.outlets))
    if f.area is not None:
        w, s, e, n = f.area
        out.append(f"area {w:.2f}, {s:.2f} to {e:.2f}, {n:.2f}")
    return out


def subtitle(f: Filters, span: tuple[date, date] | None = None, events: int | None = None,
             places: int | None = None) -> str:
    """The subtitle: the date range (the filter's window, else the events' span), the filters in words,
    and what the map shows."""
    parts = []
    if f.date_from or f.date_to:
        parts.append(format_range(f.date_from, f.date_to))
        parts.append("undated events included" if f.include_undated else "dated events only")
    else:
        if span:
            parts.append(format_range(*span))
        if not f.include_undated:
            parts.append("dated events only")
    parts += filter_words(f)
    if events is not None:
        counts = f"{events} event{'s' if events != 1 else ''}"
        if places is not None:
            counts += f" at {places} place{'s' if places != 1 else ''}"
        parts.append(counts)
    return " · ".join(p for p in parts if p) or "All events"


# ---------------------------------------------------------------- --types

def categories_of(types) -> list[str] | None:
    """The ACLED categories whose fine types ``types`` are exactly (None when they are not whole ones)."""
    types = set(types)
    cats = [c for c in ACLED_TYPES if fine_types_of(c) and fine_types_of(c) <= types]
    covered = set().union(*(fine_types_of(c) for c in cats)) if cats else set()
    return cats if cats and covered == types else None


# ---------------------------------------------------------------- what to show: the fit

@dataclass(frozen=True)
class Pin:
    place_id: str
    name: str
    kind: str
    lat: float
    lon: float
    mentions: int


@dataclass
class Fit:
    """The map's extent (``[[south, west], [north, east]]``) and the pins shown that fall outside it."""

    bounds: list[list[float]]
    outside: list[Pin] = field(default_factory=list)
    mode: str = "local"

    def outside_text(self, limit: int = 8) -> str:
        if not self.outside:
            return ""
        names = [p.name for p in sorted(self.outside, key=lambda p: (-p.mentions, p.name))]
        more = f" and {len(names) - limit} more" if len(names) > limit else ""
        return (f"{len(names)} place{'s' if len(names) != 1 else ''} outside the map: "
                f"{', '.join(names[:limit])}{more} (--fit all shows every pin)")


def inside(bounds, lat: float, lon: float) -> bool:
    (s, w), (n, e) = bounds
    return s <= lat <= n and w <= lon <= e


def fit_pins(pins: Sequence[Pin], mode: str = "local", bbox=None, local_bounds=None) -> Fit:
    """The extent of the print: ``bbox`` (W,S,E,N) if given, else every pin (``all``) or where most local
    mentions are (``local``: ``local_bounds``, from the app's own initial view). Pins outside are listed."""
    if bbox is not None:
        w, s, e, n = bbox
        bounds = [[s, w], [n, e]]
        mode = "bbox"
    elif mode == "all":
        if pins:
            lats, lons = [p.lat for p in pins], [p.lon for p in pins]
            bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
        else:
            bounds = [[10.0, 30.0], [45.0, 85.0]]
    elif mode == "local":
        bounds = [list(c) for c in local_bounds] if local_bounds else [[10.0, 30.0], [45.0, 85.0]]
    else:
        raise LayoutError(f"unknown fit {mode!r} (one of {', '.join(FIT_MODES)})")
    # a point or a line is no extent: give it some room (about 50 km)
    (s, w), (n, e) = bounds
    if n - s < 0.5:
        s, n = (s + n) / 2 - 0.25, (s + n) / 2 + 0.25
    if e - w < 0.5:
        w, e = (w + e) / 2 - 0.25, (w + e) / 2 + 0.25
    bounds = [[s, w], [n, e]]
    return Fit(bounds, [p for p in pins if not inside(bounds, p.lat, p.lon)], mode)


def top_pins(pins: Sequence[Pin], bounds, n: int) -> list[Pin]:
    """The ``n`` most mentioned pins inside ``bounds`` (ties by name): the numbered source notes."""
    ins = [p for p in pins if inside(bounds, p.lat, p.lon)]
    return sorted(ins, key=lambda p: (-p.mentions, p.name, p.place_id))[:max(0, n)]


# ---------------------------------------------------------------- the legend

@dataclass(frozen=True)
class LegendRow:
    symbol: str          # diamond, hollow, circle, cluster, area, line, dashed, hatch, border, number
    colour: str
    text: str
    edge: str = ""       # outline colour, where it differs


def legend_rows(drawn: dict, notes: int = 0) -> list[LegendRow]:
    """The legend of what the map draws, as the page reports it (``drawn``):

    ``acled`` (ACLED types of the pins and clusters in view), ``hollow`` (a
    pin placed only to a province or country is in view), ``kinds`` (kinds
    of the places with no event in view), ``clusters``, ``border`` (the
    border-region overlay is on and in view) and ``basemap`` (keys of
    :data:`BASEMAP_ROWS` drawn in view).
    """
    rows = []
    acled = set(drawn.get("acled") or ())
    for name in ACLED_TYPES:
        if name in acled:
            rows.append(LegendRow("diamond", ACLED_COLOURS[name], name))
    if drawn.get("hollow"):
        rows.append(LegendRow("hollow", "#555555", "Hollow: placed to province or country"))
    kinds = set(drawn.get("kinds") or ())
    for kind in KIND_LABELS:
        if kind in kinds:
            label = KIND_LABELS[kind]
            rows.append(LegendRow("circle", KIND_COLOURS[kind], f"{label[0].upper()}{label[1:]}, no event"))
    if drawn.get("clusters"):
        rows.append(LegendRow("cluster", "#d7263d", "Cluster: number of places, colour of most events"))
    if drawn.get("border"):
        rows.append(LegendRow("area", STYLE_PROVINCE["fillColor"], "Border provinces", STYLE_PROVINCE["color"]))
        rows.append(LegendRow("border", STYLE_BORDER["color"], "Iran–Pakistan border"))
    base = set(drawn.get("basemap") or ())
    for key, symbol, colour, text in BASEMAP_ROWS:
        if key in base:
            rows.append(LegendRow(symbol, colour, text))
    if notes:
        rows.append(LegendRow("number", INK, f"1–{notes}: source notes below the map" if notes > 1
                              else "1: source note below the map"))
    return rows


MAX_LEGEND_ROWS = len(ACLED_TYPES) + 1 + len(KIND_LABELS) + 1 + 2 + len(BASEMAP_ROWS) + 1


# ---------------------------------------------------------------- the scale bar

def nice_scale(metres_per_px: float, max_px: float, measure: Measure | None = None, size: float = 11.0,
               min_px: float = 0.0) -> tuple[float, float, str]:
    """A scale bar: (metres, length in px, label), the longest 1-2-5 length that fits ``max_px`` and whose
    label fits inside the bar (``measure`` the label's width at ``size``; ``min_px`` a least length)."""
    if not metres_per_px or metres_per_px <= 0 or not math.isfinite(metres_per_px):
        raise LayoutError("the map has no scale")
    best = None
    exp = math.floor(math.log10(max_px * metres_per_px))
    for e in range(exp, exp - 12, -1):
        for m in (5, 2, 1):
            metres = m * 10 ** e
            px = metres / metres_per_px
            if px > max_px:
                continue
            label = scale_label(metres)
            text_w = measure(label, size, False) if measure else len(label) * size * 0.6
            if px >= max(min_px, text_w + 8):
                return metres, px, label
            best = best or (metres, px, label)
    if best is None:
        raise LayoutError("no scale bar fits the map")
    return best


def scale_label(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} km" if km < 1000 else f"{km:,.0f} km"
    return f"{metres:g} m"


# ---------------------------------------------------------------- text fitting

def fit_text(text: str, max_width: float, size: float, measure: Measure, bold: bool = False,
             min_size: float | None = None) -> tuple[str, float]:
    """``text`` at the largest size down to ``min_size`` that fits ``max_width``; elided below that."""
    min_size = min_size or size * 0.6
    s = size
    while s > min_size and measure(text, s, bold) > max_width:
        s = max(min_size, s * 0.92)
    if measure(text, s, bold) <= max_width:
        return text, s
    return elide(text, max_width, s, measure, bold), s


def elide(text: str, max_width: float, size: float, measure: Measure, bold: bool = False) -> str:
    if measure(text, size, bold) <= max_width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + "…", size, bold) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def wrap(text: str, max_width: float, size: float, measure: Measure, max_lines: int = 2,
         bold: bool = False) -> list[str]:
    """Words on lines no wider than ``max_width``; the last line elided when it runs over ``max_lines``."""
    words, lines, cur = text.split(), [], ""
    for i, w in enumerate(words):
        trial = f"{cur} {w}".strip()
        if not cur or measure(trial, size, bold) <= max_width:
            cur = trial
            continue
        lines.append(cur)
        cur = w
        if len(lines) == max_lines - 1:
            cur = " ".join(words[i:])
            break
    if cur:
        lines.append(cur)
    return [elide(line, max_width, size, measure, bold) for line in lines[:max_lines]]


# ---------------------------------------------------------------- notes

@dataclass(frozen=True)
class Note:
    number: int
    place: str
    sentence: str
    article: str
    outlet: str | None = None

    def text(self) -> str:
        source = self.article + (f" ({self.outlet})" if self.outlet else "")
        sentence = " ".join(self.sentence.split())
        return f"{self.number}. {self.place}: “{sentence}” — {source}"


# ---------------------------------------------------------------- the composition

@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Box) -> bool:
        return (other.x >= self.x - 1e-6 and other.y >= self.y - 1e-6 and other.right <= self.right + 1e-6
                and other.bottom <= self.bottom + 1e-6)

    def overlaps(self, other: Box) -> bool:
        return not (other.x >= self.right or other.right <= self.x or other.y >= self.bottom
                    or other.bottom <= self.y)


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float
    y: float          # the top of the line
    size: float       # pixel size of the font
    bold: bool = False
    colour: str = INK
    align: str = "left"   # left, right or centre of x
    italic: bool = False


@dataclass
class Layout:
    """Every box and line of a page. ``map`` is where the map image goes; the legend's rows are placed in
    ``legend`` with ``legend_items`` (row, x, y of each)."""

    page: Page
    title: TextLine
    subtitle: list[TextLine]
    map: Box
    legend: Box
    legend_title: TextLine | None
    legend_items: list[tuple[LegendRow, float, float]]
    legend_size: float
    north: Box
    scale: Box
    notes: list[TextLine]
    footer: list[TextLine]
    unit: float
    texts_size: float = 0.0

    def boxes(self) -> dict[str, Box]:
        return {"map": self.map, "legend": self.legend, "north": self.north, "scale": self.scale}

    def all_text(self) -> list[TextLine]:
        return [self.title, *self.subtitle, *([self.legend_title] if self.legend_title else []), *self.notes,
                *self.footer]


def made_on(day: date | None = None) -> str:
    return f"Made {(day or date.today()).isoformat()} with Geo Explorer"


def plan(page: Page, title: str, subtitle_text: str, measure: Measure, notes: Sequence[Note] = (),
         legend: Sequence[LegendRow] | None = None, made: str | None = None) -> Layout:
    """The page's boxes and lines.

    The legend is a column right of the map on a landscape page, a band of
    columns under it on a portrait one; its room does not depend on how
    many rows it holds (so the map can be drawn before the page knows what
    is in view), and it holds at most :data:`MAX_LEGEND_ROWS`.
    """
    u = page.unit
    W, H = page.width, page.height
    short = min(W, H)
    m = max(12 * u, round(short * 0.03))
    inner_w = W - 2 * m
    y = m
    # title band
    t_text, t_size = fit_text(title or "Map", inner_w, 26 * u, measure, bold=True, min_size=14 * u)
    title_line = TextLine(t_text, m, y, t_size, bold=True)
    y += t_size * 1.3
    sub_size = 13 * u
    sub_lines = []
    for line in wrap(subtitle_text, inner_w, sub_size, measure, max_lines=2):
        sub_lines.append(TextLine(line, m, y, sub_size, colour=MUTED))
        y += sub_size * 1.35
    y += 8 * u
    # footer
    foot_size = 9.5 * u
    foot_y = H - m - foot_size * 1.3
    footer = [TextLine("Map data: " + ATTRIBUTION, m, foot_y, foot_size, colour=MUTED),
              TextLine(made or made_on(), W - m, foot_y, foot_size, colour=MUTED, align="right")]
    if measure(footer[0].text, foot_size, False) + measure(footer[1].text, foot_size, False) + 24 * u > inner_w:
        # too narrow for one line: two lines
        foot_y -= foot_size * 1.35
        footer = [TextLine("Map data: " + ATTRIBUTION, m, foot_y, foot_size, colour=MUTED),
                  TextLine(made or made_on(), m, foot_y + foot_size * 1.35, foot_size, colour=MUTED)]
    bottom = foot_y - 8 * u
    # notes, under the map
    note_size = 10 * u
    note_lines: list[TextLine] = []
    block = []
    for note in notes:
        for k, line in enumerate(wrap(note.text(), inner_w - 14 * u, note_size, measure, max_lines=2)):
            block.append((line, 0 if k == 0 else 14 * u))
    notes_h = len(block) * note_size * 1.35 + (8 * u if block else 0)
    bottom -= notes_h
    # the legend's room
    leg_size = 11 * u
    row_h = leg_size * 1.6
    landscape = W >= H * 1.1
    rows = list(legend or ())[:MAX_LEGEND_ROWS]
    if landscape:
        leg_w = min(max(190 * u, inner_w * 0.2), 300 * u)
        map_box = Box(m, y, inner_w - leg_w - 12 * u, bottom - y)
        leg_box = Box(map_box.right + 12 * u, y, leg_w, map_box.h)
        cols = 1
    else:
        cols = 3 if inner_w >= 600 * u else 2
        leg_rows = math.ceil(16 / cols)  # room for 16 rows (a busy map); more are cut (see above)
        leg_h = leg_size * 1.6 + leg_rows * row_h + 6 * u
        map_box = Box(m, y, inner_w, bottom - y - leg_h - 10 * u)
        leg_box = Box(m, map_box.bottom + 10 * u, inner_w, leg_h)
    if map_box.h < 80 * u or map_box.w < 80 * u:
        raise LayoutError("the page is too small for the map with its title, legend and notes "
                          "(fewer --notes, or a larger page)")
    # the legend's rows
    leg_title = TextLine("Legend", leg_box.x, leg_box.y, leg_size, bold=True)
    items = []
    col_w = leg_box.w / cols
    per_col = max(1, math.floor((leg_box.h - leg_size * 1.6) / row_h))
    rows = rows[:per_col * cols]
    sym_w = 22 * u
    for k, row in enumerate(rows):
        c, r = divmod(k, per_col) if landscape else (k % cols, k // cols)
        if not landscape and r >= per_col:
            break
        items.append((replace(row, text=elide(row.text, col_w - sym_w - 8 * u, leg_size, measure)),
                      leg_box.x + c * col_w, leg_box.y + leg_size * 1.6 + r * row_h))
    # on the map: north arrow (top right) and scale bar (bottom left)
    pad = 10 * u
    north = Box(map_box.right - pad - 34 * u, map_box.y + pad, 34 * u, 50 * u)
    scale_w = min(map_box.w * 0.3, 260 * u)
    scale = Box(map_box.x + pad, map_box.bottom - pad - 34 * u, scale_w, 34 * u)
    ny = (map_box.bottom if landscape else leg_box.bottom) + 8 * u
    for line, indent in block:
        note_lines.append(TextLine(line, m + indent, ny, note_size, colour=INK))
        ny += note_size * 1.35
    return Layout(page, title_line, sub_lines, map_box, leg_box, leg_title, items, leg_size, north, scale,
                  note_lines, footer, u)


# ---------------------------------------------------------------- animation steps

def steps(days: Sequence[date], step: str) -> list[tuple[date, date]]:
    """The animation's steps that hold events: one per day or per week (Monday to Sunday) with an event
    starting in it, in order."""
    if step not in ("day", "week"):
        raise LayoutError(f"--animate takes day or week, not {step!r}")
    starts = set()
    for d in days:
        starts.add(d if step == "day" else d - timedelta(days=d.weekday()))
    length = timedelta(days=0 if step == "day" else 6)
    return [(s, s + length) for s in sorted(starts)]


def sample_steps(all_steps: list, max_frames: int) -> tuple[list, bool]:
    """At most ``max_frames`` steps, spread evenly over the range, the last one kept; and whether any were
    left out."""
    if max_frames < 1:
        raise LayoutError("--max-frames must be 1 or more")
    n = len(all_steps)
    if n <= max_frames:
        return list(all_steps), False
    if max_frames == 1:
        return [all_steps[-1]], True
    picks = sorted({round(k * (n - 1) / (max_frames - 1)) for k in range(max_frames)})
    return [all_steps[k] for k in picks], True


def frame_filters(base: Filters, step: tuple[date, date], first: date, cumulative: bool) -> Filters:
    """The filters of one frame: the events from the first step (cumulative) or of the step alone,
    undated events left out."""
    lo, hi = step
    return replace(base, date_from=first if cumulative else lo, date_to=hi, include_undated=False)


# ---------------------------------------------------------------- from a project to a plan

SEEDS_TITLE = "Geo Explorer seed corpus"


@dataclass
class PrintPlan:
    """What a print of a project shows, decided before anything is drawn."""

    data: object                 # explorer.mapdoc.document.MapData
    filters: Filters
    pins: list[Pin]
    fit: Fit
    notes: list[Note]
    numbers: dict[str, int]
    title: str
    subtitle: str
    span: tuple[date, date] | None
    events: int
    labels: int


def shown_pins(data) -> list[Pin]:
    from explorer.core.store.views import KIND_ORDER

    t, c = data.table, data.counts
    return [Pin(t.place_id[i], t.name[i], KIND_ORDER[t.kind[i]] if t.kind[i] < len(KIND_ORDER) else "poi",
                t.lat[i], t.lon[i], t.mentions[i])
            for i in range(len(t)) if c is None or c.shown[i]]


def source_notes(conn, pins: Sequence[Pin]) -> list[Note]:
    """Each pin's first source sentence and its article, numbered 1..N."""
    from explorer.core.store import views

    out = []
    for k, pin in enumerate(pins, 1):
        # the first sentence that names it, past the headline (the article's title is listed anyway)
        mentions = views.place_mentions(conn, pin.place_id, limit=20)
        body = [ex for ex in mentions if " ".join(ex.sentence.split()) != " ".join(ex.title.split())]
        first = body or mentions
        if first:
            ex = first[0]
            out.append(Note(k, pin.name, ex.sentence or ex.mention.surface, ex.title, ex.outlet))
        else:
            out.append(Note(k, pin.name, "", "no source sentence"))
    return out


def print_plan(conn, filters: Filters | None = None, *, title: str | None = None, subtitle_text: str | None = None,
               fit: str = "local", bbox=None, notes: int = 0, labels: int = 10, name: str = "",
               fit_filters: Filters | None = None) -> PrintPlan:
    """The print of the project open on ``conn`` under ``filters``: the map's data, its extent (and the pins
    it leaves out), the numbered source notes, the title (``title``, else ``name``) and the subtitle.

    ``fit_filters`` (an animation: every frame's events) decides the extent instead of ``filters``.
    """
    from explorer.core.store import views
    from explorer.mapdoc.document import MapData, initial_bounds

    filters = filters or Filters()
    if notes < 0 or notes > 50:
        raise LayoutError("--notes must be between 0 and 50")
    if labels < 0 or labels > 500:
        raise LayoutError("--labels must be between 0 and 500")
    data = MapData.from_project(conn, filters, labels=labels)
    fit_data = data if fit_filters is None else MapData.from_project(conn, fit_filters, labels=labels)
    pins = shown_pins(data)
    fit_pins_ = shown_pins(fit_data)
    fitted = fit_pins(fit_pins_, fit, bbox, local_bounds=initial_bounds(fit_data))
    fitted.outside = [p for p in pins if not inside(fitted.bounds, p.lat, p.lon)]
    top = top_pins(pins, fitted.bounds, notes)
    span = views.date_span(conn)
    events = views.counts(conn, filters)["events"]
    sub = subtitle_text if subtitle_text is not None else subtitle(filters, span, events, len(pins))
    return PrintPlan(data, filters, pins, fitted, source_notes(conn, top) if top else [],
                     {p.place_id: k for k, p in enumerate(top, 1)}, title or name or "Geo Explorer map", sub, span,
                     events, labels)
