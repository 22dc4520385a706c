"""The exercises of lesson 00: how answer cells and checks work (a count with one condition), conditions joined with &
that test a claim of the article, a first folium marker at a place found in two tables."""
import folium
import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import (
    Exercise,
    Feedback,
    checker_for,
    correct,
    not_yet,
)
from ..geo import haversine_km
from ..maps import drawn_elements
from .common import ARTICLE_DATE, map_with, read_number
from .manifest import LEAFLET_BLUE, LessonShows, Manifest, MapShows, markers

# Exercise 1 counts the events of one theme; the lesson's example counts another (the Kurils).
THEME, EXAMPLE_THEME = "japan-russia", "kurils"
# Exercise 2: Russia's military events from the start of the article's year to the day it was published
# (ARTICLE_DATE).
# Exercise 3: the place of the Abe-Putin meeting of this day, found through the events' place_id in places. A
# circle typed from the table's coordinates rounded to two decimals (43.59, 39.72) still marks it.
MEETING_DATE = "2016-05-06"
COORDINATE_TOLERANCE_DEGREES = 0.05
# Exercise 3's answer cell draws these three before the learner adds the place of the May meeting.
SUMMIT_CITIES = ("vladivostok", "nagato", "tokyo")


def _table_rows(answer: object) -> Feedback | None:
    """Feedback for a table or a column of True/False given where a count is asked for; None otherwise."""
    if isinstance(answer, pd.DataFrame):
        return not_yet(f"That is a table of {len(answer)} rows. Count its rows with len(...).")
    if isinstance(answer, pd.Series) and answer.dtype == bool:
        return not_yet("That is a condition: one True or False per row. Keep the rows with events[...], then "
                       "count them with len(...).")
    if isinstance(answer, str):
        return not_yet("That is text. Give the count as a number, without quotes.")
    return None


def theme_events(theme: str) -> int:
    return int((load_table("events")["theme"] == theme).sum())


def judge_theme_count(answer: object, expected: int) -> Feedback:
    table = _table_rows(answer)
    if table is not None:
        return table
    value = read_number(answer, "Give one whole number: how many rows the condition keeps.")
    if value == expected:
        return correct(f"{expected} events on Japan and Russia. You changed one word of the example and let "
                       "pandas count: every exercise works like this. Answer, run, check, and read the message.")
    if value == theme_events(EXAMPLE_THEME):
        return not_yet(f"That is the {EXAMPLE_THEME} theme, the example above. Change the theme in the condition "
                       f"to '{THEME}'.")
    if value == len(load_table("events")):
        return not_yet("That counts every event in the table. Keep only the rows of the theme first.")
    return not_yet(f"Not that number. Write the condition events['theme'] == '{THEME}' (check the spelling and "
                   "the quotes), keep the rows with events[...], then count them with len(...).")


def russian_military(start: str, end: str, russian: bool = True, military: bool = True) -> int:
    """Events between two days (both included), of category military and with RUS among the actors, unless asked
    otherwise: the count exercise 2 wants, and the counts of its typical slips."""
    events = load_table("events")
    keep = (events["date"] >= start) & (events["date"] <= end)
    if military:
        keep &= events["category"] == "military"
    if russian:
        keep &= events["actors"].str.contains("RUS")
    return int(keep.sum())


def before_article(year: int) -> tuple[str, str]:
    """From 1 January of `year` to the day and month the article was published."""
    return f"{year}-01-01", f"{year}-{ARTICLE_DATE:%m-%d}"


def military_2016() -> int:
    return russian_military(*before_article(ARTICLE_DATE.year))


