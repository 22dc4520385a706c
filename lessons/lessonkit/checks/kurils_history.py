"""Checks for lesson 03a, the Kuril Islands / Northern Territories: history and law.

Expected answers are computed from `data/`, so a corrected name or date changes the answer with it.
"""
import re

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, Feedback, as_year, checker_for, correct, not_yet
from .common import as_date, event_date, is_a_year, normalised, place, place_names, read_letters
from .manifest import ChartShows, LessonShows, Manifest

DISPUTED_ISLANDS = ["iturup-etorofu", "kunashir-kunashiri", "shikotan", "habomai"]
# Exercise 1 asks for the English name behind each of these names (Japanese or Russian, as the data spells them).
NAME_COLUMNS = {"iturup-etorofu": "name_ja", "kunashir-kunashiri": "name_ru", "shikotan": "name_ja",
                "habomai": "name_ru"}


def expected_island_names() -> dict[str, str]:
    """{name in Japanese or Russian: place id}."""
    return {place(island)[column]: island for island, column in NAME_COLUMNS.items()}


# Japanese (kana, kanji) or Cyrillic script: a name copied from the left-hand side or from name_ja / name_ru.
NOT_ENGLISH = re.compile(r"[\u0400-\u04ff\u3040-\u30ff\u3400-\u9fff]")


# What a learner may add to a name that the places table does not spell: "the Habomai islets", "Habomai Group".
EXTRA_WORDS = re.compile(r"^the\s+|\s+(islets?|group|archipelago)$", re.I)


def _island_named(text: str) -> str | None:
    name = normalised(EXTRA_WORDS.sub("", text.strip()))
    return next((island for island in DISPUTED_ISLANDS + ["urup"] if name in place_names(island)), None)


def _form_problem(name: str, given: object) -> Feedback | None:
    """Feedback on one answer that is not an English island name at all; None when it names an island."""
    if not isinstance(given, str):
        return not_yet(f"The answer for {name!r} should be text in quotes, such as 'Shikotan'.")
    if NOT_ENGLISH.search(given):
        return not_yet(f"{given!r} is written in Japanese or Russian. Give the English name, from the name_en "
                       f"column of the row whose name_ja or name_ru is {name!r}.")
    named = _island_named(given)
    if named == "urup":
        return not_yet(f"Urup is not one of the four: it lies north of the 1855 line. Look {name!r} up again.")
    if named is None:
        return not_yet(f"I don't know an island called {given!r}. Give the English name from the places table "
                       f"for {name!r}.")
    return None


def judge_island_names(answer: object, expected: dict[str, str]) -> Feedback:
    if not isinstance(answer, dict):
        return not_yet("`island_names` should stay a dictionary, {'name': 'English name', ...}, as the answer cell "
                       "gives it. Re-run the answer cell with your four names filled in.")
    missing = [name for name in expected if name not in answer]
    if missing:
        return not_yet(f"The key {missing[0]!r} is missing. Keep the four names on the left as they are and fill "
                       "in only the right-hand side.")
    blanks = [name for name in expected if answer[name] is ... or answer[name] in (None, "")]
    if len(blanks) == len(expected):
        return not_yet("No name filled in yet: replace each `...` with an English name in quotes, run the answer "
                       "cell, then run this cell again.")
    if blanks:
        return not_yet(f"{len(blanks)} of the four {'has' if len(blanks) == 1 else 'have'} no answer yet, starting "
                       f"with {blanks[0]!r}.")
    # Every answer's form first, then right or wrong for all four at once: a message about one name never tells
    # whether another is right, and a wrong island gets the same message wherever it stands.
    problem = next((found for name in expected if (found := _form_problem(name, answer[name])) is not None), None)
    if problem is not None:
        return problem
    if any(_island_named(answer[name]) != island for name, island in expected.items()):
        return not_yet("Not every name matches yet. For each name on the left, find the row of `disputed` whose "
                       "name_ja or name_ru column holds exactly that name, and copy the name_en of that same row.")
    return correct("All four matched. Russia administers them; Japan claims them, and calls them together "
                   "the Northern Territories (北方領土); Russia counts them among the Southern Kurils (Южные Курилы).")


# Exercise 2: what each agreement did, lettered; the learner orders the letters by date, from the events table.
AGREEMENTS = {
    "A": ("1951-san-francisco-peace-treaty", "Japan renounced 'the Kurile Islands' without naming a recipient"),
    "B": ("1855-treaty-of-shimoda", "the first agreed line, between Iturup/Etorofu and Urup"),
    "C": ("1956-soviet-japanese-joint-declaration",
          "the state of war ended, two islands promised after a peace treaty"),
    "D": ("1875-treaty-of-saint-petersburg", "all of Sakhalin to Russia, the whole Kuril chain to Japan"),
    "E": ("1905-treaty-of-portsmouth", "southern Sakhalin to Japan, the Kurils untouched"),
}


