"""Checks for lesson 06, a new or an old Cold War?

The agreements cut and the trade ratio are computed from `data/`. The case of exercise 3 can only be checked for its
form: what a program can refuse, it refuses (a position that is not one of the three, ids that do not exist or are
not among the lesson's evidence, an id given twice, a scholar cited for a position the scholar does not hold, a
counter-argument that is filler, letters typed at random, a list of keywords, off the lesson's subject or the
model's); the argument itself is left to the rubric in the instructor guide, and the check never says "Correct".
"""
import difflib
import functools
import re

import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Exercise, Feedback, as_single_number, checker_for, correct, form_checked, not_yet
from .common import as_list, figure_value, near, number_forms, read_number
from .manifest import ChartShows, LessonShows, Manifest

# Exercise 1: which agreements had been suspended or left by the end of 2021? --------------------------------------

# The kit's events on the arms-control and nuclear-cooperation agreements to which Washington and Moscow were parties
# (Open Skies had some thirty other parties), by agreement: the lesson builds the same table with .map. Russian
# government decisions of October 2016 suspended the 2013 research agreement and ended a 2010 agreement on feasibility
# studies for converting six Russian research reactors to low-enriched uranium: the two share one name, "Nuclear
# research agreements".
AGREEMENT_OF = {
    "1987-inf-treaty-signed": "INF Treaty",
    "2019-inf-suspension-announced": "INF Treaty",
    "2019-russia-suspends-inf-treaty": "INF Treaty",
    "2019-inf-withdrawal-effective": "INF Treaty",
    "2000-plutonium-agreement-signed": "Plutonium agreement",
    "2010-plutonium-protocol-signed": "Plutonium agreement",
    "2016-plutonium-agreement-suspended": "Plutonium agreement",
    "2025-plutonium-agreement-denounced": "Plutonium agreement",
    "2013-nuclear-research-agreement-signed": "Nuclear research agreements",
    "2016-nuclear-research-agreement-suspended": "Nuclear research agreements",
    "2010-new-start-signed": "New START",
    "2011-new-start-enters-into-force": "New START",
    "2021-new-start-extended": "New START",
    "2023-russia-suspends-new-start": "New START",
    "1992-open-skies-treaty-signed": "Open Skies Treaty",
    "2020-us-leaves-open-skies-treaty": "Open Skies Treaty",
    "2021-russia-leaves-open-skies-treaty": "Open Skies Treaty",
}
# Words in an event's id that say it suspended, left or ended an agreement (an extension or a signing is not a cut).
# The ids, not the titles or descriptions: the ids share a few fixed verbs a filter can find, the titles vary their
# wording ("Russia ... ends reactor-conversion agreement"), and some descriptions of signings mention withdrawal rights.
ENDINGS = ("suspen", "withdraw", "leaves", "denounc")
LAST_YEAR = 2021  # the year before Russia's full-scale invasion of Ukraine (24 February 2022)


def arms_control_events():
    events = load_table("events").set_index("id").loc[list(AGREEMENT_OF)].reset_index()
    return events.assign(agreement=events["id"].map(AGREEMENT_OF))


def _cuts(events):
    return events["id"].str.contains("|".join(ENDINGS))


def expected_agreements_cut() -> list[str]:
    events = arms_control_events()
    return sorted(events.loc[_cuts(events) & (events["date"].dt.year <= LAST_YEAR), "agreement"].unique())


def _name_key(name: str) -> str:
    """A name as a learner may write it, folded: case, 'the', plurals, and 'Treaty' or 'agreement' left off."""
    words = [word.removesuffix("s") for word in re.findall(r"[a-z]+", name.lower())]
    return " ".join(word for word in words if word not in {"the", "treaty", "agreement"})


