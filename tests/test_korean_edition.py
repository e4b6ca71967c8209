"""The Korean edition (notebooks/ko/) is the English edition with its prose translated.

Code cells are identical, cell by cell: the same number and order, the same source, the same tags and
the same collapsed/hidden flags, so both editions compute and print the same numbers with one set of
helpers. Markdown may be split or merged where Korean needs it, but not between different code cells,
and every heading keeps its level and tags (the lecture path and collapsed solutions follow the
English twin). Prose is Korean: English only in parenthesised terms, names, code and formulas.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import pytest

from helpers.series import SERIES, lesson

ROOT = Path(__file__).resolve().parent.parent
EN, KO = ROOT / "notebooks", ROOT / "notebooks" / "ko"
STEMS = sorted(p.stem for p in EN.glob("[0-9][0-9]_*.ipynb"))
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Markup, code, formulas and parenthesised terms are not prose: removed before counting English words.
NOT_PROSE = [re.compile(p, re.S) for p in (
    r"```.*?```", r"\$\$.*?\$\$", r"\$[^$\n]+\$", r"`[^`\n]*`", r"<[^>\n]+>", r"\]\([^)]*\)",
    r"\([^()\n]*\)", r"https?://\S+", r"\S*_\S*", r"\*\*[A-Za-z][^*\n]{0,40}\*\*")]
# Names and fixed English terms a Korean text keeps as they are.
KEPT = {"cs231n", "nielsen", "michael", "andrej", "karpathy", "micrograd", "pytorch", "numpy", "sympy",
        "matplotlib", "jupyterlab", "jupyter", "binder", "github", "nbgitpuller", "jupyterhub", "python",
        "uci", "mnist", "relu", "tanh", "sigmoid", "softmax", "run", "all", "cells", "widget", "helpers",
        "stanford", "neural", "networks", "and", "deep", "learning", "step", "backpropagation", "example",
        "the", "by", "of", "a", "going", "deeper", "index", "english", "solution", "exercise", "sgd",
        "true", "false", "none", "panel", "forward", "backward", "update", "reset", "next", "previous"}
MAX_ENGLISH_WORDS = 4     # per markdown cell, after removing markup, names and parenthesised terms


def load(path: Path):
    return nbformat.read(path, as_version=4)


def heading_level(cell) -> int:
    match = re.match(r"^(#{1,6})\s", cell.source)
    return len(match[1]) if match else 0


def segments(nb) -> list[list]:
    """The markdown cells between consecutive code cells (one list per gap, len = code cells + 1)."""
    gaps = [[]]
    for cell in nb.cells:
        if cell.cell_type == "code":
            gaps.append([])
        else:
            gaps[-1].append(cell)
    return gaps


def differences(en, ko) -> list[str]:
    """Everything that makes the two editions disagree where they must agree (empty when they agree)."""
    problems = []
    en_code = [c for c in en.cells if c.cell_type == "code"]
    ko_code = [c for c in ko.cells if c.cell_type == "code"]
    if len(en_code) != len(ko_code):
        return [f"{len(en_code)} code cells in English, {len(ko_code)} in Korean"]
    for i, (a, b) in enumerate(zip(en_code, ko_code, strict=True)):
        if a.source != b.source:
            problems.append(f"code cell {i}: source differs")
        if a.metadata.get("tags", []) != b.metadata.get("tags", []):
            problems.append(f"code cell {i}: tags differ ({a.metadata.get('tags')} vs {b.metadata.get('tags')})")
        if a.metadata.get("jupyter", {}) != b.metadata.get("jupyter", {}):
            problems.append(f"code cell {i}: collapsed/hidden flags differ")
    for i, (gap_en, gap_ko) in enumerate(zip(segments(en), segments(ko), strict=True)):
        if bool(gap_en) != bool(gap_ko):
            problems.append(f"before code cell {i}: prose in one edition only")
        heads_en = [(heading_level(c), c.metadata.get("tags", [])) for c in gap_en if heading_level(c)]
        heads_ko = [(heading_level(c), c.metadata.get("tags", [])) for c in gap_ko if heading_level(c)]
        if heads_en != heads_ko:
            problems.append(f"before code cell {i}: headings (level, tags) {heads_en} vs {heads_ko}")
        flags_en = [(c.metadata.get("tags", []), c.metadata.get("jupyter", {})) for c in gap_en
                    if "solution" in c.metadata.get("tags", [])]
        flags_ko = [(c.metadata.get("tags", []), c.metadata.get("jupyter", {})) for c in gap_ko
                    if "solution" in c.metadata.get("tags", [])]
        if flags_en != flags_ko:
            problems.append(f"before code cell {i}: solution prose tagged/collapsed differently")
    return problems


def english_words(text: str) -> list[str]:
    """English words left in Korean prose once markup, formulas, names and parenthesised terms are gone."""
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", text)
    return [w for w in words if w.lower() not in KEPT]


def test_the_korean_edition_has_every_notebook():
    assert KO.is_dir(), "notebooks/ko/ (the Korean edition) is missing"
    assert sorted(p.stem for p in KO.glob("[0-9][0-9]_*.ipynb")) == STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_code_cells_are_identical_to_the_english_edition(stem):
    problems = differences(load(EN / f"{stem}.ipynb"), load(KO / f"{stem}.ipynb"))
    assert not problems, f"{stem}: " + "; ".join(problems)


def test_changing_a_code_cell_in_one_edition_alone_is_caught():
    en = load(EN / "04_worked_example_222.ipynb")
    assert differences(en, copy.deepcopy(en)) == []
    changed = copy.deepcopy(en)
    code = next(c for c in changed.cells if c.cell_type == "code" and "E_total" in c.source)
    code.source = code.source.replace("E_total", "E_total ", 1)
    assert any("source differs" in p for p in differences(en, changed))
    retagged = copy.deepcopy(en)
    next(c for c in retagged.cells if c.cell_type == "code").metadata["tags"] = ["nbval-skip"]
    assert any("tags differ" in p for p in differences(en, retagged))
    dropped = copy.deepcopy(en)
    dropped.cells.remove(next(c for c in dropped.cells if c.cell_type == "code"))
    assert differences(en, dropped)


@pytest.mark.parametrize("stem", STEMS)
def test_the_title_is_korean_with_the_english_beside_it(stem):
    item = lesson(stem)
    first = load(KO / f"{stem}.ipynb").cells[0].source
    assert f"# {item.number} · {item.korean} ({item.title})" in first


@pytest.mark.parametrize("stem", STEMS)
def test_the_prose_is_korean(stem):
    nb = load(KO / f"{stem}.ipynb")
    for i, cell in enumerate(nb.cells[1:-1], start=1):     # the header and footer are checked elsewhere
        if cell.cell_type != "markdown" or not cell.source.strip():
            continue
        prose = cell.source
        for pattern in NOT_PROSE[:3]:                      # a cell of only a formula or a table of symbols
            prose = pattern.sub(" ", prose)
        if re.search(r"[A-Za-z]{4,}", prose):
            assert HANGUL.search(cell.source), f"{stem} cell {i}: no Korean in {cell.source[:80]!r}"
        left = english_words(cell.source)
        assert len(left) <= MAX_ENGLISH_WORDS, f"{stem} cell {i}: English left in the prose: {left[:12]}"


def test_every_lesson_of_the_series_has_a_korean_question():
    assert all(item.question_ko and HANGUL.search(item.question_ko) for item in SERIES)


def test_the_korean_readme_has_the_commands_and_links_every_korean_notebook():
    readme_en, readme_ko = (ROOT / "README.md").read_text(), (ROOT / "README.ko.md").read_text()
    assert "](README.ko.md)" in readme_en.split("\n## ", 1)[0], "README.md must link README.ko.md at the top"
    assert "](README.md)" in readme_ko.split("\n## ", 1)[0]
    for command in ("make lab-ko", "make test"):
        assert command in readme_ko
    for item in SERIES:
        assert f"(notebooks/ko/{item.filename})" in readme_ko, f"README.ko.md's map lacks {item.filename}"
        assert item.question_ko in readme_ko and item.korean in readme_ko
    for target in re.findall(r"\]\(([^)#\s]+)\)", readme_ko):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), f"README.ko.md links {target}, which does not exist"
