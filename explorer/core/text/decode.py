"""Bytes of one input file, read safely, and decoded to text.

Reading. Only regular files are read: a FIFO, a device, a socket or a folder
is refused before anything is read from it (opening is non-blocking, and the
type is checked again on the open file, so a FIFO swapped in never hangs the
batch). Every read has a hard cap: the size the file system reports is
not trusted (``/proc`` files say 0, a growing file says less than it holds).

Decoding. UTF-8 (with or without a byte-order mark) is the rule. A file
with a UTF-16 or UTF-32 byte-order mark is decoded by it. A file that is
not valid UTF-8 but reads as Western European prose in Windows-1252 (which
covers Latin-1's letters) is decoded so, and the note says it. Anything
else is refused with a reason. A byte-order mark is not part of the text:
offsets count characters of the decoded text, from after the mark.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from explorer.core.text.errors import ArticleError
from explorer.core.text.registry import MB

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str:
    """'a FIFO', 'a character device', … for a mode that is not a regular file's."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def not_regular(path, mode: int, prefix: str = "") -> ArticleError:
    return ArticleError(path, f"{prefix}not a regular file ({file_kind(mode)})")


def _too_big(path, limit: int, size: int | None) -> ArticleError:
    said = f"{size / 1e6:.1f} MB" if size is not None else f"over {limit // MB} MB"
    return ArticleError(path, f"the file is {said}; an article may be at most {limit // MB} MB "
                              "(split it, or use one JSON Lines row per article)")


def _os_error(path, exc: OSError) -> ArticleError:
    return ArticleError(path, f"cannot read the file ({exc.strerror or exc})")


def open_regular(path: str | Path):
    """A binary file object on ``path``, which must be a regular file. Raises ArticleError."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _os_error(path, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(path, st.st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os_error(path, exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped for something else since the stat
            raise not_regular(path, st.st_mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises ArticleError."""
    f = open_regular(path)
    with f:
        try:
            size = os.fstat(f.fileno()).st_size
            if size > limit:  # a cheap early answer; the read below is the real cap
                raise _too_big(path, limit, size)
            data = f.read(limit + 1)
        except OSError as exc:
            raise _os_error(path, exc) from None
    if len(data) > limit:
        raise _too_big(path, limit, None)
    return data


# ---------------------------------------------------------------- decoding

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", None),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each unpaired surrogate replaced by U+FFFD (one for one), and how many.

    A Python string from JSON may hold them (``"\\udc00"``); no file, database
    or pipe can take them as UTF-8.
    """
    if text.isascii():
        return text, 0
    n = 0

    def repl(_m):
        nonlocal n
        n += 1
        return "\ufffd"

    return _SURROGATE.sub(repl, text), n


def _looks_like_prose(text: str) -> bool:
    """True for Western European text: words, mostly ASCII letters, no control characters."""
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" or 0x7F <= ord(ch) < 0xA0 for ch in text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    visible = sum(1 for ch in text if not ch.isspace())
    if not letters or len(letters) < 0.5 * visible:
        return False
    non_ascii = sum(1 for ch in letters if not ch.isascii())
    return non_ascii <= 0.3 * len(letters)


def decode_text(path: str | Path, data: bytes) -> tuple[str, str | None]:
    """``data`` as text, and a note when it was not plain UTF-8; or ArticleError saying why not."""
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    note = None
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                label = name or "UTF-8"
                raise ArticleError(path, f"the file starts with a {label} byte-order mark but is not "
                                         f"{label} text (invalid bytes at offset {exc.start + len(bom)})") from None
            if name:
                note = f"decoded as {name} (by its byte-order mark)"
            break
    else:
        if b"\x00" in data[:8192]:
            raise ArticleError(path, "the file is binary, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _legacy(data)
            if text is None:
                raise ArticleError(path, f"the file is not UTF-8 text (invalid byte at offset {exc.start}), "
                                         "and does not read as Windows-1252 text either; save it as UTF-8") from None
            note = ("decoded as Windows-1252 (it is not valid UTF-8; Latin-1 text reads the same); "
                    "check its accented letters")
    if not text.strip():
        raise ArticleError(path, "the file is empty")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise ArticleError(path, "the file is binary, not text")
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(path, "the file holds no words")
    return text, note


def _legacy(data: bytes) -> str | None:
    """Windows-1252 (Latin-1 where it has no character) text that looks like prose, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        # 0x81 0x8D 0x8F 0x90 0x9D have no Windows-1252 character: Latin-1 control characters,
        # which _looks_like_prose refuses.
        text = data.decode("latin-1")
    return text if _looks_like_prose(text) else None