def judge_agreements_cut(answer: object, expected: list[str]) -> Feedback:
    method = ("Keep the events to the end of 2021 whose ids say an agreement was suspended, left or ended (a "
              "signing, an entry into force or an extension cuts nothing), then take the different values of their "
              "`agreement` column with `.unique()`.")
    if isinstance(answer, pd.DataFrame):
        return not_yet(f"That is a table. {method}")
    if as_single_number(answer) is not None:
        return not_yet("That is a number: the exercise asks for the agreements' names, as a list. " + method)
    if isinstance(answer, str):
        return not_yet("That is one piece of text: give a list of names, each in its own quotes, or the result of "
                       "`.unique()`.")
    if isinstance(answer, pd.api.extensions.ExtensionArray):  # what .unique() gives on a column of text
        answer = list(answer)
    items = as_list(answer)
    if not items or not all(isinstance(item, str) for item in items):
        return not_yet("Give a list of the agreements' names, each in quotes, as the `agreement` column spells "
                       "them. " + method)
    names = {_name_key(name) for name in AGREEMENT_OF.values()}
    unknown = next((item for item in items if _name_key(item) not in names), None)
    if unknown is not None:
        return not_yet(f"{unknown!r} is not a name in the `agreement` column: copy the names as the column spells "
                       "them.")
    keys = [_name_key(item) for item in items]
    twice = next((item for item, key in zip(items, keys, strict=True) if keys.count(key) > 1), None)
    if twice is not None:
        return not_yet(f"{twice!r} is in your list more than once: name each agreement once (`.unique()` keeps one "
                       "of each value).")
    if set(keys) == {_name_key(name) for name in expected}:
        return correct(f"{len(expected)} of the table's {len(names)} names: the plutonium agreement and the "
                       "nuclear research agreements (in October 2016 Russia suspended the plutonium agreement and the "
                       "2013 research agreement, and ended a 2010 agreement on studies for converting six research "
                       "reactors to low-enriched uranium), the "
                       "INF Treaty (left by the United States and suspended by Russia in 2019) and Open Skies (left "
                       "by the United States in 2020 and by Russia in 2021). New START was extended in 2021; Russia "
                       "suspended it only in 2023: most of the unravelling came before the 2022 war.")
    return not_yet(f"Not this set. {method}")


# Exercise 2: how much did Russia-China trade grow from 2016 to 2024? --------------------------------------------


def expected_growth() -> float:
    return figure_value("trade-russia-china-2024") / figure_value("trade-russia-china-2016")


def judge_growth(answer: object, expected: float) -> Feedback:
    value = read_number(answer, "Give one number: 2024's trade divided by 2016's, such as 1.5.")
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
# trade and gas figures (`trade` and `gas`) and the alignments (`alignments`), each table with its id column.
TRADE_IDS = ["us-exports-ussr-1976", "trade-us-russia-2016", "trade-us-russia-2023", "trade-russia-china-2016",
             "trade-russia-china-2024", "trade-us-china-2016", "trade-us-china-2024",
             "eu-gas-imports-russia-share-2021", "eu-gas-imports-russia-share-2024"]
ALIGNMENT_IDS = ["2022-russia-china-no-limits-statement", "2023-finland-joins-nato", "2024-sweden-joins-nato",
                 "2024-russia-north-korea-treaty-in-force", "2024-nato-washington-summit-declaration"]
# Words that any English prose is full of (notes may leave them out: "INF gone 2019" is a fine counter-argument).
FUNCTION_WORDS = {"a", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "did", "do", "does", "for",
                  "from", "had", "has", "have", "if", "in", "is", "it", "its", "more", "no", "not", "of", "on", "or",
                  "so", "than", "that", "the", "their", "there", "they", "this", "to", "was", "were", "which",
                  "while", "with", "would", "we", "he", "she", "i", "you", "our", "my", "what", "how", "why", "all",
                  "now", "then", "also", "only", "one", "two", "same", "less", "still", "yet", "even", "just"}
