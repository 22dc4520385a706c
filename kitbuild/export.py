"""Each lesson as one web page to read offline, as it looks after a run, with nothing to install.

    python3 kit.py export [LESSON ...]    (or, from the kit's folder: python -m kitbuild.export)

writes `build/export/<lesson>.html` for every lesson (or those named, as 00-start-here), the learner pages beside
them, and `build/export/vendor/`: the scripts their maps and charts load (Leaflet, jQuery, plotly.js), copied from
installed packages (kitbuild.vendor). Copy the whole folder; open a page in any browser, online or off.

- Each lesson is run top to bottom in its own folder, as JupyterLab and nbval run it (unanswered exercises and all).
- Links from one lesson to another lead to the other's page.
- Maps are the lesson's own folium pages, pointed at vendor/; charts are drawn by vendor/plotly.min.js and take the
  page's width.
- nbconvert's lab template without prompts, MathJax or require.js (the lessons use no LaTeX; require.js would hide
  plotly.js from the charts), and with assets/export/export.css: text at WCAG AA contrast, links underlined.
"""
import os
import sys
from pathlib import Path

import nbformat

from . import publish
from .clean import EditedLessons, require_clean
from .paths import ASSETS, BUILD, LESSONS, ROOT, learner_pages, lesson_paths
from .prepare import prepare
from .vendor import PAGE_FILES, copy_vendor

EXPORT = BUILD / "export"


def export_html(notebook_path: Path, destination: Path, run=publish.run_lesson) -> Path:
    """Write the notebook at `notebook_path`, run by `run(path)`, to the page `destination` (a .html file), whose
    maps and charts load what they need from `vendor/` beside it; return the page's path. The tests pass a `run`
    that reuses runs they already made."""
    from nbconvert import HTMLExporter

    notebook_path, destination = Path(notebook_path), Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(extra_template_basedirs=[str(ASSETS)], template_name="export",  # assets/export/
                            extra_template_paths=[str(publish.SHARED_TEMPLATES)],
                            exclude_input_prompt=True, exclude_output_prompt=True)
    notebook = prepare(run(notebook_path), "page")
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": notebook_path.stem}})
    destination.write_text(body, encoding="utf-8")
    return destination


def page_notebook(path: Path) -> nbformat.NotebookNode:
    """A Markdown page (the glossary, a role brief) as a notebook of one Markdown cell, to export with the lessons'
    template."""
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    notebook.metadata["title"] = text.splitlines()[0].lstrip("# ").strip()
    return notebook


def export_lessons(destination: Path = EXPORT, run=publish.run_lesson, lessons: list[Path] | None = None) -> list[Path]:
    """Every lesson (or those in `lessons`) as `destination/<lesson>.html`, and the glossary and role briefs as pages
    beside them, made in a folder beside `destination` that replaces it only when every lesson ran."""
    return publish.swap_in(lambda folder: _export_into(folder, run, lessons or lesson_paths()), destination)


def _export_into(destination: Path, run, lessons: list[Path]) -> list[Path]:
    copy_vendor(destination / "vendor", only=PAGE_FILES)  # the learner pages (role briefs in 09-roles/) load nothing
    pages = [export_html(path, destination / f"{path.stem}.html", run=run) for path in lessons]
    for page in learner_pages():
        target = (destination / page.relative_to(LESSONS)).with_suffix(".html")
        pages.append(export_html(page, target, run=page_notebook))
    return pages


def main(args: list[str] = ()) -> int:
    os.chdir(ROOT)
    try:
        lessons = [LESSONS / f"{Path(name).stem}.ipynb" for name in require_clean("the lesson pages", list(args))]
        unknown = [path.stem for path in lessons if not path.exists()]
        if unknown:
            print(f"No lesson called {', '.join(unknown)}; the lessons: "
                  f"{', '.join(path.stem for path in lesson_paths())}", file=sys.stderr)
            return 2
        pages = export_lessons(lessons=lessons)
    except (EditedLessons, publish.LessonRunError) as error:
        print(error, file=sys.stderr)
        return 1
    for page in pages:
        print(f"wrote {page.relative_to(ROOT)}")
    print("Open a page in a browser; copy the whole folder (with vendor/) to read it elsewhere.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
