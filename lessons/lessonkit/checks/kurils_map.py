"""Checks for lesson 03b, the Kuril Islands / Northern Territories: the map and the data.

Expected answers are computed from `data/`, so a corrected coordinate or date changes the answer with it.
"""

import folium
import numpy as np
import pandas as pd

from ..data import load_geojson
from ..exercises import Exercise, Feedback, checker_for, correct, not_yet
from ..geo import EARTH_RADIUS_KM
from ..maps import base_map, drawn_elements, line_style, with_sources
from .common import (
    ARTICLE_DATE,
    DAYS_PER_YEAR,
    event_date,
    figure_value,
    km_between,
    near,
    number_forms,
    read_kilometres,
    read_years,
    unit_slip,
    years_slip,
)
from .manifest import OSM_LAYER, LessonShows, Manifest, MapShows, line_colours, markers

# The distance Japan's government publishes, measured between slightly different points than the kit's.
PUBLISHED_DISTANCE = "dist-nosappu-kaigara"


def expected_distance_km() -> float:
    return km_between("cape-nosappu", "signalny-kaigara")


def judge_distance(answer: object, expected: float) -> Feedback:
    value, published = read_kilometres(answer, "12.5"), figure_value(PUBLISHED_DISTANCE)
    if near(value, expected, 0.03):
        return correct(f"{value:.2f} km. Japan's government gives about {published:g} km, measured between slightly "
                       "different points: the islet is close enough to see from the cape.")
    if near(value, published, 0.01):
        return not_yet(f"{published:g} km is the figure Japan's government publishes. The exercise asks what the "
                       "kit's own coordinates give: compute it with haversine_km.")
    if slip := unit_slip(value, expected, 0.03):
        return slip
    if value < 0.2:
        return not_yet("That looks like a difference in degrees, not a distance. Pass the four coordinates to "
                       "haversine_km, which works on degrees.")
    return not_yet(f"Not quite: check that you used cape-nosappu and signalny-kaigara, latitude before longitude, "
                   f"and a radius of {EARTH_RADIUS_KM:,.0f} km.")


LINE_ASKED = "1875-saint-petersburg"


def expected_line() -> dict:
    """The asked line's feature in the data, so a renamed or redrawn feature is reported as a data problem."""
    for feature in load_geojson("treaty-lines")["features"]:
        if feature["properties"]["id"] == LINE_ASKED:
            return feature
    raise KeyError(f"data/geo/treaty-lines.geojson has no feature with id {LINE_ASKED!r}")


def _features(layer: folium.GeoJson) -> list[dict]:
    data = layer.data if isinstance(layer.data, dict) else {}
    features = [data] if data.get("type") == "Feature" else data.get("features", [])
    return [feature for feature in features if isinstance(feature, dict)]


def _feature_id(feature: dict) -> object:
    properties = feature.get("properties")
    return properties.get("id") if isinstance(properties, dict) else None


DRAWN = (folium.PolyLine, folium.Polygon, folium.Rectangle, folium.Circle, folium.CircleMarker, folium.Marker)


def judge_treaty_layer(answer: object, expected: dict) -> Feedback:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`exercise_map` should be a folium map, but it holds a value of type {type(answer).__name__}. "
                       "Run the answer cell as given: its first line makes the map.")
    added = list(drawn_elements(answer))
    layers = [element for element in added if isinstance(element, folium.GeoJson)]
    features = [feature for layer in layers for feature in _features(layer)]
    wanted = expected["properties"]["id"]
    if layers and not features:
        return not_yet(f"Your GeoJson layer holds no feature: did the id you kept match none in `lines`? Keep the "
                       f"feature whose properties 'id' is '{wanted}' (check the spelling).")
    if not features:
        drawn = sorted({type(element).__name__ for element in added if isinstance(element, DRAWN)})
        if drawn:
            return not_yet(f"You added a {', '.join(drawn)}, which draws a shape of your own. The exercise asks "
                           "for the line from the data, as a folium.GeoJson layer of its feature.")
        return not_yet("The map has nothing on it yet but land. Add a folium.GeoJson layer of the line's "
                       "feature and end that line with .add_to(exercise_map).")
    ids = sorted({str(_feature_id(feature)) for feature in features if _feature_id(feature) is not None})
    if wanted not in ids:
        shown = f"the feature(s) {', '.join(ids)}" if ids else "no feature with an id"
        return not_yet(f"Your GeoJson layer holds {shown}, not the line asked for. Keep the feature of `lines` "
                       f"whose properties 'id' is '{wanted}'.")
    if len(features) > 1:
        return not_yet(f"Your map holds more than the one line. Keep only the feature whose id is '{wanted}', "
                       "so the map shows one line.")
    if features[0].get("geometry") != expected["geometry"]:
        return not_yet(f"Your feature has the id '{wanted}' but not the line's shape from the data. Take the "
                       "feature itself out of `lines`, rather than writing one of your own.")
    return correct("The 1875 line has two parts. In the Kurils it sits between Shumshu and Kamchatka, because "
                   "Japan received the islands from Urup to Shumshu, so it held the whole chain; in La Pérouse "
                   "(Sōya) Strait it sits between Hokkaido and "
                   "Sakhalin, because Russia received all of Sakhalin.")


