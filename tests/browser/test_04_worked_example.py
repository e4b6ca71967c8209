"""Browser test of notebook 04's weight-stepping panel, in both editions: Run All in a real JupyterLab,
click Step (한 걸음), drag a weight slider, Run N (N번 실행) — and read the numbers the helpers compute (in
this test process) on the page, with the edition's words around them. One JupyterLab for the module; the
tests run in order on the same live panel, the English edition's first, then the Korean edition's."""

from __future__ import annotations

import pytest

from helpers import example222 as ex
from helpers.reference import EXAMPLE_222_PUBLISHED_LATER, EXAMPLE_222_UPDATED
from tests.browser import layout_checks as lc
from tests.browser.harness import click_button, expect, open_and_run, slider_set

NOTEBOOK = "04_worked_example_222.ipynb"
PANEL = ".bp-panel"

# What each edition's panel says (the Korean words as helpers/locale/ko gives them, written out here).
EDITIONS = {
    "en": {"notebook": NOTEBOOK, "Step": "Step", "Reset": "Reset", "Run N": "Run N",
           "after": "after {n} update", "hidden via updated": "hidden gradients via updated w5..w8"},
    "ko": {"notebook": f"ko/{NOTEBOOK}", "Step": "한 걸음", "Reset": "처음으로", "Run N": "N번 실행",
           "after": "갱신 {n}번 뒤", "hidden via updated": "은닉 기울기: 갱신된 w5..w8로 계산"},
}


@pytest.fixture(scope="module", params=list(EDITIONS))
def edition(request) -> dict:
    """The edition under test (pytest runs every test of this module for "en", then for "ko")."""
    return EDITIONS[request.param]
READ_E = f"{PANEL} .bp-panel-readout-E"
READ_PARAMS = f"{PANEL} .bp-panel-readout-params"

# Collects every width the progress bar takes, so the test can see the intermediate values.
WATCH_PROGRESS = """() => {
  window.__bpProgress = [];
  const bar = document.querySelector('.bp-panel-progress .progress-bar');
  new MutationObserver(() => window.__bpProgress.push(bar.style.width))
    .observe(bar, {attributes: true, attributeFilter: ['style']});
}"""


def test_step_shows_the_stated_algorithm(lab, page, edition):
    open_and_run(page, lab, edition["notebook"])
    expect(page.locator(READ_E)).to_contain_text(f"{ex.forward()['E_total']:.9f}")
    click_button(page, edition["Step"], PANEL)
    new, _ = ex.update()
    expect(page.locator(READ_E)).to_contain_text(f"{ex.forward(new)['E_total']:.9f}")  # 0.291027774
    expect(page.locator(READ_E)).to_contain_text("0.291027774")
    expect(page.locator(READ_PARAMS)).to_contain_text(EXAMPLE_222_UPDATED["w5"])  # 0.35891648
    expect(page.locator(READ_PARAMS)).to_contain_text(f"{new['w5']:.9f}")
    expect(page.locator(READ_E)).to_contain_text(edition["after"].format(n=1))


def test_dragging_a_weight_slider_recomputes_the_error(page, edition):
    new, _ = ex.update()
    slider_set(page, f"{PANEL} .bp-panel-slider-w6", "0.7")
    expected = ex.forward({**new, "w6": 0.7})
    expect(page.locator(READ_E)).to_contain_text(f"{expected['E_total']:.9f}")
    grad_w6 = ex.gradients({**new, "w6": 0.7})["w6"]
    expect(page.locator(READ_PARAMS)).to_contain_text(f"{grad_w6:+.9f}")
    expect(page.locator(READ_PARAMS)).to_contain_text(f"{new['w5']:.9f}")   # the other weights untouched


def test_run_n_shows_progress_and_ends_at_the_helpers_loss(page, edition):
    click_button(page, edition["Reset"], PANEL)
    expect(page.locator(READ_E)).to_contain_text(f"{ex.forward()['E_total']:.9f}")
    box = page.locator(f"{PANEL} .bp-panel-n input").first
    box.fill("3000")
    box.press("Enter")
    expect(page.locator(f"{PANEL} .bp-panel-progress-text")).to_have_text("0 / 3000")  # the kernel has N
    page.evaluate(WATCH_PROGRESS)
    click_button(page, edition["Run N"], PANEL)
    _, losses = ex.train(steps=3000)
    expect(page.locator(READ_E)).to_contain_text(f"{losses[-1]:.9f}", timeout=60_000)
    expect(page.locator(READ_E)).to_contain_text(edition["after"].format(n=3000))
    expect(page.locator(f"{PANEL} .bp-panel-progress-text")).to_have_text("3000 / 3000")
    widths = page.evaluate("() => window.__bpProgress")
    partial = [w for w in widths if w not in ("0%", "100%", "")]
    assert widths and widths[-1] == "100%", widths
    assert len(set(partial)) >= 5, f"the progress bar should move in steps; saw {widths}"


