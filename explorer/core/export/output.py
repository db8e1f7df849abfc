"""Writing an export file safely.

- Only a regular file (or a name not yet taken) is written. A device
  (``/dev/full``), a FIFO, a socket or a folder named as the output is
  refused, and stays what it was.
- A symbolic link is written through, deliberately: its target file gets
  the new contents and the link stays a link (the target must be a regular
  file or not exist yet, in a folder that exists).
- The data go to a temporary file beside the target (a unique hidden name),
  which is flushed to disk and renamed over the target only when complete;
  it is removed on every failure (a full disk, an error, Ctrl+C). The
  target keeps its permissions; a new file gets the usual ones (umask).

Errors are :class:`ExportError`, with a message in words ("the disk is full").
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ExportError(Exception):
    """An export that could not be written. The earlier file (if any) is intact; nothing is left behind."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")


def describe_os_error(exc: BaseException) -> str:
    code = getattr(exc, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if code == errno.EFBIG:
        return "the file size limit was reached"
    if code == errno.EROFS:
        return "it is on a read-only file system"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or "database or disk is full" in str(exc):
        return "the disk is full"
    return getattr(exc, "strerror", None) or str(exc)


def resolve_target(out: str | Path) -> Path:
    """The regular file to write for ``out`` (a link's target); ExportError for anything else."""
    from explorer.core.text.decode import file_kind

    out = Path(out)
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ExportError(out, describe_os_error(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(out, f"it is {file_kind(st.st_mode)}, not a regular file (give a file name)")
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(out: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``out`` (see the module docstring)."""
    target = resolve_target(out)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(out, describe_os_error(exc)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        try:
            yield tmp
            try:
                mode = stat.S_IMODE(os.stat(target).st_mode)
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp, mode)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            resolve_target(out)  # still a regular file (or none) at the last moment
            os.replace(tmp, target)
        except ExportError:
            raise
        except OSError as exc:
            raise ExportError(out, describe_os_error(exc)) from None
        except Exception as exc:
            if getattr(exc, "sqlite_errorname", None) or exc.__class__.__module__ == "sqlite3":
                raise ExportError(out, describe_os_error(exc)) from None
            raise
    finally:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass
