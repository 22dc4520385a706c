"""The exercises of lesson 00: how answer cells and checks work, two pandas conditions that test a claim of the article, a
first folium marker."""
import folium
import numpy as np

from ..data import load_table
from ..exercises import (
    Exercise,
    as_single_number,
    as_year,
    checker_for,
    correct,
    not_yet,
)
from ..geo import haversine_km
from .common import map_with

ARTICLE_YEAR = 2016
# A circle typed by hand from rounded coordinates (55.75, 37.62) still marks Moscow.
COORDINATE_TOLERANCE_DEGREES = 0.25


def judge_article_year(answer: object, expected: int) -> object:
    year = as_year(answer)
    if year is None:
        return not_yet("Give the year as a whole number, like 1999, without quotes.")
    if year == expected:
        return correct("2016: the article appeared on 26 October 2016, weeks before Putin's December visit to Japan.")
    if year in (1956, 1855):
        return not_yet(f"{year} is a year the article's topic goes back to. When was the article itself published?")
    if year > expected:
        return not_yet("That is after the article was written: look at the date under its title.")
    return not_yet("Not that year: the publication date is in the citation above.")


def military_events(year: int | None = None) -> int:
    events = load_table("events")
    military = events["category"] == "military"
    return int((military & (events["date"].dt.year == year)).sum() if year else military.sum())


def events_in(year: int) -> int:
    return int((load_table("events")["date"].dt.year == year).sum())


def judge_military_2016(answer: object, expected: int) -> object:
    if hasattr(answer, "shape") and len(getattr(answer, "shape", ())) == 2:
        return not_yet(f"That is a table of {len(answer)} rows. Count its rows with len(...).")
    value = as_single_number(answer)
    if value is None:
        return not_yet("Give one whole number: how many rows both conditions keep.")
    if value == expected:
        return correct(f"{expected} military events in 2016, against {military_events(ARTICLE_YEAR - 1)} in 2015. "
                       "But the kit collected more on 2016, the article's year: a count shows where the data looked "
                       "as much as what happened. Lesson 04 weighs the article's claim.")
    if value == events_in(ARTICLE_YEAR):
        return not_yet("That counts every event of 2016. Add the second condition, the category, with &.")
    if value == military_events():
        return not_yet("That counts military events in every year. Add the second condition, the year, with &.")
    if value == len(load_table("events")):
        return not_yet("That is every event in the table. Keep only the rows that pass both conditions.")
    return not_yet("Not quite. Both conditions must hold: events['date'].dt.year == 2016 and "
                   "events['category'] == 'military', joined by & with each in brackets.")


def judge_moscow_marker(answer: object, expected: tuple[float, float]) -> object:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`summit_map` should be a folium map, but it holds a value of type {type(answer).__name__}. Run the answer "
                       "cell as given: its first line makes the map.")
    markers = [child.location for child in answer._children.values() if isinstance(child, folium.CircleMarker)]
    near = COORDINATE_TOLERANCE_DEGREES
    if any(abs(lat - expected[0]) < near and abs(lon - expected[1]) < near for lat, lon in markers):
        vladivostok = load_table("places").set_index("id").loc["vladivostok"]
        distance = float(haversine_km(*expected, vladivostok.lat, vladivostok.lon))
        return correct(f"Moscow is on the map, about {distance:,.0f} km west of Vladivostok as the crow flies: zoom "
                       "out to see it.")
    if any(abs(lat - expected[1]) < near and abs(lon - expected[0]) < near for lat, lon in markers):
        return not_yet("Your circle has longitude and latitude swapped: location=(lat, lon), latitude first.")
    if len(markers) <= 3:
        return not_yet("The map still has only the three summit cities. Add a folium.CircleMarker for Moscow and end "
                       "the line with .add_to(summit_map).")
    return not_yet("You added a circle, but not at Moscow. Use the lat and lon of the row with id 'moscow'.")


def expected_moscow() -> tuple[float, float]:
    moscow = load_table("places").set_index("id").loc["moscow"]
    return float(moscow.lat), float(moscow.lon)


# What the tests try on each exercise: right answers in their forms, typical wrong ones with their message. ---------

SUMMIT_CITIES = ["vladivostok", "nagato", "tokyo"]


def summit_map_with(*points) -> folium.Map:
    """The answer cell's map (the three summit cities), plus a circle at each point."""
    cities = load_table("places").set_index("id").loc[SUMMIT_CITIES]
    fmap = map_with((39, 136), 4.5, circles=list(zip(cities.lat, cities.lon)))
    for point in points:
        folium.CircleMarker(point).add_to(fmap)
    return fmap


EXERCISES = {
    "article-year": Exercise(
        "article_year", "a year such as 1999", lambda: ARTICLE_YEAR, judge_article_year,
        giveaways=lambda: [str(ARTICLE_YEAR)],
        right=lambda: [2016, "2016", 2016.0],
        wrong=lambda: [(2017, "after the article"), (1956, "goes back to"), (2000, "citation")]),
    "military-2016": Exercise(
        "military_2016", "a whole number", lambda: military_events(ARTICLE_YEAR), judge_military_2016,
        giveaways=lambda: [f"{military_events(ARTICLE_YEAR)} {what}" for what in ("military", "events", "rows")],
        right=lambda: [military_events(ARTICLE_YEAR), np.int64(military_events(ARTICLE_YEAR))],
        wrong=lambda: [(events_in(2016), "every event of 2016"), (military_events(), "every year"),
                       (load_table("events").head(3), "table of 3 rows"), (0, "Both conditions")]),
    "moscow-marker": Exercise(
        "summit_map", "the map with a circle for Moscow", expected_moscow, judge_moscow_marker,
        giveaways=lambda: [],
        right=lambda: [summit_map_with(expected_moscow()), summit_map_with((55.75, 37.62))],
        wrong=lambda: [(summit_map_with(), "only the three"), (summit_map_with(expected_moscow()[::-1]), "swapped"),
                       (summit_map_with((37.6, 55.7)), "swapped"), (summit_map_with((0, 0)), "not at Moscow"),
                       (42, "should be a folium map")]),
}

check = checker_for(EXERCISES)
