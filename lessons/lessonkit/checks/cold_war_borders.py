"""Checks for lesson 01, a new Cold War on Russia's borders: the Baltic, the Black Sea and Syria.

Expected answers are computed from `data/`, so a corrected coordinate, range or date changes the answer with it.
"""
import itertools
import math

import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Exercise, Feedback, as_single_number, checker_for, correct, not_yet
from .common import (
    KM_PER_MILE,
    as_list,
    event_date,
    km_between,
    near,
    normalised,
    number_forms,
    read_kilometres,
    read_number,
    unit_slip,
)
from .manifest import OSM_LAYER, ChartShows, LessonShows, Manifest, MapShows, markers

# Exercise 1: how far is Russia's air base in Syria from Russia? --------------------------------------------------

AIR_BASE, NEAREST_RUSSIAN_CITY = "hmeimim", "sochi"
EXAMPLE_START = "sevastopol"  # the lesson's worked example measures Sevastopol to Sochi


def expected_hmeimim_km() -> float:
    return km_between(AIR_BASE, NEAREST_RUSSIAN_CITY)


def judge_hmeimim_distance(answer: object, expected: float) -> Feedback:
    value = read_kilometres(answer, "1234.5")
    if near(value, expected, 0.02):
        return correct(f"About {value:,.0f} km, with Turkey and the Black Sea in between. Keep the number for "
                       "discussion question 1: which of the article's three theatres border Russia directly?")
    if slip := unit_slip(value, expected, 0.02):
        return slip
    if near(value, km_between(EXAMPLE_START, NEAREST_RUSSIAN_CITY), 0.02):
        return not_yet("That is the distance from Sevastopol to Sochi, the example above. The exercise starts from "
                       "the air base, Hmeimim (`hmeimim`).")
    if near(value, km_between("tartus", NEAREST_RUSSIAN_CITY), 0.02):
        return not_yet("That starts from Tartus, the naval facility. The exercise asks for the air base, Hmeimim "
                       "(`hmeimim`).")
    if value < 60:
        return not_yet("That looks like a difference in degrees, not a distance. Pass the four coordinates to "
                       "haversine_km, which works on degrees.")
    return not_yet("Not quite: check that you used hmeimim and sochi, and gave haversine_km each place's latitude "
                   "before its longitude.")


# Exercise 2: which capitals lie within the Iskander-M's reported range of Kaliningrad? ---------------------------

LAUNCH_SITE = "kaliningrad"
CAPITALS = ["vilnius", "riga", "tallinn", "warsaw", "helsinki", "stockholm"]


def iskander_km() -> float:
    return float(load_table("figures").set_index("id").at["iskander-m-range", "value"])


def expected_capitals_in_reach() -> set[str]:
    return {capital for capital in CAPITALS if km_between(LAUNCH_SITE, capital) <= iskander_km()}


def _capital_named(name: object) -> str | None:
    """The capital's id for an id or an English name in any case ('Vilnius', 'vilnius'), else None."""
    if not isinstance(name, str):
        return None
    names = load_table("places").set_index("id").loc[CAPITALS, "name_en"]
    for capital, english in names.items():
        if normalised(name) in {capital, normalised(english)}:
            return capital
    return None


