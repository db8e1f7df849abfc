"""The files one batch reads, and the ids their articles get.

Walking. Folders are walked recursively in name order; hidden files and
folders are skipped; only files with a suffix of the registry are taken.
What cannot be taken is reported, never silently dropped: a folder that
cannot be read, a FIFO or device with an article suffix, a broken or
looping link, a link back to a folder already walked (the walk never loops).
A file named explicitly is always kept, so that an unsupported one gets an
error. The same file named twice (or inside a folder also named) is read once.

Ids. A file's article id is its path relative to the common parent of the
paths given (a folder given counts as its own parent), without the suffix,
with ``/`` between folders: the bundled seeds keep their stems, and
``a/report.txt`` and ``b/report.txt`` become ``a/report`` and ``b/report``.
A JSON Lines row keeps its own ``"id"``; a row without one gets
``FILE-ID:LINE``.

Clashes. Within one batch an id is given once: a later article with an id
already used is refused (an ArticleError naming both places), never
silently put in place of the earlier one.
"""
from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

from explorer.core.models import Article
from explorer.core.text.decode import decode_text, file_kind  # noqa: F401 (decode_text: old import path)
from explorer.core.text.errors import ArticleError
from explorer.core.text.readers import ManifestEntry, content_hash, read_articles
from explorer.core.text.registry import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES  # noqa: F401

MANIFEST_NAME = "manifest.json"

__all__ = ["ArticleError", "ManifestEntry", "Batch", "collect_files", "expand_paths", "common_base", "file_id",
           "read_manifest", "load_text_article", "content_hash", "ARTICLE_SUFFIXES", "MAX_ARTICLE_BYTES"]


def article_id_for(path: Path) -> str:
    """The id of a file read on its own (its stem)."""
    return Path(path).stem


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """Article descriptions from ``folder/manifest.json``, by file stem, if there is one."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        out = {}
        for item in doc.get("articles", []):
            title = item.get("title") or item.get("display_title")
            dates = tuple(d["date"] for d in item.get("dates_stated", []) if d.get("date"))
            key = Path(item["file"]).stem if item.get("file") else item["article_id"]
            out[key] = ManifestEntry(title, item.get("outlet"), dates, item.get("published"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ArticleError(path, f"unreadable manifest: {exc}") from None
    return out


def load_text_article(path: Path, manifest: dict[str, ManifestEntry] | None = None) -> Article:
    """Read one plain-text article (.txt). Raises ArticleError."""
    from explorer.core.text.readers import read_txt

    return read_txt(Path(path), manifest)


# ---------------------------------------------------------------- walking

def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[ArticleError]]:
    """The files to read, in a stable order, and what was found but cannot be read."""
    files: list[Path] = []
    problems: list[ArticleError] = []
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()

    def add(path: Path, st: os.stat_result) -> None:
        key = (st.st_dev, st.st_ino)
        if key not in seen_files:
            seen_files.add(key)
            files.append(path)

    def walk(folder: Path) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(ArticleError(folder, f"cannot read the folder ({exc.strerror or exc}); "
                                                 "its files were not read"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            article_like = path.suffix.lower() in ARTICLE_SUFFIXES
            try:
                st = entry.stat()  # follows links
            except OSError:
                if entry.is_symlink() and article_like:
                    problems.append(ArticleError(path, "skipped: a broken or looping link"))
                elif not entry.is_symlink():
                    problems.append(ArticleError(path, "skipped: cannot be read"))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in seen_dirs:
                    problems.append(ArticleError(path, "skipped: a link back to a folder already read"))
                    continue
                seen_dirs.add(key)
                walk(path)
            elif article_like:
                if stat.S_ISREG(st.st_mode):
                    add(path, st)
                else:
                    problems.append(ArticleError(path, f"skipped: not a regular file ({file_kind(st.st_mode)})"))

    for given in paths:
        p = Path(given)
        try:
            st = os.stat(p)
        except OSError:
            files.append(p)  # named explicitly: its reader says what is wrong with it
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key not in seen_dirs:
                seen_dirs.add(key)
                walk(p)
        elif stat.S_ISREG(st.st_mode):
            add(p, st)
        else:
            files.append(p)  # a FIFO or device named explicitly: its reader refuses it, by name
    return files, problems


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The files of :func:`collect_files` (what cannot be read is left out)."""
    return collect_files(paths)[0]


# ---------------------------------------------------------------- ids

def common_base(paths: Iterable[str | Path]) -> Path | None:
    """The common parent of the paths given (a folder is its own parent), or None."""
    dirs = []
    for p in paths:
        a = os.path.abspath(p)
        dirs.append(a if os.path.isdir(a) else os.path.dirname(a))
    if not dirs:
        return None
    try:
        return Path(os.path.commonpath(dirs))
    except ValueError:  # different drives
        return None


def file_id(path: str | Path, base: Path | None) -> str:
    """A file's article id: its path relative to ``base``, without its suffix, '/' between folders."""
    path = Path(path)
    if base is None:
        return path.stem
    rel = PurePath(os.path.relpath(os.path.abspath(path), base))
    if not rel.parts or rel.parts[0] == "..":
        return path.stem
    return rel.with_name(path.stem).as_posix() if rel.suffix else rel.as_posix()


class Batch:
    """One batch of inputs: its files, what could not be taken, ids given once.

    Iterate for ``(path, Article | ArticleError)`` in order, or call
    :meth:`read` file by file (``files`` and ``problems`` are known at once).
    """

    def __init__(self, sources: Iterable[str | Path]):
        sources = list(sources)
        self.files, self.problems = collect_files(sources)
        self.base = common_base(sources)
        self._ids: dict[str, str] = {}
        self._manifests: dict[Path, dict[str, ManifestEntry]] = {}

    def article_id(self, path: Path) -> str:
        return file_id(path, self.base)

    def _manifest(self, folder: Path) -> tuple[dict[str, ManifestEntry], ArticleError | None]:
        if folder in self._manifests:
            return self._manifests[folder], None
        try:
            self._manifests[folder] = read_manifest(folder)
            return self._manifests[folder], None
        except ArticleError as exc:  # a broken manifest: say so once, read the articles without it
            self._manifests[folder] = {}
            return {}, exc

    def read(self, path: Path) -> Iterator[Article | ArticleError]:
        """The articles of one file, ids assigned and checked; errors (this file's, or a clash) as items."""
        path = Path(path)
        manifest, problem = self._manifest(path.parent)
        if problem is not None:
            yield problem
        try:
            for item in read_articles(path, manifest, self.article_id(path)):
                if isinstance(item, Article):
                    where = f"{path}, line {item.line}" if item.line is not None else str(path)
                    first = self._ids.get(item.article_id)
                    if first is not None:
                        yield ArticleError(path, f"article id {item.article_id!r} is already used by {first} in "
                                                 "this batch; not read (give each row its own \"id\", or rename "
                                                 "the file)", line=item.line)
                        continue
                    self._ids[item.article_id] = where
                yield item
        except ArticleError as exc:
            yield exc

    def __iter__(self) -> Iterator[tuple[Path, Article | ArticleError]]:
        for problem in self.problems:
            yield Path(problem.path), problem
        for path in self.files:
            for item in self.read(path):
                yield path, item
