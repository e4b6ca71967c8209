"""What a Korean learner reads after Run All is Korean, outside code, math, identifiers and names.

Measured on the stored outputs of notebooks/ko/ with tools/korean_text.py (its docstring says how code,
math, identifiers, names and glosses are told apart from English prose):
- no stored output of a Korean notebook holds a single English word;
- English words are at most 2% of the words a Korean learner reads in each notebook (markdown and
  outputs; the glosses beside key terms are the convention and are reported apart).
Widgets' labels and figures' text are checked in their own tests with tools.korean_text.widget_texts /
figure_texts under BP_LANG=ko.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.korean_text import KOREAN_DIR, english_words, measure

NOTEBOOKS = sorted(KOREAN_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_english_in_korean_outputs(path: Path):
    words = measure(path)["output"]
    assert words == [], f"{len(words)} English words in {path.name}'s outputs, e.g. {words[:12]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_english_share_at_most_two_percent(path: Path):
    m = measure(path)
    assert m["share"] <= 0.02, (f"{m['share']:.1%} English in {path.name}; markdown e.g. {m['markdown'][:12]}")


def test_the_measure_can_fail():
    words, glosses, korean = english_words(
        "가중치(weight)를 갱신합니다. The update is wrong. `w.grad` $x_1$ net_h1 w5 η max", names={"grad"})
    assert glosses == ["weight"]
    assert words == ["The", "update", "is", "wrong"]
    assert korean == 2
    words, _, _ = english_words('Matt Mazur의 "A Step by Step Backpropagation Example" published 값', names=set())
    assert words == ["published"]


def test_printed_source_is_code_and_prose_is_not():
    from tools.korean_text import _is_source

    assert _is_source('def f(x):\n    """Return the input, unchanged."""\n    return x  # the same\n')
    assert not _is_source("def is what Python writes before a function name.\n")
    assert not _is_source("출력: the result is wrong\n")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_fold_instruction_names_the_button_as_jupyterlab_shows_it(path: Path):
    """Under `make lab-ko` JupyterLab 4.6 shows a folded solution's button as "N cells hidden" (its Korean
    language pack, 4.5, lacks that string: tests/browser/test_lab_ko.py reads it): every Korean fold
    instruction quotes it with the true N, the cells under that solution's heading."""
    import json
    import re

    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    hidden = {}
    for i, cell in enumerate(cells):
        heading = re.match(r"#### 풀이 (\d+)", "".join(cell["source"])) if cell["cell_type"] == "markdown" else None
        if heading:
            n = 0
            for later in cells[i + 1:]:
                if later["cell_type"] == "markdown" and re.match(r"#{1,4} ", "".join(later["source"])):
                    break
                n += 1
            hidden[heading.group(1)] = n
    quoted = [(m.group(1), int(m.group(2))) for cell in cells if cell["cell_type"] == "markdown"
              for m in re.finditer(r"\*풀이 (\d+)\* 제목 아래에 접혀 있습니다\. 제목 밑의 “(\d+) cells hidden”",
                                   "".join(cell["source"]))]
    assert quoted, "no fold instruction found"
    assert all(hidden.get(number) == count for number, count in quoted), (quoted, hidden)