def judge_capitals_in_reach(answer: object, expected: set[str]) -> Feedback:
    if isinstance(answer, str):
        return not_yet('Give a list of ids in square brackets, such as `["minsk", "kyiv"]`, not a single text.')
    items = as_list(answer)
    if items is None:
        return not_yet(f"Give a list of capitals' ids, such as `[\"minsk\", \"kyiv\"]`; you stored a value of type "
                       f"{type(answer).__name__}.")
    answer = items
    named = [_capital_named(item) for item in answer]
    unknown = [item for item, capital in zip(answer, named, strict=True) if capital is None]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the six capitals in the table: use ids such as 'vilnius', "
                       "in quotes.")
    if len(named) != len(set(named)):
        return not_yet("A capital appears twice in your list: give each id once.")
    chosen, reach = set(named), iskander_km()
    if chosen == expected:
        listed = ", ".join(sorted(capital.capitalize() for capital in expected))
        as_ids = [capital for item, capital in zip(answer, named, strict=True) if item != capital]
        form = (f"the exercise asks for ids, as the places table spells them: {as_ids[0]!r}, not "
                f"{answer[named.index(as_ids[0])]!r}." if as_ids else "")
        return correct(f"{listed}: each within the reported {reach:,.0f} km of Kaliningrad. That is what worried "
                       "Vilnius and Warsaw in October 2016. Stockholm, Tallinn and Helsinki lie beyond it, by this "
                       "figure; the longer range some sources suggest would bring them in.", form=form)
    # One message for every wrong set: telling "one too many" from "one missing" would let six tries sort the six
    # capitals without measuring any of them.
    return not_yet("That is not the set of capitals within the reported range. Measure each capital's distance "
                   "from Kaliningrad with haversine_km (latitude before longitude) and keep "
                   "every capital whose distance is <= iskander_km; a comprehension does it in one line.")


def capitals_giveaways() -> list[str]:
    """Each in-reach capital's distance as a learner would round it, and the answer as a sentence would list it."""
    distances = [form for capital in expected_capitals_in_reach()
                 for form in number_forms(km_between(LAUNCH_SITE, capital), "km", 0)]
    names = [capital.capitalize() for capital in expected_capitals_in_reach()]
    listed = [f"{', '.join(order[:-1])} and {order[-1]}" for order in itertools.permutations(names)]
    return distances + listed


# Exercise 3: how many days did the September 2016 Syria deal last? ----------------------------------------------

DEAL, END_OF_TALKS = "2016-syria-geneva-deal", "2016-us-suspends-syria-talks"
TRUCE_STARTS = "2016-syria-ceasefire-starts"
# The truce on the ground broke down before the talks ended: counting to one of these is measuring the truce.
TRUCE_BREAKDOWN = ["2016-deir-ez-zor-air-raid", "2016-aleppo-aid-convoy-attack", "2016-aleppo-offensive"]


def expected_deal_days() -> int:
    return (event_date(END_OF_TALKS) - event_date(DEAL)).days


def deal_days_giveaways() -> list[str]:
    """The answer as text, and the two dates as prose, a table, a chart's hover or the chart itself would show them:
    with both dates readable a calendar does the exercise."""
    days = expected_deal_days()
    dates = []
    for date in (event_date(DEAL), event_date(END_OF_TALKS)):
        dates += [f"{date.day} {date:%B}", f"{date:%Y-%m-%d}", f"{date:%d %b %Y}", f"{date.day} {date:%b %Y}",
                  f"{date:%Y-%m-%dT%H:%M:%S.%f}"]  # the last as a plotly timeline stores it (hover: 09 Sep 2016)
    return [f"{days} days", f"{days}-day", *dates]


def judge_deal_days(answer: object, expected: int) -> Feedback:
    form = ""
    if isinstance(answer, pd.Timedelta):
        answer = answer.days
        form = "the exercise asks for a whole number of days, and yours is a Timedelta: add .days to get the number."
    if isinstance(answer, pd.Timestamp):
        return not_yet("That is a date. Subtract the earlier date from the later one to get a length of time, "
                       "then take its `.days`.")
    if isinstance(answer, str):
        return not_yet("Your answer is text. Give the number of days without quotes, such as 7.")
    value = read_number(answer, "Give one whole number of days, such as 7.")
    if value == expected:
        return correct(f"{expected} days, from the Geneva deal of 9 September to the US suspension of talks on "
                       "3 October 2016; the truce on the ground had broken down within days. The same day Putin "
                       "suspended the plutonium agreement: the article's 'in the wake of the Syrian ceasefire "
                       "collapse'.", form=form)
    if value < 0:
        return not_yet("A length of time here is positive: subtract the earlier date from the later one.")
    if value == (event_date(END_OF_TALKS) - event_date(TRUCE_STARTS)).days:
        return not_yet("That counts from the day the truce took effect. The exercise counts from the deal itself, "
                       "the day Kerry and Lavrov agreed the plan.")
    if value in {(event_date(event) - event_date(DEAL)).days for event in TRUCE_BREAKDOWN}:
        return not_yet("That ends with the truce breaking down on the ground. The exercise counts to the day the "
                       "United States suspended its Syria talks with Russia.")
    # One message for every other number: a message for "one too many" would point to the answer.
    return not_yet("Not quite. Find the deal (Kerry and Lavrov agree) and the US suspension of talks in the table "
                   "of Syria events, subtract the deal's date from the suspension's and take .days, all with code: "
                   "subtracting dates already counts the days between them, so add or remove nothing by hand.")


