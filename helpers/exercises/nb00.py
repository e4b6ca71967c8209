"""Exercise checkers for notebook 00 (the notation crosswalk)."""

from __future__ import annotations

import numbers

from ..example222 import EDGE_OF
from ..i18n import _
from .feedback import NOT_ANSWERED, Feedback, describe

__all__ = ["EX1_WEIGHT", "expected_weight_position", "check_weight_position", "check_nielsen_symbol", "ANSWERS"]

# Exercise 1: where one weight of the 2-2-2 example sits in this series' matrix W^l (row j, column k).
# The notebook prints W^1's layout (w1..w4) above the exercise, never W^2's.
EX1_WEIGHT = "w7"


def expected_weight_position() -> tuple[int, int]:
    """(row, column) of EX1_WEIGHT in W² (0-based, as numpy indexes): into neuron j from neuron k."""
    _, j, k = EDGE_OF[EX1_WEIGHT]
    return j, k


def _name_at(layer: int, j: int, k: int) -> str:
    """The walk-through's name of the weight at W^layer[j, k]."""
    return next(name for name, edge in EDGE_OF.items() if edge == (layer, j, k))


def _read_position(answer) -> tuple[int, int] | Feedback:
    if answer is None:
        return NOT_ANSWERED
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return Feedback(False, _("Answer with a pair (row, column) such as (0, 1); you gave {given}.").format(
            given=describe(answer)))
    if not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in answer):
        return Feedback(False, _("Row and column are whole numbers, as in W2[0, 1]; you gave {given}.").format(
            given=tuple(answer)))
    return int(answer[0]), int(answer[1])


def check_weight_position(answer) -> Feedback:
    """Exercise 1: the (row, column) of w7 in W² of the 2-2-2 example (0-based, numpy's W2[row, column])."""
    position = _read_position(answer)
    if isinstance(position, Feedback):
        return position
    row, col = expected_weight_position()
    if position == (row, col):
        return Feedback(True, _("{weight} carries out_h1 (column {col}: it comes from hidden neuron 1) into "
                                "o2 (row {row}: it arrives at output neuron 2), so it is W2[{row}, {col}].").format(
                                    weight=EX1_WEIGHT, row=row, col=col))
    if position == (col, row):
        held = _name_at(2, *position)
        return Feedback(False, _("W2[{row}, {col}] holds {held}. You read the indices from → into; "
                                 "this series writes into ← from: the row is where the signal arrives, the column "
                                 "where it comes from.").format(row=position[0], col=position[1], held=held))
    if position == (row + 1, col + 1):
        return Feedback(False, _("Right neurons, counted from 1. numpy counts rows and columns from 0: "
                                 "subtract 1 from each."))
    if position == (col + 1, row + 1):
        return Feedback(False, _("Counted from 1 and read from → into. numpy counts from 0, and the row is "
                                 "where the signal arrives."))
    if all(0 <= n < 2 for n in position):
        held = _name_at(2, *position)
        return Feedback(False, _("W2[{row}, {col}] holds {held}, not {weight}. Find where "
                                 "{weight} comes from and where it goes in the walk-through's diagram.").format(
                                     row=position[0], col=position[1], held=held, weight=EX1_WEIGHT))
    return Feedback(False, _("W2 is 2×2: its rows and columns are numbered 0 and 1."))


# What each source calls the weighted input of hidden neuron 1 in the 2-2-2 example (kept for older copies
# of the notebook, whose exercise asked for it).
NIELSEN_WEIGHTED_INPUT = "z"


def check_nielsen_symbol(answer: str | None) -> Feedback:
    """Which letter does Nielsen use for what the 2-2-2 walk-through calls net_h1?"""
    if answer is None:
        return NOT_ANSWERED
    if not isinstance(answer, str):
        return Feedback(False, _("Answer with a letter in quotes, like 'q'; you gave {given}.").format(
            given=describe(answer)))
    letter = answer.strip().split("^")[0].split("_")[0].lower()
    if letter == NIELSEN_WEIGHTED_INPUT:
        return Feedback(True, _("Nielsen writes z^l_j for the weighted input; the walk-through writes net."))
    if letter == "a":
        return Feedback(False, _("The letter a is the activation, the value *after* the sigmoid (the walk-through's "
                                 "out_h1)."))
    if letter == "u":
        return Feedback(False, _("The letter u is seed note 002's letter for it; look at Nielsen's row of the "
                                 "crosswalk."))
    return Feedback(False, _("Find the 'pre-activation' column of the crosswalk, Nielsen's row."))


# Exercise number -> its answer (tests/test_exercise_answers_hidden.py).
ANSWERS = {1: "a (row, column) position of whole numbers 0 or 1, too short to find in printed output"}
