"""WCAG 2.1 A and AA, checked by axe-core: no serious or critical violation on a lesson exported as a web page, on
any slide of a deck, or on a kit map page on its own. Map iframes are checked with the page around them.

axe-core comes from npm, pinned (tests.browser.AXE_VERSION), installed once into build/node/; without npm the tests
are skipped, except in CI.
"""
import os
import re
import subprocess

import pytest

from kitbuild.export import EXPORT
from lessonkit.paths import lesson_paths
from tests.browser import (
    MAP_IFRAMES,
    SHOTS,
    axe_violations,
    chromium,
    describe_violations,
    install_axe,
    map_contents,
)
from tests.lessons import map_pages

pytestmark = pytest.mark.browser
LESSONS = sorted(path.stem for path in lesson_paths())


@pytest.fixture(scope="session")
def axe():
    try:
        return install_axe()
    except (OSError, subprocess.CalledProcessError) as exc:
        message = f"axe-core could not be installed with npm: {exc} {getattr(exc, 'stderr', '') or ''}"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing checker must fail, not skip
        pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    with chromium() as shared:
        yield shared


@pytest.fixture
def page(browser):
    """A page that can reach local files only."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", "data:", "about:", "blob:")) else route.abort())
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def wait_for_maps_and_charts(page, drawn: bool = True) -> None:
    for iframe in page.locator(MAP_IFRAMES).all():
        map_contents(iframe, drawn=drawn)
    for plot in page.locator(".js-plotly-plot").all():
        plot.locator(".scatterlayer .point").first.wait_for(state="attached")


@pytest.mark.parametrize("lesson", LESSONS)
def test_an_exported_lesson_has_no_serious_violations(axe, page, exported_lessons, lesson):
    page.goto(exported_lessons[lesson].as_uri())
    wait_for_maps_and_charts(page)
    violations = axe_violations(page)
    assert not violations, f"the exported {lesson}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_slide_of_a_deck_has_no_serious_violations(axe, page, slide_decks, lesson):
    """reveal.js's print view lays every slide out at once, flat and unscaled, with every fragment shown: one check
    covers the deck. (In the presenting view axe cannot tell the colours behind the text through reveal.js's 3D
    stacking, and reports contrast as "incomplete", not as a pass or a violation.)"""
    page.goto(slide_decks[lesson].as_uri() + "?print-pdf&fragments=false")
    page.wait_for_function("() => window.Reveal && Reveal.isReady() && Reveal.isPrintView()")
    # reveal.js lays the print view out after it reports ready, and may lay it out again once charts have drawn:
    # wait until the number of pages stops changing.
    pages = page.evaluate("""() => new Promise(resolve => {
        let last = -1;
        const tick = () => {
            const now = document.querySelectorAll('.reveal .pdf-page').length;
            if (now > 0 && now === last) resolve(now); else { last = now; setTimeout(tick, 500); }
        };
        tick();
    })""")
    assert pages >= 10, f"the print view shows only {pages} pages"
    wait_for_maps_and_charts(page)
    violations = axe_violations(page)
    assert not violations, f"the deck of {lesson}, print view:\n{describe_violations(violations)}"


def test_a_kit_map_page_on_its_own_has_no_serious_violations(axe, page, exported_lessons):
    """The richest map of lesson 03b (markers, popups, lines, legend, layer control) as a page of its own, as
    `Map.save()` writes it for a learner, with its scripts from the export's vendor/ folder."""
    lesson_page = exported_lessons["03b-kurils-map-and-data"].read_text(encoding="utf-8")
    pages = map_pages(lesson_page)
    richest = max(pages, key=lambda page_html: page_html.count("circle_marker") + page_html.count("L.control.layers"))
    vendor = (EXPORT / "vendor").as_uri()
    SHOTS.mkdir(parents=True, exist_ok=True)
    map_page = SHOTS / "a11y-03b-kurils-map.html"
    # Its tags and its loader's list of files (a JSON object in the page) both name vendor/ relative to the export.
    map_page.write_text(re.sub(r'(["\'])vendor/', rf"\1{vendor}/", richest), encoding="utf-8")
    page.goto(map_page.as_uri())
    page.wait_for_function("() => window.L && document.querySelectorAll('path.leaflet-interactive').length > 0")
    violations = axe_violations(page)
    assert not violations, f"{map_page.name}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_page_of_the_website_has_no_serious_violations(axe, page, built_site, lesson):
    page.goto((built_site / "lessons" / f"{lesson}.html").as_uri())
    wait_for_maps_and_charts(page)
    page.screenshot(path=str(SHOTS / f"site-axe-{lesson}.png"))
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
