"""Checks for lesson 08, what happened next, 2016–2025.

Expected answers are computed from `data/` (events and forecasts), so a corrected row changes the answer with it.
"""
import math

import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Exercise, as_single_number, checker_for, correct, not_yet
from .common import DAYS_PER_YEAR, event_date, number_forms, read_years, years_slip

ARTICLE_DATE = pd.Timestamp("2016-10-26")
HALT = "2022-russia-quits-peace-treaty-talks"

# Exercise 1: years from the article to the halt of the talks ----------------------------------------------------


def expected_years_to_halt() -> float:
    return (event_date(HALT) - ARTICLE_DATE).days / DAYS_PER_YEAR


def judge_years_to_halt(answer: object, expected: float) -> object:
    value = read_years(answer)
    if not isinstance(value, float):
        return value
    if abs(value - expected) <= 0.1:
        return correct(f"About {expected:.1f} years: from October 2016 to 21 March 2022, when Moscow halted the "
                       "talks, weeks after Japan joined the sanctions over Russia's invasion of Ukraine.")
    if slip := years_slip(value, expected, 0.1):
        return slip
    if value in (5, 6):
        return not_yet("Close, but that is a whole number of years. Compute it from the days between the two dates, "
                       "divided by 365.25.")
    return not_yet(f"Not quite. Subtract `article_date` from the date of {HALT!r}, take .days, divide by 365.25.")


# Exercise 2: Russia's military moves on the islands after the article --------------------------------------------

def expected_military_moves() -> int:
    events = load_table("events")
    islands = events[(events["theme"] == "kurils") & (events["date"] > ARTICLE_DATE)]
    return int((islands["category"] == "military").sum())


def judge_military_moves(answer: object, expected: int) -> object:
    if isinstance(answer, pd.DataFrame):
        return not_yet(f"That is a table of {len(answer)} rows. Wrap it in len(...) to get the number.")
    value = as_single_number(answer)
    if value is None or math.isnan(value):
        return not_yet("Give one whole number: how many events.")
    if value == expected:
        return correct(f"{expected}: missiles, fighters, air defence and drills, from November 2016 to December 2022. "
                       "Russia calls them its own defence on its own territory; Japan protested each as contrary to "
                       "its position on the islands (see each event's statements).")
    events = load_table("events")
    islands = events[(events["theme"] == "kurils") & (events["date"] > ARTICLE_DATE)]
    if value == len(islands):
        return not_yet("That counts every event in `islands`. Keep only those of category `military`.")
    if value == int((events["category"] == "military").sum()):
        return not_yet("That counts military events in every theme and year. Count within `islands` only.")
    return not_yet("Not quite. Keep the rows of `islands` whose category is `military` and count them with len().")


# Exercise 3: grade three of the article's hopes and forecasts ----------------------------------------------------

GRADED = ["bear-fruit", "cam-ranh-return", "years-even-decades"]
VERDICTS = ["held", "did-not-hold", "too-early-to-say"]


def expected_grades() -> dict[str, str]:
    return load_table("forecasts").set_index("id").loc[GRADED, "verdict"].to_dict()


def judge_grades(answer: object, expected: dict[str, str]) -> object:
    if not isinstance(answer, dict):
        return not_yet("Give a dictionary, as in the answer cell: each forecast's id with a grade in quotes.")
    missing = [forecast for forecast in GRADED if answer.get(forecast, ...) is ...]
    if missing:
        return not_yet(f"{missing[0]!r} has no grade yet: replace its ... with one of {', '.join(VERDICTS)}.")
    unknown = [grade for grade in answer.values() if grade not in VERDICTS]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not a grade: use one of {', '.join(VERDICTS)}, in quotes.")
    reasons = load_table("forecasts").set_index("id")["reason"]
    for forecast in GRADED:
        if answer[forecast] != expected[forecast]:
            return not_yet(f"The kit grades {forecast!r} differently. Its reason: {reasons[forecast]} Do you agree? "
                           "If not, keep your grade for the discussion, with your evidence.")
    return correct("Your grades match the kit's. Each is a judgement on evidence: see the reasons with "
                   "`forecasts.set_index(\"id\").loc[list(my_grades), \"reason\"]`.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

EXERCISES = {
    "years-to-halt": Exercise(
        "years_to_halt", "a number of years", expected_years_to_halt, judge_years_to_halt,
        giveaways=lambda: number_forms(expected_years_to_halt(), "years"),
        right=lambda: [expected_years_to_halt(), round(expected_years_to_halt(), 1), np.float64(expected_years_to_halt())],
        wrong=lambda: [(-expected_years_to_halt(), "negative"), (expected_years_to_halt() * 365.25, "days"),
                       (5, "whole number of years"), (pd.Timedelta(days=1972), "Timedelta"), (2.0, "Not quite")]),
    "military-moves": Exercise(
        "military_moves", "a whole number", expected_military_moves, judge_military_moves,
        giveaways=lambda: [f"{expected_military_moves()} military", f"{expected_military_moves()} moves"],
        right=lambda: [expected_military_moves(), np.int64(expected_military_moves()), float(expected_military_moves())],
        wrong=lambda: [(expected_military_moves() + 1, "Not quite"),
                       (load_table("events").head(expected_military_moves()), "table of"), ("five", "whole number")]),
    "my-grades": Exercise(
        "my_grades", "a dictionary of grades", expected_grades, judge_grades,
        giveaways=lambda: [],
        right=lambda: [expected_grades(), dict(reversed(list(expected_grades().items())))],
        wrong=lambda: [({**expected_grades(), "bear-fruit": "held"}, "grades 'bear-fruit' differently"),
                       ({**expected_grades(), "cam-ranh-return": ...}, "has no grade yet"),
                       ({**expected_grades(), "bear-fruit": "maybe"}, "not a grade"), (["did-not-hold"], "dictionary")]),
}

check = checker_for(EXERCISES)
