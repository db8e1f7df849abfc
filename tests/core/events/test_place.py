"""Place: the locative relation, chains and hints, actors that are no places, geo-precision."""
from explorer.core.events import place as pl

from .eventkit import GAZ, mentions_for
from explorer.core.models import Article


def where(text, cue, allowed=pl.LOCATIVE | pl.TARGETED, rule="target"):
    art = Article("t", "t", text)
    ms = mentions_for(art, text)
    i = text.index(cue)
    loc = pl.locate(text, 0, len(text), ms, i, i + len(cue), allowed, pl.country_votes(text, ms), rule)
    return (loc.mention.place.name, loc.geo_precision) if loc else None


def test_the_locative_place_not_the_actors_country():
    assert where("Iranian forces struck targets in Panjgur.", "struck") == ("Panjgur", 1)
    assert where("Pakistani jets bombed hideouts near Zahedan.", "bombed") == ("Zahedan", 2)


def test_chain_gives_the_town_with_its_province():
    assert where("Strikes hit Panjgur, Balochistan on Monday.", "Strikes") == ("Panjgur", 1)


def test_unknown_village_with_its_district_in_parentheses():
    # "Kpakpa" is not in the gazetteer: the district and province in the parenthesis place it
    assert where("Gunmen killed a farmer in Kpakpa (Nikki, Borgou).", "killed") == ("Nikki", 2)
    assert where("Gunmen killed a farmer in Kpakpa (Borgou).", "killed") == ("Borgou", 3)


def test_province_and_district_words_give_precision():
    assert where("Police arrested ten men in Wote sub-county.", "arrested", pl.LOCATIVE, "located") == ("Wote", 2)
    assert where("Protesters blocked roads in Makueni.", "blocked") == ("Makueni", 3)
    assert where("A bomb exploded on the outskirts of Quetta.", "bomb") == ("Quetta", 2)


def test_a_protest_against_a_country_is_not_in_it():
    assert where("Students protested against Israel.", "protested", pl.LOCATIVE, "located") is None


def test_the_acting_state_for_border_closures():
    assert where("Pakistan closed its border with Iran.", "closed", pl.LOCATIVE, "acting") == ("Pakistan", 3)


def test_a_state_before_the_trigger_is_its_subject_not_its_place():
    assert where("Israel launched attacks on the country's nuclear sites.", "attacks") is None


def test_demonyms_and_forces_are_actor_names():
    text = "Pakistan army shelled Iranian posts."
    art = Article("t", "t", text)
    (m,) = [m for m in mentions_for(art, text) if m.surface == "Pakistan"]
    assert pl.is_actor_name(text, m)
    assert GAZ["Pakistan"].kind == "country"
