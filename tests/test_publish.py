"""Instructor tools: student and instructor versions, offline slide decks, and the instructor guide."""
import html
import re

import nbformat
import pytest

from lessonkit import publish
from lessonkit.checks import kurils, start
from lessonkit.timelines import events_with_sources
from tests.browser import offline_page
from tests.conftest import LESSONS, ROOT, cells_tagged, read

KURILS = LESSONS / "03-kuril-islands.ipynb"
SHOTS = ROOT / "build" / "screenshots"


def test_student_version_has_no_solutions_notes_or_outputs():
    student = publish.student_version(read(KURILS))
    assert not cells_tagged(student, "solution") and not cells_tagged(student, "instructor")
    assert len(cells_tagged(student, "exercise")) == len(cells_tagged(student, "check")) == 4
    assert all(not cell.outputs for cell in student.cells if cell.cell_type == "code")


def test_instructor_version_unfolds_solutions_and_marks_notes():
    instructor = publish.instructor_version(read(KURILS))
    assert all(cell.source.startswith("<details open>") for cell in cells_tagged(instructor, "solution"))
    assert all("Instructor notes" in cell.source for cell in cells_tagged(instructor, "instructor"))
    assert len(instructor.cells) == len(read(KURILS).cells)


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    build = tmp_path_factory.mktemp("build")
    original, publish.BUILD = publish.BUILD, build
    try:
        yield publish.write_versions(), build
    finally:
        publish.BUILD = original


def test_versions_are_complete_folders_to_hand_out(versions):
    written, build = versions
    for kind in ("student", "instructor"):
        assert (build / kind / "data" / "datapackage.json").is_file()
        assert (build / kind / "lessons" / "lessonkit" / "exercises.py").is_file()
        assert sorted(p.name for p in (build / kind / "lessons").glob("*.ipynb")) == [
            p.name for p in publish.lesson_paths()]


def test_student_version_runs_and_gives_feedback(versions):
    _, build = versions
    lessons = build / "student" / "lessons"
    notebook = publish.execute(nbformat.read(lessons / KURILS.name, as_version=4), workdir=lessons)
    feedback = [o["data"]["text/plain"] for c in cells_tagged(notebook, "check") for o in c.outputs]
    assert len(feedback) == 4 and all(text.startswith("Not yet: ") for text in feedback)


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    return publish.export_slides(tmp_path_factory.mktemp("slides"))


def test_one_deck_per_lesson_with_its_files_beside_it(decks):
    assert [deck.name for deck in decks] == [f"{p.stem}.slides.html" for p in publish.lesson_paths()]
    vendor = decks[0].parent / "vendor"
    for needed in ["reveal.js/dist/reveal.js", "reveal.js/plugin/notes/notes.js", "leaflet/leaflet.js",
                   "jquery.min.js", "plotly.min.js"]:
        assert (vendor / needed).is_file(), needed


def test_decks_fetch_nothing_from_the_internet(decks):
    for deck in decks:
        page = deck.read_text(encoding="utf-8")
        maps = [html.unescape(doc) for doc in re.findall(r'srcdoc="(.*?)"', page, re.S)]
        assert not publish.remote_assets(page), deck.name
        assert all(not publish.remote_assets(doc) for doc in maps), deck.name


def test_instructor_notes_become_speaker_notes(decks):
    page = next(d for d in decks if d.name.startswith("03-")).read_text(encoding="utf-8")
    assert '<aside class="notes">' in page and "Strong answers" in page


@pytest.mark.browser
def test_deck_shows_map_and_chart_with_no_network(decks):
    deck = next(d for d in decks if d.name.startswith("03-"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with offline_page(serve_leaflet=False) as page:
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        assert page.evaluate("Reveal.getTotalSlides()") >= 20
        page.screenshot(path=str(SHOTS / "03-slides-title.png"))
        go_to = "sel => { const s = document.querySelector(sel).closest('section'); const i = Reveal.getIndices(s);" \
                " Reveal.slide(i.h, i.v); }"
        page.evaluate(go_to, ".reveal iframe")
        page.wait_for_timeout(1200)  # the slide transition
        frame = page.frame_locator(".reveal section.present iframe").first
        land = frame.locator("path[fill='#f3efe3']")
        assert land.count() >= 20, "the map's land did not draw"
        hokkaido = max((land.nth(i).bounding_box() or {"width": 0})["width"] for i in range(land.count()))
        assert hokkaido > 100, "the land is drawn but not visible on the slide"
        page.screenshot(path=str(SHOTS / "03-slides-map.png"))
        page.evaluate(go_to, ".reveal .plotly-graph-div")
        page.wait_for_timeout(1200)
        page.wait_for_selector(".reveal section.present .scatterlayer .point")
        points = page.locator(".reveal section.present .scatterlayer .point").count()
        assert points == len(events_with_sources("kurils"))
        page.screenshot(path=str(SHOTS / "03-slides-timeline.png"))


def test_instructor_guide_covers_every_lesson_and_answer_key():
    guide = (LESSONS / "instructor-guide.md").read_text(encoding="utf-8")
    for path in publish.lesson_paths():
        assert f"Lesson {path.name[:2]}" in guide, path.name
    for name in [*kurils.EXERCISES, *start.EXERCISES]:
        assert f"`{name}`" in guide, f"no answer key for {name}"
