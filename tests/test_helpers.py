"""lessonkit's maps and timelines: house style, escaping, fixed heights, sources in every popup and hover."""
import csv

import folium
import nbformat
import pandas as pd
import plotly.express as px
import pytest

from kitbuild.publish import LessonRunError, execute
from lessonkit.data import load_geojson, load_table
from lessonkit.maps import (
    AREA_COLOURS,
    add_legend,
    area_style,
    base_map,
    line_legend,
    line_style,
    map_feature,
    place_popup_html,
    with_sources,
)
from lessonkit.style import CATEGORY_COLOURS, COUNTRY_NAMES, MAP_HEIGHT_PX, OKABE_ITO, country_names
from lessonkit.timelines import events_with_sources, style_timeline


def _place(**overrides) -> pd.Series:
    place = load_table("places").set_index("id").loc["shikotan"].copy()
    for field, value in overrides.items():
        place[field] = value
    return place


def test_popup_names_the_place_in_three_languages_and_cites_its_source():
    html = place_popup_html(load_table("places").set_index("id").loc["iturup-etorofu"])
    for expected in ["Iturup/Etorofu", "択捉島", "Etorofu", "Итуруп", "Administered by", "Russia", "Japan",
                     "https://en.wikipedia.org/wiki/Iturup"]:
        assert expected in html