# The lesson's vocabulary (its prose, the titles of its events and figures, the voices' texts): a counter-argument
# on this question uses some of it. A word counts when it begins with one of the stems; the short words must match
# whole. "Cold" and "war" count as one: the question's own words are not yet an argument.
TOPIC_STEMS = (
    "treaty", "treaties", "agreem", "nuclear", "missil", "warhead", "plutonium", "reactor", "uranium", "inspect",
    "verif", "suspen", "withdr", "denounc", "abrogat", "skies", "disarm", "deterr", "escalat", "strategic", "control",
    "russia", "moscow", "kremlin", "putin", "soviet", "china", "chinese", "beijing", "america", "washington", "biden",
    "trump", "obama", "reagan", "gorbachev", "brezhnev", "lavrov", "pompeo", "nato", "europ", "finland", "finnish",
    "sweden", "swedish", "korea", "pyongyang", "ukrain", "kyiv", "crimea", "japan", "westad", "legvold", "trenin",
    "gaddis", "monaghan", "brands", "lucas", "medvedev", "analog", "label", "split", "divid", "division",
    "compar", "trade", "trading", "export", "imports", "imported", "importer", "econom", "sanction",
    "embargo", "tariff", "grain", "pipeline", "energ", "dollar", "billion", "turnover", "interdepend", "dependence",
    "globali", "multipol", "bipolar", "unipolar", "polarity", "alliance", "allied", "allies", "align", "partner",
    "enlarg", "expansion", "member", "rival", "containment", "superpower", "hegemon", "ideolog", "communis",
    "capitalis", "autocra", "democra", "socialis", "detente", "détente", "confront", "geopolit", "proxy", "invasion",
    "invade", "military", "weapon", "security", "summit", "diplomac", "diplomat", "enabler", "friendship", "sphere")
TOPIC_WORDS = {"usa", "ussr", "eu", "inf", "abm", "accord", "accords", "cfe", "gas", "lng", "oil", "xi", "arms",
               "bloc", "blocs", "camp", "camps", "pact", "pacts", "ally", "cold", "war", "wars", "west", "western",
               "lind", "side", "sides"}
MIN_TOPIC_WORDS = 2
MIN_KNOWN_SHARE = 0.6  # of a counter's words, at least this share are English the kit's texts use


# Topical only as written so: "US" (not "us"), "New START" (not "start").
TOPIC_PATTERNS = {"us": re.compile(r"\bU\.?S\.?(?!\w)"), "new start": re.compile(r"\bnew start\b", re.I)}


def _topic(word: str) -> str | None:
    """The lesson's word or stem that `word` is, or None."""
    if word in {"cold", "war", "wars"}:
        return "cold war"
    if word in TOPIC_WORDS:
        return word
    return next((stem for stem in TOPIC_STEMS if word.startswith(stem)), None)


def _topics(text: str) -> set[str]:
    """The lesson's words and stems a text uses, each once."""
    found = {_topic(word) for word in _words(text)} - {None}
    return found | {name for name, pattern in TOPIC_PATTERNS.items() if pattern.search(text)}


# The case of the lesson's folded solution (the same text): a copy of it is not the learner's own.
MODEL_CASE = {
    "position": "new-cold-war",
    "evidence": ["trade-us-china-2024", "trade-russia-china-2024", "2024-russia-north-korea-treaty-in-force"],
    "counter": "Since 2016 Washington and Moscow have suspended or left one arms-control agreement after another, "
               "which looks like the old rivalry returning rather than something new.",
    "article": "Partly: trade-russia-china-2024 and the North Korea treaty show more players than in 1976, so more "
               "complex holds; whether that makes it more dangerous than the old one is a judgement no table here "
               "measures.",
}
# The article's sentence that the `article` key grades: quoting a few of its words is fine, copying it is not.
ARTICLE_SENTENCE = ("The case can indeed be made that it is a 'new' Cold War, made infinitely more complex and "
                    "dangerous than its predecessor due to increased multi-polarity and globalization.")
# The tables whose text makes the kit's English vocabulary: a word none of them uses is rarely a word at all.
TEXT_TABLES = ("events", "statements", "voices", "figures", "claims", "topics")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower().replace("’", "'"))


@functools.cache
def _vocabulary() -> frozenset[str]:
    """Every word of three letters or more in the kit's texts, with the function words and the lesson's own (read
    once a session: about 5,000 texts)."""
    words = set(FUNCTION_WORDS) | TOPIC_WORDS
    for name in TEXT_TABLES:
        table = load_table(name)
        for column in table.columns:
            if table[column].dtype == object:
                words.update(word for text in table[column].dropna().astype(str) for word in _words(text)
                             if len(word) >= 3)
    return frozenset(words)


