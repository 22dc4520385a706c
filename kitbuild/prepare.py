"""What each build makes of a lesson: `prepare(notebook, target)`, the one place that drops cells, rewrites links,
turns charts into HTML and points outputs at their offline copies.

| target       | cells dropped            | links rewritten                              | outputs                 |
| ------------ | ------------------------ | -------------------------------------------- | ----------------------- |
| `slides`     | none                     | learner pages (glossary, briefs) to words    | offline, charts 1180 px |
| `page`       | none                     | lessons, learner pages to .html; guide plain | offline, charts fill    |
| `site`       | instructor, `---` breaks | glossary entries as HTML links               | offline, charts fill    |
| `download`   | instructor               | none                                         | as stored               |
| `student`    | solution, instructor     | guide plain ("given to teachers")            | none                    |
| `instructor` | none                     | none; solutions unfolded, notes marked       | none                    |

Offline: every script or stylesheet address ending in leaflet.js, leaflet.css, jquery*.js or plotly*.js (a CDN, or
the Jupyter server's /static/kit/) is pointed at the build's vendor/ copy (kitbuild.vendor); any other outside script
or stylesheet is left out; each map's frame gets a title for screen readers.
"""
import copy
import html
import re
from dataclasses import dataclass

import nbformat

from .charts import PLOTLY_MIMETYPE
from .paths import learner_page_names, lesson_paths
from .vendor import vendor_path

CHART_WIDTH_PX = 1180  # a hidden slide has no width to measure, so the chart is told the slide's


# Links -----------------------------------------------------------------------------------------------------------

GUIDE_LINK = re.compile(r"\[([^\]]+)\]\(instructor-guide\.md\)")
GLOSSARY_LINK = re.compile(r"\[([^\]]+)\]\(glossary\.md#([a-z0-9-]+)\)")
PAGE_LINK = re.compile(rf"\[([^\]]+)\]\((?:{'|'.join(map(re.escape, learner_page_names()))})\.md(?:#[a-z0-9-]+)?\)")


def learner_pages_as_words(text: str) -> str:
    """A deck is projected and carries neither the glossary nor the role briefs: their links become plain words."""
    return PAGE_LINK.sub(r"\1", text)


def guide_as_words(text: str) -> str:
    """A hand-out or page without the instructor guide: its link becomes plain text, so no link leads nowhere."""
    return GUIDE_LINK.sub(r"\1 (given to teachers)", text)


def links_to_pages(text: str) -> str:
    """Links to another lesson's notebook or to a learner page lead to that page's .html."""
    pages = [path.stem for path in lesson_paths()] + learner_page_names()
    targets = "|".join(re.escape(page) for page in pages)
    return re.sub(rf"\]\(({targets})\.(?:ipynb|md)(#[^)]*)?\)", r"](\1.html\2)", text)


def glossary_anchors(text: str) -> str:
    """Glossary links as HTML links: MyST would look for a heading, not the entry's <a id>."""
    return GLOSSARY_LINK.sub(r'<a href="glossary.html#\2">\1</a>', text)


# Offline outputs -------------------------------------------------------------------------------------------------

# A quoted address whose file name is one the vendor folder ships: the Jupyter server's /static/kit/leaflet.js, a CDN's
# https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js, jquery-3.7.1.min.js, plotly-2.35.2.min.js, ...
SHIPPED_NAME = re.compile(r"""leaflet\.js|leaflet\.css|jquery[^"'/\s<>]*\.js|plotly[^"'/\s<>]*\.js""", re.I)
_SHIPPED = re.compile(rf"""(?P<q>["'])(?P<url>[^"'\s<>]*?(?P<name>{SHIPPED_NAME.pattern}))(?:\?[^"'\s<>]*)?(?P=q)""",
                      re.I)
