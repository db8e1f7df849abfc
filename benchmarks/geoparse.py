"""Benchmark the geoparser on gold corpora (JSON Lines, format of shared/bench/geoparse).

    python benchmarks/geoparse.py [PATH.jsonl ...] [--errors N] [--cli]

Without paths it reads ../shared/bench/geoparse/{lgl,trnews}.jsonl beside the
repository. Per corpus it prints: precision, recall and F1 of the spans
(exact and lenient = overlapping, one-to-one), accuracy within 161 km, median
and mean error and the AUC of the sorted log(1+km) error curve on the gold
toponyms with coordinates that were found (found but unresolved = 20,039 km),
the end-to-end share of all gold toponyms with coordinates found and placed
within 161 km, start-up time (a fresh process loading the gazetteer),
articles per second after start-up, articles per second including start-up,
and peak memory (RSS) of the process.

``--cli`` runs ``python -m explorer.core.places.geoparse_cli`` in a subprocess
instead (the exact command an external evaluation drives). ``--errors N``
prints N examples of each kind of error (for development only).
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = [ROOT.parent / "shared" / "bench" / "geoparse" / n for n in ("lgl.jsonl", "trnews.jsonl")]
MAX_KM = 20039.0


def haversine(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def match(gold: list[dict], pred: list[dict], exact: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): exact spans, or overlapping ones."""
    pairs = []
    used = set()
    if exact:
        by_span = {}
        for k, p in enumerate(pred):
            by_span.setdefault((p["start"], p["end"]), []).append(k)
        for g_i, g in enumerate(gold):
            for k in by_span.get((g["start"], g["end"]), []):
                if k not in used:
                    used.add(k)
                    pairs.append((g_i, k))
                    break
        return pairs
    for g_i, g in enumerate(gold):
        best, best_ov = None, 0
        for k, p in enumerate(pred):
            if k in used:
                continue
            ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if ov > best_ov:
                best, best_ov = k, ov
        if best is not None:
            used.add(best)
            pairs.append((g_i, best))
    return pairs


def auc_log_error(errors_km: list[float]) -> float:
    """Area under the sorted log(1+km) error curve, normalised to [0, 1] (Gritta et al. 2018)."""
    if not errors_km:
        return float("nan")
    top = math.log(1 + MAX_KM)
    vals = sorted(math.log(1 + min(e, MAX_KM)) / top for e in errors_km)
    if len(vals) == 1:
        return vals[0]
    # trapezoidal area over an x axis scaled to [0, 1]
    area = sum((vals[i] + vals[i + 1]) / 2 for i in range(len(vals) - 1))
    return area / (len(vals) - 1)


def run_inprocess(articles: list[dict]) -> tuple[list[list[dict]], float, float]:
    t0 = time.perf_counter()
    from explorer.core.places.geoparse import default_geoparser

    gp = default_geoparser()
    startup = time.perf_counter() - t0
    t1 = time.perf_counter()
    preds = []
    for a in articles:
        out = []
        for t in gp.parse(a["text"]):
            out.append({"start": t.start, "end": t.end,
                        "lat": t.place.lat if t.place else None, "lon": t.place.lon if t.place else None,
                        "place_id": t.place.place_id if t.place else None, "name": t.name})
        preds.append(out)
    return preds, startup, time.perf_counter() - t1


def run_cli(articles: list[dict]) -> tuple[list[list[dict]], float, float]:
    data = "".join(json.dumps({"id": a["id"], "text": a["text"]}) + "\n" for a in articles)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "explorer.core.places.geoparse_cli"], input=data,
                          capture_output=True, text=True, cwd=ROOT, check=True)
    total = time.perf_counter() - t0
    preds = [json.loads(line)["toponyms"] for line in proc.stdout.splitlines()]
    return preds, float("nan"), total


def score(articles, preds) -> dict:
    n_gold = n_pred = tp = tp_len = 0
    errors = []
    e2e = n_coord = 0
    err_examples = {"fp": [], "fn": [], "far": []}
    for a, pred in zip(articles, preds):
        gold = a["toponyms"]
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = match(gold, pred, exact=True)
        tp += len(pairs)
        tp_len += len(match(gold, pred, exact=False))
        found = {g_i: k for g_i, k in pairs}
        for g_i, g in enumerate(gold):
            if g.get("lat") is None:
                continue
            n_coord += 1
            if g_i not in found:
                err_examples["fn"].append((a["id"], g["phrase"], a["text"][max(0, g["start"] - 40):g["end"] + 40]))
                continue
            p = pred[found[g_i]]
            if p.get("lat") is None:
                km = MAX_KM
            else:
                km = haversine(g["lat"], g["lon"], p["lat"], p["lon"])
            errors.append(km)
            if km <= 161:
                e2e += 1
            else:
                err_examples["far"].append((a["id"], g["phrase"], round(km), p.get("place_id"),
                                            (g["lat"], g["lon"]), g.get("fcode")))
        matched_pred = {k for _, k in pairs}
        for k, p in enumerate(pred):
            if k not in matched_pred:
                err_examples["fp"].append((a["id"], a["text"][p["start"]:p["end"]], p.get("place_id"),
                                           a["text"][max(0, p["start"] - 40):p["end"] + 40]))
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    lp = tp_len / n_pred if n_pred else 0.0
    lr = tp_len / n_gold if n_gold else 0.0
    lf1 = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    es = sorted(errors)
    return {
        "articles": len(articles), "gold": n_gold, "predicted": n_pred,
        "P": prec, "R": rec, "F1": f1, "F1_lenient": lf1,
        "acc161": sum(1 for e in errors if e <= 161) / len(errors) if errors else float("nan"),
        "median_km": es[len(es) // 2] if es else float("nan"),
        "mean_km": sum(es) / len(es) if es else float("nan"),
        "AUC": auc_log_error(errors),
        "e2e161": e2e / n_coord if n_coord else float("nan"),
        "_examples": err_examples,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--cli", action="store_true", help="drive the geoparse CLI in a subprocess")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print N examples of each error")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args(argv)
    paths = args.paths or DEFAULT
    rows = []
    for path in paths:
        articles = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        runner = run_cli if args.cli else run_inprocess
        preds, startup, elapsed = runner(articles)
        s = score(articles, preds)
        s["corpus"] = path.stem
        s["startup_s"] = startup
        s["art_per_s"] = len(articles) / elapsed if elapsed else float("inf")
        s["art_per_s_total"] = len(articles) / (elapsed + (startup if startup == startup else 0))
        s["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if args.cli:
            s["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows.append(s)
        if args.errors:
            for kind, ex in s["_examples"].items():
                print(f"--- {path.stem} {kind} ({len(ex)})")
                for e in ex[: args.errors]:
                    print("   ", e)
    hdr = ("corpus", "P", "R", "F1", "F1 len", "acc@161", "AUC", "e2e@161", "median km",
           "start-up s", "art/s", "art/s incl. start", "peak RSS MB")
    print("| " + " | ".join(hdr) + " |")
    print("|" + "---|" * len(hdr))
    for s in rows:
        print(f"| {s['corpus']} | {s['P']:.3f} | {s['R']:.3f} | {s['F1']:.3f} | {s['F1_lenient']:.3f} | "
              f"{s['acc161']:.3f} | {s['AUC']:.3f} | {s['e2e161']:.3f} | {s['median_km']:.0f} | "
              f"{s['startup_s']:.2f} | {s['art_per_s']:.0f} | {s['art_per_s_total']:.0f} | "
              f"{s['peak_rss_mb']:.0f} |")
    if args.json:
        print(json.dumps([{k: v for k, v in s.items() if not k.startswith("_")} for s in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
