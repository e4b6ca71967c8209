"""No exercise's answer is printed above it: in every notebook of both editions, no stored output or
markdown cell above the heading '### Exercise N' (Korean '### 연습 N') shows the number Exercise N asks
for, in any of the usual printed forms (fixed, general and scientific notation at 3 to 9 significant
digits, either sign).

Each exercise module ``helpers.exercises.nbNN`` declares ``ANSWERS``: exercise number -> a function
computing the answer (a number, or several numbers for an exercise with several parts), or a short
text saying why the exercise has no number to hide (e.g. "a function to write"). Every exercise heading
of the notebook must be covered, so a new exercise cannot be forgotten.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.series import SERIES

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"en": ROOT / "notebooks", "ko": ROOT / "notebooks" / "ko"}
HEADING = re.compile(r"^###\s+(?:Exercise|연습)\s+(\d+)\b", re.MULTILINE)
CASES = [(item, edition) for item in SERIES for edition in EDITIONS
         if (EDITIONS[edition] / item.filename).exists()]


def answer_module(item):
    return importlib.import_module(f"helpers.exercises.nb{item.filename[:2]}")


def printed_forms(value: float) -> set[str]:
    """How a cell might print ``value``: at 3-9 significant digits in f, g and e notation (without its
    sign: a sign slip is printed too, and :func:`numbers_in` drops signs)."""
    forms = set()
    for v in (abs(value),):
        for sig in range(3, 10):
            forms.add(f"{v:.{sig}g}")
            forms.add(f"{v:.{sig - 1}e}")
            decimals = sig - 1 - int(np.floor(np.log10(abs(v)))) if v else sig
            if 0 <= decimals <= 12:
                forms.add(f"{v:.{decimals}f}")
    # a form is only telling if it has 3+ significant digits (0.50 or 1.00 would match everything)
    return {f for f in forms if len(re.sub(r"[^1-9]", "", f.split("e")[0]).strip()) >= 2
            and len(re.sub(r"[^0-9]", "", f.split("e")[0]).lstrip("0")) >= 3}


def shown_text(cell) -> str:
    """What a reader sees of a cell: its markdown, or its code's stored outputs."""
    if cell.cell_type == "markdown":
        return cell.source
    parts = []
    for out in cell.get("outputs", []):
        parts.append(str(out.get("text", "")))
        for key in ("text/plain", "text/markdown", "text/html", "text/latex"):
            parts.append(str(out.get("data", {}).get(key, "")))
    return "\n".join(parts)


def numbers_in(text: str) -> set[str]:
    """Every number printed in ``text``, without its sign."""
    return set(re.findall(r"\d*\.?\d+(?:e[-+]?\d+)?", text))


def test_every_exercise_module_declares_its_answers():
    for item in SERIES:
        module = answer_module(item)
        assert isinstance(getattr(module, "ANSWERS", None), dict), f"{module.__name__} lacks ANSWERS"


@pytest.mark.parametrize("item,edition", CASES, ids=[f"{e}-{i.slug}" for i, e in CASES])
def test_no_exercise_answer_is_printed_above_its_exercise(item, edition):
    cells = nbformat.read(EDITIONS[edition] / item.filename, as_version=4).cells
    answers = answer_module(item).ANSWERS
    found = {}
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            for match in HEADING.finditer(cell.source):
                found.setdefault(int(match[1]), index)
    assert set(found) == set(answers), (f"{item.slug} ({edition}): exercise headings {sorted(found)} but ANSWERS "
                                        f"covers {sorted(answers)}")
    for number, answer in answers.items():
        if isinstance(answer, str):
            assert answer.strip(), f"{item.slug} exercise {number}: say why it has no number to hide"
            continue
        values = np.atleast_1d(np.asarray(answer(), dtype=float)).ravel()
        above = numbers_in("\n".join(shown_text(c) for c in cells[:found[number]]))
        for value in values:
            leaked = printed_forms(float(value)) & above
            assert not leaked, (f"{item.slug} ({edition}): the answer to Exercise {number} ({value:.9g}) is "
                                f"printed above it as {sorted(leaked)}")


def test_the_scan_finds_a_printed_answer():
    # the check above can fail: a value printed at 4 digits in an output is found, a near one is not
    assert "0.0827" in printed_forms(-0.082667628) and "8.267e-02" in printed_forms(0.082667628)
    assert printed_forms(0.082667628) & numbers_in("∂E/∂w6 = +0.082667628")
    assert not printed_forms(0.082667628) & numbers_in("w6 = 0.45, eta = 0.5, 0.0826")
