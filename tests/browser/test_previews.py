"""What a learner sees of a widget before and after Run All, in a real JupyterLab, on notebook 04 as
committed (stored outputs, not trusted: a fresh clone):

1. before Run All: the still picture of the panel with its line "▶ Run this notebook …", never the
   ``VBox(children=…`` repr;
2. after Run All: the live panel, and the picture hidden;
3. after Run All, save, shut the kernel down and reopen (outputs now trusted, no live kernel state):
   the picture again, and JupyterLab's own note that the widget needs its kernel.
Needs notebooks regenerated with the current helpers (``make regenerate``).
"""

from __future__ import annotations

from tests.browser.harness import expect, open_notebook, run_all
from tests.browser.layout_checks import SIZES, set_window

NOTEBOOK = "04_worked_example_222.ipynb"
CELL = ".jp-CodeCell:has(.jp-InputArea:text('panel = Panel222()'))"
PREVIEW = f"{CELL} .jp-OutputArea-output[data-mime-type='image/png'] img"


def outputs_text(page) -> str:
    return "\n".join(page.locator(".jp-OutputArea-output").all_inner_texts())


def test_before_run_all_the_committed_notebook_shows_the_picture(lab, page):
    lab.copy_as_committed(NOTEBOOK)
    set_window(page, SIZES["1024x768"])
    open_notebook(page, lab, NOTEBOOK)
    preview = page.locator(PREVIEW)
    expect(preview).to_be_visible()
    preview.scroll_into_view_if_needed()
    assert preview.evaluate("img => img.naturalWidth") >= 420
    assert page.locator(f"{CELL} .bp-live").count() == 0
    assert "VBox(" not in outputs_text(page) and "HBox(" not in outputs_text(page)
    pictures = page.locator(".jp-OutputArea-output[data-mime-type='image/png'] img")
    assert pictures.count() >= 4                        # the panel and the notebook's static figures


def test_after_run_all_the_live_panel_replaces_the_picture(page):
    run_all(page)
    expect(page.locator(f"{CELL} .bp-live")).to_be_visible()
    expect(page.locator(f"{CELL} .bp-panel-readout-E")).to_contain_text("E_total = ")
    assert page.locator(PREVIEW).evaluate("img => getComputedStyle(img.closest('.jp-OutputArea-child')).display") \
        == "none"


def test_saved_and_reopened_without_a_kernel_shows_the_picture_again(page):
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1000)
    page.locator(".lm-MenuBar-itemLabel:text-is('Kernel')").click()
    page.locator(".lm-Menu-itemLabel:text-is('Shut Down Kernel')").click()
    page.wait_for_timeout(1000)
    page.reload()
    page.locator(".jp-Notebook").first.wait_for()
    page.wait_for_timeout(3000)
    expect(page.locator(PREVIEW)).to_be_visible()
    widget_output = page.locator(f"{CELL} .jp-OutputArea-child").last.inner_text()
    print(f"widget output after reopening: {widget_output!r}")
    assert "VBox(" not in widget_output
