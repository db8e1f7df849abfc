from explorer.core.text.clean import clean, title_of
from explorer.resources import seed_paths


def _kept_text(raw):
    c = clean(raw)
    return c, c.text


def test_cleaning_never_moves_text():
    raw = "Title\n\n- Link one\n- Link two\nBody in \u2018Quetta\u2019 \u2014 here.\r\nLeave a Reply\n"
    c = clean(raw)
    assert len(c.text) == len(raw)
    i = raw.index("Quetta")
    assert c.text[i:i + 6] == "Quetta" == raw[i:i + 6]
    assert c.to_raw(i) == i


def test_link_farm_list_is_masked_but_article_kept():
    raw = ("Strikes hit Quetta on Monday.\n"
           "- Iran Vs Israel 2018\n- Iran Mall\n- Iran Soccer\n"
           "Officials in Lahore said more.\n")
    c = clean(raw)
    assert "Iran Mall" not in c.text and "Iran Soccer" not in c.text
    assert "Strikes hit Quetta on Monday." in c.text
    assert "Officials in Lahore said more." in c.text
    assert any(d.reason == "list of headlines" for d in c.dropped)


def test_single_bullet_and_sentence_bullets_are_kept():
    raw = "Intro.\n- Troops moved to the border near Taftan and stayed there for a week.\n- They left.\n"
    c = clean(raw)
    assert "Taftan" in c.text


def test_comment_form_and_copyright_boilerplate_masked():
    raw = ("Body text about Karachi.\n\nLeave A Reply\n\nYour email address will not be published.\n"
           "Copyright \u00a9 2009-2024 Example News\u00ae, All Rights Reserved.\n")
    c = clean(raw)
    assert "Karachi" in c.text
    for gone in ("Leave A Reply", "email address", "Example News", "Rights Reserved"):
        assert gone not in c.text


def test_photo_credit_removed_caption_kept():
    raw = ("A protest in Gaza City, November 5, 2018. REUTERS/Some Photographer - RC159441DBA0\n"
           "Leaders met in Lahore, Jan. 29, 2024. (AFP Photo)\nBody.\n")
    c = clean(raw)
    assert "REUTERS" not in c.text and "RC159441DBA0" not in c.text and "AFP Photo" not in c.text
    assert "A protest in Gaza City" in c.text and "Leaders met in Lahore" in c.text


def test_repeated_headline_lines_masked():
    raw = "Real body sentence.\nSome headline here\nSome headline here\nSome headline here"
    c = clean(raw)
    assert "Some headline" not in c.text
    assert "Real body sentence." in c.text


def test_related_links_after_read_more_masked():
    raw = "Body about Tehran.\n\nRead more:\n\nMinister visits Ankara for talks\n\nA long paragraph follows here with real text that ends.\n"
    c = clean(raw)
    assert "Ankara" not in c.text
    assert "A long paragraph follows" in c.text


def test_seed_link_farm_headlines_are_masked():
    raw = next(p for p in seed_paths() if p.name.startswith("004")).read_text(encoding="utf-8")
    c = clean(raw)
    for junk in ("Iran Mall", "Senjata Israel Vs Iran", "Iran Vs Israel War 2014",
                 "Iran says no to nuclear talks during conflict as UN urges restraint"):
        assert junk in raw
        assert junk not in c.text
    assert "Sistan and Baluchestan" in c.text


def test_title_is_first_nonempty_line():
    assert title_of("\n\n  A headline  \nbody") == "A headline"
