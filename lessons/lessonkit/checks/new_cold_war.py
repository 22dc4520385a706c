"""Checks for lesson 06, a new or an old Cold War?

Counts and ratios are computed from `data/`. The case of exercise 3 can only be checked for its form: what a program
can refuse, it refuses (a position that is not one of the three, ids that do not exist or are not among the
lesson's evidence, an id given twice, a scholar cited for a position the scholar does not hold, a counter-argument
that is filler or the model's); the argument itself is left to the rubric in the instructor guide, and the check
never says "Correct".
"""
import difflib
import math
import re

import numpy as np

from ..data import load_table
from ..exercises import Exercise, as_single_number, checker_for, correct, form_checked, not_yet
from .common import as_list, figure_value, near, number_forms

# Exercise 1: how many agreements had been suspended or left by the end of 2021? ----------------------------------

# The kit's arms-control and nuclear-cooperation events between Washington and Moscow, by agreement (the lesson
# builds the same table with .map).
AGREEMENT_OF = {
    "1987-inf-treaty-signed": "INF Treaty",
    "2019-inf-suspension-announced": "INF Treaty",
    "2019-russia-suspends-inf-treaty": "INF Treaty",
    "2019-inf-withdrawal-effective": "INF Treaty",
    "2000-plutonium-agreement-signed": "Plutonium agreement",
    "2010-plutonium-protocol-signed": "Plutonium agreement",
    "2016-plutonium-agreement-suspended": "Plutonium agreement",
    "2025-plutonium-agreement-denounced": "Plutonium agreement",
    "2016-nuclear-research-agreement-suspended": "Nuclear research agreement",
    "2010-new-start-signed": "New START",
    "2011-new-start-enters-into-force": "New START",
    "2021-new-start-extended": "New START",
    "2023-russia-suspends-new-start": "New START",
    "2020-us-leaves-open-skies-treaty": "Open Skies Treaty",
    "2021-russia-leaves-open-skies-treaty": "Open Skies Treaty",
}
# Words in an event's title that say it suspended, left or ended an agreement (an extension or a signing is not a cut).
ENDINGS = ("suspen", "exit", "withdraw", "leaves", "ending", "denounc")
LAST_YEAR = 2021  # the year before Russia's full-scale invasion of Ukraine (24 February 2022)


def arms_control_events():
    events = load_table("events").set_index("id").loc[list(AGREEMENT_OF)].reset_index()
    return events.assign(agreement=events["id"].map(AGREEMENT_OF))


def _cuts(events):
    return events["title"].str.lower().str.contains("|".join(ENDINGS))


def expected_agreements_cut() -> int:
    events = arms_control_events()
    return events.loc[_cuts(events) & (events["date"].dt.year <= LAST_YEAR), "agreement"].nunique()


def _counts() -> dict[str, int]:
    """The numbers a learner reaches by counting the wrong thing."""
    events = arms_control_events()
    years = events["date"].dt.year
    cut_to_2021 = _cuts(events) & (years <= LAST_YEAR)
    return {"agreements": events["agreement"].nunique(),
            "agreements 2016-2021": events.loc[(years >= 2016) & (years <= LAST_YEAR), "agreement"].nunique(),
            "cut events": int(cut_to_2021.sum()),
            "events 2016-2021": int(((years >= 2016) & (years <= LAST_YEAR)).sum()),
            "events": len(events), "events from 2016": int((years >= 2016).sum()),
            "all cut agreements": events.loc[_cuts(events), "agreement"].nunique()}


def judge_agreements_cut(answer: object, expected: int) -> object:
    if isinstance(answer, str):
        return not_yet("Your answer is text. Give the whole number without quotes.")
    value = as_single_number(answer)
    if value is None or math.isnan(value):
        return not_yet("Give one whole number: how many different agreements.")
    if value == expected:
        return correct(f"{expected}: the plutonium and nuclear research agreements (suspended by Russia in October "
                       "2016), the INF Treaty (left by the United States and suspended by Russia in 2019) and Open "
                       "Skies (left by the United States in 2020 and Russia in 2021). New START was extended in "
                       "2021; Russia suspended it only in 2023. Most of the unravelling came before the 2022 war.")
    counts = _counts()
    if value in {counts["agreements"], counts["agreements 2016-2021"], counts["all cut agreements"]}:
        return not_yet("That counts every agreement with an event in those years, or in the whole table. Read the "
                       "titles of the events to the end of 2021: did each of those agreements lose something, or "
                       "was one of them renewed?")
    if value in {counts["cut events"], counts["events 2016-2021"], counts["events"], counts["events from 2016"]}:
        return not_yet("That counts events, not agreements: several events belong to one agreement (the INF "
                       "Treaty has three in 2019). Count the different values of the `agreement` column with "
                       ".nunique().")
    return not_yet("Not quite. Keep the events to the end of 2021 whose titles say an agreement was suspended or "
                   "left, then count their different agreements with .nunique().")


