"""The scale benchmark runs at its CI size (1,000 synthetic articles) and says what it measured."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_scale_benchmark_at_1000_articles(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--articles", "1000",
                           "--work", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    row = next(line for line in done.stdout.splitlines() if line.startswith("| 1000 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert re.fullmatch(r"\d+/s", cells[1]) and re.fullmatch(r"\d+/s \(\d+ w\)", cells[2])
    assert re.search(r"[\d,]+ places, [\d,]+ mentions, [\d,]+ events", cells[4])
    assert re.fullmatch(r"[\d.]+ s", cells[5])  # the map was painted
    # the corpus is reproducible: the same seed writes the same files
    from benchmarks.synth import write_corpus

    again = write_corpus(1000, tmp_path / "again", seed=1)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in sorted((tmp_path / "corpus-1000").iterdir())]
