"""The lessons as the tests read them: which exercise each check cell calls, the hints, and each lesson run once
per test run (unanswered, as a learner opens it: nbval's run; and solved, every cell run twice). No browser needed
here."""
import datetime
import functools
import html
import json
import re
from pathlib import Path

import nbformat
from IPython.core.displayhook import DisplayHook
from nbval.plugin import IPyNbCell

from kitbuild.publish import run_lesson
from lessonkit.charts import PLOTLY_MIMETYPE
from lessonkit.checks.manifest import lesson_modules
from lessonkit.paths import LESSONS, lesson_paths

CHECK_CALL = re.compile(r"""^check\(["']([\w-]+)["']\)""", re.M)
LEARNER_HIDDEN = {"hint", "solution", "instructor"}


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def exercise_cells(notebook) -> list[tuple[str, int]]:
    """(exercise name, index of its check cell), in lesson order."""
    return [(match, index) for index, cell in enumerate(notebook.cells)
            if "check" in tags(cell) for match in CHECK_CALL.findall(cell.source)]


def declared_exercises() -> dict:
    """Every exercise the checks modules declare, by name."""
    return {name: exercise for module in lesson_modules() for name, exercise in module.EXERCISES.items()}


@functools.cache
def checked_exercises() -> dict[str, str]:
    """Every exercise a lesson checks, with the lesson's file name."""
    return {name: path.name for path in lesson_paths() for name, _ in exercise_cells(read(path))}


def _hint_cell(name: str):
    notebook = read(LESSONS / checked_exercises()[name])
    index = dict(exercise_cells(notebook))[name]
    return next((cell for cell in notebook.cells[index:] if "hint" in tags(cell)), None)


def hint_texts(name: str) -> list[str]:
    """What a learner might paste from the exercise's hints: the whole text and each piece of code in it."""
    cell = _hint_cell(name)
    if cell is None:
        return []
    return [cell.source, *re.findall(r"`([^`\n]+)`", cell.source)]


# The unanswered run: nbval's -----------------------------------------------------------------------------------

# Each lesson's nbval items (one per code cell, in order), by the lesson's path: after nbval ran a cell, its item
# holds the outputs the kernel sent (`test_outputs`), and those are the lesson's unanswered run.
NBVAL_CELLS: dict[Path, list[IPyNbCell]] = {}


def nbval_first(items: list) -> list:
    """The collected items with nbval's first, so that each lesson's run exists before the tests that read it; each
    lesson's nbval items are kept for `nbval_run`."""
    nbval = [item for item in items if isinstance(item, IPyNbCell)]
    for item in nbval:
        NBVAL_CELLS.setdefault(item.path.resolve(), []).append(item)
    return nbval + [item for item in items if not isinstance(item, IPyNbCell)]


def _ran_cleanly(cells: list[IPyNbCell]) -> bool:
    """nbval ran every cell, none timed out and none stopped with an error (a cell skipped, deselected or not run
    yet has no outputs)."""
    return not cells[0].parent.timed_out and all(
        cell.test_outputs is not None and all(output.output_type != "error" for output in cell.test_outputs)
        for cell in cells)


def nbval_run(path: Path) -> nbformat.NotebookNode | None:
    """The lesson as nbval ran it in this test run, each code cell with the outputs nbval received and numbered as
    a kernel numbers it; None unless nbval ran every code cell of it cleanly."""
    notebook = read(path)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ran = NBVAL_CELLS.get(Path(path).resolve(), [])
    if not ran or len(ran) != len(code_cells) or not _ran_cleanly(ran):
        return None
    count = 0
    for cell, item in zip(code_cells, ran, strict=True):
        runs = bool(cell.source.strip())  # a blank cell nbclient does not run, and a kernel does not count
        count += runs
        cell.execution_count = count if runs else None
        cell.outputs = _as_a_notebook_shows(cell, nbformat.from_dict(item.test_outputs))
    return notebook


def _as_a_notebook_shows(cell, outputs: list) -> list:
    """nbval runs each cell outside the kernel's history (store_history=False), so IPython, which looks for a
    closing `;` in the last cell of its history, shows the value of a cell that ends in `;`, and numbers nothing:
    take that value out and number the result as a notebook does."""
    quiet = DisplayHook.semicolon_at_end_of_expression(cell.source)
    shown = [output for output in outputs if not (quiet and output.output_type == "execute_result")]
    for output in shown:
        if output.output_type == "execute_result":
            output.execution_count = cell.execution_count
    return shown


@functools.cache
def executed_lesson(path: Path) -> nbformat.NotebookNode:
    """The lesson at `path` run top to bottom as it stands (unanswered exercises and all), once per test run: nbval's
    run when nbval ran the whole lesson in this test run (tests/conftest.py orders it first), else a run of its own
    (as under `-k`, or when only tests/ run). Shared: read it, don't change it."""
    from_nbval = nbval_run(path)
    return run_lesson(path) if from_nbval is None else from_nbval


def learner_markdown(cell) -> str:
    """A Markdown cell's text for learners, folded parts included (a learner opens them in class): all but hints,
    solutions and notes."""
    return cell.source if cell.cell_type == "markdown" and not tags(cell) & LEARNER_HIDDEN else ""


def visible_markdown(cell) -> str:
    """What a learner reads of a Markdown cell without opening anything: hints, solutions and notes are folded."""
    return re.sub(r"<details>.*?</details>", " ", learner_markdown(cell), flags=re.S)




ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(T00:00:00(\.0+)?)?")


