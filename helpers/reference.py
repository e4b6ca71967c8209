"""Published reference numbers the series reproduces (copied from the published sources, never
computed here). Notebooks and tests assert the helpers' results against these.

Sources, by title:
- "A Step by Step Backpropagation Example" (the 2-2-2 sigmoid walk-through): ``EXAMPLE_222_*``.
- Stanford CS231n, "Backpropagation, Intuitions" lecture notes and lecture 4: ``CS231N_*``.
- Michael Nielsen, "Neural Networks and Deep Learning", chapters 2–3: the four equations BP1–BP4.
- E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", UCI Machine Learning
  Repository (1998), its description file ``optdigits.names``: ``UCI_OPTDIGITS``.

Each value carries the digits as published; compare with a tolerance of half a unit in the last
published digit (see :func:`published_tolerance`).
"""

from __future__ import annotations

from .i18n import _

# ---- The 2-2-2 sigmoid example -------------------------------------------------------------------
EXAMPLE_222_START = {
    "i1": 0.05, "i2": 0.10,                # inputs
    "t1": 0.01, "t2": 0.99,                # targets
    # input -> hidden (w1: i1->h1, w2: i2->h1, w3: i1->h2, w4: i2->h2)
    "w1": 0.15, "w2": 0.20, "w3": 0.25, "w4": 0.30,
    # hidden -> output (w5: h1->o1, w6: h2->o1, w7: h1->o2, w8: h2->o2)
    "w5": 0.40, "w6": 0.45, "w7": 0.50, "w8": 0.55,
    "b1": 0.35, "b2": 0.60,                # b1 shared by both hidden neurons, b2 by both outputs
    "learning_rate": 0.5,
}

# Published as strings so the number of published digits is kept.
EXAMPLE_222_FORWARD = {
    "net_h1": "0.3775",
    "out_h1": "0.593269992",
    "out_h2": "0.596884378",
    "net_o1": "1.105905967",
    "out_o1": "0.75136507",
    "out_o2": "0.772928465",
    "E_o1": "0.274811083",
    "E_o2": "0.023560026",
    "E_total": "0.298371109",
}

EXAMPLE_222_BACKWARD = {
    "dE_dout_o1": "0.74136507",
    "dout_o1_dnet_o1": "0.186815602",
    "dE_dw5": "0.082167041",
    "dE_dout_h1": "0.036350306",
    "dout_h1_dnet_h1": "0.241300709",
    "dE_dw1": "0.000438568",
}

EXAMPLE_222_UPDATED = {  # after one update, biases not updated, hidden gradients from the old w5..w8
    "w1": "0.149780716", "w2": "0.19956143", "w3": "0.24975114", "w4": "0.29950229",
    "w5": "0.35891648", "w6": "0.408666186", "w7": "0.511301270", "w8": "0.561370121",
}

# Three published figures that do not all follow from the algorithm stated above; notebook 04
# finds which variant produces each.
EXAMPLE_222_PUBLISHED_LATER = {
    "E_after_1_update": "0.291027924",
    "E_after_10000_updates": "0.0000351085",
    "out_o1_after_10000_updates": "0.015912196",
    "out_o2_after_10000_updates": "0.984065734",
}

# The code behind those figures: Matt Mazur's repository "simple-neural-network" on GitHub
# (mattm/simple-neural-network), read in its git history. Two commits bear on notebook 04's readings.
EXAMPLE_222_REPOSITORY = "mattm/simple-neural-network"
EXAMPLE_222_COMMITS = {   # commit: (date, title, what its train() does)
    "31576f6": ("2015-03-14", "Initial commit",
                "updates w5..w8 inside the loop over output neurons, before the hidden deltas are computed "
                "through them"),
    "4b6faac": ("2015-03-15", "Update backprop algorithm so that hidden layer weight updates use original weights",
                "computes every delta first, then updates every weight"),
}
# In both commits the demo loop is `for i in range(10000): nn.train(...); print(i, round(E, 9))`:
# the line labelled i follows i + 1 updates, with E rounded to 9 decimals.
EXAMPLE_222_LOOP_DECIMALS = 9

