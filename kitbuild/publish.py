"""Make what instructors hand out or project, and keep the lessons' checked outputs up to date.

Run through kit.py (`python3 kit.py versions`, `slides`, `store-outputs`); lessons never import this module.

- Student version: no solutions, no instructor notes, no outputs.
- Instructor version: everything, solutions unfolded, instructor notes marked, and the instructor guide.
- Stored outputs: every lesson re-run; only cells tagged `nbval-check-output` keep their output and execution
  count, so `pytest --nbval-lax` compares them on every test run. They are small text (a count, a distance, the
  feedback of an unanswered exercise) that changes only when the data or the lesson does, and then on purpose.
- Slides: each lesson run top to bottom, then turned into a reveal.js deck whose scripts (reveal.js, jQuery,
  Leaflet, plotly.js) are copied from installed packages into `vendor/` beside the decks, so the folder works from a
  USB stick with no internet. Maps keep their interactivity; charts are drawn by the local plotly.js.
"""
import os
import shutil
import sys
from pathlib import Path

import nbformat

from . import paths
from .clean import EditedLessons, require_clean
from .paths import BUILD, INSTRUCTOR_GUIDE, LESSONS, ROOT, learner_pages, lesson_paths
from .prepare import prepare
from .vendor import copy_vendor

CHECKED_TAG = "nbval-check-output"
SLIDE_SIZE = ("1280", "720")
# What the exported pages' and the decks' templates both include (the code colours), found by name from either.
SHARED_TEMPLATES = paths.ASSETS / "shared"


class LessonRunError(Exception):
    """A lesson that stopped with an error while a build ran it; the message names the notebook and the cell."""


# The kernel's own log: its warning "Kernel is running over TCP without encryption" (once a lesson, eleven a build)
# says nothing an instructor can act on; errors still show.
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]


def _failed_cell(notebook: nbformat.NotebookNode) -> tuple[int, nbformat.NotebookNode] | None:
    for number, cell in enumerate(notebook.cells, start=1):
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            return number, cell
    return None


def execute(notebook: nbformat.NotebookNode, workdir: Path = LESSONS, name: str | None = None
            ) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in `workdir`, as JupyterLab and nbval do, and return it with its outputs. A cell
    that fails raises LessonRunError naming the notebook (`name`) and the cell, in two lines."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", extra_arguments=QUIET_KERNEL,
                            resources={"metadata": {"path": str(workdir)}})
    try:
        client.execute()
    except CellExecutionError as error:
        found = _failed_cell(notebook)
        where = f"cell {found[0]} of {len(notebook.cells)}" if found else "a cell"
        first_line = next((line for line in found[1].source.splitlines() if line.strip()
                           and not line.lstrip().startswith("#")), "") if found else ""
        code = f" ({first_line.strip()[:70]})" if first_line else ""
        message = " ".join(line.strip() for line in str(error.evalue or "").splitlines() if line.strip())
        message = message if len(message) <= 200 else message[:200].rstrip() + " ..."
        raise LessonRunError(f"{name or 'The notebook'}, {where}{code}, stopped with {error.ename}: {message}\n"
                             "The previous build is kept. Fix that cell (if it holds a learner's answer: python3 "
                             "kit.py restore-lessons), then build again.") from None
    return notebook


