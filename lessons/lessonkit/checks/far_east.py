"""Checks for lesson 02, why Russia matters to Japan: the Russian Far East.

Expected answers are computed from `data/`, so a corrected figure or coordinate changes the answer with it.
"""
import math
import re

import folium
import numpy as np
import pandas as pd

from ..exercises import Exercise, Feedback, checker_for, correct, not_yet
from ..geo import haversine_km
from ..maps import drawn_elements
from .common import figure_value, map_with, near, number_forms, place, read_number
from .manifest import LEAFLET_BLUE, OSM_LAYER, ChartShows, LessonShows, Manifest, MapShows, markers

# Exercise 1: how many people live in Northeast China for each person in the Russian Far East? -------------------

PROVINCES = ["pop-heilongjiang-2020", "pop-jilin-2020", "pop-liaoning-2020"]
FAR_EAST = "fefd-population-2021"


def expected_times_as_many() -> float:
    return sum(figure_value(province) for province in PROVINCES) / figure_value(FAR_EAST)


def one_decimal_forms(expected: float) -> list[float]:
    """The ratio as the task allows it: rounded to one decimal, or cut to one decimal (12.35 -> 12.4 or 12.3)."""
    return [round(expected, 1), math.floor(expected * 10) / 10]


def judge_times_as_many(answer: object, expected: float) -> Feedback:
    value = read_number(answer, "Give one number: Northeast China's population divided by the Far East's, such as "
                                "3.5.")
    if abs(value - expected) <= 0.005 or any(abs(value - form) < 1e-9 for form in one_decimal_forms(expected)):
        return correct(f"About {expected:.1f} people in Northeast China for each person in the Russian Far East. "
                       "The figures are a year apart (2020 and 2021), close enough for a comparison this large.")
    if value == 0:
        return not_yet("Your answer is 0: the rows you added up were none, so their sum is 0. In `.isin([...])`, "
                       "put the three provinces' ids in the list, in place of the `...`.")
    if value.is_integer() and 1 <= value < 1000:  # every whole number, the rounded answer too, gets this one reply
        return not_yet("Whole numbers are not checked, so this says nothing about whether yours is near: keep one "
                       "decimal. Store the result of the division as it is, or round it with "
                       "round(times_as_many, 1).")
    if near(value, 1 / expected, 0.02):
        return not_yet("That is the Far East divided by Northeast China. Divide the other way round: the three "
                       "provinces' total by the Far East's population.")
    for province in PROVINCES:
        if near(value, figure_value(province) / figure_value(FAR_EAST), 0.02):
            return not_yet("That uses one province only. Add up all three (Heilongjiang, Jilin and Liaoning) "
                           "before you divide.")
    if near(value, expected * figure_value(FAR_EAST), 0.02):
        return not_yet("That is Northeast China's population itself. Divide it by the Far East's population.")
    return not_yet("Not quite. Add up the three provinces' populations with .sum(), then divide by the value of "
                   f"{FAR_EAST!r}.")


# Exercise 2: did Russia's share of Japan's LNG fall after 2022? -------------------------------------------------

BEFORE, AFTER = "russia-share-japan-lng-2021", "russia-share-japan-lng-2023"


def expected_lng_change() -> float:
    return figure_value(AFTER) - figure_value(BEFORE)


def judge_lng_change(answer: object, expected: float) -> Feedback:
    value = read_number(answer, "Give one number of percentage points, such as -2.5.")
    if abs(value - expected) <= 0.05:
        return correct(f"{expected:+.1f} percentage points: Russia's share of Japan's LNG hardly moved "
                       f"({figure_value(BEFORE):g} % in 2021, {figure_value(AFTER):g} % in 2023). Both figures are "
                       "approximate and from different sources, so read it as 'about the same': Japan kept buying "
                       "Sakhalin LNG while it imported no Russian crude oil in fiscal 2023.")
    if abs(value + expected) <= 0.05:
        return not_yet("The right size but the wrong sign: subtract 2021's share from 2023's (later minus "
                       "earlier).")
    if abs(value - expected / figure_value(BEFORE) * 100) <= 0.5:
        return not_yet("That is a percent change of the share. The exercise asks for the difference in percentage "
                       "points: 2023's share minus 2021's.")
    if abs(value - (figure_value("russia-share-japan-lng-2024") - figure_value(BEFORE))) <= 0.05:
        return not_yet("That compares 2024 with 2021. The exercise asks for 2023 (`" + AFTER + "`).")
    return not_yet(f"Not quite. Take the value of {AFTER!r} minus the value of {BEFORE!r}.")


