"""The evidence ledger's rule: which event reports tell of the same happening.

Reports (:class:`~explorer.core.models.Event`, one per sentence that tells
of something) become ledger events (:class:`~explorer.core.models.LedgerEvent`).
Two reports are *compatible* (:func:`same_happening`) when all of these hold:

- **type family**: both political violence (Battles, Explosions/Remote
  violence, Violence against civilians: one strike is often called an
  attack in one sentence and a strike in the next), both demonstrations
  (Protests, Riots), or the same strategic-development type;
- **place**: the same place, or two places within :data:`NEAR_KM`, or one
  place holding the other (a town in the province a report names at
  province precision); a report with no place only meets one with none;
- **date**: dated windows overlapping, with a day of slack (``±1 day``).
  A date the text does not state firmly is weak evidence: a report whose
  date is inferred from its publication, or only a month or a year, only
  meets one at the very same place (and overlapping windows), and an
  undated report meets one at the very same place whatever its date; both only of the same fine type, unless the
  same article tells both (its undated headline and its dated account);
  at a place as wide as a country, only one article repeating itself;
- **actors**: for demonstrations and strategic developments, two reports
  that both name actors must share one (two protests in one city on one
  day by different groups stay two events). Violence names its sides in
  too many ways (the army, the military, Pakistani forces) for that test.

:func:`cluster` partitions a set of reports into happenings. The partition
depends only on the *set* (never on the order the reports came in), so a
project gets the same ledger whatever order its articles are ingested in:
the reports whose text states their date are linked into connected
components, a component whose members are not all compatible with each
other (a chain of protests on consecutive days) is split by a
complete-linkage pass in a fixed order of the reports, and then each report
without a stated date joins the group it meets best, if it also meets every
undated report already there (or starts one).

:func:`summarise` makes the ledger event of a group: the sources'
consensus, and which fields they dispute.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from explorer.core.models import PLACE_KINDS, Event, LedgerEvent, Place

NEAR_KM = 25.0
SLACK_DAYS = 1
_KIND_RANK = {k: i for i, k in enumerate(PLACE_KINDS)}
_VIOLENCE = frozenset(("Battles", "Explosions/Remote violence", "Violence against civilians"))
_DEMONSTRATION = frozenset(("Protests", "Riots"))


def family(report: Event) -> str:
    """The type family a report belongs to for merging (see the module's docstring)."""
    if report.acled_type in _VIOLENCE:
        return "violence"
    if report.acled_type in _DEMONSTRATION:
        return "demonstration"
    return report.event_type


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _holds(outer: Place, inner: Place) -> bool:
    """Does the area ``outer`` (a province or a country) hold the place ``inner``?"""
    if _KIND_RANK.get(outer.kind, 9) <= _KIND_RANK.get(inner.kind, 9):
        return False
    if not outer.country_code or outer.country_code != inner.country_code:
        return False
    if outer.kind == "country":
        return True
    if outer.kind == "admin1":
        return bool(inner.admin1) and _same_name(inner.admin1, outer.name)
    return False


def _same_name(a: str, b: str) -> bool:
    fold = lambda s: "".join(ch for ch in s.lower() if ch.isalnum())  # noqa: E731
    return fold(a) == fold(b)


def places_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.place_id == b.place_id:
        return True
    if _holds(a, b) or _holds(b, a):
        return True
    small = {"poi", "city", "admin2"}
    return a.kind in small and b.kind in small and distance_km(a, b) <= NEAR_KM


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        parts = [int(x) for x in iso.split("-")]
    except ValueError:
        return None
    try:
        return date(*(parts + [1, 1])[:3])
    except ValueError:
        return None


def window(report: Event | LedgerEvent) -> tuple[date, date] | None:
    """The days a dated report covers: [date, date_end], or its precision's unit from ``date``."""
    first = _day(report.date)
    if first is None:
        return None
    last = _day(report.date_end) if report.date_end else None
    if last is None or last < first:
        parts = report.date.count("-")
        if report.date_precision == "year" or parts == 0:
            last = date(first.year, 12, 31)
        elif report.date_precision == "month" or parts == 1:
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            last = nxt - timedelta(days=1)
        elif report.date_precision == "week":
            last = first + timedelta(days=6)
        else:
            last = first
    return first, last


def _contains(outer: tuple[date, date], inner: tuple[date, date]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


# The longest window a report may have and still date its happening firmly (a day, a range of days, a
# week); a month or a year says when only as weakly as no date at all.
FIRM_DAYS = 7


def firmly_dated(report: Event) -> bool:
    """Is the report firmly dated by its own text (not inferred, a window of at most a week)?"""
    if not report.date or report.date_inferred:
        return False
    w = window(report)
    return w is not None and (w[1] - w[0]).days < FIRM_DAYS


def windows_meet(a: Event, b: Event) -> bool:
    """Do two dated reports' windows overlap, give or take :data:`SLACK_DAYS`?"""
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return wa is None and wb is None
    slack = timedelta(days=SLACK_DAYS)
    return wa[0] - slack <= wb[1] and wb[0] - slack <= wa[1]


def actors_compatible(a: Event, b: Event) -> bool:
    if family(a) == "violence" or not a.actors or not b.actors:
        return True
    return bool(set(a.actors) & set(b.actors))


def same_happening(a: Event, b: Event) -> bool:
    """Do the reports ``a`` and ``b`` tell of the same happening? (Symmetric.)"""
    if family(a) != family(b):
        return False
    if not places_compatible(a.place, b.place):
        return False
    if not (firmly_dated(a) and firmly_dated(b)):
        # a date the text does not state (none, or inferred from publication) is weak evidence
        if not _weakly_same(a, b):
            return False
    if a.date and b.date and not windows_meet(a, b):
        return False
    return actors_compatible(a, b)


_WIDE = frozenset(("country", "region", "continent"))


def _weakly_same(a: Event, b: Event) -> bool:
    """May two reports, one of which has no stated date, be one happening?

    Only at the very same place, or when one article tells of it at a
    province or country and at a place inside it ("strikes in Iran on Jan.
    18" and "the operation in Iran's Sistan-Baluchistan province"). At the
    same town or province: of the same fine type, or told by one article
    (its undated headline and its dated account). A whole country is too
    wide for that: there, only one article repeating the same fine type
    ("Israel attacked Iran ... the attack on Iran") is one happening.
    """
    if a.place is None or b.place is None:
        return False
    same_type, same_article = a.event_type == b.event_type, a.article_id == b.article_id
    if a.place.place_id != b.place.place_id:
        return same_article and (_holds(a.place, b.place) or _holds(b.place, a.place))
    if a.place.kind in _WIDE:
        return same_type and same_article
    return same_type or same_article


def report_key(r: Event) -> tuple:
    """A total order of reports that does not depend on how they were gathered."""
    return (r.date or "~", r.place.place_id if r.place else "~", r.article_id, r.start, r.end,
            r.event_type, r.mention_start if r.mention_start is not None else -1)


def cluster(reports: Iterable[Event]) -> list[list[Event]]:
    """Partition ``reports`` into happenings (each group sorted by :func:`report_key`).

    The result depends only on the set of reports: see the module's docstring.
    Reports whose text states their date are grouped first; a report without
    one then joins a group it meets and whose other undated reports it all
    meets (preferring one its own article tells, then one of its fine type,
    then the largest), or starts its own.
    Groups come in the order of their first report.
    """
    items = sorted(reports, key=report_key)
    strong = [r for r in items if firmly_dated(r)]
    weak = [r for r in items if not firmly_dated(r)]
    groups = _complete_linkage(strong)
    for r in weak:
        best, best_key = None, None
        for gi, g in enumerate(groups):
            # it must meet one of the group, and every other report of the group without a date
            # (a chain of undated reports through a whole country is not one happening)
            if not any(same_happening(r, x) for x in g) or \
                    not all(same_happening(r, x) for x in g if not firmly_dated(x)):
                continue
            key = (not any(x.article_id == r.article_id for x in g),
                   not any(x.event_type == r.event_type for x in g), -len(g), gi)
            if best_key is None or key < best_key:
                best, best_key = g, key
        if best is None:
            groups.append([r])
        else:
            best.append(r)
    for g in groups:
        g.sort(key=report_key)
    groups.sort(key=lambda g: report_key(g[0]))
    return groups


def _complete_linkage(items: list[Event]) -> list[list[Event]]:
    """Connected components of the sameness graph, each split (in the given order) into groups
    whose members are all pairwise the same happening."""
    n = len(items)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    compatible: set[tuple[int, int]] = set()
    by_family: dict[str, list[int]] = {}
    for i, r in enumerate(items):
        by_family.setdefault(family(r), []).append(i)
    for idx in by_family.values():
        for x in range(len(idx)):
            for y in range(x + 1, len(idx)):
                i, j = idx[x], idx[y]
                if same_happening(items[i], items[j]):
                    compatible.add((i, j))
                    parent[find(i)] = find(j)
    components: dict[int, list[int]] = {}
    for i in range(n):
        components.setdefault(find(i), []).append(i)
    groups: list[list[Event]] = []
    for members in sorted(components.values()):
        split: list[list[int]] = []
        for i in members:  # in the given (canonical) order
            for g in split:
                if all((k, i) in compatible for k in g):
                    g.append(i)
                    break
            else:
                split.append([i])
        groups.extend([items[i] for i in g] for g in split)
    return groups


def _most_common(values: Sequence, rank=None):
    """The most common value (ties: the lowest ``rank``, then the first seen)."""
    counts = Counter(values)
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    return min(counts, key=lambda v: (-counts[v], rank(v) if rank else 0, first[v]))


def summarise(group: Sequence[Event], event_id: int | None = None) -> LedgerEvent:
    """The ledger event of reports that tell of one happening: their consensus, and what they dispute.

    - type: the most common fine type (ties: the most specific report's);
    - place: the most common place among the most specific reports;
    - date: the most common stated window, else an inferred one, else none;
    - actors: every source's, in order, once each.

    ``disputed`` names each field on which sources disagree: "type" (ACLED
    types differ), "place" (two places neither of which holds the other),
    "date" (stated dates more than a day apart, or windows that do not
    overlap).
    """
    if not group:
        raise ValueError("an empty group of reports")
    sources = tuple(sorted(group, key=report_key))
    placed = [r for r in sources if r.place is not None]
    if placed:
        best_rank = min(_KIND_RANK.get(r.place.kind, 9) for r in placed)
        finest = [r for r in placed if _KIND_RANK.get(r.place.kind, 9) == best_rank]
        pid = _most_common([r.place.place_id for r in finest])
        at = next(r for r in finest if r.place.place_id == pid)
        place, geo_precision = at.place, min((r.geo_precision for r in finest if r.place.place_id == pid
                                              and r.geo_precision), default=None)
    else:
        place, geo_precision = None, None
    etype = _most_common([r.event_type for r in sources],
                         rank=lambda t: min(_KIND_RANK.get(r.place.kind, 9) if r.place else 9
                                            for r in sources if r.event_type == t))
    typed = next(r for r in sources if r.event_type == etype)
    subs = [r.sub_event_type for r in sources if r.event_type == etype and r.sub_event_type]
    stated = [r for r in sources if firmly_dated(r)]
    pool = stated or [r for r in sources if r.date]
    if pool:
        key = _most_common([(r.date, r.date_end, r.date_precision) for r in pool],
                           rank=lambda k: ["day", "week", "month", "year"].index(k[2])
                           if k[2] in ("day", "week", "month", "year") else 9)
        d, d_end, prec = key
        # inferred only when no source states its date: a stated month or year is weak, not inferred
        inferred = all(r.date_inferred for r in pool if (r.date, r.date_end, r.date_precision) == key)
    else:
        d = d_end = prec = None
        inferred = False
    actors = tuple(dict.fromkeys(a for r in sources for a in r.actors))
    disputed = []
    if len({r.acled_type for r in sources}) > 1:
        disputed.append("type")
    if any(a.place.place_id != b.place.place_id and not (_holds(a.place, b.place) or _holds(b.place, a.place))
           for i, a in enumerate(placed) for b in placed[i + 1:]):
        disputed.append("place")
    windows = [window(r) for r in stated]
    if any(not (_contains(w1, w2) or _contains(w2, w1)) for i, w1 in enumerate(windows) for w2 in windows[i + 1:]):
        disputed.append("date")
    return LedgerEvent(
        event_type=etype, acled_type=typed.acled_type, place=place, sources=sources,
        sub_event_type=_most_common(subs) if subs else None, date=d, date_end=d_end, date_precision=prec,
        date_inferred=inferred, geo_precision=geo_precision, actors=actors, disputed=tuple(disputed),
        event_id=event_id,
    )


def merge_reports(reports: Iterable[Event]) -> list[LedgerEvent]:
    """The ledger events of a set of reports (see :func:`cluster` and :func:`summarise`)."""
    return [summarise(g) for g in cluster(reports)]
