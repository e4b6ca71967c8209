"""The printed solutions of notebooks 04 and 05 pass their own checkers, at the precision the prompts
ask for: every solution cell ends with its `check_*` call on the printed (rounded) answer, and its
stored output says ✅ (nbval keeps the stored output equal to a fresh run). Each prompt states the
precision it expects."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [ROOT / "notebooks" / name for name in ("04_worked_example_222.ipynb", "05_node_by_node_deltas.ipynb")]
NOTEBOOKS += [p.parent / "ko" / p.name for p in NOTEBOOKS]


def shown(cell) -> str:
    return "".join(str(o.get("text", "")) + "".join(str(v) for v in o.get("data", {}).values())
                   for o in cell.get("outputs", []))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[f"{p.parent.name}-{p.stem[:2]}" for p in NOTEBOOKS])
def test_every_solution_passes_its_checker(path):
    cells = nbformat.read(path, as_version=4).cells
    solutions = [c for c in cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
    assert solutions
    for cell in solutions:
        assert re.search(r"check_\w+\(", cell.source), cell.source[:60]
        assert "✅" in shown(cell) and "❌" not in shown(cell), cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS[:2], ids=["04", "05"])
def test_every_numeric_prompt_states_its_precision(path):
    cells = nbformat.read(path, as_version=4).cells
    prompts = [c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("**Exercise")
               and "(write the code)" not in c.source and "paths" not in c.source and '"up"' not in c.source]
    assert prompts
    for text in prompts:
        assert "significant digits or more" in text, text[:80]
