#!/usr/bin/env python3
"""Set up the kit in its own environment, then open it or test it.

    python3 kit.py lab     create .venv if missing, install the pinned packages, open JupyterLab on lesson 00
    python3 kit.py test    the same set-up with the test tools, then run the whole test suite

Learners: `python3 kit.py progress` shows which exercises your checks have passed, lesson by lesson.

Anything after the command goes to JupyterLab or pytest (`python3 kit.py test -k kurils`).
Instructors: `python3 kit.py slides` writes an offline slide deck per lesson to build/slides/;
`python3 kit.py versions` writes student and instructor versions to build/student/ and build/instructor/;
`python3 kit.py export` writes each lesson as a web page to build/export/ (copy the folder with vendor/);
`python3 kit.py site` writes a website of the lessons to build/site/ (open build/site/index.html, or publish it).
`python3 kit.py links [--hub https://YOUR-HUB] [--branch main]` prints the Binder badge and the nbgitpuller link for
this copy of the kit's repository (KIT_REPOSITORY_URL if set, else the GitHub address git cloned it from).
Contributors: `python3 kit.py store-outputs [LESSON.ipynb ...]` re-runs the lessons (all, or those named) and keeps
only the outputs that nbval checks.

Only the Python standard library is used here, so the script runs on a fresh machine with nothing but python3.
"""
import argparse
import hashlib
import os
import re
import signal
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
FIRST_LESSON = "lessons/00-start-here.ipynb"
LEARNER_REQUIREMENTS = ROOT / "requirements.txt"
TEST_REQUIREMENTS = ROOT / "requirements-dev.txt"
# JupyterLab asks about news on first start; nothing should pop up over a projected lesson.
JUPYTERLAB_OVERRIDES = ROOT / "assets" / "jupyterlab" / "overrides.json"
# Leaflet and jQuery for offline maps, copied here from their PyPI packages by `python -m lessonkit.vendor`.
SERVED_ASSETS = ROOT / "assets" / "vendor"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements_digest(requirements: Path) -> str:
    """Hash the requirements file and the files it includes (`-r`), so set-up reruns when a pin changes."""
    digest = hashlib.sha256()
    for path in included_requirements(requirements):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def included_requirements(requirements: Path) -> list[Path]:
    """The requirements file and every file it includes with `-r`, however deep, each once."""
    found = [requirements]
    for line in requirements.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            for path in included_requirements(requirements.parent / line[3:].strip()):
                if path not in found:
                    found.append(path)
    return found


def create_venv() -> None:
    print(f"Creating a Python environment in {VENV.name}/ (first run only) ...", flush=True)
    try:
        venv.EnvBuilder(with_pip=True).create(VENV)
    except Exception as exc:  # ensurepip missing is the usual cause on Debian and Ubuntu
        sys.exit(
            f"Could not create the environment in {VENV}: {exc}\n"
            "On Debian or Ubuntu install the venv module first: sudo apt install python3-venv\n"
            "Or use conda instead: conda env create -f environment.yml (see README.md)."
        )


def ensure_environment(requirements: Path) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"The kit needs Python 3.11 or newer; this is {sys.version.split()[0]}. See README.md for conda.")
    if not venv_python().exists():
        create_venv()
    stamp = VENV / f".installed-{requirements.name}"
    wanted = requirements_digest(requirements)
    if not (stamp.exists() and stamp.read_text() == wanted):
        print(f"Installing the pinned packages from {requirements.name} (a few minutes the first time) ...", flush=True)
        pip = [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        if run_to_the_end([*pip, "-r", str(requirements)]) != 0:
            sys.exit("Installing the packages failed; the messages above say which one. Run the command again.")
        stamp.write_text(wanted)
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_bytes(JUPYTERLAB_OVERRIDES.read_bytes())


def run_to_the_end(command: list[str], cwd: Path = ROOT) -> int:
    """Run a child process and wait for it, even through Ctrl+C.

    Ctrl+C in a terminal sends SIGINT to the whole foreground process group, so the child (JupyterLab, pytest, pip)
    gets it too and shuts down in its own way: JupyterLab stops its kernels, pytest prints its summary.
    subprocess.run would kill the child 0.25 s after the interrupt; here kit.py waits, through any further Ctrl+C,
    until the child has finished, and only then passes the KeyboardInterrupt on, for main to report.
    """
    child = subprocess.Popen(command, cwd=cwd)
    interrupted = False
    while True:
        try:
            returncode = child.wait()
            break
        except KeyboardInterrupt:
            interrupted = True
    if interrupted:
        raise KeyboardInterrupt
    return returncode


def run_in_venv(args: list[str], cwd: Path = ROOT) -> int:
    return run_to_the_end([str(venv_python()), *args], cwd=cwd)


def lab_arguments(extra: list[str]) -> list[str]:
    """JupyterLab's command line, after the venv's python: the file browser at the kit's top folder, lesson 00 at
    the printed address, and the map files the set-up copied to assets/vendor/ served at /static/kit/, so maps draw
    with no internet. The browser tests start JupyterLab with these same arguments."""
    root_flag = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return ["-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}", f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}",
            f"--ServerApp.extra_static_paths={SERVED_ASSETS}", *root_flag, *extra]