# Exercise 4: "abrogated a series of nuclear treaties"? Count from the autumn's treaty rows, then grade the claim --
# The two counts and the grade are judged together: any wrong one gets the same message, so the message never says
# which is off, and a second guess at the grade alone does not pass.

CLAIM = "nuclear-treaties-abrogated"
# What each October 2016 treaty row's description says Russia did, agreement by agreement (read from the rows).
AGREEMENTS_IN_ROWS = {
    "2016-plutonium-agreement-suspended": ["suspended"],  # the 2000 plutonium disposition agreement
    "2016-nuclear-research-agreement-suspended": ["suspended", "ended"],  # 2013 research pact; 2010 Rosatom-DOE
}
SUSPENDED_KEY, ENDED_KEY, VERDICT_KEY = "suspended", "ended", "verdict"
GRADES = ("accurate", "partly-accurate", "inaccurate")


def expected_treaty_grade() -> dict:
    events = load_table("events").set_index("id")
    steps = [step for event_id, row_steps in AGREEMENTS_IN_ROWS.items() if event_id in events.index
             for step in row_steps]
    claims = load_table("claims").set_index("id")
    return {SUSPENDED_KEY: steps.count("suspended"), ENDED_KEY: steps.count("ended"),
            VERDICT_KEY: str(claims.at[CLAIM, "verdict"])}


def _whole_number(answer: object) -> int | None:
    value = as_single_number(answer)
    if value is None or not math.isfinite(value) or value != int(value):
        return None
    return int(value)


TREATY_NOT_YET = ("The three do not all match the rows. Read each `treaty` row's `description` in full: "
                  "every agreement it says Russia suspended counts once in `suspended`, every one it says Russia "
                  "terminated (ended) once in `ended`; one row can name two agreements. Then apply the rule: "
                  "'accurate' if every agreement was ended, 'inaccurate' if none was, 'partly-accurate' otherwise.")


def judge_treaty_grade(answer: object, expected: dict) -> Feedback:
    keys = (SUSPENDED_KEY, ENDED_KEY, VERDICT_KEY)
    if not isinstance(answer, dict) or not set(keys) <= set(answer):
        return not_yet("`treaty_check` should be the dictionary the answer cell's last line makes, with "
                       f"`{SUSPENDED_KEY}`, `{ENDED_KEY}` and `{VERDICT_KEY}` in it: keep that line and fill in the "
                       "three above it.")
    for key in keys:
        if answer[key] is ...:
            return not_yet(f"`{key}` has no answer yet: replace its `...`.")
    for key in (SUSPENDED_KEY, ENDED_KEY):
        if isinstance(answer[key], str):
            return not_yet(f"`{key}` is text. Give the count as a number without quotes, such as 4.")
        if _whole_number(answer[key]) is None:
            return not_yet(f"`{key}` should be one whole number: how many agreements.")
    verdict = answer[VERDICT_KEY]
    if not isinstance(verdict, str) or normalised(verdict).replace(" ", "-") not in GRADES:
        return not_yet(f"`{VERDICT_KEY}` should be one of the grades in quotes: 'accurate', 'partly-accurate' or "
                       "'inaccurate'.")
    given = (_whole_number(answer[SUSPENDED_KEY]), _whole_number(answer[ENDED_KEY]),
             normalised(verdict).replace(" ", "-"))
    if given != (expected[SUSPENDED_KEY], expected[ENDED_KEY], expected[VERDICT_KEY]):
        return not_yet(TREATY_NOT_YET)
    return correct(f"{expected[SUSPENDED_KEY]} suspended (the plutonium disposition agreement on 3 October, the 2013 "
                   f"nuclear and energy research agreement on 5 October) and {expected[ENDED_KEY]} ended (the 2010 "
                   "Rosatom-DOE agreement on converting research reactors). Three agreements in three days: 'a "
                   "series' is fair; 'abrogated' fits only the one ended; none limited arsenals as New START, which "
                   "stayed in force, does. The kit's claims table grades it the same. Russia ended the plutonium "
                   "agreement only by a law of October 2025.")


