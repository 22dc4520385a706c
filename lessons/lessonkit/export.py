"""Each lesson as one web page to read offline, as it looks after a run, with nothing to install.

    python3 kit.py export        (or, from lessons/: python -m lessonkit.export)

writes `build/export/<lesson>.html` for every lesson, and `build/export/vendor/` beside the pages: the scripts their
maps and charts load (Leaflet, jQuery, plotly.js), copied from installed packages (lessonkit.publish.vendor_files).
Copy the whole folder; open a page in any browser, online or off. Run through kit.py; lessons never import this module.

- Each lesson is run top to bottom in its own folder, as JupyterLab and nbval run it (unanswered exercises and all).
- Links from one lesson to another lead to the other's page.
- Maps are the lesson's own folium pages, pointed at vendor/; charts are drawn by vendor/plotly.min.js and take the
  page's width.
- nbconvert's lab template without prompts, MathJax or require.js (the lessons use no LaTeX; require.js would hide
  plotly.js from the charts), and with assets/export/export.css: text at WCAG AA contrast, links underlined.
"""
import copy
import os
import re
import sys
from pathlib import Path

import nbformat

from . import publish

EXPORT = publish.BUILD / "export"
TEMPLATES = publish.KIT_ROOT / "assets"  # assets/export/: the template and its stylesheet
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


def _charts_fill_the_page(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose plotly charts are HTML drawn by vendor/plotly.min.js at the width of the page (the slides' copy,
    publish._offline_outputs, fixes the width of a slide instead)."""
    import plotly.io

    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIMETYPE in data:
                data["text/html"] = plotly.io.to_html(data.pop(PLOTLY_MIMETYPE), full_html=False,
                                                      include_plotlyjs="vendor/plotly.min.js",
                                                      config={"responsive": True})
    return notebook


def _links_between_pages(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose Markdown links to another lesson's notebook (`03a-....ipynb`) or to a learner page (the glossary,
    the course plans, a role brief) lead to that page, and whose link to the instructor guide, which is not exported,
    is plain text."""
    notebook = copy.deepcopy(notebook)
    pages = [path.stem for path in publish.lesson_paths()] + publish.learner_page_names()
    targets = "|".join(re.escape(page) for page in pages)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = re.sub(rf"\]\(({targets})\.(?:ipynb|md)(#[^)]*)?\)", r"](\1.html\2)", cell.source)
            cell.source = publish.GUIDE_LINK.sub(r"\1 (given to teachers)", cell.source)  # not exported
    return notebook


def run_in_place(path: Path) -> nbformat.NotebookNode:
    """The notebook at `path` run top to bottom in its own folder."""
    return publish.execute(nbformat.read(path, as_version=4), workdir=path.parent, name=publish._shown_path(path))


def export_html(notebook_path: Path, destination: Path, run=run_in_place) -> Path:
    """Write the notebook at `notebook_path`, run by `run(path)`, to the page `destination` (a .html file), with
    everything its maps and charts load in `vendor/` beside it; return the page's path. The tests pass a `run` that
    reuses runs they already made."""
    from nbconvert import HTMLExporter

    notebook_path, destination = Path(notebook_path), Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    publish._copy_vendor(destination.parent / "vendor")
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="export",
                            extra_template_paths=[str(publish.SHARED_TEMPLATES)],
                            exclude_input_prompt=True, exclude_output_prompt=True)
    notebook = publish._offline_outputs(_charts_fill_the_page(_links_between_pages(run(notebook_path))))
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": notebook_path.stem}})
    destination.write_text(body, encoding="utf-8")
    return destination


def page_notebook(path: Path = publish.GLOSSARY) -> nbformat.NotebookNode:
    """A Markdown page (the glossary, a role brief) as a notebook of one Markdown cell, to export with the lessons'
    template."""
    text = path.read_text(encoding="utf-8")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    notebook.metadata["title"] = text.splitlines()[0].lstrip("# ").strip()
    return notebook


def export_lessons(destination: Path = EXPORT, run=run_in_place) -> list[Path]:
    """Every lesson as `destination/<lesson>.html`, and the glossary and role briefs as pages beside them, made in a
    folder beside `destination` that replaces it only when every lesson ran."""
    return publish.swap_in(lambda folder: _export_into(folder, run), destination)


def _export_into(destination: Path, run) -> list[Path]:
    pages = [export_html(path, destination / f"{path.stem}.html", run=run) for path in publish.lesson_paths()]
    for page in publish.learner_pages():
        target = (destination / page.relative_to(publish.LESSONS)).with_suffix(".html")
        pages.append(export_html(page, target, run=page_notebook))
    return pages


def main(args: list[str] = ()) -> int:
    from .clean import EditedLessons, require_clean
    os.chdir(publish.KIT_ROOT)
    try:
        require_clean("the lesson pages", list(args))
        pages = export_lessons()
    except (EditedLessons, publish.LessonRunError) as error:
        print(error, file=sys.stderr)
        return 1
    for page in pages:
        print(f"wrote {page.relative_to(publish.KIT_ROOT)}")
    print("Open a page in a browser; copy the whole folder (with vendor/) to read it elsewhere.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