def judge_military_2016(answer: object, expected: int) -> Feedback:
    table = _table_rows(answer)
    if table is not None:
        return table
    value = read_number(answer, "Give one whole number: how many rows all the conditions keep.")
    year_start, article_day = before_article(ARTICLE_DATE.year)
    if value == expected:
        earlier = russian_military(*before_article(ARTICLE_DATE.year - 1))
        everything = russian_military(year_start, article_day, russian=False, military=False)
        everything_before = russian_military(*before_article(ARTICLE_DATE.year - 1), russian=False, military=False)
        return correct(f"{expected} military events with RUS among the actors from January to 26 October 2016, "
                       f"against {earlier} in "
                       f"the same months of 2015. But the kit holds {everything} events of every kind in those "
                       f"months of 2016 and only {everything_before} in 2015: {expected} of {everything} against "
                       f"{earlier} of {everything_before}: too few rows for the count or the share to show a trend. "
                       "A count "
                       "shows where the data looked as much as what happened. Read the titles too: not every row is a "
                       "Russian signal (a ceasefire, a coalition air raid, a US missile defence site), and they come "
                       "from every region, while the article's sentence is about the "
                       "Asia-Pacific. Lesson 04 weighs the claim there.")
    year_end = f"{ARTICLE_DATE.year}-12-31"
    if value == russian_military(year_start, year_end):
        return not_yet("That includes events after the article. Add the condition events['date'] <= "
                       "'2016-10-26'.")
    if value == russian_military(year_start, article_day, russian=False):
        return not_yet("That counts every military event, Russian or not. Add the condition "
                       "events['actors'].str.contains('RUS').")
    if value == russian_military(year_start, year_end, russian=False):
        return not_yet("That counts every military event of 2016. Keep only those with RUS among the actors, up "
                       "to 26 October 2016.")
    if value == russian_military(year_start, article_day, military=False):
        return not_yet("That counts every kind of event with Russia among the actors. Add the category: "
                       "events['category'] == 'military'.")
    if value == russian_military("1800-01-01", article_day):
        return not_yet("That counts Russian military events of every year up to the article. Add the start: "
                       "events['date'] >= '2016-01-01'.")
    if value == len(load_table("events")):
        return not_yet("That is every event in the table. Keep only the rows that pass all the conditions.")
    return not_yet("Not quite. Four conditions must all hold, each in brackets and joined by &: the category is "
                   "'military', the actors contain 'RUS', the date is >= '2016-01-01' and <= '2016-10-26'.")


SHAPES = {folium.CircleMarker: "a circle (folium.CircleMarker)", folium.Circle: "a folium.Circle",
          folium.Marker: "a pin (folium.Marker)"}


def _kind(shape: folium.Marker) -> type:
    return next(kind for kind in SHAPES if isinstance(shape, kind))


def meeting_place_id() -> str:
    """The places id of the Abe-Putin meeting on MEETING_DATE (the kit files it under two themes, one place)."""
    events = load_table("events")
    meeting = events[(events["date"] == MEETING_DATE) & events["actors"].str.contains("JPN")
                     & events["actors"].str.contains("RUS")]
    (place_id,) = meeting["place_id"].dropna().unique()
    return str(place_id)


def _place_at(location) -> str | None:
    """The English name of the places row at a location (within the tolerance), if any."""
    for place in load_table("places").itertuples():
        try:
            if (abs(float(location[0]) - place.lat) < COORDINATE_TOLERANCE_DEGREES
                    and abs(float(location[1]) - place.lon) < COORDINATE_TOLERANCE_DEGREES):
                return place.name_en
        except (TypeError, ValueError, IndexError):
            return None
    return None


