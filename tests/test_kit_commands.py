"""kit.py, the README's two commands: what a new user sees before anything is installed."""
import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run_kit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "kit.py"), *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("args", [[], ["-h"], ["--help"]], ids=["no-command", "-h", "--help"])
def test_help_lists_every_command(args):
    result = run_kit(*args)
    assert result.returncode == 0 and result.stderr == ""
    for command in ["python3 kit.py lab", "python3 kit.py test", "python3 kit.py slides", "python3 kit.py versions",
                    "python3 kit.py export", "python3 kit.py site", "python3 kit.py store-outputs",
                    "python3 kit.py progress", "python3 kit.py links", "python3 kit.py reset 03b",
                    "python3 kit.py restore-lessons"]:
        assert command in result.stdout


def test_an_unknown_command_is_named_and_refused_with_the_list():
    result = run_kit("nonsense")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "Unknown command 'nonsense'. The commands are: "
        "lab, test, slides, versions, export, site, store-outputs, progress, links, reset, restore-lessons.\n")
    assert "python3 kit.py lab" in result.stderr


def test_links_are_made_from_the_repository_alone():
    """A fork gets working links by changing one thing: the repository (KIT_REPOSITORY_URL, or the clone's origin)."""
    result = subprocess.run([sys.executable, str(ROOT / "kit.py"), "links", "--hub", "https://hub.example.edu/"],
                            capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "KIT_REPOSITORY_URL": "https://github.com/ada/apsec-kit"})
    assert result.returncode == 0, result.stderr
    assert ("[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/ada/apsec-kit/HEAD"
            "?labpath=lessons%2F00-start-here.ipynb)") in result.stdout
    assert ("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fada%2Fapsec-kit"
            "&branch=main&urlpath=lab%2Ftree%2Fapsec-kit%2Flessons%2F00-start-here.ipynb") in result.stdout


def test_the_readmes_badge_and_link_are_the_ones_kit_py_makes():
    import kit
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert kit.binder_badge("https://github.com/OWNER/REPOSITORY") in readme
    assert kit.nbgitpuller_link("https://YOUR-HUB", "https://github.com/OWNER/REPOSITORY") in readme


# kit.py with its set-up skipped and a stand-in for .venv's python, so that every command's child is SLOW_CHILD.
KIT_WITH_A_SLOW_CHILD = """
import importlib.util, signal, sys
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even if pytest runs in the background
spec = importlib.util.spec_from_file_location("kit", sys.argv[1])
kit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kit)
kit.ensure_environment = lambda requirements: None
kit.venv_python = lambda: Path(sys.argv[2])
sys.exit(kit.main(sys.argv[3:]))
"""
# Like JupyterLab: on SIGINT it takes a moment to shut down, then exits.
SLOW_CHILD = """
import signal, sys, time
def shut_down(*_):
    time.sleep(1)
    print("child shut down", flush=True)
    sys.exit(0)
signal.signal(signal.SIGINT, shut_down)
print("ready", flush=True)
time.sleep(30)
"""


@pytest.mark.skipif(os.name == "nt", reason="process groups and SIGINT as on Linux and macOS")
@pytest.mark.parametrize("command, stopped", [("lab", "JupyterLab stopped."), ("test", "The tests stopped.")])
def test_ctrl_c_waits_for_the_child_and_stops_without_a_traceback(tmp_path, command, stopped):
    driver, child = tmp_path / "kit_with_a_slow_child.py", tmp_path / "python"
    driver.write_text(KIT_WITH_A_SLOW_CHILD)
    child.write_text(f"#!{sys.executable}\n{SLOW_CHILD}")  # ignores the arguments kit.py gives python
    child.chmod(0o755)
    kit = subprocess.Popen([sys.executable, str(driver), str(ROOT / "kit.py"), str(child), command],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert select.select([kit.stdout], [], [], 10)[0], "the child did not start"
        assert kit.stdout.readline() == "ready\n"
        os.killpg(kit.pid, signal.SIGINT)  # what Ctrl+C in the terminal does: kit.py and its child both get it
        stdout, stderr = kit.communicate(timeout=10)
    finally:
        if kit.poll() is None:
            os.killpg(kit.pid, signal.SIGKILL)
    assert "Traceback" not in stderr
    assert stdout == "child shut down\n", "kit.py did not wait for the child to shut down"
    assert stderr.strip() == stopped
    assert kit.returncode == 130


def test_the_environment_carries_the_kits_jupyterlab_settings():
    """kit.py copies them on every run; no news pop-up over a projected lesson."""
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("the tests are not running in the environment kit.py made")
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(installed.read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
