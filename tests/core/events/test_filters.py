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
    ("The militants planned to bomb the bridge.", "bomb"),
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
