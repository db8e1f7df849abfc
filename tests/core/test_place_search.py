"""Finding a place as the user types: prefixes, inner words, accents, ranking, the project first, the cache."""
from __future__ import annotations

import pytest

from explorer.core.places import gazetteer as gz
from explorer.core.places import search as S


def _tiny(version: str = "", extra=()) -> gz.Gazetteer:
    """A gazetteer of a few places written for the tests (own names and alternate names)."""
    b = gz._Builder()
    country = {}
    for iso, name, lat, lon, pop in (("PK", "Pakistan", 30.0, 70.0, 220_000_000), ("BR", "Brazil", -10.0, -55.0,
                                                                                    210_000_000),
                                     ("IN", "India", 22.0, 79.0, 1_300_000_000), ("US", "United States", 39.0,
                                                                                  -98.0, 330_000_000)):
        country[iso] = b.add(f"country:{iso}", name, gz.K_COUNTRY, lat, lon, iso, pop, None)
    rows = [
        ("gn:1", "Quetta", gz.K_CITY, 30.18, 67.0, "PK", 733_675, []),
        ("gn2:1", "Quetta District", gz.K_ADMIN2, 30.2, 67.0, "PK", 1_000_000, ["Quetta"]),
        ("gn:2", "São Paulo", gz.K_CITY, -23.55, -46.63, "BR", 12_000_000, ["Sao Paulo"]),
        ("gn:3", "Mumbai", gz.K_CITY, 19.07, 72.88, "IN", 12_000_000, ["Bombay"]),
        ("ne1:IN-JK", "Jammu and Kashmir", gz.K_ADMIN1, 33.5, 75.0, "IN", 12_000_000, []),
        ("ne1:PK-JK", "Azad Kashmir", gz.K_ADMIN1, 34.0, 73.8, "PK", 4_000_000, []),
        ("gn:4", "Saint Louis", gz.K_CITY, 38.63, -90.2, "US", 300_000, ["St. Louis"]),
        ("gn:5", "Stanford", gz.K_CITY, 37.42, -122.17, "US", 13_000, []),
        ("gn:6", "Quettaville", gz.K_CITY, 10.0, 10.0, "US", 50, []),
    ]
    rows += [(f"gn:{100 + i}", f"Sanpur {chr(97 + i % 26)}{i}", gz.K_CITY, 20.0, 80.0, "IN", 1000 * (i + 1), [])
             for i in range(40)]
    rows += list(extra)
    for pid, name, kind, lat, lon, cc, pop, variants in rows:
        b.add(pid, name, kind, lat, lon, cc, pop, None, variants)
    index = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in b.index.items()}
    g = gz.Gazetteer(ids=b.ids, names=b.names, kinds=bytes(b.kinds), lat=b.lat, lon=b.lon, pop=b.pop, cc=b.cc,
                     admin1=b.admin1, admin1_names={}, admin1_place={}, country_place=country, index=index,
                     abbreviations={}, demonyms={})
    g.version = version
    return g


def _names(hits):
    return [h.name for h in hits]


@pytest.fixture(scope="module")
def tiny():
    return S.PlaceSearch.build(_tiny())


def test_prefix_accents_case_and_alternate_names(tiny):
    assert _names(tiny.search("quet")) == ["Quetta", "Quetta District", "Quettaville"]
    assert _names(tiny.search("QUETTA"))[:2] == ["Quetta", "Quetta District"]  # whole names first, the town first
    assert tiny.search("quetta")[0].exact and not tiny.search("quett")[0].exact
    assert _names(tiny.search("sao pau")) == ["São Paulo"] == _names(tiny.search("SÃO PAULO"))
    bombay = tiny.search("bombay")
    assert _names(bombay) == ["Mumbai"] and bombay[0].matched == "bombay" and bombay[0].exact
    assert _names(tiny.search("St. Lou")) == ["Saint Louis"]
    st = _names(tiny.search("st"))  # still typing: Stanford, and "st" as short for "saint"
    assert "Stanford" in st and "Saint Louis" in st
    assert tiny.search("") == [] and tiny.search("  ") == [] and tiny.search("1234") == [] and tiny.search("zz") == []


def test_a_later_word_of_a_name_is_found_after_the_names_that_start_with_it(tiny):
    hits = tiny.search("kashmir")
    assert set(_names(hits)) == {"Jammu and Kashmir", "Azad Kashmir"}
    assert tiny.search("and") == []  # a connector starts no match
    assert _names(tiny.search("pau")) == ["São Paulo"]


def test_each_hit_says_what_and_where_it_is(tiny):
    (h,) = tiny.search("mumbai")
    assert (h.place_id, h.kind, h.country_code, h.country_name) == ("gn:3", "city", "IN", "India")
    assert (h.lat, h.lon) == pytest.approx((19.07, 72.88), abs=1e-3)
    assert h.label == "Mumbai — city, India"
    (pk,) = [x for x in tiny.search("pakistan") if x.kind == "country"]
    assert pk.label == "Pakistan — country"


def test_places_of_the_open_project_come_first(tiny):
    plain = tiny.search("quetta")
    assert plain[0].name == "Quetta" and not plain[0].in_project
    first = tiny.search("quetta", project_places={"gn:6"})
    assert first[0].name == "Quettaville" and first[0].in_project and not first[1].in_project
    # a project place that the limit would have cut is still found
    many = tiny.search("sanpur", limit=3, project_places={"gn:100"})
    assert many[0].place_id == "gn:100" and len(many) == 3


