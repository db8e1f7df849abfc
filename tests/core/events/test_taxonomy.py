"""The registry: every type mapped to ACLED, every example typed so, the documentation in step."""
import re
from pathlib import Path

import pytest

from explorer.core.events.taxonomy import ACLED_TYPES, BY_LABEL, SUB_EVENT_TYPES, TYPES, family

from .eventkit import run

DOCS = Path(__file__).resolve().parents[3] / "docs" / "events.md"


def test_every_type_has_an_acled_type_and_sub_event_type():
    assert len({t.id for t in TYPES}) == len(TYPES)
    for t in TYPES:
        assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", t.id)
        assert t.acled_type in ACLED_TYPES and t.sub_event_type in SUB_EVENT_TYPES[t.acled_type]
    assert {t.acled_type for t in TYPES} == set(ACLED_TYPES)


@pytest.mark.parametrize("etype", TYPES, ids=lambda t: t.id)
def test_every_example_is_extracted_as_its_type(etype):
    for example in etype.examples:
        types = [e.event_type for e in run(example, published="2025-06-30")]
        assert etype.id in types, (example, types)


def test_families():
    assert family("air_strike") == family("armed_clash") == family("attack_on_civilians") == "violence"
    assert family("peaceful_protest") == family("mob_violence") == "demonstration"
    assert family("arrest") == "arrest"


def test_labels_name_types():
    assert BY_LABEL["property destruction"] == "property_destruction"
    assert BY_LABEL["movement of forces"] == "group_change"


def test_documentation_lists_every_type_with_its_acled_and_sub_event_type():
    doc = DOCS.read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\|\s*`([a-z_]+)`.*$", doc, re.M)}
    assert set(rows) == {t.id for t in TYPES}
    for t in TYPES:
        assert t.acled_type in rows[t.id] and t.sub_event_type in rows[t.id], t.id