def case_rules() -> dict:
    """What the check needs: every id with its table, the lesson's evidence, each voice's position, the model, and
    the kit's vocabulary."""
    tables = {table: load_table(table) for table in ("events", "figures", "voices")}
    known = {row_id: name for name, table in tables.items() for row_id in table["id"]}
    lesson = {*AGREEMENT_OF, *TRADE_IDS, *ALIGNMENT_IDS, *tables["voices"]["id"]}
    missing = sorted(lesson - set(known))
    if missing:
        raise KeyError(f"data/ has no row {missing[0]!r}")
    # The kit's own prose the learner reads in the lesson and could paste: the voices', statements' and events' texts.
    texts = [ARTICLE_SENTENCE, *tables["voices"]["summary"].dropna(), *load_table("statements")["summary"].dropna(),
             *tables["events"]["description"].dropna()]
    return {"known": known, "lesson": lesson, "model": MODEL_CASE, "vocabulary": _vocabulary(), "texts": texts,
            "voice_position": tables["voices"].set_index("id")["position"].to_dict()}


def _copied(text: str, model: str) -> bool:
    """Whether half the text or more runs, three words or more at a time, as in the model: a copy, perhaps with a
    few words changed."""
    mine, theirs = _words(text), _words(model)
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 3)
    return shared >= 0.5 * min(len(mine), len(theirs))


def _counter_problem(counter: object, rules: dict, key: str = "counter") -> str | None:
    """Why a counter-argument (or the grade of the article's sentence) cannot be accepted as one, or None. Notes are
    accepted ("INF gone 2019"); letters typed at random, filler, sentences on another subject and text pasted from the
    kit are not."""
    if not isinstance(counter, str) or len(counter.split()) < MIN_COUNTER_WORDS:
        if key == "article":
            return (f"'article' should be your grade of the article's sentence, in a sentence or two of your own "
                    f"(at least {MIN_COUNTER_WORDS} words; notes are fine).")
        return (f"'counter' should be the strongest argument against your position, in a sentence or two of your own "
                f"(at least {MIN_COUNTER_WORDS} words; notes are fine).")
    yours = "Your counter-argument" if key == "counter" else "Your grade of the article ('article')"
    words = _words(counter)
    distinct = set(words)
    if len(distinct) < max(8, 0.5 * len(words)):
        return (f"{yours} uses only {len(distinct)} different words in {len(words)}: that reads as "
                "filler or repetition. Write the argument out in your own sentence.")
    known = sum(word in rules["vocabulary"] or _topic(word) is not None for word in words)
    if sum(len(word) >= 4 for word in distinct) < 6 or known < MIN_KNOWN_SHARE * len(words):
        return (f"{yours} does not read as English: too many of its words are not ones the kit's "
                "texts use (letters typed at random?). Write the argument out, in full sentences or in notes.")
    if len(_topics(counter)) < MIN_TOPIC_WORDS:
        return (f"{yours} does not touch this lesson's question: say what evidence it rests on (an "
                "agreement, a trade or gas figure, an alignment, a scholar's view) and what it shows.")
    if sum(_topic(word) is not None for word in words) >= 0.9 * len(words):
        why = "why it tells against your position" if key == "counter" else "what it bears out in the sentence"
        return (f"{yours} reads as a list of keywords. Say what the evidence shows and {why}, in a sentence or in "
                "notes (\"INF gone 2019\").")
    if _copied(counter, rules["model"][key]):
        return f"{yours} follows the model case of the solution: write your own."
    if any(_copied(counter, text) for text in rules["texts"]):
        return (f"{yours}: half of it or more is copied from the kit (a scholar's or a government's summary, an "
                "event's description or the article): say it in your own words.")
    return None


