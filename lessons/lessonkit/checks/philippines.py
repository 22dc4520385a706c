"""Checks for lesson 05, the Philippines' turn and balancing China.

Distances and events are read from `data/`, so a corrected coordinate or row changes the answer with it. The
tribunal's findings (exercise 1) are the kit's summary of the award, as the event `2016-south-china-sea-arbitral-award`
describes it; the lesson shows that summary only after the exercise. The moves of exercise 3 carry neutral letters, so
that an id such as `...-ends-joint-patrols` cannot answer for the learner.
"""
import math

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, as_single_number, checker_for, correct, not_yet
from .common import as_list, km_between, near, normalised, number_forms, unit_slip

# Letters, as exercises 1 and 3 take them ------------------------------------------------------------------------


def _letters(answer: object) -> list[str] | None:
    """The letters an answer gives: a list such as ["A", "C"], or text such as "AC" or "A, C"."""
    if isinstance(answer, str):
        answer = answer.replace(",", " ").split() if "," in answer or " " in answer.strip() else list(answer.strip())
    answer = as_list(answer)
    if answer is None or not all(isinstance(item, str) for item in answer):
        return None
    return [item.strip().upper() for item in answer]


def _letter_forms(letters: list[str]) -> list[str]:
    """How a set of letters could be read in a lesson: "A, C and E", "A, C, E", "ACE"."""
    return [f"{', '.join(letters[:-1])} and {letters[-1]}", ", ".join(letters), "".join(letters)]


# Exercise 1: what did the tribunal decide? -----------------------------------------------------------------------

FINDINGS = {
    "A": ("China has no legal basis to claim historic rights to resources within the nine-dash line", True),
    "B": ("Scarborough Shoal belongs to the Philippines", False),
    "C": ("Mischief Reef and Second Thomas Shoal are low-tide elevations", True),
    "D": ("the maritime boundary between China and the Philippines", False),
    "E": ("China violated the Philippines' sovereign rights in its exclusive economic zone", True),
}
WHY_NOT = {
    "B": "Who owns a feature is sovereignty over land, which the Philippines did not ask about and the law of the sea "
         "does not settle: the tribunal ruled on no one's sovereignty.",
    "D": "The Philippines asked no question about a boundary, and the tribunal drew none: it said what zones the "
         "features generate, not where a line between two states' zones runs.",
}
# Phrases of the award's description (data/events.csv) that match the statements: the lesson shows it after the
# exercise, so none of them may be readable above it.
AWARD_PHRASES = ["no legal basis for China", "classed Mischief Reef and Second Thomas Shoal as low-tide elevations",
                 "had violated the Philippines' sovereign rights", "did not rule on sovereignty",
                 "did not delimit any maritime boundary"]


def expected_findings() -> list[str]:
    return sorted(letter for letter, (_, decided) in FINDINGS.items() if decided)


def judge_findings(answer: object, expected: list[str]) -> object:
    letters = _letters(answer)
    if not letters:
        return not_yet('Give a list of letters in quotes, such as `["A", "B"]`.')
    unknown = [letter for letter in letters if letter not in FINDINGS]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the letters A to E.")
    chosen = set(letters)
    for letter in sorted(chosen - set(expected)):
        return not_yet(f"Not {letter}. {WHY_NOT[letter]}")
    if chosen == set(expected):
        return correct("A, C and E: each answers a question the Philippines put about the sea. The award settled what "
                       "the features are, what zones they generate and whether China's historic-rights claim has a "
                       "basis under UNCLOS; it left sovereignty over land and boundaries open, which is why every "
                       "party still argues about sovereignty. Compare with the award's summary below.")
    missing = len(set(expected) - chosen)
    return not_yet(f"True as far as it goes, but {missing} more of the statements {'is' if missing == 1 else 'are'} "
                   "among the tribunal's findings. Which of the Philippines' questions about the sea does each "
                   "statement answer? Sovereign rights at sea are not sovereignty over land.")


# Exercise 2: how far is Second Thomas Shoal from its neighbours? --------------------------------------------------