def _treaty(suspended: object = None, ended: object = None, verdict: object = None) -> dict:
    expected = expected_treaty_grade()
    return {SUSPENDED_KEY: expected[SUSPENDED_KEY] if suspended is None else suspended,
            ENDED_KEY: expected[ENDED_KEY] if ended is None else ended,
            VERDICT_KEY: expected[VERDICT_KEY] if verdict is None else verdict}


# What the tests try on each exercise. -----------------------------------------------------------------------------

EXERCISES = {
    "hmeimim-distance": Exercise(
        "hmeimim_to_sochi_km", "a number of kilometres", expected_hmeimim_km, judge_hmeimim_distance,
        giveaways=lambda: number_forms(expected_hmeimim_km(), "km", 0),
        right=lambda: [expected_hmeimim_km(), np.float64(expected_hmeimim_km()), pd.Series([expected_hmeimim_km()]),
                       round(expected_hmeimim_km())],
        wrong=lambda: [(expected_hmeimim_km() * 1000, "metres"), (expected_hmeimim_km() / KM_PER_MILE, "miles"),
                       (12.0, "degrees"), (km_between(EXAMPLE_START, NEAREST_RUSSIAN_CITY), "Sevastopol to Sochi"),
                       (km_between("tartus", "sochi"), "Tartus")]),
    "capitals-in-reach": Exercise(
        "capitals_in_reach", "a list of capitals' ids", expected_capitals_in_reach, judge_capitals_in_reach,
        giveaways=lambda: capitals_giveaways(),
        right=lambda: [sorted(expected_capitals_in_reach()), sorted(expected_capitals_in_reach())[::-1],
                       set(expected_capitals_in_reach()), pd.Series(sorted(expected_capitals_in_reach())),
                       np.array(sorted(expected_capitals_in_reach())),
                       [capital.capitalize() for capital in expected_capitals_in_reach()]],
        wrong=lambda: [([*expected_capitals_in_reach(), "stockholm"], "not the set of capitals"),
                       (CAPITALS, "not the set of capitals"),
                       (sorted(expected_capitals_in_reach())[:1], "not the set of capitals"),
                       (["tallinn"], "not the set of capitals"), (["vilnius"], "not the set of capitals"),
                       ([], "not the set of capitals"),
                       ([*expected_capitals_in_reach(), "vilnius"], "appears twice"),
                       ("vilnius", "not a single text"), (["vilnius", "berlin"], "'berlin' is not one"),
                       (3, "type int")]),
    "deal-days": Exercise(
        "deal_lasted_days", "a whole number of days", expected_deal_days, judge_deal_days,
        giveaways=deal_days_giveaways,
        right=lambda: [expected_deal_days(), np.int64(expected_deal_days()), pd.Timedelta(days=expected_deal_days()),
                       float(expected_deal_days())],
        wrong=lambda: [(expected_deal_days() + 1, "add or remove nothing"), (-expected_deal_days(), "positive"),
                       (21, "truce took effect"), (13, "truce breaking down"),
                       (pd.Timestamp("2016-10-03"), "That is a date"), (30, "Not quite")]),
    "treaty-grade": Exercise(
        "treaty_check", f"the dictionary of the answer cell, with `{SUSPENDED_KEY}` and `{ENDED_KEY}` (whole numbers) "
        f"and `{VERDICT_KEY}` (a grade in quotes)", expected_treaty_grade, judge_treaty_grade,
        giveaways=lambda: ["two suspended", "2 suspended", "suspended two",
                           "one ended", "1 ended", "ended one", "two agreements suspended"],
        right=lambda: [_treaty(), _treaty(np.int64(2), 1.0), _treaty(verdict="Partly accurate"),
                       _treaty(pd.Series([2]), np.int64(1))],
        wrong=lambda: [(_treaty(verdict="accurate"), "do not all match"),
                       (_treaty(verdict="inaccurate"), "do not all match"),
                       (_treaty(1, 0), "do not all match"), (_treaty(2, 0), "do not all match"),
                       (_treaty(3, 0, "inaccurate"), "do not all match"), (_treaty(1, 1), "do not all match"),
                       (_treaty("2"), "is text"), (_treaty(2.5), "whole number"), (_treaty(ended=...), "no answer"),
                       (_treaty(verdict="true"), "one of the grades"), (_treaty(verdict=True), "one of the grades"),
                       ({SUSPENDED_KEY: 2}, "dictionary"), ("partly-accurate", "dictionary")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..maps import AREA_COLOURS
    from ..style import OKABE_ITO
    from ..timelines import events_with_sources
    capitals = ["kaliningrad", "vilnius", "riga", "tallinn", "warsaw", "helsinki", "stockholm"]
    theatres = MapShows(  # the places of the three theatres in black, each theatre's outline one polygon in colour
        markers=markers({OKABE_ITO["black"]: [*capitals[:1], "baltiysk", *capitals[1:], "crimea", "sevastopol",
                                              "kerch-strait", "sochi", "tartus", "hmeimim", "aleppo", "damascus"]}),
        lines={AREA_COLOURS[area].lower(): 1 for area in ["baltic-sea", "black-sea", "syria"]},
        layers=(OSM_LAYER, "The three theatres (approximate)", "Places"))
    in_range = MapShows(markers={**markers({OKABE_ITO["black"]: capitals}), OKABE_ITO["vermillion"].lower(): 1})
    events = events_with_sources("cold-war-borders").query("date.dt.year >= 2014 and date.dt.year <= 2016")
    until_august, autumn = events[events["date"] <= "2016-08-31"], events[events["date"] >= "2016-09-01"]
    return LessonShows(
        maps=[MapShows(),  # step 1, the base map: land only
              theatres,
              in_range],  # step 5: Kaliningrad, six capitals and the Iskander-M's reported range
        charts=[ChartShows(until_august["category"].nunique(), len(until_august)),  # 2014 to August 2016
                ChartShows(autumn["category"].nunique(), len(autumn))])  # the autumn of 2016, after exercise 2


def _guide_keys() -> dict[str, list[str]]:
    grade = expected_treaty_grade()
    return {"hmeimim-distance": [f"about {expected_hmeimim_km():,.0f} km"],
            "capitals-in-reach": [f'"{capital}"' for capital in sorted(expected_capitals_in_reach())],
            "deal-days": [f"**{expected_deal_days()}** days"],
            "treaty-grade": [f"`suspended` **{grade['suspended']}**", f"`ended` **{grade['ended']}**",
                             f"`verdict` **\"{grade['verdict']}\"**"]}


MANIFEST = Manifest("01-cold-war-on-russias-borders", _shows, EXERCISES, _guide_keys,
                    taught=["*", "-", ".drop_duplicates()", "a, b = (tuple unpacking)", "comprehension", "dict {}",
                            "float()", "folium.Circle", "folium.FeatureGroup", "folium.GeoJson", "folium.LayerControl",
                            "folium.Popup", "px.scatter", "round()", ".days"])
