"""Exercise checks: right answers pass, typical wrong answers get their own message, junk is never "Correct" and
never raises. Every checks module is found by discovery, and each declares its examples beside its exercises."""
import copy
import datetime
import functools
import math

import folium
import numpy as np
import pandas as pd
import pytest
from folium.plugins import MarkerCluster

from lessonkit import exercises, maps
from lessonkit.checks import common, fact_check, kurils_history, kurils_map, pacific_signals, start
from lessonkit.checks.manifest import lesson_modules
from lessonkit.data import load_table
from lessonkit.exercises import Feedback, check_in_namespace, feedback_for
from tests.lessons import checked_exercises, declared_exercises, hint_texts

CHECK_MODULES = lesson_modules()
EXERCISES = declared_exercises()


def judge(name, answer) -> Feedback:
    return feedback_for(EXERCISES[name], answer, strict=True)


def test_every_checks_module_serves_one_lesson_that_checks_each_of_its_exercises():
    assert len(EXERCISES) == sum(len(module.EXERCISES) for module in CHECK_MODULES), "exercise names are unique"
    served = checked_exercises()  # exercise name -> the lesson whose check cell calls it
    for module in CHECK_MODULES:
        lessons = {served.get(name) for name in module.EXERCISES}
        assert None not in lessons, f"{module.__name__}: an exercise no lesson checks"
        assert len(lessons) == 1, f"{module.__name__} serves {lessons}"
    assert set(served) == set(EXERCISES), f"checked but not declared: {set(served) - set(EXERCISES)}"


@pytest.mark.parametrize("name", EXERCISES)
def test_every_exercise_declares_its_examples(name):
    exercise = EXERCISES[name]
    assert len(exercise.right()) >= 2 and len(exercise.wrong()) >= 2
    builds_a_map = "map" in exercise.asks_for
    assert exercise.giveaways() or builds_a_map or exercise.form_only, \
        "say in which words the answer could be read (giveaways), so a test can keep it out of the lesson above"


@pytest.mark.parametrize("name", EXERCISES)
def test_right_answers_in_sensible_forms_pass(name):
    for answer in EXERCISES[name].right():
        feedback = judge(name, answer)
        assert feedback.correct, (answer, feedback.message)
        assert feedback.form_only == EXERCISES[name].form_only, "a check that tests form only never says Correct"


@pytest.mark.parametrize("name", EXERCISES)
def test_typical_wrong_answers_get_their_own_message(name):
    for answer, hint in EXERCISES[name].wrong():
        feedback = judge(name, answer)
        assert not feedback.correct, (answer, feedback.message)
        assert hint in feedback.message, (answer, hint, feedback.message)


GENERIC_JUNK = [None, ..., "", " ", "three point seven", float("nan"), 0, -1, 10**12, 1e300, float("inf"), True,
                "word " * 200, [], [1, 2], ["A", 1], {}, {"x": None}, (), set(), object(), ValueError("boom"),
                pd.DataFrame(), pd.Series(dtype=float), np.array([]), pd.NaT, pd.Timestamp("1999-01-01"),
                datetime.date(1999, 1, 1), pd.Timedelta(days=3)]


def _plain(answer):
    """An answer as plain Python for comparing: the items of a list-like answer, sorted as text; else itself."""
    items = common.as_list(answer)
    return sorted(map(str, items)) if items is not None else answer


def _same(first, second) -> bool:
    """Whether a borrowed answer is, by coincidence, also this exercise's (another's number within 5 %, say)."""
    first_number, second_number = exercises.as_single_number(first), exercises.as_single_number(second)
    if first_number is not None and second_number is not None and math.isfinite(first_number):
        return common.near(first_number, second_number, 0.05)
    first, second = _plain(first), _plain(second)
    if not all(isinstance(answer, (str, int, float, list, dict)) for answer in (first, second)):
        return first is second  # maps, tables and other objects: the same only when they are one object
    try:
        return bool(first == second)
    except ValueError:  # a numpy number against a list compares item by item: not the same answer
        return False