SHOAL, CANDIDATES = "second-thomas-shoal", ["mischief-reef", "edca-antonio-bautista-air-base"]
KEYS = [*CANDIDATES, "nearer"]


def expected_distances() -> dict:
    distances = {candidate: km_between(SHOAL, candidate) for candidate in CANDIDATES}
    return {**distances, "nearer": min(CANDIDATES, key=distances.get)}


def _place_named(text: object) -> str | None:
    """The candidate a text names: its id or its English name, in any case."""
    if not isinstance(text, str):
        return None
    names = load_table("places").set_index("id").loc[CANDIDATES, "name_en"]
    return next((candidate for candidate in CANDIDATES
                 if normalised(text) in {candidate, normalised(names[candidate])}), None)


def _distance_problem(place: str, value: object, expected: dict) -> object | None:
    """Feedback on one distance of the answer, or None when it is right."""
    other = next(candidate for candidate in CANDIDATES if candidate != place)
    if isinstance(value, str):
        return not_yet(f"The distance to {place} is text. Give it as a number of kilometres, without quotes or "
                       "'km'.")
    number = as_single_number(value)
    if number is None or not math.isfinite(number):
        return not_yet(f"The distance to {place} should be one number of kilometres, as haversine_km gives it.")
    if near(number, expected[place], 0.02):
        return None
    if near(number, expected[other], 0.02):
        return not_yet(f"The number you gave for {place} is the distance to {other}: swap the two.")
    if slip := unit_slip(number, expected[place], 0.02):
        return slip
    return not_yet(f"The distance from the shoal to {place} is not right yet. Pass haversine_km the shoal's lat and "
                   f"lon, then {place}'s lat and lon.")


def judge_distances(answer: object, expected: dict) -> object:
    if not isinstance(answer, dict):
        return not_yet("Give the dictionary of the answer cell: a distance for each of the two places, and "
                       "'nearer'.")
    missing = [key for key in KEYS if key not in answer]
    if missing:
        return not_yet(f"The dictionary has no {missing[0]!r} yet: keep the three keys of the answer cell.")
    if any(answer[key] is ... for key in KEYS):
        return not_yet("Replace each `...` in the answer cell: two distances from haversine_km, and the id of the "
                       "nearer place in quotes.")
    for place in CANDIDATES:
        problem = _distance_problem(place, answer[place], expected)
        if problem:
            return problem
    nearer = _place_named(answer["nearer"])
    if nearer is None:
        return not_yet(f"'nearer' should be one of the two ids in quotes, `{CANDIDATES[0]}` or `{CANDIDATES[1]}`.")
    if nearer != expected["nearer"]:
        return not_yet("Your two distances are right, but 'nearer' names the farther place. Which of your numbers "
                       "is smaller?")
    reef, base = (f"{expected[candidate]:,.0f} km" for candidate in CANDIDATES)
    return correct(f"Mischief Reef is about {reef} from the shoal, the air base on Palawan about {base}. China holds "
                   "the reef and has built on it; the Philippines keeps a grounded ship on the shoal, supplied from "
                   "Palawan.")


# Exercise 3: which moves strengthened security ties with the United States or Japan? -----------------------------

# The moves, under the letters the lesson gives them (in date order).
MOVES = {"A": "2016-edca-five-locations-agreed", "B": "2016-duterte-ends-joint-patrols",
         "C": "2016-duterte-beijing-state-visit", "D": "2016-china-philippines-24bn-deals",
         "E": "2016-japan-philippines-summit-tokyo", "F": "2023-four-new-edca-sites",
         "G": "2023-ph-us-joint-patrols-begin", "H": "2024-japan-philippines-raa-signed",
         "I": "2024-second-thomas-provisional-arrangement"}
# Why each of the other moves does not strengthen those ties: the kit's reading of each event's description.
AWAY = {
    "B": "Duterte ruled out joint patrols with the US Navy, a step away from it",
    "C": "a state visit to China",
    "D": "economic pledges from China",
    "I": "an arrangement with China on resupplying the Sierra Madre",
}


