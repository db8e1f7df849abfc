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


def test_a_people_named_like_a_place_is_no_place():
    assert where("Fulani attacked two farmers of the Boo community in Nikki.", "attacked") == ("Nikki", 1)
    assert where("Fulani attacked two farmers of the Boo community.", "attacked") is None


def test_a_place_as_a_groups_origin_places_only_when_nothing_else_does():
    assert where("Suspected Turkana raiders killed three reservists, Isiolo elders said.", "killed")[0] == "Isiolo"
    assert where("Two groups of Wajir herders clashed over pasture.", "clashed") == ("Wajir", 1)


def test_lone_foreign_town_is_a_misreading():
    text = "Sadar, Tangail and Netrakona; Teknaf and Maungdaw, Sittwe, Rakhine"
    ms = {m.surface: m for m in mentions_for(Article("t", "t", text), text)}
    support = pl.country_support(list(ms.values()))
    assert pl.lone_foreign(ms["Sadar"], support)  # Pakistan, 2,000 km from the Bangladeshi towns
    assert not pl.lone_foreign(ms["Tangail"], support)
    # a village across a nearby border is no misreading, nor a place whose country has another name
    assert not pl.lone_foreign(ms["Maungdaw"], support)
    only = [ms["Maungdaw"], ms["Tangail"], ms["Netrakona"]]
    assert not pl.lone_foreign(ms["Maungdaw"], pl.country_support(only))


def test_locate_skips_a_lone_foreign_town():
    text = "Assailants hacked a farmer to death at Sadar in Tangail district, Netrakona police said."
    art = Article("t", "t", text)
    ms = mentions_for(art, text)
    i = text.index("hacked")
    loc = pl.locate(text, 0, len(text), ms, i, i + 6, pl.LOCATIVE | pl.TARGETED, pl.country_votes(text, ms),
                    support=pl.country_support(ms))
    assert loc.mention.place.name == "Tangail"


def test_an_actors_base_is_no_place():
    assert where("Tourists were killed allegedly by a Pakistan based militant outfit.", "killed") is None
    assert where("Tourists were killed in Lahore by a Pakistan-based outfit.", "killed") == ("Lahore", 1)


def test_a_possessor_holds_what_it_possesses():
    # "Jammu" (here a city) possesses the district: the district is the place
    assert where("Two militants were killed in a firefight in Jammu's Kupwara district.", "firefight")[0] == \
        "Kupwara"


def test_a_state_of_the_place_and_a_force_named_after_a_province():
    # "insurgency-hit" describes the district; "Balochistan Levies" is a force, not the place
    assert where("Maoists killed two villagers in Pakistan's insurgency-hit Panjgur district.", "killed") == \
        ("Panjgur", 2)
    assert where("A firing by Balochistan Levies personnel in Quetta wounded a woman.", "firing") == ("Quetta", 1)
    assert where("Farmers protested in front of the Lahore Press Club.", "protested", pl.LOCATIVE) == ("Lahore", 1)


def test_a_town_s_people_acting_place_them_there_rather_than_a_whole_country():
    assert where("Wote residents protested over the inability of police to tackle crime in Kenya.", "protested",
                 pl.LOCATIVE) == ("Wote", 2)
    assert where("Residents protested over the inability of police to tackle crime in Kenya.", "protested",
                 pl.LOCATIVE) == ("Kenya", 3)


def test_a_list_with_an_unknown_name_is_still_a_locative_phrase():
    assert where("Police torched houses in Kisiriri and Wote.", "torched", pl.LOCATIVE, rule="located") == ("Wote", 1)


def test_the_capital_is_the_capital_of_the_country_the_text_is_about():
    from explorer.core.text.sentences import sentence_spans

    def capitals(text):
        ms = mentions_for(Article("t", "t", text), text)
        out = pl.capital_mentions(text, "t", ms, sentence_spans(text),
                                  lambda cc: {"PK": GAZ["Islamabad"], "IR": GAZ["Tehran"]}.get(cc))
        return [(m.surface, m.place.name) for m in out]

    assert capitals("Buses were torched in the capital. Quetta and Lahore were calm.") == [("capital", "Islamabad")]
    assert capitals("Buses were torched in the capital of Pakistan.") == []  # the name it gives decides
    assert capitals("Buses were torched in the capital. Quetta and Zahedan were calm.") == []  # a tie: no country
    assert capitals("Buses were torched in the capital by BNP activists.") == []  # no capital known for BD here
    assert capitals("Buses were torched in the capital. Lahore was calm, the IRGC said.") == []  # PK 1, IR 1


def test_a_country_heading_an_organisation_s_name_is_an_actor():
    assert where("In Quetta, workers in the All Pakistan Wapda Hydro Electrical Union went on strike.", "strike",
                 pl.LOCATIVE) == ("Quetta", 1)


def test_a_foreign_hamlet_beside_a_province_is_a_misreading():
    from explorer.core.models import Mention, Place

    def m(pid, name, kind, cc, lat, lon, pop):
        return Mention("t", 0, len(name), name, Place(pid, name, kind, lat, lon, cc, pop, None), 1.0, 0, 60)

    province = m("ne1:IN-UT", "Uttarakhand", "admin1", "IN", 30.1, 79.2, 10_000_000)
    hamlet = m("gn:1", "Jal", "city", "US", 32.1, -103.2, 2_000)  # "the Uttarakhand Jal Nigam"
    town = m("gn:2", "Chicago", "city", "US", 41.9, -87.6, 2_700_000)
    district = m("gn2:3", "Waziristan", "admin2", "PK", 32.3, 69.8, 2_000)
    assert pl.lone_foreign(hamlet, pl.country_support([province, hamlet]))
    # one province outweighs a hamlet only: not a town, nor a district, nor itself
    assert not pl.lone_foreign(town, pl.country_support([province, town]))
    assert not pl.lone_foreign(district, pl.country_support([m("country:US", "US", "country", "US", 39.0, -98.0,
                                                                 330_000_000), district]))
    assert not pl.lone_foreign(province, pl.country_support([province, hamlet]))


def test_a_fronted_locative_is_the_scene_of_its_sentence():
    # the protest is in Quetta; Iran is where its grievance happened
    assert where("In Quetta, traders protested against the killing of drivers in Iran.", "protested") == \
        ("Quetta", 1)
    # without it, the only locative phrase places the report
    assert where("Traders protested against the killing of drivers in Iran.", "protested") == ("Iran", 3)


def test_a_provinces_own_force_places_its_fight_when_nothing_else_does():
    # "Rakhine" stands for the province here (the test gazetteer); its army fights at home, province-wide
    assert where("Clashes between the Rakhine Army and government troops continued.", "Clashes") == \
        ("Rakhine State", 3)
    # a place of its own wins
    assert where("Clashes between the Rakhine Army and government troops continued in Sittwe.", "Clashes") == \
        ("Sittwe", 1)


def test_where_the_actors_come_from_is_not_where_they_acted():
    assert where("Herders in Isiolo were attacked by raiders coming from a village in Wajir.", "attacked") == \
        ("Isiolo", 1)
    # alone, the origin still places the report (nothing else does)
    assert where("Raiders coming from Wajir attacked herders.", "attacked") == ("Wajir", 1)


def test_the_village_of_an_unknown_name_takes_the_province_in_brackets():
    text = "Raiders (suspected of coming from Masol village in Wajir) attacked the village of Kaakong (Turkana)."
    assert where(text, "attacked") == ("Turkana", 3)
