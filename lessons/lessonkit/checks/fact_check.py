"""Checks for lesson 07, fact-checking the article.

The kit's verdicts and evidence live in `data/claims.csv`; the checks read them there, so a corrected verdict or a
better piece of evidence changes the feedback with it. A wrong set of ids gets one message whatever is wrong with it,
a hint on the method: no sequence of tries sorts the candidates one by one.
"""
import re

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, as_single_number, checker_for, correct, not_yet
from .common import as_date, as_list

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
CHECKABLE_METHOD = ("That is not yet the set of checkable claims. Take the five quotes one at a time and ask: "
                    "is it a statement of what happened, with something you could look up in a dated record (an "
                    "event, the parties to it, a document)? Or does it weigh, judge or predict? Keep only the first "
                    "kind.")


def expected_checkable() -> list[str]:
    kinds = _claims().loc[SORTED, "kind"]
    return sorted(kinds.index[~kinds.isin(NOT_CHECKABLE)])


def judge_checkable(answer: object, expected: list[str]) -> object:
    chosen = as_list(answer)
    if chosen is None:
        return not_yet('Give a list of claim ids in quotes, such as `["first-id", "second-id"]`, copying each id '
                       "from the table of five.")
    unknown = [item for item in chosen if not isinstance(item, str) or item not in SORTED]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the five claims in `five`: copy the ids from the table.")
    if len(set(chosen)) < len(chosen):
        return not_yet("Your list names a claim twice: give each id once.")
    if set(chosen) != set(expected):
        return not_yet(CHECKABLE_METHOD)
    return correct("Those two state what happened, between parties a record names (Russia and the United States, "
                   "the two Koreas): the kit's tables can confirm or refute them. The ceasefire quote gives no "
                   "date, but the armistice behind it has one to look up. The other three judge or predict; "
                   "they can be argued, not checked.")


def checkable_giveaways() -> list[str]:
    """The kind or verdict of each of the five beside it, the answer as the solution writes it, its count, and two of
    the five as a method would use them for examples of what cannot be checked."""
    first, second = expected_checkable()
    return [*(form for claim in SORTED for column in ("kind", "verdict") for form in _shown_beside(claim, column)),
            "not-a-factual-claim", f'"{first}", "{second}"', f'"{second}", "{first}"', "two of the five",
            "2 of the 5", "most important region", "may bear fruit"]


# Exercises 2 and 3: a finding from the table, a verdict and the rows that decide it -------------------------------

TREATIES, WAR = "nuclear-treaties-abrogated", "technical-state-of-war"

# The rows without which a claim's verdict cannot be reached (a subset of the claim's evidence in claims.csv).
DECIDING = {
    TREATIES: ["2016-plutonium-agreement-suspended", "2016-nuclear-research-agreement-suspended"],
    WAR: ["1956-joint-declaration-enters-into-force"],
}
# Rows a learner may cite beside them: the claim's evidence in claims.csv, and rows on the same agreements that the
# list leaves out (the 2010 protocol amended the plutonium agreement that Russia suspended). The 1951 peace treaty
# is not among them: the Soviet Union was not a party, so it neither began nor ended a war between the two.
ALSO_BEARS = {TREATIES: ["2010-plutonium-protocol-signed"], WAR: []}

# The agreements with the United States that Russia suspended or ended in October 2016, as the event rows name them:
# the plutonium disposition agreement (3 October); the 2013 research agreement and the 2010 Rosatom-DOE reactor-
# conversion agreement (5 October). claims.csv's reason for the claim counts the same three.
AGREEMENTS_ACTED_ON = ["2000 plutonium management and disposition agreement",
                       "2013 agreement on nuclear- and energy-related research",
                       "2010 Rosatom-DOE agreement on converting research reactors"]

EVIDENCE_METHOD = {
    TREATIES: ("Your evidence is not yet the rows that decide it. Cite each row in which Russia suspended or ended "
               "an agreement with the United States (rows on how those same agreements began or ended later may go "
               "with them), and no row about anything else."),
    WAR: ("Your evidence is not yet the rows that decide it. Cite the row that shows whether and when the state of "
          "war between Japan and the Soviet Union ended (the rows that began it or agreed to end it may go with "
          "it), and no other: a surrender is not a peace, and a treaty one of the two did not sign could not end "
          "a war between them."),
}
VERDICT_METHOD = ("Not the kit's verdict yet. Hold the quote against your rows word by word: which words do they "
                  "bear out, and which not? Then take the verdict whose 'When' in the table of section 2 fits that.")


