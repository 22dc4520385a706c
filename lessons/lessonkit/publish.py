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
import copy
import html
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat

KIT_ROOT = Path(__file__).resolve().parents[2]
LESSONS = KIT_ROOT / "lessons"
# Where the builds go: build/ for whoever runs kit.py. The tests set KIT_BUILD_DIR (a folder inside the kit), so a
# test run never replaces an instructor's build/slides or build/student.
BUILD = KIT_ROOT / os.environ.get("KIT_BUILD_DIR", "build")
STUDENT_DROPS = {"solution", "instructor"}
CHECKED_TAG = "nbval-check-output"
SLIDE_SIZE = ("1280", "720")
GLOSSARY = LESSONS / "glossary.md"  # lessons link their terms to it, so every version carries it
# What the exported pages' and the decks' templates both include (the code colours), found by name from either.
SHARED_TEMPLATES = KIT_ROOT / "assets" / "shared"
ROLE_BRIEFS = LESSONS / "09-roles"  # the capstone's role briefs, which lesson 09 links
COURSE_PLANS = LESSONS / "course-plans.md"  # the workshop, module and self-paced plans, which lesson 00 links


def learner_pages() -> list[Path]:
    """The Markdown pages learners open from the lessons: the glossary, the course plans, the role briefs."""
    return [GLOSSARY, COURSE_PLANS, *sorted(ROLE_BRIEFS.glob("*.md"))]


def learner_page_names() -> list[str]:
    """The learner pages as a lesson's link names them, without `.md`: glossary, course-plans, 09-roles/japan..."""
    return [page.relative_to(LESSONS).with_suffix("").as_posix() for page in learner_pages()]
INSTRUCTOR_GUIDE = LESSONS / "instructor-guide.md"  # in the instructor version only: it holds the answer keys


def lesson_paths() -> list[Path]:
    return sorted(LESSONS.glob("[0-9][0-9]*-*.ipynb"))


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
    paths = [LESSONS / Path(name).name for name in names] or lesson_paths()
    for path in paths:
        nbformat.write(keep_checked_outputs(execute(nbformat.read(path, as_version=4))), path)
    return paths


def _tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def _without_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


GUIDE_LINK = re.compile(r"\[([^\]]+)\]\(instructor-guide\.md\)")
GLOSSARY_LINK = re.compile(r"\[([^\]]+)\]\(glossary\.md#([a-z0-9-]+)\)")
PAGE_LINK = re.compile(rf"\[([^\]]+)\]\((?:{'|'.join(map(re.escape, learner_page_names()))})\.md(?:#[a-z0-9-]+)?\)")


def _plain_page_links(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose links to the glossary and the role briefs are plain words: a deck is projected, and carries
    neither."""
    notebook = nbformat.from_dict(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = PAGE_LINK.sub(r"\1", cell.source)
    return notebook


def student_version(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """No solutions, no instructor notes, no outputs; a link to the instructor guide (which the hand-out leaves out)
    becomes plain text, so no link in it leads nowhere."""
    notebook = nbformat.from_dict(notebook)
    notebook.cells = [cell for cell in notebook.cells if not _tags(cell) & STUDENT_DROPS]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = GUIDE_LINK.sub(r"\1 (given to teachers)", cell.source)
    return _without_outputs(notebook)


def instructor_version(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    notebook = nbformat.from_dict(notebook)
    for cell in notebook.cells:
        if "solution" in _tags(cell):
            cell.source = cell.source.replace("<details>", "<details open>", 1)
        if "instructor" in _tags(cell):
            cell.source = "> **Instructor notes** (not in the student version)\n\n" + cell.source
    return _without_outputs(notebook)


def _copy_kit(destination: Path) -> Path:
    """A runnable copy of the kit's data and helpers, so the notebooks written beside them work."""
    if destination.exists():
        shutil.rmtree(destination)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    shutil.copytree(KIT_ROOT / "data", destination / "data", ignore=ignore)
    shutil.copytree(LESSONS / "lessonkit", destination / "lessons" / "lessonkit", ignore=ignore)
    return destination / "lessons"


def _write_version(folder: Path, make, guide: bool) -> list[Path]:
    lessons = _copy_kit(folder)
    written = []
    for path in lesson_paths():
        target = lessons / path.name
        nbformat.write(make(nbformat.read(path, as_version=4)), target)
        written.append(target)
    if guide:
        written.append(Path(shutil.copyfile(INSTRUCTOR_GUIDE, lessons / INSTRUCTOR_GUIDE.name)))
    for page in learner_pages():
        target = folder / page.relative_to(KIT_ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.copyfile(page, target)))
    return written


