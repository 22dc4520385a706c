"""Every lesson as learners see it in JupyterLab started as `kit.py lab` starts it, with no internet: every map shows
its markers, lines and layers, and every chart its points, as the lesson's manifest (at the end of its checks module)
computes them from the data; nothing is fetched from outside and nothing is logged as an error. Lessons 00 and 05 run
in the server's kernel (Run All Cells); the others open as this test run executed them once (nbval's run), so no
other lesson runs twice to show the same outputs. Then a glossary link, and a learner's work against the instructor's
builds. (The exported pages, decks and website pages: tests/test_pages.py.)

One JupyterLab server and one browser for the module; the lessons open one after another in one Lab page (each
closed, and its kernel stopped, before the next), as a learner moves through the path. Screenshots of each lesson's
richest map or chart, for a person to look at: build/test-run/screenshots/lab-<lesson>.png.
"""
import copy
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import kit
from lessonkit import kernel
from lessonkit.charts import PLOTLY_MIMETYPE
from lessonkit.paths import BUILD, lesson_paths
from tests.browser import (
    CHARTS,
    EXPECTED,
    MAP_IFRAMES,
    SHOTS,
    assert_quiet,
    is_loopback,
    richest_output,
    shown,
    watch,
)
from tests.conftest import ROOT
from tests.lessons import executed_lesson

pytestmark = pytest.mark.browser
LESSONS = {path.stem: path for path in lesson_paths()}


