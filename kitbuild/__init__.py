"""The kit's build tools, run through kit.py and never imported by a lesson or shipped in a hand-out.

`publish` (running lessons, stored outputs, student and instructor versions, slide decks), `export` (lesson web
pages), `site` (the website), `prepare` (what each of those makes of a notebook: the one place that drops cells,
rewrites links, turns charts into HTML and points outputs at their offline copies), `vendor` (the browser files maps,
charts and decks load), `glossary` (links a lesson's terms to the glossary) and `clean` (lessons as shipped).

Paths come from the learners' `lessonkit/paths.py` and plotly's output type from `lessonkit/charts.py`, each loaded
by its file (both need only the standard library): importing lessonkit itself would need pandas, and `clean` and
kit.py run before anything is installed.
"""
import importlib.util
import sys
from pathlib import Path


def _load_learner_module(name: str):
    spec = importlib.util.spec_from_file_location(
        f"{__name__}.{name}", Path(__file__).resolve().parents[1] / "lessons" / "lessonkit" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


paths = _load_learner_module("paths")
charts = _load_learner_module("charts")
