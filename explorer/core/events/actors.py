"""Actors: who did it and to whom, as the codebook needs it, and the names the ledger keeps.

Two things come out of a clause:

- **classes** of the agent and of the target, from the head nouns of English
  news and ACLED-note grammar (:func:`participants`):

  ``state``     police, soldiers, troops, the army, security forces, guards;
  ``armed``     gunmen, militants, rebels, insurgents, bandits, assailants,
                attackers, an (unidentified) armed group, named armed groups;
  ``crowd``     protesters, demonstrators, rioters, a mob, residents,
                villagers, youths, students, supporters, activists, traders;
  ``civilian``  people hurt or killed who are none of those (a man, a farmer,
                a trader, a teacher, a leader, a family, houses, buses).

  The agent is the subject before an active trigger, or the ``by`` phrase
  after a passive one; the target is the object after the trigger (or its
  ``on``/``at``/``against`` phrase), or the subject of a passive one.

- **names** (:func:`actor_names`): states from the gazetteer's own tables
  (the country names and the demonyms of :data:`explorer.core.places.lexicon.DEMONYMS`):
  "Kenyan police" -> "Police (Kenya)", "Brazilian troops" -> "Military
  (Brazil)", "Argentina's navy" -> "Navy (Argentina)", "Pakistan" acting ->
  "Pakistan"; and named organisations written in capitals ("TTP", "Al-Shabaab",
  "Baloch Liberation Army").
"""
from __future__ import annotations

import re
from functools import lru_cache

from explorer.core.places import lexicon as lx

# ----------------------------------------------------------------- classes

_STATE = (r"police(?:m[ae]n|wom[ae]n)?|(?:police\s+)?officers?|cops?|constables?|soldiers?|troops?|army|armed\s+forces"
          r"|military|security\s+(?:forces?|personnel|men|agencies|officials)|forces|paramilitar(?:y|ies)|rangers?"
          r"|(?:border|forest|coast|security|prison)\s+guards?|navy|air\s+force|commandos?|gendarme(?:s|rie)?"
          r"|jawans?|personnel|levies|marines?|sepoys?|(?:government|state)\s+forces|tatmadaw|(?-i:GSU|KDF|BGB|RAB|BSF"
          r"|CRPF|FC|SSB|ITBP|CISF|APF|IDF|SOG)")
_ARMED = (r"gunm[ae]n|militants?|rebels?|insurgents?|terrorists?|extremists?|jihadists?|islamists?|maoists?"
          r"|naxal(?:ite)?s?|separatists?|bandits?|robbers?|dacoits?|raiders?|rustlers?|kidnappers?|pirates?"
          r"|armed\s+(?:m[ae]n|groups?|gangs?|assailants|attackers|youths?|robbers|criminals|herders|farmers|"
          r"individuals|persons|people)|assailants?|attackers?|miscreants?|goons?|criminals?|gangs?(?:ters?)?"
          r"|militia(?:s|men)?|fighters?|killers?|hitm[ae]n|snipers?|arsonists?|thugs?|hooligans?"
          r"|(?:unknown|unidentified|masked|suspected)\s+(?:persons?|people|men|individuals|group|youths?)"
          r"|(?:unidentified|unknown)\s+armed\s+group|jihadi|Al[\s-]Shabaa?b|Taliban|Boko\s+Haram"
          r"|(?-i:IS|ISIS|ISIL|JNIM|TTP|KIA|NSCN|ULFA|MNDAA|TNLA|SSA|KNU|DKBA|LTTE|NDFB|PLA|UNLF|BLA|BLF|BRA)\b")
_CROWD = (r"protest(?:er|or)s?|demonstrators?|rioters?|mobs?|crowds?|youths?|youngsters|residents?|locals?"
          r"|inhabitants|students?|supporters?|partisans?|activists?|workers?|followers|traders?|vendors?"
          r"|(?:taxi|motor|moto|bus|truck|rickshaw|boda\s*boda|motorcycle)[\s-]*(?:drivers?|riders?|"
          r"operators?|pullers?)|drivers?|riders|squatters?|pickets?|picketers?|blockaders?|agitators?|agitating\s+\w+"
          r"|cadres?|tenants|(?:number|group|crowd|gang)\s+of\s+(?:people|persons|men|women|individuals|youths?)"
          r"|people|hartal\s+supporters|employees|teachers|doctors|nurses|lawyers|shopkeepers|women|public|passengers"
          r"|fans|parents|pupils|prisoners|inmates|relatives|family\s+members|members")
