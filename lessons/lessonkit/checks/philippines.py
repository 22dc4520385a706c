"""Checks for lesson 05, the Philippines' turn and balancing China.

Distances and events are read from `data/`, so a corrected coordinate or row changes the answer with it. The
tribunal's findings (exercise 1) are the kit's summary of the award, as the event `2016-south-china-sea-arbitral-award`
describes it.
"""

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, checker_for, correct, not_yet
from .common import as_list, km_between, normalised, number_forms

# Exercise 1: what did the tribunal decide? -----------------------------------------------------------------------

FINDINGS = {
    "A": ("China has no legal basis to claim historic rights to resources within the nine-dash line", True),
    "B": ("Scarborough Shoal belongs to the Philippines", False),
    "C": ("Mischief Reef and Second Thomas Shoal are low-tide elevations", True),
    "D": ("the maritime boundary between China and the Philippines", False),
    "E": ("China violated the Philippines' sovereign rights in its exclusive economic zone", True),
}
WHY_NOT = {
    "B": "The tribunal ruled on no one's sovereignty over any feature: that was outside what it could decide.",
    "D": "The tribunal drew no boundary: it said what zones the features generate, not where a line runs.",
}


def expected_findings() -> list[str]:
    return sorted(letter for letter, (_, decided) in FINDINGS.items() if decided)


def _letters(answer: object) -> list[str] | None:
    """The letters an answer gives: a list such as ["A", "C"], or text such as "AC" or "A, C"."""
    if isinstance(answer, str):
        answer = answer.replace(",", " ").split() if "," in answer or " " in answer.strip() else list(answer.strip())
    answer = as_list(answer)
    if answer is None or not all(isinstance(item, str) for item in answer):
        return None
    return [item.strip().upper() for item in answer]


def judge_findings(answer: object, expected: list[str]) -> object:
    letters = _letters(answer)
    if not letters:
        return not_yet('Give a list of letters in quotes, such as `["A", "B"]`.')
    unknown = [letter for letter in letters if letter not in FINDINGS]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the letters A to E.")
    chosen = set(letters)
    for letter in sorted(chosen - set(expected)):
        return not_yet(f"Not {letter}. {WHY_NOT[letter]} Read the award's description again.")
    if chosen == set(expected):
        return correct("A, C and E. The award settled what zones the features generate and whether China's historic "
                       "rights claim has a legal basis under UNCLOS; it left sovereignty and boundaries open, which "
                       "is why every party still argues about sovereignty.")
    missing = len(set(expected) - chosen)
    return not_yet(f"True as far as it goes, but {missing} more of the statements {'is' if missing == 1 else 'are'} "
                   "among the tribunal's findings. Read the award's description again.")


# Exercise 2: which is nearer to Second Thomas Shoal? -------------------------------------------------------------

SHOAL, CANDIDATES = "second-thomas-shoal", ["mischief-reef", "edca-antonio-bautista-air-base"]


def expected_nearer() -> str:
    return min(CANDIDATES, key=lambda candidate: km_between(SHOAL, candidate))


def judge_nearer(answer: object, expected: str) -> object:
    if not isinstance(answer, str):
        return not_yet(f'Give the id of a place in quotes, such as `"mischief-reef"`; you stored a value of type '
                       f"{type(answer).__name__}.")
    names = load_table("places").set_index("id").loc[CANDIDATES, "name_en"]
    chosen = next((candidate for candidate in CANDIDATES
                   if normalised(answer) in {candidate, normalised(names[candidate])}), None)
    if chosen is None:
        return not_yet(f"{answer!r} is not one of the two places: use `mischief-reef` or "
                       "`edca-antonio-bautista-air-base`.")
    distances = {candidate: km_between(SHOAL, candidate) for candidate in CANDIDATES}
    reef, base = (f"{distances[candidate]:,.0f} km" for candidate in CANDIDATES)
    if chosen == expected:
        return correct(f"Mischief Reef, about {reef} away, against {base} to the air base on Palawan. China holds "
                       "the reef and has built on it; the Philippines keeps a grounded ship on the shoal, supplied "
                       "from Palawan.")
    return not_yet(f"Measure both with haversine_km: the shoal to {chosen} is about {distances[chosen]:,.0f} km. "
                   "Is the other place nearer?")


