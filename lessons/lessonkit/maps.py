"""The kit's folium maps: a base map that needs no tile server and no internet, popups that name places in every
party's language and cite a source, and a legend. Lessons add their own layers with folium's own calls.

Offline drawing: folium loads Leaflet, jQuery, Bootstrap and icon fonts from CDNs. A kit map loads only what it uses
(Leaflet, and jQuery for popups) from the Jupyter server itself, at `{base URL}static/kit/` (the base URL of the
notebook page the map sits in), where `kit.py lab`, Binder's postBuild and a hub's image (`python -m kitbuild.vendor
--install`) serve the copies the set-up installed from PyPI; if they are not there, from the CDN; if neither loads,
the map says in words what to do, and on a hub or Binder sends the learner to the instructor. Exported pages, decks
and the site rewrite these addresses to their own copies.
"""
import copy
import json
import math
import os
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import branca
import folium
import pandas as pd

from .data import load_geojson, load_table
from .paths import ROOT
from .style import MAP_HEIGHT_PX, OKABE_ITO, country_names

SEA_COLOUR = "#d6e8f2"
LAND_STYLE = {"fillColor": "#f3efe3", "fillOpacity": 1.0, "color": "#8c8c8c", "weight": 0.8}
# Polygons cut at the edge of the data's box get no outline, or the cut would show as a false coastline.
CLIPPED_LAND_STYLE = {**LAND_STYLE, "weight": 0}
LAND_SOURCE = "Land outlines: Natural Earth 10 m (public domain)"
LAND_LAYER_NAME = "Land"  # the name base_map gives the kit's land layer; map checks leave it out


# Where each file a kit map needs comes from when the Jupyter server does not serve it (online only).
MAP_ASSET_CDN = {
    "leaflet.css": "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css",
    "leaflet.js": "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",
    "jquery.min.js": "https://code.jquery.com/jquery-3.7.1.min.js",
}
MAP_HELP = ("This map could not load its drawing library (Leaflet). Start JupyterLab with "
            "<code>python3 kit.py lab</code>, which serves it from your computer, or connect to the internet; "
            "then run this cell again.")
# On a JupyterHub or Binder the learner cannot fix the server: whoever runs it can, with the README's hub section.
MAP_HELP_SERVER = ("This map could not load its drawing library (Leaflet): this server does not serve the kit's map "
                   "files. Please tell your instructor (or whoever runs this server); the kit's README says how to set "
                   "it up, in its section {readme}.")
README_HUB_SECTION = "on-a-jupyterhub"  # the anchor of the README's "On a JupyterHub" section


def map_asset_prefix() -> str:
    """The address the Jupyter server serves the kit's map files at, as far as the kernel knows: `/static/kit/`
    locally, under the user's base URL on JupyterHub and Binder (whose servers set JUPYTERHUB_SERVICE_PREFIX for the
    kernel). The map's page corrects it from JupyterLab's own page config when it can (see _map_assets_html)."""
    base = os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
    return f"{base.rstrip('/')}/static/kit/"


def on_a_shared_server() -> bool:
    """True in a kernel started by a JupyterHub's server or on Binder (their environment variables say so)."""
    return any(name.startswith(("JUPYTERHUB_", "BINDER_")) for name in os.environ)


def kit_repository_url() -> str | None:
    """The kit's repository on the web, for links a learner can follow: KIT_REPOSITORY_URL if set, Binder's
    BINDER_REPO_URL, or the https address the kit was cloned from (nbgitpuller clones it); None if none is known."""
    for url in (os.environ.get("KIT_REPOSITORY_URL"), os.environ.get("BINDER_REPO_URL"), _origin_url()):
        if url and url.startswith("https://") and "OWNER/REPOSITORY" not in url:
            return url.removesuffix(".git").rstrip("/")
    return None


def _origin_url() -> str | None:
    config = ROOT / ".git" / "config"
    try:
        text = config.read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r'\[remote "origin"\][^\[]*?\burl\s*=\s*(\S+)', text)
    return found[1] if found else None


