"""The app's own settings (window layout, recent projects), in the user's configuration folder."""
from __future__ import annotations

from PySide6.QtCore import QSettings


def default_settings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "geo-explorer", "geo-explorer")


def last_project(settings: QSettings | None = None) -> str:
    """The project file open when the app last closed ("" for none: the seeds)."""
    return (settings or default_settings()).value("last_project", "", type=str)


PIN_LABELS_KEY = "map/pin_labels"
PIN_LABELS_DEFAULT = 10


def pin_labels(settings: QSettings | None = None) -> int:
    """How many of the most mentioned pins in view the map labels (0: none)."""
    try:
        n = int((settings or default_settings()).value(PIN_LABELS_KEY, PIN_LABELS_DEFAULT))
    except (TypeError, ValueError):
        n = PIN_LABELS_DEFAULT
    return max(0, min(500, n))


def set_pin_labels(n: int, settings: QSettings | None = None) -> None:
    (settings or default_settings()).setValue(PIN_LABELS_KEY, max(0, min(500, int(n))))
