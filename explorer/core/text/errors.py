"""The error every reader raises for an input it cannot take."""
from __future__ import annotations

from pathlib import Path


class ArticleError(Exception):
    """An input that cannot be read as an article. The message names the file (and line).

    Also used for warnings about an article that was read (how it was
    decoded, what was replaced, which language it is in): see ``Article.notes``.
    """

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")
