"""What a learner sees, rendered in headless Chromium with no network, beyond what the every-lesson JupyterLab test
counts (tests/test_lab.py): lesson 03b's map's legend, tooltips, popups in three languages, layer switching and
keyboard reach and accessibility on a page of its own; the basemaps; a map that cannot load Leaflet, or sits under a
base URL. (Every lesson's exported page, deck and website page: tests/test_pages.py.)

Screenshots land in build/test-run/screenshots/ for a person to look at.
"""

import pytest

from lessonkit.data import load_geojson, load_table
from lessonkit.style import OKABE_ITO
from tests.browser import SHOTS, offline_page, watched_page
from tests.lessons import map_pages

pytestmark = pytest.mark.browser
LINES = load_geojson("treaty-lines")["features"]
LINE_LABELS = [feature["properties"]["label"] for feature in LINES]


def figure_output(notebook, source: str, mimetype: str):
    """The output of the last figure cell whose last line is `source` (e.g. "kuril_map")."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip().splitlines()[-1:] == [source]]
    return next(o["data"][mimetype] for o in cells[-1].outputs if mimetype in o.get("data", {}))


def map_page_from(notebook, source: str, name: str):
    """Write the map a cell displayed (an iframe with its page in srcdoc) to a file of its own."""
    iframe = figure_output(notebook, source, "text/html")
    page = map_pages(iframe)[0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    return path


def count_paths(page, stroke: str) -> int:
    return page.locator(f'path.leaflet-interactive[stroke="{stroke}"]').count()


@pytest.fixture(scope="module")
def kurils_map(solved_kurils_lesson):
    return map_page_from(solved_kurils_lesson, "kuril_map", "03b-kurils-map")


def test_kurils_map_shows_its_land_legend_and_sources(browser, kurils_map):
    """Its markers, lines and layers are counted by the every-lesson JupyterLab test; here what that test does not
    look at."""
    with offline_page(browser) as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        page.screenshot(path=str(SHOTS / "03b-kurils-map.png"))
        land_features = load_geojson("kuril-region-land")["features"]  # one path each, islets and all
        assert page.locator("path[fill='#f3efe3']").count() == len(land_features), "land outlines missing"
        legend = page.locator(".kit-legend").inner_text()
        years = ["(1855–1875)", "1875–1905", "(1905–1945)", "(since 1945)"]  # each line's years in force
        assert all(span in legend for span in years) and "1945 line of control" in legend
        page.locator(f'path.leaflet-interactive[stroke="{OKABE_ITO["blue"]}"][fill="none"]').first.hover(force=True)
        source_1855 = load_table("sources").set_index("id").at[LINES[0]["properties"]["source_id"], "title"]
        assert f"Source: {source_1855}" in page.locator(".leaflet-tooltip").inner_text()


def test_treaty_layers_switch_off_one_at_a_time(browser, kurils_map):
    with offline_page(browser) as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        before = count_paths(page, OKABE_ITO["orange"])
        page.locator(".leaflet-control-layers").hover()
        page.locator(".leaflet-control-layers-overlays label").get_by_text(LINE_LABELS[1]).click()
        assert before >= 1 and count_paths(page, OKABE_ITO["orange"]) == before - 1


def test_island_popup_names_it_in_three_languages_with_a_source(browser, kurils_map):
    with offline_page(browser) as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        page.evaluate("""() => { for (const l of Object.values(window)) {
            if (l && l instanceof L.CircleMarker && l.getTooltip()
                && String(l.getTooltip().getContent()).includes('Iturup/Etorofu'))
                l.openPopup(); } }""")
        page.wait_for_timeout(500)  # let the popup finish fading in before the screenshot
        popup = page.locator(".leaflet-popup-content").inner_text()
        assert "択捉島" in popup and "Итуруп" in popup and "Source:" in popup
        page.screenshot(path=str(SHOTS / "03b-kurils-popup.png"))


@pytest.mark.parametrize("land, location, zoom", [("asia-pacific-land", (35, 135), 3),
                                                 ("europe-middle-east-land", (48, 28), 4)])
def test_theatres_draw_on_each_offline_basemap(browser, land, location, zoom):
    import folium

    from lessonkit.maps import base_map, land_at_zoom
    fmap = base_map(location, zoom, land_layer=land)
    folium.GeoJson(load_geojson("theatres"), style_function=lambda _: {"color": OKABE_ITO["blue"]}).add_to(fmap)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"theatres-on-{land}.html"
    path.write_text(fmap.get_root().render(), encoding="utf-8")
    with offline_page(browser) as page:
        page.goto(path.as_uri())
        page.wait_for_selector("path.leaflet-interactive", state="attached")
        page.screenshot(path=str(SHOTS / f"theatres-on-{land}.png"))
        land_features = load_geojson(land_at_zoom(land, zoom))["features"]  # one path each, islets and all
        assert page.locator("path[fill='#f3efe3']").count() == len(land_features), "the basemap's land did not draw"
        assert count_paths(page, OKABE_ITO["blue"]) >= 8, "every theatre is drawn"


def test_the_kurils_map_on_its_own_has_no_serious_accessibility_violations(browser, axe, kurils_map):
    """The richest map of lesson 03b (markers, popups, lines, legend, layer control) as a page of its own, as
    `Map.save()` writes it for a learner: no serious or critical WCAG 2.1 A or AA violation (axe-core)."""
    with offline_page(browser) as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        axe(page, kurils_map.name)


def test_a_keyboard_reaches_every_popup_and_the_layer_control(browser, kurils_map):
    with offline_page(browser) as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        page.wait_for_load_state("load")
        buttons = page.locator('path.leaflet-interactive[tabindex="0"][role="button"]')
        assert buttons.count() == 4 + 2, "the four islands and Nemuro and Cape Nosappu"
        assert "Iturup/Etorofu: open details" in [buttons.nth(i).get_attribute("aria-label") for i in range(6)]
        buttons.first.focus()
        page.keyboard.press("Enter")
        assert page.locator(".leaflet-popup-content").count() == 1
        page.locator(".leaflet-control-layers-toggle").focus()
        page.keyboard.press("Enter")  # Leaflet opens its layer control on Enter; Tab then reaches each checkbox
        assert page.locator(".leaflet-control-layers-expanded").count() == 1
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.type") == "checkbox"


def test_a_map_that_cannot_load_leaflet_says_what_to_do(browser, tmp_path):
    from lessonkit.maps import base_map
    path = tmp_path / "map.html"
    path.write_text(base_map((45, 148), 5).get_root().render(), encoding="utf-8")
    with watched_page(browser, 1280, 720) as (page, _):  # neither the server's copy nor the CDN can be reached
        page.goto(path.as_uri())
        help_text = page.locator(".kit-map-help").inner_text()
        assert "python3 kit.py lab" in help_text and "internet" in help_text


def test_on_a_hub_a_map_that_cannot_load_leaflet_sends_the_learner_to_the_instructor(browser, tmp_path, monkeypatch):
    """Rendered in a hub's kernel (JUPYTERHUB_SERVICE_PREFIX set), the failure text does not tell a learner to start
    JupyterLab: it says to ask the instructor and links the README's hub section; the legend, which would describe
    nothing, is hidden."""
    from lessonkit.maps import add_legend, base_map
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/ada/")
    monkeypatch.setenv("KIT_REPOSITORY_URL", "https://github.com/example/kit")
    path = tmp_path / "map.html"
    path.write_text(add_legend(base_map((45, 148), 5), "Lines", {"1855": "#0072b2"}).get_root().render(),
                    encoding="utf-8")
    with watched_page(browser, 1280, 720) as (page, _):
        page.goto(path.as_uri())
        help_text = page.locator(".kit-map-help").inner_text()
        assert "instructor" in help_text and "kit.py" not in help_text
        assert page.locator(".kit-map-help a").get_attribute("href") == "https://github.com/example/kit#on-a-jupyterhub"
        assert not page.locator(".kit-legend").is_visible()


def test_a_map_finds_its_files_at_the_base_url_of_the_page_it_sits_in(browser, monkeypatch):
    """A server started with a base URL but no JUPYTERHUB_SERVICE_PREFIX (as Binder can be): the kernel renders the
    map for /static/kit/, and the map's page asks the notebook page's base URL (JupyterLab's #jupyter-config-data)
    instead, so it draws from /user/ada/static/kit/."""
    from kitbuild.vendor import map_asset_files
    from lessonkit.maps import base_map
    monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
    files = map_asset_files()
    notebook_page = ('<!doctype html><html><head><script id="jupyter-config-data" type="application/json">'
                     '{"baseUrl": "/user/ada/"}</script></head><body>'
                     f'{base_map((45, 148), 5)._repr_html_()}</body></html>')
    asked = []

    def serve(route):
        url = route.request.url
        asked.append(url)
        if url == "http://hub.test/user/ada/lab":
            return route.fulfill(body=notebook_page, content_type="text/html")
        name = url.removeprefix("http://hub.test/user/ada/static/kit/")
        if name != url and name in files:
            return route.fulfill(path=str(files[name]))
        return route.abort()

    with offline_page(browser) as page:
        page.route("http://hub.test/**", serve)  # registered last, so asked first
        page.goto("http://hub.test/user/ada/lab")
        frame = page.locator("iframe").element_handle().content_frame()
        frame.wait_for_function("() => document.readyState === 'complete' && window.L && window.jQuery")
        assert frame.locator(".leaflet-container").count() == 1 and frame.locator(".kit-map-help").count() == 0
    assert sorted(asked) == sorted(f"http://hub.test/user/ada{path}" for path in
                                   ["/lab", "/static/kit/leaflet.css", "/static/kit/leaflet.js",
                                    "/static/kit/jquery.min.js"])


def test_a_map_in_a_notebook_is_titled_for_screen_readers():
    from lessonkit.maps import base_map
    html = base_map((45, 148), 5, title="Map of the Kurils")._repr_html_()
    assert html.startswith('<iframe title="Map of the Kurils"')
