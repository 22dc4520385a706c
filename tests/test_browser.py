"""What a learner sees: lesson 03's map and timeline rendered in headless Chromium with no network.

Screenshots land in build/screenshots/ for a person to look at.
"""
import html
import re

import plotly.io
import pytest

from tests.browser import offline_page
from tests.conftest import ROOT
from lessonkit.data import load_geojson
from lessonkit.style import OKABE_ITO
from lessonkit.timelines import events_with_sources

pytestmark = pytest.mark.browser
SHOTS = ROOT / "build" / "screenshots"
TREATY_NAMES = [feature["properties"]["name"] for feature in load_geojson("treaty-lines")["features"]]


def figure_output(notebook, source: str, mimetype: str):
    """The output of the last figure cell whose whole source is `source` (e.g. "kuril_map")."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and c.source.strip() == source]
    return next(o["data"][mimetype] for o in cells[-1].outputs if mimetype in o.get("data", {}))


def map_page_from(notebook, source: str, name: str):
    """Write the map a cell displayed (an iframe with its page in srcdoc) to a file of its own."""
    iframe = figure_output(notebook, source, "text/html")
    page = html.unescape(re.search(r'srcdoc="(.*?)"', iframe, re.S).group(1))
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    return path


def count_paths(page, stroke: str) -> int:
    return page.locator(f'path.leaflet-interactive[stroke="{stroke}"]').count()


def count_markers(page, colour: str) -> int:
    """Circle markers are filled paths; lines have no fill."""
    return page.locator(f'path.leaflet-interactive[stroke="{colour}"][fill="{colour}"]').count()


@pytest.fixture(scope="module")
def kurils_map(solved_kurils_lesson):
    return map_page_from(solved_kurils_lesson, "kuril_map", "03-kurils-map")


def test_kurils_map_shows_islands_treaty_lines_and_legend(kurils_map):
    with offline_page() as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        page.screenshot(path=str(SHOTS / "03-kurils-map.png"))
        assert page.locator("path[fill='#f3efe3']").count() >= 20, "land outlines missing"
        assert count_markers(page, OKABE_ITO["vermillion"]) == 4, "the four disputed islands"
        assert count_markers(page, OKABE_ITO["blue"]) == 2, "Nemuro and Cape Nosappu"
        assert count_paths(page, OKABE_ITO["vermillion"]) == 4 + 1, "the islands and the 1945 line"
        page.locator(".leaflet-control-layers").hover()
        labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        assert [label.strip() for label in labels] == ["OpenStreetMap (needs internet)", *TREATY_NAMES]
        assert "1855 Treaty of Shimoda" in page.locator(".kit-legend").inner_text()
        page.locator(f'path.leaflet-interactive[stroke="{OKABE_ITO["blue"]}"][fill="none"]').first.hover(force=True)
        assert "Source: Japanese Territory" in page.locator(".leaflet-tooltip").inner_text()


def test_treaty_layers_switch_off_one_at_a_time(kurils_map):
    with offline_page() as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        before = count_paths(page, OKABE_ITO["orange"])
        page.locator(".leaflet-control-layers").hover()
        page.get_by_text(TREATY_NAMES[1]).click()
        assert before >= 1 and count_paths(page, OKABE_ITO["orange"]) == before - 1


def test_island_popup_names_it_in_three_languages_with_a_source(kurils_map):
    with offline_page() as page:
        page.goto(kurils_map.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        page.evaluate("""() => { for (const l of Object.values(window)) {
            if (l && l instanceof L.CircleMarker && l.getTooltip() && String(l.getTooltip().getContent()).includes('Iturup/Etorofu'))
                l.openPopup(); } }""")
        page.wait_for_timeout(500)  # let the popup finish fading in before the screenshot
        popup = page.locator(".leaflet-popup-content").inner_text()
        assert "択捉島" in popup and "Итуруп" in popup and "Source:" in popup
        page.screenshot(path=str(SHOTS / "03-kurils-popup.png"))


def test_strait_map_joins_the_cape_and_the_islet(solved_kurils_lesson):
    path = map_page_from(solved_kurils_lesson, "strait_map", "03-strait-map")
    with offline_page() as page:
        page.goto(path.as_uri())
        page.wait_for_selector("path.leaflet-interactive")
        page.screenshot(path=str(SHOTS / "03-strait-map.png"))
        assert count_paths(page, OKABE_ITO["black"]) == 1


def test_timeline_shows_one_dot_per_event_under_its_title(solved_kurils_lesson):
    figure = figure_output(solved_kurils_lesson, "timeline", "application/vnd.plotly.v1+json")
    path = SHOTS / "03-timeline.html"
    path.write_text(plotly.io.to_html(figure, include_plotlyjs=True, full_html=True), encoding="utf-8")
    with offline_page() as page:
        page.goto(path.as_uri())
        page.wait_for_selector(".scatterlayer .point")
        page.screenshot(path=str(SHOTS / "03-timeline.png"))
        assert page.locator(".scatterlayer .point").count() == len(events_with_sources("kurils"))
        assert page.locator(".gtitle").text_content().startswith("Treaties drew and redrew the border")


@pytest.mark.parametrize("land, location, zoom", [("asia-pacific-land", (35, 135), 3),
                                                 ("europe-middle-east-land", (48, 28), 4)])
def test_theatres_draw_on_each_offline_basemap(land, location, zoom):
    from lessonkit.maps import base_map
    import folium
    fmap = base_map(location, zoom, land_layer=land)
    folium.GeoJson(load_geojson("theatres"), style_function=lambda _: {"color": OKABE_ITO["blue"]}).add_to(fmap)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"theatres-on-{land}.html"
    path.write_text(fmap.get_root().render(), encoding="utf-8")
    with offline_page() as page:
        page.goto(path.as_uri())
        page.wait_for_selector("path.leaflet-interactive", state="attached")
        page.screenshot(path=str(SHOTS / f"theatres-on-{land}.png"))
        assert page.locator("path[fill='#f3efe3']").count() >= 50, "the basemap's land did not draw"
        assert count_paths(page, OKABE_ITO["blue"]) >= 8, "every theatre is drawn"
