"""Exercise checks: right answers pass, typical wrong answers get their own message, nothing raises."""
import datetime

import folium
import numpy as np
import pandas as pd
import pytest

from lessonkit import exercises
from lessonkit.checks import cold_war_borders, common, far_east, kurils_history, kurils_map, pacific_signals, philippines
from lessonkit.checks import capstone, fact_check, new_cold_war, start, what_next
from lessonkit.checks.far_east import expected_lng_change, expected_route, expected_times_as_many
from lessonkit.checks.cold_war_borders import expected_capitals_in_reach, expected_deal_days, expected_hmeimim_km
from lessonkit.checks.kurils_history import expected_agreement_order, expected_island_names
from lessonkit.checks.kurils_map import expected_distance_km, expected_years_at_war
from lessonkit.checks.pacific_signals import expected_cam_ranh_km, expected_reach, round_trip_km
from lessonkit.data import load_geojson, load_table
from lessonkit.exercises import Feedback, check_in_namespace, feedback_for
from lessonkit.maps import base_map

MODULES = [start, cold_war_borders, far_east, kurils_history, kurils_map, pacific_signals, philippines,
           new_cold_war, fact_check, what_next, capstone]
EXERCISES = {name: exercise for module in MODULES for name, exercise in module.EXERCISES.items()}


def judge(name, answer) -> Feedback:
    return feedback_for(EXERCISES[name], answer)


def test_exercise_names_are_unique_across_lessons():
    assert len(EXERCISES) == sum(len(module.EXERCISES) for module in MODULES)


def kurils_map_with(*line_ids, layer=folium.GeoJson) -> folium.Map:
    fmap = base_map(location=(45.5, 148.5), zoom_start=5)
    features = [f for f in load_geojson("treaty-lines")["features"] if f["properties"]["id"] in line_ids]
    layer({"type": "FeatureCollection", "features": features}).add_to(fmap)
    return fmap


def one_line_map(line_id) -> folium.Map:
    fmap = base_map(location=(45.5, 148.5), zoom_start=5)
    feature = next(f for f in load_geojson("treaty-lines")["features"] if f["properties"]["id"] == line_id)
    folium.GeoJson(feature, name="my layer").add_to(fmap)
    return fmap


def summit_map(*points) -> folium.Map:
    fmap = base_map(location=(39, 136), zoom_start=4.5, land_layer="asia-pacific-land")
    for place_id in ["vladivostok", "nagato", "tokyo"]:
        place = load_table("places").set_index("id").loc[place_id]
        folium.CircleMarker((place.lat, place.lon)).add_to(fmap)
    for point in points:
        folium.CircleMarker(point).add_to(fmap)
    return fmap


CAM_RANH_KM = expected_cam_ranh_km()
UKRAINKA_LAT, UKRAINKA_LON, REACH_M = expected_reach()
CAM_RANH = tuple(load_table("places").set_index("id").loc["cam-ranh-bay", ["lat", "lon"]])


def reach_map_with(centre=(UKRAINKA_LAT, UKRAINKA_LON), radius=REACH_M, layer=folium.Circle) -> folium.Map:
    """Exercise 3's fresh map as the answer cell makes it (Ukrainka and Andersen as small circle markers), plus one
    circle; radius=None adds no circle."""
    fmap = base_map((30, 137), zoom_start=2.75, land_layer="asia-pacific-land", height_px=400)
    for place_id in ["ukrainka-air-base", "andersen-afb"]:
        place = load_table("places").set_index("id").loc[place_id]
        folium.CircleMarker((place.lat, place.lon), radius=6).add_to(fmap)
    if radius is not None:
        layer(centre, radius=radius).add_to(fmap)
    return fmap


RIGHT_ANSWERS_04 = {
    "cam-ranh-distance": [CAM_RANH_KM, np.float64(CAM_RANH_KM), pd.Series([CAM_RANH_KM]), round(CAM_RANH_KM)],
    "needs-refuelling": [False, np.bool_(False), pd.Series([False]), [False]],
    "reach-circle": [reach_map_with(), reach_map_with(radius=REACH_M * 1.01)],
}

