"""Instructor tools: student and instructor versions, offline slide decks, and the instructor guide."""
import re

import nbformat
import pytest

from kitbuild import publish
from kitbuild.prepare import prepare, remote_assets
from lessonkit.checks.manifest import manifests
from lessonkit.paths import INSTRUCTOR_GUIDE, lesson_paths
from tests.conftest import KURILS_MAP_LESSON, LESSONS, cells_tagged, read
from tests.lessons import executed_lesson, map_pages

KURILS = LESSONS / KURILS_MAP_LESSON
LESSON_IDS = {"ids": lambda path: path.stem}
MANIFESTS = manifests()


def test_student_version_has_no_solutions_notes_or_outputs():
    student = prepare(read(KURILS), "student")
    assert not cells_tagged(student, "solution") and not cells_tagged(student, "instructor")
    exercises = len(cells_tagged(read(KURILS), "exercise"))
    assert exercises and len(cells_tagged(student, "exercise")) == len(cells_tagged(student, "check")) == exercises
    assert all(not cell.outputs for cell in student.cells if cell.cell_type == "code")


def test_instructor_version_unfolds_solutions_and_marks_notes():
    instructor = prepare(read(KURILS), "instructor")
    assert all(cell.source.startswith("<details open>") for cell in cells_tagged(instructor, "solution"))
    assert all("Instructor notes" in cell.source for cell in cells_tagged(instructor, "instructor"))
    assert len(instructor.cells) == len(read(KURILS).cells)


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    build = tmp_path_factory.mktemp("build")
    return publish.write_versions(build), build


def test_versions_are_complete_folders_to_hand_out(versions):
    written, build = versions
    for kind in ("student", "instructor"):
        assert (build / kind / "data" / "datapackage.json").is_file()
        assert (build / kind / "lessons" / "lessonkit" / "exercises.py").is_file()
        assert sorted(p.name for p in (build / kind / "lessons").glob("*.ipynb")) == [
            p.name for p in lesson_paths()]
        helpers = (build / kind / "lessons" / "lessonkit").rglob("*.py")
        importing = [path.name for path in helpers
                     if re.search(r"^\s*(from|import)\s+kitbuild\b", path.read_text(encoding="utf-8"), re.M)]
        assert not importing, f"{importing} import the build tools, which hand-outs leave out"


def test_student_version_runs_and_gives_feedback(versions):
    _, build = versions
    lessons = build / "student" / "lessons"
    notebook = publish.execute(nbformat.read(lessons / KURILS.name, as_version=4), workdir=lessons)
    feedback = [o["data"]["text/plain"] for c in cells_tagged(notebook, "check") for o in c.outputs]
    assert len(feedback) == len(cells_tagged(notebook, "check")) > 0
    assert all(text.startswith("Not yet: ") for text in feedback)


def test_every_link_in_the_student_version_leads_somewhere(versions):
    _, build = versions
    lessons = build / "student" / "lessons"
    for path in lessons.glob("*.ipynb"):
        markdown = "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "markdown")
        for target in re.findall(r"\]\(([\w.-]+\.(?:ipynb|md))(?:#[\w-]+)?\)", markdown):
            assert (lessons / target).exists(), f"{path.name} links {target}"


def test_instructor_version_has_the_instructor_guide_and_the_student_version_not(versions):
    written, build = versions
    guide = build / "instructor" / "lessons" / INSTRUCTOR_GUIDE.name
    assert guide in written and guide.read_bytes() == INSTRUCTOR_GUIDE.read_bytes()
    assert not list((build / "student").rglob("*instructor*")), "the guide holds the answer keys"


BARE_REPR = re.compile(r"^<[\w.]+ (object )?at 0x[0-9a-f]+>$")


def bare_reprs(notebook, name: str) -> list[str]:
    """Outputs shown as a bare repr: `<folium.map.LayerControl object at 0x...>` from a cell ending in `.add_to(m)`,
    `Ellipsis` from an answer cell holding only `...`. Only outputs shown as plain text count: a map's text/plain
    `<folium.folium.Map at 0x...>` sits behind the map's HTML."""
    bare = []
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/plain", "").strip()
            if set(data) == {"text/plain"} and (BARE_REPR.match(text) or text == "Ellipsis"):
                first_line = (cell.source.strip().splitlines() or [""])[0]
                bare.append(f"{name} cell {number} (id {cell.get('id')}, \"{first_line}\"): {text}")
    return bare


