"""The application icon (explorer/assets/geo-explorer*.{svg,png}).

Call :func:`install_app_icon` once after the QApplication exists: every
window then shows the icon, and on Wayland/X11 the app is matched with its
desktop entry ``geo-explorer.desktop`` (see packaging/linux/).
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

DESKTOP_FILE_NAME = "geo-explorer"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def assets_dir() -> Path:
    return Path(str(resources.files("explorer") / "assets"))


def icon_files() -> list[Path]:
    """The bundled icon files that exist: the PNG sizes, then the SVG."""
    folder = assets_dir()
    files = [folder / f"geo-explorer-{s}.png" for s in SIZES]
    files.append(folder / "geo-explorer.svg")
    return [f for f in files if f.is_file()]


def app_icon():
    """A QIcon with every rendered size (PNG needs no image plugin) and the SVG."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for f in icon_files():
        if f.suffix == ".png":
            size = int(f.stem.rsplit("-", 1)[1])
            icon.addFile(str(f), QSize(size, size))
        else:
            icon.addFile(str(f))
    return icon


def install_app_icon(app) -> None:
    """Give ``app`` (a QGuiApplication) the window icon and desktop file name."""
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)
