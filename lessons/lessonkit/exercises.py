"""Exercise checks that answer with feedback, never with a traceback.

A lesson's checks module lists its exercises: which variable holds the learner's answer and a function that
judges it. In the notebook the check cell is one call, `check("distance")`: it finds the answer variable,
catches every way an answer can be missing or broken, and shows a short message saying what to try next.
"""
import math
import numbers
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape

import pandas as pd

from . import progress


@dataclass(frozen=True)
class Feedback:
    """What a check says. `form_only` marks an answer whose form passed where only a person can judge the rest."""
    correct: bool
    message: str
    form_only: bool = False

    @property
    def label(self) -> str:
        return "Form checked" if self.form_only else "Correct" if self.correct else "Not yet"

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", plain_numbers(self.message))

    def __repr__(self) -> str:
        return f"{self.label}: {self.message}"

    def _repr_html_(self) -> str:
        colour = {"Correct": "#009E73", "Form checked": "#0072B2", "Not yet": "#E69F00"}[self.label]
        message = re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(self.message))  # `name` as code, not backticks
        return (f"<div style='border-left:5px solid {colour};padding:4px 10px;margin:4px 0'>"
                f"<b>{self.label}:</b> {message}</div>")


# numpy 2 shows its scalars as np.float64(500.0), np.str_('riga'): in a message a beginner reads 500.0 and 'riga'.
NUMPY_SCALAR = re.compile(r"\bnp\.(?:float|int|uint|str_|bool_|bytes_)\w*\((.*?)\)")


def plain_numbers(text: str) -> str:
    return NUMPY_SCALAR.sub(r"\1", text)


def correct(message: str, form: str = "") -> Feedback:
    """A right answer. `form` says, where an answer was accepted in another form than the one asked for (text for a
    list, a name for an id, a Timedelta for a number of days), what the expected form is."""
    return Feedback(True, f"{message} About the form: {form}" if form else message)


def not_yet(message: str) -> Feedback:
    return Feedback(False, message)


RUBRIC = ("That is all a program can check. Whether the argument holds is for your instructor's rubric (or a "
          "classmate's reading): ask for it.")


def form_checked(message: str) -> Feedback:
    return Feedback(True, f"{message} {RUBRIC}", form_only=True)


class Unreadable(Exception):
    """An answer a reader cannot read in the form the exercise asks for. Its message is what the learner sees: kind
    and specific, saying what to give instead. A judge lets it rise; `feedback_for` turns it into "Not yet"."""


@contextmanager
def reading_part(name: str) -> Iterator[None]:
    """Readers inside name the part of the answer they read: "`trip_km`: Give one number...". For an answer made of
    several values, such as a dictionary, so that the learner knows which one to fix."""
    try:
        yield
    except Unreadable as problem:
        raise Unreadable(f"`{name}`: {problem}") from None


def as_single_number(answer: object) -> float | None:
    """The one number an answer holds (a number, or a one-element list, array or Series), else None."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, pd.DataFrame) and answer.size == 1:
        answer = answer.iloc[0, 0]
    if isinstance(answer, (pd.Series, list, tuple)) and len(answer) == 1:
        answer = list(answer)[0]
    if hasattr(answer, "item") and getattr(answer, "size", 1) == 1:
        answer = answer.item()
    return float(answer) if isinstance(answer, numbers.Real) and not isinstance(answer, bool) else None


def as_year(answer: object) -> int | None:
    """The year an answer gives (a whole number, "1956", a Timestamp, or a one-element Series), else None."""
    if isinstance(answer, pd.Timestamp):
        return None if pd.isna(answer) else answer.year
    if isinstance(answer, str) and answer.strip().isdigit():
        return int(answer.strip())
    value = as_single_number(answer)
    if value is None and isinstance(answer, pd.Series) and len(answer) == 1:
        item = answer.iloc[0]
        return item.year if isinstance(item, pd.Timestamp) and not pd.isna(item) else None
    return int(value) if value is not None and math.isfinite(value) and value == int(value) else None


@dataclass(frozen=True)
class Exercise:
    """One exercise, and what the tests need to know of it, declared beside its judge.

    variable   the name the learner's answer cell sets
    asks_for   the answer's form in words ("a number of kilometres"), for feedback
    solve      works the right answer out from data/
    judge      judge(answer, solved) -> Feedback, for an answer that is present (not `...`, not None); raises
               Unreadable, with the learner's message, for an answer it cannot read
    giveaways  the right answer as text could show it (the number as a learner would round it, the ids, the letters):
               none may be readable in the lesson above the exercise
    right      right answers, in the forms a learner may give them
    wrong      typical wrong answers, each with a piece of the message it must get
    form_only  a program can check only the form: a passing answer is "Form checked", never "Correct"
    """
    variable: str
    asks_for: str
    solve: Callable[[], object]
    judge: Callable[[object, object], Feedback]
    giveaways: Callable[[], list[str]]
    right: Callable[[], list]
    wrong: Callable[[], list[tuple[object, str]]]
    form_only: bool = False


def feedback_for(exercise: Exercise, answer: object, strict: bool = False) -> Feedback:
    """Judge an answer. An answer the judge cannot read (Unreadable) gets the reader's own message; a failure to read
    the kit's data is reported as that, not blamed on the answer; any other surprise in the judge becomes a message
    about the answer's form. `strict` (the tests) lets surprises raise, not Unreadable, which is no surprise."""
    if answer is ... or answer is None:
        return not_yet(f"`{exercise.variable}` has no answer yet. Replace the `...` with {exercise.asks_for}, "
                       "run the answer cell, then run this cell again.")
    if callable(answer) and not isinstance(answer, type):
        return not_yet(f"`{exercise.variable}` holds a function, not its result: add the brackets that call it, "
                       "as in `.sum()` rather than `.sum`.")
    try:
        solved = exercise.solve()
    except Exception as error:
        if strict:
            raise
        return not_yet(f"The check could not work out the right answer from the kit's data ({type(error).__name__}: "
                       f"{error}). Your answer may well be right: the data/ folder looks changed or incomplete. "
                       "Get a fresh copy of the kit's data/ folder, or ask your instructor.")
    try:
        feedback = exercise.judge(answer, solved)
    except Unreadable as problem:
        return not_yet(str(problem))
    except Exception:  # a judge must not turn a strange answer into a traceback
        if strict:
            raise
        return not_yet(f"I could not read `{exercise.variable}`: it holds a value of type {type(answer).__name__}, "
                       f"and this exercise asks for {exercise.asks_for}.")
    if exercise.form_only and feedback.correct and not feedback.form_only:
        return form_checked(feedback.message)
    return feedback


