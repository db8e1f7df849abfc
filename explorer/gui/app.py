"""Start the desktop application."""
from __future__ import annotations

import sys


NO_DISPLAY = ("geo-explorer: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset). "
              "For a picture of the map without a window: geo-explorer snapshot --out map.png "
              "(or set QT_QPA_PLATFORM=offscreen to run the app invisibly).")


def no_display() -> bool:
    """Would the window open nowhere: Linux with no X or Wayland display and no Qt platform chosen?"""
    import os

    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")))


def run_app(sources=None, headless: bool = False, quit_after_ms: int | None = None,
            project: str | None = None) -> int:
    if not headless and no_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 3
    from explorer import applog
    from explorer.gui import webenv

    path = applog.setup()
    applog.log.info("app started (log: %s)", path)
    webenv.configure(headless=headless)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    early = _open_early(sources, project)
    from explorer.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Geo Explorer")
    app.setOrganizationName("Geo Explorer")
    from explorer.gui.icon import install_app_icon

    install_app_icon(app)
    from explorer.gui import errors

    holder = {}
    errors.install(lambda: holder.get("window"))
    window = holder["window"] = MainWindow(sources, project=project, early=early)
    window.show()
    if quit_after_ms:
        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()


def _open_early(sources, project: str | None):
    """Start opening the project the window will show (the one named, else the last one), while the
    rest of the app is imported."""
    from pathlib import Path

    from explorer.gui.worker import EarlyOpen

    if sources:
        return None
    if not project:
        from explorer.gui.settings import last_project

        project = last_project()
    return EarlyOpen(project) if project and Path(project).is_file() else None
