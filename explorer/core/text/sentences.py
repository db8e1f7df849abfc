"""Sentence boundaries, as character spans, for excerpts and event clauses."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
    "sen", "rep", "pres", "st", "mt", "ft", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "approx", "est", "govt", "dept",
}
_CANDIDATE = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*\S)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty sentence spans (start, end), whitespace trimmed, in order.

    A line break always ends a sentence (headlines, captions and paragraphs
    stand alone); a full stop ends one unless it follows a known
    abbreviation or a single initial.

    The spans of the last few texts are remembered: an article's text is
    split once, for its place mentions and its events alike.
    """
    return list(_cached_spans(text))


@lru_cache(maxsize=8)
def _cached_spans(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentence_spans` of ``text``, as a tuple (shared between callers: immutable)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if m.group(0)[0] == ".":
            # look back a bounded distance: searching from 0 is quadratic in the text
            w = _WORD_BEFORE.search(text, max(0, m.start() - 64), m.start())
            if w:
                word = w.group(1).lower().rstrip(".")
                if word in _ABBREV or len(word) == 1:
                    continue
        end = m.end() if m.group(0)[0] in ".!?" else m.start()
        _add(text, start, end, spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return tuple(spans)


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence that holds an offset."""

    def __init__(self, text: str):
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def containing(self, start: int, end: int | None = None) -> tuple[int, int]:
        end = start if end is None else end
        i = bisect_right(self._starts, start) - 1
        if i >= 0:
            s, e = self.spans[i]
            if s <= start and end <= e:
                return s, e
        return start, end