def expected_toward_allies() -> list[str]:
    events = set(load_table("events")["id"])
    lost = sorted(set(MOVES.values()) - events)
    if lost:
        raise KeyError(f"data/events.csv has no event {lost[0]!r}")
    return sorted(set(MOVES) - set(AWAY))


def judge_toward_allies(answer: object, expected: list[str]) -> object:
    letters = _letters(answer)
    if not letters:
        return not_yet('Give a list of letters in quotes, such as `["B", "C"]`.')
    unknown = [letter for letter in letters if letter not in MOVES]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the moves' letters, A to I.")
    chosen = set(letters)
    wrong = sorted(chosen - set(expected))
    if wrong:
        return not_yet(f"Not {wrong[0]}: {AWAY[wrong[0]]}. Read its description again.")
    if chosen == set(expected):
        return correct("A, E, F, G and H: the EDCA sites of 2016 and 2023, the maritime security cooperation agreed "
                       "with Abe in Tokyo in October 2016, the joint patrols of 2023 and the 2024 access agreement "
                       "with Japan. Duterte's 2016 moves went both ways; the discussion asks what that makes them.")
    return not_yet(f"You have {len(chosen)} of the {len(expected)}. Which other move agreed something on security "
                   "(bases, patrols, forces, cooperation at sea) with the United States or Japan? A title does not "
                   "always say: read the descriptions.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

def _distances(**changes) -> dict:
    return {**expected_distances(), **changes}


EXERCISES = {
    "award-findings": Exercise(
        "tribunal_decided", "a list of letters", expected_findings, judge_findings,
        giveaways=lambda: [*_letter_forms(expected_findings()), *AWARD_PHRASES],
        right=lambda: [["A", "C", "E"], ["e", "a", "c"], "ACE", "A, C, E", ("A", "C", "E"), pd.Series(["A", "C", "E"])],
        wrong=lambda: [(["A", "B", "C", "E"], "Not B"), (["A", "C", "D", "E"], "Not D"), (["A", "C"], "1 more"),
                       (["A", "Z"], "'Z' is not one"), (3, "list of letters")]),
    "nearer-shoal": Exercise(
        "second_thomas", "a dictionary with two distances and the nearer place", expected_distances, judge_distances,
        giveaways=lambda: [form for candidate in CANDIDATES
                           for form in number_forms(km_between(SHOAL, candidate), "km", 1)],
        right=lambda: [expected_distances(), _distances(nearer="Mischief Reef"),
                       {key: round(value) if isinstance(value, float) else value
                        for key, value in expected_distances().items()}],
        wrong=lambda: [(_distances(nearer=CANDIDATES[1]), "names the farther place"),
                       (_distances(nearer="hainan"), "one of the two ids"),
                       ({**_distances(), CANDIDATES[0]: expected_distances()[CANDIDATES[1]],
                         CANDIDATES[1]: expected_distances()[CANDIDATES[0]]}, "swap the two"),
                       (_distances(**{CANDIDATES[0]: expected_distances()[CANDIDATES[0]] * 1000}), "metres"),
                       (_distances(**{CANDIDATES[0]: 100.0}), "not right yet"),
                       (_distances(**{CANDIDATES[1]: "317 km"}), "is text"),
                       ({CANDIDATES[0]: 41.8, "nearer": CANDIDATES[0]}, "has no"),
                       (_distances(nearer=...), "Replace each"), ("mischief-reef", "dictionary")]),
    "toward-allies": Exercise(
        "toward_allies", "a list of letters", expected_toward_allies, judge_toward_allies,
        giveaways=lambda: _letter_forms(expected_toward_allies()),
        right=lambda: [expected_toward_allies(), expected_toward_allies()[::-1], set(expected_toward_allies()),
                       pd.Series(expected_toward_allies()), "".join(expected_toward_allies())],
        wrong=lambda: [(expected_toward_allies() + ["B"], "a step away"), (expected_toward_allies() + ["I"], "Not I"),
                       (["F", "G", "H"], "3 of the 5"), (["J"], "not one of the moves"),
                       ([MOVES["F"]], "not one of the moves"), (7, "list of letters")]),
}

check = checker_for(EXERCISES)
