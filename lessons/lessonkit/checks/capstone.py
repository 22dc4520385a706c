"""Checks for lesson 09, the capstone decision simulation (Nagato, 14 December 2016).

What has a right answer is checked against `data/`: which events were known on the decision date, and who said
what. The memo is checked for its form (length, a role, evidence known on the date); its judgement is the rubric's.
"""
import re

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, checker_for, correct, not_yet
from .common import as_list

DECISION_DATE = pd.Timestamp("2016-12-14")
ROLES = {"japan": "JPN", "russia": "RUS", "united-states": "USA", "china": "CHN", "philippines": "PHL"}
MEMO_WORDS = (120, 250)


def _events() -> pd.DataFrame:
    return load_table("events").set_index("id")


# Exercise 1: what could the roles know on 14 December 2016? -----------------------------------------------------

CANDIDATES = ["2016-abe-eight-point-plan", "2016-coastal-missiles-etorofu-kunashiri", "2016-putin-visit-nagato-tokyo",
              "2016-tokyo-joint-economic-activities", "2018-singapore-agreement"]


def expected_known() -> list[str]:
    dates = _events().loc[CANDIDATES, "date"]
    return sorted(dates.index[dates <= DECISION_DATE])


def judge_known(answer: object, expected: list[str]) -> object:
    answer = as_list(answer)
    if answer is None:
        return not_yet('Give a list of event ids in quotes, such as `["2016-abe-eight-point-plan"]`.')
    unknown = [item for item in answer if item not in CANDIDATES]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the five events in `candidates`.")
    dates = _events()["date"]
    late = sorted(item for item in answer if dates[item] > DECISION_DATE)
    if late:
        return not_yet(f"Not {late[0]!r}: it happened on {dates[late[0]]:%d %B %Y}, after the decision date. In the "
                       "simulation nobody may know it yet.")
    if set(answer) == set(expected):
        return correct("Those two, from May and November 2016. The Nagato talks and their statement on joint "
                       "activities are what the simulation decides; Singapore (2018) is for the debrief.")
    return not_yet(f"You have {len(set(answer))} of the {len(expected)}. Which other event is dated before "
                   "15 December 2016?")


# Exercise 2: who said it? ---------------------------------------------------------------------------------------

SAID = ["kurils-sovereignty-rus-lavrov-2014", "kurils-sovereignty-usa-state-2010-11-02", "scs-arbitration-chn-mfa",
        "russian-far-east-cooperation-jpn"]


def expected_speakers() -> dict[str, str]:
    return load_table("statements").set_index("id").loc[SAID, "actor"].to_dict()


def judge_speakers(answer: object, expected: dict[str, str]) -> object:
    if not isinstance(answer, dict):
        return not_yet("Give a dictionary, as in the answer cell: each statement's id with a country code in quotes.")
    missing = [statement for statement in SAID if answer.get(statement, ...) is ...]
    if missing:
        return not_yet(f"{missing[0]!r} has no country yet: replace its ... with a code such as \"JPN\".")
    for statement in SAID:
        given = str(answer[statement]).strip().upper()
        if given not in ROLES.values():
            return not_yet(f"{answer[statement]!r} is not one of the codes {', '.join(ROLES.values())}.")
        if given != expected[statement]:
            summary = load_table("statements").set_index("id").at[statement, "summary"]
            return not_yet(f"Not {given} for {statement!r}. Read it again: {summary}")
    return correct("All four. Each government speaks in its own terms: Moscow of post-war reality, Washington of "
                   "Japanese sovereignty, Beijing of indisputable sovereignty at sea, Tokyo of complementary "
                   "economies.")


# Exercise 3: the position memo ----------------------------------------------------------------------------------

def expected_memo_rules() -> dict:
    events = _events()
    return {"known": set(events.index[events["date"] <= DECISION_DATE]),
            "later": set(events.index[events["date"] > DECISION_DATE])}


