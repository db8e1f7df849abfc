"""Time to write a composed map with `geo-explorer snapshot`, each in a fresh process, offscreen.

    python benchmarks/snapshot.py [--runs 3] [--project FILE.gpkg]

Two cases on the bundled seeds (or on a project): a 1920x1080 PNG print
layout, and an A4 PDF at 300 dpi. Each run is a new Python process running
the command from start to exit (imports, the web engine, the project, the
page, the layout, the file written); the time is the process's wall time.
A warm start is measured: one untimed run of each case first fills the
caches a user's second run finds (the gazetteer index, the seeds project,
the rendered map document). Prints every run, the median and the target.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = (
    ("1920x1080 PNG", ["--width", "1920", "--height", "1080"], "png", 1.5),
    ("A4 300 dpi PDF", ["--paper", "A4", "--dpi", "300"], "pdf", 3.0),
)


def run_once(args: list[str], out: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "explorer.cli", "snapshot", "--out", str(out), *args],
                          capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - t0
    if done.returncode != 0 or not out.is_file():
        raise SystemExit(f"snapshot failed ({done.returncode}): {done.stderr.strip()[-600:]}")
    line = next((x for x in done.stdout.splitlines() if x.startswith(str(out))), "")
    return wall, line


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--project", help="a project file (default: the bundled seeds)")
    args = ap.parse_args()
    extra = ["--project", args.project] if args.project else []
    with tempfile.TemporaryDirectory() as tmp:
        for name, case_args, fmt, target in CASES:
            out = Path(tmp) / f"bench.{fmt}"
            run_once([*case_args, *extra], out)  # warm: caches as a user's second run finds them
            times = []
            for k in range(args.runs):
                out.unlink(missing_ok=True)
                wall, line = run_once([*case_args, *extra], out)
                times.append(wall)
                print(f"  {name} run {k + 1}: {wall:.2f} s  ({out.stat().st_size / 1e6:.2f} MB)  {line[len(str(out)):]}")
            med = statistics.median(times)
            verdict = "meets" if med <= target else "misses"
            print(f"{name}: median {med:.2f} s over {len(times)} fresh processes "
                  f"(target <= {target:g} s: {verdict} it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
