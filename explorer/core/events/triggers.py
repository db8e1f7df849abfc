"""Trigger words: where a sentence may tell of an event, and what kind of cue each is.

A *cue* is a word or phrase with a *kind*; the kind is not yet the event
type: "attacked" may be a battle, an attack on civilians or mob violence
depending on who attacked whom, and the codebook
(:mod:`explorer.core.events.codebook`) decides. Kinds:

- weapons, which decide an explosion or remote violence by themselves:
  ``suicide``, ``air``, ``shelling``, ``grenade``, ``explosive``;
- violence: ``clash``, ``ambush``, ``attack``, ``kill``, ``injure`` (an outcome, used when
  nothing else in the sentence tells the event), ``abduct``, ``sexual``,
  ``stone`` (stones and bricks thrown), ``arson``, ``destroy`` (vandalism,
  ransacking), ``loot``, ``lynch``;
- demonstrations: ``protest``, ``riot`` (the words riot and mob), ``blockade``;
- what the authorities do to a crowd: ``disperse`` (tear gas, baton charges;
  context for the codebook, never an event alone);
- strategic developments: ``arrest``, ``defuse``, ``agreement``, ``deploy``,
  ``surrender``, ``takeover``, ``withdraw``, ``base``, ``meeting``,
  ``border_closure``, ``diplomatic``, ``airspace``.

A cue is a whole word: it never ends inside one ("attack" is no cue in
"attackers", nor "raid" in "raiders": they name the agents). All the
patterns are joined into one regular expression (case-insensitive,
"march" only in lower case so that the month is not a march), tried only
where a word starts with one of the cue stems (a fast pre-filter), and
there only the patterns that may start with the word's first letter (the
same first kind wins: the others could not match there).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

try:  # the parser of ``re`` (private): used only to build a lookup table, with a fallback below
    from re import _parser as _sp  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sp

WEAPON_KINDS = frozenset(("suicide", "air", "shelling", "grenade", "explosive"))
VIOLENCE_KINDS = frozenset(("clash", "ambush", "attack", "kill", "injure", "abduct", "sexual", "stone", "arson", "destroy",
                            "loot", "lynch"))
DEMONSTRATION_KINDS = frozenset(("protest", "riot", "blockade"))
CONTEXT_KINDS = frozenset(("disperse",))

_N = r"(?:[\w'-]+\s+)"  # a word and the space after it

# kind -> pattern. Order matters where two patterns start at the same word: the first wins.
CUES: tuple[tuple[str, str], ...] = (
    ("suicide", r"suicide[\s-]+(?:bomb(?:ing|er)?s?|attack(?:er)?s?|blasts?|vests?|car\s+bombs?|explosions?)"
                r"|blew\s+(?:him|her|them)sel(?:f|ves)\s+up"),
    ("defuse", r"defus(?:ed|ing|al)|bomb\s+disposal|(?:recovered|seized|found|confiscated|unearthed)\s+"
               + _N + r"{0,4}(?:explosives?|bombs?|IEDs?|grenades?|arms|weapons|firearms|guns|rifles|ammunition|"
               r"pistols?|detonators?|landmines?)\b|(?:explosives?|bombs?|IEDs?|grenades?|arms|weapons|firearms|"
               r"ammunition|landmines?)\s+(?:\w+\s+)?(?:were|was)\s+(?:\w+\s+)?(?:recovered|seized|found|defused|"
               r"confiscated)"),
    ("air", r"air[\s-]?strikes?|air\s+raids?|(?:aerial|arial|airal)\s+(?:strikes?|bombardments?|attacks?|bombing|fire|firing)"
            r"|jet\s+fighters?\s+(?:" + _N + r"{0,2})?(?:fire|firing|strikes?|attacks?)"
            r"|drone\s+(?:strikes?|attacks?)|(?:retaliatory|military|precision|targeted|cross-border|tit-for-tat|punitive|"
            r"surgical|missile|rocket)\s+strikes|(?:gunship|helicopter|fighter\s+jet|jet|warplane|fighter\s+aircraft|"
            r"aircraft|bomber|drone)s?\s+(?:" + _N + r"{0,2})?(?:pounded|bombed|struck|strafed|targeted|attacked|"
            r"blitzed|hit|shelled|fired)|bombed|bombing\s+raids?"),
    ("shelling", r"shell(?:ed|ing)|shells?\s+(?:hit|landed|fell|fired)|attacks?\s+(?:of|with)\s+(?:\w+\s+){0,2}"
                 r"(?:rockets|mortars?|missiles|shells)|artillery|mortars?(?:\s+(?:shells?|fire|attacks?|"
                 r"rounds?))?|rockets?\s+(?:attacks?|fire|hit|landed|struck|were\s+fired)|rocket-propelled|"
                 r"(?:fired|firing|launched|launching)\s+" + _N + r"{0,3}(?:rockets?|missiles?|mortars?|shells)|missiles?\s+"
                 r"(?:attacks?|strikes?|struck|hit|landed|targeted)|missile\s+and\s+drone\s+(?:attacks?|strikes?)"
                 r"|bombard(?:ed|ing|ments?)|cross-border\s+(?:firing|fire|shelling)|pounded"),
    ("grenade", r"(?<!stun\s)(?<!smoke\s)(?<!tear\s)(?<!teargas\s)(?<!gas\s)(?:hand\s+)?grenades?(?:\s+attacks?)?"),
    ("explosive", r"(?:crude|hand|country-made|homemade|home-made|pipe|nail|letter|parcel|car|roadside|time|"
                  r"remote[\s-]+control(?:led)?|magnetic|sticky|cycle|motorcycle|bicycle)[\s-]+bombs?"
                  r"|(?<!petrol\s)(?:bombings?|bombs?)(?:\s+(?:blasts?|attacks?|explosions?))?(?!\s+threats?)|blasts?|explosions?"
                  r"|explod(?:ed|es|ing)|went\s+off|IEDs?|improvised\s+explosive|explosive\s+devices?|explosives"
                  r"|land\s?mines?|anti-(?:personnel|tank)\s+mines?|detonat(?:ed|ion|ing)|blown\s+up|blew\s+up"
                  r"|blew\s+(?:it|them)\s+up|cocktails?"),
    ("abduct", r"abduct(?:ed|ion|ions|ing|s)?|kidnap(?:ped|ping|pings|s)?|taken\s+hostage|held\s+hostage"
               r"|took\s+" + _N + r"{0,3}hostage|forcibly\s+disappeared"),
    ("sexual", r"(?:gang[\s-]?)?rap(?:ed|es|ing)|rape|sexual(?:ly)?\s+(?:assault(?:ed)?|abused|violence|harass(?:ed|ment))"
               r"|molest(?:ed|ing)"),
    ("lynch", r"lynch(?:ed|ing|ings)?|mob\s+justice|jungle\s+justice"),
    ("clash", r"clash(?:es|ed|ing)?|(?:violent|fierce|physical)\s+(?:[\w-]+\s+)?confrontations?"
              r"|confrontations?\s+between|(?:fist|street)[\s-]?fights?|brawls?|violence\s+(?:erupted|broke\s+out)|gun\s?-?fights?|gun\s?-?battles?|fire\s?fights?|exchanges?\s+of\s+(?:gun)?fire"
              r"|exchang(?:ed|ing)\s+(?:gun)?fire|shoot-?outs?|(?<!chance\s)encounters?\b|skirmish(?:es)?"
              r"|(?:heavy|fierce|intense|renewed)\s+fighting|fighting\s+(?:that\s+)?(?:broke\s+out|erupted|continued|between)"
              r"|battl(?:e|ed|es|ing)\b(?!\s+(?:for|against|over)\b)"
              r"|battl(?:e|ed|es|ing)\s+against\s+(?:[\w-]+\s+){0,2}(?:rebels|militants|insurgents|fighters|militias?|"
              r"troops|forces|army|soldiers|separatists|guerrillas)\b"
              r"|fought|battled|engaged\s+" + _N + r"{0,3}in\s+(?:a\s+)?"
              r"(?:gun\s?battle|firefight|fighting)"),
    ("ambush", r"ambush(?:ed|es|ing)?"),
    ("kill", r"kill(?:ed|ing|ings|s)?|shot\s+(?:and\s+killed|dead)|shoots?\s+(?:and\s+kills?|dead)|gunned\s+down|murder(?:ed|s)?|beheaded"
             r"|slaughtered|massacre(?:d|s)?|(?:hacked|beaten|stabbed|stoned|burnt|burned|bludgeoned|tortured|"
             r"lynched|clubbed|axed|shot)\s+to\s+death|burnt\s+alive|burned\s+alive|assassinat(?:ed|ion)"
             r"|executed|dead\s+bod(?:y|ies)|bod(?:y|ies)\s+of\s+" + _N + r"{0,4}(?:was|were)\s+found"
             r"|shooting\s+(?:dead|and\s+killing)|slit\s+(?:the\s+)?throats?|strangled|lynched"
             r"|deaths?\b(?!\s+(?:threats?|penalty|sentence|anniversary|certificate|toll))"),
    ("attack", r"attack(?:s|ed|ing)?|assault(?:ed|s|ing)?|raid(?:s|ed|ing)?|storm(?:ed|ing)|open(?:ed|s)?\s+fire"
               r"|firing(?:\s+incident)?|shot\s+and\s+(?:wounded|injured)|shoots?\s+and\s+(?:wounds?|injures?)"
               r"|shoots?\s+(?:at|him|her|them|a|an|the|one|two|three|four|five|\d+)\b|broke\s+into|break(?:ing)?\s+into"
               r"|barg(?:e|ed|ing)\s+into"
               r"|fir(?:ed|ing)\s+(?:" + _N + r"{0,2})?(?:at|on|upon|into|indiscriminately|shots|bullets|live)"
               r"|shot\s+(?:at|in|him|her|them|a|an|the|one|two|three|four|five|\d)\b|stabb(?:ed|ing)|stabs?|hack(?:ed|ing)"
               r"|axed|beat(?:en|ing)?\s+(?:up|him|her|them|a|an|the|two|three|several|\d)|beat(?:en|ing)\b"
               r"|flogged|thrash(?:ed|ing)|tortur(?:ed|ing)|harass(?:ed|ing)|intimidat(?:ed|ing)"
               r"|target(?:t?ed|t?ing)|manhandled|roughed\s+up|whipped|slapped|punched|injur(?:ed|ing)\s+(?:by|with)\b"
               r"|offensive|(?:military|security|search|combing|ground|counter-?insurgency|counter-?terrorism|"
               r"intelligence-based|clearance)\s+operations?"),
    ("stone", r"pelt(?:ed|ing)|stone[\s-]?pelting|(?:hurl(?:ed|ing)|threw|throw(?:ing)?|pelted|lobbed)\s+"
              r"(?:" + _N + r"{0,2})?(?:stones|rocks|bricks|brickbats|brick\s+chips|bottles|missiles|sticks)"
              r"|stoned|stoning"),
    ("arson", r"torch(?:ed|ing)|torch(?:es)?(?=\s+(?:the|a|an|his|her|their|several|\d+|houses?|homes?|"
              r"vehicles?|cars?|buses|shops?|huts?|churche?s?|offices?))|set\s+(?:" + _N + r"{0,4})?(?:on\s+)?(?:fire|ablaze|afire|alight)"
              r"|(?:burn(?:ed|t|ing|s)?|razed)\s+(?:down\s+)?(?:" + _N + r"{0,3})?(?:houses?|homes?|huts?|shops?|"
              r"vehicles?|cars?|buses|bus|trucks?|tyres?|tires|offices?|buildings?|stations?|property|properties|"
              r"effig(?:y|ies)|motorcycles?|motorbikes?|granar(?:y|ies)|churche?s?|mosques?|schools?|dormitor(?:y|ies)|"
              r"crops?|fields?|camps?|kiosks?|stalls?|checkpoint|police\s+post)|arson(?:ists?)?"
              r"|petrol[\s-]?bomb(?:s|ed|ing)?|molotov|burn(?:ed|t)\s+down|burn(?:ed|t)\b(?!\s+injur)"),
    ("destroy", r"vandali[sz](?:e|es|ed|ing|m)|ransack(?:s|ed|ing)?|smash(?:es|ed|ing)?|damag(?:ed|ing)|destroy(?:s|ed|ing)?"
                r"|demolish(?:ed|ing)|wreck(?:ed|ing)|razed"),
    ("loot", r"loot(?:ed|ing|ers)?|plunder(?:ed|ing)|(?<!armed\s)robb(?:ed|ery)|stole"),
    ("riot", r"riot(?:s|ed|ing|ers)?|mobs?\b|rampage|unrest\s+(?:broke\s+out|erupted)|running\s+battles?"),
    ("injure", r"injur(?:ed|ing|ies)|wound(?:ed|ing|s)|hurt|maimed"),
    ("protest", r"protest(?:s|ed|ing|ers?|ors?)?|demonstrat(?:ion|ions|ed|ors?|ing|es?)|rall(?:y|ies|ied)"
                r"(?!\s+(?:support|behind|around))|(?-i:march(?:ed|es|ing)?)\b|sit-?ins?\b|sit\s+in\b"
                r"|dharnas?|gherao(?:ed|s|ing)?|hunger\s+strikes?|(?:general|indefinite|token|labour|labor|"
                r"transport|teachers'?|doctors'?|workers'?|wheel-jam|shutter-down|pen-down|tool-down)\s+strikes?"
                r"|(?:went|go|going|are|were|was|is)\s+on\s+(?:an?\s+)?(?:\w+\s+)?strike|strik(?:ed|ing)\s+workers"
                r"|human\s+chains?|processions?|t(?:ook|ake|aking)\s+(?:to\s+)?the\s+streets?|strikes?\s+(?:by|of)\s+(?:the\s+)?(?:\w+\s+)?(?:owners|workers|drivers|teachers|doctors|employees|staff|"
                r"traders|transporters|students|nurses|lawyers|farmers)\b|picket(?:ed|ing|s|ers)?|hartals?"
                r"|bandhs?|boycott(?:ed|ing)?\s+(?:classes|work|exams?|the\s+polls)|agitat(?:ion|ions|ing|ors?|ed)"
                r"|chant(?:ed|ing)\s+slogans|(?:burn(?:ed|t)|torched)\s+(?:" + _N + r"{0,2})?effig(?:y|ies)"
                r"|memorandum|walk-?outs?|staged\s+a\s+" + _N + r"{0,2}(?:walkout|rally|march|demonstration)"),
    ("blockade", r"block(?:ed|ing|aded?|ades)\s+(?:" + _N + r"{0,3})?(?:roads?|highways?|streets?|traffic|railway|"
                 r"tracks?|the\s+entrance|gates?|junction|bridge)|road\s?blocks?|road\s+blockades?|barricad(?:ed|es|ing)"
                 r"|(?:rasta|rail)\s+roko|chakka\s+jam"),
    ("disperse", r"tear[\s-]?gas|teargas|lathi[\s-]?charg(?:ed|e|ing)|baton[\s-]?charg(?:ed|e|ing)|water\s+cannons?"
                 r"|dispers(?:ed|e|ing)|rubber\s+bullets|fired\s+(?:" + _N + r"{0,2})?in(?:to)?\s+the\s+air"
                 r"|(?:stun|smoke)\s+grenades?|warning\s+shots|(?:police|policemen|security\s+forces|soldiers|troops|"
                 r"authorities|gendarmes)\s+(?:later\s+|then\s+|quickly\s+)?intervened"),
    ("arrest", r"arrest(?:ed|s|ing)?|detain(?:ed|ing)|apprehended|nabbed|taken\s+into\s+custody|rounded\s+up"),
    ("agreement", r"cease-?fire|truce|cessation\s+of\s+hostilities|armistice|peace\s+(?:deal|agreement|accord|treaty)"
                  r"|(?:signed|reached|concluded|inked)\s+(?:an?\s+|the\s+)?" + _N + r"{0,3}(?:agreements?|deal|accords?|"
                  r"memorand(?:um|a)|MoUs?|treaty|pact)|reconciliation\s+(?:meeting|agreement)"),
    ("surrender", r"surrender(?:ed|s|ing)?|laid\s+down\s+(?:their\s+|his\s+)?arms|joined\s+the\s+mainstream"),
    ("deploy", r"deploy(?:ed|ment|ing|s)|curfew|state\s+of\s+emergency|imposed\s+section\s+144"),
    ("takeover", r"(?:took|taken|seized|seize|regained|captured|recaptured)\s+control|overr(?:an|un)|(?:captured|"
                 r"recaptured|seized|took\s+over)\s+(?:the\s+)?(?:town|village|city|district|area|base|camp)"),
    ("withdraw", r"withdr(?:ew|awn)\s+from|handed\s+over\s+(?:control|the\s+(?:town|area|city))"),
    ("base", r"(?:set\s+up|established|setting\s+up)\s+(?:a\s+|an\s+|their\s+|its\s+)?(?:new\s+)?(?:military\s+)?"
             r"(?:base|camp|headquarters|outpost)"),
    ("airspace", r"air\s?space\s+violations?|violat(?:ed|ing|ions?\s+of)\s+(?:[\w-]+(?:'s|’s)?\s+){0,2}air\s?space"
                 r"|(?:entered|intruded\s+into|incursions?\s+into|intrusions?\s+into|penetrated)\s+"
                 r"(?:[\w-]+(?:'s|’s)?\s+){0,2}air\s?space"),
    ("border_closure", r"(?:clos(?:ed|ing|es|e)|seal(?:ed|ing|s)?|shut(?:ting|s)?(?:\s+down)?)\s+(?:off\s+)?"
                       r"(?:(?:its|the|their|all|a)\s+)?" + _N + r"{0,2}?(?:borders?|border\s+crossings?|crossings?)\b"
                       r"|(?:closure|sealing|shutdown)\s+of\s+(?:the\s+|its\s+)?" + _N + r"{0,2}?(?:borders?|crossings?)\b"
                       r"|border\s+closures?"),
    ("diplomatic", r"recall(?:ed|s|ing)?\s+(?:of\s+)?(?:its\s+|their\s+|the\s+|both\s+)?(?:[\w-]+\s+)?(?:ambassadors?|"
                   r"envoys?|diplomats?)|expell?(?:ed|ing|s)?\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?(?:ambassadors?|envoys?|"
                   r"diplomats?)|(?:suspended|severed|downgraded|restored)\s+(?:the\s+|its\s+|their\s+|diplomatic\s+)?"
                   r"(?:[\w-]+\s+){0,2}?(?:ties|relations|accords?|treaty)\b|put\s+(?:[\w-]+\s+){0,2}on\s+hold"
                   r"|closed\s+(?:its|the)\s+embassy"),
    ("meeting", r"met\s+with\s+(?=[A-Z]|(?:his|her|their|the)\s+(?:counterparts?|[A-Z]))|(?:held|hold|holding)\s+" + _N + r"{0,2}(?:talks|meetings?|negotiations|consultations)"
                r"|summit\b|(?:official\s+|state\s+)?visit(?:ed)?\s+(?:to\s+)?(?=[A-Z])|arrived\s+in|called\s+on\b"
                r"(?![^.;]{0,80}?\bto\s+[a-z])|talks\s+(?:in|with|between)\b|meeting\s+(?:in|with|between)\b"),
)

KINDS = tuple(k for k, _ in CUES)


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str
    text: str


_CUE_RE = re.compile("|".join(f"(?P<{k}>\\b(?:{p})(?!(?<=\\w)\\w))" for k, p in CUES), re.IGNORECASE)

# Stems: a cue can only start where a word begins with one of these (lower case).
_STEMS = (
    "suicide", "blew", "defus", "bomb", "recover", "seiz", "found", "confisc", "unearth", "explosive", "ied", "grenade",
    "arms", "weapon", "firearm", "ammunition", "landmine", "foil", "air", "aerial", "arial", "drone", "gunship", "helicopter",
    "fighter", "jet", "warplane", "firing", "launching", "aircraft", "bomber", "shell", "artiller", "mortar", "rocket", "fired", "launched",
    "missile", "bombard", "cross", "pound", "hand", "stun", "crude", "country", "homemade", "home", "pipe", "nail",
    "letter", "parcel", "car", "roadside", "time", "remote", "magnetic", "sticky", "cycle", "motorcycle", "bicycle",
    "blast", "explosion", "explod", "went", "improvised", "land", "anti", "detonat", "blown", "cocktail", "abduct",
    "kidnap", "taken", "held", "took", "forcibly", "gang", "rap", "sexual", "molest", "lynch", "mob", "jungle",
    "clash", "gun", "fire", "exchang", "shoot", "encounter", "skirmish", "heavy", "fierce", "intense", "renewed",
    "fighting", "fought", "battled", "violent", "physical", "confrontation", "fist", "street", "brawl", "ambush", "running", "engaged", "kill", "shot", "murder", "behead", "slaughter",
    "massacre", "hacked", "beaten", "stabbed", "stoned", "burnt", "burned", "bludgeon", "tortur", "clubbed", "axed",
    "assassinat", "executed", "dead", "bod", "attack", "assault", "raid", "storm", "opened", "firing", "stabb",
    "hack", "stab", "beat", "flogged", "thrash", "harass", "intimidat", "targeted", "manhandled", "roughed", "whipped",
    "slapped", "punched", "battl", "barg", "injur", "target", "retaliatory", "precision", "punitive", "surgical", "tit", "police", "policemen", "soldiers", "troops", "authorities", "gendarmes", "wound", "hurt", "maimed", "shooting", "slit", "strangled", "death", "violence", "open", "broke", "break", "intervened", "offensive", "military", "security", "search", "combing", "ground", "counter",
    "intelligence", "clearance", "pelt", "stone", "hurl", "threw", "throw", "lobbed", "stoning", "torch", "set",
    "burn", "razed", "arson", "petrol", "molotov", "vandali", "ransack", "smash", "damag", "destroy", "demolish",
    "wreck", "loot", "plunder", "robb", "stole", "riot", "rampage", "unrest", "protest", "demonstrat", "rall",
    "march", "sit", "dharna", "gherao", "hunger", "general", "indefinite", "token", "labour", "labor", "transport",
    "teacher", "doctor", "worker", "wheel", "shutter", "pen", "tool", "go", "are", "were", "was", "is", "strik",
    "human", "procession", "picket", "hartal", "bandh", "boycott", "agitat", "chant", "memorandum", "walk",
    "staged", "block", "road", "barricad", "rasta", "rail", "chakka", "tear", "teargas", "lathi", "baton", "water",
    "dispers", "rubber", "smoke", "warning", "arrest", "detain", "apprehend", "nabbed", "rounded", "cease", "truce",
    "cessation", "armistice", "peace", "signed", "reached", "concluded", "inked", "reconciliation", "surrender",
    "laid", "joined", "deploy", "curfew", "state", "imposed", "regained", "captured", "recaptured", "overr",
    "withdr", "handed", "setting", "established", "airspace", "violat", "entered", "intruded", "incursion",
    "intrusion", "penetrated", "clos", "seal", "shut", "closure", "sealing", "shutdown", "border", "recall", "expel",
    "suspended", "severed", "downgraded", "restored", "put", "closed", "met", "hold", "holding", "summit",
    "official", "visit", "arrived", "called", "talks", "meeting", "chance", "tear", "gas", "take", "taking",
)


def _trie_regex(words) -> str:
    """A regex matching any of ``words`` at a word start (or a longer word they begin), as a trie (fast in ``re``)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        if "" in node:
            return ""  # a shorter stem suffices: only where a match may start matters
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return build(trie)


