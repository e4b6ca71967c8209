"""Hiding check-only code on a projector, measured in a real JupyterLab: after `tools/check_only.py hide`, a
cell tagged `check-only` shows one grey bar instead of its code (its output stays), every untagged code cell
still shows its code, and a click on the bar shows the code again (docs/teaching/presenting.md)."""

import sys
from pathlib import Path

import nbformat
import pytest

from tests.browser.harness import expect, open_notebook

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import check_only  # noqa: E402


@pytest.mark.parametrize("name", ["06_matrix_form.ipynb", "ko/03_vectors_matrices_jacobians.ipynb"])
def test_tagged_cells_show_a_bar_and_untagged_cells_their_code(lab, page, name):
    target = lab.copy_as_committed(name)
    nb = nbformat.read(target, as_version=4)
    assert check_only.set_hidden(nb, True) >= 2
    nbformat.write(nb, target)
    page.set_viewport_size({"width": 1024, "height": 768})
    open_notebook(page, lab, name)
    cells = page.locator(".jp-Notebook .jp-Cell")
    expect(cells).to_have_count(len(nb.cells))
    tagged = [i for i, c in enumerate(nb.cells) if "check-only" in c.metadata.get("tags", [])]
    untagged = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and i not in tagged
                and not c.metadata.get("jupyter", {}).get("source_hidden")]
    for i in tagged:
        cell = cells.nth(i)
        cell.scroll_into_view_if_needed()
        expect(cell.locator(".jp-InputPlaceholder")).to_be_visible()
        expect(cell.locator(".cm-editor")).to_be_hidden()
        last_line = nb.cells[i].source.strip().splitlines()[-1]
        assert last_line not in cell.inner_text(), f"cell {i} still shows its code"
        if nb.cells[i].outputs:
            expect(cell.locator(".jp-OutputArea-output").first).to_be_visible()
    for i in untagged:
        cell = cells.nth(i)
        cell.scroll_into_view_if_needed()
        expect(cell.locator(".cm-editor")).to_be_visible()
    first = cells.nth(tagged[0])
    first.scroll_into_view_if_needed()
    first.locator(".jp-InputPlaceholder .jp-Placeholder-content").click()      # a student asks to see it
    expect(first.locator(".cm-editor")).to_be_visible()
