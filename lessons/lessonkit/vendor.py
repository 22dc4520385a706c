"""The browser files the kit's maps load (Leaflet, and jQuery for folium's popups), taken from the PyPI packages that
ship them, so that no other project's code is committed here.

`python -m lessonkit.vendor` (run by `kit.py lab` and Binder's postBuild) copies them to `assets/vendor/kit/`, which
JupyterLab then serves at `{base URL}static/kit/` (see lessonkit.maps and kit.py).
"""
import shutil
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parents[2]
SERVED = KIT_ROOT / "assets" / "vendor"  # kit.py passes this folder to JupyterLab as an extra static path
MAP_ASSETS = SERVED / "kit"


def map_asset_files() -> dict[str, Path]:
    """Each file a kit map loads, by the name it is served under, from the installed package that ships it."""
    import js_lib_leaflet
    import xstatic.pkg.jquery

    leaflet = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"
    return {
        "leaflet.js": leaflet / "leaflet.js",
        "leaflet.css": leaflet / "leaflet.css",
        "images": leaflet / "images",  # leaflet.css finds its icons here
        "jquery.min.js": Path(xstatic.pkg.jquery.BASE_DIR) / "jquery.min.js",
    }


def install_map_assets(destination: Path = MAP_ASSETS) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name, source in map_asset_files().items():
        if source.is_dir():
            shutil.copytree(source, destination / name, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, destination / name)
    return destination


if __name__ == "__main__":
    print(f"map files ready in {install_map_assets().relative_to(KIT_ROOT)}/")