def swap_in(build, destination: Path):
    """Run `build(folder)` into a fresh folder beside `destination`, and only once it succeeded put that folder in
    `destination`'s place: a failed build leaves the previous good one where it was. Returns what `build` returns,
    with paths under the new folder moved to `destination`."""
    staging = destination.with_name(f".{destination.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        result = build(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = destination.with_name(f".{destination.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if destination.exists():
        destination.rename(old)
    staging.rename(destination)
    shutil.rmtree(old, ignore_errors=True)

    def moved(path):
        return destination / Path(path).relative_to(staging) if Path(path).is_relative_to(staging) else path
    return [moved(path) for path in result] if isinstance(result, list) else moved(result)


def keep_checked_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    count = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)  # run timestamps: noise in every diff
        if CHECKED_TAG in cell.metadata.get("tags", []):
            count += 1
            cell.execution_count = count
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = count
        else:
            cell.outputs, cell.execution_count = [], None
    return notebook


def store_checked_outputs(names: list[str] = ()) -> list[Path]:
    """Re-run the lessons (those named, as 05-philippines-turn.ipynb or lessons/05-…, or all); keep the outputs
    nbval checks."""
    lessons = [LESSONS / Path(name).name for name in names] or lesson_paths()
    for path in lessons:
        nbformat.write(keep_checked_outputs(execute(nbformat.read(path, as_version=4))), path)
    return lessons


def _copy_kit(destination: Path) -> Path:
    """A runnable copy of the kit's data and learner helpers (not the build tools, which live outside lessons/), so
    the notebooks written beside them work."""
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    shutil.copytree(paths.DATA, destination / "data", ignore=ignore)
    shutil.copytree(LESSONS / "lessonkit", destination / "lessons" / "lessonkit", ignore=ignore)
    return destination / "lessons"


def _write_version(folder: Path, target: str) -> list[Path]:
    """One hand-out in `folder`: the lessons prepared for `target` (student or instructor), the learner pages, and
    for the instructor the guide."""
    lessons = _copy_kit(folder)
    written = []
    for path in lesson_paths():
        written.append(lessons / path.name)
        nbformat.write(prepare(nbformat.read(path, as_version=4), target), written[-1])
    pages = learner_pages() + ([INSTRUCTOR_GUIDE] if target == "instructor" else [])
    for page in pages:
        written.append(folder / page.relative_to(ROOT))
        written[-1].parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, written[-1])
    return written


def write_versions(build: Path | None = None) -> list[Path]:
    """build/student/ and build/instructor/: each a folder to hand out, with lessons, the glossary and role briefs,
    helpers and data; the instructor's also has the instructor guide. Each is built beside its old version and
    replaces it only when complete."""
    build = build or BUILD
    written = []
    for target in ("student", "instructor"):
        written += swap_in(lambda folder, target=target: _write_version(folder, target), build / target)
    return written


# Slides -------------------------------------------------------------------------------------------------------

def run_lesson(path: Path) -> nbformat.NotebookNode:
    """A lesson as the slides, pages and site show it: read from disk and run top to bottom in its own folder."""
    return execute(nbformat.read(path, as_version=4), workdir=Path(path).parent, name=shown_path(path))


def shown_path(path: Path) -> str:
    path = Path(path)
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def export_slides(destination: Path = BUILD / "slides", run=run_lesson) -> list[Path]:
    """One reveal.js deck per lesson in `destination`, with everything they load in `destination/vendor`.
    `run(path)` gives the lesson run top to bottom (the tests pass one that reuses runs they already made). The
    decks are made in a folder beside `destination` and replace it only when every lesson ran."""
    return swap_in(lambda folder: _write_slides(folder, run), destination)


def _write_slides(destination: Path, run) -> list[Path]:
    from nbconvert import SlidesExporter

    copy_vendor(destination / "vendor")
    exporter = SlidesExporter(extra_template_basedirs=[str(paths.ASSETS)], template_name="slides",
                              extra_template_paths=[str(SHARED_TEMPLATES)],
                              reveal_url_prefix="vendor/reveal.js", reveal_theme="white",
                              exclude_input_prompt=True, exclude_output_prompt=True,
                              reveal_width=SLIDE_SIZE[0], reveal_height=SLIDE_SIZE[1])
    decks = []
    for path in lesson_paths():
        body, _ = exporter.from_notebook_node(prepare(run(path), "slides"))
        deck = destination / f"{path.stem}.slides.html"
        deck.write_text(body, encoding="utf-8")
        decks.append(deck)
    return decks


def main(command: str, names: list[str]) -> int:
    """The kit.py commands; a refused or failed build prints its few lines and returns 1."""
    os.chdir(ROOT)
    try:
        if command in ("versions", "slides"):
            names = require_clean(f"the {'slide decks' if command == 'slides' else 'student and instructor versions'}",
                                  names)
        _main(command, names)
    except (EditedLessons, LessonRunError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _main(command: str, names: list[str]) -> None:
    if command == "store-outputs":
        for path in store_checked_outputs(names):
            print(f"stored the checked outputs of {path.relative_to(ROOT)}")
    elif command == "versions":
        for path in write_versions():
            print(f"wrote {path.relative_to(ROOT)}")
    elif command == "slides":
        for deck in export_slides():
            print(f"wrote {deck.relative_to(ROOT)}")
        print("Open a deck in a browser; press S for the speaker view with the instructor notes.")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
