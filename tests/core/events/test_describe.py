from explorer.core.events.describe import describe_date, describe_sources
from explorer.core.models import Event, LedgerEvent


def ev(date=None, end=None, prec=None, inferred=False, article="a"):
    return Event(article, "protest", "Protests", 0, 1, None, date=date, date_end=end, date_precision=prec,
                 date_inferred=inferred)


def test_dates_in_words():
    assert describe_date(ev()) == "date not stated"
    assert describe_date(ev("2024-01-18", prec="day")) == "18 Jan 2024"
    assert describe_date(ev("2024-01-26", "2024-01-27", "day")) == "26–27 Jan 2024"
    assert describe_date(ev("2024-01-30", "2024-02-02", "week")) == "30 Jan 2024 – 2 Feb 2024 (week)"
    assert describe_date(ev("2024-01", prec="month")) == "Jan 2024"
    assert describe_date(ev("2024", prec="year")) == "2024"
    assert describe_date(ev("2024-01-12", "2024-01-18", "week", inferred=True)) == \
        "week to 18 Jan 2024 (inferred from publication)"


def test_sources_in_words():
    one = LedgerEvent("protest", "Protests", None, (ev(),))
    three = LedgerEvent("protest", "Protests", None, (ev(), ev(article="b"), ev(article="b")))
    assert describe_sources(one) == "1 source" and describe_sources(three) == "3 sources in 2 articles"