# The last few cells run in this kernel, with the error each raised (None if it ran cleanly). IPython calls
# `record_cell_run` after every cell once a checks module is imported, so a check can tell "your answer cell failed"
# from "you have not answered", and never blames an error from some other cell.
RECENT_CELLS: list[tuple[str, BaseException | None]] = []


def record_cell_run(source: str, error: BaseException | None) -> None:
    RECENT_CELLS.append((source, error))
    del RECENT_CELLS[:-20]


def _ipython_post_run_cell(result) -> None:
    # A SyntaxError stops a cell before it runs (error_before_exec): the answer variable keeps its old value.
    record_cell_run(result.info.raw_cell if result.info else "", result.error_before_exec or result.error_in_exec)


def _watch_cells() -> None:
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and _ipython_post_run_cell not in shell.events.callbacks["post_run_cell"]:
        shell.events.register("post_run_cell", _ipython_post_run_cell)


def _answer_cell_error(variable: str) -> BaseException | None:
    """The error raised by the latest run of a cell that assigns `variable` or shows it (a line of its own, as an
    answer cell that draws on a map ends), if that run failed."""
    assigns = re.compile(rf"(^|;)\s*{re.escape(variable)}\s*(=(?!=)|;|$)", re.M)
    for source, error in reversed(RECENT_CELLS):
        if assigns.search(source):
            return error
    return None


# Errors a learner meets often in the kit's exercises, and what usually causes them.
ADVICE = [
    (re.compile(r"rand_|unsupported operand type\(s\) for &"),
     "Conditions joined by & each need their own brackets: (condition 1) & (condition 2)."),
    (re.compile(r"^name '\w+' is not defined"),
     "If you restarted the kernel or just opened the notebook, run the cells above first (Run → Run All Above "
     "Selected Cell); otherwise check the name's spelling."),
    (re.compile(r"^'[^']*'$"), "A name in quotes is not a column or id of the table: check its spelling."),
]


def _advice(error: BaseException) -> str:
    return next((f" {advice}" for pattern, advice in ADVICE if pattern.search(str(error))), "")


def _shortened(error: BaseException, limit: int = 160) -> str:
    """The error's message as one sentence's end: cut to `limit`, with no full stop of its own (the message adds
    one: not "Locations is empty..")."""
    text = plain_numbers(str(error)).strip()
    text = text if len(text) <= limit else text[:limit].rstrip() + " ..."
    return text.rstrip(".") if not text.endswith("...") else text


def check_in_namespace(exercises: dict[str, Exercise], name: str, namespace: dict) -> Feedback:
    """Look up the answer variable for exercise `name` in the notebook's namespace and judge it."""
    if name not in exercises:
        return not_yet(f"There is no exercise called {name!r} here; the exercises are: {', '.join(exercises)}.")
    exercise = exercises[name]
    error = _answer_cell_error(exercise.variable)
    if error is not None:
        kept = (f"`{exercise.variable}` still holds the value from an earlier run" if exercise.variable in namespace
                else f"`{exercise.variable}` was not set")
        if isinstance(error, SyntaxError):
            where = f", line {error.lineno}" if error.lineno else ""
            earlier = (f" Until then `{exercise.variable}` keeps its earlier value, which this check does not judge."
                       if exercise.variable in namespace else "")
            return not_yet(f"Your answer cell did not run: fix the error shown under it ({type(error).__name__}"
                           f"{where}: {(error.msg or '').rstrip('.')}), then run it again, and then this cell."
                           f"{earlier}")
        if isinstance(error, KeyboardInterrupt):
            return not_yet(f"Your answer cell was interrupted before it finished, so {kept[0].lower()}{kept[1:]}. "
                           "Run the answer cell again, then run this cell.")
        return not_yet(f"Your answer cell stopped with an error, {type(error).__name__}: {_shortened(error)}. "
                       f"{kept}.{_advice(error)} Fix that line, run the answer cell again, then run this cell.")
    if exercise.variable not in namespace:
        return not_yet(f"I can't find `{exercise.variable}` yet. Run the answer cell above this one first.")
    return feedback_for(exercise, namespace[exercise.variable])


def checker_for(exercises: dict[str, Exercise]) -> Callable[[str], Feedback]:
    """Make the `check(name)` a notebook calls: it reads answers from the notebook's own variables, and notes a
    passed exercise in the learner's progress (lessonkit.progress)."""
    _watch_cells()
    checks_module = sys._getframe(1).f_globals["__name__"].rsplit(".", 1)[-1]  # the module that made it: "start"

    def check(name: str) -> Feedback:
        namespace = sys._getframe(1).f_globals  # the notebook's globals: where the answer cell put its variable
        feedback = check_in_namespace(exercises, name, namespace)
        if feedback.correct:
            progress.record(checks_module, name, feedback.label)
        return feedback
    return check
