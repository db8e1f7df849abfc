"""The application's log: a rotating file in the user log folder.

``~/.local/state/geo-explorer/log/geo-explorer.log`` on Linux (platformdirs'
user log folder; ``GEO_EXPLORER_LOG_DIR`` overrides it), at most 1 MB, three
old files kept. The app and the commands write what they did and every
error with its traceback; error dialogs name the file. If the folder cannot
be written, logging goes nowhere and nothing fails.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

LOG_NAME = "geo-explorer.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_HANDLER: logging.Handler | None = None

log = logging.getLogger("explorer")


def log_dir() -> Path:
    given = os.environ.get("GEO_EXPLORER_LOG_DIR")
    if given:
        return Path(given)
    from platformdirs import user_log_dir

    return Path(user_log_dir("geo-explorer", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


def setup(level: int = logging.INFO) -> Path | None:
    """Send the ``explorer`` loggers to the rotating log file (once per process). Its path, or None."""
    global _HANDLER
    if _HANDLER is not None:
        return Path(_HANDLER.baseFilename)
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8", delay=False)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    _HANDLER = handler
    return path


def where() -> str:
    """"Details are in the log: PATH" for dialogs, or a note that there is none."""
    if _HANDLER is None:
        return "(No log file could be written.)"
    return f"Details are in the log: {_HANDLER.baseFilename}"
