"""Checks for lesson 05, the Philippines' turn and balancing China.

Distances and events are read from `data/`, so a corrected coordinate or row changes the answer with it. The
tribunal's findings (exercise 1) are the kit's summary of the award, as the event `2016-south-china-sea-arbitral-award`
describes it; the lesson shows that summary only after the exercise. The moves of exercise 3 carry neutral letters, so
that an id such as `...-ends-joint-patrols` cannot answer for the learner. Feedback on a wrong set of letters is one
message about the method, naming no letter and no count, so that tries cannot sort the candidates.
"""

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, Feedback, checker_for, correct, not_yet
from .common import as_list, km_between, near, normalised, number_forms, read_letters, read_number, unit_slip
from .manifest import OSM_LAYER, ChartShows, LessonShows, Manifest, MapShows, markers

# Letters, as exercises 1 and 3 take them ------------------------------------------------------------------------


def _letters_form(answer: object, example: list[str]) -> str:
    """What to say about the form of letters accepted as right: text, or lower case, where a list of capitals is
    asked for."""
    listed = "[" + ", ".join(f'"{letter}"' for letter in example) + "]"
    if isinstance(answer, str):
        return f"the answer cell asks for a list of letters in quotes, {listed}; text worked this time."
    if any(isinstance(item, str) and item.strip() != item.strip().upper() for item in as_list(answer) or []):
        return f"the letters are capitals, as the statements show them: {listed}."
    return ""


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
    # Worded like C and E, but it ends in sovereignty: the award made no feature anyone's territory, and held that a
    # low-tide elevation cannot be appropriated at all. A learner matching the award's words would keep it.
    "F": ("Mischief Reef lies in the Philippines' exclusive economic zone and is therefore Philippine territory",
          False),
}
# Phrases of the award's description (data/events.csv) that match the statements: the lesson shows it after the
# exercise, so none of them may be readable above it.
AWARD_PHRASES = ["no legal basis for China", "classed Mischief Reef and Second Thomas Shoal as low-tide elevations",
                 "had violated the Philippines' sovereign rights", "did not rule on sovereignty",
                 "did not delimit any maritime boundary"]


def expected_findings() -> list[str]:
    return sorted(letter for letter, (_, decided) in FINDINGS.items() if decided)


# One message for any wrong set: it names no letter and no count, so that tries cannot sort the statements.
FINDINGS_METHOD = ("Take the statements one at a time and ask which of the three questions the Philippines put to the "
                   "tribunal it answers: whether China's historic-rights claim has a basis in UNCLOS, what each "
                   "feature is and which zones it can generate, whether China's acts at sea broke the Philippines' "
                   "rights. Keep every statement that answers one of them, and only those, reading each to its last "
                   "word. Sovereign rights at sea are not sovereignty over land.")


def judge_findings(answer: object, expected: list[str]) -> Feedback:
    letters = read_letters(answer)
    if not letters:
        return not_yet('Give a list of letters in quotes, such as `["A", "B"]`.')
    unknown = [letter for letter in letters if letter not in FINDINGS]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the letters A to F.")
    chosen = set(letters)
    if chosen == set(FINDINGS):
        return not_yet("All six cannot be the answer: some of the statements are things the tribunal is often said "
                       "to have decided, not its findings. " + FINDINGS_METHOD)
    if chosen != set(expected):
        return not_yet("That is not the set of the tribunal's findings. " + FINDINGS_METHOD)
    return correct("A, C and E: each answers a question the Philippines put about the sea. B is sovereignty over "
                   "land and D a boundary, which it did not ask about; F ends in sovereignty too: the award made no "
                   "feature anyone's territory, and held that a low-tide elevation such as Mischief Reef cannot be "
                   "appropriated at all. Compare with the award's summary below.",
                   form=_letters_form(answer, expected))


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


def _distance_problem(place: str, value: object, expected: dict) -> Feedback | None:
    """Feedback on one distance of the answer, or None when it is right."""
    other = next(candidate for candidate in CANDIDATES if candidate != place)
    if isinstance(value, str):
        return not_yet(f"The distance to {place} is text. Give it as a number of kilometres, without quotes or "
                       "'km'.")
    number = read_number(value, f"The distance to {place} should be one number of kilometres, as haversine_km "
                                "gives it.")
    if near(number, expected[place], 0.02):
        return None
    if near(number, expected[other], 0.02):
        return not_yet(f"The number you gave for {place} is the distance to {other}: swap the two.")
    if slip := unit_slip(number, expected[place], 0.02):
        return slip
    return not_yet(f"The distance from the shoal to {place} is not right yet. Pass haversine_km the shoal's lat and "
                   f"lon, then {place}'s lat and lon.")


def judge_distances(answer: object, expected: dict) -> Feedback:
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
    form = (f"'nearer' asks for the place's id, `{nearer}`, as the places table spells it, not its name."
            if answer["nearer"] != nearer else "")
    return correct(f"Mischief Reef is about {reef} from the shoal, the air base on Palawan about {base}. China holds "
                   "the reef and has built on it; the Philippines keeps a grounded ship on the shoal, supplied from "
                   "Palawan.", form=form)


# Exercise 3: which moves strengthened security ties with the United States or Japan? -----------------------------

# The moves, under the letters the lesson gives them (in date order).
MOVES = {"A": "2016-edca-five-locations-agreed", "B": "2016-duterte-ends-joint-patrols",
         "C": "2016-duterte-beijing-state-visit", "D": "2016-china-philippines-24bn-deals",
         "E": "2016-japan-philippines-summit-tokyo", "F": "2023-four-new-edca-sites",
         "G": "2023-ph-us-joint-patrols-begin", "H": "2024-japan-philippines-raa-signed",
         "I": "2024-second-thomas-provisional-arrangement"}
