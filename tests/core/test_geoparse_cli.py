"""The `geo-explorer geoparse` contract: JSONL in, JSONL out, same order, exact offsets."""
import io
import json
import subprocess
import sys

from explorer.core.places.geoparse_cli import run


def _run(lines):
    out, err = io.StringIO(), io.StringIO()
    code = run(io.StringIO("".join(lines)), out, err)
    return code, out.getvalue(), err.getvalue()


def test_order_offsets_and_fields():
    arts = [{"id": "b", "text": "Rockets were fired at Tel Aviv, Israel."},
            {"id": "a", "text": "Nothing here."},
            {"id": "c", "text": "Protests in Islamabad and Karachi, Pakistan."}]
    code, out, err = _run(json.dumps(a) + "\n" for a in arts)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["b", "a", "c"]
    assert rows[1]["toponyms"] == []
    for art, row in zip(arts, rows):
        for t in row["toponyms"]:
            assert art["text"][t["start"]:t["end"]] == t["name"]
            assert set(t) == {"start", "end", "name", "lat", "lon", "place_id", "kind", "score"}
    assert [t["name"] for t in rows[0]["toponyms"]] == ["Tel Aviv", "Israel"]
    assert [t["name"] for t in rows[2]["toponyms"]] == ["Islamabad", "Karachi", "Pakistan"]


def test_bad_lines_reported_by_number_and_others_answered():
    lines = ['{"id": "1", "text": "Gaza"}\n', "{not json\n", '{"id": "3"}\n', "\n",
             '{"id": "5", "text": "Kashmir and New Delhi."}\n']
    code, out, err = _run(lines)
    assert code == 0
    assert "line 2" in err and "line 3" in err
    rows = [json.loads(line) for line in out.splitlines()]  # every stdout line is JSON
    assert [r["id"] for r in rows] == ["1", None, "3", "5"]
    assert [t["name"] for t in rows[3]["toponyms"]] == ["Kashmir", "New Delhi"]


def test_unicode_offsets_are_code_points():
    text = "Les “réfugiés” arrivés à Türkiye — puis en Iran."
    code, out, _ = _run([json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n"])
    (row,) = [json.loads(line) for line in out.splitlines()]
    names = [text[t["start"]:t["end"]] for t in row["toponyms"]]
    assert "Türkiye" in names and "Iran" in names


def test_subprocess_stdout_is_only_jsonl():
    data = '{"id": "x", "text": "Panjgur, Balochistan"}\nnope\n'
    p = subprocess.run([sys.executable, "-m", "explorer.core.places.geoparse_cli"], input=data,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(rows) == 2 and rows[0]["id"] == "x"
    assert "line 2" in p.stderr
