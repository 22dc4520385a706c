"""Checks for lesson 07, fact-checking the article.

The kit's verdicts and evidence live in `data/claims.csv`; the checks read them there, so a corrected verdict or a
better piece of evidence changes the feedback with it. A wrong set of ids gets one message whatever is wrong with it,
a hint on the method: no sequence of tries sorts the candidates one by one.
"""
import re
from collections.abc import Callable

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, Feedback, checker_for, correct, not_yet
from .common import as_list, figure_value, read_number
from .manifest import ChartShows, LessonShows, Manifest

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


def judge_checkable(answer: object, expected: list[str]) -> Feedback:
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
    return correct("Those two state what happened, with parties and documents a record names (the agreements "
                   "between Russia and the United States; the Korean armistice and who signed it): the kit's "
                   "tables can confirm or refute them. The ceasefire quote gives no date, but the armistice behind "
                   "it has one to look up. The other three judge or predict; they can be argued, not checked.")


def checkable_giveaways() -> list[str]:
    """The kind or verdict of each of the five beside it, the answer as the solution writes it, its count, and two of
    the five as a method would use them for examples of what cannot be checked."""
    first, second = expected_checkable()
    return [*(form for claim in SORTED for column in ("kind", "verdict") for form in _shown_beside(claim, column)),
            "not-a-factual-claim", f'"{first}", "{second}"', f'"{second}", "{first}"', "two of the five",
            "2 of the 5", "most important region", "may bear fruit"]


# Exercises 2 and 3: a finding from the tables, a verdict and the rows that decide it -------------------------------
# Claims no earlier lesson grades: lessons 01 and 06 work on the nuclear agreements of October 2016, 03a and 03b on
# the state of war and its length, 03a shows the Korean armistice.

PERSISTENT, BALANCE = "both-persistent-despite-rhetoric", "russia-needs-japan-to-balance-china"

# Exercise 2's table: every event with both Japan and Russia among its actors, from 2013 to the article's date.
# The meetings of Abe and Putin it records, once each: from 2014 every summit meeting Japan's Diplomatic Bluebooks
# count (three in 2014, two in 2015, two in 2016 before the article); for 2013 only the Moscow summit. Sochi 2016 and
# Vladivostok 2016 are filed under two ids each; the Sochi Olympics ceremony of 7 February 2014 is the day before
# their meeting there, not a meeting.
MEETINGS = ["2013-abe-putin-moscow-summit", "2014-abe-putin-sochi-meeting", "2014-abe-putin-milan-meeting",
            "2014-abe-putin-beijing-meeting", "2015-abe-putin-new-york-meeting", "2015-abe-putin-antalya-meeting",
            "2016-sochi-new-approach", "2016-vladivostok-eef-summit"]
# The rows without which the verdict cannot be reached (a subset of the claim's evidence in claims.csv). Exercise 2:
# a decision or act by one side, not rhetoric, that cut against better relations (Japan's sanctions; Russia's
# defence ministry's decision to deploy missiles on the islands). Exercise 3: Russia's own words on its reasons
# (Putin in May 2016, before the article, and in November and December 2016, after it).
DECIDING = {
    PERSISTENT: ["2014-japan-crimea-sanctions", "2016-shoigu-kuril-missile-plan"],
    BALANCE: ["2016-sochi-new-approach-rus-putin", "russian-far-east-cooperation-rus-putin-lima-2016",
              "russian-far-east-cooperation-rus-putin-2016"],
}
# Rows a learner may cite beside them. For exercise 2: the G7's suspension of the G8 over Crimea, the Russian
# flights that Japan scrambled against, and Medvedev's visit to Iturup/Etorofu, which Japan protested and Russia
# treats as a visit to its own region (all in the table; each may fairly be read as cutting the other way). For
# exercise 3: the two trade figures and the claim's own evidence (which includes the Joint Sea exercise).
ALSO_BEARS = {
    PERSISTENT: ["2014-g8-suspension", "2015-japan-fy2014-scramble-near-record", "2015-medvedev-visits-iturup"],
    BALANCE: ["trade-russia-china-2016", "japan-russia-trade-2016"],
}
RATIO_FIGURES = ("trade-russia-china-2016", "japan-russia-trade-2016")

