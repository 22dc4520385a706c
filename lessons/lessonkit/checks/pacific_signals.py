"""Checks for lesson 04, Russia's Pacific signals: Cam Ranh Bay and the bombers.

Expected answers are computed from `data/`, so a corrected coordinate or range changes the answer with it.
"""
import folium
import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Exercise, Feedback, checker_for, correct, not_yet, reading_part
from ..geo import haversine_km
from ..maps import drawn_elements
from .common import (
    figure_value,
    km_between,
    map_with,
    near,
    number_forms,
    place,
    read_kilometres,
    read_number,
    unit_slip,
)
from .manifest import LEAFLET_BLUE, ChartShows, LessonShows, Manifest, MapShows, markers

# Exercise 1: from Cam Ranh Bay to Andersen Air Force Base on Guam -----------------------------------------------

DISTANCE_TOLERANCE = 0.005  # about 19 km: the value haversine_km returns passes, a round guess of 3,900 km does not


def expected_cam_ranh_km() -> float:
    return km_between("cam-ranh-bay", "andersen-afb")


def judge_cam_ranh_distance(answer: object, expected: float) -> Feedback:
    value = read_kilometres(answer, "1234.5")
    if near(value, expected, DISTANCE_TOLERANCE):
        tu22 = figure_value("tu-22m3-combat-radius")
        return correct(f"From the kit's coordinates it is {expected:,.0f} km as the crow flies: well beyond the "
                       f"Tu-22M3's reported combat radius of {tu22:,.0f} km. On the map, Guam lies outside the orange "
                       "circle.")
    if slip := unit_slip(value, expected, 0.02):
        return slip
    if near(value, km_between("cam-ranh-bay", "subic-bay"), 0.02):
        return not_yet("That is the distance to Subic Bay, the example above. The exercise asks for Andersen Air "
                       "Force Base on Guam (`andersen-afb`).")
    if value < 60:
        return not_yet("That looks like a difference in degrees, not a distance. Pass the four coordinates to "
                       "haversine_km, which works on degrees.")
    return not_yet("Not quite: check that you used cam-ranh-bay and andersen-afb, gave haversine_km each place's "
                   "latitude before its longitude, and stored the number it returns rather than a rounded one.")


# Exercise 2: would a Tu-95MS need refuelling to fly from Ukrainka to Guam and back? ------------------------------
# The yes/no follows numbers the learner computes: the check wants the round trip in km first, then the margin (the
# range minus the round trip) and the yes/no together, judged as one: a wrong margin and a wrong yes/no get the same
# message, on the method, so the message never says which of the two is off. With a right margin a learner can still
# flip the yes/no on a second try: the instructor guide asks for the `margin_km < 0` line, not the word.

BOMBER_BASE, TARGET = "ukrainka-air-base", "andersen-afb"
TRIP_KEY, MARGIN_KEY, VERDICT_KEY = "round_trip_km", "margin_km", "needs_refuelling"
KEYS = (TRIP_KEY, MARGIN_KEY, VERDICT_KEY)
TRIP_TOLERANCE = 0.005  # about 45 km: a round trip rounded to 100 km passes, a guess of 9,000 km does not


def round_trip_km() -> float:
    return 2 * km_between(BOMBER_BASE, TARGET)


def expected_refuelling() -> dict:
    trip, reach = round_trip_km(), figure_value("tu-95ms-range")
    return {TRIP_KEY: trip, MARGIN_KEY: reach - trip, VERDICT_KEY: trip > reach}


def _as_bool(answer: object) -> bool | None:
    """The one True or False an answer holds (a bool, or a one-element list, array or Series of one), else None."""
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        return _as_bool(answer[0])
    if isinstance(answer, pd.Series) and len(answer) == 1:
        return _as_bool(answer.iloc[0])
    if isinstance(answer, np.ndarray) and answer.size == 1:
        return _as_bool(answer.item())
    return None


