"""Checks for lesson 09, the capstone decision simulation (Nagato, 14 December 2016).

What has a right answer is checked against `data/`: which events were known on the decision date, and who said
what (statements shown under neutral labels, the words that name the speaker taken out). The memo is checked for
what a program can check (its length, real words, a role, two different events known on the date, nothing later,
no date after the decision date, not the model memo in any order); whether its argument holds is the rubric's.
"""
import calendar
import re

import pandas as pd

from ..data import load_table
from ..exercises import Exercise, Feedback, checker_for, correct, form_checked, not_yet
from .common import as_list
from .manifest import ChartShows, LessonShows, Manifest, MapShows, markers

DECISION_DATE = pd.Timestamp("2016-12-14")
ROLES = {"japan": "JPN", "russia": "RUS", "united-states": "USA", "china": "CHN", "philippines": "PHL"}


def _events() -> pd.DataFrame:
    return load_table("events").set_index("id")


def _day(date: pd.Timestamp) -> str:
    return f"{date.day} {date:%B %Y}"


# Exercise 1: what could the roles know on 14 December 2016? -----------------------------------------------------

# All seven ids begin with 2016, so an id's year tells nothing, and no title tells its date: the scene names Nagato
# and Tokyo, but not what was already done by then (a minister for Russia, the forum in Vladivostok, a statement on
# joint activities), and nothing of Aleppo, retaken a week after the decision date.
CANDIDATES = ["2016-aleppo-retaken", "2016-coastal-missiles-etorofu-kunashiri", "2016-eef-abe-vladivostok",
              "2016-putin-visit-nagato-tokyo", "2016-seko-russia-economic-minister", "2016-sochi-new-approach",
              "2016-tokyo-joint-economic-activities"]


def expected_known() -> list[str]:
    dates = _events().loc[CANDIDATES, "date"]
    return sorted(dates.index[dates <= DECISION_DATE])


def known_giveaways() -> list[str]:
    """Each candidate's date as the lesson could print it: next to its event, it answers the exercise."""
    dates = _events().loc[CANDIDATES, "date"]
    forms = [form for date in dates for form in (_day(date), f"{date:%Y-%m-%d}", f"{date:%B} {date.day}, {date.year}")]
    return forms + [f"{date:%B %Y}" for date in dates[dates <= DECISION_DATE]]


# Then the evidence, on the eve, for the article's claim "Japan has renewed its own outreach efforts to Russia": of
# the four known events, the three in which Japan itself reached out to Russia; the missiles are Russia's act. The
# exercise asks for no verdict: lesson 07's table prints it, so a verdict would be recall, not work.
OUTREACH = ["2016-eef-abe-vladivostok", "2016-seko-russia-economic-minister", "2016-sochi-new-approach"]


def expected_eve() -> dict:
    return {"known": expected_known(), "outreach": OUTREACH}


def judge_known(answer: object, expected: list[str]) -> Feedback | None:
    answer = as_list(answer)
    if answer is None:
        return not_yet('Give "known" as a list of event ids in quotes, such as `["2016-sochi-new-approach"]`.')
    if any(isinstance(item, (pd.Timestamp, pd.Series)) for item in answer):
        return not_yet("Give the ids, not the dates: the ids are the `.index` of your selection, as "
                       "`list(dates[...].index)`.")
    unknown = [item for item in answer if item not in CANDIDATES]
    if unknown:
        return not_yet(f"{unknown[0]!r} is not one of the seven events in `candidates`: copy the ids from that list.")
    if set(answer) == set(expected):
        return None
    # One message for every wrong list, so that trying lists one by one cannot sort the seven events.
    return not_yet("Not this list of known events: it holds an event from after the decision date, or leaves out "
                   "one known by then. Look up each candidate's date in `events` and compare it with "
                   "`decision_date`, rather than guessing from the titles.")


