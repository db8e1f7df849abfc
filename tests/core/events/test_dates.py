"""Dates: finding date phrases cheaply, resolving them with the date library against the article's clock."""
from datetime import date

import re

import pytest

from explorer.core.events import dates as dt

PUB = date(2020, 11, 24)  # a Tuesday


@pytest.mark.parametrize("phrase, want", [
    ("23 November 2020", ("2020-11-23", None, "day")),
    ("on August 28th", ("2020-08-28", None, "day")),
    ("June 19", ("2020-06-19", None, "day")),  # the clock's year
    ("December 30", ("2019-12-30", None, "day")),  # not in the future: the year before
    ("06/05/2017", ("2017-05-06", None, "day")),  # day first
    ("Jan. 26-27", ("2020-01-26", "2020-01-27", "day")),  # a stated range
    ("August 10 and 11", ("2020-08-10", "2020-08-11", "day")),
    ("yesterday", ("2020-11-23", None, "day")),
    ("on Monday", ("2020-11-23", None, "day")),
    ("Saturday", ("2020-11-21", None, "day")),
    ("on Tuesday", ("2020-11-24", None, "day")),  # the clock's own weekday: that day
    ("last week", ("2020-11-16", "2020-11-22", "week")),
    ("June 2014", ("2014-06", None, "month")),
    ("in 2019", ("2019", None, "year")),
])
def test_phrases_resolve_against_the_clock(phrase, want):
    w = dt.resolve(phrase, PUB)
    assert (w.date, w.date_end, w.precision) == want


def test_without_a_clock_only_absolute_phrases_resolve():
    assert dt.resolve("on Monday", None) is None
    assert dt.resolve("June 19", None) is None
    assert dt.resolve("19 June 2024", None).date == "2024-06-19"


def test_finder_delimits_phrases_and_skips_times_and_numbers():
    text = ("On 23 November 2020, people met; on Saturday night [22 August] at 6.30 pm, 5 - 6 April, (29/01) "
            "and May 5. They may come. 3.5 million.")
    found = [h.text for h in dt.find_dates(text)]
    assert found == ["23 November 2020", "on Saturday", "22 August", "5 - 6 April", "29/01", "May 5"]


def test_anchored_finder_agrees_with_the_plain_expression():
    text = ("ISTANBUL, August 10, 2025 — On Monday, and early in June 2024, and on 3/4, and last month, "
            "three days ago, 2021-02-03; Jan. 26-27 and 26 to 27 January.")
    assert [m.span() for m in dt._phrases(text)] == [m.span() for m in dt.DATE_PHRASE.finditer(text)]


def test_dateline_is_the_clock_when_there_is_no_publication_date():
    text = "ISTANBUL, August 10, 2025 — Police detained 20 people on Saturday."
    hits = dt.find_dates(text)
    assert dt.article_clock(text, None, hits) == (date(2025, 8, 10), True)
    assert dt.article_clock(text, "2025-08-11", hits) == (date(2025, 8, 11), True)
    assert dt.article_clock("Police detained 20 people on Saturday.", None, []) == (None, False)


def test_nearest_full_date_lends_its_year_without_a_clock():
    text = "Talks were held on 3 March 2024. Strikes hit the town on June 19."
    hits = dt.find_dates(text)
    w = dt.resolve_hit(hits[-1], None, hits)
    assert (w.date, w.precision) == ("2024-06-19", "day")


def test_photo_captions_are_found_by_their_credit():
    text = "Body text.\nProtesters in the square, November 5, 2018. REUTERS/Jane Doe\nMore text."
    (span,) = dt.caption_spans(text)
    assert text[span[0]:span[1]].startswith("Protesters") and text[span[0]:span[1]].endswith("Doe")


def test_inferred_window_is_the_week_before_the_clock():
    w = dt.inferred_window(PUB)
    assert (w.date, w.date_end, w.precision, w.inferred) == ("2020-11-18", "2020-11-24", "week", True)
    assert dt.inferred_window(None) is None


def test_a_caption_lends_its_year_only_to_days_near_it():
    """A caption never dates a report, but its full date may give the year of a nearby 'Jan. 18'."""
    donors = [date(2024, 1, 29)]
    near = dt.DateHit(0, 7, "Jan. 18", "md")
    far = dt.DateHit(0, 7, "June 19", "md")
    weekday = dt.DateHit(0, 6, "Monday", "wd")
    assert dt.resolve_hit(near, None, [], donors).date == "2024-01-18"
    assert dt.resolve_hit(far, None, [], donors) is None
    assert dt.resolve_hit(weekday, None, [], donors) is None
    assert dt.caption_full_dates("Leaders met in Lahore, Jan. 29, 2024. (AFP Photo)\nText.", [(0, 49)]) == donors


@pytest.mark.parametrize("phrase", ["12 March 2024", "12 March", "March 12", "Mar. 12, 2023", "1 of June",
                                    "29 February", "31 December", "06/05/2017", "Sept 3", "3 Dec"])
@pytest.mark.parametrize("base,same_year", [(date(2024, 3, 15), False), (date(2024, 3, 1), False),
                                            (date(2023, 3, 1), True), (None, False)])
def test_plain_days_read_without_the_library_agree_with_it(phrase, base, same_year, monkeypatch):
    """The fast reading of plain days gives what dateparser gives (or declines).

    Not compared: a day without its year and no base (resolve() never asks: no day is invented), and
    29 February in a base year that has none (the library jumps to another year; this says None)."""
    fast = dt._plain_day(phrase.lower(), base, same_year)
    if fast is False:
        pytest.skip("not a plain day: the library reads it")
    if base is None and not re.search(r"\d{4}", phrase):
        assert fast is None
        return
    if phrase == "29 February" and base.year % 4:
        assert fast is None
        return
    monkeypatch.setattr(dt, "_plain_day", lambda *a: False)
    dt.resolve.cache_clear()
    slow = dt._library(phrase, base, same_year)
    dt.resolve.cache_clear()
    assert fast == slow
