"""The kit measured: `.venv/bin/python -m tests.benchmark [--suite] [--fresh-clone]`, from the repository root.

Figures, not pass/fail: nothing here is a test. Per lesson: run time against an imports-only "floor" notebook (the
lesson's first code cell alone) run in the same process in turn with it, the fastest of REPEATS runs each, so the
ratio shows what the lesson itself costs beyond starting a kernel and importing pandas, plotly and folium; size in
git, size with every output, each map page's size, and the time from opening a lesson's first map page in headless
Chromium (no network) to its first drawn shape. Then every lesson together against every floor together. `--suite`
also times the whole test suite against one execution of every lesson (the sum of the lessons' fastest runs);
`--fresh-clone` times `python3 kit.py test` in a fresh clone, set-up included (minutes).
"""
import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
# Run as a script or with -m, from any folder: kitbuild lives at the root, lessonkit beside the lessons.
sys.path[:0] = [str(ROOT), str(ROOT / "lessons")]
from kitbuild.prepare import offline_html  # noqa: E402
from kitbuild.publish import execute  # noqa: E402
from kitbuild.vendor import copy_files, vendor_files  # noqa: E402
from lessonkit.paths import DATA, lesson_paths  # noqa: E402
from tests.lessons import map_pages  # noqa: E402

LESSON_AIM = 2.0  # a lesson runs in at most twice its floor
ALL_LESSONS_AIM = 2.0  # every lesson together in at most twice every floor together
MAP_AIM_KB = 150  # each map page
SUITE_AIM = 4.0  # the whole suite in at most four times one execution of every lesson
REPEATS = 2  # each floor and lesson runs this many times and the fastest run counts: a shared machine is noisy
AIMS = (f"Aims: each lesson at most {LESSON_AIM:g}x its floor, all lessons together at most {ALL_LESSONS_AIM:g}x, "
        f"each map at most {MAP_AIM_KB} KB, the suite at most {SUITE_AIM:g}x one execution of every lesson. "
        "A figure past its aim is marked *.")


def kilobytes(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def marked(text: str, over_aim: bool) -> str:
    return f"{text} *" if over_aim else text


def notebook_map_pages(notebook) -> list[str]:
    """The page of each folium map a notebook displays (the iframe's srcdoc)."""
    pages = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            pages += map_pages(text)
    return pages


def floor_notebook(notebook) -> nbformat.NotebookNode:
    """The lesson's first code cell alone: its imports."""
    floor = nbformat.v4.new_notebook(metadata=notebook.metadata)
    floor.cells = [copy.deepcopy(next(cell for cell in notebook.cells if cell.cell_type == "code"))]
    return floor


def timed_run(notebook) -> tuple[nbformat.NotebookNode, float]:
    started = time.perf_counter()
    ran = execute(copy.deepcopy(notebook))
    return ran, time.perf_counter() - started


def fastest_runs(notebook) -> tuple[float, nbformat.NotebookNode, float]:
    """The floor's fastest time, and the lesson's fastest run with its time, of REPEATS runs each, in turns."""
    floors, runs = [], []
    for _ in range(REPEATS):
        floors.append(timed_run(floor_notebook(notebook))[1])
        runs.append(timed_run(notebook))
    ran, seconds = min(runs, key=lambda run: run[1])
    return min(floors), ran, seconds


def first_map_drawn_ms(page_html: str) -> float:
    """Milliseconds from navigation to the first shape in the map's overlay pane, offline, in headless Chromium."""
    from tests.browser import chromium, watched_page  # only here: they import Playwright
    with tempfile.TemporaryDirectory() as folder:
        copy_files(vendor_files(), Path(folder) / "vendor")
        path = Path(folder) / "map.html"
        path.write_text(offline_html(page_html), encoding="utf-8")
        with chromium() as browser, watched_page(browser, 1280, 720) as (page, _):
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
            return page.evaluate("performance.now()")


def map_sizes(pages: list[str]) -> str:
    sizes = [len(page.encode()) for page in pages]
    return ", ".join(marked(kilobytes(size), size > MAP_AIM_KB * 1024) for size in sizes) or "none"


def lesson_rows() -> tuple[list[str], float, float]:
    """The table's rows, and the seconds every lesson and every floor took in all."""
    rows = ["| Lesson | Runs in | Floor | Ratio | In git | With outputs | Maps | First map drawn |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    lessons_seconds = floors_seconds = 0.0
    for path in lesson_paths():
        notebook = nbformat.read(path, as_version=4)
        floor, ran, seconds = fastest_runs(notebook)
        lessons_seconds, floors_seconds = lessons_seconds + seconds, floors_seconds + floor
        pages = notebook_map_pages(ran)
        drawn = f"{first_map_drawn_ms(pages[0]):,.0f} ms" if pages else "no map"
        rows.append(f"| {path.stem} | {seconds:.1f} s | {floor:.1f} s | "
                    f"{marked(f'{seconds / floor:.1f}x', seconds > LESSON_AIM * floor)} | "
                    f"{kilobytes(path.stat().st_size)} | {kilobytes(len(nbformat.writes(ran).encode()))} | "
                    f"{map_sizes(pages)} | {drawn} |")
    return rows, lessons_seconds, floors_seconds


def timed_command(command: list[str], cwd: Path) -> tuple[float, str]:
    """Seconds the command took, and the last line it printed."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    return time.perf_counter() - started, summary.strip("= ")


def main(arguments: list[str]) -> None:
    print(AIMS, end="\n\n")
    rows, lessons_seconds, floors_seconds = lesson_rows()
    print("\n".join(rows), end="\n\n")
    ratio = lessons_seconds / floors_seconds
    print(f"- every lesson once: {lessons_seconds:,.0f} s against {floors_seconds:,.0f} s of floors: "
          f"{marked(f'{ratio:.1f}x', ratio > ALL_LESSONS_AIM)}")
    for layer in sorted((DATA / "geo").glob("*.geojson")):
        print(f"- data/geo/{layer.name}: {kilobytes(layer.stat().st_size)}")
    if "--suite" in arguments:
        seconds, summary = timed_command([sys.executable, "-m", "pytest", "-q"], ROOT)
        times = seconds / lessons_seconds
        print(f"- the whole suite: {seconds:,.0f} s ({summary}), {marked(f'{times:.1f}x', times > SUITE_AIM)} "
              "one execution of every lesson")
    if "--fresh-clone" in arguments:
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(["git", "clone", "-q", str(ROOT), folder], check=True)
            seconds, summary = timed_command(["python3", "kit.py", "test", "-q"], Path(folder))
            print(f"- fresh clone to green, set-up included: {seconds:,.0f} s ({summary})")


if __name__ == "__main__":
    main(sys.argv[1:])