def accepted_rows(claim: str) -> list[str]:
    return [*_claims().at[claim, "evidence"].split(";"), *ALSO_BEARS[claim]]


def expected_treaties() -> dict:
    return {"agreements": len(AGREEMENTS_ACTED_ON), "verdict": _claims().at[TREATIES, "verdict"],
            "deciding": DECIDING[TREATIES], "accepted": accepted_rows(TREATIES)}


def expected_war() -> dict:
    ended = load_table("events").set_index("id").at[DECIDING[WAR][0], "date"]
    return {"ended": pd.Timestamp(ended).normalize(), "verdict": _claims().at[WAR, "verdict"],
            "deciding": DECIDING[WAR], "accepted": accepted_rows(WAR)}


def _judge_agreements(value: object, expected: dict) -> object | None:
    if isinstance(value, str):
        return not_yet("Your count is text: give it as a number, without quotes.")
    number = as_single_number(value)
    if number is None:
        return not_yet("Give the count of agreements as one number.")
    if number != expected["agreements"]:
        return not_yet("Not the count the kit finds. Read every title in the table to its end, and count each "
                       "agreement with the United States that Russia suspended or ended, once.")
    return None


def _judge_ended(value: object, expected: dict) -> object | None:
    day = as_date(value)
    if day is None:
        return not_yet('Give the day the state of war ended as a date in quotes, such as "1900-01-31".')
    if day != expected["ended"]:
        return not_yet("Not the day the record gives. Read each description word by word: which row says the "
                       "state of war itself ended, and on which day?")
    return None


def judge_check(claim: str, finding: str):
    """A judge for {finding: ..., "verdict": ..., "evidence": [...]}: the finding from the table first, then the
    rows, then the verdict, so that no verdict can be reached by trying the four in turn alone."""
    judge_finding = {"agreements": _judge_agreements, "ended": _judge_ended}[finding]

    def judge(answer: object, expected: dict) -> object:
        keys = {finding, "verdict", "evidence"}
        if not isinstance(answer, dict) or not keys <= set(answer):
            return not_yet(f"Give a dictionary with {finding!r}, 'verdict' and 'evidence', as in the answer cell.")
        verdict, evidence = answer["verdict"], as_list(answer["evidence"])
        if any(answer[key] is ... for key in keys) or (evidence is not None and ... in evidence):
            return not_yet("Replace each `...` with your own answer.")
        slip = judge_finding(answer[finding], expected)
        if slip is not None:
            return slip
        if evidence is None:
            return not_yet("Give the evidence as a list of event ids in quotes, between [ and ].")
        if not evidence:
            return not_yet("Your evidence list is empty: a verdict needs the ids of the events that decide it.")
        events = set(load_table("events")["id"])
        unknown = [item for item in evidence if not isinstance(item, str) or item not in events]
        if unknown:
            return not_yet(f"{unknown[0]!r} is not an event id: copy ids from the events table above.")
        if len(set(evidence)) < len(evidence):
            return not_yet("Your evidence names the same event twice: give each id once.")
        if not set(expected["deciding"]) <= set(evidence) <= set(expected["accepted"]):
            return not_yet(EVIDENCE_METHOD[claim])
        if not isinstance(verdict, str) or verdict not in VERDICTS:
            return not_yet(f"{verdict!r} is not a verdict: use one of {', '.join(VERDICTS)}.")
        if verdict != expected["verdict"]:
            return not_yet(VERDICT_METHOD)
        return correct(f"{verdict}, on the right finding and evidence. The kit's reason: "
                       f"{_claims().at[claim, 'reason']}")
    return judge


def treaties_giveaways() -> list[str]:
    """The verdict beside the claim, in prose, the words of the kit's reason that state it, and the count."""
    count = len(AGREEMENTS_ACTED_ON)
    return [*_shown_beside(TREATIES, "verdict"), "partly accurate", "partly right", _reason_opening(TREATIES),
            f"{count} agreements", "three agreements", "three in three days", "'a series' is fair",
            "suspended, not abrogated", "not a series"]