def judge_case(answer: object, rules: dict) -> Feedback:
    if not isinstance(answer, dict):
        return not_yet("Give a dictionary with four keys, as in the answer cell: 'position', 'evidence', 'counter' "
                       "and 'article'.")
    missing = [key for key in ("position", "evidence", "counter", "article") if key not in answer]
    if missing:
        return not_yet(f"The dictionary has no {missing[0]!r} yet: keep the four keys of the answer cell.")
    position, evidence, counter, article = answer["position"], answer["evidence"], answer["counter"], answer["article"]
    items = as_list(evidence)
    unfilled = items is not None and any(item is ... for item in items)
    if position is ... or counter is ... or evidence is ... or article is ... or unfilled:
        return not_yet("Replace each `...` in `my_case` with your own: a position in quotes, a list of ids, and "
                       "a sentence or two for each of 'counter' and 'article'.")
    if not isinstance(position, str) or position.strip().lower() not in POSITIONS:
        return not_yet(f"'position' should be one of {', '.join(POSITIONS)} (in quotes); it is {position!r}.")
    position = position.strip().lower()
    if items is None or len(items) < 2 or not all(isinstance(item, str) for item in items):
        return not_yet("'evidence' should be a list of at least two ids in quotes, from the `id` columns of the "
                       "lesson's tables, such as `[\"2019-inf-withdrawal-effective\", \"trade-us-china-2024\"]`.")
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
                       "Use ids from the `id` columns of `arms`, `trade`, `gas`, `alignments` or `voices`.")
    if all(rules["known"][item] == "voices" for item in items):
        return not_yet("All your evidence is scholars' opinions. Add at least one event or figure: data the "
                       "scholars could be asked to explain.")
    against = next((item for item in items if rules["voice_position"].get(item, position) != position), None)
    if against:
        return not_yet(f"{against!r} argues '{rules['voice_position'][against]}', not '{position}': a scholar on "
                       "another side is a counter-argument, not support. Cite a voice of your own side, or an event "
                       "or figure.")
    model = rules["model"]
    same_model = (position == model["position"] and items == model["evidence"]
                  and all(isinstance(text, str) and " ".join(text.split()) == " ".join(model[key].split())
                          for key, text in (("counter", counter), ("article", article))))
    problem = _counter_problem(counter, rules) or _counter_problem(article, rules, "article")
    if not problem and not any(row_id in article for row_id in rules["lesson"]):
        problem = ("In 'article', name at least one id from the lesson's tables (such as `trade-us-russia-2023`) "
                   "for the part of the article's sentence the data bear out, or fail to.")
    if problem and not same_model:
        return not_yet(problem)
    if same_model:
        # The solution itself, unchanged, must pass its form check (the tests run it); it is named for what it is.
        return form_checked("This is the solution's model case, word for word: its form is right, but it is not "
                            "yours, and the rubric gives a copy nothing. Build your own case.")
    kinds = ", ".join(f"{rules['known'][item].removesuffix('s')} {item}" for item in items)
    return form_checked(f"A case for '{position}' with {len(items)} different pieces of evidence from the lesson "
                        f"({kinds}), a counter-argument and a grade of the article's sentence.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

COUNTER = ("Russia and China now trade several times more than in 2016, and China speaks for neither bloc, so the "
           "old two-camp picture does not fit.")
NOTES = "Arms control died: INF gone 2019, Open Skies gone 2021, New START suspended 2023."
ARTICLE = ("Not shown: trade-us-russia-2023 says the US and Russia hardly trade any more, so globalisation ties "
           "them less than before, and no row measures danger.")
CASE = {"position": "cold-war-returns", "evidence": ["2019-inf-withdrawal-effective", "2023-finland-joins-nato",
                                                     "trenin-2015-report-from-moscow"], "counter": COUNTER,
        "article": ARTICLE}
MASH = "asdf qwer zxcv tyui ghjk bnmm poiu lkjh mnbv the and of is to a"
OFF_TOPIC = ("The weather was lovely yesterday, so we went to the beach with our friends and had a long lunch "
             "there.")


def _cut_names() -> list[str]:
    return expected_agreements_cut()


def _as_the_solution_gives():
    """The names as the lesson's solution leaves them: `.unique()` of a text column (a pandas StringArray)."""
    arms = arms_control_events()
    cut = (arms["id"].str.contains("suspen") | arms["id"].str.contains("withdraw")
           | arms["id"].str.contains("leaves"))
    return arms[cut & (arms["date"].dt.year <= LAST_YEAR)]["agreement"].unique()


def _all_names() -> list[str]:
    return sorted(set(AGREEMENT_OF.values()))


EXERCISES = {
    "agreements-cut": Exercise(
        "agreements_cut", "a list of the agreements' names", expected_agreements_cut, judge_agreements_cut,
        giveaways=lambda: ["four agreements", "4 agreements", "four different agreements", "four of the five",
                           "4 of the 5",
                           "the plutonium and nuclear research agreements, the INF Treaty and Open Skies"],
        right=lambda: [_cut_names(), _cut_names()[::-1], tuple(_cut_names()), set(_cut_names()),
                       np.array(_cut_names()), pd.Series(_cut_names()), pd.array(_cut_names(), dtype="string"),
                       _as_the_solution_gives(), [name.lower() for name in _cut_names()],
                       ["INF", "Open Skies", "the plutonium agreement", "Nuclear research agreement"]],
        wrong=lambda: [(_all_names(), "Not this set"), (_cut_names()[:-1], "Not this set"),
                       ([*_cut_names(), "New START"], "Not this set"), (len(_cut_names()), "names"),
                       ([*_cut_names(), _cut_names()[0]], "more than once"),
                       ([*_cut_names()[:-1], "ABM Treaty"], "not a name in the `agreement` column"),
                       (", ".join(_cut_names()), "one piece of text"), (arms_control_events(), "a table"),
                       ([1, 2], "each in quotes")]),
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
                                                                           "lind-2018-cold-war-ii"]},
                       {**CASE, "position": "new-cold-war", "counter": NOTES,
                        "evidence": ["eu-gas-imports-russia-share-2024", "trade-russia-china-2024"]}],
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
                       ({**CASE, "counter": MASH}, "does not read"),
                       ({**CASE, "counter": "asdf qwer zxcv Russia China NATO trade tyui ghjk bnmm poiu lkjh"},
                        "does not read"),
                       ({**CASE, "counter": OFF_TOPIC}, "does not touch this lesson's question"),
                       ({**CASE, "counter": "Russia China trade NATO treaty arms control gas sanctions nuclear "
                                            "missile bloc"}, "list of keywords"),
                       ({**CASE, "counter": MODEL_CASE["counter"]}, "model case"),
                       ({**MODEL_CASE, "position": "cold-war-returns",
                         "evidence": ["2019-inf-withdrawal-effective", "trade-us-china-2024"]}, "model case"),
                       ({"position": "new-cold-war"}, "no 'evidence'"),
                       ({key: value for key, value in CASE.items() if key != "article"}, "no 'article'"),
                       ({**CASE, "article": "Partly true."}, "grade of the article"),
                       ({**CASE, "article": COUNTER}, "name at least one id"),
                       ({**CASE, "article": MASH + " trade-us-russia-2023"}, "Your grade of the article ('article') "
                                                                            "does not read"),
                       ({**CASE, "article": "The article is partly right: more powers are in play than in 1976, but "
                                            "no table measures danger at all."}, "Your grade of the article"),
                       ({**CASE, "article": ARTICLE_SENTENCE}, "copied from the kit"),
                       ({**CASE, "counter": load_table("voices")["summary"].iloc[0]}, "copied from the kit"),
                       ({**CASE, "counter": load_table("statements").set_index("id").loc[
                           "new-cold-war-question-rus-medvedev-2016", "summary"]}, "copied from the kit"),
                       ({**CASE, "position": ...}, "Replace each"), ("new-cold-war", "dictionary")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    events = arms_control_events()  # the agreements signed and cut, one dot an event, one trace a kind of step
    return LessonShows(charts=[ChartShows(events["id"].str.contains("signed|force|extended").nunique(), len(events))])


def _guide_keys() -> dict[str, list[str]]:
    return {"agreements-cut": [name.removesuffix(" Treaty") for name in expected_agreements_cut()],
            "russia-china-growth": [f"about **{expected_growth():.1f}**"],
            "my-case": []}  # judged with the rubric


MANIFEST = Manifest("06-new-or-old-cold-war", _shows, EXERCISES, _guide_keys, taught=[".nunique()"])
