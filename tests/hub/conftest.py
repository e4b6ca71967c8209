"""Fixtures for the class-hub test: one JupyterHub (deploy/jupyterhub_config.py) for the module, a
teacher's repository (a local clone of this one), three students each in their own browser.

Without Node.js/npm or Chromium the hub test is left out and the run ends with one line saying why and
how to enable it; with BP_REQUIRE_HUB=1 (as in CI) that is an error instead. The pinned proxy is
installed from deploy/proxy/package-lock.json with ``npm ci`` the first time (a few seconds).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.browser.harness import HOW_TO_ENABLE, find_chromium
from tests.hub.hubserver import ROOT, TEACHER_FOLDER, ClassHub, ensure_proxy, proxy_missing_reason

SKIPPED_HUB_TESTS = pytest.StashKey[tuple[int, str]]()
STUDENTS = {f"student{i}": f"sums-of-squares-{i}" for i in range(3)}
TEACHER = "teacher"                   # deploy/jupyterhub_config.py's ADMINS
TEACHER_PASSWORD = "chain-rule-lecturer"
FOLDER = TEACHER_FOLDER               # the teacher's repository, and so each student's copy


def _is_hub_test(item) -> bool:
    return str(item.fspath).replace("\\", "/").endswith("tests/hub/test_hub.py")


def _why_not() -> str | None:
    if find_chromium() is None:
        return HOW_TO_ENABLE.replace("browser tests not run", "hub tests not run")
    return proxy_missing_reason()


def pytest_collection_modifyitems(config, items):
    hub = [item for item in items if _is_hub_test(item)]
    reason = _why_not() if hub else None
    if reason:
        if os.environ.get("BP_REQUIRE_HUB") == "1":
            raise pytest.UsageError("BP_REQUIRE_HUB=1 but " + reason)
        items[:] = [item for item in items if not _is_hub_test(item)]
        config.hook.pytest_deselected(items=hub)
        config.stash[SKIPPED_HUB_TESTS] = (len(hub), reason)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    count, reason = config.stash.get(SKIPPED_HUB_TESTS, (0, ""))
    if count:
        terminalreporter.write_line(f"{count} {reason}", yellow=True, bold=True)


def git(*args: str, cwd: Path) -> str:
    """Run git as the teacher (a fixed identity, no prompts); its output. The students' copies belong to
    their own accounts: reading them as root needs safe.directory."""
    done = subprocess.run(["git", "-c", "safe.directory=*", "-c", "user.name=Teacher",
                           "-c", "user.email=teacher@example.invalid", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def hub():
    tmp = Path(tempfile.mkdtemp(prefix="bp-hub-"))
    reason = ensure_proxy(tmp / "npm-ci.log")
    if reason:
        if os.environ.get("BP_REQUIRE_HUB") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    server = ClassHub({**STUDENTS, TEACHER: TEACHER_PASSWORD}, tmp)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def teacher_repo(hub) -> Path:
    """The teacher's repository: a clone of this one (its committed state), inside the hub's folder."""
    repo = hub.tmp / FOLDER
    git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(repo), cwd=hub.tmp)
    return repo


@pytest.fixture(scope="module")
def teacher(hub):
    """The lecturer (an admin of the deploy config), in a browser of their own."""
    from tests.hub.students import Student

    lecturer = Student(hub, TEACHER, FOLDER)
    try:
        yield lecturer
    finally:
        lecturer.close()


@pytest.fixture(scope="module")
def students(hub):
    from tests.hub.students import Student

    made = [Student(hub, name, FOLDER) for name in STUDENTS]    # each launch takes about a second
    try:
        yield made
    finally:
        for student in made:
            student.close()