def judge_eve(answer: object, expected: dict) -> Feedback:
    if not isinstance(answer, dict) or not {"known", "outreach"} <= set(answer):
        return not_yet("Give a dictionary with 'known' and 'outreach', as in the answer cell.")
    if any(answer[key] is ... for key in ("known", "outreach")):
        return not_yet("Replace each `...` with your own answer.")
    slip = judge_known(answer["known"], expected["known"])
    if slip is not None:
        return slip
    outreach = as_list(answer["outreach"])
    if outreach is None or any(item not in CANDIDATES for item in outreach):
        return not_yet('Give "outreach" as a list of ids from `candidates`, in quotes.')
    if not set(outreach) <= set(expected["known"]):
        return not_yet("Your outreach list holds an event from after the decision date: on the eve, only what was "
                       "known by then can be evidence.")
    if set(outreach) != set(expected["outreach"]):
        return not_yet("Not yet the evidence for the claim. Of the known events, keep those in which Japan itself "
                       "acted toward Russia, and no other.")
    return correct("Four events were known on the eve: the Sochi summit (May), Seko's new post and Abe in "
                   "Vladivostok (September), and the missiles (reported in November). The three Japanese steps are "
                   "the evidence for 'Japan has renewed its own outreach efforts to Russia' (lesson 07 grades it on "
                   "them); the missiles are Russia's act. The Nagato talks and the statement on joint activities are "
                   "what the simulation decides, and Aleppo fell a week later: on the eve, nobody knows.")


# Exercise 2: who said it? ---------------------------------------------------------------------------------------

# label: (statement id, [(words of its summary that name the speaker, the words shown instead)]). The labels are not
# in the order of the codes the exercise lists. The briefs would give two away: S4's key word ("anachronism") is in
# Russia's and Japan's briefs, and S1's wording ("Recognizes Japanese Sovereignty on the Northern Territories") in the
# United States'. So the lesson has the briefs read in section 3, after this exercise.
UNSIGNED = {
    "S1": ("kurils-sovereignty-usa-state-2010-11-01",
           [("the State Department's briefing recorded that the United States backs", "the speaker said it backs")]),
    "S2": ("2010-medvedev-visits-kunashir-jpn",
           [("Maehara said the visit contradicted Japan's basic position", "the speaker said the visit contradicted "
             "its basic position"), ("the feelings of the Japanese people", "the feelings of its people"),
            ("Japan would have to", "it would have to")]),
    "S3": ("2012-scarborough-standoff-chn-mfa", [("Beijing said", "The speaker said"),
                                                 ("against Chinese territory", "against its territory")]),
    "S4": ("russian-far-east-cooperation-rus-putin-lima-2016",
           [("Putin called", "The speaker called"), ("Russia and Japan are natural partners",
                                                    "its country and Japan are natural partners")]),
}


def _statements() -> pd.DataFrame:
    return load_table("statements").set_index("id")


def unsigned_statements() -> pd.DataFrame:
    """Exercise 2's four statements under neutral labels, each summary with the words that name its speaker replaced
    by 'the speaker'."""
    summaries = _statements()["summary"]
    rows = []
    for label, (statement, replacements) in UNSIGNED.items():
        text = summaries[statement]
        for naming, neutral in replacements:
            if naming not in text:
                raise ValueError(f"the summary of {statement} no longer says {naming!r}: update UNSIGNED")
            text = text.replace(naming, neutral)
        rows.append({"label": label, "statement": text})
    return pd.DataFrame(rows).set_index("label")


def expected_speakers() -> dict[str, str]:
    actors = _statements()["actor"]
    return {label: actors[statement] for label, (statement, _) in UNSIGNED.items()}


def speaker_giveaways() -> list[str]:
    """The ids, speakers and unredacted words that name each statement's government, and each label with its code."""
    statements = _statements()
    forms = []
    for label, (statement, replacements) in UNSIGNED.items():
        code = statements.at[statement, "actor"]
        summary = statements.at[statement, "summary"]
        forms += [statement, statements.at[statement, "speaker"], f"{label}: {code}", f'"{label}": "{code}"',
                  f"{label} = {code}", f"{label} is {code}"]
        forms += [summary[summary.index(naming):summary.index(naming) + len(naming) + 20]
                  for naming, _ in replacements]
    return forms + ["Seiji Maehara", "Liu Weimin", "Department of State", "State Department"]