def expected_agreement_years() -> dict[str, int]:
    """Each letter's year, as the events table dates the agreement."""
    return {letter: event_date(event_id).year for letter, (event_id, _) in AGREEMENTS.items()}


def expected_agreement_order() -> list[str]:
    years = expected_agreement_years()
    return sorted(AGREEMENTS, key=lambda letter: (years[letter], event_date(AGREEMENTS[letter][0])))


def _is_letters(answer: object) -> bool:
    """An order of letters, such as 'BDEAC', 'B, D, E' or ['B', 'D']: what a learner might give instead of years."""
    letters = read_letters(answer)
    return bool(letters) and all(letter in AGREEMENTS for letter in letters)


def _year_of(value: object) -> int | None:
    year = as_year(value)
    if year is None:
        day = as_date(value)
        year = day.year if day is not None else None
    return year


def judge_agreement_years(answer: object, expected: dict[str, int]) -> Feedback:
    if _is_letters(answer):
        return not_yet("An order of letters is not what the check asks for: it wants each agreement's year. Fill in "
                       "the dictionary of the answer cell, {'A': year, 'B': year, ...}, from the events table.")
    if not isinstance(answer, dict):
        return not_yet("Keep `agreement_years` a dictionary, as the answer cell gives it: {'A': 1999, 'B': ...}, "
                       "one year for each letter.")
    given = {str(key).strip().upper(): value for key, value in answer.items()}
    unknown = sorted(set(given) - set(AGREEMENTS))
    if unknown:
        return not_yet(f"{', '.join(unknown)} is not one of the letters A to E.")
    missing = [letter for letter in AGREEMENTS if letter not in given]
    if missing:
        return not_yet(f"{missing[0]} is missing: give a year for each of the five letters.")
    blanks = [letter for letter in AGREEMENTS if given[letter] is ... or given[letter] is None]
    if blanks:
        return not_yet(f"{len(blanks)} of the five {'has' if len(blanks) == 1 else 'have'} no year yet, starting "
                       f"with {blanks[0]}.")
    years = {}
    for letter in AGREEMENTS:
        value = given[letter]
        if isinstance(value, (list, tuple, set, dict)):
            return not_yet(f"The value for {letter} is a collection ({type(value).__name__}). Give one year, such "
                           "as 1999, without brackets.")
        years[letter] = _year_of(value)
        if years[letter] is None:
            return not_yet(f"The value for {letter} should be a year, such as 1999, without quotes.")
    # One message for any wrong set of years: which letter is wrong, or how many, would let five known years be
    # sorted by trying them.
    if years != expected:
        return not_yet("Not all five years are right yet. For each letter, find the treaty that did what it says "
                       "(the title and description columns of the events table) and write the year of its date.")
    return correct("In order: " + "; ".join(f"{expected[letter]}, {AGREEMENTS[letter][1]}"
                                            for letter in expected_agreement_order()) + ".")


IN_FORCE = "1956-joint-declaration-enters-into-force"
WRONG_DAYS = {
    "1956-soviet-japanese-joint-declaration": "That is the day the Declaration was signed. Article 1 ends the state "
                                              "of war on the day it enters into force, after both sides ratify it.",
    "1945-japan-signs-instrument-of-surrender": "That is the day Japan signed its surrender, which ended the "
                                                "war's hostilities formally (Soviet forces still went on to the "
                                                "Habomai islets after it), not the legal state of war with the "
                                                "Soviet Union.",
    "1951-san-francisco-peace-treaty": "That is the San Francisco treaty, which the Soviet Union did not sign: "
                                       "it did not end the war between these two.",
}


