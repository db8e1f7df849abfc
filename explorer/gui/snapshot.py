"""Map snapshots to PNG, from the window or from the command line with no window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt


def save_snapshot(view, path: str | Path, width: int | None = None) -> Path:
    """Grab ``view`` (a MapView) and write a PNG, scaled to ``width`` if given."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        path = path.with_suffix(".png")
    image = view.snapshot()
    if width and width != image.width():
        image = image.scaledToWidth(width, Qt.SmoothTransformation)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part.png")
    if not image.save(str(tmp), "PNG"):
        raise OSError(f"cannot write PNG to {path}")
    tmp.replace(path)
    return path


def snapshot_command(out: str, width: int, height: int, sources=None) -> int:
    """``geo-explorer snapshot``: ingest, draw offscreen, write the PNG."""
    from explorer.gui import webenv

    webenv.configure(headless=True)
    from PySide6.QtWidgets import QApplication

    from explorer.core.store.ingest import ingest
    from explorer.gui.mapview import MapView

    app = QApplication.instance() or QApplication([sys.argv[0]])
    corpus = ingest(sources)
    for err in corpus.errors:
        print(f"skipped: {err}", file=sys.stderr)
    view = MapView()
    view.resize(width, height)
    view.show()
    view.show_corpus(corpus)
    if not view.wait_ready(60000):
        print("error: the map did not finish drawing", file=sys.stderr)
        return 1
    app.processEvents()
    path = save_snapshot(view, out)
    print(f"{path} ({width}x{height}, {len(corpus.places())} places, {len(corpus.mentions)} mentions)")
    view.dispose()
    return 0