def write_versions(build: Path | None = None) -> list[Path]:
    """build/student/ and build/instructor/: each a folder to hand out, with lessons, the glossary and role briefs,
    helpers and data; the instructor's also has the instructor guide. Each is built beside its old version and
    replaces it only when complete."""
    build = build or BUILD
    written = []
    for name, make in [("student", student_version), ("instructor", instructor_version)]:
        def write(folder: Path, make=make, name=name) -> list[Path]:
            return _write_version(folder, make, guide=name == "instructor")
        written += swap_in(write, build / name)
    return written


# Slides -------------------------------------------------------------------------------------------------------

def vendor_files() -> dict[str, Path]:
    """Files the decks load, each from the installed package that ships it."""
    import plotly
    import sphinx_revealjs

    from .vendor import map_asset_files

    maps = map_asset_files()
    reveal = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    return {
        "jquery.min.js": maps["jquery.min.js"],
        "leaflet/leaflet.js": maps["leaflet.js"],
        "leaflet/leaflet.css": maps["leaflet.css"],
        "leaflet/images": maps["images"],
        "plotly.min.js": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
        "reveal.js/dist": reveal / "dist",
        "reveal.js/plugin/notes": reveal / "plugin" / "notes",
    }


def _copy_vendor(vendor: Path) -> None:
    for relative, source in vendor_files().items():
        target = vendor / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)


# A quoted address whose file name is one the vendor folder ships: the Jupyter server's /static/kit/leaflet.js, a CDN's
# https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js, jquery-3.7.1.min.js, plotly-2.35.2.min.js, ...
SHIPPED_NAME = re.compile(r"""leaflet\.js|leaflet\.css|jquery[^"'/\s<>]*\.js|plotly[^"'/\s<>]*\.js""", re.I)
_SHIPPED = re.compile(rf"""(?P<q>["'])(?P<url>[^"'\s<>]*?(?P<name>{SHIPPED_NAME.pattern}))(?:\?[^"'\s<>]*)?(?P=q)""",
                      re.I)
