"""A learner's progress (lessonkit.progress): a passed check is noted on the learner's machine, survives a kernel
restart, and never stands in a check's way."""
import os
import subprocess
import sys

from lessonkit.checks.start import EXERCISES
from tests.conftest import LESSONS

NAME = "japan-russia-events"


def run_python(code: str, progress_file) -> str:
    """Run `code` in a fresh Python, as a new kernel would, from lessons/, with its own progress file."""
    environment = {**os.environ, "KIT_PROGRESS_FILE": str(progress_file)}
    done = subprocess.run([sys.executable, "-c", code], cwd=LESSONS, env=environment, capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stdout


def answer_and_check(answer: object, progress_file) -> str:
    variable = EXERCISES[NAME].variable
    return run_python(f"from lessonkit.checks.start import check\n{variable} = {answer!r}\nprint(check({NAME!r}))",
                      progress_file)


def test_a_passed_exercise_is_reported_after_a_restart(tmp_path):
    progress_file = tmp_path / "progress.jsonl"
    assert answer_and_check(EXERCISES[NAME].right()[0], progress_file).startswith("Correct")
    report = run_python("from lessonkit.progress import report; print(report())", progress_file)
    assert f"00-start-here.ipynb: 1 of {len(EXERCISES)} passed: {NAME} (correct); to do:" in report
    assert "01-cold-war-on-russias-borders.ipynb: 0 of " in report


def test_a_wrong_answer_is_not_noted(tmp_path):
    progress_file = tmp_path / "progress.jsonl"
    wrong, _ = EXERCISES[NAME].wrong()[0]
    assert answer_and_check(wrong, progress_file).startswith("Not yet")
    assert not progress_file.exists()


def test_a_check_still_answers_when_progress_cannot_be_written(tmp_path):
    unwritable = tmp_path / "a-file" / "progress.jsonl"
    (tmp_path / "a-file").write_text("a file where a folder should be")
    assert answer_and_check(EXERCISES[NAME].right()[0], unwritable).startswith("Correct")


def test_a_broken_line_in_the_file_is_skipped(tmp_path, monkeypatch):
    from lessonkit import progress
    progress_file = tmp_path / "progress.jsonl"
    progress_file.write_text('{"checks": "start", "exercise": "military-2016", "label": "Form checked"}\n{"chec\n'
                             '{"checks": "start", "exercise": "military-2016", "label": "Correct"}\n')
    monkeypatch.setenv("KIT_PROGRESS_FILE", str(progress_file))
    assert progress.passed() == {("start", "military-2016"): "Correct"}
