"""Not events: the named rules that drop a trigger that does not report something happening.

Each rule is a function ``rule(text, cue, clause_start, clause_end) -> bool``
(True: drop the cue), registered in :data:`RULES` with its name; the
extractor applies them in order and tests cover each one. Texts are the
cleaned article text; the clause is the stretch of the sentence the cue is in.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from explorer.core.events.actors import ASIDE
from explorer.core.events.triggers import DEMONSTRATION_KINDS, Cue


def _ascii_twin(rx: re.Pattern) -> re.Pattern:
    """``rx`` (case-insensitive, its letters in lower case, no case-sensitive part) without the flag: on
    ASCII text in lower case it finds what ``rx`` finds in the text, several times faster (``re`` tries
    case-insensitive alternatives one by one). See :func:`_found`."""
    if not rx.flags & re.IGNORECASE or rx.pattern != rx.pattern.lower() or "(?-i" in rx.pattern:
        raise ValueError(f"no ASCII twin for {rx.pattern[:40]!r}")
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


def _found(rx: re.Pattern, twin: re.Pattern, text: str, lo: int, hi: int) -> bool:
    """``rx.search(text, lo, hi)`` found something (``rx`` looks back one character at most, as ``\\b``
    does): by its :func:`_ascii_twin` where that stretch is ASCII, as it nearly always is."""
    a = max(lo - 1, 0)  # the character before lo, for a \b at lo
    part = text[a:hi]
    if part.isascii():
        return twin.search(part.lower(), lo - a) is not None
    return rx.search(text, lo, hi) is not None


_HAZARD = re.compile(
    r"\b(?:earthquakes?|quakes?|tremors?|aftershocks?|floods?|flooding|flash\s+floods?|landslides?|mudslides?"
    r"|cyclones?|typhoons?|hurricanes?|storms?|tornado(?:es)?|tsunamis?|droughts?|avalanches?|lightning"
    r"|heat\s?waves?|wildfires?|forest\s+fires?|bush\s?fires?|(?:fire|blaze)\s+(?:broke\s+out|erupted|gutted|engulfed)"
    r"|caught\s+fire|short[\s-]circuit|gas\s+(?:cylinders?|leaks?|tanks?)|cylinders?\s+(?:blasts?|explo\w+|burst)"
    r"|boilers?|transformers?|pipelines?\s+(?:burst|explo\w+)|(?:road|traffic|train|rail|plane|air|bus|car|boat|"
    r"mining|industrial)\s+(?:accidents?|crash(?:es)?|collisions?)|accident(?:ally|s)?|collid(?:ed|ing)|collisions?"
    r"|crash(?:ed|es)?\s+into|capsiz(?:ed|ing)|drown(?:ed|ing)|electrocut(?:ed|ion)|stampedes?|collaps(?:ed|e)"
    r"|volcan(?:o|ic)\s+(?:eruption|erupted)|eruption|epidemic|outbreak|cholera|disease|(?:heavy\s+)?rains?|rainfall|hit\s+by\s+a\s+(?:vehicle|"
    r"car|truck|bus)|knocked\s+down|run\s+over)\b", re.I)
_HAZARD_ASCII = _ascii_twin(_HAZARD)
_DELIBERATE = re.compile(
    r"\b(?:bombs?|IEDs?|explosive\s+devices?|planted|grenades?|militants?|gunm[ae]n|attackers?|assailants?|rebels?|"
    r"insurgents?|terrorists?|set\s+(?:\w+\s+){0,3}(?:on\s+)?(?:fire|ablaze|afire|alight)|torched|arson\w*|petrol\s+bombs?|"
    r"suicide|shot|shelling|air\s?strikes?|drones?|missiles?|rockets?|protest\w*|demonstrat\w*|riot\w*|mob|"
    r"attack\w*|clash\w*|lynch\w*)\b", re.I)


# A cue that names a weapon itself ("landmine", "IED", "grenade") tells deliberate violence whatever hazard words
# stand around it ("a vehicle collided with a landmine").
_WEAPON_WORD = re.compile(r"(?i)bomb|mine|\bIEDs?\b|grenade|rocket|missile|mortar|explosive")


# A hazard as the agent of the trigger: "damaged by heavy rain", "destroyed by the floods".
_BY_HAZARD = re.compile(r"\s+by\s+(?:the\s+)?(?:heavy\s+|torrential\s+|flash\s+|strong\s+)?(?:rains?|rainfall|floods?|"
                        r"flooding|storms?|earthquakes?|quakes?|winds?|landslides?|cyclones?|typhoons?|hurricanes?|"
                        r"lightning|fire|blaze)\b", re.I)


def hazard(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """An earthquake, flood, storm, fire, explosion of a gas cylinder, traffic accident or other hazard.

    The harm a natural or accidental hazard does is no political violence:
    a trigger is dropped when its clause names a hazard and nothing in the
    clause marks deliberate violence (a bomb, gunmen, arson, a protest)
    besides the trigger itself ("an earthquake struck, killing 12", "a gas
    cylinder explosion", "a bus accident killed five"). A cue that names a
    weapon is never dropped ("a vehicle collided with a landmine"); one whose
    agent is a hazard always is ("damaged by heavy rain").
    """
    clause = text[lo:hi]
    if _WEAPON_WORD.search(cue.text):
        return False
    if _BY_HAZARD.match(text, cue.end, hi):
        return True  # "the road, which was damaged by heavy rain"
    if not _found(_HAZARD, _HAZARD_ASCII, clause, 0, len(clause)):
        return False
    rest = clause[:cue.start - lo] + " " * (cue.end - cue.start) + clause[cue.end - lo:]
    if cue.kind in ("explosive", "arson", "kill", "injure", "destroy", "air", "shelling") or \
            re.match(r"(?i)struck|hit", cue.text):
        return not _DELIBERATE.search(rest) or bool(re.search(
            r"(?i)\b(?:gas|cylinder|boiler|transformer|fire\s+broke|accident|earthquake|quake|flood)", clause)) \
            and not re.search(r"(?i)\b(?:bombs?|IEDs?|planted|explosive\s+device|gunm[ae]n|militants?|suicide)\b",
                              rest)
    return False


_CONDEMN = re.compile(
    r"\b(?:condemn\w*|denounc\w*|deplor\w*|decr(?:y|ied|ies)|criticis\w*|criticiz\w*|slam\w*|mourn\w*|"
    r"condolences?|sympath\w+|outrage\w*\s+(?:over|at)|protest(?:ed|ing|s)?\s+(?:against|over|at)|"
    r"(?:in\s+)?(?:protest|reaction|opposition)\s+(?:against|to|at|of|over|for)|"
    r"protesting|demanding|demand(?:ed|s)?|(?:anger|angry|angered|outrage|fury|furious|uproar|row|dispute|"
    r"grievances?|agitat\w*|rall\w+|march\w*|strikes?|sit-ins?|bandhs?|hartals?|demonstrat\w*|campaign\w*|"
    r"petition\w*|memorandum|slogans|up\s+in\s+arms|resentment|discontent)\s+(?:against|over)|to\s+protest|to\s+denounce|to\s+condemn|to\s+demand|"
    r"(?:protest(?:ed|ing|s)?|demonstrat(?:ed|ing|ions?)|rall(?:y|ied|ies)|march(?:ed|es)?|agitat\w*)\b"
    r"[^.;,]{0,40}?\s(?:against|over)|"
    r"justice\s+for|probe\s+into|investigat\w+\s+into|accused\s+(?:\w+\s+){0,4}of|accusing\s+(?:\w+\s+){0,4}of|"
    r"blamed\s+(?:\w+\s+){0,4}for|claims?\s+of|allegations?\s+of|alleged\s+(?:\w+\s+){0,3}in|suspected\s+of|"
    r"charged\s+with|wanted\s+(?:\w+\s+){0,6}(?:for|in)|involved\s+in(?!\s+an?\s)|behind\s+the|case)\s+"
    r"(?:(?!(?:was|were|is|are|been|has|have|had)\s)[\w'-]+\s+){0,6}$", re.I)
_CONDEMN_ASCII = _ascii_twin(_CONDEMN)


# A statement of sympathy or condemnation whose object runs on over many words, up to the trigger, with no
# comma between ("condolences to the President over the loss of precious lives in the attacks").
_CONDOLE = re.compile(r"\b(?:condemn\w*|condolences?|denounc\w*|deplor\w*|mourn\w*|sympath\w+|grief|"
                      r"solidarity)\b[^,;.:]{0,120}$", re.I)
_CONDOLE_ASCII = _ascii_twin(_CONDOLE)


def condemnation_or_grievance(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """The trigger names what someone condemns, protests against, or is accused of: not a report of it.

    "Pakistan strongly condemns the Israeli attacks", "protested against the
    arrest of their leader", "demanding justice for the killing of", "wanted
    for the massacre", "condolences to the President over the loss of
    precious lives in the attacks" (sympathy or condemnation with its
    object, up to 120 characters without a comma): the attack, arrest or
    killing is the object of a statement or a grievance, told elsewhere if
    at all. Demonstrations
    themselves are never dropped by this rule (a protest *against* something
    is the event). The object ends at an auxiliary verb: in "two men accused
    of witchcraft were killed" the killing is the sentence's own report, and
    "involved in a shootout" (an indefinite noun) introduces a new happening,
    where "involved in the attack" refers back to one.
    """
    if cue.kind in DEMONSTRATION_KINDS or cue.kind == "disperse":
        return False
    return _found(_CONDEMN, _CONDEMN_ASCII, text, max(lo, cue.start - 70), cue.start) or \
        _found(_CONDOLE, _CONDOLE_ASCII, text, max(lo, cue.start - 130), cue.start)


_MODAL = re.compile(
    r"\b(?:could|would|might|(?-i:may)|should|must|will|shall|can|cannot|can't|won't|wouldn't|if|unless|whether|"
    r"threat(?:s|en(?:s|ed|ing)?)?|risk\s+of|danger\s+of|fear(?:s|ed)?(?!\s+(?:dead|killed|drowned|missing))"
    r"|possib(?:le|ility)|potential"
    r"|prevent(?:ed|ing)?|avert(?:ed|ing)?|deter(?:red|ring)?|(?:ready|plan(?:s|ned|ning)?|planning|intend(?:s|ed)?"
    r"|aim(?:s|ed)?|seek(?:s|ing)?|want(?:s|ed)?|going|likely|expected|set|vow(?:s|ed)?|pledg(?:es|ed)|promis(?:es|ed)"
    r"|decided|decision|reached|agreed|prepar(?:ed|ing)|sought|unable|able|call(?:s|ed)?\s+on\s+\w+|urg(?:es|ed|ing)\s+\w+)\s+to"
    r"|(?:persuad(?:e|es|ed|ing)|forc(?:e|es|ed|ing)|ask(?:s|ed)?|order(?:s|ed)?|want(?:s|ed)?)\s+(?:[\w'’-]+\s+){0,3}to"
    r"|warn(?:s|ed|ing)?\s+(?:of|that|against)|call(?:s|ed|ing)?\s+for|urg(?:es|ed|ing)|den(?:y|ies|ied)|rumou?rs?"
    r"|hypothetical|scenario|imagine|hope[sd]?|instead\s+of|rather\s+than|lest|in\s+case\s+of|ahead\s+of"
    r"|to\s+(?:avoid|stop|end|prevent|curb|counter|tackle|break\s+up|quell|contain))\b[^.;]{0,60}$", re.I)
_MODAL_AFTER = re.compile(r"\s+(?:(?:could|would|might|may|will|may\s+have|could\s+have)\s+(?:\w+\s+)?(?:erupt|"
                          r"break\s+out|happen|occur|follow|resume|escalate|spread|take\s+place)"
                          r"|(?:would|will|could|might|shall)\s+(?:not\s+)?be\s+(?:held|staged|dispersed|allowed|"
                          r"tolerated|met|banned|called|organi[sz]ed|launched|carried\s+out))\b", re.I)
# "with the stated aim of targeting": a purpose, right before the trigger.
_PURPOSE_OF = re.compile(r"\b(?:aim|aims|goal|purpose|intention|intent|objective|idea)\s+of\s+$", re.I)
_NEGATED = re.compile(r"\b(?:not|no|never|nor|neither|without|n't|none|nobody|no\s+one)\b(?:\s+[\w-]+){0,3}\s*$"
                      r"|\bno\s+(?:reports?|word|news|sign|evidence)\s+of\s+(?:[\w-]+\s+){0,5}$", re.I)


def modality_or_negation(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """Threats, vows, plans, warnings, denials, hypotheticals and negations: nothing happened (yet).

    Looks at the words of the clause before the trigger: "threatened to
    attack", "vowed to stand behind", "would strike", "if Israel attacks",
    "with the aim of targeting",
    "denied any clashes", "no clashes were reported", "did not protest", "any protest would be
    dispersed", "protests will be held".
    Attempts count too ("tried to storm the office"): ACLED codes an attempt
    only when violence happened, which another trigger then tells. Words in
    brackets or parentheses are a remark on something else and are not read.
    """
    before = ASIDE.sub(_blank, text[max(lo, cue.start - 60):cue.start])
    if _NEGATED.search(before) or _MODAL_AFTER.match(text, cue.end, hi) or _PURPOSE_OF.search(before):
        return True
    return bool(_MODAL.search(before))


# A remark in brackets or parentheses ("unknown gunmen [possible farmers] ... assassinated") qualifies a word, not
# the trigger after it: it is blanked out (same length) before the modal words are looked for (actors.ASIDE).


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


_HABITUAL = re.compile(
    r"\b(?:regularly|frequently|often|routinely|usually|repeatedly|occasionally|sometimes|over\s+the\s+(?:years|decades)"
    r"|for\s+(?:years|decades)|every\s+(?:year|time|day|week)|whenever|cycle\s+of|history\s+of|spate\s+of"
    r"|wave\s+of|series\s+of\s+(?:past|previous)"
    r"|(?:growing|rising|increasing|mounting)\s+(?:number|numbers|instances|incidents|cases|incidence)\s+of"
    r"|in\s+the\s+past(?!\s+(?:\w+\s+)?(?:days?|weeks?|weekend|months?|hours?|nights?)\b)|since\s+(?:the\s+)?\d{4}s?)\b", re.I)
_HABITUAL_ASCII = _ascii_twin(_HABITUAL)
# A preposition between a trigger and a habitual phrase after it puts the phrase on another noun ("protests poor
# security following a spate of attacks", "protesting against the act in force since 2000").
_HABIT_ELSEWHERE = re.compile(r"\b(?:following|after|amid|over|against|about|since|for|because|due|despite|"
                              r"demanding|protesting)\b", re.I)
# The clause states the happening's own time: a clock time, a day and month, a weekday, a numeric date
# ("five more crude bombs went off at 7:15pm", "another blogger hacked to death on Monday morning").
_OWN_TIME = re.compile(
    r"\b(?:at|around|about|by)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b\.?|hrs\b|hours\b)|\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\)"
    r"|\b(?:on|last|this|early|late)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b")


_TO_INFINITIVE = re.compile(r"(?<!\bdue\s)(?<!\bled\s)(?<!\blead\s)(?<!owing\s)(?<!prior\s)(?<!\bup\s)"
                            r"\bto\s+(?:\w+ly\s+)?$", re.I)
_ACHIEVED = re.compile(r"\b(?:managed|succeeded|went\s+on|continued|began|started|came|used|proceeded)\s+to\s+"
                       r"(?:\w+ly\s+)?$", re.I)
_ATTEMPTED = re.compile(r"\b(?:tried|attempted|tries|attempts|trying|attempting|gathered|assembled|converged|"
                        r"massed|regrouped|came\s+together)\s+to\s+(?:\w+ly\s+)?$", re.I)
_BARE_VERB = re.compile(r"(?i)(?!death)(?![a-z]+(?:ed|ing|s)\b)[a-z]+\b")
_A_CROWD = re.compile(r"\b(?:mobs?|crowds?|group|people|youths?|residents|villagers|students|supporters|cadres|"
                      r"activists|protesters|demonstrators|rioters|locals|workers|farmers|riders|drivers)\b", re.I)


def intention(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """A trigger verb in the to-infinitive tells an aim, an idea or a state's attempt, not a happening: "had
    toyed with the idea to destroy Pakistan's nuclear capacities", "Israel attempted to destroy Iran's
    command structure", "sent troops to attack". Not so after "managed to", "went on to" (it happened);
    nor for a crowd's attempt or gathering ("youths tried to attack the MP", "a group attempted to burn a man",
    "villagers gathered to set fire to his house": ACLED codes the mob's act), for demonstrations ("gathered to protest" is the protest) and for the
    authorities' dispersal (context)."""
    if cue.kind in DEMONSTRATION_KINDS or cue.kind == "disperse":
        return False
    if not _TO_INFINITIVE.search(text, max(lo, cue.start - 20), cue.start) or not _BARE_VERB.match(cue.text):
        return False
    if _ACHIEVED.search(text, max(lo, cue.start - 40), cue.start):
        return False
    if _ATTEMPTED.search(text, max(lo, cue.start - 40), cue.start) and _A_CROWD.search(text, lo, cue.start):
        return False
    return True


