"""tools/check_only.py folds exactly the cells tagged check-only (jupyter.source_hidden, JupyterLab's own
flag) and unfolds them again, leaving every other cell as it was; notebooks 03 and 06 tag some cells."""

import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import check_only  # noqa: E402


def test_hide_then_show_is_the_notebook_as_committed():
    for stem in ("03_vectors_matrices_jacobians", "06_matrix_form"):
        for folder in (ROOT / "notebooks", ROOT / "notebooks" / "ko"):
            nb = nbformat.read(folder / f"{stem}.ipynb", as_version=4)
            before = copy.deepcopy(nb)
            tagged = [i for i, c in enumerate(nb.cells) if "check-only" in c.metadata.get("tags", [])]
            assert len(tagged) >= 2, f"{stem}: tag its check-only cells"
            assert check_only.set_hidden(nb, True) == len(tagged)
            for i, (cell, old) in enumerate(zip(nb.cells, before.cells, strict=True)):
                if i in tagged:
                    assert cell.metadata["jupyter"]["source_hidden"] is True and cell.source == old.source
                else:
                    assert cell == old
            assert check_only.set_hidden(nb, True) == 0          # idempotent
            assert check_only.set_hidden(nb, False) == len(tagged)
            assert nb == before


def test_tagged_cells_are_code_that_checks():
    for stem in ("03_vectors_matrices_jacobians", "06_matrix_form"):
        nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
        for cell in nb.cells:
            if "check-only" in cell.metadata.get("tags", []):
                assert cell.cell_type == "code" and "assert" in cell.source
