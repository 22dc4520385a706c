"""Exercise checks that answer with feedback, never with a traceback.

A lesson's checks module lists its exercises: which variable holds the learner's answer and a function that
judges it. In the notebook the check cell is one call, `check("distance")`: it finds the answer variable,
catches every way an answer can be missing or broken, and shows a short message saying what to try next.
"""
import numbers
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
        return (f"<div style='border-left:5px solid {colour};padding:4px 10px;margin:4px 0'>"
                f"<b>{label}:</b> {escape(self.message)}</div>")


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
    """`judge` receives an answer that is present (not `...`, not None) and returns Feedback."""
    variable: str
    expects: str
    judge: Callable[[object], Feedback]


def feedback_for(exercise: Exercise, answer: object) -> Feedback:
    """Judge an answer, turning any surprise in the judge into a message about the answer's form."""
    if answer is ... or answer is None:
        return not_yet(f"`{exercise.variable}` has no answer yet. Replace the `...` with {exercise.expects}, "
                       "run the answer cell, then run this cell again.")
    try:
        return exercise.judge(answer)
    except Exception:  # a judge must not turn a strange answer into a traceback
        return not_yet(f"I could not read `{exercise.variable}`: it is a {type(answer).__name__}, "
                       f"and this exercise expects {exercise.expects}.")


def _last_error_hint() -> str:
    """IPython keeps the last exception a cell raised in sys.last_value; name it so the learner knows where to look."""
    error = getattr(sys, "last_value", None)
    if error is None:
        return ""
    return f" The last error shown was {type(error).__name__}: {error}. Fix that cell first."


def check_in_namespace(exercises: dict[str, Exercise], name: str, namespace: dict) -> Feedback:
    """Look up the answer variable for exercise `name` in the notebook's namespace and judge it."""
    if name not in exercises:
        return not_yet(f"There is no exercise called {name!r} here; the exercises are: {', '.join(exercises)}.")
    exercise = exercises[name]
    if exercise.variable not in namespace:
        return not_yet(f"I can't find `{exercise.variable}` yet. Run the answer cell above this one first."
                       + _last_error_hint())
    return feedback_for(exercise, namespace[exercise.variable])


def checker_for(exercises: dict[str, Exercise]) -> Callable[[str], Feedback]:
    """Make the `check(name)` a notebook calls: it reads answers from the notebook's own variables."""
    def check(name: str) -> Feedback:
        namespace = sys._getframe(1).f_globals  # the notebook's globals: where the answer cell put its variable
        return check_in_namespace(exercises, name, namespace)
    return check
