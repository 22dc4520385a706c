"""Checks for lesson 08, what happened next, 2016–2025.

Expected answers are computed from `data/` (events and forecasts), so a corrected row changes the answer with it.
"""

import numpy as np
import pandas as pd

from ..data import load_table, read_package
from ..exercises import Exercise, Feedback, checker_for, correct, not_yet
from .common import ARTICLE_DATE, DAYS_PER_YEAR, as_list, event_date, number_forms, read_number, read_years, years_slip
from .manifest import ChartShows, LessonShows, Manifest

HALT = "2022-russia-quits-peace-treaty-talks"

# Exercise 1: years from the article to the halt of the talks ----------------------------------------------------


def expected_years_to_halt() -> float:
    return (event_date(HALT) - ARTICLE_DATE).days / DAYS_PER_YEAR


def judge_years_to_halt(answer: object, expected: float) -> Feedback:
    value = read_years(answer)
    if abs(value - expected) <= 0.1:
        return correct(f"About {expected:.1f} years: from October 2016 to 21 March 2022, when Moscow halted the "
                       "talks, weeks after Japan joined the sanctions over Russia's invasion of Ukraine.")
    if slip := years_slip(value, expected, 0.1):
        return slip
    return not_yet(f"Not quite. Compute it from the two dates: subtract `article_date` from the date of {HALT!r}, "
                   "take .days, divide by 365.25.")


# Exercise 2: Russia's military moves in the Kurils after the article ---------------------------------------------

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _islands() -> pd.DataFrame:
    events = load_table("events")
    return events[(events["theme"] == "kurils") & (events["date"] > ARTICLE_DATE)]


def _military() -> pd.DataFrame:
    islands = _islands()
    return islands[islands["category"] == "military"]


def _outside_the_claim() -> pd.DataFrame:
    """The military moves at a place Japan does not claim (Paramushir, in the northern Kurils)."""
    claimed = load_table("places").set_index("id")["claimed_by"].fillna("")
    military = _military()
    places = military["place_id"].map(claimed)
    return military[military["place_id"].notna() & ~places.fillna("").str.contains("JPN")]


def expected_military_moves() -> int:
    return len(_military())


def judge_military_moves(answer: object, expected: int) -> Feedback:
    if isinstance(answer, pd.DataFrame):
        return not_yet("That is a table. Wrap it in len(...) to count its rows.")
    value = read_number(answer, "Give one whole number: how many events. If you have a table, a Series or a list of "
                                "rows, count it with len().")
    if value == expected:
        outside = _outside_the_claim()
        moves = "; ".join(f"{row.title} ({row.date.year})"
                          for row in _military().sort_values("date").itertuples())
        names = load_table("places").set_index("id")["name_en"]
        where = "".join(f" {names[row.place_id]} is in the northern Kurils, not one of the four islands Japan claims."
                        for row in outside.itertuples())
        return correct(f"{expected}: {moves}.{where} Japan protested the moves on the islands it claims and the "
                       "2022 drills; Moscow, where it answered, called its moves justified and made on Russian "
                       "territory (see each event's statements).")
    events = load_table("events")
    if value == len(_islands()):
        return not_yet("That counts every event in `islands`. Keep only those of category `military`.")
    if value == int((events["category"] == "military").sum()):
        return not_yet("That counts military events in every theme and year. Count within `islands` only.")
    # One message for every other number: it says how to count, never whether the count is too high or too low.
    return not_yet("Not quite. Count with code, not by eye: keep the rows of `islands` whose `category` is "
                   "`military` with a condition, and count them with len().")


def military_moves_giveaways() -> list[str]:
    count = expected_military_moves()
    words = [str(count), NUMBER_WORDS[count]] if count < len(NUMBER_WORDS) else [str(count)]
    return [f"{count} military", f"{count} moves", *(f"{word} {noun}" for word in words
                                                    for noun in ("military moves", "moves", "deployments"))]


# Exercise 3: grade three of the article's forecasts, on the rows that decide them --------------------------------