def install_map_files() -> None:
    if run_in_venv(["-m", "lessonkit.vendor"], cwd=ROOT / "lessons") != 0:
        sys.exit("Copying the map files failed; the message above says why. Run the command again.")


def open_lab(extra: list[str]) -> int:
    ensure_environment(LEARNER_REQUIREMENTS)
    install_map_files()
    return run_in_venv(lab_arguments(extra))


def run_tests(extra: list[str]) -> int:
    ensure_environment(TEST_REQUIREMENTS)
    install_map_files()
    return run_in_venv(["-m", "pytest", *extra])


def publish(command: str):
    def run(extra: list[str]) -> int:
        ensure_environment(TEST_REQUIREMENTS)
        return run_in_venv(["-m", "lessonkit.publish", command, *extra], cwd=ROOT / "lessons")
    return run


def export_pages(extra: list[str]) -> int:
    ensure_environment(TEST_REQUIREMENTS)
    return run_in_venv(["-m", "lessonkit.export", *extra], cwd=ROOT / "lessons")


def show_progress(extra: list[str]) -> int:
    ensure_environment(LEARNER_REQUIREMENTS)
    return run_in_venv(["-m", "lessonkit.progress", *extra], cwd=ROOT / "lessons")


def build_site(extra: list[str]) -> int:
    ensure_environment(TEST_REQUIREMENTS)
    return run_in_venv(["-m", "lessonkit.site", *extra], cwd=ROOT / "lessons")


def repository_url() -> str | None:
    """The kit's repository on GitHub, the one setting every published link is made from: KIT_REPOSITORY_URL if set
    (the website's CI job sets it), else the address git cloned this copy from (a fork's clone names the fork)."""
    url = os.environ.get("KIT_REPOSITORY_URL", "")
    if not url:
        try:
            url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip()
        except OSError:  # no git
            url = ""
    url = re.sub(r"^git@github\.com:", "https://github.com/", url).removesuffix(".git").rstrip("/")
    return url if re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url) else None


def binder_badge(repository: str) -> str:
    """The README's Binder badge: OWNER/REPOSITORY is the repository's GitHub path, HEAD its default branch."""
    path = repository.removeprefix("https://github.com/")
    return (f"[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/{path}/HEAD"
            f"?labpath={quote(FIRST_LESSON, safe='')})")


def nbgitpuller_link(hub: str, repository: str, branch: str = "main") -> str:
    """The README's nbgitpuller link: the hub's address; the repository to clone (any address git can clone); its
    branch; and the page to open, under the folder nbgitpuller clones into, named after the repository."""
    folder = repository.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return (f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(repository, safe='')}"
            f"&branch={quote(branch, safe='')}&urlpath={quote(f'lab/tree/{folder}/{FIRST_LESSON}', safe='')}")


def print_links(extra: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 kit.py links")
    parser.add_argument("--hub", default="https://YOUR-HUB", help="the JupyterHub's address")
    parser.add_argument("--branch", default="main", help="the branch nbgitpuller pulls (default: main)")
    args = parser.parse_args(extra)
    repository = repository_url()
    if not repository:
        print("No GitHub address found for this copy of the kit: set KIT_REPOSITORY_URL, e.g.\n"
              "  KIT_REPOSITORY_URL=https://github.com/OWNER/REPOSITORY python3 kit.py links", file=sys.stderr)
        return 1
    print(f"Binder badge (README, website):\n{binder_badge(repository)}\n\n"
          f"nbgitpuller link for learners on {args.hub}:\n{nbgitpuller_link(args.hub, repository, args.branch)}")
    return 0


COMMANDS = {"lab": open_lab, "test": run_tests, "slides": publish("slides"), "versions": publish("versions"),
            "export": export_pages, "site": build_site, "store-outputs": publish("store-outputs"),
            "progress": show_progress, "links": print_links}
# What the one line after Ctrl+C names as stopped.
STOPPED = {"lab": "JupyterLab", "test": "The tests", "slides": "Making the slide decks",
           "versions": "Making the student and instructor versions", "export": "Exporting the lesson pages",
           "site": "Building the website",
           "store-outputs": "Storing the lesson outputs", "progress": "Showing your progress",
           "links": "Printing the links"}


def main(argv: list[str]) -> int:
    if argv[:1] in ([], ["-h"], ["--help"]):
        print(__doc__)
        return 0
    command, extra = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"Unknown command {command!r}. The commands are: {', '.join(COMMANDS)}.", file=sys.stderr)
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return COMMANDS[command](extra)
    except KeyboardInterrupt:  # the one place for every command, whether Ctrl+C came during a child or not
        print(f"{STOPPED[command]} stopped.", file=sys.stderr)
        # 130 = 128 + SIGINT, what a shell reports for a program stopped by Ctrl+C. Not 0: for `lab` Ctrl+C is the
        # normal way out, but an interrupted `test` or `store-outputs` did not finish, and a script running
        # `python3 kit.py test && ...` must not carry on as if it had passed.
        return 128 + signal.SIGINT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
