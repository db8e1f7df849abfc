"""Separate article text from what surrounds it on a web page.

Cleaning never moves text. What is not article text (link-farm lists of
unrelated headlines, comment forms, copyright notices, photo credits,
repeated headlines) is *masked*: each of its characters is replaced by a
space, line breaks are kept. A few characters are also normalised one for
one (curly quotes, non-breaking spaces, dashes). The cleaned text therefore
has exactly the length of the raw text and the offset map between the two
is the identity: an offset found in the cleaned text is an offset into the
raw article, and ``raw[start:end]`` is the mention as written.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# One-for-one normalisations that help matching and never change length.
_CHAR_PAIRS = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\t": " ", "\r": " ", "\f": " ", "\v": " ",
}
_CHAR_MAP = str.maketrans(_CHAR_PAIRS)
# No replacement is itself replaced, so one str.replace per pair gives what str.translate(_CHAR_MAP) gives.
assert not set(_CHAR_PAIRS.values()) & set(_CHAR_PAIRS)


def normalise_chars(raw: str) -> str:
    """``raw`` with the one-for-one normalisations of ``_CHAR_MAP`` applied.

    The same as ``raw.translate(_CHAR_MAP)``, several times faster on text
    that is not pure ASCII (str.translate looks every character up in the
    map; str.replace scans for one character in C)."""
    for old, new in _CHAR_PAIRS.items():
        if old in raw:
            raw = raw.replace(old, new)
    return raw

# Lines that belong to the page, not to the article.
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        leave\s+a\s+(?:reply|comment)\b
      | (?:your\s+)?email\s+address\s+will\s+not\s+be\s+published
      | required\s+fields\s+are\s+marked
      | related(?:\s+(?:articles|posts|stories))?\s*:?\s*$
      | (?:the\s+)?author\s*:\s*$
      | (?:all\s+)?rights\s+reserved
      | copyright\b | \(c\)\s*\d{4} | ©
      | all\s+content\s+published\s+on\b
      | share\s+this(?:\s+article)?\s*:?\s*$
      | (?:sign\s+up|subscribe)\s+(?:for|to)\b
      | follow\s+us\s+on\b
      | click\s+here\b
      | read\s+(?:more|also)\s*:?\s*$
      | advertisement\s*$
      | table\s+of\s+contents\s*$
      | post\s+(?:a\s+)?comment\s*$
      | save\s+my\s+name,\s+email
      | comments?\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines that contain a copyright / licence notice anywhere.
_NOTICE = re.compile(r"(?:copyright\s*©|©\s*\d{4}|all\s+rights\s+reserved)", re.IGNORECASE)


def _may_hold_notice(line: str) -> bool:
    """False only when ``_NOTICE`` cannot match ``line`` (a quick test before the regex): every match
    holds "©" or "reserved", whose letters r, v, e, d match only themselves in either case."""
    return "©" in line or "rved" in line.lower()

# Photo credits: agency credits and picture ids at the end of captions.
# (Each pattern goes with a quick test in _CREDIT_TESTS.)
_CREDITS = [
    # REUTERS/Mohammed Salem - RC159441DBA0   |  AFP/Getty Images  |  AP Photo/Name
    re.compile(r"\b(?:REUTERS|AFP|AP(?:\s+Photo)?|EPA(?:-EFE)?|Getty\s+Images|Anadolu(?:\s+Agency)?|XINHUA|ANI|IRNA|WANA)"
               r"\s*/\s*[^\n.]*?(?:\s+-\s+[A-Z0-9]{6,})?\s*$"),
    # (AFP Photo)  (Photo: X)  [Photo by X]
    re.compile(r"[(\[]\s*(?:[A-Z][\w.&/ -]{0,30}\s+)?(?:photo|image|picture|file\s+photo)(?:\s*(?:by|:|/)\s*[^)\]\n]{0,60})?\s*[)\]]\s*$",
               re.IGNORECASE),
    # Photo: Name / Photo credit: Name  at the start of a line
    re.compile(r"^\s*(?:photo|image|picture)\s*(?:credit)?\s*(?:by|:)\s*[^\n]{0,80}$", re.IGNORECASE),
]
# For each pattern of _CREDITS, a test that is False only when the pattern cannot match a line, to
# skip the regex on most lines: an agency credit holds "/"; a bracketed credit ends with ")" or "]"
# (str.rstrip strips what the regex's \s matches); the third pattern is anchored and cheap already.
_CREDIT_TESTS = [
    lambda line: "/" in line,
    lambda line: line.rstrip().endswith((")", "]")),
    lambda line: True,
]

_LINK_MARKER = re.compile(r"^\s*(?:read\s+(?:more|also)|related(?:\s+(?:articles|posts|stories|news))?|see\s+also|more\s+on\s+this)\s*:?\s*$",
                          re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)])\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;\"')\]]\s*$")


@dataclass
class Dropped:
    start: int
    end: int
    reason: str


@dataclass
class CleanText:
    """The article text with non-article parts masked; same length as raw."""

    raw: str
    text: str
    dropped: list[Dropped] = field(default_factory=list)

    def to_raw(self, offset: int) -> int:
        """Map an offset in ``text`` to the raw text (identity, by construction)."""
        return offset

    def kept(self, start: int, end: int) -> bool:
        """True when no part of [start, end) was dropped."""
        return not any(d.start < end and start < d.end for d in self.dropped)


def _lines(raw: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        spans.append((pos, pos + len(body)))
        pos += len(line)
    return spans


def _is_list_item(line: str) -> bool:
    """A short bulleted line that reads like a headline, not a sentence."""
    if not _BULLET.match(line):
        return False
    body = line.strip()
    return len(body) <= 90 and not body.endswith((".", ";", ","))


def clean(raw: str) -> CleanText:
    """Mask everything in ``raw`` that is not article text."""
    normalised = normalise_chars(raw)
    chars: list[str] = []  # the characters of ``normalised``, made on the first drop (most texts have none)
    dropped: list[Dropped] = []
    lines = _lines(raw)
    texts = [raw[s:e] for s, e in lines]

    def drop(start: int, end: int, reason: str) -> None:
        if end <= start:
            return
        if not chars:
            chars.extend(normalised)
        for i in range(start, end):
            if chars[i] not in "\n\r":
                chars[i] = " "
        dropped.append(Dropped(start, end, reason))

    # 1. Runs of two or more short bulleted lines: link farms and tables of contents.
    i = 0
    while i < len(lines):
        if _is_list_item(texts[i]):
            j = i
            while j + 1 < len(lines) and (_is_list_item(texts[j + 1])):
                j += 1
            if j > i:
                drop(lines[i][0], lines[j][1], "list of headlines")
            i = j + 1
        else:
            i += 1

    # 2. Short lines repeated verbatim (a headline repeated in page furniture).
    counts = Counter(t.strip() for t in texts if t.strip())
    for (s, e), t in zip(lines, texts):
        body = t.strip()
        if body and counts[body] >= 2 and len(body) <= 160 and not _SENTENCE_END.search(body):
            drop(s, e, "repeated line")

    # 3. Boilerplate lines and copyright notices.
    for (s, e), t in zip(lines, texts):
        if _BOILERPLATE.match(t) or (len(t) < 2000 and _may_hold_notice(t) and _NOTICE.search(t)):
            drop(s, e, "boilerplate")

    # 4. Link headlines under a "Read more:" / "Related:" marker.
    for k, t in enumerate(texts):
        if not _LINK_MARKER.match(t):
            continue
        for (s, e), u in zip(lines[k + 1:], texts[k + 1:]):
            body = u.strip()
            if not body:
                continue
            if len(body) > 160 or body.endswith((".", "!", ";")):
                break
            drop(s, e, "related link")

    # 5. Photo credits at the end of captions (the caption itself is kept).
    for (s, e), t in zip(lines, texts):
        for pattern, may_match in zip(_CREDITS, _CREDIT_TESTS):
            m = pattern.search(t) if may_match(t) else None
            if m:
                drop(s + m.start(), s + m.end(), "photo credit")
                t = t[: m.start()]

    dropped.sort(key=lambda d: d.start)
    return CleanText(raw=raw, text="".join(chars) if chars else normalised, dropped=dropped)


def title_of(raw: str) -> str:
    """The first non-empty line, trimmed to a sensible length."""
    for line in raw.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 200 else line[:199] + "…"
    return ""
