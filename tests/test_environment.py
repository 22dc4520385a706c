"""environment.yml (conda, Binder) and requirements.txt (pip) pin the same packages at the same versions."""
import re

import pytest
import yaml

from tests.conftest import ROOT

# conda-forge names that differ from PyPI's; none of the kit's packages differ today.
CONDA_TO_PYPI: dict[str, str] = {}
CONDA_ONLY = {"python"}


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):  # the pip: section, pinned with ==
            for requirement in entry["pip"]:
                name, version = requirement.split("==")
                pins[name.lower()] = version
        elif entry != "pip":
            name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)=([^=]+)", entry).groups()
            if name not in CONDA_ONLY:
                pins[CONDA_TO_PYPI.get(name, name).lower()] = version
    return pins


def test_the_pip_section_has_no_local_references():
    """-r, -e ., ./path or file:// make Binder rebuild the environment on every commit."""
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next((e["pip"] for e in environment["dependencies"] if isinstance(e, dict)), [])
    assert not [r for r in pip_section if r.startswith(("-", ".", "/", "file:"))]


def test_every_requirement_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        assert not line or re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", line), line


def test_conda_and_pip_pin_the_same_versions():
    assert conda_pins() == pip_pins()


def test_environment_is_conda_forge_and_python_311():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert environment["channels"] == ["conda-forge"]
    assert "python=3.11" in environment["dependencies"]


def test_the_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version
    for name, pinned in pip_pins().items():
        assert version(name) == pinned, name


def test_the_hub_image_pins_its_own_packages_and_includes_the_learners():
    """requirements-hub.txt (a JupyterHub's image; tests/test_hub.py) adds jupyterhub and nbgitpuller, pinned, to the
    learner's packages, and the test environment has those versions."""
    from importlib.metadata import version
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements-hub.txt").read_text().splitlines()]
    lines = [line for line in lines if line]
    assert lines[0] == "-r requirements.txt"
    pins = dict(line.split("==") for line in lines[1:])
    assert set(pins) == {"jupyterhub", "nbgitpuller"}
    for name, pinned in pins.items():
        assert re.fullmatch(r"[0-9][0-9A-Za-z.]*", pinned) and version(name) == pinned, name
    assert "-r requirements-hub.txt" in (ROOT / "requirements-dev.txt").read_text().splitlines()


def own_pins(requirements: str) -> dict[str, str]:
    """The packages a requirements file pins itself (not those of the files it includes with -r)."""
    lines = [line.split("#")[0].strip() for line in (ROOT / requirements).read_text().splitlines()]
    return dict(line.lower().split("==") for line in lines if line and not line.startswith("-r "))


def test_the_builds_install_the_learners_packages_and_build_tools_and_nothing_only_the_tests_need():
    """`kit.py slides` and the other builds install requirements-build.txt: the learner's packages (the lessons
    run) and the build tools, none of requirements-dev.txt's own (Playwright, Frictionless, shapely, ruff...), which
    includes it."""
    build = (ROOT / "requirements-build.txt").read_text().splitlines()
    dev = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in build and "-r requirements-build.txt" in dev
    assert [line for line in build if line.startswith("-r ")] == ["-r requirements.txt"]
    test_only = set(own_pins("requirements-dev.txt"))
    assert {"playwright", "frictionless", "shapely", "ruff"} <= test_only
    assert not test_only & set(own_pins("requirements-build.txt"))
    assert all(re.fullmatch(r"[0-9][0-9A-Za-z.]*", pinned) for pinned in own_pins("requirements-build.txt").values())


@pytest.mark.parametrize("command", ["slides", "versions", "export", "site", "store-outputs"])
def test_kit_py_builds_ask_for_the_build_requirements(monkeypatch, command):
    import kit
    installed, ran = [], []
    monkeypatch.setattr(kit, "ensure_environment", installed.append)
    monkeypatch.setattr(kit, "run_in_venv", lambda args, cwd=kit.ROOT: ran.append(args) or 0)
    assert kit.main([command, "--edited"]) == 0
    assert installed == [kit.BUILD_REQUIREMENTS] == [ROOT / "requirements-build.txt"]
    assert ran[0][0] == "-m" and ran[0][1].startswith("kitbuild."), "the build runs the build tools, not the tests"