def _judge_round_trip(answer: object, expected_km: float) -> Feedback | None:
    """None when the round trip is right; else the feedback on it."""
    if answer is ...:
        return not_yet(f"`{TRIP_KEY}` has no answer yet: replace its `...` with the round trip in kilometres.")
    with reading_part(TRIP_KEY):
        value = read_kilometres(answer, "1234.5")
    if near(value, expected_km, TRIP_TOLERANCE):
        return None
    if near(value, expected_km / 2, 0.02):
        return not_yet(f"`{TRIP_KEY}` is the distance one way. The bomber has to come back: double it.")
    if slip := unit_slip(value, expected_km, 0.02):
        return not_yet(f"`{TRIP_KEY}`: {slip.message}")
    from_cam_ranh = 2 * km_between("cam-ranh-bay", TARGET)
    if near(value, from_cam_ranh, 0.02) or near(value, from_cam_ranh / 2, 0.02):
        return not_yet(f"`{TRIP_KEY}` starts at Cam Ranh Bay. The Tu-95s fly from their home base: use "
                       f"`{BOMBER_BASE}`.")
    if value < 200:
        return not_yet(f"`{TRIP_KEY}` looks like a difference in degrees, not a distance. Pass the four "
                       "coordinates to haversine_km, which works on degrees.")
    return not_yet(f"Not quite: `{TRIP_KEY}` should be twice the distance from {BOMBER_BASE} to {TARGET}, each "
                   "place's latitude before its longitude.")


NOT_FOLLOWING = (f"`{MARGIN_KEY}` or `{VERDICT_KEY}` does not follow from your round trip yet: both must come from "
                 f"your own numbers, not a guess. `{MARGIN_KEY}` is "
                 f"what the range leaves after the trip: `tu95_range_km - {TRIP_KEY}` (below zero if the trip is "
                 f"longer). `{VERDICT_KEY}` is True when that margin is below zero: let Python decide with "
                 f"`{MARGIN_KEY} < 0`.")


def _judge_margin_and_verdict(margin: object, verdict: object, expected: dict) -> Feedback | None:
    """None when both are right; else one message on the method for either (it never says which is wrong)."""
    if margin is ... or verdict is ...:
        name = MARGIN_KEY if margin is ... else VERDICT_KEY
        return not_yet(f"Your round trip is right. `{name}` has no answer yet: replace its `...`.")
    with reading_part(MARGIN_KEY):
        value = read_kilometres(margin, "6789.0", negative_ok=True)
    if isinstance(verdict, str):
        return not_yet(f"`{VERDICT_KEY}` is text. Store the comparison itself, True or False without quotes: "
                       "in quotes it is text, not a yes-or-no value.")
    decided = _as_bool(verdict)
    if decided is None:
        return not_yet(f"`{VERDICT_KEY}` should be True or False: the result of a comparison such as "
                       f"`{MARGIN_KEY} < 0`.")
    margin_right = abs(value - expected[MARGIN_KEY]) <= TRIP_TOLERANCE * expected[TRIP_KEY]
    if not margin_right or decided != expected[VERDICT_KEY]:
        return not_yet(NOT_FOLLOWING)
    return None


def judge_refuelling(answer: object, expected: dict) -> Feedback:
    if not isinstance(answer, dict) or not set(KEYS) <= set(answer):
        return not_yet("`refuelling` should be the dictionary the answer cell's last line makes, with "
                       f"`{TRIP_KEY}`, `{MARGIN_KEY}` and `{VERDICT_KEY}` in it: keep that line and fill in the "
                       "three above it.")
    if feedback := _judge_round_trip(answer[TRIP_KEY], expected[TRIP_KEY]):
        return feedback
    if feedback := _judge_margin_and_verdict(answer[MARGIN_KEY], answer[VERDICT_KEY], expected):
        return feedback
    trip, reach = expected[TRIP_KEY], figure_value("tu-95ms-range")
    verdict_word = "beyond" if expected[VERDICT_KEY] else "within"
    return correct(f"{expected[VERDICT_KEY]}: out and back is {trip:,.0f} km, {verdict_word} the reported "
                   f"{reach:,.0f} km (a margin of {expected[MARGIN_KEY]:,.0f} km; TASS's lower 11,000 km gives the "
                   "same answer). That is by straight-line distance and a best-case range: the straight line crosses "
                   "Honshu, so a real route is longer. Yet Russia said in 2015 that Il-78 tankers from Cam Ranh had "
                   "refuelled its Tu-95s in 2014: discussion question 4 asks what a range leaves out.")


# Exercise 3: the Tu-95MS's out-and-back reach as a circle on a fresh map -----------------------------------------

def expected_reach() -> tuple[float, float, float]:
    """The circle's centre (Ukrainka) and radius in metres: half the reported range, for a flight that comes back."""
    base = place(BOMBER_BASE)
    return float(base.lat), float(base.lon), figure_value("tu-95ms-range") / 2 * 1000


