"""Checks for the exercises of lesson 03, the Kuril Islands / Northern Territories.

Expected answers are computed from `data/`, so a corrected coordinate or event changes the answer with it.
"""
import math

import folium
import pandas as pd

from ..data import load_geojson, load_table
from ..exercises import Exercise, as_single_number, as_year, checker_for, correct, not_yet

EARTH_RADIUS_KM = 6371.0


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a sphere of radius 6,371 km: good to about 0.5% at this scale."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _place(place_id: str) -> pd.Series:
    return load_table("places").set_index("id").loc[place_id]


def expected_distance_km() -> float:
    cape, islet = _place("cape-nosappu"), _place("signalny-kaigara")
    return great_circle_km(cape.lat, cape.lon, islet.lat, islet.lon)


def judge_distance(answer: object) -> object:
    if isinstance(answer, str):
        return not_yet("Your answer is text. Give the distance as a number, e.g. 3.7 rather than '3.7 km'.")
    value = as_single_number(answer)
    if value is None:
        return not_yet("Give one number: the distance in kilometres. If you computed a Series or list, "
                       "take its single value with .item().")
    expected = expected_distance_km()
    if math.isnan(value):
        return not_yet("Your answer is NaN (not a number): check that both place ids are spelled as in the table.")
    if abs(value - expected) <= 0.1 * expected:
        return correct(f"{value:.2f} km. The nearest islet Japan claims lies about {expected:.1f} km off Hokkaido: "
                       "close enough to see from the cape.")
    if abs(value - expected * 1000) <= 0.1 * expected * 1000:
        return not_yet("That looks like metres. The exercise asks for kilometres: divide by 1000.")
    if abs(value - expected / 1.609344) <= 0.1 * expected / 1.609344:
        return not_yet("That looks like miles. The exercise asks for kilometres.")
    if value < 0.2:
        return not_yet("That looks like a difference in degrees, not a distance. Convert the degrees to radians "
                       "with np.radians and use the haversine formula from the example.")
    if value > 10 * expected:
        return not_yet("Far too large for two places you can see from each other. Did you pass degrees to "
                       "np.sin / np.cos without np.radians, or pick the wrong place ids?")
    return not_yet(f"Not quite: the answer is a few kilometres. Check that you used cape-nosappu and "
                   f"signalny-kaigara, and a radius of {EARTH_RADIUS_KM:,.0f} km.")


def expected_declaration_year() -> int:
    events = load_table("events")
    return int(events.set_index("id").loc["1956-soviet-japanese-joint-declaration", "date"].year)


WRONG_YEARS = {
    1951: "1951 is the San Francisco Peace Treaty, which the Soviet Union did not sign.",
    1946: "1946 is the occupation directive that stopped Japan governing the islands; it promised no handover.",
    1905: "1905 is the Treaty of Portsmouth, which transferred southern Sakhalin, not the islands.",
    1855: "1855 is the Treaty of Shimoda, the first border between Japan and Russia.",
    1960: "1960 is the Soviet memorandum that added a new condition to the handover, not the promise itself.",
    1993: "1993 is the Tokyo Declaration, which names all four islands but promises no handover.",
    2001: "2001 is the Irkutsk Statement, which calls the earlier declaration the starting point for talks.",
    2018: "2018 is the Singapore meeting, which agreed to speed up talks on the basis of the earlier declaration.",
}


def judge_declaration_year(answer: object) -> object:
    if isinstance(answer, pd.DataFrame) and len(answer) != 1:
        return not_yet(f"Your answer is a table with {len(answer)} rows. Filter it down to the one event, then take "
                       "its year: events.loc[mask, 'date'].dt.year.item().")
    if isinstance(answer, pd.DataFrame):
        answer = answer["date"].iloc[0] if "date" in answer else answer
    year = as_year(answer)
    if year is None:
        return not_yet("Give the year as a whole number, such as 1905.")
    expected = expected_declaration_year()
    if year == expected:
        return correct(f"{expected}: the Soviet-Japanese Joint Declaration ended the state of war and promised "
                       "Habomai and Shikotan to Japan once a peace treaty is signed.")
    if year in WRONG_YEARS:
        return not_yet(WRONG_YEARS[year] + " Look for the event where the Soviet Union agreed to hand over islands.")
    return not_yet("No event that year promises a handover. Search the description column with "
                   "events['description'].str.contains('transfer').")


AREA_FIGURES = {"area-etorofu-jp": "iturup-etorofu", "area-kunashiri-jp": "kunashir-kunashiri",
                "area-shikotan-jp": "shikotan", "area-habomai-jp": "habomai"}


