"""Render the application icon's PNG sizes from its SVG with Qt's SVG renderer.

    python packaging/linux/render_icons.py            # writes explorer/assets/geo-explorer-<N>.png
    python packaging/linux/render_icons.py --check    # exit 1 if a committed PNG is missing or stale in size

Run it after editing explorer/assets/geo-explorer.svg and commit the PNGs:
they are installed with the package (the window icon) and by
packaging/linux/install-desktop.sh (the hicolor theme). Needs PySide6.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "explorer" / "assets"
SVG = ASSETS / "geo-explorer.svg"
# The hicolor sizes desktops look for.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return ASSETS / f"geo-explorer-{size}.png"


def render(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format_ARGB32)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that every size exists with the right dimensions")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts, image IO)
    bad = []
    for size in SIZES:
        out = png_path(size)
        if args.check:
            img = QImage(str(out))
            if img.isNull() or img.width() != size or img.height() != size:
                bad.append(out.name)
            continue
        if not render(size).save(str(out), "PNG"):
            raise SystemExit(f"cannot write {out}")
        print(f"{out.relative_to(ROOT)}  {out.stat().st_size} bytes")
    if bad:
        print("missing or wrong size: " + ", ".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