GRADED = ["bear-fruit", "cam-ranh-return", "years-even-decades"]
MOST_ROWS = 5  # the few rows that decide a grade, not a list of every event after the article
# The rows of `events` that bear on each forecast, filed under the grade each supports: a row is evidence for that
# grade only (the halt of the talks shows the hope did not bear fruit; the Singapore agreement shows the talks moving,
# not that they failed). Every row of the kit's `evidence` for these three forecasts in forecasts.csv is filed here,
# with other rows of the same event (the vote and the entry into force of the 2020 constitution; the suspension of
# New START and its law) and rows about the same question that forecasts.csv cites for another forecast (Russia's
# unravelling of ties with Japan from 2022, cited for relations-keep-improving; the invasion of Ukraine, cited for
# unforeseen-consequences-globally, which led to Japan's sanctions and the halt of the talks). `_cited_rows` makes
# the exercise tests fail when one of them is not.
# For "years, even decades" the kit's grade is too early to say: the worsening and the few openings alike leave the
# article's horizon open, so both support it, and no row settles it either way.
SUPPORTS = {
    "bear-fruit": {
        "did-not-hold": ["2020-russian-constitution-vote", "2020-russian-constitution-in-force",
                         "2022-russia-quits-peace-treaty-talks", "2022-japan-sanctions-russia",
                         "2022-japan-suspends-eight-point-plan", "2022-bluebook-illegally-occupied",
                         "2022-russia-ends-visa-free-agreements", "2022-russia-suspends-fishing-agreement",
                         "2023-russia-refuses-fishing-talks", "2023-day-of-victory-over-militaristic-japan",
                         "2023-japan-russia-ties-unprecedented-low", "2022-russian-full-scale-invasion-of-ukraine"],
        "held": ["2016-putin-visit-nagato-tokyo", "2016-tokyo-joint-economic-activities",
                 "2017-eef-island-pilot-projects", "2018-putin-proposes-treaty-without-preconditions",
                 "2018-singapore-agreement", "2019-abe-putin-osaka-summit", "2019-abe-putin-vladivostok-talks"],
    },
    "cam-ranh-return": {
        "did-not-hold": ["2016-vietnam-rejects-foreign-bases", "2023-us-vietnam-comprehensive-strategic-partnership",
                         "2024-putin-state-visit-hanoi"],
        "held": ["2016-pankov-cuba-vietnam-bases"],
    },
    "years-even-decades": {
        "too-early-to-say": ["2023-russia-suspends-new-start", "2023-russia-new-start-suspension-law",
                             "2019-inf-suspension-announced", "2019-russia-suspends-inf-treaty",
                             "2019-inf-withdrawal-effective", "2020-us-leaves-open-skies-treaty",
                             "2021-russia-leaves-open-skies-treaty", "2025-russia-ends-inf-moratorium",
                             "2025-plutonium-agreement-denounced", "2021-new-start-extended",
                             "2025-trump-putin-alaska-summit", "2025-putin-offers-new-start-limits-for-a-year",
                             "2022-russian-full-scale-invasion-of-ukraine"],
    },
}
# One rule on dates, applied to every forecast: a row from before the article (26 October 2016) may stand in the
# evidence as background (Vietnam had refused foreign bases on 13 October 2016, Pankov had spoken on 7 October), but
# only a row dated after the article can decide a grade; each forecast needs at least one.
# The sentence of each kit reason that states the grade, as a page could print it.
GRADE_SENTENCES = {
    "bear-fruit": "No treaty and no island agreement came of it",
    "cam-ranh-return": "Russia did not return to Cam Ranh as a base",
    "years-even-decades": "its horizon of decades has not run out",
}


def grades() -> list[str]:
    """The grades the forecasts table allows, as its schema lists them."""
    resource = next(r for r in read_package()["resources"] if r["name"] == "forecasts")
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "verdict")
    return field["constraints"]["enum"]


def _forecasts() -> pd.DataFrame:
    return load_table("forecasts").set_index("id")


def expected_grades() -> dict[str, dict]:
    """Per forecast: the kit's grade, the rows that bear on it, those that can decide a grade (dated after the
    article), and per grade the deciding rows that support it."""
    forecasts = _forecasts()
    dates = load_table("events").set_index("id")["date"]
    expected = {}
    for forecast in GRADED:
        supports = {grade: [row for row in rows if row in dates.index and dates[row] > ARTICLE_DATE]
                    for grade, rows in SUPPORTS[forecast].items()}
        bears = [row for rows in SUPPORTS[forecast].values() for row in rows if row in dates.index]
        grade = forecasts.at[forecast, "verdict"]
        expected[forecast] = {"grade": grade, "bears": bears,
                              "deciding": [row for row in bears if dates[row] > ARTICLE_DATE],
                              "supports": supports, "supporting": supports.get(grade, [])}
    return expected


