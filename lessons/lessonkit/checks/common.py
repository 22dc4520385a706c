"""What several lessons' checks share: the article's date, reading places, events and dates, every way a learner may
name a place, readers of answers (numbers, distances, years, letters) and the one walk of a map's elements.

A reader returns what an answer gives, or raises Unreadable with the message the learner sees (exercises.feedback_for
turns it into feedback), so a judge reads `value = read_number(answer, "Give one number...")` and goes on."""
import datetime
import math
import re

import folium
import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Feedback, Unreadable, as_single_number, not_yet
from ..geo import haversine_km
from ..maps import base_map

# The article the kit is built around (Foreign Policy Blogs, 26 October 2016): "before the article" ends on this day.
ARTICLE_DATE = pd.Timestamp("2016-10-26")


def place(place_id: str) -> pd.Series:
    return load_table("places").set_index("id").loc[place_id]


def event_date(event_id: str) -> pd.Timestamp:
    return load_table("events").set_index("id").at[event_id, "date"]


# Japanese island suffixes in romaji: -tō / -to (island), guntō (island group).
ROMAJI_SUFFIX = re.compile(r"[\s-]*(gunt[oōô]u?|t[oōô]u?)$")


def normalised(text: str) -> str:
    """A name as a learner may type it, folded for comparison: case, spaces, 'island(s)', 島, -tō."""
    text = text.strip().lower().removeprefix("area-").removesuffix("-jp")
    text = text.removesuffix(" islands").removesuffix(" island").removesuffix("群島").removesuffix("島")
    text = text.removeprefix("острова ").removeprefix("остров ")
    return ROMAJI_SUFFIX.sub("", text).strip()


def place_names(place_id: str) -> set[str]:
    """Every way a learner may write a place: either half of 'Iturup/Etorofu', Japanese, romaji, Russian, id."""
    row = place(place_id)
    names = {place_id, *row.name_en.split("/"), row.name_en, row.name_ja, row.name_ja_romaji, row.name_ru}
    return {normalised(name) for name in names if name}


def figure_value(figure_id: str) -> float:
    return float(load_table("figures").set_index("id").at[figure_id, "value"])


def as_list(answer: object) -> list | None:
    """The items of a list-like answer (a list, tuple, set, Series, Index or array) as a list; None otherwise."""
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, tuple, set)):
        return list(answer)
    return answer if isinstance(answer, list) else None


def single_value(answer: object) -> object:
    """The one item of a one-element list, tuple, Index or Series; anything else as it is."""
    if isinstance(answer, (pd.Series, pd.Index, list, tuple)) and len(answer) == 1:
        return list(answer)[0]
    return answer


def read_letters(answer: object) -> list[str] | None:
    """The letters an answer gives, in capitals: a list such as ["A", "C"], or text such as "AC", "A, C", "A; C" or
    "['A', 'C']" (one word is read letter by letter, several words word by word). None for an answer that is neither
    text nor a list of texts. Every exercise that takes letters reads them so."""
    if isinstance(answer, str):
        words = re.findall(r"[^\W_]+", answer)
        answer = list(words[0]) if len(words) == 1 else words
    items = as_list(answer)
    if items is None or not all(isinstance(item, str) for item in items):
        return None
    return [item.strip().upper() for item in items]


def as_date(answer: object) -> pd.Timestamp | None:
    """The day an answer gives: a Timestamp, a date, text such as '1956-12-12' or '12 December 1956', or a one-row
    Series or table with a date column; None if it gives no single day."""
    if isinstance(answer, pd.DataFrame):
        if len(answer) != 1 or "date" not in answer:
            return None
        answer = answer["date"].iloc[0]
    answer = single_value(answer)
    if isinstance(answer, str) and answer.strip() and not answer.strip().isdigit():
        try:
            answer = pd.Timestamp(answer.strip())
        except ValueError:
            return None
    if isinstance(answer, (pd.Timestamp, datetime.date)) and not pd.isna(answer):
        return pd.Timestamp(answer).normalize()
    return None


def is_a_year(answer: object) -> bool:
    value = as_single_number(single_value(answer)) if not isinstance(answer, str) else None
    text = answer.strip() if isinstance(answer, str) else ""
    return (value is not None and 1800 < value < 2100) or (text.isdigit() and len(text) == 4)


