"""Errors in a learner's own cell, said in a few lines with what to do, instead of a long traceback.

Two errors beginners meet most in the lessons get their own message when they come from a cell's own code:

- NameError (a name from a cell above is not defined): usually the kernel was restarted, or the notebook just
  opened, and the cells above have not run. The message says "Run → Run All Above Selected Cell".
- KeyError (a misspelled id or column): pandas would show about 40 lines of its own code; the message names the key,
  the line, and the closest ids and columns in the kit's tables.

Any other error, and these two when they come from inside a helper's own code, keep IPython's usual traceback.

`install()` registers the handler with IPython. Importing lessonkit calls it (so it works once a lesson's first cell
has run); the kit's kernels also call it as they start (`python -m lessonkit.kernel` writes that start-up line into
the environment's IPython configuration, as `kit.py lab` and Binder's postBuild do), so a check cell run after a
kernel restart, before the first cell, gets the message too.
"""
import difflib
import linecache
import sys
from pathlib import Path

from .paths import LESSONS as LESSONS_DIR

RUN_ABOVE = "Run → Run All Above Selected Cell"
RESTART_HELP = (f"If you restarted the kernel or just opened this notebook, run the cells above first ({RUN_ABOVE}), "
                "then this cell again. Otherwise check the name's spelling.")


def _cell_frames(tb, user_ns: dict) -> list:
    """The traceback entries that run a cell's own top-level code (their globals are the notebook's)."""
    frames = []
    while tb is not None:
        if tb.tb_frame.f_globals is user_ns and tb.tb_frame.f_code.co_name == "<module>":
            frames.append(tb)
        tb = tb.tb_next
    return frames


def _last_frame(tb):
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb


def _in_a_library(tb) -> bool:
    """True when the frame runs installed code (pandas, numpy, the standard library), not the kit's helpers."""
    filename = tb.tb_frame.f_code.co_filename
    return "site-packages" in filename or "dist-packages" in filename or filename.startswith(sys.base_prefix)


def _line_of(tb) -> str:
    code = linecache.getline(tb.tb_frame.f_code.co_filename, tb.tb_lineno).strip()
    return f"Line {tb.tb_lineno} of this cell: {code}" if code else f"Line {tb.tb_lineno} of this cell."


def known_names() -> list[str]:
    """The ids and column names of the kit's tables, for "did you mean"."""
    from .data import load_table, read_package
    names = set()
    for resource in read_package()["resources"]:
        if resource.get("profile") == "tabular-data-resource" or str(resource.get("path", "")).endswith(".csv"):
            try:
                table = load_table(resource["name"])
            except Exception:  # a damaged file: its own error says so when a lesson loads it
                continue
            names.update(map(str, table.columns))
            if "id" in table:
                names.update(map(str, table["id"]))
    return sorted(names)


def key_error_lines(key: object) -> list[str]:
    """What to say about a key a table (or dictionary) does not have."""
    advice = (f"{key!r} is not an id, column or key there: check its spelling. The kit's ids are lower case with "
              "hyphens, copied exactly as the table shows them.")
    if isinstance(key, str):
        try:
            close = difflib.get_close_matches(key.strip().lower(), known_names(), n=3, cutoff=0.75)
        except Exception:
            close = []
        if close:
            advice += " Did you mean " + " or ".join(repr(name) for name in close) + "?"
    return [advice]


def short_error(etype, value, tb, user_ns: dict) -> list[str] | None:
    """The few lines to show for an error in a cell's own code, or None to show IPython's usual traceback."""
    if etype not in (NameError, KeyError):
        return None
    cells = _cell_frames(tb, user_ns)
    if not cells:
        return None
    last = _last_frame(tb)
    if etype is NameError:
        if last is not cells[-1]:
            return None  # raised inside a function: a bug there, whose traceback a teacher needs
        return [f"NameError: {value}", _line_of(cells[-1]), RESTART_HELP]
    after = []
    entry = cells[-1].tb_next
    while entry is not None:
        after.append(entry)
        entry = entry.tb_next
    if not all(_in_a_library(entry) for entry in after):
        return None  # raised in the kit's helpers or the learner's own function: keep the traceback
    key = value.args[0] if value.args else None
    return [f"KeyError: {key!r}", _line_of(cells[-1]), *key_error_lines(key)]


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython calls this for a NameError or KeyError; what it returns is not shown, so it shows the lines itself."""
    lines = short_error(etype, value, tb, shell.user_ns)
    if lines is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
    red, plain = "\x1b[0;31m", "\x1b[0m"
    shell._showtraceback(etype, value, [f"{red}{lines[0]}{plain}", *lines[1:]])
    return None


def install(shell=None) -> bool:
    """Show NameError and KeyError from a cell's own code in a few lines; True if installed (in IPython)."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    if getattr(shell, "CustomTB", None) is not None and shell.custom_exceptions == (NameError, KeyError):
        return True
    if shell.custom_exceptions:  # someone else's handler: leave it
        return False
    shell.set_custom_exc((NameError, KeyError), _handler)
    return True


# The kernel's start-up line, in the environment's IPython configuration --------------------------------------

CONFIG_NAME = "ipython_kernel_config.py"
CONFIG_MARK = "# Written by lessonkit.kernel"


def config_text(lessons_dir: Path = LESSONS_DIR) -> str:
    return (f"{CONFIG_MARK} (python3 kit.py lab, Binder's postBuild): every kernel of this environment can import\n"
            "# the kit's helpers, wherever its notebook is, and says what to do when a name is undefined after a\n"
            "# kernel restart. Delete this file to turn both off.\n"
            "import sys\n"
            f"if {str(lessons_dir)!r} not in sys.path:\n"
            f"    sys.path.append({str(lessons_dir)!r})\n"
            "c.InteractiveShellApp.exec_lines = [\n"
            "    \"try:\\n    __import__('lessonkit.kernel').kernel.install()\\nexcept Exception:\\n    pass\",\n"
            "]\n")


def write_config(prefix: Path = Path(sys.prefix)) -> Path | None:
    """Write the start-up configuration into `prefix`/etc/ipython/ (sys.prefix: the kit's environment), unless a
    configuration someone else wrote is there; return its path, or None if left alone."""
    path = Path(prefix) / "etc" / "ipython" / CONFIG_NAME
    if path.exists() and not path.read_text(encoding="utf-8").startswith(CONFIG_MARK):
        print(f"{path} exists and was not written by the kit: left as it is.", file=sys.stderr)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    text = config_text()
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    write_config()