def judge_meeting_marker(answer: object, expected: tuple[float, float]) -> Feedback:
    if not isinstance(answer, folium.Map):
        return not_yet(f"`summit_map` should be a folium map, but it holds a value of type {type(answer).__name__}. "
                       "Keep the answer cell's first lines, which draw the map with the three summit cities, and "
                       "its last line, `summit_map`; replace only the `...`.")
    place = load_table("places").set_index("id").loc[meeting_place_id()]
    cities = load_table("places").set_index("id").loc[list(SUMMIT_CITIES)]
    near = COORDINATE_TOLERANCE_DEGREES

    def at(location, lat: float, lon: float) -> bool:
        try:
            return abs(float(location[0]) - lat) < near and abs(float(location[1]) - lon) < near
        except (TypeError, ValueError, IndexError):
            return False

    added = [element for element in drawn_elements(answer) if isinstance(element, folium.Marker)]
    for city in cities.itertuples():
        circle = next((shape for shape in added if _kind(shape) is folium.CircleMarker
                       and at(shape.location, city.lat, city.lon)), None)
        if circle is None:
            return not_yet(f"{city.name_en}, one of the three summit cities, is missing from the map. Keep the "
                           "answer cell's first lines (the base_map line and the for loop) as they are, run them, "
                           "and replace only the `...` with your line for the May meeting.")
        added.remove(circle)
    at_meeting = [shape for shape in added if at(shape.location, *expected)]
    elsewhere = [shape for shape in added if shape not in at_meeting]
    if not added:
        return not_yet("The map still has only the three summit cities. Replace the `...` with a line that adds a "
                       "folium.CircleMarker for the place of the 6 May meeting and ends with .add_to(summit_map). "
                       "(An error about a Series? You gave folium a table of one row: take the row with .loc, as in "
                       "'One row by its id'.)")
    if any(at(shape.location, expected[1], expected[0]) for shape in elsewhere):
        return not_yet("A shape you added has longitude and latitude swapped: location=(lat, lon), latitude first.")
    if not at_meeting:
        named = _place_at(added[0].location)
        where = f"at {named}, a place in the table but" if named else "but"
        return not_yet(f"You added {SHAPES[_kind(added[0])]} {where} not where Abe and Putin met on 6 May 2016. "
                       f"Find the events dated {MEETING_DATE}, read their place_id, and use the lat and lon of "
                       "that row of places.")
    if any(_kind(shape) is not folium.CircleMarker for shape in at_meeting):
        shape = next(shape for shape in at_meeting if _kind(shape) is not folium.CircleMarker)
        return not_yet(f"You put {SHAPES[_kind(shape)]} at the right place. The exercise asks for a "
                       "circle like the summit cities': use folium.CircleMarker, whose radius is in pixels.")
    if elsewhere or len(at_meeting) > 1:
        return not_yet("The May meeting is there, but the map also has another shape that is not one of the three "
                       "summit cities. Keep one line for it: the answer cell draws the map afresh each time you run "
                       "it.")
    vladivostok = cities.loc["vladivostok"]
    distance = float(haversine_km(*expected, vladivostok.lat, vladivostok.lon))
    return correct(f"{place.name_en} is on the map, about {distance:,.0f} km west of Vladivostok as the crow "
                   "flies: zoom out to see it. Two rows of events share that day and that place_id: the kit files "
                   "one meeting under two themes, the islands (the 'new approach') and the economy (the "
                   "eight-point plan). Count rows, not meetings, with care.")


def expected_meeting() -> tuple[float, float]:
    place = load_table("places").set_index("id").loc[meeting_place_id()]
    return float(place.lat), float(place.lon)


def meeting_giveaways() -> list[str]:
    """The place's coordinates as the table and a learner would write them."""
    lat, lon = expected_meeting()
    return [f"{lat:.4f}", f"{lon:.4f}", f"{lat:.2f}", f"{lon:.2f}"]


# What the tests try on each exercise: right answers in their forms, typical wrong ones with their message. ---------



def summit_map_with(*points, kind: type = folium.CircleMarker,
                    cities: tuple[str, ...] = SUMMIT_CITIES) -> folium.Map:
    """The answer cell's map (the three summit cities, or those named), plus a shape of `kind` at each point."""
    cities = load_table("places").set_index("id").loc[list(cities)]
    fmap = map_with((39, 136), 4.5, circles=list(zip(cities.lat, cities.lon, strict=True)))
    for point in points:
        kind(point).add_to(fmap)
    return fmap


def count_forms(value: int, words: tuple[str, ...]) -> list[str]:
    """A count as a lesson's text could show it: with the words that would follow it."""
    return [f"{value} {word}" for word in words]