# Exercise 2: how much did Russia-China trade grow from 2016 to 2024? --------------------------------------------


def expected_growth() -> float:
    return figure_value("trade-russia-china-2024") / figure_value("trade-russia-china-2016")


def judge_growth(answer: object, expected: float) -> object:
    value = as_single_number(answer)
    if value is None or math.isnan(value):
        return not_yet("Give one number: 2024's trade divided by 2016's, such as 1.5.")
    if near(value, expected, 0.02):
        return correct(f"About {expected:.1f} times, in dollars of each year (not adjusted for inflation). Russia and "
                       "China traded far more in 2024 than in 2016, while US-China trade stayed much larger still.")
    if near(value, 1 / expected, 0.02):
        return not_yet("That is 2016 divided by 2024. Divide the later year by the earlier one.")
    if near(value, (expected - 1) * 100, 0.02):
        return not_yet("That is the growth in per cent. The exercise asks how many times larger: 2024 / 2016.")
    if near(value, figure_value("trade-us-china-2024") / figure_value("trade-us-china-2016"), 0.02):
        return not_yet("That is US-China trade. The exercise asks for Russia-China trade.")
    return not_yet("Not quite: divide `trade-russia-china-2024` by `trade-russia-china-2016`.")


# Exercise 3: a case for one position, with evidence and a counter-argument ---------------------------------------

POSITIONS = ["new-cold-war", "cold-war-returns", "not-a-cold-war"]
MIN_COUNTER_WORDS = 12
# The evidence the lesson shows on the question, besides the voices table: the arms-control events (`arms`), the
# trade and gas figures (`trade_ids`, and the two gas shares in the text) and the alignments (`alignment_ids`).
TRADE_IDS = ["us-exports-ussr-1976", "trade-russia-china-2016", "trade-russia-china-2024", "trade-us-china-2016",
             "trade-us-china-2024", "eu-gas-imports-russia-share-2021", "eu-gas-imports-russia-share-2024"]
ALIGNMENT_IDS = ["2022-russia-china-no-limits-statement", "2023-finland-joins-nato", "2024-sweden-joins-nato",
                 "2024-russia-north-korea-treaty-in-force", "2024-nato-washington-summit-declaration"]
# Words that any English prose is full of: a counter-argument with almost none of them is not a sentence.
FUNCTION_WORDS = {"a", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "did", "do", "does", "for",
                  "from", "had", "has", "have", "if", "in", "is", "it", "its", "more", "no", "not", "of", "on", "or",
                  "so", "than", "that", "the", "their", "there", "they", "this", "to", "was", "were", "which",
                  "while", "with", "would"}

# The case of the lesson's folded solution (the same text): a copy of it is not the learner's own.
MODEL_CASE = {
    "position": "new-cold-war",
    "evidence": ["trade-us-china-2024", "trade-russia-china-2024", "2024-russia-north-korea-treaty-in-force"],
    "counter": "Since 2016 Washington and Moscow have suspended or left one arms-control agreement after another, "
               "which looks like the old rivalry returning rather than something new.",
}


def case_rules() -> dict:
    """What the check needs: every id with its table, the lesson's evidence, each voice's position, the model."""
    tables = {table: load_table(table) for table in ("events", "figures", "voices")}
    known = {row_id: name for name, table in tables.items() for row_id in table["id"]}
    lesson = {*AGREEMENT_OF, *TRADE_IDS, *ALIGNMENT_IDS, *tables["voices"]["id"]}
    missing = sorted(lesson - set(known))
    if missing:
        raise KeyError(f"data/ has no row {missing[0]!r}")
    return {"known": known, "lesson": lesson, "model": MODEL_CASE,
            "voice_position": tables["voices"].set_index("id")["position"].to_dict()}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower())