KM_PER_MILE = 1.609344


def near(value: float, target: float, share: float) -> bool:
    """True when `value` is within `share` (0.02 = 2 %) of `target`."""
    return abs(value - target) <= share * abs(target)


def km_between(first: str, second: str) -> float:
    """The great-circle distance in kilometres between two places of the places table."""
    a, b = place(first), place(second)
    return float(haversine_km(a.lat, a.lon, b.lat, b.lon))


def read_number(answer: object, message: str) -> float:
    """The one number an answer gives (a number, or a one-element list, array or Series). Text, several numbers,
    NaN or an infinity raise Unreadable with `message`, which says what to give: "Give one number of years, such as
    3.2."."""
    value = as_single_number(answer)
    if value is None or not math.isfinite(value):
        raise Unreadable(message)
    return value


def read_kilometres(answer: object, example: str, negative_ok: bool = False) -> float:
    """The number of kilometres an answer gives. Unreadable for an answer that gives none (text, a list of several,
    NaN, a negative distance unless `negative_ok`, as a margin may be). `example` is a number written as the learner
    might, for the message about text."""
    if isinstance(answer, str):
        raise Unreadable(f"Your answer is text. Give the distance as a number, e.g. {example} rather than "
                         f"'{example} km'.")
    value = as_single_number(answer)
    if value is None:
        raise Unreadable("Give one number: the distance in kilometres. If you computed a Series or list, "
                         "take its single value with .item().")
    if math.isnan(value):
        raise Unreadable("Your answer is NaN (not a number): check that both place ids are spelled as in the table.")
    if value < 0 and not negative_ok:
        raise Unreadable("A distance is never negative, and haversine_km always gives a positive number: pass it "
                         "the four coordinates (one place's latitude and longitude, then the other's) and subtract "
                         "nothing yourself.")
    return value


def unit_slip(value: float, expected_km: float, share: float) -> Feedback | None:
    """Feedback when a distance looks like the right one in metres or in miles; None otherwise."""
    if near(value, expected_km * 1000, share):
        return not_yet("That looks like metres. The exercise asks for kilometres: divide by 1000.")
    if near(value, expected_km / KM_PER_MILE, share):
        return not_yet("That looks like miles. The exercise asks for kilometres.")
    return None


DAYS_PER_YEAR = 365.25


def read_years(answer: object) -> float:
    """The number of years an answer gives. Unreadable for one that gives none (a Timedelta, text, NaN)."""
    if isinstance(answer, pd.Timedelta):
        raise Unreadable("That is a length of time in days (a Timedelta). Take its .days and divide by 365.25.")
    value = as_single_number(answer)
    if value is None or math.isnan(value):
        raise Unreadable("Give one number of years, such as 3.2.")
    return value


def years_slip(value: float, expected: float, tolerance: float) -> Feedback | None:
    """Feedback when a number of years is the right one with the wrong sign or still in days; None otherwise."""
    if abs(value + expected) <= tolerance:
        return not_yet("The right size but negative: subtract the earlier date from the later one.")
    if abs(value - expected * DAYS_PER_YEAR) <= tolerance * DAYS_PER_YEAR:
        return not_yet("That looks like days. Divide by 365.25 to get years.")
    return None


def number_forms(value: float, unit: str, decimals: int = 1) -> list[str]:
    """How a computed number could be read in a lesson's text: rounded as a learner would round it, with and
    without its unit. A whole number under 100 alone is too common in prose to count, so it comes with its unit."""
    rounded = f"{value:,.{decimals}f}"
    forms = {f"{rounded} {unit}", f"{value:,.0f} {unit}"}
    if decimals > 0:
        forms.add(rounded)
    if abs(value) >= 100:
        forms |= {f"{value:,.0f}", f"{value:.0f}"}
    return sorted(forms)


def map_with(location: tuple[float, float], zoom_start: float, circles: list[tuple[float, float]] = (),
             land_layer: str = "asia-pacific-land", height_px: int | None = None) -> folium.Map:
    """A fresh kit map with small circle markers, as an exercise's answer cell starts it: for the examples."""
    options = {"height_px": height_px} if height_px else {}
    fmap = base_map(location=location, zoom_start=zoom_start, land_layer=land_layer, **options)
    for point in circles:
        folium.CircleMarker(point, radius=6).add_to(fmap)
    return fmap