def test_convention_toggle_gives_the_published_error_after_one_update(page, edition):
    click_button(page, edition["Reset"], PANEL)
    expect(page.locator(READ_E)).to_contain_text(edition["after"].format(n=0))
    page.locator(f"{PANEL} .bp-panel-hidden-uses-updated input").first.check()
    # wait until the kernel has the new convention (a button click can overtake a pending toggle)
    expect(page.locator(READ_PARAMS)).to_contain_text(edition["hidden via updated"])
    click_button(page, edition["Step"], PANEL)
    new, _ = ex.update(hidden_uses_updated=True)
    expect(page.locator(READ_E)).to_contain_text(f"{ex.forward(new)['E_total']:.9f}")
    expect(page.locator(READ_E)).to_contain_text(EXAMPLE_222_PUBLISHED_LATER["E_after_1_update"])  # 0.291027924


def test_panel_layout_at_every_size(page, edition):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the weight-stepping panel)."""
    lc.assert_good_at_every_size(page)


def test_closing_the_file_browser_at_150_percent_zoom_gives_the_figures_their_size(page, edition):
    """At 150% zoom of 1024×768 the file browser leaves a 315 px column (figures scaled to 0.75);
    View → Appearance → Show Left Sidebar (or Ctrl+B) hides it: every figure at its natural size."""
    lc.set_window(page, lc.SIZES["1024x768@150%"])
    try:
        lc.ensure_file_browser(page)
        assert all(f["shown"] < f["natural"] for f in lc.figure_scales(page, PANEL))
        page.locator(".lm-MenuBar-itemLabel:text-is('View')").click()
        page.locator(".lm-Menu-itemLabel:text-is('Appearance')").hover()
        page.locator(".lm-Menu-itemLabel:text-is('Show Left Sidebar')").click()
        expect(page.locator("#filebrowser")).to_be_hidden()
        page.wait_for_timeout(500)
        assert all(abs(f["shown"] - f["natural"]) <= 1 for f in lc.figure_scales(page, PANEL))
        assert lc.widget_problems(page, PANEL) == []
        page.keyboard.press("Control+b")                     # and back
        expect(page.locator("#filebrowser")).to_be_visible()
    finally:
        lc.set_window(page, lc.Size("default", 1280, 2200, 1.0))


# The lecture's key pause (docs/teaching/04, Pause 4): drag w7's slider and read E_total, on one screen.
BOTH_ON_SCREEN = """([readoutCss, sliderCss]) => {
  const readout = document.querySelector(readoutCss), slider = document.querySelector(sliderCss);
  readout.scrollIntoView({block: 'start'});
  let scroller = readout.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight
                       && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) {
    scroller = scroller.parentElement;
  }
  const view = scroller ? scroller.getBoundingClientRect() : {top: 0, bottom: window.innerHeight};
  const top = Math.max(view.top, 0), bottom = Math.min(view.bottom, window.innerHeight);
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
  return {view: {top, bottom}, readout: box(readout), slider: box(slider)};
}"""


def readout_and_slider_on_one_screen(page, slider: str = "w7") -> dict:
    """Scroll the E_total readout to the top of the notebook; the readout and the slider must then both
    lie inside the visible part of the notebook (no scroll between moving the slider and reading E)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    found = page.evaluate(BOTH_ON_SCREEN, [READ_E, f"{PANEL} .bp-panel-slider-{slider}"])
    page.wait_for_timeout(200)
    found = page.evaluate(BOTH_ON_SCREEN, [READ_E, f"{PANEL} .bp-panel-slider-{slider}"])  # after the scroll settled
    view = found["view"]
    found["ok"] = all(view["top"] - 1 <= found[k]["top"] and found[k]["bottom"] <= view["bottom"] + 1
                      for k in ("readout", "slider"))
    return found


def test_w7_slider_and_E_total_fit_one_1024x768_screen_with_the_file_browser_open(page, edition):
    lc.set_window(page, lc.SIZES["1024x768"])
    lc.ensure_file_browser(page)
    click_button(page, edition["Reset"], PANEL)
    found = readout_and_slider_on_one_screen(page)
    assert found["ok"], f"w7's slider and the E_total readout need a scroll between them at 1024×768: {found}"
    # and the move itself: one notch of w7 changes E_total, read without scrolling
    slider_set(page, f"{PANEL} .bp-panel-slider-w7", "0.501")
    expected = ex.forward({**ex.start_params(), "w7": 0.501})["E_total"]
    expect(page.locator(READ_E)).to_contain_text(f"{expected:.9f}")
    assert readout_and_slider_on_one_screen(page)["ok"]
    click_button(page, edition["Reset"], PANEL)
