"""Not events: each named rule drops what it should and keeps what it should not touch."""
import pytest

from explorer.core.events import filters as flt
from explorer.core.events.triggers import find_cues


def dropped(text, word):
    cue = next(c for c in find_cues(text) if c.text.lower().startswith(word))
    return flt.dropped_by(text, cue, 0, len(text))


@pytest.mark.parametrize("text, word", [
    ("An earthquake struck the region, killing 12 people.", "killing"),
    ("A flood swept the valley and killed five villagers.", "killed"),
    ("A gas cylinder explosion injured three people.", "explosion"),
    ("A fire broke out in the market and destroyed forty shops.", "destroyed"),
    ("Five people were killed in a road accident near the town.", "killed"),
    ("A bus collided with a truck, killing nine passengers.", "killing"),
    ("Residents protested over the road, which was damaged by heavy rain.", "damaged"),
])
def test_hazards(text, word):
    assert dropped(text, word) == "hazard"


def test_a_bomb_in_an_accident_sentence_is_still_a_bomb():
    assert dropped("The train derailed after a bomb planted on the track exploded.", "bomb") is None


@pytest.mark.parametrize("text, word", [
    ("Pakistan strongly condemns the Israeli attacks on Iran.", "attacks"),
    ("The residents protested against the arrest of their leader.", "arrest"),
    ("Relatives demanded justice for the killing of the trader.", "killing"),
    ("Residents were up in arms over the killing of a trader.", "killing"),
])
def test_condemnations_and_grievances(text, word):
    assert dropped(text, word) == "condemnation_or_grievance"


def test_over_and_against_alone_make_no_grievance():
    assert dropped("Police were injured when their vehicle ran over a homemade bomb.", "homemade bomb") is None
    assert dropped("Over the weekend, gunmen killed two farmers.", "killed") is None


def test_a_protest_against_something_is_itself_an_event():
    assert dropped("Traders protested against the new tax.", "protested") is None


@pytest.mark.parametrize("text, word", [
    ("The group threatened to attack the convoy.", "attack"),
    ("Officials fear clashes could erupt.", "clashes"),
    ("If they attack the town, the army will respond.", "attack"),
    ("The army denied any clashes in the area.", "clashes"),
    ("No clashes were reported.", "clashes"),
    ("Protesters engaged the police. No reports of protester violence or injuries.", "injuries"),
    ("The militants planned to bomb the bridge.", "bomb"),
    ("Police said any protest would be dispersed.", "protest"),
    ("Protests will be held in the capital next week.", "protests"),
])
def test_threats_plans_denials_negations(text, word):
    assert dropped(text, word) == "modality_or_negation"


def test_may_the_month_is_no_modal():
    assert dropped("In May rebels attacked the camp.", "attacked") is None


def test_habitual_and_background():
    assert dropped("Clashes happen regularly over grazing land.", "clashes") == "habitual"
    assert dropped("Police arrested ten men after an earlier clash with the gang.", "clash") == "background_reference"


def test_modifier_use_and_showing():
    assert dropped("Riot police patrolled the streets.", "riot") == "modifier_use"
    assert dropped("The talks demonstrated the will of both sides.", "demonstrat") == "demonstrate_as_show"
    assert dropped("Students demonstrated outside the office.", "demonstrat") is None


def test_coder_remark_coded_elsewhere():
    assert dropped("The two had been kidnapped in April (coded separately).", "kidnapped") == "coded_elsewhere"


def test_their_deaths_and_persuasion_are_no_new_reports():
    assert dropped("Their deaths shocked the town.", "deaths") == "background_reference"
    assert dropped("They persuaded the army to destroy the depot.", "destroy") == "modality_or_negation"


@pytest.mark.parametrize("text, word", [
    ("Around the same time it had toyed the idea with India to destroy Pakistan's nuclear capacities.", "destroy"),
    ("Israel attempted to destroy Iran's command structure in one swift blow.", "destroy"),
    ("The government sent troops to attack the rebel camp.", "attack"),
])
def test_intentions_are_no_events(text, word):
    assert dropped(text, word) == "intention"


@pytest.mark.parametrize("text, word", [
    ("Youths tried to attack the MP at a funeral.", "attack"),  # a crowd's attempt: ACLED codes the mob
    ("The gunmen managed to kill two guards.", "kill"),
    ("Hundreds gathered to protest against the tax.", "protest"),
    ("Two militants were killed due to air strikes by the air force.", "air strikes"),
    ("A mob beat the man to death.", "death"),
])
def test_what_an_infinitive_rule_leaves_alone(text, word):
    assert dropped(text, word) is None


@pytest.mark.parametrize("text, word", [
    ("Diplomats were indirectly supporting ceasefire discussions.", "ceasefire"),
    ("It placed both states in a difficult position regarding a ceasefire in Gaza.", "ceasefire"),
    ("The talks focused on a truce between the parties.", "truce"),
])
def test_talk_of_a_ceasefire_is_no_agreement(text, word):
    assert dropped(text, word) == "agreement_talk"


