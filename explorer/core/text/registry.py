"""The declared registry of input formats: suffix -> reader, with its limits.

Every place that needs to know what Geo Explorer reads (the readers'
dispatch, the folder walk, the CLI help, the GUI's file dialog, the README)
takes it from here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
# A news article is tens of kilobytes; anything this big is not one.
MAX_ARTICLE_BYTES = 10 * MB


@dataclass(frozen=True)
class InputFormat:
    name: str  # 'txt', 'md', 'html', 'jsonl'
    label: str  # for people: the file dialog, the help
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    reader: str  # the reader's name in explorer.core.text.readers
    max_bytes: int  # the most one file (for JSON Lines: one row) may hold
    many: bool = False  # one article per row rather than per file

    @property
    def limit_text(self) -> str:
        unit = "a row" if self.many else "a file"
        return f"{unit} at most {self.max_bytes // MB} MB"


INPUT_FORMATS: tuple[InputFormat, ...] = (
    InputFormat("txt", "Plain text", (".txt", ".text"), "read_txt", MAX_ARTICLE_BYTES),
    InputFormat("md", "Markdown", (".md", ".markdown"), "read_markdown", MAX_ARTICLE_BYTES),
    InputFormat("html", "Web page", (".html", ".htm"), "read_html", MAX_ARTICLE_BYTES),
    InputFormat("jsonl", "JSON Lines ({id, title, date, text} a line)", (".jsonl",), "iter_jsonl",
                MAX_ARTICLE_BYTES, many=True),
)
BY_NAME = {f.name: f for f in INPUT_FORMATS}
BY_SUFFIX = {s: f for f in INPUT_FORMATS for s in f.suffixes}
# Every suffix some reader takes; a folder walk picks only these.
ARTICLE_SUFFIXES: tuple[str, ...] = tuple(BY_SUFFIX)
# A file named explicitly with no suffix is read as plain text.
NO_SUFFIX = BY_NAME["txt"]


def input_format(path: str | Path | None) -> InputFormat | None:
    """The format a path is read as (no suffix: plain text), or None when unsupported."""
    if path is None:
        return NO_SUFFIX
    suffix = Path(path).suffix.lower()
    if suffix == "":
        return NO_SUFFIX
    return BY_SUFFIX.get(suffix)


def format_of(path: str | Path | None) -> str:
    """The format name of a path: 'txt', 'md', 'html', 'jsonl' or 'unsupported'."""
    fmt = input_format(path)
    return fmt.name if fmt else "unsupported"


def is_article_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in BY_SUFFIX


def suffix_list() -> str:
    """'.txt .text .md …', for messages and help."""
    return " ".join(ARTICLE_SUFFIXES)


def file_dialog_filter() -> str:
    """A Qt file-dialog filter string: every article file, each format, all files."""
    every = " ".join("*" + s for s in ARTICLE_SUFFIXES)
    rows = [f"Articles ({every})"]
    rows += [f"{f.label} ({' '.join('*' + s for s in f.suffixes)})" for f in INPUT_FORMATS]
    rows.append("All files (*)")
    return ";;".join(rows)


def help_text() -> str:
    """One line for the CLI help."""
    return ", ".join(f"{' '.join(f.suffixes)} ({f.limit_text})" for f in INPUT_FORMATS)
