#!/usr/bin/env python3
"""Set up the kit in its own environment, then open it or test it.

    python3 kit.py lab     create .venv if missing, install the pinned packages, open JupyterLab on lesson 00
                           (your own copy in my-work/: the kit's lessons/ stay as shipped)
    python3 kit.py test    the same set-up with the test tools, then run the whole test suite

Learners: `python3 kit.py progress` shows which exercises your checks have passed, lesson by lesson;
`python3 kit.py reset 03b` starts your copy of lesson 03b afresh from the kit's (the old copy is kept in
my-work/earlier/). Stop JupyterLab with one Ctrl+C in the terminal.

Anything after the command goes to JupyterLab or pytest (`python3 kit.py test -k kurils`).
Instructors: `python3 kit.py slides` writes an offline slide deck per lesson to build/slides/;
`python3 kit.py versions` writes student and instructor versions to build/student/ and build/instructor/;
`python3 kit.py export [LESSON ...]` writes each lesson (or those named) as a web page to build/export/ (copy the
folder with vendor/);
`python3 kit.py site` writes a website of the lessons to build/site/ (open build/site/index.html, or publish it).
`python3 kit.py links [--hub https://YOUR-HUB] [--branch main]` prints the Binder badge and the nbgitpuller link for
this copy of the kit's repository (KIT_REPOSITORY_URL if set, else the GitHub address git cloned it from).
Builds refuse a lesson in lessons/ that holds edits (answers saved into it, say);
`python3 kit.py restore-lessons` moves such edits into my-work/ and restores the kit's lessons.
Contributors: `python3 kit.py store-outputs [LESSON.ipynb ...]` re-runs the lessons (all, or those named) and keeps
only the outputs that nbval checks.

Only the Python standard library is used here, so the script runs on a fresh machine with nothing but python3.
"""
import argparse
import datetime
import hashlib
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import quote


