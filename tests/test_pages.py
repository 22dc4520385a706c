"""Every lesson in the three forms the kit builds beyond the notebook, each visited once in headless Chromium with no
network: the page `kit.py export` writes, the deck `kit.py slides` writes (its presenting view, then its print view),
and the lesson's page of the website `kit.py site` builds. One visit checks everything that form must do, and stops
at the first thing that fails:

- every map and chart shows what the lesson's manifest (at the end of its checks module) computes from data/, each
  map on its land;
- nothing is fetched from outside and nothing is logged as an error;
- axe-core finds no serious or critical WCAG 2.1 A or AA violation (map iframes are checked with the page around
  them; a deck in reveal.js's print view, every slide laid out at once);
- in a deck, every slide and sub-slide fits 1280×720; on the website, every chart fits the text column.

Accessibility comes last (without npm, outside CI, only that step is skipped), after the check that nothing was
fetched or logged: axe fetches the page's stylesheets itself, which the browser logs as errors on file: pages.

Screenshots of each lesson's richest map or chart, for a person to look at: build/test-run/screenshots/
export-<lesson>.png, deck-<lesson>.png and site-<lesson>.png; slides that don't fit in screenshots/slides/.
"""
from collections import defaultdict

import pytest

from kitbuild.publish import SLIDE_SIZE
from lessonkit.checks.manifest import ChartShows, LessonShows
from lessonkit.paths import lesson_paths
from tests.browser import (
    CHARTS,
    EXPECTED,
    MAP_IFRAMES,
    SHOTS,
    assert_quiet,
    chart_contents,
    map_shows,
    richest_output,
    shown,
    watched_page,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.browser
LESSONS = sorted(path.stem for path in lesson_paths())
SLIDE_W, SLIDE_H = (int(size) for size in SLIDE_SIZE)


def screenshot_richest_output(page, lesson: str, name: str) -> None:
    """Scroll to what a person should look at (tests.browser.richest_output) and take the screenshot `name`."""
    richest = richest_output(page, lesson)
    if richest:
        richest.scroll_into_view_if_needed()
        page.wait_for_timeout(300)  # let the scrolled-to output settle
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


# The exported pages (python3 kit.py export) --------------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS)
def test_each_exported_lesson_draws_offline_and_meets_wcag_aa(browser, axe, exported_lessons, lesson):
    with watched_page(browser, 1280, 800) as (page, seen):
        page.goto(exported_lessons[lesson].as_uri())
        page.wait_for_load_state("load")
        assert shown(page) == EXPECTED[lesson]
        screenshot_richest_output(page, lesson, f"export-{lesson}.png")
        assert_quiet(seen, f"The exported {lesson}")
        axe(page, f"the exported {lesson}")


# The slide decks (python3 kit.py slides) -----------------------------------------------------------------------

# Every slide and sub-slide in order, as [h, v] for Reveal.slide(h, v).
ALL_SLIDES_JS = """() => Reveal.getHorizontalSlides().flatMap((stack, h) => {
    const subslides = stack.querySelectorAll(':scope > section').length;
    return subslides ? [...Array(subslides).keys()].map(v => [h, v]) : [[h, 0]]; })"""
# The [h, v] of the slide an element is on, and a call that shows that slide.
SLIDE_OF_JS = """element => {
    const indices = Reveal.getIndices(element.closest('.reveal .slides section section, .reveal .slides > section'));
    return [indices.h, indices.v || 0];
}"""
SHOW_SLIDE_OF_JS = f"element => Reveal.slide(...({SLIDE_OF_JS})(element))"

# What the current slide holds that does not fit, in the deck's own pixels (the slide is scaled to the window):
# the slide's height and width; any element taller or wider than the deck, reaching past its edges, or clipping
# content behind a scroll bar; and any text or picture a navigation arrow covers.
SLIDE_FIT_JS = """async ([width, height]) => {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const slide = Reveal.getCurrentSlide(), scale = Reveal.getScale();
    const deck = Reveal.getSlidesElement().getBoundingClientRect();
    const shown = el => el.checkVisibility({visibilityProperty: true});
    const text = node => node.textContent.replace(/\\s+/g, ' ').trim().slice(0, 60);
    const describe = el => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ?
        ' class="' + el.className.split(' ')[0] + '"' : ''}> "${text(el)}"`;
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT, {acceptNode: node =>
        node.textContent.trim() && shown(node.parentElement) && !node.parentElement.closest('style, script') ?
        NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT});
    const textNodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) textNodes.push(node);
    const problems = [];
    if (slide.scrollHeight > height) problems.push(`${slide.scrollHeight} px tall`);
    if (slide.scrollWidth > width) problems.push(`${slide.scrollWidth} px wide`);
    const reported = [];  // the outermost element of each overflow: its children overflow with it
    for (const el of slide.querySelectorAll('*')) {
        if (!(el instanceof HTMLElement) || !shown(el) || reported.some(outer => outer.contains(el))) continue;
        const box = el.getBoundingClientRect();
        if (!box.width && !box.height) continue;
        const top = (box.top - deck.top) / scale, bottom = (box.bottom - deck.top) / scale;
        const left = (box.left - deck.left) / scale, right = (box.right - deck.left) / scale;
        const style = getComputedStyle(el);
        const clipsY = style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1;
        const clipsX = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
        let problem = null;
        if (el.scrollHeight > height) problem = `is ${el.scrollHeight} px tall`;
        else if (el.scrollWidth > width) problem = `is ${el.scrollWidth} px wide`;
        else if (bottom > height + 1 || top < -1)
            problem = `runs from ${Math.round(top)} to ${Math.round(bottom)} px of ${height}`;
        else if (right > width + 1 || left < -1)
            problem = `runs from ${Math.round(left)} to ${Math.round(right)} px of ${width} across`;
        else if (clipsY || clipsX)
            problem = `hides ${el.scrollWidth}×${el.scrollHeight} px of content`
                + ` in ${el.clientWidth}×${el.clientHeight} px`;
        if (problem) { reported.push(el); problems.push(`${describe(el)} ${problem}`); }
    }
    const covers = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const arrows = [...document.querySelectorAll('.reveal .controls button')]
        .filter(button => shown(button) && button.getBoundingClientRect().width)
        .map(button => [button.className.split(' ')[0], button.getBoundingClientRect()]);
    const things = [...textNodes.flatMap(node => { const range = document.createRange(); range.selectNodeContents(node);
                                                   return [...range.getClientRects()].map(box => [text(node), box]); }),
                    ...[...slide.querySelectorAll('img, iframe, canvas, video, svg:not(svg svg)')]
                        .filter(shown).map(el => [`<${el.tagName.toLowerCase()}>`, el.getBoundingClientRect()])];
    for (const [arrow, arrowBox] of arrows)
        for (const [what, box] of things)
            if (covers(arrowBox, box)) { problems.push(`the ${arrow} arrow covers ${what}`); break; }
    const first = textNodes.length ? text(textNodes[0]) : '(no text)';
    return {first, height: slide.scrollHeight, problems,
            hiddenFragments: slide.querySelectorAll('.fragment:not(.visible)').length};
}"""
# reveal.js lays the print view out after it reports ready, and may lay it out again once charts have drawn: the
# number of pages once it stops changing.
PRINT_VIEW_PAGES_JS = """() => new Promise(resolve => {
    let last = -1;
    const tick = () => {
        const now = document.querySelectorAll('.reveal .pdf-page').length;
        if (now > 0 && now === last) resolve(now); else { last = now; setTimeout(tick, 500); }
    };
    tick();
})"""


def outputs_by_slide(page) -> dict[tuple[int, int], list]:
    """The deck's maps and charts (Locators), grouped by the [h, v] of their slide, in the deck's order."""
    on_slide = defaultdict(list)
    for output in page.locator(f"{MAP_IFRAMES}, {CHARTS}").all():
        on_slide[tuple(output.evaluate(SLIDE_OF_JS))].append(output)
    return on_slide


def walk_the_deck(page, lesson: str) -> tuple[LessonShows, list[str]]:
    """Show each slide and sub-slide in turn, as in class: count each map and chart once its slide is shown, and check
    that the slide fits. Returns what the maps and charts show and the slides that don't fit, each with a
    screenshot in screenshots/slides/."""
    shots = SHOTS / "slides"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob(f"{lesson}-*.png"):
        old.unlink()
    on_slide = outputs_by_slide(page)
    maps, charts, misfits = [], [], []
    for number, (h, v) in enumerate(page.evaluate(ALL_SLIDES_JS), start=1):
        page.evaluate(f"Reveal.slide({h}, {v})")
        for output in on_slide[(h, v)]:
            if output.evaluate("element => element.matches('iframe')"):
                maps.append(map_shows(output))
            else:
                charts.append(ChartShows(**chart_contents(output)))
        fit = page.evaluate(SLIDE_FIT_JS, [SLIDE_W, SLIDE_H])
        assert fit["hiddenFragments"] == 0, f"slide {number}: fragments still hidden"
        if fit["problems"]:
            shot = shots / f"{lesson}-{number:02}.png"
            page.screenshot(path=str(shot))
            misfits.append(f"{lesson} slide {number} (#/{h}/{v}) \"{fit['first']}\", {fit['height']} px tall "
                           f"(deck {SLIDE_H}): " + "; ".join(fit["problems"]) + f" [{shot.relative_to(ROOT)}]")
    return LessonShows(maps, charts), misfits


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_deck_draws_offline_fits_every_slide_and_meets_wcag_aa(browser, axe, slide_decks, lesson):
    """Each map and chart counted on its own slide, shown; each slide and sub-slide, with all its fragments shown,
    fits the 1280×720 deck (no scrolling, nothing cut off at the bottom or the right, no arrow over the content). Then
    the print view for axe: in the presenting view axe cannot tell the colours behind the text through reveal.js's 3D
    stacking, and reports contrast as "incomplete", not as a pass or a violation."""
    deck = slide_decks[lesson].as_uri()
    with watched_page(browser, SLIDE_W, SLIDE_H) as (page, seen):
        page.goto(deck)
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        page.evaluate("Reveal.configure({fragments: false, transition: 'none', backgroundTransition: 'none'})")
        shows, misfits = walk_the_deck(page, lesson)
        assert shows == EXPECTED[lesson]
        assert not misfits, f"{len(misfits)} slides don't fit {SLIDE_W}×{SLIDE_H}:\n" + "\n".join(misfits)
        richest = richest_output(page, lesson)
        if richest:
            richest.evaluate(SHOW_SLIDE_OF_JS)
            page.wait_for_timeout(300)  # let the map settle on its slide before the screenshot
        page.screenshot(path=str(SHOTS / f"deck-{lesson}.png"))

        page.goto(deck + "?print-pdf&fragments=false")
        page.wait_for_function("() => window.Reveal && Reveal.isReady() && Reveal.isPrintView()")
        pages = page.evaluate(PRINT_VIEW_PAGES_JS)
        assert pages >= 10, f"the print view shows only {pages} pages"  # a deck has far more slides
        shown(page)  # to wait until every map and chart has drawn, before axe looks
        assert_quiet(seen, f"The deck of {lesson}")
        axe(page, f"the deck of {lesson}, print view")


# The website's lesson pages (python3 kit.py site) ---------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_page_of_the_website_draws_offline_and_meets_wcag_aa(browser, axe, built_site, lesson):
    with watched_page(browser, 1280, 720) as (page, seen):
        page.goto((built_site / "lessons" / f"{lesson}.html").as_uri())
        assert shown(page) == EXPECTED[lesson]
        column = page.locator(".bd-article").bounding_box()
        for chart in page.locator(CHARTS).all():
            assert chart.bounding_box()["width"] <= column["width"] + 1, "a chart is wider than the text column"
        screenshot_richest_output(page, lesson, f"site-{lesson}.png")
        assert_quiet(seen, f"The website's page of {lesson}")
        axe(page, f"the website's page of {lesson}")
