"""Notebook 04's panel in lecture mode, as an instructor would run it: JupyterLab started with
``BP_LECTURE=1`` (read by helpers.widgets in the kernel), a 1024×768 projector with the file browser
open; then JupyterLab's own View → Appearance → Presentation Mode and → Simple Interface. In each: the panel
still steps to the stated algorithm's error, every readout and figure is whole, figure text is drawn
for 18 px, readouts are larger than in the default mode. Both editions, the English first (the Korean
panel's longer labels must fit the same screens).

(jupyterlab-rise is known not to render ipywidgets 8 widgets; jupyterlab-deck is not in the lock:
neither is tested here.)
"""

from __future__ import annotations

import pytest

from helpers import example222 as ex
from helpers.widgets.layout import MODES
from tests.browser.harness import LabServer, click_button, expect, open_and_run
from tests.browser.layout_checks import (
    SIZES,
    check_every_size,
    ensure_file_browser,
    figure_scales,
    set_window,
    widget_problems,
)
from tests.browser.test_04_worked_example import EDITIONS, readout_and_slider_on_one_screen

PANEL = ".bp-panel"
READ_E = f"{PANEL} .bp-panel-readout-E"
LECTURE = MODES["lecture"]


@pytest.fixture(scope="module", params=list(EDITIONS))
def edition(request) -> dict:
    return EDITIONS[request.param]


@pytest.fixture(scope="module")
def lab():
    server = LabServer(env={"BP_LECTURE": "1"})
    try:
        yield server
    finally:
        server.stop()


def step_once_and_check(page, edition: dict) -> None:
    """Reset, Step: E_total after one update of the stated algorithm, computed here by helpers."""
    click_button(page, edition["Reset"], PANEL)
    expect(page.locator(READ_E)).to_contain_text(f"{ex.forward()['E_total']:.9f}")
    click_button(page, edition["Step"], PANEL)
    expected = ex.forward(ex.update()[0])["E_total"]
    expect(page.locator(READ_E)).to_contain_text(f"{expected:.9f}")          # 0.291027774
    expect(page.locator(READ_E)).to_contain_text(edition["after"].format(n=1) + " ")


def view_menu(page, item: str) -> None:
    """View → Appearance → ``item`` (JupyterLab 4.6's menu)."""
    page.locator(".lm-MenuBar-itemLabel:text-is('View')").click()
    page.locator(".lm-Menu-itemLabel:text-is('Appearance')").hover()
    page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click()
    page.wait_for_timeout(500)
    settle(page)


def settle(page, timeout_ms: int = 10_000) -> None:
    """Wait until the panel stops moving (its box the same over 300 ms): switching the interface
    re-lays the page out, and on a loaded machine a click sent meanwhile can land on a weight slider."""
    box = None
    for _ in range(timeout_ms // 300):
        now = page.locator(PANEL).first.bounding_box()
        if now is not None and now == box:
            return
        box = now
        page.wait_for_timeout(300)


def test_lecture_mode_panel_steps_with_big_text_at_1024x768(lab, page, edition):
    set_window(page, SIZES["1024x768"])
    open_and_run(page, lab, edition["notebook"])
    ensure_file_browser(page)
    font = page.locator(READ_E).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert font >= LECTURE.readout_px > MODES["default"].readout_px
    scales = figure_scales(page, PANEL)
    assert {f["name"] for f in scales} == {"bp-panel-figure", "bp-panel-loss"}
    for fig in scales:                       # drawn for 18 px text at this width, and shown at this width
        assert fig["natural"] == LECTURE.max_width and abs(fig["shown"] - fig["natural"]) <= 1, fig
        assert fig["png"] == LECTURE.render_scale * fig["natural"]    # rendered at 1.5x in lecture mode
    step_once_and_check(page, edition)
    set_window(page, SIZES["1024x768"])
    on_screen = readout_and_slider_on_one_screen(page)     # the key pause: w7's slider with E_total in view
    assert on_screen["ok"], f"lecture mode, 1024×768, file browser open: a scroll between w7 and E_total: {on_screen}"
    found = check_every_size(page, [SIZES["1024x768"], SIZES["1920x1080"]])
    assert found == {"1024x768": [], "1920x1080": []}, found


def test_presentation_mode_keeps_the_live_panel(page, edition):
    presenting = "() => document.querySelector('.jp-LabShell').classList.contains('jp-mod-presentationMode')"
    view_menu(page, "Presentation Mode")
    try:
        assert page.evaluate(presenting)
        step_once_and_check(page, edition)
        found = check_every_size(page, [SIZES["1024x768"]])       # bigger prompts: a 546 px column
        assert found == {"1024x768": []}, found
    finally:
        view_menu(page, "Presentation Mode")          # off again
    assert not page.evaluate(presenting)


def test_simple_interface_keeps_the_live_panel(page, edition):
    view_menu(page, "Simple Interface")
    try:
        set_window(page, SIZES["1024x768"])
        settle(page)
        step_once_and_check(page, edition)
        assert widget_problems(page) == []
        found = check_every_size(page, [SIZES["1024x768"], SIZES["1920x1080"]])
        assert found == {"1024x768": [], "1920x1080": []}, found
    finally:
        view_menu(page, "Simple Interface")