def test_big_prefixes_ranked_in_advance_give_what_a_full_scan_gives(monkeypatch):
    g = _tiny()
    full = S.PlaceSearch.build(g)
    monkeypatch.setattr(S, "BIG", 3)
    small = S.PlaceSearch.build(g)
    assert small.names.tops and "s" in small.names.tops  # the short prefixes are ranked in advance
    for q in ("s", "sa", "san", "q", "k", "m", "st", "a", "j"):
        assert [h.place_id for h in small.search(q, 5)] == [h.place_id for h in full.search(q, 5)], q
    # and importance decides among them: the largest Sanpur first
    assert small.search("sanp", 1)[0].name == "Sanpur n39"


def test_the_index_is_cached_by_the_gazetteers_content_digest(tmp_path, monkeypatch):
    monkeypatch.setattr(gz, "cache_dir", lambda: tmp_path)
    monkeypatch.delenv(gz.ENV_INDEX, raising=False)
    g = _tiny("v1")
    made = S.PlaceSearch.load(g)
    assert (tmp_path / "v1" / S.SEARCH_FILE).is_file()

    def no_build(_g):
        raise AssertionError("built again")

    monkeypatch.setattr(S.PlaceSearch, "build", classmethod(lambda cls, _g: no_build(_g)))
    again = S.PlaceSearch.load(g)
    assert _names(again.search("quet")) == _names(made.search("quet"))
    g2 = _tiny("v2")  # another gazetteer: its own index (this one is not used for it)
    with pytest.raises(AssertionError, match="built again"):
        S.PlaceSearch.load(g2)
    (tmp_path / "v1" / S.SEARCH_FILE).write_bytes(b"not a pickle")
    with pytest.raises(AssertionError, match="built again"):  # a damaged file is built again, not trusted
        S.PlaceSearch.load(g)


def test_the_application_gazetteer():
    hits = S.search_places("Quetta", 5)
    assert hits[0].name == "Quetta" and hits[0].kind == "city" and hits[0].country_code == "PK" and hits[0].exact
    assert any(h.name == "São Paulo" and h.country_code == "BR" for h in S.search_places("sao paulo"))
    assert S.search_places("Bombay")[0].name == "Mumbai"
    assert "Jammu and Kashmir" in _names(S.search_places("kashmir", 20))
    assert any(h.country_code == "BD" for h in S.search_places("mirpur", 20))
    assert len(S.search_places("a", 7)) == 7 and S.search_places("qqqqzzzz") == []


def test_project_place_ids(tmp_path):
    from explorer.core.models import Article, Mention, Place
    from explorer.core.store.project import Project

    q = Place("gn:1167528", "Quetta", "city", 30.18, 67.0, "PK", 733_675, "Balochistan")
    with Project(tmp_path / "p.gpkg") as project:
        text = "A day in Quetta."
        a = Article("a", "A", text, content_hash="h")
        project.put_article(a, [Mention("a", 9, 15, "Quetta", q, 0.9, 0, len(text))])
        assert S.project_place_ids(project) == frozenset({"gn:1167528"})


def test_while_typing_a_much_bigger_place_begun_outranks_a_small_whole_name():
    hits = S.search_places("sylh", 5)
    assert hits[0].name == "Sylhet" and hits[0].country_code == "BD"
    assert S.search_places("Quetta", 5)[0].exact  # a big place's whole name still comes first


def test_a_city_far_bigger_than_the_provinces_of_its_prefix_ranks_first():
    """Importance weighs population with kind: a province is lifted a little above a town of its size, not
    above one ten times bigger; a country stays first."""
    g = _tiny(extra=[
        ("gn1:ZZ-1", "Tarovia", gz.K_ADMIN1, 5.0, 5.0, "US", 900_000, []),
        ("gn1:ZZ-2", "Tarland", gz.K_ADMIN1, 5.0, 6.0, "US", 400_000, ["Taro"]),  # "taro" spells its other name
        ("gn:900", "Tarobad", gz.K_CITY, 5.0, 7.0, "US", 12_000_000, []),
        ("gn1:ZZ-3", "Velmark", gz.K_ADMIN1, 6.0, 5.0, "US", 3_000_000, []),
        ("gn:901", "Velmarkton", gz.K_CITY, 6.0, 6.0, "US", 2_000_000, []),
        ("gn:902", "Pakistan Colony", gz.K_CITY, 6.0, 7.0, "PK", 5_000_000, []),
    ])
    s = S.PlaceSearch.build(g)
    assert _names(s.search("taro"))[:3] == ["Tarobad", "Tarland", "Tarovia"]  # the city 13 times bigger first
    assert _names(s.search("velm")) == ["Velmark", "Velmarkton"]  # a bigger province before a city
    assert _names(s.search("paki"))[0] == "Pakistan"  # the country before a city of its name
    assert s.search("taro ")[0].name == "Tarland"  # the whole name typed (a space after it): it first


def test_the_application_gazetteer_ranks_a_big_city_before_smaller_provinces():
    kara = S.search_places("kara", 10)
    assert (kara[0].name, kara[0].country_code, kara[0].kind) == ("Karachi", "PK", "city")
    assert kara[1].name == "Region de la Kara"  # the province the letters spell, next
    assert S.search_places("lah", 3)[0].name == "Lahore"  # before Lahij (a province of Yemen)
    # no bigger city: the country, the province first
    assert (S.search_places("paki", 3)[0].name, S.search_places("paki", 3)[0].kind) == ("Pakistan", "country")
    pun = S.search_places("pun", 3)
    assert (pun[0].name, pun[0].kind, pun[0].country_code) == ("Punjab", "admin1", "PK")