# JupyterLab ----------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lab:
    """A JupyterLab server started as `python3 kit.py lab` starts it (kit.lab_arguments), on loopback with a token.

    Its user settings and workspaces live in a temporary folder (JupyterLab's environment variables) and its
    notebook signatures in memory, so the test neither reads nor changes the developer's own; there autosave is off,
    so running a lesson never writes its outputs into lessons/ (checked when the server stops)."""

    def __init__(self, home):
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        settings = home / "settings" / "@jupyterlab" / "docmanager-extension"
        settings.mkdir(parents=True)
        (settings / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
        # The kernels' start-up line, as kit.py lab writes it into the environment (lessonkit.kernel), here in a
        # profile of the test's own, so the shared environment is left as it is.
        profile = home / "ipython" / "profile_default"
        profile.mkdir(parents=True)
        (profile / kernel.CONFIG_NAME).write_text(kernel.config_text(), encoding="utf-8")
        env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "IPYTHONDIR": str(home / "ipython")}
        self.log = home / "jupyterlab.log"
        command = [str(kit.venv_python()), *kit.lab_arguments(
            ["--no-browser", f"--port={self.port}", "--ServerApp.port_retries=0", f"--ServerApp.token={self.token}",
             "--ServerApp.ip=127.0.0.1",
             # the signatures of the notebooks it trusts (save_trusted) in memory, not in the developer's own
             # Jupyter data folder
             "--NotebookNotary.db_file=:memory:",
             "--LabApp.expose_app_in_browser=True"])]  # for lab_page's commands
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=kit.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.wait_until_up()

    def api(self, path: str, method: str = "GET", body: dict | None = None) -> bytes:
        headers = {"Authorization": f"token {self.token}", "Content-Type": "application/json"}
        request = urllib.request.Request(f"{self.url}{path}", method=method, headers=headers,
                                         data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def wait_until_up(self, timeout_s: float = 90) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.api("/api/status")
                return
            except OSError:
                time.sleep(0.25)
        pytest.fail(f"JupyterLab did not answer in {timeout_s} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def save_trusted(self, path: str, notebook: nbformat.NotebookNode) -> None:
        """Save `notebook` at `path` (under the kit's top folder) through the server, its outputs trusted as JupyterLab
        trusts the outputs of a notebook a learner ran and saved: the server signs it, so its maps and charts draw
        when it opens."""
        notebook = copy.deepcopy(notebook)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.metadata["trusted"] = True
        self.api(f"/api/contents/{path}", "PUT", {"type": "notebook", "format": "json", "content": notebook})

    def stop_kernels(self) -> None:
        for session in json.loads(self.api("/api/sessions")):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def stop(self) -> None:
        try:
            self.stop_kernels()
            self.api("/api/shutdown", method="POST")
            self.process.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def lesson_digests() -> dict[str, str]:
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in LESSONS.items()}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    kit.install_map_files()  # as kit.py lab does before starting JupyterLab: Leaflet and jQuery at /static/kit/
    before = lesson_digests()
    server = Lab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        yield server
    finally:
        server.stop()
    assert lesson_digests() == before, "running the lessons in JupyterLab changed a lesson file"


KERNEL_IDLE_JS = "() => (document.querySelector('#jp-main-statusbar') || {}).textContent?.includes('| Idle')"
# Done when every code cell's prompt counts up from [1] to the number of code cells in the lesson, in order (the
# prompts stored in the file do not), with the kernel idle; stopped when a cell shows an error.
RUN_ALL_DONE_JS = """(codeCells) => {
    const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
    if (notebook.querySelector('[data-mime-type="application/vnd.jupyter.error"], .jp-OutputArea-output.jp-mod-error'))
        return 'error';
    const prompts = [...notebook.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent.trim());
    const counted = prompts.length === codeCells && prompts.every((prompt, i) => prompt === `[${i + 1}]:`);
    return counted && document.querySelector('#jp-main-statusbar').textContent.includes('| Idle') ? 'done' : false;
}"""


def run_all_cells(page, code_cells: int) -> None:
    """Run → Run All Cells, as a learner does, and wait for the kernel to finish."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator('li[data-command="runmenu:run-all"]').click()
    state = page.wait_for_function(RUN_ALL_DONE_JS, arg=code_cells, timeout=180_000).json_value()
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    assert state == "done", "a cell failed:\n" + "\n".join(text[-600:] for text in errors)


# Run in JupyterLab's kernel (Run All Cells): 00, as tests/test_binder.py runs it on Binder, and 05, whose chart then
# comes from a live kernel's display of a plotly figure (lessonkit.charts), as every learner's charts do.
KERNEL_LESSONS = {"00-start-here", "05-philippines-turn"}
RUNS = BUILD / "lab-runs"  # the other lessons as this test run executed them, opened in JupyterLab
OUTPUTS_SHOWN_JS = f"""([maps, charts]) => document.querySelectorAll('{MAP_IFRAMES}').length === maps
    && document.querySelectorAll('{CHARTS}').length === charts"""


# JupyterLab's own command for opening a file, as a double click in the file browser runs it, and for closing every
# tab; a lesson run in the kernel is marked unchanged first, so closing it asks nothing (it is not saved). The server
# exposes the application as window.jupyterapp for this (Lab's --LabApp.expose_app_in_browser).
OPEN_JS = "async path => { await window.jupyterapp.commands.execute('docmanager:open', {path}); }"
CLOSE_ALL_JS = """async () => {
    for (const widget of window.jupyterapp.shell.widgets('main'))
        if (widget.context) widget.context.model.dirty = false;
    await window.jupyterapp.commands.execute('application:close-all');
}"""


@pytest.fixture(scope="module")
def lab_page(lab, browser):
    """One JupyterLab page, in a fresh workspace, in which the lessons open one after another; with what it asks
    for and logs watched (tests.browser.watch)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        seen = watch(page, allow=is_loopback)
        page.goto(f"{lab.url}/lab/workspaces/lessons-{secrets.token_hex(4)}?reset&token={lab.token}")
        page.wait_for_function("() => window.jupyterapp")
        # then until the workspace is restored (a flag: wait_for_function takes a returned promise for true)
        page.evaluate("() => { window.jupyterapp.restored.then(() => { window.kitLabRestored = true; }); }")
        page.wait_for_function("() => window.kitLabRestored === true")
        yield page, seen
    finally:
        context.close()


def open_in_lab(page, path: str) -> None:
    """Open the notebook at `path` (under the kit's top folder) in the Lab page."""
    page.evaluate(OPEN_JS, path)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").first.wait_for()


def close_every_tab(page, timeout_ms: int = 60_000) -> None:
    """Close what a lesson left open (any dialog, then every tab) and wait until no notebook is on the page, so its
    kernel can be stopped with no notebook watching it (which would log an error)."""
    for _ in range(5):  # a dialog can open another as it closes
        dialog = page.locator(".jp-Dialog")
        if not dialog.count():
            break
        buttons = dialog.first.locator(".jp-mod-reject")  # "Cancel"; an error dialog has only "Dismiss"
        (buttons if buttons.count() else dialog.first.locator(".jp-Dialog-button")).first.click()
    page.evaluate(CLOSE_ALL_JS)
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel')", timeout=timeout_ms)


def open_executed(page, lab, lesson: str) -> None:
    """Open the lesson as this test run executed it (tests.lessons.executed_lesson: nbval's run), saved through the
    server with its outputs trusted, and wait until its maps and charts are on the page. Run All would execute the
    lesson once more, to the same outputs."""
    executed = executed_lesson(LESSONS[lesson])
    RUNS.mkdir(parents=True, exist_ok=True)
    path = (RUNS / LESSONS[lesson].name).relative_to(ROOT).as_posix()
    lab.save_trusted(path, executed)
    outputs = [output for cell in executed.cells for output in cell.get("outputs", [])]
    maps = sum("leaflet" in output.get("data", {}).get("text/html", "") for output in outputs)
    charts = sum(PLOTLY_MIMETYPE in output.get("data", {}) for output in outputs)
    open_in_lab(page, path)
    page.wait_for_function(OUTPUTS_SHOWN_JS, arg=[maps, charts])


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_each_lesson_runs_in_jupyterlab_and_draws_with_no_internet(lab, lab_page, lesson):
    """Open the lesson and count what its maps and charts show, with every request that would leave the machine
    refused. KERNEL_LESSONS run in JupyterLab's kernel (Run All Cells, as a learner does); the others open as this
    test run executed them."""
    page, seen = lab_page
    page.evaluate("0")  # take in what the page logged before this test, so it is not counted as this lesson's
    mark = seen.mark()
    try:
        if lesson in KERNEL_LESSONS:
            open_in_lab(page, f"lessons/{LESSONS[lesson].name}")
            page.wait_for_function(KERNEL_IDLE_JS)  # Run All before the kernel is up asks which kernel to start
            code_cells = sum(cell.cell_type == "code" for cell in nbformat.read(LESSONS[lesson], as_version=4).cells)
            run_all_cells(page, code_cells)
        else:
            open_executed(page, lab, lesson)
        assert shown(page) == EXPECTED[lesson]
        richest = richest_output(page, lesson)
        if richest:
            richest.scroll_into_view_if_needed()
            page.wait_for_timeout(300)  # let the scrolled-to output settle before the screenshot
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"lab-{lesson}.png"))
        close_every_tab(page)  # what closing the lesson logs is the lesson's too
        assert_quiet(seen.since(mark), f"JupyterLab with {lesson}")
    finally:
        try:
            close_every_tab(page, timeout_ms=10_000)  # the next lesson starts from an empty Lab, even after a failure
        finally:
            lab.stop_kernels()