# Exercise 3: which moves strengthened security ties with the United States and its allies? -----------------------

MOVES = ["2016-duterte-beijing-state-visit", "2016-china-philippines-24bn-deals", "2016-duterte-ends-joint-patrols",
         "2023-four-new-edca-sites", "2023-ph-us-joint-patrols-begin", "2024-japan-philippines-raa-signed"]
# Why each of the other moves does not strengthen those ties: the kit's reading of each event's description.
AWAY = {
    "2016-duterte-beijing-state-visit": "a state visit to China",
    "2016-china-philippines-24bn-deals": "economic pledges from China",
    "2016-duterte-ends-joint-patrols": "Duterte ruling out joint patrols with the US Navy, a step away from it",
}


def expected_toward_allies() -> list[str]:
    return sorted(set(MOVES) - set(AWAY))


def judge_toward_allies(answer: object, expected: list[str]) -> object:
    if isinstance(answer, str):
        return not_yet('Give a list of event ids in square brackets, such as `["2016-duterte-beijing-state-visit"]`.')
    items = as_list(answer)
    if items is None:
        return not_yet(f"Give a list of event ids; you stored a value of type {type(answer).__name__}.")
    answer = items
    unknown = [item for item in answer if item not in MOVES]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the six events in `moves`: copy the ids from the table.")
    chosen = set(answer)
    wrong = sorted(chosen - set(expected))
    if wrong:
        return not_yet(f"Not {wrong[0]}: {AWAY[wrong[0]]}. Read its description again.")
    if chosen == set(expected):
        return correct("The 2023 EDCA sites, the 2023 joint patrols with the United States and the 2024 agreement with "
                       "Japan. Duterte's 2016 moves went the other way, yet the 2016 EDCA sites were kept: a hedge in "
                       "2016, closer alignment from 2022.")
    return not_yet(f"You have {len(chosen)} of the {len(expected)}. Which other move had the United States or Japan "
                   "as a party, and was military or a treaty?")


# What the tests try on each exercise. -----------------------------------------------------------------------------

EXERCISES = {
    "award-findings": Exercise(
        "tribunal_decided", "a list of letters", expected_findings, judge_findings,
        giveaways=lambda: ["A, C and E", "A, C, E", "ACE"],
        right=lambda: [["A", "C", "E"], ["e", "a", "c"], "ACE", "A, C, E", ("A", "C", "E"), pd.Series(["A", "C", "E"])],
        wrong=lambda: [(["A", "B", "C", "E"], "Not B"), (["A", "C", "D", "E"], "Not D"), (["A", "C"], "1 more"),
                       (["A", "Z"], "'Z' is not one"), (3, "list of letters")]),
    "nearer-shoal": Exercise(
        "nearer_to_second_thomas", "the id of a place, in quotes", expected_nearer, judge_nearer,
        giveaways=lambda: [form for candidate in CANDIDATES for form in number_forms(km_between(SHOAL, candidate), "km", 0)],
        right=lambda: ["mischief-reef", "Mischief Reef", " mischief-reef "],
        wrong=lambda: [("edca-antonio-bautista-air-base", "Is the other place nearer"), ("hainan", "not one of the two"),
                       (42.0, "type float")]),
    "toward-allies": Exercise(
        "toward_allies", "a list of event ids", expected_toward_allies, judge_toward_allies,
        giveaways=lambda: [],
        right=lambda: [expected_toward_allies(), expected_toward_allies()[::-1], set(expected_toward_allies()),
                       pd.Series(expected_toward_allies())],
        wrong=lambda: [(expected_toward_allies() + ["2016-duterte-ends-joint-patrols"], "a step away"),
                       (expected_toward_allies()[:2], "2 of the 3"), (["2016-duterte-visits-moscow"], "not one of the six"),
                       ("2023-four-new-edca-sites", "list")]),
}

check = checker_for(EXERCISES)
