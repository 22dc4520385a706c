"""Checks for lesson 03b, the Kuril Islands / Northern Territories: the map and the data.

Expected answers are computed from `data/`, so a corrected coordinate or date changes the answer with it.
"""

import folium
import numpy as np
import pandas as pd

from ..data import load_geojson
from ..exercises import Exercise, checker_for, correct, not_yet
from ..geo import EARTH_RADIUS_KM
from ..maps import base_map
from .common import (
    DAYS_PER_YEAR,
    event_date,
    km_between,
    near,
    number_forms,
    read_kilometres,
    read_years,
    unit_slip,
    years_slip,
)


def expected_distance_km() -> float:
    return km_between("cape-nosappu", "signalny-kaigara")


def judge_distance(answer: object, expected: float) -> object:
    value = read_kilometres(answer, "12.5")
    if not isinstance(value, float):
        return value
    if near(value, expected, 0.03):
        return correct(f"{value:.2f} km. Japan's government gives about 3.7 km, measured between slightly different "
                       "points: the islet is close enough to see from the cape.")
    if near(value, 3.7, 0.01):
        return not_yet("3.7 km is the figure Japan's government publishes. The exercise asks what the kit's own "
                       "coordinates give: compute it with haversine_km.")
    if slip := unit_slip(value, expected, 0.03):
        return slip
    if value < 0.2:
        return not_yet("That looks like a difference in degrees, not a distance. Pass the four coordinates to "
                       "haversine_km, which works on degrees.")
    return not_yet(f"Not quite: check that you used cape-nosappu and signalny-kaigara, latitude before longitude, "
                   f"and a radius of {EARTH_RADIUS_KM:,.0f} km.")


LINE_1855 = "1855-shimoda"


def expected_line_id() -> str:
    """The 1855 line's id, checked against the data so a renamed feature is reported as a data problem."""
    ids = {feature["properties"]["id"] for feature in load_geojson("treaty-lines")["features"]}
    if LINE_1855 not in ids:
        raise KeyError(f"data/geo/treaty-lines.geojson has no feature with id {LINE_1855!r}")
    return LINE_1855


def _added_layers(fmap: folium.Map) -> list:
    """What the learner added: every child of the map except the base map's land and tile layers."""
    return [child for child in fmap._children.values()
            if not isinstance(child, folium.TileLayer) and getattr(child, "layer_name", None) != "Land"]


def _line_ids(layer: folium.GeoJson) -> set[str]:
    features = [layer.data] if layer.data.get("type") == "Feature" else layer.data.get("features", [])
    return {feature.get("properties", {}).get("id") for feature in features}


def judge_treaty_layer(answer: object, expected: str) -> object:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`exercise_map` should be a folium map, but it holds a value of type {type(answer).__name__}. Run the answer "
                       "cell as given: its first line makes the map.")
    added = _added_layers(answer)
    if not added:
        return not_yet("The map has nothing on it yet but land. Add a folium.GeoJson layer and end that line "
                       "with .add_to(exercise_map).")
    geojson = [layer for layer in added if isinstance(layer, folium.GeoJson)]
    if not geojson:
        kinds = ", ".join(sorted({type(layer).__name__ for layer in added}))
        return not_yet(f"You added a {kinds}, which draws a shape of your own. The exercise asks for the 1855 line "
                       "from the data, as a folium.GeoJson layer of its feature.")
    ids = set().union(*(_line_ids(layer) for layer in geojson)) - {None}
    if expected not in ids:
        shown = f"the feature(s) {', '.join(sorted(ids))}" if ids else "no feature with an id"
        return not_yet(f"Your GeoJson layer holds {shown}, not the 1855 line. Keep the feature whose "
                       f"properties 'id' is '{expected}' (check the spelling).")
    if len(ids) > 1:
        return not_yet(f"Your layer holds more than the 1855 line. Keep only the feature whose id is "
                       f"'{expected}', so the map shows one line.")
    return correct("The 1855 line runs between Iturup/Etorofu and Urup: both sides agreed that the islands "
                   "south of it, the four now in dispute, were Japanese.")


WAR_DECLARED = "1945-soviet-declaration-of-war-on-japan"
WAR_ENDED = "1956-joint-declaration-enters-into-force"
DECLARATION_SIGNED = "1956-soviet-japanese-joint-declaration"
ARTICLE_DATE = pd.Timestamp("2016-10-26")
YEARS_TOLERANCE = 0.1  # about five weeks: 11 (1956 - 1945) and the signing (19 October 1956) both fall outside


def expected_years_at_war() -> float:
    return (event_date(WAR_ENDED) - event_date(WAR_DECLARED)).days / DAYS_PER_YEAR


def years_to_signing() -> float:
    return (event_date(DECLARATION_SIGNED) - event_date(WAR_DECLARED)).days / DAYS_PER_YEAR


