"""00_welcome in a real JupyterLab: every rendered table (the map, the notation crosswalk, the glossary)
fits its column, with no horizontal overflow, at 1024×768 with the file browser open and at 1280 px (issue 10)."""

import os

import pytest

from tests.browser.harness import expect, open_and_run

NOTEBOOK = os.environ.get("BP_CROSSWALK_NOTEBOOK", "00_welcome.ipynb")   # another file only to try the test
VIEWPORTS = [(1024, 768), (1280, 800)]

MEASURE = """() => [...document.querySelectorAll('.jp-Notebook .jp-RenderedHTMLCommon table')].map(table => {
  const box = table.closest('.jp-RenderedHTMLCommon');
  const header = [...table.querySelectorAll('th')].map(th => th.innerText.trim());
  return {header: header.join(' | '), boxScroll: box.scrollWidth, boxClient: box.clientWidth,
          tableRight: table.getBoundingClientRect().right, boxRight: box.getBoundingClientRect().right};
})"""
NOTEBOOK_SCROLL = """() => {
  const outer = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
  return {scroll: outer.scrollWidth, client: outer.clientWidth};
}"""


def open_file_browser(page) -> None:
    """JupyterLab's default layout: the file browser open in the left sidebar."""
    panel = page.locator("#filebrowser")
    if not panel.is_visible():
        page.locator(".jp-SideBar.jp-mod-left [data-id='filebrowser']").click()
    expect(panel).to_be_visible()
    assert panel.bounding_box()["width"] > 150


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_crosswalk_and_glossary_fit_their_column(lab, page, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_and_run(page, lab, NOTEBOOK)
    open_file_browser(page)
    page.wait_for_timeout(500)                       # let the notebook re-flow to its final width
    tables = page.evaluate(MEASURE)
    crosswalk = [t for t in tables if t["header"].startswith("source")]
    glossary = [t for t in tables if t["header"].startswith("term")]
    assert len(crosswalk) >= 1 and len(glossary) == 1, [t["header"] for t in tables]
    for table in tables:                             # every table: the map, the crosswalk, the glossary
        assert table["boxScroll"] <= table["boxClient"], f"{table['header'][:60]} overflows: {table}"
        assert table["tableRight"] <= table["boxRight"] + 0.5, f"{table['header'][:60]} sticks out: {table}"
    notebook = page.evaluate(NOTEBOOK_SCROLL)
    assert notebook["scroll"] <= notebook["client"], f"the notebook scrolls sideways: {notebook}"
