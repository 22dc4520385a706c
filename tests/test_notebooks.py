"""The lessons as files: clean in git, built to the kit's anatomy, solutions that pass, and nbval that can fail.

nbval itself runs every lesson (pytest.ini adds lessons/ and --nbval-lax); these tests cover what it cannot.
"""
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import nbformat
import pytest

from kitbuild.publish import CHECKED_TAG
from lessonkit.data import load_table
from lessonkit.paths import lesson_paths
from tests.conftest import DATA, KURILS_HISTORY_LESSON, KURILS_MAP_LESSON, LESSONS, ROOT, cells_tagged, read
from tests.lessons import NBVAL_CELLS, nbval_run, solved_lesson

LESSON_PATHS = lesson_paths()
EXERCISE_LESSONS = [path for path in LESSON_PATHS if "import check" in path.read_text(encoding="utf-8")]
DOCUMENTATION_SITES = ("pandas.pydata.org", "python-visualization.github.io", "plotly.com", "jupyter.org",
                       "jupyterlab.readthedocs.io", "numpy.org", "docs.python.org", "mybinder.org",
                       "creativecommons.org", "www.naturalearthdata.com")
PERSONAL_PATHS = re.compile(r"(/home/\w+|/Users/\w+|C:\\\\Users|/root/|/work/|/tmp/)")


def test_the_planned_first_lessons_exist():
    names = [path.name for path in LESSON_PATHS]
    assert names[0] == "00-start-here.ipynb"
    assert KURILS_HISTORY_LESSON in names and KURILS_MAP_LESSON in names


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_lesson_is_clean_in_git(path):
    notebook = read(path)
    assert notebook.metadata.kernelspec.name == "python3"
    assert path.stat().st_size < 150_000
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        checked = CHECKED_TAG in cell.metadata.get("tags", [])
        assert "execution" not in cell.metadata, f"cell {index} stores run timestamps"
        assert all(output.output_type != "error" for output in cell.outputs), f"cell {index} stores an error"
        if not checked:
            assert not cell.outputs and cell.execution_count is None, f"cell {index} stores an unchecked output"
    assert not PERSONAL_PATHS.search(path.read_text(encoding="utf-8")), "a personal path is stored"


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_lesson_follows_the_anatomy(path):
    notebook = read(path)
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert notebook.cells[0].source.startswith("# "), "one title first"
    assert sum(line.startswith("# ") for line in markdown.splitlines()) == 1
    for heading in ["## Overview", "## Summary", "### What's next?"]:
        assert heading in markdown, f"missing {heading}"
    assert all("slideshow" in cell.metadata for cell in notebook.cells), "every cell carries slideshow metadata"


SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_slides_are_chosen_for_teaching(path):
    notebook = read(path)
    for index, cell in enumerate(notebook.cells):
        kind, tags = cell.metadata["slideshow"]["slide_type"], set(cell.metadata.get("tags", []))
        assert kind in SLIDE_TYPES, f"cell {index}: {kind}"
        if tags & {"map", "chart"}:  # a figure gets a slide of its own, its code at most two lines (made above)
            assert kind == "subslide" and len(cell.source.splitlines()) <= 2, f"cell {index}"
        if "answer" in tags:  # an answer that draws a map opens a subslide of its own, so the map fits
            assert kind in {"fragment", "subslide"}, f"cell {index}: exercises unfold as fragments"
        if "check" in tags:
            assert kind == "fragment", f"cell {index}: exercises unfold as fragments"
        if tags & {"hint", "solution"}:  # a subslide of their own when the exercise fills its slide
            assert kind in {"fragment", "subslide"}, f"cell {index}: hints and solutions unfold"
        if "instructor" in tags:
            assert kind == "notes", f"cell {index}: instructor notes are speaker notes"
        if cell.source.strip() == "---":
            assert kind == "skip", f"cell {index}: dividers are not slides"
    headings = [cell for cell in notebook.cells if cell.source.startswith("## ")]
    assert all(cell.metadata["slideshow"]["slide_type"] == "slide" for cell in headings), "one idea per slide"


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_code_lines_fit_a_projected_slide(path):
    long_lines = [line for cell in read(path).cells if cell.cell_type == "code"
                  for line in cell.source.splitlines() if len(line) > 100]
    assert not long_lines, long_lines


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_every_cited_address_is_in_the_sources_table(path):
    known = set(load_table("sources")["url"])
    markdown = "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "markdown")
    cited = set(re.findall(r"\]\((https?://[^)\s]+)\)", markdown))
    unlisted = {url for url in cited if url not in known and not url.split("/")[2].endswith(DOCUMENTATION_SITES)}
    assert not unlisted, f"cite these through data/sources.csv: {sorted(unlisted)}"


