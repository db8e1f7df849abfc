"""Start the desktop application."""
from __future__ import annotations

import sys


def run_app(sources=None, headless: bool = False, quit_after_ms: int | None = None,
            project: str | None = None) -> int:
    from explorer import applog
    from explorer.gui import webenv

    path = applog.setup()
    applog.log.info("app started (log: %s)", path)
    webenv.configure(headless=headless)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Geo Explorer")
    app.setOrganizationName("Geo Explorer")
    from explorer.gui.icon import install_app_icon

    install_app_icon(app)
    window = MainWindow(sources, project=project)
    window.show()
    if quit_after_ms:
        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()
