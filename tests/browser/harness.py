"""Browser-test harness: a real JupyterLab in headless Chromium, driven by Playwright.

``LabServer`` starts a fresh JupyterLab on a free loopback port with a random token and clean,
temporary settings (nothing is written to $HOME) and kills only the process group it started.
``open_and_run`` opens a stripped copy of a notebook, runs all cells and fails on any error output.
The fixtures ``lab`` and ``page`` live in ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

__all__ = ["LabServer", "find_chromium", "chromium_args", "launch_chromium",
           "open_and_run", "open_notebook", "run_all", "click_button", "slider_set",
           "slider_step", "text_of", "expect", "NOTEBOOKS"]

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser",
                       "/usr/bin/google-chrome")
HOW_TO_ENABLE = ("browser tests not run: no Chromium found. Install it (Debian/Ubuntu: "
                 "`sudo apt-get install -y chromium`) or set CHROMIUM=/path/to/chrome, then rerun `make test`.")


def find_chromium() -> str | None:
    """The system Chromium to drive (Playwright never downloads a browser here)."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return None


def chromium_args() -> list[str]:
    """Flags that keep Chromium quiet and on loopback only."""
    return ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
            "--disable-background-networking", "--disable-component-update",
            "--disable-breakpad", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def launch_chromium(playwright, profile: Path):
    """A headless system Chromium (persistent context in ``profile``, its HOME inside it too)."""
    context = playwright.chromium.launch_persistent_context(
        user_data_dir=str(profile), executable_path=find_chromium(), headless=True, args=chromium_args(),
        viewport={"width": 1280, "height": 2200}, env=isolated_env(Path(profile) / "env"))
    context.set_default_timeout(30_000)
    return context


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_settings(settings: Path, windowing: str = "none") -> None:
    files = {
        "docmanager-extension/plugin": {"autosave": False},
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        "notebook-extension/tracker": {"windowingMode": windowing},
    }
    for plugin, content in files.items():
        target = settings / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content))


def isolated_env(tmp: Path) -> dict[str, str]:
    """Environment for child processes: every Jupyter/matplotlib/IPython dir inside ``tmp``."""
    env = dict(os.environ)
    for var, sub in (("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_CONFIG_DIR", "config"),
                     ("JUPYTER_DATA_DIR", "data"), ("MPLCONFIGDIR", "mpl"), ("IPYTHONDIR", "ipython")):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / sub)
    for var, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "home/.config"), ("XDG_CACHE_HOME", "home/.cache"),
                     ("XDG_DATA_HOME", "home/.local/share")):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / sub)      # nothing a child process writes can land in the real $HOME
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


