"""The codebook: each rule types by ACLED's definitions, not by the trigger word."""
import pytest

from explorer.core.events.codebook import Context, classify


@pytest.mark.parametrize("ctx, want", [
    (Context("explosive", agent="crowd"), ("explosive_device", "weapon")),
    (Context("air"), ("air_strike", "weapon")),
    (Context("defuse"), ("weapons_disrupted", "weapon")),
    (Context("kill", agent="state", target="protesters", demonstration=True, lethal=True),
     ("excessive_force", "force_on_demonstrators")),
    (Context("attack", agent="state", demonstration=True, crowd_violence=True),
     ("violent_demonstration", "force_on_demonstrators")),
    (Context("attack", agent="crowd", target="civilian"), ("mob_violence", "crowd_violence")),
    (Context("lynch"), ("mob_violence", "crowd_violence")),
    (Context("stone", demonstration=True), ("violent_demonstration", "crowd_violence")),
    (Context("clash", parties=frozenset({"crowd", "state"})), ("mob_violence", "crowd_violence")),
    (Context("abduct", agent="armed"), ("abduction", "abduction")),
    (Context("sexual", agent="state"), ("sexual_violence", "sexual_violence")),
    (Context("arson", agent="armed", target="civilian"), ("property_destruction", "property_only")),
    (Context("arson", vehicle_target=True), ("mob_violence", "property_only")),
    (Context("attack", agent="armed", target="armed"), ("armed_clash", "armed_sides")),
    (Context("clash", parties=frozenset({"armed", "state"})), ("armed_clash", "armed_sides")),
    (Context("kill", agent="armed", target="civilian", harm=True), ("attack_on_civilians", "armed_on_civilians")),
    (Context("protest"), ("peaceful_protest", "demonstration")),
    (Context("protest", intervention=True), ("protest_with_intervention", "demonstration")),
    (Context("protest", crowd_violence=True), ("violent_demonstration", "demonstration")),
    (Context("blockade", violent_blockade=True), ("violent_demonstration", "demonstration")),
    (Context("riot"), ("mob_violence", "demonstration")),
    (Context("arrest"), ("arrest", "arrest")),
    (Context("arrest", demonstration=True), ("protest_with_intervention", "arrest")),
])
def test_rules(ctx, want):
    assert classify(ctx) == want


def test_context_only_cues_are_no_events():
    assert classify(Context("disperse")) == (None, None)


def test_mob_justice_is_mob_violence():
    assert classify(Context("kill", agent="armed", target="civilian", mob_justice=True, harm=True)) == \
        ("mob_violence", "crowd_violence")
    # but not when an armed group is named among the parties
    assert classify(Context("kill", agent="armed", target="civilian", mob_justice=True, harm=True,
                            parties=frozenset({"armed"})))[0] == "attack_on_civilians"


def test_a_clash_of_communities_is_a_battle_of_a_crowd_a_riot():
    assert classify(Context("clash", parties=frozenset({"communal"})))[0] == "armed_clash"
    assert classify(Context("clash", parties=frozenset({"crowd"})))[0] == "mob_violence"


def test_villagers_and_farmers_riot_unless_armed():
    # a group of farmers beating a herder is a mob; with guns they are a communal militia
    assert classify(Context("attack", agent="village", target="civilian"))[0] == "mob_violence"
    assert classify(Context("kill", agent="village", target="civilian", firearms=True, harm=True))[0] == \
        "attack_on_civilians"
    assert classify(Context("clash", parties=frozenset({"village"})))[0] == "mob_violence"
    assert classify(Context("clash", parties=frozenset({"village"}), firearms=True))[0] == "armed_clash"
    # identity groups (herders, clans, communities) attacking are a communal militia with or without guns
    assert classify(Context("attack", agent="communal", target="civilian"))[0] == "attack_on_civilians"


def test_a_gunfight_is_never_a_crowds():
    assert classify(Context("clash", parties=frozenset({"crowd", "state"}), gunfight=True))[0] == "armed_clash"


def test_force_on_a_rowdy_crowd_belongs_to_the_riot():
    assert classify(Context("attack", agent="state", crowd_violence=True)) == \
        ("violent_demonstration", "force_on_demonstrators")


def test_an_ambush_on_civilians_is_an_attack_on_a_patrol_a_battle():
    assert classify(Context("ambush", agent="armed", target="civilian"))[0] == "attack_on_civilians"
    assert classify(Context("ambush", agent="armed", target="armed"))[0] == "armed_clash"
    assert classify(Context("ambush", agent="armed"))[0] == "armed_clash"


def test_a_state_targeting_armed_men_across_its_border_is_a_strike():
    assert classify(Context("attack", target="armed", cross_border_state=True)) == \
        ("air_strike", "cross_border_strike")
    # its forces on the ground named: a battle
    assert classify(Context("attack", agent="state", target="armed", cross_border_state=True))[0] == "armed_clash"


def test_a_clash_of_civilians_or_crowds_is_a_riot():
    assert classify(Context("clash", agent="civilian", sides=frozenset({"civilian", "crowd"})))[0] == "mob_violence"
    assert classify(Context("clash", sides=frozenset({"state", "civilian"})))[0] == "mob_violence"
    assert classify(Context("clash", sides=frozenset({"armed", "civilian"})))[0] == "armed_clash"
    assert classify(Context("clash", sides=frozenset({"state", "civilian"}), gunfight=True))[0] == "armed_clash"


def test_a_clash_fought_with_guns_is_a_battle_outside_a_demonstration():
    crowds = frozenset({"crowd"})
    assert classify(Context("clash", sides=crowds, parties=crowds))[0] == "mob_violence"
    assert classify(Context("clash", sides=crowds, parties=crowds, firearms=True))[0] == "armed_clash"
    assert classify(Context("clash", sides=crowds, parties=crowds, firearms=True,
                            demonstration=True))[0] == "violent_demonstration"


def test_an_operation_by_forces_no_one_is_hurt_in_is_a_battle_unless_civilians_are_named():
    state = frozenset({"state"})
    assert classify(Context("attack", parties=state))[0] == "armed_clash"
    assert classify(Context("attack", agent="state", parties=frozenset({"state", "civilian"})))[0] == \
        "attack_on_civilians"


def test_demonstrators_hurt_by_no_one_named_are_hurt_by_the_authorities_force():
    assert classify(Context("kill", target="protesters", demonstration=True, lethal=True))[0] == "excessive_force"
    assert classify(Context("kill", target="protesters", crowd_violence=True, lethal=True))[0] == \
        "violent_demonstration"
    assert classify(Context("kill", target="civilian", demonstration=True, lethal=True))[0] != "excessive_force"


def test_demonstrators_clashing_with_police_named_by_a_pronoun_riot():
    assert classify(Context("clash", demonstration=True, sides=frozenset({"state"}),
                            parties=frozenset({"state"})))[0] == "violent_demonstration"
    assert classify(Context("clash", sides=frozenset({"state"}), parties=frozenset({"state"})))[0] == "armed_clash"


def test_a_crowd_raiding_a_people_s_settlement_is_a_communal_militia():
    crowd = frozenset({"crowd"})
    assert classify(Context("attack", agent="crowd", parties=crowd))[0] == "mob_violence"
    assert classify(Context("attack", agent="crowd", parties=crowd, communal_target=True))[0] == \
        "attack_on_civilians"
