"""Recent projects, kept in the app's settings (most recent first, at most :data:`KEEP`)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recent_projects"
KEEP = 8


def recent(settings: QSettings) -> list[str]:
    value = settings.value(KEY, [])
    if isinstance(value, str):  # QSettings gives one string back for a one-item list in INI files
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember(settings: QSettings, path: str) -> list[str]:
    path = str(Path(path).resolve())
    items = [path] + [p for p in recent(settings) if p != path]
    settings.setValue(KEY, items[:KEEP])
    return items[:KEEP]


def forget(settings: QSettings, path: str | None = None) -> None:
    """Drop one project from the list (None: all of them)."""
    settings.setValue(KEY, [] if path is None else [p for p in recent(settings) if p != str(path)])
