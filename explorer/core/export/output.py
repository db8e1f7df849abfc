"""Writing an export file safely.

- Only a regular file (or a name not yet taken) is written. A device
  (``/dev/full``), a FIFO, a socket or a folder named as the output is
  refused, and stays what it was.
- A symbolic link is written through, deliberately: its target file gets
  the new contents and the link stays a link (the target must be a regular
  file or not exist yet, in a folder that exists: a link into a missing
  folder is refused, and no folder is made for it).
- The output is never one of the files it is made from: the project being
  exported (or its SQLite ``-wal``, ``-shm`` or ``-journal`` file) or an
  input file is refused (:func:`refuse_sources`), compared by real path
  (through links) and by inode (hard links).
- A writer that cannot tell why it failed (Qt's image and PDF writers) has
  its file checked (:func:`check_written`: not empty, ending as the format
  ends) before the rename; the reason is then guessed from the file system
  (full, read-only) so that it is said in words.
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
from collections.abc import Iterable, Iterator
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
        if target is not out and not target.parent.is_dir():
            raise ExportError(out, f"it is a link to {target}, in a folder that does not exist "
                                   "(make the folder, or give another file name)") from None
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


SQLITE_SIBLINGS = ("-wal", "-shm", "-journal")


def _real(path: str | Path) -> str:
    return os.path.realpath(os.path.abspath(path))


def _same(a: str | Path, b: str | Path) -> bool:
    if _real(a) == _real(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def database_file(conn) -> str | None:
    """The file of an open SQLite connection's main database (None: in memory)."""
    try:
        for _, name, file in conn.execute("PRAGMA database_list"):
            if name == "main":
                return file or None
    except Exception:  # noqa: BLE001 - a closed connection: nothing to protect
        return None
    return None


def refuse_sources(out: str | Path, project: str | Path | None = None,
                   inputs: Iterable[str | Path] = ()) -> None:
    """ExportError when ``out`` is the project being exported (or its -wal/-shm/-journal file) or one of
    ``inputs`` (files; folders are walked as ingest walks them), through links and hard links."""
    target = resolve_target(out)
    if project:
        name = Path(project).name
        if _same(target, project):
            raise ExportError(out, f"it is the project being exported ({name}); writing it would replace "
                                   "the project (give another file name)")
        for sib in SQLITE_SIBLINGS:
            if _same(target, f"{project}{sib}"):
                raise ExportError(out, f"it is the project's own {sib[1:]} file ({name}{sib}); writing it "
                                       "would damage the project (give another file name)")
    inputs = [Path(p) for p in inputs or ()]
    if inputs:
        from explorer.core.text.sources import collect_files

        for path in collect_files(inputs)[0]:
            if _same(target, path):
                raise ExportError(out, f"it is one of the input files ({path}); writing it would replace "
                                       "what is being read (give another file name)")


def check_target(out: str | Path, project: str | Path | None = None,
                 inputs: Iterable[str | Path] = ()) -> Path:
    """Before any work: the file :func:`atomic_output` will write for ``out``, or ExportError when it is not
    a regular file (:func:`resolve_target`), is one of its sources (:func:`refuse_sources`), or lies on a
    read-only file system."""
    target = resolve_target(out)
    refuse_sources(out, project, inputs)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return target
    if st.f_flag & getattr(os, "ST_RDONLY", 1):
        raise ExportError(out, "it is on a read-only file system")
    return target


def why_not_written(folder: str | Path) -> str | None:
    """A guess, in words, at why a write into ``folder`` failed when the writer does not say."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return None
    if st.f_flag & getattr(os, "ST_RDONLY", 1):
        return "it is on a read-only file system"
    if st.f_bavail * st.f_frsize < 64 * 1024:
        return "the disk is full"
    return None


def check_written(out: str | Path, tmp: Path, what: str, ok: bool = True, ends: bytes | None = None) -> None:
    """ExportError unless the writer said ``ok`` and ``tmp`` is a complete file: not empty, and ending
    with ``ends`` (trailing white space aside). ``what`` names the format ("PDF")."""
    problem = None if ok else "the writer failed"
    if problem is None:
        try:
            size = os.stat(tmp).st_size
            if size == 0:
                problem = "the file is empty"
            elif ends is not None:
                with open(tmp, "rb") as f:
                    f.seek(max(0, size - 1024))
                    if not f.read().rstrip().endswith(ends):
                        problem = "the file is incomplete"
        except OSError as exc:
            raise ExportError(out, describe_os_error(exc)) from None
    if problem is not None:
        why = why_not_written(tmp.parent)
        raise ExportError(out, f"{why} (the {what} could not be written whole)" if why
                          else f"the {what} could not be written whole ({problem})")


@contextmanager
def atomic_output(out: str | Path, suffix: str = ".part") -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``out`` (see the module docstring).

    ``suffix`` ends the temporary name (a writer that picks its format by suffix: ``.part.mp4``)."""
    target = resolve_target(out)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=folder)
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
