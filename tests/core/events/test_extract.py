"""The extractor end to end, on texts written for the tests, with hand-built mentions."""
from explorer.core.events.merge import merge_reports
from explorer.core.models import Article

from .eventkit import one, records, run


def names(ev):
    return ev.place.name if ev.place else None


def test_dateline_is_the_clock():
    raw = ("ISTANBUL, August 10, 2025 — Police detained 20 protesters in Istanbul on Saturday.\n\n"
           "Riot police used tear gas in Istanbul.")
    evs = run(raw)
    first = evs[0]
    assert (first.date, first.date_precision, first.date_inferred) == ("2025-08-09", "day", False)


def test_dateline_gives_the_inferred_week_to_undated_reports():
    ev = one(run("LAHORE, March 3, 2025 — Gunmen shot dead a trader in Lahore."))
    assert (ev.date, ev.date_end, ev.date_precision, ev.date_inferred) == ("2025-02-25", "2025-03-03", "week", True)
    assert ev.time_precision == 2


def test_month_and_day_take_the_publication_year():
    ev = one(run("On June 19, militants attacked a police post in Quetta.", published="2024-07-02"))
    assert (ev.date, ev.date_precision) == ("2024-06-19", "day")


def test_no_clock_no_inferred_date():
    ev = one(run("On June 19, militants attacked a police post in Quetta."))
    assert ev.date is None and not ev.date_inferred


def test_a_stated_range_is_a_window():
    ev = one(run("Troops and rebels clashed near Quetta on Jan. 26-27.", published="2024-02-01"))
    assert (ev.date, ev.date_end, ev.date_precision) == ("2024-01-26", "2024-01-27", "day")


def test_photo_captions_never_date_a_report():
    raw = ("Protesters in Gaza, November 5, 2018. REUTERS/Jane Roe\n\n"
           "Jets struck Isfahan on June 19.")
    ev = one(run(raw))
    assert (names(ev), ev.date) == ("Isfahan", None)  # no clock, no year: the caption's 2018 is no anchor
    assert one(run(raw, published="2025-06-20")).date == "2025-06-19"


def test_hazards_are_no_events():
    for raw in ("An earthquake struck Quetta on 3 May 2023, killing 12 people.",
                "Floods killed nine villagers near Quetta on 3 May 2023.",
                "A fire broke out in a market in Quetta on 3 May 2023 and destroyed forty shops.",
                "Five people were killed in a road accident near Quetta on 3 May 2023."):
        assert run(raw) == [], raw


def test_condemnations_and_vows_are_no_events():
    raw = ("Pakistan strongly condemns the Israeli attacks on Iran. Pakistan vowed to stand behind Iran. "
           "Iran threatened to strike Tel Aviv.")
    assert run(raw, published="2025-06-20") == []


def test_the_attack_reported_is_an_event_at_the_attacked_place():
    ev = one(run("Israeli jets struck Isfahan on June 13.", published="2025-06-20"))
    assert names(ev) == "Isfahan" and ev.acled_type == "Explosions/Remote violence"
    assert ev.sub_event_type == "Air/drone strike" and "Israel" in " ".join(ev.actors)


def test_protest_peaceful_then_violent():
    assert one(run("Teachers staged a protest in Lahore on 3 May 2023.")).event_type == "peaceful_protest"
    evs = run("Students protested in Lahore on 3 May 2023. The protesters pelted the police with stones.")
    assert {e.event_type for e in evs} == {"violent_demonstration"}
    assert one(run("Police used tear gas to disperse protesters in Lahore on 3 May 2023.")).event_type == \
        "protest_with_intervention"


def test_violence_against_civilians_or_battle_by_the_target():
    assert one(run("Gunmen shot dead a farmer in Quetta on 3 May 2023.")).acled_type == "Violence against civilians"
    assert one(run("Gunmen shot dead two policemen in Quetta on 3 May 2023.")).acled_type == "Battles"
    assert one(run("A mob lynched a suspected thief in Quetta on 3 May 2023.")).acled_type == "Riots"


def test_acled_style_note_with_district_hint():
    raw = "On 3 May 2021, unknown gunmen killed a farmer in Kpakpa (Nikki, Borgou)."
    ev = one(run(raw, published="2021-05-04"))
    assert (names(ev), ev.geo_precision, ev.date, ev.date_precision) == ("Nikki", 2, "2021-05-03", "day")


