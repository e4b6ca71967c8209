"""Exercise checkers for notebook 00 (the notation crosswalk)."""

from __future__ import annotations

from .feedback import NOT_ANSWERED, Feedback, describe

# What each source calls the weighted input of hidden neuron 1 in the 2-2-2 example.
NIELSEN_WEIGHTED_INPUT = "z"


def check_nielsen_symbol(answer: str | None) -> Feedback:
    """Which letter does Nielsen use for what the 2-2-2 walk-through calls net_h1?"""
    if answer is None:
        return NOT_ANSWERED
    if not isinstance(answer, str):
        return Feedback(False, f"Answer with a letter in quotes, like 'q'; you gave {describe(answer)}.")
    letter = answer.strip().split("^")[0].split("_")[0].lower()
    if letter == NIELSEN_WEIGHTED_INPUT:
        return Feedback(True, "Nielsen writes z^l_j for the weighted input; the walk-through writes net.")
    if letter == "a":
        return Feedback(False, "a is the activation, the value *after* the sigmoid (the walk-through's out_h1).")
    if letter == "u":
        return Feedback(False, "u is seed note 002's letter for it; look at Nielsen's row of the crosswalk.")
    return Feedback(False, "Find the 'pre-activation' column of the crosswalk, Nielsen's row.")