def _copied(text: str, model: str) -> bool:
    """Whether half the text or more runs, three words or more at a time, as in the model: a copy, perhaps with a
    few words changed."""
    mine, theirs = _words(text), _words(model)
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
    return shared >= 0.5 * min(len(mine), len(theirs))


def _counter_problem(counter: object, model: str) -> str | None:
    """Why a counter-argument cannot be accepted as one, or None."""
    if not isinstance(counter, str) or len(counter.split()) < MIN_COUNTER_WORDS:
        return (f"'counter' should be the strongest argument against your position, in a sentence or two of your own "
                f"(at least {MIN_COUNTER_WORDS} words).")
    words = _words(counter)
    distinct = set(words)
    if len(distinct) < max(8, 0.5 * len(words)):
        return (f"Your counter-argument uses only {len(distinct)} different words in {len(words)}: that reads as "
                "filler or repetition. Write the argument out in your own sentence.")
    if sum(len(word) >= 4 for word in distinct) < 6 or sum(word in FUNCTION_WORDS for word in words) < 0.1 * len(words):
        return "Your counter-argument does not read as an English sentence. Write the argument out in full."
    if _copied(counter, model):
        return "Your counter-argument follows the model case of the solution: write your own."
    return None


def judge_case(answer: object, rules: dict) -> object:
    if not isinstance(answer, dict):
        return not_yet("Give a dictionary with three keys, as in the answer cell: 'position', 'evidence' and "
                       "'counter'.")
    missing = [key for key in ("position", "evidence", "counter") if key not in answer]
    if missing:
        return not_yet(f"The dictionary has no {missing[0]!r} yet: keep the three keys of the answer cell.")
    position, evidence, counter = answer["position"], answer["evidence"], answer["counter"]
    items = as_list(evidence)
    unfilled = items is not None and any(item is ... for item in items)
    if position is ... or counter is ... or evidence is ... or unfilled:
        return not_yet("Replace each `...` in `my_case` with your own: a position in quotes, a list of ids, and "
                       "a sentence or two.")
    if not isinstance(position, str) or position.strip().lower() not in POSITIONS:
        return not_yet(f"'position' should be one of {', '.join(POSITIONS)} (in quotes); it is {position!r}.")
    position = position.strip().lower()
    if items is None or len(items) < 2 or not all(isinstance(item, str) for item in items):
        return not_yet("'evidence' should be a list of at least two ids in quotes, from the lesson's tables, such as "
                       "`[\"2019-inf-withdrawal-effective\", \"trade-us-china-2024\"]`.")
    items = [item.strip() for item in items]
    twice = next((item for item in items if items.count(item) > 1), None)
    if twice:
        return not_yet(f"{twice!r} is in your evidence twice: each id counts once. Give different ids.")
    unknown = next((item for item in items if item not in rules["known"]), None)
    if unknown:
        return not_yet(f"{unknown!r} is not an id in the events, figures or voices tables: copy ids from the "
                       "tables above.")
    elsewhere = next((item for item in items if item not in rules["lesson"]), None)
    if elsewhere:
        return not_yet(f"{elsewhere!r} is in the kit, but not among this lesson's evidence on the Cold War question. "
                       "Use ids from `arms`, `trade_ids`, `alignment_ids` or `voices`.")
    if all(rules["known"][item] == "voices" for item in items):
        return not_yet("All your evidence is scholars' opinions. Add at least one event or figure: data the "
                       "scholars could be asked to explain.")
    against = next((item for item in items if rules["voice_position"].get(item, position) != position), None)
    if against:
        return not_yet(f"{against!r} argues '{rules['voice_position'][against]}', not '{position}': a scholar on "
                       "another side is a counter-argument, not support. Cite a voice of your own side, or an event "
                       "or figure.")
    model = rules["model"]
    problem = _counter_problem(counter, model["counter"])
    same_model = (position == model["position"] and items == model["evidence"]
                  and " ".join(counter.split()) == " ".join(model["counter"].split()))
    if problem and not same_model:
        return not_yet(problem)
    if same_model:
        # The solution itself, unchanged, must pass its form check (the tests run it); it is named for what it is.
        return form_checked("This is the solution's model case, word for word: its form is right, but it is not "
                            "yours, and the rubric gives a copy nothing. Build your own case.")
    kinds = ", ".join(f"{rules['known'][item].removesuffix('s')} {item}" for item in items)
    return form_checked(f"A case for '{position}' with {len(items)} different pieces of evidence from the lesson "
                        f"({kinds}) and a counter-argument.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

COUNTER = ("Russia and China now trade several times more than in 2016, and China speaks for neither bloc, so the "
           "old two-camp picture does not fit.")
CASE = {"position": "cold-war-returns", "evidence": ["2019-inf-withdrawal-effective", "2023-finland-joins-nato",
                                                     "trenin-2015-report-from-moscow"], "counter": COUNTER}

EXERCISES = {
    "agreements-cut": Exercise(
        "agreements_cut", "a whole number", expected_agreements_cut, judge_agreements_cut,
        giveaways=lambda: [f"{expected_agreements_cut()} agreements", "four agreements", "four different agreements",
                           "four of the five", f"{expected_agreements_cut()} of the {_counts()['agreements']}"],
        right=lambda: [expected_agreements_cut(), np.int64(expected_agreements_cut()),
                       float(expected_agreements_cut())],
        wrong=lambda: [(_counts()["agreements"], "every agreement"), (_counts()["cut events"], "counts events"),
                       (_counts()["events 2016-2021"], "counts events"), (_counts()["events"], "counts events"),
                       (expected_agreements_cut() + 2, "Not quite"), ("4", "text")]),
    "russia-china-growth": Exercise(
        "trade_growth", "a number", expected_growth, judge_growth,
        giveaways=lambda: number_forms(expected_growth(), "times"),
        right=lambda: [expected_growth(), round(expected_growth(), 1), np.float64(expected_growth())],
        wrong=lambda: [(1 / expected_growth(), "2016 divided by 2024"), ((expected_growth() - 1) * 100, "per cent"),
                       (688.3 / 519.6, "US-China"), (10, "Not quite")]),
    "my-case": Exercise(
        "my_case", "a dictionary with 'position', 'evidence' and 'counter'", case_rules, judge_case,
        giveaways=lambda: [], form_only=True,
        right=lambda: [CASE, {**CASE, "position": "not-a-cold-war",
                              "evidence": ("westad-2018-has-a-new-cold-war-really-begun", "trade-us-china-2024")},
                       {**CASE, "position": " New-Cold-War ", "evidence": ["trade-russia-china-2024",
                                                                           "lind-2018-cold-war-ii"]}],
        wrong=lambda: [({**CASE, "position": "hot war"}, "should be one of"),
                       ({**CASE, "evidence": ["trade-us-china-2024"]}, "at least two"),
                       ({**CASE, "evidence": ["trade-us-china-2024", "trade-us-china-2024"]}, "twice"),
                       ({**CASE, "evidence": ["trade-us-china-2024", "made-up-id"]}, "'made-up-id' is not"),
                       ({**CASE, "position": "not-a-cold-war",
                         "evidence": ["1855-treaty-of-shimoda", "japan-russia-trade-2013"]}, "not among this lesson"),
                       ({**CASE, "evidence": ["legvold-2016-return-to-cold-war", "trenin-2015-report-from-moscow"]},
                        "scholars' opinions"),
                       ({**CASE, "evidence": ["2019-inf-withdrawal-effective",
                                              "westad-2018-has-a-new-cold-war-really-begun"]},
                        "argues 'not-a-cold-war'"),
                       ({**CASE, "counter": "No."}, "at least 12 words"),
                       ({**CASE, "counter": "a a a a a a a a a a a a"}, "filler"),
                       ({**CASE, "counter": "word " * 200}, "filler"),
                       ({**CASE, "counter": "b c d e f g h i j k l m n"}, "does not read"),
                       ({**CASE, "counter": MODEL_CASE["counter"]}, "model case"),
                       ({**MODEL_CASE, "position": "cold-war-returns",
                         "evidence": ["2019-inf-withdrawal-effective", "trade-us-china-2024"]}, "model case"),
                       ({"position": "new-cold-war"}, "no 'evidence'"),
                       ({**CASE, "position": ...}, "Replace each"), ("new-cold-war", "dictionary")]),
}

check = checker_for(EXERCISES)
