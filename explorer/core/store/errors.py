"""Errors of project files, in words, and the checks made before a project is opened for writing."""
from __future__ import annotations

import errno
import os
from pathlib import Path


class ProjectError(Exception):
    """A project file that cannot be opened or used. The message names the file."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ProjectWriteError(ProjectError):
    """A write that did not happen (disk full, read-only, locked, damaged). The store is as before it."""


RECOVERY_ADVICE = (
    "Keep a copy of the file. To recover what can be read: `sqlite3 DAMAGED.gpkg .recover | sqlite3 "
    "RECOVERED.gpkg`, then open RECOVERED.gpkg; or ingest the articles again into a new project."
)


def describe_sqlite_error(exc: BaseException) -> str:
    """What an SQLite (or OS) error means for a project, in words."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    low = text.lower()
    code = getattr(exc, "errno", None)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in low or code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if code == errno.EFBIG:
        return "the file size limit was reached"
    if code == errno.EROFS or "read-only file system" in low:
        return "it is on a read-only file system"
    if name.startswith("SQLITE_READONLY") or "readonly database" in low:
        return "it cannot be written (a read-only file, folder or file system)"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in low:
        return "another program is writing to it (the database is locked); try again when it is done"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in low or "not a database" in low:
        return f"the file is damaged ({text}). {RECOVERY_ADVICE}"
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in low:
        return "the file cannot be opened (check that its folder exists and may be written)"
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in low:
        return f"the disk reported an input/output error ({text})"
    if isinstance(exc, OSError):
        return exc.strerror or text
    return text


def _writable(path: Path) -> bool:
    """Whether this process may write ``path`` and create files beside it (a journal)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _journal(path: Path) -> Path:
    """The file beside a project that a writer killed mid-write leaves: its WAL, else its rollback journal."""
    wal = path.with_name(path.name + "-wal")
    return wal if wal.exists() else path.with_name(path.name + "-journal")


def _hot_journal(path: Path) -> bool:
    try:
        return _journal(path).stat().st_size > 0
    except OSError:
        return False


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def check_creatable(path: str | Path) -> None:
    """Raise ProjectError unless a new project file could be made at ``path`` (nothing is created)."""
    path = Path(path)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise ProjectError(path, f"cannot create it: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        why = "it is on a read-only file system" if _read_only_fs(folder) else "that folder may not be written"
        raise ProjectError(path, f"cannot create the project in {folder}: {why}")


def check_writable(path: str | Path) -> None:
    """Raise ProjectError unless the existing project file at ``path`` may be written (with its journal)."""
    path = Path(path)
    if _writable(path):
        return
    if _read_only_fs(path):
        why = ("it is on a read-only file system; it can still be opened read-only "
               "(geo-explorer export --project works), or copy it to a disk that can be written")
    else:
        why = "this user may not write the file or its folder (SQLite writes a journal beside it)"
    raise ProjectError(path, f"cannot write to it: {why}")