def _form(forecast: str, entry: object, events: pd.Series) -> Feedback | None:
    """Feedback on one forecast's entry that is not yet a grade and a short list of real, distinct event ids;
    else None."""
    allowed = ", ".join(grades())
    if isinstance(entry, str) and entry in grades():
        return not_yet(f"{forecast!r} has a grade but no evidence: give it "
                       '{"grade": ..., "evidence": [...]}, as in the answer cell.')
    if not isinstance(entry, dict) or not {"grade", "evidence"} <= set(entry):
        return not_yet(f"Give {forecast!r} a dictionary with a 'grade' and an 'evidence' list, as in the answer cell.")
    grade, evidence = entry["grade"], as_list(entry["evidence"])
    if grade is ...:
        return not_yet(f"{forecast!r} has no grade yet: replace its ... with one of {allowed}.")
    if not isinstance(grade, str) or grade not in grades():
        return not_yet(f"{grade!r} is not a grade: use one of {allowed}, in quotes.")
    if evidence is None or ... in evidence:
        return not_yet(f"Give {forecast!r} a list of event ids in quotes as its evidence, between [ and ].")
    if not evidence:
        return not_yet(f"The evidence for {forecast!r} is empty: a grade needs the events that decide it.")
    unknown = [item for item in evidence if not isinstance(item, str) or item not in set(events.index)]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not an event id: copy ids from the `id` column of `events`.")
    if len(set(evidence)) < len(evidence):
        return not_yet(f"The evidence for {forecast!r} names the same event twice: give each id once.")
    if len(evidence) > MOST_ROWS:
        return not_yet(f"Cite at most {MOST_ROWS} rows for {forecast!r}: the few that decide it, not every "
                       "event you found.")
    return None


def _evidence_problem(forecast: str, evidence: list, expected: dict[str, dict], dates: pd.Series) -> Feedback | None:
    """Feedback on one forecast's evidence that cites another forecast's rows or has no row that decides it."""
    bears = set(expected[forecast]["bears"])
    others = {row for other in GRADED if other != forecast for row in expected[other]["bears"]} - bears
    elsewhere = [row for row in evidence if row in others]
    if elsewhere:
        return not_yet(f"The kit counts {elsewhere[0]!r} as evidence for another of the three forecasts, not for "
                       f"{forecast!r}.")
    if all(dates[row] <= ARTICLE_DATE for row in evidence):
        return not_yet(f"Every row you cite for {forecast!r} is from before the article (26 October 2016). Such a "
                       "row may stand as background, but only an event after the article can decide the grade: "
                       "add one.")
    if not set(evidence) & set(expected[forecast]["deciding"]):
        return not_yet(f"The kit does not count any of your rows as evidence for {forecast!r}. Which event after "
                       "the article settles this forecast? Search the titles and descriptions of `events`.")
    return None


def judge_grades(answer: object, expected: dict[str, dict]) -> Feedback:
    if not isinstance(answer, dict):
        return not_yet("Give a dictionary, as in the answer cell: each forecast's id with its grade and evidence.")
    extra = [key for key in answer if key not in GRADED]
    if extra:
        return not_yet(f"{extra[0]!r} is not one of the three forecasts: keep the ids of the answer cell.")
    missing = [forecast for forecast in GRADED if answer.get(forecast, ...) is ...]
    if missing:
        return not_yet(f"{missing[0]!r} has no grade yet: give it a grade and its evidence, as in the answer cell.")
    dates = load_table("events").set_index("id")["date"]
    for forecast in GRADED:
        problem = _form(forecast, answer[forecast], dates)
        if problem is not None:
            return problem
    # The evidence first: no word on the grades until each forecast cites a row that decides it.
    for forecast in GRADED:
        problem = _evidence_problem(forecast, as_list(answer[forecast]["evidence"]), expected, dates)
        if problem is not None:
            return problem
    # One message for any wrong grade, and for a grade that rests only on rows supporting another grade: it names no
    # forecast, so grades cannot be sorted by trying them in turn.
    def holds(forecast: str) -> bool:
        entry = answer[forecast]
        supported = set(as_list(entry["evidence"])) & set(expected[forecast]["supports"].get(entry["grade"], []))
        return entry["grade"] == expected[forecast]["grade"] and bool(supported)

    if not all(holds(forecast) for forecast in GRADED):
        return not_yet("At least one of your grades differs from the kit's, or rests only on rows that point the "
                       "other way (a summit shows talks moving, not that they failed). For each forecast, read the "
                       "quote again, then the rows you cite: what did it expect, what had happened by 2025, and "
                       "which of your rows shows that? If you still disagree, keep your grades and evidence for the "
                       "discussion (the kit's reasons are in the solution).")
    return correct("Your grades match the kit's, each on a row that decides it. Each grade is a judgement on "
                   "evidence: the solution prints the kit's reasons, one per forecast, with a for loop.")


