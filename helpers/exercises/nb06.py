"""Exercises of notebook 06_matrix_form. Each ``check_*`` takes the learner's answer and returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from .. import mlp
from ..activations import sigmoid, sigmoid_prime
from ..i18n import _
from ..mlp import backprop, forward, init_network, numerical_gradients
from .feedback import Feedback, compare_array, given_digits, read_array, read_shape, rounds_to
from .functions import Draw, check_draws, flatten, function_problem, numbers_of, run_and_read

__all__ = ["bp2_data", "expected_bp2", "check_bp2", "GRAD_SHAPE_NET", "GRAD_SHAPE_BATCH", "GRAD_SHAPE_LAYER",
           "expected_grad_shape", "check_grad_shape", "bias_data", "expected_bias_grad", "check_bias_grad",
           "CODE_NETS", "code_networks", "slipped_backprop", "backprop_slips", "check_backprop_batch", "ANSWERS"]

DIGITS = 3   # the prompts ask for numbers to 3 significant digits or more (code gives them all)


def _rounded_enough(a: float, e: float) -> bool:
    """Whether ``a`` gives ``e`` to DIGITS significant digits or more (0.04 for 0.03997 counts: it is
    0.0400 with Python's trailing zeros dropped)."""
    return (np.isclose(a, e, rtol=1e-6, atol=1e-12) or given_digits(a)[0] >= DIGITS
            or any(a == float(f"{e:.{k}g}") for k in range(DIGITS, 10)))


def _compare_rounded(answer, arr: np.ndarray, expected: np.ndarray, *, what: str, hint: str) -> Feedback:
    """compare_array, but an answer whose every entry is the expected one rounded to the digits written
    (at least DIGITS significant) is right too; fewer digits that agree get a request for more."""
    if arr.shape == expected.shape and not np.allclose(arr, expected, rtol=1e-6, atol=1e-9):
        pairs = list(zip((float(a) for a in arr.ravel()), expected.ravel(), strict=True))
        if all(rounds_to(a, e) for a, e in pairs):
            if all(_rounded_enough(a, e) for a, e in pairs):
                return Feedback(True, _("{what} matches (shape {shape}), rounded to the digits you gave.")
                                .format(what=what, shape=expected.shape))
            return Feedback(False, _("{what} agrees as far as it goes, but give every entry to at least "
                                     "{digits} significant digits (or keep the full numbers your code computes).")
                            .format(what=what, digits=DIGITS))
    return compare_array(arr, expected, what=what, hint=hint)

GRAD_SHAPE_NET = (784, 30, 10)   # exercise 2: layer sizes n_0, n_1, n_2
GRAD_SHAPE_BATCH = 64            # … a batch of this many samples
GRAD_SHAPE_LAYER = 2             # … the shape of ∂C/∂W^2


def bp2_data() -> dict[str, np.ndarray]:
    """Exercise 1's data (a fresh copy each call): W_next = W^{l+1} (3, 4), delta_next = δ^{l+1} (3, 5),
    z = z^l (4, 5) for a sigmoid layer l with 4 neurons and a batch of 5 samples."""
    rng = np.random.default_rng(6)
    return {"W_next": np.round(rng.uniform(-1, 1, (3, 4)), 2),
            "delta_next": np.round(rng.uniform(-0.5, 0.5, (3, 5)), 2),
            "z": np.round(rng.uniform(-2, 2, (4, 5)), 2)}


def expected_bp2() -> np.ndarray:
    """BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l), shape (4, 5)."""
    d = bp2_data()
    return (d["W_next"].T @ d["delta_next"]) * sigmoid_prime(d["z"])


def check_bp2(answer) -> Feedback:
    """Exercise 1: BP2 for one sigmoid layer and a batch."""
    arr = read_array(answer, "δ^l")
    if isinstance(arr, Feedback):
        return arr
    d = bp2_data()
    slips = {
        _("You left out σ'(z^l): multiply elementwise by sigmoid_prime(z)."): d["W_next"].T @ d["delta_next"],
        _("You multiplied by σ(z^l) instead of σ'(z^l) = σ(z)(1 − σ(z))."):
            (d["W_next"].T @ d["delta_next"]) * sigmoid(d["z"]),
    }
    for message, value in slips.items():
        if arr.shape == value.shape and np.allclose(arr, value, rtol=1e-6):
            return Feedback(False, message)
    return _compare_rounded(answer, arr, expected_bp2(), what=_("Your δ^l"),
                            hint=_("W^{l+1} has shape (3, 4) and δ^{l+1} (3, 5): only (W^{l+1})ᵀ δ^{l+1} "
                                   "gives the (4, 5) of layer l."))


def expected_grad_shape() -> tuple[int, int]:
    """The shape of ∂C/∂W^2 for GRAD_SHAPE_NET, computed by running backprop on a zero batch."""
    weights, biases = init_network(list(GRAD_SHAPE_NET), 0)
    X = np.zeros((GRAD_SHAPE_NET[0], GRAD_SHAPE_BATCH))
    Y = np.zeros((GRAD_SHAPE_NET[-1], GRAD_SHAPE_BATCH))
    grads_W, _ = backprop(weights, biases, X, Y)
    return tuple(grads_W[GRAD_SHAPE_LAYER - 1].shape)


def check_grad_shape(answer) -> Feedback:
    """Exercise 2: the shape of ∂C/∂W^2 for a batch of GRAD_SHAPE_BATCH samples."""
    given = read_shape(answer, _("the shape of ∂C/∂W^2"), ndim=2)
    if isinstance(given, Feedback):
        return given
    expected = expected_grad_shape()
    if given == expected:
        return Feedback(True, _("∂C/∂W^2 has the shape of W^2 itself: {shape}. The batch size {batch} "
                                "disappears in the product δ^2 (a^1)ᵀ, which sums over samples.")
                        .format(shape=expected, batch=GRAD_SHAPE_BATCH))
    if given == expected[::-1]:
        return Feedback(False, _("Transposed: W^l has shape (n_l, n_{l−1}) — rows for the layer it feeds."))
    if GRAD_SHAPE_BATCH in given:
        return Feedback(False, _("The batch size does not appear: δ^2 (a^1)ᵀ is ({rows}, {batch}) times "
                                 "({batch}, {columns}).").format(rows=expected[0], batch=GRAD_SHAPE_BATCH,
                                                                 columns=expected[1]))
    return Feedback(False, _("A gradient has the shape of the parameter it belongs to: what is W^2's shape?"))


def bias_data() -> np.ndarray:
    """Exercise 3's δ^L for a batch: shape (2, 4), two output neurons, four samples (a fresh copy)."""
    return np.array([[0.5, -0.25, 0.125, 0.75], [-0.5, 0.25, 1.0, -0.125]])


def expected_bias_grad() -> np.ndarray:
    """BP3 summed over the batch: ∂C/∂b^L = Σ_x δ^{x,L}, shape (2, 1)."""
    return bias_data().sum(axis=1, keepdims=True)


def check_bias_grad(answer) -> Feedback:
    """Exercise 3: ∂C/∂b^L of the summed loss, from δ^L of a batch."""
    arr = read_array(answer, "∂C/∂b^L")
    if isinstance(arr, Feedback):
        return arr
    expected = expected_bias_grad()
    if arr.shape == (2,) and np.allclose(arr, expected.ravel()):
        return Feedback(False, _("Right numbers, but b^L is a column of shape (2, 1): use keepdims=True."))
    if arr.size == 2 and np.allclose(arr.ravel(), expected.ravel() / bias_data().shape[1]):
        return Feedback(False, _("That is the mean over samples; the loss here is the sum, so is its gradient "
                                 "(the 1/m belongs to the update step)."))
    return _compare_rounded(answer, arr, expected, what="∂C/∂b^L",
                            hint=_("Sum δ^L over the batch's columns (axis=1)."))


# ---- write-it-yourself: BP1–BP4 for a batch -------------------------------------------------------------
# (layer sizes, batch size) of the random networks the checker tries. The first has square W^2, W^3, so
# BP2 with W^{l+1} in place of its transpose computes there (and can be named) before it crashes on the next.
CODE_NETS = (((2, 3, 3, 3), 4), ((3, 4, 2), 5), ((4, 5, 3, 2), 6), ((2, 2), 3))
CODE_SEED = 6

_PRIMES = {"right": sigmoid_prime, "none": lambda z: np.ones_like(z), "sigma": sigmoid,
           "of_z": lambda z: z * (1.0 - z)}


def backprop_slips() -> tuple[tuple[str, dict], ...]:
    """Each slip: the message that names it (in the edition's language), and the switches of
    slipped_backprop that reproduce it."""
    sigma = _("σ′(z) is σ(z)(1 − σ(z)); you multiplied by σ(z) itself.")
    of_z = _("σ′(z) = a(1 − a) with a = σ(z), the activation; you computed z(1 − z) from z itself.")
    return (
        (_("BP1: δ^L = (a^L − y) ⊙ σ′(z^L); you left out σ′(z^L)."), {"out_prime": "none"}),
        (_("BP2: after the matrix product, multiply elementwise by σ′(z^l): "
           "δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)."), {"hidden_prime": "none"}),
        (sigma, {"out_prime": "sigma", "hidden_prime": "sigma"}), (sigma, {"out_prime": "sigma"}),
        (sigma, {"hidden_prime": "sigma"}),
        (of_z, {"out_prime": "of_z", "hidden_prime": "of_z"}), (of_z, {"out_prime": "of_z"}),
        (of_z, {"hidden_prime": "of_z"}),
        (_("BP2 goes back through the transpose (W^{l+1})ᵀ; you used W^{l+1} itself."),
         {"transpose": False}),
        (_("The loss is summed over the batch, and so are its gradients: you divided by m (the mean). Keep the "
           "sum; the 1/m belongs to the update step (notebook 07)."), {"scale": "mean"}),
        (_("Wrong sign: δ^L = (a^L − y) ⊙ σ′(z^L), not (y − a^L) ⊙ σ′(z^L)."), {"sign": -1.0}),
    )


def code_networks() -> list[tuple[list, list, np.ndarray, np.ndarray]]:
    """The checker's random (weights, biases, X, Y) for CODE_NETS (fresh arrays on each call)."""
    rng = np.random.default_rng(CODE_SEED)
    nets = []
    for sizes, m in CODE_NETS:
        weights, _ = init_network(list(sizes), rng)
        biases = [rng.normal(0.0, 0.5, (n, 1)) for n in sizes[1:]]
        nets.append((weights, biases, rng.normal(0.0, 1.0, (sizes[0], m)), rng.uniform(0.0, 1.0, (sizes[-1], m))))
    return nets


def slipped_backprop(weights, biases, X, Y, *, sign: float = 1.0, out_prime: str = "right",
                     hidden_prime: str = "right", transpose: bool = True, scale: str = "sum") -> tuple[list, list]:
    """BP1–BP4 (sigmoid, C = ½‖a − y‖² summed over the batch) with switches that reproduce one slip;
    all defaults give the right gradients. A slip that cannot run on this network (a non-square W used
    without its transpose) gives arrays of NaN, which match nothing."""
    zs, acts = forward(weights, biases, X)
    L, m = len(weights), X.shape[1]
    gW, gb = [np.full(W.shape, np.nan) for W in weights], [np.full(b.shape, np.nan) for b in biases]
    factor = 1.0 / m if scale == "mean" else 1.0
    delta = sign * (acts[-1] - Y) * _PRIMES[out_prime](zs[-1])                          # BP1
    for i in range(L - 1, -1, -1):                                                     # layer l = i + 1
        if i < L - 1:
            back = weights[i + 1].T if transpose else weights[i + 1]
            if back.shape[1] != delta.shape[0]:
                return gW, gb
            delta = (back @ delta) * _PRIMES[hidden_prime](zs[i])                      # BP2
        gb[i] = factor * delta.sum(axis=1, keepdims=True)                               # BP3
        gW[i] = factor * delta @ acts[i].T                                                 # BP4
    return gW, gb


def _shape_hint(label: str, got: tuple, want: tuple) -> str:
    if label.startswith("grads_b") and len(got) == 2 and got[0] == want[0] and got[1] > 1:
        return _("BP3 sums δ^l over the batch (the columns): delta.sum(axis=1, keepdims=True).")
    if label.startswith("grads_W") and len(got) == 2 and got[0] == want[0] and got[1] == got[0]:
        return _("BP4 pairs δ^l with the activations of the layer before: δ^l (a^{l−1})ᵀ, "
                 "shape (n_l, n_{l−1}).")
    if label.startswith("grads_W") and got == want[::-1]:
        return _("Transposed: BP4 is δ^l (a^{l−1})ᵀ, of W^l's shape (n_l, n_{l−1}).")
    return ""


def _reversed(out, template) -> Feedback | None:
    """Feedback when the learner's lists hold the right shapes in reverse order (output layer first)."""
    if not isinstance(out, (tuple, list)) or len(out) != 2 or len(template[0]) < 2:
        return None
    flipped = tuple(list(part)[::-1] if isinstance(part, (list, tuple)) else part for part in out)
    if isinstance(flatten(out, template, "g"), Feedback) and not isinstance(flatten(flipped, template, "g"),
                                                                               Feedback):
        return Feedback(False, _("Your lists are in reverse order: grads_W[0] must be ∂C/∂W^1, the first layer. "
                                 "Going backwards, fill grads_W[l - 1] by index (or reverse the lists at the end)."))
    return None


def _hint() -> str:
    return _("W^l is (n_l, n_{l−1}); δ^l, z^l and a^l are (n_l, m). BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l); "
             "BP3: δ^l summed over the columns; BP4: δ^l (a^{l−1})ᵀ.")


_ENGINE = {mlp.backprop: "helpers.mlp.backprop", mlp.backprop_per_sample: "helpers.mlp.backprop_per_sample",
           mlp.train_step: "helpers.mlp.train_step", mlp.output_error: "helpers.mlp.output_error"}


def check_backprop_batch(backprop_batch) -> Feedback:
    """Exercise 4: the learner's ``backprop_batch(W, b, X, Y) -> (grads_W, grads_b)`` (lists, W[l-1] = W^l
    of shape (n_l, n_{l−1}), b[l-1] of shape (n_l, 1), X (n_0, m), Y (n_L, m), sigmoid layers, the loss
    ½‖a^L − y‖² summed over the batch), against central differences on the random networks CODE_NETS."""
    name = "backprop_batch"
    problem = function_problem(backprop_batch, name, "check_backprop_batch")
    if problem is not None:
        return problem

    hint, slips = _hint(), backprop_slips()

    def draw(net: tuple) -> Draw | Feedback:
        W, b, X, Y = net
        sizes = "-".join([*(str(w.shape[1]) for w in W), str(W[-1].shape[0])])
        where = _("on a {sizes} network with a batch of {m}").format(sizes=sizes, m=X.shape[1])
        template = ([np.zeros(w.shape) for w in W], [np.zeros(v.shape) for v in b])
        read = run_and_read(backprop_batch, name, {"W": W, "b": b, "X": X, "Y": Y}, template, where=where,
                            label=_("what `{name}` returns").format(name=name), parts=("grads_W", "grads_b"),
                            shape_hint=_shape_hint, hint=hint, precheck=lambda out: _reversed(out, template),
                            forbidden=_ENGINE,
                            instead=_("the forward loop, then BP1 once and BP2, BP3, BP4 per layer, from the last"))
        if isinstance(read, Feedback):
            return read
        variants = [(message, numbers_of(slipped_backprop(W, b, X, Y, **switches)))
                    for message, switches in slips]
        return Draw(where, read[0], numbers_of(numerical_gradients(W, b, X, Y)), read[1], variants)

    networks = ", ".join("-".join(map(str, sizes)) for sizes, _m in CODE_NETS)
    batches = [m for _sizes, m in CODE_NETS]
    return check_draws(draw, code_networks(), hint=hint,
                       ok_message=_("`{name}` agrees with central differences on {count} random networks "
                                    "({networks}; batches of {smallest} to {largest}): BP1–BP4 are right.")
                       .format(name=name, count=len(CODE_NETS), networks=networks, smallest=min(batches),
                               largest=max(batches)))


# Exercise number -> its answer, computed (tests/test_exercise_answers_hidden.py checks that no stored
# output above the exercise prints it, in either edition).
ANSWERS = {1: expected_bp2, 2: lambda: np.array(expected_grad_shape(), dtype=float), 3: expected_bias_grad,
           4: "a function to write (checked against central differences)"}