def _doubled(answer):
    """The answer with its first id (or its evidence's first id) given twice instead of its other ids."""
    if isinstance(answer, dict):
        return {key: _doubled(value) if isinstance(value, (list, tuple)) else value for key, value in answer.items()}
    items = common.as_list(answer)
    if items:
        return [items[0]] * max(2, len(items))
    return [answer, answer] if isinstance(answer, str) else None


@functools.cache
def borrowable(name: str) -> tuple:
    """The exercise's worked answer and its first right example: what another exercise's junk borrows from it,
    worked out once for all of them (solving can build a map)."""
    exercise = EXERCISES[name]
    return exercise.solve(), exercise.right()[0]


def junk_for(name: str) -> list:
    """Everything a careless, hurried or copying learner might store, none of it this exercise's answer."""
    exercise = EXERCISES[name]
    mine = exercise.solve()
    # copies: a judge that changed an answer in place would otherwise change it for every later test
    borrowed = copy.deepcopy([answer for other in EXERCISES if other != name for answer in borrowable(other)])
    junk = [*GENERIC_JUNK, _doubled(exercise.right()[0]), *borrowed, *hint_texts(name)]
    rights = [mine, *exercise.right()]
    return [answer for answer in junk if not any(_same(answer, right) for right in rights)]


@pytest.mark.parametrize("name", EXERCISES)
def test_junk_is_never_correct_and_never_raises(name):
    passed = []
    for answer in junk_for(name):
        feedback = judge(name, answer)  # strict: a judge that raises fails here, with its traceback
        assert isinstance(feedback, Feedback) and feedback.message
        if feedback.correct:
            passed.append(repr(answer)[:80])
    assert not passed, f"{name} passes junk: {passed}"


MAP_EXERCISES = [name for name, exercise in EXERCISES.items()
                 if any(isinstance(answer, folium.Map) for answer in exercise.right())]
ANSWER_ELEMENTS = (folium.Marker, folium.vector_layers.BaseMultiLocation, folium.GeoJson)
NESTINGS = {"a FeatureGroup": [folium.FeatureGroup], "a group in a group": [folium.FeatureGroup, folium.FeatureGroup],
            "a MarkerCluster in a group": [folium.FeatureGroup, MarkerCluster]}


def moved_into_layers(answer, layers: list[type]):
    """A map answer with every element drawn on it (markers, circles, lines, GeoJson; not the kit's land) moved into
    `layers`, each inside the one before, as a learner who groups what they draw would have it."""
    if not isinstance(answer, folium.Map):
        return answer
    parent = answer
    for layer in layers:
        parent = layer().add_to(parent)
    for key, child in list(answer._children.items()):
        if isinstance(child, ANSWER_ELEMENTS) and getattr(child, "layer_name", None) != maps.LAND_LAYER_NAME:
            del answer._children[key]
            parent.add_child(child, name=key)
    return answer


def test_some_exercises_build_maps():
    assert len(MAP_EXERCISES) >= 4, MAP_EXERCISES


@pytest.mark.parametrize("nesting", NESTINGS)
@pytest.mark.parametrize("name", MAP_EXERCISES)
def test_map_checks_read_what_is_drawn_however_nested(name, nesting):
    for answer in EXERCISES[name].right():
        feedback = judge(name, moved_into_layers(answer, NESTINGS[nesting]))
        assert feedback.correct, feedback.message
    for answer, hint in EXERCISES[name].wrong():
        feedback = judge(name, moved_into_layers(answer, NESTINGS[nesting]))
        assert not feedback.correct and hint in feedback.message, (hint, feedback.message)


def test_a_check_that_raises_still_gives_feedback_to_a_learner():
    exercise = EXERCISES["distance"]
    broken = exercises.Exercise(**{**exercise.__dict__, "judge": lambda answer, solved: 1 / 0})
    feedback = feedback_for(broken, 3.5)
    assert not feedback.correct and "I could not read" in feedback.message
    with pytest.raises(ZeroDivisionError):
        feedback_for(broken, 3.5, strict=True)