def test_a_ceasefire_reached_is_an_agreement():
    assert dropped("Iran and Israel reached a ceasefire on Tuesday.", "ceasefire") is None
    assert dropped("The ceasefire took effect at dawn.", "ceasefire") is None


def test_condolences_over_lives_lost_in_attacks():
    text = ("Expressing heartfelt condolences to President Pezeshkian over the loss of precious lives in the "
            "attacks, Sharif recalled Pakistan's support.")
    assert dropped(text, "attacks") == "condemnation_or_grievance"


def test_a_purpose_is_no_event():
    assert dropped("The strikes were carried out with the stated aim of targeting hideouts of insurgents.",
                   "targeting") == "modality_or_negation"


def test_a_weapon_named_by_the_trigger_is_no_hazard():
    assert dropped("Five civilians were killed as a vehicle collided with a landmine.", "landmine") is None
    assert dropped("A bus collided with a truck, killing nine passengers.", "killing") == "hazard"


def test_an_accusation_ends_at_the_main_verb():
    assert dropped("Two men accused of witchcraft were killed by villagers.", "killed") is None
    assert dropped("The farmer is accused of killing the official.", "killing") == "condemnation_or_grievance"


def test_involved_in_a_new_happening_or_the_one_told_before():
    assert dropped("An armed group was involved in a shootout with truckers, leaving two dead.", "shootout") is None
    assert dropped("Ten men involved in the attack were arrested.", "attack") == "condemnation_or_grievance"


def test_a_remark_in_brackets_is_no_modal():
    assert dropped("Unknown gunmen [possible farmers] assassinated a herder.", "assassinated") is None
    assert dropped("Gunmen possibly linked to the group could attack the camp.", "attack") == "modality_or_negation"


def test_a_crowd_that_gathered_to_act_acted():
    assert dropped("Angry villagers gathered to set fire to his house.", "set fire") is None
    assert dropped("Israel attempted to destroy the command structure.", "destroy") == "intention"


@pytest.mark.parametrize("text, word", [
    ("Clashes between the two parties have been reported in the past week.", "clashes"),
    ("A group protests poor security following a spate of attacks.", "protests"),
    ("Students took out a procession on Monday protesting against the act in force since 2000.", "procession"),
])
def test_what_is_not_habitual(text, word):
    assert dropped(text, word) is None


def test_habitual_still_drops_generic_talk():
    assert dropped("Clashes have happened in the past over grazing land.", "clashes") == "habitual"
    assert dropped("A spate of attacks has hit the county.", "attacks") == "habitual"
    assert dropped("Angered at the growing instances of abductions, a crowd rallied.", "abductions") == "habitual"


@pytest.mark.parametrize("text, word", [
    ("Five more crude bombs went off at the market at 7:15pm.", "crude bombs"),
    ("Two other cocktails were blasted on the road at 2:15pm (09/02).", "cocktails"),
    ("Another blogger was hacked to death on Monday morning.", "hacked to death"),
    ("A 13-year-old girl was beaten to death by six youths.", "beaten to death"),
    ("A 13 year old girl killed after fire across the border.", "killed"),
])
def test_a_reference_that_tells_its_own_time_or_an_age_is_a_report(text, word):
    assert dropped(text, word) is None


def test_an_undated_reference_stays_background():
    assert dropped("Police arrested ten men after another attack on the market.", "attack") == "background_reference"
    assert dropped("The families mourned their deaths on Monday.", "deaths") in ("background_reference",
                                                                                 "condemnation_or_grievance")


def test_a_death_protested_against_is_a_grievance():
    assert dropped("Hundreds demonstrated in Tehran against the death of a woman in custody.", "death") == \
        "condemnation_or_grievance"
    assert dropped("Hundreds demonstrated in Tehran against the death of a woman in custody.",
                   "demonstrated") is None


@pytest.mark.parametrize("text, lo, hi", [
    ("A FLASH FLOOD swept the village; gunmen attacked", 0, 31),
    ("the earthquakes struck", 5, 22),  # "earthquakes" cut at lo: no word boundary there
    ("Heavy rains in Şırnak", 0, 21),  # not ASCII: the plain search
    ("Attacks have happened Regularly since 1990s", 0, 44),
])
def test_the_ascii_twins_find_what_the_patterns_find(text, lo, hi):
    for rx in (flt._HAZARD, flt._HABITUAL, flt._CONDEMN, flt._BACKGROUND):
        assert flt._found(rx, flt._ascii_twin(rx), text, lo, hi) == (rx.search(text, lo, hi) is not None)


def test_feared_dead_is_a_toll_not_a_fear():
    assert dropped("Herders are feared dead as they engaged each other in a deadly gun battle.", "gun battle") is None
    assert dropped("Residents fear clashes over the land.", "clashes") == "modality_or_negation"
