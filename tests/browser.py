"""Show the kit's HTML in headless Chromium with no network: Leaflet and jQuery come from the installed packages
the slide export copies them from (lessonkit.publish), every other outside request is refused.

Also the lessons run and the slide decks built once per test run, for every test module that needs them."""
import functools
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import nbformat
from lessonkit.publish import BUILD, export_slides, local_asset, run_lesson, vendor_files
from playwright.sync_api import sync_playwright

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
        candidate = VENDOR.get(local_asset(url).removeprefix("vendor/"))
    return candidate if candidate and candidate.is_file() else None


def _serve_leaflet_or_refuse(route) -> None:
    """Answer requests for Leaflet's and jQuery's files (folium's popups need jQuery) from local copies;
    refuse everything else from outside."""
    url = route.request.url
    if url.startswith(("data:", "about:", "file:")):
        return route.continue_()
    local = _local_copy(url)
    return route.fulfill(path=str(local)) if local else route.abort()


def _refuse_all_but_files(route) -> None:
    return route.continue_() if route.request.url.startswith(("file:", "data:", "about:")) else route.abort()


@contextmanager
def offline_page(width: int = 1280, height: int = 720, serve_leaflet: bool = True):
    """A Chromium page of the given size with no network: Leaflet and jQuery come from local files, unless
    serve_leaflet is False (for pages that must bring everything they need)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", _serve_leaflet_or_refuse if serve_leaflet else _refuse_all_but_files)
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


@functools.cache
def executed_lesson(path: Path) -> nbformat.NotebookNode:
    """The lesson at `path` run top to bottom as it stands (unanswered exercises and all), once per test run.
    Shared: read it, don't change it."""
    return run_lesson(path)


@functools.cache
def slide_decks() -> dict[str, Path]:
    """Every lesson's deck by the lesson's name ("03-kuril-islands"), built into build/slides/ as
    `python3 kit.py slides` builds it, once per test run."""
    decks = export_slides(BUILD / "slides", run=executed_lesson)
    return {deck.name.removesuffix(".slides.html"): deck for deck in decks}
