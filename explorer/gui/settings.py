"""The app's own settings (window layout, recent projects), in the user's configuration folder."""
from __future__ import annotations

from PySide6.QtCore import QSettings


def default_settings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "geo-explorer", "geo-explorer")


def last_project(settings: QSettings | None = None) -> str:
    """The project file open when the app last closed ("" for none: the seeds)."""
    return (settings or default_settings()).value("last_project", "", type=str)
