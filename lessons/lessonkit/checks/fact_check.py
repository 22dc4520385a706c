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


# What the tests try on each exercise. -----------------------------------------------------------------------------

def _answer(claim: str, verdict: str) -> dict:
    return {"verdict": verdict, "evidence": DECIDING[claim]}


TREATIES, WAR = "nuclear-treaties-abrogated", "technical-state-of-war"

EXERCISES = {
    "checkable": Exercise(
        "checkable", "a list of claim ids", expected_checkable, judge_checkable,
        giveaways=lambda: [],
        right=lambda: [expected_checkable(), expected_checkable()[::-1], set(expected_checkable()),
                       pd.Series(expected_checkable())],
        wrong=lambda: [([*expected_checkable(), "most-important-region"], "an opinion"),
                       ([*expected_checkable(), "persistence-may-bear-fruit"], "a forecast"),
                       (expected_checkable()[:1], "1 of the 2"), (["made-up"], "not one of the five"),
                       ("korean-ceasefire", "list of claim ids")]),
    "nuclear-treaties": Exercise(
        "treaties_check", "a dictionary with a verdict and evidence", lambda: expected_check(TREATIES),
        judge_check(TREATIES),
        giveaways=lambda: [],
        right=lambda: [_answer(TREATIES, "partly-accurate"),
                       {**_answer(TREATIES, "partly-accurate"),
                        "evidence": [*DECIDING[TREATIES], "2000-plutonium-agreement-signed"]}],
        wrong=lambda: [(_answer(TREATIES, "accurate"), "differs"),
                       ({**_answer(TREATIES, "partly-accurate"), "evidence": DECIDING[TREATIES][:1]}, "lacks"),
                       (_answer(TREATIES, "true"), "not a verdict"),
                       ({**_answer(TREATIES, "partly-accurate"), "evidence": ["x"]}, "not an event id"),
                       ({"verdict": ..., "evidence": [...]}, "Replace each")]),
    "state-of-war": Exercise(
        "state_of_war_check", "a dictionary with a verdict and evidence", lambda: expected_check(WAR),
        judge_check(WAR),
        giveaways=lambda: [],
        right=lambda: [_answer(WAR, "inaccurate"),
                       {"verdict": "inaccurate", "evidence": ("1956-soviet-japanese-joint-declaration",
                                                              "1956-joint-declaration-enters-into-force")}],
        wrong=lambda: [(_answer(WAR, "accurate"), "differs"),
                       ({"verdict": "inaccurate", "evidence": ["1945-soviet-declaration-of-war-on-japan"]}, "lacks"),
                       ("inaccurate", "dictionary")]),
}

check = checker_for(EXERCISES)
