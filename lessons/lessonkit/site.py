"""The kit's website: every lesson as it looks after a run, for reading in a browser, online or off.

    python3 kit.py site          (or, from lessons/: python -m lessonkit.site)

writes `build/site/`, a static site made with Sphinx, MyST-NB and sphinx-book-theme; open build/site/index.html, or
publish the folder (GitHub Pages, any web server). Run through kit.py; lessons never import this module.

- Each lesson is run top to bottom from lessons/ (as JupyterLab and nbval run it), on a copy; MyST-NB only renders
  the outputs. Pages follow the learning path; then the instructor guide and the data dictionary.
- Student-facing: cells tagged `instructor` are left out; hints and solutions stay folded (`<details>`).
- Offline: charts and maps load plotly.js, Leaflet and jQuery from the site's own `_static/vendor/`, copied from
  installed packages (lessonkit.publish.vendor_files). Any script or stylesheet address ending in leaflet.js,
  leaflet.css, jquery*.js or plotly*.js (a CDN, or the Jupyter server's /static/kit/) is pointed there; any other
  outside script or stylesheet is left out. Each map's frame carries a title for screen readers.
- Each lesson page has a Binder button and a download button; the download is the lesson's notebook as stored in
  the repository, without the instructor notes.
"""
import re
import shutil
import sys
import time
import warnings
from pathlib import Path

import nbformat

from . import publish
from .publish import offline_html, vendor_path

KIT_ROOT = publish.KIT_ROOT
LESSONS = publish.LESSONS
SITE_ASSETS = KIT_ROOT / "assets" / "site"  # conf.py, the home page's template, the site's stylesheet
SITE = publish.BUILD / "site"
# Sphinx's working folder: source/ (assembled here, laid out like the repository), the HTML before it is moved to
# SITE, and what Sphinx and MyST-NB keep between steps (.doctrees/, jupyter_execute/).
WORK = publish.BUILD / "site-work"
DATA_DICTIONARY = KIT_ROOT / "data" / "README.md"
GLOSSARY = publish.GLOSSARY
DROPPED_TAGS = {"instructor"}
VENDOR = "_static/vendor"
# The files the pages load, by their path under _static/vendor/ (publish.vendor_files also lists reveal.js).
VENDOR_FILES = ["leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images", "jquery.min.js", "plotly.min.js"]
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"


def _page(path: Path) -> str:
    """A file of the kit as a Sphinx page name: its path in the repository without the suffix."""
    return path.relative_to(KIT_ROOT).with_suffix("").as_posix()


def toc() -> list[tuple[str, list[str]]]:
    """The site's navigation, in order: a caption and its pages."""
    reference = [_page(DATA_DICTIONARY)]
    if GLOSSARY.exists():  # after the data dictionary
        reference.append(_page(GLOSSARY))
    roles = [_page(path) for path in sorted(publish.ROLE_BRIEFS.glob("*.md"))]
    return [
        ("Lessons", [_page(path) for path in publish.lesson_paths()]),  # the learning path's order
        *([("Capstone role briefs", roles)] if roles else []),
        ("For teachers", [_page(publish.COURSE_PLANS), _page(publish.INSTRUCTOR_GUIDE)]),
        ("Reference", reference),
    ]


# Offline outputs -------------------------------------------------------------------------------------------------

def chart_html(figure: dict, prefix: str, load_plotly: bool) -> str:
    """A plotly figure as HTML drawn by the site's plotly.js, as wide as the text column."""
    import plotly.io
    body = plotly.io.to_html(figure, include_plotlyjs=False, full_html=False, default_width="100%",
                             config={"responsive": True, "displaylogo": False})
    script = f'<script src="{vendor_path("plotly.min.js", prefix)}"></script>\n' if load_plotly else ""
    return script + body


