"""The kit's website (`python3 kit.py site`): every lesson in the learning path's order, nothing for teachers only,
solutions folded, a search page. (Each lesson's page drawn with no network and checked by axe: tests/test_pages.py.)
Built once per test run into build/test-run/site/, as kit.py builds it; screenshots land in
build/test-run/screenshots/site-*.png for a person to look at."""
import html
import json
import os
import posixpath
import re

import nbformat
import pytest

from kitbuild import site
from kitbuild.prepare import PLOTLY_MIMETYPE, offline_html, prepare, remote_assets
from kitbuild.vendor import PAGE_FILES
from lessonkit.paths import ROLE_BRIEFS, lesson_paths
from tests.browser import EXPECTED, SHOTS, offline_page, watched_page
from tests.conftest import KURILS_MAP_LESSON, cells_tagged, read
from tests.lessons import executed_lesson, map_pages

pytestmark = pytest.mark.browser
LESSONS = lesson_paths()
LESSON_IDS = {"ids": lambda path: path.stem}
MAP_LESSONS = [path for path in LESSONS if EXPECTED[path.stem].maps]  # a lesson without a manifest stops the module


def page_of(built_site, lesson) -> str:
    return (built_site / "lessons" / f"{lesson.stem}.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    """A page's words, without tags and scripts, spaces collapsed."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def navigation(page: str, here: str) -> list[str]:
    """The pages the sidebar lists, in order, as paths from the site's top ("#" is the page itself, at `here`)."""
    nav = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', page, re.S)[0]
    hrefs = re.findall(r'<a class="(?:current )?reference internal" href="([^"]+)"', nav)
    folder = here.rpartition("/")[0]
    resolved = []
    for href in hrefs:
        path = here if href == "#" else href
        if href != "#" and folder:
            path = posixpath.normpath(f"{folder}/{href}")
        resolved.append(path)
    return resolved


def test_every_lesson_is_in_the_navigation_in_the_learning_paths_order(built_site):
    roles = [f"lessons/09-roles/{path.stem}.html" for path in sorted(ROLE_BRIEFS.glob("*.md"))]
    expected = ["index.html", *(f"lessons/{path.stem}.html" for path in LESSONS), *roles,
                "lessons/course-plans.html", "lessons/instructor-guide.html", "data/README.html",
                "lessons/glossary.html"]
    for here in expected:
        assert (built_site / here).is_file(), here
        assert navigation((built_site / here).read_text(encoding="utf-8"), here) == expected, here


@pytest.mark.parametrize("lesson", LESSONS, **LESSON_IDS)
def test_each_lesson_page_opens_on_binder_and_downloads_its_notebook(built_site, lesson):
    page = page_of(built_site, lesson)
    path = f"lessons/{lesson.name}"
    repository = os.environ.get("KIT_REPOSITORY_URL", "https://github.com/OWNER/REPOSITORY").removeprefix(
        "https://github.com/")  # the placeholder, unless a CI job names the real one (assets/site/conf.py)
    assert f'href="https://mybinder.org/v2/gh/{repository}/HEAD?urlpath=lab/tree/{path}"' in page
    assert f'href="../_sources/{path}"' in page
    download = read(built_site / "_sources" / path)
    stored = read(lesson)
    assert not cells_tagged(download, "instructor")
    assert [c.source for c in download.cells] == [c.source for c in stored.cells
                                                  if "instructor" not in c.metadata.get("tags", [])]


def test_the_download_button_saves_the_notebook(browser, built_site):
    """The button's link carries the HTML `download` attribute (set by the site's script), so a browser saves the
    notebook under its own name instead of showing its JSON."""
    lesson = LESSONS[-1]
    with offline_page(browser) as page:
        page.goto((built_site / "lessons" / f"{lesson.stem}.html").as_uri())
        button = page.locator("a.btn-download-source-button")
        assert button.get_attribute("download") == lesson.name and button.get_attribute("target") is None
        href = button.get_attribute("href")
    saved = read(built_site / "lessons" / href)
    assert saved.cells and not cells_tagged(saved, "instructor")


def test_no_page_loads_anything_from_the_internet(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= len(LESSONS) + 4
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert not remote_assets(page), path.relative_to(built_site)
        for document in map_pages(page):
            assert not remote_assets(document), path.relative_to(built_site)
            assert "/static/kit" not in document and "cdn." not in document, path.relative_to(built_site)
    for needed in PAGE_FILES:
        assert (built_site / site.VENDOR / needed).exists(), needed


def test_the_folder_works_anywhere_it_is_copied(built_site):
    """GitHub Pages serves a project's site under /REPOSITORY/, a USB stick has no server at all: every address in
    a page is relative, and .nojekyll keeps GitHub from hiding _static/ and _sources/."""
    assert (built_site / ".nojekyll").is_file()
    for path in built_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        for document in [page, *map_pages(page)]:
            rooted = re.findall(r"""(?:src|href)\s*=\s*["'](/(?!/)[^"']*)""", document)
            assert not rooted, f"{path.relative_to(built_site)}: {rooted[:3]}"


def test_instructor_notes_are_not_published(built_site):
    for lesson in LESSONS:
        notes = cells_tagged(read(lesson), "instructor")
        words = text_of(page_of(built_site, lesson))
        assert "Instructor notes" not in words, lesson.name
        for cell in notes:
            after_summary = cell.source.split("</summary>", 1)[-1]
            first_words = re.findall(r"[A-Za-z]{3,}", after_summary)[:8]
            assert len(first_words) == 8
            assert not re.search(r"\W+".join(first_words), words), f"{lesson.name}: {' '.join(first_words)}"


@pytest.mark.parametrize("lesson", LESSONS, **LESSON_IDS)
def test_hints_and_solutions_stay_folded(built_site, lesson):
    page = page_of(built_site, lesson)
    hidden = sum(cell.source.count("<details>") for tag in ("hint", "solution")
                 for cell in cells_tagged(read(lesson), tag))
    assert hidden, "a lesson with exercises"
    # Also folded: further reading in the Markdown and in outputs (statement panels, source lists); the site leaves
    # out instructor notes.
    folded = sum(cell.source.count("<details>") for cell in read(lesson).cells
                 if cell.cell_type == "markdown" and "instructor" not in cell.metadata.get("tags", []))
    folded += sum(output.get("data", {}).get("text/html", "").count("<details>")
                  for cell in executed_lesson(lesson).cells for output in cell.get("outputs", []))
    assert page.count("<details>") == folded and "<details open" not in page
    assert page.count("<summary>Show a solution</summary>") == len(cells_tagged(read(lesson), "solution"))


def test_every_map_frame_has_a_title(built_site):
    for lesson in MAP_LESSONS:
        frames = re.findall(r"<iframe\b[^>]*>", page_of(built_site, lesson))
        assert frames, lesson.name
        assert all(re.search(r'\btitle="[^"]+"', re.sub(r'srcdoc="[^"]*"', "", frame)) for frame in frames)


def test_solutions_are_hidden_until_opened(browser, built_site):
    lesson = next(path for path in LESSONS if path.name == KURILS_MAP_LESSON)
    with offline_page(browser) as page:
        page.goto((built_site / "lessons" / f"{lesson.stem}.html").as_uri())
        solution = page.locator("details", has=page.locator("summary", has_text="Show a solution")).first
        code = solution.locator("pre")
        solution.scroll_into_view_if_needed()
        assert not code.is_visible()
        page.screenshot(path=str(SHOTS / "site-folded-solution.png"))
        solution.locator("summary").click()
        assert code.is_visible()


def test_search_finds_a_lesson_with_no_network(browser, built_site):
    assert (built_site / "search.html").is_file() and (built_site / "searchindex.js").is_file()
    with watched_page(browser, 1280, 720) as (page, seen):
        page.goto((built_site / "index.html").as_uri())
        page.screenshot(path=str(SHOTS / "site-home.png"))
        page.locator(".bd-sidebar-primary .search-button-field").click()  # the theme's search box, then Enter
        page.keyboard.type("Iturup")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search.html?q=Iturup*")
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for()
        found = {href.split("#")[0].split("?")[0] for href in
                 (results.nth(i).get_attribute("href") for i in range(results.count()))}
        assert f"lessons/{KURILS_MAP_LESSON.removesuffix('.ipynb')}.html" in found, found
        page.screenshot(path=str(SHOTS / "site-search.png"))
        assert not seen.refused, f"requests to the internet: {seen.refused}"


CONTRAST_JS = """els => els.map(el => {
    const colour = s => s.match(/[\\d.]+/g).map(Number);
    let node = el, background = 'rgba(0, 0, 0, 0)';
    while (node && colour(background)[3] === 0) {
        background = getComputedStyle(node).backgroundColor; node = node.parentElement; }
    const style = getComputedStyle(el);
    return {text: el.textContent.trim().slice(0, 40), colour: colour(style.color),
            background: colour(background).length === 4 && colour(background)[3] === 0 ? [255, 255, 255] :
                        colour(background), underline: style.textDecorationLine.includes('underline')};
})"""


def contrast(foreground, background) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    light, dark = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_links_are_underlined_and_text_is_readable(browser, built_site):
    lesson = LESSONS[0]
    with offline_page(browser) as page:
        page.goto((built_site / "lessons" / f"{lesson.stem}.html").as_uri())
        page.screenshot(path=str(SHOTS / "site-lesson-top.png"))
        links = page.locator(".bd-article p a").evaluate_all(CONTRAST_JS)
        text = page.locator(".bd-article p, .bd-article td, .bd-sidebar-primary a").evaluate_all(CONTRAST_JS)
    assert links and text
    assert all(link["underline"] for link in links), [link["text"] for link in links if not link["underline"]]
    weak = [f"{item['text']!r}: {contrast(item['colour'], item['background']):.1f}" for item in links + text
            if contrast(item["colour"], item["background"]) < 4.5]
    assert not weak, "text below WCAG AA contrast (4.5:1): " + "; ".join(weak[:5])


def test_offline_rewrite_points_any_leaflet_jquery_or_plotly_address_at_the_site():
    """Whatever address a map page uses for these files (a CDN, the Jupyter server's /static/..., a version in the
    name), the site's copy is loaded; other outside scripts and styles are left out; an untitled frame is named."""
    document = "\n".join([
        '<link rel="stylesheet" href="/static/kit-vendor/leaflet.css">',
        '<script src="/user/ada/static/kit-vendor/leaflet.js"></script>',
        '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>',
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>',
        "<script>window.L || document.write('<script src=\"https://unpkg.com/leaflet/dist/leaflet.js\"><\\/script>')</script>",
        '<script src="https://cdn.plot.ly/plotly-2.35.2.min.js?v=1"></script>',
        '<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js"></script>',
        '<link rel="stylesheet" href="https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css"/>',
        '<a href="https://www.mofa.go.jp/">a source</a>'])
    output = f'<div><iframe srcdoc="{html.escape("<title>Kurils</title>" + document, quote=True)}"></iframe></div>'
    rewritten = offline_html(output, "../_static/vendor/")
    inner = map_pages(rewritten)[0]
    assert not remote_assets(inner) and "/static/kit-vendor" not in inner
    for local in ["leaflet/leaflet.css", "leaflet/leaflet.js", "jquery.min.js", "plotly.min.js"]:
        assert f"../_static/vendor/{local}" in inner, local
    assert "bootstrap" not in inner and 'href="https://www.mofa.go.jp/"' in inner, "a link to click stays"
    assert rewritten.startswith('<div><iframe title="Kurils" srcdoc=')
    assert offline_html('<iframe title="Map of the strait" srcdoc=""></iframe>', "") .count("title=") == 1


def test_chart_output_becomes_html_drawn_by_the_sites_plotly():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("---"),
        nbformat.v4.new_markdown_cell("notes", metadata={"tags": ["instructor"]}),
        *[nbformat.v4.new_code_cell("timeline", outputs=[nbformat.v4.new_output(
            "display_data", data={PLOTLY_MIMETYPE: {"data": [{"type": "scatter", "x": [1], "y": [2]}],
                                                         "layout": {}}})]) for _ in range(2)]])
    shown = prepare(notebook, "site", "../_static/vendor/")
    assert [cell.source for cell in shown.cells] == ["timeline", "timeline"]
    first, second = (cell.outputs[0]["data"]["text/html"] for cell in shown.cells)
    assert first.startswith('<script src="../_static/vendor/plotly.min.js"></script>')
    assert "plotly.min.js" not in second and "Plotly.newPlot" in second, "plotly.js is loaded once a page"
    assert json.dumps(notebook.cells[2].outputs[0]["data"]).count(PLOTLY_MIMETYPE) == 1, "the run is not changed"


def test_every_glossary_link_on_a_lesson_page_reaches_its_entry(built_site):
    glossary = (built_site / "lessons" / "glossary.html").read_text(encoding="utf-8")
    entries = set(re.findall(r'id="([a-z0-9-]+)"', glossary))
    for path in LESSONS:
        page = (built_site / "lessons" / f"{path.stem}.html").read_text(encoding="utf-8")
        targets = set(re.findall(r'href="glossary\.html#([a-z0-9-]+)"', page))
        assert targets <= entries, f"{path.stem}: no entry for {sorted(targets - entries)}"
    assert any('href="glossary.html#' in (built_site / "lessons" / f"{p.stem}.html").read_text() for p in LESSONS)