def test_an_answer_a_reader_cannot_read_gets_the_readers_message_even_in_strict_judging():
    def judge_needing_a_number(answer, solved):
        common.read_number(answer, "Give one number of kilometres, such as 3.5.")
        return exercises.correct("A number.")

    exercise = exercises.Exercise(**{**EXERCISES["distance"].__dict__, "judge": judge_needing_a_number})
    for strict in (False, True):
        feedback = feedback_for(exercise, "three point five", strict=strict)
        assert not feedback.correct and feedback.message == "Give one number of kilometres, such as 3.5."
    assert feedback_for(exercise, 3.5, strict=True).correct


def test_a_reader_of_one_part_of_an_answer_names_that_part():
    answer = {**pacific_signals.expected_refuelling(), pacific_signals.TRIP_KEY: "8869 km"}
    message = judge("needs-refuelling", answer).message
    assert message.startswith(f"`{pacific_signals.TRIP_KEY}`: Your answer is text. Give the distance as a number")


@pytest.mark.parametrize("answer, letters", [
    ("BDEAC", ["B", "D", "E", "A", "C"]), ("b, d", ["B", "D"]), ("A; C", ["A", "C"]), ("['A', 'C']", ["A", "C"]),
    (["a ", "C"], ["A", "C"]), (pd.Series(["A"]), ["A"]), ("", []), (1956, None), ([1, "A"], None),
])
def test_letters_are_read_one_way_for_every_exercise_that_takes_them(answer, letters):
    assert common.read_letters(answer) == letters


def test_form_only_feedback_says_what_a_person_must_judge():
    feedback = exercises.form_checked("Two pieces of evidence, each real.")
    assert repr(feedback).startswith("Form checked: ") and "rubric" in feedback.message
    assert "Form checked" in feedback._repr_html_()


def test_nan_and_empty_dates_are_read_as_no_answer():
    assert exercises.as_year(float("nan")) is None and exercises.as_year(pd.NaT) is None
    assert common.as_date("") is None and common.as_date(pd.NaT) is None and common.as_date(" ") is None


def test_unanswered_exercise_says_what_to_replace():
    feedback = judge("distance", ...)
    assert "Replace the `...`" in feedback.message and "kilometres" in feedback.message


@pytest.fixture
def fresh_cell_history(monkeypatch):
    monkeypatch.setattr(exercises, "RECENT_CELLS", [])
    return exercises.RECENT_CELLS


def test_missing_variable_points_back_to_the_answer_cell(fresh_cell_history):
    feedback = check_in_namespace(kurils_map.EXERCISES, "distance", {})
    assert "Run the answer cell" in feedback.message


def test_an_error_in_another_cell_is_not_blamed(fresh_cell_history):
    exercises.record_cell_run("island_names = {'択捉島': names['x']}", KeyError("x"))
    feedback = check_in_namespace(kurils_history.EXERCISES, "war-ended", {})
    assert "KeyError" not in feedback.message and "Run the answer cell" in feedback.message


def test_an_answer_cell_that_raised_is_named_even_after_an_earlier_run(fresh_cell_history):
    exercises.record_cell_run("nosappu_to_kaigara_km = ...", None)
    exercises.record_cell_run("nosappu_to_kaigara_km = haversine_km(cape.lat)", TypeError("missing 3 arguments"))
    feedback = check_in_namespace(kurils_map.EXERCISES, "distance", {"nosappu_to_kaigara_km": ...})
    assert "TypeError: missing 3 arguments" in feedback.message and "earlier run" in feedback.message
    assert "no answer yet" not in feedback.message