EVIDENCE_METHOD = {
    PERSISTENT: ("Your list is not yet the rows that cut the other way. Read each title and ask: did one of the two "
                 "governments here take a decision or an act, not rhetoric, that worked against better relations "
                 "with the other? Cite every such row (the meetings you counted may go with them), and no offer, "
                 "ceremony or other talks."),
    BALANCE: ("Your evidence is not yet the rows that decide it. The claim is about what Russia wants: cite every "
              "row in which Russia gives its own reasons for better ties with Japan (the figures and Russia's acts "
              "may go with them), and no row of Japan's."),
}
# One message per wrong verdict, each saying why that verdict does not fit the evidence.
WRONG_VERDICT = {
    PERSISTENT: {
        "accurate": ("On a loose reading, where 'despite' names only one of the things in their way, it would "
                     "be. The kit reads it strictly: the clause says what they persisted through was rhetoric, and "
                     "your rows show each government also taking decisions, not words, that cut the other way."),
        "inaccurate": ("The record does not contradict it: the meetings you counted kept coming, through the "
                       "sanctions and the missile decision."),
        "ungraded": ("The events table settles it: the claim is about what two governments did, and the rows "
                     "record both their meetings and their steps the other way."),
        "not-a-factual-claim": ("It reports what two governments did over years: a record can check it, even if "
                                "'persistent' is a loose word."),
    },
    BALANCE: {
        "accurate": ("Nothing in your rows shows Russia wanting Japan against China: Putin gives other reasons, and "
                     "trade figures show where Russia's ties stand, not why it courts Japan."),
        "partly-accurate": ("'Partly' needs something of the kind in the record. Neither Russia's words nor the trade "
                            "figures show this motive, in part or in whole."),
        "inaccurate": ("To call it wrong the record must contradict it. Russia's silence about China does not show "
                       "the motive absent: governments seldom name the country they would balance."),
        "not-a-factual-claim": ("It states what Russia needs, a claim of fact about its aims, not the author's "
                                "judgement or a forecast: the question is whether a record can settle it."),
    },
}
ALL_VERDICTS = [*VERDICTS, "not-a-factual-claim"]


def accepted_rows(claim: str) -> list[str]:
    return [*_claims().at[claim, "evidence"].split(";"), *ALSO_BEARS[claim]]


def _known_ids() -> set[str]:
    return {*load_table("events")["id"], *load_table("statements")["id"], *load_table("figures")["id"]}


def expected_persistence() -> dict:
    return {"meetings": len(MEETINGS), "verdict": _claims().at[PERSISTENT, "verdict"],
            "deciding": DECIDING[PERSISTENT], "accepted": accepted_rows(PERSISTENT)}


def expected_balance() -> dict:
    china, japan = (figure_value(figure) for figure in RATIO_FIGURES)
    return {"times": china / japan, "verdict": _claims().at[BALANCE, "verdict"],
            "deciding": DECIDING[BALANCE], "accepted": accepted_rows(BALANCE)}


def _judge_meetings(value: object, expected: dict) -> Feedback | None:
    if isinstance(value, str):
        return not_yet("Your count is text: give it as a number, without quotes.")
    number = read_number(value, "Give the count of meetings as one number.")
    if number != expected["meetings"]:
        return not_yet("Not the count the kit finds. Count meetings, not rows: two rows on the same day and place "
                       "may be one meeting filed twice, and a ceremony both attend is not a meeting between them.")
    return None


def _judge_times(value: object, expected: dict) -> Feedback | None:
    if isinstance(value, str):
        return not_yet("Your ratio is text: give it as a number, without quotes.")
    number = read_number(value, "Give the ratio as one number, such as 1.5.")
    if abs(number - expected["times"]) <= 0.05:
        return None
    if abs(number - 1 / expected["times"]) <= 0.01:
        return not_yet("That is Japan's trade as a share of China's. The exercise asks for China's trade as a "
                       "multiple of Japan's: divide China's figure by Japan's.")
    return not_yet("Not the ratio the kit finds. Take the two 2016 turnovers from the figures table, China's and "
                   "Japan's, and divide the first by the second, in code.")