def test_popup_escapes_text_from_the_data():
    html = place_popup_html(_place(name_en="<script>alert(1)</script>", name_ru="Fish & <b>chips</b>"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Fish &amp; &lt;b&gt;chips&lt;/b&gt;" in html


def test_popup_leaves_out_names_a_place_does_not_have():
    html = place_popup_html(_place(name_ja=None, name_ja_romaji=None))
    assert "日本語" not in html


def test_base_map_has_a_fixed_pixel_height_and_offline_land():
    fmap = base_map(location=(45.0, 148.0), zoom_start=5)
    html = fmap._repr_html_()
    assert f'height="{MAP_HEIGHT_PX}px"' in html or f"height:{MAP_HEIGHT_PX}px" in html
    assert '"island": "shikotan"' in fmap.get_root().render()
    tile_layers = [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]
    assert [(t.layer_name, t.show) for t in tile_layers] == [("OpenStreetMap (needs internet)", False)]


def test_a_map_draws_its_land_at_the_detail_its_starting_zoom_needs():
    """The Asia-Pacific land comes finer, in a smaller box, from zoom 4 on; other land at every zoom as it is."""
    def land(fmap):
        layer = next(child for child in fmap._children.values() if isinstance(child, folium.GeoJson))
        return [feature["geometry"] for feature in layer.data["features"]]

    def geometries(name):
        return [feature["geometry"] for feature in load_geojson(name)["features"]]

    assert land(base_map((40, 130), 3.75, land_layer="asia-pacific-land")) == geometries("asia-pacific-land")
    assert land(base_map((40, 130), 4, land_layer="asia-pacific-land")) == geometries("asia-pacific-land-z4")
    assert land(base_map((48, 32), 6, land_layer="europe-middle-east-land")) == geometries("europe-middle-east-land")


def test_legend_lists_every_entry_and_the_land_source():
    fmap = add_legend(base_map(location=(45.0, 148.0), zoom_start=5), "Lines", {"1855 <Shimoda>": "#0072B2"})
    legend = fmap._children["kit_legend"].html  # the control's HTML, which the page's script puts in the corner
    assert "1855 &lt;Shimoda&gt;" in legend and "Natural Earth" in legend
    assert "kit-legend" in fmap.get_root().render()


def test_a_legend_takes_the_corner_that_covers_least_of_the_map():
    """Lesson 01's first map: the Baltic top left, the Black Sea and Syria right of centre; the legend used to sit
    bottom right, over Syria, at 1280x720 with the file browser open."""
    fmap = base_map(location=(48, 32), zoom_start=3.5, land_layer="europe-middle-east-land", height_px=420)
    for lat, lon in [(54.7, 20.5), (59.4, 24.7), (44.6, 33.5), (43.6, 39.7), (35.4, 35.9), (33.5, 36.3),
                     (36.8, 42.0), (35.0, 40.0), (33.0, 38.5)]:  # Syria's outline reaches east to 42 E
        folium.CircleMarker((lat, lon), radius=6).add_to(fmap)
    add_legend(fmap, "Three theatres", {"Syria": "#E69F00"})
    assert fmap._children["kit_legend"].position == "bottomleft"
    assert add_legend(fmap, "Again", {}, position="topright")._children["kit_legend"].position == "topright"


def test_category_colours_come_from_the_colour_blind_safe_palette():
    assert set(CATEGORY_COLOURS.values()) <= set(OKABE_ITO.values())
    assert set(load_table("events")["category"]) <= set(CATEGORY_COLOURS)


def test_every_country_code_in_the_data_has_a_name():
    places, events = load_table("places"), load_table("events")
    codes = {code for column in [places["administered_by"], places["claimed_by"], events["actors"]]
             for value in column.dropna() for code in value.split(";")}
    assert codes <= set(COUNTRY_NAMES), sorted(codes - set(COUNTRY_NAMES))


def test_country_names_reads_the_kits_code_lists():
    assert country_names("JPN;RUS") == "Japan, Russia"
    assert country_names("XYZ") == "XYZ"


def test_events_with_sources_sorts_and_carries_each_source():
    events = events_with_sources("kurils")
    assert events["date"].is_monotonic_increasing
    assert events["source_url"].str.startswith("https://").all()


def test_style_timeline_sets_title_height_and_palette():
    events = events_with_sources("kurils")
    fig = style_timeline(px.scatter(events, x="date", y="category"), "A finding", height_px=400)
    assert fig.layout.title.text == "A finding"
    assert fig.layout.height == 400
    assert list(fig.layout.colorway) == list(OKABE_ITO.values())
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Date", "Kind of event")
    assert fig.layout.xaxis.hoverformat == "%d %b %Y"


def test_every_line_has_its_own_colour_and_a_legend_label():
    lines = load_geojson("treaty-lines")["features"]
    styles = [line_style(line) for line in lines]
    assert len({style["color"] for style in styles}) == len(lines)
    assert all(style["dashArray"] for style in styles), "approximate lines are dashed"
    legend = line_legend(lines)
    assert list(legend.values()) == [style["color"] for style in styles]
    assert "not a border Japan recognises" in list(legend)[-1]


def test_each_line_is_drawn_only_where_its_treaty_put_it():
    """The 1905 treaty split Sakhalin and left the Kurils alone: no segment of it may cover the 1875 line."""
    lines = {line["properties"]["id"]: line["geometry"] for line in load_geojson("treaty-lines")["features"]}
    portsmouth = lines["1905-portsmouth"]
    points = portsmouth["coordinates"] if portsmouth["type"] == "LineString" else sum(portsmouth["coordinates"], [])
    assert all(lat == 50.0 and 141 < lon < 145 for lon, lat in points)


def test_with_sources_cites_each_feature_without_changing_the_layer():
    layer = load_geojson("treaty-lines")
    cited = with_sources(layer)
    assert cited["features"][0]["properties"]["source"].startswith("Source: Japanese Territory: Northern Territories")
    assert "source" not in layer["features"][0]["properties"]


def test_popup_gives_every_claimants_name():
    html = place_popup_html(load_table("places").set_index("id").loc["scarborough-shoal"])
    for expected in ["黄岩岛", "Bajo de Masinloc", "China", "Philippines"]:
        assert expected in html, expected


def test_popup_of_an_open_sea_has_no_administrator():
    html = place_popup_html(load_table("places").set_index("id").loc["sea-of-okhotsk"])
    assert "Administered by" not in html and "Охотское море" in html


def test_a_broken_data_file_shows_in_a_notebook_as_its_message_not_a_traceback(data_copy):
    places = data_copy / "places.csv"
    with places.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    rows[1][rows[0].index("lat")] = "north"
    with places.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        f"from lessonkit.data import load_table\nload_table('places', data_dir={str(data_copy)!r})")])
    with pytest.raises(LessonRunError):
        execute(notebook)
    error = notebook.cells[0].outputs[-1]
    assert error.output_type == "error" and error.ename == "DataFileError"
    shown = "\n".join(error.traceback)  # what JupyterLab shows under the cell
    assert "data/places.csv, row 2, field 'lat': 'north' is not a number" in shown
    assert "git checkout data/" in shown
    for frame_marker in ["lessonkit/data.py", 'File "', "Cell In[", "Traceback"]:
        assert frame_marker not in shown


