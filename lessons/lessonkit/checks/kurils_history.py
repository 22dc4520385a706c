"""Checks for lesson 03a, the Kuril Islands / Northern Territories: history and law.

Expected answers are computed from `data/`, so a corrected name or date changes the answer with it.
"""
import pandas as pd

from ..data import load_table
from ..exercises import Exercise, checker_for, correct, not_yet
from .common import as_date, event_date, is_a_year, normalised, place, place_names

DISPUTED_ISLANDS = ["iturup-etorofu", "kunashir-kunashiri", "shikotan", "habomai"]
# Exercise 1 asks for the English name behind each of these names (Japanese or Russian, as the data spells them).
NAME_COLUMNS = {"iturup-etorofu": "name_ja", "kunashir-kunashiri": "name_ru", "shikotan": "name_ja",
                "habomai": "name_ru"}


def expected_island_names() -> dict[str, str]:
    """{name in Japanese or Russian: place id}."""
    return {place(island)[column]: island for island, column in NAME_COLUMNS.items()}


def _island_named(text: str) -> str | None:
    return next((island for island in DISPUTED_ISLANDS + ["urup"] if normalised(text) in place_names(island)), None)


def judge_island_names(answer: object, expected: dict[str, str]) -> object:
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
        return not_yet(f"{len(blanks)} of the four still have no answer, starting with {blanks[0]!r}.")
    for name, island in expected.items():
        given = answer[name]
        if not isinstance(given, str):
            return not_yet(f"The answer for {name!r} should be text in quotes, such as 'Shikotan'.")
        named = _island_named(given)
        if named == island:
            continue
        if named == "urup":
            return not_yet(f"Urup is not one of the four: it lies north of the 1855 line. Look {name!r} up again.")
        if named:
            return not_yet(f"{given!r} is another of the four islands, not {name!r}. Find the row whose "
                           "name_ja or name_ru column holds that name.")
        return not_yet(f"I don't know an island called {given!r}. Give the English name from the places table "
                       f"for {name!r}.")
    return correct("All four matched. Russia administers them; Japan claims them, and calls them together "
                   "the Northern Territories (北方領土); Russia counts them among the Southern Kurils (Южные Курилы).")


# Exercise 2: what each agreement did, lettered; the learner orders the letters by date, from the events table.
AGREEMENTS = {
    "A": ("1951-san-francisco-peace-treaty", "Japan renounced 'the Kurile Islands' without naming a recipient"),
    "B": ("1855-treaty-of-shimoda", "the first agreed line, between Iturup/Etorofu and Urup"),
    "C": ("1956-soviet-japanese-joint-declaration", "the state of war ended, two islands promised after a peace treaty"),
    "D": ("1875-treaty-of-saint-petersburg", "all of Sakhalin to Russia, the whole Kuril chain to Japan"),
    "E": ("1905-treaty-of-portsmouth", "southern Sakhalin to Japan, the Kurils untouched"),
}


def expected_agreement_order() -> list[str]:
    return sorted(AGREEMENTS, key=lambda letter: event_date(AGREEMENTS[letter][0]))


def _letters(answer: object) -> list[str] | None:
    if isinstance(answer, str):
        answer = [letter for letter in answer.upper() if letter.isalpha()]
    if isinstance(answer, (list, tuple, pd.Series)) and all(isinstance(item, str) for item in answer):
        return [item.strip().upper() for item in answer]
    return None


def judge_agreement_order(answer: object, expected: list[str]) -> object:
    letters = _letters(answer)
    if letters is None:
        return not_yet("Give the five letters as a list of text, oldest first, such as ['A', 'B', 'C', 'D', 'E'].")
    unknown = sorted(set(letters) - set(AGREEMENTS))
    if unknown:
        return not_yet(f"{', '.join(unknown)} is not one of the letters A to E.")
    missing = sorted(set(AGREEMENTS) - set(letters))
    if missing or len(letters) != len(AGREEMENTS):
        return not_yet("Use each of the five letters exactly once" + (f"; {', '.join(missing)} is missing." if missing
                                                                       else "."))
    for position, (given, right) in enumerate(zip(letters, expected), start=1):
        if given != right:
            return not_yet(f"Position {position} is out of place: {given} ({AGREEMENTS[given][1]}) does not come "
                           f"{'first' if position == 1 else 'there'}. Look up its year in the events table.")
    return correct("In order: " + "; ".join(f"{event_date(AGREEMENTS[letter][0]).year}, {AGREEMENTS[letter][1]}"
                                            for letter in expected) + ".")


IN_FORCE = "1956-joint-declaration-enters-into-force"
WRONG_DAYS = {
    "1956-soviet-japanese-joint-declaration": "That is the day the Declaration was signed. Article 1 ends the state "
                                              "of war on the day it enters into force, after both sides ratify it.",
    "1945-japan-signs-instrument-of-surrender": "That is Japan's surrender, which ended the fighting, not the "
                                                "legal state of war with the Soviet Union.",
    "1951-san-francisco-peace-treaty": "That is the San Francisco treaty, which the Soviet Union did not sign: "
                                       "it did not end the war between these two.",
}


def judge_war_ended(answer: object, expected: pd.Timestamp) -> object:
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

NAMES_GIVEN = {"択捉島": "Iturup", "Кунашир": "Kunashiri", "色丹島": "色丹島", "острова Хабомаи": "Habomai Islands"}

EXERCISES = {
    "island-names": Exercise(
        "island_names", "a dictionary of English names", expected_island_names, judge_island_names,
        giveaways=lambda: [],
        right=lambda: [NAMES_GIVEN, {**NAMES_GIVEN, "択捉島": "Etorofu-tō", "色丹島": " shikotan island "},
                       {**NAMES_GIVEN, "択捉島": "Итуруп", "Кунашир": "Kunashiri-to", "острова Хабомаи": "Habomai Guntō"}],
        wrong=lambda: [({**NAMES_GIVEN, "択捉島": "Kunashir"}, "another of the four"),
                       ({**NAMES_GIVEN, "色丹島": "Urup"}, "north of"), ({"択捉島": "Iturup"}, "is missing"),
                       ({**NAMES_GIVEN, "Кунашир": ...}, "still have no answer"),
                       ({**NAMES_GIVEN, "択捉島": "Atlantis"}, "I don't know"), (["Iturup"], "dictionary")]),
    "agreement-order": Exercise(
        "agreement_order", "a list of the five letters, oldest first", expected_agreement_order, judge_agreement_order,
        giveaways=lambda: ["".join(expected_agreement_order()), ", ".join(expected_agreement_order())],
        right=lambda: [expected_agreement_order(), tuple(expected_agreement_order()), "BDEAC", "b, d, e, a, c"],
        wrong=lambda: [(["A", "B", "C", "D", "E"], "Position 1"), (["B", "D", "E", "C", "A"], "Position 4"),
                       (["B", "D", "E", "A"], "exactly once"), (["B", "D", "E", "A", "Z"], "Z is not one"),
                       (5, "list of text")]),
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
