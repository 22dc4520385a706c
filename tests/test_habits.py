"""Habits of a kept project: the tree passes the linter with the kit's settings, and the pre-commit hooks and the
workflow use what the tests use."""
import os
import re
import subprocess
import sys

import yaml

from tests.conftest import ROOT


def test_the_tree_passes_ruff_with_the_kits_settings():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"ruff (settings in pyproject.toml) found:\n{result.stdout}{result.stderr}"


def test_pre_commit_runs_the_ruff_the_tests_pin():
    pinned = re.search(r"^ruff==([\d.]+)$", (ROOT / "requirements-dev.txt").read_text(encoding="utf-8"), re.M)
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ruff = next(repo for repo in hooks["repos"] if repo["repo"].endswith("/ruff-pre-commit"))
    assert pinned and ruff["rev"] == f"v{pinned.group(1)}"


def test_the_workflow_runs_what_ci_runs_and_publishes_the_site():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(".ci/run" in step for step in steps) and any("kit.py site" in step for step in steps)


def test_a_test_run_builds_apart_from_the_instructors_build():
    """kit.py's builds go to build/; the tests' to build/test-run/, so a test run leaves build/slides and the rest."""
    from lessonkit.paths import BUILD

    assert BUILD == ROOT / "build" / "test-run"
    user = {name: value for name, value in os.environ.items() if name != "KIT_BUILD_DIR"}
    default = subprocess.run([sys.executable, "-c", "from kitbuild.paths import BUILD; print(BUILD)"],
                             cwd=ROOT, env=user, capture_output=True, text=True, check=True)
    assert default.stdout.strip() == str(ROOT / "build")


def test_the_data_tests_run_without_loading_the_browser_stack():
    """`pytest tests/test_data.py` is the quick check a data contributor runs: it must not start on Playwright."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/test_data.py", "-k", "readme_counts"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "playwright" not in run.stderr