WRONG_ANSWERS_04 = {
    "cam-ranh-distance": [(CAM_RANH_KM * 1000, "metres"), (CAM_RANH_KM / 1.609344, "miles"), (35.6, "degrees"),
                          (1236.0, "Subic Bay"), (5000.0, "Not quite"), ("3876 km", "text")],
    "needs-refuelling": [(True, "Not by the figures"), ("False", "without quotes"),
                         (round_trip_km(), "True or False"), ("maybe", "not text")],
    "reach-circle": [(reach_map_with(radius=None), "no circle yet"),
                     (reach_map_with(radius=REACH_M * 2), "whole range"),
                     (reach_map_with(radius=REACH_M / 1000), "metres"),
                     (reach_map_with(centre=(UKRAINKA_LON, UKRAINKA_LAT)), "swapped"),
                     (reach_map_with(centre=CAM_RANH), "Cam Ranh Bay"),
                     (reach_map_with(radius=2_200_000), "Tu-22M3"),
                     (reach_map_with(radius=60, layer=folium.CircleMarker), "screen pixels"),
                     (42, "should be a folium map")],
}


HMEIMIM_KM = expected_hmeimim_km()
IN_REACH = sorted(expected_capitals_in_reach())
DEAL_DAYS = expected_deal_days()

RIGHT_ANSWERS_01 = {
    "hmeimim-distance": [HMEIMIM_KM, np.float64(HMEIMIM_KM), pd.Series([HMEIMIM_KM]), round(HMEIMIM_KM)],
    "capitals-in-reach": [IN_REACH, IN_REACH[::-1], set(IN_REACH), pd.Series(IN_REACH), np.array(IN_REACH),
                          [capital.capitalize() for capital in IN_REACH]],
    "deal-days": [DEAL_DAYS, np.int64(DEAL_DAYS), pd.Timedelta(days=DEAL_DAYS), float(DEAL_DAYS)],
}

WRONG_ANSWERS_01 = {
    "hmeimim-distance": [(HMEIMIM_KM * 1000, "metres"), (HMEIMIM_KM / 1.609344, "miles"), (12.0, "degrees"),
                         (310, "Kaliningrad to Vilnius"), (common.km_between("tartus", "sochi"), "Tartus")],
    "capitals-in-reach": [(IN_REACH + ["stockholm"], "Stockholm is about"), (IN_REACH[:1], "You have 1 of the 3"),
                          ("vilnius", "not a single text"), (["vilnius", "berlin"], "'berlin' is not one"),
                          (3, "type int")],
    "deal-days": [(DEAL_DAYS + 1, "One too many"), (-DEAL_DAYS, "negative"), (21, "truce took effect"),
                  (pd.Timestamp("2016-10-03"), "That is a date"), (30, "Not quite")],
}

TIMES_AS_MANY = expected_times_as_many()
LNG_CHANGE = expected_lng_change()
PLANT, TOKYO = expected_route()


def route_map_with(*points, layer=folium.PolyLine) -> folium.Map:
    """Exercise 3's fresh map as the answer cell makes it (the plant and Tokyo as circle markers), plus a line."""
    fmap = base_map((41, 141), zoom_start=4.5, land_layer="asia-pacific-land", height_px=380)
    for end in (PLANT, TOKYO):
        folium.CircleMarker(end, radius=6).add_to(fmap)
    if points:
        layer(list(points)).add_to(fmap)
    return fmap


RIGHT_ANSWERS_02 = {
    "population-ratio": [TIMES_AS_MANY, np.float64(TIMES_AS_MANY), round(TIMES_AS_MANY, 1), pd.Series([TIMES_AS_MANY])],
    "lng-change": [LNG_CHANGE, 0.5, np.float64(LNG_CHANGE), pd.Series([LNG_CHANGE])],
    "lng-route": [route_map_with(PLANT, TOKYO), route_map_with(TOKYO, PLANT), route_map_with(PLANT, (40, 142), TOKYO)],
}