def _circles(fmap: folium.Map, kind: type) -> list:
    return [element for element in drawn_elements(fmap) if isinstance(element, kind)]


MAX_TRIES_ON_MAP = 3  # a wrong circle left in the cell above a right one is fine; a spread of guesses is not


def judge_reach_circle(answer: object, expected: tuple[float, float, float]) -> Feedback:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`reach_map` should be a folium map, but it holds a value of type {type(answer).__name__}. "
                       "Run the answer cell as given: its first line makes the map.")
    lat, lon, radius_m = expected
    circles = _circles(answer, folium.Circle)
    if not circles:
        if [marker for marker in _circles(answer, folium.CircleMarker) if marker.options.get("radius", 0) > 50]:
            return not_yet("A CircleMarker's radius is in screen pixels, so it stays the same size when you zoom. "
                           "Use folium.Circle, whose radius is in metres on the ground.")
        return not_yet("The map has no circle yet. Add a folium.Circle and end that line with .add_to(reach_map).")
    if any(circle.location is None for circle in circles):
        return not_yet("Your circle has no centre: give folium.Circle the place first, as in "
                       "folium.Circle((lat, lon), radius=...), with Ukrainka's latitude and longitude.")
    if any(isinstance(circle.options.get("radius"), str) for circle in circles):
        text = next(circle.options["radius"] for circle in circles if isinstance(circle.options.get("radius"), str))
        return not_yet(f"Your circle's radius is text ({text!r}). Give a number of metres, without quotes or a "
                       "unit: kilometres times 1000.")
    at_base = [circle for circle in circles
               if haversine_km(circle.location[0], circle.location[1], lat, lon) < 50]
    if not at_base:
        cam_ranh = tuple(place("cam-ranh-bay")[["lat", "lon"]])
        if any(haversine_km(circle.location[1], circle.location[0], lat, lon) < 50 for circle in circles):
            return not_yet("Your circle's latitude and longitude are swapped: give (lat, lon), latitude first.")
        if any(haversine_km(circle.location[0], circle.location[1], *cam_ranh) < 50 for circle in circles):
            return not_yet("Your circle is centred on Cam Ranh Bay. The bombers fly from their home base: centre it "
                           "on Ukrainka (`ukrainka-air-base`).")
        return not_yet("Your circle is not centred on Ukrainka. Use the coordinates of `ukrainka-air-base` from the "
                       "places table.")
    if len(at_base) > MAX_TRIES_ON_MAP:
        return not_yet(f"Your map has {len(at_base)} circles at Ukrainka. Keep one, with the radius the exercise "
                       "asks for, and delete the lines that draw the others.")
    radii = [float(circle.options.get("radius", 0)) for circle in at_base]
    if any(near(radius, radius_m, 0.02) for radius in radii):
        others = (" Your map also has other circles at Ukrainka: delete their lines, so it shows one reach."
                  if len(at_base) > 1 else "")
        return correct(f"A circle of {radius_m / 1000:,.0f} km around Ukrainka: Guam lies well inside it. It is "
                       "approximate twice over: the range is a best case, and Leaflet draws a round circle on a flat "
                       f"map, so far from its centre the true reach differs.{others}")
    radius = radii[-1]  # the latest circle the learner drew there
    if near(radius, radius_m * 2, 0.02):
        return not_yet("That is the whole range: how far the bomber could fly one way. To come back, it can fly "
                       "out only half as far. Halve the radius.")
    if near(radius, radius_m / 1000, 0.02) or near(radius, radius_m * 2 / 1000, 0.02):
        return not_yet("That looks like kilometres. folium.Circle takes its radius in metres: multiply by 1000.")
    if near(radius, figure_value("tu-22m3-combat-radius") * 1000, 0.02):
        return not_yet("That is the Tu-22M3's combat radius, from the map above. This circle is the Tu-95MS's: "
                       "half of its range from the figures table.")
    return not_yet("Not quite: the radius should be half the Tu-95MS's range from the figures table, in metres.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

def reach_map_with(centre: tuple[float, float] | None = None, radius: float | None = None,
                   layer=folium.Circle, add_circle: bool = True, in_group: bool = False,
                   tried_first: tuple[float, ...] = ()) -> folium.Map:
    """Exercise 3's fresh map as the answer cell makes it (Ukrainka and Andersen as small circle markers), plus one
    circle (at Ukrainka with the right radius unless told otherwise), on the map or `in_group`, a FeatureGroup;
    `tried_first` are the radii of circles at Ukrainka drawn before it, lines a learner left in the cell."""
    places = load_table("places").set_index("id").loc[["ukrainka-air-base", "andersen-afb"]]
    fmap = map_with((30, 137), 2.75, circles=list(zip(places.lat, places.lon, strict=True)), height_px=400)
    parent = folium.FeatureGroup(name="Tu-95MS reach").add_to(fmap) if in_group else fmap
    lat, lon, reach = expected_reach()
    for tried in tried_first:
        folium.Circle((lat, lon), radius=tried).add_to(parent)
    if add_circle:
        layer(centre or (lat, lon), radius=reach if radius is None else radius).add_to(parent)
    return fmap


# Exercise 4: "increased"? Fiscal 2015, the last full year before the article, against the mean of 2012-2014 -------
# The mean is judged first; the True/False only once the mean is right. Once it is, a wrong True/False gets one
# message on the method (compare fiscal 2015's value with your mean); a learner can still flip it on a second try,
# so the instructor guide asks for the comparison line, not the word.

MEAN_KEY, INCREASED_KEY = "mean_before", "increased"
BEFORE_YEARS, LATEST_YEAR = (2012, 2013, 2014), 2015
MEAN_TOLERANCE = 0.5  # scrambles: the values are whole numbers, so the mean rounded to a whole number passes and a
# mean of two of the years, or one year's value, does not


def _scrambles() -> pd.Series:
    figures = load_table("figures")
    rows = figures[figures["id"].str.startswith("jasdf-scrambles-russia-fy")]
    return rows.set_index(rows["year"].astype(int))["value"].astype(float)


def expected_trend() -> dict:
    values = _scrambles()
    mean = float(values.loc[list(BEFORE_YEARS)].mean())
    return {MEAN_KEY: mean, INCREASED_KEY: bool(values.loc[LATEST_YEAR] > mean)}


def _mean_of(years) -> float:
    return float(_scrambles().loc[list(years)].mean())


def _two_year_means() -> list[tuple[tuple[int, int], float]]:
    """The mean of each pair of the three years: a filter that kept two rows."""
    pairs = [(a, b) for i, a in enumerate(BEFORE_YEARS) for b in BEFORE_YEARS[i + 1:]]
    return [(pair, _mean_of(pair)) for pair in pairs]


def _close(value: float, target: float) -> bool:
    return abs(value - target) <= MEAN_TOLERANCE


TREND_NOT_FOLLOWING = (f"Your mean is right, but `{INCREASED_KEY}` does not follow from it. It must be the result "
                       f"of comparing fiscal {LATEST_YEAR}'s value with your `{MEAN_KEY}`, not a guess: write that "
                       f"comparison, `scrambles.set_index(\"year\").loc[{LATEST_YEAR}, \"value\"] > "
                       f"{MEAN_KEY}` (hint 2), and let Python decide True or False.")


def _judge_mean(value: float, expected: float) -> Feedback | None:
    """None when the mean is right; else the feedback on it (single values before means, so 288 is named as 2015's)."""
    if _close(value, expected):
        return None
    values = _scrambles()
    if _close(value, values.loc[LATEST_YEAR]):
        return not_yet(f"That is fiscal {LATEST_YEAR}'s value, the year you compare with the mean. `{MEAN_KEY}` "
                       f"is the average of fiscal {BEFORE_YEARS[0]} to {BEFORE_YEARS[-1]}.")
    if any(_close(value, values.loc[year]) for year in BEFORE_YEARS):
        return not_yet(f"That is one year's value, not a mean. Keep the rows of fiscal {BEFORE_YEARS[0]} to "
                       f"{BEFORE_YEARS[-1]} (three rows), then take `.mean()` of their `value` column.")
    # Exactly (code computes it exactly): 360, a rounded guess near the right 359, is not the two-year mean 360.5.
    if any(abs(value - mean) < 0.01 for _, mean in _two_year_means()):
        return not_yet(f"That is the mean of two years. Check your filter keeps all three rows, fiscal "
                       f"{BEFORE_YEARS[0]} to {BEFORE_YEARS[-1]}: `>=` and `<=` include both ends.")
    if _close(value, _mean_of((*BEFORE_YEARS, LATEST_YEAR))):
        return not_yet(f"That mean includes fiscal {LATEST_YEAR}, the year you compare with it. Keep fiscal "
                       f"{BEFORE_YEARS[0]} to {BEFORE_YEARS[-1]} only.")
    if _close(value, _mean_of(values.index)):
        return not_yet("That is the mean of every year in `scrambles`. Keep fiscal "
                       f"{BEFORE_YEARS[0]} to {BEFORE_YEARS[-1]} only: the years before the comparison.")
    if _close(value, values.loc[list(BEFORE_YEARS)].sum()):
        return not_yet("That is the sum of the three values. Divide by how many there are, or use `.mean()`.")
    return not_yet(f"Not quite: `{MEAN_KEY}` should be the average of the `value` column over fiscal "
                   f"{BEFORE_YEARS[0]} to {BEFORE_YEARS[-1]} (`year` from {BEFORE_YEARS[0]} to {BEFORE_YEARS[-1]}).")


def judge_trend(answer: object, expected: dict) -> Feedback:
    if not isinstance(answer, dict) or not {MEAN_KEY, INCREASED_KEY} <= set(answer):
        return not_yet("`trend` should be the dictionary the answer cell's last line makes, with "
                       f"`{MEAN_KEY}` and `{INCREASED_KEY}` in it: keep that line and fill in the two above it.")
    mean, verdict = answer[MEAN_KEY], answer[INCREASED_KEY]
    if mean is ... or verdict is ...:
        name = MEAN_KEY if mean is ... else INCREASED_KEY
        return not_yet(f"`{name}` has no answer yet: replace its `...`.")
    if isinstance(mean, str):
        return not_yet(f"`{MEAN_KEY}` is text. Store the number itself, without quotes.")
    value = read_number(mean, f"`{MEAN_KEY}` should be one number, the average of three values: `.mean()` gives it.")
    if feedback := _judge_mean(value, expected[MEAN_KEY]):
        return feedback
    if isinstance(verdict, str):
        return not_yet(f"`{INCREASED_KEY}` is text. Store the comparison itself, True or False without quotes.")
    decided = _as_bool(verdict)
    if decided is None:
        return not_yet(f"`{INCREASED_KEY}` should be True or False: the result of a comparison with `>`.")
    if decided != expected[INCREASED_KEY]:
        return not_yet(TREND_NOT_FOLLOWING)
    latest = _scrambles().loc[LATEST_YEAR]
    word = "above" if expected[INCREASED_KEY] else "below"
    return correct(f"{expected[INCREASED_KEY]}: fiscal {LATEST_YEAR}'s {latest:,.0f} scrambles lie {word} the "
                   f"{BEFORE_YEARS[0]}-{BEFORE_YEARS[-1]} mean of {expected[MEAN_KEY]:,.0f} (one of the three is "
                   "approximate): by full fiscal years, 2015 fell back from the 2014 peak. Half-years published before "
                   "the article point the other way (April-September 2016 up on 2015), and scrambles count every "
                   "Russian aircraft near Japan, not bombers near US bases: discussion question 2.")


def _trend(mean: object = None, increased: object = None) -> dict:
    expected = expected_trend()
    return {MEAN_KEY: expected[MEAN_KEY] if mean is None else mean,
            INCREASED_KEY: expected[INCREASED_KEY] if increased is None else increased}


def _wrong_circles() -> list:
    lat, lon, reach = expected_reach()
    cam_ranh = tuple(load_table("places").set_index("id").loc["cam-ranh-bay", ["lat", "lon"]])
    spread = tuple(reach * share for share in (0.6, 0.8, 1.2))
    return [(reach_map_with(add_circle=False), "no circle yet"), (reach_map_with(radius=reach * 2), "whole range"),
            (reach_map_with(add_circle=False, in_group=True), "no circle yet"),
            (reach_map_with(radius=reach * 2, in_group=True), "whole range"),
            (reach_map_with(radius=reach / 1000), "metres"), (reach_map_with(centre=(lon, lat)), "swapped"),
            (reach_map_with(centre=cam_ranh), "Cam Ranh Bay"), (reach_map_with(radius=2_200_000), "Tu-22M3"),
            (reach_map_with(radius=reach * 2, tried_first=(reach * 0.7,)), "whole range"),
            (reach_map_with(tried_first=spread), "4 circles at Ukrainka"),
            (reach_map_with(radius=60, layer=folium.CircleMarker), "screen pixels"), (42, "should be a folium map"),
            (reach_map_with(radius=f"{reach / 1000:.0f} km"), "radius is text"),
            (_circle_without_centre(), "no centre")]


def _circle_without_centre() -> folium.Map:
    """A learner's folium.Circle(radius=...) with the centre left out (folium accepts it and draws nothing)."""
    fmap = reach_map_with(add_circle=False)
    folium.Circle(radius=expected_reach()[2]).add_to(fmap)
    return fmap


def _refuelling(trip: object = None, verdict: object = False, margin: object = None) -> dict:
    """Exercise 2's answer as the answer cell's last line gathers it (the right round trip and margin unless told
    otherwise; the margin follows the round trip given)."""
    trip = round_trip_km() if trip is None else trip
    if margin is None:
        margin = figure_value("tu-95ms-range") - trip if isinstance(trip, (int, float)) else 6000.0
    return {TRIP_KEY: trip, MARGIN_KEY: margin, VERDICT_KEY: verdict}


def _margin() -> float:
    return figure_value("tu-95ms-range") - round_trip_km()


EXERCISES = {
    "cam-ranh-distance": Exercise(
        "cam_ranh_to_andersen_km", "a number of kilometres", expected_cam_ranh_km, judge_cam_ranh_distance,
        giveaways=lambda: [*number_forms(expected_cam_ranh_km(), "km", 0), "3,880 km", "3,900 km", "3,880"],
        right=lambda: [expected_cam_ranh_km(), np.float64(expected_cam_ranh_km()), pd.Series([expected_cam_ranh_km()]),
                       round(expected_cam_ranh_km()), 3880],
        wrong=lambda: [(expected_cam_ranh_km() * 1000, "metres"), (expected_cam_ranh_km() / 1.609344, "miles"),
                       (35.6, "degrees"), (1236.0, "Subic Bay"), (5000.0, "Not quite"), ("3876 km", "text"),
                       (3900, "rounded"), (3800.0, "rounded")]),
    "needs-refuelling": Exercise(
        "refuelling", f"the dictionary of the answer cell, with `{TRIP_KEY}` and `{MARGIN_KEY}` (kilometres) and "
        f"`{VERDICT_KEY}` (True or False)", expected_refuelling, judge_refuelling,
        giveaways=lambda: [*number_forms(round_trip_km(), "km", 0), "8,870 km", "8,900 km", "8,870", "8,900",
                           *number_forms(round_trip_km() / 2, "km", 0), "4,430 km", "4,400 km", "4,430",
                           *number_forms(_margin(), "km", 0), "6,130 km", "6,100 km", "6,130",
                           "needs no refuelling"],
        right=lambda: [_refuelling(), _refuelling(np.float64(round_trip_km()), np.bool_(False)),
                       _refuelling(round(round_trip_km())), _refuelling(8900), _refuelling(8900, margin=6100),
                       _refuelling(verdict=pd.Series([False])), _refuelling(verdict=np.bool_(_margin() < 0))],
        wrong=lambda: [(_refuelling(verdict=True), "does not follow"), (_refuelling(round_trip_km() / 2), "one way"),
                       (_refuelling(margin=-_margin()), "does not follow"),
                       (_refuelling(margin=-_margin(), verdict=True), "does not follow"),
                       (_refuelling(margin=_margin() / 2), "does not follow"),
                       (_refuelling(round_trip_km() * 1000), "metres"), (_refuelling(verdict="False"), "is text"),
                       (_refuelling(...), "no answer yet"), (_refuelling(verdict=...), "no answer yet"),
                       (_refuelling(margin=...), "no answer yet"), (_refuelling(margin="6131"), "text"),
                       (_refuelling(2 * expected_cam_ranh_km()), "Cam Ranh Bay"), (_refuelling(5000.0), "Not quite"),
                       (_refuelling(9000.0), "Not quite"),
                       (_refuelling(verdict=round_trip_km()), "True or False"), (False, "dictionary"),
                       ({TRIP_KEY: round_trip_km(), VERDICT_KEY: False}, "dictionary"),
                       (_refuelling("8869 km"), "text")]),
    "reach-circle": Exercise(
        "reach_map", "the folium map with the Tu-95MS's circle added", expected_reach, judge_reach_circle,
        giveaways=lambda: [],
        right=lambda: [reach_map_with(), reach_map_with(radius=expected_reach()[2] * 1.01),
                       reach_map_with(in_group=True), reach_map_with(tried_first=(expected_reach()[2] * 2,)),
                       reach_map_with(in_group=True, tried_first=(2_200_000, expected_reach()[2] / 1000))],
        wrong=_wrong_circles),
    "scrambles-trend": Exercise(
        "trend", f"the dictionary of the answer cell, with `{MEAN_KEY}` (a number) and `{INCREASED_KEY}` (True or "
        "False)", expected_trend, judge_trend,
        giveaways=lambda: [*number_forms(expected_trend()[MEAN_KEY], "scrambles", 0),
                           f"{expected_trend()[MEAN_KEY]:.1f}", "below the mean", "above the mean"],
        right=lambda: [_trend(), _trend(np.float64(expected_trend()[MEAN_KEY])),
                       _trend(round(expected_trend()[MEAN_KEY])),
                       _trend(increased=np.bool_(expected_trend()[INCREASED_KEY])),
                       _trend(increased=pd.Series([expected_trend()[INCREASED_KEY]]))],
        wrong=lambda: [(_trend(increased=not expected_trend()[INCREASED_KEY]), "does not follow"),
                       (_trend(_mean_of((*BEFORE_YEARS, LATEST_YEAR))), "includes fiscal"),
                       (_trend(_mean_of(_scrambles().index)), "every year"),
                       (_trend(float(_scrambles().loc[list(BEFORE_YEARS)].sum())), "sum"),
                       (_trend(_scrambles().loc[2014]), "one year's value"),
                       (_trend(_scrambles().loc[2013]), "one year's value"),
                       (_trend(_scrambles().loc[LATEST_YEAR]), f"fiscal {LATEST_YEAR}'s value"),
                       *[(_trend(mean), "mean of two years") for _, mean in _two_year_means()],
                       (_trend(expected_trend()[MEAN_KEY] - 1), "Not quite"),
                       (_trend(_mean_of((2013, 2014, LATEST_YEAR))), "Not quite"),
                       (_trend("359"), "text"), (_trend(increased="False"), "text"),
                       (_trend(...), "no answer yet"), (_trend(increased=...), "no answer yet"),
                       (_trend(increased=359.0), "True or False"), (False, "dictionary"),
                       ({MEAN_KEY: expected_trend()[MEAN_KEY]}, "dictionary")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..style import OKABE_ITO
    from ..timelines import events_with_sources
    sea = markers({OKABE_ITO["vermillion"]: ["paracel-islands", "spratly-islands"],  # the sea and its bases
                   OKABE_ITO["blue"]: ["cam-ranh-bay", "subic-bay", "andersen-afb", "hainan"]})
    events = events_with_sources("pacific-signals")
    scrambles = load_table("figures").query("id.str.contains('jasdf-scrambles-russia')")
    return LessonShows(
        maps=[MapShows(),  # step 1, the base map: land only
              MapShows(markers=sea),  # step 2: the island groups and the ports and bases
              MapShows(markers={**sea, OKABE_ITO["orange"].lower(): 1}),  # step 3: the Tu-22M3 circle
              MapShows(markers=markers({LEAFLET_BLUE: ["ukrainka-air-base", "andersen-afb"]}))],  # exercise 3, fresh
        charts=[ChartShows(events["category"].nunique(), len(events)),  # one trace a kind of event
                # Japan's scrambles against Russian aircraft: one trace as reported, one for the approximate figures
                ChartShows(scrambles["approximate"].nunique(), len(scrambles))])


def _guide_keys() -> dict[str, list[str]]:
    refuelling, trend, reach = expected_refuelling(), expected_trend(), expected_reach()
    round_trip, tu95_range = refuelling["round_trip_km"], refuelling["round_trip_km"] + refuelling["margin_km"]
    return {"cam-ranh-distance": [f"{expected_cam_ranh_km():,.0f} km"],
            "needs-refuelling": [f"({round_trip:,.0f} km", f"({tu95_range:,.0f} − {round_trip:,.0f})",
                                 f"`needs_refuelling` **{refuelling['needs_refuelling']}**"],
            "reach-circle": [f"radius of {reach[2]:,.0f} m"],
            "scrambles-trend": [f"`mean_before` {trend['mean_before']:.0f}", f"`increased` **{trend['increased']}**"]}


MANIFEST = Manifest("04-cam-ranh-and-the-bombers", _shows, EXERCISES, _guide_keys,
                    taught=["<", ">", "bool()", ".mean()"])