def test_map_feature_finds_one_outline_with_its_source_and_names_a_missing_one():
    baltic = map_feature("theatres", "baltic-sea")
    assert baltic["properties"]["name"] == "Baltic Sea" and baltic["properties"]["source"].startswith("Source: ")
    with pytest.raises(KeyError, match="theatres.geojson has no feature 'baltic'"):
        map_feature("theatres", "baltic")


def test_area_style_gives_each_area_its_colour_dashed_where_approximate():
    for feature in load_geojson("theatres")["features"]:
        if feature["properties"]["id"] in AREA_COLOURS:
            style = area_style(feature)
            assert style["color"] == AREA_COLOURS[feature["properties"]["id"]]
            assert (style["dashArray"] is not None) == feature["properties"]["approximate"]
    assert area_style(map_feature("theatres", "syria"))["dashArray"] is None  # a country from Natural Earth


def test_source_links_lists_each_source_once_as_a_link_folded():
    from lessonkit.timelines import events_with_sources, source_links
    events = events_with_sources("kurils")
    html = source_links(events).data
    count = events["source_url"].nunique()
    assert html.startswith(f"<details><summary>The {count} sources") and html.count("<a href=") == count


def test_timeline_hover_text_is_wrapped_to_fit_the_screen_and_labelled_in_words():
    import plotly.express as px

    from lessonkit.timelines import HOVER_LINE_CHARACTERS, events_with_sources, style_timeline
    events = events_with_sources("kurils")
    figure = style_timeline(px.scatter(events, x="date", y="category", hover_name="title",
                                       hover_data=["description", "source_title", "statements"]), "A title")
    for trace in figure.data:
        assert "source_title=" not in trace.hovertemplate and "Source: " in trace.hovertemplate
        lines = [line for row in trace.customdata for value in row for line in str(value).split("<br>")]
        assert max(len(line) for line in lines) <= HOVER_LINE_CHARACTERS


def test_every_map_names_leaflet_without_a_flag():
    from lessonkit.maps import base_map
    page = base_map((45.5, 148.5), 5).get_root().render()
    assert page.count("attributionControl.setPrefix(") == 1
    assert page.index("attributionControl.setPrefix(") > page.index("L.map(")


def test_a_maps_readme_link_is_the_repository_online_or_the_kits_own_copy(monkeypatch):
    """Where a map that cannot draw on a hub sends the learner: the README's hub section on the repository's page if
    the kit knows its address (nbgitpuller's clone, Binder, KIT_REPOSITORY_URL), else the README in the kit's folder
    as JupyterLab opens it (its path from the server's root: the notebook's, JPY_SESSION_NAME, and the kit's layout)."""
    from lessonkit import maps
    from tests.conftest import LESSONS
    for name in ("KIT_REPOSITORY_URL", "BINDER_REPO_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(maps, "_origin_url", lambda: "https://github.com/ada/apsec-kit.git")
    assert maps._readme_link() == {"href": "https://github.com/ada/apsec-kit#on-a-jupyterhub"}
    monkeypatch.setattr(maps, "_origin_url", lambda: "file:///srv/kit")  # not a page a browser can show
    monkeypatch.chdir(LESSONS)
    monkeypatch.setenv("JPY_SESSION_NAME", "apsec-kit/lessons/00-start-here.ipynb")
    assert maps._readme_link() == {"lab_path": "apsec-kit/README.md"}
    monkeypatch.delenv("JPY_SESSION_NAME")
    assert maps._readme_link() == {}
