"""Checks for lesson 07, fact-checking the article.

The kit's verdicts and evidence live in `data/claims.csv`; the checks read them there, so a corrected verdict or a
better piece of evidence changes the feedback with it.
"""
import re

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, checker_for, correct, not_yet
from .common import as_list

VERDICTS = ["accurate", "partly-accurate", "inaccurate", "ungraded"]
NOT_CHECKABLE = {"opinion", "forecast"}


def _claims() -> pd.DataFrame:
    return load_table("claims").set_index("id")


def _reason_opening(claim: str) -> str:
    """The kit's reason up to its first colon or semicolon: the words that state the verdict's grounds."""
    return re.split(r"[:;]", _claims().at[claim, "reason"])[0].strip()


def _shown_beside(claim: str, column: str) -> list[str]:
    """A column's value for a claim as a table or list would show it beside the claim's id, paragraph or quote."""
    row, value = _claims().loc[claim], _claims().at[claim, column]
    forms = [f"{claim} {value}", f"{claim} {row.paragraph} {value}", f"{value} {row.quote}", f"{row.quote} {value}"]
    return forms if column == "kind" else [*forms, f"{row.quote} {row.kind} {value}"]


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
    unknown = [item for item in chosen if not isinstance(item, str) or item not in SORTED]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the five claims in `five`: copy the ids from the table.")
    if len(set(chosen)) < len(chosen):
        return not_yet("Your list names a claim twice: give each id once.")
    claims = _claims()
    for claim in sorted(set(chosen) - set(expected)):
        kind = {"opinion": "an opinion", "forecast": "a forecast"}[claims.at[claim, "kind"]]
        return not_yet(f"Not {claim!r}: it is {kind}. {claims.at[claim, 'reason']}")
    if set(chosen) == set(expected):
        return correct("Those two name events with dates and parties: the kit's tables can confirm or refute them. "
                       "The other three judge or predict; they can be argued, not checked.")
    return not_yet(f"You have {len(set(chosen))} of the {len(expected)}. Which other claim names something that "
                   "happened, with a who and a when?")


def checkable_giveaways() -> list[str]:
    """The kind or verdict of each of the five beside it, the answer as the solution writes it, its count, and two of
    the five as a method would use them for examples of what cannot be checked."""
    first, second = expected_checkable()
    return [*(form for claim in SORTED for column in ("kind", "verdict") for form in _shown_beside(claim, column)),
            "not-a-factual-claim", f'"{first}", "{second}"', f'"{second}", "{first}"', "two of the five",
            "most important region", "may bear fruit"]


# Exercises 2 and 3: a verdict and the rows that decide it -------------------------------------------------------

# The rows without which a claim's verdict cannot be reached (a subset of the claim's evidence in claims.csv).
DECIDING = {
    "nuclear-treaties-abrogated": ["2016-plutonium-agreement-suspended", "2016-nuclear-research-agreement-suspended"],
    "technical-state-of-war": ["1956-joint-declaration-enters-into-force"],
}


def expected_check(claim: str) -> dict:
    weighed = _claims().at[claim, "evidence"].split(";")
    return {"verdict": _claims().at[claim, "verdict"], "deciding": DECIDING[claim], "weighed": weighed}


def judge_check(claim: str):
    def judge(answer: object, expected: dict) -> object:
        if not isinstance(answer, dict) or not {"verdict", "evidence"} <= set(answer):
            return not_yet("Give a dictionary with a 'verdict' and an 'evidence' list, as in the answer cell.")
        verdict, evidence = answer["verdict"], as_list(answer["evidence"])
        if verdict is ... or (evidence is not None and ... in evidence):
            return not_yet("Replace each `...`: a verdict in quotes, and a list of event ids in quotes.")
        if evidence is None:
            return not_yet("Give the evidence as a list of event ids in quotes, between [ and ].")
        if not isinstance(verdict, str) or verdict not in VERDICTS:
            return not_yet(f"{verdict!r} is not a verdict: use one of {', '.join(VERDICTS)}.")
        if not evidence:
            return not_yet("Your evidence list is empty: a verdict needs the ids of the events that decide it.")
        events = set(load_table("events")["id"])
        unknown = [item for item in evidence if not isinstance(item, str) or item not in events]
        if unknown:
            return not_yet(f"{unknown[0]!r} is not an event id: copy ids from the events table above.")
        if len(set(evidence)) < len(evidence):
            return not_yet("Your evidence names the same event twice: give each id once.")
        beside = [item for item in evidence if item not in expected["weighed"]]
        if beside:
            return not_yet(f"{beside[0]!r} is an event, but not one that bears on this claim. Cite only the rows "
                           "about what the claim says.")
        if verdict != expected["verdict"]:
            return not_yet(f"The kit's verdict differs from {verdict!r}. Read the quote word by word against the "
                           "events: which words does the evidence bear out, and which not?")
        missing = [item for item in expected["deciding"] if item not in evidence]
        if missing:
            return not_yet(f"The verdict matches the kit's, but your evidence lacks {missing[0]!r}, a row that "
                           "decides it. A verdict is only as good as the rows behind it.")
        return correct(f"{verdict}, on the right evidence. The kit's reason: {_claims().at[claim, 'reason']}")
    return judge


