"""The kit measured: `.venv/bin/python -m tests.benchmark` (after `python3 kit.py test`) prints a table.

Figures, not pass/fail. Per lesson: run time against an imports-only "floor" notebook run in the same process (the
ratio shows what the lesson itself costs beyond starting a kernel and importing pandas, plotly and folium), size in
git, size with every output, each map page's size, and the time from opening a lesson's first map page in headless
Chromium (no network) to its first drawn shape. `--suite` also times the whole test suite; `--fresh-clone` times
`python3 kit.py test` in a fresh clone, set-up included (minutes). Aims: a lesson at most 2x its floor, each map
under 300 KB, each notebook under 200 KB in git, the first map drawn within 1.5 s.
"""
import html
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from kitbuild.paths import lesson_paths

from kitbuild.prepare import offline_html
from kitbuild.publish import execute
from kitbuild.vendor import vendor_files
from tests.conftest import DATA, ROOT, read  # first: it puts lessons/ on the path, where lessonkit lives


def kilobytes(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def map_pages(notebook) -> list[str]:
    """The page of each folium map a notebook displays (the iframe's srcdoc)."""
    pages = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            pages += [html.unescape(page) for page in re.findall(r'srcdoc="(.*?)"', text, re.S)]
    return pages


def floor_notebook(notebook) -> nbformat.NotebookNode:
    """The lesson's first code cell alone: its imports."""
    floor = nbformat.v4.new_notebook(metadata=notebook.metadata)
    floor.cells = [next(cell for cell in notebook.cells if cell.cell_type == "code")]
    return floor


def timed_run(notebook) -> tuple[nbformat.NotebookNode, float]:
    started = time.perf_counter()
    ran = execute(notebook)
    return ran, time.perf_counter() - started


def first_map_drawn_ms(page_html: str) -> float | None:
    """Milliseconds from navigation to the first shape in the map's overlay pane, offline, in headless Chromium."""
    from tests.browser import offline_page
    with tempfile.TemporaryDirectory() as folder:
        vendor = Path(folder) / "vendor"
        for relative, source in vendor_files().items():
            target = vendor / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source, target) if source.is_dir() else shutil.copyfile(source, target)
        path = Path(folder) / "map.html"
        path.write_text(offline_html(page_html), encoding="utf-8")
        with offline_page(serve_leaflet=False) as page:
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
            return page.evaluate("performance.now()")


def lesson_rows() -> list[str]:
    rows = ["| Lesson | Runs in | Floor | Ratio | In git | With outputs | Maps | First map drawn |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for path in lesson_paths():
        notebook = read(path)
        _, floor = timed_run(floor_notebook(notebook))
        ran, seconds = timed_run(read(path))
        pages = map_pages(ran)
        with_outputs = len(nbformat.writes(ran).encode())
        drawn = f"{first_map_drawn_ms(pages[0]):,.0f} ms" if pages else "no map"
        rows.append(f"| {path.stem} | {seconds:.1f} s | {floor:.1f} s | {seconds / floor:.1f}x | "
                    f"{kilobytes(path.stat().st_size)} | {kilobytes(with_outputs)} | "
                    f"{', '.join(kilobytes(len(page.encode())) for page in pages) or 'none'} | {drawn} |")
    return rows


def timed_command(command: list[str], cwd: Path) -> str:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    return f"{time.perf_counter() - started:,.0f} s ({summary.strip('= ')})"


def main(arguments: list[str]) -> None:
    print("\n".join(lesson_rows()))
    print()
    for layer in sorted((DATA / "geo").glob("*.geojson")):
        print(f"- data/geo/{layer.name}: {kilobytes(layer.stat().st_size)}")
    print(f"- data/ in all: {kilobytes(sum(p.stat().st_size for p in Path(DATA).rglob('*') if p.is_file()))}")
    if "--suite" in arguments:
        print(f"- the whole suite: {timed_command([sys.executable, '-m', 'pytest', '-q'], ROOT)}")
    if "--fresh-clone" in arguments:
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(["git", "clone", "-q", str(ROOT), folder], check=True)
            print(f"- fresh clone to green, set-up included: "
                  f"{timed_command(['python3', 'kit.py', 'test', '-q'], Path(folder))}")


if __name__ == "__main__":
    main(sys.argv[1:])