WAR_DECLARED = "1945-soviet-declaration-of-war-on-japan"
WAR_ENDED = "1956-joint-declaration-enters-into-force"
DECLARATION_SIGNED = "1956-soviet-japanese-joint-declaration"
YEARS_TOLERANCE = 0.1  # about five weeks: 11 (1956 - 1945) and the signing (19 October 1956) both fall outside


def expected_years_at_war() -> float:
    return (event_date(WAR_ENDED) - event_date(WAR_DECLARED)).days / DAYS_PER_YEAR


def years_to_signing() -> float:
    return (event_date(DECLARATION_SIGNED) - event_date(WAR_DECLARED)).days / DAYS_PER_YEAR


def judge_years_at_war(answer: object, expected: float) -> Feedback:
    value = read_years(answer)
    if abs(value - expected) <= YEARS_TOLERANCE:
        declared, ended = event_date(WAR_DECLARED), event_date(WAR_ENDED)
        return correct(f"About {expected:.1f} years, from the declaration of war ({declared.day} {declared:%B %Y}) "
                       f"to the Joint Declaration's entry into force ({ended.day} {ended:%B %Y}). The "
                       "article puts 'war' in quotation marks: its 70+ years are the years without a peace "
                       "treaty, not years of war.")
    if slip := years_slip(value, expected, YEARS_TOLERANCE):
        return slip
    declared, signed, ended = (event_date(WAR_DECLARED), event_date(DECLARATION_SIGNED), event_date(WAR_ENDED))
    if abs(value - years_to_signing()) <= 0.03:
        return not_yet(f"That runs to the signing of the Joint Declaration in Moscow on {signed.day} "
                       f"{signed:%B %Y}. A declaration ends the state of war when it comes into force, not when it "
                       f"is signed (lesson 03a): use the date of {WAR_ENDED!r}.")
    if abs(value - (ended.year - declared.year)) < 0.05:
        return not_yet(f"{ended.year - declared.year} is the years' numbers subtracted ({ended.year} − "
                       f"{declared.year}), not the dates. Subtract the two dates from the events table, as in "
                       "the example above, then divide the result's .days by 365.25.")
    without_treaty = (ARTICLE_DATE - declared).days / DAYS_PER_YEAR
    if abs(value - without_treaty) <= 1:
        return not_yet("That is the time from 1945 to the article: the years with no peace treaty, the article's "
                       "70+. The exercise asks how long the state of war lasted, until the Declaration came into "
                       "force.")
    return not_yet(f"Not quite. Subtract the date of {WAR_DECLARED!r} from the date of {WAR_ENDED!r}, "
                   "then turn the days into years.")


# What the tests try on each exercise. -----------------------------------------------------------------------------

EXERCISE_MAP = {"location": (47.3, 148.5), "zoom_start": 5.5, "height_px": 460}  # as the answer cell makes it


def treaty_lines(*line_ids) -> list[dict]:
    return [f for f in with_sources(load_geojson("treaty-lines"))["features"] if f["properties"]["id"] in line_ids]


def lines_map(*line_ids, layer=folium.GeoJson) -> folium.Map:
    """The answer cell's fresh map with the named treaty lines added as one layer."""
    fmap = base_map(**EXERCISE_MAP)
    layer({"type": "FeatureCollection", "features": treaty_lines(*line_ids)}).add_to(fmap)
    return fmap


