"""Corrections benchmark: how long a click on "Move to…" / "Not a place" / Undo takes on a big project.

    python benchmarks/corrections.py                            # /tmp/scale/p10k.gpkg, else build/scale/p10k.gpkg
    python benchmarks/corrections.py --project PATH.gpkg        # any project (a copy is used, never the file)

The project is copied (SQLite's backup: the file itself is only read) and
opened, which migrates it to the current schema. Then, each timed in this
process with the application's geoparser already loaded (the app loads it
once, at the first correction):

- article scope: every mention of a city's name in one article moved to
  the name's next reading (add), then undone (revoke) and redone (restore);
- project scope, a common city name: every article that names it at that
  place (found from the mentions table, not by reading the articles);
- project scope, the name in most articles (a country's: "not a place"),
  the worst case a user can ask for;
- the candidates of a mention (the correction dialog's list), and the
  place search as one types a name (each prefix of it).

Build the 10k project with ``python benchmarks/scale.py --articles 10000``
(it keeps build/scale/p10k.gpkg). Figures vary with the load on the
machine: run it alone.
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from explorer.core.places.gazetteer import name_key  # noqa: E402
from explorer.core.places.geoparse import default_geoparser  # noqa: E402
from explorer.core.places.search import search_places, warm  # noqa: E402
from explorer.core.store import corrections as C  # noqa: E402
from explorer.core.store.project import Project  # noqa: E402

DEFAULTS = (Path("/tmp/scale/p10k.gpkg"), ROOT / "build" / "scale" / "p10k.gpkg")


def copy_project(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def timed(fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, (time.perf_counter() - t0) * 1000


def other_reading(gp, surface: str, place_id: str) -> str | None:
    """Another place the gazetteer has for the name (what a user would move it to)."""
    for c in gp.g.candidates(name_key(surface)):
        pid = gp.g.ids[c >> 1]
        if pid != place_id:
            return pid
    return None


def round_trip(project, gp, label: str, article_id: str, start: int, end: int, new_place_id, scope: str,
               repeat: int) -> dict:
    adds, undos, redos = [], [], []
    result = None
    for _ in range(repeat):
        result, ms = timed(C.add_correction, project, article_id=article_id, start=start, end=end,
                           new_place_id=new_place_id, scope=scope, geoparser=gp)
        adds.append(ms)
        undo, ms = timed(C.revoke_correction, project, result.correction.id, geoparser=gp)
        undos.append(ms)
        _, ms = timed(C.restore_correction, project, result.correction.id, geoparser=gp)
        redos.append(ms)
        C.revoke_correction(project, result.correction.id, geoparser=gp)  # leave the project as it was
    return {"case": label, "scope": scope, "articles": result.reanalysed, "changed": len(result.articles),
            "pins": len(result.places), "add": statistics.median(adds), "undo": statistics.median(undos),
            "redo": statistics.median(redos)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--project", type=Path, help="the project to copy (default: the 10k scale project)")
    ap.add_argument("--repeat", type=int, default=3, help="times each correction is made, undone and redone")
    args = ap.parse_args(argv)
    source = args.project or next((p for p in DEFAULTS if p.is_file()), None)
    if source is None or not source.is_file():
        print("no project: build one with python benchmarks/scale.py --articles 10000, or give --project",
              file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="geo-explorer-corrections-"))
    path = work / "p.gpkg"
    _, copy_ms = timed(copy_project, source, path)
    _, open_ms = timed(lambda: Project(path).close())  # the migration to the current schema, once
    gp, load_ms = timed(default_geoparser)
    _, warm_ms = timed(warm, gp.g)
    rows = []
    with Project(path) as project:
        conn = project.conn
        n_articles = project.counts()["articles"]
        # a common city name: the one named in the most articles
        surface, pid, n = conn.execute(
            "SELECT surface, place_id, count(DISTINCT article_id) n FROM mentions WHERE place_kind = 'city' "
            "GROUP BY surface, place_id ORDER BY n DESC, surface LIMIT 1").fetchone()
        aid, start, end = conn.execute('SELECT article_id, "start", "end" FROM mentions WHERE surface = ? AND '
                                       'place_id = ? ORDER BY fid LIMIT 1', (surface, pid)).fetchone()
        new = other_reading(gp, surface, pid)
        city, city_name = (aid, start, end), surface
        rows.append(round_trip(project, gp, f"{surface}: one article", aid, start, end, new, "article", args.repeat))
        rows.append(round_trip(project, gp, f"{surface}: {n} articles name it", aid, start, end, new, "project",
                               args.repeat))
        # the name in the most articles (a country): not a place, everywhere
        surface, pid, n = conn.execute(
            "SELECT surface, place_id, count(DISTINCT article_id) n FROM mentions GROUP BY surface, place_id "
            "ORDER BY n DESC, surface LIMIT 1").fetchone()
        aid, start, end = conn.execute('SELECT article_id, "start", "end" FROM mentions WHERE surface = ? AND '
                                       'place_id = ? ORDER BY fid LIMIT 1', (surface, pid)).fetchone()
        rows.append(round_trip(project, gp, f"{surface}: {n} articles name it (not a place)", aid, start, end, None,
                               "project", max(1, args.repeat // 2)))
        cands = []
        for _ in range(args.repeat):
            found, ms = timed(C.candidates, project, *city, 20, gazetteer=gp.g)
            cands.append(ms)
        keys = []
        word = "Mirpur Khas"
        for i in range(1, len(word) + 1):
            _, ms = timed(search_places, word[:i], 20, gazetteer=gp.g)
            keys.append(ms)
    print(f"project: {source} ({n_articles} articles), copied in {copy_ms / 1000:.1f} s, opened (migrated) in "
          f"{open_ms / 1000:.1f} s; geoparser loaded in {load_ms / 1000:.1f} s, place search index in "
          f"{warm_ms / 1000:.1f} s")
    print()
    print("| correction | scope | articles analysed | changed | pins changed | add ms | undo ms | redo ms |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['case']} | {r['scope']} | {r['articles']} | {r['changed']} | {r['pins']} | {r['add']:.0f} | "
              f"{r['undo']:.0f} | {r['redo']:.0f} |")
    print()
    print(f"candidates of a mention of {city_name}: {statistics.median(cands):.1f} ms (median of {len(cands)}, "
          f"{len(found)} listed); place search "
          f"while typing {word!r}: median {statistics.median(keys):.1f} ms, worst {max(keys):.1f} ms a keystroke")
    return 0


if __name__ == "__main__":
    sys.exit(main())