def judge_memo(answer: object, rules: dict) -> object:
    if not isinstance(answer, dict) or not {"role", "memo"} <= set(answer):
        return not_yet("Give a dictionary with a 'role' and a 'memo', as in the answer cell.")
    role, memo = answer["role"], answer["memo"]
    if role is ... or memo is ...:
        return not_yet("Replace each `...`: your role in quotes, and your memo between the triple quotes.")
    if role not in ROLES:
        return not_yet(f"{role!r} is not a role: use one of {', '.join(ROLES)}.")
    if not isinstance(memo, str):
        return not_yet("The memo should be text between triple quotes.")
    words = len(memo.split())
    low, high = MEMO_WORDS
    if not low <= words <= high:
        return not_yet(f"The memo has {words} words; write between {low} and {high}.")
    cited = set(re.findall(r"\b\d{4}-[a-z0-9-]+\b", memo))
    later = sorted(cited & rules["later"])
    if later:
        return not_yet(f"{later[0]!r} happened after 14 December 2016: your role cannot know it yet. Keep it for "
                       "the debrief.")
    if not cited & rules["known"]:
        return not_yet("Cite at least one event known on the date by its id (such as 2016-abe-eight-point-plan), so "
                       "a reader can check your evidence.")
    return correct(f"A memo of {words} words for {role}, citing {len(cited & rules['known'])} event(s) known on "
                   "the date. The rubric in the instructor guide judges the rest: a clear recommendation, the "
                   "role's own interests and words, the others' likely moves, and a fallback.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

MEMO = ("Recommendation: seek talks on joint economic activities on the four islands under a special framework. "
        + ("Japan offered the eight-point plan in May (2016-abe-eight-point-plan) and wants access without conceding "
           "anything. ") * 8)
MEMO_ANSWER = {"role": "japan", "memo": MEMO}

EXERCISES = {
    "known-then": Exercise(
        "known_then", "a list of event ids", expected_known, judge_known,
        giveaways=lambda: [],
        right=lambda: [expected_known(), expected_known()[::-1], set(expected_known()), pd.Series(expected_known())],
        wrong=lambda: [([*expected_known(), "2018-singapore-agreement"], "after the decision date"),
                       (expected_known()[:1], "1 of the 2"), (["2016-made-up"], "not one of the five"),
                       ("2016-abe-eight-point-plan", "list of event ids")]),
    "who-said-it": Exercise(
        "who_said_it", "a dictionary of country codes", expected_speakers, judge_speakers,
        giveaways=lambda: ["-rus-", "-usa-", "-chn-", "-jpn"],
        right=lambda: [expected_speakers(), {key: value.lower() for key, value in expected_speakers().items()}],
        wrong=lambda: [({**expected_speakers(), "scs-arbitration-chn-mfa": "PHL"}, "Not PHL"),
                       ({**expected_speakers(), "scs-arbitration-chn-mfa": "TWN"}, "not one of the codes"),
                       ({**expected_speakers(), "russian-far-east-cooperation-jpn": ...}, "no country yet"),
                       ("RUS", "dictionary")]),
    "position-memo": Exercise(
        "my_memo", "a dictionary with your role and memo", expected_memo_rules, judge_memo,
        giveaways=lambda: [], form_only=True,
        right=lambda: [MEMO_ANSWER, {**MEMO_ANSWER, "role": "russia"}],
        wrong=lambda: [({**MEMO_ANSWER, "memo": "Too short."}, "2 words"), ({**MEMO_ANSWER, "role": "vietnam"}, "not a role"),
                       ({**MEMO_ANSWER, "memo": MEMO + " 2018-singapore-agreement"}, "after 14 December 2016"),
                       ({**MEMO_ANSWER, "memo": MEMO.replace("2016-abe-eight-point-plan", "the plan")}, "Cite at least"),
                       ({"role": ..., "memo": ...}, "Replace each"), ("memo", "dictionary")]),
}

check = checker_for(EXERCISES)