_SCRIPT = re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*(["'])(?P<url>.*?)\1[^>]*>\s*</script>""", re.I | re.S)
_LINK = re.compile(r"""<link\b[^>]*?\bhref\s*=\s*(["'])(?P<url>.*?)\1[^>]*>""", re.I | re.S)
_SRCDOC = re.compile(r'(<iframe\b[^>]*?\bsrcdoc=")([^"]*)(")', re.I | re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.I | re.S)


def _is_outside(url: str) -> bool:
    """An address that leaves the page's folder: another host, or the root of a server (a Jupyter server's
    /static/...)."""
    return url.startswith(("http:", "https:", "//", "/"))


def offline_html(page: str, prefix: str = "vendor/") -> str:
    """An output's HTML with every script and stylesheet it needs loaded from `prefix` (a vendor folder copied by
    kitbuild.vendor), any other outside one left out; a map's page (an iframe's srcdoc) too, and a map's frame named
    for screen readers."""
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


def remote_assets(page: str) -> list[str]:
    """Addresses a page would fetch from the internet to draw itself (links a reader may click don't count)."""
    return re.findall(r"<(?:script|link|img)[^>]+(?:src|href)=\"(https?://[^\"]+)\"", page)


def chart_html(figure: dict, prefix: str, load_plotly: bool, width_px: int | None = None) -> str:
    """A plotly figure as HTML drawn by the vendor folder's plotly.js (loaded by the page's first chart only), as
    wide as its column, or `width_px` wide."""
    import plotly.io
    if width_px:
        figure = {**figure, "layout": {**figure.get("layout", {}), "width": width_px}}
    body = plotly.io.to_html(figure, include_plotlyjs=False, full_html=False, default_width="100%",
                             config={"responsive": not width_px, "displaylogo": False})
    script = f'<script src="{vendor_path("plotly.min.js", prefix)}"></script>\n' if load_plotly else ""
    return script + body


def offline_outputs(notebook: nbformat.NotebookNode, prefix: str, chart_width_px: int | None) -> None:
    """Make the notebook's outputs load nothing from the internet: charts as HTML, other HTML pointed at `prefix`."""
    charts = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIMETYPE in data:
                data["text/html"] = chart_html(data.pop(PLOTLY_MIMETYPE), prefix, charts == 0, chart_width_px)
                charts += 1
            elif "text/html" in data:
                data["text/html"] = offline_html(data["text/html"], prefix)


# Targets ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    """What one build makes of a lesson (the table above)."""
    dropped_tags: frozenset[str] = frozenset()
    drops_slide_breaks: bool = False  # a Markdown cell holding only `---`
    link_rewrites: tuple = ()  # functions from a Markdown cell's text to its new text
    outputs: str = "offline"  # "offline", "none" or "stored"
    chart_width_px: int | None = None
    marks_for_teachers: bool = False  # solutions unfolded, instructor notes marked


TARGETS = {
    "slides": Target(link_rewrites=(learner_pages_as_words,), chart_width_px=CHART_WIDTH_PX),
    "page": Target(link_rewrites=(links_to_pages, guide_as_words)),
    "site": Target(dropped_tags=frozenset({"instructor"}), drops_slide_breaks=True, link_rewrites=(glossary_anchors,)),
    "download": Target(dropped_tags=frozenset({"instructor"}), outputs="stored"),
    "student": Target(dropped_tags=frozenset({"solution", "instructor"}), link_rewrites=(guide_as_words,),
                      outputs="none"),
    "instructor": Target(outputs="none", marks_for_teachers=True),
}


def _tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def _kept(cell, target: Target) -> bool:
    if _tags(cell) & target.dropped_tags:
        return False
    return not (target.drops_slide_breaks and cell.cell_type == "markdown" and cell.source.strip() == "---")


def _mark_for_teachers(cell) -> None:
    if "solution" in _tags(cell):
        cell.source = cell.source.replace("<details>", "<details open>", 1)
    if "instructor" in _tags(cell):
        cell.source = "> **Instructor notes** (not in the student version)\n\n" + cell.source


def prepare(notebook: nbformat.NotebookNode, target: str, prefix: str = "vendor/") -> nbformat.NotebookNode:
    """A copy of `notebook` as the build `target` shows it (a key of TARGETS); `prefix` leads from the page to its
    vendor folder. The notebook itself is not changed: a run may be shared by several builds."""
    wanted = TARGETS[target]
    notebook = copy.deepcopy(notebook)
    notebook.cells = [cell for cell in notebook.cells if _kept(cell, wanted)]
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for rewrite in wanted.link_rewrites:
                cell.source = rewrite(cell.source)
        if wanted.marks_for_teachers:
            _mark_for_teachers(cell)
        if cell.cell_type == "code" and wanted.outputs == "none":
            cell.outputs, cell.execution_count = [], None
    if wanted.outputs == "offline":
        offline_outputs(notebook, prefix, wanted.chart_width_px)
    return notebook
