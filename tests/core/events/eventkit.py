"""Shared helpers for the event tests: a tiny hand-written gazetteer, so that these tests do not
depend on the application's geoparser; every text is written for the tests."""
from __future__ import annotations

import re

from explorer.core.events import extract_event_records, extract_events
from explorer.core.models import Article, Mention, Place
from explorer.core.text.sentences import SentenceIndex
from explorer.core.text.clean import clean


def _p(pid, name, kind, cc, lat=0.0, lon=0.0, admin1=None):
    return Place(pid, name, kind, lat, lon, cc, 0, admin1)


SISTAN = _p("ne1:IR-13", "Sistan and Baluchestan", "admin1", "IR", 28.0, 60.0)
GAZ = {
    "Iran": _p("country:IR", "Iran", "country", "IR", 32.0, 53.0),
    "Pakistan": _p("country:PK", "Pakistan", "country", "PK", 30.0, 70.0),
    "Israel": _p("country:IL", "Israel", "country", "IL"),
    "Kenya": _p("country:KE", "Kenya", "country", "KE"),
    "Benin": _p("country:BJ", "Benin", "country", "BJ"),
    "Balochistan": _p("ne1:PK-BA", "Balochistan", "admin1", "PK", 28.5, 65.5),
    "Sistan and Baluchestan": SISTAN,
    "Sistan-Baluchistan": SISTAN,
    "Borgou": _p("ne1w:BJ-BO", "Borgou", "admin1", "BJ", 9.5, 2.6),
    "Makueni": _p("ne1w:KE-23", "Makueni", "admin1", "KE", -2.0, 37.6),
    "Parakou": _p("gn:2392087", "Parakou", "city", "BJ", 9.34, 2.63, "BJ.10"),
    "Nikki": _p("gn:2392204", "Nikki", "city", "BJ", 9.94, 3.21, "BJ.10"),
    "Wote": _p("gn:178522", "Wote", "city", "KE", -1.78, 37.63),
    "Nairobi": _p("gn:184745", "Nairobi", "city", "KE", -1.28, 36.82),
    "Isfahan": _p("gn:418863", "Isfahan", "city", "IR"),
    "Tel Aviv": _p("gn:293397", "Tel Aviv", "city", "IL"),
    "Haifa": _p("gn:294801", "Haifa", "city", "IL"),
    "Panjgur": _p("gn:1168312", "Panjgur", "city", "PK", 26.97, 64.09),
    "Quetta": _p("gn:1167528", "Quetta", "city", "PK", 30.18, 67.0),
    "Lahore": _p("gn:1172451", "Lahore", "city", "PK", 31.55, 74.34),
    "Zahedan": _p("gn:1159301", "Zahedan", "city", "IR", 29.5, 60.86),
    "Tehran": _p("gn:112931", "Tehran", "city", "IR"),
    "Islamabad": _p("gn:1176615", "Islamabad", "city", "PK"),
    "Istanbul": _p("gn:745044", "Istanbul", "city", "TR"),
    "Rawalpindi": _p("gn:1166993", "Rawalpindi", "city", "PK"),
    "Gaza": _p("region:gaza", "Gaza Strip", "region", "PS"),
    "Saudi Arabia": _p("country:SA", "Saudi Arabia", "country", "SA", 24.0, 45.0),
    "India": _p("country:IN", "India", "country", "IN", 22.0, 79.0),
    "Jammu": _p("gn:1269321", "Jammu", "city", "IN", 32.73, 74.86),
    "Kupwara": _p("gn2:9748042", "Kupwara", "admin2", "IN", 34.51, 74.26),
    # a misreading the tests need: a town of another country far away, named like a Bangladeshi subdistrict
    "Sadar": _p("gn:9000001", "Sadar", "city", "PK", 30.0, 70.0),
    "Tangail": _p("gn:1185099", "Tangail", "city", "BD", 24.25, 89.92),
    "Netrakona": _p("gn:1185162", "Netrakona", "city", "BD", 24.88, 90.73),
    "Teknaf": _p("gn:1185095", "Teknaf", "city", "BD", 20.86, 92.3),
    "Maungdaw": _p("gn:1308204", "Maungdaw", "city", "MM", 20.82, 92.37),
    "Rakhine": _p("ne1:MM-16", "Rakhine State", "admin1", "MM", 19.8, 93.9),
    "Sittwe": _p("gn:1295765", "Sittwe", "city", "MM", 20.15, 92.9),
    "Boo": _p("gn:9000002", "Boo", "city", "IE", 53.0, -8.0),
    "Wajir": _p("gn:178443", "Wajir", "city", "KE", 1.75, 40.06),
    "Isiolo": _p("gn:196231", "Isiolo", "city", "KE", 0.35, 37.58),
    "Turkana": _p("gn1:178914", "Turkana", "admin1", "KE", 3.3, 35.6),
    "Azaz": _p("gn:172082", "I‘zāz", "city", "SY", 36.59, 37.05),
    "Aleppo": _p("gn:170063", "Aleppo", "city", "SY", 36.2, 37.16),  # the city, as the geoparser may read it
    "Kaduna": _p("gn:2335727", "Kaduna", "city", "NG", 10.53, 7.44),
    "Abuja": _p("gn:2352778", "Abuja", "city", "NG", 9.06, 7.5),
    "Gazipur": _p("gn:1185116", "Gazipur", "city", "BD", 24.0, 90.42),
}
_GAZ_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, GAZ), key=len, reverse=True)) + r")\b")


def mentions_for(article: Article, text: str) -> list[Mention]:
    idx = SentenceIndex(text)
    out = []
    for m in _GAZ_RE.finditer(text):
        s, e = idx.containing(m.start(), m.end())
        out.append(Mention(article.article_id, m.start(), m.end(), article.raw_text[m.start():m.end()],
                           GAZ[m.group(1)], 1.0, s, e))
    return out


def run(raw: str, *, published=None, keep_placeless=None):
    art = Article("t", "t", raw, published=published)
    text = clean(raw).text
    return extract_events(art, text, mentions_for(art, text), keep_placeless=keep_placeless)


def records(raw: str, *, published=None):
    art = Article("t", "t", raw, published=published)
    text = clean(raw).text
    return extract_event_records(art, text, mentions_for(art, text))


def one(events, event_type=None):
    found = [e for e in events if event_type is None or e.event_type == event_type]
    assert len(found) == 1, (event_type, events)
    return found[0]

