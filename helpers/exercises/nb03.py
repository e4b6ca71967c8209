"""Exercises of notebook 03_vectors_matrices_jacobians. Each ``check_*`` returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from .. import jacobians
from ..activations import relu_prime
from ..gradcheck import numerical_gradient
from ..i18n import _
from ..jacobians import elementwise_jacobian, linear_backward
from .feedback import Feedback, compare_array, read_array, read_shape
from .functions import Draw, check_draws, function_problem, run_and_read

__all__ = ["EX1_W_SHAPE", "EX1_BATCH", "expected_batch_input_grad_shape",
           "EX2_DQ", "EX2_X", "EX2_W", "EX4_X", "check_gradient_shape", "check_dW",
           "check_dx", "check_relu_jacobian", "expected_dW", "expected_dx", "expected_relu_jacobian",
           "BATCH_DRAWS", "batch_draws", "layer_slips", "check_linear_backward_batch", "ANSWERS"]

EX1_W_SHAPE = (3, 5)                              # q = W·x with W of this shape
EX1_BATCH = 7                                     # Exercise 1: Q = W X on a batch of this many samples
EX2_DQ = np.array([1.0, -2.0, 0.5])               # upstream gradient ∂L/∂q, shape (3,)
EX2_X = np.array([0.1, 0.2, 0.3, 0.4])            # input x, shape (4,)
EX2_W = np.array([[1.0, 0.0, -1.0, 2.0],          # weights W, shape (3, 4)
                  [0.5, 1.0, 0.0, -1.0],
                  [2.0, -1.0, 1.0, 0.0]])
EX4_X = np.array([1.5, -2.0, 0.0, 0.25])          # input of a ReLU gate


def expected_batch_input_grad_shape() -> tuple[int, int]:
    """The shape of ∂L/∂X for Q = W X, W of shape EX1_W_SHAPE, X holding EX1_BATCH samples as columns."""
    return (EX1_W_SHAPE[1], EX1_BATCH)


def check_gradient_shape(answer) -> Feedback:
    """Exercise 1: the shape of ∂L/∂X for a batch Q = W X (a tuple): X's own shape."""
    want = expected_batch_input_grad_shape()
    shape = read_shape(answer, _("the shape of ∂L/∂X"), ndim=2)
    if isinstance(shape, Feedback):
        return shape
    if shape == want:
        return Feedback(True, _("∂L/∂X has X's shape {shape}: one number per input entry, a column per "
                                "sample.").format(shape=want))
    if shape == want[::-1]:
        return Feedback(False, _("Transposed: X holds the samples as columns, so ∂L/∂X does too (rows first)."))
    if shape == EX1_W_SHAPE:
        return Feedback(False, _("That is W's shape, the shape of ∂L/∂W. The question asks for the gradient that "
                                 "flows back to the inputs X."))
    if shape == (EX1_W_SHAPE[0], EX1_BATCH):
        return Feedback(False, _("That is Q's shape, the upstream gradient's. Wᵀ turns it into the inputs' shape."))
    return Feedback(False, _("{shape} is not it. A gradient has the shape of the variable it belongs to: "
                             "what shape is X?").format(shape=shape))


def expected_dW() -> np.ndarray:
    """dW = dq xᵀ for EX2_DQ and EX2_X, shape (3, 4)."""
    return linear_backward(EX2_DQ, EX2_X, EX2_W)[0]


def expected_dx() -> np.ndarray:
    """dx = Wᵀ dq for EX2_W and EX2_DQ, shape (4,)."""
    return linear_backward(EX2_DQ, EX2_X, EX2_W)[1]


def check_dW(answer) -> Feedback:
    """Exercise 2: dW for q = W·x given the upstream gradient dq (EX2_DQ) and x (EX2_X)."""
    arr = read_array(answer, "dW")
    if isinstance(arr, Feedback):
        return arr
    if arr.shape == expected_dW().T.shape:
        return Feedback(False, _("Shape (4, 3) is transposed: dW must have W's shape (3, 4). Try dq xᵀ."))
    return compare_array(arr, expected_dW(), what=_("Your dW"), hint=_("dW_ij = dq_i · x_j, i.e. np.outer(dq, x)."))


def check_dx(answer) -> Feedback:
    """Exercise 3: dx = Wᵀ dq for EX2_W and EX2_DQ."""
    arr = read_array(answer, "dx")
    if isinstance(arr, Feedback):
        return arr
    if arr.shape == EX2_DQ.shape:
        return Feedback(False, _("Shape (3,) is q's shape: dx must have x's shape (4,). Multiply by Wᵀ."))
    return compare_array(arr, expected_dx(), what=_("Your dx"), hint="dx = W.T @ dq.")


def expected_relu_jacobian() -> np.ndarray:
    """Jacobian of ReLU at EX4_X: diag(1 where x > 0, else 0), shape (4, 4)."""
    return elementwise_jacobian(relu_prime, EX4_X)


def check_relu_jacobian(answer) -> Feedback:
    """Exercise 4: the full Jacobian of y = max(0, x) at EX4_X (a 4×4 array)."""
    return compare_array(answer, expected_relu_jacobian(), what=_("The ReLU Jacobian"),
                         hint=_("Diagonal: 1 where x_i > 0, 0 elsewhere (also at x_i = 0); "
                                "zeros off the diagonal."))


# ---- write-it-yourself: a batched linear layer's backward ---------------------------------------------
# (n outputs, d inputs, m samples) of the checker's random draws. The first is square (n = d = m), so a
# transposed or reordered product computes there (and can be named) before it crashes on the others.
BATCH_DRAWS = ((3, 3, 3), (2, 4, 5), (4, 3, 2))
BATCH_SEED = 3