_TALKED_OF = re.compile(
    r"\s+(?:talks?|negotiations?|discussions?|proposals?|plans?|efforts?|calls?|bids?|deal\s+talks|framework|"
    r"demands?|push|process|prospects?|hopes?|initiative|mediation|diplomacy|offer)\b", re.I)
_TALK_BEFORE = re.compile(
    r"\b(?:regarding|about|on|for|towards?|over|concerning|seek\w*|push\w*|urg\w+|demand\w*|hopes?\s+(?:of|for)|"
    r"prospects?\s+(?:of|for)|possib\w+\s+of|chances?\s+of|calls?\s+for|pressure\s+for)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}$", re.I)


def agreement_talk(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """Talk of a ceasefire or a deal is no agreement: "supporting ceasefire discussions", "a difficult
    position regarding a ceasefire in Gaza", "calls for a truce". An agreement is reported when it is
    reached, signed, brokered or in force, which the trigger's own words or other cues tell."""
    if cue.kind != "agreement" or re.match(r"(?i)(?:signed|reached|concluded|inked)\b", cue.text):
        return False
    return bool(_TALKED_OF.match(text, cue.end, hi) or _TALK_BEFORE.search(text, max(lo, cue.start - 50), cue.start))


def habitual(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """Habitual or generic talk: "clashes have happened regularly", "a history of attacks".

    Not so when the clause states the happening's own time ("on Monday"), when the phrase only sets a recent
    window ("in the past week"), or when a preposition puts a phrase after the trigger on another noun
    ("protests poor security following a spate of attacks").
    """
    if not _found(_HABITUAL, _HABITUAL_ASCII, text, lo, hi):
        return False
    for m in _HABITUAL.finditer(text, lo, hi):
        if m.start() >= cue.end and _HABIT_ELSEWHERE.search(text, cue.end, m.start()):
            continue
        return not _OWN_TIME.search(text, lo, hi)
    return False


_BACKGROUND = re.compile(
    r"\b(?:earlier|previous|prior|recent|past|last\s+year's|last\s+month's|former|(?<!year[\s-])(?<!years[\s-])old|an\s+earlier|"
    r"the\s+earlier|such|similar|other|another|more|further|future|these|those|any|frequent|repeated|ongoing|"
    r"despite\s+(?:the|a|an|its|their)|in\s+the\s+(?:wake|aftermath)\s+of\s+(?:the|a|an))\s+"
    r"(?:[\w-]+\s+){0,2}$", re.I)
_BACKGROUND_ASCII = _ascii_twin(_BACKGROUND)


def background_reference(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """A reference to other, earlier or generic events, not a report: "after an earlier clash", "the recent attacks",
    "similar incidents", "another attack". A clause that states the happening's own time reports it ("five more
    crude bombs went off at 7:15pm"); "a 13-year-old girl" is an age, not an old event."""
    if cue.kind == "kill" and re.search(r"(?i)\b(?:their|his|her|its|whose)\s+$", text[max(lo, cue.start - 8):cue.start]):
        return True  # "their deaths": the deaths told before
    if _OWN_TIME.search(text, cue.end, hi):
        return False
    if cue.kind in DEMONSTRATION_KINDS:
        return bool(re.search(r"(?i)\b(?:earlier|previous|prior|past|last\s+year's|future|another|any)\s+(?:[\w-]+\s+){0,2}$",
                              text[max(lo, cue.start - 40):cue.start]))
    return _found(_BACKGROUND, _BACKGROUND_ASCII, text, max(lo, cue.start - 40), cue.start)


_MODIFIER_USE = re.compile(
    r"\s*(?:police|gear|control|squads?|shields?|units?|vans?|helicopters?|dogs?|aircraft|submarines?|letters?|notes?|"
    r"songs?|threats?|scares?|hoax|proof|disposal|squad|experts?|detection|rate|price|force|victims?|survivors?|cases?|"
    r"case|suspects?|accused|convicts?|charges?|trial)\b", re.I)


def modifier_use(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """A trigger word used as a modifier of another noun: "riot police", "bomb squad", "attack helicopters",
    "murder case", "rape suspects" (the noun names something else)."""
    if cue.kind not in ("riot", "explosive", "attack", "kill", "sexual", "abduct", "protest", "clash", "loot"):
        return False
    if cue.text.lower().endswith(("ed", "ing", "s")) and cue.kind not in ("riot",):
        return False
    return bool(_MODIFIER_USE.match(text, cue.end, min(hi, cue.end + 20)))


def demonstrate_as_show(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """"demonstrated that ...", "as demonstrated by", "strikes demonstrate the fragility": to show, not to protest."""
    if not cue.text.lower().startswith("demonstrat") or cue.text.lower().startswith(("demonstration", "demonstrator")):
        return False
    before = text[max(lo, cue.start - 16):cue.start].lower()
    if re.search(r"\b(?:was|were|is|are|been|be|as)\s+$", before):
        return True
    return bool(re.match(r"\s+(?:that|how|its|his|her|their|the|a|an|this|these|those|our|strong|clear|great|"
                         r"resolve|commitment|support|solidarity|strength|unity|capacity|ability|willingness)\b",
                         text[cue.end:cue.end + 20], re.I))


_CODED = re.compile(r"coded\s+separately|separately\s+coded|see\s+(?:the\s+)?(?:previous|next)\s+event", re.I)
_CODED_ASCII = _ascii_twin(_CODED)


def coded_elsewhere(text: str, cue: Cue, lo: int, hi: int) -> bool:
    """A coder's remark that the event it names is told elsewhere ("(coded separately)")."""
    return _found(_CODED, _CODED_ASCII, text, lo, hi)


RULES: tuple[tuple[str, Callable[[str, Cue, int, int], bool]], ...] = (
    ("hazard", hazard),
    ("modifier_use", modifier_use),
    ("condemnation_or_grievance", condemnation_or_grievance),
    ("modality_or_negation", modality_or_negation),
    ("intention", intention),
    ("agreement_talk", agreement_talk),
    ("habitual", habitual),
    ("background_reference", background_reference),
    ("demonstrate_as_show", demonstrate_as_show),
    ("coded_elsewhere", coded_elsewhere),
)


def dropped_by(text: str, cue: Cue, lo: int, hi: int) -> str | None:
    """The name of the first rule that drops the cue, or None when it is kept."""
    for name, rule in RULES:
        if rule(text, cue, lo, hi):
            return name
    return None
