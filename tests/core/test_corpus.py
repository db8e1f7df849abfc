import json

import pytest

from explorer.core.text.sources import ArticleError, load_text_article, read_manifest
from explorer.resources import seed_paths, seeds_dir


def test_seed_copies_match_manifest_hashes():
    manifest = json.loads((seeds_dir() / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    by_id = {a["article_id"]: a for a in manifest["articles"]}
    assert len(seed_paths()) == len(by_id) == 5
    for p in seed_paths():
        entry = by_id[p.stem]
        assert hashlib.sha256(p.read_bytes()).hexdigest() == entry["sha256"]
        assert entry["file"] == p.name


def test_manifest_title_and_outlet_used():
    m = read_manifest(seeds_dir())
    p = next(p for p in seed_paths() if p.stem.startswith("000"))
    a = load_text_article(p, m)
    assert a.outlet == "Nogoom Masrya"
    assert a.title.startswith("Iran-Israel Ceasefire")
    assert a.raw_text == p.read_text(encoding="utf-8")
    assert len(a.content_hash) == 64


@pytest.mark.parametrize("data, needle", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u041b\u0430\u0445\u043e\u0440".encode("cp1251"), "not UTF-8"),  # Latin-1 is decoded; this reads as no encoding
    (b"1234 5678 \n 000", "no words"),
])
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path, data, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError) as info:
        load_text_article(p)
    assert needle in str(info.value)
    assert str(p) in str(info.value)


def test_huge_file_is_refused_clearly(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"Quetta is a city. " * (700_000))
    with pytest.raises(ArticleError) as info:
        load_text_article(p)
    assert "MB" in str(info.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ArticleError, match="cannot read"):
        load_text_article(tmp_path / "nope.txt")


def test_project_search_words_accents_prefix_and_nonsense(tmp_path):
    from explorer.core.store.ingest import ingest
    from tests.fakes import FakeGeoparser

    (tmp_path / "a.txt").write_text("Strikes hit Quetta\nMissile strikes hit Quetta. Caf\u00e9 owners fled.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks in Lahore\nLeaders met in Lahore.\n", encoding="utf-8")
    with ingest([tmp_path], geoparser=FakeGeoparser()) as result:
        search = result.project.search
        assert [h.article_id for h in search("missile QUETTA")] == ["a"]
        assert "[Missile]" in search("missile")[0].snippet
        assert [h.article_id for h in search("cafe")] == ["a"]  # accents folded
        assert [h.article_id for h in search("Lah")] == ["b"]  # last word as a prefix
        assert search("Lah ") == []  # …unless the user typed a space after it
        for nasty in ['"', "(((", "*", "", "NEAR(", "\u0000"]:
            assert isinstance(search(nasty), list)
