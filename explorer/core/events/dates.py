"""Dates: the article's own clock, and the date phrases that place a report in time.

Finding and resolving are two steps:

1. **Finding** date phrases is cheap: one regular expression anchored on what
   every English date phrase holds (a month name, a weekday, a relative word
   such as "yesterday", or digits with date separators). It only *delimits*
   the phrase; it does not interpret it.
2. **Resolving** a phrase to a calendar window is the date library's work
   (``dateparser``), given the article's clock as its base, so that "June 19"
   takes the clock's year (the most recent June 19 on or before it) and
   "yesterday", "last week", "three days ago" count back from it. Results are
   cached per (phrase, base). Weekdays ("on Monday") are counted back from
   the clock here: the most recent such day on or before it.

The clock (:func:`article_clock`) is the publication date; else the dateline
("ISTANBUL, August 10, 2025 —"); else the nearest full date in the text.
Photo captions and credits never give the clock nor date a report
(:func:`caption_spans`).

A :class:`Window` is what a report gets: ``date`` (first day), ``date_end``
(last day, for a stated range such as "Jan. 26-27" or a week), and the
precision ("day", "week", "month", "year").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
      r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:19[5-9]\d|20[0-4]\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_RANGE = r"(?:\s*(?:-|–|to|and|&)\s*" + _D + r")?"

# The finder. Group names say what the phrase is; the library reads the phrase.
DATE_PHRASE = re.compile(
    r"(?P<dmy>\b" + _D + _RANGE + r"\s+(?:of\s+)?" + _M + r"(?![\w])(?:,?\s+" + _Y + r"\b)?)"
    r"|(?P<mdy>\b" + _M + r"\s+" + _D + _RANGE + r"\b(?!\s*[:.]\d)(?:,?\s+" + _Y + r"\b)?)"
    r"|(?P<my>\b(?:(?:early|late|mid|mid-|end\s+of|beginning\s+of|in|since|during)\s+)?" + _M
    + r"(?:,?\s+" + _Y + r")\b)"
    r"|(?P<num>\b[0-3]?\d[/.][01]?\d(?:[/.](?:19|20)?\d\d)?\b(?![/.]\d))"
    r"|(?P<iso>\b" + _Y + r"-[01]\d-[0-3]\d\b)"
    r"|(?P<wd>\b(?:last\s+|this\s+|on\s+)?" + _WD + r"\b)"
    r"|(?P<rel>\b(?:yesterday|today|tonight|last\s+night|this\s+morning|the\s+day\s+before\s+yesterday"
    r"|(?:last|this|past)\s+(?:week|weekend|month)|(?:a|one|two|three|four|five|six|\d)\s+days?\s+ago)\b)"
    r"|(?P<yr>\b(?:in|since|during)\s+" + _Y + r"\b(?![-–/]\d))",
    re.IGNORECASE,
)

# Dateline: a place in capitals (or title case) at the start of a line, a full date, then a dash.
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z .'-]{1,40}(?:\([^)\n]{1,30}\))?,\s*(?P<date>" + _M + r"\s+" + _D + r",?\s+" + _Y
    + r"|" + _D + r"\s+" + _M + r",?\s+" + _Y + r")\s*(?:\([^)\n]{1,30}\)\s*)?[-–—]", re.MULTILINE)

# Photo captions and credits: a line that names a photographer or agency as a credit.
_CREDIT = re.compile(
    r"\b(?:REUTERS|AFP|AP|EPA|Getty\s+Images|Xinhua|Anadolu)\s*/|\((?:AFP|AP|Reuters|EPA)\s+Photo\)|"
    r"\bPhoto(?:graph)?\s*(?:credit)?\s*[:/]|\bFile\s+photo\b|\bPhoto\s+by\b|\bCredit\s*:", re.IGNORECASE)
# The words are grouped by their first letters (the months, weekdays and relative words: jan(uary), feb(ruary),
# mar(ch), apr(il), may, jun(e), jul(y), aug(ust), sep(t)(ember), oct(ober), nov(ember), dec(ember), monday ...
# sunday, yesterday, today, tonight, night, morning, week(end), month, day(s)): the scan of every article's
# whole text then tries one branch per word start instead of every word (twice as fast).
_ANCHOR = re.compile(
    r"\d|\b(?:a(?:pr(?:il)?|ug(?:ust)?)|d(?:ays?|ec(?:ember)?)|f(?:eb(?:ruary)?|riday)|j(?:an(?:uary)?|u(?:ly?|ne?))|"
    r"m(?:a(?:r(?:ch)?|y)|o(?:n(?:day|th)|rning))|n(?:ight|ov(?:ember)?)|oct(?:ober)?|s(?:aturday|ept?(?:ember)?|unday)|"
    r"t(?:hursday|o(?:day|night)|uesday)|we(?:dnesday|ek(?:end)?)|yesterday)\b", re.IGNORECASE)
# The same without the flag (its letters are in lower case), for ASCII text in lower case: the same matches,
# found faster (``re`` tries case-insensitive alternatives one by one).
_ANCHOR_ASCII = re.compile(_ANCHOR.pattern)


@dataclass(frozen=True)
class Window:
    """A report's time: first day, last day (when a span), precision, and whether it is inferred."""

    date: str
    date_end: str | None
    precision: str  # "day" | "week" | "month" | "year"
    inferred: bool = False


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    text: str
    kind: str


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parts = [int(x) for x in value.split("-")]
        return date(*(parts + [1, 1])[:3])
    except (ValueError, TypeError):
        return None


