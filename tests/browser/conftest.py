"""Fixtures for browser tests: one JupyterLab server and one Chromium page per test module.

Every test in this folder is skipped, with one line saying how to enable it, when no Chromium exists.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.browser.harness import HOW_TO_ENABLE, LabServer, chromium_args, find_chromium, isolated_env


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
        context = pw.chromium.launch_persistent_context(
            user_data_dir=str(Path(profile)), executable_path=find_chromium(), headless=True,
            args=chromium_args(), viewport={"width": 1280, "height": 2200},
            env=isolated_env(Path(profile) / "env"))
        context.set_default_timeout(30_000)
        tab = context.pages[0] if context.pages else context.new_page()
        try:
            yield tab
        finally:
            context.close()
