"""The Korean edition as `make lab-ko` serves it: JupyterLab's interface in Korean (the pinned language
pack, selected by tools/lab-ko/overrides.json), notebook 04 of notebooks/ko/ run from the Korean
menus, its panel stepped to the stated algorithm's error."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import example222 as ex
from tests.browser.harness import LabServer, click_button, expect, open_and_run

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "ko/04_worked_example_222.ipynb"
PANEL = ".bp-panel"


@pytest.fixture(scope="module")
def lab():
    server = LabServer(args=[f"--LabApp.app_settings_dir={ROOT / 'tools' / 'lab-ko'}"])
    try:
        yield server
    finally:
        server.stop()


def test_korean_interface_runs_the_korean_notebook_and_steps_the_panel(lab, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    open_and_run(page, lab, NOTEBOOK, interface="ko")
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert {"파일", "편집", "보기", "실행", "커널"} <= set(menus), menus
    expect(page.locator(".jp-MarkdownOutput h1").first).to_contain_text("2-2-2 시그모이드 예제")
    click_button(page, "한 걸음", PANEL)      # the panel's Step button in the Korean edition
    after_one = ex.forward(ex.update(ex.start_params(), ex.LEARNING_RATE)[0])["E_total"]
    expect(page.locator(f"{PANEL} .bp-panel-readout-E")).to_contain_text(f"{after_one:.9f}")
