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


def run(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    parser = None
    for lineno, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        article_id = None
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            article_id = obj.get("id")
            text = obj.get("text")
            if not isinstance(text, str):
                raise ValueError('missing or non-string "text"')
            if article_id is not None and not isinstance(article_id, str):
                article_id = str(article_id)
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
                from explorer.core.geoparse import default_geoparser

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
