"""The course plans (lessons/course-plans.md): their minutes and hours add up, and every lesson, section and exercise
they name exists."""
import re

import nbformat
import pytest

from lessonkit.paths import LESSONS, lesson_paths

LESSON_PATHS = lesson_paths()

PLANS = (LESSONS / "course-plans.md").read_text(encoding="utf-8")
CODES = {path.name.split("-")[0]: path for path in LESSON_PATHS}


def plan(heading: str) -> str:
    """The text of the plan under a `## ` heading that starts with `heading`."""
    sections = [s for s in re.split(r"^## ", PLANS, flags=re.M) if s.startswith(heading)]
    assert len(sections) == 1, f"one plan headed '## {heading}...'"
    return sections[0]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the first Markdown table in `text`, as lists of cells."""
    rows = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def headings(code: str) -> list[str]:
    notebook = nbformat.read(CODES[code], as_version=4)
    return [line for cell in notebook.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith("#")]


def test_the_workshop_adds_up_to_90_minutes():
    text = plan("A 90-minute workshop")
    minutes = [int(row[-1]) for row in table_rows(text)]
    assert sum(minutes) == 90
    assert "Total: 90 minutes" in text


def test_the_workshop_names_sections_and_exercises_its_lessons_have():
    for row in table_rows(plan("A 90-minute workshop")):
        for code, parts in re.findall(r"(\d\d[ab]?): ([^|]*?)(?=(?:, with|$))", row[1]):
            lesson = headings(code)
            for number in re.findall(r"exercise (\d)", parts):
                assert any(h.startswith(f"### Exercise {number}:") for h in lesson), f"{code} has no exercise {number}"
            for number in re.findall(r"section (\d)", parts):
                assert any(h.startswith(f"## {number}. ") for h in lesson), f"{code} has no section {number}"
            for title in re.findall(r"\*([^*]+)\*", parts):
                assert any(h.lstrip("# ") == title for h in lesson), f"{code} has no section '{title}'"


def test_the_module_teaches_every_lesson_once_over_five_weeks():
    text = plan("A five-week module")
    rows = table_rows(text)
    assert [row[0] for row in rows] == ["1", "2", "3", "4", "5"]
    taught = ["00"] + [re.match(r"(\d\d[ab]?) ·", cell).group(1) for row in rows for cell in row[1:3]]
    assert "lesson 00 is done at home" in text
    assert sorted(taught) == sorted(CODES), "every lesson once: 00 at home, two a week"


def test_the_self_paced_path_takes_every_lesson_once_and_its_hours_add_up():
    text = plan("A self-paced path")
    rows = table_rows(text)
    lessons = [code for row in rows for code in re.findall(r"\d\d[ab]?", row[1])]
    assert sorted(lessons) == sorted(CODES)
    hours = sum(int(row[2]) for row in rows)
    assert f"Total: {hours} hours" in text
    assert hours == pytest.approx(len(CODES), abs=1), "about an hour a lesson"


def test_every_rubric_adds_up_to_ten_points():
    rubric = plan("The final assignment")
    criteria = table_rows(rubric.split("**Rubric", 1)[1])
    assert len(criteria) * 2 == 10 and "8–10 is strong" in rubric