def _code(value: object) -> str | None:
    """A country code from a code or a role's name ("rus", "Russia", "the United States"), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().removeprefix("the ").replace(" ", "-")
    return ROLES.get(text) or (text.upper() if text.upper() in ROLES.values() else None)


def judge_speakers(answer: object, expected: dict[str, str]) -> Feedback:
    if not isinstance(answer, dict):
        return not_yet("Give a dictionary, as in the answer cell: each label, S1 to S4, with a country code in "
                       "quotes.")
    given = {str(key).strip().upper(): value for key, value in answer.items()}
    if not set(given) & set(UNSIGNED):
        return not_yet("Use the labels S1, S2, S3 and S4 as the keys, as in the answer cell.")
    missing = [label for label in UNSIGNED if given.get(label, ...) is ...]
    if missing:
        return not_yet(f"{missing[0]} has no country yet: replace its ... with a code such as \"JPN\".")
    codes = {label: _code(given[label]) for label in UNSIGNED}
    unreadable = [label for label, code in codes.items() if code is None]
    if unreadable:
        return not_yet(f"{given[unreadable[0]]!r} for {unreadable[0]} is not one of the codes "
                       f"{', '.join(ROLES.values())}.")
    if codes != expected:
        # One message for any wrong answer: naming the wrong label, or counting the right ones, would let a learner
        # find the answer by changing one code at a time.
        return not_yet("Not all four yet: at least one label has the wrong government. Read each statement for "
                       "the words its speaker uses: who claims islands or waters as its own, who protests at "
                       "another's move, who backs an ally's claim?")
    return correct("All four. Each government speaks in its own terms: Washington backs Japan on the Northern "
                   "Territories, Tokyo protests against a visit that contradicts its basic position, Beijing names "
                   "Huangyan Island as its own, and Moscow calls the missing peace treaty an anachronism.")


# Exercise 3: the position memo ----------------------------------------------------------------------------------

MEMO_WORDS = (80, 150)
LEAST_EVENTS = 2
# Words that any English prose is full of: a memo with almost none of them is filler, not prose.
FUNCTION_WORDS = {"a", "an", "and", "any", "are", "as", "at", "be", "but", "by", "can", "for", "from", "has", "have",
                  "if", "in", "is", "it", "its", "no", "not", "of", "on", "or", "our", "should", "so", "that", "the",
                  "their", "they", "this", "to", "we", "will", "with", "would"}
ID = re.compile(r"\b\d{4}(?:-[a-z0-9]+)+\b", re.I)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR = re.compile(r"(?<![\w-])(\d{4})(?![\w-])")
# A date written out: "15 December 2016", "15th of Dec. 2016", "December 15, 2016".
MONTHS = {name.lower(): number for names in (calendar.month_name, calendar.month_abbr)
          for number, name in enumerate(names) if name} | {"sept": 9}
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})\b", re.I)
MONTH_DAY_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
# "15.12.2016", "15/12/2016", "12/15/2016": day and month in either order, whichever makes a date.
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
# A day of the decision's month written without a year ("December 15", "15th of December"): the summit's days.
DECEMBER_DAY = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?dec(?:ember)?\b\.?(?!,?\s+\d{4})"
                          r"|dec(?:ember)?\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s+\d{4}))", re.I)
SHINGLE = 5  # words in a row compared with the model memo, in any order of sentences

# The model memo of the lesson's folded solution (the same text): a copy of it is not the learner's own.
MODEL_MEMO = """Recommendation: at Nagato, seek an agreement to start talks on joint economic activities on the
four islands, on terms that harm neither side's legal position, and keep the 1956 Declaration on the table.
Reasons: Tokyo has built trust since 2013 and offered the eight-point plan in May (2016-abe-eight-point-plan);
joint activities would let Japanese citizens reach the islands without conceding sovereignty. Russia's coastal
missiles on two islands (2016-coastal-missiles-etorofu-kunashiri) show that Moscow will not demilitarise them, so
do not expect islands back now. Washington backs Japan's position but objected to a summit in Tokyo; keep it
informed so that projects are not read as breaking sanctions. China will look for a wedge between Tokyo and
Washington. Fallback: if Moscow refuses any terms, agree to freer visits for former residents and to further talks,
and avoid public disappointment."""


def expected_memo_rules() -> dict:
    events = _events()
    known = events[events["date"] <= DECISION_DATE]
    # Two rows with the same date and place are one meeting filed in two themes (Sochi, 6 May 2016; Vladivostok,
    # 2 September 2016): cited under both ids it is still one piece of evidence.
    meeting = {item: (row.date, row.place_id) if isinstance(row.place_id, str) else item
               for item, row in known.iterrows()}
    return {"known": set(known.index), "meeting": meeting,
            "later": set(events.index[events["date"] > DECISION_DATE]),
            "statements": _statements()["event_id"].to_dict(), "model": MODEL_MEMO}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:'[a-z]+)?", ID.sub(" ", text.lower()))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text.lower())
    return {tuple(words[start:start + SHINGLE]) for start in range(len(words) - SHINGLE + 1)}


def _copied(memo: str, model: str) -> bool:
    """Whether a third of the memo's runs of five words or more are the model memo's: a copy, in any order of its
    sentences, perhaps with a few words changed or mixed with other text. Sentences of one's own share few."""
    mine, theirs = _shingles(memo), _shingles(model)
    return bool(mine) and len(mine & theirs) >= 0.3 * min(len(mine), len(theirs))


