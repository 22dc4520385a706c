"""Exercise checks: right answers pass, typical wrong answers get their own message, nothing raises."""
import sys

import folium
import numpy as np
import pandas as pd
import pytest

from lessonkit.checks import kurils, start
from lessonkit.checks.kurils import expected_declaration_year, expected_distance_km, expected_largest_island
from lessonkit.data import load_geojson, load_table
from lessonkit.exercises import Feedback, check_in_namespace, feedback_for
from lessonkit.maps import base_map


EXERCISES = {**kurils.EXERCISES, **start.EXERCISES}  # every lesson's exercises; names are unique across lessons


def judge(name, answer) -> Feedback:
    return feedback_for(EXERCISES[name], answer)


def map_with_lines(*line_ids) -> folium.Map:
    fmap = base_map(location=(45.5, 148.5), zoom_start=5)
    features = [f for f in load_geojson("treaty-lines")["features"] if f["properties"]["id"] in line_ids]
    folium.GeoJson({"type": "FeatureCollection", "features": features}).add_to(fmap)
    return fmap


def one_line_map(line_id) -> folium.Map:
    fmap = base_map(location=(45.5, 148.5), zoom_start=5)
    feature = next(f for f in load_geojson("treaty-lines")["features"] if f["properties"]["id"] == line_id)
    folium.GeoJson(feature, name="my layer").add_to(fmap)
    return fmap


RIGHT_ANSWERS = {
    "distance": [expected_distance_km(), np.float64(expected_distance_km()), 3.7, pd.Series([3.6]), [3.65]],
    "declaration": [1956, "1956", np.int64(1956), pd.Timestamp("1956-10-19"),
                    load_table("events").query("id == '1956-soviet-japanese-joint-declaration'")],
    "largest-island": ["Iturup", "Etorofu", "択捉島", "Итуруп", " iturup island ", "area-etorofu-jp",
                       pd.Series(["Iturup/Etorofu"]), pd.Index(["area-etorofu-jp"])],
    "treaty-layer": [one_line_map("1855-shimoda"), map_with_lines("1855-shimoda")],
    "article-year": [2016, "2016", 2016.0],
}

WRONG_ANSWERS = {
    "distance": [(3600.0, "metres"), (2.25, "miles"), (0.04, "degrees"), (400.0, "np.radians"), (7.5, "a few")],
    "declaration": [(1951, "San Francisco"), (1993, "Tokyo Declaration"), (1960, "memorandum"),
                    (1946, "occupation directive"), (1990, "No event that year")],
    "largest-island": [("Kunashir", "not the largest"), ("国後島", "not the largest"), ("area-total-jp", "all four"),
                       ("Urup", "not one of the four"), (3168, "That is a number"), ("Atlantis", "I don't know")],
    "article-year": [(2017, "after the article"), (1956, "goes back to"), (2000, "citation")],
    "treaty-layer": [(base_map(location=(45.5, 148.5), zoom_start=5), "no treaty line yet"),
                     (one_line_map("1875-saint-petersburg"), "not the 1855 line"),
                     (map_with_lines("1855-shimoda", "1905-portsmouth"), "more than the 1855 line")],
}

BAD_INPUTS = [None, ..., "", "three point seven", [], [1, 2], {}, pd.DataFrame(), pd.Series(dtype=float),
              True, object(), float("nan"), np.array([]), ValueError("boom")]


def test_expected_answers_follow_the_data():
    assert 3.0 < expected_distance_km() < 4.5
    assert expected_declaration_year() == 1956
    assert expected_largest_island() == "iturup-etorofu"


@pytest.mark.parametrize("name, answer", [(n, a) for n, answers in RIGHT_ANSWERS.items() for a in answers])
def test_right_answers_in_sensible_forms_pass(name, answer):
    feedback = judge(name, answer)
    assert feedback.correct, feedback.message


@pytest.mark.parametrize("name, answer, hint", [(n, a, h) for n, cases in WRONG_ANSWERS.items() for a, h in cases])
def test_typical_wrong_answers_get_their_own_message(name, answer, hint):
    feedback = judge(name, answer)
    assert not feedback.correct
    assert hint in feedback.message


@pytest.mark.parametrize("name", EXERCISES)
@pytest.mark.parametrize("answer", BAD_INPUTS, ids=lambda a: type(a).__name__)
def test_bad_input_gets_feedback_never_an_exception(name, answer):
    feedback = judge(name, answer)
    assert isinstance(feedback, Feedback) and not feedback.correct
    assert feedback.message and "Traceback" not in feedback.message


def test_unanswered_exercise_says_what_to_replace():
    feedback = judge("distance", ...)
    assert "Replace the `...`" in feedback.message and "kilometres" in feedback.message


def test_missing_variable_points_back_to_the_answer_cell(monkeypatch):
    monkeypatch.delattr(sys, "last_value", raising=False)
    feedback = check_in_namespace(kurils.EXERCISES, "distance", {})
    assert "Run the answer cell" in feedback.message


def test_answer_cell_that_raised_is_named(monkeypatch):
    monkeypatch.setattr(sys, "last_value", NameError("name 'cape' is not defined"), raising=False)
    feedback = check_in_namespace(kurils.EXERCISES, "distance", {})
    assert "NameError: name 'cape' is not defined" in feedback.message


def test_every_exercise_has_right_and_wrong_answer_cases():
    assert set(RIGHT_ANSWERS) == set(EXERCISES)
    assert all(len(WRONG_ANSWERS[name]) >= 2 for name in EXERCISES)


def test_unknown_exercise_name_lists_the_real_ones():
    feedback = check_in_namespace(kurils.EXERCISES, "distanse", {})
    assert "distance" in feedback.message and "declaration" in feedback.message


def test_check_reads_the_callers_variables():
    nosappu_to_kaigara_km = expected_distance_km()  # noqa: F841 (read by check through the caller's frame)
    assert kurils.check("distance").correct is False  # a local is not a notebook global
    globals()["nosappu_to_kaigara_km"] = expected_distance_km()
    try:
        assert kurils.check("distance").correct
    finally:
        del globals()["nosappu_to_kaigara_km"]


def test_feedback_shows_as_text_and_as_html():
    feedback = judge("declaration", 1951)
    assert repr(feedback).startswith("Not yet: ")
    assert "Not yet" in feedback._repr_html_() and "<script" not in feedback._repr_html_()
