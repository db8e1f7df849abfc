"""``geo-explorer geoparse``: JSON Lines in, JSON Lines out.

Input, one article a line: ``{"id": str, "text": str}``. Output, one line per
input line in the same order: ``{"id": str, "toponyms": [{"start", "end",
"name", "lat", "lon", "place_id", "kind", "score"}]}`` with Python string
offsets into ``text`` (end exclusive); ``lat``/``lon``/``place_id``/``kind``
are null for a toponym found but not resolved. A line that is not a valid
article gets an error on stderr naming its line number and an answer with
an empty toponym list (and its id when one could be read), so that the
output stays line-aligned with the input. Blank lines are skipped. Nothing
but JSON Lines goes to stdout; the exit code is 0.

Input is read in bounded memory, with the limit of a JSON Lines row of the
input-format registry (10 MB): a longer line is not read (its rest is
skipped) and gets an error answer, and the lines after it are answered. A
line that goes on past ten times that with no end of line (``/dev/zero``)
stops the reading, with exit code 1. A line nested too deeply for the JSON
parser, or not UTF-8, is a bad line like any other.

Unpaired surrogates (``"\udc00"`` is valid JSON, but no UTF-8 text can hold
the character) never stop the output: in ``text`` each is read as U+FFFD
(one for one, so offsets are unchanged) and stderr says so; an ``id`` is
given back exactly as it came, as the same JSON escape.
"""
from __future__ import annotations

import json
import re
import sys
from typing import TextIO

_SURROGATE = re.compile("[\ud800-\udfff]")


def _answer(article_id, toponyms) -> str:
    text = json.dumps({"id": article_id, "toponyms": toponyms}, ensure_ascii=False)
    # json.dumps leaves unpaired surrogates raw inside strings: write them as the JSON escape they came as.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def line_limit() -> int:
    """The most one input line may hold: the registry's limit for a JSON Lines row."""
    from explorer.core.text.registry import BY_NAME

    return BY_NAME["jsonl"].max_bytes


def _lines(stdin, limit: int):
    """(line number, the line's text or None, what is wrong with it or None, go on) for each line, reading
    at most ``limit`` bytes of a line (characters, from a text stream without a byte buffer)."""
    from explorer.core.text.readers import EndlessLine, bounded_lines

    src = getattr(stdin, "buffer", None) or stdin
    mb = f"{limit / (1024 * 1024):g} MB"
    try:
        for lineno, raw in bounded_lines(src, limit, give_up=10 * limit):
            if raw is None:
                yield lineno, None, f"the line is over {mb} (a row may hold at most {mb}); not read", True
                continue
            if isinstance(raw, bytes):
                try:
                    raw = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    yield lineno, None, f"not UTF-8 text (invalid byte at column {exc.start + 1})", True
                    continue
            yield lineno, raw, None, True
    except EndlessLine as endless:
        yield endless.lineno, None, (f"the line goes on past {10 * limit / (1024 * 1024):g} MB with no end of "
                                     "line; stopped reading (nothing after it was read)"), False


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    parser = None
    for lineno, line, problem, go_on in _lines(stdin, line_limit()):
        if problem is not None:
            print(f"geoparse: line {lineno}: invalid input: {problem}", file=stderr)
            stdout.write(_answer(None, []) + "\n")
            if not go_on:
                stdout.flush()
                return 1
            continue
        if not line.strip():
            continue
        article_id = None
        try:
            try:
                obj = json.loads(line)
            except RecursionError:
                raise ValueError("not valid JSON (nested too deeply)") from None
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            article_id = obj.get("id")
            text = obj.get("text")
            if not isinstance(text, str):
                raise ValueError('missing or non-string "text"')
            if article_id is not None and not isinstance(article_id, str):
                try:
                    article_id = str(article_id)
                except RecursionError:
                    article_id = None
                    raise ValueError('"id" is nested too deeply') from None
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            print(f"geoparse: line {lineno}: invalid input: {exc}", file=stderr)
            stdout.write(_answer(article_id if isinstance(article_id, str) else None, []) + "\n")
            continue
        from explorer.core.text.decode import scrub_surrogates

        text, bad = scrub_surrogates(text)
        if bad:
            print(f"geoparse: line {lineno}: {bad} unpaired surrogate(s) in \"text\" read as U+FFFD "
                  "(offsets unchanged)", file=stderr)
        try:
            if parser is None:
                from explorer.core.places.geoparse import default_geoparser

                parser = default_geoparser()
            tops = parser.parse(text)
        except Exception as exc:  # never lose the other lines
            print(f"geoparse: line {lineno}: geoparser failed: {exc!r}", file=stderr)
            tops = []
        out = []
        for t in tops:
            p = t.place
            out.append({
                "start": t.start, "end": t.end, "name": t.name,
                "lat": p.lat if p else None, "lon": p.lon if p else None,
                "place_id": p.place_id if p else None, "kind": p.kind if p else None,
                "score": t.score,
            })
        stdout.write(_answer(article_id, out) + "\n")
    stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.stdin, sys.stdout, sys.stderr))
