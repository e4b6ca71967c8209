"""Fixtures for browser tests: one JupyterLab server and one Chromium page per test module.

Every test in this folder is skipped, with one line saying how to enable it, when no Chromium exists.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.browser.harness import HOW_TO_ENABLE, LabServer, find_chromium, launch_chromium


def pytest_collection_modifyitems(config, items):
    chromium = find_chromium()
    if chromium is None and os.environ.get("BP_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError("BP_REQUIRE_BROWSER=1 but " + HOW_TO_ENABLE)
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if chromium is None:
                item.add_marker(pytest.mark.skip(reason=HOW_TO_ENABLE))


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