# Identity groups that ACLED codes as communal (identity) militias when they attack: herders, clans,
# hunters, vigilantes, communities, ethnic groups.
_COMMUNAL = (r"herders?|herdsm[ae]n|pastoralists?|hunters?|clans?(?:m[ae]n)?|tribesm[ae]n"
             r"|Fulani|communit(?:y|ies)(?:\s+members)?|ethnic\s+\w+|vigilantes?|self-defen[cs]e\s+groups?")
# Villagers and farmers: rioters when they do violence, a communal militia only with
# firearms (the codebook decides, see codebook.effective).
_VILLAGE = r"villagers?|farmers?"
_CIVILIAN = (r"civilians?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|persons?|people|farmers?|traders?|villagers?"
             r"|residents?|famil(?:y|ies)|teachers?|students?|workers?|journalists?|reporters?|leaders?|activists?"
             r"|chiefs?|officials?|councillors?|MPs?|MLAs?|politicians?|candidates?|aspirants?|priests?|pastors?"
             r"|imams?|worshippers|passengers?|pilgrims|tourists?|pedestrians?|drivers?|riders?|shopkeepers?"
             r"|businessm[ae]n|owners?|herders?|pastoralists?|voters?|elders?|wives|wife|husband|sons?|daughters?"
             r"|mothers?|fathers?|brothers?|sisters?|infants?|babies|minors?|victims?|sorcerers?|thie(?:f|ves)"
             r"|suspects?|youths?|doctors?|nurses?|lawyers?|traders?|labou?rers?|employees?|relatives?|monks?|nuns?"
             r"|houses?|homes?|huts?|shops?|schools?|churche?s?|mosques?|temples?|markets?|buses|bus|trucks?|vehicles?"
             r"|cars?|offices?|hospitals?|rally|procession|camp\s+of\s+\w+|settlements?|Dalits?|\d+-year-old|someone"
             r"|Hindus?|Muslims?|Christians?|Ahmadis?|Shias?|Sunnis?|minorit(?:y|ies)|farmland|livestock|cattle|goats")
_ARMED_TARGET = (r"police\s+(?:stations?|posts?|patrols?|vans?|vehicles?|camps?|checkpoints?|chowki|outposts?|"
                 r"convoys?|teams?|party|mobile)|(?:army|military|security|BGB|BSF|CRPF|FC|border)\s+(?:posts?|camps?|"
                 r"convoys?|patrols?|positions?|bases?|checkpoints?|vehicles?|pickets?)|check-?points?|outposts?|"
                 r"convoys?|patrols?|positions|bases?|barracks|hideouts?|sanctuar(?:y|ies)|bunkers?|training\s+camps?")

_WORD = re.compile(r"[A-Za-z][\w'-]*")
_STATE_RE = re.compile(r"\b(?:" + _STATE + r")\b", re.I)
_ARMED_RE = re.compile(r"\b(?:" + _ARMED + r")", re.I)
_CROWD_RE = re.compile(r"\b(?:" + _CROWD + r")\b", re.I)
_COMMUNAL_RE = re.compile(r"\b(?:" + _COMMUNAL + r")\b", re.I)
_VILLAGE_RE = re.compile(r"\b(?:" + _VILLAGE + r")\b", re.I)
_CIVILIAN_RE = re.compile(r"\b(?:" + _CIVILIAN + r")\b", re.I)
_ARMED_TARGET_RE = re.compile(r"\b(?:" + _ARMED_TARGET + r")\b", re.I)
_CLASS_RES = (("armed_target", _ARMED_TARGET_RE), ("state", _STATE_RE), ("armed", _ARMED_RE),
              ("communal", _COMMUNAL_RE), ("village", _VILLAGE_RE), ("crowd", _CROWD_RE), ("civilian", _CIVILIAN_RE))
_OF_ARMED = re.compile(r"\s+(?:of|from)\s+(?:[\w'()\[\]-]+\s+){0,6}?(?:" + _ARMED + r"|outfits?|groups?\b)", re.I)
# Words that make a following crowd noun an armed one ("armed youths", "armed farmers").
_ARMED_MOD = re.compile(r"\b(?:armed|gun-wielding|machete-wielding|with\s+(?:guns|firearms|rifles|AK-?47s?))\s+$", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got|get|gets)\s+(?:\w+ly\s+|allegedly\s+|reportedly\s+)?"
                      r"(?:\w+\s+and\s+)?$", re.I)
