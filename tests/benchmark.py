"""Print the kit's speed and size figures: `.venv/bin/python -m tests.benchmark` (after `python3 kit.py test`).

Figures, not pass/fail: how long each lesson takes to run, how large its stored file and its maps are.
"""
import re
import time
from pathlib import Path

import nbformat

from tests.conftest import DATA, read
from lessonkit.publish import execute, lesson_paths


def kilobytes(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def map_sizes(notebook) -> list[int]:
    """Bytes of each folium map page a notebook displays (the iframe's srcdoc)."""
    sizes = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            sizes += [len(page.encode()) for page in re.findall(r'srcdoc="(.*?)"', html, re.S)]
    return sizes


def main() -> None:
    for path in lesson_paths():
        started = time.perf_counter()
        notebook = execute(read(path))
        seconds = time.perf_counter() - started
        maps = map_sizes(notebook)
        executed_size = len(nbformat.writes(notebook).encode())
        print(f"{path.name}: runs in {seconds:.1f} s; stored {kilobytes(path.stat().st_size)}, "
              f"{kilobytes(executed_size)} with all outputs; maps: {', '.join(map(kilobytes, maps)) or 'none'}")
    for layer in sorted((DATA / "geo").glob("*.geojson")):
        print(f"data/geo/{layer.name}: {kilobytes(layer.stat().st_size)}")
    print(f"data/ in all: {kilobytes(sum(p.stat().st_size for p in Path(DATA).rglob('*') if p.is_file()))}")


if __name__ == "__main__":
    main()