@pytest.mark.parametrize("path", EXERCISE_LESSONS, ids=lambda p: p.name)
def test_every_exercise_has_answer_check_hint_and_solution(path):
    notebook = read(path)
    counts = {tag: len(cells_tagged(notebook, tag)) for tag in ["exercise", "answer", "check", "hint", "solution"]}
    assert counts["exercise"] >= 1 and len(set(counts.values())) == 1, counts
    for cell in cells_tagged(notebook, "solution"):
        assert cell.source.count("<details>") == cell.source.count("</details>") == 1
    for cell in cells_tagged(notebook, "hint"):
        assert cell.source.count("<details>") == cell.source.count("</details>") >= 2, "hints come in steps"


@pytest.mark.parametrize("path", EXERCISE_LESSONS, ids=lambda p: p.name)
def test_a_lesson_has_at_least_three_exercises(path):
    assert len(cells_tagged(read(path), "exercise")) >= 3


def feedback_texts(notebook):
    return [output["data"]["text/plain"] for cell in cells_tagged(notebook, "check") for output in cell.outputs
            if output.output_type == "execute_result"]


@pytest.mark.parametrize("path", EXERCISE_LESSONS, ids=lambda p: p.name)
def test_solutions_pass_their_checks(path):
    solved, _ = solved_lesson(path.name)
    texts = feedback_texts(solved)
    assert len(texts) == len(cells_tagged(solved, "check")) >= 3
    assert all(text.startswith(("Correct: ", "Form checked: ")) for text in texts), texts


@pytest.mark.parametrize("path", EXERCISE_LESSONS, ids=lambda p: p.name)
def test_unanswered_exercises_give_feedback_not_errors(path):
    texts = feedback_texts(read(path))  # the stored, checked outputs of the lesson as shipped
    assert texts and all(text.startswith("Not yet: ") for text in texts), texts


def test_nbval_fails_when_the_data_changes(tmp_path):
    """Prove the checked outputs check something: drop one event and nbval must report a difference."""
    shutil.copytree(LESSONS, tmp_path / "lessons", ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    shutil.copytree(DATA, tmp_path / "data")
    events = tmp_path / "data" / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(i for i, line in enumerate(lines) if ",kurils," in line)
    events.write_text("".join(lines[:dropped] + lines[dropped + 1:]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider", "-q",
         "-c", "/dev/null", str(tmp_path / "lessons" / KURILS_MAP_LESSON)],
        capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "Cell outputs differ" in result.stdout
    kurils_events = len(load_table("events").query("theme == 'kurils'"))
    changed = f"({len(load_table('places'))}, {kurils_events - 1})"
    assert changed in result.stdout  # the changed count, as nbval reports it


def nbval_cell(*outputs) -> SimpleNamespace:
    """An nbval cell item after its run, as nbval_run reads it."""
    return SimpleNamespace(parent=SimpleNamespace(timed_out=False), test_outputs=list(outputs))


def test_the_unanswered_run_is_nbvals_as_a_notebook_shows_it(tmp_path, monkeypatch):
    """What nbval received for each cell, numbered as a kernel numbers cells (nbval's kernel numbers none), with the
    value of a cell ending in `;` hidden; no run when a cell of the lesson did not run or stopped with an error."""
    lesson = tmp_path / "lesson.ipynb"
    cells = [nbformat.v4.new_markdown_cell("# A lesson"), nbformat.v4.new_code_cell("print('hi')\n1 + 1"),
             nbformat.v4.new_code_cell(""), nbformat.v4.new_code_cell("2 + 2;  # quiet")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), lesson)
    value = {"text/plain": "2"}
    ran = [nbval_cell(nbformat.v4.new_output("stream", text="hi\n"),
                      nbformat.v4.new_output("execute_result", data=value, execution_count=0)),
           nbval_cell(), nbval_cell(nbformat.v4.new_output("execute_result", data={"text/plain": "4"}))]
    monkeypatch.setitem(NBVAL_CELLS, lesson.resolve(), ran)
    run = nbval_run(lesson)
    assert [cell.get("execution_count") for cell in run.cells] == [None, 1, None, 2]
    assert run.cells[1].outputs == [nbformat.v4.new_output("stream", text="hi\n"),
                                    nbformat.v4.new_output("execute_result", data=value, execution_count=1)]
    assert run.cells[3].outputs == []
    ran[1].test_outputs = None  # skipped, deselected or not run yet
    assert nbval_run(lesson) is None
    ran[1].test_outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="x", traceback=[])]
    assert nbval_run(lesson) is None


def test_store_outputs_keeps_only_checked_cells(tmp_path):
    from kitbuild.publish import keep_checked_outputs
    notebook = read(LESSONS / KURILS_MAP_LESSON)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", text="x")]
            cell.execution_count = 99
    kept = keep_checked_outputs(notebook)
    checked = [cell for cell in kept.cells if cell.cell_type == "code" and cell.outputs]
    assert checked == cells_tagged(kept, CHECKED_TAG)
    assert [cell.execution_count for cell in checked] == list(range(1, len(checked) + 1))


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 kit.py test" in readme and "python3 kit.py lab" in readme
    assert "\npython3 kit.py test\n" in ci or ci.rstrip().endswith("python3 kit.py test")