_STEM_RE = re.compile(r"\b" + _trie_regex(sorted({s.lower() for s in _STEMS})))


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """The lower-case characters a match of the parsed pattern ``items`` may start with (None: any character),
    and whether it may match the empty string. Zero-width assertions (``\\b``, look-arounds) are passed over,
    so the set may hold too many characters, never too few."""
    out: set[str] = set()
    for op, av in items:
        if op is _sp.LITERAL:
            return out | {chr(av).lower()}, False
        if op is _sp.IN:  # a character set: its letters and ranges (a category or a negation: any character)
            if any(o not in (_sp.LITERAL, _sp.RANGE) for o, _ in av):
                return None, False
            for o, v in av:
                out |= {chr(v).lower()} if o is _sp.LITERAL else {chr(c).lower() for c in range(v[0], v[1] + 1)}
            return out, False
        if op in (_sp.AT, _sp.ASSERT, _sp.ASSERT_NOT):
            continue  # zero width
        if op is _sp.SUBPATTERN:
            first, empty = _first_chars(av[-1])
        elif op is _sp.BRANCH:
            alts = [_first_chars(b) for b in av[1]]
            if any(f is None for f, _ in alts):
                return None, False
            first, empty = set().union(*(f for f, _ in alts)), any(e for _, e in alts)
        elif op in (_sp.MAX_REPEAT, _sp.MIN_REPEAT):
            first, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False  # anything else (a back reference, any character ...): no telling
        if first is None:
            return None, False
        out |= first
        if not empty:
            return out, False
    return out, True


