"""Find a place in the gazetteer as the user types (the search box, the correction dialog's search field).

API (Qt-free)::

    search_places(query, limit=20, *, project_places=None, gazetteer=None) -> list[PlaceHit]
        Places whose name or an alternate name starts with what was typed, then those with a later word
        of a name starting with it ("kashmir" finds "Azad Kashmir"), accent- and case-insensitive
        ("sao paulo" finds São Paulo, "bombay" Mumbai). Ranked: places of the open project first
        (``project_places``: their ids, see :func:`project_place_ids`), then an exact match of the
        whole name, a match at the start before one inside, then importance: population (log scale),
        lifted for a country (it comes before any city but a thousand times bigger), a province or region
        (before a town of its size, not before a city ten times bigger) and a national capital. While the
        last word is still being typed, a much smaller place whose whole name the letters spell ranks among
        the prefix matches ("kara": Karachi before the province Kara, Togo). Each hit has the Place (id,
        name, kind, country code, admin1, lat/lon, population), the country's name, the name that matched
        and whether it was exact. An empty query (or one with no letters) finds nothing.

    project_place_ids(project) -> frozenset[str]
        The ids of the places the open project holds (what ``project_places`` takes).

    warm(gazetteer=None) -> PlaceSearch
        Load (or build) the search index now, e.g. in a thread when the app starts, so that the first
        keystroke does not wait for it.

The index is built once from the gazetteer's name index (about 1 s) and cached beside the
gazetteer's own index in the user cache, keyed on the same content digest (a new gazetteer gets a
new one); a prebuilt gazetteer directory ($GEO_EXPLORER_INDEX) may hold it too. An answer takes a
few milliseconds on the full gazetteer: prefixes are looked up by bisection in sorted keys, and the
places of the shortest prefixes (one or two letters, thousands of names) are kept ranked in advance.
"""
from __future__ import annotations

import heapq
import math
import os
import pickle
import sys
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from explorer.core.places import gazetteer as gz
from explorer.core.models import Place

SEARCH_FORMAT = 5  # bump when the layout of the search index (or the importance it keeps) changes
SEARCH_FILE = "place_search.pickle"
VARIANT = 100.0  # a match of a place's own name ranks before a match of an alternate name (exact ones aside)
BIG = 1500  # a prefix with more names than this has its best places ranked in advance
SCAN = 6000  # at most this many names are read for one prefix (more only if a build was told to rank fewer)
TOP = 60  # how many places a prefix keeps ranked in advance
_END = "\U0010ffff"
# Words a later word of a name may not start a match with ("Jammu and Kashmir" is found by "kashmir", not "and")
_SKIP_WORDS = frozenset("and of the de la el al le les des du da do di del y e va i".split())
EXACT_LETTERS = 4  # a shorter name is taken as a whole name only for a country, province or region (acronyms)
_AREAS = frozenset((gz.K_COUNTRY, gz.K_ADMIN1, gz.K_REGION, gz.K_CONTINENT))
# Importance is population on a log scale (orders of magnitude), lifted by kind: a country by three orders (it
# comes before any city but a thousand times bigger), a province or region by half of one (before a town of its
# size, not before a city ten times bigger: "kara" lists Karachi before the provinces Kara, Karaganda, ...), a
# national capital by one. An area counts as at least _KIND_FLOOR (its population may be unknown: a region's is).
_KIND_WEIGHT = {gz.K_COUNTRY: 3.0, gz.K_CONTINENT: 3.0, gz.K_REGION: 0.5, gz.K_ADMIN1: 0.5, gz.K_ADMIN2: -0.5,
                gz.K_CITY: 0.0}
_KIND_FLOOR = {gz.K_COUNTRY: 6.0, gz.K_CONTINENT: 6.0, gz.K_REGION: 4.5, gz.K_ADMIN1: 3.5}
CAPITAL = 1.0


class PlaceFields:
    """The fields of a found place read through (a class with a ``place``: :class:`PlaceHit`, a correction's
    ``Candidate``)."""

    place: Place

    @property
    def place_id(self) -> str:
        return self.place.place_id

    @property
    def name(self) -> str:
        return self.place.name

    @property
    def kind(self) -> str:
        return self.place.kind

    @property
    def country_code(self) -> str | None:
        return self.place.country_code

    @property
    def admin1(self) -> str | None:
        return self.place.admin1

    @property
    def lat(self) -> float:
        return self.place.lat

    @property
    def lon(self) -> float:
        return self.place.lon

    @property
    def population(self) -> int:
        return self.place.population