WRONG_ANSWERS_02 = {
    "population-ratio": [(1 / TIMES_AS_MANY, "Divide the other way"), (4.0, "one province only"),
                         (98_514_948, "population itself"), ("12", "Give one number"), (20, "Not quite")],
    "lng-change": [(-LNG_CHANGE, "wrong sign"), (LNG_CHANGE / 8.8 * 100, "percent change"), (-0.2, "compares 2024"),
                   (3, "Not quite"), ("0.5", "Give one number")],
    "lng-route": [(route_map_with(), "no line yet"), (route_map_with(PLANT[::-1], TOKYO[::-1]), "swapped"),
                  (route_map_with((43.1, 131.9), TOKYO), "Prigorodnoye"), (route_map_with(PLANT, (43.1, 131.9)), "Tokyo"),
                  (route_map_with(PLANT, TOKYO, layer=lambda points: folium.CircleMarker(points[0])), "no line yet"), ([PLANT, TOKYO], "folium map")],
}

TOWARD = philippines.expected_toward_allies()

RIGHT_ANSWERS_05 = {
    "award-findings": [["A", "C", "E"], ["e", "a", "c"], "ACE", "A, C, E", ("A", "C", "E"), pd.Series(["A", "C", "E"])],
    "nearer-shoal": ["mischief-reef", "Mischief Reef", " mischief-reef "],
    "toward-allies": [TOWARD, TOWARD[::-1], set(TOWARD), pd.Series(TOWARD)],
}

WRONG_ANSWERS_05 = {
    "award-findings": [(["A", "B", "C", "E"], "Not B"), (["A", "C", "D", "E"], "Not D"), (["A", "C"], "1 more"),
                       (["A", "Z"], "'Z' is not one"), (3, "list of letters")],
    "nearer-shoal": [("edca-antonio-bautista-air-base", "Is the other place nearer"), ("hainan", "not one of the two"),
                     (42.0, "type float")],
    "toward-allies": [(TOWARD + ["2016-duterte-ends-joint-patrols"], "a step away"), (TOWARD[:2], "2 of the 3"),
                      (["2016-duterte-visits-moscow"], "not one of the six"), ("2023-four-new-edca-sites", "list")],
}

CUT = new_cold_war.expected_agreements_cut()
GROWTH = new_cold_war.expected_growth()
COUNTER = "The arms-control agreements the old Cold War built have been cut one by one since 2016, like the old rivalry."
CASE = {"position": "new-cold-war", "evidence": ["trade-us-china-2024", "2024-russia-north-korea-treaty-in-force"],
        "counter": COUNTER}

RIGHT_ANSWERS_06 = {
    "agreements-cut": [CUT, np.int64(CUT), float(CUT)],
    "russia-china-growth": [GROWTH, round(GROWTH, 1), np.float64(GROWTH)],
    "my-case": [CASE, {**CASE, "position": "not-a-cold-war", "evidence": ("westad-2018-has-a-new-cold-war-really-begun",
                                                                          "2019-inf-withdrawal-effective")}],
}

WRONG_ANSWERS_06 = {
    "agreements-cut": [(int((new_cold_war.arms_control_events()["date"].dt.year >= 2016).sum()), "counts events"), (len(new_cold_war.AGREEMENT_OF) - 4, "Not quite"), (CUT + 1, "Not quite"),
                       ("5", "whole number")],
    "russia-china-growth": [(1 / GROWTH, "2016 divided by 2024"), ((GROWTH - 1) * 100, "per cent"),
                            (688.3 / 519.6, "US-China"), (10, "Not quite")],
    "my-case": [({**CASE, "position": "hot war"}, "should be one of"), ({**CASE, "evidence": ["trade-us-china-2024"]},
                 "at least two"), ({**CASE, "evidence": ["trade-us-china-2024", "made-up-id"]}, "'made-up-id' is not"),
                ({**CASE, "evidence": ["lind-2018-cold-war-ii", "lucas-2008-the-new-cold-war"]}, "scholars' opinions"),
                ({**CASE, "counter": "No."}, "at least 12 words"), ({"position": "new-cold-war"}, "no 'evidence'"),
                ({**CASE, "position": ...}, "Replace each"), ("new-cold-war", "dictionary")],
}

