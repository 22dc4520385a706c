"""The shape of a lesson's manifest: what the lesson shows and what its guide says, declared once, at the end of the
lesson's checks module (its `MANIFEST`), and read by every test that looks at one lesson after another (JupyterLab,
the exported pages, the slide decks, the site's charts, the guide's answer keys, the answers not readable above
their exercises, the idioms taught).

Figures that restate data are computed from data/ when a test asks for them, never when a lesson imports its
checks: a learner's `from lessonkit.checks... import check` does none of this work.
"""
import importlib
import pkgutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from ..data import load_table
from ..exercises import Exercise

LEAFLET_BLUE = "#3388ff"  # a folium marker's colour unless the lesson gives one
OSM_LAYER = "OpenStreetMap (needs internet)"  # every kit map offers it, switched off (lessonkit.maps.base_map)


@dataclass(frozen=True)
class MapShows:
    markers: dict[str, int] = field(default_factory=dict)  # circle markers by colour
    lines: dict[str, int] = field(default_factory=dict)    # other shapes by colour
    layers: tuple[str, ...] = ()                            # the layer control's overlays, top to bottom


@dataclass(frozen=True)
class ChartShows:
    traces: int
    points: int


@dataclass(frozen=True)
class LessonShows:
    """Every map and chart of a lesson after Run All (exercises unanswered), each in the order of the outputs."""
    maps: list[MapShows] = field(default_factory=list)
    charts: list[ChartShows] = field(default_factory=list)


@dataclass(frozen=True)
class Manifest:
    """lesson      the notebook's name without `.ipynb`
    shows       what its maps and charts show after Run All, computed from data/
    exercises   its exercises (each declares its `giveaways`: none may be readable above the exercise)
    guide_keys  for each exercise, the texts its row in the guide's answer key must state, computed from data/
    taught      the Python idioms it teaches, as tests/idioms.py names them: a lesson uses only what it or a lesson
                before it teaches, and its Markdown names each idiom it teaches
    """
    lesson: str
    shows: Callable[[], LessonShows]
    exercises: dict[str, Exercise]
    guide_keys: Callable[[], dict[str, list[str]]]
    taught: list[str]


def markers(places: dict[str, list[str]]) -> dict[str, int]:
    """Circle markers by colour, for the ids of data/places.csv each colour marks; an id not there is refused."""
    unknown = sorted({place for ids in places.values() for place in ids} - set(load_table("places")["id"]))
    if unknown:
        raise ValueError(f"not in data/places.csv: {unknown}")
    return {colour.lower(): len(ids) for colour, ids in places.items()}


def line_colours(features: list[dict]) -> dict[str, int]:
    """Shapes by colour, for treaty lines drawn in lessonkit.maps.LINE_COLOURS."""
    from ..maps import LINE_COLOURS
    return dict(Counter(LINE_COLOURS[feature["properties"]["id"]].lower() for feature in features))


SHARED_MODULES = {"common", "manifest"}  # what the lessons' checks modules share; every other module is a lesson's


def lesson_modules() -> list:
    """Every lesson's checks module in lessonkit/checks/, in file order."""
    from . import __path__ as checks_path
    return [importlib.import_module(f"{__package__}.{info.name}") for info in pkgutil.iter_modules(checks_path)
            if info.name not in SHARED_MODULES]


def manifests() -> dict[str, Manifest]:
    """Every lesson's manifest, by lesson: one from each lesson's checks module."""
    modules = lesson_modules()
    missing = [module.__name__ for module in modules if not isinstance(getattr(module, "MANIFEST", None), Manifest)]
    if missing:
        raise LookupError(f"checks modules without a MANIFEST at their end: {missing}")
    return {module.MANIFEST.lesson: module.MANIFEST for module in modules}
