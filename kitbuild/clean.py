"""Builds read the kit's lessons as shipped: a lesson in lessons/ whose cells differ from git's committed version
(a learner's answers saved into it, a Run All that was followed by edits) stops the build, named, with the one
command that fixes it. Outputs and cell metadata don't count: the builds drop or re-make them.

    python -m kitbuild.clean --list     the lessons a build would refuse, one path a line (for kit.py restore-lessons)

Standard library only, so kit.py runs it with its own python3 (from the kit's folder) before any set-up.

Without git (the kit downloaded as a zip) nothing can be compared, and the builds use lessons/ as it is.
"""
import json
import subprocess
import sys
from pathlib import Path

from .paths import ROOT, lesson_paths

FIX = "python3 kit.py restore-lessons"


class EditedLessons(Exception):
    """Lessons that differ from the kit's committed version; the message names them and what to do."""

    def __init__(self, paths: list[Path], command: str):
        self.paths = paths
        names = "\n".join(f"  {path.relative_to(ROOT)}" for path in paths)
        super().__init__(
            f"Not building {command}: these lessons differ from the kit's version in git (answers or edits saved "
            f"into them, or a file that is not part of the kit):\n{names}\n"
            f"Run  {FIX}  to move them into my-work/ and restore the kit's lessons, then build again.\n"
            f"(A contributor who changed a lesson on purpose: commit it, or add --edited to build from the files "
            f"as they are.)")


def _git(*args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True)
    except OSError:  # no git installed
        return None


def in_git() -> bool:
    result = _git("rev-parse", "--verify", "-q", "HEAD")
    return result is not None and result.returncode == 0 and (ROOT / ".git").exists()


def cells(text: str) -> list[tuple]:
    """What a build takes from a lesson (its JSON text): each cell's kind, source and tags. Read as JSON, not
    validated: quick, and a file that is not a notebook any more counts as changed."""
    def source(cell: dict) -> str:
        return "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")
    return [(cell.get("cell_type"), source(cell), tuple(sorted(cell.get("metadata", {}).get("tags", []))))
            for cell in json.loads(text).get("cells", [])]


def committed(path: Path) -> str | None:
    """The lesson's text as git's HEAD has it, or None if it is not in HEAD."""
    result = _git("show", f"HEAD:{path.relative_to(ROOT).as_posix()}")
    if result is None or result.returncode != 0:
        return None
    return result.stdout.decode("utf-8")


def edited_lessons(paths: list[Path] | None = None) -> list[Path]:
    """The lessons whose cells differ from HEAD's, or that HEAD does not have; none without git."""
    if not in_git():
        return []
    if paths is None:
        paths = lesson_paths()
    edited = []
    for path in paths:
        original = committed(path)
        try:
            if original is not None and cells(original) == cells(path.read_text(encoding="utf-8")):
                continue
        except (ValueError, AttributeError):  # not a notebook any more
            pass
        edited.append(path)
    return edited


def require_clean(command: str, args: list[str]) -> list[str]:
    """Raise EditedLessons unless the lessons are as committed or `--edited` is among `args`; return the other
    args."""
    if "--edited" in args:
        return [arg for arg in args if arg != "--edited"]
    edited = edited_lessons()
    if edited:
        raise EditedLessons(edited, command)
    return args


if __name__ == "__main__":
    if sys.argv[1:] == ["--list"]:
        for path in edited_lessons():
            print(path.relative_to(ROOT).as_posix())
    else:
        print(__doc__)