def judge_war_ended(answer: object, expected: pd.Timestamp) -> Feedback:
    if isinstance(answer, pd.DataFrame) and len(answer) != 1:
        return not_yet(f"Your answer is a table of {len(answer)} rows. Keep only the row of the entry into force, "
                       "then take its date: rows['date'].item().")
    day = as_date(answer)
    if day is None:
        if is_a_year(answer):
            return not_yet("Give the day, not only the year: a date such as '1945-09-02', or the date column of "
                           "the event's row.")
        return not_yet("Give one day, as text such as '1945-09-02' or as the date from the event's row.")
    if day == expected:
        return correct(f"{expected:%d %B %Y}: the Joint Declaration entered into force and, by its Article 1, the "
                       "state of war ended. What is still missing is a peace treaty that settles the border.")
    for event_id, message in WRONG_DAYS.items():
        if day == event_date(event_id):
            return not_yet(message)
    return not_yet("No event in the table ends the state of war that day. Filter the events whose title mentions "
                   "the Joint Declaration and compare their dates.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

NAMES_GIVEN = {"択捉島": "Iturup", "Кунашир": "Kunashiri", "色丹島": "Shikotan", "острова Хабомаи": "Habomai Islands"}


def agreement_giveaways() -> list[str]:
    """The order as letters, and each letter beside its year, as a text could pair them."""
    order, years = expected_agreement_order(), expected_agreement_years()
    pairs = [form for letter in order for form in (f"{letter} ({years[letter]})", f"{letter}: {years[letter]}",
                                                   f"'{letter}': {years[letter]}", f'"{letter}": {years[letter]}')]
    return ["".join(order), ", ".join(order), *pairs]


EXERCISES = {
    "island-names": Exercise(
        "island_names", "a dictionary of English names", expected_island_names, judge_island_names,
        giveaways=lambda: list(expected_island_names()),
        right=lambda: [NAMES_GIVEN, {**NAMES_GIVEN, "択捉島": "Etorofu-tō", "色丹島": " shikotan island "},
                       {**NAMES_GIVEN, "択捉島": "iturup-etorofu", "Кунашир": "Kunashiri-to",
                        "острова Хабомаи": "Habomai Guntō"},
                       {**NAMES_GIVEN, "острова Хабомаи": "the Habomai islets"},
                       {**NAMES_GIVEN, "острова Хабомаи": "Habomai Group"}],
        wrong=lambda: [({**NAMES_GIVEN, "択捉島": "Kunashir"}, "Not every name matches"),
                       ({**NAMES_GIVEN, "択捉島": "Shikotan", "色丹島": "Iturup"}, "Not every name matches"),
                       ({**NAMES_GIVEN, "択捉島": "Shikotan", "Кунашир": "Atlantis"}, "I don't know"),
                       ({**NAMES_GIVEN, "色丹島": "色丹島"}, "Japanese or Russian"),
                       ({**NAMES_GIVEN, "択捉島": "Итуруп"}, "Japanese or Russian"),
                       ({**NAMES_GIVEN, "色丹島": "Urup"}, "north of"), ({"択捉島": "Iturup"}, "is missing"),
                       ({**NAMES_GIVEN, "Кунашир": ...}, "has no answer yet"),
                       ({**NAMES_GIVEN, "択捉島": "Atlantis"}, "I don't know"), (["Iturup"], "dictionary")]),
    "agreement-order": Exercise(
        "agreement_years", "a year for each letter", expected_agreement_years, judge_agreement_years,
        giveaways=agreement_giveaways,
        right=lambda: [expected_agreement_years(), {k.lower(): str(v) for k, v in expected_agreement_years().items()},
                       {letter: event_date(event_id) for letter, (event_id, _) in AGREEMENTS.items()},
                       {letter: pd.Series([year]) for letter, year in expected_agreement_years().items()}],
        wrong=lambda: [(["A", "B", "C", "D", "E"], "order of letters"),
                       (expected_agreement_order(), "order of letters"),
                       ("BDEAC", "order of letters"), ("B, D, E, A, C", "order of letters"),
                       ("word " * 200, "dictionary"), (["B", "D", "E", "A", "Z"], "dictionary"),
                       ({**expected_agreement_years(), "C": 1945}, "Not all five"),
                       ({**expected_agreement_years(), "A": 1855, "B": 1951}, "Not all five"),
                       ({**expected_agreement_years(), "A": [1951]}, "collection"),
                       ({**expected_agreement_years(), "Z": 1900}, "Z is not one"),
                       ({k: v for k, v in expected_agreement_years().items() if k != "D"}, "D is missing"),
                       ({**expected_agreement_years(), "E": ...}, "has no year yet"),
                       ({**expected_agreement_years(), "B": "early"}, "should be a year"),
                       (5, "dictionary")]),
    "war-ended": Exercise(
        "war_ended_on", "a day such as '1945-09-02'", lambda: event_date(IN_FORCE), judge_war_ended,
        giveaways=lambda: ["12 December", "1956-12-12", "December 1956"],
        right=lambda: [event_date(IN_FORCE), "1956-12-12", "12 December 1956", event_date(IN_FORCE).date(),
                       pd.Series([event_date(IN_FORCE)]), load_table("events").query("id == @IN_FORCE")],
        wrong=lambda: [("1956-10-19", "signed"), ("1945-09-02", "surrender"), ("1951-09-08", "did not sign"),
                       (1956, "not only the year"), ("1960-01-27", "No event"), ("soon", "one day"),
                       (load_table("events").query("date.dt.year == 1956"), "Keep only the row")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..timelines import events_with_sources
    events = events_with_sources("kurils")
    august_1945 = events[(events["date"] >= "1945-08-01") & (events["date"] <= "1945-09-10")]
    return LessonShows(charts=[ChartShows(events["category"].nunique(), len(events)),  # one trace a kind of event
                               ChartShows(august_1945["category"].nunique(), len(august_1945))])  # the close-up


def _guide_keys() -> dict[str, list[str]]:
    ended = EXERCISES["war-ended"].solve()
    return {"island-names": list(expected_island_names()),
            "agreement-order": [f"{letter} {year}" for letter, year in expected_agreement_years().items()],
            "war-ended": [f"{ended.day} {ended:%B %Y}"]}


MANIFEST = Manifest("03a-kurils-history-and-law", _shows, EXERCISES, _guide_keys, taught=[".item()"])