def _readme_link() -> dict:
    """Where the failure text sends a learner for the README's hub section: the repository's page online if known,
    else the README in the kit's own folder opened in JupyterLab (a path from the server's root, which the map's page
    puts after its base URL), else only its name."""
    url = kit_repository_url()
    if url:
        return {"href": f"{url}#{README_HUB_SECTION}"}
    session = os.environ.get("JPY_SESSION_NAME")  # the notebook's path from the server's root (jupyter_server)
    if session:
        readme = ROOT / "README.md"
        try:
            relative = os.path.relpath(readme, Path.cwd())
        except ValueError:
            return {}
        path = os.path.normpath(os.path.join(os.path.dirname(session), relative)).replace(os.sep, "/")
        if not path.startswith(".."):
            return {"lab_path": path}
    return {}


# Runs in the map's page before anything loads. The page lies in an iframe of the notebook page (same origin), whose
# #jupyter-config-data names the server's base URL: the map files are asked for there, whatever the kernel thought
# (a server started with a base URL but without JUPYTERHUB_SERVICE_PREFIX). Exported pages, decks and the website
# rewrite the quoted addresses in `files` and `online` to their own copies (kitbuild.prepare.offline_html), which are
# then used as they are: only an address on the server's root (/…/static/kit/…) is moved to the page's base URL.
# Each file is written as a tag of its own script, so the next script (the CDN fallback) runs after it has loaded.
_ASSETS_JS = """(function () {
var kit = %s, base = null;
try {
  var config = window.parent.document.getElementById('jupyter-config-data');
  if (config) base = JSON.parse(config.textContent).baseUrl || null;
} catch (error) {}
if (base && base.slice(-1) !== '/') base += '/';
function at(url) {
  var served = /^\\/(?:.*\\/)?static\\/kit\\/(.*)$/.exec(url);
  return base && served ? base + 'static/kit/' + served[1] : url;
}
window.kitMapAssets = {
  kit: kit, base: base,
  script: function (url) { document.write('<script src="' + url + '"><\\/script>'); },
  load: function (key) { this.script(at(kit.files[key])); },
  fallback: function (key, loaded) { if (!window[loaded]) this.script(kit.online[key]); }
};
document.write('<link rel="stylesheet" href="' + at(kit.files.css) + '" onerror="this.onerror=null;this.href=\\''
               + kit.online.css + '\\'">');
window.kitMapAssets.load('leaflet');
})();"""
# If Leaflet did not load from the server or the CDN, the page says what to do and hides the map's legend. On a hub or
# Binder (said by the kernel's environment, or by a base URL other than /), the words are for a learner who cannot fix
# the server, with a link to the README's hub section.
_HELP_JS = """window.addEventListener('DOMContentLoaded', function () {
if (window.L) return;
var kit = window.kitMapAssets.kit, base = window.kitMapAssets.base, text = kit.help;
if (kit.onServer || (base && base !== '/')) {
  var link = kit.readme.href
    || (kit.readme.lab_path ? (base || '/') + 'lab/tree/' + encodeURI(kit.readme.lab_path) : null);
  var name = '\u201cOn a JupyterHub\u201d of README.md';
  text = kit.helpServer.replace('{readme}',
    link ? '<a href="' + link + '" target="_blank" rel="noopener">' + name + '</a>' : name);
}
document.querySelectorAll('.kit-legend').forEach(function (legend) { legend.style.display = 'none'; });
document.body.insertAdjacentHTML('afterbegin',
  '<p class="kit-map-help" role="alert" style="font:16px sans-serif;margin:12px">' + text + '</p>');
});"""