def test_later_sentences_take_the_scene_and_merge_into_one_happening():
    raw = ("On 3 May 2021, gunmen attacked the village of Wote. Two people were killed in the attack. "
           "Police arrested a suspect.")
    evs = run(raw, published="2021-05-04")
    violence = [e for e in evs if e.acled_type == "Violence against civilians"]
    assert len(violence) == 2 and {(names(e), e.date) for e in violence} == {("Wote", "2021-05-03")}
    merged = merge_reports(evs)
    assert sorted(len(m.sources) for m in merged) == [1, 2]  # the attack (two sentences) and the arrest


def test_one_happening_told_by_two_articles_merges():
    a = Article("a", "a", "Pakistan conducted retaliatory airstrikes in Sistan and Baluchestan on January 18.",
                published="2024-01-19")
    b = Article("b", "b", "On Jan. 18, Pakistani jets struck hideouts in Sistan-Baluchistan.",
                published="2024-01-20")
    reps = []
    for art in (a, b):
        reps.extend(records(art.raw_text, published=art.published))
    evs = [r.event for r in reps]
    assert {e.event_type for e in evs} == {"air_strike"} and {e.date for e in evs} == {"2024-01-18"}
    (merged,) = merge_reports(evs)
    assert len(merged.sources) == 2


def test_coordinated_towns_give_one_report_each():
    evs = run("Iranian missiles targeted Tel Aviv and Haifa on 14 June 2025.")
    assert sorted(names(e) for e in evs) == ["Haifa", "Tel Aviv"]
    assert all(e.actors == ("Iran",) for e in evs)


def test_labelled_note():
    ev = one(run("Property destruction: On 3 May 2022, raiders burned a school in Nikki (Nikki, Borgou).",
                 published="2022-05-04"))
    assert (ev.event_type, ev.acled_type, ev.sub_event_type) == (
        "property_destruction", "Strategic developments", "Looting/property destruction")


def test_records_keep_the_date_phrase_and_the_rule():
    (r,) = records("Pakistan conducted airstrikes in Zahedan on January 18.")
    assert (r.event.date, r.date_text, r.rule) == (None, "January 18", "weapon")


def test_offsets_are_raw_offsets():
    raw = "\u201cNews\u201d \u2014 Iran\u2019s drone strikes hit Zahedan\u00a0on Jan.\u00a016,\u00a02024."
    ev = one(run(raw))
    assert raw[ev.mention_start:ev.mention_end] == "Zahedan"
    assert ev.date == "2024-01-16" and ev.actors == ("Iran",)


def test_a_paragraph_that_opens_with_a_date_alone_dates_its_scene():
    ev = one(run("23 June. Two groups of herders clashed near Quetta.", published="2018-06-24"))
    assert (ev.date, ev.date_precision, ev.date_inferred) == ("2018-06-23", "day", False)


def test_people_taking_justice_into_their_own_hands_riot():
    ev = one(run("On 3 May 2021, residents captured a suspected thief and burned him to death in Nikki.",
                 published="2021-05-04"))
    assert (ev.acled_type, ev.sub_event_type) == ("Riots", "Mob violence")
    ev = one(run("On 3 May 2021, villagers killed an elderly woman accused of sorcery in Nikki.",
                 published="2021-05-04"))
    assert ev.acled_type == "Riots"


def test_police_battle_protesters_is_a_riot_and_an_attempt_counts():
    assert one(run("Police battled protesters in Nairobi on 3 May 2021.")).acled_type == "Riots"
    ev = one(run("Party cadres tried to vandalise the office of a leader in Lahore on 3 May 2021."))
    assert ev.acled_type in ("Riots", "Strategic developments")


def test_scene_place_from_a_sentence_without_a_report():
    # the first sentence has no trigger; the second's killing happened there
    ev = one(run("On 3 May 2021, farmers confronted a presumed thief in Nikki. A farmer shot and killed him.",
                 published="2021-05-04"))
    assert ev.place.name == "Nikki"