def judge_check(claim: str, finding: str) -> Callable[[object, dict], Feedback]:
    """A judge for {finding: ..., "evidence": [...], "verdict": ...}: the finding from the tables first, then the
    rows, then the verdict, each wrong verdict with its own reason, so that the verdict needs the work before it."""
    judge_finding = {"meetings": _judge_meetings, "times": _judge_times}[finding]

    def judge(answer: object, expected: dict) -> Feedback:
        keys = {finding, "verdict", "evidence"}
        if not isinstance(answer, dict) or not keys <= set(answer):
            return not_yet(f"Give a dictionary with {finding!r}, 'evidence' and 'verdict', as in the answer cell.")
        verdict, evidence = answer["verdict"], as_list(answer["evidence"])
        if any(answer[key] is ... for key in keys) or (evidence is not None and ... in evidence):
            return not_yet("Replace each `...` with your own answer.")
        slip = judge_finding(answer[finding], expected)
        if slip is not None:
            return slip
        if evidence is None:
            return not_yet("Give the evidence as a list of ids in quotes, between [ and ].")
        if not evidence:
            return not_yet("Your evidence list is empty: a verdict needs the ids of the rows that decide it.")
        unknown = [item for item in evidence if not isinstance(item, str) or item not in _known_ids()]
        if unknown:
            return not_yet(f"{unknown[0]!r} is not an id in the kit: copy ids from the tables above.")
        if len(set(evidence)) < len(evidence):
            return not_yet("Your evidence names the same row twice: give each id once.")
        if not set(expected["deciding"]) <= set(evidence) <= set(expected["accepted"]):
            return not_yet(EVIDENCE_METHOD[claim])
        if not isinstance(verdict, str) or verdict not in ALL_VERDICTS:
            return not_yet(f"{verdict!r} is not a verdict: use one of {', '.join(ALL_VERDICTS)}.")
        if verdict != expected["verdict"]:
            return not_yet(WRONG_VERDICT[claim][verdict])
        return correct(f"{verdict}, on the right finding and evidence. The kit's reason: "
                       f"{_claims().at[claim, 'reason']}")
    return judge


def persistence_giveaways() -> list[str]:
    """The verdict beside the claim, in prose, the words of the kit's reason that state it, and the count."""
    count = len(MEETINGS)
    return [*_shown_beside(PERSISTENT, "verdict"), "partly accurate", "partly right", _reason_opening(PERSISTENT),
            f"{count} meetings", "eight meetings", "eight summits", f"{count} summits", "cut the other way"]


def balance_giveaways() -> list[str]:
    """The verdict beside the claim and in prose, the words of the kit's reason that state it, and the ratio."""
    times = expected_balance()["times"]
    return [*_shown_beside(BALANCE, "verdict"), _reason_opening(BALANCE), "cannot be graded", "cannot settle it",
            "does not name China", f"{times:.1f} times", f"{times:.2f}", "about four times", "four times"]


# What the tests try on each exercise. -----------------------------------------------------------------------------

def _persistence(**change) -> dict:
    return {"meetings": 8, "evidence": DECIDING[PERSISTENT], "verdict": "partly-accurate", **change}