def _plotly_strings(value) -> list[str]:
    if isinstance(value, str):
        day = ISO_DAY.fullmatch(value)
        if day:  # a chart's date reads, on hover, as 09 Sep 2016: give it in every form a learner reads
            date = datetime.date.fromisoformat(day.group(1))
            return [day.group(1), date.strftime("%d %b %Y"), f"{date.day} {date:%B %Y}"]
        return [value.replace("<br>", " ")]  # a hover text wrapped into lines reads as one text
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in {"layout", "template"}
                for text in _plotly_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _plotly_strings(item)]
    return []


def map_pages(html_text: str) -> list[str]:
    """The page of each folium map in a piece of HTML: an iframe's srcdoc, unescaped."""
    return [html.unescape(page) for page in re.findall(r'srcdoc="([^"]*)"', html_text)]


def _html_text(page: str) -> str:
    page = re.sub(r"<details>.*?</details>", " ", page, flags=re.S)  # folded: read only by choice
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip()


def output_texts(cell, hover: bool = False) -> list[str]:
    """The text a learner can read in a code cell's outputs: printed text, tables and panels (folded parts left
    out); a map's picture has none; with `hover`, a chart's hover texts too."""
    texts = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if output.output_type == "stream":
            texts.append(output.text)
        elif "text/html" in data and "<iframe" not in data["text/html"]:
            texts.append(_html_text(data["text/html"]))
        elif "text/markdown" in data:
            texts.append(data["text/markdown"])
        elif PLOTLY_MIMETYPE in data:
            figure = data[PLOTLY_MIMETYPE]
            if hover:
                texts.extend(_plotly_strings(figure.get("data", [])))
            title = figure.get("layout", {}).get("title", {})
            texts.append(title.get("text", "") if isinstance(title, dict) else str(title))
        elif "text/plain" in data and "<folium" not in data["text/plain"]:
            texts.append(data["text/plain"])
    return texts


def learner_words(notebook) -> tuple[int, int]:
    """(words of Markdown, words of the outputs' text) a learner is sent to read in an executed lesson."""
    markdown = sum(len(visible_markdown(cell).split()) for cell in notebook.cells)
    outputs = sum(len(text.split()) for cell in notebook.cells for text in output_texts(cell))
    return markdown, outputs


def markdown_words_with_folds(notebook) -> int:
    """Words of Markdown for learners, folded parts included: what one class can hold, whatever is opened."""
    return sum(len(learner_markdown(cell).split()) for cell in notebook.cells)


# Run twice: a cell run a second time must do what it did once ------------------------------------------------------

# Counts every folium/branca element reachable from each variable's page: a layer, legend or control added twice
# by a second run shows as a larger count. Runs in the lesson's kernel and leaves no name behind.
ELEMENT_COUNT = """
def _kit_element_counts(namespace):
    import json
    import branca
    counts = {}
    for name, value in list(namespace.items()):
        if not name.startswith("_") and isinstance(value, branca.element.Element):
            stack, count = [value.get_root()], 0
            while stack:
                element = stack.pop()
                count += 1
                stack.extend(element._children.values())
            counts[name] = count
    print(json.dumps(counts, sort_keys=True))
_kit_element_counts(globals())
del _kit_element_counts
"""
RANDOM_PARTS = [(re.compile(r"_[0-9a-f]{32}"), "_ID"), (re.compile(r"0x[0-9a-f]+"), "0xADDRESS"),
                (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "UUID")]


def _shown(cell) -> str:
    """A cell's outputs with what changes on every run (element ids, addresses, counters) taken out. Printed text
    arrives in as many pieces as the kernel sends, more under load: consecutive pieces of one stream are joined."""
    outputs = []
    for output in cell.outputs:
        output = {key: value for key, value in output.items() if key != "execution_count"}
        last = outputs[-1] if outputs else {}
        if output.get("output_type") == "stream" and last.get("output_type") == "stream" \
                and last.get("name") == output.get("name"):
            last["text"] += output["text"]
        else:
            outputs.append(output)
    text = json.dumps(outputs, sort_keys=True)
    for pattern, stand_in in RANDOM_PARTS:
        text = pattern.sub(stand_in, text)
    return text


def run_every_cell_twice(notebook: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str]]:
    """Run a notebook as a learner who runs each code cell twice; return it with its outputs and the cells whose
    second run showed something else or changed a map's layers."""
    from nbclient import NotebookClient
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(LESSONS)}})
    counter = nbformat.v4.new_code_cell(ELEMENT_COUNT)

    def state(index: int, cell) -> tuple[str, str]:
        client.execute_cell(counter, index)
        notebook.cells[index] = cell  # nbclient puts the cell it ran at the index it was given: put the lesson's back
        return _shown(cell), "".join(output.get("text", "") for output in counter.outputs)

    changed = []
    client.reset_execution_trackers()
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            once = state(index, cell)
            client.execute_cell(cell, index)
            twice = state(index, cell)
            if once[0] != twice[0]:
                changed.append(f"cell {index} shows something else when run again")
            if once[1] != twice[1]:
                changed.append(f"cell {index} run again changes the maps' elements: {once[1].strip()} -> "
                               f"{twice[1].strip()}")
    return notebook, changed


def with_solutions(notebook):
    """The notebook with each answer cell replaced by the solution that follows it."""
    answers = [cell for cell in notebook.cells if "answer" in tags(cell)]
    solutions = [cell for cell in notebook.cells if "solution" in tags(cell)]
    for answer, solution in zip(answers, solutions, strict=True):
        answer.source = solution_code(solution)
    return notebook


def solution_code(cell) -> str:
    return re.search(r"```python\n(.*?)```", cell.source, re.S).group(1)


@functools.cache
def solved_lesson(name: str) -> tuple[nbformat.NotebookNode, tuple[str, ...]]:
    """The lesson with every solution filled in, each cell run twice; with what changed on the second runs."""
    notebook, changed = run_every_cell_twice(with_solutions(read(LESSONS / name)))
    return notebook, tuple(changed)
