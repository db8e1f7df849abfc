"""Time from launch to a painted map, in a fresh process, offscreen.

    python benchmarks/startup.py [--runs 3]

Each run starts a new Python process that opens the main window on the
bundled seeds and stops when the map reports it has drawn (pins placed, two
frames painted). Prints each run and the median. The gazetteer index is built
once before timing if it is not cached yet.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CHILD = r"""
import sys, time
t0 = float(sys.argv[1])
from explorer.gui import webenv
webenv.configure(headless=True)
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from explorer.gui.main_window import MainWindow
import tempfile, os
settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.IniFormat)
w = MainWindow(settings=settings)
w.show()
loop = QEventLoop()
w.map.mapReady.connect(loop.quit)
QTimer.singleShot(120000, loop.quit)
loop.exec()
print(f"{time.time() - t0:.3f} {int(w.map.ready)} {w.project.counts()['places'] if w.project else 0}")
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    subprocess.run([sys.executable, "-c", "from explorer.core.places.geoparse import default_geoparser as g; g()"],
                   check=True)
    times = []
    for i in range(args.runs):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, str(t0)], capture_output=True, text=True, check=True)
        secs, ready, places = out.stdout.split()
        if ready != "1":
            print(f"run {i + 1}: the map did not draw", file=sys.stderr)
            return 1
        times.append(float(secs))
        print(f"run {i + 1}: launch to painted map {float(secs):.2f} s ({places} pins)")
    print(f"median launch to painted map: {statistics.median(times):.2f} s over {len(times)} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
