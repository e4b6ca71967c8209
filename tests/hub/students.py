"""Students of the class hub, each in a headless Chromium of their own driven from a thread of their own.

Playwright's sync objects belong to the thread that made them, so every ``Student`` owns a one-thread
executor: ``student.run(fn)`` calls ``fn(student)`` there, and ``all_at_once(students, fn)`` does it for
every student at the same time and re-raises the first failure. ``StudentLab`` lets the browser
harness's ``open_and_run`` open a notebook of the student's pulled copy on the hub.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import nbformat

from tests.browser.harness import expect, launch_chromium
from tests.hub.hubserver import ClassHub


class StudentLab:
    """What ``open_and_run`` needs of a server: a stripped copy of a notebook and its URL."""

    def __init__(self, hub: ClassHub, name: str, folder: str) -> None:
        self.hub, self.name, self.folder = hub, name, folder

    def path(self, notebook: str) -> Path:
        return self.hub.home(self.name) / self.folder / "notebooks" / notebook

    def copy_stripped(self, notebook: str) -> Path:
        """Clear the outputs of the student's own copy (so prompts start as [ ]), as Edit → Clear would."""
        target = self.path(notebook)
        nb = nbformat.read(target, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, target)
        return target

    def notebook_url(self, notebook: str) -> str:
        return f"{self.hub.url}/user/{self.name}/lab/tree/{self.folder}/notebooks/{notebook}?reset"


class Student:
    """One student: a login, a browser, a thread."""

    def __init__(self, hub: ClassHub, name: str, folder: str) -> None:
        self.hub, self.name = hub, name
        self.lab = StudentLab(hub, name, folder)
        self.profile = Path(tempfile.mkdtemp(prefix=f"bp-{name}-"))
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pw: Any = None
        self.context: Any = None
        self.page: Any = None
        self.run(Student._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.context = launch_chromium(self._pw, self.profile)
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()

    def run(self, fn: Callable[[Student], Any]) -> Future:
        return self._executor.submit(fn, self)

    def sign_up(self, password: str | None = None, confirmation: str | None = None) -> str:
        """Fill in the hub's sign-up page (NativeAuthenticator) as a student does; the message it shows."""
        password = self.hub.passwords[self.name] if password is None else password
        page = self.page
        page.goto(f"{self.hub.url}/hub/login")
        page.get_by_role("link", name="Sign up").click()        # the login page's own link to the form
        page.wait_for_url("**/hub/signup")
        page.locator("#username_input").fill(self.name)
        page.locator("#password_input").fill(password)
        page.locator("#password_confirmation_input").fill(password if confirmation is None else confirmation)
        page.locator("#signup_submit").click()
        page.wait_for_load_state()
        return page.locator(".alert").first.inner_text()

    def log_in(self, password: str | None = None) -> None:
        page = self.page
        page.goto(f"{self.hub.url}/hub/login")
        page.locator("#username_input").fill(self.name)
        page.locator("#password_input").fill(self.hub.passwords[self.name] if password is None else password)
        page.locator("#login_submit").click()
        page.wait_for_load_state()

    def open_link(self, link: str, notebook: str, timeout: float = 180_000) -> None:
        """Open an nbgitpuller link and wait until JupyterLab shows ``notebook`` from the pulled copy."""
        self.page.goto(link)
        self.page.wait_for_url(f"**/user/{self.name}/lab/tree/{self.lab.folder}/notebooks/{notebook}*",
                               timeout=timeout)
        tab = self.page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel", has_text=notebook)
        expect(tab.first).to_be_visible(timeout=timeout)

    def close(self) -> None:
        def _close(me: Student) -> None:
            if me.context is not None:
                me.context.close()
            if me._pw is not None:
                me._pw.stop()

        try:
            self.run(_close).result(timeout=60)
        finally:
            self._executor.shutdown(wait=True)
            shutil.rmtree(self.profile, ignore_errors=True)


def all_at_once(students: list[Student], fn: Callable[[Student], Any], timeout: float = 600) -> list[Any]:
    """Run ``fn(student)`` for every student at the same time; their results, or the first failure."""
    futures = [student.run(fn) for student in students]
    return [future.result(timeout=timeout) for future in futures]
