"""Scale benchmark: synthetic corpora of growing size, each stage timed in fresh processes.

    python benchmarks/scale.py --articles 1000 10000        # about 2 min on 2 cores
    python benchmarks/scale.py --articles 100000            # about 15 min: the 100k row
    python benchmarks/scale.py --articles 1000 --seeds      # and the bundled seeds' app row

For each size: a reproducible corpus (benchmarks/synth.py: seeded, real
GeoNames places worldwide, event, mention and date sentences of several
shapes, some long articles), then

- ingest with 1 worker and with every core (``geo-explorer ingest``, each
  into a new project, in a fresh process; articles/s from its summary line),
- a re-ingest of the unchanged files,
- the project's size,
- the app on the project (benchmarks/app_probe.py, a fresh process,
  offscreen): launch -> painted map, pan / zoom / filter change -> redrawn
  map, a range dragged on the timeline -> redrawn map, the timeline
  following a filter change, click -> panel, search, an export of the events, and memory: peak
  resident size and proportional set size (PSS: shared pages split between
  the processes, none counted twice) of the app and of its page processes.

Prints a Markdown table (one row per size), and the raw figures as JSON
with ``--json``. Corpora and projects are kept under ``--work``
(default build/scale) and reused when present (``--fresh`` rebuilds them).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import write_corpus  # noqa: E402

SUMMARY = re.compile(r"(\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed.* in ([\d.]+) s "
                     r"\(([\d.]+) articles/s on (\d+) worker")


def _cli() -> list[str]:
    return [sys.executable, "-m", "explorer"]


def ingest(corpus: Path, project: Path, workers: int | None, fresh: bool = True) -> dict:
    if fresh:
        for f in (project, project.with_name(project.name + "-wal"), project.with_name(project.name + "-shm")):
            f.unlink(missing_ok=True)
    cmd = _cli() + ["ingest", str(corpus), "--project", str(project)]
    if workers:
        cmd += ["--workers", str(workers)]
    t0 = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.time() - t0
    m = SUMMARY.search(done.stdout)
    if done.returncode != 0 or not m:
        raise SystemExit(f"ingest failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    added, replaced, unchanged, failed, secs, rate, w = m.groups()
    return {"articles_per_s": float(rate), "seconds": float(secs), "wall_s": round(wall, 1), "workers": int(w),
            "added": int(added), "unchanged": int(unchanged), "failed": int(failed)}


def app(project: Path) -> dict:
    t0 = time.time()
    done = subprocess.run([sys.executable, str(HERE / "app_probe.py"), str(project), repr(t0)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    line = next((x for x in done.stdout.splitlines()[::-1] if x.startswith("{")), None)
    if line is None:
        raise SystemExit(f"the app probe failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return json.loads(line)


def counts(project: Path) -> dict:
    import sqlite3

    conn = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "mentions", "events", "places")}
    finally:
        conn.close()


def run_size(n: int, work: Path, fresh: bool, one_worker: bool) -> dict:
    corpus = work / f"corpus-{n}"
    if fresh or not corpus.is_dir():
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(n, corpus, seed=1)
    row: dict = {"articles": n}
    if one_worker:
        row["ingest_1"] = ingest(corpus, work / f"project-{n}-w1.gpkg", 1)
    project = work / f"project-{n}.gpkg"
    row["ingest_all"] = ingest(corpus, project, None)
    row["reingest"] = ingest(corpus, project, None, fresh=False)
    row["size_mb"] = round(project.stat().st_size / 1e6, 1)
    row["contents"] = counts(project)
    row["app"] = app(project)
    return row


def seeds_row() -> dict:
    from explorer.core.store.seeds import built_seeds

    return {"articles": "seeds (5)", "app": app(built_seeds())}


def _ms(v) -> str:
    return "—" if v is None else f"{v:.0f} ms"


def table(rows: list[dict]) -> str:
    head = ("| articles | ingest, 1 worker | ingest, all cores | re-ingest unchanged | project | launch -> map | "
            "pan / zoom | filter -> map | brush -> map | timeline follows | click -> panel | search | export events | "
            "app + page PSS (peak RSS) |")
    out = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        a = r["app"]
        i1 = f"{r['ingest_1']['articles_per_s']:.0f}/s" if "ingest_1" in r else "—"
        ia = f"{r['ingest_all']['articles_per_s']:.0f}/s ({r['ingest_all']['workers']} w)" if "ingest_all" in r else "—"
        re_ = f"{r['reingest']['articles_per_s']:.0f}/s" if "reingest" in r else "—"
        c = r.get("contents")
        proj = (f"{r['size_mb']} MB; {c['places']:,} places, {c['mentions']:,} mentions, {c['events']:,} events"
                if c else "—")
        mem = (f"{a['app_pss_mb'] + a['page_pss_mb']:.0f} MB ({a['app_peak_mb']:.0f} + {a['page_peak_mb']:.0f})")
        out.append(f"| {r['articles']} | {i1} | {ia} | {re_} | {proj} | {a['launch_s']:.2f} s | "
                   f"{a['pan_ms']:.0f} / {a['zoom_ms']:.0f} ms | {a['filter_ms']:.0f} ms | {_ms(a.get('brush_ms'))} | "
                   f"{_ms(a.get('timeline_ms'))} | {a['click_ms']:.0f} ms | "
                   f"{a['search_ms']:.0f} ms | {a['export_events_s']:.1f} s ({a['export_events']:,}) | {mem} |")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[1000])
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "scale")
    ap.add_argument("--fresh", action="store_true", help="make the corpora again")
    ap.add_argument("--no-one-worker", action="store_true", help="skip the 1-worker ingest")
    ap.add_argument("--seeds", action="store_true", help="also the app on the bundled seeds")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    rows = [seeds_row()] if args.seeds else []
    for n in args.articles:
        t0 = time.time()
        rows.append(run_size(n, args.work, args.fresh, not args.no_one_worker))
        print(f"{n} articles measured in {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    print(table(rows))
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
