"""The exercises of lesson 00: how answer cells and checks work, a first pandas condition, a first folium marker."""
import folium

from ..data import load_table
from ..exercises import Exercise, as_single_number, as_year, checker_for, correct, not_yet

ARTICLE_YEAR = 2016


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


def expected_events_in_2016() -> int:
    events = load_table("events")
    return int((events["date"].dt.year == ARTICLE_YEAR).sum())


def judge_events_in_2016(answer: object, expected: int) -> object:
    if hasattr(answer, "shape") and len(getattr(answer, "shape", ())) == 2:
        return not_yet(f"That is a table of {len(answer)} rows. Count its rows with len(...).")
    value = as_single_number(answer)
    if value is None:
        return not_yet("Give one whole number: how many rows the condition keeps.")
    if value == expected:
        return correct(f"{expected} events in 2016, the year the article was written: the kit looks closely at it.")
    if value == len(load_table("events")):
        return not_yet("That is every event in the table. Keep only the rows of 2016 first, then count.")
    if value in (0, 1):
        return not_yet("Too few. Did you compare the year, events['date'].dt.year == 2016, and keep the rows with "
                       "events[condition]?")
    return not_yet("Not quite. Check the condition: the year of the date column equals 2016.")


def judge_moscow_marker(answer: object, expected: tuple[float, float]) -> object:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`summit_map` should be a folium map, but it holds a value of type {type(answer).__name__}. Run the answer "
                       "cell as given: its first line makes the map.")
    markers = [child.location for child in answer._children.values() if isinstance(child, folium.CircleMarker)]
    if any(abs(lat - expected[0]) < 0.05 and abs(lon - expected[1]) < 0.05 for lat, lon in markers):
        return correct("Moscow is on the map, about 6,000 km west of Vladivostok: zoom out to see it.")
    if any(abs(lat - expected[1]) < 0.05 and abs(lon - expected[0]) < 0.05 for lat, lon in markers):
        return not_yet("Your circle has longitude and latitude swapped: location=(lat, lon), latitude first.")
    if len(markers) <= 3:
        return not_yet("The map still has only the three summit cities. Add a folium.CircleMarker for Moscow and end "
                       "the line with .add_to(summit_map).")
    return not_yet("You added a circle, but not at Moscow. Use the lat and lon of the row with id 'moscow'.")


def expected_moscow() -> tuple[float, float]:
    moscow = load_table("places").set_index("id").loc["moscow"]
    return float(moscow.lat), float(moscow.lon)


EXERCISES = {
    "article-year": Exercise("article_year", "a year such as 1999", lambda: ARTICLE_YEAR, judge_article_year),
    "events-in-2016": Exercise("events_in_2016", "a whole number", expected_events_in_2016, judge_events_in_2016),
    "moscow-marker": Exercise("summit_map", "the map with a circle for Moscow", expected_moscow, judge_moscow_marker),
}

check = checker_for(EXERCISES)
