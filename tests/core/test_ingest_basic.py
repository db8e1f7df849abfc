from explorer.core.export.geojson import mentions_geojson
from explorer.core.store.ingest import ingest
from tests.fakes import FakeGeoparser
from tests.contents import ingested


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_mentions_keep_exact_raw_offsets_and_sentence(tmp_path):
    raw = ("Title about Lahore\n\u201cStrikes\u201d hit Quetta \u2014 officials said. Later, Zahedan was calm.\n"
           "- Quetta Mall\n- Quetta Soccer\n")
    p = _write(tmp_path, "a1.txt", raw)
    corpus = ingested([p], geoparser=FakeGeoparser())
    assert not corpus.errors
    text = p.read_text(encoding="utf-8")
    surfaces = [(m.surface, text[m.start:m.end]) for m in corpus.mentions]
    assert all(a == b for a, b in surfaces)
    names = [m.place.name for m in corpus.mentions]
    assert names == ["Lahore", "Quetta", "Zahedan"]  # the link-farm Quettas are not article text
    q = corpus.mentions[1]
    assert text[q.sentence_start:q.sentence_end] == "\u201cStrikes\u201d hit Quetta \u2014 officials said."


def test_bad_files_are_reported_and_batch_goes_on(tmp_path):
    good = _write(tmp_path, "good.txt", "News from Quetta today.")
    empty = _write(tmp_path, "empty.txt", "")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    corpus = ingested([empty, good, binary], geoparser=FakeGeoparser())
    assert list(corpus.articles) == ["good"]
    assert len(corpus.errors) == 2
    msgs = " ".join(str(e) for e in corpus.errors)
    assert "empty.txt" in msgs and "bin.txt" in msgs


def test_geojson_export_contract(tmp_path):
    p = _write(tmp_path, "story-7.txt", "Leaders met in Lahore. Then in Quetta.")
    with ingest([p], geoparser=FakeGeoparser()) as result:
        doc = mentions_geojson(result.project)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    f = doc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [74.35071, 31.558]}
    props = f["properties"]
    for key in ("place_name", "place_id", "place_kind", "country_code", "article_id", "start", "end", "excerpt"):
        assert key in props
    assert props["article_id"] == "story-7"
    assert props["excerpt"] == "Leaders met in Lahore."
    assert p.read_text()[props["start"]:props["end"]] == "Lahore"


def test_place_summaries_count_mentions(tmp_path):
    p1 = _write(tmp_path, "a.txt", "Quetta and Quetta again. Lahore.")
    p2 = _write(tmp_path, "b.txt", "Quetta once.")
    corpus = ingested([p1, p2], geoparser=FakeGeoparser())
    top = corpus.places()[0]
    assert top.place.name == "Quetta" and top.mentions == 3 and top.articles == 2
    assert [m.article_id for m in corpus.mentions_of("gn:1167528")] == ["a", "a", "b"]
