"""Where the kit keeps its things: the one owner of every path the helpers, the build tools, kit.py and the tests use.

Standard library only, so kit.py and the build tools (kitbuild) load this file before anything is installed, without
importing the rest of lessonkit (which needs pandas). In a hand-out (build/student/), ROOT is the hand-out's folder.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
LESSONS = ROOT / "lessons"
ASSETS = ROOT / "assets"
# Where the builds go: build/ for whoever runs kit.py. The tests set KIT_BUILD_DIR (a folder inside the kit), so a
# test run never replaces an instructor's build/slides or build/student.
BUILD = ROOT / os.environ.get("KIT_BUILD_DIR", "build")

# Pages the lessons link to.
GLOSSARY = LESSONS / "glossary.md"
COURSE_PLANS = LESSONS / "course-plans.md"  # the workshop, module and self-paced plans, which lesson 00 links
ROLE_BRIEFS = LESSONS / "09-roles"  # the capstone's role briefs, which lesson 09 links
INSTRUCTOR_GUIDE = LESSONS / "instructor-guide.md"  # it holds the answer keys: never in a student's hand-out

# Leaflet and jQuery for offline maps, copied from their PyPI packages by `python -m kitbuild.vendor`; kit.py passes
# SERVED_ASSETS to JupyterLab as an extra static path, so the files are served at {base URL}static/kit/.
SERVED_ASSETS = ASSETS / "vendor"
MAP_ASSETS = SERVED_ASSETS / "kit"
JUPYTERLAB_OVERRIDES = ASSETS / "jupyterlab" / "overrides.json"  # no news pop-up over a projected lesson


def lesson_paths() -> list[Path]:
    """The lessons, in the learning path's order."""
    return sorted(LESSONS.glob("[0-9][0-9]*-*.ipynb"))


def learner_pages() -> list[Path]:
    """The Markdown pages learners open from the lessons: the glossary, the course plans, the role briefs."""
    return [GLOSSARY, COURSE_PLANS, *sorted(ROLE_BRIEFS.glob("*.md"))]


def learner_page_names() -> list[str]:
    """The learner pages as a lesson's link names them, without `.md`: glossary, course-plans, 09-roles/japan..."""
    return [page.relative_to(LESSONS).with_suffix("").as_posix() for page in learner_pages()]