_CREDIT_HINT = re.compile(r"/|[Pp][Hh][Oo][Tt][Oo]|[Cc][Rr][Ee][Dd][Ii][Tt]")


def _credits(text: str):
    """``_CREDIT.finditer(text)``, tried only around a slash or the words photo and credit (fast)."""
    pos = 0
    for h in _CREDIT_HINT.finditer(text):
        if h.start() < pos:
            continue
        m = _CREDIT.search(text, max(pos, h.start() - 24), min(len(text), h.end() + 16))
        if m and m.start() <= h.start() < m.end() + 1:
            pos = m.end()
            yield m


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Lines that are photo captions or credits (they never date nor report an event)."""
    out = []
    for m in _credits(text):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        span = (a, len(text) if b < 0 else b)
        if not out or out[-1] != span:
            out.append(span)
    return out


def _anchors(text: str):
    """``_ANCHOR.finditer(text)``: by its ASCII twin when the text is ASCII (as most are)."""
    return _ANCHOR_ASCII.finditer(text.lower()) if text.isascii() else _ANCHOR.finditer(text)


def _phrases(text: str):
    """``DATE_PHRASE.finditer(text)``, tried only around the anchors every date phrase holds."""
    pos = 0
    for a in _anchors(text):
        p = a.start()
        if p < pos:
            continue
        # a phrase may open up to two words before its anchor ("on Monday", "early in June")
        start = max(pos, p - 24)
        for m in DATE_PHRASE.finditer(text, start, min(len(text), p + 60)):
            if m.end() <= p:
                continue
            if m.start() > p:
                break
            pos = m.end()
            yield m
            break


def find_dates(text: str, skip: list[tuple[int, int]] = ()) -> list[DateHit]:
    """Date phrases in ``text`` (outside the ``skip`` spans), in order."""
    out = []
    for m in _phrases(text):
        s, e = m.span()
        if any(a <= s < b for a, b in skip):
            continue
        kind = m.lastgroup
        phrase = m.group(0)
        if kind == "num" and not _plausible_numeric(phrase):
            continue
        if kind == "mdy" and re.match(r"(?i)may\s", phrase) and not re.search(r"(?i)may\s+[0-3]?\d(?:st|nd|rd|th)?\b(?!\s*(?:per|%|people|of))",
                                                                              phrase):
            continue
        out.append(DateHit(s, e, phrase, kind))
    return out


def _plausible_numeric(phrase: str) -> bool:
    parts = re.split(r"[/.]", phrase)
    try:
        d, m = int(parts[0]), int(parts[1])
    except ValueError:
        return False
    if "." in phrase and len(parts) == 2:
        return False  # "6.30" is a time or a number
    return 1 <= d <= 31 and 1 <= m <= 12


def dateline_date(text: str) -> date | None:
    """The date of a dateline in the first lines of the article ("ISTANBUL, August 10, 2025 —")."""
    m = DATELINE.search(text, 0, min(len(text), 1500))
    if not m:
        return None
    w = resolve(m.group("date"), None)
    return parse_iso(w.date) if w and w.precision == "day" else None


def article_clock(text: str, published: str | None, hits: list[DateHit]) -> tuple[date | None, bool]:
    """The article's reference date, and whether it is a publication date (or a dateline).

    Publication date, else the dateline's date, else None (the nearest full
    date stands in per phrase, see :func:`resolve_hit`).
    """
    pub = parse_iso(published)
    if pub is not None and published and len(published) >= 10:
        return pub, True
    dl = dateline_date(text)
    if dl is not None:
        return dl, True
    return None, False


def _full_dates(hits: list[DateHit]) -> list[tuple[int, date]]:
    out = []
    for h in hits:
        if h.kind in ("dmy", "mdy", "iso") and re.search(_Y, h.text):
            w = resolve(h.text, None)
            if w and w.precision == "day":
                out.append((h.start, parse_iso(w.date)))
    return out


# How far from a caption's date a month and day may be to take the caption's year.
CAPTION_YEAR_DAYS = 92
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def caption_full_dates(text: str, captions: list[tuple[int, int]]) -> list[date]:
    """The full dates (day, month and year) that photo captions give: never a report's date, never the
    clock, but they may lend their year to a month and day near them (:func:`resolve_hit`)."""
    out = []
    for a, b in captions:
        for _pos, d in _full_dates(find_dates(text[a:b], [])):
            out.append(d)
    return out


def resolve_hit(hit: DateHit, clock: date | None, hits: list[DateHit],
                year_donors: list[date] = ()) -> Window | None:
    """The window of one date phrase, against the clock (else the nearest full date in the text).

    With neither, a month and day ("Jan. 18") may take the year of a photo
    caption's full date (``year_donors``) when it falls within
    :data:`CAPTION_YEAR_DAYS` of it: the caption of a meeting on 29 January
    2024 dates "Jan. 16" in the text, but a 2018 caption never dates "June 19".
    """
    base = clock
    if base is None and hit.kind not in ("iso",) and not re.search(_Y, hit.text):
        fulls = _full_dates(hits)
        if fulls:
            base = min(fulls, key=lambda f: abs(f[0] - hit.start))[1]
            return resolve(hit.text, base, same_year=True)
        if _MONTH_NAME.search(hit.text):
            for donor in year_donors:
                w = resolve(hit.text, donor, same_year=True)
                if w and w.precision == "day" and abs((parse_iso(w.date) - donor).days) <= CAPTION_YEAR_DAYS:
                    return w
        return None
    return resolve(hit.text, base)


_ORD = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)
_ON = re.compile(r"^(?:on|in|since|during|early|late|mid-?|end\s+of|beginning\s+of)\s+", re.I)


@lru_cache(maxsize=4096)
def resolve(phrase: str, base: date | None, same_year: bool = False) -> Window | None:
    """Resolve a date phrase against ``base`` (a date, or None when the phrase must be absolute)."""
    p = " ".join(phrase.split())
    p = _ON.sub("", p)
    low = p.lower()
    # weekdays: the most recent such day on or before the base
    for i, wd in enumerate(WEEKDAYS):
        if low.endswith(wd):
            if base is None:
                return None
            back = (base.weekday() - i) % 7
            if low.startswith("last ") and back == 0:
                back = 7
            d = base - timedelta(days=back)
            return Window(d.isoformat(), None, "day")
    if base is None and not re.search(_Y, p):
        return None
    # ranges inside a month: "26-27 January", "Jan. 26-27", "August 10 and 11"
    rng = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(.+)$", p) or \
        re.match(r"^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*(\d{1,2})(?:st|nd|rd|th)?(.*)$", p)
    if rng:
        if rng.group(1).isdigit():
            first, last, rest = rng.group(1), rng.group(2), rng.group(3)
        else:
            first, last, rest = rng.group(2), rng.group(3), rng.group(1) + rng.group(4)
        a = resolve(f"{first} {rest}", base, same_year)
        b = resolve(f"{last} {rest}", base, same_year)
        if a and b and a.precision == "day" and b.precision == "day" and a.date <= b.date:
            return Window(a.date, b.date if b.date != a.date else None, "day")
        return a
    return _library(_ORD.sub("", p), base, same_year)


_DAY_MONTH = re.compile(r"(\d{1,2})\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?")
_NUMERIC = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def _plain_day(low: str, base: date | None, same_year: bool) -> Window | None | bool:
    """A day written the plain way ("12 March 2024", "March 12", "06/05/2017" day first), read at once;
    False for anything else (the date library reads it). The same answer the library gives: a day
    without its year is the most recent such day on or before ``base`` (of ``base``'s year when
    ``same_year``); None when it cannot be."""
    m = _DAY_MONTH.fullmatch(low)
    if m:
        d, mon, y = int(m.group(1)), MONTHS.get(m.group(2)), m.group(3)
    else:
        m = _MONTH_DAY.fullmatch(low)
        if m:
            mon, d, y = MONTHS.get(m.group(1)), int(m.group(2)), m.group(3)
        else:
            m = _NUMERIC.fullmatch(low)
            if not m:
                return False
            d, mon, y = int(m.group(1)), int(m.group(2)), m.group(3)
    if not mon:
        return False
    try:
        if y:
            return Window(date(int(y), mon, d).isoformat(), None, "day")
        if base is None:
            return None
        day = date(base.year, mon, d)
    except ValueError:
        return None
    if day > base and not same_year:
        try:
            day = date(base.year - 1, mon, d)
        except ValueError:  # 29 February of a year that has none
            return None
    return Window(day.isoformat(), None, "day")


def _library(p: str, base: date | None, same_year: bool) -> Window | None:
    """The date library's reading of a phrase (``dateparser``), relative to ``base``.

    Plain days (:func:`_plain_day`) are read without it: the library takes
    about a millisecond a phrase, most of an ingest's time on dates.
    """
    low = p.lower()
    if re.fullmatch(r"(?:in|since|during)?\s*\d{4}", low):
        return Window(re.search(r"\d{4}", low).group(0), None, "year")
    plain = _plain_day(low.strip(), base, same_year)
    if plain is not False:
        return plain
    from dateparser.date import DateDataParser

    settings = {"DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DATES_FROM": "current_period" if same_year else "past"}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime.combine(base, datetime.min.time())
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(p)
    except Exception:  # the library must never stop an article
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "day":
        if base is not None and d > base and not same_year and not re.search(_Y, p):
            return None
        return Window(d.isoformat(), None, "day")
    if period == "week":
        start = d - timedelta(days=d.weekday())
        return Window(start.isoformat(), (start + timedelta(days=6)).isoformat(), "week")
    if period == "month":
        return Window(f"{d.year:04d}-{d.month:02d}", None, "month")
    if period == "year":
        return Window(f"{d.year:04d}", None, "year")
    return None


def inferred_window(clock: date | None) -> Window | None:
    """The window of a report whose text states no date: the week that ends on the clock."""
    if clock is None:
        return None
    return Window((clock - timedelta(days=6)).isoformat(), clock.isoformat(), "week", inferred=True)
