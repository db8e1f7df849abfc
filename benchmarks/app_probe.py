"""The app on a project, timed from inside: run by benchmarks/scale.py in a fresh process.

    python benchmarks/app_probe.py PROJECT.gpkg T0 [--json]

T0 is the launcher's ``time.time()`` just before it started this process.
Prints one JSON object: launch -> painted map, pan / zoom / filter change ->
redrawn map, a range dragged on the timeline (mouse release) -> redrawn map,
the timeline following a filter change (its histogram query and redraw),
click -> panel, search, export, and the peak memory of the app and of its
page (Chromium renderer) processes. Runs offscreen.
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _page_peak_kb(pid: int) -> int:
    """The peak resident memory (VmHWM) of the page processes this process started, in kB.

    QtWebEngine forks its renderer (and GPU) processes from zygote
    processes; the renderers keep the zygote's command line, so they are
    found as the zygotes' children (grandchildren of this process).
    """
    def parent(p: Path) -> int:
        for line in (p / "status").read_text().splitlines():
            if line.startswith("PPid:"):
                return int(line.split()[1])
        return 0

    procs = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                procs[int(d.name)] = parent(d)
            except (OSError, ValueError):
                pass
    zygotes = {p for p, pp in procs.items() if pp == pid}
    total = 0
    for p, pp in procs.items():
        if pp in zygotes:
            try:
                status = (Path("/proc") / str(p) / "status").read_text()
                total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
            except (OSError, StopIteration, ValueError):
                pass
    return total


def _pss_mb(pid: int) -> tuple[float, float]:
    """Proportional set size (shared pages split between the processes that map them: no page counted
    twice) of this process and of the page processes it started, in MB."""
    def pss(p) -> int:
        try:
            for line in (Path("/proc") / str(p) / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def children(p) -> list[int]:
        out = []
        for d in Path("/proc").iterdir():
            if d.name.isdigit():
                try:
                    for line in (d / "status").read_text().splitlines():
                        if line.startswith("PPid:") and int(line.split()[1]) == p:
                            out.append(int(d.name))
                except OSError:
                    pass
        return out

    page, todo = 0, children(pid)
    while todo:
        p = todo.pop()
        page += pss(p)
        todo += children(p)
    return round(pss(pid) / 1024, 1), round(page / 1024, 1)


def main() -> int:
    project_path, t0 = sys.argv[1], float(sys.argv[2])
    from explorer.gui import webenv

    webenv.configure(headless=True)
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from explorer.gui.app import _open_early  # as geo-explorer run --project starts

    early = _open_early(None, project_path)
    from explorer.gui.main_window import MainWindow

    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.IniFormat)
    w = MainWindow(project=project_path, settings=settings, early=early)
    w.resize(1280, 800)
    w.show()
    loop = QEventLoop()
    w.map.mapReady.connect(loop.quit)
    QTimer.singleShot(180000, loop.quit)
    loop.exec()
    out = {"painted": bool(w.map.ready), "launch_s": round(time.time() - t0, 3)}
    if not w.map.ready:
        print(json.dumps(out))
        return 1
    view = w.map

    def wait_page(expr: str, timeout: float = 30.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            v = view.evaluate(expr)
            if v is not None:
                return v
            app.processEvents()
            time.sleep(0.002)
        return None

    def page_timed(action: str) -> float:
        """ms from an action in the page to its pins redrawn and two frames painted (timed in the page)."""
        view.run_js(
            "window.__t = null; (function () { var GE = window.geoExplorer, t0 = performance.now();"
            f" {action};"
            " requestAnimationFrame(function () { requestAnimationFrame(function () {"
            " window.__t = performance.now() - t0; }); }); })()")
        return wait_page("window.__t")

    pans = [page_timed(f"GE.map.panBy([{dx}, {dy}], {{animate: false}})")
            for dx, dy in ((300, 0), (0, 200), (-300, 0), (0, -200), (250, 150))]
    zooms = [page_timed(f"GE.map.setZoom(GE.map.getZoom() {'+' if i % 2 == 0 else '-'} 1, {{animate: false}})")
             for i in range(6)]
    out["pan_ms"] = round(statistics.median(pans), 1)
    out["zoom_ms"] = round(statistics.median(zooms), 1)

    # a filter change: from the state object (what a legend row or a timeline brush sets) to the pins
    # redrawn and painted in the page (timed here, so it includes the query and the page's reindex)
    from explorer.core.store import views

    ch = views.choices(w.project.conn)
    cats = [c for c, _ in ch["acled"]] or ["Protests"]
    filters = []
    for cat in cats[:3] + ["places named, no event"]:
        before = view.evaluate("window.geoExplorer.pins.renders")
        t = time.perf_counter()
        w.state.toggle_hidden(cat)
        app.processEvents()
        wait_page(f"window.geoExplorer.pins.renders > {before} ? 1 : null")
        view.evaluate("1")  # a round trip after the render: the frame is painted by now
        filters.append((time.perf_counter() - t) * 1000)
    w.state.reset()
    app.processEvents()
    out["filter_ms"] = round(statistics.median(filters), 1)

    # the timeline: a range dragged with the mouse, from its release to the pins redrawn and painted
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    tv = w.timeline.view
    tv.repaint()
    brushes = []
    if tv.scale is not None:
        y = int(tv.plot.center().y())
        for a, b in ((0.10, 0.30), (0.40, 0.45), (0.55, 0.90), (0.20, 0.60), (0.70, 0.75)):
            x0, x1 = (int(tv.plot.left() + f * tv.plot.width()) for f in (a, b))
            w.state.update(date_from=None, date_to=None)
            app.processEvents()
            view.evaluate("1")
            QTest.mousePress(tv, Qt.LeftButton, Qt.NoModifier, QPoint(x0, y))
            QTest.mouseMove(tv, QPoint((x0 + x1) // 2, y))
            QTest.mouseMove(tv, QPoint(x1, y))
            before = view.evaluate("window.geoExplorer.pins.renders")
            t = time.perf_counter()
            QTest.mouseRelease(tv, Qt.LeftButton, Qt.NoModifier, QPoint(x1, y))
            app.processEvents()
            wait_page(f"window.geoExplorer.pins.renders > {before} ? 1 : null")
            view.evaluate("1")
            brushes.append((time.perf_counter() - t) * 1000)
        w.state.reset()
        app.processEvents()
    out["brush_ms"] = round(statistics.median(brushes), 1) if brushes else None
    # the timeline following the other filters: its per-day query under a filter, and its redraw
    follows = []
    for cat in cats[:3]:
        w.state.toggle_hidden(cat)
        t = time.perf_counter()
        w.timeline.refresh()
        tv.repaint()
        follows.append((time.perf_counter() - t) * 1000)
        w.state.toggle_hidden(cat)
    app.processEvents()
    out["timeline_ms"] = round(statistics.median(follows), 1) if follows else None

    pids = [p.place.place_id for p in w.project.places()[:5]]
    clicks = []
    for pid in pids:
        t = time.perf_counter()
        w.show_place(pid)
        clicks.append((time.perf_counter() - t) * 1000)
    out["click_ms"] = round(statistics.median(clicks), 1)

    searches = []
    for q in ("protesters", "air strike", "Lahore", "tear gas", "border trade"):
        t = time.perf_counter()
        w.project.search(q, limit=100)
        searches.append((time.perf_counter() - t) * 1000)
    out["search_ms"] = round(statistics.median(searches), 1)

    from explorer.core.export.gis import export

    t = time.perf_counter()
    n = export(w.project, "events", os.path.join(tempfile.mkdtemp(), "e.geojson"))
    out["export_events_s"] = round(time.perf_counter() - t, 2)
    out["export_events"] = n

    out["app_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out["page_peak_mb"] = round(_page_peak_kb(os.getpid()) / 1024, 1)
    out["app_pss_mb"], out["page_pss_mb"] = _pss_mb(os.getpid())
    print(json.dumps(out))
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
