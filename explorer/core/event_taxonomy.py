"""The event taxonomy: ids, descriptions, ACLED types and trigger patterns.

Documented for users in ``docs/events.md`` (a test keeps the two in step).
Every type maps to exactly one ACLED event type. Trigger patterns are plain
regular expressions (case-insensitive unless written ``(?-i:...)``); the
extractor joins them into one alternation, in the order of :data:`TYPES`,
so that at a given position an earlier type wins ("suicide attack" is a
bombing, not an armed attack; "air raid" is a strike, not a raid).
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

# How an event's place may be found (see events.py):
#   "any":       locative phrases (in/at/near/on/against/targeting...); else the most
#                specific mention of the clause that is not an actor (a country before
#                the trigger, "by X").
#   "acting":    locative phrases (in/at/near...); else the acting country (the nearest
#                country or capital before the trigger) - border closures, diplomatic acts.
#   "located":   only an explicit locative phrase (in/at/near, "to" for visits); the
#                parties of talks or of a ceasefire are not its location.
PLACE_RULES = ("any", "acting", "located")


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    acled_type: str
    description: str
    examples: tuple[str, ...]
    place_rule: str
    one_agent: bool  # actors: the agent nearest before the trigger + named targets (else all named parties)
    pattern: str
    # Lower-case beginnings of every word a trigger of this type can start with: the extractor
    # only tries the pattern where one of them starts a word (a fast pre-filter; tests check it).
    stems: tuple[str, ...] = ()


_W = r"(?:[\w'-]+\s+)"  # one word and the space after it

TYPES: tuple[EventType, ...] = (
    EventType(
        "bombing_or_explosion", "Bombing or explosion", "Explosions/Remote violence",
        "A bomb, IED, suicide attack, grenade or other explosion set off on the spot.",
        ("suicide bombing", "car bomb", "IED", "blast", "explosion"),
        "any", True,
        r"suicide\s+(?:bombings?|attacks?|bombers?|blasts?)|car\s+bombs?|(?:bomb|IED|grenade)\s+"
        r"(?:blasts?|attacks?|explosions?)|explosions?|blasts?|IEDs?|improvised\s+explosive|detonat(?:ed|ion)|landmines?",
        ("suicide", "car", "bomb", "ied", "grenade", "explosion", "blast", "improvised", "detonat", "landmine")
    ),
    EventType(
        "air_or_missile_strike", "Air, missile or drone strike", "Explosions/Remote violence",
        "A strike from a distance: air strikes and air raids, missile, rocket or drone attacks, "
        "bombardment, artillery shelling (ACLED: air/drone strike; shelling/artillery/missile attack).",
        ("airstrikes", "air raids", "missile and drone attack", "missiles targeted", "bombed", "shelling"),
        "any", True,
        r"(?:air|aerial|drone|missile|rocket|artillery|mortar|precision|retaliatory|cross-border|tit-for-tat|targeted|"
        r"military|surgical)[\s-]+(?:strikes|strike(?=\s+(?:on|against|in)\b)|attacks?|raids?|bombardments?|bombings?|barrages?)"
        r"|(?:ballistic\s+)?(?:missile|rocket|drone)s?\s+(?:and|or|&)\s+(?:missile|rocket|drone)s?\s+(?:strikes?|attacks?|barrages?|raids?)"
        r"|air-?strikes?|air\s+strikes?|air-?raids?"
        r"|(?:missile|rocket|drone)s?\s+(?:barrages?|salvos?|exchanges?)"
        r"|(?:missiles?|rockets?|drones?)\s+(?:targeted|struck|hit|slammed\s+into|landed\s+(?:in|on)|rained\s+down\s+on)"
        r"|(?:fired|launched)\s+" + _W + r"{0,3}(?:missiles|rockets|drones)"
        r"|bombard(?:ed|ing|ments?)|bombed|bombings?|shell(?:ed|ing)|artillery\s+fire"
        r"|strikes|struck(?!\s+(?:a|an|by|down|off|out|up)\b)(?!\s+the\s+(?:\w+\s+)?(?:deal|agreement|balance|chord|note|right))"
        r"|strike\s+(?:on|against)\b",
        ("air", "aerial", "drone", "missile", "rocket", "artillery", "mortar", "precision", "retaliatory", "cross-border", "tit-for-tat", "targeted", "military", "surgical", "ballistic", "fired", "launched", "bomb", "shell", "strike", "struck")
    ),
    EventType(
        "armed_clash", "Armed clash", "Battles",
        "Two armed sides fight: clashes, gun battles, exchanges of fire, skirmishes, ambushes, aircraft shot down.",
        ("clashes", "exchange of fire", "skirmishes", "shot down"),
        "any", True,
        r"clash(?:es|ed)?|heavy\s+fighting|firefights?|gun\s?fights?|gun\s+battles?|exchanges?\s+of\s+fire|exchanged\s+fire"
        r"|skirmish(?:es)?|ambush(?:ed|es)?|shot\s+down|downed|downing|fierce\s+fighting|fighting(?=\s+(?:in|near|between|broke|erupted))",
        ("clash", "heavy", "firefight", "gun", "exchange", "skirmish", "ambush", "shot", "down", "fierce", "fighting")
    ),
    EventType(
        "attack_on_civilians", "Attack on civilians", "Violence against civilians",
        "Violence by an armed actor against unarmed people: killings of civilians, massacres, abductions, "
        "assassinations, attacks whose stated target is civilians.",
        ("massacre", "civilians were killed", "abducted", "assassinated"),
        "any", True,
        r"massacre(?:d|s)?|kill(?:ed|ing|ings)\s+(?:of\s+)?" + _W + r"{0,3}(?:civilians|tourists|worshippers|villagers|passengers"
        r"|students|children|women|protesters|journalists|pilgrims|labou?rers)"
        r"|(?:civilians|tourists|worshippers|villagers|passengers|pilgrims|journalists)\s+" + _W + r"{0,2}"
        r"(?:killed|massacred|murdered|abducted|kidnapped|executed|shot\s+dead|gunned\s+down)"
        r"|abduct(?:ed|ion|ions)|kidnapp?(?:ed|ing|ings)|assassinat(?:ed|ion)|lynch(?:ed|ing)|gunned\s+down|shot\s+dead",
        ("massacre", "kill", "civilian", "tourist", "worshipper", "villager", "passenger", "pilgrim", "journalist", "abduct", "kidnap", "assassinat", "lynch", "gunned", "shot")
    ),
    EventType(
        "riot", "Riot", "Riots",
        "Violent crowd action: riots, mob violence, looting, arson by crowds.",
        ("riots", "mob violence", "looting", "torched"),
        "any", True,
        r"riots?|rioting|rioters|mob\s+(?:violence|attack(?:ed|s)?|lynch(?:ed|ing))|looting|looted|vandali[sz](?:ed|ing|m)|torched"
        r"|arson",
        ("riot", "mob", "loot", "vandal", "torched", "arson")
    ),
    EventType(
        "protest", "Protest", "Protests",
        "A demonstration, rally, march, sit-in or strike by workers or citizens, peaceful as far as the text says.",
        ("protest", "demonstrators", "rally", "sit-in", "general strike"),
        "any", False,
        r"protests?|protested|protesters|protestors|demonstrations?|demonstrators?|rall(?:y|ies)(?!\s+(?:support|behind|around))"
        r"|(?-i:march(?:ed|es)?)|sit-ins?|took\s+to\s+the\s+streets|(?:general|shutter-down|wheel-jam|hunger)\s+strikes?"
        r"|went\s+on\s+strike",
        ("protest", "demonstrat", "rall", "march", "sit-in", "took", "general", "shutter", "wheel", "hunger", "went")
    ),
    EventType(
        "airspace_violation", "Airspace violation", "Strategic developments",
        "Aircraft, drones or missiles entering another state's airspace without permission.",
        ("airspace violation", "violated Pakistani airspace", "incursion into airspace"),
        "any", True,
        r"airspace\s+violations?|violat(?:ed|ing|ions?\s+of)\s+(?:[\w-]+(?:'s)?\s+){0,2}airspace"
        r"|(?:entered|intruded\s+into|incursions?\s+into|intrusions?\s+into|penetrated)\s+(?:[\w-]+(?:'s)?\s+){0,2}airspace",
        ("airspace", "violat", "entered", "intruded", "incursion", "intrusion", "penetrated")
    ),
    EventType(
        "armed_attack", "Armed attack or operation", "Battles",
        "An attack, raid, offensive or military operation against an armed or state target, weapon not stated "
        "(\"Israel launched an attack deep inside Iran\"). An attack whose stated target is civilians is "
        "an attack_on_civilians instead.",
        ("attack", "launched an offensive", "raid", "military operation", "responded by targeting"),
        "any", True,
        r"(?:launched|carried\s+out|conducted|mounted)\s+(?:an?\s+|its\s+own\s+|a\s+series\s+of\s+)?" + _W + r"{0,2}"
        r"(?:attacks?|offensive|raids?|assaults?|incursions?)"
        r"|attack(?:s|ed)?|raids?|raided|(?:military|ground)\s+offensive|(?:military|ground|intelligence-based|counter-?terrorism|security)"
        r"\s+operations?|invaded|invasion|incursions?|(?:responded|retaliated)\s+by\s+targeting|assault(?:s|ed)?",
        ("launched", "carried", "conducted", "mounted", "attack", "raid", "military", "ground", "intelligence", "counter", "security", "invad", "invasion", "incursion", "responded", "retaliated", "assault")
    ),
    EventType(
        "arrest", "Arrest", "Strategic developments",
        "People arrested, detained or taken into custody by authorities.",
        ("arrested", "detained", "taken into custody"),
        "any", True,
        r"arrest(?:ed|s)?|detained|apprehended|taken\s+into\s+custody",
        ("arrest", "detained", "apprehended", "taken")
    ),
    EventType(
        "ceasefire_or_agreement", "Ceasefire or agreement", "Strategic developments",
        "A ceasefire, truce or cessation of hostilities; a peace deal or other agreement reached or signed; "
        "normalisation of relations.",
        ("ceasefire", "truce", "cessation of hostilities", "signed an agreement"),
        "located", False,
        r"cease-?fire|truce|cessation\s+of\s+hostilities|armistice|peace\s+(?:deal|agreement|accord|treaty)"
        r"|(?:signed|reached|concluded|inked|struck)\s+(?:an?\s+|the\s+)?" + _W + r"{0,3}(?:agreements?|deals?|accords?|memorand(?:um|a)|MoUs?|treaty|pact)"
        r"|(?:agreement|deal|accord|pact)\s+(?:was\s+|were\s+)?(?:signed|reached|concluded)"
        r"|normali[sz]ation\s+of\s+(?:relations|ties)|normali[sz]ed\s+(?:relations|ties)",
        ("cease", "truce", "cessation", "armistice", "peace", "signed", "reached", "concluded", "inked", "struck", "agreement", "deal", "accord", "pact", "normali")
    ),
    EventType(
        "border_closure", "Border closure", "Strategic developments",
        "A state closes, seals or shuts a border or border crossing.",
        ("closed its border", "closure of the border", "sealed the border"),
        "acting", False,
        r"(?:clos(?:ed|ing|es|e)|seal(?:ed|ing|s)?|shut(?:ting|s)?(?:\s+down)?)\s+(?:off\s+)?(?:(?:its|the|their|all|a)\s+)?"
        + _W + r"{0,2}?(?:borders?|border\s+crossings?|crossings?|border\s+points?)\b"
        r"|(?:closure|sealing|shutdown)\s+of\s+(?:the\s+|its\s+)?" + _W + r"{0,2}?(?:borders?|crossings?)\b"
        r"|borders?\s+(?:crossings?\s+)?(?:was|were|remained|remains)\s+(?:closed|sealed|shut)|border\s+closures?",
        ("clos", "seal", "shut", "border")
    ),
    EventType(
        "diplomatic_action", "Diplomatic action", "Strategic developments",
        "A state acts on its relations: recalls or expels envoys, suspends, severs or restores ties, "
        "accords or treaties, puts a treaty on hold.",
        ("recall of ambassadors", "expelled diplomats", "suspended the accords", "put on hold"),
        "acting", False,
        r"recall(?:ed|s|ing)?\s+(?:of\s+)?(?:its\s+|their\s+|the\s+|both\s+)?(?:[\w-]+\s+)?(?:ambassadors?|envoys?|diplomats?)"
        r"|expell?(?:ed|ing|s)?\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?(?:ambassadors?|envoys?|diplomats?)"
        r"|(?:suspended|severed|downgraded|restored)\s+(?:the\s+|its\s+|their\s+|diplomatic\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:ties|relations|accords?|treaty|talks|trade|flights)\b|put\s+(?:[\w-]+\s+){0,2}on\s+hold"
        r"|resum(?:e|ed)\s+(?:their\s+|his\s+|her\s+)?duties|closed\s+(?:its|the)\s+embassy|imposed\s+(?:\w+\s+)?sanctions",
        ("recall", "expel", "suspended", "severed", "downgraded", "restored", "put", "resum", "closed", "imposed")
    ),
    EventType(
        "meeting_or_talks", "Meeting, visit or talks", "Strategic developments",
        "Officials meet, visit, hold talks or negotiations, a summit or a phone call.",
        ("met with", "meeting", "talks", "visit to", "arrived in", "called on"),
        "located", False,
        r"met(?:\s+with)?\b|meetings?(?!\s+(?:the\s+)?(?:needs|demands|targets|requirements|standards|expectations))"
        r"|talks\b|negotiations?|summit|visit(?:s|ed|ing)?\b|trip\s+to|arrived\s+in"
        r"|called\s+on\b(?![^.;]{0,80}?\bto\s+[a-z])|held\s+" + _W + r"{0,2}(?:talks|discussions|meetings?|consultations)"
        r"|(?:spoke|talked)\s+(?:by\s+(?:tele)?phone\s+)?(?:to|with)\b|(?:tele)?phone\s+(?:call|conversation)",
        ("met", "meeting", "talk", "negotiat", "summit", "visit", "trip", "arrived", "called", "held", "spoke", "tele", "phone")
    ),
    EventType(
        "statement", "Statement", "Strategic developments",
        "An official statement made somewhere the text names: condemnations, warnings, pledges, briefings, "
        "speeches, press conferences. Kept only with an explicit place (\"told reporters in New Delhi\").",
        ("condemned", "warned", "vowed", "told reporters", "media briefing", "press conference"),
        "located", False,
        r"condemn(?:ed|s|ing)?|condemnations?|denounc(?:ed|es)|warned|vow(?:ed|s)|pledged|urg(?:ed|es|ing)"
        r"|called\s+(?:for|upon|on)\b|announced|declared|reiterated|reaffirm(?:ed|s)"
        r"|issued\s+(?:an?\s+)?" + _W + r"{0,2}(?:statements?|condemnations?|warnings?)"
        r"|expressed\s+" + _W + r"{0,2}(?:concern|condolences|solidarity|support)"
        r"|told\s+(?:reporters|journalists|the\s+press|the\s+media|a\s+news\s+conference)"
        r"|press\s+(?:conference|briefing|release)|(?:media|news|weekly)\s+briefing|in\s+a\s+speech|stated|tweeted",
        ("condemn", "denounc", "warned", "vow", "pledged", "urg", "called", "announced", "declared", "reiterated", "reaffirm", "issued", "expressed", "told", "press", "media", "news", "weekly", "in a speech", "stated", "tweeted")
    ),
)

BY_ID: dict[str, EventType] = {t.id: t for t in TYPES}
ACLED_OF: dict[str, str] = {t.id: t.acled_type for t in TYPES}

assert all(t.acled_type in ACLED_TYPES for t in TYPES)
assert all(t.place_rule in PLACE_RULES for t in TYPES)
