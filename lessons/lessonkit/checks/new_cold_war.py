"""Checks for lesson 06, a new or an old Cold War?

Counts and ratios are computed from `data/`; the structured case of exercise 3 is checked for what has a right
answer (a known position, evidence that exists in the kit's tables, a counter-argument), and the rest is left to the
rubric in the instructor guide.
"""
import math

import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Exercise, as_single_number, checker_for, correct, not_yet
from .common import as_list, figure_value, near, number_forms

# Exercise 1: how many US-Russian arms-control agreements were suspended or ended from 2016 on? -----------------

# The kit's arms-control events, by agreement (the lesson builds the same table with .map).
AGREEMENT_OF = {
    "1987-inf-treaty-signed": "INF Treaty",
    "2019-inf-suspension-announced": "INF Treaty",
    "2019-russia-suspends-inf-treaty": "INF Treaty",
    "2019-inf-withdrawal-effective": "INF Treaty",
    "2000-plutonium-agreement-signed": "Plutonium agreement",
    "2010-plutonium-protocol-signed": "Plutonium agreement",
    "2016-plutonium-agreement-suspended": "Plutonium agreement",
    "2025-plutonium-agreement-denounced": "Plutonium agreement",
    "2016-nuclear-research-agreement-suspended": "Nuclear research agreement",
    "2010-new-start-signed": "New START",
    "2011-new-start-enters-into-force": "New START",
    "2021-new-start-extended": "New START",
    "2023-russia-suspends-new-start": "New START",
    "2020-us-leaves-open-skies-treaty": "Open Skies Treaty",
    "2021-russia-leaves-open-skies-treaty": "Open Skies Treaty",
}
ENDINGS = ("suspend", "exit", "withdrawal", "leaves", "ending", "denounc")


def arms_control_events() -> pd.DataFrame:
    events = load_table("events").set_index("id").loc[list(AGREEMENT_OF)].reset_index()
    return events.assign(agreement=events["id"].map(AGREEMENT_OF))


def expected_agreements_cut() -> int:
    events = arms_control_events()
    cut = events["title"].str.lower().str.contains("|".join(ENDINGS)) & (events["date"].dt.year >= 2016)
    return events.loc[cut, "agreement"].nunique()


def judge_agreements_cut(answer: object, expected: int) -> object:
    value = as_single_number(answer)
    if value is None or math.isnan(value):
        return not_yet("Give one whole number: how many different agreements.")
    if value == expected:
        return correct(f"{expected}: the INF Treaty, Open Skies, New START, the plutonium agreement and the nuclear "
                       "research agreement. The old Cold War built these agreements; since 2016 each has been "
                       "suspended or left. The article's 'a series of nuclear treaties' fits the years after it "
                       "better than October 2016 itself.")
    events = arms_control_events()
    if value == len(events[events["date"].dt.year >= 2016]):
        return not_yet("That counts events, not agreements: several events belong to one agreement. Count the "
                       "different values of the `agreement` column with .nunique().")
    return not_yet("Not quite. Keep the events from 2016 on, then count the different agreements with .nunique().")


# Exercise 2: how much did Russia-China trade grow from 2016 to 2024? --------------------------------------------


def expected_growth() -> float:
    return figure_value("trade-russia-china-2024") / figure_value("trade-russia-china-2016")


def judge_growth(answer: object, expected: float) -> object:
    value = as_single_number(answer)
    if value is None or math.isnan(value):
        return not_yet("Give one number: 2024's trade divided by 2016's, such as 1.5.")
    if near(value, expected, 0.02):
        return correct(f"About {expected:.1f} times, in dollars of each year (not adjusted for inflation). Russia and "
                       "China traded far more in 2024 than in 2016, while US-China trade stayed much larger still: "
                       "ties the Soviet Union and the United States never had.")
    if near(value, 1 / expected, 0.02):
        return not_yet("That is 2016 divided by 2024. Divide the later year by the earlier one.")
    if near(value, (expected - 1) * 100, 0.02):
        return not_yet("That is the growth in per cent. The exercise asks how many times larger: 2024 / 2016.")
    if near(value, figure_value("trade-us-china-2024") / figure_value("trade-us-china-2016"), 0.02):
        return not_yet("That is US-China trade. The exercise asks for Russia-China trade.")
    return not_yet("Not quite: divide `trade-russia-china-2024` by `trade-russia-china-2016`.")


# Exercise 3: a case for one position, with evidence and a counter-argument ---------------------------------------

POSITIONS = ["new-cold-war", "cold-war-returns", "not-a-cold-war"]
MIN_COUNTER_WORDS = 12


def known_ids() -> dict[str, str]:
    """Every id a piece of evidence may name, with the table it is in."""
    ids = {}
    for table in ("events", "figures", "voices"):
        ids.update({row_id: table for row_id in load_table(table)["id"]})
    return ids


