"""The event taxonomy: the registry of event types, each with its ACLED type and sub-event type.

Documented for users in ``docs/events.md`` (a test keeps the two in step).

Every fine type maps to exactly one ACLED event type and (where ACLED has
one) one ACLED sub-event type, following ACLED's codebook:

- **Battles**: a violent clash between two armed, organised sides.
- **Explosions/Remote violence**: one side uses weapons at a distance or
  explosives, so the other cannot respond at the moment: air or drone
  strikes, shelling, artillery and missiles, IEDs and landmines, grenades,
  suicide bombs.
- **Violence against civilians**: an organised armed actor (a state force, a
  rebel or militia group, unidentified gunmen) harms unarmed people: attacks,
  abductions, sexual violence.
- **Protests**: a public demonstration in which the participants are not
  violent (police may intervene, or use excessive force).
- **Riots**: violent crowds: a demonstration that turns violent (stones,
  arson, barricades, vandalism), or a mob attacking someone.
- **Strategic developments**: non-violent but important: arrests, looting and
  property destruction, disrupted weapons use (a bomb defused, arms seized),
  agreements, changes to a group or its activity (troop deployments,
  surrenders, curfews), bases established, transfers of territory, and (not
  ACLED's, kept for news on states) meetings, border closures, diplomatic
  actions and airspace violations, under the sub-event type "Other".

What decides the fine type of a report from its trigger and its context
(agents, targets, weapons, the demonstration around it) is the codebook
(:mod:`explorer.core.events.codebook`); the trigger words are in
:mod:`explorer.core.events.triggers`. Per-type behaviour lives in the
fields of :class:`EventType` (its family for merging, which prepositions may
give its place, whether it needs an explicit place), never in branches on
type names.
"""
from __future__ import annotations

from dataclasses import dataclass

ACLED_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

# ACLED's sub-event types, per event type (the codebook's names).
SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

# Where an event's place may come from (see explorer.core.events.place):
#   "target": locative phrases (in/at/near/outside...) and the targets of violence (on/against/targeting X);
#   "located": locative phrases only (in/at/near...): a protest *against* X is not at X;
#   "acting": locative phrases, else the acting state (a border closure, a diplomatic act).
PLACE_RULES = ("target", "located", "acting")


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    acled_type: str
    sub_event_type: str
    description: str
    examples: tuple[str, ...]  # short texts (written for this project) that the extractor types so
    place_rule: str = "target"
    needs_place: bool = False  # kept only with a place the text names (meetings, diplomatic acts)
    # Labels that open a report and name its kind ("Property destruction: ...", as ACLED's notes and
    # some wire reports write them), lower case.
    labels: tuple[str, ...] = ()


def _t(*args, **kw) -> EventType:
    return EventType(*args, **kw)


