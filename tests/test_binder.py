"""Binder as far as it can be built here, with no internet.

repo2docker builds the environment from environment.yml (conda-forge) when the file exists, copies the repository
into the user's home and runs postBuild there; Binder then starts JupyterLab under a base URL of its own. Here:
- environment.yml cannot be solved: conda-forge is not reachable from these machines or CI, and no conda-compatible
  resolver (conda, mamba, micromamba) is in the registries they reach (conda-lock, on PyPI, needs conda-forge's
  index too). What is checked instead: environment.yml pins what requirements.txt pins (tests/test_environment.py),
  and this test environment, installed from those pins, is the environment postBuild and JupyterLab run in;
- postBuild runs, in a copy of the repository, with this environment's python first on PATH as Binder's conda
  environment is, and installs the map files and settings into it;
- JupyterLab started from that copy with a base URL and without JUPYTERHUB_SERVICE_PREFIX (the case the kernel cannot
  see) draws lesson 00's maps with every outside request refused: the maps take the base URL from the page.
"""
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tests.browser import EXPECTED, assert_quiet, chromium, is_loopback, shown, watch
from tests.test_hub import FIRST_LESSON, kit_repository
from tests.test_lab import KERNEL_IDLE_JS, RUN_ALL_DONE_JS, free_port

pytestmark = pytest.mark.browser
BASE_URL = "/binder/jupyter/user/ada-kit-abc123/"  # the form of a Binder session's base URL


def test_postbuild_then_jupyterlab_under_a_base_url_draws_the_maps_with_no_internet(tmp_path):
    repository = kit_repository(tmp_path)
    environment = Path(sys.executable).parent  # the environment's bin/, first on PATH as in Binder's image
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTERHUB_", "BINDER_", "JUPYTER"))}
    env.update(PATH=f"{environment}{os.pathsep}{env.get('PATH', '')}", HOME=str(home))
    built = subprocess.run(["bash", "postBuild"], cwd=repository, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    served = Path(sys.prefix) / "share" / "jupyter" / "lessonkit" / "static" / "kit" / "leaflet.js"
    assert served.is_file() and str(served.parent.parent) in (
        Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.json").read_text()

    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}{BASE_URL}"
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    log = tmp_path / "jupyterlab.log"
    with log.open("w") as output:  # as repo2docker starts it: from the repository's folder, no static path passed
        server = subprocess.Popen([sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                                   f"--port={port}", "--ServerApp.port_retries=0", f"--ServerApp.token={token}",
                                   f"--ServerApp.base_url={BASE_URL}", *root], cwd=repository, env=env,
                                  stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{url}api/status?token={token}", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        code_cells = sum(cell.cell_type == "code" for cell in nbformat.read(FIRST_LESSON, as_version=4).cells)
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1366, "height": 900}, service_workers="block")
            page.set_default_timeout(60_000)
            seen, asked = watch(page, allow=is_loopback), []
            page.on("request", lambda request: asked.append(request.url))
            page.goto(f"{url}lab/tree/lessons/{FIRST_LESSON.name}?token={token}")
            page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
            page.wait_for_function(KERNEL_IDLE_JS)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.locator('li[data-command="runmenu:run-all"]').click()
            assert page.wait_for_function(RUN_ALL_DONE_JS, arg=code_cells, timeout=180_000).json_value() == "done"
            assert shown(page).maps == EXPECTED["00-start-here"].maps
            assert_quiet(seen, "Lesson 00 on an emulated Binder")
            assert f"{url}static/kit/leaflet.js" in asked
            page.context.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