def test_an_interrupted_answer_cell_says_so_and_a_long_error_is_cut(fresh_cell_history):
    exercises.record_cell_run("years_at_war = slow()", KeyboardInterrupt())
    assert "interrupted" in check_in_namespace(kurils_map.EXERCISES, "years-at-war", {}).message
    exercises.record_cell_run("years_at_war = broken()", ValueError("x" * 1000))
    message = check_in_namespace(kurils_map.EXERCISES, "years-at-war", {}).message
    assert "ValueError" in message and len(message) < 400


@pytest.mark.parametrize("error, advice", [
    (TypeError("Cannot perform 'rand_' with a dtyped [object] array and scalar of type [bool]"), "own brackets"),
    (NameError("name 'events' is not defined"), "run the cells above first (Run → Run All Above Selected Cell)"),
    (KeyError("moskow"), "not a column or id"),
])
def test_a_common_error_comes_with_advice(fresh_cell_history, error, advice):
    exercises.record_cell_run("military_2016 = len(events[...])", error)
    assert advice in check_in_namespace(start.EXERCISES, "military-2016", {}).message


def test_an_answer_cell_that_only_shows_the_map_is_watched_too(fresh_cell_history):
    exercises.record_cell_run("folium.CircleMarker((sochi.lat, sochi.lon)).add_to(summit_map)\nsummit_map",
                              NameError("name 'sochi' is not defined"))
    message = check_in_namespace(start.EXERCISES, "may-meeting", {"summit_map": start.summit_map_with()}).message
    assert "NameError" in message and "Run All Above Selected Cell" in message


def test_a_corrected_answer_cell_clears_the_error(fresh_cell_history):
    exercises.record_cell_run("nosappu_to_kaigara_km = oops", NameError("name 'oops' is not defined"))
    exercises.record_cell_run("nosappu_to_kaigara_km = 3.55", None)
    answer = {"nosappu_to_kaigara_km": kurils_map.expected_distance_km()}
    feedback = check_in_namespace(kurils_map.EXERCISES, "distance", answer)
    assert feedback.correct


def test_a_data_problem_is_not_blamed_on_a_right_answer(monkeypatch, data_copy):
    events = data_copy / "events.csv"
    events.write_text("".join(line for line in events.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.startswith("1956-joint-declaration-enters-into-force")), encoding="utf-8")
    monkeypatch.setattr(common, "load_table", lambda name: load_table(name, data_dir=data_copy))
    feedback = feedback_for(EXERCISES["war-ended"], "1956-12-12")
    assert "kit's data" in feedback.message and "may well be right" in feedback.message
    assert "I could not read" not in feedback.message


def test_unknown_exercise_name_lists_the_real_ones():
    feedback = check_in_namespace(kurils_map.EXERCISES, "distanse", {})
    assert "distance" in feedback.message and "treaty-layer" in feedback.message


def test_check_reads_the_callers_variables(fresh_cell_history):
    nosappu_to_kaigara_km = kurils_map.expected_distance_km()  # noqa: F841 (read by check through the caller's frame)
    assert kurils_map.check("distance").correct is False  # a local is not a notebook global
    globals()["nosappu_to_kaigara_km"] = kurils_map.expected_distance_km()
    try:
        assert kurils_map.check("distance").correct
    finally:
        del globals()["nosappu_to_kaigara_km"]


def test_feedback_shows_as_text_and_as_html_with_code_not_backticks():
    feedback = judge("war-ended", ...)
    assert repr(feedback).startswith("Not yet: ")
    html = feedback._repr_html_()
    assert "Not yet" in html and "<script" not in html
    assert "`" not in html and "<code>war_ended_on</code>" in html


def test_dates_of_every_form_are_read():
    assert kurils_history.as_date(datetime.date(1956, 12, 12)) == pd.Timestamp("1956-12-12")




def test_lesson_07_deciding_rows_are_among_each_claims_evidence():
    claims = load_table("claims").set_index("id")
    for claim, rows in fact_check.DECIDING.items():
        assert set(rows) <= set(claims.at[claim, "evidence"].split(";")), claim