YEARS_TO_HALT = what_next.expected_years_to_halt()
MOVES_08 = what_next.expected_military_moves()
GRADES = what_next.expected_grades()

RIGHT_ANSWERS_08 = {
    "years-to-halt": [YEARS_TO_HALT, round(YEARS_TO_HALT, 1), np.float64(YEARS_TO_HALT)],
    "military-moves": [MOVES_08, np.int64(MOVES_08), float(MOVES_08)],
    "my-grades": [GRADES, dict(reversed(list(GRADES.items())))],
}

WRONG_ANSWERS_08 = {
    "years-to-halt": [(-YEARS_TO_HALT, "negative"), (YEARS_TO_HALT * 365.25, "days"), (5, "whole number of years"),
                      (pd.Timedelta(days=1972), "Timedelta"), (2.0, "Not quite")],
    "military-moves": [(MOVES_08 + 1, "Not quite"), (load_table("events").head(MOVES_08), "table of"),
                       ("five", "whole number")],
    "my-grades": [({**GRADES, "bear-fruit": "held"}, "grades 'bear-fruit' differently"),
                  ({**GRADES, "cam-ranh-return": ...}, "has no grade yet"), ({**GRADES, "bear-fruit": "maybe"},
                  "not a grade"), (["did-not-hold"], "dictionary")],
}

CHECKABLE = fact_check.expected_checkable()
TREATIES = {"verdict": "partly-accurate", "evidence": fact_check.DECIDING["nuclear-treaties-abrogated"]}
STATE_OF_WAR = {"verdict": "inaccurate", "evidence": fact_check.DECIDING["technical-state-of-war"]}

RIGHT_ANSWERS_07 = {
    "checkable": [CHECKABLE, CHECKABLE[::-1], set(CHECKABLE), pd.Series(CHECKABLE)],
    "nuclear-treaties": [TREATIES, {**TREATIES, "evidence": [*TREATIES["evidence"], "2000-plutonium-agreement-signed"]}],
    "state-of-war": [STATE_OF_WAR, {**STATE_OF_WAR, "evidence": ("1956-soviet-japanese-joint-declaration",
                                                                 "1956-joint-declaration-enters-into-force")}],
}

WRONG_ANSWERS_07 = {
    "checkable": [([*CHECKABLE, "most-important-region"], "an opinion"), ([*CHECKABLE, "persistence-may-bear-fruit"],
                  "a forecast"), (CHECKABLE[:1], "1 of the 2"), (["made-up"], "not one of the five"), ("korean-ceasefire",
                  "list of claim ids")],
    "nuclear-treaties": [({**TREATIES, "verdict": "accurate"}, "differs"), ({**TREATIES, "evidence": TREATIES["evidence"][:1]},
                         "lacks"), ({**TREATIES, "verdict": "true"}, "not a verdict"), ({**TREATIES, "evidence": ["x"]},
                         "not an event id"), ({"verdict": ..., "evidence": [...]}, "Replace each")],
    "state-of-war": [({**STATE_OF_WAR, "verdict": "accurate"}, "differs"), ({**STATE_OF_WAR, "evidence": [
                     "1945-soviet-declaration-of-war-on-japan"]}, "lacks"), ("inaccurate", "dictionary")],
}

KNOWN_THEN = capstone.expected_known()
SPEAKERS = capstone.expected_speakers()
MEMO = ("Recommendation: seek talks on joint economic activities on the four islands under a special framework. "
        + ("Japan offered the eight-point plan in May (2016-abe-eight-point-plan) and wants access without conceding "
           "anything. ") * 8)
