"""A class on a JupyterHub, set up as the README's "On a JupyterHub" section says, with no internet.

The image: this test's own environment, which has requirements-hub.txt's packages (requirements-dev.txt includes
them), set up with the README's one command, `python -m kitbuild.vendor --install`, run from the kit's
folder. The hub: JupyterHub (pinned in requirements-hub.txt) with configurable-http-proxy (npm, pinned here, installed
into build/node/ as the axe checks install axe-core), on loopback. The repository: the kit's tracked files as they are
in the work tree, committed to a fresh git repository that the nbgitpuller link names by its file:// address (a
classroom's link names the kit on GitHub; this machine has no network).

Two students, ada and grace, log in at the same time through the README's nbgitpuller link; nbgitpuller clones the
kit into each one's home and opens lesson 00; each runs all cells, and both maps of lesson 00 draw for each, from the
map files at /user/NAME/static/kit/, with every request that would leave the machine refused.

Not what a real hub does: the users are the hub's own process user (SimpleLocalProcessSpawner, a JupyterHub test
spawner), not system accounts, because a virtual environment made from a Python in root's home cannot be run by
other users; the README's check of the installation (open /user/NAME/static/kit/leaflet.js) is made here too.
"""
import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

import kit
from tests.browser import EXPECTED, NODE_PREFIX, SHOTS, assert_quiet, chromium, is_loopback, shown, watch
from tests.conftest import ROOT
from tests.test_lab import KERNEL_IDLE_JS, RUN_ALL_DONE_JS, free_port

pytestmark = pytest.mark.browser
PROXY_VERSION = "5.3.0"  # configurable-http-proxy on npm
PROXY = NODE_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
REPOSITORY = "asia-pacific-security-kit"  # the clone's folder name in each student's home
FIRST_LESSON = ROOT / "lessons" / "00-start-here.ipynb"
STUDENTS = ["ada", "grace"]


def install_proxy() -> Path:
    """configurable-http-proxy at PROXY_VERSION in build/node/, from the npm registry unless it is there already."""
    package = NODE_PREFIX / "node_modules" / "configurable-http-proxy" / "package.json"
    if not (package.is_file() and json.loads(package.read_text())["version"] == PROXY_VERSION):
        npm = shutil.which("npm")
        if not npm:
            raise FileNotFoundError("npm not found: install Node.js (Debian: apt install npm) to run the hub test")
        subprocess.run([npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund", "--save-exact",
                        f"configurable-http-proxy@{PROXY_VERSION}"], check=True, capture_output=True, text=True)
    return PROXY


def kit_repository(folder: Path) -> Path:
    """A git repository holding the kit's tracked files as they are in the work tree, on a branch named main."""
    repository = folder / REPOSITORY
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True,
                             text=True).stdout.split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            (repository / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repository / name)
    git = ["git", "-C", str(repository), "-c", "user.name=Kit test", "-c", "user.email=kit@example.invalid"]
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(repository)], check=True)
    subprocess.run([*git, "add", "--all"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "The kit as the test found it"], check=True)
    return repository


HUB_CONFIG = """
import sys
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/jupyterhub_cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{folder}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
"""


class Hub:
    """JupyterHub on loopback, its proxy and its users' servers stopped with it."""

    def __init__(self, folder: Path):
        self.folder, self.port, self.password = folder, free_port(), secrets.token_hex(8)
        self.url = f"http://127.0.0.1:{self.port}"
        config = folder / "jupyterhub_config.py"
        root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        config.write_text(HUB_CONFIG.format(
            port=self.port, hub_port=free_port(), api_port=free_port(), proxy=str(install_proxy()),
            proxy_token=secrets.token_hex(16), folder=folder, password=self.password,
            singleuser=str(Path(sys.executable).parent / "jupyterhub-singleuser"), args=root))
        self.log = folder / "jupyterhub.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=folder,
                                            stdout=log, stderr=subprocess.STDOUT)
        self.wait_until_up()

    def wait_until_up(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"JupyterHub exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/api/", timeout=5):
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"JupyterHub did not answer in {timeout_s} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM: the hub stops its users' servers (and their kernels) and its proxy, then exits."""
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    # The README's one command, in the image's environment, from the kit's folder.
    subprocess.run([sys.executable, "-m", "kitbuild.vendor", "--install"], cwd=ROOT, check=True,
                   capture_output=True, text=True)
    server = Hub(tmp_path_factory.mktemp("jupyterhub"))
    try:
        yield server
    finally:
        server.stop()


def log_in(page, hub: Hub, student: str, link: str) -> None:
    """Follow the nbgitpuller link as a student does: the hub asks who it is, then starts the student's server."""
    page.goto(link)
    page.locator("#username_input").fill(student)
    page.locator("#password_input").fill(hub.password)
    page.locator("#login_submit").click()


def wait_for_the_lesson(page) -> None:
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=180_000)
    page.wait_for_function(KERNEL_IDLE_JS, timeout=120_000)


def start_run_all(page) -> None:
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('li[data-command="runmenu:run-all"]').click()


def test_two_students_open_the_nbgitpuller_link_and_every_map_draws_with_no_internet(hub, tmp_path):
    started = time.monotonic()
    repository = kit_repository(tmp_path)
    link = kit.nbgitpuller_link(hub.url, repository.as_uri())  # the README's link, made by `kit.py links`
    code_cells = sum(cell.cell_type == "code" for cell in nbformat.read(FIRST_LESSON, as_version=4).cells)
    with chromium() as browser:
        pages, seen, asked = {}, {}, {}
        for student in STUDENTS:  # both log in before either lesson is open: two servers start at once
            context = browser.new_context(viewport={"width": 1366, "height": 900}, service_workers="block")
            page = pages[student] = context.new_page()
            page.set_default_timeout(60_000)
            seen[student] = watch(page, allow=is_loopback)
            asked[student] = []
            page.on("request", lambda request, urls=asked[student]: urls.append(request.url))
            log_in(page, hub, student, link)
        for student, page in pages.items():
            wait_for_the_lesson(page)
            assert page.url.startswith(f"{hub.url}/user/{student}/lab/tree/{REPOSITORY}/lessons/"), page.url
        for page in pages.values():  # both kernels run at once
            start_run_all(page)
        for student, page in pages.items():
            state = page.wait_for_function(RUN_ALL_DONE_JS, arg=code_cells, timeout=180_000).json_value()
            assert state == "done", f"a cell of lesson 00 failed for {student}"
            assert shown(page).maps == EXPECTED["00-start-here"].maps, student
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"hub-{student}.png"))
            assert_quiet(seen[student], f"Lesson 00 on the hub for {student}")
            assert f"{hub.url}/user/{student}/static/kit/leaflet.js" in asked[student]
            # The README's check: the file answers at the student's base URL.
            assert page.request.get(f"{hub.url}/user/{student}/static/kit/leaflet.js").status == 200
            # The kit's JupyterLab settings came from the environment: no news pop-up for a student.
            settings = page.request.get(f"{hub.url}/user/{student}/lab/api/settings/"
                                        "@jupyterlab/apputils-extension:notification").json()
            # (JupyterLab applies overrides.json to the settings' defaults)
            assert settings["schema"]["properties"]["fetchNews"]["default"] == "false", student
            clone = hub.folder / "home" / student / REPOSITORY
            assert (clone / ".git").is_dir(), f"nbgitpuller cloned nothing: {student}"
        for page in pages.values():
            page.context.close()
    print(f"hub test: {time.monotonic() - started:.0f} s for {len(STUDENTS)} students")
