"""The command line's filter options, read without the map's libraries."""
import subprocess
import sys
from argparse import Namespace
from datetime import date

import pytest

from explorer.core.export.filters import OptionError, parse_bbox, parse_filters, parse_types


def _args(**kw):
    base = dict(types=None, date_from=None, date_to=None, include_undated=False, bbox=None)
    base.update(kw)
    return Namespace(**base)


def test_filters_from_the_options():
    f = parse_filters(_args(types="Protests", date_from="2024-01-03", date_to="2024-02-09"))
    assert f.types == parse_types("protests") and f.date_from == date(2024, 1, 3) and f.date_to == date(2024, 2, 9)
    assert not f.include_undated  # a date narrows: undated events only with --include-undated
    assert parse_filters(_args()).include_undated
    assert parse_bbox("60,24,66.5,30") == (60.0, 24.0, 66.5, 30.0)


@pytest.mark.parametrize("kw, words", [
    (dict(types="Dragons"), "unknown event type"),
    (dict(date_from="3 January"), "YYYY-MM-DD"),
    (dict(date_from="2024-02-01", date_to="2024-01-01"), "--from is after --to"),
])
def test_a_bad_option_says_what_is_wrong(kw, words):
    with pytest.raises(OptionError, match=words):
        parse_filters(_args(**kw))


def test_export_reads_its_filters_from_the_core_alone():
    code = ("import sys; from argparse import Namespace; from explorer.cli import _export_filters; "
            "f = _export_filters(Namespace(types='Battles', date_from=None, date_to=None, include_undated=False, "
            "bbox='60,24,66,30')); print(f.area is not None, 'folium' in sys.modules, 'PySide6' in sys.modules, "
            "any(m.startswith(('explorer.gui', 'explorer.mapdoc')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "False", "False"]