# Exercise 3: Sakhalin's LNG route to Japan as a line on a fresh map -----------------------------------------------

PLANT, PORT = "prigorodnoye", "tokyo"


def expected_route() -> tuple[tuple[float, float], tuple[float, float]]:
    return tuple((float(place(end).lat), float(place(end).lon)) for end in (PLANT, PORT))


def expected_route_km() -> float:
    plant, port = expected_route()
    return float(haversine_km(*plant, *port))


def _tooltip_numbers(line: folium.PolyLine) -> list[float]:
    """The numbers in the line's tooltip text, read with or without thousands separators. A number joined to a
    word ("Sakhalin-2", "LNG2") is part of a name, not a measure, and is not read."""
    texts = [element.text for element in drawn_elements(line) if isinstance(element, folium.Tooltip)]
    return [float(number.replace(",", "")) for text in texts
            for number in re.findall(r"(?<![\w-])\d[\d,]*(?:\.\d+)?", str(text))]


def judge_lng_route(answer: object, expected: tuple) -> Feedback:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`route_map` should be a folium map, but it holds a value of type {type(answer).__name__}. "
                       "Run the answer cell as given: its first line makes the map.")
    lines = [element for element in drawn_elements(answer) if isinstance(element, folium.PolyLine)]
    if not lines:
        return not_yet("The map has no line yet. Add a folium.PolyLine with a list of two (lat, lon) points, and "
                       "end that line with .add_to(route_map).")
    line = lines[-1]
    points = [tuple(float(value) for value in point) for point in line.locations]
    if len(points) < 2:
        return not_yet("A line needs two points: Prigorodnoye's (lat, lon) and Tokyo's.")
    plant, port = expected

    def at(point, target):
        return haversine_km(point[0], point[1], *target) < 1

    if any(at((lon, lat), plant) or at((lon, lat), port) for lat, lon in points):
        return not_yet("Your line's latitude and longitude are swapped: give each point as (lat, lon), "
                       "latitude first.")
    if not any(at(point, plant) for point in points):
        return not_yet("One end of the line should be the LNG plant at Prigorodnoye, at the coordinates of "
                       "`prigorodnoye` in the places table: (plant.lat, plant.lon).")
    if not any(at(point, port) for point in points):
        return not_yet("The other end should be Tokyo, at the coordinates of `tokyo` in the places table: "
                       "(tokyo.lat, tokyo.lon).")
    if len(points) > 2 or not all(at(point, plant) or at(point, port) for point in points):
        return not_yet("Draw the straight line of the task: two points only, the plant and Tokyo, from the places "
                       "table.")
    length = expected_route_km()
    numbers = _tooltip_numbers(line)
    if not numbers:
        return not_yet("The line is right; now give it a tooltip that states its length in km, computed with "
                       "haversine_km from the two places' coordinates: tooltip=f\"{round(route_km)} km\".")
    if len(numbers) > 1:  # a list of guesses would hold the right one: the tooltip must state one length
        return not_yet(f"The tooltip holds {len(numbers)} numbers; state one, the line's length: "
                       "tooltip=f\"{round(route_km)} km\", with route_km from haversine_km.")
    if abs(numbers[0] - length) <= 5:
        return correct(f"A straight line of about {length:,.0f} km from Sakhalin to Tokyo, with its length in the "
                       "tooltip. Real LNG carriers sail by sea to terminals across Japan, not over Hokkaido: the "
                       "line sketches where the gas goes, not the route.")
    vladivostok = place("vladivostok")
    if abs(numbers[0] - haversine_km(float(vladivostok.lat), float(vladivostok.lon), *port)) <= 5:
        return not_yet("The tooltip gives section 3's distance, Vladivostok to Tokyo. Compute this line's: "
                       "haversine_km with the plant's and Tokyo's coordinates.")
    return not_yet("The tooltip's number is not this line's length. Compute it with haversine_km(plant.lat, "
                   "plant.lon, tokyo.lat, tokyo.lon) and put the result, in km, in the tooltip's f-string.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

def route_map_with(*points, layer=folium.PolyLine, tooltip: object = "auto") -> folium.Map:
    """Exercise 3's fresh map as the answer cell makes it (the plant and Tokyo as circle markers), plus a line whose
    tooltip states its length (the right one unless another is given; None for no tooltip)."""
    fmap = map_with((41, 141), 4.5, circles=list(expected_route()), height_px=380)
    if points:
        text = f"{expected_route_km():,.0f} km" if tooltip == "auto" else tooltip
        if layer is folium.PolyLine:
            folium.PolyLine(list(points), tooltip=text).add_to(fmap)
        else:
            layer(list(points)).add_to(fmap)
    return fmap


def _route_examples() -> list:
    plant, tokyo = expected_route()
    km = expected_route_km()
    return [route_map_with(plant, tokyo), route_map_with(tokyo, plant),
            route_map_with(plant, tokyo, tooltip=f"Sakhalin LNG to Tokyo, {km:.0f} km"),
            route_map_with(plant, tokyo, tooltip=f"{km:.1f} km"),
            route_map_with(plant, tokyo, tooltip=f"Sakhalin-2 LNG to Tokyo: {km:,.0f} km")]


def _wrong_routes() -> list:
    plant, tokyo = expected_route()
    vladivostok = place("vladivostok")
    to_vladivostok = haversine_km(float(vladivostok.lat), float(vladivostok.lon), *tokyo)
    return [(route_map_with(), "no line yet"), (route_map_with(plant[::-1], tokyo[::-1]), "swapped"),
            (route_map_with((43.1, 131.9), tokyo), "Prigorodnoye"), (route_map_with(plant, (43.1, 131.9)), "Tokyo"),
            (route_map_with((plant[0] + 0.3, plant[1]), tokyo), "Prigorodnoye"),
            (route_map_with(plant, (40, 142), tokyo), "two points only"),
            (route_map_with(plant, tokyo, tooltip=None), "give it a tooltip"),
            (route_map_with(plant, tokyo, tooltip="Sakhalin LNG to Japan"), "give it a tooltip"),
            (route_map_with(plant, tokyo, tooltip=f"{to_vladivostok:.0f} km"), "section 3"),
            (route_map_with(plant, tokyo, tooltip="1,000 km"), "not this line's length"),
            (route_map_with(plant, tokyo, tooltip=" ".join(str(km) for km in range(1000, 1600, 10))), "state one"),
            (route_map_with(plant, tokyo, tooltip=f"{to_vladivostok:.0f} or {expected_route_km():.0f} km"),
             "state one"),
            (route_map_with(plant, tokyo, layer=lambda points: folium.CircleMarker(points[0])), "no line yet"),
            ([plant, tokyo], "folium map")]


EXERCISES = {
    "population-ratio": Exercise(
        "times_as_many", "a number", expected_times_as_many, judge_times_as_many,
        giveaways=lambda: sorted({*number_forms(expected_times_as_many(), "times"), f"{expected_times_as_many():.2f}",
                                  *number_forms(expected_times_as_many(), "people"),
                                  # the three provinces' total: with it, one division is left
                                  "98.5 million", "98.51 million", "98,514,948", "98514948"}),
        right=lambda: [expected_times_as_many(), np.float64(expected_times_as_many()),
                       *one_decimal_forms(expected_times_as_many()), round(expected_times_as_many(), 2),
                       pd.Series([expected_times_as_many()])],
        wrong=lambda: [(1 / expected_times_as_many(), "Divide the other way"), (3.99, "one province only"),
                       (98_514_948, "population itself"), ("12", "Give one number"), ("12.4", "Give one number"),
                       (round(expected_times_as_many()), "keep one decimal"), (12.0, "keep one decimal"),
                       (np.int64(12), "keep one decimal"), (3, "keep one decimal"),
                       (0.0, "the rows you added up were none"),
                       (13, "says nothing about whether"), (12.5, "Not quite"), (12.2, "Not quite"),
                       (12.36, "Not quite"), (20.5, "Not quite"), (11.5, "Not quite")]),
    "lng-change": Exercise(
        "lng_share_change", "a number of percentage points", expected_lng_change, judge_lng_change,
        giveaways=lambda: [f"{expected_lng_change():+.1f}", f"{expected_lng_change():.1f} percentage",
                           f"{expected_lng_change():.1f} points", f"{expected_lng_change():+.1f} points",
                           # the two shares it is computed from, as a learner would read them
                           *[f"{figure_value(share):g}{space}%" for share in (BEFORE, AFTER) for space in ("", " ")],
                           *[f"{figure_value(share):g} per cent" for share in (BEFORE, AFTER)]],
        right=lambda: [expected_lng_change(), round(expected_lng_change(), 1), np.float64(expected_lng_change()),
                       pd.Series([expected_lng_change()])],
        wrong=lambda: [(-expected_lng_change(), "wrong sign"), (expected_lng_change() / 8.8 * 100, "percent change"),
                       (-0.2, "compares 2024"), (3, "Not quite"), ("0.5", "Give one number")]),
    "lng-route": Exercise(
        "route_map", "the folium map with the line and its length added", expected_route, judge_lng_route,
        giveaways=lambda: number_forms(expected_route_km(), "km"), right=_route_examples, wrong=_wrong_routes),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..data import load_table
    from ..maps import AREA_COLOURS
    from ..style import OKABE_ITO
    district = {AREA_COLOURS[area].lower(): 1 for area in ["russian-far-east-2016", "fefd-2018-additions"]}
    cities = markers({OKABE_ITO["black"]: [  # cities and ports of the Far East, the Arctic and the 2018 additions
        "vladivostok", "nakhodka", "khabarovsk", "blagoveshchensk", "yuzhno-sakhalinsk", "prigorodnoye",
        "petropavlovsk-kamchatsky", "magadan", "pevek", "sabetta", "ulan-ude", "chita"]})
    figures = load_table("figures")
    populations = figures["id"].isin(["fefd-population-2021", "pop-heilongjiang-2020", "pop-jilin-2020",
                                      "pop-liaoning-2020", "pop-hokkaido-2020", "pop-japan-2020"])
    return LessonShows(
        maps=[MapShows(),  # step 1, the base map: land only
              MapShows(lines=district),  # step 2: the district in 2016 and the 2018 additions, one MultiPolygon each
              MapShows(markers=cities,  # steps 3 and 4: cities, two distances, the layer control
                       lines={**district, OKABE_ITO["vermillion"].lower(): 2},
                       layers=(OSM_LAYER, "Far Eastern Federal District, 2016 and 2018", "Cities and ports",
                               "Distances")),
              MapShows(markers=markers({LEAFLET_BLUE: ["prigorodnoye", "tokyo"]}))],  # exercise 3's fresh map
        charts=[ChartShows(1, int(populations.sum())),  # the Far East and its neighbours
                ChartShows(1, int(figures["id"].str.startswith("russia-share-japan-lng").sum()))])  # LNG by year


def _guide_keys() -> dict[str, list[str]]:
    return {"population-ratio": [f"**{expected_times_as_many():.2f}**", f"**{expected_times_as_many():.1f}**"],
            "lng-change": [f"**{expected_lng_change():+.1f}** percentage points"],
            "lng-route": [f"about **{expected_route_km():,.0f} km**"]}


MANIFEST = Manifest("02-russian-far-east", _shows, EXERCISES, _guide_keys,
                    taught=[".assign()", ".map()", ".str.startswith()", ".sum()", ".unique()", ".update_traces()", "/",
                            "folium.PolyLine", "list()", "|"])