MEMO_ANSWER = {"role": "japan", "memo": MEMO}

RIGHT_ANSWERS_09 = {
    "known-then": [KNOWN_THEN, KNOWN_THEN[::-1], set(KNOWN_THEN), pd.Series(KNOWN_THEN)],
    "who-said-it": [SPEAKERS, {key: value.lower() for key, value in SPEAKERS.items()}],
    "position-memo": [MEMO_ANSWER, {**MEMO_ANSWER, "role": "russia"}],
}

WRONG_ANSWERS_09 = {
    "known-then": [([*KNOWN_THEN, "2018-singapore-agreement"], "after the decision date"), (KNOWN_THEN[:1], "1 of the 2"),
                   (["2016-made-up"], "not one of the five"), ("2016-abe-eight-point-plan", "list of event ids")],
    "who-said-it": [({**SPEAKERS, "scs-arbitration-chn-mfa": "PHL"}, "Not PHL"), ({**SPEAKERS, "scs-arbitration-chn-mfa":
                    "TWN"}, "not one of the codes"), ({**SPEAKERS, "russian-far-east-cooperation-jpn": ...}, "no country yet"),
                    ("RUS", "dictionary")],
    "position-memo": [({**MEMO_ANSWER, "memo": "Too short."}, "2 words"), ({**MEMO_ANSWER, "role": "vietnam"}, "not a role"),
                      ({**MEMO_ANSWER, "memo": MEMO + " 2018-singapore-agreement"}, "after 14 December 2016"),
                      ({**MEMO_ANSWER, "memo": MEMO.replace("2016-abe-eight-point-plan", "the plan")}, "Cite at least"),
                      ({"role": ..., "memo": ...}, "Replace each"), ("memo", "dictionary")],
}


MOSCOW = tuple(load_table("places").set_index("id").loc["moscow", ["lat", "lon"]])
IN_FORCE = load_table("events").set_index("id").at["1956-joint-declaration-enters-into-force", "date"]
DISTANCE = expected_distance_km()
NAMES = {"択捉島": "Iturup", "Кунашир": "Kunashiri", "色丹島": "色丹島", "острова Хабомаи": "Habomai Islands"}

RIGHT_ANSWERS = {
    "article-year": [2016, "2016", 2016.0],
    "military-2016": [start.military_events(2016), np.int64(start.military_events(2016))],
    "moscow-marker": [summit_map(MOSCOW), summit_map((55.75, 37.62))],
    "island-names": [NAMES, {**NAMES, "択捉島": "Etorofu-tō", "色丹島": " shikotan island "},
                     {**NAMES, "択捉島": "Итуруп", "Кунашир": "Kunashiri-to", "острова Хабомаи": "Habomai Guntō"}],
    "agreement-order": [expected_agreement_order(), tuple(expected_agreement_order()), "BDEAC", "b, d, e, a, c"],
    "war-ended": [IN_FORCE, "1956-12-12", "12 December 1956", IN_FORCE.date(), pd.Series([IN_FORCE]),
                  load_table("events").query("id == '1956-joint-declaration-enters-into-force'")],
    "distance": [DISTANCE, np.float64(DISTANCE), pd.Series([DISTANCE]), [round(DISTANCE, 2)]],
    "treaty-layer": [one_line_map("1855-shimoda"), kurils_map_with("1855-shimoda")],
    "years-at-war": [expected_years_at_war(), 11.3, np.float64(expected_years_at_war())],
}

