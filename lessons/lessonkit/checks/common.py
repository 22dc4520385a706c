"""What several lessons' checks share: reading places, events and dates, and every way a learner may name a place."""
import datetime
import re

import pandas as pd

from ..data import load_table
from ..exercises import as_single_number


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


def single_value(answer: object) -> object:
    """The one item of a one-element list, tuple, Index or Series; anything else as it is."""
    if isinstance(answer, (pd.Series, pd.Index, list, tuple)) and len(answer) == 1:
        return list(answer)[0]
    return answer


def as_date(answer: object) -> pd.Timestamp | None:
    """The day an answer gives: a Timestamp, a date, text such as '1956-12-12' or '12 December 1956', or a one-row
    Series or table with a date column; None if it gives no single day."""
    if isinstance(answer, pd.DataFrame):
        if len(answer) != 1 or "date" not in answer:
            return None
        answer = answer["date"].iloc[0]
    answer = single_value(answer)
    if isinstance(answer, (pd.Timestamp, datetime.date)):
        return pd.Timestamp(answer).normalize()
    if isinstance(answer, str) and not answer.strip().isdigit():
        try:
            return pd.Timestamp(answer.strip()).normalize()
        except ValueError:
            return None
    return None


def is_a_year(answer: object) -> bool:
    value = as_single_number(single_value(answer)) if not isinstance(answer, str) else None
    text = answer.strip() if isinstance(answer, str) else ""
    return (value is not None and 1800 < value < 2100) or (text.isdigit() and len(text) == 4)
