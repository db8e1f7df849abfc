"""Smoke test of an installed wheel: run with the Python of a fresh venv that has only the wheel.

    VENV/bin/python packaging/wheel_smoke.py

Checks that ``explorer`` comes from that venv (not from a work tree), that
the package's data are there, and runs the CLI as a user would, offscreen,
in an empty folder: geoparse, ingest, export (every format) and snapshot.
Prints one line per check; exits non-zero on the first failure.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path


def fail(msg: str) -> None:
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def run(args: list[str], stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    done = subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        fail(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done


def main() -> None:
    import explorer
    from explorer import resources

    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    origin = Path(explorer.__file__).resolve()
    if site not in origin.parents:
        fail(f"explorer imported from {origin}, not from the venv's site-packages {site}")
    print(f"ok  explorer from {origin.parent}")
    if len(resources.seed_paths()) != 5 or not resources.geodata_path("countries.geojson").is_file():
        fail("the seeds or the geodata are missing from the wheel")
    import explorer.core.export.gis  # noqa: F401  (subpackages are in the wheel)
    import explorer.core.text.readers  # noqa: F401
    import explorer.mapdoc.document  # noqa: F401

    exe = str(Path(sys.executable).with_name("geo-explorer"))
    work = Path(tempfile.mkdtemp(prefix="wheel-smoke-"))
    os.chdir(work)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    out = run([exe, "geoparse"], stdin=json.dumps({"id": "a", "text": "Strikes hit Quetta and Karachi."}) + "\n")
    names = [t["name"] for t in json.loads(out.stdout)["toponyms"]]
    if "Quetta" not in names or "Karachi" not in names:
        fail(f"geoparse found {names}")
    print(f"ok  geoparse: {names}")

    (work / "a.txt").write_text("Talks in Lahore\nEnvoys met in Lahore and Zahedan on Monday.\n", encoding="utf-8")
    run([exe, "ingest", str(work / "a.txt"), "--project", str(work / "p.gpkg")])
    for fmt in ("geojson", "gpkg", "kml", "csv"):
        target = work / f"mentions.{fmt}"
        run([exe, "export", "--project", str(work / "p.gpkg"), "--out", str(target)])
        if target.stat().st_size == 0:
            fail(f"export wrote an empty {target.name}")
    doc = json.loads((work / "mentions.geojson").read_text(encoding="utf-8"))
    if {f["properties"]["place_name"] for f in doc["features"]} < {"Lahore", "Zahedan"}:
        fail("the exported mentions miss Lahore or Zahedan")
    print(f"ok  ingest + export ({len(doc['features'])} mentions in 4 formats)")

    run([exe, "snapshot", "--out", str(work / "map.png"), "--width", "800", "--height", "600"], timeout=600)
    from PySide6.QtGui import QImage

    img = QImage(str(work / "map.png"))
    if img.isNull() or (img.width(), img.height()) != (800, 600):
        fail("snapshot wrote no 800x600 PNG")
    colours = {img.pixel(x, y) for x in range(0, 800, 25) for y in range(0, 600, 25)}
    if len(colours) < 4:
        fail(f"snapshot is nearly one colour ({len(colours)} colours)")
    print(f"ok  snapshot ({len(colours)} colours sampled)")
    print("wheel smoke test passed")


if __name__ == "__main__":
    main()