TYPES: tuple[EventType, ...] = (
    _t("armed_clash", "Armed clash", "Battles", "Armed clash",
       "Two armed, organised sides fight: clashes, gun battles, exchanges of fire, encounters, ambushes and "
       "attacks on soldiers, police or armed groups.",
       ("Soldiers clashed with rebels near Quetta on 3 May 2023.",
        "Gunmen ambushed a police patrol in Quetta on 3 May 2023.")),
    _t("territory_taken", "Territory taken by force", "Battles", "Non-state actor overtakes territory",
       "An armed group or a government takes control of a place by force.",
       ("Rebels seized control of the town of Quetta on 3 May 2023.",)),
    _t("air_strike", "Air or drone strike", "Explosions/Remote violence", "Air/drone strike",
       "Air strikes, air raids, drone strikes, bombing from aircraft or helicopter gunships.",
       ("Jets carried out airstrikes in Quetta on 3 May 2023.",
        "A drone strike killed five militants in Quetta on 3 May 2023.")),
    _t("shelling", "Shelling, artillery or missile attack", "Explosions/Remote violence",
       "Shelling/artillery/missile attack",
       "Shelling, artillery, mortar, rocket and missile fire.",
       ("Troops shelled villages near Quetta on 3 May 2023.",
        "Missiles struck Quetta on 3 May 2023.")),
    _t("explosive_device", "Bomb, IED or landmine", "Explosions/Remote violence", "Remote explosive/landmine/IED",
       "A bomb, improvised explosive device, landmine or other explosion set off on the spot.",
       ("A roadside bomb exploded in Quetta on 3 May 2023.",
        "An IED went off near a school in Quetta on 3 May 2023.")),
    _t("grenade", "Grenade attack", "Explosions/Remote violence", "Grenade",
       "Grenades (and the hand-thrown crude bombs that news often names so) thrown at a target.",
       ("Assailants lobbed a grenade at a shop in Quetta on 3 May 2023.",)),
    _t("suicide_bombing", "Suicide bombing", "Explosions/Remote violence", "Suicide bomb",
       "A suicide bomber or a suicide attack with explosives.",
       ("A suicide bomber blew himself up in Quetta on 3 May 2023.",)),
    _t("attack_on_civilians", "Attack on civilians", "Violence against civilians", "Attack",
       "An organised armed actor (state forces, an armed group, unidentified gunmen) harms unarmed people: "
       "killings, shootings, beatings, arson of homes with people hurt.",
       ("Gunmen shot dead a farmer in Quetta on 3 May 2023.",
        "Police beat and injured two traders in Quetta on 3 May 2023.")),
    _t("abduction", "Abduction or forced disappearance", "Violence against civilians",
       "Abduction/forced disappearance",
       "People abducted, kidnapped or taken hostage by an armed actor.",
       ("Gunmen kidnapped a teacher in Quetta on 3 May 2023.",)),
    _t("sexual_violence", "Sexual violence", "Violence against civilians", "Sexual violence",
       "Rape and other sexual violence by an armed actor.",
       ("Soldiers raped a woman in Quetta on 3 May 2023.",)),
    _t("peaceful_protest", "Peaceful protest", "Protests", "Peaceful protest",
       "A demonstration, rally, march, sit-in, strike or blockade whose participants are not violent.",
       ("Teachers staged a protest in Quetta on 3 May 2023.",
        "Hundreds of students demonstrated in Quetta on 3 May 2023.")),
    _t("protest_with_intervention", "Protest with intervention", "Protests", "Protest with intervention",
       "A peaceful demonstration that the authorities disperse or break up (tear gas, baton charges, arrests).",
       ("Police used tear gas to disperse protesters in Quetta on 3 May 2023.",)),
    _t("excessive_force", "Excessive force against protesters", "Protests", "Excessive force against protesters",
       "Lethal or severe force used against peaceful demonstrators (live fire, killings).",
       ("Police opened fire on protesters in Quetta on 3 May 2023, killing two.",)),
    _t("violent_demonstration", "Violent demonstration", "Riots", "Violent demonstration",
       "A demonstration whose participants turn violent: stones, arson, barricades of burning tyres, "
       "vandalism, clashes with the police.",
       ("Protesters pelted the police with stones in Quetta on 3 May 2023.",
        "Demonstrators burned tyres and blocked roads in Quetta on 3 May 2023.")),
    _t("mob_violence", "Mob violence", "Riots", "Mob violence",
       "A crowd (a mob, villagers, residents, youths, supporters) attacks people or property outside a "
       "demonstration: lynchings, beatings, arson, clashes between crowds.",
       ("A mob lynched a suspected thief in Quetta on 3 May 2023.",
        "Youths torched two houses in Quetta on 3 May 2023.")),
    _t("arrest", "Arrest", "Strategic developments", "Arrests",
       "People arrested, detained or taken into custody by the authorities.",
       ("Police arrested five suspects in Quetta on 3 May 2023.",), "located", labels=("arrest", "arrests")),
    _t("property_destruction", "Looting or property destruction", "Strategic developments",
       "Looting/property destruction",
       "Property looted, burnt, vandalised or destroyed with nobody reported hurt, by an actor that is not a "
       "rioting crowd.",
       ("Unidentified arsonists burned the party offices in Quetta on 3 May 2023.",),
       labels=("property destruction", "looting", "looting/property destruction")),
    _t("weapons_disrupted", "Disrupted weapons use", "Strategic developments", "Disrupted weapons use",
       "A bomb found and defused, explosives or arms seized before use.",
       ("Police defused a bomb planted near a market in Quetta on 3 May 2023.",),
       labels=("disrupted weapons use", "detonation", "weapons seizure", "arms seizure")),
    _t("agreement", "Ceasefire or agreement", "Strategic developments", "Agreement",
       "A ceasefire, truce, peace deal or other agreement reached or signed.",
       ("Iran and Israel reached a ceasefire agreement on 24 June 2025.",), "located"),
    _t("group_change", "Change to group or activity", "Strategic developments", "Change to group/activity",
       "Troops or police deployed, a curfew imposed, fighters surrendering: a change in what an armed actor does.",
       ("The army deployed troops in Quetta on 3 May 2023.",
        "Twenty militants surrendered to police in Quetta on 3 May 2023."), "located",
       labels=("movement of forces", "change to armed group", "change to group/activity", "recruitment",
               "deployment")),
    _t("base_established", "Headquarters or base established", "Strategic developments",
       "Headquarters or base established",
       "An armed actor sets up a camp, base or headquarters.",
       ("Rebels set up a camp near Quetta on 3 May 2023.",), "located",
       labels=("headquarters or base established", "base established")),
    _t("territory_transfer", "Non-violent transfer of territory", "Strategic developments",
       "Non-violent transfer of territory",
       "Control of a place changes hands without fighting (a withdrawal, a handover).",
       ("Troops withdrew from Quetta on 3 May 2023 and handed it over to the police.",), "located"),
    _t("other_development", "Other strategic development", "Strategic developments", "Other",
       "A development the text labels as such that is none of the above: non-violent activity of an armed "
       "group, displacement, land seizure, security measures.",
       ("Security measures: the school of Quetta was closed on 3 May 2023 because of threats.",), "located",
       labels=("non-violent activity", "displacement", "land seizure", "security measures", "other")),
    _t("meeting_or_talks", "Meeting, visit or talks", "Strategic developments", "Other",
       "Officials meet, visit, or hold talks or negotiations (not an ACLED event; kept for news on states).",
       ("The foreign ministers held talks in Islamabad on 3 May 2023.",), "located", True),
    _t("border_closure", "Border closure", "Strategic developments", "Other",
       "A state closes, seals or shuts a border or border crossing.",
       ("Pakistan closed its border with Iran on 14 June 2025.",), "acting"),
    _t("diplomatic_action", "Diplomatic action", "Strategic developments", "Other",
       "A state recalls or expels envoys, suspends, severs or restores ties or treaties.",
       ("Pakistan recalled its ambassador from Tehran on 17 January 2024.",), "acting", True),
    _t("airspace_violation", "Airspace violation", "Strategic developments", "Other",
       "Aircraft, drones or missiles enter another state's airspace without permission.",
       ("Drones violated Pakistani airspace over Panjgur on 16 January 2024.",)),
)

BY_ID: dict[str, EventType] = {t.id: t for t in TYPES}
BY_LABEL: dict[str, str] = {label: t.id for t in TYPES for label in t.labels}
ACLED_OF: dict[str, str] = {t.id: t.acled_type for t in TYPES}

# Families for the ledger and for one happening told in several sentences (merge.family):
# the three violence types, the two demonstration types, else each type alone.
VIOLENCE = frozenset(("Battles", "Explosions/Remote violence", "Violence against civilians"))
DEMONSTRATION = frozenset(("Protests", "Riots"))


def family(type_id: str) -> str:
    """The family of a fine type: "violence", "demonstration", or the type itself."""
    acled = ACLED_OF[type_id]
    if acled in VIOLENCE:
        return "violence"
    if acled in DEMONSTRATION:
        return "demonstration"
    return type_id


assert all(t.acled_type in ACLED_TYPES for t in TYPES)
assert all(t.sub_event_type in SUB_EVENT_TYPES[t.acled_type] for t in TYPES)
assert all(t.place_rule in PLACE_RULES for t in TYPES)
