"""The codebook: which event type a cue reports, by ACLED's definitions rather than the trigger word.

:func:`classify` takes a cue's kind and its :class:`Context` (agent and
target classes from :mod:`explorer.core.events.actors`, and what the
sentence and its scene tell around it) and applies :data:`RULES` in order;
the first rule that answers gives the fine type of the registry
(:mod:`explorer.core.events.taxonomy`). Every rule has a name and a
docstring; the tests cover each.

The definitions that decide (ACLED codebook):

- explosives and remote weapons make Explosions/Remote violence whoever is
  hit;
- violence by a crowd (a mob, protesters, villagers, youths) is a riot:
  a violent demonstration when there is a demonstration, else mob violence;
- force used by the authorities on demonstrators belongs to the
  demonstration (a protest with intervention, excessive force, or the riot);
- violence by an organised armed actor on unarmed people is violence against
  civilians; between two armed sides it is a battle;
- a demonstration is peaceful unless its participants are violent;
- identity groups (herders, clans, communities, an ethnic group) that attack are a communal militia,
  an organised armed side; villagers and farmers who do violence are rioters (a mob), unless the
  sentence tells of firearms or a militia (:func:`effective`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from explorer.core.events.triggers import DEMONSTRATION_KINDS, VIOLENCE_KINDS, WEAPON_KINDS


@dataclass(frozen=True)
class Context:
    """What the codebook knows around one cue."""

    kind: str  # the cue's kind (explorer.core.events.triggers)
    agent: str | None = None  # "state" | "armed" | "crowd" | "civilian" | None
    target: str | None = None  # "armed" | "civilian" | "protesters" | None
    demonstration: bool = False  # a demonstration in the sentence or its scene
    crowd_violence: bool = False  # demonstrators or a crowd are violent in the sentence or its scene
    intervention: bool = False  # the authorities disperse, beat or arrest a crowd in the scene
    harm: bool = False  # people killed, hurt or abducted in the sentence
    lethal: bool = False  # people killed or shot in the sentence
    parties: frozenset = frozenset()  # every actor class named in the clause
    violent_blockade: bool = False  # barricades, burning tyres, roads blocked with boulders
    vehicle_target: bool = False  # the property burnt or smashed is a vehicle (a bus, a truck, cars)
    mob_justice: bool = False  # the victim is a suspected thief, robber or sorcerer (people taking justice)
    communal_target: bool = False  # the target is a people's settlement ("attacked a Fulani camp")
    firearms: bool = False  # the sentence tells of guns, shooting or a militia
    gunfight: bool = False  # the cue is a gunfight, gun battle, exchange of fire, shoot-out or encounter
    cross_border_state: bool = False  # a state named as a country acts on a place of another country
    sides: frozenset = frozenset()  # a clash's two sides' classes (actors.clash_sides)


Rule = Callable[[Context], "str | None"]

_DIRECT = {
    "suicide": "suicide_bombing", "air": "air_strike", "shelling": "shelling", "grenade": "grenade",
    "explosive": "explosive_device", "defuse": "weapons_disrupted", "agreement": "agreement",
    "deploy": "group_change", "surrender": "group_change", "takeover": "territory_taken",
    "withdraw": "territory_transfer", "base": "base_established", "meeting": "meeting_or_talks",
    "border_closure": "border_closure", "diplomatic": "diplomatic_action", "airspace": "airspace_violation",
}


def weapon(c: Context) -> str | None:
    """Explosives and remote weapons (bombs, IEDs, grenades, shelling, air and drone strikes) are
    Explosions/Remote violence, whoever uses them on whom; and the non-violent kinds
    (a bomb defused, an agreement, a deployment ...) have one type each."""
    return _DIRECT.get(c.kind)


def force_on_demonstrators(c: Context) -> str | None:
    """The authorities' force on demonstrators (or on a rowdy, violent crowd) is part of the demonstration:
    a riot when the crowd is violent; else excessive force when people are killed or shot; else a protest
    with intervention. Demonstrators hurt by no one named, at a demonstration, are hurt by that force."""
    if c.kind not in VIOLENCE_KINDS and c.kind not in ("disperse", "arrest"):
        return None
    by_state = c.agent == "state" or c.agent is None and c.target == "protesters"  # "two protesters were shot dead"
    if not by_state or not (c.demonstration or c.crowd_violence) or c.target == "armed":
        return None
    if c.crowd_violence or c.kind == "clash":  # a clash takes two violent sides
        return "violent_demonstration"
    if c.lethal and c.kind in ("kill", "attack", "injure"):
        return "excessive_force"
    return "protest_with_intervention"


def cross_border_strike(c: Context) -> str | None:
    """A state, named as a country and not by its ground forces, attacking or targeting an armed group in
    another country ("Pakistan responded by targeting BLA terrorists in Iran"): no fighting on the ground
    is told, so it is remote violence, a cross-border strike (air/drone strike), not a battle."""
    if c.kind != "attack" or not c.cross_border_state or c.agent not in (None,) or c.target not in ("armed", None):
        return None
    return "air_strike"


def crowd_violence(c: Context) -> str | None:
    """Violence by a crowd (a mob, protesters, villagers, residents, youths, supporters), stones thrown and
    lynchings: a riot; a violent demonstration when it happens in a demonstration, else mob violence. A
    clash whose sides are crowds or civilians (and maybe the police) is a riot: civilians who fight are
    rioters ("Police and voters clashed", "supporters of two aspirants clash"). A gunfight, an exchange of
    fire or an encounter is never a crowd's (armed sides fight it), nor, outside a demonstration, a clash
    fought with the guns its paragraph tells of ("clashed ... wounded by machetes and gunshots")."""
    if c.kind not in VIOLENCE_KINDS:
        return None
    riotous = "crowd" in c.parties and "armed" not in c.parties
    # a clash of crowds (supporters, students, protesters with the police) is a riot; of communities, as
    # ACLED codes them, a battle of their militias
    unarmed_sides = bool(c.sides & {"crowd", "civilian"}) and not c.sides - {"crowd", "civilian", "state"}
    armed_fight = c.kind == "clash" and (c.gunfight or c.firearms and not c.demonstration)
    # demonstrators clashing with the police, though the clause names them only by a pronoun ("They also
    # clashed with the police")
    protest_clash = c.kind == "clash" and c.demonstration and not c.gunfight and "armed" not in c.parties and \
        c.sides <= {"state", "crowd", "civilian"}
    crowd = protest_clash or c.agent == "crowd" or c.kind in ("stone", "lynch") or (
        c.kind == "clash" and not armed_fight and (c.agent in (None, "crowd", "state") and riotous or unarmed_sides)) or (
        c.mob_justice and c.agent in (None, "crowd", "armed") and "armed" not in c.parties
        and c.kind in ("kill", "attack", "arson", "injure"))
    if not crowd or (c.kind == "abduct" and c.agent != "crowd"):
        return None
    return "violent_demonstration" if c.demonstration else "mob_violence"


def abduction(c: Context) -> str | None:
    """People abducted or kidnapped: violence against civilians (abduction/forced disappearance)."""
    return "abduction" if c.kind == "abduct" else None


def sexual_violence(c: Context) -> str | None:
    """Rape and sexual assault: violence against civilians (sexual violence)."""
    return "sexual_violence" if c.kind == "sexual" else None


def property_only(c: Context) -> str | None:
    """Arson, vandalism or looting with nobody reported hurt, by an actor that is not a crowd: a strategic
    development (looting/property destruction); during a demonstration, the demonstration turned violent."""
    if c.kind not in ("arson", "destroy", "loot") or c.harm:
        return None
    if c.demonstration:
        return "violent_demonstration"
    if c.vehicle_target and c.agent in (None, "crowd") and c.kind != "loot":
        return "mob_violence"  # vehicles burnt or smashed by unnamed people: a riot's work
    return "property_destruction"


def armed_sides(c: Context) -> str | None:
    """Two armed sides: an armed or state agent against an armed target, a clash whose named parties are
    armed (or not said), an ambush on anything but civilians: a battle (armed clash). An ambush on a
    bus, a vehicle or villagers is an attack on civilians."""
    if c.kind not in VIOLENCE_KINDS:
        return None
    if c.target == "armed" and c.agent in ("state", "armed", None):
        return "armed_clash"
    if c.kind == "ambush" and c.target != "civilian":
        return "armed_clash"  # an ambush on a patrol, a convoy, or on nobody named: armed sides
    if c.kind == "clash":
        return "armed_clash"  # two sides fighting, neither a rioting crowd (crowds: crowd_violence above)
    if c.target is None and (c.agent == "state" or c.agent is None and c.parties == {"state"}) and \
            c.kind == "attack" and not c.harm and "civilian" not in c.parties:
        # "security forces raided", "troops attacked", "forces launched an offensive": an operation against
        # armed men (not when the clause names civilians: "police stormed the compound ... at worshippers")
        return "armed_clash"
    return None


def armed_on_civilians(c: Context) -> str | None:
    """Harm done by anyone but a crowd to people who are not armed (or to no named target): violence
    against civilians (attack)."""
    if c.kind not in VIOLENCE_KINDS:
        return None
    if c.target == "armed" or (c.target is None and "armed" in c.parties and c.agent not in ("armed",)
                               and "civilian" not in c.parties):
        return "armed_clash"
    return "attack_on_civilians"


def demonstration(c: Context) -> str | None:
    """A demonstration (protest, rally, march, strike, sit-in, blockade): a riot when its participants are
    violent (stones, arson, vandalism, barricades, clashes), excessive force when the authorities kill or
    shoot, a protest with intervention when they disperse or arrest, else a peaceful protest. The words
    riot and mob make a riot."""
    if c.kind not in DEMONSTRATION_KINDS:
        return None
    if c.kind == "riot":
        return "violent_demonstration" if c.demonstration else "mob_violence"
    if c.crowd_violence or (c.kind == "blockade" and c.violent_blockade):
        return "violent_demonstration"
    if c.intervention and c.lethal:
        return "excessive_force"
    if c.intervention:
        return "protest_with_intervention"
    return "peaceful_protest"


def arrest(c: Context) -> str | None:
    """People arrested or detained: a strategic development (arrests); at a demonstration, the
    authorities' intervention in it."""
    if c.kind != "arrest":
        return None
    return "protest_with_intervention" if c.demonstration else "arrest"