TREATIES, WAR = "nuclear-treaties-abrogated", "technical-state-of-war"


def treaties_giveaways() -> list[str]:
    """The verdict beside the claim, in prose, and the words of the kit's reason that state it."""
    return [*_shown_beside(TREATIES, "verdict"), "partly accurate", "partly right", _reason_opening(TREATIES),
            "suspended, not abrogated", "not a series"]


def state_of_war_giveaways() -> list[str]:
    """The verdict beside the claim, the words of the kit's reason that state it, and the verdict in prose."""
    return [*_shown_beside(WAR, "verdict"), _reason_opening(WAR), "no state of war", "precise but wrong"]


# What the tests try on each exercise. -----------------------------------------------------------------------------

def _answer(claim: str, verdict: str) -> dict:
    return {"verdict": verdict, "evidence": DECIDING[claim]}


EXERCISES = {
    "checkable": Exercise(
        "checkable", "a list of claim ids", expected_checkable, judge_checkable,
        giveaways=checkable_giveaways,
        right=lambda: [expected_checkable(), expected_checkable()[::-1], set(expected_checkable()),
                       pd.Series(expected_checkable())],
        wrong=lambda: [([*expected_checkable(), "most-important-region"], "an opinion"),
                       ([*expected_checkable(), "persistence-may-bear-fruit"], "a forecast"),
                       (expected_checkable()[:1], "1 of the 2"), (["made-up"], "not one of the five"),
                       ([expected_checkable()[0]] * 2, "twice"), ("korean-ceasefire", "list of claim ids")]),
    "nuclear-treaties": Exercise(
        "treaties_check", "a dictionary with a verdict and evidence", lambda: expected_check(TREATIES),
        judge_check(TREATIES),
        giveaways=treaties_giveaways,
        right=lambda: [_answer(TREATIES, "partly-accurate"),
                       {**_answer(TREATIES, "partly-accurate"),
                        "evidence": [*DECIDING[TREATIES], "2000-plutonium-agreement-signed"]}],
        wrong=lambda: [(_answer(TREATIES, "accurate"), "differs"),
                       ({**_answer(TREATIES, "partly-accurate"), "evidence": DECIDING[TREATIES][:1]}, "lacks"),
                       ({**_answer(TREATIES, "partly-accurate"), "evidence": DECIDING[TREATIES][:1] * 2}, "twice"),
                       ({**_answer(TREATIES, "partly-accurate"),
                         "evidence": [*DECIDING[TREATIES], "2016-us-suspends-syria-talks"]}, "bears on"),
                       (_answer(TREATIES, "true"), "not a verdict"),
                       ({**_answer(TREATIES, "partly-accurate"), "evidence": ["x"]}, "not an event id"),
                       ({**_answer(TREATIES, "partly-accurate"), "evidence": []}, "empty"),
                       ({"verdict": ..., "evidence": [...]}, "Replace each")]),
    "state-of-war": Exercise(
        "state_of_war_check", "a dictionary with a verdict and evidence", lambda: expected_check(WAR),
        judge_check(WAR),
        giveaways=state_of_war_giveaways,
        right=lambda: [_answer(WAR, "inaccurate"),
                       {"verdict": "inaccurate", "evidence": ("1956-soviet-japanese-joint-declaration",
                                                              "1956-joint-declaration-enters-into-force")}],
        wrong=lambda: [(_answer(WAR, "accurate"), "differs"),
                       ({"verdict": "inaccurate", "evidence": ["1945-soviet-declaration-of-war-on-japan"]}, "lacks"),
                       ({"verdict": "inaccurate", "evidence": DECIDING[WAR] * 2}, "twice"),
                       ({"verdict": "inaccurate", "evidence": [*DECIDING[WAR], "1951-san-francisco-peace-treaty"]},
                        "bears on"),
                       ("inaccurate", "dictionary")]),
}

check = checker_for(EXERCISES)