# The moves that do not strengthen those ties, as the kit reads each event's description: B rules out joint patrols
# with the US Navy (a step away), C is a state visit to China, D economic pledges from China, I an arrangement with
# China on resupplying the Sierra Madre.
AWAY = ["B", "C", "D", "I"]
# One message for any wrong set: it names no letter and no count, so that tries cannot sort the moves.
TIES_METHOD = ("Read each move's description (`moves[[\"description\"]]` shows them as a table) and ask two things: "
               "did the Philippines agree or start something on security (bases, access, patrols, forces, cooperation "
               "at sea), and was it with the United States or Japan? A move can concern the United States and still "
               "be a step away from it. Keep every move that passes both, and only those.")


def expected_strengthened_ties() -> list[str]:
    events = set(load_table("events")["id"])
    lost = sorted(set(MOVES.values()) - events)
    if lost:
        raise KeyError(f"data/events.csv has no event {lost[0]!r}")
    return sorted(set(MOVES) - set(AWAY))


def judge_strengthened_ties(answer: object, expected: list[str]) -> Feedback:
    letters = read_letters(answer)
    if not letters:
        return not_yet('Give a list of letters in quotes, such as `["B", "C"]`.')
    unknown = [letter for letter in letters if letter not in MOVES]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the moves' letters, A to I.")
    chosen = set(letters)
    if chosen == set(MOVES):
        return not_yet("All nine cannot be the answer: some moves drew the Philippines toward China or away from the "
                       "United States. " + TIES_METHOD)
    if chosen != set(expected):
        return not_yet("That is not the set of moves the descriptions support. " + TIES_METHOD)
    return correct("A, E, F, G and H: the EDCA sites of 2016 and 2023, the maritime security cooperation agreed "
                   "with Abe in Tokyo in October 2016, the joint patrols of 2023 and the 2024 access agreement "
                   "with Japan. Duterte's 2016 moves went both ways; the discussion asks what that makes them.",
                   form=_letters_form(answer, expected))


# What the tests try on each exercise. -----------------------------------------------------------------------------

def _distances(**changes) -> dict:
    return {**expected_distances(), **changes}


EXERCISES = {
    "award-findings": Exercise(
        "tribunal_decided", "a list of letters", expected_findings, judge_findings,
        giveaways=lambda: [*_letter_forms(expected_findings()), *AWARD_PHRASES],
        right=lambda: [["A", "C", "E"], ["e", "a", "c"], "ACE", "A, C, E", ("A", "C", "E"), pd.Series(["A", "C", "E"])],
        wrong=lambda: [(["A", "B", "C", "E"], "three questions"), (["A", "C", "D", "E"], "three questions"),
                       (["A", "C"], "three questions"), (["A", "C", "E", "F"], "last word"),
                       (list("ABCDEF"), "All six cannot"),
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
    "strengthened-ties": Exercise(
        "strengthened_ties", "a list of letters", expected_strengthened_ties, judge_strengthened_ties,
        giveaways=lambda: _letter_forms(expected_strengthened_ties()),
        right=lambda: [expected_strengthened_ties(), expected_strengthened_ties()[::-1],
                       set(expected_strengthened_ties()), pd.Series(expected_strengthened_ties()),
                       "".join(expected_strengthened_ties())],
        wrong=lambda: [(expected_strengthened_ties() + ["B"], "descriptions support"),
                       (expected_strengthened_ties() + ["I"], "descriptions support"),
                       (["F", "G", "H"], "descriptions support"), (list(MOVES), "All nine cannot"),
                       (["J"], "not one of the moves"), ([MOVES["F"]], "not one of the moves"),
                       (7, "list of letters")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..style import OKABE_ITO
    from ..timelines import events_with_sources
    sites_and_shoals = markers({  # US access sites agreed in 2016 and 2023, and the disputed features
        OKABE_ITO["blue"]: ["edca-antonio-bautista-air-base", "edca-basa-air-base", "edca-fort-magsaysay",
                            "edca-lumbia-air-base", "edca-mactan-benito-ebuen-air-base"],
        OKABE_ITO["sky blue"]: ["edca-naval-base-camilo-osias", "edca-lal-lo-airport", "edca-camp-melchor-dela-cruz",
                                "edca-balabac-island"],
        OKABE_ITO["vermillion"]: ["scarborough-shoal", "second-thomas-shoal", "mischief-reef", "spratly-islands"]})
    both = pd.concat([events_with_sources("philippines-china"), events_with_sources("after-2016")])
    manila = both[both["actors"].str.contains("PHL") & (both["date"].dt.year >= 2016)]
    return LessonShows(
        maps=[MapShows(markers=sites_and_shoals, layers=(OSM_LAYER, "EDCA sites agreed in 2016",
                                                         "EDCA sites added in 2023", "Disputed features"))],
        charts=[ChartShows(manila["category"].nunique(), len(manila))])  # the Philippines' events


def _in_words(letters: list[str]) -> str:
    return f"**{', '.join(letters[:-1])} and {letters[-1]}**"


def _guide_keys() -> dict[str, list[str]]:
    distances = expected_distances()
    nearer = distances.pop("nearer")
    return {"award-findings": [_in_words(expected_findings())],
            "nearer-shoal": [*(f"about **{km:.0f} km**" for km in distances.values()), f"nearer: **`{nearer}`**"],
            "strengthened-ties": [_in_words(expected_strengthened_ties())]}


MANIFEST = Manifest("05-philippines-turn", _shows, EXERCISES, _guide_keys, taught=["pd.concat"])