def _later_date(memo: str) -> pd.Timestamp | None:
    """The first date the memo writes out (ISO or in words) that falls after the decision date, else None."""
    found = []
    for text in ISO_DATE.findall(memo):
        found.append((text[:4], text[5:7], text[8:10]))
    found += [(year, MONTHS.get(month.lower()), day) for day, month, year in DAY_MONTH_YEAR.findall(memo)]
    found += [(year, MONTHS.get(month.lower()), day) for month, day, year in MONTH_DAY_YEAR.findall(memo)]
    for first, second, year in NUMERIC_DATE.findall(memo):
        found += [(year, second, first), (year, first, second)]
    found += [(str(DECISION_DATE.year), 12, day or other) for day, other in DECEMBER_DAY.findall(memo)]
    for year, month, day in found:
        try:
            date = pd.Timestamp(int(year), int(month), int(day))
        except (TypeError, ValueError):
            continue  # not a date ("in 12 years 2016" or a 31 February)
        if date > DECISION_DATE:
            return date
    return None


def _filler(memo: str) -> str | None:
    """Why a memo is filler rather than prose, or None."""
    words = _words(memo)
    distinct = len(set(words))
    if distinct < max(40, 0.45 * len(words)):
        return (f"Your memo uses only {distinct} different {'word' if distinct == 1 else 'words'} in {len(words)}: "
                "that reads as filler or repetition. Write it in your own sentences.")
    if sum(word in FUNCTION_WORDS for word in words) < 0.1 * len(words):
        return "Your memo does not read as English sentences. Write the argument out in full sentences."
    sentences = [" ".join(_words(sentence)) for sentence in re.split(r"[.!?;]+", memo)]
    sentences = [sentence for sentence in sentences if len(sentence.split()) >= 4]
    repeated = next((sentence for sentence in sentences if sentences.count(sentence) > 1), None)
    if repeated:
        return f"Your memo repeats a sentence (\"{repeated[:60]}...\"): say each thing once."
    return None