def site_notebook(notebook: nbformat.NotebookNode, prefix: str) -> nbformat.NotebookNode:
    """An executed lesson as its page shows it: no instructor notes, no slide separators (a cell holding only
    `---`), links to glossary entries that reach them, and outputs that load nothing from the internet."""
    notebook = nbformat.from_dict(notebook)  # a copy: the run may be shared
    notebook.cells = [cell for cell in notebook.cells
                      if not set(cell.metadata.get("tags", [])) & DROPPED_TAGS
                      and not (cell.cell_type == "markdown" and cell.source.strip() == "---")]
    charts = 0
    for cell in notebook.cells:
        if cell.cell_type == "markdown":  # an HTML link: MyST would look for a heading, not the entry's <a id>
            cell.source = publish.GLOSSARY_LINK.sub(r'<a href="glossary.html#\2">\1</a>', cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIMETYPE in data:
                data["text/html"] = chart_html(data.pop(PLOTLY_MIMETYPE), prefix, load_plotly=charts == 0)
                charts += 1
            elif "text/html" in data:
                data["text/html"] = offline_html(data["text/html"], prefix)
    return notebook


def download_notebook(path: Path) -> nbformat.NotebookNode:
    """What a lesson page's download button gives: the notebook as stored in the repository (ready to run in the
    kit), without the cells tagged instructor."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if not set(cell.metadata.get("tags", [])) & DROPPED_TAGS]
    return notebook


# The build --------------------------------------------------------------------------------------------------------

def _toctrees() -> str:
    blocks = []
    for caption, pages in toc():
        lines = "\n".join(pages)
        blocks.append(f"```{{toctree}}\n:caption: {caption}\n:maxdepth: 1\n\n{lines}\n```")
    return "\n\n".join(blocks)


_LOCAL_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


def _copy_markdown(path: Path, source: Path) -> None:
    """A Markdown page of the kit into the source folder, with the files it links to (data/README.md links
    datapackage.json and a script: the site offers them as downloads)."""
    target = source / path.relative_to(KIT_ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    for link in _LOCAL_LINK.findall(path.read_text(encoding="utf-8")):
        if "://" in link or link.startswith(("mailto:", "/")) or link.endswith((".md", ".ipynb")):
            continue
        linked = (path.parent / link).resolve()
        if linked.is_file() and linked.is_relative_to(KIT_ROOT):
            (source / linked.relative_to(KIT_ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(linked, source / linked.relative_to(KIT_ROOT))


def _prefix(page: str) -> str:
    return "../" * page.count("/") + VENDOR + "/"


def assemble_source(source: Path, run=publish.run_lesson) -> Path:
    """The Sphinx source folder: the home page, the lessons run and made student-facing, the instructor guide and
    the data dictionary, each at its path in the repository."""
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    template = (SITE_ASSETS / "index.md").read_text(encoding="utf-8")
    (source / "index.md").write_text(template.replace("{{ toctrees }}", _toctrees()), encoding="utf-8")
    for path in publish.lesson_paths():
        target = source / path.relative_to(KIT_ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(site_notebook(run(path), _prefix(_page(path))), target)
    for page in (publish.INSTRUCTOR_GUIDE, DATA_DICTIONARY, *publish.learner_pages()):
        if page.exists():
            _copy_markdown(page, source)
    return source


def _copy_vendor(site: Path) -> None:
    files = publish.vendor_files()
    for relative in VENDOR_FILES:
        origin, target = files[relative], site / VENDOR / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(origin, target)


def build(destination: Path = SITE, run=publish.run_lesson, work: Path = WORK) -> Path:
    """Build the site into `destination` and return its home page. `run(path)` gives the lesson run top to bottom
    (the tests pass one that reuses runs they already made). A Sphinx warning fails the build."""
    from sphinx.cmd.build import build_main

    if work.exists():
        shutil.rmtree(work)
    source, html_dir = assemble_source(work / "source", run), work / "html"
    with warnings.catch_warnings():  # the extensions' use of APIs Sphinx 11 removes: theirs to fix, not ours
        warnings.filterwarnings("ignore", message=".*deprecated.*Sphinx", category=PendingDeprecationWarning)
        warnings.filterwarnings("ignore", message=".*deprecated.*Sphinx", category=DeprecationWarning)
        status = build_main(["-b", "html", "-q", "-W", "--keep-going", "-c", str(SITE_ASSETS),
                             "-d", str(work / ".doctrees"), str(source), str(html_dir)])
    if status != 0:
        raise RuntimeError(f"Sphinx could not build the site (exit status {status}); its messages are above.")
    _copy_vendor(html_dir)
    for path in publish.lesson_paths():  # what the download button gives
        nbformat.write(download_notebook(path), html_dir / "_sources" / path.relative_to(KIT_ROOT))
    (html_dir / ".nojekyll").write_text("")  # GitHub Pages published from a branch: serve _static/ and _sources/
    if destination.exists():
        shutil.rmtree(destination)  # no page of a lesson since renamed or split
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(html_dir, destination)
    return destination / "index.html"


def main(args: list[str] = ()) -> int:
    from .clean import EditedLessons, require_clean
    started = time.monotonic()
    try:
        require_clean("the website", list(args))
        home = build()
    except (RuntimeError, EditedLessons, publish.LessonRunError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {home.parent.relative_to(KIT_ROOT)}/ in {time.monotonic() - started:.0f} s; "
          f"open {home.relative_to(KIT_ROOT)} in a browser, or publish the folder (see README.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