def grades_giveaways() -> list[str]:
    """Each grade beside its forecast's id or quote, as a table would show it, and the sentence that states it."""
    forecasts = _forecasts()
    forms = []
    for forecast in GRADED:
        row = forecasts.loc[forecast]
        forms += [f"{forecast} {row.verdict}", f"{row.quote} {row.hope_or_forecast} {row.verdict}",
                  f"{row.quote} {row.verdict}", f"{row.hope_or_forecast} {row.verdict} {row.reason}"]
    return [*forms, *GRADE_SENTENCES.values()]


def _grades_answer(**changes) -> dict:
    answer = {forecast: {"grade": expected["grade"], "evidence": expected["supporting"][-1:]}
              for forecast, expected in expected_grades().items()}
    return {**answer, **changes}


def _graded(forecast: str, *evidence: str, grade: str | None = None) -> dict:
    """The right answer with one forecast's evidence (and grade) changed."""
    return _grades_answer(**{forecast: {"grade": grade or expected_grades()[forecast]["grade"],
                                        "evidence": list(evidence)}})


def _cited_rows(kind: str) -> list:
    """Answers citing one row of forecasts.csv's evidence for the three forecasts, dated after the article: the right
    ones (the row supports the kit's grade) or the wrong ones (it points the other way). Raises when a cited row is
    not filed in SUPPORTS, so that the data and the check cannot drift apart."""
    forecasts, expected = _forecasts(), expected_grades()
    answers = []
    for forecast in GRADED:
        filed = {row for rows in SUPPORTS[forecast].values() for row in rows}
        for row in forecasts.at[forecast, "evidence"].split(";"):
            assert row in filed, f"{row} is evidence for {forecast} in forecasts.csv but not filed in SUPPORTS"
            if row not in expected[forecast]["deciding"]:
                continue
            if (row in expected[forecast]["supporting"]) == (kind == "right"):
                answers.append(_graded(forecast, row) if kind == "right"
                               else (_graded(forecast, row), "point the other way"))
    return answers


# What the tests try on each exercise. -----------------------------------------------------------------------------