RULES: tuple[tuple[str, Rule], ...] = (
    ("weapon", weapon),
    ("force_on_demonstrators", force_on_demonstrators),
    ("cross_border_strike", cross_border_strike),
    ("crowd_violence", crowd_violence),
    ("abduction", abduction),
    ("sexual_violence", sexual_violence),
    ("property_only", property_only),
    ("armed_sides", armed_sides),
    ("armed_on_civilians", armed_on_civilians),
    ("demonstration", demonstration),
    ("arrest", arrest),
)


def effective(c: Context) -> Context:
    """Communities as ACLED codes them: identity groups (herders, clans, hunters, communities, an ethnic
    group) that attack are a communal militia (the class "armed"); villagers and farmers doing violence
    are rioters (the class "crowd") unless the sentence tells of firearms or a militia, or they attack a
    people's settlement ("villagers attacked a Fulani camp": a communal militia's attack on civilians)."""
    cls = {"communal": "armed", "village": "armed" if c.firearms or c.communal_target else "crowd"}
    if c.communal_target and c.agent == "crowd" and c.kind in ("attack", "arson", "destroy", "kill", "injure"):
        cls["crowd"] = "armed"  # youths or residents raiding a people's camp act as its rivals' militia
    agent = cls.get(c.agent, c.agent)
    parties = frozenset(cls.get(p, p) for p in c.parties)
    if agent == c.agent and parties == c.parties:
        return c
    from dataclasses import replace

    return replace(c, agent=agent, parties=parties)


def classify(c: Context) -> tuple[str | None, str | None]:
    """(fine type, the rule that decided) for a cue in its context; (None, None) for context-only cues."""
    c = effective(c)
    for name, rule in RULES:
        t = rule(c)
        if t is not None:
            return t, name
    return None, None


def is_weapon(kind: str) -> bool:
    return kind in WEAPON_KINDS
