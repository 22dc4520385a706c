"""Show the kit's HTML in headless Chromium with no network: Leaflet and jQuery come from the installed packages
the slide export copies them from (kitbuild.vendor), every other outside request is refused. (The decks, pages and
site the browser tests look at are built once per test run by fixtures in tests/conftest.py.)"""
import json
import os
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from kitbuild.prepare import SHIPPED_NAME
from kitbuild.vendor import vendor_files, vendor_path
from lessonkit.checks.manifest import ChartShows, LessonShows, MapShows, manifests
from lessonkit.paths import BUILD

SHOTS = BUILD / "screenshots"  # what the browser tests saw: look at them after a run
VENDOR = vendor_files()
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic"]


def chromium_path() -> str | None:
    return os.environ.get("KIT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _local_copy(url: str) -> Path | None:
    """The installed file for a CDN address, found the way the slide export finds it; None for anything else."""
    if "/images/" in url:  # Leaflet's stylesheet asks for its marker images beside it
        candidate = VENDOR["leaflet/images"] / url.split("?")[0].rsplit("/", 1)[-1]
    else:
        name = url.split("?")[0].rsplit("/", 1)[-1]
        candidate = VENDOR.get(vendor_path(name, prefix="")) if SHIPPED_NAME.fullmatch(name) else None
    return candidate if candidate and candidate.is_file() else None


def _serve_leaflet_or_refuse(route) -> None:
    """Answer requests for Leaflet's and jQuery's files (folium's popups need jQuery) from local copies;
    refuse everything else from outside."""
    url = route.request.url
    if url.startswith(("data:", "about:", "file:")):
        return route.continue_()
    local = _local_copy(url)
    return route.fulfill(path=str(local)) if local else route.abort()


# One browser for a module, and what a page asked for and logged ----------------------------------------------------

@contextmanager
def chromium():
    """One headless Chromium, for a whole test module (the `browser` fixture in tests/conftest.py) or a script: pages
    come from it in contexts of their own (offline_page, watched_page). Playwright's sync API runs one at a time."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page tried to fetch from outside (each request refused) and what it reported as an error: console
    errors and uncaught exceptions, of the page and of every frame in it (map iframes included)."""
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def mark(self) -> tuple[int, int]:
        return len(self.refused), len(self.errors)

    def since(self, mark: tuple[int, int]) -> "Watch":
        """What was seen after `mark` (from mark()), on a page watched for longer than one test."""
        return Watch(self.refused[mark[0]:], self.errors[mark[1]:])


def is_loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


def is_local_file(url: str) -> bool:
    return url.startswith("file:")


def watch(page, allow) -> Watch:
    """Refuse, and record, every request from the page's browser context (frames and workers included) whose URL
    `allow(url)` rejects; data:, blob: and about: pass. Record console errors and uncaught exceptions."""
    seen = Watch()

    def route(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or allow(url):
            return route.continue_()
        seen.refused.append(url)
        return route.abort()

    page.context.route("**/*", route)
    page.on("websocket", lambda socket: allow(socket.url) or seen.refused.append(socket.url))  # not routable
    page.on("console", lambda message: message.type == "error" and seen.errors.append(
        f"{message.text} [{(message.location or {}).get('url', '')[:100]}]"))
    page.on("pageerror", lambda error: seen.errors.append(f"uncaught {error}"))
    return seen


@contextmanager
def offline_page(browser, width: int = 1280, height: int = 720):
    """A page of the given size in a context of its own on `browser` (from chromium()) with no network: Leaflet and
    jQuery come from local files, as from the CDN addresses a map asks for. (A page that must bring everything it
    needs: watched_page.)"""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.route("**/*", _serve_leaflet_or_refuse)
        page.set_default_timeout(15_000)
        yield page
    finally:
        context.close()


@contextmanager
def watched_page(browser, width: int, height: int, allow=is_local_file, timeout_ms: int = 30_000):
    """A page of the given size in a context of its own on `browser` (from chromium()), with what it asks for and
    logs watched (watch: every request `allow` rejects is refused); closed afterwards. Yields (page, Watch)."""
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        yield page, watch(page, allow)
    finally:
        context.close()


def assert_quiet(seen: Watch, where: str) -> None:
    assert not seen.refused, f"{where} asked the internet for: {sorted(set(seen.refused))}"
    assert not seen.errors, f"{where} logged errors:\n" + "\n".join(seen.errors)


# What a folium map shows, from its iframe: its circle markers and its other shapes (lines), each by its stroke colour
# (lower case), counted from the SVG paths on the page; Leaflet's own layers say which path is a circle marker. The
# land is not interactive: its paths are counted apart.
MAP_CONTENTS_JS = """() => {
    const circles = new Set();
    for (const map of Object.values(window).filter(value => value instanceof L.Map))
        map.eachLayer(layer => { if (layer instanceof L.CircleMarker && layer._path) circles.add(layer._path); });
    const counts = {markers: {}, lines: {}, layers: []};
    for (const path of document.querySelectorAll('path.leaflet-interactive')) {
        const kind = circles.has(path) ? 'markers' : 'lines';
        const colour = (path.getAttribute('stroke') || '').toLowerCase();
        counts[kind][colour] = (counts[kind][colour] || 0) + 1;
    }
    counts.layers = [...document.querySelectorAll('.leaflet-control-layers-overlays label')]
        .map(label => label.textContent.trim());
    counts.land = document.querySelectorAll('.leaflet-overlay-pane path:not(.leaflet-interactive)').length;
    return counts;
}"""
MAP_IFRAMES = 'iframe[srcdoc*="leaflet"]'


def map_contents(iframe) -> dict:
    """What the folium map in `iframe` (a Locator) shows: {"markers": {colour: n}, "lines": {colour: n}, "layers":
    [overlay labels in the layer control], "land": land paths}, once Leaflet has loaded and drawn every path (scroll
    or show the iframe first: a path Leaflet cannot draw yet, its map having no size on a hidden slide, is "M0 0")."""
    frame = iframe.element_handle().content_frame()
    frame.wait_for_function("() => document.readyState === 'complete' && window.L")
    frame.wait_for_function("() => [...document.querySelectorAll('path.leaflet-interactive')]"
                            ".every(path => (path.getAttribute('d') || 'M0 0') !== 'M0 0')")
    return frame.evaluate(MAP_CONTENTS_JS)


CHART_CONTENTS_JS = """plot => ({traces: plot.querySelectorAll('.scatterlayer .trace').length,
                              points: plot.querySelectorAll('.scatterlayer .point').length})"""


def chart_contents(plot) -> dict:
    """{"traces": n, "points": n} of the plotly chart `plot` (a Locator on a .js-plotly-plot), once it has points."""
    plot.locator(".scatterlayer .point").first.wait_for(state="attached")
    return plot.evaluate(CHART_CONTENTS_JS)


# What each lesson shows after Run All (exercises unanswered), in the order of its outputs: its manifest (at the end
# of its checks module) says, computed from data/.
EXPECTED = {lesson: manifest.shows() for lesson, manifest in manifests().items()}
CHARTS = ".js-plotly-plot"


def map_shows(iframe) -> MapShows:
    """What the map in `iframe` shows (map_contents), once drawn; a map without its land fails here."""
    contents = map_contents(iframe)
    assert contents["land"], "a map drew no land"
    return MapShows(contents["markers"], contents["lines"], tuple(contents["layers"]))


def shown(page) -> LessonShows:
    """Every map and chart on the page, in order, each scrolled into view and drawn before it is counted."""
    maps = []
    for iframe in page.locator(MAP_IFRAMES).all():
        iframe.scroll_into_view_if_needed()
        maps.append(map_shows(iframe))
    charts = []
    for plot in page.locator(CHARTS).all():
        plot.scroll_into_view_if_needed()
        charts.append(ChartShows(**chart_contents(plot)))
    return LessonShows(maps, charts)


def richest_output(page, lesson: str):
    """A Locator on what a person should look at in a screenshot of the lesson: the map with the most in it (the
    first, of equals), or else the first chart; None for a lesson with neither."""
    expected = EXPECTED[lesson]
    if expected.maps:
        richness = [sum(m.markers.values()) + sum(m.lines.values()) + len(m.layers) for m in expected.maps]
        return page.locator(MAP_IFRAMES).nth(richness.index(max(richness)))
    return page.locator(CHARTS).first if expected.charts else None


# Accessibility: axe-core, from npm, pinned -----------------------------------------------------------------------

AXE_VERSION = "4.14.1"
NODE_PREFIX = BUILD.parent / "node"  # a cache of npm packages kept across test runs, beside build/test-run/
AXE_JS = NODE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
IMPACTS = ["minor", "moderate", "serious", "critical"]


def installed_axe_version() -> str | None:
    package = AXE_JS.parent / "package.json"
    return json.loads(package.read_text())["version"] if package.is_file() else None


def install_axe() -> Path:
    """axe-core at AXE_VERSION in build/node/, installed with npm (from the registry) unless it is there already."""
    if installed_axe_version() != AXE_VERSION:
        npm = shutil.which("npm")
        if not npm:
            raise FileNotFoundError("npm not found: install Node.js (Debian: apt install npm) to run the axe checks")
        subprocess.run([npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund", "--save-exact",
                        f"axe-core@{AXE_VERSION}"], check=True, capture_output=True, text=True)
    return AXE_JS


# Run from the top document, axe checks every frame that has axe too; the pages checked are local files (and their
# srcdoc map frames), whose origin is the opaque "null", from which axe by default refuses frame messages.
AXE_RUN_JS = """async ([include, tags]) => {
    const results = await axe.run(include ? {include: [[include]]} : document,
                                  {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map(node => [].concat(node.target).join(' >> '))}));
}"""


def axe_violations(page, min_impact: str = "serious", include: str | None = None, axe_js: Path = AXE_JS,
                   tags: list[str] = WCAG_21_AA) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on `page` (frames included; only the element matching the CSS
    selector `include`, if given) of `min_impact` or worse: each with its rule id, impact, help text, number of
    elements and the first three targets (" >> " crosses into a frame)."""
    for frame in page.frames:
        if frame.is_detached():
            continue
        if not frame.evaluate("() => typeof window.axe === 'object'"):
            frame.add_script_tag(path=str(axe_js))
        frame.evaluate("() => axe.configure({allowedOrigins: ['<unsafe_all_origins>']})")
    worst = IMPACTS[IMPACTS.index(min_impact):]
    return [v for v in page.evaluate(AXE_RUN_JS, [include, tags]) if v["impact"] in worst]


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(f"- {v['id']} ({v['impact']}, {v['nodes']} elements): {v['help']}; e.g. "
                     + " | ".join(v["targets"]) for v in violations)