@pytest.mark.parametrize("lesson", lesson_paths(), **LESSON_IDS)
def test_no_cell_shows_a_bare_object_repr(lesson):
    """Noise on a slide and in the notebook: end such a line with `;`, or show the map itself."""
    bare = bare_reprs(executed_lesson(lesson), lesson.name)
    assert not bare, "cells whose output is a bare repr:\n" + "\n".join(bare)


def test_bare_repr_check_catches_layers_and_ellipsis_but_not_maps():
    def cell(source, **data):
        return nbformat.v4.new_code_cell(source, outputs=[nbformat.v4.new_output("execute_result", data=data)])
    notebook = nbformat.v4.new_notebook(cells=[
        cell("folium.LayerControl().add_to(m)", **{"text/plain": "<folium.map.LayerControl object at 0x7f3a2c>"}),
        cell("answer = ...\n...", **{"text/plain": "Ellipsis"}),
        cell("m", **{"text/html": "<iframe></iframe>", "text/plain": "<folium.folium.Map at 0x7f3a2c>"}),
        cell("len(places)", **{"text/plain": "81"})])
    found = bare_reprs(notebook, "lesson")
    assert [line.split(" (id")[0] for line in found] == ["lesson cell 1", "lesson cell 2"]
    assert found[0].endswith('"folium.LayerControl().add_to(m)"): <folium.map.LayerControl object at 0x7f3a2c>')
    assert found[1].endswith('"answer = ..."): Ellipsis')


@pytest.fixture(scope="module")
def decks(slide_decks):
    return list(slide_decks.values())


def test_one_deck_per_lesson_with_its_files_beside_it(decks):
    assert [deck.name for deck in decks] == [f"{p.stem}.slides.html" for p in lesson_paths()]
    assert sorted(decks[0].parent.glob("*.slides.html")) == decks, "a deck of a lesson that no longer exists"
    vendor = decks[0].parent / "vendor"
    for needed in ["reveal.js/dist/reveal.js", "reveal.js/plugin/notes/notes.js", "leaflet/leaflet.js",
                   "jquery.min.js", "plotly.min.js"]:
        assert (vendor / needed).is_file(), needed


def test_decks_fetch_nothing_from_the_internet(decks):
    for deck in decks:
        page = deck.read_text(encoding="utf-8")
        maps = map_pages(page)
        assert not remote_assets(page), deck.name
        assert all(not remote_assets(doc) for doc in maps), deck.name


def test_instructor_notes_become_speaker_notes(decks):
    page = next(d for d in decks if d.name == f"{KURILS.stem}.slides.html").read_text(encoding="utf-8")
    assert '<aside class="notes">' in page and "Strong answers" in page


def test_every_lesson_has_one_manifest():
    """The per-lesson tests loop over the lessons and read each one's manifest: a lesson without one fails them."""
    assert sorted(MANIFESTS) == sorted(path.stem for path in lesson_paths())


def answer_key_rows(lesson: str) -> dict[str, str]:
    """The rows of the answer key in the guide's section for `lesson` ("## Lesson 03a · ..."), by exercise."""
    guide = INSTRUCTOR_GUIDE.read_text(encoding="utf-8")
    sections = [section for section in re.split(r"^## ", guide, flags=re.M)
                if section.startswith(f"Lesson {lesson.split('-')[0]} ")]
    assert len(sections) == 1, f"the guide needs one section headed '## Lesson {lesson.split('-')[0]} · ...'"
    key = sections[0].partition("**Answer key**")[2]
    return dict(re.findall(r"^\| `([\w-]+)` \|(.*)$", key, flags=re.M))


@pytest.mark.parametrize("lesson", [path.stem for path in lesson_paths()])
def test_the_guides_answer_key_gives_each_exercise_its_answer_from_the_data(lesson):
    """Each exercise of the lesson has a row in its section's answer key, and the row states what the lesson's
    manifest computes from data/ (a corrected row in data/ makes the guide's key wrong until it is corrected too)."""
    manifest = MANIFESTS[lesson]
    keys, rows = manifest.guide_keys(), answer_key_rows(lesson)
    assert sorted(keys) == sorted(manifest.exercises), "the manifest's guide_keys name each exercise once"
    assert sorted(rows) == sorted(manifest.exercises), "the answer key has one row for each exercise, no other"
    stale = [f"{name}: {text!r}" for name, texts in keys.items() for text in texts
             if text.lower() not in rows[name].lower()]
    assert not stale, "the guide's answer key does not state: " + "; ".join(stale)
