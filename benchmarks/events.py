"""Benchmark the event extractor on real event reports (ACLED notes) and run it on the seeds.

    python benchmarks/events.py [PATH.jsonl] [--errors N] [--json] [--no-seeds]

Without a path it reads ../shared/bench/events/acled_dev.jsonl beside the
repository (format and metric definitions: that folder's README). Each record
is read as an article (its ``date`` is the publication date), geoparsed,
its event reports extracted, and the reports merged into events
(``merge_reports``) as the project store does: every figure scores the
MERGED events of a record.

Per record (overall, per gold type, per source):

- ``recall_any``: at least one event;
- ``type_acc``: some event has the gold ACLED event type;
- ``loc@161`` / ``loc@50``: some event lies within 161 / 50 km of the gold point;
- ``date_acc_stated``: over the records whose text states a date, some event's
  date is the gold day (day precision, ``date`` equal to the gold date);
- ``date_ok``: some event's date is right: the gold day where the text states a
  date; elsewhere an undated event, or one whose window lies in the week before
  publication (``[publication - 7 days, publication]``);
- ``full@161``: one event has the gold type, lies within 161 km and has its date
  right as for ``date_ok``;
- ``ev/rec``: merged events per record.

Then a confusion matrix (gold type x the first event's type, "none" for no
event; the first event is the one whose earliest report comes first in the
text), and the accuracy of the sub-event type (some event has the gold type
and sub-event type; records whose gold has one), of the time precision and of
the geo-precision (of the record's primary event: the first event of the
gold type, else the first event; every record, no event counts as wrong).

Speed: articles per second of geoparsing + extraction + merging, one process
(one core), after start-up (the gazetteer is loaded, and every lazy table
warmed on a few records, before the clock starts), on the benchmark and on
the seeds.

Last, the seeds (the bundled articles): their events merged across articles
as a project would hold them, with type, place, date and sources.

``--errors N`` prints N misses of each kind (for development only: the
printout holds benchmark text, never paste it into the project).
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from explorer import resources  # noqa: E402
from explorer.core.text.sources import read_manifest  # noqa: E402
from explorer.core.events import extract_events  # noqa: E402
from explorer.core.events.merge import merge_reports  # noqa: E402
from explorer.core.text.readers import read_articles  # noqa: E402
from explorer.core.store.ingest import _locate, prepare  # noqa: E402
from explorer.core.models import Article  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "bench" / "events" / "acled_dev.jsonl"
TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments")
SHORT = {"Battles": "Bat", "Explosions/Remote violence": "Exp", "Violence against civilians": "VAC",
         "Protests": "Pro", "Riots": "Rio", "Strategic developments": "SD", None: "none"}
METRICS = ("recall_any", "type_acc", "loc@161", "loc@50", "date_acc_stated", "date_ok", "full@161", "ev/rec")


def haversine(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _day(iso: str | None) -> date | None:
    if not iso or len(iso) != 10:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def analyse(article: Article, geoparser):
    text = prepare(article)
    mentions = _locate(article, text, geoparser)
    reports = extract_events(article, text, mentions)
    return merge_reports(reports)


def first_pos(ev) -> int:
    return min(s.start for s in ev.sources)


def km_of(ev, gold) -> float | None:
    if ev.place is None:
        return None
    return haversine(ev.place.lat, ev.place.lon, gold["lat"], gold["lon"])


def day_right(ev, gold) -> bool:
    return ev.date == gold["event_date"] and ev.date_precision == "day" and not ev.date_inferred


def date_ok(ev, gold, published: date | None) -> bool:
    if gold.get("date_stated"):
        return day_right(ev, gold)
    if not ev.date:
        return True
    first = _day(ev.date)
    last = _day(ev.date_end) if ev.date_end else first
    if first is None or last is None or published is None:
        return False
    return published - timedelta(days=7) <= first and last <= published


def score_record(rec: dict, events) -> dict:
    gold = rec["gold"]
    pub = _day(rec.get("date"))
    evs = sorted(events, key=first_pos)
    kms = [km_of(e, gold) for e in evs]
    typed = [e for e in evs if e.acled_type == gold["event_type"]]
    primary = typed[0] if typed else (evs[0] if evs else None)
    r = {
        "recall_any": bool(evs),
        "type_acc": bool(typed),
        "loc@161": any(k is not None and k <= 161 for k in kms),
        "loc@50": any(k is not None and k <= 50 for k in kms),
        "date_ok": any(date_ok(e, gold, pub) for e in evs),
        "full@161": any(e.acled_type == gold["event_type"] and k is not None and k <= 161 and date_ok(e, gold, pub)
                        for e, k in zip(evs, kms)),
        "ev/rec": len(evs),
        "first": evs[0].acled_type if evs else None,
        "tp": (primary.time_precision if primary else None) == gold.get("time_precision"),
        "gp": (primary.geo_precision if primary else None) == gold.get("geo_precision"),
    }
    if gold.get("date_stated"):
        r["date_acc_stated"] = any(day_right(e, gold) for e in evs)
    if gold.get("sub_event_type"):
        r["sub"] = any(e.acled_type == gold["event_type"] and e.sub_event_type == gold["sub_event_type"]
                       for e in evs)
    return r


def summarise(rows: list[dict]) -> dict:
    out = {"n": len(rows)}
    for m in METRICS:
        vals = [r[m] for r in rows if m in r]
        out[m] = (sum(vals) / len(vals)) if vals else float("nan")
    for m in ("sub", "tp", "gp"):
        vals = [r[m] for r in rows if m in r]
        out[m] = (sum(vals) / len(vals)) if vals else float("nan")
        out[m + "_n"] = len(vals)
    return out


def table(title: str, groups: list[tuple[str, dict]]) -> str:
    hdr = ("", "n") + METRICS + ("sub-event", "time prec.", "geo prec.")
    lines = [f"\n{title}", "| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
    for name, s in groups:
        cells = [name, str(s["n"])] + [f"{s[m]:.3f}" if s[m] == s[m] else "—" for m in METRICS]
        cells[-1] = f"{s['ev/rec']:.2f}"
        cells += [f"{s[m]:.3f}" if s[m] == s[m] else "—" for m in ("sub", "tp", "gp")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def confusion(rows: list[tuple[dict, dict]]) -> str:
    cols = list(TYPES) + [None]
    counts = Counter((rec["gold"]["event_type"], r["first"]) for rec, r in rows)
    lines = ["\nConfusion (rows: gold type; columns: the first event's type)",
             "| gold \\ first | " + " | ".join(SHORT[c] for c in cols) + " |", "|" + "---|" * (len(cols) + 1)]
    for g in TYPES:
        lines.append(f"| {SHORT[g]} | " + " | ".join(str(counts[(g, c)]) for c in cols) + " |")
    return "\n".join(lines)


def load_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def article_of(rec: dict) -> Article:
    pub = rec.get("date") or None
    return Article(article_id=str(rec["id"]), title=rec.get("title") or "", raw_text=rec["text"],
                   dates=[pub] if pub else [], published=pub)


def seed_articles() -> list[Article]:
    paths = resources.seed_paths()
    manifest = read_manifest(paths[0].parent) if paths else {}
    out = []
    for p in paths:
        out.extend(a for a in read_articles(p, manifest) if isinstance(a, Article))
    return out


def run_seeds(geoparser) -> None:
    arts = seed_articles()
    reports = []
    t0 = time.perf_counter()
    for a in arts:
        text = prepare(a)
        reports.extend(extract_events(a, text, _locate(a, text, geoparser)))
    events = merge_reports(reports)
    elapsed = time.perf_counter() - t0
    per = Counter(len(e.sources) for e in events)
    print(f"\nSeeds: {len(arts)} articles, {len(reports)} reports -> {len(events)} events "
          f"({sum(1 for e in events if e.date and not e.date_inferred)} with a stated date, "
          f"{sum(1 for e in events if e.date_inferred)} inferred, {sum(1 for e in events if not e.date)} undated; "
          f"sources per event {dict(sorted(per.items()))}); {len(arts) / elapsed:.0f} art/s")
    by_art = defaultdict(list)
    for e in events:
        by_art[e.sources[0].article_id].append(e)
    for aid in sorted(by_art):
        print(f"  {aid}")
        for e in sorted(by_art[aid], key=first_pos):
            when = e.date or "undated"
            if e.date_end:
                when += f"..{e.date_end}"
            if e.date and e.date_precision != "day":
                when += f" ({e.date_precision}{', inferred' if e.date_inferred else ''})"
            place = f"{e.place.name} [{e.place.kind}, gp {e.geo_precision}]" if e.place else "no place"
            src = ", ".join(f"{s.article_id[:3]}@{s.start}" for s in e.sources)
            sub = f" / {e.sub_event_type}" if e.sub_event_type else ""
            disp = f" DISPUTED {','.join(e.disputed)}" if e.disputed else ""
            print(f"    {e.acled_type}{sub} ({e.event_type}) | {place} | {when} | "
                  f"actors {', '.join(e.actors) or '-'} | {len(e.sources)} source(s): {src}{disp}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N misses of each kind (development)")
    ap.add_argument("--json", action="store_true", help="print the overall figures as JSON too")
    ap.add_argument("--no-seeds", action="store_true", help="skip the seeds")
    ap.add_argument("--only", default=None, help="only records of this source or gold type (development)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from explorer.core.places.geoparse import default_geoparser

    gp = default_geoparser()
    startup = time.perf_counter() - t0
    records = load_records(args.path)
    if args.only:
        records = [r for r in records if args.only in (r["gold"]["source"], r["gold"]["event_type"])]
    articles = [article_of(r) for r in records]
    for a in articles[:20]:  # warm lazy tables (date library, regexes) before the clock starts
        analyse(a, gp)
    seeds = seed_articles()
    for a in seeds:
        analyse(a, gp)

    t1 = time.perf_counter()
    results = [analyse(a, gp) for a in articles]
    elapsed = time.perf_counter() - t1
    t2 = time.perf_counter()
    for _ in range(5):
        for a in seeds:
            analyse(a, gp)
    seed_rate = 5 * len(seeds) / (time.perf_counter() - t2)

    rows = [(rec, score_record(rec, evs)) for rec, evs in zip(records, results)]
    overall = summarise([r for _, r in rows])
    print(f"Events benchmark: {args.path.name}, {len(records)} records; start-up (gazetteer) {startup:.2f} s")
    print(f"Speed (geoparse + events + merge, one core, after start-up): {len(records) / elapsed:.0f} art/s "
          f"on the benchmark, {seed_rate:.0f} art/s on the seeds ({sum(len(a.raw_text) for a in seeds) // len(seeds)} "
          f"chars per seed article)")
    print(table("Overall", [("all", overall)]))
    print(table("Per gold type", [(t, summarise([r for rec, r in rows if rec["gold"]["event_type"] == t]))
                                  for t in TYPES if any(rec["gold"]["event_type"] == t for rec, _ in rows)]))
    sources = sorted({rec["gold"]["source"] for rec, _ in rows})
    print(table("Per source", [(s, summarise([r for rec, r in rows if rec["gold"]["source"] == s]))
                               for s in sources]))
    print(confusion(rows))
    print(f"\nsub-event accuracy over {overall['sub_n']} records with a gold sub-event type; time and geo "
          f"precision over {overall['tp_n']} records (primary event: the first of the gold type, else the first).")
    if args.json:
        print(json.dumps({k: v for k, v in overall.items()}, indent=1))
    if args.errors:
        show_errors(rows, results, args.errors)
    if not args.no_seeds:
        run_seeds(gp)
    return 0


def show_errors(rows, results, n) -> None:
    """Development only: misses of each kind, with the record's text."""
    kinds = defaultdict(list)
    for (rec, r), evs in zip(rows, results):
        if not r["recall_any"]:
            kinds["no event"].append((rec, evs))
            continue
        if not r["type_acc"]:
            kinds["type"].append((rec, evs))
        if not r["loc@161"]:
            kinds["place"].append((rec, evs))
        if r.get("date_acc_stated") is False:
            kinds["date"].append((rec, evs))
    for kind, items in kinds.items():
        print(f"\n--- {kind}: {len(items)}")
        for rec, evs in items[:n]:
            g = rec["gold"]
            print(f"* {rec['id']} pub {rec['date']} | gold {SHORT[g['event_type']]} / {g['sub_event_type']} | "
                  f"{g['event_date']} | {g['location']} ({g['admin1']}) gp{g['geo_precision']}")
            print(f"  {rec['text'][:600]}")
            for e in sorted(evs, key=first_pos):
                k = km_of(e, g)
                print(f"  -> {SHORT[e.acled_type]}/{e.sub_event_type} {e.event_type} | "
                      f"{e.place.name + ' ' + e.place.kind if e.place else None} "
                      f"{'' if k is None else round(k)}km | {e.date} {e.date_precision}"
                      f"{' inf' if e.date_inferred else ''} | {e.sources[0].trigger}")


if __name__ == "__main__":
    raise SystemExit(main())