_BY = re.compile(r"^\W*(?:[\w'-]+\s+){0,6}?by\s+", re.I)
_OF = re.compile(r"^\s+(?:of|on|against|at|targeting|upon)\s+", re.I)


_ALL_CLASSES = re.compile("|".join(f"(?P<{c}>{rx.pattern})" for c, rx in _CLASS_RES), re.I)


# Where a class noun can start: a word beginning with one of these (lower case); the class expression is
# tried only there (a fast pre-filter, as for the trigger cues; a test checks that both agree).
_CLASS_STEMS = (
    # state
    "police", "officer", "cop", "constable", "soldier", "troop", "army", "armed", "military", "security", "forces",
    "paramilitar", "ranger", "border", "forest", "coast", "prison", "navy", "air", "commando", "gendarme", "jawan",
    "personnel", "levies", "marine", "sepoy", "government", "state", "tatmadaw", "gsu", "kdf", "bgb", "rab", "bsf",
    "crpf", "fc", "ssb", "itbp", "cisf", "apf", "idf", "sog",
    # armed
    "gunm", "militant", "rebel", "insurgent", "terrorist", "extremist", "jihad", "islamist", "maoist", "naxal",
    "separatist", "bandit", "robber", "dacoit", "raider", "rustler", "kidnapper", "pirate", "assailant", "attacker",
    "miscreant", "goon", "criminal", "gang", "militia", "fighter", "killer", "hitm", "sniper", "arsonist", "thug",
    "hooligan", "unknown", "unidentified", "masked", "suspected", "al", "taliban", "boko", "is", "jnim", "ttp",
    "kia", "nscn", "ulfa", "mndaa", "tnla", "ssa", "knu", "dkba", "ltte", "ndfb", "pla", "unlf", "bla", "blf", "bra",
    # crowd
    "protest", "demonstrator", "rioter", "mob", "crowd", "youth", "youngster", "resident", "local", "inhabitant",
    "student", "supporter", "partisan", "activist", "worker", "follower", "trader", "vendor", "taxi", "moto", "bus",
    "truck", "rickshaw", "boda", "driver", "rider", "squatter", "picket", "blockader", "agitat", "cadre", "tenant",
    "number", "group", "people", "hartal", "employee", "teacher", "doctor", "nurse", "lawyer", "shopkeeper", "wom",
    "public", "passenger", "fan", "parent", "pupil", "prisoner", "inmate", "relative", "family", "members",
    # communal, village
    "herder", "herdsm", "pastoralist", "hunter", "clan", "tribesm", "fulani", "communit", "ethnic", "vigilante",
    "self", "villager", "farmer",
    # civilian
    "civilian", "man", "men", "child", "boy", "girl", "person", "famil", "journalist", "reporter", "leader", "chief",
    "official", "councillor", "mp", "mla", "politician", "candidate", "aspirant", "priest", "pastor", "imam",
    "worshipper", "pilgrim", "tourist", "pedestrian", "businessm", "owner", "voter", "elder", "wives", "wife",
    "husband", "son", "daughter", "mother", "father", "brother", "sister", "infant", "bab", "minor", "victim",
    "sorcerer", "thie", "suspect", "labo", "monk", "nun", "house", "home", "hut", "shop", "school", "church",
    "mosque", "temple", "market", "vehicle", "car", "office", "hospital", "rally", "procession", "camp",
    "settlement", "dalit", "someone", "hindu", "muslim", "christian", "ahmadi", "shia", "sunni", "minorit",
    "farmland", "livestock", "cattle", "goat", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    # armed targets
    "check", "outpost", "convoy", "patrol", "position", "base", "barrack", "hideout", "sanctuar", "bunker",
    "training",
)