def judge_case(answer: object, known: dict[str, str]) -> object:
    if not isinstance(answer, dict):
        return not_yet("Give a dictionary with three keys, as in the answer cell: 'position', 'evidence' and "
                       "'counter'.")
    missing = [key for key in ("position", "evidence", "counter") if key not in answer]
    if missing:
        return not_yet(f"The dictionary has no {missing[0]!r} yet: keep the three keys of the answer cell.")
    position, evidence, counter = answer["position"], answer["evidence"], answer["counter"]
    if position is ... or counter is ... or (isinstance(evidence, list) and ... in evidence):
        return not_yet("Replace each `...` in `my_case` with your own: a position in quotes, a list of ids, and "
                       "a sentence or two.")
    if position not in POSITIONS:
        return not_yet(f"'position' should be one of {', '.join(POSITIONS)} (in quotes); it is {position!r}.")
    evidence = as_list(evidence)
    if evidence is None or len(evidence) < 2:
        return not_yet("'evidence' should be a list of at least two ids from the kit's tables, such as "
                       "`[\"2019-inf-withdrawal-effective\", \"trade-us-china-2024\"]`.")
    unknown = [item for item in evidence if item not in known]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not an id in the events, figures or voices tables: copy ids from the "
                       "tables above.")
    if all(known[item] == "voices" for item in evidence):
        return not_yet("All your evidence is scholars' opinions. Add at least one event or figure: data the "
                       "scholars could be asked to explain.")
    if not isinstance(counter, str) or len(counter.split()) < MIN_COUNTER_WORDS:
        return not_yet(f"'counter' should be the strongest argument against your position, in a sentence or two "
                       f"(at least {MIN_COUNTER_WORDS} words).")
    tables = ", ".join(f"{known[item]} {item}" for item in evidence)
    return correct(f"A well-formed case for '{position}', resting on {tables}, with a counter-argument. Whether it "
                   "persuades is for the discussion: the instructor guide's rubric asks if the evidence supports the "
                   "claim, if the counter-argument is the strongest one, and if you answered it.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

COUNTER = "The arms-control agreements the old Cold War built have been cut one by one since 2016, like the old rivalry."
CASE = {"position": "new-cold-war", "evidence": ["trade-us-china-2024", "2024-russia-north-korea-treaty-in-force"],
        "counter": COUNTER}

EXERCISES = {
    "agreements-cut": Exercise(
        "agreements_cut", "a whole number", expected_agreements_cut, judge_agreements_cut,
        giveaways=lambda: [f"{expected_agreements_cut()} agreements", f"{expected_agreements_cut()} rows"],
        right=lambda: [expected_agreements_cut(), np.int64(expected_agreements_cut()), float(expected_agreements_cut())],
        wrong=lambda: [(int((arms_control_events()["date"].dt.year >= 2016).sum()), "counts events"),
                       (len(AGREEMENT_OF) - 4, "Not quite"), (expected_agreements_cut() + 1, "Not quite"),
                       ("5", "whole number")]),
    "russia-china-growth": Exercise(
        "trade_growth", "a number", expected_growth, judge_growth,
        giveaways=lambda: number_forms(expected_growth(), "times"),
        right=lambda: [expected_growth(), round(expected_growth(), 1), np.float64(expected_growth())],
        wrong=lambda: [(1 / expected_growth(), "2016 divided by 2024"), ((expected_growth() - 1) * 100, "per cent"),
                       (688.3 / 519.6, "US-China"), (10, "Not quite")]),
    "my-case": Exercise(
        "my_case", "a dictionary with 'position', 'evidence' and 'counter'", known_ids, judge_case,
        giveaways=lambda: [], form_only=True,
        right=lambda: [CASE, {**CASE, "position": "not-a-cold-war",
                              "evidence": ("westad-2018-has-a-new-cold-war-really-begun", "2019-inf-withdrawal-effective")}],
        wrong=lambda: [({**CASE, "position": "hot war"}, "should be one of"),
                       ({**CASE, "evidence": ["trade-us-china-2024"]}, "at least two"),
                       ({**CASE, "evidence": ["trade-us-china-2024", "made-up-id"]}, "'made-up-id' is not"),
                       ({**CASE, "evidence": ["lind-2018-cold-war-ii", "lucas-2008-the-new-cold-war"]}, "scholars' opinions"),
                       ({**CASE, "counter": "No."}, "at least 12 words"), ({"position": "new-cold-war"}, "no 'evidence'"),
                       ({**CASE, "position": ...}, "Replace each"), ("new-cold-war", "dictionary")]),
}

check = checker_for(EXERCISES)
