"""A learner's progress: which exercises their checks have passed, kept on their own machine.

    python3 kit.py progress      (or, from lessons/: python -m lessonkit.progress)

prints each lesson's exercises and which have passed. A check that says "Correct" or "Form checked" adds a line to
a small file in the learner's home folder (`~/.asia-pacific-security-kit/progress.jsonl`; the environment variable
KIT_PROGRESS_FILE names another). Nothing leaves the machine. On a JupyterHub each user has their own home, so their
own file; on Binder the home lasts only as long as the session, and so does the progress. A check never fails
because the file cannot be written.
"""
import json
import os
import re
import sys
import time
from pathlib import Path

from .paths import lesson_paths

DEFAULT_FILE = Path.home() / ".asia-pacific-security-kit" / "progress.jsonl"
CHECKS_IMPORT = re.compile(r"from lessonkit\.checks\.(\w+) import")
CHECK_CALL = re.compile(r"""check\(\s*["']([\w-]+)["']\s*\)""")


def progress_file() -> Path:
    return Path(os.environ.get("KIT_PROGRESS_FILE") or DEFAULT_FILE)


def record(checks_module: str, exercise: str, label: str) -> None:
    """Note that `exercise` of a checks module (its short name, e.g. "start") passed, as `label` says."""
    line = json.dumps({"checks": checks_module, "exercise": exercise, "label": label,
                       "time": time.strftime("%Y-%m-%dT%H:%M:%S")})
    try:
        path = progress_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(line + "\n")
    except OSError:  # a read-only home, a full disk: progress is a convenience, the check's answer is what matters
        pass


def passed() -> dict[tuple[str, str], str]:
    """(checks module, exercise) -> the best label it reached: "Correct" or "Form checked"."""
    best: dict[tuple[str, str], str] = {}
    try:
        lines = progress_file().read_text(encoding="utf-8").splitlines()
    except OSError:
        return best
    for line in lines:
        try:
            entry = json.loads(line)
            key = (entry["checks"], entry["exercise"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a full disk, say: skip it, keep the rest
        if best.get(key) != "Correct":
            best[key] = entry.get("label", "Correct")
    return best


def lesson_exercises() -> list[tuple[str, str, list[str]]]:
    """Each lesson's file name, its checks module and its exercises in the order its check cells call them."""
    lessons = []
    for path in lesson_paths():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        module = CHECKS_IMPORT.search(text)
        names = list(dict.fromkeys(CHECK_CALL.findall(text)))
        if module and names:
            lessons.append((path.name, module.group(1), names))
    return lessons


def report() -> str:
    """One line per lesson: how many exercises have passed, and which."""
    done = passed()
    lines = []
    for lesson, module, names in lesson_exercises():
        marks = [f"{name} ({'form checked' if done[(module, name)] == 'Form checked' else 'correct'})"
                 for name in names if (module, name) in done]
        todo = [name for name in names if (module, name) not in done]
        lines.append(f"{lesson}: {len(marks)} of {len(names)} passed"
                     + (f": {', '.join(marks)}" if marks else "")
                     + (f"; to do: {', '.join(todo)}" if todo else ""))
    lines.append(f"(Kept in {progress_file()}, on this machine only. Delete the file to start the count afresh.)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
    sys.exit(0)