def state_of_war_giveaways() -> list[str]:
    """The verdict beside the claim, the words of the kit's reason that state it, the verdict in prose, the row
    title that names what the deciding row did, and the day in prose."""
    return [*_shown_beside(WAR, "verdict"), _reason_opening(WAR), "no state of war", "precise but wrong",
            "ending the state of war", "12 December 1956"]


# What the tests try on each exercise. -----------------------------------------------------------------------------

def _treaties(**change) -> dict:
    return {"agreements": 3, "verdict": "partly-accurate", "evidence": DECIDING[TREATIES], **change}


def _war(**change) -> dict:
    return {"ended": "1956-12-12", "verdict": "inaccurate", "evidence": DECIDING[WAR], **change}


EXERCISES = {
    "checkable": Exercise(
        "checkable", "a list of claim ids", expected_checkable, judge_checkable,
        giveaways=checkable_giveaways,
        right=lambda: [expected_checkable(), expected_checkable()[::-1], set(expected_checkable()),
                       pd.Series(expected_checkable())],
        wrong=lambda: [([*expected_checkable(), "most-important-region"], "look up"),
                       ([*expected_checkable(), "persistence-may-bear-fruit"], "look up"),
                       (expected_checkable()[:1], "look up"), (SORTED, "look up"), ([], "look up"),
                       (["made-up"], "not one of the five"), ([expected_checkable()[0]] * 2, "twice"),
                       ("korean-ceasefire", "list of claim ids")]),
    "nuclear-treaties": Exercise(
        "treaties_check", "a dictionary with a count, a verdict and evidence", expected_treaties,
        judge_check(TREATIES, "agreements"),
        giveaways=treaties_giveaways,
        right=lambda: [_treaties(), _treaties(agreements=3.0),
                       _treaties(evidence=[*DECIDING[TREATIES], "2000-plutonium-agreement-signed"]),
                       _treaties(evidence=(*DECIDING[TREATIES], "2010-plutonium-protocol-signed",
                                           "2025-plutonium-agreement-denounced"))],
        wrong=lambda: [(_treaties(agreements=2), "Not the count"), (_treaties(agreements=4), "Not the count"),
                       (_treaties(agreements="3"), "text"),
                       (_treaties(verdict="accurate"), "Not the kit's verdict"),
                       (_treaties(verdict="inaccurate"), "Not the kit's verdict"),
                       (_treaties(evidence=DECIDING[TREATIES][:1]), "not yet the rows"),
                       (_treaties(evidence=DECIDING[TREATIES][:1] * 2), "twice"),
                       (_treaties(evidence=[*DECIDING[TREATIES], "2016-us-suspends-syria-talks"]),
                        "not yet the rows"),
                       (_treaties(verdict="true"), "not a verdict"),
                       (_treaties(evidence=["x"]), "not an event id"),
                       (_treaties(evidence=[]), "empty"),
                       ({"agreements": ..., "verdict": ..., "evidence": [...]}, "Replace each"),
                       ({"verdict": "partly-accurate", "evidence": DECIDING[TREATIES]}, "dictionary")]),
    "state-of-war": Exercise(
        "state_of_war_check", "a dictionary with a date, a verdict and evidence", expected_war,
        judge_check(WAR, "ended"),
        giveaways=state_of_war_giveaways,
        right=lambda: [_war(), _war(ended="12 December 1956", evidence=("1956-soviet-japanese-joint-declaration",
                                                                       "1956-joint-declaration-enters-into-force")),
                       _war(ended=pd.Timestamp("1956-12-12"),
                            evidence=["1945-soviet-declaration-of-war-on-japan", *DECIDING[WAR]])],
        wrong=lambda: [(_war(verdict="accurate"), "Not the kit's verdict"),
                       (_war(verdict="partly-accurate"), "Not the kit's verdict"),
                       (_war(ended="1956-10-19"), "Not the day"), (_war(ended="1945-09-02"), "Not the day"),
                       (_war(ended=1956), "as a date"),
                       (_war(evidence=["1945-soviet-declaration-of-war-on-japan"]), "not yet the rows"),
                       (_war(evidence=DECIDING[WAR] * 2), "twice"),
                       (_war(evidence=[*DECIDING[WAR], "1951-san-francisco-peace-treaty"]), "not yet the rows"),
                       (_war(evidence=[*DECIDING[WAR], "1945-japan-signs-instrument-of-surrender"]),
                        "not yet the rows"),
                       ("inaccurate", "dictionary")]),
}

check = checker_for(EXERCISES)
