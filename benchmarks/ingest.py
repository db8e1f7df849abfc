"""Ingest benchmark: a few thousand synthetic articles into a temporary GeoPackage project.

    python benchmarks/ingest.py                 # 3000 articles as .txt files
    python benchmarks/ingest.py -n 5000 --jsonl # one JSON Lines file instead
    python benchmarks/ingest.py --keep out.gpkg # keep the project file

Articles are made of the seed corpus's sentences, shuffled (seeded, so runs
are comparable), 12-30 sentences each, with a title. Uses the application's
geoparser (explorer.core.places.geoparse) and event extractor when they are
installed; otherwise a tiny regex geoparser (said so in the output).
Prints articles/s for a first ingest, for a re-ingest of the unchanged
files (content hash check only), the store size, and search latency.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from explorer import resources  # noqa: E402
from explorer.core.store.ingest import ingest_into_project  # noqa: E402
from explorer.core.models import Place, Toponym  # noqa: E402
from explorer.core.store.project import Project  # noqa: E402
from explorer.core.text.clean import clean  # noqa: E402
from explorer.core.text.sentences import sentence_spans  # noqa: E402


class RegexGeoparser:
    """Stand-in when the real geoparser is not installed: a few names, exact match."""

    PLACES = {
        "Pakistan": Place("country:PK", "Pakistan", "country", 29.9, 69.4, "PK"),
        "Iran": Place("country:IR", "Iran", "country", 32.0, 53.0, "IR"),
        "Israel": Place("country:IL", "Israel", "country", 31.5, 34.9, "IL"),
        "Balochistan": Place("ne1:PK-BA", "Balochistan", "admin1", 28.5, 65.5, "PK"),
        "Tehran": Place("gn:112931", "Tehran", "city", 35.69, 51.42, "IR"),
        "Islamabad": Place("gn:1176615", "Islamabad", "city", 33.72, 73.04, "PK"),
        "Isfahan": Place("gn:418863", "Isfahan", "city", 32.65, 51.67, "IR"),
    }

    def __init__(self):
        self.pattern = re.compile(r"\b(" + "|".join(self.PLACES) + r")\b")

    def parse(self, text):
        return [Toponym(m.start(), m.end(), m.group(1), self.PLACES[m.group(1)], 0.9)
                for m in self.pattern.finditer(text)]


def seed_sentences() -> list[str]:
    out = []
    for p in resources.seed_paths():
        raw = p.read_text(encoding="utf-8")
        text = clean(raw).text
        out.extend(raw[s:e] for s, e in sentence_spans(text) if e - s > 40)
    return out


def synthesise(n: int, folder: Path, as_jsonl: bool, seed: int = 7) -> tuple[list[Path], int]:
    rng = random.Random(seed)
    sentences = seed_sentences()
    total_bytes = 0
    rows = []
    paths = []
    for i in range(n):
        body = rng.sample(sentences, rng.randint(12, min(30, len(sentences))))
        title = f"Synthetic report {i}: " + body[0][:60]
        paras = [" ".join(body[k:k + 4]) for k in range(0, len(body), 4)]
        text = title + "\n\n" + "\n\n".join(paras) + "\n"
        total_bytes += len(text.encode("utf-8"))
        if as_jsonl:
            rows.append(json.dumps({"id": f"syn-{i:05d}", "title": title, "date": "2024-01-16", "text": text},
                                   ensure_ascii=False))
        else:
            p = folder / f"syn-{i:05d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(p)
    if as_jsonl:
        p = folder / "synthetic.jsonl"
        p.write_text("\n".join(rows) + "\n", encoding="utf-8")
        paths = [p]
    return paths, total_bytes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--articles", type=int, default=3000)
    ap.add_argument("--jsonl", action="store_true", help="one JSON Lines file instead of .txt files")
    ap.add_argument("--fake-geoparser", action="store_true", help="use the regex stand-in even if the real one is there")
    ap.add_argument("--keep", metavar="FILE.gpkg", help="keep the project file here")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="geo-explorer-bench-"))
    try:
        src = tmp / "articles"
        src.mkdir()
        t0 = time.perf_counter()
        paths, nbytes = synthesise(args.articles, src, args.jsonl)
        print(f"synthesised {args.articles} articles ({nbytes / 1e6:.1f} MB of text) in "
              f"{time.perf_counter() - t0:.1f} s")

        geoparser, which = None, "regex stand-in (explorer.core.places.geoparse not installed)"
        if not args.fake_geoparser:
            try:
                from explorer.core.places.geoparse import default_geoparser

                t0 = time.perf_counter()
                geoparser = default_geoparser()
                geoparser.parse("Warm-up in Quetta, Pakistan.")
                which = f"explorer.core.places.geoparse (loaded in {time.perf_counter() - t0:.1f} s, not counted)"
            except ImportError:
                pass
        if geoparser is None:
            geoparser = RegexGeoparser()
            if args.fake_geoparser:
                which = "regex stand-in (--fake-geoparser)"
        try:
            import explorer.core.events  # noqa: F401
            events = "explorer.core.events"
        except ImportError:
            events = "none (explorer.core.events not installed)"
        print(f"geoparser: {which}\nevents: {events}")

        store = tmp / "bench.gpkg"
        with Project(store) as project:
            t0 = time.perf_counter()
            summary = ingest_into_project(paths, project, geoparser=geoparser)
            dt = time.perf_counter() - t0
            counts = project.counts()
            assert summary.count("added") == args.articles, summary.errors[:3]
            print(f"first ingest: {args.articles} articles in {dt:.1f} s = {args.articles / dt:.0f} articles/s "
                  f"({nbytes / 1e6 / dt:.2f} MB/s)")
            print(f"store: {counts['articles']} articles, {counts['mentions']} mentions, "
                  f"{counts['events']} events, {counts['places']} places")
            t0 = time.perf_counter()
            again = ingest_into_project(paths, project, geoparser=geoparser)
            dt2 = time.perf_counter() - t0
            assert again.count("unchanged") == args.articles
            print(f"re-ingest, all unchanged: {dt2:.1f} s = {args.articles / dt2:.0f} articles/s")
            t0 = time.perf_counter()
            queries = ["ceasefire", "Balochistan border", "missile strikes", "Pakistan Iran talks", "drone"]
            hits = [len(project.search(q)) for q in queries]
            dq = (time.perf_counter() - t0) / len(queries)
            print(f"search: {dq * 1000:.1f} ms per query (hits {hits}, capped at 50)")
            t0 = time.perf_counter()
            from explorer.core.store import views

            table = views.place_table(project.conn)
            print(f"the map's place table: {len(table)} places in {time.perf_counter() - t0:.2f} s")
        size = store.stat().st_size
        print(f"store size: {size / 1e6:.1f} MB ({size / args.articles / 1e3:.1f} kB per article; "
              f"text is {nbytes / args.articles / 1e3:.1f} kB per article)")
        if args.keep:
            shutil.copyfile(store, args.keep)
            print(f"kept: {args.keep}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