# The entry's heading (JupyterLab ids headings by their text: "Nine-dash line" is "Nine-dash-line") shown in the
# Markdown preview's visible area.
GLOSSARY_ENTRY_IN_VIEW_JS = """(slug) => {
    const viewer = document.querySelector('.jp-MarkdownViewer:not(.lm-mod-hidden)');
    if (!viewer) return false;
    const heading = [...viewer.querySelectorAll('h3')]
        .find(h => (h.getAttribute('data-jupyter-id') || '').toLowerCase().startsWith(slug));
    if (!heading) return false;
    const box = heading.getBoundingClientRect(), view = viewer.getBoundingClientRect();
    return box.top >= view.top - 2 && box.bottom <= view.bottom;
}"""


def test_a_glossary_link_in_a_lesson_opens_the_entry_rendered(lab, browser):
    """JupyterLab opens the glossary in its Markdown preview (the kit's settings make it the viewer for .md) and
    scrolls to the entry, as a learner clicking a linked term expects."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        lesson = LESSONS["05-philippines-turn"].name  # its first glossary link is near the top
        page.goto(f"{lab.url}/lab/workspaces/glossary-{secrets.token_hex(4)}/tree/lessons/{lesson}"
                  f"?reset&token={lab.token}")
        link = page.locator('.jp-RenderedMarkdown a[href*="/lessons/glossary.md"][href*="#"]').first  # resolved
        link.wait_for()
        slug = link.get_attribute("href").split("#", 1)[1]
        link.click()
        page.wait_for_function(GLOSSARY_ENTRY_IN_VIEW_JS, arg=slug, timeout=30_000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "lab-glossary.png"))
    finally:
        context.close()


# A learner's work, then the instructor's builds (issue 18) --------------------------------------------------------

def _cell(page, index: int):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell").nth(index)


def _type_into(page, index: int, text: str) -> None:
    """Replace the text of cell `index` as a learner does: click into it, select all, type (inserted as a whole,
    so the editor's automatic brackets add nothing)."""
    editor = _cell(page, index).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def _output_of(page, index: int) -> str:
    """The text of the cell's output (textContent: a cell out of view may not be laid out)."""
    return _cell(page, index).locator(".jp-OutputArea").text_content()


def test_a_learners_answers_stay_theirs_and_the_builds_ship_none_of_them(lab, browser, monkeypatch, request):
    """Work lesson 00's first exercise in JupyterLab, in the learner's copy (`kit.py lab` opens my-work/), save,
    restart the kernel and run the check: it says what to do. Then build as the instructor: the hand-out has no
    answers, the builds succeed, the learner's answer is still there, and `kit.py reset 00` starts it afresh."""
    from kitbuild.clean import edited_lessons
    work = ROOT / "build" / f"lab-my-work-{secrets.token_hex(4)}"  # git-ignored, like my-work/
    monkeypatch.setattr(kit, "MY_WORK", work)
    request.addfinalizer(lambda: shutil.rmtree(work, ignore_errors=True))
    kit.prepare_my_work()
    lesson = "00-start-here.ipynb"
    cells = nbformat.read(work / lesson, as_version=4).cells
    tagged = {tag: [i for i, cell in enumerate(cells) if tag in cell.metadata.get("tags", [])]
              for tag in ("answer", "check", "solution")}
    first_answer, first_check = tagged["answer"][0], tagged["check"][0]
    solution = re.search(r"```python\n(.*?)```", cells[tagged["solution"][0]].source, re.S)[1].strip()
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{lab.url}/lab/workspaces/learner-{secrets.token_hex(4)}/tree/{work.relative_to(ROOT)}/{lesson}"
                  f"?reset&token={lab.token}")
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
        page.wait_for_function(KERNEL_IDLE_JS)
        _type_into(page, first_answer, solution)
        run_all_cells(page, sum(cell.cell_type == "code" for cell in cells))
        assert "Correct" in _output_of(page, first_check)
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")  # JupyterLab saves the learner's copy
        deadline = time.monotonic() + 30
        while solution.splitlines()[-1] not in (work / lesson).read_text() and time.monotonic() < deadline:
            time.sleep(0.25)
        assert solution.splitlines()[-1] in (work / lesson).read_text(), "JupyterLab did not save the answer"

        page.get_by_role("menuitem", name="Kernel", exact=True).click()  # after a restart, `check` is undefined
        page.locator('li[data-command="kernelmenu:restart"]').click()
        accept = page.locator(".jp-Dialog .jp-mod-accept")
        try:  # JupyterLab asks "Restart Kernel?" unless told not to
            accept.wait_for(timeout=5_000)
            accept.click()
        except PlaywrightTimeout:
            pass
        page.wait_for_timeout(1_000)
        page.wait_for_function(KERNEL_IDLE_JS)
        _cell(page, first_check).locator(".jp-InputArea-prompt").click()
        page.keyboard.press("Shift+Enter")
        page.wait_for_function("(i) => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
                               ".jp-Notebook .jp-Cell')[i].textContent.includes('Run All Above')", arg=first_check)
        assert "NameError: name 'check' is not defined" in _output_of(page, first_check)
        assert "Traceback" not in _output_of(page, first_check)
    finally:
        context.close()
        lab.stop_kernels()

    assert edited_lessons() == [], "the learner's work reached lessons/"
    versions = subprocess.run([str(kit.venv_python()), "-m", "kitbuild.publish", "versions"],
                              cwd=ROOT, capture_output=True, text=True)
    assert versions.returncode == 0, versions.stderr
    handout = nbformat.read(BUILD / "student" / "lessons" / lesson, as_version=4)
    assert handout.cells[first_answer].source == nbformat.read(LESSONS[lesson[:-6]], as_version=4) \
        .cells[first_answer].source, "the hand-out carries an answer"
    built_site = request.getfixturevalue("built_site")  # the site as `kit.py site` builds it, from the same runs
    assert request.getfixturevalue("slide_decks")["00-start-here"].exists() and (built_site / "index.html").exists()
    assert solution.splitlines()[-1] in (work / lesson).read_text(), "the builds touched the learner's answer"

    reset = subprocess.run([sys.executable, str(ROOT / "kit.py"), "reset", "00"], capture_output=True, text=True,
                           env={**os.environ, "KIT_MY_WORK": str(work)})
    assert reset.returncode == 0, reset.stderr
    assert nbformat.read(work / lesson, as_version=4).cells[first_answer].source == cells[first_answer].source
    kept = list((work / "earlier").glob("00-start-here-before-reset-*.ipynb"))
    assert len(kept) == 1 and solution.splitlines()[-1] in kept[0].read_text()