def _js_value(value) -> str:
    """A Python value as a JavaScript literal that cannot end the script it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _map_assets_html() -> str:
    """Script tags that load Leaflet and jQuery: the server's copy first (at the base URL the notebook page names),
    the CDN only if that did not load, and words if neither did."""
    prefix, cdn = map_asset_prefix(), MAP_ASSET_CDN
    kit = {"files": {"css": f"{prefix}leaflet.css", "leaflet": f"{prefix}leaflet.js",
                     "jquery": f"{prefix}jquery.min.js"},
           "online": {"css": cdn["leaflet.css"], "leaflet": cdn["leaflet.js"], "jquery": cdn["jquery.min.js"]},
           "onServer": on_a_shared_server(), "help": MAP_HELP, "helpServer": MAP_HELP_SERVER, "readme": _readme_link()}
    return (
        f"<script>{_ASSETS_JS % _js_value(kit)}</script>\n"
        "<script>window.kitMapAssets.fallback('leaflet', 'L');</script>\n"
        "<script>window.kitMapAssets.load('jquery');</script>\n"
        "<script>window.kitMapAssets.fallback('jquery', 'jQuery');</script>\n"
        f"<script>{_HELP_JS}</script>\n"
        f"<script>{KEYBOARD_POPUPS_JS}</script>"
    )


# Leaflet draws circle markers as SVG paths that a keyboard cannot reach. Once the map is drawn, every layer with a
# popup becomes a focusable button (named by its tooltip) that opens its popup with Enter or Space.
KEYBOARD_POPUPS_JS = (
    "window.addEventListener('load', function () { if (!window.L) return;"
    " Object.values(window).filter(function (v) { return v instanceof L.Map; }).forEach(function (map) {"
    " map.eachLayer(function (layer) {"
    " if (!(layer.getPopup && layer.getPopup() && layer.getElement && layer.getElement())) return;"
    " var el = layer.getElement(), tip = layer.getTooltip && layer.getTooltip();"
    " el.setAttribute('tabindex', '0'); el.setAttribute('role', 'button');"
    " var name = document.createElement('div'); name.innerHTML = tip ? String(tip.getContent()) : 'Place';"
    " el.setAttribute('aria-label', name.textContent.trim() + ': open details');"
    " el.addEventListener('keydown', function (e) {"
    " if (e.key === 'Enter' || e.key === ' ') { layer.openPopup(); e.preventDefault(); } }); }); }); });"
)


class _TitledFigure(branca.element.Figure):
    """A figure whose iframe carries a title, so a screen reader can name the map."""

    def __init__(self, title: str, **kwargs):
        super().__init__(**kwargs)
        self.title = title

    def render(self, **kwargs) -> str:
        """The map page, in English for screen readers, and zoomable (folium's viewport forbids zooming).

        Rendered from a copy: folium adds script to the figure each time it renders a layer, so a map shown twice (a
        cell run again) would carry every layer's script twice."""
        page = branca.element.Figure.render(copy.deepcopy(self), **kwargs).replace("<html>", '<html lang="en">', 1)
        return re.sub(r",\s*maximum-scale=1\.0,\s*user-scalable=no", "", page, count=1)

    def _repr_html_(self, **kwargs) -> str:
        return super()._repr_html_(**kwargs).replace("<iframe ", f'<iframe title="{escape(self.title)}" ', 1)


class _PlainAttribution(branca.element.MacroElement):
    """Leaflet 1.9 puts a national flag before its name in every map's corner; a kit that takes no side in the
    disputes it maps names the library alone."""
    _template = branca.element.Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.setPrefix(
                '<a href="https://leafletjs.com">Leaflet</a>');
        {% endmacro %}""")


# A land layer comes at the detail a map's starting zoom needs (data/scripts/derive_outlines.py makes each): from the
# zoom named here on, base_map draws the finer layer instead, whose box is smaller (a map that close shows East and
# South-East Asia), so that a map page stays light.
FINER_LAND = {"asia-pacific-land": (4, "asia-pacific-land-z4")}


def land_at_zoom(land_layer: str, zoom_start: float) -> str:
    """The layer in data/geo/ that draws `land_layer` at this zoom."""
    from_zoom, finer = FINER_LAND.get(land_layer, (math.inf, land_layer))
    return finer if zoom_start >= from_zoom else land_layer


def _land_style(feature: dict) -> dict:
    return CLIPPED_LAND_STYLE if feature["properties"].get("clipped") else LAND_STYLE


def base_map(location: tuple[float, float], zoom_start: float, land_layer: str = "kuril-region-land",
             height_px: int = MAP_HEIGHT_PX, title: str = "Interactive map") -> folium.Map:
    """A map at a fixed pixel height whose land comes from `data/`, so it shows geography with no internet.

    Zoom goes in quarter steps (5.5 fits the whole Kuril chain in 520 px); the land is drawn at the detail the
    starting zoom needs (`land_at_zoom`). An OpenStreetMap layer is offered, switched off, for those who are online.
    `title` names the map for screen readers.
    """
    figure = _TitledFigure(title, height=f"{height_px}px")
    fmap = folium.Map(location=location, zoom_start=zoom_start, zoom_snap=0.25, tiles=None, control_scale=True)
    fmap.default_js, fmap.default_css = [], []  # the kit's own tags below load what its maps use
    figure.header.add_child(branca.element.Element(_map_assets_html()), name="kit_map_assets")
    figure.add_child(fmap)
    figure.header.add_child(branca.element.Element(
        f"<style>.folium-map.leaflet-container {{ background: {SEA_COLOUR}; }}</style>"))
    folium.GeoJson(load_geojson(land_at_zoom(land_layer, zoom_start)), name=LAND_LAYER_NAME, style_function=_land_style,
                   control=False, interactive=False).add_to(fmap)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs internet)", overlay=True, show=False).add_to(fmap)
    fmap.add_child(_PlainAttribution(), name="kit_plain_attribution")
    return fmap


def with_sources(layer: dict) -> dict:
    """A copy of a GeoJSON layer whose features also carry `source`: the title and publisher of their source_id,
    for tooltips and popups (folium escapes tooltip text)."""
    sources = load_table("sources").set_index("id")
    features = []
    for feature in layer["features"]:
        source = sources.loc[feature["properties"]["source_id"]]
        properties = {**feature["properties"], "source": f"Source: {source.title} ({source.publisher})"}
        features.append({**feature, "properties": properties})
    return {**layer, "features": features}


def _source_link(source_id: str) -> str:
    source = load_table("sources").set_index("id").loc[source_id]
    return (f'<a href="{escape(source.url)}" target="_blank" rel="noopener">{escape(source.title)}</a>'
            f" ({escape(source.publisher)})")


OTHER_LANGUAGES = [("name_ru", "Русский / Russian"), ("name_zh", "中文 / Chinese"),
                   ("name_vi", "Tiếng Việt / Vietnamese"), ("name_tl", "Filipino"),
                   ("name_uk", "Українська / Ukrainian")]


def place_popup_html(place: pd.Series) -> str:
    """A popup naming a place in English and in the language of every party to it, saying who administers and who
    claims it, and citing its source. Every value from the data is HTML-escaped."""
    japanese = place.name_ja or ""
    if place.name_ja_romaji:
        japanese = f"{japanese} ({place.name_ja_romaji})" if japanese else place.name_ja_romaji
    rows = [("English", place.name_en), ("日本語 / Japanese", japanese)]
    rows += [(label, getattr(place, column, None) or "") for column, label in OTHER_LANGUAGES]
    rows += [("Administered by", country_names(place.administered_by or "")),
             ("Claimed by", country_names(place.claimed_by or ""))]
    cells = "".join(f"<tr><th style='text-align:left;padding-right:6px'>{escape(label)}</th>"
                    f"<td>{escape(value)}</td></tr>" for label, value in rows if value)
    return (f"<div style='font-size:13px;min-width:220px'><b>{escape(place.name_en)}</b>"
            f"<table>{cells}</table><p style='margin:4px 0'>Source: {_source_link(place.source_id)}</p></div>")


CORNERS = ["bottomright", "bottomleft", "topright", "topleft"]  # in order of preference, for equal corners


def _points(element) -> list[tuple[float, float]]:
    """(lat, lon) of what a map element and everything drawn under it show: markers, circles, lines and shapes. The
    land and other layers that are not interactive don't count: a legend may cover them."""
    return [point for item in (element, *drawn_elements(element)) for point in _own_points(item)]


def _own_points(element) -> list[tuple[float, float]]:
    """(lat, lon) of what one element draws itself, not counting what it holds."""
    points = []
    if isinstance(element, folium.GeoJson):
        if not element.options.get("interactive", True):  # the land is never interactive (nor reached: see _points)
            return []
        def walk(coordinates):
            if coordinates and isinstance(coordinates[0], (int, float)):
                points.append((coordinates[1], coordinates[0]))
            else:
                for item in coordinates or []:
                    walk(item)
        data = element.data if isinstance(element.data, dict) else {}
        for feature in data.get("features", [data]):
            walk((feature.get("geometry") or {}).get("coordinates"))
    location = getattr(element, "location", None)
    if location is not None and len(location) == 2 and not isinstance(element, folium.Map):
        points.append((float(location[0]), float(location[1])))
    for line in getattr(element, "locations", None) or []:
        if len(line) == 2 and isinstance(line[0], (int, float)):
            points.append((float(line[0]), float(line[1])))
    return points


def drawn_elements(parent: branca.element.Element) -> Iterator[branca.element.Element]:
    """Every element drawn on a map (or under any element of one), however nested: in a FeatureGroup, a MarkerCluster
    or any layer, and what those hold in turn (a tooltip, a popup). Depth first in the order added, each element
    before what it holds. The kit's land layer, with what it holds, is left out: every answer map starts from it, so
    it is never the answer.

    The one walk of folium's children for every check that reads a map, so that an element counts wherever a learner
    put it."""
    for child in parent._children.values():
        if isinstance(child, folium.GeoJson) and getattr(child, "layer_name", None) == LAND_LAYER_NAME:
            continue
        yield child
        yield from drawn_elements(child)


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


# The widths a map is seen at: JupyterLab at 1280x720 with the file browser open (about 560-700 px), a wider
# window, the site's column.
SEEN_WIDTHS_PX = (560, 700, 1000)


def emptiest_corner(fmap: folium.Map, box_px: tuple[int, int] = (270, 120)) -> str:
    """The corner of the map (as Leaflet names it) whose legend-sized box, at the widths a map is seen at, holds the
    fewest of its markers, lines and shapes: where a legend covers least of what the lesson is about."""
    lat0, lon0 = fmap.location
    zoom = float(fmap.options.get("zoom", 0))
    scale = 256 * 2 ** zoom / 360  # pixels per degree of longitude (and of Mercator y, in degrees)
    height = MAP_HEIGHT_PX
    figure = fmap.get_root()
    if isinstance(figure, branca.element.Figure) and str(figure.height).endswith("px"):
        height = float(str(figure.height)[:-2])
    points = [((lon - lon0) * scale, (_mercator_y(lat) - _mercator_y(lat0)) * scale) for lat, lon in _points(fmap)]
    counts = dict.fromkeys(CORNERS, 0)
    for width in SEEN_WIDTHS_PX:
        for corner in CORNERS:
            x_side = 1 if corner.endswith("right") else -1
            y_side = 1 if corner.startswith("top") else -1
            for x, y in points:
                inside_x = width / 2 - box_px[0] <= x * x_side <= width / 2
                inside_y = height / 2 - box_px[1] <= y * y_side <= height / 2
                counts[corner] += inside_x and inside_y
    return min(CORNERS, key=lambda corner: (counts[corner], CORNERS.index(corner)))


class _Legend(branca.element.MacroElement):
    """A legend as a Leaflet control: Leaflet stacks it with the corner's other controls (layers, scale,
    attribution), so none covers another."""
    _template = branca.element.Template("""
        {% macro script(this, kwargs) %}
            (function () {
                var legend = L.control({position: {{ this.position|tojson }}});
                legend.onAdd = function () {
                    var box = L.DomUtil.create('div', 'kit-legend');
                    box.innerHTML = {{ this.html|tojson }};
                    box.style.cssText = {{ this.style|tojson }};
                    L.DomEvent.disableClickPropagation(box);
                    L.DomEvent.disableScrollPropagation(box);
                    return box;
                };
                legend.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}""")

    def __init__(self, html: str, position: str):
        super().__init__()
        self._name = "KitLegend"
        self.html, self.position = html, position
        self.style = ("background:rgba(255,255,255,0.92);padding:6px 9px;border:1px solid #999;border-radius:4px;"
                      "font:12px sans-serif;max-width:260px;color:#222")


def add_legend(fmap: folium.Map, title: str, entries: dict[str, str], footnote: str = LAND_SOURCE,
               position: str | None = None) -> folium.Map:
    """A box naming what each colour means; the footnote cites the map's sources. It sits in `position` (a corner:
    "bottomright", "topright", ...) or, by default, in the corner with the fewest of the map's markers and shapes,
    so it never covers what the map is about. A map has one legend: adding another (a cell run twice) replaces
    it."""
    if position is not None and position not in CORNERS:
        raise ValueError(f"position must be one of {', '.join(CORNERS)}")
    items = "".join(
        f"<div><span style='display:inline-block;width:18px;height:4px;margin:0 6px 3px 0;"
        f"background:{escape(colour)}'></span>{escape(label)}</div>" for label, colour in entries.items())
    legend = (f"<b>{escape(title)}</b>{items}"
              f"<div style='color:#555;margin-top:4px'>{escape(footnote)}</div>")
    fmap.add_child(_Legend(legend, position or emptiest_corner(fmap)), name="kit_legend")
    return fmap


# One colour per line in data/geo/treaty-lines.geojson, in the order of the years.
LINE_COLOURS = {
    "1855-shimoda": OKABE_ITO["blue"],
    "1875-saint-petersburg": OKABE_ITO["orange"],
    "1905-portsmouth": OKABE_ITO["reddish purple"],
    "1945-line-of-control": OKABE_ITO["vermillion"],
}


def line_style(feature: dict) -> dict:
    """folium style_function for the kit's lines: the line's own colour, thick and dashed (approximate)."""
    return {"color": LINE_COLOURS[feature["properties"]["id"]], "weight": 4, "dashArray": "8 5"}


def line_legend(features: list[dict]) -> dict[str, str]:
    """Legend entries {label: colour} for the line features a map shows."""
    return {feature["properties"]["label"]: LINE_COLOURS[feature["properties"]["id"]] for feature in features}


def map_feature(layer: str, feature_id: str) -> dict:
    """One feature of a layer in data/geo/, by its id, carrying `source` for its tooltip (see with_sources)."""
    features = with_sources(load_geojson(layer))["features"]
    for feature in features:
        if feature["properties"]["id"] == feature_id:
            return feature
    raise KeyError(f"data/geo/{layer}.geojson has no feature {feature_id!r}")


# One colour per area a lesson outlines (data/geo/theatres.geojson); a lesson's markers in that area share it.
AREA_COLOURS = {
    "baltic-sea": OKABE_ITO["blue"],
    "black-sea": OKABE_ITO["bluish green"],
    "syria": OKABE_ITO["orange"],
    "russian-far-east": OKABE_ITO["reddish purple"],
    "russian-far-east-2016": OKABE_ITO["reddish purple"],
    "fefd-2018-additions": OKABE_ITO["sky blue"],
}


def area_style(feature: dict) -> dict:
    """folium style_function for an area: its own colour, lightly filled; dashed where it is approximate."""
    colour = AREA_COLOURS[feature["properties"]["id"]]
    dashed = "6 4" if feature["properties"].get("approximate") else None
    return {"color": colour, "weight": 2, "fillColor": colour, "fillOpacity": 0.12, "dashArray": dashed}
