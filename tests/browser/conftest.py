"""Fixtures for browser tests: one JupyterLab server and one Chromium page per test module.

When no Chromium exists, every test in this folder is left out and the run ends with one line saying
how many and how to enable them (with BP_REQUIRE_BROWSER=1, as in CI, that is an error instead).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.browser.harness import HOW_TO_ENABLE, LabServer, find_chromium, launch_chromium

SKIPPED_BROWSER_TESTS = pytest.StashKey[int]()


def _is_browser_test(item) -> bool:
    return "tests/browser/" in str(item.fspath).replace("\\", "/")


def pytest_collection_modifyitems(config, items):
    browser = [item for item in items if _is_browser_test(item)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    if browser and find_chromium() is None:
        if os.environ.get("BP_REQUIRE_BROWSER") == "1":
            raise pytest.UsageError("BP_REQUIRE_BROWSER=1 but " + HOW_TO_ENABLE)
        items[:] = [item for item in items if not _is_browser_test(item)]
        config.hook.pytest_deselected(items=browser)
        config.stash[SKIPPED_BROWSER_TESTS] = len(browser)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = config.stash.get(SKIPPED_BROWSER_TESTS, 0)
    if skipped:
        terminalreporter.write_line(f"{skipped} {HOW_TO_ENABLE}", yellow=True, bold=True)


@pytest.fixture(scope="module")
def lab():
    server = LabServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bp-chromium-") as profile, sync_playwright() as pw:
        context = launch_chromium(pw, Path(profile))
        tab = context.pages[0] if context.pages else context.new_page()
        try:
            yield tab
        finally:
            context.close()