_SCRIPT = re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*(["'])(?P<url>.*?)\1[^>]*>\s*</script>""", re.I | re.S)
_LINK = re.compile(r"""<link\b[^>]*?\bhref\s*=\s*(["'])(?P<url>.*?)\1[^>]*>""", re.I | re.S)
_SRCDOC = re.compile(r'(<iframe\b[^>]*?\bsrcdoc=")([^"]*)(")', re.I | re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.I | re.S)


def vendor_path(name: str, prefix: str = "vendor/") -> str:
    """Where a page finds its copy of `name` (leaflet.js, jquery-3.7.1.min.js, plotly-2.35.2.min.js, ...); `prefix`
    leads from the page to the vendor folder ("vendor/" beside a deck or an exported page, "../_static/vendor/" for
    a page of the website)."""
    name = name.lower()
    if name in ("leaflet.js", "leaflet.css"):
        return f"{prefix}leaflet/{name}"
    return f"{prefix}{'jquery.min.js' if name.startswith('jquery') else 'plotly.min.js'}"


def _is_outside(url: str) -> bool:
    """An address that leaves the page's folder: another host, or the root of a server (a Jupyter server's
    /static/...)."""
    return url.startswith(("http:", "https:", "//", "/"))


def offline_html(page: str, prefix: str = "vendor/") -> str:
    """An output's HTML with every script and stylesheet it needs loaded from `prefix` (a vendor folder copied from
    vendor_files()), any other outside one left out; a map's page (an iframe's srcdoc) too, and a map's frame named
    for screen readers. One rewrite for the decks, the exported pages and the website."""
    page = _SHIPPED.sub(lambda m: f"{m['q']}{vendor_path(m['name'], prefix)}{m['q']}", page)
    page = _SCRIPT.sub(lambda m: "" if _is_outside(m["url"]) else m[0], page)
    page = _LINK.sub(lambda m: "" if _is_outside(m["url"]) else m[0], page)

    def inner(match: re.Match) -> str:
        document = offline_html(html.unescape(match[2]), prefix)
        return match[1] + html.escape(document, quote=True) + match[3]
    page = _SRCDOC.sub(inner, page)
    return _titled_frames(page)


def _titled_frames(page: str) -> str:
    """Give each iframe without a title the title of the page it shows, or "Interactive map"."""
    def titled(match: re.Match) -> str:
        tag = match[0]
        if re.search(r"\btitle\s*=", re.sub(r'srcdoc="[^"]*"', "", tag), re.I):
            return tag
        found = _TITLE.search(html.unescape(tag))
        title = html.escape(found[1].strip() if found and found[1].strip() else "Interactive map", quote=True)
        return tag.replace("<iframe", f'<iframe title="{title}"', 1)
    return re.sub(r"<iframe\b[^>]*>", titled, page, flags=re.I | re.S)


CHART_WIDTH_PX = 1180  # a hidden slide has no width to measure, so the chart is told the slide's


def _chart_html(figure_json: dict) -> str:
    import plotly.io
    figure = {**figure_json, "layout": {**figure_json.get("layout", {}), "width": CHART_WIDTH_PX}}
    return plotly.io.to_html(figure, include_plotlyjs="vendor/plotly.min.js", full_html=False)


def _offline_outputs(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook whose outputs load nothing from the internet."""
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/vnd.plotly.v1+json" in data:
                data["text/html"] = _chart_html(data.pop("application/vnd.plotly.v1+json"))
            if "text/html" in data:
                data["text/html"] = offline_html(data["text/html"])
    return notebook


def run_lesson(path: Path) -> nbformat.NotebookNode:
    """A lesson as its slides show it: read from disk and run top to bottom."""
    return execute(nbformat.read(path, as_version=4), name=_shown_path(path))


def _shown_path(path: Path) -> str:
    path = Path(path)
    return path.relative_to(KIT_ROOT).as_posix() if path.is_relative_to(KIT_ROOT) else str(path)


def export_slides(destination: Path = BUILD / "slides", run=run_lesson) -> list[Path]:
    """One reveal.js deck per lesson in `destination`, with everything they load in `destination/vendor`.
    `run(path)` gives the lesson run top to bottom (the tests pass one that reuses runs they already made). The
    decks are made in a folder beside `destination` and replace it only when every lesson ran."""
    return swap_in(lambda folder: _write_slides(folder, run), destination)


def _write_slides(destination: Path, run) -> list[Path]:
    from nbconvert import SlidesExporter

    _copy_vendor(destination / "vendor")
    exporter = SlidesExporter(extra_template_basedirs=[str(KIT_ROOT / "assets")], template_name="slides",
                              extra_template_paths=[str(SHARED_TEMPLATES)],
                              reveal_url_prefix="vendor/reveal.js", reveal_theme="white",
                              exclude_input_prompt=True, exclude_output_prompt=True,
                              reveal_width=SLIDE_SIZE[0], reveal_height=SLIDE_SIZE[1])
    decks = []
    for path in lesson_paths():
        body, _ = exporter.from_notebook_node(_offline_outputs(_plain_page_links(run(path))))
        deck = destination / f"{path.stem}.slides.html"
        deck.write_text(body, encoding="utf-8")
        decks.append(deck)
    return decks


def remote_assets(html: str) -> list[str]:
    """Addresses a page would fetch from the internet to draw itself (links a reader may click don't count)."""
    return re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=\"(https?://[^\"]+)\"", html)


def main(command: str, names: list[str]) -> int:
    """The kit.py commands; a refused or failed build prints its few lines and returns 1."""
    from .clean import EditedLessons, require_clean
    os.chdir(KIT_ROOT)
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
            print(f"stored the checked outputs of {path.relative_to(KIT_ROOT)}")
    elif command == "versions":
        for path in write_versions():
            print(f"wrote {path.relative_to(KIT_ROOT)}")
    elif command == "slides":
        for deck in export_slides():
            print(f"wrote {deck.relative_to(KIT_ROOT)}")
        print("Open a deck in a browser; press S for the speaker view with the instructor notes.")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