# One class, objectives that are tested, notes a learner opens only by choice --------------------------------------

LENGTH = re.compile(r"\*\*Length:\*\* one (\d+)-minute class \((\d+) minutes of teaching, (\d+) of exercises, "
                    r"(\d+) of discussion\)\.")


def lesson_code(path) -> str:
    return path.name.split("-")[0]


def guide_section(code: str) -> str:
    guide = (LESSONS / "instructor-guide.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", guide, flags=re.M)
    matching = [section for section in sections if section.startswith(f"Lesson {code} ")]
    assert len(matching) == 1, f"the instructor guide needs one section headed '## Lesson {code} · ...'"
    return matching[0]


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_lesson_states_one_class_length_and_the_guide_says_the_same(path):
    overview = "\n".join(cell.source for cell in cells_tagged(read(path), "objectives"))
    stated = LENGTH.findall(overview)
    assert len(stated) == 1, "the Overview states one **Length:** in the kit's words"
    total, *parts = map(int, stated[0])
    assert total == sum(parts) and 50 <= total <= 60, stated
    section = guide_section(lesson_code(path))
    assert LENGTH.findall(section) == stated, "the guide states the same length, in the same words"
    table_minutes = [int(m) for row in re.findall(r"^\|(.+)\|$", section, flags=re.M)
                     for m in re.findall(r"\|\s*(\d+)\s*(?=\|)", f"|{row}|")]
    assert sum(table_minutes) == total, f"the guide's timing table adds up to {sum(table_minutes)}, not {total}"


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_every_objective_is_tested_by_an_exercise_or_marked_for_discussion(path):
    notebook = read(path)
    objectives = re.findall(r"^\d+\. (.+?)(?=^\d+\. |^#|\Z)",
                            cells_tagged(notebook, "objectives")[0].source, flags=re.M | re.S)
    exercises = {int(n) for cell in cells_tagged(notebook, "exercise")
                 for n in re.findall(r"^### Exercise (\d+):", cell.source, flags=re.M)}
    assert objectives and exercises == set(range(1, len(exercises) + 1))
    tested = set()
    for objective in objectives:
        marker = re.search(r"\*\((Exercise (\d+)|Discussion)\)\*\s*$", objective.strip())
        assert marker, f"say how this objective is met: {objective.strip()[:60]}"
        if marker.group(2):
            assert int(marker.group(2)) in exercises, marker.group(0)
            tested.add(int(marker.group(2)))
    assert tested == exercises, f"exercises no objective names: {sorted(exercises - tested)}"
    if any(objective.strip().endswith("*(Discussion)*") for objective in objectives):
        assert any(cell.source.startswith("## Discussion") for cell in notebook.cells)


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_instructor_notes_stay_folded_for_learners(path):
    for cell in cells_tagged(read(path), "instructor"):
        assert cell.source.lstrip().startswith("<details>") and cell.source.rstrip().endswith("</details>")


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_links_between_lessons_lead_somewhere(path):
    markdown = "\n".join(cell.source for cell in read(path).cells if cell.cell_type == "markdown")
    for target in re.findall(r"\]\(([\w.-]+\.(?:ipynb|md))\)", markdown):
        assert (LESSONS / target).exists(), f"{path.name} links {target}, which does not exist"


LOADED_WORDS = re.compile(r"\bgift\b|\bBorders? \(approximate\)|drew and redrew the border", re.I)


@pytest.mark.parametrize("path", [*LESSON_PATHS, LESSONS / "instructor-guide.md"], ids=lambda p: p.name)
def test_lessons_avoid_loaded_words_and_call_the_1945_line_what_it_is(path):
    if path.suffix == ".ipynb":
        text = " ".join(" ".join(cell.source.split()) for cell in read(path).cells)
    else:
        text = " ".join(path.read_text(encoding="utf-8").split())
    assert not LOADED_WORDS.findall(text)
    if "kurils" in path.name:
        assert "line of control" in text and re.search(r"does not recognise (it )?as a border", text)


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_the_imports_cell_says_what_to_do_without_the_kit(path):
    """A notebook opened outside the kit fails at its first `from lessonkit`: the comment above it, which IPython
    shows in the ModuleNotFoundError, says how to open it."""
    imports = next(cell for cell in read(path).cells if cell.cell_type == "code" and "from lessonkit" in cell.source)
    before = imports.source.split("\nfrom lessonkit", 1)[0]
    assert "No module named 'lessonkit'" in before and "python3 kit.py lab" in before