@dataclass(frozen=True)
class PlaceHit(PlaceFields):
    """A place found by :func:`search_places`."""

    place: Place
    country_name: str | None
    matched: str  # the name (folded: lower case, no accents) that matched what was typed
    exact: bool  # the whole name is what was typed
    in_project: bool = False

    @property
    def label(self) -> str:
        """"Quetta — city, Balochistan, Pakistan"."""
        where = ", ".join(x for x in (self.place.admin1 if self.place.kind not in ("admin1", "country") else None,
                                      self.country_name if self.place.kind != "country" else None) if x)
        return f"{self.place.name} — {self.place.kind}" + (f", {where}" if where else "")


def importance(g: gz.Gazetteer, i: int) -> float:
    """How much a place matters when names tie: its population (log10), lifted by its kind (see _KIND_WEIGHT)."""
    kind = g.kinds[i]
    w = _KIND_WEIGHT.get(kind, 0.0) + max(_KIND_FLOOR.get(kind, 0.0), math.log10(1 + max(0, int(g.pop[i]))))
    if i in g.capitals:
        w += CAPITAL
    return w


def _codes(v) -> tuple[int, ...]:
    return (v,) if isinstance(v, int) else v


class _Sorted:
    """Sorted names, each with its encoded candidates (place * 2 + variant), and the best places of the
    prefixes that hold more than :data:`BIG` names, ranked in advance."""

    def __init__(self, names: list[str], codes: list, tops: dict[str, tuple[int, ...]]):
        self.names = names
        self.codes = codes
        self.tops = tops

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, tuple[int, ...]]], score) -> _Sorted:
        merged: dict[str, list[int]] = {}
        for name, codes in pairs:
            lst = merged.setdefault(name, [])
            lst.extend(c for c in codes if c not in lst)
        names = sorted(merged)
        codes = [merged[n][0] if len(merged[n]) == 1 else tuple(merged[n]) for n in names]
        self = cls(names, codes, {})
        self._rank_big(score)
        return self

    def range(self, prefix: str) -> tuple[int, int]:
        lo = bisect_left(self.names, prefix)
        return lo, bisect_left(self.names, prefix + _END, lo)

    def _rank_big(self, score) -> None:
        names, codes, tops = self.names, self.codes, self.tops
        sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

        def best(entries: dict[int, tuple]) -> dict[int, tuple]:
            return dict(sorted(entries.items(), key=lambda kv: -kv[1][0])[:TOP])

        def scan(lo: int, hi: int) -> dict[int, tuple]:
            out: dict[int, tuple] = {}  # place -> (score, its best code)
            for k in range(lo, hi):
                for c in _codes(codes[k]):
                    s = score(c)
                    if s > out.get(c >> 1, (-1e9,))[0]:
                        out[c >> 1] = (s, c)
            return best(out)

        def rec(prefix: str, lo: int, hi: int) -> dict[int, tuple]:
            if hi - lo <= BIG:
                return scan(lo, hi)
            out: dict[int, tuple] = {}
            i, n = lo, len(prefix)
            while i < hi:
                if len(names[i]) == n:  # the prefix itself is a name
                    part = scan(i, i + 1)
                    j = i + 1
                else:
                    ch = names[i][n]
                    j = bisect_left(names, prefix + ch + _END, i, hi)
                    part = rec(prefix + ch, i, j)
                for p, sc in part.items():
                    if sc[0] > out.get(p, (-1e9,))[0]:
                        out[p] = sc
                i = j
            out = best(out)
            tops[prefix] = tuple(sc[1] for sc in out.values())  # codes, best first
            return out

        rec("", 0, len(names))