def _stem_regex(words) -> re.Pattern:
    trie: dict = {}
    for w in sorted(set(words)):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        if "" in node:
            return ""
        alts = [re.escape(ch) + build(node[ch]) for ch in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return re.compile(r"\b" + build(trie))


_CLASS_STEM_RE = _stem_regex(_CLASS_STEMS)


def _class_matches(text: str):
    """``_ALL_CLASSES.finditer(text)``, tried only where a word starts with a class stem."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length in lower case: no pre-filter then
        yield from _ALL_CLASSES.finditer(text)
        return
    pos = 0
    for st in _CLASS_STEM_RE.finditer(low):
        i = st.start()
        if i < pos:
            continue
        m = _ALL_CLASSES.match(text, i)
        if m:
            pos = m.end()
            yield m


def _classes_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, class) of the class nouns in ``text``, in order (the first class listed wins at a position)."""
    out = [(m.start(), m.end(), m.lastgroup) for m in _class_matches(text)]
    # "armed youths": a crowd or civilian noun with an armed modifier is armed; "a police official",
    # "Maoist leaders", "Al-Shabaab members": a person of a force or an armed group is of its class
    fixed = []
    for s, e, c in out:
        if c in ("crowd", "civilian", "communal", "village") and (_ARMED_MOD.search(text, max(0, s - 30), s)
                                                                 or _OF_ARMED.match(text, e)):
            c = "armed"
        elif c in ("crowd", "civilian") and fixed and fixed[-1][2] in ("state", "armed") and \
                _MEMBER_OF.fullmatch(text, fixed[-1][1], s):
            c = fixed[-1][2]
        fixed.append((s, e, c))
    return fixed


# Between a force or armed group and a person noun of it: "police official", "Maoist top leaders",
# "army's officer", "Al-Shabaab field commander".
_MEMBER_OF = re.compile(r"(?:['’]s)?\s+(?:(?:senior|top|local|field|area|regional|district|sub-?zonal|zonal)\s+)?")


def participants(clause: str, cue_start: int, cue_end: int, passive_ok: bool = True,
                 hits: list[tuple[int, int, str]] | None = None) -> tuple[str | None, str | None]:
    """(agent class, target class) of the trigger at ``clause[cue_start:cue_end]``.

    Classes: "state", "armed", "crowd", "civilian" for the agent; for the
    target, "armed" (a state force, an armed group, or their posts, camps and
    patrols) or "civilian" (people and property of neither) or "protesters"
    (a crowd of demonstrators). None when the clause does not say.
    """
    left, right = clause[:cue_start], clause[cue_end:]
    if hits is None:
        hits = _classes_in(clause)
    lh = [h for h in hits if h[1] <= cue_start]
    rh = [(s - cue_end, e - cue_end, c) for s, e, c in hits if s >= cue_end]
    passive = passive_ok and bool(_PASSIVE.search(left[-40:]))
    agent = target = None
    if passive:
        if lh:
            target = _as_target(lh[-1][2], left[lh[-1][0]:lh[-1][1]])
        m = _BY.match(right)
        if m:
            after = [h for h in rh if h[0] >= m.end() - 1]
            if after:
                agent = _as_agent(after[0][2])
        return agent, target
    # a nominal trigger with its agent after it: "an attack by gunmen on ..."
    m = _BY.match(right)
    if m and len(right[:m.end()].split()) <= 4:
        after = [h for h in rh if h[0] >= m.end() - 1]
        if after:
            agent = _as_agent(after[0][2])
            rh = [h for h in rh if h[0] > after[0][0]]
    # a participle after a comma ("..., killing two") or a second verb ("captured a thief and burned him"):
    # its agent is the clause's subject
    if agent is None and (re.search(r",\s*$", left) and re.match(r"(?i)\w+ing\b", clause[cue_start:cue_end])
                          or re.search(r"\band\s+$", left)):
        for s, e, c in lh:
            agent = _as_agent(c)
            break
    # the agent: the nearest class noun before, in the same stretch of words; a remark in brackets is passed
    # over ("unknown gunmen (believed to be construction workers) killed"), and so is the light verb of a
    # nominal trigger ("militants hurled a petrol bomb", "gunmen carried out an attack")
    if agent is None:
        asides = [(m.start(), m.end()) for m in ASIDE.finditer(left)]
        for s, e, c in reversed(lh):
            if any(a <= s < b for a, b in asides):
                continue
            gap = _LIGHT_VERB_TAIL.sub("", ASIDE.sub(" ", left[e:]))
            if _AGENT_BREAK.search(gap) or len(gap.split()) > 10:
                break
            agent = _as_agent(c)
            break
    # the target: the first class noun after, before any locative phrase
    for s, e, c in rh:
        between = right[:s]
        if len(between.split()) > 10 or _TARGET_BREAK.search(between):
            break
        target = _as_target(c, right[s:e])
        break
    return agent, target


# A remark in parentheses or brackets ("unknown gunmen [possible farmers]"): it qualifies a word, it is no
# part of the clause's syntax (also explorer.core.events.filters.modality_or_negation)
ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_LIGHT_VERB_TAIL = re.compile(
    r"\b(?:hurled|threw|lobbed|planted|detonated|set\s+off|fired|launched|carried\s+out|staged|conducted|mounted)"
    r"\s+(?:an?|the|two|three|four|five|several|some|\d+)?\s*(?:[\w-]+\s+)?$", re.I)
_AGENT_BREAK = re.compile(
    r"\b(?:after|when|while|following|because|since|before|as|killing|injuring|wounding|was|were|is|are|been|"
    r"being|who|which|that)\b|[;:]|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!newly\s)(?<!recently\s)(?<!\bits\s)"
    r"(?<!\btheir\s)\b\w+ed\b(?!\s*(?:and|,|or)\b)(?!\s+(?:by|to|with)\b)", re.I)
_TARGET_BREAK = re.compile(r"\b(?:in|near|inside|outside|from|into|along|across|around|within|after|when|while|"
                           r"during|before|because|as)\b|[;:]", re.I)


def _as_agent(cls: str) -> str:
    if cls == "armed_target":
        return "state"
    return cls  # "communal" and "civilian" agents: the codebook decides (armed militia or rioters)


def _as_target(cls: str, word: str) -> str:
    if cls in ("state", "armed", "armed_target"):
        return "armed"
    if re.match(r"(?i)protest|demonstrat|agitat|picket", word):
        return "protesters"
    return "civilian"


_SIDE_AFTER = re.compile(r"^\s+(?:with|between|among|amongst|involving)\s+", re.I)


def clash_sides(clause: str, cue_start: int, cue_end: int, hits: list[tuple[int, int, str]] | None = None) -> set[str]:
    """The classes of the two sides of a clash: the subject before the trigger ("Police and voters
    clashed") and the phrase after "with" or "between" ("clashed with villagers", "a clash between
    supporters of two MPs"), not the victims told around it ("A man was killed in a clash ...")."""
    if hits is None:
        hits = _classes_in(clause)
    out: set[str] = set()
    left = clause[:cue_start]
    for s, e, c in reversed([h for h in hits if h[1] <= cue_start]):
        gap = left[e:]
        if _AGENT_BREAK.search(gap) or len(gap.split()) > 8:
            break
        out.add(c)
        left = left[:s]
    m = _SIDE_AFTER.match(clause[cue_end:])
    if m:
        start = cue_end + m.end()
        for s, e, c in hits:
            if s < start:
                continue
            if _TARGET_BREAK.search(clause[start:s].replace(" and ", " ")) or len(clause[start:s].split()) > 8:
                break
            out.add(c)
    return out


def clause_classes(clause: str, hits: list[tuple[int, int, str]] | None = None) -> set[str]:
    """Every class named in a clause (for "between X and Y" clashes)."""
    return {c for _, _, c in (_classes_in(clause) if hits is None else hits)}


def classes(clause: str) -> list[tuple[int, int, str]]:
    """The class nouns of a clause, once, for :func:`participants` and :func:`clause_classes`."""
    return _classes_in(clause)


# ------------------------------------------------------------------- names

_FORCE_WORDS = {
    "police": "Police", "policemen": "Police", "army": "Military", "troops": "Military", "soldiers": "Military",
    "military": "Military", "forces": "Military", "armed forces": "Military", "security forces": "Security forces",
    "navy": "Navy", "air force": "Air force", "border guards": "Border guards", "border police": "Police",
    "coast guard": "Coast guard", "jets": "Air force", "warplanes": "Air force", "drones": "Military",
}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """Demonyms and country names (lower case -> country name), from the gazetteer's own tables."""
    from explorer.core.places.geoparse import default_geoparser

    g = default_geoparser().g
    names: dict[str, str] = {}
    for iso, idx in g.country_place.items():
        cname = g.names[idx]
        names[cname.lower()] = cname
        for alias in lx.COUNTRY_ALIASES.get(iso, ()):
            if alias.isupper() and len(alias) <= 3:
                continue  # "US", "UK": too ambiguous in running text
            names[alias.lower()] = cname
    dem: dict[str, str] = {}
    for iso, forms in lx.DEMONYMS.items():
        idx = g.country_place.get(iso)
        if idx is None:
            continue
        for f in forms:
            dem[f.lower()] = g.names[idx]
    return dem, names


_CAP_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*){0,3}")
_FORCE_AT = re.compile(r"(?:'s|’s)?\s+(?:[a-z-]+\s+)?(" + "|".join(
    sorted((re.escape(w) for w in _FORCE_WORDS), key=len, reverse=True)) + r")\b", re.I)
