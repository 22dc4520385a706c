import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
DATA = ROOT / "data"
KURILS_HISTORY_LESSON = "03a-kurils-history-and-law.ipynb"
KURILS_MAP_LESSON = "03b-kurils-map-and-data.ipynb"
sys.path.insert(0, str(LESSONS))  # the notebooks import lessonkit from their own folder; so do the tests


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def cells_tagged(notebook, tag):
    return [cell for cell in notebook.cells if tag in cell.metadata.get("tags", [])]


def solution_code(cell) -> str:
    return re.search(r"```python\n(.*?)```", cell.source, re.S).group(1)


def with_solutions(notebook):
    """The notebook with each answer cell replaced by the solution that follows it."""
    answers, solutions = cells_tagged(notebook, "answer"), cells_tagged(notebook, "solution")
    for answer, solution in zip(answers, solutions, strict=True):
        answer.source = solution_code(solution)
    return notebook


@pytest.fixture(scope="session")
def solved_lessons():
    """Every lesson with exercises, run top to bottom with every solution filled in; each runs once, when first
    asked for, and the run is shared by the tests that need it."""
    from lessonkit.publish import execute

    runs = {}

    def solved(name: str) -> nbformat.NotebookNode:
        if name not in runs:
            runs[name] = execute(with_solutions(read(LESSONS / name)))
        return runs[name]
    return solved


@pytest.fixture(scope="session")
def solved_kurils_lesson(solved_lessons):
    """Lesson 03b, the Kurils map lesson, solved: its map is the one the browser tests look at."""
    return solved_lessons(KURILS_MAP_LESSON)


@pytest.fixture(scope="session")
def built_site():
    """build/site/, as `python3 kit.py site` writes it, built once per test run from the lessons' shared runs."""
    from lessonkit import site
    from tests.browser import executed_lesson
    return site.build(run=executed_lesson).parent


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of data/, for tests that corrupt a file."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def pytest_collection_modifyitems(config, items):
    from tests.browser import chromium_path
    if chromium_path() or os.environ.get("CI"):
        return  # in CI a missing browser must fail, not skip
    skip = pytest.mark.skip(reason="no Chromium found: install the Debian package chromium or set KIT_CHROMIUM")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
