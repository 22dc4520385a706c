import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The notebooks import lessonkit from their own folder; so do the tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lessons"))
# The lessons' checks note passed exercises in a learner's progress file; the tests' solved runs write to their own,
# never to the home folder of whoever runs the tests (the kernels they start inherit this).
# Whatever the tests build (decks, pages, site, versions, screenshots) goes to build/test-run/, never over the
# instructor's builds in build/ (the kit.py commands the tests start inherit this too). Set before the kit's paths
# are read.
os.environ["KIT_BUILD_DIR"] = "build/test-run"
os.environ["KIT_PROGRESS_FILE"] = str(Path(tempfile.mkdtemp(prefix="kit-progress-")) / "progress.jsonl")
from lessonkit.paths import DATA, LESSONS, ROOT  # noqa: E402, F401 (for the test modules)
from tests.lessons import executed_lesson, nbval_first, read, solved_lesson  # noqa: E402, F401 (read: for the test modules)

KURILS_HISTORY_LESSON = "03a-kurils-history-and-law.ipynb"
KURILS_MAP_LESSON = "03b-kurils-map-and-data.ipynb"


def cells_tagged(notebook, tag):
    return [cell for cell in notebook.cells if tag in cell.metadata.get("tags", [])]


@pytest.fixture(scope="session")
def solved_kurils_lesson():
    """Lesson 03b, the Kurils map lesson, solved: its map is the one the browser tests look at."""
    return solved_lesson(KURILS_MAP_LESSON)[0]


# What the kit builds from the lessons' runs: each built once per test run, from the same runs (executed_lesson), as a
# step of its own before the first test that reads it.

@pytest.fixture(scope="session")
def slide_decks() -> dict[str, Path]:
    """Every lesson's deck by the lesson's name ("03b-kurils-map-and-data"), in build/test-run/slides/ as
    `python3 kit.py slides` builds it."""
    from kitbuild.publish import export_slides
    from lessonkit.paths import BUILD
    decks = export_slides(BUILD / "slides", run=executed_lesson)
    return {deck.name.removesuffix(".slides.html"): deck for deck in decks}


@pytest.fixture(scope="session")
def exported_lessons() -> dict[str, Path]:
    """Every lesson's page by the lesson's name, in build/test-run/export/ as `python3 kit.py export` builds it."""
    from kitbuild.export import EXPORT, export_lessons
    return {page.stem: page for page in export_lessons(EXPORT, run=executed_lesson)}


@pytest.fixture(scope="session")
def built_site() -> Path:
    """build/test-run/site/, as `python3 kit.py site` writes it."""
    from kitbuild import site
    return site.build(run=executed_lesson).parent


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (tests.browser.chromium); each test opens its pages in a context of
    its own. (Per module, not per session: the tests between them run kernels, and Playwright's sync API holds an
    event loop while it runs.)"""
    from tests.browser import chromium  # only now: it imports Playwright, which tests/test_data.py never needs
    with chromium() as shared:
        yield shared


@pytest.fixture(scope="session")
def axe():
    """The accessibility check, `axe(page, where)`: axe-core (pinned, from npm, installed once into build/node/)
    finds no serious or critical WCAG 2.1 A or AA violation on the page. Without npm it skips the test when it is
    called, so a test calls it last, after its other checks; in CI a missing checker fails every test that asks for
    it, before it starts."""
    from tests.browser import axe_violations, describe_violations, install_axe
    axe_js, missing = None, None
    try:
        axe_js = install_axe()
    except (OSError, subprocess.CalledProcessError) as exc:
        missing = f"axe-core could not be installed with npm: {exc} {getattr(exc, 'stderr', '') or ''}"
        if os.environ.get("CI"):
            pytest.fail(missing)  # in CI a missing checker must fail, not skip

    def check(page, where: str) -> None:
        if missing:
            pytest.skip(f"every check before accessibility passed; {missing}")
        violations = axe_violations(page, axe_js=axe_js)
        assert not violations, f"{where}:\n{describe_violations(violations)}"
    return check


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of data/, for tests that corrupt a file."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def pytest_collection_modifyitems(config, items):
    items[:] = nbval_first(items)  # nbval's run of each lesson is the unanswered run every other test reads
    browser_tests = [item for item in items if "browser" in item.keywords]
    if not browser_tests or os.environ.get("CI"):
        return  # in CI a missing browser must fail, not skip
    from tests.browser import chromium_path  # only now: it imports Playwright, which tests/test_data.py never needs
    if chromium_path():
        return
    skip = pytest.mark.skip(reason="no Chromium found: install the Debian package chromium or set KIT_CHROMIUM")
    for item in browser_tests:
        item.add_marker(skip)