def one_line_map(line_id: str, in_a_group: bool = False) -> folium.Map:
    fmap = base_map(**EXERCISE_MAP)
    layer = folium.GeoJson(treaty_lines(line_id)[0], name="my layer", style_function=line_style)
    if in_a_group:
        group = folium.FeatureGroup(name="1875")
        layer.add_to(group)
        group.add_to(fmap)
    else:
        layer.add_to(fmap)
    return fmap


def feature_map(feature: dict) -> folium.Map:
    fmap = base_map(**EXERCISE_MAP)
    folium.GeoJson(feature).add_to(fmap)
    return fmap


def _wrong_layers() -> list:
    as_polyline = lambda data: folium.PolyLine([(45, 148), (46, 149)])  # noqa: E731
    made_up = {"type": "Feature", "properties": {"id": LINE_ASKED},
               "geometry": {"type": "Point", "coordinates": [0, 0]}}
    return [(base_map(**EXERCISE_MAP), "nothing on it yet"),
            (one_line_map("1855-shimoda"), "not the line asked for"),
            (one_line_map("1905-portsmouth", in_a_group=True), "not the line asked for"),
            (lines_map(LINE_ASKED, "1905-portsmouth"), "more than the one line"),
            (lines_map(LINE_ASKED, layer=as_polyline), "PolyLine"),
            (lines_map("1875-saint-peterburg"), "check the spelling"),
            (feature_map(made_up), "not the line's shape")]


EXERCISES = {
    "distance": Exercise(
        "nosappu_to_kaigara_km", "a number of kilometres", expected_distance_km, judge_distance,
        giveaways=lambda: [f"{figure_value(PUBLISHED_DISTANCE):g} km", *number_forms(expected_distance_km(), "km"),
                           *number_forms(expected_distance_km(), "km", 2)],
        right=lambda: [expected_distance_km(), np.float64(expected_distance_km()), pd.Series([expected_distance_km()]),
                       [round(expected_distance_km(), 2)]],
        wrong=lambda: [(expected_distance_km() * 1000, "metres"), (expected_distance_km() / 1.609344, "miles"),
                       (0.04, "degrees"), (-expected_distance_km(), "never negative"),
                       (figure_value(PUBLISHED_DISTANCE), "Japan's government publishes"), (7.5, "Not quite"),
                       ("3.6 km", "text")]),
    "treaty-layer": Exercise(
        "exercise_map", "the folium map with the 1875 line added", expected_line, judge_treaty_layer,
        giveaways=lambda: [],
        right=lambda: [one_line_map(LINE_ASKED), lines_map(LINE_ASKED), one_line_map(LINE_ASKED, in_a_group=True)],
        wrong=_wrong_layers),
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


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    from ..maps import LINE_COLOURS
    from ..style import OKABE_ITO
    lines = load_geojson("treaty-lines")["features"]
    islands = ["iturup-etorofu", "kunashir-kunashiri", "shikotan", "habomai", "nemuro", "cape-nosappu"]
    return LessonShows(maps=[
        MapShows(),  # the base map: land only
        MapShows(markers=markers({OKABE_ITO["black"]: islands}),  # the four islands and Hokkaido's edge, in black
                 lines=line_colours(lines), layers=(OSM_LAYER, *[line["properties"]["label"] for line in lines])),
        MapShows(markers=markers({OKABE_ITO["black"]: ["cape-nosappu"],  # across the 1945 line
                                  OKABE_ITO["bluish green"]: ["signalny-kaigara"]}),
                 lines={LINE_COLOURS["1945-line-of-control"].lower(): 1}),
        MapShows(),  # exercise 2's fresh map, unanswered
    ])


def _guide_keys() -> dict[str, list[str]]:
    return {"distance": [f"about {expected_distance_km():.1f} km", f"({expected_distance_km():.2f} km)"],
            "treaty-layer": [f"`{expected_line()['properties']['id']}`"],
            "years-at-war": [f"about {expected_years_at_war():.1f} years"]}


MANIFEST = Manifest("03b-kurils-map-and-data", _shows, EXERCISES, _guide_keys,
                    taught=["[n] (position)", "folium.GeoJsonTooltip"])
