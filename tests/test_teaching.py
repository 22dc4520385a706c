"""What a learner meets in every lesson: no exercise's answer can be read above it, no text is cut off, the reading
fits one class, every line of code uses only what the lessons before taught, and a cell run twice does what it did
once. Each test runs on every lesson; the lessons run once per test run (tests/lessons.py)."""
import ast
import builtins
import re

import pytest

from lessonkit.checks.manifest import manifests
from lessonkit.data import read_package
from lessonkit.paths import lesson_paths
from tests.idioms import code_spans, idioms_in, lessonkit_names, mentioned
from tests.lessons import (
    executed_lesson,
    exercise_cells,
    learner_words,
    markdown_words_with_folds,
    output_texts,
    read,
    solved_lesson,
    tags,
    visible_markdown,
)

LESSON_PATHS = lesson_paths()
MANIFESTS = manifests()
MARKDOWN_WORDS, ALL_WORDS = 1800, 2200  # what one 50-60 minute class holds, with its exercises


def lesson_code(path) -> str:
    return path.name.split("-")[0]


# What each lesson teaches, in path order, as its manifest says (a lesson without one is missing here)
TAUGHT = {lesson_code(path): MANIFESTS[path.stem].taught for path in LESSON_PATHS if path.stem in MANIFESTS}


# Every exercise needs its work --------------------------------------------------------------------------------------

def readable(giveaway: str, text: str) -> bool:
    """Whether `giveaway` stands in `text` as itself, not inside a longer word or number."""
    return re.search(rf"(?<![\w.]){re.escape(giveaway)}(?!\w|\.\d)", text, flags=re.I) is not None


def text_above(notebook, index: int) -> str:
    """All a learner can read above cell `index`: Markdown, printed text, tables, panels and charts' hover texts."""
    return "\n".join(text for cell in notebook.cells[:index]
                     for text in [visible_markdown(cell), *output_texts(cell, hover=True)])


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_no_answer_can_be_read_above_its_exercise(path):
    """Each exercise's giveaways, as the lesson's manifest declares its exercises."""
    notebook, exercises = executed_lesson(path), MANIFESTS[path.stem].exercises
    readable_answers = []
    for name, check_index in exercise_cells(notebook):
        answer_index = max(i for i, cell in enumerate(notebook.cells[:check_index]) if "answer" in tags(cell))
        above = text_above(notebook, answer_index)
        readable_answers += [f"{name}: {form!r}" for form in exercises[name].giveaways() if readable(form, above)]
    assert not readable_answers, f"answers a learner can read above their exercise: {readable_answers}"


def test_a_chart_date_is_read_as_a_learner_reads_it_on_hover():
    from tests.lessons import _plotly_strings
    assert _plotly_strings(["2016-09-09T00:00:00.000000"]) == ["2016-09-09", "09 Sep 2016", "9 September 2016"]
    assert readable("9 September", " ".join(_plotly_strings({"x": ["2016-09-09T00:00:00"]})))


def test_a_giveaway_is_found_as_itself_only():
    assert readable("3.6 km", "about 3.6 km away") and readable("965", "965 km")
    assert not readable("965", "1965") and not readable("3.5", "3.55") and not readable("17 events", "117 events")


# Every text a learner is sent to read can be read ------------------------------------------------------------------

CUT_CELL = re.compile(r"<t[dh][^>]*>(?:(?!</t[dh]>).)*?(\.\.\.|…)\s*</t[dh]>", re.S)


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_no_text_is_cut_off(path):
    cut = []
    for index, cell in enumerate(executed_lesson(path).cells):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            cut += [f"cell {index}: {match.group(0)[-80:]}" for match in CUT_CELL.finditer(html)]
            plain = output.get("data", {}).get("text/plain", "") if not html else ""
            cut += [f"cell {index}: {line[-80:]}" for line in plain.splitlines() if line.rstrip().endswith("...")]
    assert not cut, cut


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_the_reading_fits_one_class(path):
    notebook = executed_lesson(path)
    markdown, outputs = learner_words(notebook)
    with_folds = markdown_words_with_folds(notebook)
    assert with_folds <= MARKDOWN_WORDS, (f"{with_folds} words of Markdown for learners, folded parts included "
                                          f"(at most {MARKDOWN_WORDS}); leave the rest to the guide")
    assert markdown + outputs <= ALL_WORDS, (f"{markdown} words of Markdown and {outputs} in outputs for learners "
                                             f"(at most {ALL_WORDS} in all); fold the rest or leave it to the guide")


# Every line of code was taught before ---------------------------------------------------------------------------------

def code_a_learner_reads(notebook) -> list[str]:
    """Code cells, and the code in hints and solutions."""
    return [source for cell in notebook.cells
            for source in ([cell.source] if cell.cell_type == "code" else
                           code_spans(cell.source) if tags(cell) & {"hint", "solution"} else [])]


def taught_by(code: str) -> set[str]:
    order = list(TAUGHT)
    return {idiom for lesson in order[:order.index(code) + 1] for idiom in TAUGHT[lesson]}


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_every_idiom_is_taught_by_this_lesson_or_one_before(path):
    notebook, code = read(path), lesson_code(path)
    assert code in TAUGHT, f"say what lesson {code} teaches in its manifest (lessonkit/checks/manifest.py)"
    sources = code_a_learner_reads(notebook)
    helpers = set().union(*(lessonkit_names(source) for source in sources))
    used = set().union(*(idioms_in(source, helpers) for source in sources))
    assert not used - taught_by(code), f"used before any lesson teaches them: {sorted(used - taught_by(code))}"
    markdown = "\n".join(visible_markdown(cell) for cell in notebook.cells)
    unexplained = [idiom for idiom in TAUGHT[code] if not mentioned(idiom, markdown)]
    assert not unexplained, f"taught here but never named in the lesson's Markdown: {unexplained}"


def names(code: str, context: type) -> set[str]:
    tree = ast.parse(code)
    found = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, context)}
    if context is ast.Store:
        found |= {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                  if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
        found |= {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        found |= {arg.arg for node in ast.walk(tree) if isinstance(node, ast.arguments) for arg in node.args}
    return found


# A name alone in a hint may be a table's column (`name_ja`) rather than a variable.
COLUMNS = {field["name"] for resource in read_package()["resources"]
           for field in resource.get("schema", {}).get("fields", [])}


@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_hints_and_solutions_name_only_what_is_defined_above_them(path):
    defined, unknown = set(dir(builtins)) | COLUMNS, []
    for index, cell in enumerate(read(path).cells):
        if cell.cell_type == "code":
            defined |= names(cell.source, ast.Store)
        elif tags(cell) & {"hint", "solution"}:
            local = set(defined)
            for span in code_spans(cell.source):
                local |= names(span, ast.Store)
                unknown += [f"cell {index}: {name}" for name in sorted(names(span, ast.Load) - local)]
    assert not unknown, f"hints or solutions name variables no cell above defines: {unknown}"


# A cell run twice does what it did once ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", LESSON_PATHS, ids=lambda p: p.name)
def test_a_cell_run_twice_does_what_it_did_once(path):
    changed = solved_lesson(path.name)[1]
    assert not changed, changed


def test_each_idiom_is_taught_once_and_every_lesson_says_what_it_teaches():
    listed = [idiom for idioms in TAUGHT.values() for idiom in idioms]
    assert len(listed) == len(set(listed)), sorted({idiom for idiom in listed if listed.count(idiom) > 1})
    assert list(TAUGHT) == [lesson_code(path) for path in LESSON_PATHS]
