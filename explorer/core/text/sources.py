"""Reading articles from disk, with a clear error for anything unreadable."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from explorer.core.models import Article

# A news article is tens of kilobytes; anything this big is not one.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
MANIFEST_NAME = "manifest.json"


class ArticleError(Exception):
    """An input that cannot be read as an article. The message names the file."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class ManifestEntry:
    title: str | None
    outlet: str | None
    dates: tuple[str, ...]
    published: str | None


def article_id_for(path: Path) -> str:
    return path.stem


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(path: Path, data: bytes) -> str:
    """Decode ``data`` as UTF-8 text or raise ArticleError saying why not."""
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(path, f"the file is {len(data) / 1e6:.1f} MB; an article may be at most "
                                 f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB")
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(path, f"the file is not UTF-8 text (invalid byte at offset {exc.start})") from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise ArticleError(path, "the file is binary, not text")
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(path, "the file holds no words")
    return text


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """Article descriptions from ``folder/manifest.json``, if there is one."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArticleError(path, f"unreadable manifest: {exc}") from None
    out = {}
    for item in doc.get("articles", []):
        title = item.get("title") or item.get("display_title")
        dates = tuple(d["date"] for d in item.get("dates_stated", []) if d.get("date"))
        out[item["article_id"]] = ManifestEntry(title, item.get("outlet"), dates, item.get("published"))
    return out


def load_text_article(path: Path, manifest: dict[str, ManifestEntry] | None = None) -> Article:
    """Read one plain-text article (.txt). Raises ArticleError.

    The reader lives in :mod:`explorer.core.text.readers` with the other formats.
    """
    from explorer.core.text.readers import read_txt

    return read_txt(Path(path), manifest)


# Every suffix some reader in explorer.core.formats takes.
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl")


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files named, and the article files inside folders named, in a stable order.

    Folders are walked recursively (hidden files and folders skipped); only
    files with one of ARTICLE_SUFFIXES are taken from them. A file named
    explicitly is always kept, so that an unsupported one gets an error.
    """
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = []
            for q in p.rglob("*"):
                rel = q.relative_to(p).parts
                if any(part.startswith(".") for part in rel):
                    continue
                if q.suffix.lower() in ARTICLE_SUFFIXES and q.is_file():
                    found.append(q)
            out.extend(sorted(found, key=lambda q: q.relative_to(p).parts))
        else:
            out.append(p)
    return out