def _cue_kinds_by_first_char() -> dict[str, tuple[str, ...]]:
    """For each lower-case character, the kinds (in :data:`CUES` order) whose pattern may match at a word starting
    with it; a kind that may start with any character is in every entry."""
    firsts = {}
    for k, p in CUES:
        first, empty = _first_chars(_sp.parse(p, re.IGNORECASE))
        firsts[k] = None if empty else first
    chars = set().union(*(f for f in firsts.values() if f is not None))
    return {ch: tuple(k for k, _ in CUES if firsts[k] is None or ch in firsts[k]) for ch in chars}


try:
    _KINDS_BY_FIRST = _cue_kinds_by_first_char()
except Exception:  # pragma: no cover - ``re``'s parser is private: should it change, every kind is tried
    _KINDS_BY_FIRST = {}
_PATTERN = dict(CUES)


@lru_cache(maxsize=None)
def _cue_regex(kinds: tuple[str, ...]) -> re.Pattern:
    """The cue patterns of ``kinds`` joined as :data:`_CUE_RE` joins them all (same order, same group names)."""
    return re.compile("|".join(f"(?P<{k}>\\b(?:{_PATTERN[k]})(?!(?<=\\w)\\w))" for k in kinds), re.IGNORECASE)


def _cue_regex_at(low: str, i: int) -> re.Pattern:
    """The regex to try at ``i``: only the kinds that may start with the character there (the first kind
    that matches is the same as in :data:`_CUE_RE`, and it is found faster); the whole of :data:`_CUE_RE`
    at a character no pattern starts with (stems start with ASCII letters: never, in practice)."""
    kinds = _KINDS_BY_FIRST.get(low[i])
    return _CUE_RE if kinds is None else _cue_regex(kinds)


def find_cues(text: str, lo: int = 0, hi: int | None = None) -> list[Cue]:
    """Every cue in ``text[lo:hi]``, in order, not overlapping (the leftmost, then the first kind, wins)."""
    hi = len(text) if hi is None else hi
    out: list[Cue] = []
    pos = lo
    low = text.lower()
    if len(low) != len(text):  # a few characters change length in lower case: no pre-filter then
        return [c for c in find_cues_plain(text[:hi]) if c.start >= lo]
    for s in _STEM_RE.finditer(low, lo, hi):
        i = s.start()
        if i < pos:
            continue
        m = _cue_regex_at(low, i).match(text, i, hi)
        if m:
            out.append(Cue(i, m.end(), m.lastgroup, m.group(0)))
            pos = m.end()
    return out


def find_cues_plain(text: str) -> list[Cue]:
    """The same as :func:`find_cues` without the stem pre-filter (for the tests)."""
    return [Cue(m.start(), m.end(), m.lastgroup, m.group(0)) for m in _CUE_RE.finditer(text)]