class LabServer:
    """A JupyterLab server of our own: loopback only, random token, temp settings and root dir.
    ``env``: extra environment variables for the server and its kernels (e.g. ``{"BP_LECTURE": "1"}``);
    ``args``: extra JupyterLab options (e.g. the Korean interface's ``--LabApp.app_settings_dir=…``);
    ``windowing``: the notebook's windowing mode. Tests use "none" (every cell in the page, so that
    off-screen cells can be checked); the benchmark's Run All uses JupyterLab's default,
    "contentVisibility", as a learner has it."""

    def __init__(self, env: dict[str, str] | None = None, args: list[str] | None = None,
                 windowing: str = "none") -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="bp-lab-"))
        self.root = self.tmp / "root"
        self.root.mkdir()
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        _write_settings(self.tmp / "settings", windowing)
        self.log = open(self.tmp / "server.log", "wb")  # noqa: SIM115 (closed in stop())
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               f"--IdentityProvider.token={self.token}", "--LabApp.news_url=None",
               f"--LabApp.user_settings_dir={self.tmp / 'settings'}",
               f"--LabApp.workspaces_dir={self.tmp / 'ws'}", f"--ServerApp.root_dir={self.root}", *(args or [])]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.root,
                                        env={**isolated_env(self.tmp), **(env or {})}, start_new_session=True)
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{(self.tmp / 'server.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("JupyterLab did not start within 60 s")

    def copy_stripped(self, name: str) -> Path:
        """Copy ``notebooks/name`` into the server root with outputs stripped (prompts start as [ ])."""
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nb.metadata.pop("widgets", None)
        target = self.root / name                 # name may hold a folder, e.g. "ko/04_….ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        return target

    def copy_as_committed(self, name: str) -> Path:
        """Copy ``notebooks/name`` into the server root exactly as committed (stored outputs, not
        trusted): what a learner opens first after cloning."""
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NOTEBOOKS / name, target)
        return target

    def shutdown_kernels(self) -> None:
        """Shut every kernel of this server down (the next notebook opened starts a fresh one)."""
        with urllib.request.urlopen(f"{self.url}/api/kernels?token={self.token}", timeout=10) as reply:
            kernels = json.load(reply)
        for kernel in kernels:
            request = urllib.request.Request(f"{self.url}/api/kernels/{kernel['id']}?token={self.token}",
                                             method="DELETE")
            urllib.request.urlopen(request, timeout=30).close()

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?reset&token={self.token}"  # reset: no tabs restored

    def stop(self) -> None:
        """Terminate the server's own process group (kernels included), then remove its files."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=5)
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


# The status bar's kernel state: "Python 3 (ipykernel) | Idle", or "| 대기" with the Korean language pack.
KERNEL_IDLE = re.compile(r"\| (Idle|대기)")


def _wait_kernel_idle(page: Page, timeout: float = 60_000) -> None:
    expect(page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).first).to_be_visible(timeout=timeout)


def open_notebook(page: Page, lab: LabServer, name: str, timeout: float = 120_000) -> None:
    """Open ``name`` (already in the server root) and wait until its kernel is idle."""
    page.goto(lab.notebook_url(name))
    page.locator(".jp-Notebook").first.wait_for(timeout=timeout)
    _wait_kernel_idle(page, timeout)


RUN_ALL_MENU = {"en": ("Run", "Run All Cells"), "ko": ("실행", "모든 셀 실행")}   # JupyterLab's own labels


def open_and_run(page: Page, lab: LabServer, name: str, timeout: float = 120_000, interface: str = "en") -> float:
    """Open a stripped copy of ``notebooks/name``, Run All Cells, wait until every cell ran; returns
    the Run All time in seconds (click to last prompt numbered, kernel idle). ``interface``: the
    language of JupyterLab's menus ("en", or "ko" with the Korean language pack of make lab-ko).

    Fails if any cell shows an error output or writes to stderr.
    """
    lab.copy_stripped(name)
    open_notebook(page, lab, name, timeout)
    return run_all(page, timeout, interface)


# Notes when any prompt shows [*] (queued or running), so that a notebook opened with stored
# prompts [1]..[n] is not taken as finished before Run All has started.
_WATCH_BUSY = """() => {
  window.__bpSawBusy = false;
  window.__bpClickAt = null;
  // the last pointerup before any [*]: the Run All Cells item's, which runs the command (Lumino menus
  // act on pointer events and cancel the compatibility mouse events)
  window.addEventListener('pointerup', () => { if (!window.__bpSawBusy) window.__bpClickAt = performance.now(); },
                            {capture: true});
  const notebook = document.querySelector('.jp-Notebook');
  new MutationObserver((_, obs) => {
    if ([...notebook.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].some(p => p.textContent.includes('*'))) {
      window.__bpSawBusy = true; obs.disconnect();
    }
  }).observe(notebook, {subtree: true, childList: true, characterData: true});
}"""


# A folded (source-hidden) cell shows an unnumbered placeholder prompt beside its real one.
_PROMPTS = ".jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)"
# True once Run All has started (a [*] was seen) and every code cell's prompt is numbered, e.g. "[12]:".
_ALL_RAN = f"""() => {{
  if (!window.__bpSawBusy) return false;
  const prompts = [...document.querySelectorAll("{_PROMPTS}")];
  const done = prompts.length > 0 && prompts.every(p => /^\\[\\s*\\d+\\s*\\]:$/.test(p.textContent.trim()));
  if (done) window.__bpDoneAt = performance.now();
  return done;
}}"""


def run_all(page: Page, timeout: float = 120_000, interface: str = "en") -> float:
    """Run → Run All Cells on the open notebook; wait until every code cell has run (each prompt
    numbered, after at least one showed [*]) and the kernel is idle; fail on error or stderr outputs.
    Returns the seconds it took."""
    page.evaluate(_WATCH_BUSY)
    menu, item = RUN_ALL_MENU[interface]
    page.locator(f".lm-MenuBar-itemLabel:text-is('{menu}')").click()
    page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click()   # the page notes when its pointerup runs it
    # Polled inside the page on textContent, which (unlike innerText) never forces a layout: the
    # check itself must not slow the page it measures.
    try:
        page.wait_for_function(_ALL_RAN, polling=50, timeout=timeout)
    except PlaywrightTimeoutError:
        texts = page.locator(_PROMPTS).all_text_contents()
        raise AssertionError(f"Run All did not finish within {timeout / 1000:.0f} s; prompts: {texts}") from None
    _wait_kernel_idle(page, timeout)
    # From the menu item's pointerup (which runs the command) to the poll that found every prompt
    # numbered, both on the page's clock: Playwright's own waiting is not counted.
    clicked, done = page.evaluate("() => [window.__bpClickAt, window.__bpDoneAt]")
    if clicked is None or done is None or done < clicked:
        raise AssertionError(f"Run All's click or end was not seen in the page (click {clicked}, end {done})")
    elapsed = (done - clicked) / 1000
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    if errors.count():
        raise AssertionError("a cell failed or wrote to stderr:\n" + "\n---\n".join(errors.all_inner_texts()))
    return elapsed


def click_button(page: Page, text: str, css: str = "") -> None:
    """Click the ipywidgets button whose label is exactly ``text`` (optionally inside ``css``)."""
    scope = page.locator(css) if css else page
    scope.locator("button.widget-button", has_text=text).filter(has_text=text).first.click()


def slider_set(page: Page, css: str, value: float | str) -> None:
    """Type ``value`` into the readout of the ipywidgets slider matched by ``css`` and press Enter."""
    readout = page.locator(f"{css} .widget-readout").first
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(value))
    page.keyboard.press("Enter")


def slider_step(page: Page, css: str, n: int = 1, key: str = "ArrowRight") -> None:
    """Focus the slider handle matched by ``css`` and press an arrow key ``n`` times (one step each)."""
    handle = page.locator(f"{css} .noUi-handle[role=slider]").first
    handle.focus()
    for _ in range(n):
        handle.press(key)


def text_of(page: Page, css: str) -> str:
    """The visible text of the first element matching ``css``."""
    return page.locator(css).first.inner_text()