class PlaceSearch:
    """The search index of one gazetteer (see the module's docstring)."""

    def __init__(self, g: gz.Gazetteer, names: _Sorted, words: _Sorted, version: str = "", imp: array | None = None):
        self.g = g
        self.imp = imp if imp is not None else array("f", (importance(g, i) for i in range(len(g.ids))))
        self.names = names  # every name of every place
        self.words = words  # every name from its second word on ("kashmir" of "azad kashmir")
        self.version = version
        self._project_keys: dict[str, str] = {}  # place id -> the key of its own name
        self._ids: dict[str, int] | None = None

    # -- building, caching -------------------------------------------------------
    @classmethod
    def build(cls, g: gz.Gazetteer) -> PlaceSearch:
        t0 = time.perf_counter()
        imp = array("f", (importance(g, i) for i in range(len(g.ids))))

        def score(code: int) -> float:
            return imp[code >> 1] - (VARIANT if code & 1 else 0.0)

        names = _Sorted.build(((k, _codes(v)) for k, v in g.index.items()), score)

        def later_words():
            for k, v in g.index.items():
                if " " not in k:
                    continue
                ws = k.split(" ")
                cs = _codes(v)
                for n in range(1, len(ws)):
                    if ws[n] not in _SKIP_WORDS:
                        yield " ".join(ws[n:]), cs

        words = _Sorted.build(later_words(), score)
        print(f"place search: indexed {len(names.names)} names, {len(words.names)} later words in "
              f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
        return cls(g, names, words, g.version, imp)

    def _state(self) -> dict:
        return {"format": SEARCH_FORMAT, "version": self.version, "importance": self.imp,
                "names": (self.names.names, self.names.codes, self.names.tops),
                "words": (self.words.names, self.words.codes, self.words.tops)}

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(self._state(), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    @classmethod
    def read(cls, g: gz.Gazetteer, path: Path) -> PlaceSearch | None:
        """The index saved at ``path`` if it was made for this gazetteer (else None)."""
        import gc

        try:
            gc.disable()
            with open(path, "rb") as fh:
                state = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None
        finally:
            gc.enable()
        if not isinstance(state, dict) or state.get("format") != SEARCH_FORMAT or state.get("version") != g.version:
            return None
        return cls(g, _Sorted(*state["names"]), _Sorted(*state["words"]), g.version, state["importance"])

    @classmethod
    def load(cls, g: gz.Gazetteer) -> PlaceSearch:
        """The index of ``g``: from a prebuilt gazetteer directory or the user cache, else built (and cached)."""
        if not g.version:  # a gazetteer built in memory (tests): nothing to key a cache on
            return cls.build(g)
        places = []
        explicit = os.environ.get(gz.ENV_INDEX)
        if explicit:
            places.append(Path(explicit) / SEARCH_FILE)
        cached = gz.cache_dir() / g.version / SEARCH_FILE
        places.append(cached)
        for path in places:
            if path.is_file():
                found = cls.read(g, path)
                if found is not None:
                    return found
        made = cls.build(g)
        try:
            made.save(cached)
        except OSError as exc:
            print(f"place search: could not write the cache {cached}: {exc}", file=sys.stderr)
        return made

    # -- asking -------------------------------------------------------------------
    def _queries(self, query: str) -> list[str]:
        """The folded forms of what was typed: the last word as a whole word, and, while it is still being
        typed, as the start of a word ("st" starts "stockholm", and is also short for "saint")."""
        words = gz.WORD_RE.findall(query or "")
        if not words:
            return []
        head = [gz.fold(w) for w in words[:-1]]
        full = " ".join(head + [gz.fold(words[-1])])
        plain = " ".join(head + [_fold_plain(words[-1])])
        typing = not query[-1:].isspace()
        return [plain, full] if typing and plain != full else [full]

    def _from(self, index: _Sorted, q: str, tier: int, found: dict, score, cap: int) -> None:
        top = index.tops.get(q)
        if top is not None:
            for c in top:
                _keep(found, c >> 1, (tier, -score(c)), q)
            return
        lo, hi = index.range(q)
        for k in range(lo, min(hi, lo + cap)):
            name = index.names[k]
            for c in _codes(index.codes[k]):
                _keep(found, c >> 1, (tier, -score(c)), name)

    def search(self, query: str, limit: int = 20, project_places: Collection[str] | None = None) -> list[PlaceHit]:
        g = self.g
        qs = self._queries(query)
        if not qs or limit <= 0:
            return []
        imp = self.imp

        def score(code: int) -> float:
            return imp[code >> 1] - (VARIANT if code & 1 else 0.0)

        found: dict[int, tuple] = {}  # place index -> (rank, matched)
        for q in qs:
            if len(q) >= 2:
                for c in g.candidates(q):  # the whole name (an alternate name nearly as good: "bombay")
                    if len(q) >= EXACT_LETTERS or g.kinds[c >> 1] in _AREAS:  # "uk", "kpk"; not "pak": Paka
                        _keep(found, c >> 1, (0, -(imp[c >> 1] - (0.75 if c & 1 else 0.0))), q)
            self._from(self.names, q, 1, found, score, SCAN)
            self._from(self.words, q, 2, found, score, SCAN)
        if not query[-1:].isspace():
            _prefer_big_prefixes(found)
        inside: set[int] = set()
        if project_places:
            inside = self._project_matches(project_places, qs, found, score)
        ranked = heapq.nsmallest(limit, found.items(), key=lambda kv: (kv[0] not in inside, kv[1][0], kv[0]))
        hits = []
        for i, (rank, matched) in ranked:
            p = g.place(i)
            cc = p.country_code
            ci = g.country_place.get(cc) if cc else None
            hits.append(PlaceHit(p, g.names[ci] if ci is not None else None, matched, rank[0] == 0, i in inside))
        return hits

    def _project_matches(self, ids: Collection[str], qs: list[str], found: dict, score) -> set[int]:
        """The project's places among the hits, and those whose own name matches though ranked too low."""
        g = self.g
        if self._ids is None:
            self._ids = {pid: i for i, pid in enumerate(g.ids)}
        out = set()
        for pid in ids:
            i = self._ids.get(pid)
            if i is None:
                continue
            if i in found:
                out.add(i)
                continue
            key = self._project_keys.get(pid)
            if key is None:
                key = self._project_keys[pid] = gz.name_key(g.names[i])
            for q in qs:
                if key == q:
                    _keep(found, i, (0, -score(i * 2)), q)
                elif key.startswith(q):
                    _keep(found, i, (1, -score(i * 2)), key)
                elif (" " + q) in (" " + key) and any(key[j:].startswith(q) for j in _word_starts(key)):
                    _keep(found, i, (2, -score(i * 2)), key)
                else:
                    continue
                out.add(i)
                break
        return out


def _word_starts(key: str) -> list[int]:
    return [j + 1 for j, ch in enumerate(key) if ch == " "]


def _fold_plain(word: str) -> str:
    """:func:`explorer.core.places.gazetteer.fold` without its abbreviations ("st" stays "st")."""
    w = word.casefold()
    return w if w in gz._TOKEN_MAP else gz.fold(word)


# While a name is being typed, a small place whose whole name the letters happen to spell ("kara", "sylh") does not
# outrank a much bigger place they begin (Karachi, Sylhet): it is ranked among them, this much ahead of its importance.
EXACT_LEAD = 1.5


def _prefer_big_prefixes(found: dict) -> None:
    """Rank a whole-name match among the prefix matches when one of those matters more than it by over
    :data:`EXACT_LEAD` (log10 of population, kind weights): "kara" lists Karachi before Kara (Togo)."""
    best = max((-rank[1] for rank, _ in found.values() if rank[0] == 1), default=None)
    if best is None:
        return
    for i, (rank, matched) in list(found.items()):
        if rank[0] == 0 and -rank[1] + EXACT_LEAD < best:
            found[i] = ((1, rank[1] - EXACT_LEAD), matched)


def _keep(found: dict, i: int, rank: tuple, matched: str) -> None:
    old = found.get(i)
    if old is None or rank < old[0]:
        found[i] = (rank, matched)


# ---------------------------------------------------------------- the process's index

_search: PlaceSearch | None = None
_lock = threading.Lock()


def _default_gazetteer() -> gz.Gazetteer:
    from explorer.core.places.geoparse import default_geoparser

    return default_geoparser().g


def warm(gazetteer: gz.Gazetteer | None = None) -> PlaceSearch:
    """The search index of ``gazetteer`` (default: the application's), loaded or built once per process."""
    global _search
    g = gazetteer if gazetteer is not None else _default_gazetteer()
    s = _search
    if s is not None and s.g is g:
        return s
    with _lock:
        if _search is None or _search.g is not g:
            _search = PlaceSearch.load(g)
        return _search


def search_places(query: str, limit: int = 20, *, project_places: Collection[str] | None = None,
                  gazetteer: gz.Gazetteer | None = None) -> list[PlaceHit]:
    """Places whose name or an alternate name starts with ``query`` (see the module's docstring)."""
    return warm(gazetteer).search(query, limit, project_places)


def project_place_ids(project) -> frozenset[str]:
    """The ids of the places of the open project (for ``project_places``)."""
    return frozenset(r[0] for r in project.conn.execute("SELECT place_id FROM places"))


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m explorer.core.places.search",
                                 description="Build the place search index ahead of time, or look places up.")
    ap.add_argument("--build", action="store_true", help="build the index (into the user cache, or --out)")
    ap.add_argument("--out", help="a prebuilt gazetteer directory to write it into (GEO_EXPLORER_INDEX)")
    ap.add_argument("query", nargs="*", help="what to look up")
    args = ap.parse_args(argv)
    g = gz.load(args.out) if args.out else gz.load()
    if args.build:
        t0 = time.perf_counter()
        made = PlaceSearch.build(g)
        path = (Path(args.out) if args.out else gz.cache_dir() / g.version) / SEARCH_FILE
        made.save(path)
        print(f"{path}: {path.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s")
    for q in args.query:
        for h in warm(g).search(q, 10):
            print(f"{q}\t{h.place_id}\t{h.label}\t{h.lat:.4f},{h.lon:.4f}\t{'exact' if h.exact else h.matched}")
    if not args.build and not args.query:
        ap.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