_FORCE_OF = re.compile(r"(" + "|".join(sorted((re.escape(w) for w in _FORCE_WORDS), key=len, reverse=True))
                       + r")\s+of\s+$", re.I)
_ORG = re.compile(r"\b(?:[A-Z][A-Za-z-]+\s+){1,4}(?:Army|Front|Movement|Militia|League|Party|Union|Council|Congress"
                  r"|Alliance|Forces|Organi[sz]ation|Group|Brigade|Corps)\b|\b[A-Z]{2,6}(?:\s?\([A-Z]+\))?(?=\s|$|[,.;)])")
_NOT_ORG = frozenset("I A AN THE OF AND IN ON AT BY TO AM PM NO GMT UTC ID".split())


_OFFICIAL = re.compile(r"\s+(?:Foreign|Prime|Defen[cs]e|Interior|President|Minister|Ministry|Ambassador|Envoy|"
                       r"government|officials?|authorities|leaders?|diplomats?|delegation|embassy|state\s+media|"
                       r"(?:[a-z-]+\s+)?(?:missiles?|rockets?|strikes|air\s?strikes|attacks?|shelling|artillery|"
                       r"bombardment|raids?|aircraft|fighter\s+jets))\b")


def _state_at(words: list[str], dem: dict, names: dict) -> tuple[int, str, bool] | None:
    """The longest run of ``words`` (from the first) that is a demonym or a country: (words used, country, is demonym)."""
    for n in range(min(4, len(words)), 0, -1):
        key = " ".join(words[:n]).lower().rstrip(".")
        key = re.sub(r"(?:'s|’s)$", "", key)
        if key in dem:
            return n, dem[key], True
        if key in names:
            return n, names[key], False
    return None


