"""Map snapshots to PNG, from the window or from the command line with no window.

A snapshot is taken only after the page has said (through the bridge) that
the basemap and every pin are painted, and the image is checked before it
is written: not one colour, with land and water on it (or, for a view
with no water in it, land and pins). A map that cannot be painted in time
gives an error and a non-zero exit status, never a blank PNG.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

LAND = (0xF3, 0xEF, 0xE4)
WATER = (0xB9, 0xD3, 0xE6)  # the sea (the map's background) and lakes


class SnapshotError(Exception):
    """The map could not be captured as drawn; nothing was written."""


def _near(rgb, ref, tol: int) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, ref))


DARK_LAND = (0x30, 0x35, 0x3D)
DARK_WATER = (0x16, 0x20, 0x2A)


def _over(fill: str, alpha: float, base) -> tuple[int, int, int]:
    f = (int(fill[1:3], 16), int(fill[3:5], 16), int(fill[5:7], 16))
    return tuple(round(alpha * a + (1 - alpha) * b) for a, b in zip(f, base))


def land_and_water(style: str = "light") -> tuple[list, list]:
    """The colours of land (bare, and under the border-region overlay's fill) and of water, by style."""
    from explorer.mapdoc.basemap import STYLE_PROVINCE

    land, water = (DARK_LAND, DARK_WATER) if style == "dark" else (LAND, WATER)
    return [land, _over(STYLE_PROVINCE["fillColor"], STYLE_PROVINCE["fillOpacity"], land)], [water]


def check_image(image: QImage, expect_pins: bool = False, style: str | None = None) -> str | None:
    """None when ``image`` shows a drawn map, else what is wrong with it (in words).

    ``style`` (a print's basemap style) also counts land under the border-region overlay, and the dark
    style's colours; without it, the app's light map as before."""
    if image.isNull() or image.width() < 10 or image.height() < 10:
        return "the image is empty"
    step = max(1, min(image.width(), image.height()) // 80)
    lands, waters = land_and_water(style) if style else ([LAND], [WATER])
    colours: dict[int, int] = {}
    land = water = other = total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            px = image.pixel(x, y)
            colours[px] = colours.get(px, 0) + 1
            rgb = ((px >> 16) & 0xFF, (px >> 8) & 0xFF, px & 0xFF)
            total += 1
            if any(_near(rgb, ref, 4) for ref in lands):
                land += 1
            elif any(_near(rgb, ref, 4) for ref in waters):
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


def save_image(image: QImage, path: str | Path, width: int | None = None, project: str | Path | None = None) -> Path:
    """Write ``image`` as PNG (scaled to ``width`` if given), as exports are written
    (:func:`explorer.core.export.output.atomic_output`: a device, FIFO or folder refused, a link written
    through, the file checked whole, nothing left on failure). ``project``: the open project's file, which
    is never written. Failures are ExportError, in words."""
    from explorer.core.export.output import atomic_output, check_written, refuse_sources
    from explorer.gui.print_layout import ENDINGS

    path = Path(path)
    if path.suffix.lower() != ".png":
        path = path.with_suffix(".png")
    refuse_sources(path, project=project)
    if width and width != image.width():
        image = image.scaledToWidth(width, Qt.SmoothTransformation)
    with atomic_output(path) as tmp:
        check_written(path, tmp, "PNG", image.save(str(tmp), "PNG"), ENDINGS["png"])
    return path


def save_snapshot(view, path: str | Path, width: int | None = None, project: str | Path | None = None) -> Path:
    """Grab ``view`` (a MapView whose map is painted), check it, and write a PNG (see :func:`save_image`)."""
    return save_image(grab_checked(view), path, width, project)


SNAPSHOT_DEFAULTS = dict(format=None, title=None, subtitle=None, width=None, height=None, paper=None,
                         orientation=None, dpi=None, project=None, bbox=None, fit="local", types=None, date_from=None,
                         date_to=None, include_undated=False, notes=0, labels=10, style="light", animate=None,
                         max_frames=120, window=False, frame_ms=800)


def snapshot_command(args, width: int | None = None, height: int | None = None, sources=None,
                     project_path: str | None = None) -> int:
    """``geo-explorer snapshot``: a composed map of a project (or of articles read now; by default the seeds)
    drawn offscreen and written as PNG, PDF or SVG, or a timeline animation as GIF or MP4.

    ``args`` is the parsed command line (or, as before, the output path with ``width``, ``height``,
    ``sources`` and ``project_path``). Exit status: 0 written; 1 the map could not be drawn or written
    (nothing is written); 2 bad options or a project that cannot be read.
    """
    import argparse

    if isinstance(args, (str, Path)):
        args = argparse.Namespace(**{**SNAPSHOT_DEFAULTS, "out": str(args), "width": width, "height": height,
                                     "project": project_path})
    else:
        sources = sources if sources is not None else (getattr(args, "paths", None) or None)
    from explorer.gui import print_command

    return print_command.run(args, sources)