def layer_slips() -> tuple[tuple[str, object], ...]:
    """Each slip: the message that names it (in the edition's language), and how it computes (dW, dX)
    from (dQ, X, W)."""
    return (
        (_("dW is transposed: X dQᵀ has one row per input. The gradient has W's shape (n, d): dW = dQ Xᵀ."),
         lambda dQ, X, W: (X @ dQ.T, W.T @ dQ)),
        (_("The product for dW is in the wrong order: dQᵀ X sums over the outputs instead of over the samples. "
           "Each sample adds dq xᵀ (a column times a row), and their sum is dQ Xᵀ."),
         lambda dQ, X, W: (dQ.T @ X, W.T @ dQ)),
        (_("dW holds only one sample's dq xᵀ. Every column of X is a sample that uses the same W, so their "
           "contributions add up: dW = dQ Xᵀ sums over the batch in one product."),
         lambda dQ, X, W: (np.outer(dQ[:, 0], X[:, 0]), W.T @ dQ)),
        (_("dW is divided by m (the mean). The loss here is the sum over the batch, and so is its gradient: "
           "dW = dQ Xᵀ, with no 1/m."), lambda dQ, X, W: (dQ @ X.T / X.shape[1], W.T @ dQ)),
        (_("dX needs the transpose: each input x_j feeds every output q_i through column j of W, so dX = Wᵀ dQ, "
           "not W dQ."), lambda dQ, X, W: (dQ @ X.T, W @ dQ)),
        (_("dX is transposed or in the wrong order: dQᵀ W has one row per sample. dX has X's shape (d, m): "
           "dX = Wᵀ dQ."), lambda dQ, X, W: (dQ @ X.T, dQ.T @ W)),
    )


def _layer_hint() -> str:
    return _("Q = W X with W (n, d), X (d, m), dQ (n, m): dW = dQ Xᵀ has W's shape, dX = Wᵀ dQ has X's shape.")


def batch_draws() -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The checker's random (dQ, X, W) for BATCH_DRAWS (fresh arrays on each call)."""
    rng = np.random.default_rng(BATCH_SEED)
    return [(rng.normal(size=(n, m)), rng.normal(size=(d, m)), rng.normal(size=(n, d))) for n, d, m in BATCH_DRAWS]


def _layer_shape_hint(label: str, got: tuple, want: tuple) -> str:
    if label == "dX" and got == (want[0],):
        return _("dX keeps one column per sample (each sample has its own input): do not sum it over the batch.")
    if label == "dW" and got == want[::-1]:
        return _("Transposed: dW has W's shape (n, d), so it is dQ Xᵀ.")
    return ""


def check_linear_backward_batch(linear_backward_batch) -> Feedback:
    """Exercise 5: the learner's ``linear_backward_batch(dQ, X, W) -> (dW, dX)`` for Q = W X with a batch X
    (d, m) whose columns are samples, against central differences of L = Σ dQ ⊙ (W X) on BATCH_DRAWS."""
    name = "linear_backward_batch"
    problem = function_problem(linear_backward_batch, name, "check_linear_backward_batch")
    if problem is not None:
        return problem
    forbidden = {jacobians.linear_backward_batch: "helpers.jacobians.linear_backward_batch",
                 jacobians.linear_backward: "helpers.jacobians.linear_backward"}

    def draw(inputs: tuple) -> Draw | Feedback:
        dQ, X, W = inputs
        (n, m), d = dQ.shape, X.shape[0]
        where = _("on a layer with n = {n} outputs, d = {d} inputs and a batch of m = {m}").format(n=n, d=d, m=m)
        read = run_and_read(linear_backward_batch, name, {"dQ": dQ, "X": X, "W": W},
                            (np.zeros((n, d)), np.zeros((d, m))), where=where,
                            label=_("what `{name}` returns").format(name=name),
                            parts=("dW", "dX"), shape_hint=_layer_shape_hint, hint=_layer_hint(),
                            forbidden=forbidden, instead=_("dW = dQ @ X.T and dX = W.T @ dQ"))
        if isinstance(read, Feedback):
            return read
        loss_of_W = lambda M: float(np.sum(dQ * (M @ X)))        # noqa: E731  L with ∂L/∂Q = dQ
        loss_of_X = lambda M: float(np.sum(dQ * (W @ M)))        # noqa: E731
        expected = np.concatenate([numerical_gradient(loss_of_W, W).ravel(), numerical_gradient(loss_of_X, X).ravel()])
        variants = []
        for message, slip in layer_slips():
            try:
                dW, dX = slip(dQ, X, W)
                ok = dW.shape == (n, d) and dX.shape == (d, m)
            except ValueError:                    # this slip cannot run on this draw's shapes
                ok = False
            values = np.concatenate([dW.ravel(), dX.ravel()]) if ok else np.full(n * d + d * m, np.nan)
            variants.append((message, values))
        return Draw(where, read[0], expected, read[1], variants)

    return check_draws(draw, batch_draws(), hint=_layer_hint(),
                       ok_message=_("`{name}` agrees with central differences on {count} random layers (square and "
                                    "not, batches of 2 to 5): dW = dQ Xᵀ sums the samples' dq xᵀ, and dX = Wᵀ dQ "
                                    "gives each sample its own column.").format(name=name, count=len(BATCH_DRAWS)))


# Exercise number -> its answer, computed (tests/test_exercise_answers_hidden.py checks that no stored
# output above the exercise prints it, in either edition).
ANSWERS = {1: lambda: np.array(expected_batch_input_grad_shape(), dtype=float), 2: expected_dW, 3: expected_dx,
           4: expected_relu_jacobian, 5: "a function to write (checked against central differences)"}
