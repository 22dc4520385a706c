"""Re-run every lesson and store only the outputs nbval checks (`python3 kit.py store-outputs`).

Cells tagged `nbval-check-output` keep their output and execution count, so `pytest --nbval-lax` compares them on
every run; every other cell is stored empty. A lesson's checked outputs are small text: counts, a distance, the
feedback of an unanswered exercise. They change only when the data or the lesson changes, and then on purpose.
"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
CHECKED_TAG = "nbval-check-output"


def lesson_paths() -> list[Path]:
    return sorted(LESSONS.glob("[0-9][0-9]-*.ipynb"))


def execute(notebook: nbformat.NotebookNode, workdir: Path = LESSONS) -> nbformat.NotebookNode:
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook


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


def store(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.write(keep_checked_outputs(execute(notebook)), path)
    print(f"stored checked outputs of {path.name}")


if __name__ == "__main__":
    for lesson in [Path(arg) for arg in sys.argv[1:]] or lesson_paths():
        store(lesson.resolve())
