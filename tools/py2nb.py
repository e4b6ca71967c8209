"""Build a notebook from a percent-format Python script (an authoring convenience).

    python tools/py2nb.py draft.py notebooks/04_worked_example_222.ipynb

Cells start with ``# %%`` (code) or ``# %% [markdown]`` (markdown; each line starts with ``# ``).
Tags: ``# %% tags=["nbval-ignore-output"]``. The output has no outputs: run
``make regenerate`` (or ``python tools/regenerate.py NOTEBOOK``) to execute it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat

HEADER = re.compile(r"^# %%(?P<md> \[markdown\])?(?:\s+tags=(?P<tags>\[.*\]))?\s*$")


def convert(text: str) -> nbformat.NotebookNode:
    cells, current = [], None
    for line in text.splitlines():
        match = HEADER.match(line)
        if match:
            current = {"md": bool(match["md"]), "tags": json.loads(match["tags"]) if match["tags"] else [],
                       "lines": []}
            cells.append(current)
        elif current is not None:
            current["lines"].append(line)
    nb = nbformat.v4.new_notebook()
    for cell in cells:
        lines = cell["lines"]
        while lines and not lines[-1].strip():
            lines.pop()
        if cell["md"]:
            body = "\n".join(ln[2:] if ln.startswith("# ") else ln.lstrip("#") for ln in lines)
            new = nbformat.v4.new_markdown_cell(body)
        else:
            new = nbformat.v4.new_code_cell("\n".join(lines))
        if cell["tags"]:
            new.metadata["tags"] = cell["tags"]
        nb.cells.append(new)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    nb = convert(source.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb.cells):  # stable ids make diffs readable
        cell["id"] = f"{target.stem[:2]}-{i:03d}"
    nbformat.write(nb, target)
    print(f"wrote {target} ({len(nb.cells)} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
