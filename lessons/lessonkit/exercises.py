"""Exercise checks that answer with feedback, never with a traceback.

A lesson's checks module lists its exercises: which variable holds the learner's answer and a function that
judges it. In the notebook the check cell is one call, `check("distance")`: it finds the answer variable,
catches every way an answer can be missing or broken, and shows a short message saying what to try next.
"""
import numbers
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import pandas as pd

NOT_ANSWERED = "not answered"


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str

    def __repr__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'}: {self.message}"

    def _repr_html_(self) -> str:
        colour, label = ("#009E73", "Correct") if self.correct else ("#E69F00", "Not yet")
        message = re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(self.message))  # `name` as code, not backticks
        return (f"<div style='border-left:5px solid {colour};padding:4px 10px;margin:4px 0'>"
                f"<b>{label}:</b> {message}</div>")


def correct(message: str) -> Feedback:
    return Feedback(True, message)


def not_yet(message: str) -> Feedback:
    return Feedback(False, message)


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
        return answer.year
    if isinstance(answer, str) and answer.strip().isdigit():
        return int(answer.strip())
    value = as_single_number(answer)
    if value is None and isinstance(answer, pd.Series) and len(answer) == 1:
        item = answer.iloc[0]
        return item.year if isinstance(item, pd.Timestamp) else None
    return int(value) if value is not None and value == int(value) else None


@dataclass(frozen=True)
class Exercise:
    """`expected()` works the right answer out from `data/`; `judge(answer, expected)` receives an answer that is
    present (not `...`, not None) and returns Feedback."""
    variable: str
    expects: str
    expected: Callable[[], object]
    judge: Callable[[object, object], Feedback]


def feedback_for(exercise: Exercise, answer: object) -> Feedback:
    """Judge an answer. A failure to read the kit's data is reported as that, not blamed on the answer; any other
    surprise in the judge becomes a message about the answer's form."""
    if answer is ... or answer is None:
        return not_yet(f"`{exercise.variable}` has no answer yet. Replace the `...` with {exercise.expects}, "
                       "run the answer cell, then run this cell again.")
    if callable(answer) and not isinstance(answer, type):
        return not_yet(f"`{exercise.variable}` holds a function, not its result: add the brackets that call it, "
                       "as in `.sum()` rather than `.sum`.")
    try:
        expected = exercise.expected()
    except Exception as error:
        return not_yet(f"The check could not work out the right answer from the kit's data ({type(error).__name__}: "
                       f"{error}). Your answer may well be right: the data/ folder looks changed or incomplete. "
                       "Get a fresh copy of the kit's data/ folder, or ask your instructor.")
    try:
        return exercise.judge(answer, expected)
    except Exception:  # a judge must not turn a strange answer into a traceback
        return not_yet(f"I could not read `{exercise.variable}`: it holds a value of type {type(answer).__name__}, "
                       f"and this exercise expects {exercise.expects}.")


# The last few cells run in this kernel, with the error each raised (None if it ran cleanly). IPython calls
# `record_cell_run` after every cell once a checks module is imported, so a check can tell "your answer cell failed"
# from "you have not answered", and never blames an error from some other cell.
RECENT_CELLS: list[tuple[str, BaseException | None]] = []


def record_cell_run(source: str, error: BaseException | None) -> None:
    RECENT_CELLS.append((source, error))
    del RECENT_CELLS[:-20]


def _ipython_post_run_cell(result) -> None:
    record_cell_run(result.info.raw_cell if result.info else "", result.error_in_exec)


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
    (re.compile(r"^name '\w+' is not defined"), "Run the cells above this one first, and check the name's spelling."),
    (re.compile(r"^'[^']*'$"), "A name in quotes is not a column or id of the table: check its spelling."),
]


def _advice(error: BaseException) -> str:
    return next((f" {advice}" for pattern, advice in ADVICE if pattern.search(str(error))), "")


def _shortened(error: BaseException, limit: int = 160) -> str:
    text = str(error)
    return text if len(text) <= limit else text[:limit].rstrip() + " ..."


def check_in_namespace(exercises: dict[str, Exercise], name: str, namespace: dict) -> Feedback:
    """Look up the answer variable for exercise `name` in the notebook's namespace and judge it."""
    if name not in exercises:
        return not_yet(f"There is no exercise called {name!r} here; the exercises are: {', '.join(exercises)}.")
    exercise = exercises[name]
    error = _answer_cell_error(exercise.variable)
    if error is not None:
        kept = (f"`{exercise.variable}` still holds the value from an earlier run" if exercise.variable in namespace
                else f"`{exercise.variable}` was not set")
        if isinstance(error, KeyboardInterrupt):
            return not_yet(f"Your answer cell was interrupted before it finished, so {kept[0].lower()}{kept[1:]}. "
                           "Run the answer cell again, then run this cell.")
        return not_yet(f"Your answer cell stopped with an error, {type(error).__name__}: {_shortened(error)}. "
                       f"{kept}.{_advice(error)} Fix that line, run the answer cell again, then run this cell.")
    if exercise.variable not in namespace:
        return not_yet(f"I can't find `{exercise.variable}` yet. Run the answer cell above this one first.")
    return feedback_for(exercise, namespace[exercise.variable])


def checker_for(exercises: dict[str, Exercise]) -> Callable[[str], Feedback]:
    """Make the `check(name)` a notebook calls: it reads answers from the notebook's own variables."""
    _watch_cells()

    def check(name: str) -> Feedback:
        namespace = sys._getframe(1).f_globals  # the notebook's globals: where the answer cell put its variable
        return check_in_namespace(exercises, name, namespace)
    return check
