"""The kit's website: every lesson as it looks after a run, for reading in a browser, online or off.

    python3 kit.py site          (or, from the kit's folder: python -m kitbuild.site)

writes `build/site/`, a static site made with Sphinx, MyST-NB and sphinx-book-theme; open build/site/index.html, or
publish the folder (GitHub Pages, any web server). Run through kit.py.

- Each lesson is run top to bottom from lessons/ (as JupyterLab and nbval run it), on a copy; MyST-NB only renders
  the outputs. Pages follow the learning path; then the instructor guide and the data dictionary.
- Student-facing: cells tagged `instructor` are left out; hints and solutions stay folded (`<details>`).
- Offline: charts and maps load plotly.js, Leaflet and jQuery from the site's own `_static/vendor/`, copied from
  installed packages (kitbuild.vendor), as kitbuild.prepare rewrites them.
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
from .clean import EditedLessons, require_clean
from .paths import (
    ASSETS,
    BUILD,
    COURSE_PLANS,
    DATA,
    GLOSSARY,
    INSTRUCTOR_GUIDE,
    ROLE_BRIEFS,
    ROOT,
    learner_pages,
    lesson_paths,
)
from .prepare import prepare
from .vendor import PAGE_FILES, copy_vendor

SITE_ASSETS = ASSETS / "site"  # conf.py, the home page's template, the site's stylesheet
SITE = BUILD / "site"
# Sphinx's working folder: source/ (assembled here, laid out like the repository), the HTML before it is moved to
# SITE, and what Sphinx and MyST-NB keep between steps (.doctrees/, jupyter_execute/).
WORK = BUILD / "site-work"
DATA_DICTIONARY = DATA / "README.md"
VENDOR = "_static/vendor"


def _page(path: Path) -> str:
    """A file of the kit as a Sphinx page name: its path in the repository without the suffix."""
    return path.relative_to(ROOT).with_suffix("").as_posix()


def toc() -> list[tuple[str, list[str]]]:
    """The site's navigation, in order: a caption and its pages."""
    return [
        ("Lessons", [_page(path) for path in lesson_paths()]),  # the learning path's order
        ("Capstone role briefs", [_page(path) for path in sorted(ROLE_BRIEFS.glob("*.md"))]),
        ("For teachers", [_page(COURSE_PLANS), _page(INSTRUCTOR_GUIDE)]),
        ("Reference", [_page(DATA_DICTIONARY), _page(GLOSSARY)]),
    ]


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
    target = source / path.relative_to(ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    for link in _LOCAL_LINK.findall(path.read_text(encoding="utf-8")):
        if "://" in link or link.startswith(("mailto:", "/")) or link.endswith((".md", ".ipynb")):
            continue
        linked = (path.parent / link).resolve()
        if linked.is_file() and linked.is_relative_to(ROOT):
            (source / linked.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(linked, source / linked.relative_to(ROOT))


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
    for path in lesson_paths():
        target = source / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(prepare(run(path), "site", _prefix(_page(path))), target)
    for page in (INSTRUCTOR_GUIDE, DATA_DICTIONARY, *learner_pages()):
        _copy_markdown(page, source)
    return source


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
    copy_vendor(html_dir / VENDOR, only=PAGE_FILES)
    for path in lesson_paths():  # what the download button gives: the lesson as stored, without instructor notes
        download = prepare(nbformat.read(path, as_version=4), "download")
        nbformat.write(download, html_dir / "_sources" / path.relative_to(ROOT))
    (html_dir / ".nojekyll").write_text("")  # GitHub Pages published from a branch: serve _static/ and _sources/
    if destination.exists():
        shutil.rmtree(destination)  # no page of a lesson since renamed or split
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(html_dir, destination)
    return destination / "index.html"


def main(args: list[str] = ()) -> int:
    started = time.monotonic()
    try:
        require_clean("the website", list(args))
        home = build()
    except (RuntimeError, EditedLessons, publish.LessonRunError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {home.parent.relative_to(ROOT)}/ in {time.monotonic() - started:.0f} s; "
          f"open {home.relative_to(ROOT)} in a browser, or publish the folder (see README.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
