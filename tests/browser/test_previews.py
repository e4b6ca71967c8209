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

from tests.browser.harness import KERNEL_IDLE, expect, open_notebook, run_all
from tests.browser.layout_checks import SIZES, set_window

NOTEBOOK = "04_worked_example_222.ipynb"


def panel_cell(page):
    """The code cell that displays the panel."""
    return page.locator(".jp-CodeCell").filter(has=page.locator(".cm-line", has_text="panel = Panel222()"))


def preview(page):
    """The stored picture as JupyterLab shows it: the text/html <img> with its text alternative."""
    return panel_cell(page).locator(".jp-OutputArea-output[data-mime-type='text/html'] .bp-figure-card img")


def outputs_text(page) -> str:
    return "\n".join(page.locator(".jp-OutputArea-output").all_inner_texts())


def test_before_run_all_the_committed_notebook_shows_the_picture(lab, page):
    lab.copy_as_committed(NOTEBOOK)
    set_window(page, SIZES["1024x768"])
    open_notebook(page, lab, NOTEBOOK)
    picture = preview(page)
    expect(picture).to_be_visible()
    picture.scroll_into_view_if_needed()
    assert picture.evaluate("img => img.naturalWidth") >= 420
    assert picture.get_attribute("alt").startswith("Run this notebook to use the panel")
    assert panel_cell(page).locator(".bp-live").count() == 0
    assert "VBox(" not in outputs_text(page) and "HBox(" not in outputs_text(page)
    pictures = page.locator(".jp-OutputArea-output[data-mime-type='text/html'] .bp-figure-card img[alt]")
    assert pictures.count() >= 4                        # the panel and the notebook's static figures


def test_after_run_all_the_live_panel_replaces_the_picture(page):
    run_all(page)
    expect(panel_cell(page).locator(".bp-live")).to_be_visible()
    expect(panel_cell(page).locator(".bp-panel-readout-E")).to_contain_text("E_total = ")
    hidden = "img => getComputedStyle(img.closest('.jp-OutputArea-child')).display"
    assert preview(page).evaluate(hidden) == "none"


def test_saved_and_reopened_without_a_kernel_shows_the_picture_again(page):
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1000)
    page.locator(".lm-MenuBar-itemLabel:text-is('Kernel')").click()
    page.locator(".lm-Menu-itemLabel:text-is('Shut Down Kernel')").click()
    page.wait_for_timeout(1000)
    page.reload()
    page.locator(".jp-Notebook").first.wait_for()
    page.locator(".jp-StatusBar-TextItem", has_text=KERNEL_IDLE).first.wait_for()   # a fresh kernel
    page.wait_for_timeout(5000)
    expect(preview(page)).to_be_visible()
    assert panel_cell(page).locator(".bp-live").count() == 0
    widget_output = panel_cell(page).locator(".jp-OutputArea-child").last.inner_text().strip()
    print(f"widget output after reopening: {widget_output!r}")
    assert widget_output in ("Loading widget...", "Error displaying widget: model not found"), widget_output
