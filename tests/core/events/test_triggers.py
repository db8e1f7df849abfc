"""Trigger cues: kinds, and the fast stem pre-filter agreeing with the plain expression."""
import pytest

from explorer.core.events import triggers as tr


@pytest.mark.parametrize("text, kind", [
    ("a suicide bomber struck", "suicide"),
    ("jets carried out airstrikes", "air"),
    ("a drone strike hit", "air"),
    ("troops shelled the village", "shelling"),
    ("assailants lobbed a hand grenade", "grenade"),
    ("a roadside bomb exploded", "explosive"),
    ("an IED went off", "explosive"),
    ("police defused a bomb", "defuse"),
    ("gunmen kidnapped a trader", "abduct"),
    ("soldiers clashed with rebels", "clash"),
    ("militants were killed", "kill"),
    ("gunmen attacked a bus", "attack"),
    ("protesters pelted stones", "stone"),
    ("youths torched a bus", "arson"),
    ("the crowd vandalised shops", "destroy"),
    ("teachers staged a protest", "protest"),
    ("rioters blocked the road", "riot"),
    ("farmers blocked the highway", "blockade"),
    ("police used tear gas", "disperse"),
    ("police arrested five people", "arrest"),
    ("both sides agreed to a ceasefire", "agreement"),
    ("the army deployed troops", "deploy"),
    ("Pakistan closed its border with Iran", "border_closure"),
    ("militants were hit by arial strikes", "air"),
    ("jets killed five men with aerial fire", "air"),
    ("a drone fired two missiles at a compound", "air"),
    ("gunmen ambushed a bus", "ambush"),
])
def test_cue_kinds(text, kind):
    assert kind in [c.kind for c in tr.find_cues(text)]


def test_march_the_month_is_no_march():
    assert [c.kind for c in tr.find_cues("On 3 March, talks resumed.")] == []
    assert [c.kind for c in tr.find_cues("Students march to the office.")] == ["protest"]


def test_grenades_of_the_police_are_not_grenade_attacks():
    assert "grenade" not in [c.kind for c in tr.find_cues("Police fired stun grenades at the crowd.")]


@pytest.mark.parametrize("text", [
    "On 5 May, gunmen attacked a police post and killed two; protesters torched tyres, teargas was used.",
    "The Recent Flare-Up: Airstrikes and Retaliation. Bomb blasts, a Molotov cocktail, sit-ins and hartals.",
    "İstanbul police detained 20 people after a bombing.",  # a letter that changes length in lower case
    "Troops SHELLED the town; rebels Stormed a post and KILLED two in Idlıb.",
])
def test_stem_prefilter_agrees_with_the_plain_expression(text):
    assert tr.find_cues(text) == tr.find_cues_plain(text)


@pytest.mark.parametrize("text, kind", [
    ("The strike by bus owners entered its second day.", "protest"),
    ("Women took the street to ask for the release of the leader.", "protest"),
    ("Militants blew it up again for a second time.", "explosive"),
    ("Rebels seized the town of Bunia.", "takeover"),
])
def test_cues_for_strikes_streets_and_blowing_up(text, kind):
    assert kind in {c.kind for c in tr.find_cues(text)}


def test_the_first_character_dispatch_agrees_with_the_plain_expression_on_the_seeds():
    from explorer import resources

    for path in resources.seed_paths():
        text = path.read_text(encoding="utf-8")
        assert tr.find_cues(text) == tr.find_cues_plain(text)


def test_every_kind_may_start_with_its_own_first_letters():
    # the dispatch table: "protest" is tried at a word starting with "d" (demonstrators), never at one with "k"
    assert "protest" in tr._KINDS_BY_FIRST["d"] and "protest" not in tr._KINDS_BY_FIRST["k"]
    assert tr._KINDS_BY_FIRST["k"] == ("abduct", "kill")


def test_a_cue_is_a_whole_word():
    kinds = {c.text.lower(): c.kind for c in tr.find_cues("The attackers and raiders fled; the bombing attacks went on.")}
    assert "attack" not in kinds and "raid" not in kinds
    assert kinds.get("bombing attacks") == "explosive"
    assert {c.kind for c in tr.find_cues("The minister met with General Munir.")} == {"meeting"}


@pytest.mark.parametrize("text, kind", [
    ("Armed herders shoot and injure a police officer.", "attack"),
    ("Police shoot dead a construction worker.", "kill"),
    ("Residents torch 14 trucks.", "arson"),
    ("Youths burn houses in the village.", "arson"),
    ("A man stabs his neighbour.", "attack"),
])
def test_notes_in_the_present_tense(text, kind):
    assert kind in {c.kind for c in tr.find_cues(text)}


def test_torches_carried_are_no_arson():
    assert "arson" not in {c.kind for c in tr.find_cues("Protesters carrying torches marched.")}


def test_battling_armed_men_is_a_clash_battling_poverty_is_not():
    assert {c.kind for c in tr.find_cues("Troops continued battling against Kokang rebels.")} == {"clash"}
    assert tr.find_cues("He is battling against poverty.") == []
    assert {c.kind for c in tr.find_cues("A drone had entered Pakistan's air space.")} == {"airspace"}


@pytest.mark.parametrize("text", [
    "Militants were killed due to airal strikes by the air force.",
    "The MPA escaped an attack of rockets in Kharan.",
    "The group attacked the camp firing some 20 rocket launchers.",
    "A villager was killed when a shell fired by the army fell on his house.",
])
def test_remote_weapons_as_coders_write_them(text):
    assert {c.kind for c in tr.find_cues(text)} & {"air", "shelling"}


def test_confrontations_are_clashes():
    assert {c.kind for c in tr.find_cues("Protests resulted in several fierce police-agitators confrontations.")} \
        == {"protest", "clash"}
    assert "clash" not in {c.kind for c in tr.find_cues("He avoided a confrontation with his boss.")}
    assert {c.kind for c in tr.find_cues("A fist fight broke out in Saclo.")} == {"clash"}