EXERCISES = {
    "japan-russia-events": Exercise(
        "japan_russia_events", "a whole number", lambda: theme_events(THEME), judge_theme_count,
        giveaways=lambda: count_forms(theme_events(THEME), ("events", "rows", "of")),
        right=lambda: [theme_events(THEME), np.int64(theme_events(THEME)), float(theme_events(THEME))],
        wrong=lambda: [(theme_events(EXAMPLE_THEME), "example above"), (len(load_table("events")), "every event"),
                       (load_table("events").head(3), "table of 3 rows"), (theme_events(THEME) + 1, "spelling"),
                       (load_table("events")["theme"] == THEME, "a condition"), ("japan-russia", "text")]),
    "military-2016": Exercise(
        "military_2016", "a whole number", military_2016, judge_military_2016,
        giveaways=lambda: count_forms(military_2016(), ("military", "events", "rows", "Russian", "of")),
        right=lambda: [military_2016(), np.int64(military_2016())],
        wrong=lambda: [(russian_military("2016-01-01", "2016-12-31"), "after the article"),
                       (russian_military("2016-01-01", "2016-10-26", russian=False), "Russian or not"),
                       (russian_military("2016-01-01", "2016-12-31", russian=False), "every military event of"),
                       (russian_military("2016-01-01", "2016-10-26", military=False), "every kind of event"),
                       (russian_military("1800-01-01", "2016-10-26"), "every year"),
                       (load_table("events").head(3), "table of 3 rows"), (0, "Four conditions")]),
    "may-meeting": Exercise(
        "summit_map", "the map with a circle for the 6 May 2016 meeting", expected_meeting, judge_meeting_marker,
        giveaways=meeting_giveaways,
        right=lambda: [summit_map_with(expected_meeting()),
                       summit_map_with(tuple(round(value, 2) for value in expected_meeting()))],
        wrong=lambda: [(summit_map_with(), "only the three"), (summit_map_with(expected_meeting()[::-1]), "swapped"),
                       (summit_map_with((39.7, 43.6)), "swapped"), (summit_map_with((0, 0)), "not where"),
                       (summit_map_with((55.7558, 37.6172)), "at Moscow, a place in the table"),
                       (summit_map_with((55.75, 37.62)), "not where Abe and Putin met"),
                       (summit_map_with((43.5, 39.5)), "not where Abe and Putin met"),
                       (summit_map_with(expected_meeting(), kind=folium.Marker), "folium.CircleMarker"),
                       (summit_map_with(expected_meeting(), kind=folium.Circle), "radius is in pixels"),
                       (summit_map_with((0, 0), kind=folium.Marker), "pin (folium.Marker) but not where"),
                       (summit_map_with(expected_meeting(), cities=()), "is missing from the map"),
                       (summit_map_with(expected_meeting(), cities=("nagato", "tokyo")), "Vladivostok"),
                       (folium.Map(), "is missing from the map"),
                       (summit_map_with(expected_meeting(), (0, 0)), "another shape"),
                       (summit_map_with((0, 0), expected_meeting()), "another shape"),
                       (summit_map_with(expected_meeting(), expected_meeting()), "another shape"),
                       (summit_map_with(expected_meeting(), (35.6895, 139.6917)), "another shape"),
                       (summit_map_with((35.6895, 139.6917)), "not where"),
                       (42, "should be a folium map")]),
}

check = checker_for(EXERCISES)


# The lesson's manifest (lessonkit.checks.manifest): what it shows, and what its guide's answer key states -----------


def _shows() -> LessonShows:
    summit_map = MapShows(markers=markers({LEAFLET_BLUE: ["vladivostok", "nagato", "tokyo"]}))  # Abe and Putin, 2016
    return LessonShows(maps=[summit_map,  # "Drawing a map with folium"
                             summit_map])  # again under exercise 3, unanswered (no Moscow yet)


def _guide_keys() -> dict[str, list[str]]:
    return {"japan-russia-events": [f"{EXERCISES['japan-russia-events'].solve()} rows"],
            "military-2016": [f"{EXERCISES['military-2016'].solve()} rows pass"],
            "may-meeting": [f"`{meeting_place_id()}`"]}


MANIFEST = Manifest("00-start-here", _shows, EXERCISES, _guide_keys,
                    taught=["&", ".add_to()", ".dt", ".dt.year", ".head()", ".isin()", ".itertuples()", ".loc",
                            ".loc[]", ".loc[rows, columns]", ".set_index()", ".sort_values()", ".str",
                            ".str.contains()", ".value_counts()", "<=", "==", ">=", "[[columns]]", "[a][b] (nested)",
                            "[condition] (a mask)", "f-string", "folium.CircleMarker", "for", "keyword=argument",
                            "len()", "list []", "print()"])