EXERCISES = {
    "years-to-halt": Exercise(
        "years_to_halt", "a number of years", expected_years_to_halt, judge_years_to_halt,
        giveaways=lambda: number_forms(expected_years_to_halt(), "years"),
        right=lambda: [expected_years_to_halt(), round(expected_years_to_halt(), 1),
                       np.float64(expected_years_to_halt())],
        wrong=lambda: [(-expected_years_to_halt(), "negative"), (expected_years_to_halt() * 365.25, "days"),
                       (5, "Compute it from the two dates"), (6, "Compute it from the two dates"),
                       (pd.Timedelta(days=1972), "Timedelta"), (2.0, "Not quite")]),
    "military-moves": Exercise(
        "military_moves", "a whole number", expected_military_moves, judge_military_moves,
        giveaways=military_moves_giveaways,
        right=lambda: [expected_military_moves(), np.int64(expected_military_moves()),
                       float(expected_military_moves())],
        wrong=lambda: [(expected_military_moves() + 1, "Count with code"),
                       (expected_military_moves() - len(_outside_the_claim()), "Count with code"),
                       (expected_military_moves() - 1, "Count with code"),
                       (len(_islands()), "Keep only those of category"),
                       (load_table("events").head(expected_military_moves()), "a table"),
                       (_military()["id"], "count it with len()"),
                       ("five", "whole number")]),
    "my-grades": Exercise(
        "my_grades", "a dictionary of grades with their evidence", expected_grades, judge_grades,
        giveaways=grades_giveaways,
        right=lambda: [_grades_answer(), dict(reversed(list(_grades_answer().items()))),
                       _graded("bear-fruit", "2018-singapore-agreement", "2022-russia-quits-peace-treaty-talks"),
                       _graded("bear-fruit", "2020-russian-constitution-vote"),
                       _graded("bear-fruit", "2022-bluebook-illegally-occupied", "2016-sochi-new-approach"),
                       _graded("cam-ranh-return", "2016-pankov-cuba-vietnam-bases",
                               "2016-vietnam-rejects-foreign-bases", "2024-putin-state-visit-hanoi"),
                       _graded("years-even-decades", "2023-russia-new-start-suspension-law"),
                       _graded("years-even-decades", "2025-russia-ends-inf-moratorium"),
                       _graded("bear-fruit", "2023-russia-refuses-fishing-talks"),
                       _graded("years-even-decades", "2022-russian-full-scale-invasion-of-ukraine"),
                       *_cited_rows("right")],
        wrong=lambda: [(_graded("bear-fruit", "2022-russia-quits-peace-treaty-talks", grade="held"),
                        "At least one of your grades differs"),
                       (_graded("years-even-decades", "2023-russia-suspends-new-start", grade="did-not-hold"),
                        "At least one of your grades differs"),
                       (_grades_answer(**{"cam-ranh-return": ...}), "has no grade yet"),
                       (_graded("bear-fruit", "2022-russia-quits-peace-treaty-talks", grade="maybe"), "not a grade"),
                       (_grades_answer(**{"bear-fruit": "did-not-hold"}), "no evidence"),
                       (_graded("bear-fruit"), "empty"),
                       (_graded("bear-fruit", *["2022-russia-quits-peace-treaty-talks"] * 2), "twice"),
                       (_graded("bear-fruit", "made-up"), "not an event id"),
                       (_graded("bear-fruit", "2019-first-russia-china-bomber-patrol"),
                        "does not count any of your rows as evidence for 'bear-fruit'"),
                       (_graded("bear-fruit", "2022-russia-quits-peace-treaty-talks", "2024-putin-state-visit-hanoi"),
                        "another of the three"),
                       (_graded("bear-fruit", "2016-sochi-new-approach"), "from before the article"),
                       (_graded("bear-fruit", "2018-singapore-agreement", "2019-abe-putin-osaka-summit"),
                        "point the other way"),
                       (_graded("bear-fruit", "2018-singapore-agreement", grade="held"), "point the other way"),
                       (_graded("cam-ranh-return", "2016-vietnam-rejects-foreign-bases"),
                        "from before the article"),
                       (_graded("bear-fruit", *sorted(set(expected_grades()["bear-fruit"]["deciding"]))[:6]),
                        "at most 5"),
                       (_grades_answer(**{"my-guess": "held"}), "not one of the three"),
                       (["did-not-hold"], "dictionary"), *_cited_rows("wrong")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..timelines import events_with_sources
    themes = ["cold-war-borders", "japan-russia", "kurils", "pacific-signals", "philippines-china", "after-2016"]
    events = pd.concat([events_with_sources(theme) for theme in themes])
    since_2016 = events[events["date"].dt.year >= 2016]
    return LessonShows(charts=[ChartShows(since_2016["category"].nunique(), len(since_2016))])  # one trace a kind


def _guide_keys() -> dict[str, list[str]]:
    return {"years-to-halt": [f"about **{expected_years_to_halt():.1f}** years"],
            "military-moves": [f"**{expected_military_moves()}** in the whole Kuril chain"],
            "my-grades": [f"`{forecast}`: {grading['grade']}" for forecast, grading in expected_grades().items()]}


MANIFEST = Manifest("08-what-happened-next", _shows, EXERCISES, _guide_keys,
                    taught=[".add_annotation()", ".add_vline()", "pd.Timestamp", ".tail()", ".copy()"])