def judge_years_at_war(answer: object, expected: float) -> object:
    value = read_years(answer)
    if not isinstance(value, float):
        return value
    if abs(value - expected) <= YEARS_TOLERANCE:
        return correct(f"About {expected:.1f} years, from {event_date(WAR_DECLARED):%B %Y} to "
                       f"{event_date(WAR_ENDED):%B %Y}. The article puts 'war' in "
                       "quotation marks: its 70+ years are the years without a peace treaty, not years of war.")
    if slip := years_slip(value, expected, YEARS_TOLERANCE):
        return slip
    declared, signed, ended = (event_date(WAR_DECLARED), event_date(DECLARATION_SIGNED), event_date(WAR_ENDED))
    if abs(value - years_to_signing()) <= 0.03:
        return not_yet(f"That runs to the signing of the Joint Declaration in Moscow on {signed.day} "
                       f"{signed:%B %Y}. A declaration ends the state of war when it comes into force, not when it "
                       f"is signed (lesson 03a): use the date of {WAR_ENDED!r}.")
    if abs(value - (ended.year - declared.year)) < 0.05:
        return not_yet(f"{ended.year - declared.year} is the years' numbers subtracted ({ended.year} − "
                       f"{declared.year}), not the dates: the war began in {declared:%B} and ended in {ended:%B}. "
                       "Subtract the two dates, then divide the days by 365.25, and keep the decimals.")
    without_treaty = (ARTICLE_DATE - declared).days / DAYS_PER_YEAR
    if abs(value - without_treaty) <= 1:
        return not_yet("That is the time from 1945 to the article: the years with no peace treaty, the article's "
                       "70+. The exercise asks how long the state of war lasted, until the Declaration came into "
                       "force.")
    return not_yet(f"Not quite. Subtract the date of {WAR_DECLARED!r} from the date of {WAR_ENDED!r}, "
                   "then turn the days into years.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

def lines_map(*line_ids, layer=folium.GeoJson) -> folium.Map:
    """The answer cell's fresh map with the named treaty lines added as one layer."""
    fmap = base_map(location=(45.5, 148.5), zoom_start=5)
    features = [f for f in load_geojson("treaty-lines")["features"] if f["properties"]["id"] in line_ids]
    layer({"type": "FeatureCollection", "features": features}).add_to(fmap)
    return fmap


def one_line_map(line_id: str) -> folium.Map:
    fmap = base_map(location=(45.5, 148.5), zoom_start=5)
    feature = next(f for f in load_geojson("treaty-lines")["features"] if f["properties"]["id"] == line_id)
    folium.GeoJson(feature, name="my layer").add_to(fmap)
    return fmap


def _wrong_layers() -> list:
    as_polyline = lambda data: folium.PolyLine([(45, 148), (46, 149)])  # noqa: E731
    return [(base_map(location=(45.5, 148.5), zoom_start=5), "nothing on it yet"),
            (one_line_map("1875-saint-petersburg"), "not the 1855 line"),
            (lines_map("1855-shimoda", "1905-portsmouth"), "more than the 1855 line"),
            (lines_map("1855-shimoda", layer=as_polyline), "PolyLine"),
            (lines_map("1855-shimodda"), "check the spelling")]


EXERCISES = {
    "distance": Exercise(
        "nosappu_to_kaigara_km", "a number of kilometres", expected_distance_km, judge_distance,
        giveaways=lambda: ["3.7 km", *number_forms(expected_distance_km(), "km"),
                           *number_forms(expected_distance_km(), "km", 2)],
        right=lambda: [expected_distance_km(), np.float64(expected_distance_km()), pd.Series([expected_distance_km()]),
                       [round(expected_distance_km(), 2)]],
        wrong=lambda: [(expected_distance_km() * 1000, "metres"), (expected_distance_km() / 1.609344, "miles"),
                       (0.04, "degrees"), (3.7, "Japan's government publishes"), (7.5, "Not quite"),
                       ("3.6 km", "text")]),
    "treaty-layer": Exercise(
        "exercise_map", "the folium map with the 1855 line added", expected_line_id, judge_treaty_layer,
        giveaways=lambda: [],
        right=lambda: [one_line_map("1855-shimoda"), lines_map("1855-shimoda")], wrong=_wrong_layers),
    "years-at-war": Exercise(
        "years_at_war", "a number of years", expected_years_at_war, judge_years_at_war,
        giveaways=lambda: ["eleven years", "about eleven", *number_forms(expected_years_at_war(), "years"),
                           *number_forms(expected_years_at_war(), "years", 2)],
        right=lambda: [expected_years_at_war(), 11.3, 11.4, np.float64(expected_years_at_war()),
                       pd.Series([expected_years_at_war()])],
        wrong=lambda: [(71.2, "no peace treaty"), (-expected_years_at_war(), "negative"),
                       (expected_years_at_war() * 365.25, "days"), (pd.Timedelta(days=4144), "Timedelta"),
                       (11, "1956 − 1945"), (11.0, "the dates"), (years_to_signing(), "signing"),
                       (round(years_to_signing(), 1), "19 October 1956"), (11.6, "Not quite"), (3.0, "Not quite")]),
}

check = checker_for(EXERCISES)
