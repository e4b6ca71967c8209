"""Write the standard navigation bar into a notebook's first and last cells, and the series map into
00_welcome (both from helpers.series), in both editions (notebooks/ and notebooks/ko/).

The first markdown cell starts with the bar; the last cell is a markdown footer: a rule and the bar.
``tests/test_notebook_hygiene.py`` checks both, so the bars can't drift from the series map.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from helpers.series import EDITIONS, MAP_ANCHOR, map_heading, map_table, nav_bar  # noqa: E402

FOOTER_RULE = "---"


def apply(nb: nbformat.NotebookNode, slug: str, notebook_dir: Path) -> None:
    bar = nav_bar(slug, notebook_dir)
    first = nb.cells[0]
    if first.cell_type != "markdown":
        raise ValueError(f"{slug}: the first cell must be the markdown header")
    lines = first.source.split("\n")
    if lines and lines[0].startswith("[") and ("Index](" in lines[0] or "목차](" in lines[0]):
        lines[0] = bar
    else:
        lines = [bar, ""] + lines
    first.source = "\n".join(lines)
    footer = f"{FOOTER_RULE}\n{bar}"
    last = nb.cells[-1]
    if last.cell_type == "markdown" and last.source.startswith(FOOTER_RULE + "\n["):
        last.source = footer
    else:
        nb.cells.append(nbformat.v4.new_markdown_cell(footer))
    heading = map_heading(notebook_dir)
    for cell in nb.cells:  # 00_welcome's map lists every lesson, linked when its notebook exists
        if cell.cell_type == "markdown" and cell.source.startswith(heading):
            intro = cell.source.split("\n|")[0].rstrip()
            anchor = f'<a id="{MAP_ANCHOR}"></a>'
            if anchor not in intro:  # the index links of every nav bar point here, in every viewer
                intro = intro.replace(heading, f"{heading}\n{anchor}", 1)
            cell.source = f"{intro}\n\n{map_table(notebook_dir)}"


def notebook_paths() -> list[Path]:
    """Every notebook of both editions."""
    return [path for folder in EDITIONS.values() for path in sorted(folder.glob("[0-9][0-9]_*.ipynb"))]


def main() -> int:
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        apply(nb, path.stem, path.parent)
        nbformat.write(nb, path)
        print(f"navigation bars refreshed in {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
