"""Notebook 00's exercise: where w7 of the 2-2-2 example sits in W² (into ← from, counted from 0)."""

import numpy as np
import pytest

from helpers.example222 import start_params, weight_matrices
from helpers.exercises import nb00
from helpers.exercises.feedback import NOT_ANSWERED


def where_w7() -> tuple[int, int]:
    """Independently of the checker: build W² with the walk-through's numbers and find w7's value."""
    p = start_params()
    W2 = np.array(weight_matrices(p)[1])
    rows, cols = np.nonzero(W2 == p["w7"])
    assert len(rows) == 1
    return int(rows[0]), int(cols[0])


def test_the_right_position_passes_as_a_tuple_or_a_list():
    row, col = where_w7()
    assert (row, col) == (1, 0)                       # w7: from h1 into o2 (the walk-through's diagram)
    assert nb00.check_weight_position((row, col)).ok
    assert nb00.check_weight_position([row, col]).ok
    assert nb00.check_weight_position((np.int64(row), np.int64(col))).ok


@pytest.mark.parametrize(("answer", "words"), [
    ((0, 1), "from → into"),
    ((2, 1), "counted from 1"),
    ((1, 2), "Counted from 1 and read from → into"),
    ((0, 0), "holds w5, not w7"),
    ((1, 1), "holds w8, not w7"),
    ((3, 3), "numbered 0 and 1"),
    ((1.0, 0.0), "whole numbers"),
    ("W2[1, 0]", "Answer with a pair"),
    (7, "Answer with a pair"),
])
def test_each_slip_gets_its_own_hint(answer, words):
    fb = nb00.check_weight_position(answer)
    assert not fb.ok and words in fb.message, fb.message
    assert fb.message[0].isupper()


def test_not_answered_and_answers_entry():
    assert nb00.check_weight_position(None) is NOT_ANSWERED
    assert set(nb00.ANSWERS) == {1} and isinstance(nb00.ANSWERS[1], str)