def expected_largest_island() -> str:
    """The place id of the largest of the four islands, by Japan's 2020 survey in the figures table."""
    areas = load_table("figures").set_index("id").loc[list(AREA_FIGURES), "value"]
    return AREA_FIGURES[areas.idxmax()]


def _names(place_id: str) -> set[str]:
    """Every way a learner may write a place: either half of 'Iturup/Etorofu', Japanese, romaji, Russian, id."""
    place = _place(place_id)
    names = {place_id, *place.name_en.split("/"), place.name_en, place.name_ja, place.name_ja_romaji, place.name_ru}
    return {_normalised(name) for name in names if name}


def _normalised(text: str) -> str:
    text = text.strip().lower().removeprefix("area-").removesuffix("-jp")
    return text.removesuffix(" islands").removesuffix(" island").removesuffix("島").strip()


def _single_text(answer: object) -> object:
    if isinstance(answer, (pd.Series, pd.Index, list, tuple)) and len(answer) == 1:
        return list(answer)[0]
    return answer


def judge_largest_island(answer: object) -> object:
    answer = _single_text(answer)
    if isinstance(answer, pd.DataFrame):
        return not_yet("Your answer is a table. Take the name (or the row id) of its largest row: "
                       "areas['value'].idxmax() gives the id.")
    if not isinstance(answer, str):
        if as_single_number(answer) is not None:
            return not_yet("That is a number, perhaps the area. Give the island's name as text, e.g. 'Shikotan'.")
        return not_yet("Give the island's name as text, e.g. 'Shikotan'.")
    given = _normalised(answer)
    if given == "total":
        return not_yet("'area-total-jp' is all four islands together. Drop that row before you look for the largest.")
    expected = expected_largest_island()
    if given in _names(expected):
        return correct(f"{_place(expected).name_en}: about {_island_share(expected):.0%} of the four islands' land.")
    for other in AREA_FIGURES.values():
        if given in _names(other):
            return not_yet(f"{_place(other).name_en} is one of the four, but not the largest. "
                           "Sort the areas with .sort_values('value').")
    if given in _names("urup"):
        return not_yet("Urup lies north of the 1855 line: it is not one of the four islands in dispute.")
    return not_yet(f"I don't know an island called {answer!r}. Try its English, Japanese or Russian name.")


def _island_share(place_id: str) -> float:
    figures = load_table("figures").set_index("id")
    area_id = next(figure for figure, place in AREA_FIGURES.items() if place == place_id)
    return figures.at[area_id, "value"] / figures.loc[list(AREA_FIGURES), "value"].sum()


LINE_1855 = "1855-shimoda"


def _geojson_layers(fmap: folium.Map) -> list[folium.GeoJson]:
    return [child for child in fmap._children.values() if isinstance(child, folium.GeoJson)]


def _line_ids(layer: folium.GeoJson) -> set[str]:
    features = [layer.data] if layer.data.get("type") == "Feature" else layer.data.get("features", [])
    return {feature.get("properties", {}).get("id") for feature in features}


def judge_treaty_layer(answer: object) -> object:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`exercise_map` should be the folium map from the starter cell, but it is a "
                       f"{type(answer).__name__}. Re-run the starter cell, then add your layer to it.")
    all_ids = {feature["properties"]["id"] for feature in load_geojson("treaty-lines")["features"]}
    added = [layer for layer in _geojson_layers(answer) if _line_ids(layer) & all_ids]
    if not added:
        return not_yet("The map has no treaty line yet. Did you end with .add_to(exercise_map)?")
    ids = set().union(*(_line_ids(layer) for layer in added))
    if LINE_1855 not in ids:
        return not_yet(f"You added {', '.join(sorted(ids))}, but not the 1855 line. Filter the features whose "
                       f"'id' is '{LINE_1855}'.")
    if len(ids) > 1:
        return not_yet("Your layer holds more than the 1855 line. Keep only the feature whose id is "
                       f"'{LINE_1855}', so the map shows one boundary.")
    return correct("The 1855 line runs between Etorofu and Urup: in 1855 both sides agreed that the islands "
                   "south of it, the four now in dispute, were Japanese.")


EXERCISES = {
    "distance": Exercise("nosappu_to_kaigara_km", "a number of kilometres", judge_distance),
    "declaration": Exercise("declaration_year", "a year such as 1905", judge_declaration_year),
    "largest-island": Exercise("largest_island", "the island's name as text", judge_largest_island),
    "treaty-layer": Exercise("exercise_map", "the folium map with the 1855 line added", judge_treaty_layer),
}

check = checker_for(EXERCISES)