def _balance(**change) -> dict:
    return {"times": 4.24, "evidence": DECIDING[BALANCE], "verdict": "ungraded", **change}


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
    "persistence": Exercise(
        "persistence_check", "a dictionary with a count, evidence and a verdict", expected_persistence,
        judge_check(PERSISTENT, "meetings"),
        giveaways=persistence_giveaways,
        right=lambda: [_persistence(), _persistence(meetings=8.0),
                       _persistence(evidence=[*DECIDING[PERSISTENT], "2014-g8-suspension"]),
                       _persistence(evidence=[*DECIDING[PERSISTENT], "2015-medvedev-visits-iturup"]),
                       _persistence(evidence=(*DECIDING[PERSISTENT], "2015-japan-fy2014-scramble-near-record",
                                              "2016-sochi-new-approach"))],
        wrong=lambda: [(_persistence(meetings=4), "Not the count"), (_persistence(meetings=10), "Not the count"),
                       (_persistence(meetings=9), "Not the count"), (_persistence(meetings="8"), "text"),
                       (_persistence(verdict="accurate"), "decisions, not words"),
                       (_persistence(verdict="inaccurate"), "does not contradict"),
                       (_persistence(verdict="ungraded"), "settles it"),
                       (_persistence(verdict="not-a-factual-claim"), "a record can check it"),
                       (_persistence(evidence=DECIDING[PERSISTENT][:1]), "not yet the rows"),
                       (_persistence(evidence=DECIDING[PERSISTENT][:1] * 2), "twice"),
                       (_persistence(evidence=[*DECIDING[PERSISTENT], "2016-abe-eight-point-plan"]),
                        "not yet the rows"),
                       (_persistence(evidence=[*DECIDING[PERSISTENT], "2013-first-two-plus-two-tokyo"]),
                        "not yet the rows"),
                       (_persistence(verdict="true"), "not a verdict"),
                       (_persistence(evidence=["x"]), "not an id"),
                       (_persistence(evidence=[]), "empty"),
                       ({"meetings": ..., "evidence": [...], "verdict": ...}, "Replace each"),
                       ({"verdict": "partly-accurate", "evidence": DECIDING[PERSISTENT]}, "dictionary")]),
    "balance-china": Exercise(
        "balance_check", "a dictionary with a ratio, evidence and a verdict", expected_balance,
        judge_check(BALANCE, "times"),
        giveaways=balance_giveaways,
        right=lambda: [_balance(), _balance(times=expected_balance()["times"]), _balance(times=4.2),
                       _balance(evidence=[*DECIDING[BALANCE], *RATIO_FIGURES]),
                       _balance(evidence=(*DECIDING[BALANCE], "trade-russia-china-2016")),
                       _balance(evidence=[*DECIDING[BALANCE], "2016-joint-sea-2016-exercise"])],
        wrong=lambda: [(_balance(times=0.24), "Japan's trade as a share"), (_balance(times=69.5), "Not the ratio"),
                       (_balance(times=4), "Not the ratio"), (_balance(times="4.2"), "text"),
                       (_balance(verdict="accurate"), "Putin gives other reasons"),
                       (_balance(verdict="partly-accurate"), "in part or in whole"),
                       (_balance(verdict="inaccurate"), "silence about China"),
                       (_balance(verdict="not-a-factual-claim"), "claim of fact about its aims"),
                       (_balance(evidence=list(RATIO_FIGURES)), "not yet the rows"),
                       (_balance(evidence=[*DECIDING[BALANCE], "russian-far-east-cooperation-jpn"]),
                        "not yet the rows"),
                       (_balance(evidence=DECIDING[BALANCE][:1]), "not yet the rows"),
                       (_balance(evidence=DECIDING[BALANCE][1:]), "not yet the rows"),
                       (_balance(evidence=[*DECIDING[BALANCE], "kurils-sovereignty-rus-lavrov-2014"]),
                        "not yet the rows"),
                       (_balance(evidence=DECIDING[BALANCE] * 2), "twice"),
                       (_balance(evidence=["x"]), "not an id"),
                       ("ungraded", "dictionary")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    return LessonShows(charts=[ChartShows(1, len(_claims()))])  # every claim's verdict, in the article's order


def _guide_keys() -> dict[str, list[str]]:
    persistence, balance = expected_persistence(), expected_balance()
    return {"checkable": [f"`{claim}`" for claim in expected_checkable()],
            "persistence": [f"`meetings` **{persistence['meetings']}**", f"**{persistence['verdict']}**",
                            *(f"`{event}`" for event in persistence["deciding"])],
            "balance-china": [f"`times` **{balance['times']:.1f}**", f"**{balance['verdict']}**",
                              *(f"`{statement}`" for statement in balance["deciding"])]}


MANIFEST = Manifest("07-fact-checking-the-article", _shows, EXERCISES, _guide_keys, taught=[])
