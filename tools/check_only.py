"""Fold (or unfold) the code of every cell tagged ``check-only``, for a lecture on a projector.

    .venv/bin/python tools/check_only.py hide                     # every notebook, both editions
    .venv/bin/python tools/check_only.py hide notebooks/06_matrix_form.ipynb
    .venv/bin/python tools/check_only.py show                     # back as committed

A ``check-only`` cell exists to assert what the prose claims (a wall of ``assert`` lines); its printed
result stays useful, its code is noise on a projector. ``hide`` sets the cell's standard metadata
``jupyter.source_hidden``, which JupyterLab (and Jupyter Notebook 7) draws as one thin "•••" bar: the
output stays on screen, the cell still runs, and a click on the bar shows the code when a student asks.
``show`` removes exactly that flag again, so the notebook goes back to what is committed. Run it before
opening the notebook (JupyterLab reads the flag when it opens the file). docs/teaching/presenting.md
describes it; tests/browser/test_check_only.py checks it in a real JupyterLab.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
TAG = "check-only"


def set_hidden(nb: nbformat.NotebookNode, hidden: bool) -> int:
    """Fold (hidden=True) or unfold the code of every cell tagged TAG; returns how many cells it changed."""
    changed = 0
    for cell in nb.cells:
        if TAG not in cell.metadata.get("tags", []):
            continue
        jupyter = cell.metadata.setdefault("jupyter", {})
        if hidden and jupyter.get("source_hidden") is not True:
            jupyter["source_hidden"] = True
            changed += 1
        elif not hidden and "source_hidden" in jupyter:
            del jupyter["source_hidden"]
            changed += 1
        if not jupyter:
            del cell.metadata["jupyter"]
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["hide", "show"])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="default: every notebook in notebooks/ and notebooks/ko/")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
        (ROOT / "notebooks" / "ko").glob("*.ipynb"))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        tagged = sum(TAG in c.metadata.get("tags", []) for c in nb.cells)
        changed = set_hidden(nb, args.action == "hide")
        if changed:
            nbformat.write(nb, path)
        print(f"{path}: {tagged} check-only cell(s), {changed} {'folded' if args.action == 'hide' else 'unfolded'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