WRONG_ANSWERS = {
    "article-year": [(2017, "after the article"), (1956, "goes back to"), (2000, "citation")],
    "military-2016": [(start.events_in(2016), "every event of 2016"), (start.military_events(), "every year"),
                      (load_table("events").head(3), "table of 3 rows"), (0, "Both conditions")],
    "moscow-marker": [(summit_map(), "only the three"), (summit_map(MOSCOW[::-1]), "swapped"), (summit_map((37.6, 55.7)), "swapped"),
                      (summit_map((0, 0)), "not at Moscow"), (42, "should be a folium map")],
    "island-names": [({**NAMES, "択捉島": "Kunashir"}, "another of the four"), ({**NAMES, "色丹島": "Urup"}, "north of"),
                     ({"択捉島": "Iturup"}, "is missing"), ({**NAMES, "Кунашир": ...}, "still have no answer"),
                     ({**NAMES, "択捉島": "Atlantis"}, "I don't know"), (["Iturup"], "dictionary")],
    "agreement-order": [(["A", "B", "C", "D", "E"], "Position 1"), (["B", "D", "E", "C", "A"], "Position 4"),
                        (["B", "D", "E", "A"], "exactly once"), (["B", "D", "E", "A", "Z"], "Z is not one"),
                        (5, "list of text")],
    "war-ended": [("1956-10-19", "signed"), ("1945-09-02", "surrender"), ("1951-09-08", "did not sign"),
                  (1956, "not only the year"), ("1960-01-27", "No event"), ("soon", "one day"),
                  (load_table("events").query("date.dt.year == 1956"), "Keep only the row")],
    "distance": [(DISTANCE * 1000, "metres"), (DISTANCE / 1.609344, "miles"), (0.04, "degrees"),
                 (3.7, "Japan's government publishes"), (7.5, "Not quite"), ("3.6 km", "text")],
    "treaty-layer": [(base_map(location=(45.5, 148.5), zoom_start=5), "nothing on it yet"),
                     (one_line_map("1875-saint-petersburg"), "not the 1855 line"),
                     (kurils_map_with("1855-shimoda", "1905-portsmouth"), "more than the 1855 line"),
                     (kurils_map_with("1855-shimoda", layer=lambda data: folium.PolyLine([(45, 148), (46, 149)])),
                      "PolyLine"),
                     (kurils_map_with("1855-shimodda"), "check the spelling")],
    "years-at-war": [(71.2, "no peace treaty"), (-expected_years_at_war(), "negative"),
                     (expected_years_at_war() * 365.25, "days"), (pd.Timedelta(days=4144), "Timedelta"),
                     (3.0, "Not quite")],
}

RIGHT_ANSWERS.update(RIGHT_ANSWERS_01)
RIGHT_ANSWERS.update(RIGHT_ANSWERS_02)
RIGHT_ANSWERS.update(RIGHT_ANSWERS_04)
RIGHT_ANSWERS.update(RIGHT_ANSWERS_05)
RIGHT_ANSWERS.update(RIGHT_ANSWERS_06)
RIGHT_ANSWERS.update(RIGHT_ANSWERS_07)
RIGHT_ANSWERS.update(RIGHT_ANSWERS_08)
RIGHT_ANSWERS.update(RIGHT_ANSWERS_09)
WRONG_ANSWERS.update(WRONG_ANSWERS_01)
WRONG_ANSWERS.update(WRONG_ANSWERS_02)
WRONG_ANSWERS.update(WRONG_ANSWERS_04)
WRONG_ANSWERS.update(WRONG_ANSWERS_05)
WRONG_ANSWERS.update(WRONG_ANSWERS_06)
WRONG_ANSWERS.update(WRONG_ANSWERS_07)
WRONG_ANSWERS.update(WRONG_ANSWERS_08)
WRONG_ANSWERS.update(WRONG_ANSWERS_09)

BAD_INPUTS = [None, ..., "", "three point seven", [], [1, 2], {}, pd.DataFrame(), pd.Series(dtype=float),
              True, object(), float("nan"), np.array([]), ValueError("boom"), {"択捉島": None}, ["A", 1]]