def actor_names(clause: str) -> tuple[str, ...]:
    """The named actors of a clause: state forces with their country, states acting, named organisations.

    "Kenyan police" -> "Police (Kenya)", "Argentina's navy" -> "Navy (Argentina)", "troops of Brazil" ->
    "Military (Brazil)", "Pakistan" acting -> "Pakistan"; organisations: capitalised names ending in
    Army, Front, Party ... and acronyms.
    """
    dem, names = _tables()
    out: list[str] = []
    for run in _CAP_RUN.finditer(clause):
        words = run.group(0).split()
        k = 0
        while k < len(words):
            hit = _state_at(words[k:], dem, names)
            if hit is None:
                k += 1
                continue
            n, country, is_dem = hit
            start = run.start() + len(" ".join(words[:k])) + (1 if k else 0)
            end = start + len(" ".join(words[k:k + n]))
            force = _FORCE_AT.match(clause, end) if end - start > 0 else None
            before = clause[max(0, start - 12):start]
            of = _FORCE_OF.search(clause, max(0, start - 20), start)
            if force and (is_dem or clause[end:end + 2] in ("'s", "’s") or True):
                out.append(f"{_FORCE_WORDS[force.group(1).lower()]} ({country})")
            elif of:
                out.append(f"{_FORCE_WORDS[of.group(1).lower()]} ({country})")
            elif is_dem and _OFFICIAL.match(clause, end):
                out.append(country)  # "Iranian Foreign Minister ...", "Pakistani officials": the state acts
            elif not is_dem and (words[k + n - 1].endswith(("'s", "’s")) or  # a possessor acts: "Iran's strikes"
                                 not re.search(r"\b(?:in|at|near|into|inside|of|from|to)\s+$", before)) and \
                    not re.match(r"\s+(?:province|district|county|state|region|border)\b", clause[end:end + 12]):
                out.append(country)
            k += n
    for m in _ORG.finditer(clause):
        w = re.sub(r"^(?:The|A)\s+", "", m.group(0).strip())
        if w.upper() in _NOT_ORG or w.lower() in names or w.lower() in dem:
            continue
        out.append(w)
    return tuple(dict.fromkeys(out))