def _role(value: object) -> str | None:
    """A role's name ("japan") from its code ("JPN", as `my_code` holds it) or its name, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().removeprefix("the ").replace(" ", "-")
    by_code = {code.lower(): role for role, code in ROLES.items()}
    return text if text in ROLES else by_code.get(text)


PLACEHOLDER = "Replace this line with your memo."


def judge_memo(answer: object, rules: dict) -> Feedback:
    if not isinstance(answer, dict) or not {"role", "memo"} <= set(answer):
        return not_yet("Give a dictionary with a 'role' and a 'memo', as in the answer cell.")
    role, memo = answer["role"], answer["memo"]
    if role is ... or memo is ... or (isinstance(memo, str) and PLACEHOLDER in memo):
        return not_yet("Replace the `...` after 'role' with your role's code in quotes, and the line between the "
                       'triple quotes """ with your memo.')
    if _role(role) is None:
        return not_yet(f"{role!r} is not a role: use your role's code, as for `my_code`: "
                       f"{', '.join(ROLES.values())}.")
    if not isinstance(memo, str):
        return not_yet('The memo should be text between triple quotes, """ like this """.')
    low, high = MEMO_WORDS
    words = len(memo.split())
    if not low <= words <= high:
        return not_yet(f"The memo has {words} {'word' if words == 1 else 'words'}; write between {low} and {high}.")
    cited = [item.lower() for item in ID.findall(memo) if not ISO_DATE.fullmatch(item)]
    for item in cited:
        if item in rules["later"]:
            return not_yet(f"{item!r} happened after 14 December 2016: your role cannot know it yet. Keep it for "
                           "the debrief.")
        if item in rules["statements"]:
            event = rules["statements"][item]
            instead = f" cite its event, {event}" if isinstance(event, str) else " cite an event"
            return not_yet(f"{item!r} is a statement's id, not an event's:{instead}.")
        if item not in rules["known"]:
            return not_yet(f"{item!r} is not an event id in the kit's events table: copy ids exactly as the table "
                           "of known events or a role brief gives them.")
    later_years = sorted({int(year) for year in YEAR.findall(ID.sub(" ", memo)) if int(year) > DECISION_DATE.year})
    if later_years:
        return not_yet(f"Your memo names {later_years[0]}, a year after the decision date: your role cannot know "
                       "what happened then. If you mean a plan, write 'next year' instead.")
    later_date = _later_date(memo)
    if later_date is not None:
        return not_yet(f"Your memo names {_day(later_date)}, after the decision date: your role cannot know what "
                       "happens then. Write of the coming summit as 'tomorrow' or 'at Nagato', and of nothing "
                       "after it.")
    filler = _filler(memo)
    if filler:
        return not_yet(filler)
    distinct = sorted(set(cited))
    meetings = {rules["meeting"][item] for item in distinct}
    if len(meetings) < LEAST_EVENTS:
        if len(distinct) > len(meetings):
            why = (f" ({' and '.join(distinct)} are one meeting, filed in two themes: still one piece of "
                   "evidence)")
        elif len(cited) > len(distinct):
            why = " (the same id cited again is still one piece of evidence)"
        else:
            why = ""
        return not_yet(f"Your memo cites {len(meetings)} different "
                       f"{'event' if len(meetings) == 1 else 'events'}{why}. Cite at least {LEAST_EVENTS} "
                       "different events known on the date by their ids, so a reader can check your evidence.")
    name = _role(role).replace("-", " ").title().replace("United", "the United")
    if _copied(memo, rules["model"]):
        # The solution itself, unchanged, must pass its check (the tests run it); it is named for what it is. Any
        # other use of the model memo (for another role, reordered, or with words changed) is refused.
        if " ".join(memo.split()) != " ".join(rules["model"].split()) or _role(role) != "japan":
            return not_yet("Your memo follows the model memo of the solution: write your own, for your role.")
        return form_checked("This is the solution's model memo for Japan, word for word: its form is right, but it "
                            "is not yours, and the rubric gives a copy nothing. Write your own memo for your role.")
    return form_checked(f"A memo of {words} words for {name}, citing {len(meetings)} different events known on "
                        "the date and nothing later.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

RUSSIA_MEMO = """Recommendation: welcome Japanese investment and agree to discuss joint economic activities on the
Southern Kurils, but make no promise on sovereignty. The islands are Russian as a result of the Second World War,
and any talks must start from that reality. Tokyo wants progress: Abe offered an eight-point plan in May
(2016-abe-eight-point-plan) and came to Vladivostok in September (2016-vladivostok-eef-summit). Projects in the Far
East bring money and technology that sanctions have made scarce. The coastal missile systems now in service on
Iturup and Kunashir (2016-coastal-missiles-etorofu-kunashiri) serve our own security and are not for bargaining.
Expect Washington to press Tokyo to stay cautious, and Beijing to watch closely. Fallback: if Japan insists on a
return of islands first, sign economic deals only and keep the dialogue going."""
PHILIPPINES_MEMO = """Recommendation: stay out of the Nagato talks, but use the week to show that our independent
foreign policy wins friends on every side. In Beijing in October the President announced a separation from the
United States (2016-duterte-separation-remark), and since then Filipino fishermen have returned to Scarborough
Shoal (2016-scarborough-fishermen-return). In Tokyo he agreed with Prime Minister Abe on maritime security
cooperation (2016-japan-philippines-summit-tokyo). A warmer relationship between Japan and Russia costs us nothing
and may open markets for our exports. Washington is baffled by the separation remark, so reassure it that the
treaties stand. Beijing will watch whether we raise the arbitral award: keep it in reserve. Fallback: if the summit
turns into a show of alignment against China, say nothing in public and keep the fishing access."""
RUSSIA_ANSWER = {"role": "russia", "memo": RUSSIA_MEMO}


def memo_slips() -> list[tuple[object, str]]:
    """Memos a program can refuse, each with a piece of the message it gets."""
    without = RUSSIA_MEMO.replace("(2016-vladivostok-eef-summit)", "")
    twice = without.replace("(2016-coastal-missiles-etorofu-kunashiri)", "(2016-abe-eight-point-plan)")
    one = without.replace("(2016-coastal-missiles-etorofu-kunashiri)", "")
    repeated = ("Seek joint activities with Russia now (2016-abe-eight-point-plan) and "
                "(2016-vladivostok-eef-summit). ") * 12
    borrowed = MODEL_MEMO.replace("Tokyo", "Japan").replace("Recommendation", "Advice")
    reordered = " ".join(sentence.strip() for sentence in re.split(r"(?<=\.)\s", MODEL_MEMO)[::-1])
    one_meeting = without.replace("(2016-coastal-missiles-etorofu-kunashiri)", "(2016-sochi-new-approach)")
    memos = [("Too short.", "2 words"), ("word " * 130 + "2016-abe-eight-point-plan", "1 different word in"),
             (repeated, "different words"),
             (RUSSIA_MEMO.replace("Expect", "As in Singapore in 2018, expect"), "names 2018"),
             (RUSSIA_MEMO + " See 2018-singapore-agreement.", "after 14 December 2016"),
             (RUSSIA_MEMO.replace("Expect", "After the summit on 15 December 2016, expect"), "15 December 2016"),
             (RUSSIA_MEMO.replace("Expect", "After the talks on 2016-12-15, expect"), "15 December 2016"),
             (RUSSIA_MEMO.replace("Expect", "From December 16th, 2016, expect"), "16 December 2016"),
             (RUSSIA_MEMO.replace("Expect", "After the talks of 15.12.2016, expect"), "15 December 2016"),
             (RUSSIA_MEMO.replace("Expect", "After the talks of 15/12/2016, expect"), "15 December 2016"),
             (RUSSIA_MEMO.replace("Expect", "After the talks on December 15, expect"), "15 December 2016"),
             (RUSSIA_MEMO.replace("Expect", "After the 16th of December, expect"), "16 December 2016"),
             (RUSSIA_MEMO.replace("2016-vladivostok-eef-summit", "2016-vladivostok-deal"), "not an event id"),
             (twice, "the same id cited again"), (one, "cites 1 different event."),
             (one_meeting, "one meeting, filed in two themes"),
             (RUSSIA_MEMO + " Expect Washington to press Tokyo to stay cautious, and Beijing to watch closely.",
              "repeats a sentence")]
    return [({**RUSSIA_ANSWER, "memo": memo}, message) for memo, message in memos] + [
        ({"role": "russia", "memo": MODEL_MEMO}, "model memo"), ({"role": "japan", "memo": borrowed}, "model memo"),
        ({"role": "JPN", "memo": reordered}, "model memo"),
        ({"role": "japan", "memo": MODEL_MEMO[:500] + RUSSIA_MEMO[400:]}, "model memo"),
        ({**RUSSIA_ANSWER, "role": "vietnam"}, "not a role"), ({**RUSSIA_ANSWER, "role": "Japan's"}, "not a role"),
        ({"role": ..., "memo": PLACEHOLDER}, "Replace the"), ("memo", "dictionary")]


def _eve(**change) -> dict:
    return {"known": expected_known(), "outreach": OUTREACH, **change}


EXERCISES = {
    "known-then": Exercise(
        "eve_check", "a dictionary of known events and the outreach among them", expected_eve, judge_eve,
        giveaways=known_giveaways,
        right=lambda: [_eve(), _eve(known=expected_known()[::-1]), _eve(known=set(expected_known())),
                       _eve(known=pd.Series(expected_known()), outreach=tuple(OUTREACH)),
                       _eve(verdict="accurate")],
        wrong=lambda: [(_eve(known=[*expected_known(), "2016-putin-visit-nagato-tokyo"]), "Not this list"),
                       (_eve(known=[*expected_known(), "2016-tokyo-joint-economic-activities"]), "Not this list"),
                       (_eve(known=[*expected_known(), "2016-aleppo-retaken"]), "Not this list"),
                       (_eve(known=expected_known()[:3]), "Not this list"), (_eve(known=[]), "Not this list"),
                       (_eve(known=["2018-singapore-agreement"]), "not one of the seven"),
                       (_eve(known="2016-sochi-new-approach"), "list of event ids"),
                       (_eve(outreach=expected_known()), "Not yet the evidence"),
                       (_eve(outreach=OUTREACH[:2]), "Not yet the evidence"),
                       (_eve(outreach=[*OUTREACH, "2016-tokyo-joint-economic-activities"]), "after the decision"),
                       (_eve(outreach="2016-sochi-new-approach"), "list of ids"),
                       (_eve(known=_events().loc[expected_known(), "date"]), "not the dates"),
                       ({"known": ..., "outreach": ...}, "Replace each"),
                       (_eve(outreach=[*OUTREACH, "2016-aleppo-retaken"]), "after the decision"),
                       (expected_known(), "dictionary")]),
    "who-said-it": Exercise(
        "who_said_it", "a dictionary of country codes", expected_speakers, judge_speakers,
        giveaways=speaker_giveaways,
        right=lambda: [expected_speakers(), {key.lower(): value.lower() for key, value in expected_speakers().items()},
                       {"S1": "the United States", "S2": "Japan", "S3": "China", "S4": "Russia"}],
        wrong=lambda: [({**expected_speakers(), "S1": "PHL"}, "at least one label"),
                       ({**expected_speakers(), "S4": "JPN", "S3": "USA"}, "at least one label"),
                       ({**expected_speakers(), "S1": "TWN"}, "not one of the codes"),
                       ({**expected_speakers(), "S3": ...}, "no country yet"),
                       ({UNSIGNED[label][0]: code for label, code in expected_speakers().items()}, "labels S1"),
                       ("RUS", "dictionary")]),
    "position-memo": Exercise(
        "my_memo", "a dictionary with your role and memo", expected_memo_rules, judge_memo,
        giveaways=lambda: [], form_only=True,
        right=lambda: [RUSSIA_ANSWER, {**RUSSIA_ANSWER, "role": "Russia"}, {**RUSSIA_ANSWER, "role": "RUS"},
                       {"role": "philippines", "memo": PHILIPPINES_MEMO}],
        wrong=memo_slips),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..maps import LINE_COLOURS
    from ..style import OKABE_ITO
    from ..timelines import events_with_sources
    signals = events_with_sources("pacific-signals")
    both = pd.concat([events_with_sources("kurils"), events_with_sources("japan-russia"),  # the lesson's `both`
                      signals[signals["id"] == "2016-shoigu-kuril-missile-plan"]])
    known = both[(both["date"] <= "2016-12-14") & (both["date"].dt.year >= 2012)]  # on the eve of Nagato
    islands = ["iturup-etorofu", "kunashir-kunashiri", "shikotan", "habomai", "nemuro"]
    return LessonShows(maps=[MapShows(markers=markers({OKABE_ITO["blue"]: islands}),
                                      lines={LINE_COLOURS["1945-line-of-control"].lower(): 1})],
                       charts=[ChartShows(known["category"].nunique(), len(known))])


def _guide_keys() -> dict[str, list[str]]:
    return {"known-then": [f"`{event}`" for event in expected_known()],
            "who-said-it": [f"{statement} {speaker}" for statement, speaker in expected_speakers().items()],
            "position-memo": []}  # judged with the rubric


MANIFEST = Manifest("09-capstone-nagato-2016", _shows, EXERCISES, _guide_keys,
                    taught=["!=", ".groupby()", "triple-quoted string", ".index"])