def test_expected_answers_follow_the_data():
    assert 3.0 < expected_distance_km() < 4.5
    assert IN_FORCE == pd.Timestamp("1956-12-12")
    assert 11 < expected_years_at_war() < 11.6
    assert expected_agreement_order() == ["B", "D", "E", "A", "C"]
    assert set(expected_island_names().values()) == {"iturup-etorofu", "kunashir-kunashiri", "shikotan", "habomai"}


@pytest.mark.parametrize("name, answer", [(n, a) for n, answers in RIGHT_ANSWERS.items() for a in answers])
def test_right_answers_in_sensible_forms_pass(name, answer):
    feedback = judge(name, answer)
    assert feedback.correct, feedback.message


@pytest.mark.parametrize("name, answer, hint", [(n, a, h) for n, cases in WRONG_ANSWERS.items() for a, h in cases])
def test_typical_wrong_answers_get_their_own_message(name, answer, hint):
    feedback = judge(name, answer)
    assert not feedback.correct
    assert hint in feedback.message, feedback.message


@pytest.mark.parametrize("name", EXERCISES)
@pytest.mark.parametrize("answer", BAD_INPUTS, ids=lambda a: type(a).__name__)
def test_bad_input_gets_feedback_never_an_exception(name, answer):
    feedback = judge(name, answer)
    assert isinstance(feedback, Feedback) and not feedback.correct
    assert feedback.message and "Traceback" not in feedback.message
    assert not any(f" a {article_needs_an}" in feedback.message for article_needs_an in ["int", "object", "ndarray"])


def test_every_exercise_has_right_and_wrong_answer_cases():
    assert set(RIGHT_ANSWERS) == set(EXERCISES) == set(WRONG_ANSWERS)
    assert all(len(WRONG_ANSWERS[name]) >= 2 for name in EXERCISES)


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
    (NameError("name 'events' is not defined"), "Run the cells above"),
    (KeyError("moskow"), "not a column or id"),
])
def test_a_common_error_comes_with_advice(fresh_cell_history, error, advice):
    exercises.record_cell_run("military_2016 = len(events[...])", error)
    assert advice in check_in_namespace(start.EXERCISES, "military-2016", {}).message


def test_an_answer_cell_that_only_shows_the_map_is_watched_too(fresh_cell_history):
    exercises.record_cell_run("folium.CircleMarker((moscow.lat, moscow.lon)).add_to(summit_map)\nsummit_map",
                              NameError("name 'moscow' is not defined"))
    message = check_in_namespace(start.EXERCISES, "moscow-marker", {"summit_map": summit_map()}).message
    assert "NameError" in message and "Run the cells above" in message


def test_a_corrected_answer_cell_clears_the_error(fresh_cell_history):
    exercises.record_cell_run("nosappu_to_kaigara_km = oops", NameError("name 'oops' is not defined"))
    exercises.record_cell_run("nosappu_to_kaigara_km = 3.55", None)
    feedback = check_in_namespace(kurils_map.EXERCISES, "distance", {"nosappu_to_kaigara_km": DISTANCE})
    assert feedback.correct


def test_a_data_problem_is_not_blamed_on_a_right_answer(monkeypatch, data_copy):
    events = data_copy / "events.csv"
    events.write_text("".join(line for line in events.read_text(encoding="utf-8").splitlines(keepends=True)
                              if not line.startswith("1956-joint-declaration-enters-into-force")), encoding="utf-8")
    monkeypatch.setattr(common, "load_table", lambda name: load_table(name, data_dir=data_copy))
    feedback = judge("war-ended", "1956-12-12")
    assert "kit's data" in feedback.message and "may well be right" in feedback.message
    assert "I could not read" not in feedback.message


def test_unknown_exercise_name_lists_the_real_ones():
    feedback = check_in_namespace(kurils_map.EXERCISES, "distanse", {})
    assert "distance" in feedback.message and "treaty-layer" in feedback.message


def test_check_reads_the_callers_variables(fresh_cell_history):
    nosappu_to_kaigara_km = DISTANCE  # noqa: F841 (read by check through the caller's frame)
    assert kurils_map.check("distance").correct is False  # a local is not a notebook global
    globals()["nosappu_to_kaigara_km"] = DISTANCE
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