# ---- CS231n circuits -----------------------------------------------------------------------------
CS231N_ADD_MUL = {  # f(x, y, z) = (x + y) * z
    "inputs": {"x": -2.0, "y": 5.0, "z": -4.0},
    "q": 3.0, "f": -12.0,
    "grads": {"x": -4.0, "y": -4.0, "z": 3.0},
}

CS231N_SIGMOID_NEURON = {  # f = sigmoid(w0*x0 + w1*x1 + w2)
    # As the notes' circuit diagram of the 2-D neuron prints them, to two decimals (the values on the
    # wires, the gradients below them): w0 = 2.00 (-0.20), x0 = -1.00 (0.39), w1 = -3.00 (-0.39),
    # x1 = -2.00 (-0.59), w2 = -3.00 (0.20), output 0.73 (1.00). More digits are ours, not CS231n's.
    "w": [2.0, -3.0, -3.0], "x": [-1.0, -2.0],
    "f": "0.73",
    "grad_x": ["0.39", "-0.59"],
    "grad_w": ["-0.20", "-0.39", "0.20"],
}

CS231N_GATE_PATTERNS = {  # f = 2 * (x*y + max(z, w))
    "inputs": {"x": 3.0, "y": -4.0, "z": 2.0, "w": -1.0},
    "f": -20.0,
    "grads": {"x": -8.0, "y": 6.0, "z": 2.0, "w": 0.0},
}

CS231N_STAGED = {"inputs": {"x": 3.0, "y": -4.0}}  # f = (x + sigmoid(y)) / (sigmoid(x) + (x + y)^2)

CS231N_NORM_WX = {  # f = ||W x||^2
    "W": [[0.1, 0.5], [-0.3, 0.8]], "x": [0.2, 0.4],
    "q": [0.22, 0.26], "f": 0.116,
    "grad_q": [0.44, 0.52],
    "grad_W": [[0.088, 0.176], [0.104, 0.208]],
    "grad_x": [-0.112, 0.636],
}

# ---- The UCI handwritten digits (notebook 07) -----------------------------------------------------
# As published in the set's description (optdigits.names, sections 4, 5 and 9), on the page
# https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits (DOI 10.24432/C50P49).
# Our bundled file (helpers/data/digits.csv.gz) is the test part; notebook 07 checks its per-digit counts.
UCI_OPTDIGITS = {
    "instances": 5620,                     # the page's "Instances": the whole set, both files
    "train_instances": 3823,               # optdigits.tra, "Training 3823"
    "test_instances": 1797,                # optdigits.tes, "Testing 1797"
    "train_writers": 30,                   # "From a total of 43 people, 30 contributed to the training set
    "test_writers": 13,                    #  and different 13 to the test set"
    "train_per_digit": (376, 389, 380, 389, 387, 376, 377, 387, 380, 382),   # digits 0..9, training set
    "test_per_digit": (178, 182, 177, 183, 181, 182, 181, 179, 174, 180),    # digits 0..9, testing set
    "image_size": (8, 8),                  # 4×4 blocks of a 32×32 bitmap, each a count 0..16
    "pixel_max": 16,
}

GRADCHECK_H = 1e-5            # CS231n's centred-difference step
GRADCHECK_GOOD = 1e-7         # relative error at or below this: the analytic gradient is right


def _published(text: str) -> float:
    """``text`` as a float, or a clear error: a published number is kept as a string of digits."""
    if not isinstance(text, str):
        raise TypeError(_("text must be a published number written as a string, e.g. '0.3775'; got "
                          "{kind} {text!r}").format(kind=type(text).__name__, text=text)[:200])
    try:
        number = float(text)
    except ValueError as exc:
        raise ValueError(_("text must be a number written as a string, e.g. '0.3775'; got {text!r}").format(
            text=text)[:200]) from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(_("text must be a finite number; got {text!r}").format(text=text))
    return number


def published_tolerance(text: str) -> float:
    """Half a unit in the last published digit of a number written as ``text`` (e.g. '0.3775' -> 5e-5)."""
    _published(text)
    mantissa = text.lower().split("e")[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    return 0.5 * 10.0 ** (-decimals)


def value(text: str) -> float:
    """The published number as a float."""
    return _published(text)
