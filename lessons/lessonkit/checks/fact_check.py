"""Checks for lesson 07, fact-checking the article.

The kit's verdicts and evidence live in `data/claims.csv`; the checks read them there, so a corrected verdict or a
better piece of evidence changes the feedback with it.
"""
import pandas as pd

from ..data import load_table
from ..exercises import Exercise, checker_for, correct, not_yet
from .common import as_list

VERDICTS = ["accurate", "partly-accurate", "inaccurate", "ungraded"]
NOT_CHECKABLE = {"opinion", "forecast"}


def _claims() -> pd.DataFrame:
    return load_table("claims").set_index("id")


# Exercise 1: which claims can be checked against data? ----------------------------------------------------------

SORTED = ["most-important-region", "nuclear-treaties-abrogated", "korean-ceasefire", "new-cold-war-more-dangerous",
          "persistence-may-bear-fruit"]


def expected_checkable() -> list[str]:
    kinds = _claims().loc[SORTED, "kind"]
    return sorted(kinds.index[~kinds.isin(NOT_CHECKABLE)])


def judge_checkable(answer: object, expected: list[str]) -> object:
    chosen = as_list(answer)
    if chosen is None:
        return not_yet('Give a list of claim ids in quotes, such as `["korean-ceasefire"]`.')
    unknown = [item for item in chosen if item not in SORTED]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the five claims in `five`: copy the ids from the table.")
    claims = _claims()
    for claim in sorted(set(chosen) - set(expected)):
        kind = {"opinion": "an opinion", "forecast": "a forecast"}[claims.at[claim, "kind"]]
        return not_yet(f"Not {claim!r}: it is {kind}. {claims.at[claim, 'reason']}")
    if set(chosen) == set(expected):
        return correct("Those two name events with dates and parties: the kit's tables can confirm or refute them. "
                       "The other three judge or predict; they can be argued, not checked.")
    return not_yet(f"You have {len(set(chosen))} of the {len(expected)}. Which other claim names something that "
                   "happened, with a who and a when?")


# Exercises 2 and 3: a verdict and the rows that decide it -------------------------------------------------------

# The rows without which a claim's verdict cannot be reached (a subset of the claim's evidence in claims.csv).
DECIDING = {
    "nuclear-treaties-abrogated": ["2016-plutonium-agreement-suspended", "2016-nuclear-research-agreement-suspended"],
    "technical-state-of-war": ["1956-joint-declaration-enters-into-force"],
}


def expected_check(claim: str) -> dict:
    return {"verdict": _claims().at[claim, "verdict"], "deciding": DECIDING[claim]}


def judge_check(claim: str):
    def judge(answer: object, expected: dict) -> object:
        if not isinstance(answer, dict) or not {"verdict", "evidence"} <= set(answer):
            return not_yet("Give a dictionary with a 'verdict' and an 'evidence' list, as in the answer cell.")
        verdict, evidence = answer["verdict"], as_list(answer["evidence"])
        if verdict is ... or evidence is None or ... in evidence:
            return not_yet("Replace each `...`: a verdict in quotes, and a list of event ids in quotes.")
        if verdict not in VERDICTS:
            return not_yet(f"{verdict!r} is not a verdict: use one of {', '.join(VERDICTS)}.")
        events = set(load_table("events")["id"])
        unknown = [item for item in evidence if item not in events]
        if unknown:
            return not_yet(f"{unknown[0]!r} is not an event id: copy ids from the events table above.")
        missing = [item for item in expected["deciding"] if item not in evidence]
        reason = _claims().at[claim, "reason"]
        if verdict != expected["verdict"]:
            return not_yet(f"The kit's verdict differs from {verdict!r}. Read the quote word by word against the "
                           "events: which words does the evidence bear out, and which not?")
        if missing:
            return not_yet(f"The verdict matches the kit's, but your evidence lacks {missing[0]!r}, a row that "
                           "decides it. A verdict is only as good as the rows behind it.")
        return correct(f"{verdict}, on the right evidence. The kit's reason: {reason}")
    return judge


EXERCISES = {
    "checkable": Exercise("checkable", "a list of claim ids", expected_checkable, judge_checkable),
    "nuclear-treaties": Exercise("treaties_check", "a dictionary with a verdict and evidence",
                                 lambda: expected_check("nuclear-treaties-abrogated"),
                                 judge_check("nuclear-treaties-abrogated")),
    "state-of-war": Exercise("state_of_war_check", "a dictionary with a verdict and evidence",
                             lambda: expected_check("technical-state-of-war"), judge_check("technical-state-of-war")),
}

check = checker_for(EXERCISES)