def test_agreement_order_names_the_item_out_of_place_without_giving_the_order():
    message = judge("agreement-order", ["D", "B", "E", "A", "C"]).message
    assert message.startswith("Position 1") and "D (" in message and "B, D" not in message


def test_dates_of_every_form_are_read():
    assert kurils_history.as_date(datetime.date(1956, 12, 12)) == IN_FORCE


def test_lesson_04_expected_answers_follow_the_data():
    assert 3800 < CAM_RANH_KM < 3950  # Cam Ranh Bay to Andersen AFB
    assert 8700 < round_trip_km() < 9000  # Ukrainka to Andersen AFB and back
    assert REACH_M == 7_500_000  # half the Tu-95MS's reported 15,000 km, in metres


def test_lesson_01_expected_answers_follow_the_data():
    assert 900 < HMEIMIM_KM < 1050  # Hmeimim to Sochi, across Turkey and the Black Sea
    assert IN_REACH == ["riga", "vilnius", "warsaw"]  # within the Iskander-M's reported range of Kaliningrad
    assert DEAL_DAYS == 24  # 9 September to 3 October 2016


def test_lesson_02_expected_answers_follow_the_data():
    assert 12.2 < TIMES_AS_MANY < 12.5  # Northeast China's three provinces (2020) for each person in the Far East (2021)
    assert abs(LNG_CHANGE - 0.5) < 1e-9  # 8.8 % in 2021 to 9.3 % in 2023


def test_an_answer_on_one_line_with_another_statement_is_still_found(fresh_cell_history):
    exercises.record_cell_run("times_as_many = northeast / far_east", NameError("name 'northeast' is not defined"))
    exercises.record_cell_run("far_east = 8_000_000; times_as_many = 98_500_000 / far_east", None)
    feedback = check_in_namespace(far_east.EXERCISES, "population-ratio", {"times_as_many": 98_500_000 / 7_975_762})
    assert feedback.correct, feedback.message


def test_a_method_stored_without_its_brackets_is_named():
    feedback = judge("population-ratio", pd.Series([1.0, 2.0]).sum)
    assert not feedback.correct and "`.sum()` rather than `.sum`" in feedback.message


def test_lesson_05_expected_answers_follow_the_data():
    assert philippines.expected_nearer() == "mischief-reef"
    assert 35 < common.km_between("second-thomas-shoal", "mischief-reef") < 50
    assert TOWARD == ["2023-four-new-edca-sites", "2023-ph-us-joint-patrols-begin", "2024-japan-philippines-raa-signed"]


def test_lesson_06_expected_answers_follow_the_data():
    assert CUT == 5  # INF, Open Skies, New START, the plutonium and the nuclear research agreements
    assert 3.4 < GROWTH < 3.6  # Russia-China trade, 2016 to 2024


def test_lesson_08_expected_answers_follow_the_data():
    assert 5.3 < YEARS_TO_HALT < 5.5  # 26 October 2016 to 21 March 2022
    assert MOVES_08 == 5


def test_lesson_07_deciding_rows_are_among_each_claims_evidence():
    claims = load_table("claims").set_index("id")
    for claim, rows in fact_check.DECIDING.items():
        assert set(rows) <= set(claims.at[claim, "evidence"].split(";")), claim
    assert CHECKABLE == ["korean-ceasefire", "nuclear-treaties-abrogated"]


def test_lesson_09_knows_only_what_happened_by_the_decision_date():
    assert KNOWN_THEN == ["2016-abe-eight-point-plan", "2016-coastal-missiles-etorofu-kunashiri"]
    assert SPEAKERS == {"kurils-sovereignty-rus-lavrov-2014": "RUS", "kurils-sovereignty-usa-state-2010-11-02": "USA",
                        "scs-arbitration-chn-mfa": "CHN", "russian-far-east-cooperation-jpn": "JPN"}