def _load_paths():
    """The kit's paths (lessons/lessonkit/paths.py), loaded by its file: importing lessonkit would need pandas, and
    this script runs before anything is installed."""
    spec = importlib.util.spec_from_file_location(
        "kit_paths", Path(__file__).resolve().parent / "lessons" / "lessonkit" / "paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


paths = _load_paths()
ROOT = paths.ROOT
VENV = ROOT / ".venv"
FIRST_LESSON = "00-start-here.ipynb"
FIRST_LESSON_IN_KIT = f"{paths.LESSONS.name}/{FIRST_LESSON}"  # where Binder and a hub open it: they work in lessons/
# The learner's own copies of the lessons: git-ignored, never overwritten. KIT_MY_WORK moves it (the tests use a
# folder of their own); it must be inside the kit's folder, where JupyterLab can open it.
MY_WORK = Path(os.environ.get("KIT_MY_WORK", ROOT / "my-work")).resolve()
# Pages the lessons link to, copied beside the learner's copies on every start (they are the kit's, not the
# learner's): the glossary, the instructor guide, the capstone's role briefs.
REFERENCE_PAGES = [paths.GLOSSARY, paths.INSTRUCTOR_GUIDE, paths.ROLE_BRIEFS]
ORIGINALS = ".kit-originals.json"  # each copy's lesson as it was when copied (its SHA-256), to tell of updates
LEARNER_REQUIREMENTS = ROOT / "requirements.txt"
# What the builds (slides, versions, export, site) need: the learner's packages and the build tools, not the tests'.
BUILD_REQUIREMENTS = ROOT / "requirements-build.txt"
TEST_REQUIREMENTS = ROOT / "requirements-dev.txt"


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
    (settings / "overrides.json").write_bytes(paths.JUPYTERLAB_OVERRIDES.read_bytes())


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
    if not MY_WORK.is_relative_to(ROOT):
        sys.exit(f"KIT_MY_WORK must be a folder inside the kit ({ROOT}), where JupyterLab can open it.")
    first = (MY_WORK / FIRST_LESSON).relative_to(ROOT).as_posix()
    # answer_yes: one Ctrl+C stops the server, instead of asking "Shut down this Jupyter server (y/[n])?" and
    # carrying on after 5 s.
    return ["-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}", f"--LabApp.default_url=/lab/tree/{first}",
            f"--ServerApp.extra_static_paths={paths.SERVED_ASSETS}", "--ServerApp.answer_yes=True", *root_flag, *extra]


def install_map_files() -> None:
    if run_in_venv(["-m", "kitbuild.vendor"]) != 0:
        sys.exit("Copying the map files failed; the message above says why. Run the command again.")


def install_kernel_help() -> None:
    """Every kernel of .venv imports lessonkit from any folder, and a NameError after a restart says what to do."""
    # -W: runpy warns that lessonkit.kernel was imported (by lessonkit itself) before it ran; harmless, and noise
    # on a learner's screen at every start.
    if run_in_venv(["-W", "ignore::RuntimeWarning", "-m", "lessonkit.kernel"], cwd=paths.LESSONS) != 0:
        sys.exit("Setting up the kernels failed; the message above says why. Run the command again.")


# The learner's copies --------------------------------------------------------------------------------------------

def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _originals() -> dict[str, str]:
    path = MY_WORK / ORIGINALS
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _save_originals(originals: dict[str, str]) -> None:
    (MY_WORK / ORIGINALS).write_text(json.dumps(originals, indent=1, sort_keys=True) + "\n", encoding="utf-8")


MY_WORK_README = """# Your work

Your own copies of the kit's lessons: JupyterLab saves your answers here. `python3 kit.py lab` made them and never
overwrites them; the kit's originals stay unchanged in lessons/, so updating the kit (git pull) never touches
this folder. To start a lesson afresh from the kit's version: `python3 kit.py reset 03b` (your old copy moves to
earlier/). The .md pages here are the kit's, refreshed on every start: edit them in lessons/ if you must.
"""


def prepare_my_work() -> list[str]:
    """Copy every lesson the learner has no copy of into MY_WORK, update copies the learner never changed to the
    kit's newer lesson, refresh the reference pages, and return notes about changed copies whose lesson the kit has
    since updated (kept as they are)."""
    MY_WORK.mkdir(parents=True, exist_ok=True)
    originals, notes = _originals(), []
    for lesson in paths.lesson_paths():
        copy = MY_WORK / lesson.name
        if not copy.exists():
            shutil.copyfile(lesson, copy)
            originals[lesson.name] = digest(lesson)
        elif originals.get(lesson.name) not in (None, digest(lesson)) and digest(copy) == originals[lesson.name]:
            shutil.copyfile(lesson, copy)  # the learner never changed this copy: nothing of theirs to keep
            originals[lesson.name] = digest(lesson)
        elif originals.get(lesson.name) not in (None, digest(lesson)):
            notes.append(f"The kit has a newer {lesson.name}; your copy in {MY_WORK.name}/ is kept as it is. To start "
                         f"it afresh from the new version: python3 kit.py reset {lesson.name.split('-')[0]}")
    _save_originals(originals)
    for source in REFERENCE_PAGES:
        target = MY_WORK / source.name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
    (MY_WORK / "README.md").write_text(MY_WORK_README, encoding="utf-8")
    return notes


def find_lesson(name: str) -> Path | None:
    """The lesson a learner names: '03b', '3b', '03b-kurils-map-and-data' or its file name."""
    wanted = name.removesuffix(".ipynb").lower()
    lessons = paths.lesson_paths()
    exact = [path for path in lessons if path.stem == wanted]
    by_number = [path for path in lessons if path.stem.split("-")[0] in (wanted, wanted.zfill(2), wanted.zfill(3))]
    found = exact or by_number
    return found[0] if len(found) == 1 else None


def _keep_aside(copy: Path, why: str) -> Path:
    """Move a learner's notebook to MY_WORK/earlier/, stamped with the time; return where it went."""
    earlier = MY_WORK / "earlier"
    earlier.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    target = earlier / f"{copy.stem}-{why}-{stamp}{copy.suffix}"
    shutil.move(str(copy), str(target))
    return target


def reset_lesson(extra: list[str]) -> int:
    if len(extra) != 1:
        print("Say which lesson to start afresh, e.g.  python3 kit.py reset 03b", file=sys.stderr)
        print("The lessons: " + ", ".join(path.stem for path in paths.lesson_paths()), file=sys.stderr)
        return 2
    lesson = find_lesson(extra[0])
    if lesson is None:
        print(f"No lesson called {extra[0]!r}. The lessons: " + ", ".join(path.stem for path in paths.lesson_paths()),
              file=sys.stderr)
        return 2
    MY_WORK.mkdir(parents=True, exist_ok=True)
    copy, kept = MY_WORK / lesson.name, None
    if copy.exists():
        kept = _keep_aside(copy, "before-reset")
    shutil.copyfile(lesson, copy)
    originals = _originals()
    originals[lesson.name] = digest(lesson)
    _save_originals(originals)
    print(f"{copy.relative_to(ROOT)} is the kit's lesson again, as new."
          + (f" Your earlier copy is kept as {kept.relative_to(ROOT)}." if kept else ""))
    print("If it is open in JupyterLab, close its tab without saving (or File → Reload Notebook from Disk).")
    return 0


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def restore_lessons(extra: list[str]) -> int:
    """Move lessons the builds refuse (edited, or not in git) into my-work/, and restore the kit's from git."""
    if shutil.which("git") is None or git("rev-parse", "--git-dir").returncode != 0:
        print("This copy of the kit is not a git repository: download the kit again to get its lessons as shipped.",
              file=sys.stderr)
        return 1
    # kitbuild.clean uses only the standard library: this python runs it, with no environment set up.
    listed = subprocess.run([sys.executable, "-m", "kitbuild.clean", "--list"], cwd=ROOT, capture_output=True,
                            text=True)
    if listed.returncode != 0:
        print(listed.stderr, file=sys.stderr, end="")
        return 1
    changed = [ROOT / line for line in listed.stdout.splitlines() if line.strip()]
    if not changed:
        print("The lessons are as the kit ships them: nothing to restore.")
        return 0
    MY_WORK.mkdir(parents=True, exist_ok=True)
    for path in changed:
        copy = MY_WORK / path.name
        if copy.exists():  # the learner has a copy already: theirs stays, the edits go beside it
            (MY_WORK / "earlier").mkdir(exist_ok=True)
            moved = MY_WORK / "earlier" / f"{path.stem}-from-lessons-{datetime.datetime.now():%Y-%m-%d-%H%M%S}.ipynb"
        else:
            moved = copy
        shutil.copyfile(path, moved)
        tracked = git("ls-files", "--error-unmatch", str(path.relative_to(ROOT))).returncode == 0
        if tracked:
            git("checkout", "HEAD", "--", str(path.relative_to(ROOT)))
        else:
            path.unlink()
        print(f"{path.relative_to(ROOT)}: {'restored' if tracked else 'removed (not part of the kit)'}; "
              f"its edits are in {moved.relative_to(ROOT)}")
    return 0


def open_lab(extra: list[str]) -> int:
    ensure_environment(LEARNER_REQUIREMENTS)
    install_map_files()
    install_kernel_help()
    for note in prepare_my_work():
        print(note, flush=True)
    print(f"Your lessons are in {MY_WORK.relative_to(ROOT)}/ (kept across updates of the kit). "
          "Stop JupyterLab with Ctrl+C here, once; save your notebooks first (Ctrl+S).", flush=True)
    return run_in_venv(lab_arguments(extra))


def run_tests(extra: list[str]) -> int:
    ensure_environment(TEST_REQUIREMENTS)
    install_map_files()
    install_kernel_help()
    return run_in_venv(["-m", "pytest", *extra])


def build(module: str, *command: str):
    """A kit.py command that runs a build tool (kitbuild.MODULE) with only what building needs installed."""
    def run(extra: list[str]) -> int:
        ensure_environment(BUILD_REQUIREMENTS)
        return run_in_venv(["-m", f"kitbuild.{module}", *command, *extra])
    return run


def show_progress(extra: list[str]) -> int:
    ensure_environment(LEARNER_REQUIREMENTS)
    return run_in_venv(["-m", "lessonkit.progress", *extra], cwd=paths.LESSONS)


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
            f"?labpath={quote(FIRST_LESSON_IN_KIT, safe='')})")


def nbgitpuller_link(hub: str, repository: str, branch: str = "main") -> str:
    """The README's nbgitpuller link: the hub's address; the repository to clone (any address git can clone); its
    branch; and the page to open, under the folder nbgitpuller clones into, named after the repository."""
    folder = repository.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    return (f"{hub.rstrip('/')}/hub/user-redirect/git-pull?repo={quote(repository, safe='')}"
            f"&branch={quote(branch, safe='')}&urlpath={quote(f'lab/tree/{folder}/{FIRST_LESSON_IN_KIT}', safe='')}")


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


COMMANDS = {"lab": open_lab, "test": run_tests, "slides": build("publish", "slides"),
            "versions": build("publish", "versions"), "export": build("export"), "site": build("site"),
            "store-outputs": build("publish", "store-outputs"),
            "progress": show_progress, "links": print_links, "reset": reset_lesson,
            "restore-lessons": restore_lessons}
# What the one line after Ctrl+C names as stopped.
STOPPED = {"lab": "JupyterLab", "reset": "Resetting the lesson", "restore-lessons": "Restoring the lessons",
           "test": "The tests", "slides": "Making the slide decks",
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
