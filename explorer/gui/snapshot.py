"""Map snapshots to PNG, from the window or from the command line with no window.

A snapshot is taken only after the page has said (through the bridge) that
the basemap and every pin are painted, and the image is checked before it
is written: not one colour, with land and water on it (or, for a view
with no water in it, land and pins). A map that cannot be painted in time
gives an error and a non-zero exit status, never a blank PNG.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

LAND = (0xF3, 0xEF, 0xE4)
WATER = (0xB9, 0xD3, 0xE6)  # the sea (the map's background) and lakes


class SnapshotError(Exception):
    """The map could not be captured as drawn; nothing was written."""


def _near(rgb, ref, tol: int) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, ref))


def check_image(image: QImage, expect_pins: bool = False) -> str | None:
    """None when ``image`` shows a drawn map, else what is wrong with it (in words)."""
    if image.isNull() or image.width() < 10 or image.height() < 10:
        return "the image is empty"
    step = max(1, min(image.width(), image.height()) // 80)
    colours: dict[int, int] = {}
    land = water = other = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            px = image.pixel(x, y)
            colours[px] = colours.get(px, 0) + 1
            rgb = ((px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF)
            total += 1
            if _near(rgb, LAND, 4):
                land += 1
            elif _near(rgb, WATER, 4):
                water += 1
            else:
                other += 1
    if max(colours.values()) >= 0.995 * total:
        return "the image is all one colour (the map was not painted)"
    if land < 0.01 * total:
        return "no land is painted on the image"
    if water < 0.002 * total and not (expect_pins and other > 0.001 * total):
        return "no sea and no pins are painted on the image"
    return None


def grab_checked(view, attempts: int = 10, wait_ms: int = 300) -> QImage:
    """Grab ``view`` once its map is painted and the image passes :func:`check_image`.

    Retries a few times (the compositor may lag behind the page's last
    frame under load); raises SnapshotError when it never does.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if not view.ready:
        raise SnapshotError("the map has not said it is painted")
    expect_pins = bool((view.painted or {}).get("pins"))
    problem = "not grabbed"
    for _ in range(attempts):
        image = view.snapshot()
        problem = check_image(image, expect_pins)
        if problem is None:
            return image
        loop = QEventLoop()
        QTimer.singleShot(wait_ms, loop.quit)
        loop.exec()
    raise SnapshotError(problem)


def save_image(image: QImage, path: str | Path, width: int | None = None) -> Path:
    """Write ``image`` as PNG (scaled to ``width`` if given), through a temporary file."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        path = path.with_suffix(".png")
    if width and width != image.width():
        image = image.scaledToWidth(width, Qt.SmoothTransformation)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part.png")
    try:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"cannot write PNG to {path}")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def save_snapshot(view, path: str | Path, width: int | None = None) -> Path:
    """Grab ``view`` (a MapView whose map is painted), check it, and write a PNG."""
    return save_image(grab_checked(view), path, width)


def snapshot_command(out: str, width: int, height: int, sources=None, project_path: str | None = None) -> int:
    """``geo-explorer snapshot``: draw a project (or articles read now, by default the seeds) offscreen,
    check the image, write the PNG (exit 1 if it cannot; 2 if the project cannot be read)."""
    from explorer.gui import webenv

    webenv.configure(headless=True)
    from PySide6.QtWidgets import QApplication

    from explorer.core.store.ingest import ingest
    from explorer.core.store.project import Project, ProjectError
    from explorer.gui.mapview import PAINT_TIMEOUT_MS, MapView
    from explorer.mapdoc.document import MapData

    app = QApplication.instance() or QApplication([sys.argv[0]])
    if project_path:
        try:
            project = Project(project_path, readonly=True)
        except ProjectError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if sources:
            project.close()
            project = Project.copy_in_memory(project_path)
            errors = ingest(sources, project=project).errors
        else:
            errors = []
    else:
        result = ingest(sources)
        project, errors = result.project, result.errors
    for err in errors:
        print(f"{'warning' if getattr(err, 'warning', False) else 'skipped'}: {err}", file=sys.stderr)
    view = MapView()
    view.resize(width, height)
    view.show()
    failure = {}
    view.mapFailed.connect(lambda msg: failure.setdefault("message", msg))
    try:
        data = MapData.from_project(project.conn)
        counts = project.counts()
    finally:
        project.close()
    view.show_map(data)
    if not view.wait_ready(PAINT_TIMEOUT_MS + 5000):
        print(f"error: {failure.get('message') or 'the map was not painted in time'}; no PNG was written",
              file=sys.stderr)
        view.dispose()
        return 1
    app.processEvents()
    try:
        path = save_snapshot(view, out)
    except SnapshotError as exc:
        print(f"error: the snapshot is not a drawn map ({exc}); no PNG was written", file=sys.stderr)
        view.dispose()
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        view.dispose()
        return 1
    print(f"{path} ({width}x{height}, {counts['places']} places, {counts['mentions']} mentions, "
          f"{counts['events']} events)")
    view.dispose()
    return 0