def test_where_it_took_place_places_the_reports_before_it():
    evs = run("On 3 May 2021, a mob chased a police officer and lynched him. The incident took place at Wote.",
              published="2021-05-04")
    assert evs and all(e.place is not None and e.place.name == "Wote" for e in evs)
    # and it wins over a country the report named
    evs = merge_reports(run("On 3 May 2021, residents of Kenya blocked a road in protest. The protest took place "
                            "in Wote.", published="2021-05-04"))
    assert len(evs) == 1 and evs[0].place.name == "Wote"


def test_coordinated_districts_give_one_report_each():
    evs = run("On 3 May 2021, teachers demonstrated in Tangail and Netrakona.", published="2021-05-04")
    assert sorted(e.place.name for e in evs) == ["Netrakona", "Tangail"]


def test_an_opening_clause_and_the_main_clause_tell_two_happenings():
    raw = ("Following Iran's missile attack in Balochistan on Jan. 16, 2024, allegedly targeting militants, "
           "Pakistan responded by targeting insurgents in Iran on Jan. 18, 2024.")
    evs = run(raw, published="2024-01-20")
    by_date = {e.date: e for e in evs}
    assert set(by_date) == {"2024-01-16", "2024-01-18"}
    assert by_date["2024-01-16"].place.name == "Balochistan"
    # a state named as a country acting on another country's territory: a cross-border strike
    assert by_date["2024-01-18"].place.name == "Iran" and by_date["2024-01-18"].event_type == "air_strike"


def test_the_acting_state_not_the_opening_clauses_place():
    raw = ("In response to ongoing military actions in Gaza, Saudi Arabia has suspended the Abraham Accords, "
           "making normalisation contingent upon a Palestinian state.")
    ev = one(run(raw, keep_placeless=True))
    assert ev.event_type == "diplomatic_action" and ev.place.name == "Saudi Arabia"


def test_this_meeting_takes_the_date_of_the_meeting_before_it():
    raw = ("This commitment was reaffirmed at a meeting reported by the army on 29 January 2024. During this "
           "meeting, the minister met with General Munir in Rawalpindi. Drones violated the airspace over "
           "Panjgur.")
    evs = run(raw, keep_placeless=True)
    meeting = one(evs, "meeting_or_talks")
    assert meeting.date == "2024-01-29" and meeting.place.name == "Rawalpindi"
    # the borrowed date dates that report only, not the scene after it
    assert one(evs, "airspace_violation").date is None


def test_the_guns_of_a_paragraph_arm_its_clash():
    from explorer.core.events.extract import extract_events
    from explorer.core.models import Article
    text = ("On 31 July 2021, pastoralists and farmers clashed in the area of Ketou. "
            "Several farmers were wounded by machetes and gunshots.")
    art = Article(article_id="t", title="", raw_text=text)
    types = {e.event_type for e in extract_events(art, text, [])}
    assert "armed_clash" in types and "mob_violence" not in types


def test_a_grievance_hurts_nobody_in_the_protest():
    from explorer.core.events.extract import extract_events
    from explorer.core.models import Article
    text = ("On 9 September 2022, hundreds of people demonstrated in the square against the death of a woman "
            "in custody. Security forces fired tear gas.")
    types = [e.event_type for e in extract_events(Article(article_id="t", title="", raw_text=text), text, [],
                                                     keep_placeless=True)]
    assert set(types) == {"protest_with_intervention"}


def test_a_town_and_its_province_or_a_road_between_two_towns_are_one_place():
    evs = run("On 2 February 2021, a car bomb exploded near a checkpoint in Azaz, Aleppo, killing 4 people.",
              published="2021-02-03")
    assert [e.place.name for e in evs] == ["I‘zāz"]
    evs = run("On 30 January 2024, an armed group abducted 15 passengers on the road between Kaduna and Abuja.",
              published="2024-01-31")
    assert [e.place.name for e in evs] == ["Kaduna"]


def test_a_list_of_three_names_or_one_that_goes_on_is_coordinated():
    evs = run("On 3 May 2021, teachers demonstrated in Tangail, Netrakona, Gazipur.", published="2021-05-04")
    assert sorted(e.place.name for e in evs) == ["Gazipur", "Netrakona", "Tangail"]


