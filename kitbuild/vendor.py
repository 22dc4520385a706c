"""The browser files the kit's maps load (Leaflet, and jQuery for folium's popups), taken from the PyPI packages that
ship them, so that no other project's code is committed here; and the files the decks, pages and site load beside
them (those, plotly.js and reveal.js), in the one `vendor/` layout they share.

    python -m kitbuild.vendor              (run by `kit.py lab`, from the kit's folder) copies the map files to
                                           `assets/vendor/kit/`, which JupyterLab then serves at
                                           `{base URL}static/kit/` (kit.py passes the folder to it)
    python -m kitbuild.vendor --install    (a JupyterHub image, Binder's postBuild) sets up the active environment
                                           itself, so that every Jupyter server started from it serves the map files,
                                           with no copy of the kit kept in the image and no server option to pass

`--install` writes three things under the environment's prefix (`sys.prefix`), and nothing anywhere else:
- the map files, in `share/jupyter/lessonkit/static/kit/`;
- `extra_static_paths` naming that folder, merged into `etc/jupyter/jupyter_server_config.json` (the server reads the
  setting from that file; the same setting in a file under `etc/jupyter/jupyter_server_config.d/` is read and
  ignored, as seen with jupyter_server 2.21);
- the kit's JupyterLab settings (no news pop-up over a projected lesson; Markdown opens as a preview), merged into
  `share/jupyter/lab/settings/overrides.json`.
It needs only the Python standard library and the two packages in requirements.txt that ship the files.
"""
import argparse
import json
import shutil
import sys
from pathlib import Path

from .paths import JUPYTERLAB_OVERRIDES, MAP_ASSETS, ROOT


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
    copy_files(map_asset_files(), destination)
    return destination


def copy_files(files: dict[str, Path], destination: Path) -> None:
    """Copy each file or folder of `files` to its relative path under `destination`."""
    for relative, source in files.items():
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)


# The vendor/ folder beside a deck, an exported page or the site's pages ---------------------------------------

# What an exported lesson or a page of the website loads, by its path under vendor/; a deck loads reveal.js too.
PAGE_FILES = ["leaflet/leaflet.js", "leaflet/leaflet.css", "leaflet/images", "jquery.min.js", "plotly.min.js"]


def vendor_files() -> dict[str, Path]:
    """Files the decks, pages and site load, by their path under vendor/, each from the installed package that
    ships it."""
    import plotly
    import sphinx_revealjs

    maps = map_asset_files()
    reveal = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    return {
        "jquery.min.js": maps["jquery.min.js"],
        "leaflet/leaflet.js": maps["leaflet.js"],
        "leaflet/leaflet.css": maps["leaflet.css"],
        "leaflet/images": maps["images"],
        "plotly.min.js": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
        "reveal.js/dist": reveal / "dist",
        "reveal.js/plugin/notes": reveal / "plugin" / "notes",
    }


def copy_vendor(destination: Path, only: list[str] | None = None) -> None:
    """The vendor/ folder at `destination`: every file of vendor_files(), or those named in `only`."""
    files = vendor_files()
    copy_files({relative: files[relative] for relative in only or files}, destination)


def vendor_path(name: str, prefix: str = "vendor/") -> str:
    """Where a page finds its copy of `name` (leaflet.js, jquery-3.7.1.min.js, plotly-2.35.2.min.js, ...); `prefix`
    leads from the page to the vendor folder ("vendor/" beside a deck or an exported page, "../_static/vendor/" for
    a page of the website)."""
    name = name.lower()
    if name in ("leaflet.js", "leaflet.css"):
        return f"{prefix}leaflet/{name}"
    return f"{prefix}{'jquery.min.js' if name.startswith('jquery') else 'plotly.min.js'}"


# Installing into an environment (a hub's image, Binder) --------------------------------------------------------

def environment_paths(prefix: Path) -> dict[str, Path]:
    """Where `--install` writes, under an environment's prefix."""
    static = prefix / "share" / "jupyter" / "lessonkit" / "static"
    return {
        "static": static,  # served at {base URL}static/; the map files are in its kit/ folder
        "map_files": static / "kit",
        "server_config": prefix / "etc" / "jupyter" / "jupyter_server_config.json",
        "lab_overrides": prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json",
    }


def _read_json(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        loaded = json.loads(path.read_text(encoding="utf-8") or "{}")
    except json.JSONDecodeError as error:
        raise SystemExit(f"{path} is not valid JSON ({error}); fix or remove it, then run the command again.") from None
    if not isinstance(loaded, dict):
        raise SystemExit(f"{path} does not hold a JSON object; fix or remove it, then run the command again.")
    return loaded


def _write_json(path: Path, settings: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def install_into_environment(prefix: Path | None = None) -> dict[str, Path]:
    """Copy the map files into the environment at `prefix` (the running one by default), make its Jupyter servers
    serve them at {base URL}static/kit/, and install the kit's JupyterLab settings there. Settings already in the two
    JSON files are kept: the static folder is added to any others, and the kit's JupyterLab settings are merged into
    those of the same plugin. Running it again changes nothing."""
    paths = environment_paths(Path(prefix or sys.prefix))
    install_map_assets(paths["map_files"])

    config = _read_json(paths["server_config"])
    server = config.setdefault("ServerApp", {})
    static_paths = [str(p) for p in server.get("extra_static_paths", [])]
    if str(paths["static"]) not in static_paths:
        static_paths.append(str(paths["static"]))
    server["extra_static_paths"] = static_paths
    _write_json(paths["server_config"], config)

    overrides = _read_json(paths["lab_overrides"])
    for plugin, settings in json.loads(JUPYTERLAB_OVERRIDES.read_text(encoding="utf-8")).items():
        overrides[plugin] = {**overrides.get(plugin, {}), **settings}
    _write_json(paths["lab_overrides"], overrides)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kitbuild.vendor", description=__doc__.split("\n\n")[0])
    parser.add_argument("--install", action="store_true",
                        help="set up the active environment (sys.prefix) so its Jupyter servers serve the map files")
    parser.add_argument("--prefix", type=Path, help="with --install: another environment's prefix")
    args = parser.parse_args(argv)
    if not args.install:
        print(f"map files ready in {install_map_assets().relative_to(ROOT)}/")
        return
    paths = install_into_environment(args.prefix)
    print(f"map files copied to {paths['map_files']}/\n"
          f"served at {{base URL}}static/kit/ by the setting in {paths['server_config']}\n"
          f"JupyterLab settings in {paths['lab_overrides']}\n"
          "Check: a Jupyter server started from this environment answers {base URL}static/kit/leaflet.js "
          "(on a hub: https://YOUR-HUB/user/NAME/static/kit/leaflet.js).")


if __name__ == "__main__":
    main()