def test_another_day_at_the_same_place_is_another_happening():
    evs = run("On 2 March 2024, a roadside bomb killed two soldiers in Quetta. In 2014, the army launched a "
              "major offensive against militants in Quetta.", published="2024-03-04")
    by_date = {e.date: e.event_type for e in evs}
    assert by_date["2024-03-02"] == "explosive_device"
    assert by_date["2014"] != "explosive_device"


def test_a_date_set_ahead_or_of_a_grievance_does_not_date_the_protest():
    evs = run("Activists protested in Quetta on Monday to demand a change before the elections scheduled on "
              "January 31.", published="2015-01-09")
    assert [e.date for e in evs] == ["2015-01-05"]
    evs = run("Teachers gathered in Quetta to protest the murder of a colleague on October 13th.",
              published="2018-10-23")
    assert all(e.date != "2018-10-13" for e in evs)


def test_a_label_takes_the_place_its_paragraph_names():
    evs = run("Property destruction: 28 April. Residents accuse police of torching houses in Wote.",
              published="2017-05-01")
    assert [(e.event_type, e.place.name) for e in evs] == [("property_destruction", "Wote")]


def test_a_note_opening_with_a_qualified_date_and_a_demand_s_date():
    evs = run("02 June (or around). Fulani militias attacked Wote and killed four residents.", published="2019-06-03")
    assert {e.date for e in evs} == {"2019-06-02"}
    evs = run("25 February. Rioters barricaded a road in Wote to protest for inclusive elections in April 2019.",
              published="2019-02-26")
    assert {e.date for e in evs} == {"2019-02-25"}


def test_deflating_tyres_makes_a_blockade_violent():
    evs = run("On 26 February 2018, protesters blocked the main road in Wote, deflating the tyres of 100 vehicles.",
              published="2018-02-27")
    assert {e.event_type for e in evs} == {"violent_demonstration"}


def test_villagers_attacking_a_fulani_camp():
    evs = run("On 23 March 2020, villagers in Nikki attacked a Fulani camp and wounded one herder.",
              published="2020-03-24")
    assert "attack_on_civilians" in {e.event_type for e in evs}


def test_a_report_whose_only_place_is_a_misreading_takes_the_paragraph_s_town_nearby():
    # "Sadar" of the test gazetteer is a town in Pakistan: in a story of Bangladesh it is a misreading
    raw = ("On 3 May 2021, rickshaw pullers blocked roads in Sadar against a ban. Traffic in Tangail stood still "
           "and pullers from Netrakona joined them.")
    evs = run(raw, published="2021-05-04")
    assert [(e.place.name, e.geo_precision) for e in evs] == [("Tangail", 2)]


def test_the_toll_of_a_crowd_clash_is_that_clash():
    # one happening: the deaths are the clash's toll, not an attack on civilians of their own
    evs = run("Three people were injured in Tangail after a clash broke out between supporters of two councillors.")
    assert [e.event_type for e in evs] == ["mob_violence"]
    # another deed told beside the clash keeps its own report
    evs = run("A trader was lynched by a mob in Tangail; two youths were beaten to death after a clash broke out.")
    assert sorted(e.event_type for e in evs) == ["attack_on_civilians", "mob_violence"]


def test_a_date_that_names_another_happening_does_not_date_the_report():
    ev = one(run("Traders demonstrated in Lahore over the results of the August 8 elections.", published="2024-09-06"))
    assert ev.date != "2024-08-08" and ev.date_precision != "day"
    ev = one(run("Traders demonstrated in Lahore on August 8 over the election results.", published="2024-09-06"))
    assert (ev.date, ev.date_precision) == ("2024-08-08", "day")


def test_a_list_of_towns_after_from_or_without_a_locative_word_gives_one_report_each():
    evs = run("Violent clashes were reported from Tangail, Netrakona and Teknaf, where party supporters clashed.")
    assert sorted(names(e) for e in evs) == ["Netrakona", "Tangail", "Teknaf"]
    # an unknown name inside the list is passed over
    evs = run("Activists staged demonstrations in several districts, including Tangail, Gopalgonj, Netrakona "
              "and Teknaf.")
    assert sorted(names(e) for e in evs) == ["Netrakona", "Tangail", "Teknaf"]
    # "from X to Y" is still one stretch of road
    assert len(run("Protesters blocked the highway from Kaduna to Abuja.")) == 1
